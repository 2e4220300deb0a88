//! `tralign names`: the distinct name pairs of a document pair.

use std::path::PathBuf;

use anyhow::Result;

use tralign::names;

use super::export_flags::output_format;
use super::output::write_output;
use super::Inputs;

/// List the proper-name pairs of a French report and its English version.
///
/// Aligns the two files, spots the names of each bead (glossary names,
/// capitalised runs, acronyms) and pairs them: glossary first, then
/// identical forms, then similar ones (transliterations). Prints one row per
/// distinct pair: fr_name, en_name, count, source (glossary, identical,
/// similar), confidence, first_bead.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// Output format [default: csv, or the one the output's extension names].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Output formats of `tralign names`.
#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON object per pair.
    Jsonl,
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(args.format, args.output.as_deref(), Format::Csv, &[])?;
    let (alignment, _) = args.inputs.align()?;
    let pairs = names::document_names(&alignment.names);
    write_output(args.output.as_deref(), &args.inputs.paths(), |w| {
        match format {
            Format::Csv => {
                let mut out = csv::Writer::from_writer(w);
                out.write_record([
                    "fr_name",
                    "en_name",
                    "count",
                    "source",
                    "confidence",
                    "first_bead",
                ])?;
                for p in &pairs {
                    out.write_record([
                        p.fr.clone(),
                        p.en.clone(),
                        p.count.to_string(),
                        p.source.as_str().to_string(),
                        format!("{:.3}", p.confidence),
                        p.first_bead.to_string(),
                    ])?;
                }
                out.flush()?;
            }
            Format::Jsonl => {
                for p in &pairs {
                    serde_json::to_writer(&mut *w, p)?;
                    writeln!(w)?;
                }
            }
        }
        Ok(())
    })?;
    Ok(super::exit::OK)
}
