//! A PDF font as the text extraction needs it: how a shown string's bytes cut
//! into character codes, the text each code stands for, how wide each code is
//! drawn, and whether the font is bold.
//!
//! lopdf parses the objects, the base encodings with their `Differences`, and
//! the `ToUnicode` CMap; this module puts them together per code:
//!
//! - **simple fonts** (Type1, TrueType, Type3): one byte a code; the text of a
//!   code is the `ToUnicode` map's, else the encoding's; widths from `Widths`
//!   and `FirstChar` (`MissingWidth` outside), in thousandths of an em (a Type3
//!   font's `FontMatrix` scales its own units);
//! - **Type0 (CID) fonts**: two bytes a code (`Identity-H`, and the other
//!   encodings Western reports use); the text from `ToUnicode`; widths from the
//!   descendant font's `W` array and `DW`;
//! - **bold**: the font descriptor's `FontWeight` (600 or more) or `ForceBold`
//!   flag, or `Bold`, `Black`, `Heavy` in the font's name;
//! - a standard font without widths (`/Helvetica` written by hand) gets an
//!   average width: characters keep their order and words their gaps.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

/// What a code of a Type0 font's `ToUnicode` map stands for (UTF-16 code
/// units), through lopdf's CMap; boxed because lopdf does not name the map's
/// type.
type CodeMap = Box<dyn Fn(u32, u8) -> Option<Vec<u16>>>;

/// A font of a page, ready to decode shown strings.
pub(super) struct Font {
    /// Two bytes a code (a Type0 font); one otherwise.
    two_byte: bool,
    /// A simple font's text for each byte (empty: nothing known).
    simple: Vec<String>,
    /// A Type0 font's `ToUnicode` map.
    cid_map: Option<CodeMap>,
    /// A Type0 font's codes already looked up.
    cid_cache: HashMap<u32, String>,
    widths: Widths,
    /// Glyph space units → text space (1/1000, or a Type3 font's matrix).
    scale: f32,
    /// The font is bold (by weight, flag or name).
    pub bold: bool,
}

/// Widths in glyph space units.
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// `W` ranges sorted by first code: (first, last, width of each, or the
    /// index of the first in `list`).
    Cid {
        ranges: Vec<(u32, u32, CidWidth)>,
        list: Vec<f32>,
        default: f32,
    },
}

#[derive(Clone, Copy)]
enum CidWidth {
    Same(f32),
    From(usize),
}

/// The most entries of a `W` or `Widths` array read.
const MAX_WIDTHS: usize = 1 << 16;

