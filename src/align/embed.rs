//! The optional embedding term of the bead cost: how close the meaning of
//! a bead's French sentences is to that of its English ones, as the cosine
//! of their summed sentence vectors (each sentence encoded once, by
//! whatever implements [`Embed`] — `crate::encode::Encoder`). The aligner
//! works without it; with it, a bead's cost falls by
//! `w_embed · (cosine − embed_centre)`.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::band::Band;
use super::{Unit, MAX_RUN};

/// A source of sentence vectors for the aligner.
pub trait Embed: Send + Sync {
    /// Width of the vectors.
    fn dim(&self) -> usize;
    /// One unit vector per text, row-major (`dim` numbers a text); the
    /// vector of a text does not depend on the other texts.
    fn embed(&self, texts: &[&str]) -> Vec<f32>;
}

/// A shared [`Embed`], as [`super::Params::embedder`] holds it (two are
/// equal when they are the same object).
#[derive(Clone)]
pub struct Embedder(pub Arc<dyn Embed>);

impl fmt::Debug for Embedder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Embedder(dim {})", self.0.dim())
    }
}

impl PartialEq for Embedder {
    fn eq(&self, other: &Embedder) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The sentence vectors of both documents.
#[derive(Debug, Clone)]
pub(crate) struct Vectors {
    dim: usize,
    fr: Vec<f32>,
    en: Vec<f32>,
    /// With [`super::Params::embed_concat`]: `fr_runs[k - 2]` holds the
    /// vector of the text of French sentences `i..i + k`, for every `i`.
    fr_runs: Vec<Vec<f32>>,
    en_runs: Vec<Vec<f32>>,
}

impl Vectors {
    /// Encodes every sentence of both sides, once (and, when `concat`,
    /// every run of 2 to [`MAX_RUN`] sentences, joined by a space).
    pub fn new(embedder: &Embedder, fr: &[Unit<'_>], en: &[Unit<'_>], concat: bool) -> Vectors {
        fn texts<'a>(side: &[Unit<'a>]) -> Vec<&'a str> {
            side.iter().map(|u| u.text).collect()
        }
        let e = &embedder.0;
        let runs = |side: &[Unit<'_>]| -> Vec<Vec<f32>> {
            if !concat {
                return Vec::new();
            }
            (2..=MAX_RUN)
                .map(|k| {
                    let joined: Vec<String> = side.windows(k).map(|w| texts(w).join(" ")).collect();
                    let refs: Vec<&str> = joined.iter().map(String::as_str).collect();
                    e.embed(&refs)
                })
                .collect()
        };
        Vectors {
            dim: e.dim(),
            fr: e.embed(&texts(fr)),
            en: e.embed(&texts(en)),
            fr_runs: runs(fr),
            en_runs: runs(en),
        }
    }

    /// A view of all of it.
    pub fn view(&self) -> VectorsView<'_> {
        VectorsView {
            dim: self.dim,
            fr: &self.fr,
            en: &self.en,
            fr_runs: &self.fr_runs,
            en_runs: &self.en_runs,
            fr_off: 0,
            en_off: 0,
            fr_len: self.fr.len() / self.dim,
            en_len: self.en.len() / self.dim,
        }
    }
}

/// The vectors of a part of both documents (sentences `fr_off..fr_off +
/// fr_len` and `en_off..en_off + en_len` of the whole).
#[derive(Debug, Clone, Copy)]
pub(crate) struct VectorsView<'a> {
    dim: usize,
    fr: &'a [f32],
    en: &'a [f32],
    fr_runs: &'a [Vec<f32>],
    en_runs: &'a [Vec<f32>],
    fr_off: usize,
    en_off: usize,
    fr_len: usize,
    en_len: usize,
}

impl<'a> VectorsView<'a> {
    /// The vectors of French sentences `fr` and English sentences `en`
    /// (of this view).
    pub fn slice(&self, fr: Range<usize>, en: Range<usize>) -> VectorsView<'a> {
        VectorsView {
            fr_off: self.fr_off + fr.start,
            en_off: self.en_off + en.start,
            fr_len: fr.len(),
            en_len: en.len(),
            ..*self
        }
    }

    fn fr(&self, i: usize) -> &'a [f32] {
        let i = self.fr_off + i;
        &self.fr[i * self.dim..(i + 1) * self.dim]
    }

    fn en(&self, j: usize) -> &'a [f32] {
        let j = self.en_off + j;
        &self.en[j * self.dim..(j + 1) * self.dim]
    }

    /// The vector of the joined text of `len` (≥ 2) sentences from `start`,
    /// when runs were encoded.
    fn run(&self, runs: &'a [Vec<f32>], start: usize, len: usize) -> Option<&'a [f32]> {
        let all = runs.get(len.checked_sub(2)?)?;
        all.get(start * self.dim..(start + 1) * self.dim)
    }
}

