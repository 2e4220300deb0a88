//! Any bytes, read as text, Markdown, HTML or DOCX/ODT (chosen by the first
//! byte): either a clear error, or blocks whose spans lie in the text, on
//! character boundaries, in order, without overlap, and not blank.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tralign::document::Document;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = ["fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.docx"][usize::from(pick % 4)];
    let Ok(doc) = Document::from_bytes(rest, std::path::Path::new(name)) else { return };
    let mut at = 0;
    for b in &doc.blocks {
        assert!(b.span.start >= at && b.span.start < b.span.end && b.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(b.span.start) && doc.text.is_char_boundary(b.span.end));
        assert!(!doc.text[b.span.clone()].trim().is_empty());
        at = b.span.end;
    }
});
