//! PDF → blocks. The `lopdf` crate parses the file's objects and streams;
//! [`content`] and [`font`] interpret the pages' text operators into
//! characters with their box, font size and weight (the choice measured in
//! `docs/pdf.md`); [`layout`] turns them into the blocks every reader gives.
//! In a tagged PDF, [`structure`] reads the structure tree: artifacts
//! (running headers and footers) and labels are dropped, a page whose
//! blocks the tree all covers takes the tree's reading order, and a block
//! inside a structure element takes that element's kind (heading and
//! level, paragraph, list item, table cell, footnote).
//!
//! Refused with a message naming the file: an encrypted PDF that needs a
//! password, a PDF without a text layer (scanned pages: it needs OCR
//! first), a damaged file, and a file whose streams unpack to more than
//! [`MAX_UNPACKED_BYTES`] in all, or more than `--max-input` if lower (a
//! compression bomb).

use std::io::Read;
use std::path::Path;

use super::Document;
use crate::decode::Limits;
use crate::error::{Error, Result};

mod content;
mod font;
mod hyphen;
pub(crate) mod layout;
mod structure;

use layout::Page;

const BOMB: &str = "its compressed streams unpack to more than the limit (a compression bomb?)";

const ENCRYPTED: &str =
    "an encrypted (password-protected) PDF; save it without a password and try again";

/// The most all the streams of one PDF may unpack to, together.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;
/// The most pages read (a file claiming more is refused).
const MAX_PAGES: usize = 100_000;
/// The most characters read from the whole document.
const MAX_GLYPHS: usize = 50_000_000;

fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::Decode {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Whether the bytes are a PDF file (`%PDF-` within the first kilobyte, as
/// readers accept).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF file within `limits`.
pub fn read(bytes: &[u8], path: &Path, limits: &Limits) -> Result<Document> {
    let budget = MAX_UNPACKED_BYTES.min(limits.max_input);
    check_unpacked_size(bytes, budget).map_err(|reason| refuse(path, reason))?;
    check_nesting(bytes, MAX_NESTING).map_err(|reason| refuse(path, reason))?;
    let (pages, encrypted) = pages(bytes, budget).map_err(|reason| refuse(path, reason))?;
    if pages.is_empty() && !encrypted {
        return Err(refuse(path, "a PDF without pages (a damaged file?)"));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        if encrypted {
            // Opened without a password, but nothing readable came out.
            return Err(refuse(path, ENCRYPTED));
        }
        return Err(refuse(
            path,
            "a PDF without a text layer (scanned pages?): it needs OCR first",
        ));
    }
    Ok(layout::read(&pages))
}

/// The pages' glyphs, and whether the file is encrypted: lopdf loads the
/// objects (its own bounds: nesting, reference chains, each stream unpacked
/// to at most `budget`), [`content::Reader`] places the characters.
fn pages(bytes: &[u8], budget: u64) -> std::result::Result<(Vec<Page>, bool), String> {
    let budget = usize::try_from(budget).unwrap_or(usize::MAX);
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(budget),
        ..Default::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => ENCRYPTED.to_string(),
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            BOMB.to_string()
        }
        e => format!("a damaged or unsupported PDF: {e}"),
    })?;
    let encrypted = doc.is_encrypted() || doc.was_encrypted();
    let ids: Vec<lopdf::ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if ids.len() > MAX_PAGES {
        return Err(format!("a PDF of more than {MAX_PAGES} pages"));
    }
    let tree = structure::read(&doc);
    let mut reader = content::Reader::new(&doc, budget, MAX_GLYPHS);
    let mut pages = Vec::with_capacity(ids.len());
    for (i, id) in ids.into_iter().enumerate() {
        let mut page = reader
            .page(id)
            .map_err(|reason| format!("page {}: {reason}", i + 1))?;
        if let Some(tree) = &tree {
            tag(&mut page, tree.pages.get(&id));
        }
        pages.push(page);
    }
    Ok((pages, encrypted))
}

/// A tagged PDF's page: its artifacts (running headers, footers, page
/// numbers, marked so) and labels (bullets, numbers: `Lbl`) are dropped,
/// and each character takes its marked content's place in the structure
/// tree's reading order and its block.
fn tag(page: &mut Page, marks: Option<&std::collections::HashMap<u32, structure::Mark>>) {
    let mark = |g: &layout::Glyph| g.mcid.and_then(|m| marks?.get(&m));
    page.glyphs
        .retain(|g| !g.artifact && !mark(g).is_some_and(|m| m.dropped));
    for g in &mut page.glyphs {
        let m = mark(g).copied();
        g.order = m.map(|m| m.order);
        g.tag = m.and_then(|m| m.tag);
    }
}

/// Arrays and dictionaries nested deeper than this in the file's objects
/// are refused before parsing (the parser recurses on them).
const MAX_NESTING: usize = 256;

