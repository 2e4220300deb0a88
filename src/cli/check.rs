//! `tralign check`: translation QA on an aligned pair.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::export_flags::output_format;
use super::output::write_output;
use super::Inputs;

/// Check a translation: untranslated or added sentences, numbers, units, names, terms.
///
/// Aligns the two files and reports, bead by bead: a French sentence with no
/// English (`untranslated`) and the reverse (`added`); numbers whose values
/// differ (`number_mismatch`: 1 200,5 = 1,200.5, douze = 12, 1,36 milliard =
/// 1,360 million, 15 heures = 3 pm); the same number with another unit or
/// scale (`unit_mismatch`: kilomètres / miles, million / billion); a name
/// replaced by another (`name_mismatch`); a glossary term whose English is
/// missing (`missing_term`); a French name rendered two ways
/// (`inconsistent_name`, on the beads of the rarer rendering). Each finding
/// has a stable id; `--accept FILE` leaves out the ids listed there. Exits
/// with 1 when there are findings, 0 when there are none.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format: readable text, one JSON object per finding, or CSV
    /// [default: text, or the one the output's extension names: `.txt`,
    /// `.jsonl`, `.csv`].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Findings a reviewer accepted: one id a line (`#` lines and blank
    /// lines ignored; anything after the id on a line is a comment); they are
    /// left out. May be given several times.
    #[arg(long, value_name = "FILE")]
    accept: Vec<PathBuf>,
}

/// Output formats of `tralign check`.
#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// A block of lines per finding.
    Text,
    /// One JSON object per finding.
    Jsonl,
    /// A CSV file, one row per finding.
    Csv,
}

/// Reads the accepted ids of a file.
fn accepted(path: &Path) -> Result<HashSet<String>> {
    let (bytes, shown) = tralign::decode::read_bytes(path)?;
    let text = tralign::decode::decode(&bytes, &shown)?.text;
    Ok(text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|id| !id.starts_with('#'))
        .map(str::to_string)
        .collect())
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        &[("txt", Format::Text)],
    )?;
    let mut accept = HashSet::new();
    for path in &args.accept {
        accept.extend(accepted(path)?);
    }
    let (alignment, _glossary) = args.inputs.align()?;
    let total = alignment.findings.len();
    let findings: Vec<_> = alignment
        .findings
        .into_iter()
        .filter(|f| !accept.contains(&f.id))
        .collect();
    let mut inputs = args.inputs.paths();
    inputs.extend(args.accept.iter().map(PathBuf::as_path));
    write_output(args.output.as_deref(), &inputs, |w| {
        match format {
            Format::Text => tralign::findings::write_text(&findings, w)?,
            Format::Jsonl => tralign::findings::write_jsonl(&findings, w)?,
            Format::Csv => tralign::findings::write_csv(&findings, w)?,
        }
        Ok(())
    })?;
    if total > findings.len() {
        say!(
            "tralign: check: {} finding(s), {} accepted",
            findings.len(),
            total - findings.len()
        );
    } else {
        say!("tralign: check: {} finding(s)", findings.len());
    }
    Ok(if findings.is_empty() {
        super::exit::OK
    } else {
        super::exit::FINDINGS
    })
}
