//! `tralign check`: translation QA on an aligned pair.

use std::path::PathBuf;

use anyhow::Result;

use super::output::write_output;
use super::Inputs;

/// Check a translation: missing glossary terms, differing numbers, names rendered two ways.
///
/// Aligns the two files and reports, bead by bead: a glossary term in the
/// French whose English rendering is missing from the aligned English;
/// numbers that differ (1 200,5 and 1,200.5 are the same number); a French
/// name rendered two different ways in the English. Each finding names the
/// bead and gives both texts. Exits with 1 when there are findings, 0 when
/// there are none.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format: readable text, or one JSON object per finding.
    #[arg(short, long, value_enum, default_value = "text")]
    format: Format,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Output formats of `tralign check`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    /// A block of lines per finding.
    Text,
    /// One JSON object per finding.
    Jsonl,
}

pub fn run(args: Args) -> Result<i32> {
    let (alignment, glossary) = args.inputs.align()?;
    let issues = tralign::check::check(&alignment, &glossary);
    write_output(args.output.as_deref(), &args.inputs.paths(), |w| {
        for i in &issues {
            match args.format {
                Format::Text => {
                    writeln!(w, "bead {}: {}: {}", i.bead, i.kind, i.message)?;
                    writeln!(w, "  fr: {}", i.fr)?;
                    writeln!(w, "  en: {}", i.en)?;
                }
                Format::Jsonl => {
                    serde_json::to_writer(&mut *w, i)?;
                    writeln!(w)?;
                }
            }
        }
        Ok(())
    })?;
    say!("tralign: check: {} finding(s)", issues.len());
    Ok(if issues.is_empty() {
        super::exit::OK
    } else {
        super::exit::FINDINGS
    })
}
