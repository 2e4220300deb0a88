//! Issue 14, "no input may destroy a file, crash a stream, or take the
//! machine": one regression test per reproduction, through the binary. Big
//! inputs are generated here; the expensive measurements (time and memory
//! of each case) are in `benches/hostile.sh`.

mod util;

use std::path::Path;
use std::process::{Command, Stdio};

use util::Dir;

const FR: &str = "Le rapport est publié. Il est long.\n";
const EN: &str = "The report is out. It is long.\n";

/// A pair and a glossary in a fresh folder.
fn pair() -> Dir {
    let d = Dir::new();
    d.file("fr.txt", FR);
    d.file("en.txt", EN);
    d.file("g.csv", "fr,en\nDamas,Damascus\n");
    d
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tralign"))
}

#[test]
fn an_output_equal_to_a_glossary_is_refused() {
    let d = pair();
    let err = d
        .run(&["align", "fr.txt", "en.txt", "-g", "g.csv", "-o", "g.csv"])
        .fails();
    assert!(err.contains("g.csv: output path is also an input"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.path("g.csv")).unwrap(),
        "fr,en\nDamas,Damascus\n"
    );
}

#[test]
fn batch_out_dir_does_not_overwrite_a_glossary_in_it() {
    let d = Dir::new();
    d.file("g.fr.txt", FR);
    d.file("g.en.txt", EN);
    // `g.csv` is the glossary and also where pair `g` would be written.
    d.file("g.csv", "fr,en\nDamas,Damascus\n");
    let run = d.run(&["batch", ".", "-g", "g.csv", "--out-dir", "."]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("output path is also an input"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(d.path("g.csv")).unwrap(),
        "fr,en\nDamas,Damascus\n"
    );
}

#[test]
fn an_input_read_from_standard_input_is_not_overwritten() {
    let d = pair();
    let out = bin()
        .args(["align", "-", "en.txt", "-o", "fr.txt"])
        .current_dir(d.tmp.path())
        .stdin(std::fs::File::open(d.path("fr.txt")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("fr.txt: output path is also an input (standard input is read from it)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(d.path("fr.txt")).unwrap(), FR);
}

#[test]
fn dev_stdout_as_output_writes_to_standard_output() {
    let d = pair();
    let out = std::fs::File::create(d.path("out.csv")).unwrap();
    let status = bin()
        .args(["align", "fr.txt", "en.txt", "-o", "/dev/stdout"])
        .current_dir(d.tmp.path())
        .stdout(out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let text = std::fs::read_to_string(d.path("out.csv")).unwrap();
    assert!(text.starts_with("bead,fr_ids"), "{text:?}");
    assert!(Path::new("/dev/stdout").is_symlink() || Path::new("/dev/stdout").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_written_through() {
    let d = pair();
    std::fs::create_dir(d.path("real")).unwrap();
    std::os::unix::fs::symlink("real/out.csv", d.path("link.csv")).unwrap();
    d.run(&["align", "fr.txt", "en.txt", "-o", "link.csv"]).ok();
    assert!(d.path("link.csv").is_symlink(), "the link was replaced");
    let text = std::fs::read_to_string(d.path("real/out.csv")).unwrap();
    assert!(text.starts_with("bead,fr_ids"), "{text:?}");
    // A second run replaces the target again, the link stays.
    d.run(&["align", "fr.txt", "en.txt", "-o", "link.csv"]).ok();
    assert!(d.path("link.csv").is_symlink());
}

#[cfg(unix)]
#[test]
fn outputs_respect_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let d = pair();
    d.file("b.fr.txt", FR);
    d.file("b.en.txt", EN);
    let run = |args: &str| {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask 077 && exec '{}' {args} 2>/dev/null",
                env!("CARGO_BIN_EXE_tralign")
            ))
            .current_dir(d.tmp.path())
            .status()
            .unwrap();
        assert!(status.success() || status.code() == Some(1), "{args}");
    };
    run("align fr.txt en.txt -o a.csv");
    run("segment fr.txt --lang fr -o s.txt");
    run("batch . --out-dir outdir -f tsv");
    for file in ["a.csv", "s.txt", "outdir/b.tsv"] {
        let mode = std::fs::metadata(d.path(file))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{file}: {mode:o}");
    }
    // An existing output keeps its own permissions.
    std::fs::set_permissions(d.path("a.csv"), std::fs::Permissions::from_mode(0o640)).unwrap();
    run("align fr.txt en.txt -o a.csv");
    let mode = std::fs::metadata(d.path("a.csv"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
}

/// Kills `tralign` with `signal` while it writes its temporary output, and
/// checks that the temporary file is gone and the old output untouched.
#[cfg(unix)]
fn killed_while_writing(signal: &str) {
    let d = Dir::new();
    // About 24 MB: long enough to write that the temporary file is seen.
    let line = "Une phrase assez longue pour peser, avec des mots. ";
    d.file("big.txt", line.repeat(480_000));
    d.file("out.txt", "old output\n");
    let mut child = bin()
        .args(["segment", "big.txt", "--lang", "fr", "-o", "out.txt"])
        .current_dir(d.tmp.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temp = || {
        std::fs::read_dir(d.tmp.path())
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".tralign-"))
    };
    let start = std::time::Instant::now();
    let mut seen = false;
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if temp() {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let killed = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    if !seen {
        eprintln!("SKIPPED: the write finished before the temporary file was seen");
        return;
    }
    assert!(killed.success());
    assert!(!status.success(), "{status:?}");
    assert!(!temp(), "a temporary file is left after SIG{signal}");
    assert_eq!(
        std::fs::read_to_string(d.path("out.txt")).unwrap(),
        "old output\n"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_and_sigint_remove_the_temporary_file() {
    killed_while_writing("TERM");
    killed_while_writing("INT");
}

#[test]
fn a_failing_standard_error_does_not_panic() {
    let d = pair();
    // A warning (not a translation) written to a full standard error.
    let out = bin()
        .args(["align", "fr.txt", "en.txt", "-o", "out.csv"])
        .current_dir(d.tmp.path())
        .stderr(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(d.path("out.csv").exists());
}

#[test]
fn glossary_lint_on_a_closed_or_full_standard_output_does_not_panic() {
    let d = Dir::new();
    let mut rows = String::from("fr,en\n");
    for i in 0..2000 {
        rows.push_str(&format!("Terme{i},Term{i}\nterme{i},Other{i}\n"));
    }
    d.file("g.csv", rows);
    // `| head -1`: standard output closed after the first line.
    let mut child = bin()
        .args(["glossary", "lint", "g.csv"])
        .current_dir(d.tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    use std::io::Read;
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{err}");
    // `> /dev/full`.
    let out = bin()
        .args(["glossary", "lint", "g.csv"])
        .current_dir(d.tmp.path())
        .stdout(
            std::fs::File::options()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("<stdout>: write failed"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A zip archive (deflated) holding `files`.
fn zip_bytes(files: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A WordprocessingML part holding paragraphs of `text`.
fn wordml(root: &str, paragraphs: &[String]) -> String {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    format!("<w:{root} {W}><w:body>{body}</w:body></w:{root}>")
}

/// Replaces every occurrence of `from` by `to` (same length) in `bytes`.
fn patch(bytes: &mut [u8], from: &[u8], to: &[u8]) {
    assert_eq!(from.len(), to.len());
    let mut at = 0;
    while let Some(k) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + k..at + k + to.len()].copy_from_slice(to);
        at += k + 1;
    }
}

#[test]
fn the_input_budget_is_per_document_not_per_part() {
    let d = pair();
    let para = "Une phrase. ".repeat(50_000); // 600 KB, deflates to little
    let docx = zip_bytes(&[
        (
            "word/document.xml",
            &wordml("document", std::slice::from_ref(&para)),
        ),
        (
            "word/footnotes.xml",
            &wordml("footnotes", std::slice::from_ref(&para)),
        ),
    ]);
    assert!(docx.len() < 100_000);
    d.file("big.docx", &docx);
    // Each part is under 1 MB, both together are over.
    let err = d
        .run(&["segment", "big.docx", "--lang", "fr", "--max-input", "1M"])
        .fails();
    assert!(
        err.contains("big.docx: the document unpacked (all its parts together) is larger than the input limit of 1048576 bytes (--max-input)"),
        "{err}"
    );
    d.run(&["segment", "big.docx", "--lang", "fr", "--max-input", "2M"])
        .ok();
    // A plain file over the limit, and standard input over it.
    d.file("long.txt", "Une phrase. ".repeat(100_000));
    let err = d
        .run(&["align", "long.txt", "en.txt", "--max-input", "1M"])
        .fails();
    assert!(
        err.contains("long.txt: the file is larger than the input limit of 1048576 bytes"),
        "{err}"
    );
    let out = bin()
        .args(["segment", "--lang", "fr", "--max-input", "1M"])
        .current_dir(d.tmp.path())
        .stdin(std::fs::File::open(d.path("long.txt")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("<stdin>: the file is larger"), "{err}");
    let err = d.run(&["segment", "fr.txt", "--lang", "fr", "--max-input", "1T"]);
    assert_eq!(err.code(), 2);
}

#[test]
fn a_truncated_document_xml_is_an_error_not_a_lost_paragraph() {
    let d = pair();
    let full = wordml(
        "document",
        &["Premier paragraphe.".into(), "Dernier paragraphe.".into()],
    );
    let cut = &full[..full.find("Dernier").unwrap() + 7];
    d.file("cut.docx", zip_bytes(&[("word/document.xml", cut)]));
    let err = d.run(&["segment", "cut.docx", "--lang", "fr"]).fails();
    assert!(
        err.contains("cut.docx: word/document.xml:")
            && err.contains("not found before end of input"),
        "{err}"
    );
}

#[test]
fn a_docx_with_two_entries_of_the_same_name_is_refused() {
    let d = pair();
    let mut docx = zip_bytes(&[
        (
            "word/document.xml",
            &wordml("document", &["Texte visible.".into()]),
        ),
        (
            "word/documenX.xml",
            &wordml("document", &["Texte caché.".into()]),
        ),
    ]);
    patch(&mut docx, b"word/documenX.xml", b"word/document.xml");
    d.file("dup.docx", &docx);
    let err = d.run(&["segment", "dup.docx", "--lang", "fr"]).fails();
    assert!(
        err.contains("dup.docx: a damaged zip archive: two entries have the same name"),
        "{err}"
    );
}

#[test]
fn an_encrypted_entry_is_reported_as_encrypted() {
    let d = pair();
    let mut docx = zip_bytes(&[("word/document.xml", &wordml("document", &["Texte.".into()]))]);
    // Set the "encrypted" flag (bit 0 of the general-purpose flags) in the
    // local header (offset 6) and the central directory header (offset 8).
    for (signature, offset) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
        let at = docx.windows(4).position(|w| w == signature).unwrap();
        docx[at + offset] |= 1;
    }
    d.file("locked.docx", &docx);
    let err = d.run(&["segment", "locked.docx", "--lang", "fr"]).fails();
    assert!(
        err.contains("locked.docx: an encrypted (password-protected) document"),
        "{err}"
    );
}

#[test]
fn a_windows_1252_file_with_a_utf8_line_is_refused() {
    let d = pair();
    let mut bytes = b"Le caf\xE9 est ferm\xE9.\n".to_vec();
    bytes.extend_from_slice("L’été à Noël.\n".as_bytes());
    d.file("mixed.txt", &bytes);
    let err = d.run(&["segment", "mixed.txt", "--lang", "fr"]).fails();
    assert!(
        err.contains("mixed.txt: line 2 is UTF-8 but line 1 is not (mixed encodings)"),
        "{err}"
    );
    // Plain Windows-1252 is still read.
    d.file(
        "legacy.txt",
        b"Le caf\xE9 est ferm\xE9. D\xE9j\xE0 l'\xE9t\xE9.\n",
    );
    let out = d.run(&["segment", "legacy.txt", "--lang", "fr"]).ok();
    assert!(out.contains("Le café est fermé."), "{out}");
}

#[test]
fn both_files_on_standard_input_are_refused() {
    let d = pair();
    let out = bin()
        .args(["align", "-", "-"])
        .current_dir(d.tmp.path())
        .stdin(std::fs::File::open(d.path("fr.txt")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("both `-`"), "{err}");
}

#[test]
fn source_date_epoch_out_of_range_is_refused() {
    let d = pair();
    for value in ["-1", "253402300800", "99999999999999"] {
        let out = bin()
            .args(["align", "fr.txt", "en.txt", "-f", "tmx"])
            .current_dir(d.tmp.path())
            .env("SOURCE_DATE_EPOCH", value)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{value}: {err}");
        assert!(err.contains("out of range"), "{err}");
    }
    let out = bin()
        .args(["align", "fr.txt", "en.txt", "-f", "tmx"])
        .current_dir(d.tmp.path())
        .env("SOURCE_DATE_EPOCH", "253402300799")
        .output()
        .unwrap();
    let tmx = String::from_utf8_lossy(&out.stdout);
    assert!(tmx.contains("99991231T235959Z"), "{tmx}");
}

#[test]
fn pipe_keeps_ids_exact_and_reads_a_bom_on_line_one() {
    let d = Dir::new();
    let input = "\u{feff}{\"id\": 123456789012345678901234567890, \"fr\": \"Bonjour.\", \"en\": \"Hello.\"}\n\
                 {\"id\": -18446744073709551617, \"fr\": \"Oui.\", \"en\": \"Yes.\"}\n";
    let out = d.run_stdin(&["pipe"], Some(input.as_bytes())).ok();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[0].starts_with("{\"id\":123456789012345678901234567890,\"bead\":1"),
        "{out}"
    );
    assert!(lines[1].contains("\"done\":true"), "{out}");
    assert!(
        lines[2].starts_with("{\"id\":-18446744073709551617,"),
        "{out}"
    );
}

#[test]
fn pipe_isolates_a_pair_over_its_budget_and_goes_on() {
    let d = Dir::new();
    let good = |id: u32| format!("{{\"id\": {id}, \"fr\": \"Bonjour.\", \"en\": \"Hello.\"}}\n");
    // Line 2: two megabytes without a line break (as `/dev/zero` would give).
    let mut input = good(1).into_bytes();
    input.extend(std::iter::repeat_n(0u8, 2 << 20));
    input.push(b'\n');
    // Line 3: a pair whose text is binary (a NUL byte).
    input.extend(b"{\"id\": 3, \"fr\": \"a\\u0000b\", \"en\": \"Hi.\"}\n");
    input.extend(good(4).bytes());
    for jobs in ["1", "2"] {
        let out = d
            .run_stdin(&["pipe", "--max-input", "500K", "-j", jobs], Some(&input))
            .ok();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 6, "{out}");
        assert!(lines[1].contains("\"done\":true"));
        assert!(
            lines[2].contains("\"line\":2")
                && lines[2].contains("2097152 bytes, longer than the limit of 512000 bytes"),
            "{}",
            lines[2]
        );
        assert!(
            lines[3].contains("\"id\":3") && lines[3].contains("binary data"),
            "{}",
            lines[3]
        );
        assert!(lines[4].starts_with("{\"id\":4,"), "{out}");
        assert!(lines[5].contains("\"done\":true"));
    }
}

#[test]
fn batch_skips_a_pair_over_its_budget_and_writes_the_others() {
    let d = Dir::new();
    d.file("a.fr.txt", FR);
    d.file("a.en.txt", EN);
    d.file("b.fr.txt", "Une phrase. ".repeat(100_000));
    d.file("b.en.txt", EN);
    let run = d.run(&["batch", ".", "-f", "tsv", "--max-input", "1M", "-j", "2"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("tralign: error: b: "),
        "{}",
        run.stderr()
    );
    assert!(run
        .stdout()
        .contains("Le rapport est publié.\tThe report is out."));
}

#[test]
fn batch_manifests_stay_inside_their_folder() {
    let d = pair();
    for (row, want) in [
        ("/etc/passwd,en.txt", "is an absolute path"),
        ("../fr.txt,en.txt", "goes up out of the folder"),
        ("sub/../../x.txt,en.txt", "goes up out of the folder"),
    ] {
        d.file("m.csv", format!("fr,en\n{row}\n"));
        let err = d.run(&["batch", "m.csv"]).fails();
        assert!(err.contains("m.csv:2: `") && err.contains(want), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn batch_folders_do_not_follow_links_out_of_the_folder() {
    let outside = Dir::new();
    outside.file("secret.txt", "Le mot de passe est hibou.\n");
    let d = Dir::new();
    std::fs::create_dir(d.path("in")).unwrap();
    d.file("in/a.fr.txt", FR);
    d.file("in/a.en.txt", EN);
    d.file("in/b.en.txt", EN);
    std::os::unix::fs::symlink(outside.path("secret.txt"), d.path("in/b.fr.txt")).unwrap();
    // A link inside the folder is followed.
    std::os::unix::fs::symlink("a.en.txt", d.path("in/c.en.txt")).unwrap();
    std::os::unix::fs::symlink("a.fr.txt", d.path("in/c.fr.txt")).unwrap();
    let run = d.run(&["batch", "in", "-f", "tsv"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("a link to a file outside in; not read"),
        "{}",
        run.stderr()
    );
    assert!(!run.stdout().contains("hibou"), "{}", run.stdout());
    assert_eq!(run.stdout().matches("Le rapport est publié.").count(), 2);
}

#[test]
fn tsv_output_has_a_formula_guard() {
    let d = Dir::new();
    d.file("fr.txt", "=1+1 est une formule.\n");
    d.file("en.txt", "=1+1 is a formula.\n");
    let out = d.run(&["align", "fr.txt", "en.txt", "-f", "tsv"]).ok();
    assert_eq!(out, "'=1+1 est une formule.\t'=1+1 is a formula.\n");
    let out = d
        .run(&[
            "align",
            "fr.txt",
            "en.txt",
            "-f",
            "tsv",
            "--no-formula-guard",
        ])
        .ok();
    assert_eq!(out, "=1+1 est une formule.\t=1+1 is a formula.\n");
}

#[test]
fn bidirectional_controls_reach_no_output() {
    let d = Dir::new();
    d.file("fr.txt", "Le virement va à \u{202E}Damas\u{202C} demain.\n");
    d.file(
        "en.txt",
        "The transfer goes to \u{2066}Damascus\u{2069} tomorrow.\n",
    );
    for format in ["csv", "tsv", "tmx", "jsonl", "html", "beads"] {
        let out = d.run(&["align", "fr.txt", "en.txt", "-f", format]).ok();
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            assert!(!out.contains(c), "{format}: U+{:04X} in {out}", c as u32);
        }
        if format != "beads" {
            assert!(out.contains("Damas demain"), "{format}: {out}");
        }
    }
    // A glossary is decoded like any text: its controls are removed too, so
    // none reaches an output through a glossary term.
    d.file("g.csv", "fr,en\nDamas,\u{202E}Damascus\n");
    let out = d.run(&["glossary", "convert", "g.csv", "-f", "csv"]).ok();
    assert!(!out.contains('\u{202E}'), "{out}");
    assert!(out.contains("Damas,Damascus"), "{out}");
}

#[test]
fn a_nul_byte_or_a_huge_term_in_a_glossary_is_refused() {
    let d = pair();
    d.file("nul.csv", "fr,en\nDamas,Damascus\nAl\0ep,Aleppo\n");
    let err = d
        .run(&["align", "fr.txt", "en.txt", "-g", "nul.csv"])
        .fails();
    assert!(
        err.contains("nul.csv") && err.contains("line 3") && err.contains("NUL byte"),
        "{err}"
    );
    d.file(
        "huge.csv",
        format!("fr,en\nDamas,{}\n", "D".repeat(5_000_000)),
    );
    let err = d
        .run(&["align", "fr.txt", "en.txt", "-g", "huge.csv"])
        .fails();
    assert!(
        err.contains("huge.csv:2: a term of 5000000 characters (at most 1000)"),
        "{err}"
    );
}

#[test]
fn a_term_with_thirty_thousand_renderings_is_read_and_linted_in_linear_time() {
    let d = pair();
    let mut rows = String::from("fr,en\n");
    for i in 0..30_000 {
        rows.push_str(&format!("Damas,Damascus{i}\n"));
    }
    d.file("many.csv", &rows);
    d.file("fr.txt", "Le maire de Damas est venu.\n");
    d.file("en.txt", "The mayor of Damascus0 came.\n");
    let out = d.run(&["names", "fr.txt", "en.txt", "-g", "many.csv"]).ok();
    assert!(out.starts_with("fr_name,en_name"), "{out}");
    // One finding per entry after the first, not one per pair of entries.
    let run = d.run(&["glossary", "lint", "many.csv"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stdout().lines().count(), 29_999);
    assert!(run
        .stdout()
        .lines()
        .all(|l| l.starts_with("two_renderings: ")));
}

#[test]
fn a_sentence_of_twenty_thousand_capitalised_words_is_paired_quickly() {
    let d = Dir::new();
    for (sep, name) in [(" ", "run"), (", ", "list")] {
        let words: Vec<String> = (0..20_000)
            .map(|i| format!("Nom{}{i}", (b'A' + (i % 26) as u8) as char))
            .collect();
        let fr = words.join(sep) + ".\n";
        d.file(&format!("{name}.fr.txt"), &fr);
        d.file(&format!("{name}.en.txt"), fr.replace("Nom", "Name"));
        let out = d
            .run(&[
                "names",
                &format!("{name}.fr.txt"),
                &format!("{name}.en.txt"),
            ])
            .ok();
        assert!(out.starts_with("fr_name,en_name"), "{out}");
    }
}

#[test]
fn an_html_doctype_internal_subset_is_not_a_sentence() {
    let d = Dir::new();
    d.file(
        "page.html",
        "<!DOCTYPE html [<!ENTITY x \"y\">]>\n<html><body><p>Une phrase.</p></body></html>\n",
    );
    let out = d.run(&["segment", "page.html", "--lang", "fr"]).ok();
    assert_eq!(out, "Une phrase.\n");
}
