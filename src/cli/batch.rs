//! `tralign batch`: many report pairs at once, aligned in parallel, into one
//! file or one file per pair.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use tralign::export::{self, pair::pairs, CsvWriter, Format, Options, TmxWriter};
use tralign::segment::Lang;
use tralign::{Alignment, Segmented};

use super::export_flags::{check_min_confidence, doc_name, output_format, CsvFlags, MemoryFlags};
use super::output::write_output;

/// Align many report pairs at once, in parallel.
///
/// INPUT is a directory, where `NAME.fr.EXT` pairs with `NAME.en.EXT` (any
/// extensions tralign reads), or a manifest CSV with a header row and the
/// columns `fr`, `en` and optionally `name` (paths relative to the
/// manifest). Pairs are written in the order of their names whatever the
/// number of jobs. A pair that fails is reported and skipped; the exit code
/// is then 1 (2 when no pair could be aligned).
///
/// TMX creation dates come from the `SOURCE_DATE_EPOCH` environment variable
/// (seconds since 1970) when it is set, for reproducible output, else from
/// the clock.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A directory of `NAME.fr.*` / `NAME.en.*` files, or a manifest CSV (`fr,en[,name]`).
    input: PathBuf,
    #[arg(short, long = "glossary", value_name = "GLOSSARY", help = super::GLOSSARY_HELP)]
    glossaries: Vec<PathBuf>,
    /// Output format (with `-o` or standard output: csv, tmx, tsv or jsonl;
    /// with `--out-dir`, any) [default: csv, or the one `-o`'s extension
    /// names].
    #[arg(short, long, value_enum)]
    format: Option<Format>,
    /// Input files are one sentence a line, taken as given.
    #[arg(long)]
    presegmented: bool,
    /// Write every pair into this one file (atomically); standard output when
    /// neither this nor `--out-dir` is given.
    #[arg(short, long, conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write one file per pair into this folder, `NAME.FORMAT`.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Pairs aligned at once (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    limits: super::LimitFlags,
    #[command(flatten)]
    memory: MemoryFlags,
    #[command(flatten)]
    csv: CsvFlags,
    #[command(flatten)]
    encoder: super::EncoderFlag,
}

/// One pair to align.
#[derive(Debug)]
pub(super) struct Job {
    pub name: String,
    pub fr: PathBuf,
    pub en: PathBuf,
}

/// One pair's outcome.
struct Done {
    alignment: Alignment,
    time: Duration,
}

