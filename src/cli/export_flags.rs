//! Flags shared by the commands that write alignments (`align`, `convert`,
//! `batch`), the [`Options`] they make, and the one rule every command
//! follows to choose its output format from `-f` and the output's name
//! ([`output_format`]).

use std::path::Path;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;

use tralign::export::Options;

/// Flags for the formats that feed translation-memory tools and MT
/// pipelines (TMX, TSV) and for the review page.
#[derive(Debug, Clone, clap::Args)]
pub struct MemoryFlags {
    /// Language code of the French side in TMX and HTML.
    #[arg(long, value_name = "CODE", default_value = "fr-FR", value_parser = lang_code)]
    pub fr_lang: String,
    /// Language code of the English side in TMX and HTML.
    #[arg(long, value_name = "CODE", default_value = "en-GB", value_parser = lang_code)]
    pub en_lang: String,
    /// Leave out beads whose confidence is below this (0 to 1): applies to
    /// CSV, TSV, TMX and JSON Lines; refused with `beads` and `html`, which
    /// show every bead.
    #[arg(long, value_name = "C", default_value_t = 0.0, value_parser = confidence)]
    pub min_confidence: f64,
}

/// Flags for CSV meant for spreadsheets.
#[derive(Debug, Clone, clap::Args)]
pub struct CsvFlags {
    /// CSV: start with a UTF-8 byte-order mark, so that Excel reads accents right.
    #[arg(long)]
    pub excel: bool,
    /// CSV: write cells starting with `=`, `+`, `-`, `@`, tab or CR as they
    /// are, without the `'` that stops a spreadsheet running them as
    /// formulas (for pipelines that read the CSV themselves).
    #[arg(long)]
    pub no_formula_guard: bool,
}

impl MemoryFlags {
    /// The writer options for a French and an English file (their names go
    /// into TMX properties and the HTML title). TMX dates come from
    /// `SOURCE_DATE_EPOCH` when it is set, else from the clock.
    pub fn options(&self, csv: Option<&CsvFlags>, fr: &Path, en: &Path) -> Result<Options> {
        Ok(Options {
            fr_lang: self.fr_lang.clone(),
            en_lang: self.en_lang.clone(),
            min_confidence: self.min_confidence,
            excel: csv.is_some_and(|c| c.excel),
            formula_guard: csv.is_none_or(|c| !c.no_formula_guard),
            created: creation_time()?,
            fr_name: doc_name(fr),
            en_name: doc_name(en),
        })
    }
}

/// Extensions that name a format under another word (`.htm` is HTML,
/// `.ndjson` JSON Lines); every other format is named by its own word
/// (`.csv`, `.tmx`, …).
const EXTENSION_ALIASES: &[(&str, &str)] = &[
    ("htm", "html"),
    ("ndjson", "jsonl"),
    ("tab", "tsv"),
    ("xml", "tmx"),
];

/// Extensions that name a format some tralign command writes; an output
/// with one of them that this command cannot write is refused rather than
/// silently filled with something else.
const KNOWN_EXTENSIONS: &[&str] = &[
    "csv", "tsv", "tab", "tmx", "jsonl", "ndjson", "html", "htm", "beads", "tbx", "json", "xlsx",
    "xls", "ods",
];

/// The output format of a command: `-f` when given; else the format the
/// output file's extension names (`-o memory.tmx` writes TMX); else
/// `default`. A `-f` that disagrees with the extension is an error, and so
/// is an extension naming a format this command does not write. `aliases`
/// adds the command's own extension words (`txt` for `text`).
pub fn output_format<F: ValueEnum + Copy + PartialEq>(
    given: Option<F>,
    out: Option<&Path>,
    default: F,
    aliases: &[(&str, F)],
) -> Result<F> {
    let name = |f: F| {
        f.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    };
    let Some(out) = out.filter(|p| *p != Path::new("-")) else {
        return Ok(given.unwrap_or(default));
    };
    let Some(ext) = out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    else {
        return Ok(given.unwrap_or(default));
    };
    let word = EXTENSION_ALIASES
        .iter()
        .find(|(e, _)| *e == ext)
        .map_or(ext.as_str(), |(_, w)| w);
    let named = aliases
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, f)| *f)
        .or_else(|| {
            F::value_variants()
                .iter()
                .copied()
                .find(|f| name(*f) == word)
        });
    match (named, given) {
        (Some(named), Some(given)) if named != given => bail!(
            "{}: the name ends in .{ext}, which is {} output, but -f says {}; \
             change the name or the -f",
            out.display(),
            name(named),
            name(given)
        ),
        (Some(named), _) => Ok(named),
        (None, Some(given)) => Ok(given),
        (None, None) if KNOWN_EXTENSIONS.contains(&ext.as_str()) => {
            let all: Vec<String> = F::value_variants().iter().map(|f| name(*f)).collect();
            bail!(
                "{}: this command does not write .{ext} files (it writes {}); \
                 change the name or give -f",
                out.display(),
                all.join(", ")
            )
        }
        (None, None) => Ok(default),
    }
}

