//! tralign aligns the French and English versions of the same report,
//! sentence by sentence, guided by a glossary.
//!
//! The pipeline runs in one direction, one module a stage:
//! [`decode`] → [`document`] → [`segment`] → [`align`] → [`export`], with the
//! [`glossary`] beside the aligner; [`names`] pairs the proper names of
//! each bead, and [`findings`] judges each bead (untranslated, added,
//! numbers, units, names, terms) for the flags and `tralign check`.
//!
//! ```
//! use tralign::{segment::Lang, Segmented};
//!
//! let fr = Segmented::from_text("Progrès\nM. Dupont est arrivé. Il pleut.".into(), Lang::Fr, false);
//! let sentences: Vec<&str> = fr.sentences.iter().map(|s| fr.sentence_text(s)).collect();
//! assert_eq!(sentences, ["Progrès", "M. Dupont est arrivé.", "Il pleut."]);
//! ```

pub mod align;
pub mod decode;
pub mod document;
pub mod encode;
pub mod error;
pub mod eval;
pub mod export;
pub mod findings;
pub mod glossary;
#[doc(hidden)]
pub mod invariants;
pub mod lang;
pub mod names;
pub mod review;
pub mod segment;
pub mod table;
pub mod text;

pub use error::{Error, Result};
pub use segment::{Segmented, Sentence};

/// Two segmented documents and the beads that align them.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// The French side (the left side for another language pair).
    pub fr: Segmented,
    /// The English side.
    pub en: Segmented,
    /// The beads, in order, covering every sentence of each side once.
    pub beads: Vec<align::Bead>,
    /// How much more the aligned sentences share than random pairs do.
    pub evidence: align::Evidence,
    /// Whether the two documents look like translations of each other.
    pub translation: bool,
    /// The proper-name pairs of each bead, in bead order
    /// ([`names::pair_alignment`]); empty when not computed.
    pub names: Vec<Vec<names::NamePair>>,
    /// What [`findings::findings`] found, in bead order; empty when not
    /// computed. Each bead's flags name the kinds found in it.
    pub findings: Vec<findings::Finding>,
}

impl Alignment {
    /// The two documents and the beads, as name pairing and the findings
    /// read them.
    pub fn bitext(&self) -> align::Bitext<'_> {
        align::Bitext {
            fr: &self.fr,
            en: &self.en,
            beads: &self.beads,
        }
    }
}

/// Aligns two segmented documents, sentence by sentence, guided by a
/// glossary, pairs the proper names of each bead, and judges each bead
/// ([`Alignment::findings`], and the beads' flags from them).
pub fn align_documents(
    fr: Segmented,
    en: Segmented,
    glossary: &glossary::Glossary,
    params: &align::Params,
) -> Alignment {
    let mut alignment = align_sentences(fr, en, glossary, params);
    let names = names::bead_names(alignment.bitext(), glossary);
    let found = findings::findings_with_names(alignment.bitext(), glossary, &names);
    findings::flag(&mut alignment.beads, &found);
    alignment.names = names.into_iter().map(|b| b.pairs).collect();
    alignment.findings = found;
    alignment
}

/// [`align_documents`] without the name pairs and the findings
/// ([`Alignment::names`] and [`Alignment::findings`] left empty; the beads
/// carry the aligner's confidence flags only), for outputs that show
/// neither.
pub fn align_sentences(
    fr: Segmented,
    en: Segmented,
    glossary: &glossary::Glossary,
    params: &align::Params,
) -> Alignment {
    let aligned = align::align_with(&align::units(&fr), &align::units(&en), glossary, params);
    let mut beads = aligned.beads;
    for b in &mut beads {
        b.flags
            .retain(|f| *f == "low_confidence" || *f == "heading_mismatch");
    }
    Alignment {
        fr,
        en,
        beads,
        evidence: aligned.evidence,
        translation: aligned.translation,
        names: Vec::new(),
        findings: Vec::new(),
    }
}
