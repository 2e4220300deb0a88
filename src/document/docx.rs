//! Word (DOCX, Office Open XML) and OpenDocument text (ODT) → blocks, with the
//! `zip` and `quick-xml` crates. Reads the text as a reader sees it: tracked
//! changes as accepted (deletions dropped, insertions kept), hidden text
//! skipped, fields by their visible result, soft line breaks and tabs as
//! white space, footnotes and endnotes after the body.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{BlockKind, Builder, Document, Format};
use crate::decode::Limits;
use crate::error::{Error, Result};

fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::Decode {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Opens the archive; refuses one holding two entries of the same name
/// (which of them a reader sees depends on the reader: a way to hide text).
fn open<'a>(bytes: &'a [u8], path: &Path) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| refuse(path, format!("a damaged zip archive: {e}")))?;
    if zip.has_duplicate_names() {
        return Err(refuse(
            path,
            "a damaged zip archive: two entries have the same name",
        ));
    }
    Ok(zip)
}

/// Tells DOCX from ODT (or neither) inside a zip archive.
pub fn zip_format(bytes: &[u8], path: &Path) -> Result<Format> {
    let mut zip = open(bytes, path)?;
    // By index, not by opening the entry: an encrypted entry is still there.
    if zip.index_for_name("word/document.xml").is_some() {
        return Ok(Format::Docx);
    }
    if let Ok(mut mimetype) = zip.by_name("mimetype") {
        let mut kind = String::new();
        let _ = mimetype.by_ref().take(200).read_to_string(&mut kind);
        if kind.trim() == "application/vnd.oasis.opendocument.text" {
            return Ok(Format::Odt);
        }
    }
    if zip.index_for_name("content.xml").is_some() {
        return Ok(Format::Odt);
    }
    Err(refuse(
        path,
        "a zip archive but not a DOCX or ODT document (it has no word/document.xml or content.xml)",
    ))
}

/// An open archive and what its parts may still unpack to.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes left of the document's budget (all parts together).
    left: u64,
    limits: Limits,
}

/// Reads one part of the archive as UTF-8 XML; `None` when it is absent.
/// The parts read together may unpack to at most `limits.max_input` bytes
/// (a zip bomb guard).
fn part(archive: &mut Archive<'_>, name: &str, path: &Path) -> Result<Option<String>> {
    let mut file = match archive.zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) if e.to_string().to_lowercase().contains("password") => {
            return Err(refuse(path, "an encrypted (password-protected) document"))
        }
        Err(e) => return Err(refuse(path, format!("{name}: {e}"))),
    };
    if file.encrypted() {
        return Err(refuse(path, "an encrypted (password-protected) document"));
    }
    let mut text = String::new();
    file.by_ref()
        .take(archive.left.saturating_add(1))
        .read_to_string(&mut text)
        .map_err(|e| refuse(path, format!("{name}: {e}")))?;
    if text.len() as u64 > archive.left {
        return Err(archive
            .limits
            .exceeded(path, "the document unpacked (all its parts together) is"));
    }
    archive.left -= text.len() as u64;
    Ok(Some(text))
}

