//! Fits and checks the aligner's parameters on the dev data.
//!
//! ```text
//! cargo run --release --example tune -- [name=value ...] [--grid name=v1,v2,... ...] [--per-doc]
//! ```
//! For each parameter setting: strict/lax F1 on the four dev sets of
//! `benches/data` (fren-dev, 75 documents pooled; textberg-dev; baf-dev, two
//! documents pooled; transread-dev, three novels pooled, gold turned French
//! first), and how well the confidence separates right beads (in the gold)
//! from wrong ones: ROC AUC, expected calibration error (ten bins) and the
//! precision of beads above / below the `low_confidence` threshold. With
//! `--per-doc`, each document of the small sets too; with `--confusion`, per
//! set, what became of each gold bead type (same bead, split into smaller
//! beads, inside a larger one, crossed) and why the wrong output beads are
//! wrong (grouping only: every link right; misaligned: some link wrong).
//! With `--beads DIR`, the output beads of each document go to
//! `DIR/SET-K.beads` (French indices first). Also the best confidence
//! temperature by log-likelihood.

mod common;

use std::path::{Path, PathBuf};

use common::{dev_sets, run, set, Doc};
use tralign::align::{align_with, Params};
use tralign::eval;
use tralign::glossary::Glossary;

fn auc(v: &[(f64, bool)]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut pos, mut k) = (0.0, 0.0, 0);
    while k < v.len() {
        let mut e = k;
        while e < v.len() && v[e].0 == v[k].0 {
            e += 1;
        }
        let avg = (k + e + 1) as f64 / 2.0;
        for x in &v[k..e] {
            if x.1 {
                rank_sum += avg;
                pos += 1.0;
            }
        }
        k = e;
    }
    let neg = v.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return 0.5;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Expected calibration error: the mean gap between confidence and the
/// share of right beads, over ten equal-width confidence bins.
fn ece(v: &[(f64, bool)]) -> f64 {
    let mut bins = [(0.0f64, 0.0f64, 0usize); 10];
    for &(c, r) in v {
        let b = ((c * 10.0) as usize).min(9);
        bins[b].0 += c;
        bins[b].1 += f64::from(u8::from(r));
        bins[b].2 += 1;
    }
    let n = v.len().max(1) as f64;
    bins.iter()
        .filter(|b| b.2 > 0)
        .map(|b| (b.0 - b.1).abs() / n)
        .sum()
}

fn report(name: &str, s: &eval::Scores, conf: &[(f64, bool)], low: f64) {
    let above: Vec<_> = conf.iter().filter(|c| c.0 >= low).collect();
    let below: Vec<_> = conf.iter().filter(|c| c.0 < low).collect();
    let prec = |v: &[&(f64, bool)]| v.iter().filter(|c| c.1).count() as f64 / v.len().max(1) as f64;
    println!(
        "  {name:9} strict P/R/F1 {:.4} {:.4} {:.4} | lax {:.4} {:.4} {:.4} | AUC {:.3} ECE {:.3} | >= {low}: {} beads, {:.3} right | below: {} beads, {:.3} right",
        s.precision_strict, s.recall_strict, s.f1_strict, s.precision_lax, s.recall_lax, s.f1_lax,
        auc(conf), ece(conf), above.len(), prec(&above), below.len(), prec(&below)
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let sets = dev_sets(&root);
    let mut base = Params::default();
    let mut grids: Vec<(String, Vec<String>)> = Vec::new();
    let mut per_doc = false;
    let mut confusion = false;
    let mut beads_dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--grid" {
            let g = args.next().expect("--grid name=v1,v2");
            let (n, vs) = g.split_once('=').expect("name=values");
            grids.push((n.into(), vs.split(',').map(String::from).collect()));
        } else if a == "--per-doc" {
            per_doc = true;
        } else if a == "--beads" {
            beads_dir = Some(PathBuf::from(args.next().expect("--beads DIR")));
        } else if a == "--confusion" {
            confusion = true;
        } else {
            let (n, v) = a.split_once('=').expect("name=value");
            set(&mut base, n, v);
        }
    }
    let settings = common::settings(&grids);
    for s in settings {
        let mut p = base.clone();
        for (n, v) in &s {
            set(&mut p, n, v);
        }
        let results: Vec<(eval::Scores, Vec<(f64, bool)>)> =
            sets.iter().map(|(_, docs)| run(docs, &p)).collect();
        let min = results
            .iter()
            .map(|r| r.0.f1_strict)
            .fold(f64::INFINITY, f64::min);
        let mean = results.iter().map(|r| r.0.f1_strict).sum::<f64>() / results.len() as f64;
        println!("{s:?}  strict F1 mean {mean:.4} min {min:.4}");
        for ((name, docs), (sc, conf)) in sets.iter().zip(&results) {
            report(name, sc, conf, p.low_confidence);
            if per_doc && docs.len() <= 3 {
                for d in docs {
                    let (ds, dc) = run(std::slice::from_ref(d), &p);
                    report("  doc", &ds, &dc, p.low_confidence);
                }
            }
        }
        if let Some(dir) = &beads_dir {
            write_beads(dir, &sets, &p);
        }
        if confusion {
            for (name, docs) in &sets {
                common::confusion::print(name, docs, &p);
            }
        }
        if grids.is_empty() {
            let all: Vec<(f64, bool)> = results.iter().flat_map(|r| r.1.iter().copied()).collect();
            best_temperature(&all, &p);
            coverage_check(&sets[0].1, &sets[1].1[0], &p);
        }
    }
}

