//! One bead as the export formats see it — a pair of texts with what is
//! known about it — built from an [`Alignment`] or read back from a CSV file
//! that a reviewer edited.

use std::path::Path;

use serde::Serialize;

use crate::{Alignment, Error, Result};

/// One bead's texts and what is known about it. The tool-facing writers
/// (TMX, TSV, JSON Lines for `convert`) take these, so a reviewed CSV file
/// and a fresh alignment give the same output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// 1-based bead number (the row number when a CSV file has no `bead` column).
    pub bead: usize,
    /// 1-based French sentence numbers (`3`, `3-4`, or empty when unknown);
    /// JSON gets them as an array (`[3, 4]`).
    #[serde(serialize_with = "super::ids_as_numbers")]
    pub fr_ids: String,
    /// 1-based English sentence numbers.
    #[serde(serialize_with = "super::ids_as_numbers")]
    pub en_ids: String,
    /// The French text.
    pub fr: String,
    /// The English text.
    pub en: String,
    /// The bead type (`2-1`), empty when unknown.
    #[serde(rename = "type")]
    pub kind: String,
    /// The aligner's confidence, `None` when unknown (a row a reviewer added).
    pub confidence: Option<f64>,
    /// Review flags (`low_confidence`, `number_mismatch`, …).
    pub flags: Vec<String>,
    /// The bead's name pairs, `Damas=Damascus; Palmyre=Palmyra` (empty when
    /// none or unknown).
    pub names: String,
    /// The French blocks the sentences came from (`p:3`, `h2:1 p:2`), empty when unknown.
    pub fr_block: String,
    /// The English blocks the sentences came from.
    pub en_block: String,
    /// The reviewer's verdict: `checked`, or empty when not yet checked
    /// (`tralign review`'s save file; TMX `x-status`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub status: String,
    /// The kinds of finding a reviewer accepted in this bead (`number_mismatch;missing_term`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub accepted: String,
}

impl Pair {
    /// Whether both sides have text (only such pairs go into a memory).
    pub fn is_complete(&self) -> bool {
        !self.fr.trim().is_empty() && !self.en.trim().is_empty()
    }

    /// Whether the pair passes a `--min-confidence` threshold; a pair with no
    /// known confidence (added by a reviewer) always does.
    pub fn passes(&self, min_confidence: f64) -> bool {
        self.confidence.is_none_or(|c| c >= min_confidence)
    }
}

/// The beads of an alignment as pairs, in order (confidence rounded to 3
/// decimals, as every format writes it).
pub fn pairs(alignment: &Alignment) -> impl Iterator<Item = Pair> + '_ {
    alignment.beads.iter().enumerate().map(|(k, b)| Pair {
        bead: k + 1,
        fr_ids: super::ids(&b.fr),
        en_ids: super::ids(&b.en),
        fr: alignment.fr.run_text(b.fr.clone()),
        en: alignment.en.run_text(b.en.clone()),
        kind: b.kind(),
        confidence: Some((b.confidence * 1000.0).round() / 1000.0),
        flags: b.flags.iter().map(|f| f.to_string()).collect(),
        names: super::names_cell(alignment, k),
        fr_block: alignment.fr.block_ids(b.fr.clone()),
        en_block: alignment.en.block_ids(b.en.clone()),
        status: String::new(),
        accepted: String::new(),
    })
}

/// Reads a CSV file of pairs, such as `tralign align -f csv` wrote and a
/// reviewer edited. Columns are found by name in the header row: `fr` and
/// `en` are required; `bead`, `type`, `confidence`, `fr_ids`, `en_ids`,
/// `flags`, `names`, `fr_block`, `en_block`, `status` and `accepted` are
/// read when present; other columns are ignored. The file may be what a
/// spreadsheet saves: comma-, semicolon- (a French Excel CSV) or
/// tab-separated (Excel's "Unicode text"), detected from the header row, in
/// UTF-8 with or without a BOM, UTF-16 or Windows-1252. A quote left open is
/// reported as such, with the line where it opens. A formula guard (`'` before `=`,
/// `+`, `-`, `@`, tab or CR) is removed. A malformed row is an error naming
/// the file and line.
pub fn read_csv(path: &Path) -> Result<Vec<Pair>> {
    let (bytes, shown) = crate::decode::read_bytes(path)?;
    parse_csv(&bytes, &shown)
}

