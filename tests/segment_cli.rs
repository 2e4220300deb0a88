//! `tralign segment` through the binary: encodings, structure, errors, output.

mod util;

use util::{repo, Dir};

#[test]
fn windows_1252_file_is_decoded() {
    let d = Dir::new();
    // "L’armée a reculé. M. Dupont l’a dit." in Windows-1252 (’ = 0x92, é = 0xE9).
    let f = d.file(
        "fr.txt",
        b"L\x92arm\xe9e a recul\xe9. M. Dupont l\x92a dit.\n",
    );
    let out = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .ok();
    assert_eq!(out, "L’armée a reculé.\nM. Dupont l’a dit.\n");
}

#[test]
fn utf16_files_with_bom_are_decoded() {
    let d = Dir::new();
    let text = "Mr. Smith left. Dr. Jones stayed.\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
        let f = d.file(name, bytes);
        let out = d
            .run(&["segment", f.to_str().unwrap(), "--lang", "en"])
            .ok();
        assert_eq!(out, "Mr. Smith left.\nDr. Jones stayed.\n", "{name}");
    }
}

#[test]
fn bom_and_crlf_are_handled() {
    let d = Dir::new();
    let f = d.file(
        "bom.txt",
        "\u{feff}Progrès\r\nLes forces avancent. Elles sont à 20 km.\r\n- Point un.\r\n",
    );
    let out = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .ok();
    assert_eq!(
        out,
        "Progrès\nLes forces avancent.\nElles sont à 20 km.\n- Point un.\n"
    );
}

#[test]
fn empty_file_gives_no_sentences_and_exit_0() {
    let d = Dir::new();
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.txt", &b" \n\t\n"[..])] {
        let f = d.file(name, bytes);
        let out = d
            .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
            .ok();
        assert_eq!(out, "", "{name}");
    }
}

#[test]
fn binary_file_is_a_clear_error() {
    let d = Dir::new();
    let f = d.file(
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    );
    let err = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .fails();
    assert!(err.contains("image.png"), "{err}");
    assert!(err.contains("not a text file"), "{err}");
}

#[test]
fn missing_file_is_named() {
    let d = Dir::new();
    let err = d.run(&["segment", "nowhere.txt", "--lang", "en"]).fails();
    assert!(err.contains("nowhere.txt"), "{err}");
    assert!(err.contains("No such file"), "{err}");
}

#[test]
fn reads_standard_input() {
    let d = Dir::new();
    let run = d.run_stdin(&["segment", "--lang", "en"], Some(b"One. Two."));
    assert_eq!(run.ok(), "One.\nTwo.\n");
    let run = d.run_stdin(&["segment", "-", "--lang", "en"], Some(b"Three."));
    assert_eq!(run.ok(), "Three.\n");
}

#[test]
fn jsonl_gives_blocks_kinds_and_byte_offsets() {
    let d = Dir::new();
    let text = "Titre\nÉté chaud. Il pleut.\n- Un point.\n- Deux points.\n";
    let f = d.file("doc.txt", text);
    let out = d
        .run(&[
            "segment",
            f.to_str().unwrap(),
            "--lang",
            "fr",
            "--format",
            "jsonl",
        ])
        .ok();
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["block"].as_u64().unwrap(),
                r["kind"].as_str().unwrap(),
                r["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (1, "heading", "Titre"),
            (2, "paragraph", "Été chaud."),
            (2, "paragraph", "Il pleut."),
            (3, "item", "Un point."),
            (4, "item", "Deux points."),
        ]
    );
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
}

#[test]
fn output_file_is_written_and_never_an_input() {
    let d = Dir::new();
    let f = d.file("in.txt", "One. Two.");
    let out = d.path("out.txt");
    d.run(&["segment", "in.txt", "--lang", "en", "-o", "out.txt"])
        .ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "One.\nTwo.\n");
    let err = d
        .run(&["segment", "in.txt", "--lang", "en", "-o", "./in.txt"])
        .fails();
    assert!(err.contains("also an input"), "{err}");
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "One. Two.");
    // A failed run leaves the previous output intact.
    d.run(&["segment", "missing.txt", "--lang", "en", "-o", "out.txt"])
        .fails();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "One.\nTwo.\n");
    let err = d
        .run(&[
            "segment",
            "in.txt",
            "--lang",
            "en",
            "-o",
            "no/such/dir/out.txt",
        ])
        .fails();
    assert!(err.contains("no/such/dir/out.txt"), "{err}");
}