/// Confidence temperature by log-likelihood of "bead is right".
fn best_temperature(all: &[(f64, bool)], p: &Params) {
    let margins: Vec<(f64, bool)> = all
        .iter()
        .map(|&(c, r)| (-(1.0 - c.min(1.0 - 1e-12)).ln() * p.temperature, r))
        .collect();
    let mut best = (f64::NEG_INFINITY, 0.0);
    for t in [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0] {
        let ll: f64 = margins
            .iter()
            .map(|&(m, r)| {
                let c = (1.0 - (-m / t).exp()).clamp(1e-6, 1.0 - 1e-6);
                if r {
                    c.ln()
                } else {
                    (1.0 - c).ln()
                }
            })
            .sum();
        if ll > best.0 {
            best = (ll, t);
        }
    }
    println!("  best temperature by log-likelihood: {}", best.1);
}

/// Anchor coverage of true pairs against mismatched documents.
fn coverage_check(fren: &[Doc], berg: &Doc, p: &Params) {
    let g = Glossary::default();
    let ratio = |fr: &str, en: &str| {
        align_with(&common::units(fr), &common::units(en), &g, p)
            .evidence
            .coverage
    };
    let mut good: Vec<f64> = fren.iter().map(|d| ratio(&d.fr, &d.en)).collect();
    let mut bad: Vec<f64> = (0..fren.len())
        .map(|k| ratio(&fren[k].fr, &fren[(k + 1) % fren.len()].en))
        .collect();
    good.sort_by(f64::total_cmp);
    bad.sort_by(f64::total_cmp);
    println!(
        "  anchor coverage: translations min {:.2} median {:.2}; mismatched median {:.2} max {:.2}; textberg {:.2}",
        good[0], good[good.len() / 2], bad[bad.len() / 2], bad[bad.len() - 1],
        ratio(&berg.fr, &berg.en)
    );
    let flagged = bad.iter().filter(|r| **r < p.min_coverage).count();
    let missed = good.iter().filter(|r| **r < p.min_coverage).count();
    println!(
        "  below min_coverage {}: {flagged}/{} mismatched, {missed}/{} true pairs",
        p.min_coverage,
        bad.len(),
        good.len()
    );
}

/// The row a bead type falls in, in the confusion table.
/// Writes each document's output beads as `DIR/SET-K.beads`.
fn write_beads(dir: &Path, sets: &[(&str, Vec<Doc>)], p: &Params) {
    let g = Glossary::default();
    std::fs::create_dir_all(dir).expect("beads folder");
    for (name, docs) in sets {
        for (k, d) in docs.iter().enumerate() {
            let beads = align_with(&common::units(&d.fr), &common::units(&d.en), &g, p).beads;
            let list = |r: &std::ops::Range<usize>| {
                r.clone()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let text: String = beads
                .iter()
                .map(|b| format!("[{}]:[{}]\n", list(&b.fr), list(&b.en)))
                .collect();
            std::fs::write(dir.join(format!("{name}-{k}.beads")), text).expect("write beads");
        }
    }
}
