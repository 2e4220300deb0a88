//! The network: piece ids → a 512-dimension unit vector (a deep averaging
//! network over convolutional n-gram features).
//!
//! Per token: its embedding row (stored as 6-bit codes in 17 interleaved
//! chunks, each with its own scale and offset), projected to three branches
//! and layer-normalised; each branch is two residual convolutions over a
//! window of 2, 3 or 5 tokens (zeros beyond the sentence). The embedding
//! and the three branches, layer-normalised together, are summed over the
//! sentence, projected, divided by √tokens, and go through a small
//! feed-forward net (two layers with skip projections) and `tanh`; the
//! result is scaled to unit length.
//!
//! Sentences are encoded in micro-batches whose tokens form one matrix, so
//! that each weight matrix is read once per batch; a sentence never sees its
//! neighbours' tokens (its convolution windows stop at its own ends).

use std::collections::HashMap;
use std::path::Path;

use ndarray::{s, Array1, Array2, ArrayView2, Axis};
use rayon::prelude::*;

use super::files::{bad, Array};
use crate::error::{Error, Result};

/// The convolution branches: (window width, tokens of left context).
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
/// Zero rows between sentences in a branch's second-convolution input: as
/// many as its window reaches beyond a token on either side.
const fn gap(n: usize, left: usize) -> usize {
    if left > n - 1 - left {
        left
    } else {
        n - 1 - left
    }
}
/// Tokens per micro-batch (a longer sentence is a batch of its own).
const TOKEN_BUDGET: usize = 512;
/// Sentences encoded together (in parallel, group by group); the pieces
/// only one group has go through the per-piece layers with the group.
const GROUP: usize = 512;
/// The most widespread pieces (in two groups at least), at most this many,
/// go through the per-piece layers once for all groups: 3,840 numbers
/// each (15 KB), so at most 125 MB.
const SHARED_PIECES: usize = 8192;
/// Pieces put through the per-piece layers together (a fixed split, so
/// that the numbers never depend on the number of threads).
const PIECE_BLOCK: usize = 1024;

/// The weights, checked for consistent shapes.
#[derive(Debug)]
pub(crate) struct Network {
    /// Embedding codes: chunk `id % K` holds row `id / K`.
    chunks: Vec<Vec<u8>>,
    rows: usize,
    scale: Vec<f32>,
    lo: Vec<f32>,
    /// Embedding width.
    emb: usize,
    /// Width of one convolution branch.
    cnn: usize,
    proj: Array2<f32>,
    proj_b: Array1<f32>,
    ln_g_all: Array1<f32>,
    ln_b_all: Array1<f32>,
    /// A branch's first convolution, one column block per window slot:
    /// `cnn` × (`n` · `cnn`).
    w1_slots: Vec<Array2<f32>>,
    b1: Vec<Array1<f32>>,
    w2: Vec<Array2<f32>>,
    b2: Vec<Array1<f32>>,
    ln_g: Array1<f32>,
    ln_b: Array1<f32>,
    cnn_w: Array2<f32>,
    cnn_b: Array1<f32>,
    d0: Array2<f32>,
    d1: Array2<f32>,
    p1: Array2<f32>,
    d2: Array2<f32>,
    p3: Array2<f32>,
    d3: Array2<f32>,
    eps: f32,
}

/// Takes the arrays of the weights file and checks their shapes.
struct Take<'a> {
    arrays: HashMap<String, Array>,
    path: &'a Path,
}

impl Take<'_> {
    fn missing(&self, name: &str) -> Error {
        bad(self.path, format!("weights.npz: array {name} is missing"))
    }

    fn shape_error(&self, name: &str, got: &[usize], want: &str) -> Error {
        bad(
            self.path,
            format!("weights.npz: array {name} has shape {got:?}, expected {want}"),
        )
    }

    fn floats(&mut self, name: &str) -> Result<(Vec<usize>, Vec<f32>)> {
        match self.arrays.remove(name) {
            Some(Array::F32 { shape, data }) => Ok((shape, data)),
            Some(Array::F64 { shape, data }) => {
                Ok((shape, data.iter().map(|&x| x as f32).collect()))
            }
            Some(_) => Err(bad(
                self.path,
                format!("weights.npz: array {name} is not float"),
            )),
            None => Err(self.missing(name)),
        }
    }

    /// A matrix of `rows` × `cols` (`None`: any).
    fn matrix(
        &mut self,
        name: &str,
        rows: Option<usize>,
        cols: Option<usize>,
    ) -> Result<Array2<f32>> {
        let (shape, data) = self.floats(name)?;
        let ok = shape.len() == 2
            && rows.is_none_or(|r| r == shape[0])
            && cols.is_none_or(|c| c == shape[1])
            && shape[0] > 0
            && shape[1] > 0;
        if !ok {
            let dim = |d: Option<usize>| d.map_or("any".to_string(), |d| d.to_string());
            return Err(self.shape_error(name, &shape, &format!("[{}, {}]", dim(rows), dim(cols))));
        }
        Ok(Array2::from_shape_vec((shape[0], shape[1]), data).expect("shape checked"))
    }

    /// A vector of `len` numbers.
    fn vector(&mut self, name: &str, len: usize) -> Result<Array1<f32>> {
        let (shape, data) = self.floats(name)?;
        if shape != [len] {
            return Err(self.shape_error(name, &shape, &format!("[{len}]")));
        }
        Ok(Array1::from(data))
    }
}

