//! `tralign glossary suggest|lint`: glossary maintenance.

use std::path::PathBuf;

use anyhow::Result;

use tralign::glossary::{self, Glossary};
use tralign::names;

use super::output::write_output;
use super::Inputs;

/// Maintain glossaries: propose new entries from a document pair, or check one.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    Suggest(SuggestArgs),
    Lint(LintArgs),
}

/// Propose glossary entries for the name pairs of a document pair that the glossaries lack.
///
/// Writes CSV in the glossary format (fr, en, kind, fr_variants,
/// en_variants, note, status, source) with status=proposed and, in note, how
/// often the pair was seen and an example bead.
#[derive(Debug, clap::Args)]
struct SuggestArgs {
    #[command(flatten)]
    inputs: Inputs,
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

pub fn run(args: Args) -> Result<i32> {
    match args.command {
        Command::Suggest(a) => suggest(a),
        Command::Lint(a) => lint(a),
    }
}

fn suggest(args: SuggestArgs) -> Result<i32> {
    let (alignment, glossary) = args.inputs.align()?;
    let pairs = names::document_names(&alignment.names);
    let file_name = |p: &PathBuf| {
        p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    };
    let source = format!(
        "tralign glossary suggest on {} and {}",
        file_name(&args.inputs.fr),
        file_name(&args.inputs.en)
    );
    let proposed = glossary::suggest(&pairs, &glossary, &source);
    write_output(args.output.as_deref(), &args.inputs.paths(), |w| {
        proposed.write_csv(w)?;
        Ok(())
    })?;
    say!(
        "tralign: glossary suggest: {} proposed entries",
        proposed.entries.len()
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