pub fn run(args: Args) -> Result<i32> {
    let format = output_format(args.format, args.output.as_deref(), Format::Csv, &[])?;
    check_min_confidence(&args.memory, format)?;
    if args.out_dir.is_none() && matches!(format, Format::Beads | Format::Html) {
        bail!(
            "-f {}: one file per pair only; give --out-dir DIR",
            format.extension()
        );
    }
    let glossary = super::load_glossaries(&args.glossaries)?;
    let params = args.encoder.params()?;
    let (jobs, mut failed) = list_jobs(&args.input)?;
    if jobs.is_empty() && failed.is_empty() {
        bail!("{}: no pairs found", args.input.display());
    }
    // Checked before the long part, so a bad variable fails at once.
    let base = args
        .memory
        .options(Some(&args.csv), Path::new("-"), Path::new("-"))?;
    let threads = args.jobs.map_or(0, usize::from);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(super::WORKER_STACK)
        .build()
        .map_err(|e| anyhow!("cannot start {threads} threads: {e}"))?;

    let start = Instant::now();
    let bar = ProgressBar::new(jobs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pairs, {elapsed} (ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let presegmented = args.presegmented;
    let limits = args.limits.limits();
    let results: Vec<Result<Done>> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let t = Instant::now();
                // A pair that fails in any way, even by a bug, is reported
                // and skipped; the others go on.
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let fr = Segmented::read_limited(&job.fr, Lang::Fr, presegmented, &limits)?;
                    let en = Segmented::read_limited(&job.en, Lang::En, presegmented, &limits)?;
                    let alignment = super::align_for(fr, en, &glossary, &params, format);
                    Ok(Done {
                        alignment,
                        time: t.elapsed(),
                    })
                }))
                .unwrap_or_else(|_| Err(anyhow!("internal error (a bug in tralign)")));
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();

    let mut done: Vec<(&Job, Done)> = Vec::new();
    for (job, r) in jobs.iter().zip(results) {
        match r {
            Ok(d) => {
                if let Some(warning) = tralign::lang::check_pair(
                    &d.alignment.fr.doc.text,
                    &d.alignment.en.doc.text,
                    &doc_name(&job.fr),
                    &doc_name(&job.en),
                    presegmented,
                ) {
                    say!("tralign: warning: {}: {warning}", job.name);
                }
                if !d.alignment.translation {
                    say!(
                        "tralign: warning: {}: these texts do not look like translations of each other",
                        job.name
                    );
                }
                done.push((job, d))
            }
            Err(e) => failed.push((job.name.clone(), e)),
        }
    }
    let opts_for = |job: &Job| Options {
        fr_name: doc_name(&job.fr),
        en_name: doc_name(&job.en),
        ..base.clone()
    };

    let mut inputs: Vec<&Path> = vec![&args.input];
    inputs.extend(args.glossaries.iter().map(PathBuf::as_path));
    inputs.extend(jobs.iter().flat_map(|j| [j.fr.as_path(), j.en.as_path()]));
    let mut written = vec![true; done.len()];
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        for (k, (job, d)) in done.iter().enumerate() {
            let path = dir.join(format!("{}.{}", job.name, format.extension()));
            let opts = opts_for(job);
            let r = write_output(Some(&path), &inputs, |w| {
                export::write_with(&d.alignment, format, &opts, w)?;
                Ok(())
            });
            if let Err(e) = r {
                failed.push((job.name.clone(), e));
                written[k] = false;
            }
        }
        if format == Format::Html {
            write_index(dir, &done, &written, &inputs)?;
        }
    } else if !done.is_empty() {
        write_output(args.output.as_deref(), &inputs, |w| {
            write_combined(&done, format, &base, &opts_for, w)
        })?;
    }

    failed.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, err) in &failed {
        say!("tralign: error: {name}: {err:#}");
    }
    let ok: Vec<&(&Job, Done)> = done
        .iter()
        .zip(&written)
        .filter(|(_, w)| **w)
        .map(|(d, _)| d)
        .collect();
    summary(
        &ok,
        failed.len(),
        start.elapsed(),
        pool.current_num_threads(),
    );
    Ok(if failed.is_empty() {
        super::exit::OK
    } else if ok.is_empty() {
        super::exit::ERROR
    } else {
        super::exit::SOME_FAILED
    })
}