impl Network {
    /// Builds the network from the arrays of `weights.npz` (`path` names
    /// the file in messages).
    pub fn from_arrays(arrays: HashMap<String, Array>, path: &Path) -> Result<Network> {
        let mut t = Take { arrays, path };
        // Embedding chunks q1, q2, … (as many as there are).
        let mut chunks = Vec::new();
        let (mut rows, mut emb) = (0, 0);
        while let Some(a) = t.arrays.remove(&format!("q{}", chunks.len() + 1)) {
            let name = format!("q{}", chunks.len() + 1);
            let Array::U8 { shape, data } = a else {
                return Err(bad(path, format!("weights.npz: array {name} is not bytes")));
            };
            if shape.len() != 2 || (!chunks.is_empty() && (shape[0], shape[1]) != (rows, emb)) {
                return Err(t.shape_error(&name, &shape, "the same [rows, width] as q1"));
            }
            (rows, emb) = (shape[0], shape[1]);
            chunks.push(data);
        }
        if chunks.is_empty() {
            return Err(t.missing("q1"));
        }
        let k = chunks.len();
        let scale = t.vector("scale", k)?.to_vec();
        let lo = t.vector("lo", k)?.to_vec();
        let mut projs = Vec::new();
        let mut cnn = None;
        for (n, _) in ORDERS {
            let p = t.matrix(&format!("proj{n}"), Some(emb), cnn)?;
            cnn = Some(p.ncols());
            projs.push(p);
        }
        let cnn = cnn.expect("three branches");
        let cat = |t: &mut Take, prefix: &str| -> Result<Array1<f32>> {
            let mut v = Vec::new();
            for (n, _) in ORDERS {
                v.extend(t.vector(&format!("{prefix}{n}"), cnn)?);
            }
            Ok(Array1::from(v))
        };
        let proj_b = cat(&mut t, "proj_b")?;
        let ln_g_all = cat(&mut t, "ln_g")?;
        let ln_b_all = cat(&mut t, "ln_b")?;
        let mut proj = Array2::zeros((emb, 3 * cnn));
        for (i, p) in projs.iter().enumerate() {
            proj.slice_mut(s![.., i * cnn..(i + 1) * cnn]).assign(p);
        }
        let (mut w1_slots, mut b1, mut w2, mut b2) = (vec![], vec![], vec![], vec![]);
        for (n, _) in ORDERS {
            let w1 = t.matrix(&format!("w1_{n}"), Some(n * cnn), Some(cnn))?;
            let mut slots = Array2::zeros((cnn, n * cnn));
            for k in 0..n {
                slots
                    .slice_mut(s![.., k * cnn..(k + 1) * cnn])
                    .assign(&w1.slice(s![k * cnn..(k + 1) * cnn, ..]));
            }
            w1_slots.push(slots);
            b1.push(t.vector(&format!("b1_{n}"), cnn)?);
            w2.push(t.matrix(&format!("w2_{n}"), Some(n * cnn), Some(cnn))?);
            b2.push(t.vector(&format!("b2_{n}"), cnn)?);
        }
        let feat = emb + 3 * cnn;
        let ln_g = t.vector("ln_g", feat)?;
        let ln_b = t.vector("ln_b", feat)?;
        let cnn_w = t.matrix("cnn_W", Some(feat), None)?;
        let out = cnn_w.ncols();
        let cnn_b = t.vector("cnn_b", out)?;
        let d0 = t.matrix("d0", Some(out), None)?;
        let hidden = d0.ncols();
        let d1 = t.matrix("d1", Some(hidden), Some(hidden))?;
        let p1 = t.matrix("p1", Some(out), Some(hidden))?;
        let d2 = t.matrix("d2", Some(hidden), None)?;
        let dim = d2.ncols();
        let p3 = t.matrix("p3", Some(hidden), Some(dim))?;
        let d3 = t.matrix("d3", Some(dim), Some(dim))?;
        let (shape, eps) = t.floats("eps")?;
        if eps.len() != 1 {
            return Err(t.shape_error("eps", &shape, "[]"));
        }
        Ok(Network {
            chunks,
            rows,
            scale,
            lo,
            emb,
            cnn,
            proj,
            proj_b,
            ln_g_all,
            ln_b_all,
            w1_slots,
            b1,
            w2,
            b2,
            ln_g,
            ln_b,
            cnn_w,
            cnn_b,
            d0,
            d1,
            p1,
            d2,
            p3,
            d3,
            eps: eps[0],
        })
    }

