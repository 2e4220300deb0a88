//! Markdown (CommonMark with tables, footnotes and strikethrough, via
//! `pulldown-cmark`) → blocks, read the way it is published: front matter
//! is metadata, Liquid and kramdown markup is removed
//! ([`template`](super::template)), and the Markdown is rendered to HTML and
//! read by the HTML reader — so raw HTML blocks and inline HTML (`<details>`,
//! `<h3>`, `<p>`, a list inside a table cell) give the same blocks as in an
//! `.html` file, and nothing in them is lost. Code blocks and images are not
//! text (code blocks are counted as skipped).

use pulldown_cmark::{html, Options, Parser};

use super::skip::{SkipKind, Skipped};
use super::{frontmatter, template, Document};

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
pub fn read(text: &str, keep_chrome: bool) -> Document {
    let mut skipped = Skipped::default();
    let mut body = text;
    if let Some((meta, rest)) = frontmatter::split(text) {
        skipped.add(SkipKind::Metadata, meta);
        body = rest;
    }
    let source = template::strip(body, &mut skipped);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut rendered = String::with_capacity(source.len() + source.len() / 2);
    html::push_html(&mut rendered, Parser::new_ext(&source, options));
    drop(source);
    super::html::read_markup(
        &rendered,
        super::html::Options {
            keep_chrome,
            from_markdown: true,
        },
        skipped,
    )
}
