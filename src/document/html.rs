//! HTML → blocks of visible text, with the `scraper` (html5ever) parser:
//! `h1`–`h6`, `p`, `li`, `td`/`th`, `blockquote` and other block elements
//! (a block element inside a table cell or a list item is a block of its
//! own); entities decoded.
//!
//! The main content is found the way reading modes do it: when the page has
//! a `<main>` (or `role="main"`), or else `<article>` elements, only they are
//! read. Page chrome — navigation, page-level header and footer, skip
//! links, language toggle, search, breadcrumbs, "date modified" and the other
//! boilerplate of `chrome.txt` — is left out unless chrome is kept
//! ([`Options::keep_chrome`]). Scripts, styles, forms, hidden and embedded
//! content and comments are never text. Everything left out is counted in
//! [`Document::skipped`](super::Document::skipped), by kind.
//!
//! Web components that show text held in an attribute (`<gcds-details
//! details-title="…">`, the list in `text_attributes.txt`) give a block of
//! that text before their content.
//!
//! The tree is walked with an explicit iterator (no recursion), and the
//! source is first passed through [`html_prep`](super::html_prep), which
//! bounds the nesting depth the parser sees, so any input is read in linear
//! time on any thread's stack.

use std::collections::HashSet;
use std::sync::OnceLock;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::skip::{SkipKind, Skipped};
use super::{chrome, frontmatter, html_prep, template, BlockKind, Builder, Document};

/// How to read a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep page chrome (navigation, header, footer, skip links, language
    /// toggle, breadcrumbs, "date modified" …) and read the whole page, not
    /// only its main content.
    pub keep_chrome: bool,
    /// The page is Markdown rendered to HTML: it is all content, so no main
    /// content is looked for (chrome words are still left out).
    pub from_markdown: bool,
}

/// Elements that start a block of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "address",
    "ul",
    "ol",
    "dl",
    "table",
    "tr",
    "thead",
    "tbody",
    "tfoot",
    "form",
    "fieldset",
    "legend",
    "label",
    "figure",
    "details",
    "summary",
    "hr",
    "body",
    "center",
    "nav",
];

/// Elements whose content is never text of the document, and why.
fn never_text(name: &str) -> Option<SkipKind> {
    Some(match name {
        "head" | "title" => SkipKind::Metadata,
        "script" | "noscript" => SkipKind::Code,
        "style" => SkipKind::Style,
        "template" => SkipKind::Hidden,
        "svg" | "math" | "iframe" | "object" | "embed" | "canvas" | "audio" | "video" | "map" => {
            SkipKind::Embedded
        }
        "select" | "textarea" | "button" | "option" | "datalist" => SkipKind::Form,
        _ => return None,
    })
}

/// The (element, attribute) pairs of `text_attributes.txt`: attributes
/// whose text a web component shows.
fn text_attributes() -> &'static [(String, String)] {
    static RULES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    RULES.get_or_init(|| {
        include_str!("text_attributes.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(e, a)| (e.trim().to_string(), a.trim().to_string()))
            .collect()
    })
}

/// The texts an element shows from its attributes (`text_attributes.txt`),
/// in order.
fn attribute_texts(el: &scraper::node::Element) -> impl Iterator<Item = &str> {
    let name = el.name();
    text_attributes()
        .iter()
        .filter(move |(e, _)| e == name)
        .filter_map(move |(_, a)| el.attr(a))
}

/// Elements inside which a `<header>` or `<footer>` belongs to the content
/// (an article's byline) rather than to the page.
const SECTIONING: &[&str] = &["article", "section", "aside", "main"];

/// Whether an element is a footnote or endnote, or holds them.
fn is_notes(el: &scraper::node::Element) -> bool {
    matches!(
        el.attr("role"),
        Some("doc-footnote" | "doc-endnote" | "doc-endnotes")
    ) || el
        .attr("class")
        .is_some_and(|c| c.contains("footnote") || c.contains("endnote"))
}

/// Reads an HTML page into a [`Document`].
pub fn read(text: &str, options: Options) -> Document {
    let mut skipped = Skipped::default();
    let body;
    let mut html = text;
    if let Some((meta, rest)) = frontmatter::split(text) {
        // A static-site source page (Jekyll, Hugo): front matter, then HTML
        // with template markup.
        skipped.add(SkipKind::Metadata, meta);
        body = template::strip(rest, &mut skipped);
        html = &body;
    }
    read_markup(html, options, skipped)
}

