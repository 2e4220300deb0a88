//! Name keys: the transliteration key of a name ([`translit_key`]), its
//! consonant skeleton, and the similarity of two names built on them.

use crate::text::{self};

/// Arabic articles dropped from the front of a word by [`translit_key`].
pub(super) const ARTICLES: &[&str] = &[
    "al", "el", "as", "ad", "ash", "ar", "an", "at", "az", "ez", "es", "ed",
];

/// Letter groups rewritten by [`translit_key`], in order (French and English
/// transliterations of Arabic names: `ou`/`u`, `q`/`k`, `e`/`a`, `y`/`i` …).
pub(super) const REWRITES: &[(&str, &str)] = &[
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("kh", "k"),
    ("q", "k"),
    ("c", "k"),
    ("e", "a"),
    ("y", "i"),
    ("j", "dj"),
];

/// The transliteration key of a name: folded, Arabic articles dropped from
/// the front of each word (`al-`, `el-`, `as-` …), letter groups rewritten
/// (`REWRITES`: `ou`→`u`, `q`→`k`, `e`→`a`, `y`→`i` …) and doubled letters
/// made single; words run together.
pub fn translit_key(name: &str) -> String {
    let keys: Vec<String> = text::tokens(name).into_iter().map(|t| t.key).collect();
    let mut out = String::new();
    for (i, k) in keys.iter().enumerate() {
        if keys.len() > 1 && i + 1 < keys.len() && ARTICLES.contains(&k.as_str()) {
            continue;
        }
        out.push_str(k);
    }
    for (from, to) in REWRITES {
        out = out.replace(from, to);
    }
    let mut single = String::with_capacity(out.len());
    for c in out.chars() {
        if !single.ends_with(c) {
            single.push(c);
        }
    }
    single
}

/// The consonant skeleton of a transliteration key: vowels (and `h`, `w`)
/// dropped except a leading one (`knaikara` → `knkr`, `kanakar` → `knkr`).
pub fn skeleton(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if i == 0 || !"aeiouyhw".contains(c) {
            out.push(c);
        }
    }
    out
}

/// How alike two names are as renderings of each other, in [0, 1]: 0.95
/// for equal transliteration keys, 0.9 for equal consonant skeletons
/// (three consonants or more) or acronyms with the same letters, else the
/// Jaro–Winkler similarity of the keys (0 when their lengths differ by more
/// than a factor 1.6).
pub fn similarity(fr: &str, en: &str) -> f64 {
    NameKeys::new(fr).similarity(&NameKeys::new(en))
}

/// What [`similarity`] compares of a name, computed once per mention when
/// one name is compared with many.
pub(super) struct NameKeys {
    /// [`translit_key`].
    pub(super) key: String,
    /// Its length in characters.
    pub(super) len: usize,
    /// The consonant [`skeleton`] of the key.
    pub(super) skeleton: String,
    /// For an acronym (two letters or more, no lower case), its letters
    /// and digits folded and sorted.
    pub(super) acronym: Option<Vec<char>>,
}

impl NameKeys {
    pub(super) fn new(name: &str) -> NameKeys {
        let key = translit_key(name);
        let is_acronym = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !name.chars().any(char::is_lowercase);
        let acronym = is_acronym.then(|| {
            let mut v: Vec<char> = text::fold(name)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            v.sort_unstable();
            v
        });
        NameKeys {
            len: key.chars().count(),
            skeleton: skeleton(&key),
            key,
            acronym,
        }
    }

    pub(super) fn similarity(&self, other: &NameKeys) -> f64 {
        let (a, b) = (&self.key, &other.key);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        if a == b {
            return 0.95;
        }
        if let (Some(x), Some(y)) = (&self.acronym, &other.acronym) {
            return if x == y { 0.9 } else { 0.0 };
        }
        let (la, lb) = (self.len as f64, other.len as f64);
        if la.max(lb) > 1.6 * la.min(lb) {
            return 0.0;
        }
        if self.skeleton == other.skeleton && self.skeleton.chars().count() >= 3 {
            return 0.9;
        }
        strsim::jaro_winkler(a, b)
    }
}

/// How alike two words are as cognates: the better of their
/// [`similarity`] and the Jaro–Winkler similarity of their consonant
/// skeletons, when both skeletons have three letters or more
/// (`conseil`/`council`: `knsl`/`knkl`).
pub(super) fn cognate(a: &str, b: &str) -> f64 {
    let s = similarity(a, b);
    let (ka, kb) = (skeleton(&translit_key(a)), skeleton(&translit_key(b)));
    if ka.chars().count() >= 3 && kb.chars().count() >= 3 {
        s.max(strsim::jaro_winkler(&ka, &kb))
    } else {
        s
    }
}
