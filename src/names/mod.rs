//! Proper names: spotting them on both sides of a bead and pairing them.
//!
//! **Spotting** (per sentence, with [`crate::text::tokens`]): glossary
//! names first (the longest glossary match, when one of its words is
//! capitalised or holds a digit), then runs of capitalised words (joined by
//! spaces, or by particles such as `de`, `du`, `ez`, `al`, `of`), acronyms
//! (`SANA`, `FDS`) and codes (`T4`); titles (`Dr`, `Mme`) are left out. A capitalised word only counts when it
//! never occurs in lower case in the document, and, at the start of a
//! sentence or in a title-case heading, only when it also occurs capitalised
//! inside some ordinary sentence — so `Les`, `Progrès` or `Units` are not
//! names, `Damas` and `Homs` are. A hyphen between two capitalised words
//! separates two names (`Amman-Damas`).
//!
//! **Pairing** (per bead, each mention used once): glossary pairs (the same
//! entry found on both sides), then identical forms (case, accents and
//! separators aside), then similar forms: acronyms with the same letters in
//! another order (`FDS`/`SDF`), and [`similarity`] of the transliteration
//! keys ([`translit_key`]), best first, from [`SIMILAR_MIN`] up.

use std::collections::HashMap;

use serde::Serialize;

use crate::align::Bitext;
use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::text::Token;

mod keys;
mod pair;
mod spot;
mod suggest;

pub use keys::{similarity, skeleton, translit_key};
use pair::pair_bead;
pub use pair::SIMILAR_MIN;
use spot::{sentence_texts, Lexicon, SideNames};
pub use suggest::suggest;

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairSource {
    /// The same glossary entry on both sides.
    Glossary,
    /// The same form on both sides.
    Identical,
    /// Similar forms (transliteration, acronym letters).
    Similar,
}

impl PairSource {
    /// The word written in outputs (`glossary`, `identical`, `similar`).
    pub fn as_str(self) -> &'static str {
        match self {
            PairSource::Glossary => "glossary",
            PairSource::Identical => "identical",
            PairSource::Similar => "similar",
        }
    }
}

/// A French name and its English rendering, found in one bead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamePair {
    /// The French name as written in the text (`Euphrate` for `l’Euphrate`).
    pub fr: String,
    /// The English name as written.
    pub en: String,
    /// How the pair was found.
    pub source: PairSource,
    /// How sure the pairing is, in [0, 1].
    pub confidence: f64,
}

/// A distinct name pair over a whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentName {
    /// The French name (its first form in the text).
    #[serde(rename = "fr_name")]
    pub fr: String,
    /// The English name.
    #[serde(rename = "en_name")]
    pub en: String,
    /// In how many places the pair was found.
    pub count: usize,
    /// The most trusted way it was found.
    pub source: PairSource,
    /// The highest confidence it was found with.
    pub confidence: f64,
    /// The first bead (1-based) where it was found.
    pub first_bead: usize,
}

/// The names of one bead: the pairs, and the names left without a
/// counterpart on each side.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BeadNames {
    /// The name pairs, in French text order.
    pub pairs: Vec<NamePair>,
    /// French names paired with nothing in the English, as written.
    pub fr_only: Vec<String>,
    /// English names paired with nothing in the French.
    pub en_only: Vec<String>,
}

/// The name pairs of every bead of `bitext`, in bead order: glossary
/// pairs first (the glossary completed by the shipped list of
/// international organisations, [`Glossary::with_organisations`]), then identical, then similar forms (see the module
/// documentation). Sentences are tokenised a bead at a time, so memory does
/// not grow with the document beyond its vocabulary.
pub fn pair_alignment(bitext: Bitext<'_>, glossary: &Glossary) -> Vec<Vec<NamePair>> {
    bead_names(bitext, glossary)
        .into_iter()
        .map(|b| b.pairs)
        .collect()
}

/// The names of every bead of `bitext`, paired as [`pair_alignment`]
/// does, with the names left unpaired on each side.
pub fn bead_names(bitext: Bitext<'_>, glossary: &Glossary) -> Vec<BeadNames> {
    let lexicons = Lexicons::new(bitext);
    names_of_beads(bitext, glossary, &lexicons, 0..bitext.beads.len())
}

/// What name spotting learns from the two whole documents (which words
/// also occur in lower case, which are only capitalised at a sentence
/// start), kept to pair the names of a few beads again after a reviewer
/// changed them: the documents do not change, only the beads.
#[derive(Debug, Clone)]
pub struct Lexicons {
    fr: Lexicon,
    en: Lexicon,
}

impl Lexicons {
    /// Learns from both documents of `bitext`.
    pub fn new(bitext: Bitext<'_>) -> Lexicons {
        Lexicons {
            fr: Lexicon::new(sentence_texts(bitext.fr).into_iter()),
            en: Lexicon::new(sentence_texts(bitext.en).into_iter()),
        }
    }
}

/// [`pair_alignment`] for the beads in `beads` only (a reviewer changed
/// them), in bead order, with the documents' [`Lexicons`].
pub fn pair_beads(
    bitext: Bitext<'_>,
    glossary: &Glossary,
    lexicons: &Lexicons,
    beads: std::ops::Range<usize>,
) -> Vec<Vec<NamePair>> {
    names_of_beads(bitext, glossary, lexicons, beads)
        .into_iter()
        .map(|b| b.pairs)
        .collect()
}