/// Reads a DOCX or ODT file.
pub fn read(bytes: &[u8], path: &Path, format: Format, limits: &Limits) -> Result<Document> {
    let mut zip = Archive {
        zip: open(bytes, path)?,
        left: limits.max_input,
        limits: *limits,
    };
    let mut out = Builder::default();
    if format == Format::Odt {
        let content = part(&mut zip, "content.xml", path)?
            .ok_or_else(|| refuse(path, "an ODT document without content.xml"))?;
        let mut styles = OdtStyles::default();
        if let Some(xml) = part(&mut zip, "styles.xml", path)? {
            styles
                .add(&xml)
                .map_err(|e| refuse(path, format!("styles.xml: {e}")))?;
        }
        styles
            .add(&content)
            .map_err(|e| refuse(path, format!("content.xml: {e}")))?;
        read_odt(&content, &styles, &mut out)
            .map_err(|e| refuse(path, format!("content.xml: {e}")))?;
        return Ok(out.finish());
    }
    let styles = match part(&mut zip, "word/styles.xml", path)? {
        Some(xml) => {
            Styles::parse(&xml).map_err(|e| refuse(path, format!("word/styles.xml: {e}")))?
        }
        None => Styles::default(),
    };
    let body = part(&mut zip, "word/document.xml", path)?
        .ok_or_else(|| refuse(path, "a DOCX document without word/document.xml"))?;
    // Every part is unpacked (within the budget) before any is parsed, so a
    // document over its budget is refused before the work starts.
    let mut notes = Vec::new();
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = part(&mut zip, name, path)? {
            notes.push((name, xml));
        }
    }
    read_wordml(&body, &styles, false, &mut out)
        .map_err(|e| refuse(path, format!("word/document.xml: {e}")))?;
    drop(body);
    for (name, xml) in notes {
        read_wordml(&xml, &styles, true, &mut out)
            .map_err(|e| refuse(path, format!("{name}: {e}")))?;
    }
    Ok(out.finish())
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Whether an on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// The text of a general reference (`&amp;`, `&#233;`).
pub(crate) fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// What paragraph styles mean: heading level and list membership.
#[derive(Debug, Default)]
struct Styles {
    heading: HashMap<String, u8>,
    list: HashMap<String, bool>,
}

impl Styles {
    fn parse(xml: &str) -> std::result::Result<Styles, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut styles = Styles::default();
        let mut based_on: HashMap<String, String> = HashMap::new();
        let mut id: Option<String> = None;
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => id = attr(&e, "styleId"),
                    "name" => {
                        if let (Some(id), Some(name)) = (&id, attr(&e, "val")) {
                            if let Some(level) = heading_level(&name).or_else(|| heading_level(id))
                            {
                                styles.heading.insert(id.clone(), level);
                            }
                            let lower = name.to_lowercase();
                            if lower.starts_with("list") || lower.starts_with("liste") {
                                styles.list.insert(id.clone(), true);
                            }
                        }
                    }
                    "basedOn" => {
                        if let (Some(id), Some(base)) = (&id, attr(&e, "val")) {
                            based_on.insert(id.clone(), base);
                        }
                    }
                    "outlineLvl" => {
                        if let (Some(id), Some(Ok(level))) =
                            (&id, attr(&e, "val").map(|v| v.parse::<u8>()))
                        {
                            if level < 9 {
                                styles.heading.entry(id.clone()).or_insert(level + 1);
                            }
                        }
                    }
                    "numPr" => {
                        if let Some(id) = &id {
                            styles.list.insert(id.clone(), true);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "style" => id = None,
                Event::Eof => break,
                _ => {}
            }
        }
        // Inherit through `basedOn` (a few steps at most).
        for (id, _) in based_on.clone() {
            let mut cur = id.clone();
            for _ in 0..8 {
                let Some(base) = based_on.get(&cur) else {
                    break;
                };
                if !styles.heading.contains_key(&id) {
                    if let Some(&l) = styles.heading.get(base) {
                        styles.heading.insert(id.clone(), l);
                    }
                }
                if !styles.list.contains_key(&id) && styles.list.get(base) == Some(&true) {
                    styles.list.insert(id.clone(), true);
                }
                cur = base.clone();
            }
        }
        Ok(styles)
    }
}

/// `Heading 2`, `heading2`, `Titre 2`, `Title` → a level.
fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_lowercase().replace(' ', "");
    if lower == "title" || lower == "titre" {
        return Some(1);
    }
    let digits = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("titre"))?;
    digits
        .parse::<u8>()
        .ok()
        .filter(|l| (1..=9).contains(l))
        .map(|l| l.min(6))
}

/// One paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    numbered: bool,
    outline: Option<u8>,
}

