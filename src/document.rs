//! Text and Markdown → blocks (heading, paragraph, list item) with byte spans
//! into the decoded text. Sentences never cross a block boundary.

use std::ops::Range;

use serde::Serialize;

/// What a block is in the document's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A title or section heading.
    Heading,
    /// Running text.
    Paragraph,
    /// A bullet or numbered list item.
    Item,
}

impl BlockKind {
    /// The lowercase name used in outputs (`heading`, `paragraph`, `item`).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Item => "item",
        }
    }
}

/// A structural unit of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Heading, paragraph or list item.
    pub kind: BlockKind,
    /// Byte span of the block's text in the decoded document (markup such as
    /// a Markdown `#` excluded; a list marker kept, as the reader sees it).
    pub span: Range<usize>,
}

/// A decoded document cut into blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The decoded text (UTF-8, `\n` line endings, NFC).
    pub text: String,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// Longest line (in characters) that can be taken for a heading without a `#`.
const MAX_HEADING_CHARS: usize = 120;
/// Characters that end a sentence-like line: a line ending in one is no heading.
const FINAL_PUNCTUATION: &[char] = &['.', '!', '?', '…', ':', ';', ',', '»', '"', '”', ')'];

impl Document {
    /// Cuts plain text or Markdown into blocks.
    ///
    /// Blank lines separate blocks; inside a group of lines, a line break
    /// continues the block only when the next line goes on in lower case
    /// after a line that did not end a sentence (hard-wrapped text). Markdown
    /// `#` lines are headings, `- `, `* `, `+ `, `• `, `1. ` and `1) ` lines list items, and a
    /// short line without final punctuation followed by more text is a heading.
    pub fn parse(text: String) -> Document {
        let mut lines: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            lines.push(at..at + body.len());
            at += line.len();
        }
        let mut blocks: Vec<Block> = Vec::new();
        // The block being built: (kind, span) plus whether it may take a wrapped line.
        let mut open: Option<(BlockKind, Range<usize>)> = None;
        let flush = |open: &mut Option<(BlockKind, Range<usize>)>, blocks: &mut Vec<Block>| {
            if let Some((kind, span)) = open.take() {
                blocks.push(Block { kind, span });
            }
        };
        for line in &lines {
            let raw = &text[line.clone()];
            let content = trim_span(&text, line.clone());
            if content.is_empty() || is_thematic_break(raw.trim()) {
                flush(&mut open, &mut blocks);
                continue;
            }
            if let Some(span) = markdown_heading(&text, content.clone()) {
                flush(&mut open, &mut blocks);
                if !span.is_empty() {
                    blocks.push(Block {
                        kind: BlockKind::Heading,
                        span,
                    });
                }
                continue;
            }
            let trimmed = &text[content.clone()];
            if list_marker_len(trimmed).is_some() {
                flush(&mut open, &mut blocks);
                open = Some((BlockKind::Item, content));
                continue;
            }
            if let Some((_, span)) = open.as_mut() {
                let previous = text[span.clone()].trim_end();
                let continues = !previous.ends_with(FINAL_PUNCTUATION)
                    && trimmed.chars().next().is_some_and(|c| c.is_lowercase());
                if continues {
                    span.end = content.end;
                    continue;
                }
            }
            flush(&mut open, &mut blocks);
            open = Some((BlockKind::Paragraph, content));
        }
        flush(&mut open, &mut blocks);
        mark_plain_headings(&text, &mut blocks);
        Document { text, blocks }
    }

    /// One sentence a line, taken as given: each non-blank line is a
    /// paragraph block holding exactly one sentence.
    pub fn presegmented(text: String) -> Document {
        let mut blocks = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let span = trim_span(&text, at..at + body.len());
            if !span.is_empty() {
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    span,
                });
            }
            at += line.len();
        }
        Document { text, blocks }
    }

    /// The text of block `i`.
    pub fn block_text(&self, i: usize) -> &str {
        &self.text[self.blocks[i].span.clone()]
    }
}

