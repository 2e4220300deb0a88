//! Numbers compared as values, and their units: `number_mismatch` and
//! `unit_mismatch`.
//!
//! Each side of a bead is read into [`Quantity`]s: numbers in digits (either
//! convention, [`crate::text::number_key`]), numbers written as words
//! (`douze`, `vingt-cinq`, `twenty-one`, `one hundred`), scale words after a
//! number (`1,36 milliard` = `1.36 billion` = `1,360 million`), ordinals
//! (`1er`, `1st`, `first`), times of day (`15 h`, `15h30`, `3 pm`), decades
//! (`1990s`) and the unit that follows (or, for a currency sign, precedes)
//! the number. The words come from `numbers.tsv` and `units.tsv` beside this
//! file.
//!
//! A number in digits is *strong*: when the other side has no quantity of
//! the same value, it is a finding. A number in words is *weak*: it can
//! match a number in digits on the other side, but its absence is not a
//! finding (`un`, `one` and `second` are more often words than numbers).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::segment::Lang;
use crate::text::{self, fold, Token, TokenKind};

/// How a number word counts (see `numbers.tsv`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Add,
    Hundred,
    Scale,
    Ordinal,
}

/// A unit of `units.tsv`.
#[derive(Debug, Clone)]
struct Unit {
    name: String,
    dimension: String,
    factor: f64,
}

/// The language data, parsed once.
struct Data {
    /// (language, folded word) → (value, role).
    words: HashMap<(Lang, String), (f64, Role)>,
    /// Folded form (words joined by one space) → unit indices.
    forms: HashMap<String, Vec<usize>>,
    units: Vec<Unit>,
    /// Most words in a unit form.
    longest: usize,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut words = HashMap::new();
        for line in data_lines(include_str!("numbers.tsv")) {
            let cells: Vec<&str> = line.split('\t').collect();
            let lang = if cells[0] == "fr" { Lang::Fr } else { Lang::En };
            let role = match cells[3] {
                "add" => Role::Add,
                "hundred" => Role::Hundred,
                "scale" => Role::Scale,
                _ => Role::Ordinal,
            };
            let value: f64 = cells[2].parse().expect("numbers.tsv: a number");
            words.insert((lang, cells[1].to_string()), (value, role));
        }
        let mut units: Vec<Unit> = Vec::new();
        let mut forms: HashMap<String, Vec<usize>> = HashMap::new();
        let mut longest = 1;
        for line in data_lines(include_str!("units.tsv")) {
            let cells: Vec<&str> = line.split('\t').collect();
            let factor: f64 = cells[3].parse().expect("units.tsv: a factor");
            let id = match units.iter().position(|u| u.name == cells[1]) {
                Some(id) => id,
                None => {
                    units.push(Unit {
                        name: cells[1].to_string(),
                        dimension: cells[2].to_string(),
                        factor,
                    });
                    units.len() - 1
                }
            };
            longest = longest.max(cells[0].split(' ').count());
            let ids = forms.entry(cells[0].to_string()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Data {
            words,
            forms,
            units,
            longest,
        }
    })
}

/// The non-comment, non-blank lines of a data file.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A number found in a text, with what was read around it.
#[derive(Debug, Clone)]
pub(crate) struct Quantity {
    /// The value, scale applied (`1,36 milliard` → 1.36e9).
    pub value: f64,
    /// Other values it may stand for (`3 pm` → 15).
    pub alts: Vec<f64>,
    /// The number as written, before a scale word.
    pub mantissa: f64,
    /// The scale word's factor (1 when none).
    pub scale: f64,
    /// Indices into the unit table (several when the form is ambiguous).
    pub units: Vec<usize>,
    /// Written in digits.
    pub strong: bool,
    /// Byte span in the text.
    pub span: (usize, usize),
}

