//! Reading speed for a long Word document: builds a 200-page DOCX (zip +
//! WordprocessingML, as Word writes it: runs, styles, headings, lists, a
//! table per chapter) from the newstest2013 French sentences in
//! benches/data/seg, then times `Document::from_bytes` on it and prints MB/s
//! of the file and of its unpacked XML. Run with `cargo bench --bench docx`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use tralign::document::Document;

/// Roughly what a page of a report holds.
const WORDS_PER_PAGE: usize = 500;
const PAGES: usize = 200;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn paragraph(text: &str, style: Option<&str>, numbered: bool) -> String {
    let mut p = String::from("<w:p><w:pPr>");
    if let Some(style) = style {
        p.push_str(&format!(r#"<w:pStyle w:val="{style}"/>"#));
    }
    if numbered {
        p.push_str(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#);
    }
    p.push_str("</w:pPr>");
    // Word splits text into several runs (spell-check marks, formatting).
    for (k, chunk) in text.split_inclusive(". ").enumerate() {
        let bold = if k % 3 == 1 {
            "<w:rPr><w:b/></w:rPr>"
        } else {
            ""
        };
        p.push_str(&format!(
            r#"<w:r>{bold}<w:t xml:space="preserve">{}</w:t></w:r><w:proofErr w:type="spellStart"/>"#,
            escape(chunk)
        ));
    }
    p.push_str("</w:p>");
    p
}

fn build() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/seg/news13_fr.jsonl");
    let data = std::fs::read_to_string(path).expect("bench data");
    let sentences: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .flat_map(|v| {
            v["sentences"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.as_str().map(String::from))
        })
        .collect();
    let mut body = String::new();
    let (mut words, mut k) = (0, 0);
    let mut next = || {
        k += 1;
        sentences[k % sentences.len()].clone()
    };
    let mut chapter = 0;
    while words < WORDS_PER_PAGE * PAGES {
        if chapter % 10 == 0 {
            body.push_str(&paragraph(
                &format!("Chapitre {}", chapter / 10 + 1),
                Some("Heading1"),
                false,
            ));
            body.push_str("<w:tbl>");
            for _ in 0..3 {
                body.push_str("<w:tr>");
                for _ in 0..3 {
                    body.push_str(&format!(
                        "<w:tc>{}</w:tc>",
                        paragraph("12 500", None, false)
                    ));
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        }
        chapter += 1;
        body.push_str(&paragraph(&next(), Some("Heading2"), false));
        for _ in 0..4 {
            let text = [next(), next(), next()].join(" ");
            words += text.split_whitespace().count();
            body.push_str(&paragraph(&text, None, false));
        }
        for _ in 0..2 {
            let text = next();
            words += text.split_whitespace().count();
            body.push_str(&paragraph(&text, Some("ListParagraph"), true));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>"#;
    let mut out = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            ("word/styles.xml", styles),
            ("word/document.xml", document.as_str()),
        ] {
            zip.start_file(name, options).expect("zip");
            zip.write_all(content.as_bytes()).expect("zip");
        }
        zip.finish().expect("zip");
    }
    eprintln!(
        "document.xml: {:.1} MB unpacked",
        document.len() as f64 / 1e6
    );
    out
}

fn main() {
    let docx = build();
    let mut best = f64::INFINITY;
    let mut blocks = 0;
    let mut text = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let doc = Document::from_bytes(&docx, Path::new("report.docx")).expect("reads");
        best = best.min(start.elapsed().as_secs_f64());
        blocks = doc.blocks.len();
        text = doc.text.len();
    }
    let mb = docx.len() as f64 / 1e6;
    println!("| pages | DOCX MB | blocks | text MB | best of 5 (s) | DOCX MB/s | text MB/s |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {PAGES} | {mb:.2} | {blocks} | {:.2} | {best:.3} | {:.1} | {:.1} |",
        text as f64 / 1e6,
        mb / best,
        text as f64 / 1e6 / best
    );
}
