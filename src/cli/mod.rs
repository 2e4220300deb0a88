//! Command-line definitions (clap derive), one file per subcommand, and the
//! exit codes, listed here and in the README.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use tralign::align::Params;
use tralign::glossary::Glossary;
use tralign::segment::Lang;
use tralign::{Alignment, Segmented};

mod align;
mod batch;
mod check;
mod convert;
mod eval;
mod export_flags;
mod glossary;
mod names;
mod output;
mod pipe;
mod segment;

/// Exit codes, one place for all of them (also listed in the README).
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// The command ran and has findings to report (`check`, `glossary lint`).
    pub const FINDINGS: i32 = 1;
    /// `batch`: some pairs failed (reported on standard error and skipped);
    /// the others were aligned and written.
    pub const SOME_FAILED: i32 = 1;
    /// Bad input or a failed read/write: the message names the file (and line).
    pub const ERROR: i32 = 2;
    // clap itself exits with 2 on a usage error.
}

/// Align the French and English versions of the same report, sentence by sentence.
///
/// tralign reads both files (plain text in UTF-8, UTF-16 or Windows-1252,
/// Markdown, HTML, DOCX, ODT, PDF), keeps their headings, paragraphs, list items,
/// table cells and footnotes, splits them into sentences with French and
/// English rules, aligns the sentences (1-1, 2-1, 1-2, 2-2, 1-0, 0-1 …)
/// guided by a glossary, pairs the proper names of each aligned pair, and
/// writes CSV, TMX, TSV, JSON Lines or an HTML review page.
#[derive(Debug, Parser)]
#[command(name = "tralign", version, about, long_about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Segment(segment::Args),
    Align(align::Args),
    Eval(eval::Args),
    Convert(convert::Args),
    Batch(batch::Args),
    Names(names::Args),
    Glossary(glossary::Args),
    Check(check::Args),
    Pipe(pipe::Args),
}

/// The inputs shared by the commands that align a pair: the two files and
/// the glossaries.
#[derive(Debug, clap::Args)]
pub struct Inputs {
    /// The French file (`-` for standard input).
    pub fr: PathBuf,
    /// The English file.
    pub en: PathBuf,
    /// A glossary (CSV/TSV with `fr,en` columns, or OmegaT); may be given
    /// several times, the files are merged.
    #[arg(short, long = "glossary", value_name = "GLOSSARY")]
    pub glossaries: Vec<PathBuf>,
    /// Input is one sentence a line, taken as given.
    #[arg(long)]
    pub presegmented: bool,
}

impl Inputs {
    /// The input paths (an output may be none of them).
    pub fn paths(&self) -> Vec<&Path> {
        let mut v = vec![self.fr.as_path(), self.en.as_path()];
        v.extend(self.glossaries.iter().map(PathBuf::as_path));
        v
    }

    /// Reads the glossaries and both files, and aligns them (names paired).
    pub fn align(&self) -> anyhow::Result<(Alignment, Glossary)> {
        let glossary = load_glossaries(&self.glossaries)?;
        let fr = Segmented::read(&self.fr, Lang::Fr, self.presegmented)?;
        let en = Segmented::read(&self.en, Lang::En, self.presegmented)?;
        let alignment = tralign::align_documents(fr, en, &glossary, &Params::default());
        warn_if_not_translation(&alignment);
        Ok((alignment, glossary))
    }
}

/// Aligns a pair for an output in `format`: with name pairs only when the
/// format shows them.
pub fn align_for(
    fr: Segmented,
    en: Segmented,
    glossary: &Glossary,
    params: &Params,
    format: tralign::export::Format,
) -> Alignment {
    if format.shows_names() {
        tralign::align_documents(fr, en, glossary, params)
    } else {
        tralign::align_sentences(fr, en, glossary, params)
    }
}

/// Warns on standard error when the two documents do not look like
/// translations of each other.
pub fn warn_if_not_translation(alignment: &Alignment) {
    if !alignment.translation {
        eprintln!(
            "tralign: warning: these texts do not look like translations of each other \
             (the beads share only {:.0}% of their names, numbers and cognates); \
             every bead has a low confidence",
            100.0 * alignment.evidence.coverage
        );
    }
}

/// Reads and merges glossary files, warning on standard error about a
/// French term two files render differently.
pub fn load_glossaries(paths: &[PathBuf]) -> anyhow::Result<Glossary> {
    let (glossary, conflicts) = Glossary::read_merged(paths)?;
    for c in conflicts {
        eprintln!("tralign: warning: glossary conflict: {c}");
    }
    Ok(glossary)
}

/// Parses the command line, runs the command, and returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Segment(args) => segment::run(args),
        Command::Align(args) => align::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Names(args) => names::run(args),
        Command::Glossary(args) => glossary::run(args),
        Command::Check(args) => check::run(args),
        Command::Pipe(args) => pipe::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => exit::OK,
        Err(err) => {
            eprintln!("tralign: error: {}", message(&err));
            exit::ERROR
        }
    }
}

/// An error and its causes, joined with `: `, each cause said once (a
/// library error that shows its cause in its own message would otherwise
/// repeat it: `x.txt: Is a directory: Is a directory`).
fn message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.ends_with(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}
