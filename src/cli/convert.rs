//! `tralign convert`: a reviewed CSV file → TMX, TSV, JSON Lines or CSV.

use std::path::PathBuf;

use anyhow::Result;

use tralign::export::{self, CsvWriter, TmxWriter};

use super::export_flags::{output_format, MemoryFlags};
use super::output::write_output;

/// Turn a CSV file of aligned pairs (as `tralign align` wrote it, perhaps
/// edited by a reviewer) into a translation memory or a training file.
///
/// Columns are read by name: `fr` and `en` are required; `bead`, `type`,
/// `confidence`, `fr_ids`, `en_ids` (`3` or a range `3-4`, 1-based),
/// `flags`, `names`, `fr_block`, `en_block`, `status` and `accepted` (a
/// `tralign review` save file) are used when present; other columns (a
/// reviewer's notes) are ignored. A bead marked `checked` carries
/// `<prop type="x-status">checked</prop>` in TMX; CSV keeps tralign's
/// columns and the two review columns. The file may be comma-, semicolon-
/// (a French Excel) or tab-separated (Excel's "Unicode text"), in UTF-8
/// with or without a BOM, UTF-16 or Windows-1252. The `'` tralign puts
/// before cells starting with `=`, `+`, `-` or `@` is removed. Rows with an
/// empty side are left out of TMX and TSV; rows without a confidence pass
/// `--min-confidence`.
///
/// TMX creation dates come from the `SOURCE_DATE_EPOCH` environment variable
/// (seconds since 1970) when it is set, for reproducible output, else from
/// the clock.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file (`-` for standard input).
    input: PathBuf,
    /// Output format [default: tmx, or the one the output's extension names].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    memory: MemoryFlags,
}

/// The formats `convert` writes.
#[derive(Debug, Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// TMX 1.4b.
    Tmx,
    /// `French TAB English` a line.
    Tsv,
    /// One JSON object a row.
    Jsonl,
    /// tralign's CSV columns plus `status` and `accepted`.
    Csv,
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(args.format, args.output.as_deref(), Format::Tmx, &[])?;
    let pairs = export::pair::read_csv(&args.input)?;
    let opts = args
        .memory
        .options(None, std::path::Path::new("-"), std::path::Path::new("-"))?;
    write_output(args.output.as_deref(), &[&args.input], |w| {
        match format {
            Format::Tmx => {
                let mut tmx = TmxWriter::new(w, &opts)?;
                for p in &pairs {
                    tmx.pair(p, "", "")?;
                }
                tmx.finish()?;
            }
            Format::Tsv => {
                for p in &pairs {
                    export::write_tsv_pair(p, &opts, w)?;
                }
            }
            Format::Csv => {
                let mut csv = CsvWriter::reviewed(w, &opts)?;
                for p in &pairs {
                    csv.pair(&[], p)?;
                }
                csv.finish()?;
            }
            Format::Jsonl => {
                for p in pairs.iter().filter(|p| p.passes(opts.min_confidence)) {
                    serde_json::to_writer(&mut *w, p)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    })?;
    Ok(super::exit::OK)
}
