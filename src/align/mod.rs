//! Sentence alignment: bead scoring (length + anchors) and a banded
//! dynamic-programming search, with a confidence per bead.
//!
//! # How it works
//!
//! 1. **Features** (`features`): per sentence, its length in characters
//!    (white space not counted) and a set of weighted anchor keys: normalised
//!    numbers, the first [`Params::prefix`] letters of every folded word of
//!    that length or more (cognates and names: *républicain*/*Republican*,
//!    *Damas*/*Damascus*), short capitalised words and acronyms whole,
//!    glossary entries, and the word pairs of a bilingual dictionary
//!    ([`Params::dictionary`], matched on 5-letter stems; pairs found in
//!    more than [`Params::dictionary_share`] of a document's sentences are
//!    left out).
//! 2. **Bead cost** (`score`): `−ln P(type)` + `w_len · (l₂ − r·l₁)² /
//!    (l₁ + l₂)` (Gale–Church in characters, `r` the document's length ratio)
//!    − `w_lex · (covered − expect · weight)` where *covered* is the anchor
//!    weight of each side found on the other side and *weight* the anchor
//!    weight of the bead's sentences (so a pair sharing less than the usual
//!    share of its anchors costs more than leaving both out; the keys of a
//!    run of sentences are counted once) + `w_struct` per structural
//!    disagreement (heading against non-heading or of another level, a run
//!    crossing a block boundary) − `w_split` per place where the single
//!    sentence of a 1-2, 2-1, 1-3, … bead has a semicolon, colon or inner
//!    sentence mark at the share of its length where the other side is cut
//!    (within [`Params::split_tolerance`]) + `w_label` per labelled line
//!    whose label's counterpart is not in the bead (`labels`: repeated
//!    `Label:` openings that translate each other). When both documents
//!    mark headings (Markdown, HTML, DOCX), a heading pairs only with a
//!    heading, in a 1-1 bead. Sentences with hardly any letters (rules,
//!    page numbers, OCR debris; not marked headings) are cheap to leave
//!    unaligned ([`Params::debris`]). With sentence
//!    vectors ([`Params::embedder`], `--encoder`), the cost also falls by
//!    [`Params::w_embed`] times the cosine of the two sides' summed vectors
//!    less [`Params::embed_centre`] (`embed`; each sentence encoded once).
//! 3. **Search** (`search`, `band`): the cheapest monotone path over
//!    beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4, 4-1. Small
//!    documents get the whole lattice; longer ones a coarse-to-fine search:
//!    blocks of 8 sentences are aligned first (same scorer), and the fine
//!    search runs in a narrow band around the sentence boxes of that path,
//!    re-centred and widened if the path runs along its edge ("small": at
//!    most [`Params::full_cells`] lattice nodes). Time and memory are linear
//!    in document length. A document translated freely (a novel: the
//!    median length disagreement of the path's 1-1 beads above
//!    [`Params::len_spread`]) is searched again with [`Params::w_len`]
//!    lowered in proportion, so that anchors weigh more than lengths.
//! 4. **Pass 2** (`lexicon`): word pairs that co-occur in the pass-1 1-1
//!    beads far more than chance (Dice ≥ [`Params::dice`], at least two
//!    co-occurrences) become extra anchors, and the search is repeated in a
//!    band around the pass-1 path (a document-specific translation table, in
//!    the manner of Moore 2002 and hunalign's realign step).
//! 5. **Confidence** ([`confidence`]): for each bead of the path, the margin
//!    between the best path and the best path *not* using that bead (a forward
//!    and a backward pass), mapped to `1 − exp(−margin / temperature)`. If the
//!    beads cover less than [`Params::min_coverage`] of the documents' anchor
//!    weight, the documents do not look like translations: every confidence
//!    is scaled down and [`Aligned::translation`] is false.
//!
//! # How the parameters were fitted
//!
//! The bead priors are the bead-type frequencies of the two dev sets pooled
//! (fren-dev gold, 75 documents, and textberg-dev gold; add-one smoothed).
//! The weights (`w_len`, `w_lex`, `expect`, `w_number`, `w_name`, `prefix`,
//! `dice`) were chosen by a small grid search maximising the mean of the
//! strict F1 on the same two dev sets (`examples/tune.rs`), and the
//! confidence temperature to maximise the log-likelihood of "bead is in the
//! gold" on them; see `docs/aligner.md` for the figures. The reported dev
//! scores are therefore not held-out scores.

