//! TMX 1.4b, the exchange format of translation-memory tools (OmegaT,
//! Trados, memoQ): one `<tu>` per bead with text on both sides.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::pair::{pairs, Pair};
use super::Options;
use crate::Alignment;

/// Writes `alignment` as a TMX document: a header, then one translation unit
/// per bead with both sides non-empty and a confidence of at least
/// [`Options::min_confidence`].
pub fn write_tmx(alignment: &Alignment, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let mut tmx = TmxWriter::new(w, opts)?;
    for pair in pairs(alignment) {
        tmx.pair(&pair, &opts.fr_name, &opts.en_name)?;
    }
    tmx.finish()
}

/// A TMX document written a unit at a time (so that `batch` can put many
/// document pairs into one memory).
pub struct TmxWriter<'w> {
    w: &'w mut dyn Write,
    opts: Options,
    date: String,
}

impl<'w> TmxWriter<'w> {
    /// Writes the XML declaration and the TMX header.
    pub fn new(w: &'w mut dyn Write, opts: &Options) -> io::Result<TmxWriter<'w>> {
        let date = tmx_date(opts.created);
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(w, r#"<tmx version="1.4">"#)?;
        writeln!(
            w,
            r#"  <header creationtool="tralign" creationtoolversion="{}" segtype="sentence" o-tmf="tralign" adminlang="en" srclang="{}" datatype="plaintext" creationdate="{}"/>"#,
            attr(env!("CARGO_PKG_VERSION")),
            attr(&opts.fr_lang),
            date
        )?;
        writeln!(w, "  <body>")?;
        Ok(TmxWriter {
            w,
            opts: opts.clone(),
            date,
        })
    }

    /// Writes one translation unit, unless a side is empty or the pair falls
    /// below the confidence threshold. `fr_doc` and `en_doc` name the
    /// documents (left out when empty).
    pub fn pair(&mut self, p: &Pair, fr_doc: &str, en_doc: &str) -> io::Result<()> {
        if !p.is_complete() || !p.passes(self.opts.min_confidence) {
            return Ok(());
        }
        let w = &mut *self.w;
        writeln!(w, r#"    <tu creationdate="{}">"#, self.date)?;
        let mut prop = |kind: &str, value: &str| -> io::Result<()> {
            if value.is_empty() {
                return Ok(());
            }
            writeln!(w, r#"      <prop type="{kind}">{}</prop>"#, text(value))
        };
        prop("x-bead", &p.bead.to_string())?;
        prop(
            "x-confidence",
            &p.confidence.map_or(String::new(), |c| format!("{c:.3}")),
        )?;
        prop("x-bead-type", &p.kind)?;
        prop("x-flags", &p.flags.join(";"))?;
        prop("x-fr-document", fr_doc)?;
        prop("x-fr-sentences", &p.fr_ids)?;
        prop("x-en-document", en_doc)?;
        prop("x-en-sentences", &p.en_ids)?;
        prop("x-status", &p.status)?;
        for (lang, seg, block) in [
            (&self.opts.fr_lang, &p.fr, &p.fr_block),
            (&self.opts.en_lang, &p.en, &p.en_block),
        ] {
            // Where the sentences came from: a property of the variant.
            let block = if block.is_empty() {
                String::new()
            } else {
                format!(r#"<prop type="x-block">{}</prop>"#, text(block))
            };
            writeln!(
                w,
                r#"      <tuv xml:lang="{}">{block}<seg>{}</seg></tuv>"#,
                attr(lang),
                text(seg.trim())
            )?;
        }
        writeln!(w, "    </tu>")
    }

    /// Closes the document and flushes.
    pub fn finish(self) -> io::Result<()> {
        writeln!(self.w, "  </body>")?;
        writeln!(self.w, "</tmx>")?;
        self.w.flush()
    }
}

/// Whether XML 1.0 allows `c` in a document (`Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text content: characters XML 1.0 forbids removed, line breaks and tabs
/// turned into spaces (a segment is one line), markup characters escaped.
fn text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| xml_char(c))
        .map(|c| {
            if c.is_whitespace() && c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    escape(clean).into_owned()
}

/// An attribute value: same as [`text`] (`escape` also escapes quotes).
fn attr(s: &str) -> String {
    text(s)
}

/// A time in TMX form, `YYYYMMDDThhmmssZ` (UTC), from seconds since 1970.
pub fn tmx_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rest = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Count from 0000-03-01 so that the leap day ends each 4-year cycle.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // day of the 400-year era
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153; // March = 0
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_tmx_form() {
        let cases = [
            (0, "19700101T000000Z"),
            (951_782_400, "20000229T000000Z"),
            (1_704_067_199, "20231231T235959Z"),
            (1_709_210_096, "20240229T123456Z"),
            (4_107_542_400, "21000301T000000Z"),
            (-1, "19691231T235959Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(tmx_date(secs), want, "{secs}");
        }
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        let cases = [
            ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
            ("« l’ONU »", "« l’ONU »"),
            ("x\u{0}y\u{1b}z\u{FFFE}", "xyz"),
            ("tab\there\nnl", "tab here nl"),
            ("\"q\" 'a'", "&quot;q&quot; &apos;a&apos;"),
            ("emoji 🙂", "emoji 🙂"),
        ];
        for (raw, want) in cases {
            assert_eq!(text(raw), want, "{raw:?}");
        }
    }
}