/// Refuses a file whose arrays and dictionaries nest deeper than `max`
/// (outside strings, comments and stream data; object streams are
/// compressed and left to the parser's own limits).
pub fn check_nesting(bytes: &[u8], max: usize) -> std::result::Result<(), String> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                i = skip_comment(bytes, i);
                continue;
            }
            b'(' => {
                i = skip_literal_string(bytes, i);
                continue;
            }
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                // Stream data: up to its `endstream`.
                i = find(&bytes[i..], b"endstream").map_or(bytes.len(), |e| i + e + 9);
                continue;
            }
            _ => {}
        }
        if depth > max {
            return Err(format!(
                "arrays or dictionaries nested more than {max} deep (a damaged or hostile file)"
            ));
        }
        i += 1;
    }
    Ok(())
}

/// Refuses a file whose Flate streams unpack to more than `budget` bytes
/// together (streams are found by their `stream`/`endstream` keywords and
/// unpacked without being kept, so this takes little memory; a stream
/// compressed twice is unpacked twice).
pub fn check_unpacked_size(bytes: &[u8], budget: u64) -> std::result::Result<(), String> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let start_kw = at + found;
        at = start_kw + 6;
        // `endstream` contains `stream`: skip it.
        if start_kw >= 3 && &bytes[start_kw - 3..start_kw] == b"end" {
            continue;
        }
        let mut data = at;
        if bytes.get(data) == Some(&b'\r') {
            data += 1;
        }
        if bytes.get(data) == Some(&b'\n') {
            data += 1;
        }
        let end = find(&bytes[data..], b"endstream").map_or(bytes.len(), |e| data + e);
        // The stream's dictionary: back to the object's start.
        let dict_from = start_kw.saturating_sub(4096);
        let dict = &bytes[dict_from..start_kw];
        let dict = match find_last(dict, b"obj") {
            Some(o) => &dict[o..],
            None => dict,
        };
        let layers = count(dict, b"/FlateDecode") + count(dict, b"/Fl ") + count(dict, b"/Fl/");
        if layers > 0 {
            let mut reader: Box<dyn Read> = Box::new(&bytes[data..end]);
            for _ in 0..layers.min(8) {
                reader = Box::new(flate2::read::ZlibDecoder::new(reader));
            }
            let left = budget.saturating_sub(total);
            let n = std::io::copy(&mut reader.take(left + 1), &mut std::io::sink()).unwrap_or(0);
            total += n;
            if total > budget {
                return Err(format!(
                    "its compressed streams unpack to more than {} MB (a compression bomb?)",
                    budget / (1024 * 1024)
                ));
            }
        }
        at = end.max(at);
    }
    Ok(())
}

/// The index just past the comment starting at `i` (its line's end).
fn skip_comment(bytes: &[u8], i: usize) -> usize {
    memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(bytes.len(), |e| i + e)
}

/// The index just past the literal string starting at `i` (balanced
/// parentheses, `\` escapes).
fn skip_literal_string(bytes: &[u8], mut i: usize) -> usize {
    let mut open = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    memchr::memmem::find_iter(hay, needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflate(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut v = format!("1 0 obj\n<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        v.extend_from_slice(data);
        v.extend_from_slice(b"\nendstream\nendobj\n");
        v
    }

    #[test]
    fn unpacked_size_budget() {
        let small = stream("/Filter /FlateDecode", &deflate(b"BT (Bonjour) Tj ET"));
        assert!(check_unpacked_size(&small, 1000).is_ok());
        // 10 MB of zeros in a few kilobytes.
        let bomb = stream("/Filter /FlateDecode", &deflate(&vec![0u8; 10 << 20]));
        assert!(bomb.len() < 20_000);
        let err = check_unpacked_size(&bomb, 1 << 20).unwrap_err();
        assert!(err.contains("compression bomb"), "{err}");
        // Twice compressed: the inner layer is counted too.
        let twice = stream(
            "/Filter [/FlateDecode /FlateDecode]",
            &deflate(&deflate(&vec![0u8; 10 << 20])),
        );
        assert!(check_unpacked_size(&twice, 1 << 20).is_err());
        // Many small streams add up.
        let many: Vec<u8> = (0..20).flat_map(|_| small_bomb()).collect();
        assert!(check_unpacked_size(&many, 1 << 20).is_err());
        assert!(check_unpacked_size(&many, 4 << 20).is_ok());
    }

    fn small_bomb() -> Vec<u8> {
        stream("/Filter /FlateDecode", &deflate(&vec![b' '; 100_000]))
    }

    #[test]
    fn nesting_depth() {
        let deep = "[".repeat(300) + &"]".repeat(300);
        assert!(check_nesting(deep.as_bytes(), 256).is_err());
        assert!(check_nesting(b"<< /A [1 [2] << /B 3 >>] >>", 3).is_ok());
        assert!(check_nesting(b"<< /A [1 [2] << /B 3 >>] >>", 2).is_err());
        // Brackets in strings, comments and stream data do not count.
        let hidden = format!(
            "({0}) % {0}\nstream\n{0}\nendstream\n<< >>",
            "[".repeat(300)
        );
        assert!(check_nesting(hidden.as_bytes(), 4).is_ok());
    }

    #[test]
    fn pdf_is_detected_by_content() {
        assert!(is_pdf(b"%PDF-1.7\n..."));
        assert!(is_pdf(b"\xef\xbb\xbfjunk%PDF-1.4"));
        assert!(!is_pdf(b"Un texte qui parle de %PDF plus loin"));
        assert!(!is_pdf(b""));
    }
}
