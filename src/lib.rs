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

use std::ops::Range;
use std::path::Path;

pub use error::{Error, Result};

use document::{BlockKind, Document};
use segment::{Lang, Segmenter};

/// One sentence: the block it belongs to and its byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Byte span in [`Document::text`].
    pub span: Range<usize>,
}

/// A document cut into blocks and sentences.
#[derive(Debug, Clone)]
pub struct Segmented {
    /// The decoded document and its blocks.
    pub doc: Document,
    /// The sentences, in order; none crosses a block boundary.
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// Structures and segments decoded text. With `presegmented`, each
    /// non-blank line is one sentence, taken as given.
    pub fn from_text(text: String, lang: Lang, presegmented: bool) -> Segmented {
        if presegmented {
            Segmented::build(Document::presegmented(text), lang, true)
        } else {
            Segmented::from_document(Document::parse(text), lang)
        }
    }

    /// Segments the blocks of a document.
    pub fn from_document(doc: Document, lang: Lang) -> Segmented {
        Segmented::build(doc, lang, false)
    }

    /// Segments the blocks of `doc`; with `presegmented`, each block is one sentence.
    fn build(doc: Document, lang: Lang, presegmented: bool) -> Segmented {
        let segmenter = Segmenter::new(lang);
        let mut sentences = Vec::new();
        for (i, block) in doc.blocks.iter().enumerate() {
            let body = &doc.text[block.span.clone()];
            if presegmented {
                sentences.push(Sentence {
                    block: i,
                    span: block.span.clone(),
                });
                continue;
            }
            for s in segmenter.split(body) {
                sentences.push(Sentence {
                    block: i,
                    span: block.span.start + s.start..block.span.start + s.end,
                });
            }
        }
        Segmented { doc, sentences }
    }

    /// Reads a file (`-` is standard input), detects its format (text,
    /// Markdown, HTML, DOCX, ODT), and structures and segments it. With
    /// `presegmented`, the file is text with one sentence a line.
    pub fn read(path: &Path, lang: Lang, presegmented: bool) -> Result<Segmented> {
        Segmented::read_with(path, lang, presegmented, document::ReadOptions::default())
    }

    /// [`Segmented::read`] with reading options (page chrome kept or not;
    /// the input budget: file size, unpacked size, decoded text).
    pub fn read_with(
        path: &Path,
        lang: Lang,
        presegmented: bool,
        options: document::ReadOptions,
    ) -> Result<Segmented> {
        let limits = &options.limits;
        let (bytes, shown) = decode::read_bytes_limited(path, limits)?;
        Ok(if presegmented {
            let text = decode::decode(&bytes, &shown)?.text;
            drop(bytes);
            limits.check_text(&text, &shown)?;
            Segmented::build(Document::presegmented(text), lang, true)
        } else {
            let doc = Document::from_bytes_with(&bytes, &shown, options)?;
            drop(bytes);
            Segmented::from_document(doc, lang)
        })
    }

    /// [`Segmented::read`] within `limits`, other options as by default.
    pub fn read_limited(
        path: &Path,
        lang: Lang,
        presegmented: bool,
        limits: &decode::Limits,
    ) -> Result<Segmented> {
        let options = document::ReadOptions {
            limits: *limits,
            ..Default::default()
        };
        Segmented::read_with(path, lang, presegmented, options)
    }

    /// The text of a sentence, as it stands in the document.
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.doc.text[s.span.clone()]
    }

    /// Where a run of sentences came from: the distinct blocks holding
    /// them, each as `tag:number` (`h2:3`, `p:17`, `li:4`; 1-based block
    /// numbers), separated by spaces; empty for an empty run.
    pub fn block_ids(&self, ids: Range<usize>) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut last = None;
        for s in &self.sentences[ids] {
            if last != Some(s.block) {
                last = Some(s.block);
                out.push(format!(
                    "{}:{}",
                    self.doc.blocks[s.block].tag(),
                    s.block + 1
                ));
            }
        }
        out.join(" ")
    }

    /// The sentences as the aligner sees them.
    pub fn units(&self) -> Vec<align::Unit<'_>> {
        self.sentences
            .iter()
            .enumerate()
            .map(|(i, s)| align::Unit {
                text: self.sentence_text(s),
                heading: self.doc.blocks[s.block].kind == BlockKind::Heading,
                level: self.doc.blocks[s.block].level,
                block_end: self.sentences.get(i + 1).is_none_or(|n| n.block != s.block),
            })
            .collect()
    }
}

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
    /// The text of a run of sentences of one side, joined with a space,
    /// line breaks inside a sentence turned into spaces.
    pub fn side_text(side: &Segmented, ids: Range<usize>) -> String {
        let parts: Vec<String> = side.sentences[ids]
            .iter()
            .map(|s| {
                side.sentence_text(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        parts.join(" ")
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
    let names = names::bead_names(&alignment, glossary);
    let found = findings::findings_with_names(&alignment, glossary, &names);
    findings::flag(&mut alignment, &found);
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
    let aligned = align::align_with(&fr.units(), &en.units(), glossary, params);
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