    /// How many piece ids the embedding table covers.
    pub fn vocab_rows(&self) -> usize {
        self.rows * self.chunks.len()
    }

    /// Width of the output vectors.
    pub fn dim(&self) -> usize {
        self.d3.ncols()
    }

    /// Encodes sentences given as piece ids (each below
    /// [`Network::vocab_rows`], at least one per sentence) into `out`
    /// (row-major, `dim` numbers a sentence), on the current rayon pool if
    /// `parallel`; the same numbers either way. The pieces of several
    /// groups of [`GROUP`] sentences go through the per-piece layers first
    /// ([`Network::shared_pieces`]); then each group, its other pieces
    /// through the same layers, goes by micro-batches of about
    /// [`TOKEN_BUDGET`] tokens through the rest.
    pub fn encode(&self, sentences: &[Vec<u32>], out: &mut [f32], parallel: bool) {
        let dim = self.dim();
        assert_eq!(out.len(), sentences.len() * dim);
        let shared = self.shared_pieces(sentences, parallel);
        let group = |(sentences, out): (&[Vec<u32>], &mut [f32])| {
            let table = self.group_table(&shared, sentences);
            let mut scratch = Scratch::default();
            let mut first = 0;
            let mut tokens = 0;
            for (i, ids) in sentences.iter().enumerate() {
                if i > first && tokens + ids.len() > TOKEN_BUDGET {
                    self.batch(
                        &table,
                        &sentences[first..i],
                        &mut scratch,
                        &mut out[first * dim..i * dim],
                    );
                    (first, tokens) = (i, 0);
                }
                tokens += ids.len();
            }
            if first < sentences.len() {
                self.batch(
                    &table,
                    &sentences[first..],
                    &mut scratch,
                    &mut out[first * dim..],
                );
            }
        };
        if parallel {
            sentences
                .par_chunks(GROUP)
                .zip(out.par_chunks_mut(GROUP * dim))
                .for_each(group);
        } else {
            sentences
                .chunks(GROUP)
                .zip(out.chunks_mut(GROUP * dim))
                .for_each(group);
        }
    }

    /// The embedding row of piece `id`, decoded into `row`.
    fn embedding(&self, id: u32, row: &mut [f32]) {
        let k = self.chunks.len();
        let (chunk, r) = (id as usize % k, id as usize / k);
        let codes = &self.chunks[chunk][r * self.emb..(r + 1) * self.emb];
        let (scale, lo) = (self.scale[chunk], self.lo[chunk]);
        for (x, &q) in row.iter_mut().zip(codes) {
            *x = f32::from(q) * scale + lo;
        }
    }

    /// The per-piece layers for `ids`, in blocks of [`PIECE_BLOCK`]
    /// (on the current rayon pool if `parallel`).
    fn piece_rows(&self, ids: &[u32], parallel: bool) -> Vec<PieceRows> {
        let block = |ids: &[u32]| {
            let mut emb = Array2::<f32>::zeros((ids.len(), self.emb));
            for (&id, mut r) in ids.iter().zip(emb.axis_iter_mut(Axis(0))) {
                self.embedding(id, r.as_slice_mut().expect("standard layout"));
            }
            let mut x = matmul(emb.view(), self.proj.view());
            x += &self.proj_b;
            layer_norm(&mut x.view_mut(), &self.ln_g_all, &self.ln_b_all, self.eps);
            let cnn = self.cnn;
            let slots = self
                .w1_slots
                .iter()
                .enumerate()
                .map(|(b, w)| {
                    matmul(x.slice(s![.., b * cnn..(b + 1) * cnn]), w.view())
                        .into_raw_vec_and_offset()
                        .0
                })
                .collect();
            PieceRows {
                emb: emb.into_raw_vec_and_offset().0,
                x: x.into_raw_vec_and_offset().0,
                slots,
            }
        };
        if parallel {
            ids.par_chunks(PIECE_BLOCK).map(block).collect()
        } else {
            ids.chunks(PIECE_BLOCK).map(block).collect()
        }
    }

