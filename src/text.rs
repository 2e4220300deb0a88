//! Tokens and normalisation keys shared by the aligner and the glossary
//! matcher: case and diacritic folding, French elision (`d'`, `l'`, …) and
//! numbers written the French or the English way (`1 200,5` = `1,200.5`).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters (and digits mixed with letters, such as `T4`).
    Word,
    /// A number; its [`Token::key`] is normalised (`1200.5`).
    Number,
}

/// One word or number of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Word or number.
    pub kind: TokenKind,
    /// The comparison key: a folded word ([`fold`]) or a normalised number
    /// ([`number_key`]).
    pub key: String,
    /// The token starts with an upper-case letter.
    pub capitalised: bool,
    /// The token is written all in capitals and has at least two letters (`ONU`, `SDF`).
    pub all_caps: bool,
    /// Byte offset of the token's first character in the tokenised text.
    pub start: usize,
    /// Byte offset just past the token's last character.
    pub end: usize,
}

/// French clitics that elide before a vowel (`l'armée`, `qu'elles`).
const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Whether `c` is an apostrophe (straight, typographic, or modifier letter).
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Whether `c` can separate the digit groups of one number (`1 200`, `1 200`).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Lower-cases `word` and removes its diacritics (`Élection` → `election`,
/// `Straße` → `strasse`, `œuvre` → `oeuvre`).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Removes a French elided article or pronoun from the front of a word
/// (`l'opposition` → `opposition`, `qu’elles` → `elles`); other words are
/// returned unchanged.
pub fn strip_elision(word: &str) -> &str {
    if let Some((head, tail)) = word.split_once(is_apostrophe) {
        let folded = fold(head);
        if ELIDED.contains(&folded.as_str()) && !tail.is_empty() {
            return tail;
        }
    }
    word
}

/// Normalises a number written with group and decimal separators, French,
/// German or English style, to digits with an optional `.` decimal part:
/// `1 200,5`, `1.200,5` and `1,200.5` all give `1200.5`; `3,5` gives `3.5`.
///
/// A lone separator followed by exactly three digits is taken as a group
/// separator (`1,200` and `1.200` give `1200`).
pub fn number_key(raw: &str) -> String {
    let s: String = raw.chars().filter(|c| !is_group_space(*c)).collect();
    let seps: Vec<(usize, char)> = s
        .char_indices()
        .filter(|(_, c)| *c == '.' || *c == ',')
        .collect();
    let decimal_at = match seps.last() {
        None => None,
        Some(&(at, c)) => {
            let kinds_differ = seps.iter().any(|&(_, d)| d != c);
            let repeated = seps.iter().filter(|&&(_, d)| d == c).count() > 1;
            let digits_after = s.len() - at - 1;
            if kinds_differ {
                Some(at)
            } else if repeated || digits_after == 3 {
                None
            } else {
                Some(at)
            }
        }
    };
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if Some(i) == decimal_at {
            out.push('.');
        }
    }
    if out.contains('.') {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
    let trimmed = out.trim_start_matches('0');
    if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Suffixes of ordinals written with digits, folded (`1er`, `2e`, `3ème`, `1st`, `22nd`).
const ORDINAL_SUFFIXES: &[&str] = &["er", "re", "e", "eme", "nd", "st", "rd", "th"];

/// The number of an ordinal written with digits, from its folded word key
/// (`1er` → `1`, `21st` → `21`); `None` for other words.
pub fn ordinal_key(key: &str) -> Option<String> {
    let digits = key.len() - key.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, suffix) = key.split_at(digits);
    (digits > 0 && ORDINAL_SUFFIXES.contains(&suffix)).then(|| number_key(number))
}

/// Longest sentence, in bytes, that the stages after segmentation look
/// into. The segmenter cuts a longer run without a sentence end at white
/// space into pieces of at most this size; a longer sentence given as one
/// (`--presegmented`, `pipe`) keeps its text, but its words and numbers
/// (the aligner's anchors, its names, the findings) are read from its
/// first `MAX_SENTENCE_BYTES` bytes only. So what any stage spends on one
/// sentence stays bounded. Real sentences are far shorter: the longest in
/// the dev sets (news, reports, novels) has about 1,200 characters.
pub const MAX_SENTENCE_BYTES: usize = 20_000;

/// The largest character boundary of `text` at or before byte `at`
/// (`str::floor_char_boundary`, stable only since Rust 1.91).
pub(crate) fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The part of `text` that [`tokens`] reads: all of it, or, past
/// [`MAX_SENTENCE_BYTES`], up to the last white space before that length.
fn token_window(text: &str) -> &str {
    if text.len() <= MAX_SENTENCE_BYTES {
        return text;
    }
    let head = &text[..floor_boundary(text, MAX_SENTENCE_BYTES)];
    head.rfind(char::is_whitespace).map_or(head, |k| &head[..k])
}

/// Cuts a sentence into words and numbers. Apostrophes split words and a
/// French elided clitic (`l'`, `d'`, `qu'` …) is dropped; punctuation is
/// dropped; a number keeps its group and decimal separators (`1 200,5`).
/// Past [`MAX_SENTENCE_BYTES`], only the sentence's start is read.
pub fn tokens(text: &str) -> Vec<Token> {
    let text = token_window(text);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_ascii_digit() {
            let end = scan_number(&chars, k);
            let start = chars[k].0;
            let stop = chars.get(end).map_or(text.len(), |x| x.0);
            // A number glued to letters (`T4`, `A320`) is a word.
            let glued = chars.get(end).is_some_and(|x| x.1.is_alphabetic())
                || (k > 0 && chars[k - 1].1.is_alphabetic());
            if glued {
                let wend = scan_word(&chars, k);
                let stop = chars.get(wend).map_or(text.len(), |x| x.0);
                push_word(&mut out, text, start..stop);
                k = wend;
            } else {
                out.push(Token {
                    kind: TokenKind::Number,
                    key: number_key(&text[start..stop]),
                    capitalised: false,
                    all_caps: false,
                    start,
                    end: stop,
                });
                k = end;
            }
        } else if c.is_alphanumeric() {
            let end = scan_word(&chars, k);
            let stop = chars.get(end).map_or(text.len(), |x| x.0);
            let word = &text[chars[k].0..stop];
            // An elided clitic followed by an apostrophe: drop it.
            let elided = chars.get(end).is_some_and(|x| is_apostrophe(x.1))
                && chars.get(end + 1).is_some_and(|x| x.1.is_alphabetic())
                && ELIDED.contains(&fold(word).as_str());
            if !elided {
                push_word(&mut out, text, chars[k].0..stop);
            }
            k = end;
        } else {
            k += 1;
        }
    }
    out
}

