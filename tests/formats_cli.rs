//! Input formats through the binary: DOCX written by a real producer
//! (LibreOffice), ODT, HTML, Markdown, and the errors for broken files.

mod util;

use std::io::Write;
use std::process::Command;

use util::{external, Dir};

const REPORT_HTML: &str =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Rapport</title></head><body>\
<h1>Rapport de situation</h1>\
<h2>Déplacements</h2>\
<p>Plus de 12\u{a0}500 personnes ont fui Idleb. M. Hassan coordonne l’aide.</p>\
<ul><li>Abris insuffisants.</li><li>Eau rare.</li></ul>\
<table><tr><th>Gouvernorat</th><th>Personnes</th></tr><tr><td>Alep</td><td>3 400</td></tr></table>\
<p>Fin du rapport.</p></body></html>";

const REPORT_ROWS: &[(&str, &str)] = &[
    ("heading", "Rapport de situation"),
    ("heading", "Déplacements"),
    ("paragraph", "Plus de 12\u{a0}500 personnes ont fui Idleb."),
    ("paragraph", "M. Hassan coordonne l’aide."),
    ("item", "Abris insuffisants."),
    ("item", "Eau rare."),
    ("cell", "Gouvernorat"),
    ("cell", "Personnes"),
    ("cell", "Alep"),
    ("cell", "3 400"),
    ("paragraph", "Fin du rapport."),
];

fn rows(jsonl: &str) -> Vec<(String, String)> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["kind"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expected() -> Vec<(String, String)> {
    REPORT_ROWS
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect()
}

#[test]
fn html_page_gives_blocks_and_sentences() {
    let d = Dir::new();
    let f = d.file("rapport.html", REPORT_HTML);
    let out = d
        .run(&[
            "segment",
            f.to_str().unwrap(),
            "--lang",
            "fr",
            "-f",
            "jsonl",
        ])
        .ok();
    assert_eq!(rows(&out), expected());
}

#[test]
fn libreoffice_docx_and_odt_are_read() {
    let Some(soffice) = external("soffice") else {
        return;
    };
    let d = Dir::new();
    d.file("rapport.html", REPORT_HTML);
    for (filter, ext) in [("docx:MS Word 2007 XML", "docx"), ("odt", "odt")] {
        let status = Command::new(&soffice)
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                filter,
                "--outdir",
                "out",
                "rapport.html",
            ])
            .env("HOME", d.tmp.path())
            .current_dir(d.tmp.path())
            .output()
            .expect("run soffice");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let file = format!("out/rapport.{ext}");
        let out = d
            .run(&["segment", &file, "--lang", "fr", "-f", "jsonl"])
            .ok();
        assert_eq!(rows(&out), expected(), "{ext}");
    }
}

#[test]
fn markdown_file_gives_the_same_sentences() {
    let d = Dir::new();
    let md = "# Rapport de situation\n\n## Déplacements\n\nPlus de 12\u{a0}500 personnes ont fui **Idleb**. \
              M. Hassan coordonne l’aide.\n\n- Abris insuffisants.\n- Eau rare.\n\n\
              | Gouvernorat | Personnes |\n|---|---|\n| Alep | 3 400 |\n\nFin du rapport.\n";
    let f = d.file("rapport.md", md);
    let out = d
        .run(&[
            "segment",
            f.to_str().unwrap(),
            "--lang",
            "fr",
            "-f",
            "jsonl",
        ])
        .ok();
    assert_eq!(rows(&out), expected());
}

