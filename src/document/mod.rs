//! Files → blocks. Every input format becomes the same [`Document`]: the text
//! a reader sees, cut into blocks (heading with its level, paragraph, list
//! item, table cell, footnote) with byte spans. Sentences never cross a block.
//!
//! Whatever a reader leaves out (scripts, page chrome, front matter,
//! template markup …) is counted in [`Document::skipped`], by kind.
//!
//! The format is detected from the content (a zip holding `word/document.xml`
//! is DOCX, one whose `mimetype` says so is ODT, a file that opens with
//! `%PDF-` is PDF, markup that opens like a web
//! page is HTML, text with Markdown syntax is Markdown), with the file name's
//! extension as a tie-breaker only.

use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use crate::decode;
use crate::error::{Error, Result};

mod chrome;
pub(crate) mod docx;
mod frontmatter;
mod html;
mod html_prep;
mod markdown;
mod pdf;
mod skip;
mod template;
mod text;

pub use skip::{SkipKind, Skipped, Tally};
pub use text::title_ends_at_break;

/// What a block is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A title or section heading.
    Heading,
    /// Running text (also a block quotation).
    Paragraph,
    /// A bullet or numbered list item.
    Item,
    /// A table cell.
    Cell,
    /// A footnote or endnote.
    Footnote,
}

impl BlockKind {
    /// The lowercase name used in outputs (`heading`, `paragraph`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Item => "item",
            BlockKind::Cell => "cell",
            BlockKind::Footnote => "footnote",
        }
    }
}

/// A structural unit of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph, list item, table cell or footnote.
    pub kind: BlockKind,
    /// A heading's level, 1 (title) to 6; 0 when the format does not say
    /// (a plain-text heading) and for other blocks.
    pub level: u8,
    /// Byte span of the block's text in [`Document::text`]: markup such as a
    /// Markdown `#` or a list marker (`- `, `1. `) is left out.
    pub span: Range<usize>,
}

impl Block {
    /// A short tag naming the block's kind in outputs: `h2`, `h` (heading of
    /// unknown level), `p`, `li`, `td`, `fn`.
    pub fn tag(&self) -> &'static str {
        match (self.kind, self.level) {
            (BlockKind::Heading, 1) => "h1",
            (BlockKind::Heading, 2) => "h2",
            (BlockKind::Heading, 3) => "h3",
            (BlockKind::Heading, 4) => "h4",
            (BlockKind::Heading, 5) => "h5",
            (BlockKind::Heading, 6) => "h6",
            (BlockKind::Heading, _) => "h",
            (BlockKind::Paragraph, _) => "p",
            (BlockKind::Item, _) => "li",
            (BlockKind::Cell, _) => "td",
            (BlockKind::Footnote, _) => "fn",
        }
    }
}

/// A document cut into blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text a reader sees (UTF-8, `\n` line endings, NFC). For plain
    /// text this is the decoded file itself; for the other formats it is the
    /// visible text, blocks separated by blank lines.
    pub text: String,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// What the reader left out of the text, by kind.
    pub skipped: Skipped,
}

/// How to read a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Web pages and Markdown: keep page chrome (navigation, header, footer,
    /// skip links, language toggle, breadcrumbs, "date modified" …) and read
    /// the whole page rather than its main content.
    pub keep_chrome: bool,
    /// The input budget: file size, unpacked DOCX/ODT size, decoded text.
    pub limits: decode::Limits,
}

/// An input format tralign reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text: lines and blank lines; `- ` items and `#` headings too.
    Text,
    /// Markdown (CommonMark with tables and footnotes).
    Markdown,
    /// An HTML page.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text (LibreOffice Writer).
    Odt,
    /// A PDF file with a text layer.
    Pdf,
}

impl Document {
    /// Cuts plain text into blocks (the rules are in the `text` reader).
    pub fn parse(text: String) -> Document {
        text::parse(text)
    }

    /// One sentence a line, taken as given: each non-blank line is a
    /// paragraph block holding exactly one sentence.
    pub fn presegmented(text: String) -> Document {
        text::presegmented(text)
    }

    /// Reads a document from the bytes of a file, detecting its format
    /// (`path` names the file in messages and gives its extension).
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Document> {
        Document::from_bytes_with(bytes, path, ReadOptions::default())
    }

