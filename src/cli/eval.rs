//! `tralign eval`: strict and lax precision/recall/F1 of bead files.

use std::path::PathBuf;

use anyhow::Result;

/// Score an alignment against a gold standard (bead files, `[0, 1]:[0]` a line).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold bead file.
    gold: PathBuf,
    /// Bead file to score.
    test: PathBuf,
}

pub fn run(args: Args) -> Result<i32> {
    let _ = args;
    anyhow::bail!("eval: not implemented yet")
}
