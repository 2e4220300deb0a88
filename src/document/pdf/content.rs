//! A page's positioned characters, from its content streams: lopdf unpacks
//! the streams and parses them into operations; this module keeps the
//! graphics and text state the text operators need and places each character
//! shown.
//!
//! Operators read: `q`/`Q`/`cm` (the current matrix), `BT`, `Tf`, `Tm`,
//! `Td`, `TD`, `T*`, `TL`, `Tc`, `Tw`, `Tz`, `Ts`, `Tj`, `TJ`, `'`, `"`, and
//! `Do` of a form XObject (run with its own matrix and resources, at most
//! [`MAX_FORM_DEPTH`] deep, never inside itself). Everything else (paths,
//! colours, images) draws no text and is passed over. Characters drawn
//! rotated or mirrored are left out: reading order is for horizontal text.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{deref, number, Font};
use super::layout::{Glyph, Page};
use super::BOMB;

/// Forms drawn inside forms: at most this deep.
const MAX_FORM_DEPTH: usize = 12;
/// What drawing a form costs of the budget at least, in bytes.
const MIN_FORM_COST: usize = 256;
/// Graphics states saved (`q`) and not yet restored: at most this many (more
/// are ignored, as viewers do).
const MAX_SAVED_STATES: usize = 1024;
/// The most operands one operation may have: a content stream of millions
/// of numbers before an operator would take ~100 bytes each once parsed.
pub const MAX_OPERANDS: usize = 100_000;

/// An affine matrix `[a b c d e f]`, row-vector convention as in PDF.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

impl Matrix {
    /// `self × other`: `self` applied first.
    fn then(self, other: Matrix) -> Matrix {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = ops.iter().filter_map(number).collect();
        (ops.len() == 6 && v.len() == 6).then(|| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
    }
}

/// The graphics state the text needs (saved and restored by `q`/`Q`).
#[derive(Clone)]
struct State {
    ctm: Matrix,
    /// Character and word spacing, horizontal scale (1 = 100 %), leading,
    /// rise.
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    font: Option<FontKey>,
    size: f32,
}

/// A font of the cache: its object, or for a font written inline in a
/// resource dictionary, where that dictionary lives.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    Inline(usize),
}

/// Reads the characters of a document's pages, keeping the fonts met and
/// counting what is unpacked and drawn against the document's bounds.
pub struct Reader<'a> {
    doc: &'a Document,
    fonts: HashMap<FontKey, Option<Font>>,
    /// Bytes of content (page streams and forms, each time drawn) and of
    /// `ToUnicode` maps still allowed.
    budget: usize,
    /// The budget at the start, in bytes.
    limit: usize,
    /// Characters still allowed.
    glyphs_left: usize,
    /// The open marked-content sequences (`BMC`/`BDC` … `EMC`), innermost
    /// last, each with the MCID and artifact flag it passes to the
    /// characters inside; past [`MAX_MARKS`] deep only counted.
    marks: Vec<Mark>,
    marks_over: usize,
}

/// What a marked-content sequence gives the characters inside it: the MCID
/// of the innermost sequence that has one, and whether any enclosing
/// sequence is an `/Artifact` (page furniture in a tagged PDF).
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    mcid: Option<u32>,
    artifact: bool,
}

/// Marked-content sequences nested deeper than this are counted, not kept.
const MAX_MARKS: usize = 64;

/// Why reading stopped: over a bound, or a damaged stream.
pub type Refusal = String;

impl<'a> Reader<'a> {
    pub fn new(doc: &'a Document, budget: usize, max_glyphs: usize) -> Reader<'a> {
        Reader {
            doc,
            fonts: HashMap::new(),
            budget,
            limit: budget,
            glyphs_left: max_glyphs,
            marks: Vec::new(),
            marks_over: 0,
        }
    }

    /// The page `id`: its height and characters, with y from the media
    /// box's bottom edge.
    pub fn page(&mut self, id: ObjectId) -> Result<Page, Refusal> {
        let doc = self.doc;
        let [x0, y0, _, y1] = media_box(doc, id);
        let content = doc
            .get_page_content_with_limit(id, self.budget)
            .map_err(|e| self.refusal(&e))?;
        self.charge(content.len())?;
        let (direct, referred) = doc.get_page_resources(id).unwrap_or((None, Vec::new()));
        let mut resources: Vec<&Dictionary> = direct.into_iter().collect();
        resources.extend(referred.iter().filter_map(|r| doc.get_dictionary(*r).ok()));
        let mut glyphs = Vec::new();
        self.marks.clear();
        self.marks_over = 0;
        let state = State {
            ctm: Matrix::translate(-x0, -y0),
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            font: None,
            size: 0.0,
        };
        self.run(&content, &resources, state, &mut Vec::new(), &mut glyphs)?;
        Ok(Page {
            height: (y1 - y0).abs(),
            glyphs,
        })
    }

    fn charge(&mut self, bytes: usize) -> Result<(), Refusal> {
        if bytes > self.budget {
            return Err(format!(
                "its content, forms counted each time they are drawn, comes to more than {} MB \
                 (a compression bomb, or forms drawn inside forms over and over?)",
                self.limit >> 20
            ));
        }
        self.budget -= bytes;
        Ok(())
    }

    fn refusal(&self, e: &lopdf::Error) -> Refusal {
        match e {
            lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
                BOMB.to_string()
            }
            e => format!("a damaged or unsupported PDF: {e}"),
        }
    }

