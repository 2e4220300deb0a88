//! Properties every result must have whatever the input, as runnable
//! checks: the fuzz targets (`fuzz/`) call these functions on random input,
//! and `tests/fuzz_regressions.rs` calls them on the inputs the fuzzers once
//! found failing. Each function takes raw bytes and panics when a property
//! fails (which is what a fuzzer detects); bad input that gives a clean
//! error is fine.

use std::path::Path;

use crate::align::Params;
use crate::document::Document;
use crate::export::pair::{pairs, parse_csv};
use crate::export::{CsvWriter, Options, Pair};
use crate::glossary::Glossary;
use crate::segment::Lang;
use crate::{align_documents, Segmented};

/// Decoding gives text with `\n` line endings, no BOM, in NFC, or an error.
pub fn decode(data: &[u8]) {
    if let Ok(d) = crate::decode::decode(data, Path::new("fuzz.txt")) {
        assert!(!d.text.contains('\r'));
        assert!(!d.text.starts_with('\u{feff}'));
        assert_eq!(crate::decode::normalise(&d.text), d.text);
    }
}

/// Any bytes read as text, Markdown, HTML or DOCX (chosen by the first
/// byte): blocks lie in the text, on character boundaries, in order, without
/// overlap, and are not blank.
pub fn document(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = ["fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.docx"][usize::from(pick % 4)];
    let Ok(doc) = Document::from_bytes(rest, Path::new(name)) else {
        return;
    };
    blocks_in_text(&doc);
}

/// Any bytes read as a PDF (`%PDF-` put in front when missing): a clean
/// error or blocks as [`document`] requires them.
pub fn pdf(data: &[u8]) {
    let mut bytes = Vec::with_capacity(data.len() + 9);
    if !data.starts_with(b"%PDF-") {
        bytes.extend_from_slice(b"%PDF-1.7\n");
    }
    bytes.extend_from_slice(data);
    if let Ok(doc) = Document::from_bytes(&bytes, Path::new("fuzz.pdf")) {
        blocks_in_text(&doc);
    }
}

/// Blocks lie in the text, on character boundaries, in order, without
/// overlap, and are not blank.
fn blocks_in_text(doc: &Document) {
    let mut at = 0;
    for b in &doc.blocks {
        assert!(b.span.start >= at && b.span.start < b.span.end && b.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.span.start) && doc.text.is_char_boundary(b.span.end));
        assert!(!doc.text[b.span.clone()].trim().is_empty());
        at = b.span.end;
    }
}

/// Every sentence lies inside its block, in order, without overlap, trimmed
/// and not blank, and together the sentences hold every non-space character
/// of their block (nothing lost, nothing added).
pub fn segment(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for lang in [Lang::Fr, Lang::En] {
        segmented(&Segmented::from_text(text.to_string(), lang, false));
    }
}

