//! Sentence segmentation: rules shared by languages here, one file of data
//! per language (`fr.rs`, `en.rs`): titles, abbreviations, sentence openers.
//!
//! A boundary is proposed after `.`, `?`, `!` or an ellipsis (with any closing
//! quotes and brackets that follow) when white space and a capitalised word
//! come next; it is withdrawn after titles (M., Dr.), abbreviations that
//! precede numbers (p. 12, art. 3), abbreviations that never end a sentence
//! (p. ex., e.g.), initials and dotted acronyms (J. R. R., U.S.) unless a
//! common sentence opener follows, and inside quotations that the sentence
//! goes on after (« Il pleut. Il vente », dit-il.).

use std::ops::Range;

mod en;
mod fr;
mod segmented;

pub use segmented::{Segmented, Sentence};

/// The language whose rules the segmenter applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French.
    Fr,
    /// English.
    En,
}

/// The per-language word lists the rules consult.
#[derive(Debug)]
pub struct LangData {
    /// Titles and forms of address (case-sensitive): never end a sentence.
    pub titles: &'static [&'static str],
    /// Abbreviations (lowercase) that do not end a sentence before a number.
    pub before_numbers: &'static [&'static str],
    /// Abbreviations (lowercase) that never end a sentence.
    pub never_final: &'static [&'static str],
    /// Common sentence-initial words (case-sensitive).
    pub openers: &'static [&'static str],
}

impl Lang {
    fn data(self) -> &'static LangData {
        match self {
            Lang::Fr => &fr::DATA,
            Lang::En => &en::DATA,
        }
    }
}

/// Splits a block of text into sentences.
#[derive(Debug, Clone)]
pub struct Segmenter {
    data: &'static LangData,
}

/// Where the scanner stands with respect to quotation marks.
#[derive(Debug, Default, Clone, Copy)]
struct Quotes {
    guillemets: u32,
    curly: u32,
    straight_open: bool,
}

impl Quotes {
    fn update(&mut self, c: char) {
        match c {
            '«' => self.guillemets += 1,
            '»' => self.guillemets = self.guillemets.saturating_sub(1),
            '“' => self.curly += 1,
            '”' => self.curly = self.curly.saturating_sub(1),
            '"' => self.straight_open = !self.straight_open,
            _ => {}
        }
    }

    /// Whether `c` closes an open quotation.
    fn closes(&self, c: char) -> bool {
        match c {
            '»' => self.guillemets > 0,
            '”' => self.curly > 0,
            '"' => self.straight_open,
            _ => false,
        }
    }

    /// Whether no quotation is open.
    fn none_open(&self) -> bool {
        self.guillemets == 0 && self.curly == 0 && !self.straight_open
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›' | '}')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '"' | '“' | '‘' | '\'' | '(' | '[' | '¿' | '¡' | '‹'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

impl Segmenter {
    /// A segmenter with the rules of `lang`.
    pub fn new(lang: Lang) -> Segmenter {
        Segmenter { data: lang.data() }
    }