    /// The pieces found in most groups of `sentences` (at least two),
    /// [`SHARED_PIECES`] at most, through the per-piece layers.
    fn shared_pieces(&self, sentences: &[Vec<u32>], parallel: bool) -> SharedPieces {
        // Per piece id: how many groups have it, and the last group seen.
        let mut groups = vec![0u32; self.vocab_rows()];
        let mut last = vec![0u32; self.vocab_rows()];
        for (g, sentences) in sentences.chunks(GROUP).enumerate() {
            for &id in sentences.iter().flatten() {
                if last[id as usize] != g as u32 + 1 {
                    last[id as usize] = g as u32 + 1;
                    groups[id as usize] += 1;
                }
            }
        }
        let mut ids: Vec<u32> = (0..groups.len() as u32)
            .filter(|&id| groups[id as usize] >= 2)
            .collect();
        ids.sort_by_key(|&id| std::cmp::Reverse(groups[id as usize]));
        ids.truncate(SHARED_PIECES);
        ids.sort_unstable();
        let mut row = vec![ABSENT; self.vocab_rows()];
        for (r, &id) in ids.iter().enumerate() {
            row[id as usize] = r as u32;
        }
        SharedPieces {
            row,
            len: ids.len(),
            blocks: self.piece_rows(&ids, parallel),
        }
    }