/// Writes every aligned pair into one file, in name order.
fn write_combined(
    done: &[(&Job, Done)],
    format: Format,
    base: &Options,
    opts_for: &dyn Fn(&Job) -> Options,
    w: &mut dyn std::io::Write,
) -> Result<()> {
    match format {
        Format::Tmx => {
            let mut tmx = TmxWriter::new(w, base)?;
            for (job, d) in done {
                let o = opts_for(job);
                for p in pairs(&d.alignment) {
                    tmx.pair(&p, &o.fr_name, &o.en_name)?;
                }
            }
            tmx.finish()?;
        }
        Format::Csv => {
            let mut csv = CsvWriter::new(w, base, &["pair"])?;
            for (job, d) in done {
                for p in pairs(&d.alignment) {
                    csv.pair(&[&job.name], &p)?;
                }
            }
            csv.finish()?;
        }
        Format::Tsv => {
            for (_, d) in done {
                for p in pairs(&d.alignment) {
                    export::write_tsv_pair(&p, base, w)?;
                }
            }
        }
        Format::Jsonl => {
            #[derive(serde::Serialize)]
            struct Row<'a> {
                pair: &'a str,
                #[serde(flatten)]
                bead: &'a export::Pair,
            }
            for (job, d) in done {
                for p in pairs(&d.alignment).filter(|p| p.passes(base.min_confidence)) {
                    serde_json::to_writer(
                        &mut *w,
                        &Row {
                            pair: &job.name,
                            bead: &p,
                        },
                    )?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Format::Beads | Format::Html => unreachable!("refused before aligning"),
    }
    Ok(())
}

/// The pairs to align, sorted by name, and the entries that cannot make a
/// pair (a French file without its English one, …), already failed.
pub(super) type Listing = (Vec<Job>, Vec<(String, anyhow::Error)>);

/// Lists the pairs of a directory or a manifest.
pub(super) fn list_jobs(input: &Path) -> Result<Listing> {
    let meta =
        std::fs::metadata(input).with_context(|| format!("{}: cannot read", input.display()))?;
    if meta.is_dir() {
        list_dir(input)
    } else {
        Ok((read_manifest(input)?, Vec::new()))
    }
}

/// `NAME.fr.EXT` → (`NAME`, French); `NAME.en.EXT` → (`NAME`, English).
fn split_name(file: &str) -> Option<(&str, Lang)> {
    let parts: Vec<&str> = file.split('.').collect();
    // The language tag is the last part, or the one before the extension.
    for pos in [parts.len().checked_sub(1)?, parts.len().checked_sub(2)?] {
        if pos == 0 {
            continue;
        }
        let lang = match parts[pos] {
            "fr" => Lang::Fr,
            "en" => Lang::En,
            _ => continue,
        };
        let name_len = parts[..pos].iter().map(|p| p.len() + 1).sum::<usize>() - 1;
        return Some((&file[..name_len], lang));
    }
    None
}

/// Lists the pairs of a folder. A symbolic link is followed only to a file
/// inside the folder: one leading out of it is reported, not read.
fn list_dir(dir: &Path) -> Result<Listing> {
    let mut sides: BTreeMap<String, (Vec<PathBuf>, Vec<PathBuf>)> = BTreeMap::new();
    let mut failed = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))?;
    let inside = dir
        .canonicalize()
        .with_context(|| format!("{}: cannot read", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list", dir.display()))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with('.') || !entry.path().is_file() {
            continue;
        }
        let link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if link
            && !entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&inside))
        {
            let name = split_name(&file).map_or(file.as_str(), |(n, _)| n);
            failed.push((
                name.to_string(),
                anyhow!(
                    "{}: a link to a file outside {}; not read",
                    entry.path().display(),
                    dir.display()
                ),
            ));
            continue;
        }
        if let Some((name, lang)) = split_name(&file) {
            let slot = sides.entry(name.to_string()).or_default();
            match lang {
                Lang::Fr => slot.0.push(entry.path()),
                Lang::En => slot.1.push(entry.path()),
            }
        }
    }
    let mut jobs = Vec::new();
    for (name, (mut fr, mut en)) in sides {
        fr.sort();
        en.sort();
        let shown = |v: &[PathBuf]| {
            v.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (fr.len(), en.len()) {
            (1, 1) => jobs.push(Job {
                name,
                fr: fr.remove(0),
                en: en.remove(0),
            }),
            (0, _) => failed.push((name, anyhow!("{}: no French file beside it", shown(&en)))),
            (_, 0) => failed.push((name, anyhow!("{}: no English file beside it", shown(&fr)))),
            _ => failed.push((
                name,
                anyhow!(
                    "more than one file per language: {}; {}",
                    shown(&fr),
                    shown(&en)
                ),
            )),
        }
    }
    Ok((jobs, failed))
}

/// Reads a manifest CSV: header row, columns `fr`, `en`, optional `name`.
fn read_manifest(path: &Path) -> Result<Vec<Job>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the manifest", path.display()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let base = path.parent().unwrap_or(Path::new("."));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .with_context(|| format!("{}:1: bad header row", path.display()))?
        .clone();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (Some(fr), Some(en)) = (col("fr"), col("en")) else {
        bail!(
            "{}:1: the manifest's header row must name the columns `fr` and `en` (and optionally `name`)",
            path.display()
        );
    };
    let name_col = col("name");
    let mut jobs: Vec<Job> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.with_context(|| format!("{}:{}: malformed row", path.display(), i + 2))?;
        let line = rec.position().map_or(i + 2, |p| p.line() as usize);
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cell(fr).is_empty() || cell(en).is_empty() {
            bail!("{}:{line}: both `fr` and `en` are needed", path.display());
        }
        for side in [cell(fr), cell(en)] {
            if let Some(reason) = outside_folder(side) {
                bail!(
                    "{}:{line}: `{side}` {reason}; give paths inside the manifest's folder",
                    path.display()
                );
            }
        }
        let fr_path = base.join(cell(fr));
        let name = match name_col.map(cell).filter(|n| !n.is_empty()) {
            Some(n) => n.to_string(),
            None => {
                let file = doc_name(&fr_path);
                split_name(&file).map_or(file.clone(), |(n, _)| n.to_string())
            }
        };
        if name.contains(['/', '\\']) || name.starts_with('.') {
            bail!(
                "{}:{line}: `{name}` cannot name an output file",
                path.display()
            );
        }
        if let Some(prev) = seen.insert(name.clone(), line) {
            bail!(
                "{}:{line}: the name `{name}` is already used on line {prev}",
                path.display()
            );
        }
        jobs.push(Job {
            name,
            fr: fr_path,
            en: base.join(cell(en)),
        });
    }
    jobs.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(jobs)
}