/// [`read_csv`] on the bytes of a file (`shown` names it in messages).
pub fn parse_csv(bytes: &[u8], shown: &Path) -> Result<Vec<Pair>> {
    let text = crate::decode::decode(bytes, shown)?.text;
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = crate::table::delimiter(header_line);
    if let Some(line) = crate::table::unclosed_quote(&text, delimiter) {
        return Err(Error::parse(shown, line, crate::table::UNCLOSED_QUOTE));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Error::parse(shown, 1, e.to_string()))?
        .clone();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(fr), Some(en)) = (col("fr"), col("en")) else {
        return Err(Error::parse(
            shown,
            1,
            "the header row must name the columns `fr` and `en`",
        ));
    };
    let (bead, kind, conf) = (col("bead"), col("type"), col("confidence"));
    let (fr_ids, en_ids, flags) = (col("fr_ids"), col("en_ids"), col("flags"));
    let names = col("names");
    let (fr_block, en_block) = (col("fr_block"), col("en_block"));
    let (status, accepted) = (col("status"), col("accepted"));
    let mut pairs = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(row + 2, |p| p.line() as usize);
            Error::parse(shown, line, e.to_string())
        })?;
        let line = record.position().map_or(row + 2, |p| p.line() as usize);
        if record.len() != header.len() {
            return Err(Error::parse(
                shown,
                line,
                format!(
                    "{} fields where the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let cell = |i: Option<usize>| i.map_or("", |i| unguard(&record[i]));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = |name: &str, i: Option<usize>| -> Result<Option<f64>> {
            let c = cell(i).trim();
            if c.is_empty() {
                return Ok(None);
            }
            c.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(Some)
                .ok_or_else(|| Error::parse(shown, line, format!("{name} `{c}` is not a number")))
        };
        let confidence = number("confidence", conf)?;
        if confidence.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
            return Err(Error::parse(shown, line, "confidence must lie in [0, 1]"));
        }
        let bead_no = match number("bead", bead)? {
            Some(b) if b >= 1.0 && b.fract() == 0.0 => b as usize,
            Some(_) => {
                return Err(Error::parse(
                    shown,
                    line,
                    "bead must be a whole number from 1",
                ))
            }
            None => pairs.len() + 1,
        };
        for (name, i) in [("fr_ids", fr_ids), ("en_ids", en_ids)] {
            if super::parse_ids(cell(i)).is_none() {
                return Err(Error::parse(
                    shown,
                    line,
                    format!(
                        "{name} `{}` is not a sentence number or range such as 5-6",
                        cell(i).trim()
                    ),
                ));
            }
        }
        pairs.push(Pair {
            bead: bead_no,
            fr_ids: cell(fr_ids).trim().to_string(),
            en_ids: cell(en_ids).trim().to_string(),
            fr: cell(Some(fr)).to_string(),
            en: cell(Some(en)).to_string(),
            kind: cell(kind).trim().to_string(),
            confidence,
            flags: cell(flags)
                .split(';')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect(),
            names: cell(names).trim().to_string(),
            fr_block: cell(fr_block).trim().to_string(),
            en_block: cell(en_block).trim().to_string(),
            status: cell(status).trim().to_string(),
            accepted: cell(accepted).trim().to_string(),
        });
    }
    Ok(pairs)
}

/// Characters that make a spreadsheet run a cell as a formula when they
/// start it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `cell` as a formula — or, for a cell
/// starting with `'`, whether removing the guard would give one (so that
/// guarding and unguarding are exact inverses).
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(|c| FORMULA_START.contains(&c))
}

/// Neutralises a cell a spreadsheet would run as a formula by putting `'`
/// in front of it.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_guard(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Removes a guard that [`guard`] added.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_and_unguard_are_inverses() {
        let cases = [
            ("Plain", "Plain"),
            ("=1+1", "'=1+1"),
            ("+33 1 23", "'+33 1 23"),
            ("-5 %", "'-5 %"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'quoted'", "'quoted'"),
            ("'=x", "''=x"),
            ("''-x", "'''-x"),
            ("", ""),
            ("l'=", "l'="),
        ];
        for (raw, guarded) in cases {
            assert_eq!(guard(raw), guarded, "{raw:?}");
            assert_eq!(unguard(guarded), raw, "{guarded:?}");
        }
    }
}
