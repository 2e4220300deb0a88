//! HTML → blocks of visible text, with the `scraper` (html5ever) parser:
//! `h1`–`h6`, `p`, `li`, `td`/`th`, `blockquote` and other block elements;
//! scripts, styles, navigation, forms and comments skipped; entities decoded.

use scraper::{ElementRef, Html, Node};

use super::{BlockKind, Builder, Document};

/// Elements whose content a reader does not see as text of the report.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "svg", "math", "iframe", "object",
    "select", "textarea", "button", "canvas", "audio", "video", "map",
];

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
    "figure",
    "details",
    "summary",
    "hr",
    "body",
    "center",
];

/// Reads an HTML page into a [`Document`].
pub fn read(text: &str) -> Document {
    let page = Html::parse_document(text);
    let mut walker = Walker::default();
    walker.element(page.root_element());
    walker.flush();
    walker.out.finish()
}

#[derive(Default)]
struct Walker {
    out: Builder,
    buf: String,
    context: Vec<(BlockKind, u8)>,
}

impl Walker {
    fn current(&self) -> (BlockKind, u8) {
        self.context
            .iter()
            .rev()
            .find(|(k, _)| *k != BlockKind::Paragraph)
            .or(self.context.last())
            .copied()
            .unwrap_or((BlockKind::Paragraph, 0))
    }

    fn flush(&mut self) {
        let (kind, level) = self.current();
        let text = std::mem::take(&mut self.buf);
        self.out.push(kind, level, &text);
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let name = v.name();
        if SKIPPED.contains(&name)
            || v.attr("hidden").is_some()
            || v.attr("aria-hidden") == Some("true")
            || v.attr("role") == Some("navigation")
        {
            return;
        }
        if name == "br" {
            self.buf.push('\n');
            return;
        }
        let footnote = matches!(v.attr("role"), Some("doc-footnote" | "doc-endnote"))
            || v.attr("class")
                .is_some_and(|c| c.contains("footnote") || c.contains("endnote"));
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
        if let Some(kind) = kind {
            self.flush();
            self.context.push(kind);
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    self.buf.extend(t.chars().map(|c| {
                        if c.is_whitespace() && c != '\u{a0}' {
                            ' '
                        } else {
                            c
                        }
                    }));
                }
                Node::Element(_) => {
                    if let Some(e) = ElementRef::wrap(child) {
                        self.element(e);
                    }
                }
                _ => {}
            }
        }
        if kind.is_some() {
            self.flush();
            self.context.pop();
        }
    }
}