/// Why a manifest path may lead outside the manifest's folder: absolute,
/// or going up with `..`; `None` for a path inside it.
fn outside_folder(path: &str) -> Option<&'static str> {
    use std::path::Component;
    let p = Path::new(path);
    if p.has_root() || p.components().any(|c| matches!(c, Component::Prefix(_))) {
        return Some("is an absolute path");
    }
    if p.components().any(|c| c == Component::ParentDir) {
        return Some("goes up out of the folder (`..`)");
    }
    None
}

/// The closing table on standard error.
fn summary(done: &[&(&Job, Done)], failed: usize, time: Duration, threads: usize) {
    let fr: usize = done
        .iter()
        .map(|(_, d)| d.alignment.fr.sentences.len())
        .sum();
    let en: usize = done
        .iter()
        .map(|(_, d)| d.alignment.en.sentences.len())
        .sum();
    let beads: usize = done.iter().map(|(_, d)| d.alignment.beads.len()).sum();
    let conf: f64 = done
        .iter()
        .flat_map(|(_, d)| d.alignment.beads.iter().map(|b| b.confidence))
        .sum();
    // `+ 0.0` turns the empty sum's −0.0 into 0.0.
    let busy: f64 = done.iter().map(|(_, d)| d.time.as_secs_f64()).sum::<f64>() + 0.0;
    let secs = time.as_secs_f64();
    let rate = if secs > 0.0 {
        done.len() as f64 / secs
    } else {
        0.0
    };
    say!("pairs            {} aligned, {failed} failed", done.len());
    say!("sentences        {fr} French, {en} English");
    say!("beads            {beads}");
    say!(
        "mean confidence  {:.3}",
        if beads > 0 { conf / beads as f64 } else { 0.0 }
    );
    say!("time             {secs:.2} s ({rate:.1} pairs/s, {threads} jobs, {busy:.2} s aligning)");
}

/// Writes `index.html` into `dir`: each pair whose page was written, with
/// its bead count, mean confidence and findings, linking to its page.
fn write_index(
    dir: &Path,
    done: &[(&Job, Done)],
    written: &[bool],
    inputs: &[&Path],
) -> Result<()> {
    if done.iter().any(|(job, _)| job.name == "index") {
        say!("tralign: warning: a pair is named `index`: no index.html written (it would replace that pair's page)");
        return Ok(());
    }
    let entries: Vec<export::IndexEntry> = done
        .iter()
        .zip(written)
        .filter(|(_, w)| **w)
        .map(|((job, d), _)| {
            let beads = &d.alignment.beads;
            export::IndexEntry {
                name: job.name.clone(),
                file: format!("{}.html", job.name),
                beads: beads.len(),
                mean_confidence: if beads.is_empty() {
                    0.0
                } else {
                    beads.iter().map(|b| b.confidence).sum::<f64>() / beads.len() as f64
                },
                findings: d.alignment.findings.len(),
            }
        })
        .collect();
    write_output(Some(&dir.join("index.html")), inputs, |w| {
        export::write_index(&entries, w)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_give_pair_names() {
        let cases: &[(&str, Option<(&str, bool)>)] = &[
            ("report.fr.txt", Some(("report", true))),
            ("report.en.docx", Some(("report", false))),
            ("a.b.fr.md", Some(("a.b", true))),
            ("nt13-000.fr", Some(("nt13-000", true))),
            ("fr.txt", None),
            ("notes.txt", None),
            ("x.de.txt", None),
        ];
        for (file, want) in cases {
            let got = split_name(file).map(|(n, l)| (n, l == Lang::Fr));
            assert_eq!(got, *want, "{file}");
        }
    }
}
