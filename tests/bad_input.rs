//! The bad-input table of the README, one test a row, through the binary:
//! each case gives the documented message and exit code, never a panic,
//! and never damages an input or a previous output.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::{repo, Dir};

fn dev(name: &str) -> String {
    repo()
        .join("benches/data/fren-dev")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Asserts exit 0, no panic, and a warning containing `want` on stderr.
fn warns(run: &util::Run, want: &str) {
    let err = run.stderr();
    assert_eq!(run.code(), 0, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("tralign: warning: "), "{err}");
    assert!(err.contains(want), "wanted {want:?} in {err}");
}

#[test]
fn empty_and_blank_files_give_nothing_and_a_warning() {
    let d = Dir::new();
    d.file("en.txt", "The report is out. It is long.\n");
    for (name, bytes) in [("empty.txt", ""), ("blank.txt", "  \n\t\n   \n")] {
        d.file(name, bytes);
        let run = d.run(&["segment", name, "--lang", "fr"]);
        warns(
            &run,
            &format!("{name}: no text (the file is empty or blank)"),
        );
        assert_eq!(run.stdout(), "");
        let run = d.run(&["align", name, "en.txt", "-f", "beads"]);
        warns(&run, &format!("{name}: no text"));
        assert_eq!(run.stdout(), "[]:[0]\n[]:[1]\n");
    }
}

#[test]
fn binary_files_are_refused_naming_file_and_line() {
    let d = Dir::new();
    d.file("nul.txt", b"Une phrase.\nabc\x00def\n");
    d.file(
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    d.file("en.txt", "The report is out.\n");
    let cases = [
        (
            "nul.txt",
            "nul.txt: line 2: binary data (NUL byte), not a text file",
        ),
        (
            "image.png",
            "image.png: line 3: binary data (NUL byte), not a text file",
        ),
    ];
    for (name, want) in cases {
        let err = d.run(&["segment", name, "--lang", "fr"]).fails();
        assert!(err.contains(want), "{err}");
        let err = d.run(&["align", name, "en.txt"]).fails();
        assert!(err.contains(want), "{err}");
    }
}

#[test]
fn undecodable_bytes_are_refused_naming_file_and_line() {
    let d = Dir::new();
    d.file("bom.txt", b"\xEF\xBB\xBFUne phrase.\nDeux \xFF.\n");
    let mut damaged = "Un été à Noël, déjà.\nLe café est fermé.\n"
        .to_string()
        .into_bytes();
    damaged.insert(40, 0xFF);
    d.file("damaged.txt", &damaged);
    let cases = [
        (
            "bom.txt",
            "bom.txt: line 2: invalid UTF-8 after a UTF-8 byte-order mark",
        ),
        (
            "damaged.txt",
            "damaged.txt: line 2: invalid UTF-8 (byte 40: 0xFF); the rest of the file is UTF-8",
        ),
    ];
    for (name, want) in cases {
        let err = d.run(&["segment", name, "--lang", "fr"]).fails();
        assert!(err.contains(want), "{err}");
    }
    // Windows-1252 is not "undecodable": it is read as such.
    d.file("cp1252.txt", b"Un \xE9t\xE9 \xE0 No\xEBl.\n");
    assert_eq!(
        d.run(&["segment", "cp1252.txt", "--lang", "fr"]).ok(),
        "Un été à Noël.\n"
    );
}

#[test]
fn a_five_megabyte_line_without_punctuation_is_cut_into_bounded_sentences() {
    // No sentence end in 5 MB: the segmenter cuts the run at white space
    // into sentences of at most 20,000 bytes, losing nothing, and the text
    // aligns with itself piece by piece.
    let d = Dir::new();
    let words = ["rapport", "mission", "village", "route", "eau", "nord"];
    let mut line = String::with_capacity(5_000_100);
    let mut k = 0usize;
    while line.len() < 5_000_000 {
        line.push_str(words[k % words.len()]);
        line.push(' ');
        k = k * 7 + 3;
        k %= 1_000_003;
    }
    let line = line.trim_end().to_string();
    d.file("long.txt", &line);
    let out = d.run(&["segment", "long.txt", "--lang", "fr"]).ok();
    let sentences: Vec<&str> = out.lines().collect();
    assert!(sentences.len() >= 250, "{}", sentences.len());
    assert!(sentences.iter().all(|s| s.len() <= 20_000));
    assert_eq!(sentences.join(" "), line);
    let out = d
        .run(&["align", "long.txt", "long.txt", "-f", "beads"])
        .ok();
    let want: String = (0..sentences.len())
        .map(|i| format!("[{i}]:[{i}]\n"))
        .collect();
    assert_eq!(out, want);
}

#[test]
fn a_million_short_lines_are_segmented_and_aligned() {
    let d = Dir::new();
    let n = 1_000_000;
    let fr: String = (0..n).map(|i| format!("Oui {}.\n", i % 97)).collect();
    let en: String = (0..n).map(|i| format!("Yes {}.\n", i % 97)).collect();
    d.file("fr.txt", &fr);
    d.file("en.txt", &en);
    let out = d.run(&["segment", "fr.txt", "--lang", "fr"]).ok();
    assert_eq!(out.lines().count(), n);
    assert_eq!(out.lines().nth(123_456), Some("Oui 72."));
    let run = d.run(&[
        "align",
        "fr.txt",
        "en.txt",
        "-f",
        "beads",
        "-o",
        "out.beads",
    ]);
    run.ok();
    let beads = std::fs::read_to_string(d.path("out.beads")).unwrap();
    // Every sentence of each side is covered once, in order.
    let (mut next_fr, mut next_en) = (0usize, 0usize);
    for line in beads.lines() {
        let (f, e) = line.split_once(':').unwrap();
        let ids = |s: &str| -> Vec<usize> {
            s.trim_matches(|c| c == '[' || c == ']')
                .split(", ")
                .filter(|t| !t.is_empty())
                .map(|t| t.parse().unwrap())
                .collect()
        };
        for i in ids(f) {
            assert_eq!(i, next_fr);
            next_fr += 1;
        }
        for i in ids(e) {
            assert_eq!(i, next_en);
            next_en += 1;
        }
    }
    assert_eq!((next_fr, next_en), (n, n));
}

#[test]
fn a_french_file_given_as_english_warns() {
    let d = Dir::new();
    let fr = dev("nt13-004.fr");
    let en = dev("nt13-004.en");
    let cases = [
        (
            &en,
            &fr,
            "looks English and",
            "looks French: are they swapped?",
        ),
        (
            &fr,
            &fr,
            "both look French",
            "should be the English version",
        ),
        (
            &en,
            &en,
            "both look English",
            "should be the French version",
        ),
    ];
    for (a, b, want1, want2) in cases {
        let run = d.run(&["align", a, b, "-f", "beads"]);
        warns(&run, want1);
        warns(&run, want2);
        assert!(!run.stdout().is_empty());
    }
    // The right order gives no warning at all.
    let run = d.run(&["align", "-q", &fr, &en, "-f", "beads"]);
    assert_eq!(run.stderr(), "");
    // German given as the French side of a pre-segmented pair (any
    // Latin-script pair is allowed there): no language warning.
    let de = repo().join("benches/data/textberg-dev/dev.de");
    let frb = repo().join("benches/data/textberg-dev/dev.fr");
    let run = d.run(&[
        "align",
        "--presegmented",
        "-f",
        "beads",
        de.to_str().unwrap(),
        frb.to_str().unwrap(),
    ]);
    assert!(!run.stderr().contains("look"), "{}", run.stderr());
}

#[test]
fn a_pair_that_is_not_a_translation_warns_with_low_confidence() {
    let d = Dir::new();
    let run = d.run(&[
        "align",
        &dev("nt13-010.fr"),
        &dev("nt13-020.en"),
        "-f",
        "jsonl",
    ]);
    warns(
        &run,
        "these texts do not look like translations of each other",
    );
    for line in run.stdout().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["confidence"].as_f64().unwrap() < 0.5, "{line}");
    }
}

