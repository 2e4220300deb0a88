//! `tralign glossary suggest|lint|convert|merge`: glossary maintenance.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use tralign::glossary::{self, Format, Glossary};
use tralign::names::{self, DocumentName};
use tralign::segment::Lang;
use tralign::Segmented;

use super::export_flags::output_format;
use super::output::write_output;

/// Maintain glossaries: propose entries from documents, check, convert and merge glossary files.
///
/// Glossaries are read as CSV or TSV (a header naming `fr,en,kind,
/// fr_variants,en_variants,note,status,source`, or plain `fr,en` rows;
/// comma-, semicolon- or tab-separated; UTF-8 with or without BOM, UTF-16,
/// Windows-1252, as spreadsheets save them), OmegaT glossaries
/// (`source TAB target TAB comment`) and TBX (ISO 30042).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Suggest(SuggestArgs),
    Lint(LintArgs),
    Convert(ConvertArgs),
    Merge(MergeArgs),
}

/// Extensions that name a glossary format beyond the format's own word:
/// OmegaT glossaries are `.txt` or `.utf8` files.
const GLOSSARY_EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::Omegat),
    ("utf8", Format::Omegat),
    ("xml", Format::Tbx),
];

/// Propose glossary entries for the name pairs that the glossaries lack, from one document pair or a folder of them.
///
/// Give FR and EN, or one folder in the `batch` layout (`NAME.fr.EXT`
/// beside `NAME.en.EXT`): each proposed pair is counted across all the
/// documents and comes with an example bead as evidence; the most frequent
/// come first. Writes the glossary format with status=proposed and, in
/// note, the count, the documents and an example bead. Acronym pairs that
/// share no letters (ONU/UN, OTAN/NATO) come from tralign's list of
/// international organisations (glossaries/organisations.csv). Entries of
/// the glossaries given with `-g` are not proposed again.
#[derive(Debug, clap::Args)]
struct SuggestArgs {
    /// FR EN (a document pair), or one folder of pairs.
    #[arg(required = true, num_args = 1..=2, value_name = "FR EN | DIR")]
    inputs: Vec<PathBuf>,
    #[arg(short, long = "glossary", value_name = "GLOSSARY", help = super::GLOSSARY_HELP)]
    glossaries: Vec<PathBuf>,
    /// Input is one sentence a line, taken as given.
    #[arg(long)]
    presegmented: bool,
    /// Output format [default: csv, or the one the output's extension names:
    /// `.csv`, `.tsv`, `.tbx`, `.txt` (OmegaT)].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Check glossaries: duplicate entries, a French term with two English renderings, colliding variants.
///
/// The files are checked together, as `-g` merges them. Exits with 1 when
/// there are findings, 0 when there are none.
#[derive(Debug, clap::Args)]
struct LintArgs {
    /// The glossary files.
    #[arg(required = true)]
    glossaries: Vec<PathBuf>,
}

/// Convert a glossary between CSV, TSV, TBX (TBX-Basic) and OmegaT.
///
/// Every field survives CSV, TSV and TBX; OmegaT's format keeps the terms
/// and the note only (a warning says how many entries lose fields).
#[derive(Debug, clap::Args)]
struct ConvertArgs {
    /// The glossary to convert.
    input: PathBuf,
    /// Output format [default: the one the output's extension names:
    /// `.csv`, `.tsv`, `.tbx`, `.txt` (OmegaT); else csv].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Merge glossaries into one, reporting the French terms they render differently.
///
/// Entries found in several files are kept once (variants joined, empty
/// fields filled). A French term that two files render differently is a
/// conflict, reported on standard error with both files and lines: without
/// `--prefer` both renderings are kept and the exit code is 1; with
/// `--prefer FILE` that file's rendering is kept, the other dropped, and
/// the exit code is 0.
#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// The glossary files, in order.
    #[arg(required = true, num_args = 2..)]
    glossaries: Vec<PathBuf>,
    /// Settle conflicts in favour of this file (one of those merged).
    #[arg(long, value_name = "FILE")]
    prefer: Option<PathBuf>,
    /// Output format [default: csv, or the one the output's extension names].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    match args.command {
        Command::Suggest(a) => suggest(a),
        Command::Lint(a) => lint(a),
        Command::Convert(a) => convert(a),
        Command::Merge(a) => merge(a),
    }
}

