//! `tralign pipe`: JSON Lines in, JSON Lines out, through the binary.

mod util;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use util::{repo, Dir};

fn dev(name: &str) -> String {
    std::fs::read_to_string(repo().join("benches/data/fren-dev").join(name)).unwrap()
}

fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Runs `tralign ARGS` with `input` as standard input, read from a file
/// (a large input written through a pipe while the output pipe fills up
/// would deadlock the test, not tralign).
fn run_pipe(d: &Dir, args: &[&str], input: &[u8]) -> String {
    let path = d.file("input.jsonl", input);
    let out = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(d.tmp.path())
        .stdin(std::fs::File::open(path).unwrap())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// `align -f jsonl` on the same two texts, written to files.
fn align_jsonl(d: &Dir, fr: &str, en: &str, extra: &[&str]) -> Vec<Value> {
    d.file("a.fr.txt", fr);
    d.file("a.en.txt", en);
    let mut args = vec!["align", "-f", "jsonl"];
    args.extend_from_slice(extra);
    args.extend(["a.fr.txt", "a.en.txt"]);
    lines(&d.run(&args).ok())
}

#[test]
fn beads_match_align_and_every_document_is_closed() {
    let d = Dir::new();
    let (fr0, en0) = (dev("nt13-006.fr"), dev("nt13-006.en"));
    let (fr1, en1) = (dev("nt13-007.fr"), dev("nt13-007.en"));
    let input = [
        json!({"id": "p0", "fr": fr0, "en": en0, "format": "presegmented", "meta": {"batch": 7}}),
        json!({"id": 41, "fr": fr1, "en": en1}),
    ]
    .map(|v| v.to_string() + "\n")
    .concat();
    let out = lines(&run_pipe(&d, &["pipe"], input.as_bytes()));
    let want0 = align_jsonl(&d, &fr0, &en0, &["--presegmented"]);
    let want1 = align_jsonl(&d, &fr1, &en1, &[]);
    let mut k = 0;
    for (id, want, meta) in [
        (json!("p0"), &want0, Some(json!({"batch": 7}))),
        (json!(41), &want1, None),
    ] {
        for bead in want {
            let mut got = out[k].clone();
            let got = got.as_object_mut().unwrap();
            assert_eq!(got.remove("id"), Some(id.clone()));
            assert_eq!(got.remove("meta"), meta.clone());
            assert_eq!(&Value::Object(got.clone()), bead);
            k += 1;
        }
        let done = &out[k];
        assert_eq!(done["id"], id);
        assert_eq!(done["done"], json!(true));
        assert_eq!(done["beads"], json!(want.len()));
        assert_eq!(done["warnings"], json!([]));
        assert_eq!(done.get("meta").cloned(), meta);
        k += 1;
    }
    assert_eq!(k, out.len());
    let done0 = &out[want0.len()];
    assert_eq!(done0["sentences_fr"], json!(fr0.lines().count()));
    assert_eq!(done0["sentences_en"], json!(en0.lines().count()));
}

#[test]
fn bad_lines_are_reported_with_their_number_and_skipped() {
    let d = Dir::new();
    let (fr, en) = (dev("nt13-008.fr"), dev("nt13-008.en"));
    let good = json!({"id": "ok", "fr": fr, "en": en, "format": "presegmented"}).to_string();
    let mut input = Vec::new();
    for line in [
        "{not json".to_string(),
        json!({"id": "no-en", "fr": "Bonjour.", "meta": [1]}).to_string(),
        String::new(),
        json!({"fr": "Bonjour.", "en": "Hello."}).to_string(),
        json!({"id": "fmt", "fr": "a", "en": "b", "format": "docx"}).to_string(),
        json!({"id": "num", "fr": 3, "en": "b"}).to_string(),
        json!({"id": "nul", "fr": "Un\u{0}deux.", "en": "One."}).to_string(),
        "[1, 2]".to_string(),
        good.clone(),
    ] {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"{\"id\": \"bytes\", \"fr\": \"\xFF\"}\n");
    input.extend_from_slice(good.as_bytes());
    let out = lines(&run_pipe(&d, &["pipe"], &input));
    let errors: Vec<(Value, u64, String)> = out
        .iter()
        .filter(|v| v.get("error").is_some())
        .map(|v| {
            (
                v["id"].clone(),
                v["line"].as_u64().unwrap(),
                v["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: &[(Value, u64, &str)] = &[
        (Value::Null, 1, "line 1: not valid JSON"),
        (json!("no-en"), 2, "line 2: missing field `en`"),
        (Value::Null, 4, "line 4: missing field `id`"),
        (json!("fmt"), 5, "line 5: unknown `format` \"docx\""),
        (json!("num"), 6, "line 6: `fr` must be a string"),
        (json!("nul"), 7, "line 7: `fr`: line 1: binary data"),
        (Value::Null, 8, "line 8: not a JSON object"),
        (Value::Null, 10, "line 10: not UTF-8"),
    ];
    assert_eq!(errors.len(), want.len(), "{errors:?}");
    for ((id, line, message), (want_id, want_line, want_message)) in errors.iter().zip(want) {
        assert_eq!((id, line), (want_id, want_line), "{message}");
        assert!(message.starts_with(want_message), "{message}");
    }
    // The error for a line with `meta` carries it back.
    let no_en = out.iter().find(|v| v["id"] == json!("no-en")).unwrap();
    assert_eq!(no_en["meta"], json!([1]));
    // Both good lines were aligned, the same way.
    let done: Vec<&Value> = out.iter().filter(|v| v["done"] == json!(true)).collect();
    assert_eq!(done.len(), 2);
    assert_eq!(done[0], done[1]);
    assert!(done[0]["beads"].as_u64().unwrap() > 10);
}

#[test]
fn output_is_in_input_order_whatever_the_jobs() {
    let d = Dir::new();
    let mut input = String::new();
    for k in 0..24 {
        let name = format!("nt13-{:03}", k * 3);
        // Long and short documents alternate, so jobs finish out of order.
        let (mut fr, mut en) = (dev(&format!("{name}.fr")), dev(&format!("{name}.en")));
        if k % 2 == 0 {
            fr = fr.repeat(6);
            en = en.repeat(6);
        }
        input.push_str(&json!({"id": k, "fr": fr, "en": en, "format": "presegmented"}).to_string());
        input.push('\n');
        if k == 5 {
            input.push_str("oops\n");
        }
    }
    let one = run_pipe(&d, &["pipe"], input.as_bytes());
    for jobs in ["2", "4"] {
        let many = run_pipe(&d, &["pipe", "-j", jobs], input.as_bytes());
        assert!(one == many, "-j {jobs} differs from -j 1");
    }
    let ids: Vec<Value> = lines(&one)
        .iter()
        .filter(|v| v["done"] == json!(true))
        .map(|v| v["id"].clone())
        .collect();
    assert_eq!(ids, (0..24).map(|k| json!(k)).collect::<Vec<_>>());
}

#[test]
fn a_swapped_pair_is_aligned_with_a_warning() {
    let d = Dir::new();
    let (fr, en) = (dev("nt13-009.fr"), dev("nt13-009.en"));
    let input = json!({"id": "s", "fr": en, "en": fr}).to_string() + "\n";
    let out = lines(&run_pipe(&d, &["pipe"], input.as_bytes()));
    let done = out.last().unwrap();
    let warnings = done["warnings"].to_string();
    assert!(warnings.contains("are they swapped?"), "{warnings}");
}

/// Each document's lines come out as soon as it is aligned, before the
/// next line of input exists: what `RDD.pipe` and Hadoop Streaming rely on.
#[test]
fn each_document_is_answered_before_the_next_is_read() {
    let (fr, en) = (dev("nt13-011.fr"), dev("nt13-011.en"));
    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tralign"))
            .args(["pipe", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    return;
                }
            }
        });
        for id in 0..3 {
            let line = json!({"id": id, "fr": fr, "en": en, "format": "presegmented"});
            writeln!(stdin, "{line}").unwrap();
            stdin.flush().unwrap();
            // Standard input stays open: the answer must come anyway.
            loop {
                let got = rx
                    .recv_timeout(Duration::from_secs(60))
                    .expect("no answer while standard input is open (-j {jobs})");
                let v: Value = serde_json::from_str(&got).unwrap();
                assert_eq!(v["id"], json!(id));
                if v["done"] == json!(true) {
                    break;
                }
            }
        }
        drop(stdin);
        let status = child.wait().unwrap();
        assert!(status.success());
    }
}

#[test]
fn unreadable_standard_input_is_exit_2() {
    let d = Dir::new();
    // A folder opened as standard input: reading it fails (EISDIR).
    let out = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .arg("pipe")
        .stdin(std::fs::File::open(d.tmp.path()).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("tralign: error: <stdin>: cannot read:"),
        "{err}"
    );
}
