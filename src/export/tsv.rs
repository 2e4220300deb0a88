//! Tab-separated pairs, `source TAB target` a line, the form MT training
//! pipelines read.

use std::io::{self, Write};

use super::pair::{guard, pairs, Pair};
use super::Options;
use crate::Alignment;

/// Writes one `French TAB English` line per bead with both sides non-empty
/// and a confidence of at least [`Options::min_confidence`].
pub fn write_tsv(alignment: &Alignment, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    for pair in pairs(alignment) {
        write_tsv_pair(&pair, opts, w)?;
    }
    w.flush()
}

/// Writes one pair as a TSV line (nothing when a side is empty or the pair
/// is below the threshold). Tabs, line breaks and other control characters
/// inside the text become spaces, so every line has exactly one tab. With
/// [`Options::formula_guard`], a text a spreadsheet would run as a formula
/// gets a `'` in front, as in CSV.
pub fn write_tsv_pair(pair: &Pair, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    if !pair.is_complete() || !pair.passes(opts.min_confidence) {
        return Ok(());
    }
    let (fr, en) = (one_line(&pair.fr), one_line(&pair.en));
    if opts.formula_guard {
        writeln!(w, "{}\t{}", guard(&fr), guard(&en))
    } else {
        writeln!(w, "{fr}\t{en}")
    }
}

/// The text on one line: control characters (tab, CR, LF, …) become spaces
/// and the ends are trimmed.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_has_no_tab_or_break() {
        let cases = [
            ("a\tb", "a b"),
            ("a\r\nb", "a  b"),
            (" x\u{2028}y ", "x y"),
            ("déjà vu", "déjà vu"),
        ];
        for (raw, want) in cases {
            assert_eq!(one_line(raw), want, "{raw:?}");
        }
    }
}
