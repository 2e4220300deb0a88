//! The SentencePiece unigram tokenizer of the model: text → piece ids.
//!
//! 1. **Normalisation** (`nmt_nfkc`): the model carries its own table of
//!    replacements, a double-array trie (darts-clone layout) over UTF-8
//!    bytes; at each position the longest key that matches is replaced by
//!    its value, else one character is copied. White space is then
//!    collapsed, trimmed, and written as `▁`, with one `▁` in front.
//! 2. **Segmentation**: the most probable split into vocabulary pieces
//!    (Viterbi over the sum of the pieces' log-probabilities), a character
//!    that no piece covers becoming the unknown piece.
//!
//! The vocabulary file is a protocol-buffer `ModelProto`: field 1 the pieces
//! (text, score), field 3 the normaliser with its replacement table.

use std::collections::HashMap;
use std::path::Path;

use super::files::bad;
use crate::error::Result;

/// The unknown piece's id.
pub(crate) const UNK: u32 = 0;
/// Start of sentence.
pub(crate) const BOS: u32 = 1;
/// End of sentence.
pub(crate) const EOS: u32 = 2;

/// White space as the vocabulary writes it.
const SPACE: &str = "\u{2581}";

/// Text → piece ids.
#[derive(Debug)]
pub(crate) struct Tokenizer {
    /// Log-probability of each piece.
    scores: Vec<f32>,
    /// Every piece and every prefix of one: `id + 1` for a piece, 0 for a
    /// prefix that is no piece (so the walk knows when to stop).
    prefixes: HashMap<Box<str>, u32>,
    /// Longest piece, in characters.
    max_len: usize,
    /// Score of a character no piece covers.
    unk_score: f64,
    normalizer: Normalizer,
}

impl Tokenizer {
    /// Reads a SentencePiece model file (`path` names it in messages).
    pub fn from_bytes(data: &[u8], path: &Path) -> Result<Tokenizer> {
        let fail = |reason: String| bad(path, format!("sp.model: {reason}"));
        let top = fields(data).map_err(&fail)?;
        let mut scores = Vec::new();
        let mut prefixes: HashMap<Box<str>, u32> = HashMap::new();
        let mut max_len = 0;
        let mut pieces = 0u32;
        let mut charsmap: &[u8] = &[];
        for (field, value) in top {
            match (field, value) {
                (1, Value::Bytes(piece)) => {
                    let mut text = None;
                    let mut score = 0.0f32;
                    for (f, v) in fields(piece).map_err(&fail)? {
                        match (f, v) {
                            (1, Value::Bytes(b)) if text.is_none() => {
                                text =
                                    Some(std::str::from_utf8(b).map_err(|_| {
                                        fail(format!("piece {pieces} is not UTF-8"))
                                    })?);
                            }
                            (2, Value::Fixed32(bits)) => score = f32::from_bits(bits),
                            _ => {}
                        }
                    }
                    let Some(text) = text else {
                        continue;
                    };
                    let id = pieces;
                    pieces += 1;
                    scores.push(score);
                    let chars: Vec<usize> = text.char_indices().map(|(k, _)| k).collect();
                    max_len = max_len.max(chars.len());
                    for &end in chars.iter().skip(1) {
                        prefixes.entry(text[..end].into()).or_insert(0);
                    }
                    prefixes.insert(text.into(), id + 1);
                }
                (3, Value::Bytes(spec)) => {
                    for (f, v) in fields(spec).map_err(&fail)? {
                        if let (2, Value::Bytes(b)) = (f, v) {
                            charsmap = b;
                        }
                    }
                }
                _ => {}
            }
        }
        if pieces <= EOS {
            return Err(fail("no vocabulary in this file".into()));
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        Ok(Tokenizer {
            scores,
            prefixes,
            max_len,
            unk_score: f64::from(min) - 10.0,
            normalizer: Normalizer::new(charsmap).map_err(|r| fail(r.into()))?,
        })
    }

    /// Number of pieces in the vocabulary.
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// The piece ids of `text`, between [`BOS`] and [`EOS`].
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalizer.normalize(text);
        let mut ids = vec![BOS];
        if normalized.is_empty() {
            ids.push(UNK);
        } else {
            self.viterbi(&normalized, &mut ids);
        }
        ids.push(EOS);
        ids
    }