impl Quantity {
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.value).chain(self.alts.iter().copied())
    }

    fn same_value(&self, other: &Quantity) -> bool {
        self.values()
            .any(|a| other.values().any(|b| close(a, b, 1e-9)))
    }

    /// Whether the two are the same amount in two units of one dimension
    /// (922 kg and 2,032 pounds), within 1.5 %.
    fn converts_to(&self, other: &Quantity) -> bool {
        let d = data();
        self.units.iter().any(|&a| {
            other.units.iter().any(|&b| {
                let (ua, ub) = (&d.units[a], &d.units[b]);
                a != b
                    && ua.dimension == ub.dimension
                    && ua.factor > 0.0
                    && ub.factor > 0.0
                    && close(self.value * ua.factor, other.value * ub.factor, 0.015)
            })
        })
    }

    /// Both units known and none shared.
    fn unit_differs(&self, other: &Quantity) -> bool {
        !self.units.is_empty()
            && !other.units.is_empty()
            && !self.units.iter().any(|u| other.units.contains(u))
    }

    fn unit_name(&self) -> String {
        let d = data();
        self.units
            .first()
            .map_or_else(String::new, |&u| d.units[u].name.clone())
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + 1e-9
}

/// Reads the quantities of a text.
pub(crate) fn quantities(text: &str, lang: Lang) -> Vec<Quantity> {
    let tokens = text::tokens(text);
    let mut out = digit_quantities(text, &tokens, lang);
    out.extend(word_quantities(text, &tokens, lang));
    out.sort_by_key(|q| q.span);
    share_scale(text, &mut out);
    out
}

/// In a range, the scale and unit of the second number are the first's
/// too (`entre 12 et 16 mille roubles`, `1 to 1.5 billion`): the first
/// number may also stand for its value at that scale.
fn share_scale(text: &str, qs: &mut [Quantity]) {
    for k in 1..qs.len() {
        let (a, b) = (&qs[k - 1], &qs[k]);
        if a.scale != 1.0 || b.scale == 1.0 || a.span.1 > b.span.0 {
            continue;
        }
        let gap = text[a.span.1..b.span.0].trim();
        // The second number's minus sign (`-5 et -10`) is not the connector.
        let word = gap.strip_suffix(['-', '−']).unwrap_or(gap).trim();
        let connector = |g: &str| {
            matches!(
                g,
                "et" | "à" | "a" | "ou" | "-" | "–" | "—" | "to" | "and" | "or"
            )
        };
        if !connector(gap) && !connector(word) {
            continue;
        }
        let (scale, units) = (b.scale, b.units.clone());
        let a = &mut qs[k - 1];
        a.alts.push(a.value * scale);
        if a.units.is_empty() {
            a.units = units;
        }
    }
}

