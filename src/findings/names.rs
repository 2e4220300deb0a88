//! Names and terms: `name_mismatch`, `missing_term`, `inconsistent_name`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use super::{FindingKind, Raw};
use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::names::BeadNames;
use crate::segment::Lang;
use crate::text::{self, Token, TokenKind};
use crate::Alignment;

/// The shipped place names (CLDR), known to every check so that
/// `Allemagne` / `Germany` is no name mismatch even without a glossary.
fn places() -> &'static Glossary {
    static PLACES: OnceLock<Glossary> = OnceLock::new();
    PLACES.get_or_init(|| {
        Glossary::parse(
            include_str!("../../glossaries/places-fr-en.csv"),
            Path::new("glossaries/places-fr-en.csv"),
        )
        .expect("the shipped places glossary parses")
    })
}

/// The user's glossary and the shipped place names, ready to match.
pub(crate) struct Terms<'g> {
    glossary: &'g Glossary,
    matcher: Matcher,
    /// A folded word of a French form → the folded words of its English
    /// forms (`haye` → `the`, `hague`), and the reverse.
    fr_words: HashMap<String, Vec<String>>,
    en_words: HashMap<String, Vec<String>>,
}

impl<'g> Terms<'g> {
    pub(crate) fn new(glossary: &'g Glossary) -> Terms<'g> {
        let mut fr_to_en: HashMap<String, Vec<String>> = HashMap::new();
        let mut en_to_fr: HashMap<String, Vec<String>> = HashMap::new();
        for e in glossary.entries.iter().chain(&places().entries) {
            for f in e.forms(Side::Fr) {
                for g in e.forms(Side::En) {
                    fr_to_en.entry(term_key(f)).or_default().push(g.to_string());
                    en_to_fr.entry(term_key(g)).or_default().push(f.to_string());
                }
            }
        }
        let words = |map: &HashMap<String, Vec<String>>| {
            let mut out: HashMap<String, Vec<String>> = HashMap::new();
            for (form, renderings) in map {
                let theirs: Vec<String> = renderings
                    .iter()
                    .flat_map(|r| text::tokens(r))
                    .map(|t| t.key)
                    .filter(|k| k.chars().count() >= 3)
                    .collect();
                for t in text::tokens(form) {
                    if t.key.chars().count() >= 3 {
                        out.entry(t.key).or_default().extend(theirs.iter().cloned());
                    }
                }
            }
            out
        };
        Terms {
            glossary,
            matcher: Matcher::new(glossary),
            fr_words: words(&fr_to_en),
            en_words: words(&en_to_fr),
        }
    }

    /// `missing_term`: glossary terms in the French whose English (any
    /// rendering) is not in the English.
    pub(crate) fn missing(&self, fr: &str, en: &str) -> Vec<Raw> {
        if self.matcher.is_empty() {
            return Vec::new();
        }
        let fr_tokens = text::tokens(fr);
        let en_tokens = text::tokens(en);
        let keys = |t: &[Token]| t.iter().map(|t| t.key.clone()).collect::<Vec<_>>();
        let (fk, ek) = (keys(&fr_tokens), keys(&en_tokens));
        let fk: Vec<&str> = fk.iter().map(String::as_str).collect();
        let ek: Vec<&str> = ek.iter().map(String::as_str).collect();
        let in_en: BTreeSet<String> = self
            .matcher
            .find_tokens(&en_tokens, &ek, Side::En)
            .iter()
            .map(|h| term_key(&self.glossary.entries[h.entry].fr))
            .collect();
        let mut reported = BTreeSet::new();
        let mut out = Vec::new();
        for h in self.matcher.find_tokens(&fr_tokens, &fk, Side::Fr) {
            let entry = &self.glossary.entries[h.entry];
            let key = term_key(&entry.fr);
            if in_en.contains(&key) || !reported.insert(key) {
                continue;
            }
            out.push(Raw {
                kind: FindingKind::MissingTerm,
                fr_span: Some((fr_tokens[h.start].start, fr_tokens[h.end - 1].end)),
                en_span: None,
                message: format!(
                    "glossary term {:?} is in the French but its English {:?} is not in the English",
                    entry.fr, entry.en
                ),
            });
        }
        out
    }
}

/// The most frequent words of a language, folded (`common-fr.txt`,
/// `common-en.txt`, from wordfreq: see `LICENSE-wordfreq.txt`).
fn common(side: Side) -> &'static HashSet<&'static str> {
    static FR: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static EN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let (cell, text) = match side {
        Side::Fr => (&FR, include_str!("common-fr.txt")),
        Side::En => (&EN, include_str!("common-en.txt")),
    };
    cell.get_or_init(|| {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Whether a name is one a translation keeps as it is (so that another
/// name in its place is a mismatch): not an acronym (acronyms are
/// translated: `OMS` / `WHO`), and with no word that is common in its own
/// language only (such names are translated: `Maison Blanche` / `White
/// House`, `Angleterre` / `England`); a word common in both languages is a
/// name both use (`Obama`, `Berlin`).
fn kept_name(name: &str, side: Side) -> bool {
    let other = match side {
        Side::Fr => Side::En,
        Side::En => Side::Fr,
    };
    let tokens = text::tokens(name);
    !tokens.is_empty()
        && !tokens.iter().any(|t| t.all_caps)
        && tokens.iter().all(|t| {
            !common(side).contains(t.key.as_str()) || common(other).contains(t.key.as_str())
        })
}

/// Whether two folded words are the same word or cognates (`europe` /
/// `european`, `syrie` / `syria`, `kroll` / `kroll`).
fn cognate(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    // `St` / `Saint`, `Mt` / `Mont`: an abbreviation's letters, in order.
    if la.min(lb) <= 3 && a.chars().next() == b.chars().next() {
        let (abbr, word) = if la <= lb { (a, b) } else { (b, a) };
        let mut rest = word.chars();
        if abbr.chars().all(|c| rest.any(|w| w == c)) {
            return true;
        }
    }
    let short = la.min(lb);
    if short < 4 {
        return false;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= 4 && common * 10 >= short * 6
        || crate::names::similarity(a, b) >= 0.85
        || one_edit(a, b)
        || derived(a, b)
}

/// Whether two words of four letters or more are one letter apart
/// (`sion` / `zion`): a substitution, insertion or deletion.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() < 4 || long.len() - short.len() > 1 {
        return false;
    }
    let head = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if head == short.len() {
        return true;
    }
    let skip = usize::from(short.len() == long.len());
    short[head + skip..] == long[head + 1..]
}

/// The words of a name that can tell it from another: capitalised words
/// of two letters or more, not particles, not numbers (`XIXe`, `Forties`).
fn name_words(name: &str, side: Side) -> Vec<Token> {
    let lang = match side {
        Side::Fr => Lang::Fr,
        Side::En => Lang::En,
    };
    let numbers = super::numbers::quantities(name, lang);
    text::tokens(name)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && t.capitalised && t.key.chars().count() >= 2)
        .filter(|t| {
            !numbers
                .iter()
                .any(|q| q.span.0 <= t.start && t.end <= q.span.1)
        })
        .collect()
}

/// Whether a word of a name (folded, on `side`) is accounted for by the
/// other side's tokens: it is there or a cognate is, or its translation
/// in the bilingual dictionary, or one of the words of its renderings in
/// the glossaries.
fn explained(word: &str, side: Side, terms: &Terms, other: &[Token]) -> bool {
    let (lang, other_lang, renderings) = match side {
        Side::Fr => (Lang::Fr, Lang::En, terms.fr_words.get(word)),
        Side::En => (Lang::En, Lang::Fr, terms.en_words.get(word)),
    };
    let ids = super::dictionary_ids(word, lang);
    let mut candidates = vec![word];
    candidates.extend(renderings.into_iter().flatten().map(String::as_str));
    other.iter().any(|t| {
        candidates.iter().any(|w| cognate(w, &t.key))
            || super::dictionary_ids(&t.key, other_lang)
                .iter()
                .any(|id| ids.contains(id))
    })
}

/// Whether a word of a name is one to check on `side`: a name a
/// translation keeps as it is ([`kept_name`]), or one the glossaries
/// render (so that their rendering must be there).
fn checkable(word: &Token, side: Side, terms: &Terms, paired: bool) -> bool {
    let (known, lang) = match side {
        Side::Fr => (terms.fr_words.contains_key(&word.key), Lang::Fr),
        Side::En => (terms.en_words.contains_key(&word.key), Lang::En),
    };
    // A French name made of a word of the dictionary (`Tourbillon`,
    // `Faillites`) is often translated by another; only a name paired
    // with another on the other side is held to it word by word.
    let word_of_language = lang == Lang::Fr && !super::dictionary_ids(&word.key, lang).is_empty();
    known || (!word.all_caps && kept_name(&word.key, side) && (paired || !word_of_language))
}

/// Whether a name's word at byte `at` of `text` opens a sentence (the
/// line's or one inside it, after `.`, `!`, `?` or `:`), where any word is
/// capitalised.
fn opens_sentence(text: &str, at: usize) -> bool {
    let before =
        text[..at].trim_end_matches(|c: char| c.is_whitespace() || "\"'«»“”‘’([-—–".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '…'])
}

/// The words of the names of one side that the other side does not
/// account for: from the names paired with nothing, and the words two
/// paired names do not share (`German Marshall Fund` / `German Marshall
/// Sada`). Each as (byte span in the text, word).
fn unexplained(
    text: &str,
    names: &[(&str, bool)],
    side: Side,
    terms: &Terms,
    other: &[Token],
) -> Vec<((usize, usize), String)> {
    let mut out = Vec::new();
    for &(name, paired) in names {
        let Some(at) = text.find(name) else {
            continue;
        };
        for w in name_words(name, side) {
            let start = at + w.start;
            if opens_sentence(text, start)
                || !checkable(&w, side, terms, paired)
                || explained(&w.key, side, terms, other)
            {
                continue;
            }
            out.push(((start, at + w.end), text[start..at + w.end].to_string()));
        }
    }
    out
}

/// `name_mismatch`: a word of a French name with no counterpart in the
/// English while the English holds a word of a name with none in the
/// French (`Homs` / `Hama`, `Mauna Kea` / `International Kea`).
pub(crate) fn mismatch(fr: &str, en: &str, names: &BeadNames, terms: &Terms) -> Vec<Raw> {
    fn unpaired(v: &[String]) -> Vec<(&str, bool)> {
        v.iter().map(|n| (n.as_str(), false)).collect()
    }
    let mut fr_names = unpaired(&names.fr_only);
    let mut en_names = unpaired(&names.en_only);
    for p in names
        .pairs
        .iter()
        .filter(|p| term_key(&p.fr) != term_key(&p.en))
    {
        fr_names.push((&p.fr, true));
        en_names.push((&p.en, true));
    }
    if fr_names.is_empty() || en_names.is_empty() {
        return Vec::new();
    }
    let fr_tokens = text::tokens(fr);
    let en_tokens = text::tokens(en);
    let lost = unexplained(fr, &fr_names, Side::Fr, terms, &en_tokens);
    let stray = unexplained(en, &en_names, Side::En, terms, &fr_tokens);
    let (Some((fs, f)), Some((es, e))) = (lost.first(), stray.first()) else {
        return Vec::new();
    };
    vec![Raw {
        kind: FindingKind::NameMismatch,
        fr_span: Some(*fs),
        en_span: Some(*es),
        message: format!(
            "{f:?} in the French has no counterpart in the English, which names {e:?} instead"
        ),
    }]
}

/// Whether one key is the other with an English ending of adjective or
/// plural changed or added (`mexico` / `mexican`, `nicaragua` /
/// `nicaraguans`, `syria` / `syrian`): the shorter, less its last letter,
/// starts the longer, which goes on with such an ending. (`jaffa` /
/// `jaffah` is a respelling.)
fn derived(a: &str, b: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "s", "es", "n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "ic", "ish", "ite",
        "ites", "er", "ers",
    ];
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= long.len() {
        return false;
    }
    let mut stem = short.chars();
    let last = stem.next_back();
    let stem = stem.as_str();
    stem.chars().count() >= 4
        && long.starts_with(stem)
        && (ENDINGS.contains(&&long[stem.len()..])
            || last.is_some_and(|c| long[stem.len()..].starts_with(c))
                && ENDINGS.contains(&&long[short.len()..]))
}

/// The keys a name pair is grouped by for `inconsistent_name`: a person's
/// full name (`Lino Zambito`), rendered with the same last word, counts
/// under that last word, as the surname alone does (`M. Zambito`).
fn group_keys(fr: &str, en: &str) -> (String, String) {
    let last = |s: &str| text::tokens(s).pop().map(|t| t.key);
    let (fk, ek) = (term_key(fr), term_key(en));
    match (last(fr), last(en)) {
        (Some(f), Some(e)) if fk.contains(' ') && f == e && f.chars().count() >= 4 => (f, e),
        _ => (fk, ek),
    }
}

/// One English rendering of a French name: its key, how many times it
/// occurs, the beads (0-based) where it does, the English and the French form.
type Rendering = (String, usize, Vec<usize>, String, String);

/// `inconsistent_name`: a French name paired with two English forms in the
/// document; one finding on each bead whose form is not the most frequent
/// one (the first seen, on a tie). Forms where one holds the other's words
/// (`Kroll` / `Nick Kroll`) are one rendering.
pub(crate) fn inconsistent(alignment: &Alignment, names: &[BeadNames]) -> Vec<(usize, Raw)> {
    // French key → its English renderings.
    let mut seen: HashMap<String, Vec<Rendering>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (k, b) in names.iter().enumerate() {
        for p in &b.pairs {
            let (fk, ek) = group_keys(&p.fr, &p.en);
            let forms = seen.entry(fk.clone()).or_insert_with(|| {
                order.push(fk.clone());
                Vec::new()
            });
            match forms.iter_mut().find(|f| f.0 == ek) {
                Some(f) => {
                    f.1 += 1;
                    if f.2.last() != Some(&k) {
                        f.2.push(k);
                    }
                }
                None => forms.push((ek, 1, vec![k], p.en.clone(), p.fr.clone())),
            }
        }
    }
    let mut out = Vec::new();
    for fk in order {
        let forms = &seen[&fk];
        if forms.len() < 2 {
            continue;
        }
        // The most frequent rendering; on a tie, the one spelt as the
        // French (`Zambito`, not `Zambyto`), then the first seen.
        let major = forms
            .iter()
            .enumerate()
            .max_by(|a, b| {
                let same = |f: &Rendering| {
                    crate::names::translit_key(&f.3) == crate::names::translit_key(&f.4)
                };
                a.1 .1
                    .cmp(&b.1 .1)
                    .then(same(a.1).cmp(&same(b.1)))
                    .then(b.0.cmp(&a.0))
            })
            .map(|x| x.0)
            .unwrap_or(0);
        let (mkey, _, _, mform, _) = &forms[major];
        let words =
            |s: &str| -> BTreeSet<String> { text::tokens(s).into_iter().map(|t| t.key).collect() };
        let mwords = words(mform);
        for (i, (ekey, _, beads, eform, _)) in forms.iter().enumerate() {
            let w = words(eform);
            if i == major || w.is_subset(&mwords) || mwords.is_subset(&w) || derived(ekey, mkey) {
                continue;
            }
            for &k in beads {
                let Some(p) = names[k]
                    .pairs
                    .iter()
                    .find(|p| group_keys(&p.fr, &p.en) == (fk.clone(), ekey.clone()))
                else {
                    continue;
                };
                let bead = &alignment.beads[k];
                let fr = Alignment::side_text(&alignment.fr, bead.fr.clone());
                let en = Alignment::side_text(&alignment.en, bead.en.clone());
                out.push((
                    k,
                    Raw {
                        kind: FindingKind::InconsistentName,
                        fr_span: fr.find(p.fr.as_str()).map(|a| (a, a + p.fr.len())),
                        en_span: en.find(p.en.as_str()).map(|a| (a, a + p.en.len())),
                        message: format!(
                            "{:?} is rendered {:?} here but {:?} elsewhere in the document",
                            p.fr, p.en, mform
                        ),
                    },
                ));
            }
        }
    }
    out
}