    /// Runs one content stream (a page's, or a form's) with `resources`.
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        mut state: State,
        forms: &mut Vec<ObjectId>,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), Refusal> {
        check_operands(content, MAX_OPERANDS)?;
        let mut saved: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // A damaged operation ends the stream: what came before is kept.
        for op in Content::decode_iter(content).map_while(Result::ok) {
            let ops = &op.operands;
            let num = |i: usize| ops.get(i).and_then(number);
            match op.operator.as_str() {
                "q" if saved.len() < MAX_SAVED_STATES => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" => {
                    if let Some(m) = Matrix::from_operands(ops) {
                        state.ctm = m.then(state.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    let name = ops.first().and_then(|n| n.as_name().ok());
                    state.font = match name {
                        Some(n) => self.font(resources, n)?,
                        None => None,
                    };
                    state.size = num(1).unwrap_or(0.0);
                }
                "Tc" => state.char_spacing = num(0).unwrap_or(0.0),
                "Tw" => state.word_spacing = num(0).unwrap_or(0.0),
                "Tz" => state.scale = num(0).unwrap_or(100.0) / 100.0,
                "TL" => state.leading = num(0).unwrap_or(0.0),
                "Ts" => state.rise = num(0).unwrap_or(0.0),
                "Td" | "TD" => {
                    let (x, y) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                    if op.operator == "TD" {
                        state.leading = -y;
                    }
                    tlm = Matrix::translate(x, y).then(tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = Matrix::from_operands(ops) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            state.word_spacing = num(0).unwrap_or(state.word_spacing);
                            state.char_spacing = num(1).unwrap_or(state.char_spacing);
                        }
                        tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                        tm = tlm;
                    }
                    if let Some(Ok(s)) = ops.last().map(Object::as_str) {
                        self.show(s, &state, &mut tm, glyphs)?;
                    }
                }
                "TJ" => {
                    for item in ops
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        if let Ok(s) = item.as_str() {
                            self.show(s, &state, &mut tm, glyphs)?;
                        } else if let Some(n) = number(item) {
                            let tx = -n / 1000.0 * state.size * state.scale;
                            tm = Matrix::translate(tx, 0.0).then(tm);
                        }
                    }
                }
                "BMC" | "BDC" => {
                    let tag = ops.first().and_then(|n| n.as_name().ok());
                    let props = ops.get(1).and_then(|p| match p {
                        Object::Name(n) => lookup(self.doc, resources, b"Properties", n)
                            .and_then(|o| deref(self.doc, o)),
                        o => deref(self.doc, o),
                    });
                    // A form's MCIDs number its own marked content, not the
                    // page's: its characters keep the page's sequence around
                    // the `Do`.
                    let mcid = props
                        .filter(|_| forms.is_empty())
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|m| m.as_i64().ok())
                        .and_then(|m| u32::try_from(m).ok());
                    self.open_mark(tag == Some(b"Artifact".as_slice()), mcid);
                }
                "EMC" => {
                    if self.marks_over > 0 {
                        self.marks_over -= 1;
                    } else {
                        self.marks.pop();
                    }
                }
                "Do" => {
                    if let Some(name) = ops.first().and_then(|n| n.as_name().ok()) {
                        self.form(name, resources, &state, forms, glyphs)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Opens a marked-content sequence.
    fn open_mark(&mut self, artifact: bool, mcid: Option<u32>) {
        if self.marks.len() >= MAX_MARKS {
            self.marks_over += 1;
            return;
        }
        let outer = self.marks.last().copied().unwrap_or_default();
        self.marks.push(Mark {
            mcid: mcid.or(outer.mcid),
            artifact: artifact || outer.artifact,
        });
    }

    /// Draws the form XObject `name` of `resources`, if it is one.
    fn form(
        &mut self,
        name: &[u8],
        resources: &[&'a Dictionary],
        state: &State,
        forms: &mut Vec<ObjectId>,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), Refusal> {
        let doc = self.doc;
        let Some(entry) = lookup(doc, resources, b"XObject", name) else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Some(stream) = deref(doc, entry).and_then(|s| s.as_stream().ok()) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(&b"Form"[..])
            || forms.len() >= MAX_FORM_DEPTH
            || id.is_some_and(|id| forms.contains(&id))
        {
            return Ok(());
        }
        let content = match stream.decompressed_content_with_limit(self.budget) {
            Ok(c) => c,
            Err(
                e @ lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }),
            ) => return Err(self.refusal(&e)),
            // A form that does not unpack draws nothing.
            Err(_) => return Ok(()),
        };
        // Each drawing costs something, so that empty forms drawn inside
        // forms thousands of times each cannot run for ever.
        self.charge(content.len().max(MIN_FORM_COST))?;
        let own: Option<&'a Dictionary> = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| deref(doc, r))
            .and_then(|r| r.as_dict().ok());
        let own: Vec<&'a Dictionary> = own.into_iter().collect();
        let resources = if own.is_empty() { resources } else { &own[..] };
        let mut inner = state.clone();
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| deref(doc, m))
            .and_then(|m| m.as_array().ok())
            .and_then(|m| Matrix::from_operands(m))
            .unwrap_or(IDENTITY);
        inner.ctm = matrix.then(state.ctm);
        forms.push(id.unwrap_or((0, 0)));
        let result = self.run(&content, resources, inner, forms, glyphs);
        forms.pop();
        result
    }

    /// The font `name` of `resources`, loaded once (its `ToUnicode` map
    /// charged to the budget); `None` when there is no such font.
    fn font(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
    ) -> Result<Option<FontKey>, Refusal> {
        let doc = self.doc;
        let Some(entry) = lookup(doc, resources, b"Font", name) else {
            return Ok(None);
        };
        let Some(dict) = deref(doc, entry).and_then(|d| d.as_dict().ok()) else {
            return Ok(None);
        };
        let key = match entry.as_reference() {
            Ok(id) => FontKey::Object(id),
            Err(_) => FontKey::Inline(std::ptr::from_ref(dict) as usize),
        };
        if !self.fonts.contains_key(&key) {
            let font = Font::load(doc, dict, &mut self.budget)?;
            self.fonts.insert(key, Some(font));
        }
        Ok(Some(key))
    }

    /// Places the characters of string `s` and moves the text matrix past
    /// them.
    fn show(
        &mut self,
        s: &[u8],
        state: &State,
        tm: &mut Matrix,
        glyphs: &mut Vec<Glyph>,
    ) -> Result<(), Refusal> {
        let Some(font) = state.font.and_then(|k| self.fonts.get_mut(&k)?.as_mut()) else {
            return Ok(());
        };
        let size = state.size;
        let user = Matrix([size * state.scale, 0.0, 0.0, size, 0.0, state.rise]);
        let bold = font.bold;
        let mark = self.marks.last().copied().unwrap_or_default();
        let size_factor = font.size_factor();
        let codes: Vec<u32> = font.codes(s).collect();
        for code in codes {
            let width = font.width(code);
            let trm = user.then(*tm).then(state.ctm);
            let [a, b, c, d, e, f] = trm.0;
            let text = font.text(code);
            // Horizontal, upright text only.
            if a > 0.0 && d > 0.0 && b.abs() <= 0.02 * a && c.abs() <= 0.02 * d && !text.is_empty()
            {
                let n = text.chars().count();
                if n > self.glyphs_left {
                    return Err(format!(
                        "more than {} characters of text",
                        super::MAX_GLYPHS
                    ));
                }
                self.glyphs_left -= n;
                let advance = width * a / n as f32;
                let glyph_size = (c * c + d * d).sqrt() * size_factor;
                for (i, ch) in text.chars().enumerate() {
                    let x0 = e + advance * i as f32;
                    glyphs.push(Glyph {
                        ch,
                        x0,
                        x1: x0 + advance,
                        y: f,
                        size: glyph_size,
                        bold,
                        mcid: mark.mcid,
                        artifact: mark.artifact,
                        order: None,
                        tag: None,
                    });
                }
            }
            let spacing = if font.is_space(code) {
                state.word_spacing
            } else {
                0.0
            };
            let tx = (width * size + state.char_spacing + spacing) * state.scale;
            *tm = Matrix::translate(tx, 0.0).then(*tm);
        }
        Ok(())
    }
}

