//! Front matter: the metadata static-site generators (Jekyll, Hugo,
//! Eleventy) read from the top of a Markdown or HTML file — YAML between
//! `---` lines, TOML between `+++` lines. It is metadata, not text.

/// Splits `text` into its front matter (the delimiters included) and the
/// rest; `None` when the file opens with none.
///
/// The opening delimiter must be the first line and the closing one (`---`
/// or `...` for YAML, `+++` for TOML) a line of its own; the first line
/// inside must read like YAML (`key:`) or TOML (`key =`, `[table]`), so that
/// a Markdown rule (`---`) opening a file is not mistaken for front matter.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let (yaml, first_len) = if let Some(rest) = text.strip_prefix("---") {
        (true, 3 + line_rest(rest)?)
    } else if let Some(rest) = text.strip_prefix("+++") {
        (false, 3 + line_rest(rest)?)
    } else {
        return None;
    };
    let mut at = first_len;
    let mut first_content = true;
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
        let line = text[at..line_end].trim_end();
        let closes = if yaml {
            line == "---" || line == "..."
        } else {
            line == "+++"
        };
        if closes {
            return Some((&text[..line_end], &text[line_end..]));
        }
        let content = line.trim_start();
        if first_content && !content.is_empty() && !content.starts_with('#') {
            if !(if yaml {
                looks_like_yaml(content)
            } else {
                looks_like_toml(content)
            }) {
                return None;
            }
            first_content = false;
        }
        at = line_end;
    }
    None
}

/// The length of the rest of the first line (its line break included) when
/// it holds only white space.
fn line_rest(rest: &str) -> Option<usize> {
    let end = rest.find('\n').map_or(rest.len(), |e| e + 1);
    rest[..end].trim().is_empty().then_some(end)
}

fn looks_like_yaml(line: &str) -> bool {
    let key_len = line.find(':').filter(|&k| k > 0).filter(|&k| {
        let key = line[..k].trim_matches(|c| c == '"' || c == '\'');
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
    });
    key_len.is_some_and(|k| line[k + 1..].is_empty() || line[k + 1..].starts_with(' '))
        || line.starts_with("- ")
}

fn looks_like_toml(line: &str) -> bool {
    (line.starts_with('[') && line.ends_with(']'))
        || line.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
        })
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn front_matter_is_told_from_text() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "---\ntitle: A\n# comment\nlayout: void\n---\n# Body\n",
                Some("# Body\n"),
            ),
            ("---\r\ntitle: A\n...\nBody", Some("Body")),
            ("+++\ntitle = \"A\"\n[extra]\n+++\nBody", Some("Body")),
            ("---\n\"title\": x\n---", Some("")),
            // A rule, then text: no front matter.
            ("---\nSome text here.\n---\nMore", None),
            ("---\ntitle: never closed\n", None),
            ("--- \n\nchangelog:\n  - a\n---\nBody", Some("Body")),
            ("Text\n---\ntitle: A\n---\n", None),
        ];
        for (text, body) in cases {
            assert_eq!(split(text).map(|(_, b)| b), *body, "{text:?}");
        }
    }
}