fn segmented(seg: &Segmented) {
    let mut at = 0;
    for s in &seg.sentences {
        let block = &seg.doc.blocks[s.block];
        assert!(s.span.start >= at && s.span.start < s.span.end);
        assert!(block.span.start <= s.span.start && s.span.end <= block.span.end);
        let t = seg.sentence_text(s);
        assert_eq!(t, t.trim());
        at = s.span.end;
    }
    for (i, block) in seg.doc.blocks.iter().enumerate() {
        let kept: String = seg
            .sentences
            .iter()
            .filter(|s| s.block == i)
            .flat_map(|s| seg.sentence_text(s).chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let all: String = seg.doc.text[block.span.clone()]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(kept, all);
    }
}

/// Two texts (split at the first `0xFF` byte, or halfway): the alignment
/// covers every sentence of each side exactly once, in order; the text of
/// the beads is the text of the sentences; confidences lie in [0, 1]; and
/// the CSV written from it reads back to the same pairs.
pub fn align(data: &[u8]) {
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (fr, en) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    // As the command line reads files: decoded, or refused.
    let text = |b: &[u8]| crate::decode::decode(b, Path::new("fuzz.txt")).map(|d| d.text);
    let (Ok(fr), Ok(en)) = (text(fr), text(en)) else {
        return;
    };
    let fr = Segmented::from_text(fr, Lang::Fr, false);
    let en = Segmented::from_text(en, Lang::En, false);
    let (n, m) = (fr.sentences.len(), en.sentences.len());
    let alignment = align_documents(fr, en, &Glossary::default(), &Params::default());
    let (mut i, mut j) = (0, 0);
    for b in &alignment.beads {
        assert!(b.fr.start == i && b.en.start == j, "beads in order, no gap");
        assert!(!b.fr.is_empty() || !b.en.is_empty(), "no empty bead");
        assert!((0.0..=1.0).contains(&b.confidence));
        (i, j) = (b.fr.end, b.en.end);
    }
    assert_eq!((i, j), (n, m), "every sentence covered");
    for (side, pick) in [(&alignment.fr, true), (&alignment.en, false)] {
        let from_beads: Vec<String> = alignment
            .beads
            .iter()
            .map(|b| side.run_text(if pick { b.fr.clone() } else { b.en.clone() }))
            .filter(|t| !t.is_empty())
            .collect();
        let all = side.run_text(0..side.sentences.len());
        assert_eq!(from_beads.join(" "), all);
    }
    let written: Vec<Pair> = pairs(&alignment).collect();
    assert_eq!(csv_round_trip(&written), written);
}

/// Any bytes as a reviewed CSV file: either an error, or pairs that written
/// back as CSV read back the same.
pub fn convert(data: &[u8]) {
    if let Ok(read) = parse_csv(data, Path::new("fuzz.csv")) {
        assert_eq!(csv_round_trip(&read), read);
    }
}

/// Writes pairs as tralign's CSV (formula guard on) and reads them back.
fn csv_round_trip(pairs: &[Pair]) -> Vec<Pair> {
    let mut out = Vec::new();
    {
        let mut w = CsvWriter::new(&mut out, &Options::default(), &[]).expect("write to memory");
        for p in pairs {
            w.pair(&[], p).expect("write to memory");
        }
        w.finish().expect("write to memory");
    }
    parse_csv(&out, Path::new("round-trip.csv")).expect("tralign's own CSV reads back")
}

/// Any text as a glossary: either an error naming the line, or entries
/// whose terms are not blank.
pub fn glossary(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Glossary::parse(&text, Path::new("fuzz.csv")) {
        Ok(g) => {
            for e in &g.entries {
                assert!(!e.fr.trim().is_empty() && !e.en.trim().is_empty());
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.csv"), "{e}"),
    }
}

/// Deeply nested structure built from the bytes (HTML elements or Markdown
/// quotes and lists, each opened up to thousands of times in a row, with
/// words between): reading it neither overflows the stack nor drops a word,
/// and no tag leaks into the text.
pub fn nesting(data: &[u8]) {
    const HTML: &[&str] = &[
        "div",
        "span",
        "p",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "blockquote",
        "b",
        "a",
        "section",
        "h2",
        "dl",
        "dd",
    ];
    const MARKDOWN: &[&str] = &[">", "- ", "1. ", "> - ", "* ", "\n", "<div>", "</div>"];
    let Some((&pick, ops)) = data.split_first() else {
        return;
    };
    let markdown = pick % 2 == 1;
    let mut page = String::new();
    let mut words = Vec::new();
    let mut open: Vec<&str> = Vec::new();
    for (k, pair) in ops.chunks(2).enumerate() {
        let (op, arg) = (pair[0], *pair.get(1).unwrap_or(&0));
        let times = 1 + usize::from(arg) * 40;
        // 200 KB is 40,000 levels of `<div>`, far past the readers' depth
        // limit, and keeps a run short enough for the fuzzer to try many.
        if page.len() > 200_000 {
            break;
        }
        match op % 4 {
            0 | 1 if markdown => {
                page.push_str(&MARKDOWN[usize::from(op / 4) % MARKDOWN.len()].repeat(times))
            }
            0 => {
                let name = HTML[usize::from(op / 4) % HTML.len()];
                for _ in 0..times {
                    page.push_str(&format!("<{name}>"));
                    open.push(name);
                }
            }
            1 => {
                for _ in 0..times.min(open.len()) {
                    page.push_str(&format!("</{}>", open.pop().unwrap_or("div")));
                }
            }
            _ => {
                let word = format!("w{k}x");
                page.push_str(&word);
                page.push_str(if markdown { "\n\n" } else { " " });
                words.push(word);
            }
        }
    }
    let name = if markdown { "fuzz.md" } else { "fuzz.html" };
    let Ok(doc) = Document::from_bytes(page.as_bytes(), Path::new(name)) else {
        assert!(words.is_empty(), "words but no document");
        return;
    };
    assert!(!doc.text.contains('<'), "a tag leaked into the text");
    for word in &words {
        let found = doc.text.contains(word.as_str())
            || doc
                .skipped
                .texts
                .iter()
                .any(|(_, t)| t.contains(word.as_str()));
        assert!(found, "{word} was lost");
    }
}
