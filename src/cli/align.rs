//! `tralign align`: decode → structure → segment → align → export.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use tralign::glossary::Glossary;
use tralign::segment::Lang;
use tralign::Segmented;

use super::output::write_output;

/// Align a French report with its English version, sentence by sentence.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The French file.
    fr: PathBuf,
    /// The English file.
    en: PathBuf,
    /// Input is one sentence a line, taken as given (any Latin-script pair).
    #[arg(long)]
    presegmented: bool,
    /// Write here (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    let fr = Segmented::read(&args.fr, Lang::Fr, args.presegmented)?;
    let en = Segmented::read(&args.en, Lang::En, args.presegmented)?;
    let beads = tralign::align::align(&fr.units(), &en.units(), &Glossary::default());
    write_output(args.output.as_deref(), &[&args.fr, &args.en], |w| {
        for b in &beads {
            let fr: Vec<String> = b.fr.clone().map(|i| i.to_string()).collect();
            let en: Vec<String> = b.en.clone().map(|i| i.to_string()).collect();
            writeln!(w, "[{}]:[{}]", fr.join(", "), en.join(", "))?;
        }
        Ok(())
    })?;
    Ok(super::exit::OK)
}