#[test]
fn seed_pair_reproduces_the_gold_segmentation() {
    let d = Dir::new();
    for lang in ["fr", "en"] {
        let corpus = repo().join("corpus/syria-2024");
        let input = corpus.join(format!("{lang}.txt"));
        let gold = std::fs::read_to_string(corpus.join(format!("{lang}.sentences"))).unwrap();
        let out = d
            .run(&["segment", input.to_str().unwrap(), "--lang", lang])
            .ok();
        assert_eq!(out, gold, "{lang}");
    }
}

#[test]
fn help_explains_every_command() {
    let d = Dir::new();
    let top = d.run(&["--help"]).ok();
    for cmd in [
        "segment", "align", "eval", "convert", "batch", "names", "glossary", "check", "pipe",
    ] {
        assert!(top.contains(cmd), "{top}");
        let help = d.run(&[cmd, "--help"]).ok();
        assert!(help.len() > 200, "{cmd}: {help}");
    }
    let help = d.run(&["segment", "--help"]).ok();
    assert!(help.contains("--lang") && help.contains("jsonl"), "{help}");
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let d = Dir::new();
    let big: String = (0..200_000).map(|i| format!("Sentence {i}. ")).collect();
    let f = d.file("big.txt", big);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(["segment", f.to_str().unwrap(), "--lang", "en"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn output_file_is_readable_like_an_ordinary_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    d.file("in.txt", "One. Two.");
    d.run(&["segment", "in.txt", "--lang", "en", "-o", "new.txt"])
        .ok();
    let mode = std::fs::metadata(d.path("new.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o644);
    std::fs::set_permissions(d.path("new.txt"), std::fs::Permissions::from_mode(0o640)).unwrap();
    d.run(&["segment", "in.txt", "--lang", "en", "-o", "new.txt"])
        .ok();
    let mode = std::fs::metadata(d.path("new.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640, "a replaced file keeps its permissions");
}

#[test]
fn a_line_break_after_a_short_title_ends_a_sentence() {
    let d = Dir::new();
    let seg = |name: &str, text: &str, lang: &str| {
        let f = d.file(name, text);
        d.run(&["segment", f.to_str().unwrap(), "--lang", lang])
            .ok()
    };
    // A Markdown list item whose title and first sentence sit on two lines
    // of one paragraph (web-oss-definitions' French).
    let md = "# Définitions\n\nVoici les **exigences** suivantes :\n\n1. Redistribution libre\nLa licence n’interdit à aucune partie de vendre le logiciel.\n";
    assert_eq!(
        seg("a.md", md, "fr"),
        "Définitions\nVoici les exigences suivantes :\nRedistribution libre\nLa licence n’interdit à aucune partie de vendre le logiciel.\n"
    );
    // A `<br>` after a bold lead-in.
    let html = "<html><body><p><b>Free Redistribution</b><br>The license shall not restrict any party.</p></body></html>";
    assert_eq!(
        seg("a.html", html, "en"),
        "Free Redistribution\nThe license shall not restrict any party.\n"
    );
    // Hard-wrapped prose is not cut: a long first line before a name, a
    // short one before a lower-case word, a line that ends in a comma.
    let wrapped = "# Report\n\nThe report that the committee published last spring was written by the\nGovernment of Canada and its partners.\n\nIn short\nthe plan works.\n\nDear colleagues,\nThe plan works.\n";
    assert_eq!(
        seg("b.md", wrapped, "en"),
        "Report\nThe report that the committee published last spring was written by the Government of Canada and its partners.\nIn short the plan works.\nDear colleagues, The plan works.\n"
    );
}
