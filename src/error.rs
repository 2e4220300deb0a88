//! One typed error for the library; every variant names the file it concerns.

use std::path::PathBuf;

/// Everything that can go wrong in the library. Each variant carries the file
/// (and, where there is one, the line) so a message can be acted upon.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read or written.
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        /// The operating system's error (in the message, not repeated as a
        /// separate cause).
        error: std::io::Error,
    },
    /// The bytes are not text in any encoding tralign reads.
    #[error("{path}: {reason}")]
    Decode { path: PathBuf, reason: String },
    /// A line of an input file is malformed (glossary row, bead line, …).
    #[error("{path}:{line}: {reason}")]
    Parse {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// A sentence-encoder file (`--encoder`) is missing a part, truncated or
    /// not the expected model.
    #[error("{path}: {reason}")]
    Model { path: PathBuf, reason: String },
    /// The request cannot be carried out as asked (e.g. output path equals an input).
    #[error("{0}")]
    Usage(String),
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }

    /// A malformed line `line` (1-based) of `path`.
    pub fn parse(path: impl Into<PathBuf>, line: usize, reason: impl Into<String>) -> Self {
        Error::Parse {
            path: path.into(),
            line,
            reason: reason.into(),
        }
    }
}