#[test]
fn a_glossary_with_a_bad_row_is_refused_naming_file_and_line() {
    let d = Dir::new();
    d.file("g.csv", "fr,en\nDamas,Damascus\nHoms\n");
    let err = d
        .run(&[
            "align",
            "-g",
            "g.csv",
            &dev("nt13-000.fr"),
            &dev("nt13-000.en"),
        ])
        .fails();
    assert!(err.contains("g.csv:3:"), "{err}");
}

#[test]
fn output_equal_to_an_input_is_refused_and_the_input_kept() {
    let d = Dir::new();
    let fr_bytes = std::fs::read(dev("nt13-001.fr")).unwrap();
    d.file("fr.txt", &fr_bytes);
    d.file("en.txt", std::fs::read(dev("nt13-001.en")).unwrap());
    for out in ["fr.txt", "./fr.txt", "en.txt"] {
        let err = d.run(&["align", "fr.txt", "en.txt", "-o", out]).fails();
        assert!(
            err.contains(&format!(
                "{out}: output path is also an input; refusing to overwrite it"
            )),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(d.path("fr.txt")).unwrap(), fr_bytes);
    let err = d
        .run(&["segment", "fr.txt", "--lang", "fr", "-o", "fr.txt"])
        .fails();
    assert!(err.contains("output path is also an input"), "{err}");
    assert_eq!(std::fs::read(d.path("fr.txt")).unwrap(), fr_bytes);
}

#[test]
fn output_folder_missing_or_unwritable_is_a_clear_error() {
    let d = Dir::new();
    d.file("fr.txt", std::fs::read(dev("nt13-001.fr")).unwrap());
    d.file("en.txt", std::fs::read(dev("nt13-001.en")).unwrap());
    let mut cases = vec![
        (
            "missing/out.csv".to_string(),
            "missing/out.csv: cannot write there: the folder missing does not exist".to_string(),
        ),
        (
            "fr.txt/out.csv".to_string(),
            "fr.txt/out.csv: cannot write there: fr.txt is not a folder".to_string(),
        ),
    ];
    // /proc takes no new files, even from root: an unwritable folder that
    // needs no permission trick.
    if Path::new("/proc/self").exists() {
        cases.push((
            "/proc/out.csv".into(),
            "/proc/out.csv: cannot create a file in the folder /proc:".into(),
        ));
    }
    for (out, want) in cases {
        let err = d.run(&["align", "fr.txt", "en.txt", "-o", &out]).fails();
        assert!(err.contains(&want), "{err}");
        assert!(!err.contains(".tralign-"), "temporary name in {err}");
    }
}

/// Runs `tralign ARGS` in `dir` with the file-size limit at `blocks` (of
/// 512 bytes, as `sh` counts them), so writing past it fails with "File too
/// large" — a disk filling up, without a small disk.
fn run_with_file_limit(dir: &Path, blocks: u32, args: &[&str]) -> util::Run {
    let script = format!("trap '' XFSZ; ulimit -f {blocks} && exec \"$0\" \"$@\"");
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run sh");
    util::Run(out)
}

#[test]
fn a_failed_write_leaves_the_previous_output_intact() {
    let d = Dir::new();
    d.file("fr.txt", std::fs::read(dev("nt13-005.fr")).unwrap());
    d.file("en.txt", std::fs::read(dev("nt13-005.en")).unwrap());
    let old = b"bead,fr_ids,en_ids,fr,en,type,confidence,flags\n1,1,1,old,old,1-1,0.900,\n";
    d.file("out.csv", old);
    let run = run_with_file_limit(
        d.tmp.path(),
        4,
        &["align", "fr.txt", "en.txt", "-o", "out.csv"],
    );
    let err = run.fails();
    assert!(
        err.contains("out.csv: write failed: File too large"),
        "{err}"
    );
    assert_eq!(std::fs::read(d.path("out.csv")).unwrap(), old);
    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(d.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["en.txt", "fr.txt", "out.csv"]);
    // Without the limit the same command replaces it.
    d.run(&["align", "fr.txt", "en.txt", "-o", "out.csv"]).ok();
    assert_ne!(std::fs::read(d.path("out.csv")).unwrap(), old);
}

#[test]
fn a_full_disk_is_a_clear_error() {
    if !Path::new("/dev/full").exists() {
        eprintln!("SKIPPED: no /dev/full");
        return;
    }
    let d = Dir::new();
    d.file("fr.txt", std::fs::read(dev("nt13-005.fr")).unwrap());
    d.file("en.txt", std::fs::read(dev("nt13-005.en")).unwrap());
    // An output that is a link to /dev/full: written through (a device is
    // never renamed over), so the write fails with ENOSPC. Were it renamed
    // over, only the link in the temporary folder would change.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/full", d.path("full.csv")).unwrap();
        let err = d
            .run(&["align", "fr.txt", "en.txt", "-o", "full.csv"])
            .fails();
        assert!(
            err.contains("full.csv: write failed: No space left on device"),
            "{err}"
        );
        assert!(std::fs::symlink_metadata(d.path("full.csv"))
            .unwrap()
            .file_type()
            .is_symlink());
    }
    // Standard output on /dev/full.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(["segment", "fr.txt", "--lang", "fr"])
        .current_dir(d.tmp.path())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("<stdout>: write failed: No space left on device"),
        "{err}"
    );
}