    /// Appends the best segmentation of `s` to `out`. Every position is
    /// reached by the best-scoring piece ending there (earliest start on a
    /// tie); a start position where no one-character piece exists also
    /// offers the unknown piece over one character.
    fn viterbi(&self, s: &str, out: &mut Vec<u32>) {
        let bounds: Vec<usize> = s
            .char_indices()
            .map(|(k, _)| k)
            .chain(std::iter::once(s.len()))
            .collect();
        let len = bounds.len() - 1;
        let mut best = vec![f64::NEG_INFINITY; len + 1];
        let mut from = vec![0usize; len + 1];
        let mut piece = vec![UNK; len + 1];
        best[0] = 0.0;
        for i in 0..len {
            let base = best[i];
            let mut single = false;
            for j in i + 1..=(i + self.max_len).min(len) {
                let Some(&v) = self.prefixes.get(&s[bounds[i]..bounds[j]]) else {
                    break;
                };
                if v == 0 {
                    continue;
                }
                let score = base + f64::from(self.scores[v as usize - 1]);
                if score > best[j] {
                    best[j] = score;
                    from[j] = i;
                    piece[j] = v - 1;
                }
                single |= j == i + 1;
            }
            if !single {
                let score = base + self.unk_score;
                if score > best[i + 1] {
                    best[i + 1] = score;
                    from[i + 1] = i;
                    piece[i + 1] = UNK;
                }
            }
        }
        let start = out.len();
        let mut p = len;
        while p > 0 {
            out.push(piece[p]);
            p = from[p];
        }
        out[start..].reverse();
    }
}

/// One field value of a protocol-buffer message.
enum Value<'a> {
    Varint,
    Fixed64,
    Bytes(&'a [u8]),
    Fixed32(u32),
}

/// The fields of a protocol-buffer message, in order.
fn fields(data: &[u8]) -> std::result::Result<Vec<(u64, Value<'_>)>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let tag = varint(data, &mut pos)?;
        let value = match tag & 7 {
            0 => {
                varint(data, &mut pos)?;
                Value::Varint
            }
            1 => {
                take(data, &mut pos, 8)?;
                Value::Fixed64
            }
            2 => {
                let n = varint(data, &mut pos)?;
                Value::Bytes(take(
                    data,
                    &mut pos,
                    usize::try_from(n).unwrap_or(usize::MAX),
                )?)
            }
            5 => {
                let b = take(data, &mut pos, 4)?;
                Value::Fixed32(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            }
            w => {
                return Err(format!(
                    "byte {pos}: unknown wire type {w}; not a SentencePiece model"
                ))
            }
        };
        out.push((tag >> 3, value));
    }
    Ok(out)
}

/// Reads a base-128 varint at `pos`.
fn varint(data: &[u8], pos: &mut usize) -> std::result::Result<u64, String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let &b = data.get(*pos).ok_or("truncated")?;
        *pos += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err(format!("byte {pos}: malformed number"))
}

/// The next `n` bytes at `pos`.
fn take<'a>(data: &'a [u8], pos: &mut usize, n: usize) -> std::result::Result<&'a [u8], String> {
    let end = pos
        .checked_add(n)
        .filter(|&e| e <= data.len())
        .ok_or("truncated")?;
    let out = &data[*pos..end];
    *pos = end;
    Ok(out)
}

/// The replacement table: a double-array trie whose leaves point into a
/// block of NUL-terminated replacement strings.
#[derive(Debug)]
struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
}

impl Normalizer {
    /// Reads the precompiled table (empty: no replacements).
    fn new(charsmap: &[u8]) -> std::result::Result<Normalizer, &'static str> {
        if charsmap.is_empty() {
            return Ok(Normalizer {
                units: Vec::new(),
                replacements: Vec::new(),
            });
        }
        let size = charsmap
            .get(..4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or("normaliser table truncated")?;
        let trie = charsmap
            .get(4..4usize.saturating_add(size))
            .filter(|t| t.len() % 4 == 0 && !t.is_empty())
            .ok_or("normaliser table truncated")?;
        Ok(Normalizer {
            units: trie
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            replacements: charsmap[4 + size..].to_vec(),
        })
    }