/// Refuses `--min-confidence` with a format that shows every bead.
pub fn check_min_confidence(flags: &MemoryFlags, format: tralign::export::Format) -> Result<()> {
    if flags.min_confidence > 0.0 && !format.filters_by_confidence() {
        bail!(
            "--min-confidence does not apply to -f {}, which shows every bead; \
             leave it out, or use csv, tsv, tmx or jsonl",
            format.extension()
        );
    }
    Ok(())
}

/// The name a document goes by in the output: its file name (empty for
/// standard input).
pub fn doc_name(path: &Path) -> String {
    if path == Path::new("-") {
        return String::new();
    }
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Seconds since 1970 for TMX creation dates: `SOURCE_DATE_EPOCH` when set
/// (reproducible builds' convention), else now.
pub fn creation_time() -> Result<i64> {
    // 9999-12-31T23:59:59Z: TMX dates have four-digit years.
    const LAST: i64 = 253_402_300_799;
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => {
            let secs = v.trim().parse::<i64>().with_context(|| {
                format!("SOURCE_DATE_EPOCH={v:?}: not a whole number of seconds since 1970")
            })?;
            if !(0..=LAST).contains(&secs) {
                bail!(
                    "SOURCE_DATE_EPOCH={v:?}: out of range (0, 1970-01-01, to {LAST}, 9999-12-31)"
                );
            }
            Ok(secs)
        }
        Err(std::env::VarError::NotPresent) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)),
        Err(e) => bail!("SOURCE_DATE_EPOCH: {e}"),
    }
}

/// A confidence threshold in [0, 1].
fn confidence(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(c) if (0.0..=1.0).contains(&c) => Ok(c),
        _ => Err(format!("`{s}` is not a number from 0 to 1")),
    }
}

/// A language code such as `fr`, `fr-FR` or `en-GB` (letters and digits in
/// hyphen-separated parts of 1 to 8, the first part letters only).
fn lang_code(s: &str) -> Result<String, String> {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok =
        parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if first_ok && rest_ok {
        Ok(s.to_string())
    } else {
        Err(format!("`{s}` is not a language code such as fr-FR"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tralign::export::Format;

    #[test]
    fn output_names_choose_formats() {
        let f = |given: Option<Format>, out: Option<&str>| {
            output_format(given, out.map(Path::new), Format::Csv, &[]).map_err(|e| e.to_string())
        };
        assert_eq!(f(None, None), Ok(Format::Csv));
        assert_eq!(f(Some(Format::Tmx), None), Ok(Format::Tmx));
        assert_eq!(f(None, Some("memory.tmx")), Ok(Format::Tmx));
        assert_eq!(f(None, Some("Memory.TMX")), Ok(Format::Tmx));
        assert_eq!(f(None, Some("page.htm")), Ok(Format::Html));
        assert_eq!(f(None, Some("out.dat")), Ok(Format::Csv));
        assert_eq!(f(Some(Format::Tsv), Some("out.dat")), Ok(Format::Tsv));
        assert_eq!(f(None, Some("-")), Ok(Format::Csv));
        assert_eq!(f(Some(Format::Tmx), Some("memory.tmx")), Ok(Format::Tmx));
        let err = f(Some(Format::Csv), Some("memory.tmx")).unwrap_err();
        assert!(err.contains("memory.tmx: the name ends in .tmx"), "{err}");
        assert!(err.contains("-f says csv"), "{err}");
        let err = f(None, Some("glossary.tbx")).unwrap_err();
        assert!(err.contains("does not write .tbx files"), "{err}");
    }
}