/// Reads HTML whose front matter and template markup are already out (what
/// was removed is in `skipped`).
pub(super) fn read_markup(html: &str, options: Options, mut skipped: Skipped) -> Document {
    let prepared = html_prep::prepare(html, &mut skipped);
    let page = Html::parse_document(&prepared);
    drop(prepared);
    let mut walker = Walker {
        out: Builder::default(),
        skipped,
        options,
        buf: String::new(),
        buf_chars: 0,
        link_chars: 0,
        context: Vec::new(),
        skip: None,
        links: 0,
        sectioning: 0,
        roots: HashSet::new(),
        on_path: HashSet::new(),
        in_root: 0,
    };
    if !options.keep_chrome && !options.from_markdown {
        walker.find_main(&page);
    }
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(node) => walker.open(node),
            Edge::Close(node) => walker.close(node),
        }
    }
    walker.flush();
    let mut doc = walker.out.finish();
    doc.skipped = walker.skipped;
    doc
}

/// A block element being read: what its text becomes, and the node.
struct Context {
    kind: BlockKind,
    level: u8,
    node: NodeId,
}

struct Walker {
    out: Builder,
    skipped: Skipped,
    options: Options,
    /// The text of the block being read.
    buf: String,
    /// Non-space characters in `buf`, and how many of them lie in links.
    buf_chars: usize,
    link_chars: usize,
    /// The open block elements, innermost last; a paragraph inside a cell
    /// or an item takes the cell's or item's kind.
    context: Vec<Context>,
    /// The skipped element being passed over: its node, why, its text.
    skip: Option<(NodeId, SkipKind, String)>,
    /// Open `<a>` elements.
    links: usize,
    /// Open sectioning elements (see [`SECTIONING`]).
    sectioning: usize,
    /// The main content's elements, when the page says which they are, and
    /// their ancestors; how many roots are open.
    roots: HashSet<NodeId>,
    on_path: HashSet<NodeId>,
    in_root: usize,
}

impl Walker {
    /// Finds the main content: `<main>` and `role="main"` elements, or else
    /// `<article>` elements (those inside another one not counted).
    fn find_main(&mut self, page: &Html) {
        let elements = || {
            page.tree
                .nodes()
                .filter_map(|n| n.value().as_element().map(|e| (n, e)))
        };
        let mut roots: Vec<NodeRef<'_, Node>> = elements()
            .filter(|(_, e)| e.name() == "main" || e.attr("role") == Some("main"))
            .map(|(n, _)| n)
            .collect();
        if roots.is_empty() {
            roots = elements()
                .filter(|(_, e)| e.name() == "article")
                .map(|(n, _)| n)
                .collect();
        }
        if !roots.is_empty() {
            // Footnotes and endnotes placed after the main content are part
            // of the document.
            roots.extend(elements().filter(|(_, e)| is_notes(e)).map(|(n, _)| n));
        }
        let ids: HashSet<NodeId> = roots.iter().map(|n| n.id()).collect();
        for root in &roots {
            // The nesting depth is bounded (html_prep), so this walk is short.
            if root.ancestors().any(|a| ids.contains(&a.id())) {
                continue;
            }
            self.roots.insert(root.id());
            self.on_path.extend(root.ancestors().map(|a| a.id()));
        }
    }

    /// Whether content at this point lies outside the main content.
    fn outside_main(&self) -> bool {
        !self.roots.is_empty() && self.in_root == 0
    }