/// The format a glossary command writes.
fn glossary_format(given: Option<Format>, out: Option<&Path>) -> Result<Format> {
    output_format(given, out, Format::Csv, GLOSSARY_EXTENSIONS)
}

/// A file's name without its folder.
fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn suggest(args: SuggestArgs) -> Result<i32> {
    let format = glossary_format(args.format, args.output.as_deref())?;
    let glossary = super::load_glossaries(&args.glossaries)?;
    // (name, fr, en) of each pair.
    let pairs: Vec<(String, PathBuf, PathBuf)> = match args.inputs.as_slice() {
        [dir] if dir.is_dir() => {
            let (jobs, failed) = super::batch::list_jobs(dir)?;
            for (name, err) in &failed {
                say!("tralign: warning: {name}: {err:#}; skipped");
            }
            if jobs.is_empty() {
                bail!(
                    "{}: no pairs found (NAME.fr.EXT beside NAME.en.EXT)",
                    dir.display()
                );
            }
            jobs.into_iter().map(|j| (j.name, j.fr, j.en)).collect()
        }
        [one] => bail!(
            "{}: give a French and an English file, or a folder of pairs",
            one.display()
        ),
        [fr, en] => vec![(String::new(), fr.clone(), en.clone())],
        _ => unreachable!("clap takes one or two inputs"),
    };
    let folder = pairs.len() > 1 || !pairs[0].0.is_empty();
    // Distinct pairs over all documents, with the documents they occur in.
    let mut all: Vec<(DocumentName, Vec<String>)> = Vec::new();
    for (name, fr, en) in &pairs {
        let fr_doc = Segmented::read(fr, Lang::Fr, args.presegmented)?;
        let en_doc = Segmented::read(en, Lang::En, args.presegmented)?;
        let alignment = tralign::align_documents(fr_doc, en_doc, &glossary, &Default::default());
        let doc = if folder {
            name.clone()
        } else {
            format!("{} and {}", file_name(fr), file_name(en))
        };
        for n in names::document_names(&alignment.names) {
            let key = (glossary::term_key(&n.fr), glossary::term_key(&n.en));
            let known = all
                .iter_mut()
                .find(|(d, _)| (glossary::term_key(&d.fr), glossary::term_key(&d.en)) == key);
            match known {
                Some((d, docs)) => {
                    d.count += n.count;
                    d.source = d.source.min(n.source);
                    d.confidence = d.confidence.max(n.confidence);
                    docs.push(doc.clone());
                }
                None => all.push((n, vec![doc.clone()])),
            }
        }
    }
    // Most frequent first; ties in order of first appearance (a stable sort).
    all.sort_by_key(|(d, _)| std::cmp::Reverse(d.count));
    let what = if folder {
        format!("tralign glossary suggest on {}", args.inputs[0].display())
    } else {
        format!(
            "tralign glossary suggest on {} and {}",
            file_name(&pairs[0].1),
            file_name(&pairs[0].2)
        )
    };
    let names: Vec<DocumentName> = all.iter().map(|(d, _)| d.clone()).collect();
    let docs: Vec<&[String]> = all.iter().map(|(_, d)| d.as_slice()).collect();
    let proposed = names::suggest(&names, &docs, &glossary, &what);
    let mut inputs: Vec<&Path> = pairs
        .iter()
        .flat_map(|(_, f, e)| [f.as_path(), e.as_path()])
        .collect();
    inputs.extend(args.glossaries.iter().map(PathBuf::as_path));
    write_output(args.output.as_deref(), &inputs, |w| {
        proposed.write(format, w)?;
        Ok(())
    })?;
    say!(
        "tralign: glossary suggest: {} proposed entries from {} document pair(s)",
        proposed.entries.len(),
        pairs.len()
    );
    Ok(super::exit::OK)
}