    /// Byte spans of the sentences of `block`, trimmed of white space, in order.
    pub fn split(&self, block: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut quotes = Quotes::default();
        let mut quote_start = None;
        let markers = list_markers(block);
        let mut marker = markers.iter().peekable();
        let mut chars = block.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            // An inline list item starts a sentence, its marker included.
            if let Some(&&(m0, m1)) = marker.peek() {
                if i == m0 {
                    if !block[start..i].trim().is_empty() {
                        push_trimmed(&mut out, block, start..i);
                        start = i;
                    }
                    quotes = Quotes::default();
                }
                if i >= m0 && i < m1 {
                    continue;
                }
                if i >= m1 {
                    marker.next();
                }
            }
            // A line break that ends a short title (`Redistribution libre`,
            // then `La licence…`) ends a sentence.
            if c == '\n' && i > start && title_ends_at_break(&block[start..i], &block[i..]) {
                push_trimmed(&mut out, block, start..i);
                start = i + 1;
                quotes = Quotes::default();
                continue;
            }
            if !is_terminator(c) {
                let closes = quotes.closes(c);
                if !closes && quotes.none_open() && matches!(c, '«' | '“' | '"') {
                    quote_start = Some(i);
                }
                quotes.update(c);
                let attribution = block[..i].trim_end().ends_with([',', ';', ':']);
                if closes && quotes.none_open() && !attribution {
                    let end = i + c.len_utf8();
                    if let Some(next) = self.after_quote(block, end, quote_start == Some(start)) {
                        push_trimmed(&mut out, block, start..end);
                        start = next;
                    }
                }
                continue;
            }
            // The run of terminators ("?!", "...", "…").
            let mut end = i + c.len_utf8();
            let mut dots = usize::from(c == '.');
            let mut ellipsis = c == '…';
            let mut question = matches!(c, '?' | '!' | '‽');
            while let Some(&(j, d)) = chars.peek() {
                if !is_terminator(d) {
                    break;
                }
                dots += usize::from(d == '.');
                ellipsis |= d == '…';
                question |= matches!(d, '?' | '!' | '‽');
                end = j + d.len_utf8();
                chars.next();
            }
            // A spaced ellipsis (`. . .`) is one terminator. After a space
            // it is a pause inside the sentence; right after a word, its
            // first period may end the sentence (`compounds. . . . The`),
            // and the rest then opens the next one.
            let spaced_from = end;
            while block[end..].starts_with(" .") {
                end += 2;
                dots += 1;
                chars.next();
                chars.next();
            }
            if end > spaced_from {
                let inside = block[..i].ends_with(' ');
                let after = block[end..].trim_start();
                // ` . . . I didn't`: a pause. ` . . . . Next`: the ellipsis
                // and the final period, so a boundary as after any ellipsis.
                if inside && dots < 4 {
                    continue;
                }
                // `word. . . . Next`: the sentence ends at the word's period.
                if !inside && dots >= 4 {
                    if Start::of(after.chars().next()) == Start::Upper {
                        push_trimmed(&mut out, block, start..spaced_from);
                        start = spaced_from + 1;
                    }
                    continue;
                }
            }
            ellipsis |= dots >= 2;
            // Closing quotes and brackets, with French spacing before » and
            // a spaced closing quote when one is open.
            loop {
                let rest = &block[end..];
                let mut it = rest.char_indices();
                match it.next() {
                    Some((_, d)) if is_closer(d) => {
                        quotes.update(d);
                        end += d.len_utf8();
                        chars.next();
                    }
                    Some((_, s)) if s == ' ' || s == '\u{a0}' || s == '\u{202f}' => {
                        let Some((k, d)) = it.next() else { break };
                        let closes = d == '»' || d == '”' || (d == '"' && quotes.straight_open);
                        let then_space_or_end = rest[k + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_none_or(|e| e.is_whitespace() || matches!(e, ',' | '.' | ')'));
                        if !(closes && then_space_or_end) {
                            break;
                        }
                        quotes.update(d);
                        end += k + d.len_utf8();
                        chars.next();
                        chars.next();
                    }
                    _ => break,
                }
            }
            let after = &block[end..];
            let trimmed = after.trim_start();
            if trimmed.is_empty() || trimmed.len() == after.len() {
                continue; // end of block, or no space after: not a boundary here
            }
            let next = end + (after.len() - trimmed.len());
            if self.is_boundary(
                block,
                i,
                next,
                dots == 1 && !ellipsis && !question,
                ellipsis,
            ) {
                push_trimmed(&mut out, block, start..end);
                start = next;
            }
        }
        push_trimmed(&mut out, block, start..block.len());
        out
    }

    /// A quotation that closes without final punctuation ends a sentence
    /// when a capitalised sentence follows and either the quotation opened
    /// the sentence (a quoted headline) or the next word is a common opener:
    /// `"Le Coran est notre Constitution" De son côté, …`. Returns where
    /// the next sentence starts.
    fn after_quote(&self, block: &str, end: usize, opened_sentence: bool) -> Option<usize> {
        let after = &block[end..];
        let rest = after.trim_start();
        if rest.len() == after.len() || !rest.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let next = end + after.len() - rest.len();
        (opened_sentence || self.data.openers.contains(&word_after(rest))).then_some(next)
    }