    /// A unit's child offset.
    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// The replacement of the longest key at the start of `bytes`, with
    /// the key's length; `None` when no key matches.
    fn longest(&self, bytes: &[u8]) -> Option<(&[u8], usize)> {
        let first = *self.units.first()?;
        let mut node = Self::offset(first);
        let mut found = None;
        for (k, &c) in bytes.iter().enumerate() {
            node ^= usize::from(c);
            let unit = *self.units.get(node)?;
            if unit & 0x8000_00ff != u32::from(c) {
                break;
            }
            node ^= Self::offset(unit);
            if unit & 0x100 != 0 {
                let value = (*self.units.get(node)? & 0x7fff_ffff) as usize;
                found = Some((value, k + 1));
            }
        }
        let (value, len) = found?;
        let rest = self.replacements.get(value..).filter(|r| !r.is_empty())?;
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        Some((&rest[..end], len))
    }

    /// Normalises `text` and writes its white space as `▁`, one in front.
    fn normalize(&self, text: &str) -> String {
        let bytes = text.as_bytes();
        let mut pieces = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            let (piece, len) = self.longest(&bytes[pos..]).unwrap_or_else(|| {
                let len = text[pos..].chars().next().map_or(1, char::len_utf8);
                (&bytes[pos..pos + len], len)
            });
            pieces.push(piece);
            pos += len;
        }
        // Leading pieces that are exactly one space are dropped.
        let first = pieces
            .iter()
            .position(|p| *p != b" ")
            .unwrap_or(pieces.len());
        if first == pieces.len() {
            return String::new();
        }
        let mut out: Vec<u8> = SPACE.as_bytes().to_vec();
        let mut after_space = true;
        for mut p in pieces[first..].iter().copied() {
            if after_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if p.is_empty() {
                continue;
            }
            for &b in p {
                if b == b' ' {
                    out.extend(SPACE.as_bytes());
                } else {
                    out.push(b);
                }
            }
            after_space = p.last() == Some(&b' ');
        }
        while out.ends_with(SPACE.as_bytes()) {
            out.truncate(out.len() - SPACE.len());
        }
        // Replacements come from the model file: keep what is valid.
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::tiny::vocab;

    fn tiny() -> Tokenizer {
        let model = vocab(&[
            ("<unk>", 0.0),
            ("<s>", 0.0),
            ("</s>", 0.0),
            ("▁", -2.0),
            ("▁le", -3.0),
            ("▁chat", -4.0),
            ("▁ch", -3.0),
            ("at", -3.0),
            ("s", -3.0),
            ("a", -5.0),
            ("t", -5.0),
            ("c", -5.0),
            ("h", -5.0),
        ]);
        Tokenizer::from_bytes(&model, Path::new("tiny.model")).unwrap()
    }

    #[test]
    fn segments_by_best_score() {
        let t = tiny();
        assert_eq!(t.vocab_size(), 13);
        // ▁chat (−4) beats ▁ch + at (−6); "s" follows.
        assert_eq!(t.encode("le chats"), [BOS, 4, 5, 8, EOS]);
        // Spaces collapsed and trimmed (a tab is a space only through the
        // model's replacement table, which this one lacks).
        assert_eq!(t.encode("  le    chat  "), [BOS, 4, 5, EOS]);
        // A character no piece covers is unknown; empty text is one unknown.
        assert_eq!(t.encode("le x"), [BOS, 4, 3, UNK, EOS]);
        assert_eq!(t.encode("   "), [BOS, UNK, EOS]);
        assert_eq!(t.encode(""), [BOS, UNK, EOS]);
    }

    #[test]
    fn bad_model_files() {
        for (bytes, expect) in [
            (&b""[..], "no vocabulary"),
            (&b"\x0a\xff\xff"[..], "truncated"),
            (&b"\x0f"[..], "wire type"),
        ] {
            let err = Tokenizer::from_bytes(bytes, Path::new("m/sp.model")).unwrap_err();
            let text = err.to_string();
            assert!(text.starts_with("m/sp.model: sp.model: "), "{text}");
            assert!(text.contains(expect), "{text}");
        }
    }
}
