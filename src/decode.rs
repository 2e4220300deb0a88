//! Bytes → text: BOM and UTF-16 detection, UTF-8 validation, Windows-1252
//! (and other legacy encodings) detected with `chardetng`, line endings
//! normalised to `\n`, and Unicode NFC.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::error::{Error, Result};

/// Text decoded from a file, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text: UTF-8, `\n` line endings, NFC, no BOM.
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
}

/// Decodes `bytes` read from `path` (the path is only used in messages).
///
/// Refuses input that is not text: NUL bytes outside UTF-16, or bytes that no
/// plausible encoding turns into readable text.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let (text, encoding) = to_utf8(bytes, path)?;
    Ok(Decoded {
        text: normalise(&text),
        encoding: encoding.name(),
    })
}

fn to_utf8(bytes: &[u8], path: &Path) -> Result<(String, &'static Encoding)> {
    let refuse = |reason: String| Error::Decode {
        path: path.to_path_buf(),
        reason,
    };
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if encoding == UTF_16LE || encoding == UTF_16BE {
            if !body.len().is_multiple_of(2) {
                return Err(refuse(format!(
                    "not valid {}: odd number of bytes",
                    encoding.name()
                )));
            }
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                return Err(refuse(format!(
                    "not valid {}: unpaired surrogate",
                    encoding.name()
                )));
            }
            return check_text(text.into_owned(), encoding, path);
        }
        return match std::str::from_utf8(body) {
            Ok(text) => check_text(text.to_owned(), UTF_8, path),
            Err(e) => Err(refuse(invalid_utf8(body, e))),
        };
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if !had_errors {
            return check_text(text.into_owned(), encoding, path);
        }
    }
    if bytes.contains(&0) {
        let line = 1 + bytes[..bytes.iter().position(|&b| b == 0).unwrap_or(0)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(refuse(format!(
            "line {line}: binary data (NUL byte), not a text file"
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text.to_owned(), UTF_8, path),
        Err(e) if damaged_utf8(bytes) => Err(refuse(format!(
            "{}; the rest of the file is UTF-8, so the file looks damaged \
             (re-save it as UTF-8)",
            invalid_at(bytes, e)
        ))),
        Err(e) => {
            if let Some(line) = utf8_line(bytes) {
                return Err(refuse(format!(
                    "line {line} is UTF-8 but {} is not (mixed encodings); \
                     re-save the file in one encoding, UTF-8",
                    invalid_at(bytes, e)
                        .split(':')
                        .next()
                        .unwrap_or("another line")
                )));
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(None, true);
            // French files that are not UTF-8 are nearly always Windows-1252;
            // chardetng's guess is trusted only for single-byte Latin encodings.
            let encoding = if guess == UTF_8 || !guess.is_single_byte() {
                WINDOWS_1252
            } else {
                guess
            };
            let (text, _, _) = encoding.decode(bytes);
            check_text(text.into_owned(), encoding, path)
        }
    }
}

/// UTF-16 without a BOM: most odd (or even) bytes NUL, as ASCII-heavy text shows.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let zero_hi = sample
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    let zero_lo = sample
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    if zero_hi * 10 >= pairs * 9 {
        Some(UTF_16LE)
    } else if zero_lo * 10 >= pairs * 9 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 text with a few bad bytes (a damaged file), rather than a
/// legacy encoding: its valid non-ASCII characters far outnumber its invalid
/// sequences. (Windows-1252 French makes an invalid sequence of nearly every
/// accented letter, and a valid UTF-8 pair only by rare accident.)
fn damaged_utf8(bytes: &[u8]) -> bool {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    valid >= 4 && valid >= 4 * invalid
}

/// In a file that is not UTF-8 (read as a legacy encoding), the first line
/// that is plainly UTF-8 — valid, with a character of three bytes or more
/// (`’`, `€`) or two accented letters — which a legacy decoding would
/// garble (`Ã©`). A legacy line makes such sequences only by rare accident.
fn utf8_line(bytes: &[u8]) -> Option<usize> {
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let Ok(text) = std::str::from_utf8(line) else {
            continue;
        };
        let wide = text.chars().filter(|c| c.len_utf8() >= 3).count();
        let accented = text.chars().filter(|c| c.len_utf8() == 2).count();
        if wide >= 1 || accented >= 2 {
            return Some(i + 1);
        }
    }
    None
}

/// Where the first invalid UTF-8 sequence is: line and byte.
fn invalid_at(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    format!(
        "line {line}: invalid UTF-8 (byte {at}: 0x{:02X})",
        bytes[at]
    )
}

fn invalid_utf8(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    format!("line {line}: invalid UTF-8 after a UTF-8 byte-order mark (byte {at})")
}

/// Refuses decoded text that is mostly control characters (an image, a
/// compressed file read as Windows-1252).
fn check_text(
    text: String,
    encoding: &'static Encoding,
    path: &Path,
) -> Result<(String, &'static Encoding)> {
    let mut controls = 0usize;
    let mut total = 0usize;
    let mut first_bad_line = None;
    let mut line = 1;
    for c in text.chars() {
        total += 1;
        if c == '\n' {
            line += 1;
        }
        let bad = c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}');
        if bad {
            controls += 1;
            first_bad_line.get_or_insert(line);
        }
    }
    if controls > 0 && (controls * 100 > total || text.contains('\0')) {
        return Err(Error::Decode {
            path: path.to_path_buf(),
            reason: format!(
                "line {}: binary data ({controls} control characters read as {}), not a text file",
                first_bad_line.unwrap_or(1),
                encoding.name()
            ),
        });
    }
    Ok((text, encoding))
}

/// The bidirectional embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069): invisible, they make text display in another order than
/// it is read, which can disguise it (the "Trojan Source" trick).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `\r\n` and lone `\r` become `\n`; the bidirectional controls
/// ([`is_bidi_control`]) are removed; other control characters but the tab
/// (a form feed, a vertical tab, a stray escape) become spaces — they are
/// invisible, no output format should carry them, and they must not add
/// lines (a presegmented file's lines are its sentences); the text is put in
/// NFC; a stray BOM is dropped.
pub fn normalise(text: &str) -> String {
    let text = text.trim_start_matches('\u{FEFF}');
    let unified: std::borrow::Cow<'_, str> = if text
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c))
    {
        let text = text.replace("\r\n", "\n");
        text.chars()
            .filter(|&c| !is_bidi_control(c))
            .map(|c| match c {
                '\r' => '\n',
                '\n' | '\t' => c,
                c if c.is_control() => ' ',
                c => c,
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    if is_nfc_quick(unified.chars()) == IsNormalized::Yes {
        unified.into_owned()
    } else {
        unified.nfc().collect()
    }
}

/// How much one document may hold, so that no input can take the machine:
/// the file's bytes, the bytes a DOCX or ODT unpacks to (all parts
/// together), and the decoded text are each held to `max_input`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes a document may have at each stage (default 1 GiB).
    pub max_input: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_input: 1 << 30 }
    }
}