/// Numbers written with digits.
fn digit_quantities(text: &str, tokens: &[Token], lang: Lang) -> Vec<Quantity> {
    let d = data();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or(text.len(), |x| x.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if !c.is_ascii_digit() {
            k += 1;
            continue;
        }
        let glued_before = k > 0 && chars[k - 1].1.is_alphanumeric();
        let end = text::scan_number(&chars, k);
        let mut suffix_end = end;
        while suffix_end < chars.len() && chars[suffix_end].1.is_alphabetic() {
            suffix_end += 1;
        }
        if glued_before {
            k = suffix_end.max(k + 1);
            continue;
        }
        let (start, stop) = (at(k), at(end));
        // `20.12.2012`, `20/12/2012`: a date, read as its day, month and year.
        if let Some((date, next)) = date(text, &chars, k) {
            out.extend(date);
            k = next;
            continue;
        }
        // `6'7"`: feet and inches, read as feet.
        if let Some((q, next)) = feet_inches(text, &chars, k, end) {
            out.push(q);
            k = next;
            continue;
        }
        let key = text::number_key(&text[start..stop]);
        let Ok(mut value) = key.parse::<f64>() else {
            k = suffix_end.max(k + 1);
            continue;
        };
        let suffix = fold(&text[stop..at(suffix_end)]);
        let mut next = suffix_end;
        let mut alts = Vec::new();
        let mut units = Vec::new();
        let mut scale = 1.0;
        let mantissa = value;
        let currency_before = currency_before(text, start);
        match suffix.as_str() {
            "" => {}
            // `15h`, `15h30`: a time of day.
            "h" => {
                units = d.forms.get("h").cloned().unwrap_or_default();
                let mut j = suffix_end;
                while j < chars.len() && chars[j].1.is_ascii_digit() {
                    j += 1;
                }
                if j > suffix_end && j - suffix_end == 2 {
                    let minutes: f64 = text::number_key(&text[at(suffix_end)..at(j)])
                        .parse()
                        .unwrap_or(0.0);
                    // `6h30` is also `6.30` (British times) and `6.5` hours.
                    alts.push(value + minutes / 100.0);
                    alts.push(value + minutes / 60.0);
                    out.push(weak(minutes, (at(suffix_end), at(j))));
                    next = j;
                }
            }
            // `1990s`
            "s" => {}
            // `9pm`, `9am`
            "pm" if value < 12.0 => alts.push(value + 12.0),
            "am" | "pm" => {}
            // `1er`, `21st`, and French plurals (`8es`, `3èmes`)
            s if text::ordinal_key(&format!("1{s}")).is_some()
                || (lang == Lang::Fr
                    && s.strip_suffix('s')
                        .is_some_and(|s| text::ordinal_key(&format!("1{s}")).is_some())) => {}
            s => match d.words.get(&(lang, s.to_string())) {
                Some(&(f, Role::Scale)) => {
                    scale = f;
                    value *= f;
                }
                _ => match d.forms.get(s) {
                    Some(u) => units = u.clone(),
                    // `4x4`, `3D`, `5G`: a word, not a number.
                    None => {
                        k = suffix_end;
                        continue;
                    }
                },
            },
        }
        let mut q = Quantity {
            value,
            alts: Vec::new(),
            mantissa,
            scale,
            units,
            strong: true,
            span: (start, at(next).max(stop)),
        };
        if suffix == "h" && (13.0..24.0).contains(&mantissa) {
            alts.push(mantissa - 12.0);
        }
        q.alts.extend(alts);
        follow(text, tokens, lang, &mut q, at(next), currency_before);
        // A year written with two digits (`80`, `the 90s`) may be 1980.
        if (10.0..100.0).contains(&q.value)
            && q.value.fract() == 0.0
            && q.scale == 1.0
            && q.units.is_empty()
        {
            q.alts.push(1900.0 + q.value);
            if q.value < 30.0 {
                q.alts.push(2000.0 + q.value);
            }
        }
        out.push(q);
        k = next.max(k + 1);
    }
    out
}