/// The dot products a bead's cosine needs: each French sentence with the
/// English ones a bead in the band can pair it with, and each sentence with
/// its next few neighbours on its own side.
#[derive(Debug, Clone)]
pub(crate) struct SimBand<'a> {
    /// The vectors (for the encoded runs).
    v: VectorsView<'a>,
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    cross: Vec<f32>,
    /// `fr_next[i * (R − 1) + k − 1]` = French `i` · French `i + k`.
    fr_next: Vec<f32>,
    en_next: Vec<f32>,
    run: usize,
}

impl<'a> SimBand<'a> {
    /// The products for `band` (beads of at most `max_run` sentences a side).
    pub fn new(band: &Band, v: VectorsView<'a>, max_run: usize) -> SimBand<'a> {
        let (n, m) = (band.n, band.m);
        let (mut lo, mut hi, mut offset) = (vec![], vec![], vec![]);
        let mut cross = Vec::new();
        for i in 0..n {
            let l = band.lo[(i + 1).saturating_sub(max_run)];
            let h = band.hi[(i + max_run).min(n)].min(m).max(l);
            lo.push(l);
            hi.push(h);
            offset.push(cross.len());
            let u = v.fr(i);
            cross.extend((l..h).map(|j| dot(u, v.en(j))));
        }
        let next = |get: &dyn Fn(usize) -> &'a [f32], count: usize| {
            let mut out = vec![0.0; count * (max_run - 1)];
            for i in 0..count {
                for k in 1..max_run.min(count - i) {
                    out[i * (max_run - 1) + k - 1] = dot(get(i), get(i + k));
                }
            }
            out
        };
        SimBand {
            v,
            lo,
            hi,
            offset,
            cross,
            fr_next: next(&|i| v.fr(i), v.fr_len),
            en_next: next(&|j| v.en(j), v.en_len),
            run: max_run,
        }
    }

    fn cross(&self, i: usize, j: usize) -> f32 {
        if i >= self.lo.len() || j < self.lo[i] || j >= self.hi[i] {
            0.0
        } else {
            self.cross[self.offset[i] + j - self.lo[i]]
        }
    }

    /// Squared length of the sum of `len` unit vectors from `start`.
    fn norm2(&self, next: &[f32], start: usize, len: usize) -> f32 {
        let mut s = len as f32;
        for x in 0..len {
            for y in x + 1..len {
                s += 2.0 * next[(start + x) * (self.run - 1) + y - x - 1];
            }
        }
        s
    }

    /// Cosine of the summed vectors of French `i..i+a` and English `j..j+b`
    /// (or of their joined texts' vectors, when runs were encoded).
    pub fn cosine(&self, i: usize, a: usize, j: usize, b: usize) -> f64 {
        if !self.v.fr_runs.is_empty() {
            let side =
                |runs, one: &dyn Fn(usize) -> &'a [f32], off: usize, k: usize, len: usize| {
                    if len == 1 {
                        Some(one(k))
                    } else {
                        self.v.run(runs, off + k, len)
                    }
                };
            let u = side(self.v.fr_runs, &|k| self.v.fr(k), self.v.fr_off, i, a);
            let w = side(self.v.en_runs, &|k| self.v.en(k), self.v.en_off, j, b);
            if let (Some(u), Some(w)) = (u, w) {
                return f64::from(dot(u, w));
            }
        }
        let mut c = 0.0f32;
        for x in i..i + a {
            for y in j..j + b {
                c += self.cross(x, y);
            }
        }
        let norms = self.norm2(&self.fr_next, i, a) * self.norm2(&self.en_next, j, b);
        f64::from(c / norms.max(1e-12).sqrt())
    }
}

