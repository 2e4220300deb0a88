//! Scaling benchmark for the aligner (`harness = false`).
//!
//! `cargo bench --bench align` builds long documents from the fren-dev data
//! (its 75 documents concatenated in a seeded random order, again and again,
//! so the merges and omissions of the dev set recur at the same rate) and
//! times the alignment at 5k, 20k and 50k sentences a side, in process.
//! `cargo bench --bench align -- --generate DIR N` only writes `DIR/N.fr`,
//! `DIR/N.en` and `DIR/N.gold` (used by `benches/align_scale.sh`, which
//! measures the binary's time and peak memory).

use std::path::Path;
use std::time::Instant;

use tralign::align::{align_with, Params, Unit};
use tralign::glossary::Glossary;

/// A deterministic generator (64-bit LCG): same seed, same documents.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// French lines, English lines and gold bead lines of a document with at
/// least `n` sentences a side.
fn build(n: usize) -> (Vec<String>, Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/fren-dev");
    let docs: Vec<(Vec<String>, Vec<String>, Vec<String>)> = (0..75)
        .map(|k| {
            let read = |ext: &str| -> Vec<String> {
                std::fs::read_to_string(dir.join(format!("nt13-{k:03}.{ext}")))
                    .expect("fren-dev data")
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(String::from)
                    .collect()
            };
            (read("fr"), read("en"), read("gold"))
        })
        .collect();
    let mut rng = Lcg(20_240_611);
    let (mut fr, mut en, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    while fr.len() < n || en.len() < n {
        let (f, e, g) = &docs[rng.below(docs.len())];
        let (of, oe) = (fr.len(), en.len());
        for line in g {
            let (l, r) = line.split_once(':').expect("bead line");
            let shift = |s: &str, off: usize| -> String {
                let ids: Vec<String> = s
                    .trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| (x.trim().parse::<usize>().expect("id") + off).to_string())
                    .collect();
                format!("[{}]", ids.join(", "))
            };
            gold.push(format!("{}:{}", shift(l, of), shift(r, oe)));
        }
        fr.extend(f.iter().cloned());
        en.extend(e.iter().cloned());
    }
    (fr, en, gold)
}

fn units(lines: &[String]) -> Vec<Unit<'_>> {
    lines.iter().map(|t| Unit::plain(t)).collect()
}

/// CPU time of this process so far, in seconds (Linux; 0 elsewhere): on a
/// busy machine it says more than the wall clock.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(k) = args.iter().position(|a| a == "--generate") {
        let dir = Path::new(&args[k + 1]);
        let n: usize = args[k + 2].parse().expect("size");
        let (fr, en, gold) = build(n);
        std::fs::create_dir_all(dir).expect("output folder");
        for (ext, lines) in [("fr", &fr), ("en", &en), ("gold", &gold)] {
            std::fs::write(dir.join(format!("{n}.{ext}")), lines.join("\n") + "\n").expect("write");
        }
        return;
    }
    // The shipped dictionary is read and parsed on first use: time that alone.
    let start = Instant::now();
    let dictionary = tralign::align::Dictionary::default_list()
        .expect("the shipped dictionary reads")
        .expect("the shipped dictionary is found");
    println!(
        "shipped dictionary: {} stem pairs read and parsed in {:.1} ms",
        dictionary.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "{:>8} {:>8} {:>10} {:>10} {:>8}",
        "fr", "en", "seconds", "cpu", "beads"
    );
    let (fr, en, _) = build(50_000);
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let no_dictionary = Params {
        dictionary: None,
        ..Params::default()
    };
    let beads = align_with(
        &units(&fr),
        &units(&en),
        &Glossary::default(),
        &no_dictionary,
    )
    .beads;
    println!(
        "{:>8} {:>8} {:>10.3} {:>10.3} {:>8} (without the dictionary)",
        fr.len(),
        en.len(),
        start.elapsed().as_secs_f64(),
        cpu_seconds() - cpu,
        beads.len()
    );
    for n in [5_000, 20_000, 50_000] {
        let (fr, en, _) = build(n);
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let beads = align_with(
            &units(&fr),
            &units(&en),
            &Glossary::default(),
            &Params::default(),
        )
        .beads;
        println!(
            "{:>8} {:>8} {:>10.3} {:>10.3} {:>8}",
            fr.len(),
            en.len(),
            start.elapsed().as_secs_f64(),
            cpu_seconds() - cpu,
            beads.len()
        );
    }
}
