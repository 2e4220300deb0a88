//! Glossary matching throughput: a 10,000-entry glossary, generated
//! deterministically (syllable names of one to three words, with variants),
//! matched over 1 MB of generated French-like text in which about one word
//! in twenty starts a glossary term. Prints MB/s for matching alone (token
//! keys given) and for tokenising plus matching. Run with
//! `cargo bench --bench glossary`.

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use tralign::glossary::{Glossary, Matcher, Side};
use tralign::text;

const ENTRIES: usize = 10_000;
const TEXT_BYTES: usize = 1_000_000;

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "da", "ma", "al", "ha", "sa", "ra", "mi", "qu", "ne", "ou", "ka", "zo", "deir", "tal", "bi",
    "seh", "far", "las", "pal", "myr", "hom", "kur", "ez", "ab", "dul", "ja", "zi", "ra", "sy",
    "lé", "é", "nou", "wa", "ya", "ti",
];

const WORDS: &[&str] = &[
    "les",
    "forces",
    "de",
    "l’opposition",
    "ont",
    "annoncé",
    "le",
    "retrait",
    "des",
    "troupes",
    "dans",
    "la",
    "province",
    "ville",
    "à",
    "kilomètres",
    "du",
    "centre",
    "et",
    "sources",
    "locales",
    "ont",
    "rapporté",
    "que",
    "régime",
    "armée",
    "contrôle",
    "base",
    "aérienne",
    "sud",
];

fn name(rng: &mut Lcg) -> String {
    let words = 1 + rng.next(3);
    (0..words)
        .map(|_| {
            let n = 2 + rng.next(2);
            let w: String = (0..n)
                .map(|_| SYLLABLES[rng.next(SYLLABLES.len())])
                .collect();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(if rng.next(4) == 0 { "-" } else { " " })
}

fn main() {
    let mut rng = Lcg(42);
    let mut csv = String::from("fr,en,fr_variants,en_variants\n");
    let mut names = Vec::with_capacity(ENTRIES);
    let mut seen = std::collections::HashSet::new();
    while names.len() < ENTRIES {
        let fr = name(&mut rng);
        if !seen.insert(tralign::glossary::term_key(&fr)) {
            continue;
        }
        let en = format!("{fr}a");
        let variant = fr.replace("ou", "u");
        csv.push_str(&format!("\"{fr}\",\"{en}\",\"{variant}\",\n"));
        names.push(fr);
    }
    let glossary = Glossary::parse(&csv, Path::new("generated.csv")).expect("generated glossary");
    let start = Instant::now();
    let matcher = Matcher::new(&glossary);
    let build = start.elapsed().as_secs_f64();

    let mut sentences = Vec::new();
    let mut bytes = 0;
    while bytes < TEXT_BYTES {
        let mut s = String::new();
        for k in 0..20 + rng.next(15) {
            if k > 0 {
                s.push(' ');
            }
            if rng.next(20) == 0 {
                s.push_str(&names[rng.next(names.len())]);
            } else {
                s.push_str(WORDS[rng.next(WORDS.len())]);
            }
        }
        s.push('.');
        bytes += s.len() + 1;
        sentences.push(s);
    }
    let keys: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| text::tokens(s).into_iter().map(|t| t.key).collect())
        .collect();
    let mb = bytes as f64 / 1e6;

    let mut best_match = f64::INFINITY;
    let mut best_total = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..5 {
        let start = Instant::now();
        hits = 0;
        for k in &keys {
            let k: Vec<&str> = k.iter().map(String::as_str).collect();
            hits += black_box(matcher.find(&k, Side::Fr)).len();
        }
        best_match = best_match.min(start.elapsed().as_secs_f64());
        let start = Instant::now();
        for s in &sentences {
            let t = text::tokens(s);
            let k: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
            black_box(matcher.find(&k, Side::Fr));
        }
        best_total = best_total.min(start.elapsed().as_secs_f64());
    }
    println!(
        "glossary: {} entries (each with a variant column), matcher built in {:.3} s; text: {:.2} MB, {} sentences, {} term matches",
        glossary.entries.len(),
        build,
        mb,
        sentences.len(),
        hits
    );
    println!("| what | best of 5 (s) | MB/s |");
    println!("|---|---|---|");
    println!(
        "| match (keys given) | {best_match:.4} | {:.1} |",
        mb / best_match
    );
    println!(
        "| tokenise + match | {best_total:.4} | {:.1} |",
        mb / best_total
    );
}
