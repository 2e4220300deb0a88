//! `tralign align`: decode → structure → segment → align → export.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use std::sync::Arc;

use tralign::align::{Dictionary, Params};
use tralign::export::{self, Format};
use tralign::segment::Lang;

use super::export_flags::{check_min_confidence, output_format, CsvFlags, MemoryFlags};
use super::output::write_output;
use super::read_flags::ReadFlags;

/// Align a French report with its English version, sentence by sentence.
///
/// TMX creation dates come from the `SOURCE_DATE_EPOCH` environment variable
/// (seconds since 1970) when it is set, for reproducible output, else from
/// the clock.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The French file: text, Markdown, HTML, DOCX, ODT or PDF (`-` for
    /// standard input).
    fr: PathBuf,
    /// The English file.
    en: PathBuf,
    #[arg(short, long = "glossary", value_name = "GLOSSARY", help = super::GLOSSARY_HELP)]
    glossaries: Vec<PathBuf>,
    /// A French–English word list (`french<TAB>english` or `french,english`
    /// a line) whose pairs are anchors on top of the shipped one; may be
    /// given several times.
    #[arg(long = "lexicon", value_name = "FILE")]
    lexicons: Vec<PathBuf>,
    /// Output format [default: csv, or the one the output's extension names:
    /// `-o memory.tmx` writes TMX].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
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
    /// No progress bar and no closing summary on standard error (warnings
    /// and errors are still shown).
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    read: ReadFlags,
    #[command(flatten)]
    encoder: super::EncoderFlag,
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(args.format, args.output.as_deref(), Format::Csv, &[])?;
    check_min_confidence(&args.memory, format)?;
    let opts = args.memory.options(Some(&args.csv), &args.fr, &args.en)?;
    super::refuse_stdin_twice(&args.fr, &args.en)?;
    let start = Instant::now();
    let progress = Progress::new(args.quiet);
    let glossary = super::load_glossaries(&args.glossaries)?;
    let params = args.encoder.params()?;
    progress.stage(&format!("reading {}", shown(&args.fr)));
    let fr = args.read.read(&args.fr, Lang::Fr, args.presegmented)?;
    progress.stage(&format!("reading {}", shown(&args.en)));
    let en = args.read.read(&args.en, Lang::En, args.presegmented)?;
    for (side, path) in [(&fr, &args.fr), (&en, &args.en)] {
        if side.sentences.is_empty() {
            say!(
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
        say!("tralign: warning: {warning}");
    }
    progress.stage(&format!(
        "aligning {} French and {} English sentences{}",
        fr.sentences.len(),
        en.sentences.len(),
        if format.shows_names() {
            ", pairing names"
        } else {
            ""
        }
    ));
    let params = with_lexicons(params, &args.lexicons)?;
    let alignment = super::align_for(fr, en, &glossary, &params, format);
    progress.stage("writing");
    let mut inputs = vec![args.fr.as_path(), args.en.as_path()];
    inputs.extend(args.glossaries.iter().map(PathBuf::as_path));
    inputs.extend(args.encoder.path());
    let written = write_output(args.output.as_deref(), &inputs, |w| {
        export::write_with(&alignment, format, &opts, w)?;
        Ok(())
    });
    progress.done();
    super::warn_if_not_translation(&alignment);
    written?;
    if !args.quiet {
        say!("tralign: {}", summary(&alignment, start.elapsed()));
    }
    Ok(super::exit::OK)
}

/// The stages of one alignment as a progress bar on standard error, drawn
/// only when standard error is a terminal (as `batch`'s), and not with
/// `--quiet`.
struct Progress(ProgressBar);

impl Progress {
    fn new(quiet: bool) -> Progress {
        // Reading each side, aligning (and pairing names), writing.
        let stages = 4;
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(Some(stages), ProgressDrawTarget::stderr())
        };
        bar.set_style(
            ProgressStyle::with_template("{bar:20} {pos}/{len} {msg} [{elapsed}]")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress(bar)
    }

    /// Starts the next stage.
    fn stage(&self, what: &str) {
        if self.0.position() > 0 || !self.0.message().is_empty() {
            self.0.inc(1);
        }
        self.0.set_message(what.to_string());
    }

    /// Removes the bar.
    fn done(&self) {
        self.0.finish_and_clear();
    }
}

/// The closing line: beads by type, flagged beads, mean confidence, time.
fn summary(alignment: &tralign::Alignment, time: Duration) -> String {
    let mut by_type: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for b in &alignment.beads {
        *by_type.entry((b.fr.len(), b.en.len())).or_default() += 1;
    }
    // Most frequent first (ties by shape).
    let mut types: Vec<((usize, usize), usize)> = by_type.into_iter().collect();
    types.sort_by_key(|(shape, n)| (std::cmp::Reverse(*n), *shape));
    let types: Vec<String> = types
        .iter()
        .map(|((f, e), n)| format!("{f}-{e}: {n}"))
        .collect();
    let n = alignment.beads.len();
    let flagged = alignment
        .beads
        .iter()
        .filter(|b| !b.flags.is_empty())
        .count();
    let mean = if n > 0 {
        alignment.beads.iter().map(|b| b.confidence).sum::<f64>() / n as f64
    } else {
        0.0
    };
    format!(
        "{n} beads ({}), {flagged} flagged, mean confidence {mean:.3}, {:.2} s",
        if types.is_empty() {
            "none".to_string()
        } else {
            types.join(", ")
        },
        time.as_secs_f64()
    )
}

/// `params` with the users' word lists added to the shipped dictionary.
fn with_lexicons(mut params: Params, paths: &[PathBuf]) -> Result<Params> {
    if !paths.is_empty() {
        let mut user = Dictionary::default();
        for path in paths {
            user.add_file(path)?;
        }
        params.dictionary = Some(Arc::new(Dictionary::merged(
            params.dictionary.as_deref(),
            &user,
        )));
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
