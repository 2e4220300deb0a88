//! Template markup that static-site generators expand before a page is
//! published, removed from the source so it never becomes a sentence:
//!
//! - Liquid (Jekyll): tags `{% … %}` and outputs `{{ … }}` are removed;
//!   `{% comment %}…{% endcomment %}` with what it holds; `{% raw %}` keeps
//!   what it holds; `{% highlight %}…{% endhighlight %}` is code. An
//!   `{% include … content="…" %}` is replaced by its `content` parameter:
//!   that is the visible text the include shows (a box, a call-out), and
//!   it is translated like the rest of the page.
//! - kramdown: attribute lists (`{: .class}`, `{:.right width="50%"}`,
//!   heading ids `{#context}`, `{.class}`) are removed; the extensions
//!   `{::nomarkdown}` and `{:/nomarkdown}` (or `{:/}`) are removed and what
//!   they hold is kept (usually HTML, read as such); `{::comment}…{:/comment}`
//!   is removed with what it holds; `{::options … /}` is removed.
//!
//! One pass, linear in the length of the text.

use super::skip::{SkipKind, Skipped};

/// `text` without its template markup; what was removed is counted in
/// `skipped`.
pub fn strip(text: &str, skipped: &mut Skipped) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Set once a closing delimiter is known to be absent from the rest of
    // the text, so that a text full of `{%` stays linear.
    let mut no_tag_end = false;
    let mut no_output_end = false;
    // Block ends (`endcomment`, `endhighlight`, `{:/comment}`) known absent.
    let mut missing: Vec<&str> = Vec::new();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let at = &rest[open..];
        if at.starts_with("{%") && !no_tag_end {
            let Some(close) = at.find("%}") else {
                no_tag_end = true;
                out.push('{');
                rest = &at[1..];
                continue;
            };
            let tag = &at[..close + 2];
            let inner = tag[2..tag.len() - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
            let name = inner.split_whitespace().next().unwrap_or("");
            let after = &at[close + 2..];
            match name {
                "comment" | "highlight" => {
                    let end_name = if name == "comment" {
                        "endcomment"
                    } else {
                        "endhighlight"
                    };
                    let kind = if name == "comment" {
                        SkipKind::Template
                    } else {
                        SkipKind::Code
                    };
                    let found = if missing.contains(&end_name) {
                        None
                    } else {
                        find_tag(after, end_name)
                    };
                    if found.is_none() {
                        missing.push(end_name);
                    }
                    match found {
                        Some((body_end, tag_end)) => {
                            skipped.add(kind, &after[..body_end]);
                            rest = &after[tag_end..];
                        }
                        None => {
                            skipped.add(SkipKind::Template, tag);
                            rest = after;
                        }
                    }
                }
                "include" | "include_relative" => {
                    skipped.add(SkipKind::Template, tag);
                    if let Some(content) = parameter(inner, "content") {
                        out.push_str(&content);
                    }
                    rest = after;
                }
                _ => {
                    skipped.add(SkipKind::Template, tag);
                    rest = after;
                }
            }
            continue;
        }
        if at.starts_with("{{") && !no_output_end {
            match at.find("}}") {
                Some(close) => {
                    skipped.add(SkipKind::Template, &at[..close + 2]);
                    rest = &at[close + 2..];
                }
                None => {
                    no_output_end = true;
                    out.push('{');
                    rest = &at[1..];
                }
            }
            continue;
        }
        if let Some(len) = kramdown(at) {
            let markup = &at[..len];
            if markup.starts_with("{::comment}") && !missing.contains(&"{:/comment}") {
                let body = &at[len..];
                let end = ["{:/comment}", "{:/}"]
                    .iter()
                    .filter_map(|e| body.find(e).map(|p| (p, p + e.len())))
                    .min();
                if end.is_none() {
                    missing.push("{:/comment}");
                }
                if let Some((body_end, end)) = end {
                    skipped.add(SkipKind::Comment, &body[..body_end]);
                    rest = &body[end..];
                    continue;
                }
            }
            skipped.add(SkipKind::Template, markup);
            rest = &at[len..];
            continue;
        }
        out.push('{');
        rest = &at[1..];
    }
    out.push_str(rest);
    out
}

/// Where the `{% name %}` tag starts in `text` and where it ends.
fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(p) = text[at..].find("{%") {
        let start = at + p;
        let close = text[start..].find("%}")? + start + 2;
        let inner =
            text[start + 2..close - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if inner == name {
            return Some((start, close));
        }
        at = close;
    }
    None
}