impl Font {
    /// The font of dictionary `dict`; what its `ToUnicode` stream unpacks
    /// to is taken from `budget` (refused beyond: a compression bomb).
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut usize) -> Result<Font, String> {
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let base = name_of(doc, dict.get(b"BaseFont").ok()).unwrap_or_default();
        let type0 = subtype == b"Type0";
        let descendant = type0
            .then(|| {
                let kids = deref(doc, dict.get(b"DescendantFonts").ok()?)?
                    .as_array()
                    .ok()?;
                deref(doc, kids.first()?)?.as_dict().ok()
            })
            .flatten();
        let described = descendant.unwrap_or(dict);
        let descriptor = described
            .get(b"FontDescriptor")
            .ok()
            .and_then(|d| deref(doc, d))
            .and_then(|d| d.as_dict().ok());
        let bold = is_bold(doc, descriptor, base);
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .map(|m| code_map(doc, m, budget))
            .transpose()?
            .flatten();
        let scale = if subtype == b"Type3" {
            dict.get(b"FontMatrix")
                .ok()
                .and_then(|m| deref(doc, m))
                .and_then(|m| m.as_array().ok())
                .and_then(|m| m.first())
                .and_then(number)
                .filter(|s| s.is_finite() && *s != 0.0)
                .map_or(0.001, f32::abs)
        } else {
            0.001
        };
        if type0 {
            let widths = cid_widths(doc, descendant);
            return Ok(Font {
                two_byte: true,
                simple: Vec::new(),
                cid_map: to_unicode,
                cid_cache: HashMap::new(),
                widths,
                scale,
                bold,
            });
        }
        let simple = simple_text(doc, dict, to_unicode.as_ref())?;
        let missing = descriptor
            .and_then(|d| d.get(b"MissingWidth").ok())
            .and_then(|w| deref(doc, w))
            .and_then(number)
            .unwrap_or(0.0);
        let first = dict
            .get(b"FirstChar")
            .ok()
            .and_then(|f| deref(doc, f))
            .and_then(|f| f.as_i64().ok())
            .and_then(|f| u32::try_from(f).ok())
            .unwrap_or(0);
        let mut widths: Vec<f32> = dict
            .get(b"Widths")
            .ok()
            .and_then(|w| deref(doc, w))
            .and_then(|w| w.as_array().ok())
            .map(|w| {
                w.iter()
                    .take(MAX_WIDTHS)
                    .map(|x| deref(doc, x).and_then(number).unwrap_or(missing))
                    .collect()
            })
            .unwrap_or_default();
        if widths.is_empty() {
            // A standard font named without its widths: an average width.
            let average = if base.windows(7).any(|w| w == b"Courier") {
                600.0
            } else {
                500.0
            };
            widths = (0..256)
                .map(|c| if c == 32 { 250.0 } else { average })
                .collect();
            return Ok(Font {
                two_byte: false,
                simple,
                cid_map: None,
                cid_cache: HashMap::new(),
                widths: Widths::Simple {
                    first: 0,
                    widths,
                    missing: average,
                },
                scale,
                bold,
            });
        }
        Ok(Font {
            two_byte: false,
            simple,
            cid_map: None,
            cid_cache: HashMap::new(),
            widths: Widths::Simple {
                first,
                widths,
                missing,
            },
            scale,
            bold,
        })
    }

    /// The codes of a shown string.
    pub fn codes<'b>(&self, bytes: &'b [u8]) -> impl Iterator<Item = u32> + 'b {
        let step = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|c| c.iter().fold(0u32, |code, &b| (code << 8) | u32::from(b)))
    }

    /// Whether word spacing (`Tw`) applies to the code: the single byte 32.
    pub fn is_space(&self, code: u32) -> bool {
        !self.two_byte && code == 32
    }

    /// The code's width in text space units (one unit per point of font
    /// size).
    pub fn width(&self, code: u32) -> f32 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid {
                ranges,
                list,
                default,
            } => {
                let at = ranges.partition_point(|r| r.0 <= code);
                match at.checked_sub(1).map(|i| ranges[i]) {
                    Some((lo, hi, w)) if code <= hi => match w {
                        CidWidth::Same(w) => w,
                        CidWidth::From(i) => list
                            .get(i + (code - lo) as usize)
                            .copied()
                            .unwrap_or(*default),
                    },
                    _ => *default,
                }
            }
        };
        w * self.scale
    }

    /// The font size's factor for this font's own units (a Type3 font's
    /// matrix; 1 for the others).
    pub fn size_factor(&self) -> f32 {
        self.scale * 1000.0
    }

    /// The text the code stands for (empty when unknown).
    pub fn text(&mut self, code: u32) -> &str {
        if !self.two_byte {
            return self.simple.get(code as usize).map_or("", String::as_str);
        }
        let map = &self.cid_map;
        self.cid_cache.entry(code).or_insert_with(|| {
            map.as_ref()
                .and_then(|m| m(code, 2))
                .map(|units| {
                    char::decode_utf16(units)
                        .filter_map(std::result::Result::ok)
                        .collect()
                })
                .unwrap_or_default()
        })
    }
}

/// A simple font's text for each byte: the `ToUnicode` map's, else the
/// font's encoding's (lopdf's tables and glyph names), else nothing.
fn simple_text(
    doc: &Document,
    dict: &Dictionary,
    to_unicode: Option<&CodeMap>,
) -> Result<Vec<String>, String> {
    // lopdf takes `/Encoding` before `ToUnicode`: ask for the encoding alone.
    let mut alone = Dictionary::new();
    alone.set("Type", Object::Name(b"Font".to_vec()));
    if let Ok(e) = dict.get(b"Encoding") {
        alone.set("Encoding", e.clone());
    } else if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(&b"Type1"[..]) {
        // TrueType fonts without an encoding are mostly Latin text.
        alone.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    }
    // Without `ToUnicode` in the dictionary, lopdf unpacks nothing here.
    let encoding = alone
        .get_font_encoding_with_limit(doc, 0)
        .map_err(|_| super::BOMB.to_string())?;
    Ok((0..=255u8)
        .map(|b| {
            let mapped = to_unicode.and_then(|m| m(u32::from(b), 1).or_else(|| m(u32::from(b), 2)));
            match mapped {
                Some(units) => char::decode_utf16(units)
                    .filter_map(std::result::Result::ok)
                    .collect(),
                None => encoding.bytes_to_string(&[b]).unwrap_or_default(),
            }
        })
        .collect())
}