fn zip_with(path: &std::path::Path, files: &[(&str, &str)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn broken_documents_are_clear_errors() {
    let d = Dir::new();
    d.file("notzip.docx", "Ceci n'est pas un document Word.");
    zip_with(&d.path("other.docx"), &[("hello.txt", "hello")]);
    zip_with(
        &d.path("empty.docx"),
        &[(
            "word/document.xml",
            "<w:document xmlns:w=\"x\"><w:body></w:body></w:document>",
        )],
    );
    zip_with(
        &d.path("bad-xml.docx"),
        &[(
            "word/document.xml",
            "<w:document><w:body><w:p></w:r></w:body>",
        )],
    );
    d.file(
        "empty.html",
        "<!DOCTYPE html><html><head><title>x</title><script>1</script></head><body> </body></html>",
    );
    std::fs::copy(
        util::repo().join("tests/data/encrypted.docx"),
        d.path("encrypted.docx"),
    )
    .unwrap();
    d.file("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00");
    let cases = [
        ("notzip.docx", "not a zip archive"),
        ("other.docx", "not a DOCX or ODT document"),
        ("empty.docx", "DOCX document with no text"),
        ("bad-xml.docx", "word/document.xml"),
        ("empty.html", "HTML document with no text"),
        ("encrypted.docx", "encrypted (password-protected)"),
        ("truncated.docx", "damaged zip archive"),
    ];
    for (name, message) in cases {
        let err = d.run(&["segment", name, "--lang", "fr"]).fails();
        assert!(err.contains(name), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
    }
}

#[test]
fn sitrep_in_four_formats_gives_the_gold_sentences() {
    let d = Dir::new();
    let corpus = util::repo().join("corpus/sitrep-2025");
    for lang in ["fr", "en"] {
        let gold = std::fs::read_to_string(corpus.join(format!("{lang}.sentences"))).unwrap();
        for ext in ["txt", "md", "docx", "html"] {
            let input = corpus.join(format!("{lang}.{ext}"));
            let out = d
                .run(&["segment", input.to_str().unwrap(), "--lang", lang])
                .ok();
            assert_eq!(out, gold, "{lang}.{ext}");
        }
    }
}

#[test]
fn docx_against_html_aligns_to_gold_and_keeps_block_ids() {
    let d = Dir::new();
    let corpus = util::repo().join("corpus/sitrep-2025");
    let fr = corpus.join("fr.docx");
    let en = corpus.join("en.html");
    let beads = d
        .run(&[
            "align",
            fr.to_str().unwrap(),
            en.to_str().unwrap(),
            "-f",
            "beads",
        ])
        .ok();
    d.file("test.beads", beads);
    let gold = corpus.join("gold.beads");
    let score = d.run(&["eval", gold.to_str().unwrap(), "test.beads"]).ok();
    let v: serde_json::Value = serde_json::from_str(&score).unwrap();
    assert_eq!(v["f1_strict"].as_f64(), Some(1.0), "{score}");

    let csv = d
        .run(&["align", fr.to_str().unwrap(), en.to_str().unwrap()])
        .ok();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (fb, eb) = (col("fr_block"), col("en_block"));
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    // The title is the first block of both documents, a level-1 heading.
    assert_eq!((&rows[0][fb], &rows[0][eb]), ("h1:1", "h1:1"));
    // Every bead pairs headings with headings of the same level, cells with
    // cells, and list items with list items.
    for r in &rows {
        let kind = |b: &str| b.split(':').next().unwrap_or("").to_string();
        if !r[fb].is_empty() && !r[eb].is_empty() {
            assert_eq!(kind(&r[fb]), kind(&r[eb]), "{r:?}");
        }
    }
    assert!(rows.iter().any(|r| r[fb].starts_with("td:")));
    assert!(rows.iter().any(|r| r[fb].starts_with("li:")));
    assert!(rows.iter().any(|r| r[fb].starts_with("fn:")));
}

#[test]
fn same_report_in_four_formats_gives_the_same_alignment() {
    let d = Dir::new();
    let corpus = util::repo().join("corpus/sitrep-2025");
    let mut seen: Vec<(String, String)> = Vec::new();
    for ext in ["txt", "md", "docx", "html"] {
        let fr = corpus.join(format!("fr.{ext}"));
        let en = corpus.join(format!("en.{ext}"));
        let beads = d
            .run(&[
                "align",
                fr.to_str().unwrap(),
                en.to_str().unwrap(),
                "-f",
                "beads",
            ])
            .ok();
        seen.push((ext.to_string(), beads));
    }
    let gold = std::fs::read_to_string(corpus.join("gold.beads")).unwrap();
    for (ext, beads) in &seen {
        assert_eq!(beads.trim_end(), gold.trim_end(), "{ext}");
    }
}