/// Adds a word token for the bytes `span` of `text`.
fn push_word(out: &mut Vec<Token>, text: &str, span: std::ops::Range<usize>) {
    let word = &text[span.clone()];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    out.push(Token {
        kind: TokenKind::Word,
        key: fold(word),
        capitalised: word.chars().next().is_some_and(char::is_uppercase),
        all_caps: letters >= 2 && !word.chars().any(char::is_lowercase),
        start: span.start,
        end: span.end,
    });
}

/// End (exclusive, index into `chars`) of the word starting at `k`.
fn scan_word(chars: &[(usize, char)], k: usize) -> usize {
    let mut e = k;
    while e < chars.len() && chars[e].1.is_alphanumeric() {
        e += 1;
    }
    e
}

/// End (exclusive) of the number starting at `k`: digits, `.`/`,` between
/// digits, and spaces before a group of exactly three digits.
pub(crate) fn scan_number(chars: &[(usize, char)], k: usize) -> usize {
    let digit = |i: usize| chars.get(i).is_some_and(|x| x.1.is_ascii_digit());
    let mut e = k;
    let mut group = 0; // digits in the current group
    let mut seen_sep = false;
    loop {
        while digit(e) {
            e += 1;
            group += 1;
        }
        let Some(&(_, c)) = chars.get(e) else { break };
        if (c == '.' || c == ',') && digit(e + 1) {
            e += 1;
            group = 0;
            seen_sep = true;
        } else if is_group_space(c)
            && !seen_sep
            && (1..=3).contains(&group)
            && digit(e + 1)
            && digit(e + 2)
            && digit(e + 3)
            && !digit(e + 4)
        {
            e += 1;
            group = 0;
        } else {
            break;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn a_very_long_sentence_is_read_from_its_start() {
        let text = "mot ".repeat(MAX_SENTENCE_BYTES);
        let t = tokens(&text);
        assert!(!t.is_empty());
        assert!(t.len() <= MAX_SENTENCE_BYTES / 4);
        assert!(t
            .iter()
            .all(|t| t.key == "mot" && t.end <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn folds_case_and_diacritics() {
        for (word, want) in [
            ("Élection", "election"),
            ("kilomètres", "kilometres"),
            ("Straße", "strasse"),
            ("Œuvre", "oeuvre"),
            ("ÉTATS", "etats"),
            ("abc", "abc"),
        ] {
            assert_eq!(fold(word), want, "{word}");
        }
    }

    #[test]
    fn normalises_numbers() {
        for (raw, want) in [
            ("1 200,5", "1200.5"),
            ("1,200.5", "1200.5"),
            ("1.200,5", "1200.5"),
            ("1,200", "1200"),
            ("3,5", "3.5"),
            ("3.50", "3.5"),
            ("2024", "2024"),
            ("1 000 000", "1000000"),
            ("007", "7"),
            ("0,5", "0.5"),
            ("0", "0"),
        ] {
            assert_eq!(number_key(raw), want, "{raw}");
        }
    }

    #[test]
    fn tokenises_numbers_across_languages() {
        assert_eq!(keys("à 20 kilomètres"), ["a", "20", "kilometres"]);
        assert_eq!(keys("20 kilometres"), ["20", "kilometres"]);
        assert_eq!(keys("soit 1 200,5 euros"), ["soit", "1200.5", "euros"]);
        assert_eq!(keys("some 1,200.5 euros."), ["some", "1200.5", "euros"]);
        // A year followed by a count is two numbers.
        assert_eq!(keys("en 2013 300 cas"), ["en", "2013", "300", "cas"]);
        assert_eq!(keys("T4 base"), ["t4", "base"]);
    }

    #[test]
    fn drops_elided_clitics() {
        assert_eq!(
            keys("l’armée d'Obama qu’elles"),
            ["armee", "obama", "elles"]
        );
        assert_eq!(strip_elision("l'opposition"), "opposition");
        assert_eq!(strip_elision("aujourd'hui"), "aujourd'hui");
        assert_eq!(keys("aujourd'hui"), ["aujourd", "hui"]);
    }

    #[test]
    fn reads_ordinals() {
        for (key, want) in [
            ("1er", Some("1")),
            ("2e", Some("2")),
            ("3eme", Some("3")),
            ("21st", Some("21")),
            ("t4", None),
            ("4x4", None),
            ("12", None),
            ("th", None),
        ] {
            assert_eq!(ordinal_key(key).as_deref(), want, "{key}");
        }
    }

    #[test]
    fn tokens_carry_byte_spans() {
        let text = "d’Alep, 1 200 km";
        let spans: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spans, ["Alep", "1 200", "km"]);
    }

    #[test]
    fn marks_capitals() {
        let t = tokens("ONU Damas ville");
        assert!(t[0].all_caps && t[0].capitalised);
        assert!(!t[1].all_caps && t[1].capitalised);
        assert!(!t[2].capitalised);
    }

    #[test]
    fn weird_input_does_not_panic() {
        for s in [
            "",
            "1",
            "1,",
            ",1",
            "1 ",
            "1  234",
            "١٢٣",
            "\u{301}a",
            "'",
            "l'",
            "1.2.3,4,5",
        ] {
            let _ = tokens(s);
            let _ = number_key(s);
        }
    }
}