/// Runs `tralign ARGS` with standard output closed before it writes (as
/// `tralign … | head -1` does once `head` has its line).
fn run_with_closed_stdout(dir: &Path, args: &[&str]) -> util::Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tralign");
    drop(child.stdout.take());
    util::Run(child.wait_with_output().expect("wait for tralign"))
}

#[test]
fn a_closed_standard_output_ends_quietly() {
    let d = Dir::new();
    // Far more than a pipe holds (64 KiB), so the writes must meet the closed end.
    let fr: String = (0..6000)
        .map(|i| format!("La phrase numéro {i} du rapport est courte.\n"))
        .collect();
    let en: String = (0..6000)
        .map(|i| format!("Sentence number {i} of the report is short.\n"))
        .collect();
    d.file("fr.txt", &fr);
    d.file("en.txt", &en);
    d.file(
        "pairs.jsonl",
        serde_json::json!({"id": 1, "fr": fr, "en": en}).to_string() + "\n",
    );
    let mut commands = vec![
        vec!["segment", "fr.txt", "--lang", "fr"],
        vec!["segment", "fr.txt", "--lang", "fr", "-f", "jsonl"],
    ];
    for format in ["csv", "tsv", "tmx", "jsonl", "html", "beads"] {
        commands.push(vec!["align", "fr.txt", "en.txt", "-f", format]);
    }
    for args in &commands {
        let run = run_with_closed_stdout(d.tmp.path(), args);
        assert_eq!(run.code(), 0, "{args:?}: {}", run.stderr());
        assert_eq!(run.stderr(), "", "{args:?}");
    }
    // `pipe` too, reading its pairs from a file on standard input.
    let input = std::fs::File::open(d.path("pairs.jsonl")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .arg("pipe")
        .current_dir(d.tmp.path())
        .stdin(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn folders_and_missing_files_are_named_once() {
    let d = Dir::new();
    d.file("fr.txt", std::fs::read(dev("nt13-001.fr")).unwrap());
    d.file("en.txt", std::fs::read(dev("nt13-001.en")).unwrap());
    std::fs::create_dir(d.path("sub")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["segment", "sub", "--lang", "fr"],
            "tralign: error: sub: Is a directory (os error 21)\n",
        ),
        (
            &["align", "fr.txt", "nope.txt"],
            "tralign: error: nope.txt: No such file or directory (os error 2)\n",
        ),
        (
            &["align", "fr.txt", "en.txt", "-o", "sub"],
            "tralign: error: sub: is a folder; give the output a file name\n",
        ),
    ];
    for (args, want) in cases {
        let err = d.run(args).fails();
        assert_eq!(&err, want);
    }
    assert!(d.path("sub").is_dir());
}

#[test]
fn batch_warns_about_a_swapped_pair_by_name() {
    let d = Dir::new();
    std::fs::create_dir(d.path("in")).unwrap();
    for (name, fr, en) in [
        ("good", "nt13-012.fr", "nt13-012.en"),
        ("swapped", "nt13-013.en", "nt13-013.fr"),
    ] {
        d.file(
            &format!("in/{name}.fr.txt"),
            std::fs::read(dev(fr)).unwrap(),
        );
        d.file(
            &format!("in/{name}.en.txt"),
            std::fs::read(dev(en)).unwrap(),
        );
    }
    let run = d.run(&["batch", "in", "-f", "tsv", "-j", "1"]);
    let err = run.stderr();
    assert_eq!(run.code(), 0, "{err}");
    assert!(
        err.contains("tralign: warning: swapped: swapped.fr.txt looks English"),
        "{err}"
    );
    assert!(!err.contains("good:"), "{err}");
}