/// The `ToUnicode` map `object` through lopdf's CMap parser; `None` when it
/// does not parse (the encoding is used instead). What it unpacks to is
/// taken from `budget`.
fn code_map(
    doc: &Document,
    object: &Object,
    budget: &mut usize,
) -> Result<Option<CodeMap>, String> {
    let Some(stream) = deref(doc, object).and_then(|s| s.as_stream().ok()) else {
        return Ok(None);
    };
    let size = match stream.get_plain_content_with_limit(*budget) {
        Ok(bytes) => bytes.len(),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            return Err(super::BOMB.to_string())
        }
        Err(_) => return Ok(None),
    };
    *budget -= size;
    let mut alone = Dictionary::new();
    alone.set("Type", Object::Name(b"Font".to_vec()));
    alone.set("ToUnicode", object.clone());
    match alone.get_font_encoding_with_limit(doc, size) {
        Ok(Encoding::UnicodeMapEncoding(map)) => {
            Ok(Some(Box::new(move |code, len| map.get(code, len))))
        }
        Ok(_) => Ok(None),
        Err(_) => Err(super::BOMB.to_string()),
    }
}

/// A Type0 font's widths: its descendant's `W` array and `DW`.
fn cid_widths(doc: &Document, descendant: Option<&Dictionary>) -> Widths {
    let get = |key: &[u8]| {
        descendant
            .and_then(|d| d.get(key).ok())
            .and_then(|o| deref(doc, o))
    };
    let default = get(b"DW").and_then(number).unwrap_or(1000.0);
    let mut ranges = Vec::new();
    let mut list = Vec::new();
    let w = get(b"W").and_then(|w| w.as_array().ok());
    let items: Vec<&Object> = w
        .map(|w| {
            w.iter()
                .take(MAX_WIDTHS)
                .filter_map(|o| deref(doc, o))
                .collect()
        })
        .unwrap_or_default();
    let code = |o: &Object| o.as_i64().ok().and_then(|c| u32::try_from(c).ok());
    let mut i = 0;
    while i < items.len() {
        let Some(first) = code(items[i]) else {
            i += 1;
            continue;
        };
        match (items.get(i + 1), items.get(i + 2)) {
            (Some(Object::Array(each)), _) => {
                let start = list.len();
                list.extend(
                    each.iter()
                        .take(MAX_WIDTHS)
                        .map(|x| deref(doc, x).and_then(number).unwrap_or(default)),
                );
                let n = (list.len() - start) as u32;
                if n > 0 {
                    ranges.push((first, first.saturating_add(n - 1), CidWidth::From(start)));
                }
                i += 2;
            }
            (Some(last), Some(width)) => {
                if let (Some(last), Some(width)) = (code(last), number(width)) {
                    if last >= first {
                        ranges.push((first, last, CidWidth::Same(width)));
                    }
                }
                i += 3;
            }
            _ => break,
        }
    }
    ranges.sort_by_key(|r| r.0);
    Widths::Cid {
        ranges,
        list,
        default,
    }
}

/// Bold by the descriptor's weight or `ForceBold` flag, or by the name.
fn is_bold(doc: &Document, descriptor: Option<&Dictionary>, base: &[u8]) -> bool {
    let get = |key: &[u8]| {
        descriptor
            .and_then(|d| d.get(key).ok())
            .and_then(|o| deref(doc, o))
    };
    let weight = get(b"FontWeight").and_then(number).unwrap_or(0.0);
    let flags = get(b"Flags").and_then(|f| f.as_i64().ok()).unwrap_or(0);
    let name = String::from_utf8_lossy(base).to_lowercase();
    weight >= 600.0
        || flags & (1 << 18) != 0
        || ["bold", "black", "heavy"].iter().any(|w| name.contains(w))
}

/// The object, references followed (lopdf bounds the chain).
pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// A number (integer or real) as `f32`.
pub(super) fn number(object: &Object) -> Option<f32> {
    object.as_float().ok().filter(|x| x.is_finite())
}

fn name_of<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a [u8]> {
    deref(doc, object?)?.as_name().ok()
}
