//! `tralign align`: decode → structure → segment → align → export.

use std::path::PathBuf;

use anyhow::Result;

use std::sync::Arc;

use tralign::align::{Dictionary, Params};
use tralign::export::{self, Format};
use tralign::segment::Lang;
use tralign::Segmented;

use super::export_flags::{CsvFlags, MemoryFlags};
use super::output::write_output;

/// Align a French report with its English version, sentence by sentence.
///
/// TMX creation dates come from the `SOURCE_DATE_EPOCH` environment variable
/// (seconds since 1970) when it is set, for reproducible output, else from
/// the clock.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The French file (`-` for standard input).
    fr: PathBuf,
    /// The English file.
    en: PathBuf,
    /// A glossary (CSV/TSV with `fr,en` columns, or OmegaT); may be given
    /// several times, the files are merged.
    #[arg(short, long = "glossary", value_name = "GLOSSARY")]
    glossaries: Vec<PathBuf>,
    /// A French–English word list (`french<TAB>english` or `french,english`
    /// a line) whose pairs are anchors on top of the shipped one; may be
    /// given several times.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "csv")]
    format: Format,
    /// Input is one sentence a line, taken as given (any Latin-script pair).
    #[arg(long)]
    presegmented: bool,
    /// Write here (atomically) instead of standard output (`-` is standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    memory: MemoryFlags,
    #[command(flatten)]
    csv: CsvFlags,
}

pub fn run(args: Args) -> Result<i32> {
    let opts = args.memory.options(Some(&args.csv), &args.fr, &args.en)?;
    let glossary = super::load_glossaries(&args.glossaries)?;
    let fr = Segmented::read(&args.fr, Lang::Fr, args.presegmented)?;
    let en = Segmented::read(&args.en, Lang::En, args.presegmented)?;
    for (side, path) in [(&fr, &args.fr), (&en, &args.en)] {
        if side.sentences.is_empty() {
            eprintln!(
                "tralign: warning: {}: no text (the file is empty or blank); \
                 the other side's sentences are left unpaired",
                shown(path)
            );
        }
    }
    if let Some(warning) = tralign::lang::check_pair(
        &fr.doc.text,
        &en.doc.text,
        &shown(&args.fr),
        &shown(&args.en),
        args.presegmented,
    ) {
        eprintln!("tralign: warning: {warning}");
    }
    let params = params_with_lexicons(&args.lexicons)?;
    let alignment = super::align_for(fr, en, &glossary, &params, args.format);
    super::warn_if_not_translation(&alignment);
    write_output(args.output.as_deref(), &[&args.fr, &args.en], |w| {
        export::write_with(&alignment, args.format, &opts, w)?;
        Ok(())
    })?;
    Ok(super::exit::OK)
}

/// The default parameters, with the users' word lists added to the shipped
/// dictionary.
fn params_with_lexicons(paths: &[PathBuf]) -> Result<Params> {
    let mut params = Params::default();
    if !paths.is_empty() {
        let mut user = Dictionary::default();
        for path in paths {
            user.add_file(path)?;
        }
        params.dictionary = Some(Arc::new(Dictionary::shipped().merged(&user)));
    }
    Ok(params)
}

/// A path as messages show it (`<stdin>` for `-`).
fn shown(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}
