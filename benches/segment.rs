//! Segmentation throughput: structures and segments at least 10 MB of news
//! text (the newstest2013 cases in benches/data/seg, repeated) and prints MB/s
//! per language. Run with `cargo bench --bench segment`.

use std::time::Instant;

use tralign::segment::Lang;
use tralign::Segmented;

const TARGET_BYTES: usize = 12 * 1024 * 1024;

fn corpus(file: &str) -> String {
    let path = format!("{}/benches/data/seg/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(path).expect("bench data");
    let mut paragraphs = String::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        paragraphs.push_str(case["text"].as_str().unwrap_or_default());
        paragraphs.push_str("\n\n");
    }
    let mut text = String::with_capacity(TARGET_BYTES + paragraphs.len());
    while text.len() < TARGET_BYTES {
        text.push_str(&paragraphs);
    }
    text
}

fn main() {
    println!("| language | MB | sentences | best of 5 (s) | MB/s |");
    println!("|---|---|---|---|---|");
    for (lang, file) in [(Lang::Fr, "news13_fr.jsonl"), (Lang::En, "news13_en.jsonl")] {
        let text = corpus(file);
        let mb = text.len() as f64 / 1e6;
        let mut best = f64::INFINITY;
        let mut sentences = 0;
        for _ in 0..5 {
            let input = text.clone();
            let start = Instant::now();
            let seg = Segmented::from_text(input, lang, false);
            best = best.min(start.elapsed().as_secs_f64());
            sentences = std::hint::black_box(seg.sentences.len());
        }
        println!(
            "| {lang:?} | {mb:.1} | {sentences} | {best:.3} | {:.0} |",
            mb / best
        );
    }
}