    fn open(&mut self, node: NodeRef<'_, Node>) {
        if let Some((_, _, text)) = self.skip.as_mut() {
            match node.value() {
                Node::Text(t) => text.push_str(t),
                Node::Element(el) => text.extend(attribute_texts(el)),
                _ => return,
            }
            text.push(' ');
            return;
        }
        match node.value() {
            Node::Text(t) => {
                if self.outside_main() {
                    if !t.trim().is_empty() {
                        self.skipped.add(SkipKind::Chrome, t);
                    }
                    return;
                }
                let mut chars = 0;
                // Markdown keeps its line breaks (as the text reader does).
                let keep_lines = self.options.from_markdown;
                self.buf.extend(t.chars().map(|c| {
                    if c == '\n' && keep_lines {
                        c
                    } else if c.is_whitespace() && c != '\u{a0}' {
                        ' '
                    } else {
                        chars += 1;
                        c
                    }
                }));
                self.buf_chars += chars;
                if self.links > 0 {
                    self.link_chars += chars;
                }
            }
            Node::Comment(c) => self.skipped.add(SkipKind::Comment, c),
            Node::Element(el) => {
                let name = el.name();
                if let Some(kind) = self.skip_kind(node, el) {
                    let own: Vec<&str> = attribute_texts(el).collect();
                    self.skip = Some((node.id(), kind, own.join(" ")));
                    return;
                }
                if self.roots.contains(&node.id()) {
                    self.in_root += 1;
                }
                match name {
                    "br" => self.buf.push('\n'),
                    "a" => self.links += 1,
                    _ => {}
                }
                if SECTIONING.contains(&name) {
                    self.sectioning += 1;
                }
                self.attribute_text(el);
                let footnote = is_notes(el) && el.attr("role") != Some("doc-endnotes");
                let kind = match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        Some((BlockKind::Heading, name.as_bytes()[1] - b'0'))
                    }
                    _ if footnote => Some((BlockKind::Footnote, 0)),
                    "li" => Some((BlockKind::Item, 0)),
                    "td" | "th" => Some((BlockKind::Cell, 0)),
                    _ if BLOCKS.contains(&name) => Some((BlockKind::Paragraph, 0)),
                    _ => None,
                };
                if let Some((kind, level)) = kind {
                    self.flush();
                    // A paragraph inside a cell, an item or a footnote is
                    // part of it.
                    let (kind, level) = match self.context.last() {
                        Some(outer) if kind == BlockKind::Paragraph => (outer.kind, outer.level),
                        _ => (kind, level),
                    };
                    self.context.push(Context {
                        kind,
                        level,
                        node: node.id(),
                    });
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        if let Some((id, kind, text)) = &self.skip {
            if *id == node.id() {
                let (kind, text) = (*kind, text.clone());
                self.skipped.add(kind, &text);
                self.skip = None;
            }
            return;
        }
        let Node::Element(el) = node.value() else {
            return;
        };
        let name = el.name();
        if name == "a" {
            self.links = self.links.saturating_sub(1);
        }
        if SECTIONING.contains(&name) {
            self.sectioning = self.sectioning.saturating_sub(1);
        }
        if self.context.last().is_some_and(|c| c.node == node.id()) {
            self.flush();
            self.context.pop();
        }
        if self.roots.contains(&node.id()) {
            self.in_root -= 1;
        }
    }

    /// Why the element at `node` is left out with all it holds, if it is.
    fn skip_kind(&self, node: NodeRef<'_, Node>, el: &scraper::node::Element) -> Option<SkipKind> {
        let name = el.name();
        if let Some(kind) = never_text(name) {
            return Some(kind);
        }
        if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
            return Some(SkipKind::Hidden);
        }
        if name == "pre"
            && node
                .children()
                .find_map(|c| c.value().as_element())
                .is_some_and(|c| c.name() == "code")
        {
            return Some(SkipKind::Code);
        }
        if el.has_class(
            "footnote-reference",
            scraper::CaseSensitivity::CaseSensitive,
        ) || el.has_class(
            "footnote-definition-label",
            scraper::CaseSensitivity::CaseSensitive,
        ) {
            return Some(SkipKind::NoteMark);
        }
        if self.options.keep_chrome {
            return None;
        }
        if self.outside_main()
            && !self.on_path.contains(&node.id())
            && !self.roots.contains(&node.id())
        {
            return Some(SkipKind::Chrome);
        }
        let role = el.attr("role");
        let chrome = name == "nav"
            || matches!(
                role,
                Some("navigation" | "banner" | "contentinfo" | "search")
            )
            || (matches!(name, "header" | "footer") && self.sectioning == 0)
            || chrome::is_chrome_name(el.id(), el.classes());
        chrome.then_some(SkipKind::Chrome)
    }

    /// The text a web component shows from its attributes: a block each,
    /// before the element's content.
    fn attribute_text(&mut self, el: &scraper::node::Element) {
        for value in attribute_texts(el) {
            self.flush();
            if self.outside_main() {
                self.skipped.add(SkipKind::Chrome, value);
                continue;
            }
            self.buf = value.split_whitespace().collect::<Vec<_>>().join(" ");
            self.buf_chars = self.buf.chars().filter(|c| !c.is_whitespace()).count();
            self.flush();
        }
    }

    /// Ends the block being read: it becomes a block of the document, or
    /// chrome when its words say so.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let all_link = self.buf_chars > 0 && self.link_chars == self.buf_chars;
        self.buf_chars = 0;
        self.link_chars = 0;
        if text.trim().is_empty() {
            return;
        }
        if !self.options.keep_chrome && chrome::is_chrome_text(&text, all_link) {
            self.skipped.add(SkipKind::Chrome, &text);
            return;
        }
        let (kind, level) = self
            .context
            .last()
            .map_or((BlockKind::Paragraph, 0), |c| (c.kind, c.level));
        self.out.push(kind, level, &text);
    }
}