mod band;
mod bitext;
pub mod confidence;
pub mod dictionary;
mod embed;
mod features;
mod labels;
mod lexicon;
mod score;
mod search;

use std::ops::Range;
use std::sync::Arc;

use crate::glossary::{Glossary, Matcher, Side};

pub use bitext::{units, Bitext};
pub use confidence::Evidence;
pub use dictionary::Dictionary;
pub use embed::{Embed, Embedder};

/// One sentence as the aligner sees it: its text and where it stands in the
/// document's structure.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// The sentence is a heading.
    pub heading: bool,
    /// The heading's level from the document's markup (1–6), 0 when the
    /// format does not say or the sentence is no heading.
    pub level: u8,
    /// The sentence is the last of its block (paragraph, heading, list item).
    pub block_end: bool,
}

impl<'a> Unit<'a> {
    /// A sentence with no structure around it: its own block, no heading
    /// (how presegmented input and the benchmarks' one-a-line files look).
    pub fn plain(text: &'a str) -> Unit<'a> {
        Unit {
            text,
            heading: false,
            level: 0,
            block_end: true,
        }
    }
}

/// What the two documents' structure can tell the scorer.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Structure {
    /// Both documents have blocks of several sentences, so block ends carry
    /// information.
    pub blocks: bool,
    /// Both documents mark headings with levels (Markdown, HTML, DOCX): a
    /// heading then pairs only with a heading, in a 1-1 bead, and a bead
    /// never crosses a heading on one side only.
    pub headings: bool,
}

/// A run of French sentences matched with a run of English ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// French sentence indices (0-based, half-open).
    pub fr: Range<usize>,
    /// English sentence indices (0-based, half-open).
    pub en: Range<usize>,
    /// How sure the aligner is, in [0, 1]; low means "check this one".
    pub confidence: f64,
    /// Things a reviewer should know (`low_confidence`, `number_mismatch`,
    /// `heading_mismatch`).
    pub flags: Vec<&'static str>,
}

impl Bead {
    /// The bead's type, e.g. `2-1` (French count first).
    pub fn kind(&self) -> String {
        format!("{}-{}", self.fr.len(), self.en.len())
    }
}

/// How many bead shapes the search considers.
pub(crate) const N_TYPES: usize = 12;

/// The bead shapes the search considers: (French sentences, English sentences).
pub(crate) const BEAD_TYPES: [(usize, usize); N_TYPES] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
];

/// Most sentences on one side of a bead.
pub(crate) const MAX_RUN: usize = 4;

/// Gold bead counts per type in [`BEAD_TYPES`] order, fren-dev and
/// textberg-dev pooled (the source of the default priors).
const DEV_BEAD_COUNTS: [f64; N_TYPES] = [
    1915.0, 94.0, 124.0, 238.0, 265.0, 16.0, 62.0, 58.0, 5.0, 4.0, 5.0, 1.0,
];

