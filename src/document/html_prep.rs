//! HTML source made safe for the parser, in one linear pass: nesting deeper
//! than [`MAX_DEPTH`] elements is flattened (the HTML parser's tree builder
//! scans its stack of open elements at every tag, so a million nested
//! `<div>` would take hours), and a DOCTYPE's internal subset
//! (`<!DOCTYPE html [ … ]>`, which HTML does not have and the parser would
//! end at its first `>`) is removed. Text is never removed: only tags beyond
//! the depth limit are, and the reader says so in a note.
//!
//! The depth is estimated the way the parser would build it, closely enough
//! for real pages: void elements (`<br>`, `<img>` …) and self-closing tags
//! open nothing, an element that implicitly ends its open sibling (`<li>`,
//! `<p>`, `<td>` …) replaces it, and an end tag closes the nearest open
//! element of its name.

use std::borrow::Cow;

use super::skip::{SkipKind, Skipped};

/// The deepest element nesting passed on to the parser. Real pages stay
/// well under 100 levels.
pub const MAX_DEPTH: usize = 256;

/// How far down the stack an end tag looks for the element it closes.
const END_TAG_REACH: usize = 64;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements that close an open `<p>` when they start.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Prepares `html` for the parser; what it changed is noted in `skipped`.
pub fn prepare<'a>(html: &'a str, skipped: &mut Skipped) -> Cow<'a, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Bytes of `html` before `copied` are already in `out`.
    let mut copied = 0;
    let mut stack: Vec<String> = Vec::new();
    // Elements opened beyond MAX_DEPTH, whose tags were dropped.
    let mut beyond = 0usize;
    let mut flattened = 0usize;
    let mut i = 0;
    // Replaces html[from..to] by `with` in the output.
    let replace = |out: &mut Option<String>, copied: &mut usize, from, to, with: &str| {
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[*copied..from]);
        o.push_str(with);
        *copied = to;
    };
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.first() == Some(&b'!') || rest.first() == Some(&b'?') {
            let close = memchr(b'>', rest).map(|e| lt + 1 + e);
            let head = &bytes[lt + 1..close.unwrap_or(bytes.len())];
            let open_bracket = memchr(b'[', head).map(|e| lt + 1 + e);
            let doctype = rest.len() >= 8 && rest[1..8].eq_ignore_ascii_case(b"doctype");
            match (doctype, open_bracket, close) {
                (true, Some(b), _) => {
                    // An internal subset: drop it up to `]` and the `>` after it.
                    let end = find_subset_end(bytes, b + 1);
                    let head = html[lt..b].trim_end();
                    replace(&mut out, &mut copied, lt, end, &format!("{head}>"));
                    skipped.add(SkipKind::Metadata, &html[b..end]);
                    skipped.notes.push(
                        "the DOCTYPE's internal subset ([ … ]) was left out: HTML has none"
                            .to_string(),
                    );
                    i = end;
                }
                (_, _, Some(c)) => i = c + 1,
                (_, _, None) => break,
            }
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_at = lt + 1 + usize::from(end_tag);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace() && **b != b'/' && **b != b'>')
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let Some(gt) = tag_end(bytes, name_at + name_len) else {
            break;
        };
        let tag_end_at = gt + 1;
        let self_closing = gt > 0 && bytes[gt - 1] == b'/';
        if end_tag {
            if beyond > 0 {
                beyond -= 1;
                replace(&mut out, &mut copied, lt, tag_end_at, "");
            } else if let Some(at) = stack
                .iter()
                .rev()
                .take(END_TAG_REACH)
                .position(|open| *open == name)
            {
                stack.truncate(stack.len() - at - 1);
            }
            i = tag_end_at;
            continue;
        }
        let mut next = tag_end_at;
        if RAW_TEXT.contains(&name.as_str()) {
            next = find_end_tag(bytes, tag_end_at, &name).unwrap_or(bytes.len());
        }
        if !(VOID.contains(&name.as_str()) || self_closing || RAW_TEXT.contains(&name.as_str())) {
            if beyond == 0 {
                close_implied(&mut stack, &name);
            }
            if beyond == 0 && stack.len() < MAX_DEPTH {
                stack.push(name);
            } else {
                beyond += 1;
                flattened += 1;
                replace(&mut out, &mut copied, lt, tag_end_at, "");
            }
        }
        i = next;
    }
    if flattened > 0 {
        skipped.notes.push(format!(
            "elements nested deeper than {MAX_DEPTH} levels were flattened \
             ({flattened} tags left out; their text is kept)"
        ));
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

/// Pops the open elements that `name` ends by starting: an open `<p>`
/// before a block, an open sibling (`<li>` before `<li>`, `<td>` before
/// `<td>` or `<tr>` …) with what it holds, as the parser does.
fn close_implied(stack: &mut Vec<String>, name: &str) {
    if CLOSES_P.contains(&name) && stack.last().is_some_and(|t| t == "p") {
        stack.pop();
    }
    let siblings: &[&str] = match name {
        "li" => &["li"],
        "dt" | "dd" => &["dt", "dd"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        "option" => &["option"],
        _ => return,
    };
    // Elements a sibling's end passes through (inline and paragraph-like).
    const THROUGH: &[&str] = &[
        "p", "div", "address", "span", "a", "b", "i", "em", "strong", "small", "u", "s", "font",
        "code", "sub", "sup",
    ];
    loop {
        let found = stack
            .iter()
            .enumerate()
            .rev()
            .take(END_TAG_REACH)
            .take_while(|(_, open)| {
                siblings.contains(&open.as_str()) || THROUGH.contains(&open.as_str())
            })
            .find(|(_, open)| siblings.contains(&open.as_str()))
            .map(|(at, _)| at);
        match found {
            Some(at) => stack.truncate(at),
            None => break,
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The `>` ending a tag whose name ends at `from`, quoted attribute values
/// skipped; `None` when the file ends first.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(from + k),
            None => {}
        }
    }
    None
}

/// Where `</name` starts at or after `from` (ASCII case ignored).
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let n = name.len();
    let mut at = from;
    while let Some(off) = find(bytes, at, b"</") {
        let s = off + 2;
        if bytes.len() >= s + n && bytes[s..s + n].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(off);
        }
        at = off + 2;
    }
    None
}