    /// The table of one group: the shared pieces, and the group's others
    /// through the per-piece layers.
    fn group_table<'a>(&self, shared: &'a SharedPieces, sentences: &[Vec<u32>]) -> GroupTable<'a> {
        let mut row = shared.row.clone();
        let mut ids = Vec::new();
        for &id in sentences.iter().flatten() {
            if row[id as usize] == ABSENT {
                row[id as usize] = (shared.len + ids.len()) as u32;
                ids.push(id);
            }
        }
        GroupTable {
            shared,
            row,
            local: self.piece_rows(&ids, false),
        }
    }

    /// One micro-batch: all its tokens in one matrix (`scratch` holds
    /// the buffers from one micro-batch to the next).
    fn batch(
        &self,
        table: &GroupTable,
        sentences: &[Vec<u32>],
        scratch: &mut Scratch,
        out: &mut [f32],
    ) {
        let total: usize = sentences.iter().map(Vec::len).sum();
        let (emb, cnn) = (self.emb, self.cnn);
        let width = emb + 3 * cnn;
        // Token → (start, end) of its sentence in the batch, its sentence's
        // index, and its row in the table.
        let mut bounds = Vec::with_capacity(total);
        let mut sentence_of = Vec::with_capacity(total);
        let mut rows = Vec::with_capacity(total);
        // Every number of `feats` is written below before it is read.
        scratch.feats.resize(total * width, 0.0);
        let mut feats =
            ndarray::ArrayViewMut2::from_shape((total, width), &mut scratch.feats[..total * width])
                .expect("total × width numbers");
        let mut t = 0;
        for (i, ids) in sentences.iter().enumerate() {
            let (start, end) = (t, t + ids.len());
            for &id in ids {
                let row = table.row[id as usize] as usize;
                let mut f = feats.row_mut(t);
                f.as_slice_mut().expect("standard layout")[..emb]
                    .copy_from_slice(table.emb(row, emb));
                bounds.push((start, end));
                sentence_of.push(i);
                rows.push(row);
                t += 1;
            }
        }
        for (b, &(n, left)) in ORDERS.iter().enumerate() {
            // The first convolution's output goes into `h` with `g` zero
            // rows before each sentence and after the last: the window of
            // token `t` is then the `n` consecutive rows from
            // `padded(t) − left`, and the second convolution one product
            // over overlapping rows of `h`.
            let g = gap(n, left);
            let padded = |t: usize| t + g * (sentence_of[t] + 1);
            let height = total + g * (sentences.len() + 1);
            let h = &mut scratch.h;
            h.clear();
            h.resize(height * cnn, 0.0);
            // The first convolution, from the pieces' own products with
            // each window slot's weights.
            let b1 = self.b1[b].as_slice().expect("standard layout");
            for t in 0..total {
                let out = &mut h[padded(t) * cnn..(padded(t) + 1) * cnn];
                out.copy_from_slice(b1);
                let (start, end) = bounds[t];
                for slot in 0..n {
                    let Some(src) = (t + slot).checked_sub(left) else {
                        continue;
                    };
                    if src < start || src >= end {
                        continue;
                    }
                    let p = table.slots(b, rows[src], n * cnn);
                    let p = &p[slot * cnn..(slot + 1) * cnn];
                    for (o, &v) in out.iter_mut().zip(p) {
                        *o += v;
                    }
                }
                let x = table.x(rows[t], 3 * cnn);
                let x = &x[b * cnn..(b + 1) * cnn];
                for (o, &v) in out.iter_mut().zip(x) {
                    *o = o.max(0.0) + v;
                }
            }
            // Row `r` of `c`: the window of `n` rows of `h` from row `r`.
            let c = matmul_windows(h, cnn, n, self.w2[b].view());
            let b2 = self.b2[b].as_slice().expect("standard layout");
            let off = emb + b * cnn;
            for t in 0..total {
                let row = padded(t) - left;
                let c = &c[row * cnn..(row + 1) * cnn];
                let h = &h[padded(t) * cnn..(padded(t) + 1) * cnn];
                let mut f = feats.row_mut(t);
                let f = &mut f.as_slice_mut().expect("standard layout")[off..off + cnn];
                for (((f, &c), &bias), &h) in f.iter_mut().zip(c).zip(b2).zip(h) {
                    *f = (c + bias).max(0.0) + h;
                }
            }
        }
        layer_norm(&mut feats, &self.ln_g, &self.ln_b, self.eps);
        // The token sum commutes with the (linear) projection: sum first.
        let mut sums = Array2::<f32>::zeros((sentences.len(), feats.ncols()));
        let mut t = 0;
        let mut lens = Vec::with_capacity(sentences.len());
        for (i, ids) in sentences.iter().enumerate() {
            let mut row = sums.row_mut(i);
            for r in t..t + ids.len() {
                row += &feats.row(r);
            }
            t += ids.len();
            lens.push(ids.len() as f32);
        }
        let mut mean = matmul(sums.view(), self.cnn_w.view());
        for (mut row, &len) in mean.axis_iter_mut(Axis(0)).zip(&lens) {
            row.scaled_add(len, &self.cnn_b);
            row /= len.sqrt();
        }
        let relu = |mut a: Array2<f32>| {
            a.mapv_inplace(|v| v.max(0.0));
            a
        };
        let y0 = relu(matmul(mean.view(), self.d0.view()));
        let y1 = relu(matmul(mean.view(), self.p1.view()) + matmul(y0.view(), self.d1.view()));
        let y2 = relu(matmul(y1.view(), self.d2.view()));
        let mut z = matmul(y1.view(), self.p3.view()) + matmul(y2.view(), self.d3.view());
        z.mapv_inplace(f32::tanh);
        let dim = self.dim();
        for (i, row) in z.axis_iter(Axis(0)).enumerate() {
            let norm = row.dot(&row).max(self.eps).sqrt();
            for (o, &v) in out[i * dim..(i + 1) * dim].iter_mut().zip(row) {
                *o = v / norm;
            }
        }
    }
}

/// Buffers kept from one micro-batch to the next.
#[derive(Default)]
struct Scratch {
    /// Each token's features (embedding and three branches).
    feats: Vec<f32>,
    /// One branch's second-convolution input.
    h: Vec<f32>,
}

/// What the layers before the first convolution's sum make of a block of
/// at most [`PIECE_BLOCK`] pieces (they see one piece at a time): one row a
/// piece, row-major.
struct PieceRows {
    /// The embedding rows, decoded.
    emb: Vec<f32>,
    /// The projection to the three branches, layer-normalised.
    x: Vec<f32>,
    /// Per branch: the piece's branch input times each window slot's
    /// weights of the first convolution, slot after slot.
    slots: Vec<Vec<f32>>,
}

/// The pieces that all groups share.
struct SharedPieces {
    /// Piece id → its row, or [`ABSENT`].
    row: Vec<u32>,
    /// How many.
    len: usize,
    blocks: Vec<PieceRows>,
}

/// Not a piece of the table.
const ABSENT: u32 = u32::MAX;

/// The pieces of one group: the shared ones, then the group's own.
struct GroupTable<'a> {
    shared: &'a SharedPieces,
    /// Piece id → its row (below `shared.len`: a shared piece; else the
    /// group's own, from `shared.len` on).
    row: Vec<u32>,
    local: Vec<PieceRows>,
}

