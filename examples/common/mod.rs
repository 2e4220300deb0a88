//! What the tuning examples (`tune`, `encoder_dev`) share: the four dev
//! sets, reading a presegmented text, setting parameters by name, scoring
//! a set and expanding `--grid name=v1,v2` flags.

#![allow(dead_code)]

pub mod confusion;

use std::path::{Path, PathBuf};

use tralign::align::{align_with, Bead, Params, Unit};
use tralign::eval::{self, BeadIds};
use tralign::glossary::Glossary;

/// The sentences of a presegmented text (one a line, blank lines skipped).
pub fn units(text: &str) -> Vec<Unit<'_>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Unit::plain)
        .collect()
}

/// Every setting of the grids (their Cartesian product), each a list of
/// `(name, value)`; one empty setting when there is no grid.
pub fn settings(grids: &[(String, Vec<String>)]) -> Vec<Vec<(String, String)>> {
    let mut settings: Vec<Vec<(String, String)>> = vec![vec![]];
    for (n, vs) in grids {
        settings = settings
            .into_iter()
            .flat_map(|s| {
                vs.iter().map(move |v| {
                    let mut s = s.clone();
                    s.push((n.clone(), v.clone()));
                    s
                })
            })
            .collect();
    }
    settings
}

/// One document pair of a dev set: French (or the left language) first.
pub struct Doc {
    pub fr: String,
    pub en: String,
    pub gold: Vec<BeadIds>,
}

fn load(dir: &Path, fr: &str, en: &str, gold: &str) -> Doc {
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Doc {
        fr: read(dir.join(fr)),
        en: read(dir.join(en)),
        gold: eval::read_beads(&dir.join(gold)).expect("gold"),
    }
}

/// A gold file whose left side is English (TransRead), turned French first.
fn swapped(mut d: Doc) -> Doc {
    d.gold = d.gold.into_iter().map(|(a, b)| (b, a)).collect();
    d
}

/// The four dev sets of `root` (`benches/data`): (name, documents), every
/// one aligned French first (German first for textberg-dev).
pub fn dev_sets(root: &Path) -> Vec<(&'static str, Vec<Doc>)> {
    let fren: Vec<Doc> = (0..75)
        .map(|k| {
            let n = format!("nt13-{k:03}");
            load(
                &root.join("fren-dev"),
                &format!("{n}.fr"),
                &format!("{n}.en"),
                &format!("{n}.gold"),
            )
        })
        .collect();
    let berg = vec![load(
        &root.join("textberg-dev"),
        "dev.de",
        "dev.fr",
        "dev.defr",
    )];
    let baf: Vec<Doc> = ["citi2", "cour"]
        .iter()
        .map(|n| {
            load(
                &root.join("baf-dev"),
                &format!("{n}.fr.txt"),
                &format!("{n}.en.txt"),
                &format!("gold/{n}.fr-en.ref"),
            )
        })
        .collect();
    let transread: Vec<Doc> = ["Candide", "JaneEyre", "LesConfessions"]
        .iter()
        .map(|n| {
            swapped(load(
                &root.join("transread-dev"),
                &format!("{n}.fr"),
                &format!("{n}.en"),
                &format!("{n}.en-fr.gold"),
            ))
        })
        .collect();
    vec![
        ("fren-dev", fren),
        ("textberg", berg),
        ("baf-dev", baf),
        ("transread", transread),
    ]
}

/// Sets the parameter `name` of `p` to `v` (a number; 0/1 for switches).
pub fn set(p: &mut Params, name: &str, v: &str) {
    let f: f64 = v.parse().expect("number");
    match name {
        "w_len" => p.w_len = f,
        "w_lex" => p.w_lex = f,
        "expect" => p.expect = f,
        "w_number" => p.w_number = f,
        "w_name" => p.w_name = f,
        "prefix" => p.prefix = f as usize,
        "lexicon" => p.lexicon = f != 0.0,
        "dice" => p.dice = f,
        "debris" => p.debris = f,
        "w_split" => p.w_split = f,
        "w_label" => p.w_label = f,
        "split_tolerance" => p.split_tolerance = f,
        "w_learned" => p.w_learned = f,
        "temperature" => p.temperature = f,
        "w_dictionary" => p.w_dictionary = f,
        "dictionary_share" => p.dictionary_share = f,
        "len_spread" => p.len_spread = f,
        "dictionary" => {
            if f == 0.0 {
                p.dictionary = None;
            }
        }
        "merge_margin" => p.merge_margin = f,
        "w_embed" => p.w_embed = f,
        "embed_centre" => p.embed_centre = f,
        "embed_skip" => p.embed_skip = f,
        "embed_concat" => p.embed_concat = f != 0.0,
        "prior_scale" => p.prior_cost = p.prior_cost.map(|c| c * f),
        "del" => {
            p.prior_cost[1] += f;
            p.prior_cost[2] += f;
        }
        _ if name.starts_with("prior_") => {
            let k: usize = name["prior_".len()..]
                .parse()
                .expect("prior_K, K a bead type index");
            p.prior_cost[k] = f;
        }
        _ => panic!("unknown parameter {name}"),
    }
}

/// A bead as the gold files write it.
pub fn ids(b: &Bead) -> BeadIds {
    (b.fr.clone().collect(), b.en.clone().collect())
}

/// Aligns the documents; returns scores and (confidence, correct) pairs.
pub fn run(docs: &[Doc], p: &Params) -> (eval::Scores, Vec<(f64, bool)>) {
    let g = Glossary::default();
    let mut pairs = Vec::new();
    let mut conf = Vec::new();
    for d in docs {
        let beads = align_with(&units(&d.fr), &units(&d.en), &g, p).beads;
        let test: Vec<BeadIds> = beads.iter().map(ids).collect();
        for (b, t) in beads.iter().zip(&test) {
            conf.push((b.confidence, d.gold.contains(t)));
        }
        pairs.push((d.gold.clone(), test));
    }
    (eval::score(&pairs), conf)
}
