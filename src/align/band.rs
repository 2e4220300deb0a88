//! The search band: for each French position, the range of English
//! positions the path may pass through. Memory and time are proportional to
//! the band's area, i.e. linear in document length for a fixed width.

use std::collections::HashMap;

use super::features::{Features, Overlap};

/// Lattice nodes `(i, j)` = "French sentences before `i` and English before
/// `j` are aligned"; row `i` holds columns `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub n: usize,
    pub m: usize,
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    /// Index of node `(i, lo[i])` in the flat node arrays.
    pub offset: Vec<usize>,
    /// Total number of nodes.
    pub size: usize,
}

impl Band {
    /// A band of half-width `width` around a centre given, per row, as an
    /// interval `[cmin, cmax]` of English positions. Made monotone and
    /// connected, with both corners inside.
    pub fn around(n: usize, m: usize, centre: &[(usize, usize)], width: usize) -> Band {
        debug_assert_eq!(centre.len(), n + 1);
        let mut lo: Vec<usize> = centre.iter().map(|c| c.0.saturating_sub(width)).collect();
        let mut hi: Vec<usize> = centre.iter().map(|c| (c.1 + width).min(m)).collect();
        lo[0] = 0;
        for i in 1..=n {
            lo[i] = lo[i].max(lo[i - 1]);
        }
        hi[n] = m;
        for i in 0..=n {
            hi[i] = hi[i].max(lo[i]);
            if i > 0 {
                hi[i] = hi[i].max(hi[i - 1]);
            }
        }
        for i in 0..n {
            // Row i+1 must be reachable from row i (a 1-0 or 1-1 step).
            lo[i + 1] = lo[i + 1].min(hi[i]);
        }
        let mut offset = Vec::with_capacity(n + 1);
        let mut size = 0;
        for i in 0..=n {
            offset.push(size);
            size += hi[i] - lo[i] + 1;
        }
        Band {
            n,
            m,
            lo,
            hi,
            offset,
            size,
        }
    }

    /// The whole lattice.
    pub fn full(n: usize, m: usize) -> Band {
        Band::around(n, m, &vec![(0, m); n + 1], 0)
    }

    /// Flat index of node `(i, j)`, if it is in the band.
    #[inline]
    pub fn index(&self, i: usize, j: usize) -> Option<usize> {
        if i > self.n || j < self.lo[i] || j > self.hi[i] {
            None
        } else {
            Some(self.offset[i] + j - self.lo[i])
        }
    }

    /// Whether the band is the whole lattice.
    pub fn is_full(&self) -> bool {
        self.lo.iter().all(|&l| l == 0) && self.hi.iter().all(|&h| h == self.m)
    }
}

/// Anchor overlap of every sentence pair `(i, j)` that a bead inside the
/// band can contain.
#[derive(Debug, Clone)]
pub(crate) struct PairBand {
    lo: Vec<usize>,
    hi: Vec<usize>,
    offset: Vec<usize>,
    values: Vec<Overlap>,
}

impl PairBand {
    /// Computes the overlaps for `band` (beads of at most `max_run`
    /// sentences a side). Through an index of the English keys, so the work
    /// per French sentence is its keys' hits, not a merge with every English
    /// sentence in reach.
    pub fn new(band: &Band, fr: &[Features], en: &[Features], max_run: usize) -> PairBand {
        let (n, m) = (band.n, band.m);
        // Key → (English sentence, weight, repeated from the previous one),
        // in sentence order.
        let mut postings: HashMap<u64, Vec<(u32, f32, bool)>> = HashMap::new();
        for (j, e) in en.iter().enumerate() {
            for (k, &(key, w)) in e.keys.iter().enumerate() {
                let repeat = e.repeat.get(k).copied().unwrap_or(false);
                postings.entry(key).or_default().push((j as u32, w, repeat));
            }
        }
        let mut lo = Vec::with_capacity(n);
        let mut hi = Vec::with_capacity(n);
        let mut offset = Vec::with_capacity(n);
        let mut values = Vec::new();
        for (i, f) in fr.iter().enumerate() {
            // A bead containing French sentence i starts at row >= i+1-max_run
            // and ends at row <= i+max_run.
            let l = band.lo[(i + 1).saturating_sub(max_run)];
            let h = band.hi[(i + max_run).min(n)].min(m).max(l);
            lo.push(l);
            hi.push(h);
            let base = values.len();
            offset.push(base);
            values.resize(base + (h - l), Overlap::default());
            for (k, &(key, w)) in f.keys.iter().enumerate() {
                let Some(list) = postings.get(&key) else {
                    continue;
                };
                let repeat_fr = f.repeat.get(k).copied().unwrap_or(false);
                let first = list.partition_point(|p| (p.0 as usize) < l);
                for &(j, we, repeat_en) in list[first..].iter().take_while(|p| (p.0 as usize) < h) {
                    let o = &mut values[base + j as usize - l];
                    let w = w.min(we);
                    o.all += w;
                    if !repeat_fr {
                        o.new_fr += w;
                    }
                    if !repeat_en {
                        o.new_en += w;
                    }
                }
            }
        }
        PairBand {
            lo,
            hi,
            offset,
            values,
        }
    }

    /// Overlap of French sentence `i` and English sentence `j` (0 outside).
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> Overlap {
        if i >= self.lo.len() || j < self.lo[i] || j >= self.hi[i] {
            Overlap::default()
        } else {
            self.values[self.offset[i] + j - self.lo[i]]
        }
    }

    /// Mean overlap over all stored pairs (a baseline for "unrelated").
    pub fn mean(&self) -> f64 {
        if self.values.is_empty() {
            0.0
        } else {
            self.values.iter().map(|v| f64::from(v.all)).sum::<f64>() / self.values.len() as f64
        }
    }
}
