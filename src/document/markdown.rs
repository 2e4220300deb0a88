//! Markdown (CommonMark with tables and footnotes, via `pulldown-cmark`) →
//! blocks of visible text: emphasis and link markup dropped, code blocks,
//! raw HTML and images left out.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Builder, Document};

/// Whether plain text uses Markdown syntax: at least two kinds of sign among
/// `#` headings, table rules, fenced code, links and strong emphasis.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut heading = false;
    let mut table = false;
    let mut fence = false;
    for line in text.lines().take(2000) {
        let l = line.trim_start();
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        heading |= (1..=6).contains(&hashes) && l[hashes..].starts_with(' ');
        table |= l.starts_with('|') && l.contains("---");
        fence |= l.starts_with("```") || l.starts_with("~~~");
    }
    let link = text.contains("](");
    let strong = text.contains("**");
    [heading, table, fence, link, strong]
        .iter()
        .filter(|&&b| b)
        .count()
        >= 2
}

/// Reads Markdown into a [`Document`].
pub fn read(text: &str) -> Document {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out = Builder::default();
    // The enclosing blocks: what a paragraph inside them becomes.
    let mut context: Vec<(BlockKind, u8)> = Vec::new();
    let mut buf = String::new();
    let mut skip = 0usize; // inside an image or a code block
    let current = |context: &[(BlockKind, u8)]| {
        context
            .iter()
            .rev()
            .find(|(k, _)| *k != BlockKind::Paragraph)
            .or(context.last())
            .copied()
            .unwrap_or((BlockKind::Paragraph, 0))
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => {
                let opens = match tag {
                    Tag::Heading { level, .. } => Some((BlockKind::Heading, level as u8)),
                    Tag::Paragraph | Tag::BlockQuote(_) => Some((BlockKind::Paragraph, 0)),
                    Tag::Item => Some((BlockKind::Item, 0)),
                    Tag::TableCell => Some((BlockKind::Cell, 0)),
                    Tag::FootnoteDefinition(_) => Some((BlockKind::Footnote, 0)),
                    Tag::Image { .. } | Tag::CodeBlock(_) => {
                        skip += 1;
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = opens {
                    let (k, l) = current(&context);
                    out.push(k, l, &std::mem::take(&mut buf));
                    context.push(kind);
                }
            }
            Event::End(end) => match end {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition => {
                    let (k, l) = current(&context);
                    out.push(k, l, &std::mem::take(&mut buf));
                    context.pop();
                }
                TagEnd::Image | TagEnd::CodeBlock => skip = skip.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) if skip == 0 => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip == 0 => buf.push('\n'),
            _ => {}
        }
    }
    let (k, l) = current(&context);
    out.push(k, l, &buf);
    out.finish()
}