/// The entry `name` of the `category` (`Font`, `XObject`) of the first
/// resource dictionary that has it.
fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        let group = deref(doc, r.get(category).ok()?)?.as_dict().ok()?;
        group.get(name).ok()
    })
}

/// The page's media box `[x0 y0 x1 y1]`, inherited from the page tree; A4
/// when none is found.
fn media_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let mut node = doc.get_dictionary(page).ok();
    let mut seen = Vec::new();
    while let Some(dict) = node {
        if let Some(b) = dict
            .get(b"MediaBox")
            .ok()
            .and_then(|b| deref(doc, b))
            .and_then(|b| b.as_array().ok())
        {
            let v: Vec<f32> = b
                .iter()
                .filter_map(|x| deref(doc, x).and_then(number))
                .collect();
            if v.len() == 4 {
                return [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ];
            }
        }
        let parent = dict.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
        match parent {
            Some(p) if !seen.contains(&p) && seen.len() < 64 => {
                seen.push(p);
                node = doc.get_dictionary(p).ok();
            }
            _ => break,
        }
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// Refuses a content stream with an operation of more than `max` operands
/// (before lopdf parses it: each operand takes ~100 bytes once parsed).
/// Operands are numbers, names, strings and the items of arrays and
/// dictionaries; an operator (a word that is not `true`, `false` or `null`)
/// starts a new operation; an inline image's data (`ID` … `EI`) is skipped.
pub fn check_operands(content: &[u8], max: usize) -> Result<(), Refusal> {
    let mut operands = 0usize;
    let mut i = 0;
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b);
    while i < content.len() {
        if operands > max {
            break;
        }
        let b = content[i];
        match b {
            b'%' => {
                i = super::skip_comment(content, i);
                continue;
            }
            b'(' => {
                i = super::skip_literal_string(content, i);
                operands += 1;
            }
            b'<' if content.get(i + 1) == Some(&b'<') => i += 1,
            b'<' => {
                i += memchr::memchr(b'>', &content[i..]).unwrap_or(content.len() - i);
                operands += 1;
            }
            b'/' | b'0'..=b'9' | b'+' | b'-' | b'.' => {
                i += 1;
                while i < content.len() && !delimiter(content[i]) {
                    i += 1;
                }
                operands += 1;
                continue;
            }
            b if b.is_ascii_whitespace() || b"[]{}>)".contains(&b) => {}
            _ => {
                let start = i;
                while i < content.len() && !delimiter(content[i]) {
                    i += 1;
                }
                match &content[start..i] {
                    b"true" | b"false" | b"null" => operands += 1,
                    b"ID" => {
                        // Inline image data, up to `EI` standing alone.
                        let rest = &content[i..];
                        let end = memchr::memmem::find_iter(rest, b"EI").find(|&e| {
                            e > 0
                                && rest[e - 1].is_ascii_whitespace()
                                && rest.get(e + 2).is_none_or(|&c| delimiter(c))
                        });
                        i += end.map_or(rest.len(), |e| e + 2);
                        operands = 0;
                    }
                    _ => operands = 0,
                }
                continue;
            }
        }
        i += 1;
    }
    if operands > max {
        return Err(format!(
            "a content stream with an operation of more than {max} operands (a damaged or hostile file)"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operands_are_counted_per_operation() {
        for (content, max, ok) in [
            (&b"BT /F1 12 Tf 72 700 Td (Bonjour) Tj ET"[..], 2, true),
            (b"1 2 3 4 5 6 cm", 5, false),
            (b"1 2 3 4 5 6 cm", 6, true),
            // Array items count; the brackets do not.
            (b"[(a) -250 (b) -250 (c)] TJ", 5, true),
            (b"[(a) -250 (b) -250 (c)] TJ", 4, false),
            // An operator starts again from none.
            (b"1 2 3 a 4 5 6 b", 3, true),
            // Words in strings, names, comments and keywords are not
            // operators.
            (b"(a b c d) /Name true null 1 x", 4, false),
            (b"1 2 % a comment x y\n3 4 x", 4, true),
            (b"1 2 % a comment x y\n3 4 x", 3, false),
            (b"<41 42> <</A 1>> 1 x", 4, true),
            // Inline image data is passed over.
            (b"BI /W 1 /H 1 ID \x00 1 2 3 4 5 6 7 EI 1 x", 4, true),
        ] {
            let got = check_operands(content, max).is_ok();
            assert_eq!(got, ok, "{}", String::from_utf8_lossy(content));
        }
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        // Scale by 2, then move by (10, 20): a point (1, 1) lands on (12, 22).
        let m = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]).then(Matrix::translate(10.0, 20.0));
        assert_eq!(m, Matrix([2.0, 0.0, 0.0, 2.0, 10.0, 20.0]));
        let m = Matrix::translate(10.0, 20.0).then(Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]));
        assert_eq!(m, Matrix([2.0, 0.0, 0.0, 2.0, 20.0, 40.0]));
        assert_eq!(Matrix::from_operands(&[Object::Integer(1)]), None);
    }
}