    /// Decides a candidate boundary: the terminator run starts at `term`, the
    /// next sentence would start at `next`; `period` when the run is one `.`.
    fn is_boundary(
        &self,
        block: &str,
        term: usize,
        next: usize,
        period: bool,
        ellipsis: bool,
    ) -> bool {
        let rest = &block[next..];
        let Some(first) = rest.chars().next() else {
            return false;
        };
        // What the next sentence opens with, past an opening quote or a dialogue dash.
        let (word_at, start_kind) = if is_opener(first) {
            let inner = rest[first.len_utf8()..].trim_start();
            (
                next + rest.len() - inner.len(),
                Start::of(inner.chars().next()),
            )
        } else if is_dash(first) && rest[first.len_utf8()..].starts_with(' ') {
            // A dialogue dash: "- What do you mean?"
            if ellipsis {
                return false;
            }
            let inner = rest[first.len_utf8()..].trim_start();
            (
                next + rest.len() - inner.len(),
                Start::of(inner.chars().next()),
            )
        } else {
            (next, Start::of(Some(first)))
        };
        if start_kind == Start::Other {
            return false;
        }
        // A citation after a quotation belongs to it: `"…" (Smith 55).`
        if first == '(' {
            if let Some(close) = rest.find(')') {
                if close < 60 && rest[close + 1..].starts_with(is_terminator) {
                    return false;
                }
            }
        }
        if ellipsis && start_kind != Start::Upper {
            return false;
        }
        // An ellipsis before a bracket trails off a list inside the
        // sentence: `EPUB3, PDF/A, ODF... (LAC guidelines)`.
        if ellipsis && first == '(' {
            return false;
        }
        if !period {
            return true;
        }
        let word = word_before(&block[..term]);
        let number = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
        if number && word.len() <= 3 && block[..term].trim_start() == word {
            // A number opening the block numbers it ("1. Steps to
            // citizenship", a heading or a table cell): no sentence of its own.
            return false;
        }
        if word.is_empty() || number {
            return true;
        }
        let data = self.data;
        let lower = word.to_lowercase();
        let lower = lower.as_str();
        if data.never_final.contains(&lower) || data.titles.contains(&word) {
            return false;
        }
        if start_kind == Start::Digit && data.before_numbers.contains(&lower) {
            return false;
        }
        // The pronoun `I` after a lower-case word (`you and I.`) ends a
        // sentence; after a name (`Albert I. Jones`) it is an initial.
        if word == "I" {
            let before = word_before(block[..term - 1].trim_end());
            if before.chars().next().is_some_and(char::is_lowercase) {
                return true;
            }
        }
        // A letter after a symbol names a key or a variable, not a person:
        // `press Ctrl + F. Users …`, `x = A. The …`.
        let before = word_before(block[..term - word.len()].trim_end());
        if word.chars().count() == 1
            && !before.is_empty()
            && !before.chars().any(char::is_alphanumeric)
        {
            return true;
        }
        if is_initial_or_acronym(word) {
            let next_word = word_after(&block[word_at..]);
            return data.openers.contains(&next_word);
        }
        true
    }
}

/// How the next sentence would begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Upper,
    Digit,
    Other,
}

impl Start {
    fn of(c: Option<char>) -> Start {
        match c {
            Some(c) if c.is_uppercase() => Start::Upper,
            Some(c) if c.is_ascii_digit() => Start::Digit,
            _ => Start::Other,
        }
    }
}

/// The word just before a terminator, without leading quotes or brackets.
fn word_before(text: &str) -> &str {
    let start = text.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = text[start..].trim_start_matches(|c: char| is_opener(c) || is_dash(c));
    // French elision: l'art. → art
    word.rfind(['\'', '’']).map_or(word, |i| {
        &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..]
    })
}

