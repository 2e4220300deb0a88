//! Flags shared by the commands that write alignments (`align`, `convert`,
//! `batch`), and the [`Options`] they make.

use std::path::Path;

use anyhow::{bail, Context, Result};

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
    /// TMX and TSV leave out beads whose confidence is below this (0 to 1).
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