/// The dot product, in eight lanes (so that it vectorises).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors from a table: the text's first word names its direction.
    struct Table;

    impl Embed for Table {
        fn dim(&self) -> usize {
            4
        }
        fn embed(&self, texts: &[&str]) -> Vec<f32> {
            texts
                .iter()
                .flat_map(|t| {
                    let k = ["sun", "rain", "snow", "wind"]
                        .iter()
                        .position(|w| t.ends_with(w))
                        .expect("known word");
                    let mut v = [0.0f32; 4];
                    v[k] = 1.0;
                    v
                })
                .collect()
        }
    }

    #[test]
    fn vectors_find_the_sentence_left_out() {
        // Same lengths, no shared anchors: only the vectors say that the
        // second French sentence has no English counterpart.
        let fr = ["aaaa sun", "bbbb rain", "cccc snow", "dddd wind"].map(Unit::plain);
        let en = ["eeee sun", "ffff snow", "gggg wind"].map(Unit::plain);
        let glossary = crate::glossary::Glossary::default();
        let params = super::super::Params {
            embedder: Some(Embedder(Arc::new(Table))),
            ..Default::default()
        };
        let beads = super::super::align_with(&fr, &en, &glossary, &params).beads;
        let got: Vec<_> = beads.iter().map(|b| (b.fr.clone(), b.en.clone())).collect();
        assert_eq!(
            got,
            [(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)]
        );
        // Without them the aligner cannot tell.
        let plain = super::super::align(&fr, &en, &glossary);
        let plain: Vec<_> = plain.iter().map(|b| (b.fr.clone(), b.en.clone())).collect();
        assert_ne!(plain, got);
    }

    #[test]
    fn cosine_of_sums() {
        // Unit vectors in 3 dimensions (padded to 9 to use the tail path).
        let unit = |x: [f32; 3]| {
            let n = (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]).sqrt();
            let mut v = vec![0.0; 9];
            v[..3].copy_from_slice(&x.map(|c| c / n));
            v
        };
        let fr: Vec<f32> = [
            unit([1.0, 0.0, 0.0]),
            unit([0.0, 1.0, 0.0]),
            unit([0.0, 0.0, 1.0]),
        ]
        .concat();
        let en: Vec<f32> = [unit([1.0, 1.0, 0.0]), unit([0.0, 0.0, 1.0])].concat();
        let v = VectorsView {
            dim: 9,
            fr: &fr,
            en: &en,
            fr_runs: &[],
            en_runs: &[],
            fr_off: 0,
            en_off: 0,
            fr_len: 3,
            en_len: 2,
        };
        let sims = SimBand::new(&Band::full(3, 2), v, 4);
        // fr0+fr1 = (1,1,0) is en0's direction.
        assert!((sims.cosine(0, 2, 0, 1) - 1.0).abs() < 1e-6);
        assert!((sims.cosine(0, 1, 0, 1) - 0.5f64.sqrt()).abs() < 1e-6);
        assert!(sims.cosine(2, 1, 0, 1).abs() < 1e-6);
        // fr0+fr1+fr2 = (1,1,1) against en0+en1 = (1/√2, 1/√2, 1).
        let want = (2.0f64.sqrt() + 1.0) / (3.0f64.sqrt() * 2.0f64.sqrt());
        assert!((sims.cosine(0, 3, 0, 2) - want).abs() < 1e-6);
    }

    #[test]
    fn cosine_of_encoded_runs_and_of_a_window() {
        let unit = |k: usize| {
            let mut v = vec![0.0f32; 9];
            v[k] = 1.0;
            v
        };
        let fr: Vec<f32> = [unit(0), unit(1), unit(2)].concat();
        let en: Vec<f32> = [unit(3), unit(2)].concat();
        // The joined text of French 0-1 points like English 0; of 1-2, like English 1.
        let fr_runs = vec![[unit(3), unit(2)].concat()];
        let en_runs = vec![unit(4)];
        let v = VectorsView {
            dim: 9,
            fr: &fr,
            en: &en,
            fr_runs: &fr_runs,
            en_runs: &en_runs,
            fr_off: 0,
            en_off: 0,
            fr_len: 3,
            en_len: 2,
        };
        let sims = SimBand::new(&Band::full(3, 2), v, 4);
        assert!((sims.cosine(0, 2, 0, 1) - 1.0).abs() < 1e-6);
        assert!((sims.cosine(1, 2, 1, 1) - 1.0).abs() < 1e-6);
        assert!(sims.cosine(1, 2, 0, 1).abs() < 1e-6);
        assert!(sims.cosine(0, 1, 0, 2).abs() < 1e-6);
        // A run not encoded (three sentences here) falls back to the sum.
        assert!(sims.cosine(0, 3, 1, 1) > 0.5);
        // A window: its sentence 0 is the document's sentence 1.
        let w = v.slice(1..3, 1..2);
        let sims = SimBand::new(&Band::full(2, 1), w, 4);
        assert!((sims.cosine(0, 2, 0, 1) - 1.0).abs() < 1e-6);
        assert!((sims.cosine(1, 1, 0, 1) - 1.0).abs() < 1e-6);
    }
}