/// A short paragraph of one line with no final punctuation, followed by
/// another block, is a heading ("Progrès de l'Opposition").
fn mark_plain_headings(text: &str, blocks: &mut [Block]) {
    let n = blocks.len();
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.kind != BlockKind::Paragraph || i + 1 == n {
            continue;
        }
        let t = &text[b.span.clone()];
        if !t.contains('\n')
            && t.chars().count() <= MAX_HEADING_CHARS
            && !t.ends_with(FINAL_PUNCTUATION)
            && t.chars().next().is_some_and(|c| !c.is_lowercase())
        {
            b.kind = BlockKind::Heading;
        }
    }
}

/// The span without leading and trailing white space.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// `# Title` → the span of `Title` (closing `#`s dropped).
fn markdown_heading(text: &str, span: Range<usize>) -> Option<Range<usize>> {
    let s = &text[span.clone()];
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &s[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let body = rest.trim_end().trim_end_matches('#');
    let body = if body.ends_with([' ', '\t']) || body.is_empty() {
        body
    } else if rest.trim_end().ends_with('#') {
        // "# C#" keeps its hash: a closing sequence needs a space before it.
        rest.trim_end()
    } else {
        body
    };
    let start = span.start + hashes;
    Some(trim_span(text, start..start + body.len()))
}

/// `---`, `***`, `___` lines (Markdown thematic breaks) carry no text.
fn is_thematic_break(s: &str) -> bool {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    s.len() >= 3
        && ["-", "*", "_", "="]
            .iter()
            .any(|m| s.chars().all(|c| c.to_string() == *m))
}

/// Byte length of a list marker with its following space (`- `, `1. `), if the line starts with one.
pub fn list_marker_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    if matches!(first, '-' | '*' | '+' | '•' | '–' | '—' | '▪' | '·') {
        let after = first.len_utf8();
        return s[after..].starts_with([' ', '\t']).then_some(after + 1);
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(digits + 2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, String)> {
        let d = Document::parse(text.to_string());
        d.blocks
            .iter()
            .map(|b| (b.kind, d.text[b.span.clone()].to_string()))
            .collect()
    }

    use BlockKind::*;

    #[test]
    fn blocks_table() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("", &[]),
            ("\n\n  \n", &[]),
            (
                "Titre\nUn texte.\n",
                &[(Heading, "Titre"), (Paragraph, "Un texte.")],
            ),
            (
                "# Titre #\n\nUn texte.",
                &[(Heading, "Titre"), (Paragraph, "Un texte.")],
            ),
            ("## Deux\ntexte", &[(Heading, "Deux"), (Paragraph, "texte")]),
            (
                "- un.\n- deux.\n1. trois",
                &[(Item, "- un."), (Item, "- deux."), (Item, "1. trois")],
            ),
            (
                "Une ligne longue qui\ncontinue ici.",
                &[(Paragraph, "Une ligne longue qui\ncontinue ici.")],
            ),
            (
                "Phrase finie.\nAutre phrase.",
                &[(Paragraph, "Phrase finie."), (Paragraph, "Autre phrase.")],
            ),
            ("Seul titre", &[(Paragraph, "Seul titre")]),
            (
                "Texte :\n- a\n---\nFin.",
                &[(Paragraph, "Texte :"), (Item, "- a"), (Paragraph, "Fin.")],
            ),
            ("#hashtag au début.", &[(Paragraph, "#hashtag au début.")]),
            (
                "  Retrait  \nTexte.",
                &[(Heading, "Retrait"), (Paragraph, "Texte.")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(BlockKind, String)> =
                want.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(kinds(text), want, "{text:?}");
        }
    }

    #[test]
    fn presegmented_keeps_lines() {
        let d = Document::presegmented("a b\n\n c \nd".into());
        let t: Vec<&str> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
        assert_eq!(t, ["a b", "c", "d"]);
    }
}
