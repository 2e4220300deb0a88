//! Names and terms: `name_mismatch`, `missing_term`, `inconsistent_name`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use super::{FindingKind, Raw};
use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::names::BeadNames;
use crate::text::{self, Token};
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
    /// term_key of a French form → English forms, and the reverse, from the
    /// glossary and the shipped place names.
    fr_to_en: HashMap<String, Vec<String>>,
    en_to_fr: HashMap<String, Vec<String>>,
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
        Terms {
            glossary,
            matcher: Matcher::new(glossary),
            fr_to_en,
            en_to_fr,
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
    common >= 4 && common * 10 >= short * 6 || crate::names::similarity(a, b) >= 0.85
}

/// Whether `name` is accounted for by the other side's text: one of its
/// words (or of its glossary renderings' words) is there, or a cognate.
fn explained(name: &str, renderings: Option<&Vec<String>>, other: &[Token]) -> bool {
    let words = |s: &str| -> Vec<String> {
        text::tokens(s)
            .into_iter()
            .filter(|t| t.key.chars().count() >= 2)
            .map(|t| t.key)
            .collect()
    };
    let mut candidates = words(name);
    for r in renderings.into_iter().flatten() {
        candidates.extend(words(r));
    }
    candidates
        .iter()
        .any(|w| other.iter().any(|t| cognate(w, &t.key)))
}

/// `name_mismatch`: a French name with no counterpart in the English while
/// the English holds a name with none in the French.
pub(crate) fn mismatch(
    fr: &str,
    en: &str,
    starts: (&[usize], &[usize]),
    names: &BeadNames,
    terms: &Terms,
) -> Vec<Raw> {
    if names.fr_only.is_empty() || names.en_only.is_empty() {
        return Vec::new();
    }
    let fr_tokens = text::tokens(fr);
    let en_tokens = text::tokens(en);
    // A capitalised word opening a sentence may be no name at all.
    let inside = |name: &str, text: &str, starts: &[usize]| {
        text.find(name).is_some_and(|at| {
            !starts
                .iter()
                .any(|&s| s <= at && text[s..at].chars().all(|c| !c.is_alphanumeric()))
        })
    };
    let lost: Vec<&String> = names
        .fr_only
        .iter()
        .filter(|n| inside(n, fr, starts.0))
        .filter(|n| kept_name(n, Side::Fr))
        .filter(|n| !explained(n, terms.fr_to_en.get(&term_key(n)), &en_tokens))
        .collect();
    let stray: Vec<&String> = names
        .en_only
        .iter()
        .filter(|n| inside(n, en, starts.1))
        .filter(|n| kept_name(n, Side::En))
        .filter(|n| !explained(n, terms.en_to_fr.get(&term_key(n)), &fr_tokens))
        .collect();
    let (Some(f), Some(e)) = (lost.first(), stray.first()) else {
        return Vec::new();
    };
    vec![Raw {
        kind: FindingKind::NameMismatch,
        fr_span: fr.find(f.as_str()).map(|a| (a, a + f.len())),
        en_span: en.find(e.as_str()).map(|a| (a, a + e.len())),
        message: format!(
            "{f:?} in the French has no counterpart in the English, which names {e:?} instead"
        ),
    }]
}

/// Whether one key is the other with an ending changed or added, as a
/// name and its adjective or plural (`mexico` / `mexican`, `nicaragua` /
/// `nicaraguans`): the shorter, less its last letter, starts the longer.
fn derived(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut stem = short.chars();
    stem.next_back();
    let stem = stem.as_str();
    short.len() < long.len() && stem.chars().count() >= 4 && long.starts_with(stem)
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
            let fk = term_key(&p.fr);
            let ek = term_key(&p.en);
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
        let major = forms
            .iter()
            .enumerate()
            .max_by(|a, b| a.1 .1.cmp(&b.1 .1).then(b.0.cmp(&a.0)))
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
                    .find(|p| term_key(&p.fr) == fk && term_key(&p.en) == *ekey)
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
