//! `tralign review`: correct an alignment in the browser.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use tralign::review::save::{resume, write_save};
use tralign::review::server::{new_token, serve, Saver, Session};
use tralign::review::Review;

use super::export_flags::doc_name;
use super::output::write_output;
use super::Inputs;

/// Correct an alignment in the browser.
///
/// Aligns the pair, then starts a local web server with an editor: both
/// texts side by side, bead by bead, with confidence, flags and findings;
/// merge, split, move a sentence, mark checked, accept a finding, undo and
/// redo. Every change is saved at once (atomically) to the save file: the
/// reviewed CSV, tralign's columns plus `status` and `accepted`. `tralign
/// convert SAVE -f tmx` turns it into a translation memory. The server
/// listens on 127.0.0.1 only, and every request must carry the random
/// token in the address it prints. Stop it with Ctrl+C.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    inputs: Inputs,
    /// The save file (default: `NAME.review.csv` in the current folder,
    /// NAME the French file's name without extension). It must not exist
    /// yet, unless it is also given to `--resume`.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Reopen a review from its save file (and keep saving there unless
    /// `--save` says otherwise).
    #[arg(long, value_name = "FILE")]
    resume: Option<PathBuf>,
    /// The port to listen on (default: any free one).
    #[arg(long, value_name = "P", default_value_t = 0)]
    port: u16,
    /// Listen on this address instead of 127.0.0.1 (other machines may
    /// then reach the editor; the token still guards it).
    #[arg(long, value_name = "ADDR")]
    listen: Option<IpAddr>,
    /// Do not open a browser; only print the address.
    #[arg(long)]
    no_open: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let save = match (&args.save, &args.resume) {
        (Some(s), _) => s.clone(),
        (None, Some(r)) => r.clone(),
        (None, None) => PathBuf::from(format!("{}.review.csv", stem(&args.inputs.fr))),
    };
    let inputs: Vec<PathBuf> = args
        .inputs
        .paths()
        .iter()
        .map(|p| p.to_path_buf())
        .collect();
    if save.exists() && args.resume.as_deref() != Some(save.as_path()) {
        bail!(
            "{}: the save file exists already; give `--resume {}` to go on with that review, or another `--save FILE`",
            save.display(),
            save.display()
        );
    }
    let (alignment, glossary) = args.inputs.align()?;
    let review = match &args.resume {
        Some(path) => {
            let rows = tralign::export::pair::read_csv(path)?;
            resume(alignment, &glossary, &rows, path)?
        }
        None => Review::new(alignment, None),
    };
    let save_to = save.clone();
    let saver: Saver = Box::new(move |bytes: &[u8]| {
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        write_output(Some(&save_to), &inputs, |w| {
            w.write_all(bytes)?;
            Ok(())
        })
        .map_err(|e| format!("{e:#}"))
    });
    // Saved at once, so that the file exists (and is checked writable)
    // before the first change.
    let mut bytes = Vec::new();
    write_save(&review, &mut bytes)?;
    saver(&bytes).map_err(anyhow::Error::msg)?;

    let listen = args.listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !listen.is_loopback() {
        say!(
            "tralign: warning: listening on {listen}: other machines that can reach it may open the editor (with the token)"
        );
    }
    let token = new_token()?;
    let session = Session {
        review,
        glossary,
        fr_name: doc_name(&args.inputs.fr),
        en_name: doc_name(&args.inputs.en),
        fr_lang: "fr".into(),
        en_lang: "en".into(),
        save_name: save.display().to_string(),
        saver,
    };
    let no_open = args.no_open;
    serve(
        session,
        SocketAddr::new(listen, args.port),
        token.clone(),
        |addr| {
            let host = if addr.ip().is_unspecified() {
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
            } else {
                addr
            };
            let url = format!("http://{host}/?token={token}");
            println!("{url}");
            let _ = std::io::stdout().flush();
            say!(
                "tralign: review: saving every change to {}; stop with Ctrl+C",
                save.display()
            );
            if !no_open {
                if let Err(e) = open::that_detached(&url) {
                    say!("tralign: review: cannot open a browser ({e}); open {url}");
                }
            }
        },
    )
    .map_err(|e| anyhow::anyhow!("cannot serve the editor: {e}"))?;
    Ok(super::exit::OK)
}

/// A file's name without its extension (`fr` for `corpus/x/fr.txt`).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "-")
        .unwrap_or_else(|| "tralign".into())
}