impl GroupTable<'_> {
    /// Where row `r` is: its block and its row there.
    fn at(&self, r: usize) -> (&PieceRows, usize) {
        let (blocks, r) = match r.checked_sub(self.shared.len) {
            None => (&self.shared.blocks, r),
            Some(r) => (&self.local, r),
        };
        (&blocks[r / PIECE_BLOCK], r % PIECE_BLOCK)
    }

    fn emb(&self, r: usize, width: usize) -> &[f32] {
        let (p, r) = self.at(r);
        &p.emb[r * width..(r + 1) * width]
    }

    fn x(&self, r: usize, width: usize) -> &[f32] {
        let (p, r) = self.at(r);
        &p.x[r * width..(r + 1) * width]
    }

    fn slots(&self, b: usize, r: usize, width: usize) -> &[f32] {
        let (p, r) = self.at(r);
        &p.slots[b][r * width..(r + 1) * width]
    }
}

/// The matrix product `a · b` (see [`gemm_rows`]).
fn matmul(a: ArrayView2<f32>, b: ArrayView2<f32>) -> Array2<f32> {
    let (m, k, n) = (a.nrows(), a.ncols(), b.ncols());
    assert_eq!(k, b.nrows());
    let [a_rs, a_cs] = [a.strides()[0], a.strides()[1]];
    // SAFETY: the pointer and strides describe `a` (m × k) exactly.
    let c = unsafe { gemm_rows(m, k, a.as_ptr(), a_rs, a_cs, b) };
    Array2::from_shape_vec((m, n), c).expect("m × n numbers")
}

/// The products of the windows of `n` consecutive rows of `h` (row-major,
/// `width` numbers a row; windows overlap) with `w` (`n · width` rows):
/// one output row per window start, row-major, `w.ncols()` numbers a row.
fn matmul_windows(h: &[f32], width: usize, n: usize, w: ArrayView2<f32>) -> Vec<f32> {
    let k = n * width;
    assert_eq!(k, w.nrows());
    assert_eq!(h.len() % width, 0);
    let m = (h.len() / width + 1).saturating_sub(n);
    // SAFETY: window `r` reads `h[r · width .. r · width + k]`, inside `h`
    // for every `r < m`.
    unsafe { gemm_rows(m, k, h.as_ptr(), width as isize, 1, w) }
}

/// `a · b` as an `m × b.ncols()` row-major vector, by the `gemm` crate on
/// the calling thread (AVX-512 where the processor has it, else AVX2/FMA,
/// chosen at run time); `a` is `m × k`, given by a pointer and its row and
/// column strides (so overlapping windows of one buffer can be rows).
///
/// # Safety
/// `a` with `a_rs` and `a_cs` must address `m × k` readable numbers.
unsafe fn gemm_rows(
    m: usize,
    k: usize,
    a: *const f32,
    a_rs: isize,
    a_cs: isize,
    b: ArrayView2<f32>,
) -> Vec<f32> {
    let n = b.ncols();
    assert_eq!(k, b.nrows());
    let mut c = Vec::with_capacity(m * n);
    if m == 0 || n == 0 {
        c.resize(m * n, 0.0);
        return c;
    }
    let [b_rs, b_cs] = [b.strides()[0], b.strides()[1]];
    // SAFETY: `a` is as the caller promises, `b` is described by its own
    // strides, `c` (room for m × n, row-major) is owned and overlaps
    // neither.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.spare_capacity_mut().as_mut_ptr().cast::<f32>(),
            1,
            n as isize,
            false,
            a,
            a_cs,
            a_rs,
            b.as_ptr(),
            b_cs,
            b_rs,
            0.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
        // SAFETY: with `read_dst` false, `gemm` has written all m × n
        // numbers of `c` without reading them.
        c.set_len(m * n);
    }
    c
}

/// Normalises each row to mean 0 and variance 1, then scales and shifts.
fn layer_norm(
    x: &mut ndarray::ArrayViewMut2<f32>,
    gamma: &Array1<f32>,
    beta: &Array1<f32>,
    eps: f32,
) {
    let n = x.ncols() as f32;
    for mut row in x.axis_iter_mut(Axis(0)) {
        let mean = row.sum() / n;
        row -= mean;
        let var = row.dot(&row) / n;
        row *= 1.0 / (var + eps).sqrt();
        row *= gamma;
        row += beta;
    }
}
