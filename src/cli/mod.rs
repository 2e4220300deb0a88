//! Command-line definitions (clap derive), one file per subcommand, and the
//! exit codes, listed here and in the README.

use clap::{Parser, Subcommand};

mod align;
mod batch;
mod convert;
mod eval;
mod export_flags;
mod output;
mod pipe;
mod segment;

/// Exit codes, one place for all of them (also listed in the README).
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// `batch`: some pairs failed (reported on standard error and skipped);
    /// the others were aligned and written.
    pub const SOME_FAILED: i32 = 1;
    /// Bad input or a failed read/write: the message names the file (and line).
    pub const ERROR: i32 = 2;
    // clap itself exits with 2 on a usage error.
}

/// Align the French and English versions of the same report, sentence by sentence.
///
/// tralign decodes both files (UTF-8, UTF-16, Windows-1252), keeps their
/// headings, paragraphs and list items, splits them into sentences with
/// French and English rules, aligns the sentences (1-1, 2-1, 1-2, 2-2, 1-0,
/// 0-1 …) guided by a glossary, and writes CSV and the formats
/// translation-memory tools read.
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
    Pipe(pipe::Args),
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
