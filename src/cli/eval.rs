//! `tralign eval`: strict and lax precision/recall/F1 of bead files.

use std::path::PathBuf;

use anyhow::{bail, Result};

use tralign::eval;

/// Score alignments against gold standards (bead files, `[0, 1]:[0]` a line).
///
/// Prints the same JSON as the reference scorer, `benches/align_score.py`
/// in tralign's source tree (`python3 benches/align_score.py GOLD TEST`);
/// several GOLD TEST pairs are pooled. Bead files are 0-based, as the
/// field's convention has it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold bead file, then the bead file to score (repeat for more documents).
    #[arg(value_name = "GOLD TEST", required = true, num_args = 2..)]
    files: Vec<PathBuf>,
    /// Also print a readable table (to standard error).
    #[arg(long)]
    table: bool,
}

pub fn run(args: Args) -> Result<i32> {
    if !args.files.len().is_multiple_of(2) {
        bail!("eval takes pairs of files: GOLD TEST [GOLD TEST ...]");
    }
    let mut pairs = Vec::new();
    for pair in args.files.chunks(2) {
        pairs.push((eval::read_beads(&pair[0])?, eval::read_beads(&pair[1])?));
    }
    let s = eval::score(&pairs);
    super::output::write_output(None, &[], |w| {
        writeln!(w, "{}", s.to_json())?;
        Ok(())
    })?;
    if args.table {
        say!("         precision  recall  F1");
        say!(
            "strict   {:9.4}  {:6.4}  {:6.4}",
            s.precision_strict,
            s.recall_strict,
            s.f1_strict
        );
        say!(
            "lax      {:9.4}  {:6.4}  {:6.4}",
            s.precision_lax,
            s.recall_lax,
            s.f1_lax
        );
    }
    Ok(super::exit::OK)
}
