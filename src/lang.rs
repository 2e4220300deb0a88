//! A light language check: is a text French, English, or neither that we can
//! tell? Counts the share of words that are common French and common English
//! function words over the first few thousand words. It exists to catch the
//! two mistakes people make with `tralign align FR EN`: the files given in
//! the wrong order, or the same language given twice.

use crate::segment::Lang;

/// Words looked at, from the start of the text.
const SAMPLE_WORDS: usize = 5000;
/// Fewer words than this and no guess is made.
const MIN_WORDS: usize = 20;
/// The winning language's function words must make up this share of the words…
const MIN_RATE: f64 = 0.08;
/// …and be this many times as frequent as the other language's.
const MIN_RATIO: f64 = 3.0;

/// Frequent French function words that are not also English words (`a`,
/// `on`, `en`, `plus`, `son` are left out on purpose; the elided `d'`,
/// `l'`, `j'`, `qu'` count, but not `s'`, which English's `'s` would match).
const FRENCH: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "elles", "est",
    "et", "été", "être", "il", "ils", "la", "le", "les", "leur", "leurs", "mais", "ne", "nous",
    "ont", "ou", "où", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "sont", "sur",
    "un", "une", "vous", "d", "l", "j",
];

/// Frequent English function words that are not also French words.
const ENGLISH: &[&str] = &[
    "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have", "he",
    "her", "his", "in", "is", "it", "its", "not", "of", "or", "she", "that", "the", "their",
    "there", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with", "would",
    "you",
];

/// Function-word shares of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// Words looked at.
    pub words: usize,
    /// Share of them that are French function words.
    pub french: f64,
    /// Share of them that are English function words.
    pub english: f64,
}

/// Counts French and English function words over the first words of `text`.
pub fn rates(text: &str) -> Rates {
    let mut words = 0usize;
    let mut french = 0usize;
    let mut english = 0usize;
    let mut word = String::new();
    let mut tally = |w: &str| {
        if FRENCH.contains(&w) {
            french += 1;
        } else if ENGLISH.contains(&w) {
            english += 1;
        }
    };
    for c in text.chars() {
        if words >= SAMPLE_WORDS {
            break;
        }
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            words += 1;
            tally(&word);
            word.clear();
        }
    }
    if !word.is_empty() && words < SAMPLE_WORDS {
        words += 1;
        tally(&word);
    }
    let share = |n: usize| {
        if words == 0 {
            0.0
        } else {
            n as f64 / words as f64
        }
    };
    Rates {
        words,
        french: share(french),
        english: share(english),
    }
}

/// French or English when the text clearly is; `None` when it is too short,
/// in another language, or mixed.
pub fn guess(text: &str) -> Option<Lang> {
    let r = rates(text);
    if r.words < MIN_WORDS {
        return None;
    }
    if r.french >= MIN_RATE && r.french >= MIN_RATIO * r.english {
        Some(Lang::Fr)
    } else if r.english >= MIN_RATE && r.english >= MIN_RATIO * r.french {
        Some(Lang::En)
    } else {
        None
    }
}

/// A warning when the texts given as French and as English look like
/// something else: swapped, both in the same language, or (unless
/// `any_pair`) one of them in the other language. `fr_name` and `en_name`
/// name them in the message. With `any_pair` (pre-segmented input, which
/// may be any Latin-script pair, e.g. German–French) a side in a language
/// the check does not know is fine, so only swapped or same-language pairs
/// are reported. `None` when all looks right or the check cannot tell.
pub fn check_pair(
    fr_text: &str,
    en_text: &str,
    fr_name: &str,
    en_name: &str,
    any_pair: bool,
) -> Option<String> {
    let fr = guess(fr_text);
    let en = guess(en_text);
    if any_pair && (fr.is_none() || en.is_none()) {
        return None;
    }
    match (fr, en) {
        (Some(Lang::En), Some(Lang::Fr)) => Some(format!(
            "{fr_name} looks English and {en_name} looks French: are they swapped? \
             (the French text comes first)"
        )),
        (Some(Lang::Fr), Some(Lang::Fr)) => Some(format!(
            "{fr_name} and {en_name} both look French; {en_name} should be the English version"
        )),
        (Some(Lang::En), Some(Lang::En)) => Some(format!(
            "{fr_name} and {en_name} both look English; {fr_name} should be the French version"
        )),
        (Some(Lang::En), _) => Some(format!("{fr_name} is given as French but looks English")),
        (_, Some(Lang::Fr)) => Some(format!("{en_name} is given as English but looks French")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: &str = "Le rapport de la mission est publié aujourd'hui. Il décrit la situation \
        des personnes déplacées dans le nord du pays et les besoins qui ne sont pas couverts par \
        les agences. Selon les auteurs, la plupart des familles vivent dans des abris de fortune.";
    const EN: &str = "The report of the mission is published today. It describes the situation \
        of displaced people in the north of the country and the needs that are not covered by \
        the agencies. According to the authors, most of the families live in makeshift shelters.";
    const DE: &str = "Der Bericht der Mission wird heute veröffentlicht. Er beschreibt die Lage \
        der Vertriebenen im Norden des Landes und den Bedarf, der von den Organisationen nicht \
        gedeckt wird. Nach Angaben der Autoren leben die meisten Familien in Notunterkünften.";

    #[test]
    fn guesses_table() {
        let cases: &[(&str, Option<Lang>)] = &[
            (FR, Some(Lang::Fr)),
            (EN, Some(Lang::En)),
            (DE, None),
            ("Le rapport.", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(guess(text), *want, "{text}");
        }
    }

    #[test]
    fn pair_checks_table() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (FR, EN, None),
            (EN, FR, Some("swapped")),
            (FR, FR, Some("both look French")),
            (EN, EN, Some("both look English")),
            (DE, FR, Some("b is given as English but looks French")),
            (EN, DE, Some("a is given as French but looks English")),
            (DE, DE, None),
        ];
        for (fr, en, want) in cases {
            let got = check_pair(fr, en, "a", "b", false);
            match (want, &got) {
                (None, None) => {}
                (Some(w), Some(g)) => assert!(g.contains(w), "{g}"),
                _ => panic!("{fr:.20} / {en:.20}: {got:?}"),
            }
        }
        // Any pair: another language is fine; swapped or same is not.
        assert_eq!(check_pair(DE, FR, "a", "b", true), None);
        assert_eq!(check_pair(EN, DE, "a", "b", true), None);
        assert!(check_pair(EN, FR, "a", "b", true).is_some());
        assert!(check_pair(FR, FR, "a", "b", true).is_some());
    }
}