/// Just past the `>` that follows the `]` ending an internal subset which
/// starts at `from`; the end of the input when there is none.
fn find_subset_end(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(off) = memchr(b']', &bytes[at..]) {
        let close = at + off;
        let after = bytes[close + 1..]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|p| close + 1 + p);
        match after {
            Some(p) if bytes[p] == b'>' => return p + 1,
            Some(_) => at = close + 1,
            None => return bytes.len(),
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(html: &str) -> (String, Skipped) {
        let mut s = Skipped::default();
        let out = prepare(html, &mut s).into_owned();
        (out, s)
    }

    #[test]
    fn ordinary_pages_pass_unchanged() {
        for page in [
            "<!DOCTYPE html><html><body><p>One<p>Two<ul><li>a<li>b</ul></body></html>",
            "<table><tr><td>1<td>2<tr><td>3</table><br><img src='a>b'>",
            "<script>if (a < b && '<div>') {}</script><!-- <div> --><p>x</p>",
        ] {
            assert_eq!(prep(page), (page.to_string(), Skipped::default()), "{page}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let n = MAX_DEPTH + 50;
        let page = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        let (out, s) = prep(&page);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep"));
        assert_eq!(s.notes.len(), 1);
        assert!(s.notes[0].contains("50 tags"), "{:?}", s.notes);
    }

    #[test]
    fn many_unclosed_list_items_and_paragraphs_are_not_deep() {
        let page = format!("<ul>{}</ul>", "<li><p>item".repeat(5 * MAX_DEPTH));
        assert!(prep(&page).0 == page, "tags were dropped");
        let table = format!(
            "<table>{}</table>",
            "<tr><td><p>a<td>b".repeat(5 * MAX_DEPTH)
        );
        assert!(prep(&table).0 == table, "tags were dropped");
    }

    #[test]
    fn doctype_internal_subset_is_left_out() {
        let (out, s) = prep("<!DOCTYPE html [ <!ENTITY x \"a>b\"> ]><p>Text</p>");
        assert_eq!(out, "<!DOCTYPE html><p>Text</p>");
        assert_eq!(s.texts[0].0, SkipKind::Metadata);
        assert_eq!(s.notes.len(), 1);
    }
}
