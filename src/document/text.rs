//! Plain text → blocks. Spans index the decoded file itself, so offsets in
//! outputs point into the file as decoded.

use std::ops::Range;

use super::{Block, BlockKind, Document};

/// Longest line (in characters) that can be taken for a heading without a `#`.
const MAX_HEADING_CHARS: usize = 120;
/// Characters that end a sentence-like line: a line ending in one is no heading.
const FINAL_PUNCTUATION: &[char] = &['.', '!', '?', '…', ':', ';', ',', '»', '"', '”', ')'];

/// Cuts plain text into blocks.
///
/// Blank lines separate blocks; inside a group of lines, a line break
/// continues the block only when the next line goes on in lower case after a
/// line that did not end a sentence (hard-wrapped text). `#` lines are
/// headings, `- `, `* `, `+ `, `• `, `1. ` and `1) ` lines list items (the
/// marker is not part of the item's text), and a short line without final
/// punctuation followed by more text is a heading.
pub fn parse(text: String) -> Document {
    let mut blocks: Vec<Block> = Vec::new();
    // Where each item's marker starts, to give a lone dash back to its text.
    let mut markers: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<Block> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let span = at..at + body.len();
        at += line.len();
        let content = trim_span(&text, span);
        let trimmed = &text[content.clone()];
        if trimmed.is_empty() || is_thematic_break(trimmed) {
            blocks.extend(open.take());
            continue;
        }
        if let Some((level, span)) = atx_heading(&text, content.clone()) {
            blocks.extend(open.take());
            if !span.is_empty() {
                blocks.push(Block {
                    kind: BlockKind::Heading,
                    level,
                    span,
                });
            }
            continue;
        }
        if let Some(marker) = list_marker_len(trimmed) {
            blocks.extend(open.take());
            let span = trim_span(&text, content.start + marker..content.end);
            markers.push((span.start, content.start));
            open = (!span.is_empty()).then_some(Block {
                kind: BlockKind::Item,
                level: 0,
                span,
            });
            continue;
        }
        if let Some(block) = open.as_mut() {
            let previous = text[block.span.clone()].trim_end();
            let continues = !previous.ends_with(FINAL_PUNCTUATION)
                && trimmed.chars().next().is_some_and(char::is_lowercase);
            if continues {
                block.span.end = content.end;
                continue;
            }
        }
        blocks.extend(open.take());
        open = Some(Block {
            kind: BlockKind::Paragraph,
            level: 0,
            span: content,
        });
    }
    blocks.extend(open);
    unlist_lone_dashes(&text, &mut blocks, &markers);
    mark_plain_headings(&text, &mut blocks);
    Document {
        text,
        blocks,
        skipped: Default::default(),
    }
}

/// A marker line is a list item when it stands in a run of such lines or
/// after a line ending in `:`; a lone one is a dialogue dash or a sign
/// ("- Que pensez-vous ?", "-3 °C"), and stays part of a paragraph's text.
fn unlist_lone_dashes(text: &str, blocks: &mut [Block], markers: &[(usize, usize)]) {
    let is_item = |b: Option<&Block>| b.is_some_and(|b| b.kind == BlockKind::Item);
    let lone: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            blocks[i].kind == BlockKind::Item
                && !is_item(i.checked_sub(1).and_then(|j| blocks.get(j)))
                && !is_item(blocks.get(i + 1))
                && !i
                    .checked_sub(1)
                    .is_some_and(|j| text[blocks[j].span.clone()].ends_with(':'))
        })
        .collect();
    for i in lone {
        if let Some(&(_, marker)) = markers
            .iter()
            .find(|(start, _)| *start == blocks[i].span.start)
        {
            blocks[i].kind = BlockKind::Paragraph;
            blocks[i].span.start = marker;
        }
    }
}

/// One sentence a line: each non-blank line is a paragraph block.
pub fn presegmented(text: String) -> Document {
    let mut blocks = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let span = trim_span(&text, at..at + body.len());
        if !span.is_empty() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                level: 0,
                span,
            });
        }
        at += line.len();
    }
    Document {
        text,
        blocks,
        skipped: Default::default(),
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
        if looks_like_title(&text[b.span.clone()]) {
            b.kind = BlockKind::Heading;
        }
    }
}

/// Whether a line reads as a title: one line of at most 120 characters,
/// not opening in lower case, with no final punctuation.
fn looks_like_title(line: &str) -> bool {
    !line.contains('\n')
        && line.chars().count() <= MAX_HEADING_CHARS
        && !line.ends_with(FINAL_PUNCTUATION)
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// The most words of a title that a line break inside a block ends.
const MAX_TITLE_WORDS: usize = 8;

/// Whether a line break inside a block ends a title and the text goes on
/// with a sentence of its own: the line before is a short title
/// ([`looks_like_title`], at most eight words) and the line after opens in
/// upper case (`Redistribution libre` / `La licence n'interdit…`, a
/// `<br>` after a bold lead-in). Hard-wrapped prose has longer lines.
pub fn title_ends_at_break(before: &str, after: &str) -> bool {
    let before = before.trim();
    looks_like_title(before)
        && before.split_whitespace().count() <= MAX_TITLE_WORDS
        && after
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// The span without leading and trailing white space.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    start..end.max(start)
}

/// `## Title ##` → level 2 and the span of `Title`.
fn atx_heading(text: &str, span: Range<usize>) -> Option<(u8, Range<usize>)> {
    let s = &text[span.clone()];
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &s[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // A closing run of `#` counts only after a space ("# C#" keeps its hash).
    let body = rest.trim_end();
    let unclosed = body.trim_end_matches('#');
    let body = if unclosed.is_empty() || unclosed.ends_with([' ', '\t']) {
        unclosed
    } else {
        body
    };
    let start = span.start + hashes;
    Some((hashes as u8, trim_span(text, start..start + body.len())))
}

/// `---`, `***`, `___` lines (thematic breaks) carry no text.
fn is_thematic_break(s: &str) -> bool {
    let mut marks = s.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_' | '=')
        && s.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && marks.all(|c| c == first)
}

/// Byte length of a list marker with its following space (`- `, `1. `), if
/// the line starts with one.
pub fn list_marker_len(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
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