/// Everything the aligner can be tuned with. The defaults were fitted on the
/// dev data (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// `−ln P(type)` for each bead type (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3,
    /// 3-1, 2-3, 3-2, 1-4, 4-1, in that order).
    pub prior_cost: [f64; N_TYPES],
    /// Weight of the length disagreement.
    pub w_len: f64,
    /// Weight of one unit of covered anchor weight.
    pub w_lex: f64,
    /// Share of its anchor weight a true bead is expected to cover.
    pub expect: f64,
    /// Cost of one structural disagreement (structured documents only).
    pub w_struct: f64,
    /// Anchor weight of a number of two digits or more.
    pub w_number: f64,
    /// Anchor weight of a capitalised word inside a sentence or an acronym.
    pub w_name: f64,
    /// Anchor weight of a glossary term.
    pub w_glossary: f64,
    /// A bilingual word list whose pairs are anchors (by default the
    /// shipped French–English list, [`Dictionary::default_list`], when it
    /// is found and well-formed; `None` for none).
    pub dictionary: Option<Arc<Dictionary>>,
    /// Anchor weight of a word pair of the [`Params::dictionary`].
    pub w_dictionary: f64,
    /// Share of a document's sentences above which a dictionary pair is
    /// too common to tell sentences apart (function words: *de*/*of*,
    /// *pour*/*for*) and is not an anchor.
    pub dictionary_share: f64,
    /// The length disagreement (median over 1-1 beads of `d² / (l₁ + l₂)`,
    /// `d` the difference of the two lengths in characters) of the
    /// translations the weights were fitted on, or a little more. A document
    /// whose pass-1 1-1 beads disagree more (a free translation: a novel)
    /// is aligned again with [`Params::w_len`] lowered in proportion, so
    /// that the anchors weigh more; `0`: never.
    pub len_spread: f64,
    /// Letters of a folded word compared for cognates (shorter words are
    /// ignored unless capitalised).
    pub prefix: usize,
    /// Learn word pairs from the first pass and realign (pass 2).
    pub lexicon: bool,
    /// Minimum Dice coefficient of a learned word pair.
    pub dice: f64,
    /// Anchor weight of a learned word pair.
    pub w_learned: f64,
    /// Factor on the 1-0 / 0-1 cost of a sentence with hardly any letters.
    pub debris: f64,
    /// Cost taken off a 1-2, 2-1, 1-3, … bead for each place where the
    /// single sentence's own punctuation (a semicolon, a colon, an inner
    /// sentence mark) cuts it where the other side is cut: a sentence
    /// translated as two is cut there.
    pub w_split: f64,
    /// How far (share of the sentence's length) such a mark may lie from
    /// the other side's cut; the discount falls linearly to 0 there.
    pub split_tolerance: f64,
    /// Cost of each labelled sentence of a bead whose label's counterpart
    /// is not on the other side (see `labels`).
    pub w_label: f64,
    /// Documents longer than this (sentences on either side) are aligned
    /// window by window of this many French sentences, so memory stays
    /// bounded.
    pub window: usize,
    /// Initial half-width of the search band, in sentences.
    pub band: usize,
    /// Documents whose whole lattice has at most this many nodes are searched
    /// without a band.
    pub full_cells: usize,
    /// Factor on the margin left by a competing bead that holds all of a
    /// bead's sentences and more (a neighbouring 0-1 absorbed into a 1-2):
    /// such a bead keeps the bead's links, so it weighs less against it.
    pub merge_margin: f64,
    /// Margin (cost units) at which confidence reaches 1 − 1/e.
    pub temperature: f64,
    /// Beads below this confidence get the `low_confidence` flag.
    pub low_confidence: f64,
    /// Below this [`Evidence::coverage`] the documents are not taken for
    /// translations of each other.
    pub min_coverage: f64,
    /// Sentence vectors for the embedding term (`--encoder`); `None`: the
    /// term is left out. [`Params::with_embedder`] sets it together with
    /// the weights fitted with the term on.
    pub embedder: Option<Embedder>,
    /// Weight of the embedding term: a bead's cost falls by `w_embed ·
    /// (cosine − embed_centre)`, the cosine of its sides' summed vectors.
    pub w_embed: f64,
    /// The cosine at which the embedding term is neutral.
    pub embed_centre: f64,
    /// Extra cost of a 1-0 or 0-1 bead when the embedding term is on.
    pub embed_skip: f64,
    /// Encode the joined text of each run of sentences (Bertalign's way)
    /// instead of summing the sentences' vectors.
    pub embed_concat: bool,
}

impl Default for Params {
    fn default() -> Params {
        let total: f64 = DEV_BEAD_COUNTS.iter().map(|c| c + 1.0).sum();
        Params {
            prior_cost: DEV_BEAD_COUNTS.map(|c| -((c + 1.0) / total).ln()),
            w_len: 0.3,
            w_lex: 0.45,
            expect: 0.15,
            w_struct: 2.0,
            w_label: 3.0,
            w_number: 4.0,
            w_name: 1.5,
            w_glossary: 3.0,
            dictionary: Dictionary::default_list().ok().flatten(),
            w_dictionary: 0.5,
            dictionary_share: 0.05,
            len_spread: 0.5,
            prefix: 4,
            lexicon: true,
            dice: 0.3,
            w_learned: 0.5,
            debris: 0.3,
            w_split: 1.5,
            split_tolerance: 0.1,
            window: 60_000,
            band: 25,
            full_cells: 400_000,
            merge_margin: 6.0,
            temperature: 3.0,
            low_confidence: 0.5,
            min_coverage: 0.18,
            embedder: None,
            w_embed: 12.0,
            embed_centre: 0.3,
            embed_skip: 1.0,
            embed_concat: false,
        }
    }
}