/// The first word of a text, with a trailing elision apostrophe (`L'`).
fn word_after(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    match text[end..].chars().next() {
        Some(a @ ('\'' | '’')) => &text[..end + a.len_utf8()],
        _ => &text[..end],
    }
}

/// `J`, `U.S`, `P.K`, `J.-C`: single letters joined by dots or hyphens.
fn is_initial_or_acronym(word: &str) -> bool {
    let mut parts = word.split(['.', '-']).filter(|p| !p.is_empty()).peekable();
    let Some(first) = parts.peek().copied() else {
        return false;
    };
    let single = |p: &str| {
        let mut cs = p.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    let count = word.split(['.', '-']).filter(|p| !p.is_empty()).count();
    parts.all(single) && (count > 1 || first.chars().all(char::is_uppercase))
}

/// Inline list markers of a block, as byte spans: `1.)`, `2)`, `3.`, `a.`,
/// with an optional bullet (`• 9.`, `⁃10.`), each at the block's start or
/// after a space and followed by a space and a capital. Only runs of at
/// least two markers counting up by one (1, 2, 3 or a, b, c) count, so that
/// `p. 5` or `in 2012. The` are never taken for lists. An inline marker is
/// kept with its item, as the item's first word; the sentence before it
/// ends there.
fn list_markers(block: &str) -> Vec<(usize, usize)> {
    // (start, end, value) of every marker-shaped token.
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let bytes = block.as_bytes();
    for (i, c) in block.char_indices() {
        if i > 0 && !block[..i].ends_with(char::is_whitespace) {
            continue;
        }
        let mut k = i;
        if c == '•' || c == '⁃' || c == '◦' || c == '▪' {
            k += c.len_utf8();
            if bytes.get(k) == Some(&b' ') {
                k += 1;
            }
        }
        let digits = block[k..].bytes().take_while(u8::is_ascii_digit).count();
        let (value, mut e) = if (1..=3).contains(&digits) {
            (block[k..k + digits].parse::<u32>().unwrap_or(0), k + digits)
        } else if let Some(l) = block[k..].chars().next().filter(char::is_ascii_lowercase) {
            (u32::from(l) - u32::from('a') + 1, k + 1)
        } else {
            continue;
        };
        let tail = &block[e..];
        if tail.starts_with(".)") {
            e += 2;
        } else if tail.starts_with(['.', ')']) {
            e += 1;
        } else {
            continue;
        }
        let mut after = block[e..].chars();
        let same = found.last().is_some_and(|f| f.1 == e);
        if !same && after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase) {
            found.push((i, e, value));
        }
    }
    let mut out = Vec::new();
    for (k, m) in found.iter().enumerate() {
        let prev = k > 0 && found[k - 1].2 + 1 == m.2;
        let next = found.get(k + 1).is_some_and(|n| n.2 == m.2 + 1);
        if prev || next {
            out.push((m.0, m.1));
        }
    }
    out
}

use crate::document::title_ends_at_break;
use crate::text::floor_boundary;
/// Longest sentence, in bytes: a longer run without a sentence end (a
/// table flattened to text, a hostile file) is cut at white space into
/// pieces of at most this size (see [`crate::text::MAX_SENTENCE_BYTES`]).
pub use crate::text::MAX_SENTENCE_BYTES;

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, span: Range<usize>) {
    let s = &text[span.clone()];
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return;
    }
    let mut start = span.start + (s.len() - s.trim_start().len());
    let end = start + trimmed.len();
    while end - start > MAX_SENTENCE_BYTES {
        let mut cut = floor_boundary(text, start + MAX_SENTENCE_BYTES);
        // The last white space in the second half of the piece, if any.
        let half = floor_boundary(text, start + MAX_SENTENCE_BYTES / 2);
        if let Some(k) = text[half..cut].rfind(char::is_whitespace) {
            cut = half + k;
        }
        let head = text[start..cut].trim_end();
        out.push(start..start + head.len());
        start = cut + (text[cut..end].len() - text[cut..end].trim_start().len());
    }
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests;