fn lint(args: LintArgs) -> Result<i32> {
    let mut all = Glossary::default();
    for g in &args.glossaries {
        all.extend(Glossary::read_rows(g)?);
    }
    let findings = glossary::lint(&all);
    write_output(None, &[], |w| {
        for f in &findings {
            writeln!(w, "{}: {}", f.kind, f.message)?;
        }
        Ok(())
    })?;
    say!(
        "tralign: glossary lint: {} entries, {} finding(s)",
        all.entries.len(),
        findings.len()
    );
    Ok(if findings.is_empty() {
        super::exit::OK
    } else {
        super::exit::FINDINGS
    })
}

fn convert(args: ConvertArgs) -> Result<i32> {
    let format = glossary_format(args.format, args.output.as_deref())?;
    let g = Glossary::read_rows(&args.input)?;
    if !format.keeps_every_field() {
        let lossy = g
            .entries
            .iter()
            .filter(|e| e.has_more_than_terms_and_note())
            .count();
        if lossy > 0 {
            say!(
                "tralign: warning: {lossy} of {} entries lose their kind, variants, status or \
                 source: an OmegaT glossary keeps the terms and the note only",
                g.entries.len()
            );
        }
    }
    write_output(args.output.as_deref(), &[&args.input], |w| {
        g.write(format, w)?;
        Ok(())
    })?;
    Ok(super::exit::OK)
}

fn merge(args: MergeArgs) -> Result<i32> {
    let format = glossary_format(args.format, args.output.as_deref())?;
    let prefer = match &args.prefer {
        None => None,
        Some(p) => Some(
            args.glossaries
                .iter()
                .position(|g| same_path(g, p))
                .ok_or_else(|| {
                    anyhow::anyhow!("--prefer {}: not one of the glossaries merged", p.display())
                })?,
        ),
    };
    let mut read = Vec::new();
    for g in &args.glossaries {
        read.push(Glossary::read_rows(g)?);
    }
    let (merged, conflicts) = glossary::merge(read, prefer);
    let inputs: Vec<&Path> = args.glossaries.iter().map(PathBuf::as_path).collect();
    write_output(args.output.as_deref(), &inputs, |w| {
        merged.write(format, w)?;
        Ok(())
    })?;
    for c in &conflicts {
        let preferred = |e: &tralign::glossary::Entry| {
            prefer.is_some_and(|p| same_path(&e.origin.file, &args.glossaries[p]))
        };
        let settled = if preferred(&c.second) {
            format!(" (kept {:?} from {})", c.second.en, c.second.origin)
        } else if preferred(&c.first) {
            format!(" (kept {:?} from {})", c.first.en, c.first.origin)
        } else {
            " (both kept; --prefer FILE settles it)".to_string()
        };
        say!("tralign: conflict: {c}{settled}");
    }
    say!(
        "tralign: glossary merge: {} entries from {} files, {} conflict(s)",
        merged.entries.len(),
        args.glossaries.len(),
        conflicts.len()
    );
    let unsettled = conflicts
        .iter()
        .filter(|c| !preferred_in(c, prefer, &args.glossaries))
        .count();
    Ok(if unsettled == 0 {
        super::exit::OK
    } else {
        super::exit::FINDINGS
    })
}

/// Whether `--prefer` settled conflict `c` (one of its two files is the preferred one).
fn preferred_in(c: &tralign::glossary::Conflict, prefer: Option<usize>, files: &[PathBuf]) -> bool {
    prefer.is_some_and(|p| {
        same_path(&c.first.origin.file, &files[p]) || same_path(&c.second.origin.file, &files[p])
    })
}

/// Whether two paths name the same file (compared as given when a path
/// cannot be resolved).
fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
