//! `examples/spark/align_corpus.py` in Spark local mode gives, for every
//! pair, the beads `tralign align -f jsonl` gives for that pair alone.
//! Needs python3 with `pyspark` and a Java runtime; skipped when they are
//! missing unless `TRALIGN_REQUIRE_TOOLS=1` (as `.ci/run` sets).

mod util;

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};
use util::{external, repo, Dir};

/// Python with pyspark importable, and java; `None` (skip) when missing.
fn spark_python() -> Option<std::path::PathBuf> {
    let python = external("python3")?;
    external("java")?;
    let ok = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        util::skipped_unless_required("pyspark");
        return None;
    }
    Some(python)
}

/// Three variants of each of the 75 dev documents: as given (one sentence
/// a line), as paragraphs of running text, and with every fifth English
/// sentence left out.
fn corpus() -> Vec<(String, String, String, &'static str)> {
    let data = repo().join("benches/data/fren-dev");
    let mut pairs = Vec::new();
    for k in 0..75 {
        let read =
            |ext: &str| std::fs::read_to_string(data.join(format!("nt13-{k:03}.{ext}"))).unwrap();
        let (fr, en) = (read("fr"), read("en"));
        let paragraphs = |text: &str| {
            let lines: Vec<&str> = text.lines().collect();
            lines
                .chunks(4)
                .map(|c| c.join(" "))
                .collect::<Vec<_>>()
                .join("\n\n")
                + "\n"
        };
        let thinned: String = en
            .lines()
            .enumerate()
            .filter(|(i, _)| i % 5 != 4)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        pairs.push((format!("{k}-lines"), fr.clone(), en.clone(), "presegmented"));
        pairs.push((
            format!("{k}-text"),
            paragraphs(&fr),
            paragraphs(&en),
            "auto",
        ));
        pairs.push((format!("{k}-thin"), fr, thinned, "presegmented"));
    }
    pairs
}

#[test]
fn spark_job_gives_the_beads_of_align_for_every_pair() {
    let Some(python) = spark_python() else { return };
    let d = Dir::new();
    let pairs = corpus();
    assert_eq!(pairs.len(), 225);
    let mut input = String::new();
    for (id, fr, en, format) in &pairs {
        let line = json!({"id": id, "fr": fr, "en": en, "format": format, "meta": {"variant": id}});
        input.push_str(&line.to_string());
        input.push('\n');
    }
    input.push_str("{\"id\": \"broken\", \"fr\": \"Bonjour.\"}\n");
    d.file("corpus.jsonl", &input);

    let start = Instant::now();
    let out = Command::new(&python)
        .arg(repo().join("examples/spark/align_corpus.py"))
        .args([
            "corpus.jsonl",
            "aligned",
            "--master",
            "local[2]",
            "--partitions",
            "4",
        ])
        .arg("--tralign")
        .arg(env!("CARGO_BIN_EXE_tralign"))
        .current_dir(d.tmp.path())
        .output()
        .expect("run the Spark job");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    eprintln!("Spark job: {:.1} s", took.as_secs_f64());
    assert!(
        stderr.contains("225 pairs aligned") && stderr.contains("1 errors"),
        "{stderr}"
    );

    // Every output line, grouped by pair.
    let mut beads: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    let mut done: BTreeMap<String, Value> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut parts: Vec<_> = std::fs::read_dir(d.path("aligned"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    assert!(parts.len() >= 2, "{parts:?}");
    for part in parts {
        for line in std::fs::read_to_string(part).unwrap().lines() {
            let mut v: Value = serde_json::from_str(line).unwrap();
            if v.get("error").is_some() {
                errors.push(v);
                continue;
            }
            let id = v["id"].as_str().unwrap().to_string();
            assert_eq!(v["meta"], json!({"variant": id}));
            if v["done"] == json!(true) {
                assert!(done.insert(id, v).is_none(), "two done lines");
            } else {
                let o = v.as_object_mut().unwrap();
                o.remove("id");
                o.remove("meta");
                beads.entry(id).or_default().push(v);
            }
        }
    }
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["id"], json!("broken"));
    assert!(errors[0]["error"]
        .as_str()
        .unwrap()
        .contains("missing field `en`"));
    assert_eq!(done.len(), 225);

    // The same pairs through `tralign align -f jsonl`, one at a time.
    for (id, fr, en, format) in &pairs {
        d.file("p.fr.txt", fr);
        d.file("p.en.txt", en);
        let mut args = vec!["align", "-f", "jsonl"];
        if *format == "presegmented" {
            args.push("--presegmented");
        }
        args.extend(["p.fr.txt", "p.en.txt"]);
        let want: Vec<Value> = d
            .run(&args)
            .ok()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let got = beads.get(id).cloned().unwrap_or_default();
        assert_eq!(got, want, "pair {id}");
        assert_eq!(done[id]["beads"], json!(want.len()), "pair {id}");
    }
}
