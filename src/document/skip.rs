//! What a reader left out of the text, by kind: nothing is dropped without
//! a word. Every piece of input a reader does not turn into a block (a
//! script, a style sheet, page chrome, front matter, template markup, a
//! comment) is counted here under a named kind, with its text, so that
//! `segment -v` and `align -v` can say what was skipped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Why a piece of the input is not part of the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipKind {
    /// Page chrome: skip links, language toggle, header, footer, breadcrumbs,
    /// search, "date modified" and other boilerplate, navigation, and
    /// whatever lies outside the page's main content.
    Chrome,
    /// Front matter (YAML `---`, TOML `+++`) and the page's `<head>`.
    Metadata,
    /// Template markup: Liquid tags (`{% … %}`, `{{ … }}`), kramdown
    /// attribute lists and extensions (`{: .class}`, `{::nomarkdown}`).
    Template,
    /// Program code: scripts, code blocks.
    Code,
    /// Style sheets.
    Style,
    /// Form controls (buttons, menus, text areas).
    Form,
    /// Content the page hides (`hidden`, `aria-hidden="true"`).
    Hidden,
    /// Embedded objects: SVG, MathML, frames, media, canvas.
    Embedded,
    /// Markup comments (`<!-- … -->`).
    Comment,
    /// Note marks: the number of a footnote reference.
    NoteMark,
}

impl SkipKind {
    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipKind::Chrome => "chrome",
            SkipKind::Metadata => "metadata",
            SkipKind::Template => "template",
            SkipKind::Code => "code",
            SkipKind::Style => "style",
            SkipKind::Form => "form",
            SkipKind::Hidden => "hidden",
            SkipKind::Embedded => "embedded",
            SkipKind::Comment => "comment",
            SkipKind::NoteMark => "note mark",
        }
    }
}

/// How much of one kind was skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many pieces (elements, blocks, tags).
    pub pieces: usize,
    /// How many characters of text they held (white space not counted).
    pub chars: usize,
}

/// What a reader skipped, by kind, and what it changed in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Per kind, how many pieces and characters.
    pub tally: BTreeMap<SkipKind, Tally>,
    /// The text of each skipped piece that held any, white space collapsed,
    /// in input order.
    pub texts: Vec<(SkipKind, String)>,
    /// What the reader changed in the input to read it safely (nesting
    /// flattened, a DOCTYPE's internal subset removed), one sentence each.
    pub notes: Vec<String>,
}

impl Skipped {
    /// Records a skipped piece and its text; a piece without text (an
    /// empty `<head>`, a `<script src=…>`) skips nothing and is not counted.
    pub fn add(&mut self, kind: SkipKind, text: &str) {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return;
        }
        let tally = self.tally.entry(kind).or_default();
        tally.pieces += 1;
        tally.chars += collapsed.chars().filter(|c| !c.is_whitespace()).count();
        self.texts.push((kind, collapsed));
    }

    /// Adds what `other` skipped (a part of the same document read apart).
    pub fn extend(&mut self, other: Skipped) {
        for (kind, t) in other.tally {
            let tally = self.tally.entry(kind).or_default();
            tally.pieces += t.pieces;
            tally.chars += t.chars;
        }
        self.texts.extend(other.texts);
        self.notes.extend(other.notes);
    }

    /// Whether nothing was skipped.
    pub fn is_empty(&self) -> bool {
        self.tally.is_empty()
    }

    /// One line per kind: `chrome: 5 pieces, 212 characters (e.g. "Skip to
    /// main content", "Français")`, with up to three examples, each cut to 40
    /// characters.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (kind, t) in &self.tally {
            let mut line = format!(
                "{}: {} piece{}, {} character{}",
                kind.as_str(),
                t.pieces,
                if t.pieces == 1 { "" } else { "s" },
                t.chars,
                if t.chars == 1 { "" } else { "s" }
            );
            let examples: Vec<String> = self
                .texts
                .iter()
                .filter(|(k, _)| k == kind)
                .take(3)
                .map(|(_, text)| format!("{:?}", shorten(text, 40)))
                .collect();
            if !examples.is_empty() {
                let _ = write!(line, " (e.g. {})", examples.join(", "));
            }
            lines.push(line);
        }
        lines
    }
}

/// `text` cut to `max` characters, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pieces_and_characters_per_kind() {
        let mut s = Skipped::default();
        s.add(SkipKind::Chrome, "  Skip to\n main content ");
        s.add(SkipKind::Chrome, "Français");
        s.add(SkipKind::Code, " \n");
        s.add(SkipKind::Code, "x()");
        assert_eq!(
            s.tally[&SkipKind::Chrome],
            Tally {
                pieces: 2,
                chars: 25
            }
        );
        assert_eq!(
            s.tally[&SkipKind::Code],
            Tally {
                pieces: 1,
                chars: 3
            }
        );
        assert_eq!(
            s.texts[0],
            (SkipKind::Chrome, "Skip to main content".into())
        );
        assert_eq!(s.texts.len(), 3);
        assert_eq!(
            s.summary(),
            [
                "chrome: 2 pieces, 25 characters (e.g. \"Skip to main content\", \"Français\")",
                "code: 1 piece, 3 characters (e.g. \"x()\")"
            ]
        );
    }
}