impl Params {
    /// These parameters with `embedder` for the embedding term, and the
    /// weights that were refitted with the term on (issue 16, on the four
    /// dev sets, see `docs/aligner.md`): anchors weigh more
    /// ([`Params::w_lex`] 0.6 instead of 0.45) and a single sentence's
    /// punctuation less ([`Params::w_split`] 1 instead of 1.5). Set other
    /// weights after this call.
    pub fn with_embedder(self, embedder: Embedder) -> Params {
        Params {
            embedder: Some(embedder),
            w_lex: 0.6,
            w_split: 1.0,
            ..self
        }
    }
}

/// An alignment and what the aligner learned on the way.
#[derive(Debug, Clone)]
pub struct Aligned {
    /// The beads, in order, covering every sentence of each side once.
    pub beads: Vec<Bead>,
    /// How much the aligned sentences share compared with random pairs.
    pub evidence: Evidence,
    /// Whether the documents look like translations of each other.
    pub translation: bool,
}

/// Aligns two sentence sequences with the default [`Params`]. Every sentence
/// of each side is covered by exactly one bead, in order.
pub fn align(fr: &[Unit<'_>], en: &[Unit<'_>], glossary: &Glossary) -> Vec<Bead> {
    align_with(fr, en, glossary, &Params::default()).beads
}