/// The currency sign just before byte `start` (`$5`, `US$ 5`, `€ 12`).
fn currency_before(text: &str, start: usize) -> Option<Vec<usize>> {
    let before = text[..start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    let c = before
        .chars()
        .next_back()
        .filter(|c| !c.is_alphanumeric())?;
    data().forms.get(c.to_string().as_str()).cloned()
}

/// Reads what follows a number ending at byte `end`: a scale word, a unit,
/// `pm`; and a currency sign before it.
fn follow(
    text: &str,
    tokens: &[Token],
    lang: Lang,
    q: &mut Quantity,
    end: usize,
    currency_before: Option<Vec<usize>>,
) {
    let d = data();
    let mut i = tokens.partition_point(|t| t.start < end);
    let mut pos = end;
    let adjacent = |pos: usize, t: &Token| {
        text[pos..t.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    };
    // A scale word.
    if q.scale == 1.0 {
        if let Some(t) = tokens.get(i) {
            if t.kind == TokenKind::Word && adjacent(pos, t) {
                if let Some(&(f, Role::Scale)) = d.words.get(&(lang, t.key.clone())) {
                    // `k`, `m`, `bn` after a space are units or letters, not scales.
                    if t.key.chars().count() > 3 {
                        q.scale = f;
                        q.value *= f;
                        pos = t.end;
                        i += 1;
                        // `2 millions et demi`
                        if let Some(n) = half(tokens, i) {
                            q.mantissa += 0.5;
                            q.value += 0.5 * f;
                            pos = tokens[i + n - 1].end;
                            i += n;
                        }
                    }
                }
            }
        }
    }
    // A sign straight after: `5 %`, `12 €`, `12$`.
    let rest = text[pos..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    if let Some(c) = rest.chars().next().filter(|c| !c.is_alphanumeric()) {
        if let Some(u) = d.forms.get(c.to_string().as_str()) {
            q.units = u.clone();
        }
    }
    if q.units.is_empty() {
        // `de`/`of` between a scale word and its unit (`2 millions de dollars`).
        if q.scale > 1.0 {
            if let Some(t) = tokens.get(i) {
                if (t.key == "de" || t.key == "of") && adjacent(pos, t) {
                    pos = t.end;
                    i += 1;
                }
            }
        }
        // Elided `d’` leaves no token: the unit may start right away.
        for n in (1..=d.longest).rev() {
            let Some(run) = tokens.get(i..i + n) else {
                continue;
            };
            let mut ok = run.iter().all(|t| t.kind == TokenKind::Word);
            let mut p = pos;
            for t in run {
                let gap = &text[p..t.start];
                ok &= gap.chars().all(|c| c.is_whitespace() || "-/’'".contains(c));
                p = t.end;
            }
            if !ok {
                continue;
            }
            let form: Vec<&str> = run.iter().map(|t| t.key.as_str()).collect();
            if let Some(u) = d.forms.get(&form.join(" ")) {
                q.units = u.clone();
                break;
            }
        }
        // `3 pm`, `3 p.m.`
        if lang == Lang::En {
            let r = rest.to_ascii_lowercase();
            if (r.starts_with("pm") || r.starts_with("p.m")) && q.value < 12.0 {
                q.alts.push(q.value + 12.0);
            }
        }
    }
    if q.units.is_empty() {
        if let Some(u) = currency_before {
            q.units = u;
        }
    }
    finale(tokens, i, lang, q);
    if lang == Lang::Fr
        && q.units.iter().any(|&u| d.units[u].name == "h")
        && (13.0..24.0).contains(&q.value)
        && !q.alts.contains(&(q.value - 12.0))
    {
        q.alts.push(q.value - 12.0);
    }
}

/// Numbers written as words (`vingt-cinq`, `twenty one`, `deux cents`),
/// ordinals in words (`premier`, `third`) and bare scale words (`million`).
fn word_quantities(text: &str, tokens: &[Token], lang: Lang) -> Vec<Quantity> {
    let d = data();
    let word = |t: &Token| -> Option<(f64, Role)> {
        if t.kind != TokenKind::Word || t.key.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        d.words.get(&(lang, t.key.clone())).copied()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((v, role)) = word(&tokens[i]) else {
            if let Some(v) = roman_ordinal(&text[tokens[i].start..tokens[i].end]) {
                out.push(weak(v, (tokens[i].start, tokens[i].end)));
            }
            i += 1;
            continue;
        };
        // A scale word straight after digits belongs to them.
        if role == Role::Scale && i > 0 && tokens[i - 1].kind == TokenKind::Number {
            i += 1;
            continue;
        }
        let start = tokens[i].start;
        if role == Role::Ordinal {
            let mut q = weak(v, (start, tokens[i].end));
            finale(tokens, i + 1, lang, &mut q);
            out.push(q);
            i += 1;
            continue;
        }
        let (mut total, mut cur, mut scale) = (0.0, 0.0, 1.0);
        let mut j = i;
        let mut end = tokens[i].end;
        while j < tokens.len() {
            let Some((v, role)) = word(&tokens[j]) else {
                break;
            };
            match role {
                Role::Add if lang == Lang::Fr && v == 20.0 && cur == 4.0 => cur = 80.0,
                Role::Add => cur += v,
                Role::Hundred => cur = cur.max(1.0) * v,
                Role::Scale => {
                    total += cur.max(1.0) * v;
                    cur = 0.0;
                    scale = v;
                }
                Role::Ordinal => break,
            }
            end = tokens[j].end;
            j += 1;
            // `deux millions et demi`, `one and a half thousand`
            if let Some(n) = half(tokens, j) {
                if cur > 0.0 {
                    cur += 0.5;
                } else {
                    total += 0.5 * scale;
                }
                end = tokens[j + n - 1].end;
                j += n;
                continue;
            }
            // `vingt et un`, `soixante et onze`, `one hundred and five`,
            // `two thousand and twelve` (not `five and ten`: two numbers).
            if let (Some(t), Some(n)) = (tokens.get(j), tokens.get(j + 1)) {
                let joins = match word(n) {
                    Some((nv, Role::Add)) if t.key == "et" => {
                        (20.0..=70.0).contains(&cur)
                            && cur % 10.0 == 0.0
                            && (nv == 1.0 || nv == 11.0)
                    }
                    Some((nv, Role::Add)) if t.key == "and" => {
                        nv < 100.0
                            && ((cur >= 100.0 && cur % 100.0 == 0.0) || (cur == 0.0 && total > 0.0))
                    }
                    _ => false,
                };
                if joins {
                    j += 1;
                }
            }
        }
        let mut q = weak(total + cur, (start, end));
        q.scale = scale;
        q.mantissa = q.value / scale;
        follow(
            text,
            tokens,
            lang,
            &mut q,
            end,
            currency_before(text, start),
        );
        out.push(q);
        i = j.max(i + 1);
    }
    out
}

/// A century or ordinal in Roman numerals, French style (`XIXe`, `XXIème`,
/// `Ier`): its value.
fn roman_ordinal(word: &str) -> Option<f64> {
    let numeral = word
        .strip_suffix("ème")
        .or_else(|| word.strip_suffix("eme"))
        .or_else(|| word.strip_suffix("er"))
        .or_else(|| word.strip_suffix('e'))?;
    if numeral.is_empty() {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1.0),
        'V' => Some(5.0),
        'X' => Some(10.0),
        'L' => Some(50.0),
        'C' => Some(100.0),
        'M' => Some(1000.0),
        _ => None,
    };
    let values: Vec<f64> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0.0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    Some(total)
}

/// `et demi` / `et demie` / `and a half` at token `i`: how many tokens it takes.
fn half(tokens: &[Token], i: usize) -> Option<usize> {
    let key = |k: usize| tokens.get(k).map(|t| t.key.as_str());
    match (key(i), key(i + 1), key(i + 2)) {
        (Some("et"), Some("demi" | "demie"), _) => Some(2),
        (Some("and"), Some("a"), Some("half")) => Some(3),
        _ => None,
    }
}

/// `8e de finale` is the last 16: a French round of a cup, named after half
/// the teams left, is also read as the number of teams.
fn finale(tokens: &[Token], i: usize, lang: Lang, q: &mut Quantity) {
    let key = |k: usize| tokens.get(k).map(|t| t.key.as_str());
    if lang == Lang::Fr
        && key(i) == Some("de")
        && matches!(key(i + 1), Some("finale" | "finales"))
        && q.units.is_empty()
    {
        q.alts.push(q.value * 2.0);
    }
}

/// A date in digits at char `k` (`20.12.2012`, `20/12/12`): the day and
/// year as numbers, the month as a weak one (it is usually a word on the
/// other side), and the char index after it.
fn date(text: &str, chars: &[(usize, char)], k: usize) -> Option<(Vec<Quantity>, usize)> {
    let at = |i: usize| chars.get(i).map_or(text.len(), |x| x.0);
    let digits = |from: usize| {
        let mut j = from;
        while j < chars.len() && chars[j].1.is_ascii_digit() {
            j += 1;
        }
        j
    };
    let d_end = digits(k);
    let sep = chars.get(d_end)?.1;
    if !(sep == '.' || sep == '/') {
        return None;
    }
    let m_end = digits(d_end + 1);
    if chars.get(m_end)?.1 != sep {
        return None;
    }
    let y_end = digits(m_end + 1);
    let lens = (d_end - k, m_end - d_end - 1, y_end - m_end - 1);
    if !matches!(lens, (1..=2, 1..=2, 2 | 4))
        || chars.get(y_end).is_some_and(|c| c.1.is_alphanumeric())
    {
        return None;
    }
    let num = |a: usize, b: usize| text[at(a)..at(b)].parse::<f64>().ok();
    let (day, month, year) = (
        num(k, d_end)?,
        num(d_end + 1, m_end)?,
        num(m_end + 1, y_end)?,
    );
    if !(1.0..=31.0).contains(&day) || !(1.0..=12.0).contains(&month) {
        return None;
    }
    let mut y = weak(year, (at(m_end + 1), at(y_end)));
    y.strong = true;
    if lens.2 == 2 {
        y.alts = vec![1900.0 + year, 2000.0 + year];
    }
    let mut d = weak(day, (at(k), at(d_end)));
    d.strong = true;
    Some((vec![d, weak(month, (at(d_end + 1), at(m_end))), y], y_end))
}

/// Feet and inches at char `k` (`6'7"`, `5′ 11″`), `end` being where the
/// feet end: one length in feet, and the char index after it.
fn feet_inches(
    text: &str,
    chars: &[(usize, char)],
    k: usize,
    end: usize,
) -> Option<(Quantity, usize)> {
    let at = |i: usize| chars.get(i).map_or(text.len(), |x| x.0);
    if !matches!(chars.get(end)?.1, '\'' | '’' | '′') {
        return None;
    }
    let mut j = end + 1;
    while chars.get(j).is_some_and(|c| c.1 == ' ') {
        j += 1;
    }
    let from = j;
    while chars.get(j).is_some_and(|c| c.1.is_ascii_digit()) {
        j += 1;
    }
    if j == from || j - from > 2 || !matches!(chars.get(j)?.1, '"' | '”' | '″') {
        return None;
    }
    let feet: f64 = text[at(k)..at(end)].parse().ok()?;
    let inches: f64 = text[at(from)..at(j)].parse().ok()?;
    let mut q = weak(feet + inches / 12.0, (at(k), at(j + 1)));
    q.strong = true;
    q.units = data().forms.get("ft").cloned().unwrap_or_default();
    Some((q, j + 1))
}

fn weak(value: f64, span: (usize, usize)) -> Quantity {
    Quantity {
        value,
        alts: Vec::new(),
        mantissa: value,
        scale: 1.0,
        units: Vec::new(),
        strong: false,
        span,
    }
}

/// A disagreement between the numbers of a bead's two sides.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    /// `true` for a unit or scale, `false` for a value.
    pub unit: bool,
    pub fr_span: Option<(usize, usize)>,
    pub en_span: Option<(usize, usize)>,
    pub message: String,
}

/// Compares the numbers of a French and an English text.
pub(crate) fn compare(fr_text: &str, en_text: &str) -> Vec<Mismatch> {
    let fr = quantities(fr_text, Lang::Fr);
    let en = quantities(en_text, Lang::En);
    let mut out = Vec::new();
    let mut fr_ok = vec![false; fr.len()];
    let mut en_ok = vec![false; en.len()];
    // Same value: fine, unless the units differ.
    for (i, f) in fr.iter().enumerate() {
        let same: Vec<usize> = (0..en.len()).filter(|&j| f.same_value(&en[j])).collect();
        if same.is_empty() {
            continue;
        }
        fr_ok[i] = true;
        let agree = same.iter().any(|&j| !f.unit_differs(&en[j]));
        for &j in &same {
            en_ok[j] = true;
        }
        if !agree && f.strong {
            let j = same[0];
            out.push(Mismatch {
                unit: true,
                fr_span: Some(f.span),
                en_span: Some(en[j].span),
                message: format!(
                    "the same number with another unit: {:?} ({}) in the French, {:?} ({}) in the English",
                    &fr_text[f.span.0..f.span.1],
                    f.unit_name(),
                    &en_text[en[j].span.0..en[j].span.1],
                    en[j].unit_name()
                ),
            });
        }
    }
    // The same amount in another unit.
    for (i, f) in fr.iter().enumerate() {
        if fr_ok[i] {
            continue;
        }
        if let Some(j) = (0..en.len()).find(|&j| f.converts_to(&en[j])) {
            fr_ok[i] = true;
            en_ok[j] = true;
        }
    }
    for (j, e) in en.iter().enumerate() {
        if !en_ok[j] && fr.iter().any(|f| e.same_value(f) || e.converts_to(f)) {
            en_ok[j] = true;
        }
    }
    // The same figures with another scale (`12 millions` / `12 billion`).
    for (i, f) in fr.iter().enumerate() {
        if fr_ok[i] || !f.strong {
            continue;
        }
        let j = (0..en.len()).find(|&j| {
            !en_ok[j]
                && close(en[j].mantissa, f.mantissa, 1e-9)
                && f.scale > 1.0
                && en[j].scale > 1.0
                && !close(en[j].scale, f.scale, 1e-9)
        });
        if let Some(j) = j {
            fr_ok[i] = true;
            en_ok[j] = true;
            out.push(Mismatch {
                unit: true,
                fr_span: Some(f.span),
                en_span: Some(en[j].span),
                message: format!(
                    "the same figure with another scale: {:?} in the French, {:?} in the English",
                    &fr_text[f.span.0..f.span.1],
                    &en_text[en[j].span.0..en[j].span.1]
                ),
            });
        }
    }
    // A number the other side writes glued to letters (`D137`, `Ariane5`),
    // which is read as a word there.
    let (fr_glued, en_glued) = (glued_digits(fr_text), glued_digits(en_text));
    let digits = |t: &str, q: &Quantity| -> String {
        t[q.span.0..q.span.1]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect()
    };
    for (i, f) in fr.iter().enumerate() {
        fr_ok[i] |= en_glued.contains(&digits(fr_text, f));
    }
    for (j, e) in en.iter().enumerate() {
        en_ok[j] |= fr_glued.contains(&digits(en_text, e));
    }
    let lost_fr: Vec<&Quantity> = (0..fr.len())
        .filter(|&i| !fr_ok[i] && fr[i].strong)
        .map(|i| &fr[i])
        .collect();
    let lost_en: Vec<&Quantity> = (0..en.len())
        .filter(|&j| !en_ok[j] && en[j].strong)
        .map(|j| &en[j])
        .collect();
    if !lost_fr.is_empty() || !lost_en.is_empty() {
        let list = |qs: &[&Quantity], t: &str| {
            if qs.is_empty() {
                "none".to_string()
            } else {
                qs.iter()
                    .map(|q| t[q.span.0..q.span.1].to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        out.push(Mismatch {
            unit: false,
            fr_span: lost_fr.first().map(|q| q.span),
            en_span: lost_en.first().map(|q| q.span),
            message: format!(
                "numbers differ: only in the French {}; only in the English {}",
                list(&lost_fr, fr_text),
                list(&lost_en, en_text)
            ),
        });
    }
    out
}

/// The runs of digits glued to a letter before (`D137` → `137`, `Ariane5`
/// → `5`) or to a capital after (`3D`).
fn glued_digits(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let before = k > 0 && chars[k - 1].is_alphabetic();
        // Not `8e`, `24h`, `9pm`: an ordinal, a unit or a time.
        let after = chars.get(j).is_some_and(|c| c.is_uppercase());
        if before || after {
            out.push(chars[k..j].iter().collect());
        }
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<f64> {
        quantities(text, lang).iter().map(|q| q.value).collect()
    }

    #[test]
    fn reads_numbers_in_words_and_digits() {
        for (text, lang, want) in [
            ("douze personnes", Lang::Fr, vec![12.0]),
            ("vingt-cinq morts", Lang::Fr, vec![25.0]),
            ("quatre-vingt-dix ans", Lang::Fr, vec![90.0]),
            ("soixante-dix", Lang::Fr, vec![70.0]),
            ("deux cents", Lang::Fr, vec![200.0]),
            ("1,36 milliard d'euros", Lang::Fr, vec![1.36e9]),
            ("1.36 billion euros", Lang::En, vec![1.36e9]),
            ("1,360 million euros", Lang::En, vec![1.36e9]),
            ("twenty-one", Lang::En, vec![21.0]),
            ("one hundred and five", Lang::En, vec![105.0]),
            ("£5m", Lang::En, vec![5e6]),
            ("the 1990s", Lang::En, vec![1990.0]),
            ("le 1er mars", Lang::Fr, vec![1.0]),
            ("T4 and 4x4", Lang::En, vec![]),
            ("au XIXe siècle", Lang::Fr, vec![19.0]),
        ] {
            assert_eq!(values(text, lang), want, "{text}");
        }
    }

    #[test]
    fn judges_pairs() {
        // (French, English, number mismatches, unit mismatches)
        for (fr, en, numbers, units) in [
            ("Il y a douze morts.", "There are 12 dead.", 0, 0),
            ("Six blessés.", "6 wounded.", 0, 0),
            ("1,36 milliard d'euros", "1,360 million euros", 0, 0),
            ("à 15 heures", "at 3 pm", 0, 0),
            ("à 15h30", "at 3:30 p.m.", 0, 0),
            ("le 1er janvier", "on January 1st", 0, 0),
            ("le premier janvier", "on 1 January", 0, 0),
            ("922 kg", "2,032 pounds", 0, 0),
            ("en hausse de 5 %", "up 5 percent", 0, 0),
            ("12 kilomètres", "12 miles", 0, 1),
            ("12 millions", "12 billion", 0, 1),
            ("5 %", "5 percentage points", 0, 1),
            ("12 euros", "12 dollars", 0, 1),
            ("12 euros", "$12", 0, 1),
            ("1 200,5 tonnes", "1,200.6 tonnes", 1, 0),
            ("En 2012, 40 morts.", "In 2013, 40 dead.", 1, 0),
            ("Deux morts.", "Three dead.", 0, 0),
            ("dans les années 80", "in the 1980s", 0, 0),
            ("à 6h30", "at 6.30", 0, 0),
            ("au XIXe siècle", "in the 19th century", 0, 0),
            (
                "entre 12 et 16 milles roubles",
                "from 12,000 to 16,000 rubles",
                0,
                0,
            ),
            ("entre 1 et 0,5 milliard", "0.5 - 1 billion", 0, 0),
            ("2 millions et demi", "2.5 million", 0, 0),
            ("1 500 roubles", "one and a half thousand", 0, 0),
            (
                "entre deux cent et quatre cent mille",
                "Two hundred to 400 thousand",
                0,
                0,
            ),
            (
                "entre -5 ° et -10 ° C",
                "between five and ten degrees below zero",
                0,
                0,
            ),
            ("Galérie D137", "Gallery D 137", 0, 0),
            (
                "le 20 décembre 2012 à 21 heures",
                "on 20.12.2012 from 9pm",
                0,
                0,
            ),
            ("le 20 décembre 2012", "on 20.12.2013", 1, 0),
            ("à la fin des années 80", "in the late Eighties", 0, 0),
            ("il mesure deux mètres", "6'7\" tall", 0, 0),
            ("il mesure 2 mètres", "5'7\" tall", 1, 0),
            ("le 8e de finale", "the last 16", 0, 0),
            ("les 8es de finale", "the last 16", 0, 0),
            ("le 8e de finale", "the last 32", 1, 0),
        ] {
            let m = compare(fr, en);
            let n = m.iter().filter(|m| !m.unit).count();
            let u = m.iter().filter(|m| m.unit).count();
            assert_eq!((n, u), (numbers, units), "{fr} / {en}: {m:?}");
        }
    }
}
