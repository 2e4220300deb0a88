//! Tables as spreadsheets save them: which character separates the cells
//! (a comma; a semicolon in a French Excel CSV; a tab in Excel's "Unicode
//! text"), and where a quoted cell is left open. Shared by the reviewed-CSV
//! reader (`convert`) and the glossary reader; the bytes are decoded first
//! by [`crate::decode`] (BOM, UTF-16, Windows-1252).

/// The message for a quote that opens a cell and is never closed (the
/// error names the line where it opens).
pub const UNCLOSED_QUOTE: &str = "unclosed quote: the quoted cell that starts on this line \
     is never closed (a quote inside a cell is written \"\")";

/// The cell separator of a table: a tab when the header line holds one,
/// else a semicolon when the header line holds more semicolons than commas
/// outside quotes (Excel's CSV in a French locale), else a comma. `header`
/// is the first line that holds cells.
pub fn delimiter(header: &str) -> u8 {
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    if tabs > 0 {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// The 1-based line of a quote that opens a cell and is never closed, in
/// RFC 4180 quoting with `delimiter` (a quote opens a cell only at its
/// start; `""` inside a quoted cell is a quote). A quoted cell may span
/// lines, so without this check an unclosed quote swallows the rest of the
/// file silently.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let delimiter = char::from(delimiter);
    let mut line = 1;
    let mut opened_at = None;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_at, c) {
            (None, '"') if at_cell_start => opened_at = Some(line),
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => opened_at = None,
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_cell_start = opened_at.is_none() && (c == delimiter || c == '\n');
    }
    opened_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_delimiter() {
        for (header, want) in [
            ("fr,en,note", b','),
            ("fr;en;note", b';'),
            ("fr\ten", b'\t'),
            ("\"a;b\",c", b','),
            ("fr", b','),
            ("bead;fr;en;\"x,y\"", b';'),
        ] {
            assert_eq!(delimiter(header), want, "{header:?}");
        }
    }

    #[test]
    fn finds_an_unclosed_quote() {
        for (text, want) in [
            ("fr,en\nA,B\n", None),
            ("fr,en\n\"A\nstill A\",B\n", None),
            ("fr,en\n\"A \"\"x\"\"\",B\n", None),
            ("fr,en\nA,B\n\"C,D\nE,F\n", Some(3)),
            ("fr,en\nl'\"x,B\n", None),
            ("fr;en\n\"A;B\n", Some(2)),
        ] {
            let d = delimiter(text.lines().next().unwrap());
            assert_eq!(unclosed_quote(text, d), want, "{text:?}");
        }
    }
}