    /// [`Document::from_bytes`] within `limits` (a DOCX or ODT may unpack
    /// to at most `max_input` bytes, all parts together, and the decoded
    /// text may hold at most that many), other options as by default.
    pub fn from_bytes_limited(
        bytes: &[u8],
        path: &Path,
        limits: &decode::Limits,
    ) -> Result<Document> {
        let options = ReadOptions {
            limits: *limits,
            ..Default::default()
        };
        Document::from_bytes_with(bytes, path, options)
    }

    /// [`Document::from_bytes`] with options.
    pub fn from_bytes_with(bytes: &[u8], path: &Path, options: ReadOptions) -> Result<Document> {
        let limits = &options.limits;
        let format = detect(bytes, path)?;
        let doc = match format {
            Format::Docx | Format::Odt => docx::read(bytes, path, format, limits)?,
            Format::Pdf => pdf::read(bytes, path, limits)?,
            Format::Text | Format::Markdown | Format::Html => {
                let text = decode::decode(bytes, path)?.text;
                limits.check_text(&text, path)?;
                match format {
                    Format::Html => html::read(
                        &text,
                        html::Options {
                            keep_chrome: options.keep_chrome,
                            from_markdown: false,
                        },
                    ),
                    Format::Markdown => markdown::read(&text, options.keep_chrome),
                    _ => text::parse(text),
                }
            }
        };
        limits.check_text(&doc.text, path)?;
        if doc.blocks.is_empty()
            && matches!(
                format,
                Format::Html | Format::Docx | Format::Odt | Format::Pdf
            )
        {
            return Err(Error::Decode {
                path: path.to_path_buf(),
                reason: format!("{} document with no text", format_name(format)),
            });
        }
        Ok(doc)
    }

    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        &self.text[self.blocks[i].span.clone()]
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Markdown => "Markdown",
        Format::Html => "HTML",
        Format::Docx => "DOCX",
        Format::Odt => "ODT",
        Format::Pdf => "PDF",
    }
}

/// The format of a file, from its content first and its extension second.
pub fn detect(bytes: &[u8], path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let refuse = |reason: &str| Error::Decode {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return docx::zip_format(bytes, path);
    }
    if pdf::is_pdf(bytes) {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let encrypted: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(refuse(
            if bytes.windows(encrypted.len()).any(|w| w == encrypted) {
                "an encrypted (password-protected) Office document; save it without a password and try again"
            } else {
                "an old binary Office file (.doc); save it as .docx and try again"
            },
        ));
    }
    if matches!(ext.as_str(), "docx" | "odt") {
        return Err(refuse(&format!(
            "not a {} file: it is not a zip archive",
            ext.to_uppercase()
        )));
    }
    if ext == "pdf" {
        return Err(refuse("not a PDF file: it does not start with %PDF-"));
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && (head.contains("<body") || head.contains("<p>") || head.contains("<h1")))
        || matches!(ext.as_str(), "html" | "htm" | "xhtml")
    {
        return Ok(Format::Html);
    }
    if matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd") {
        return Ok(Format::Markdown);
    }
    Ok(
        if markdown::looks_like_markdown(&String::from_utf8_lossy(bytes)) {
            Format::Markdown
        } else {
            Format::Text
        },
    )
}

/// Builds a [`Document`] from visible text pushed block by block: white space
/// inside a block is collapsed (a run holding a line break becomes `\n`), and
/// blocks are separated by a blank line.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    blocks: Vec<Block>,
}

impl Builder {
    /// Adds a block unless its text is blank.
    pub(crate) fn push(&mut self, kind: BlockKind, level: u8, raw: &str) {
        let mut body = String::with_capacity(raw.len());
        let mut pending: Option<char> = None;
        for c in raw.chars() {
            if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
                let sep = if c == '\n' || c == '\u{2028}' {
                    '\n'
                } else {
                    ' '
                };
                pending = Some(if pending == Some('\n') { '\n' } else { sep });
            } else {
                if let Some(sep) = pending.take() {
                    if !body.is_empty() {
                        body.push(sep);
                    }
                }
                body.push(c);
            }
        }
        // Normalised first: a control character becomes a space, which the
        // trim then removes.
        let body = decode::normalise(&body);
        let body = body.trim();
        if body.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(body);
        self.blocks.push(Block {
            kind,
            level: if kind == BlockKind::Heading { level } else { 0 },
            span: start..self.text.len(),
        });
    }

    pub(crate) fn finish(self) -> Document {
        Document {
            text: self.text,
            blocks: self.blocks,
            skipped: Skipped::default(),
        }
    }
}

#[cfg(test)]
mod tests;