/// The value of `name="…"` (or `'…'`) in a Liquid tag's inside.
fn parameter(inner: &str, name: &str) -> Option<String> {
    let mut at = 0;
    while let Some(p) = inner[at..].find(name) {
        let start = at + p;
        let after = inner[start + name.len()..].trim_start();
        let preceded = start == 0 || inner[..start].ends_with(char::is_whitespace);
        if let (true, Some(value)) = (preceded, after.strip_prefix('=')) {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|&q| q == '"' || q == '\'')?;
            let body = &value[1..];
            return Some(body[..body.find(quote)?].to_string());
        }
        at = start + name.len();
    }
    None
}

/// The length of the kramdown markup `text` opens with: an attribute list
/// (`{: …}`, `{#id …}`, `{.class …}`) or an extension (`{::name}`,
/// `{::name … /}`, `{:/name}`, `{:/}`), all on one line; `None` for other
/// text (a brace in prose, JSON, a set).
fn kramdown(text: &str) -> Option<usize> {
    // Markup is short: look no further than this many bytes.
    const REACH: usize = 400;
    let mut reach = text.len().min(REACH);
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let line = &text[..text[..reach].find('\n').unwrap_or(reach)];
    let close = line.find('}')?;
    let inside = &line[1..close];
    let ok = if let Some(ext) = inside.strip_prefix("::") {
        ext.starts_with(|c: char| c.is_ascii_alphabetic())
    } else if let Some(end) = inside.strip_prefix(":/") {
        end.chars().all(|c| c.is_ascii_alphabetic())
    } else if let Some(attrs) = inside.strip_prefix(':') {
        attrs.trim().is_empty() || attributes(attrs)
    } else if inside.starts_with('#') || inside.starts_with('.') {
        attributes(inside)
    } else {
        false
    };
    ok.then_some(close + 1)
}

/// Whether `attrs` reads as an attribute list: `#id`, `.class`, `key="v"`,
/// `key=v` and reference names, separated by spaces.
fn attributes(attrs: &str) -> bool {
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '%' | '.'))
    };
    let mut words = 0;
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        let tail = if let Some(eq) = rest
            .find('=')
            .filter(|&e| rest[..e].chars().all(|c| !c.is_whitespace()) && !rest[..e].is_empty())
        {
            let value = &rest[eq + 1..];
            let end = match value.chars().next() {
                Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                    Some(p) => p + 2,
                    None => return false,
                },
                _ => value.find(char::is_whitespace).unwrap_or(value.len()),
            };
            if !ident(&rest[..eq]) {
                return false;
            }
            &value[end..]
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let name = word
                .strip_prefix('#')
                .or(word.strip_prefix('.'))
                .unwrap_or(word);
            if !ident(name) {
                return false;
            }
            &rest[end..]
        };
        words += 1;
        rest = tail.trim_start();
    }
    words > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_markup_is_removed_and_content_kept() {
        let cases: &[(&str, &str)] = &[
            ("# Context {#context}\n", "# Context \n"),
            ("Text.\n{: .right width=\"50%\"}\n", "Text.\n\n"),
            ("![x](a.png){:.right width=300}", "![x](a.png)"),
            ("{::nomarkdown}<p>Hi</p>{:/nomarkdown}", "<p>Hi</p>"),
            ("{::nomarkdown}\n<p>Hi</p>\n{:/}", "\n<p>Hi</p>\n"),
            ("a{::comment}secret{:/comment}b", "ab"),
            ("{::options parse_block_html=\"true\" /}\nText", "\nText"),
            ("Hello {{ page.title }}!", "Hello !"),
            (
                "{% include box.html title=\"Note\" content=\"Read this first.\" %}",
                "Read this first.",
            ),
            ("{% include toc.html %}After", "After"),
            ("a {% comment %} hidden {% endcomment %} b", "a  b"),
            ("{% raw %}{x}{% endraw %}", "{x}"),
            ("{% highlight rust %}fn main() {}{% endhighlight %}", ""),
            // Prose and data braces stay.
            (
                "A set {a, b} and {1} and {% not closed",
                "A set {a, b} and {1} and {% not closed",
            ),
            ("{\"key\": 1}", "{\"key\": 1}"),
            (
                "Braces {: in prose, like this}",
                "Braces {: in prose, like this}",
            ),
        ];
        for (text, want) in cases {
            let mut s = Skipped::default();
            assert_eq!(strip(text, &mut s), *want, "{text:?}");
        }
    }

    #[test]
    fn what_is_removed_is_counted() {
        let mut s = Skipped::default();
        strip(
            "{% include a.html %}{: .x}{% highlight %}code{% endhighlight %}",
            &mut s,
        );
        assert_eq!(s.tally[&SkipKind::Template].pieces, 2);
        assert_eq!(s.tally[&SkipKind::Code].chars, 4);
    }
}
