//! Page chrome told by its words: the rules of `chrome.txt` (skip links,
//! language toggle, search labels, "Date modified", "Report a problem" …,
//! in English and French), loaded once.

use std::sync::OnceLock;

use crate::text::fold;

/// The rules, parsed once.
struct Rules {
    block: Vec<String>,
    link: Vec<String>,
    prefix: Vec<String>,
    class: Vec<String>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut r = Rules {
            block: Vec::new(),
            link: Vec::new(),
            prefix: Vec::new(),
            class: Vec::new(),
        };
        for line in include_str!("chrome.txt").lines() {
            let Some((rule, text)) = line.split_once('\t') else {
                continue;
            };
            let list = match rule {
                "block" => &mut r.block,
                "link" => &mut r.link,
                "prefix" => &mut r.prefix,
                "class" => &mut r.class,
                _ => continue,
            };
            list.push(if rule == "class" {
                text.to_string()
            } else {
                key(text)
            });
        }
        r
    })
}

/// The comparison key of a text: folded (case and accents), white space
/// collapsed, final punctuation and quotes unified.
fn key(text: &str) -> String {
    let folded = fold(text)
        .replace(['«', '»', '“', '”'], "\"")
        .replace(['\u{a0}', '\u{202f}'], " ");
    let words: Vec<&str> = folded.split_whitespace().collect();
    let joined = words.join(" ").replace("\" ", "\"").replace(" \"", "\"");
    joined
        .trim_end_matches(|c: char| matches!(c, ':' | '.' | '!' | '?') || c.is_whitespace())
        .to_string()
}

/// Longest block (in characters) the word rules look at: chrome is short.
const MAX_CHARS: usize = 80;

/// Whether a block whose text is `text` is page chrome; `all_link` says
/// whether all of its text lies inside links.
pub fn is_chrome_text(text: &str, all_link: bool) -> bool {
    if text.chars().count() > MAX_CHARS {
        return false;
    }
    let k = key(text);
    if k.is_empty() {
        return false;
    }
    let r = rules();
    if r.block.contains(&k) || (all_link && r.link.contains(&k)) {
        return true;
    }
    r.prefix.iter().any(|p| {
        k.strip_prefix(p.as_str()).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            rest.len() <= 40 && rest.chars().any(|c| c.is_ascii_digit())
        })
    })
}

/// Whether an element with this id and these class names is a chrome
/// container.
pub fn is_chrome_name<'a>(id: Option<&str>, classes: impl Iterator<Item = &'a str>) -> bool {
    let r = rules();
    let hit = |name: &str| {
        let name = name.to_ascii_lowercase();
        r.class.iter().any(|c| name.contains(c.as_str()))
    };
    id.is_some_and(hit) || classes.into_iter().any(hit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_words_in_both_languages() {
        let cases: &[(&str, bool, bool)] = &[
            ("Skip to main content", false, true),
            ("Passer au contenu principal", false, true),
            ("Passer à « Au sujet du gouvernement »", false, true),
            ("Skip to \"About government\"", false, true),
            ("Français", true, true),
            ("Français", false, false),
            ("English", true, true),
            ("Date modified: 2020-11-23", false, true),
            ("Date de modification :\u{a0}2020-11-23", false, true),
            ("Date modified", false, false),
            ("Report a problem or mistake on this page", false, true),
            ("You are here:", false, true),
            ("Vous êtes ici :", false, true),
            (
                "The date modified field records the last change, 2020.",
                false,
                false,
            ),
            ("Search the archive for earlier reports.", false, false),
        ];
        for (text, link, want) in cases {
            assert_eq!(is_chrome_text(text, *link), *want, "{text:?} link={link}");
        }
    }

    #[test]
    fn chrome_containers_by_id_and_class() {
        assert!(is_chrome_name(Some("wb-lng"), std::iter::empty()));
        assert!(is_chrome_name(None, ["row", "pagedetails"].into_iter()));
        assert!(is_chrome_name(None, ["gc-Breadcrumbs"].into_iter()));
        assert!(!is_chrome_name(Some("context"), ["lead"].into_iter()));
    }
}
