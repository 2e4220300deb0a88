//! Lines → running text: joined with a space, and a hyphen at a line end
//! rejoined when it only breaks the word (*infor-/mation*), kept when it
//! belongs to it (*Deir ez-/Zor*, *c'est-à-/dire*, *well-/known*).
//!
//! The decision, in order: a soft hyphen (U+00AD) always goes; the document
//! itself (the hyphenated form seen elsewhere in it keeps the hyphen, the
//! joined form seen elsewhere drops it); a capital after the break, a digit
//! on either side, a part that holds a hyphen already or is one letter keep
//! it; then both languages' data (`hyphens.tsv`: compound parts such as
//! *au-delà*, *-ci*, *well-*); otherwise the hyphen only broke the word.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Every word of the document, case-folded, as it appears inside lines.
#[derive(Debug, Default)]
pub struct WordTable {
    words: HashSet<String>,
}

impl WordTable {
    /// Adds the words of a block's lines, except the two halves of a word
    /// broken by a hyphen at a line end.
    pub fn add_block(&mut self, lines: &[String]) {
        let mut broken = false;
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            for (i, raw) in words.iter().enumerate() {
                let w = trim_word(raw);
                let last = i + 1 == words.len();
                if w.is_empty() || (i == 0 && broken) || (last && raw.ends_with(HYPHENS)) {
                    continue;
                }
                self.words.insert(w.to_lowercase());
            }
            broken = words.last().is_some_and(|w| w.ends_with(HYPHENS));
        }
    }

    fn has(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

const HYPHENS: &[char] = &['-', '\u{2010}', '\u{ad}'];

/// A word without the punctuation around it (apostrophes inside are kept).
fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && !HYPHENS.contains(&c))
        .trim_start_matches(HYPHENS)
}

/// The language data: parts before and after a break that keep the hyphen.
struct Parts {
    first: HashSet<String>,
    second: HashSet<String>,
}

fn parts() -> &'static Parts {
    static PARTS: OnceLock<Parts> = OnceLock::new();
    PARTS.get_or_init(|| {
        let mut p = Parts {
            first: HashSet::new(),
            second: HashSet::new(),
        };
        for line in include_str!("hyphens.tsv").lines() {
            let mut cells = line.split('\t');
            match (cells.next(), cells.next()) {
                (Some("first"), Some(w)) => p.first.insert(w.to_string()),
                (Some("second"), Some(w)) => p.second.insert(w.to_string()),
                _ => false,
            };
        }
        p
    })
}

/// Whether the hyphen between `before` (the line's last word, hyphen
/// removed) and `after` (the next line's first word) belongs to the word.
pub fn keep_hyphen(before: &str, after: &str, words: &WordTable) -> bool {
    let before = trim_word(before);
    let after_word = trim_word(after);
    // Elision: the part is what follows l’, d’, qu’ …
    let stem = before
        .rsplit(['\'', '’'])
        .next()
        .unwrap_or(before)
        .to_lowercase();
    let after_lower = after_word.to_lowercase();
    let hyphenated = format!("{stem}-{after_lower}");
    let joined = format!("{stem}{after_lower}");
    if words.has(&hyphenated) {
        return true;
    }
    if words.has(&joined) {
        return false;
    }
    let first_after = after_word.chars().next().unwrap_or(' ');
    if first_after.is_uppercase()
        || first_after.is_ascii_digit()
        || before.ends_with(|c: char| c.is_ascii_digit())
        || stem.contains(HYPHENS)
        || stem.chars().count() == 1
    {
        return true;
    }
    let data = parts();
    data.first.contains(&stem)
        || data.second.contains(&after_lower)
        || after_lower
            .split(HYPHENS)
            .next()
            .is_some_and(|p| data.second.contains(p))
}

/// Joins a block's lines into one text.
pub fn join_lines(lines: &[String], words: &WordTable) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let next_first = line.split_whitespace().next().unwrap_or("");
        let starts_word = next_first.starts_with(char::is_alphanumeric);
        if out.ends_with('\u{ad}') {
            out.pop();
            out.push_str(line);
            continue;
        }
        let hyphen_end = out
            .strip_suffix(['-', '\u{2010}'])
            .filter(|rest| rest.ends_with(char::is_alphanumeric));
        match hyphen_end {
            Some(rest) if starts_word => {
                let before = rest.rsplit(char::is_whitespace).next().unwrap_or(rest);
                if keep_hyphen(before, next_first, words) {
                    out.push_str(line);
                } else {
                    out.truncate(rest.len());
                    out.push_str(line);
                }
            }
            _ => {
                out.push(' ');
                out.push_str(line);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(lines: &[&str]) -> WordTable {
        let mut t = WordTable::default();
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        t.add_block(&lines);
        t
    }

    #[test]
    fn hyphen_decisions() {
        let none = WordTable::default();
        // (before, after, keep)
        let cases = [
            ("infor", "mation", false),
            ("principale", "ment", false),
            ("ez", "Zor", true),
            ("c'est-à", "dire", true),
            ("c’est-à", "dire,", true),
            ("well", "known", true),
            ("au", "delà", true),
            ("celle", "ci", true),
            ("T", "4", true),
            ("2023", "2024", true),
            ("COVID", "19", true),
            ("l’anti", "biotique", false),
            ("sur", "peuplés", false),
            ("a", "t-il", true),
            ("peut", "être", true),
            ("nord", "ouest", true),
            ("d’hé", "bergement", false),
        ];
        for (before, after, keep) in cases {
            assert_eq!(keep_hyphen(before, after, &none), keep, "{before}-/{after}");
        }
    }

    #[test]
    fn the_document_decides_first() {
        // `co-operation` written with a hyphen elsewhere keeps it; `cooperation`
        // written joined elsewhere drops it, whatever the data says.
        let t = table(&["the co-operation of all", "a long-term plan"]);
        assert!(keep_hyphen("co", "operation", &t));
        let t = table(&["we saw the longterm view"]);
        assert!(!keep_hyphen("long", "term", &t));
        let t = table(&["une hausse de l’information ici"]);
        assert!(!keep_hyphen("l’infor", "mation", &t));
    }

    #[test]
    fn lines_join() {
        let none = WordTable::default();
        let cases: &[(&[&str], &str)] = &[
            (&["Une ligne", "et la suite."], "Une ligne et la suite."),
            (&["l’infor-", "mation est là."], "l’information est là."),
            (&["Deir ez-", "Zor est loin."], "Deir ez-Zor est loin."),
            (&["c’est-à-", "dire ceci"], "c’est-à-dire ceci"),
            (&["a well-", "known fact"], "a well-known fact"),
            (&["soft\u{ad}", "ware"], "software"),
            (&["un tiret -", "seul"], "un tiret - seul"),
            (&["années 2023-", "2024"], "années 2023-2024"),
            (&["", "seul"], "seul"),
        ];
        for (lines, want) in cases {
            let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            assert_eq!(join_lines(&lines, &none), *want, "{lines:?}");
        }
    }
}