/// Aligns two sentence sequences with the given parameters.
pub fn align_with(
    fr: &[Unit<'_>],
    en: &[Unit<'_>],
    glossary: &Glossary,
    params: &Params,
) -> Aligned {
    let (n, m) = (fr.len(), en.len());
    if n == 0 || m == 0 {
        return one_sided(n, m);
    }
    let matcher = Matcher::new(glossary);
    // Each sentence is encoded once, whatever the windows and passes.
    let vectors = params
        .embedder
        .as_ref()
        .map(|e| embed::Vectors::new(e, fr, en, params.embed_concat));
    let vectors = vectors.as_ref().map(embed::Vectors::view);
    if n.max(m) > params.window {
        return windowed(fr, en, &matcher, params, vectors);
    }
    align_whole(fr, en, &matcher, params, vectors, None)
}

/// Aligns two documents in one piece (all features in memory at once).
/// `window`: this is a window of a longer document, with that document's
/// length ratio; its English side runs on past the French side's end.
fn align_whole(
    fr: &[Unit<'_>],
    en: &[Unit<'_>],
    matcher: &Matcher,
    params: &Params,
    vectors: Option<embed::VectorsView<'_>>,
    window: Option<f64>,
) -> Aligned {
    let (n, m) = (fr.len(), en.len());
    if n == 0 || m == 0 {
        return one_sided(n, m);
    }
    let mut ffr = features::extract(fr, Side::Fr, matcher, params);
    let mut fen = features::extract(en, Side::En, matcher, params);
    features::mark_repeats(&mut ffr);
    features::mark_repeats(&mut fen);
    labels::assign(fr, en, &mut ffr, &mut fen, params);
    let ratio = window.unwrap_or_else(|| length_ratio(&ffr, &fen));
    let open_end = window.is_some();
    let marked = |side: &[Unit<'_>]| side.iter().any(|u| u.heading && u.level > 0);
    let structured = Structure {
        blocks: fr.iter().any(|u| !u.block_end) && en.iter().any(|u| !u.block_end),
        headings: marked(fr) && marked(en),
    };

    // Pass 1.
    let band = if (n + 1).saturating_mul(m + 1) <= params.full_cells {
        band::Band::full(n, m)
    } else {
        coarse_band(&ffr, &fen, ratio, params, open_end)
    };
    // When pass 2 follows, it re-centres around this path itself.
    let rounds = if params.lexicon { 1 } else { MAX_ROUNDS };
    let search = |band,
                  fr: &[features::Features],
                  en: &[features::Features],
                  params: &Params,
                  margins,
                  rounds| {
        let opts = SearchOpts {
            margins,
            rounds,
            open_end,
        };
        search_adaptive(band, fr, en, ratio, structured, params, opts, vectors)
    };
    let pass1 = |band, params: &Params| search(band, &ffr, &fen, params, !params.lexicon, rounds);
    let (first_band, first, _) = pass1(band.clone(), params);
    // A free translation is searched again, with less weight on length.
    let fitted =
        fitted_length_weight(&first.beads, &ffr, &fen, ratio, params).map(|w_len| Params {
            w_len,
            ..params.clone()
        });
    let (band, searched) = match &fitted {
        Some(fitted) => {
            let (band, searched, _) = pass1(band, fitted);
            (band, searched)
        }
        None => (first_band, first),
    };
    let params = fitted.as_ref().unwrap_or(params);
    let (searched, pairs) = if params.lexicon {
        lexicon::learn_and_add(&searched.beads, &mut ffr, &mut fen, params);
        features::mark_repeats(&mut ffr);
        features::mark_repeats(&mut fen);
        let band = if band.is_full() {
            band
        } else {
            band::Band::around(n, m, &path_centre(&searched.beads, n), params.band / 3)
        };
        let (_, s, pairs) = search(band, &ffr, &fen, params, true, MAX_ROUNDS);
        (s, pairs)
    } else {
        let pairs = band::PairBand::new(&band, &ffr, &fen, MAX_RUN);
        (searched, pairs)
    };
    let evidence = confidence::evidence(&searched, &pairs, &ffr, &fen);
    let translation = evidence.coverage >= params.min_coverage;
    let beads = searched
        .beads
        .iter()
        .zip(&searched.margins)
        .map(|(&(i, j, t), &margin)| {
            let (a, b) = BEAD_TYPES[t];
            let mut conf = confidence::from_margin(margin, params);
            if !translation {
                conf *= 0.25;
            }
            Bead {
                fr: i..i + a,
                en: j..j + b,
                confidence: conf,
                flags: confidence::flags(&ffr[i..i + a], &fen[j..j + b], conf, params),
            }
        })
        .collect();
    Aligned {
        beads,
        evidence,
        translation,
    }
}

/// Sentences of overlap between consecutive windows (see [`windowed`]).
const WINDOW_OVERLAP: usize = 2_000;

/// English sentences a window holds past the estimated end of its French
/// side (see [`windowed`]).
const WINDOW_SLACK: usize = 500;

/// Very long documents, window by window, so that memory stays bounded by
/// the window rather than the document: a coarse path over blocks of
/// sentences (strong anchors only: numbers, names, glossary terms, computed a
/// block at a time) says where each window of [`Params::window`] French
/// sentences lies in the English; each window, with [`WINDOW_OVERLAP`] more
/// sentences, is aligned in full, and only its beads before the overlap are
/// kept — the next window starts where they end, so a window's forced end
/// never reaches the result.
fn windowed(
    fr: &[Unit<'_>],
    en: &[Unit<'_>],
    matcher: &Matcher,
    params: &Params,
    vectors: Option<embed::VectorsView<'_>>,
) -> Aligned {
    let (n, m) = (fr.len(), en.len());
    let (bfr, sfr) = features::coarse_blocks(fr, Side::Fr, matcher, params, COARSE_BLOCK);
    let (ben, sen) = features::coarse_blocks(en, Side::En, matcher, params, COARSE_BLOCK);
    let ratio = length_ratio(&bfr, &ben);
    let band = initial_band(&bfr, &ben, params, None);
    let opts = SearchOpts {
        margins: false,
        rounds: MAX_ROUNDS,
        open_end: false,
    };
    let (_, coarse, _) = search_adaptive(
        band,
        &bfr,
        &ben,
        ratio,
        Structure::default(),
        &block_params(params),
        opts,
        None,
    );
    drop((bfr, ben));
    // Where the coarse path crosses each French block boundary.
    let mut en_at_block = vec![m; sfr.len()];
    for &(bi, bj, _) in coarse.beads.iter().rev() {
        en_at_block[bi] = sen[bj];
    }
    for k in (0..en_at_block.len() - 1).rev() {
        en_at_block[k] = en_at_block[k].min(en_at_block[k + 1]);
    }
    let en_at = |i: usize| en_at_block[(i / COARSE_BLOCK).min(en_at_block.len() - 1)];

    let mut beads = Vec::new();
    let (mut i0, mut j0) = (0, 0);
    let (mut weight, mut on_path, mut baseline, mut coverage) = (0.0, 0.0, 0.0, 0.0);
    let mut translation_weight = 0.0;
    while i0 < n || j0 < m {
        let end = (i0 + params.window + WINDOW_OVERLAP).min(n);
        let last = end == n;
        // The window's English side runs on a little past where the
        // coarse path (or, when that lies behind, the sentence counts) puts
        // the French end; the search ends where the French does, so the
        // extra English costs nothing, and cannot be forced in anywhere.
        let j_end = if last {
            m
        } else {
            (en_at(end).max(end * m / n) + WINDOW_SLACK).clamp(j0, m)
        };
        let part = align_whole(
            &fr[i0..end],
            &en[j0..j_end],
            matcher,
            params,
            vectors.map(|v| v.slice(i0..end, j0..j_end)),
            (!last).then_some(ratio),
        );
        let w = (end - i0 + j_end - j0) as f64;
        weight += w;
        on_path += w * part.evidence.on_path;
        baseline += w * part.evidence.baseline;
        coverage += w * part.evidence.coverage;
        if part.translation {
            translation_weight += w;
        }
        let keep_until = i0 + params.window;
        let (mut ni, mut nj) = (i0, j0);
        for mut b in part.beads {
            if !last && b.fr.start + i0 >= keep_until {
                break;
            }
            b.fr = b.fr.start + i0..b.fr.end + i0;
            b.en = b.en.start + j0..b.en.end + j0;
            (ni, nj) = (b.fr.end, b.en.end);
            beads.push(b);
        }
        if last {
            break;
        }
        (i0, j0) = (ni, nj);
    }
    let mean = |x: f64| if weight > 0.0 { x / weight } else { 0.0 };
    Aligned {
        beads,
        evidence: Evidence {
            on_path: mean(on_path),
            baseline: mean(baseline),
            coverage: mean(coverage),
        },
        translation: translation_weight * 2.0 >= weight,
    }
}

/// Pass-1 1-1 beads' worth of the reference spread mixed into a
/// document's own (see [`fitted_length_weight`]): a short document keeps
/// close to the fitted weight.
const LEN_SPREAD_PRIOR: f64 = 20.0;

/// The fewest 1-1 beads [`fitted_length_weight`] measures a document on: in a
/// short one, one added sentence skews the length ratio and so every
/// bead's disagreement.
const LEN_SPREAD_MIN_BEADS: usize = 50;

/// The most [`fitted_length_weight`] divides the length weight by.
const LEN_SCALE_MAX: f64 = 3.0;

/// The length weight fitted to how freely this document is translated,
/// when it differs from [`Params::w_len`]: the median length disagreement
/// of the 1-1 beads of a first path (at least [`LEN_SPREAD_MIN_BEADS`]),
/// drawn towards [`Params::len_spread`] by [`LEN_SPREAD_PRIOR`] beads'
/// worth; when that is above the reference, [`Params::w_len`] divided by
/// their ratio (at most [`LEN_SCALE_MAX`]). The weight is never raised.
fn fitted_length_weight(
    beads: &[search::PathBead],
    fr: &[features::Features],
    en: &[features::Features],
    ratio: f64,
    params: &Params,
) -> Option<f64> {
    if params.len_spread <= 0.0 {
        return None;
    }
    let mut spread: Vec<f64> = beads
        .iter()
        .filter(|&&(_, _, t)| t == 0)
        .map(|&(i, j, _)| {
            let (l1, l2) = (fr[i].chars * ratio, en[j].chars);
            let d = l2 - l1;
            d * d / (l1 + l2).max(2.0)
        })
        .collect();
    if spread.len() < LEN_SPREAD_MIN_BEADS {
        return None;
    }
    spread.sort_by(f64::total_cmp);
    let median = spread[spread.len() / 2];
    let n = spread.len() as f64;
    let shrunk = (n * median + LEN_SPREAD_PRIOR * params.len_spread) / (n + LEN_SPREAD_PRIOR);
    let scale = (shrunk / params.len_spread).min(LEN_SCALE_MAX);
    (scale > 1.0).then(|| params.w_len / scale)
}

/// English characters per French character over the whole document (1
/// when a side has none).
fn length_ratio(fr: &[features::Features], en: &[features::Features]) -> f64 {
    let a: f64 = fr.iter().map(|f| f.chars).sum();
    let b: f64 = en.iter().map(|f| f.chars).sum();
    if a > 0.0 && b > 0.0 {
        b / a
    } else {
        1.0
    }
}

/// All 1-0 (or all 0-1) beads when one side is empty.
fn one_sided(n: usize, m: usize) -> Aligned {
    let beads = (0..n)
        .map(|i| (i..i + 1, 0..0))
        .chain((0..m).map(|j| (0..0, j..j + 1)))
        .map(|(fr, en)| Bead {
            fr,
            en,
            confidence: 1.0,
            flags: Vec::new(),
        })
        .collect();
    Aligned {
        beads,
        evidence: Evidence {
            on_path: 0.0,
            baseline: 0.0,
            coverage: 0.0,
        },
        translation: n == 0 && m == 0,
    }
}

/// The whole lattice for small documents, else a band around the diagonal
/// that keeps the two sides' cumulative lengths in proportion (see
/// [`length_centre`] for `ratio`).
fn initial_band(
    fr: &[features::Features],
    en: &[features::Features],
    params: &Params,
    ratio: Option<f64>,
) -> band::Band {
    let (n, m) = (fr.len(), en.len());
    if (n + 1).saturating_mul(m + 1) <= params.full_cells {
        return band::Band::full(n, m);
    }
    band::Band::around(n, m, &length_centre(fr, en, ratio), params.band)
}

/// Per French position, the English position that keeps the two sides'
/// cumulative lengths in proportion (the diagonal a path follows when the
/// lengths alone are known). With `ratio` (English characters per French
/// one: a window whose English side runs on past its French end), the
/// diagonal follows that ratio instead of ending at the English end.
fn length_centre(
    fr: &[features::Features],
    en: &[features::Features],
    ratio: Option<f64>,
) -> Vec<(usize, usize)> {
    let (n, m) = (fr.len(), en.len());
    let total_fr: f64 = fr.iter().map(|f| f.chars + 1.0).sum();
    let total_en: f64 = en.iter().map(|f| f.chars + 1.0).sum();
    let scale = ratio.unwrap_or(total_en / total_fr);
    let mut centre = Vec::with_capacity(n + 1);
    let (mut cf, mut ce, mut j) = (0.0, 0.0, 0usize);
    for i in 0..=n {
        let target = cf * scale;
        while j < m && ce + (en[j].chars + 1.0) / 2.0 < target {
            ce += en[j].chars + 1.0;
            j += 1;
        }
        centre.push((j, j));
        cf += fr.get(i).map_or(0.0, |f| f.chars + 1.0);
    }
    centre
}

/// Sentences merged into one block for the coarse pass of long documents.
const COARSE_BLOCK: usize = 8;

/// The parameters the coarse (block) searches score with: a block left
/// unpaired costs what its [`COARSE_BLOCK`] sentences left unpaired would,
/// not what one sentence does. Priced as one sentence, skipping a few
/// blocks was a cheap way for the block path to shift by a fraction of a
/// block, and on text that repeats it jumped a whole copy that way.
fn block_params(params: &Params) -> Params {
    let mut p = params.clone();
    for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
        if a == 0 || b == 0 {
            p.prior_cost[t] *= COARSE_BLOCK as f64;
        }
    }
    p
}

/// Coarse-to-fine: on long documents, blocks of [`COARSE_BLOCK`] sentences
/// are aligned first (same scorer, features merged), and the fine search
/// runs in a narrow band around the sentence boxes of the block path. This
/// follows a path that drifts far from the length diagonal at a cost linear
/// in document length, where a band around the diagonal would have to be
/// re-centred and widened again and again.
fn coarse_band(
    fr: &[features::Features],
    en: &[features::Features],
    ratio: f64,
    params: &Params,
    open_end: bool,
) -> band::Band {
    let (n, m) = (fr.len(), en.len());
    let (bfr, sfr) = features::blocks(fr, COARSE_BLOCK);
    let (ben, sen) = features::blocks(en, COARSE_BLOCK);
    let diagonal = open_end.then_some(ratio);
    let coarse = initial_band(&bfr, &ben, params, diagonal);
    let (_, searched, _) = search_adaptive(
        coarse,
        &bfr,
        &ben,
        ratio,
        Structure::default(),
        &block_params(params),
        SearchOpts {
            margins: false,
            rounds: MAX_ROUNDS,
            open_end,
        },
        None,
    );
    // Each block bead is a box of sentences; the path may go anywhere in it.
    let mut centre = vec![(usize::MAX, 0usize); n + 1];
    for &(bi, bj, t) in &searched.beads {
        let (a, b) = BEAD_TYPES[t];
        let (j0, j1) = (sen[bj], sen[bj + b]);
        for c in &mut centre[sfr[bi]..=sfr[bi + a]] {
            c.0 = c.0.min(j0);
            c.1 = c.1.max(j1);
        }
    }
    // The length diagonal stays in the band: on text that repeats, anchors
    // cannot tell one copy from the next, and a block path one copy off
    // would otherwise hold the sentence search there (a window of a long
    // document would then align differently from the whole).
    for (c, (d, _)) in centre.iter_mut().zip(length_centre(fr, en, diagonal)) {
        if c.0 == usize::MAX {
            *c = (0, m);
        }
        *c = (c.0.min(d), c.1.max(d));
    }
    band::Band::around(n, m, &centre, params.band / 2)
}

/// Per lattice row, the interval of English positions the path occupies.
fn path_centre(beads: &[search::PathBead], n: usize) -> Vec<(usize, usize)> {
    let mut centre = vec![(usize::MAX, 0usize); n + 1];
    let mut put = |i: usize, j: usize| {
        centre[i].0 = centre[i].0.min(j);
        centre[i].1 = centre[i].1.max(j);
    };
    for &(i, j, t) in beads {
        let (a, b) = BEAD_TYPES[t];
        for r in i..=i + a {
            put(r, j);
            put(r, j + b);
        }
    }
    if let Some(last) = beads.last() {
        let (a, b) = BEAD_TYPES[last.2];
        put(last.0 + a, last.1 + b);
    }
    for c in &mut centre {
        if c.0 == usize::MAX {
            *c = (c.1, c.1);
        }
    }
    centre
}

/// How one search runs: with bead margins (the final pass), and at most
/// how many rounds of re-centring.
#[derive(Debug, Clone, Copy)]
struct SearchOpts {
    margins: bool,
    rounds: usize,
    /// The English side runs on past the French side's end (a window of a
    /// long document): English sentences after the last French one cost
    /// nothing, so the path ends where the French does.
    open_end: bool,
}

/// Most re-centring rounds of the banded search.
const MAX_ROUNDS: usize = 8;

/// Searches `band`; while the path runs along an edge of the band,
/// re-centres the band on the path, widens it, and searches again (at most
/// `rounds` searches in all). With `vectors`, beads are scored with the
/// embedding term too.
#[allow(clippy::too_many_arguments)]
fn search_adaptive(
    mut band: band::Band,
    fr: &[features::Features],
    en: &[features::Features],
    ratio: f64,
    structured: Structure,
    params: &Params,
    opts: SearchOpts,
    vectors: Option<embed::VectorsView<'_>>,
) -> (band::Band, search::Searched, band::PairBand) {
    let SearchOpts {
        margins,
        rounds,
        open_end,
    } = opts;
    let (n, m) = (fr.len(), en.len());
    let mut width = params.band;
    for round in 0.. {
        let pairs = band::PairBand::new(&band, fr, en, MAX_RUN);
        let sims = vectors.map(|v| embed::SimBand::new(&band, v, MAX_RUN));
        let scorer = score::Scorer {
            embed: sims.as_ref(),
            fr,
            en,
            pairs: &pairs,
            params,
            ratio,
            structured,
            open_end,
        };
        let last = round + 1 >= rounds || band.is_full();
        let searched = search::search(&band, &scorer, margins);
        if last || !searched.touches_edge {
            return (band, searched, pairs);
        }
        // Re-centre on the path; widen only every other round, so that a
        // path drifting away from the diagonal is followed at low cost.
        if round % 2 == 1 {
            width += width / 2;
        }
        band = band::Band::around(n, m, &path_centre(&searched.beads, n), width);
    }
    unreachable!("the loop returns")
}

#[cfg(test)]
mod tests;