/// [`bead_names`] for the beads in `beads` only, with the documents'
/// [`Lexicons`].
pub fn names_of_beads(
    bitext: Bitext<'_>,
    glossary: &Glossary,
    lexicons: &Lexicons,
    beads: std::ops::Range<usize>,
) -> Vec<BeadNames> {
    let glossary = &glossary.with_organisations();
    let matcher = Matcher::new(glossary);
    let fr = SideNames::new(bitext.fr, &lexicons.fr);
    let en = SideNames::new(bitext.en, &lexicons.en);
    bitext.beads[beads]
        .iter()
        .map(|b| {
            let (fr_tokens, f) = fr.spot(b.fr.clone(), &matcher, glossary, Side::Fr);
            let (_, e) = en.spot(b.en.clone(), &matcher, glossary, Side::En);
            let sentences: Vec<(&str, &[Token])> = fr.texts[b.fr.clone()]
                .iter()
                .zip(&fr_tokens)
                .map(|(t, toks)| (*t, toks.as_slice()))
                .collect();
            pair_bead(&f, &e, &sentences)
        })
        .collect()
}

/// The distinct pairs of a document (by [`term_key`] of both names), in
/// order of first appearance, from the per-bead pairs of
/// [`pair_alignment`].
pub fn document_names(per_bead: &[Vec<NamePair>]) -> Vec<DocumentName> {
    let mut out: Vec<DocumentName> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (b, pairs) in per_bead.iter().enumerate() {
        for p in pairs {
            let key = (term_key(&p.fr), term_key(&p.en));
            match index.get(&key) {
                Some(&i) => {
                    let d = &mut out[i];
                    d.count += 1;
                    d.source = d.source.min(p.source);
                    d.confidence = d.confidence.max(p.confidence);
                }
                None => {
                    index.insert(key, out.len());
                    out.push(DocumentName {
                        fr: p.fr.clone(),
                        en: p.en.clone(),
                        count: 1,
                        source: p.source,
                        confidence: p.confidence,
                        first_bead: b + 1,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Lang, Segmented};
    use std::path::Path;

    fn align(fr: &str, en: &str, glossary: &str) -> Vec<Vec<NamePair>> {
        let g = Glossary::parse(glossary, Path::new("g.csv")).unwrap();
        let fr = Segmented::from_text(fr.into(), Lang::Fr, true);
        let en = Segmented::from_text(en.into(), Lang::En, true);
        let al = crate::align_documents(fr, en, &g, &crate::align::Params::default());
        al.names
    }

    fn shown(pairs: &[NamePair]) -> Vec<String> {
        pairs
            .iter()
            .map(|p| format!("{}={} {}", p.fr, p.en, p.source.as_str()))
            .collect()
    }

    #[test]
    fn similarity_handles_transliterations() {
        for (a, b, paired) in [
            ("Palmyre", "Palmyra", true),
            ("Damas", "Damascus", true),
            ("Knaikera", "Kanaker", true),
            ("Sweida", "Suwayda", true),
            ("Euphrate", "Euphrates", true),
            ("al-Qusayr", "Qusair", true),
            ("FDS", "SDF", true),
            ("ONU", "UN", false),
            ("Homs", "Hama", false),
            ("Golan", "Golan Heights", false),
            ("Syrie", "Sudan", false),
        ] {
            let s = similarity(a, b);
            assert_eq!(s >= SIMILAR_MIN, paired, "{a} {b}: {s}");
        }
    }

    #[test]
    fn pairs_by_glossary_identity_and_similarity() {
        let names = align(
            "Les troupes quittent Damas pour Homs et Palmyre.\nLe Conseil militaire de Deir ez-Zor arrive.",
            "Troops leave Damascus for Homs and Palmyra.\nThe Deir ez-Zor Military Council arrives.",
            "fr,en\nConseil militaire de Deir ez-Zor,Deir ez-Zor Military Council\n",
        );
        assert_eq!(
            shown(&names[0]),
            [
                "Damas=Damascus similar",
                "Homs=Homs identical",
                "Palmyre=Palmyra similar"
            ]
        );
        assert_eq!(
            shown(&names[1]),
            ["Conseil militaire de Deir ez-Zor=Deir ez-Zor Military Council glossary"]
        );
    }

    #[test]
    fn sentence_starts_and_headings_are_not_names() {
        let names = align(
            "Progrès Rapides\nDes unités arrivent à Homs.\nUnités et Progrès à Homs.",
            "Rapid Progress\nUnits arrive in Homs.\nUnits and progress in Homs.",
            "",
        );
        assert!(names[0].is_empty(), "{:?}", names[0]);
        assert_eq!(shown(&names[1]), ["Homs=Homs identical"]);
    }

    #[test]
    fn hyphenated_pairs_of_names_are_split() {
        let names = align(
            "La route Amman-Damas et Deir ez-Zor.",
            "The Amman–Damascus road and Deir ez-Zor.",
            "",
        );
        assert_eq!(
            shown(&names[0]),
            [
                "Amman=Amman identical",
                "Damas=Damascus similar",
                "Deir ez-Zor=Deir ez-Zor identical"
            ]
        );
    }

    #[test]
    fn weird_input_does_not_panic() {
        for text in [
            "",
            "A",
            "É-",
            "- Al",
            "U.S. U. S.",
            "Deir ez-",
            "de de De de",
            "ÉTATS-UNIS ONU T4 4T",
            "l’ d’ L’É",
            "Ab‐Cd’Ef'Gh – Ij",
            "١٢٣ Damas",
        ] {
            let names = align(text, text, "fr,en\nDe,Of\nAl,Al\n");
            assert_eq!(names.len(), if text.is_empty() { 0 } else { 1 }, "{text:?}");
        }
    }
}