/// Reads WordprocessingML paragraphs (the body, or the footnotes/endnotes part).
fn read_wordml(
    xml: &str,
    styles: &Styles,
    notes: bool,
    out: &mut Builder,
) -> std::result::Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut paras: Vec<Para> = Vec::new();
    let mut in_text = false; // inside <w:t>
    let mut hidden_run = false; // the current run has <w:vanish/>
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut skip = 0usize; // inside deleted text, a fallback, a separator note
    let mut cells = 0usize; // table cell depth
    let mut open = OpenElements::default();
    loop {
        let event = reader.read_event()?;
        open.track(&event)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match name {
                    "del" | "moveFrom" | "Fallback" | "instrText" | "delText" if !empty => skip = 1,
                    "footnote" | "endnote"
                        if notes
                            && !empty
                            && matches!(
                                attr(e, "type").as_deref(),
                                Some("separator" | "continuationSeparator" | "continuationNotice")
                            ) =>
                    {
                        skip = 1
                    }
                    "p" if !empty => paras.push(Para::default()),
                    "tc" if !empty => cells += 1,
                    "pPr" if !empty => in_ppr = true,
                    "rPr" if !empty => in_rpr = true,
                    "r" if !empty => hidden_run = false,
                    "pStyle" if in_ppr && !in_rpr => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "numPr" if in_ppr && !in_rpr => {
                        if let Some(p) = paras.last_mut() {
                            p.numbered = true;
                        }
                    }
                    "outlineLvl" if in_ppr && !in_rpr => {
                        if let (Some(p), Some(Ok(l))) =
                            (paras.last_mut(), attr(e, "val").map(|v| v.parse::<u8>()))
                        {
                            p.outline = (l < 9).then_some(l + 1);
                        }
                    }
                    "vanish" if in_rpr && !in_ppr && on(e) => hidden_run = true,
                    "t" if !empty => in_text = true,
                    "tab" | "ptab" if !in_ppr && !hidden_run => push(&mut paras, " "),
                    "br" | "cr" if !hidden_run => {
                        let page = matches!(attr(e, "type").as_deref(), Some("page" | "column"));
                        push(&mut paras, if page { " " } else { "\n" });
                    }
                    "noBreakHyphen" if !hidden_run => push(&mut paras, "-"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "tc" => cells = cells.saturating_sub(1),
                    "p" => {
                        if let Some(p) = paras.pop() {
                            let style = p.style.as_deref().unwrap_or("");
                            let level = p.outline.or_else(|| styles.heading.get(style).copied());
                            let (kind, level) = if notes {
                                (BlockKind::Footnote, 0)
                            } else if let Some(level) = level {
                                (BlockKind::Heading, level.min(6))
                            } else if cells > 0 {
                                (BlockKind::Cell, 0)
                            } else if p.numbered || styles.list.get(style) == Some(&true) {
                                (BlockKind::Item, 0)
                            } else {
                                (BlockKind::Paragraph, 0)
                            };
                            out.push(kind, level, &p.text);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 && !hidden_run => {
                push(&mut paras, &t.xml10_content())
            }
            Event::GeneralRef(r) if in_text && skip == 0 && !hidden_run => {
                if let Some(c) = reference(r) {
                    push(&mut paras, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}

/// How deep the reader is in the XML, to tell a complete part from a
/// truncated one (which XML readers end without a word, losing the last
/// paragraph).
#[derive(Debug, Default)]
struct OpenElements {
    depth: usize,
    /// The outermost element's name.
    root: Option<String>,
}

impl OpenElements {
    /// Counts an element opened or closed; at the end of input, refuses a
    /// part with elements left open.
    fn track(&mut self, event: &Event<'_>) -> std::result::Result<(), quick_xml::Error> {
        match event {
            Event::Start(e) => {
                if self.depth == 0 {
                    self.root = Some(e.name().as_ref().to_string());
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Eof if self.depth > 0 => {
                return Err(quick_xml::errors::IllFormedError::MissingEndTag(
                    self.root.clone().unwrap_or_default(),
                )
                .into())
            }
            _ => {}
        }
        Ok(())
    }
}

fn push(paras: &mut [Para], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.text.push_str(s);
    }
}

/// OpenDocument paragraph styles: parent and heading level of each.
#[derive(Debug, Default)]
struct OdtStyles {
    styles: HashMap<String, (Option<String>, Option<u8>)>,
}

impl OdtStyles {
    /// Adds the paragraph styles of `styles.xml` or of `content.xml`'s automatic styles.
    fn add(&mut self, xml: &str) -> std::result::Result<(), quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "style" => {
                    let Some(name) = attr(&e, "name") else {
                        continue;
                    };
                    let level = attr(&e, "default-outline-level")
                        .and_then(|l| l.parse::<u8>().ok())
                        .or_else(|| heading_level(&attr(&e, "display-name").unwrap_or_default()))
                        .or_else(|| heading_level(&name.replace("_20_", " ")));
                    self.styles
                        .insert(name, (attr(&e, "parent-style-name"), level));
                }
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    /// The heading level a paragraph style gives, through its parents.
    fn level(&self, style: &str) -> Option<u8> {
        let mut cur = style;
        for _ in 0..8 {
            let (parent, level) = self.styles.get(cur)?;
            if level.is_some() {
                return *level;
            }
            cur = parent.as_deref()?;
        }
        None
    }
}

/// Reads OpenDocument text: `text:h` headings with their outline level,
/// `text:p` paragraphs (headings when their style is), list items, table
/// cells, and notes after the body.
fn read_odt(
    xml: &str,
    styles: &OdtStyles,
    out: &mut Builder,
) -> std::result::Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    // Paragraphs being read (notes nest inside paragraphs), with their kind.
    let mut paras: Vec<(BlockKind, u8, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut items = 0usize;
    let mut cells = 0usize;
    let mut in_note = 0usize;
    let mut skip = 0usize;
    let mut open = OpenElements::default();
    loop {
        let event = reader.read_event()?;
        open.track(&event)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                if skip > 0 {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                match e.local_name().as_ref() {
                    "tracked-changes" | "note-citation" | "annotation" | "hidden-text"
                        if !empty =>
                    {
                        skip = 1
                    }
                    "note-body" if !empty => in_note += 1,
                    "list-item" if !empty => items += 1,
                    "table-cell" if !empty => cells += 1,
                    "h" if !empty => {
                        let level = attr(e, "outline-level")
                            .and_then(|l| l.parse().ok())
                            .unwrap_or(1u8);
                        paras.push((BlockKind::Heading, level.clamp(1, 6), String::new()));
                    }
                    "p" if !empty => {
                        let level = attr(e, "style-name").and_then(|s| styles.level(&s));
                        let (kind, level) = if in_note > 0 {
                            (BlockKind::Footnote, 0)
                        } else if let Some(level) = level {
                            (BlockKind::Heading, level.clamp(1, 6))
                        } else if cells > 0 {
                            (BlockKind::Cell, 0)
                        } else if items > 0 {
                            (BlockKind::Item, 0)
                        } else {
                            (BlockKind::Paragraph, 0)
                        };
                        paras.push((kind, level, String::new()));
                    }
                    "s" => {
                        let n = attr(e, "c").and_then(|c| c.parse().ok()).unwrap_or(1usize);
                        if let Some(p) = paras.last_mut() {
                            p.2.extend(std::iter::repeat_n(' ', n.min(100)));
                        }
                    }
                    "tab" => odt_push(&mut paras, " "),
                    "line-break" => odt_push(&mut paras, "\n"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "note-body" => in_note = in_note.saturating_sub(1),
                    "list-item" => items = items.saturating_sub(1),
                    "table-cell" => cells = cells.saturating_sub(1),
                    "h" | "p" => {
                        if let Some((kind, level, text)) = paras.pop() {
                            if kind == BlockKind::Footnote {
                                notes.push(text);
                            } else {
                                out.push(kind, level, &text);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if skip == 0 => odt_push(&mut paras, &t.xml10_content()),
            Event::GeneralRef(r) if skip == 0 => {
                if let Some(c) = reference(r) {
                    odt_push(&mut paras, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for note in notes {
        out.push(BlockKind::Footnote, 0, &note);
    }
    Ok(())
}

fn odt_push(paras: &mut [(BlockKind, u8, String)], s: &str) {
    if let Some(p) = paras.last_mut() {
        p.2.push_str(s);
    }
}