impl Limits {
    /// The error for `what` of `path` going over the limit.
    pub fn exceeded(&self, path: &Path, what: &str) -> Error {
        Error::Decode {
            path: path.to_path_buf(),
            reason: format!(
                "{what} larger than the input limit of {} bytes (--max-input)",
                self.max_input
            ),
        }
    }

    /// Refuses `text` (decoded from `path`) when it is over the limit.
    pub fn check_text(&self, text: &str, path: &Path) -> Result<()> {
        if text.len() as u64 > self.max_input {
            return Err(self.exceeded(path, "the decoded text is"));
        }
        Ok(())
    }
}

/// Reads a file's bytes (`-` reads standard input), with the name to show in
/// messages (`<stdin>` for standard input).
pub fn read_bytes(path: &Path) -> Result<(Vec<u8>, std::path::PathBuf)> {
    read_bytes_limited(path, &Limits::default())
}

/// [`read_bytes`], refusing a file (or standard input) longer than
/// `limits.max_input` without reading more than that.
pub fn read_bytes_limited(path: &Path, limits: &Limits) -> Result<(Vec<u8>, std::path::PathBuf)> {
    use std::io::Read;
    let shown: std::path::PathBuf = if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.to_path_buf()
    };
    let mut buf = Vec::new();
    let taken = if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(limits.max_input.saturating_add(1))
            .read_to_end(&mut buf)
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        if let Ok(meta) = file.metadata() {
            if meta.is_file() && meta.len() > limits.max_input {
                return Err(limits.exceeded(path, "the file is"));
            }
        }
        file.take(limits.max_input.saturating_add(1))
            .read_to_end(&mut buf)
    };
    taken.map_err(|e| Error::io(&shown, e))?;
    if buf.len() as u64 > limits.max_input {
        return Err(limits.exceeded(&shown, "the file is"));
    }
    Ok((buf, shown))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded> {
        decode(bytes, Path::new("t.txt"))
    }

    #[test]
    fn encodings_table() {
        let cases: &[(&[u8], &str, &str)] = &[
            (b"abc", "abc", "UTF-8"),
            (b"\xEF\xBB\xBFabc\r\ndef", "abc\ndef", "UTF-8"),
            (b"\xFF\xFEa\x00\xE9\x00", "a\u{e9}", "UTF-16LE"),
            (b"\xFE\xFF\x00a\x00\xE9", "a\u{e9}", "UTF-16BE"),
            (b"a\x00b\x00c\x00d\x00", "abcd", "UTF-16LE"),
            (
                b"r\xE9sum\xE9 \x93cit\xE9\x94 \x80",
                "résumé \u{201c}cité\u{201d} €",
                "windows-1252",
            ),
            (b"a\rb", "a\nb", "UTF-8"),
            (
                "r\u{FFFD}sum\u{e9}".as_bytes(),
                "r\u{FFFD}sum\u{e9}",
                "UTF-8",
            ),
            (b"e\xCC\x81", "\u{e9}", "UTF-8"),
            (b"", "", "UTF-8"),
        ];
        for (bytes, text, enc) in cases {
            let d = dec(bytes).unwrap();
            assert_eq!(d.text, *text, "{bytes:?}");
            assert_eq!(d.encoding, *enc, "{bytes:?}");
        }
    }

    #[test]
    fn stray_control_characters_become_white_space() {
        let body = "x".repeat(300);
        let d = dec(format!("a\x0bb\x0cc\x07d\te\r\nf {body}").as_bytes()).unwrap();
        assert_eq!(d.text, format!("a b c d\te\nf {body}"));
    }

    #[test]
    fn binary_is_refused() {
        for bytes in [
            &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"[..],
            &b"abc\x00def\nxyz"[..],
            &b"\xEF\xBB\xBFab\xFFc"[..],
        ] {
            assert!(matches!(dec(bytes), Err(Error::Decode { .. })), "{bytes:?}");
        }
    }

    #[test]
    fn damaged_utf8_is_refused_and_windows_1252_is_not() {
        let mut damaged = "Un été à Noël, déjà.\nLe café est fermé.\n"
            .to_string()
            .into_bytes();
        let at = damaged.len() - 2;
        damaged.insert(at, 0xFF);
        let err = dec(&damaged).unwrap_err().to_string();
        assert!(err.contains("line 2: invalid UTF-8"), "{err}");
        // Windows-1252 that happens to hold one valid UTF-8 pair (É + NBSP).
        let legacy = b"\xC9T\xC9 \xE0 No\xEBl, d\xE9j\xE0, caf\xE9 \xC9\xA0!";
        assert_eq!(dec(legacy).unwrap().encoding, "windows-1252");
    }
}
