//! A document cut into sentences: its blocks (from [`crate::document`])
//! and, inside each, the sentences the segmenter found.

use std::ops::Range;
use std::path::Path;

use super::{Lang, Segmenter};
use crate::document::{self, Document};
use crate::{decode, Result};

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

    /// The text of a run of sentences, joined with a space, line breaks
    /// inside a sentence turned into spaces.
    pub fn run_text(&self, ids: Range<usize>) -> String {
        let parts: Vec<String> = self.sentences[ids]
            .iter()
            .map(|s| {
                self.sentence_text(s)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        parts.join(" ")
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
}
