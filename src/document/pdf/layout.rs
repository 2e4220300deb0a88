//! Positioned glyphs → blocks. Knows nothing of the PDF syntax: it takes each
//! page's glyphs (character, box, font size, weight) and finds what a reader
//! sees:
//!
//! 1. **lines**: glyphs on one baseline, in x order, with spaces where the
//!    gap between glyphs is wider than a letter's spacing; raised small digits
//!    (footnote calls) dropped;
//! 2. **running headers and footers**: lines near the top or bottom edge
//!    repeated on other pages at the same place (digits aside), and page
//!    numbers, dropped;
//! 3. **reading order**: recursive XY-cut of the page's words — cut at the
//!    widest white band, horizontal (between paragraphs) or vertical (between
//!    columns); a region whose vertical cuts leave short lines side by side is
//!    a **table**, read row by row;
//! 4. **blocks**: each region's lines grouped into paragraphs, list items
//!    (a bullet first), headings (a larger or bold font; levels by size) and
//!    footnotes (smaller text at the foot of the page starting with its call
//!    number, emitted after the body as the DOCX reader does);
//! 5. **text**: lines joined with a space, an end-of-line hyphen rejoined or
//!    kept (see [`super::hyphen`]), ligatures expanded, soft hyphens and odd
//!    spaces normalised.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::hyphen::{self, WordTable};
use crate::document::{BlockKind, Builder, Document};

/// One glyph as drawn on a page: y grows upwards (PDF user space), in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character (a ligature such as `ﬁ` is expanded later).
    pub ch: char,
    /// Left and right edges.
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size after the text and page matrices.
    pub size: f32,
    /// The font is bold (by weight or name).
    pub bold: bool,
    /// The MCID of the innermost marked-content sequence around it.
    pub mcid: Option<u32>,
    /// Inside an `/Artifact` marked-content sequence.
    pub artifact: bool,
    /// Its place in the structure tree's reading order (tagged PDF).
    pub order: Option<u32>,
    /// The block the structure tree puts it in (tagged PDF).
    pub tag: Option<Tag>,
}

/// A block of a tagged PDF's structure tree: which one (numbered in the
/// tree's order), its kind and a heading's level (0: from the font size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    pub block: u32,
    pub kind: BlockKind,
    pub level: u8,
}

/// A page: its size and glyphs in the order they were drawn.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The page's height (the media box's): headers and footers are looked
    /// for near its top and bottom.
    pub height: f32,
    pub glyphs: Vec<Glyph>,
}

/// A word: glyphs on one baseline with no gap between them.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    bold: bool,
    /// The least structure-tree order of its glyphs (tagged PDF).
    order: Option<u32>,
    /// The structure tree's block of its first glyph (tagged PDF).
    tag: Option<Tag>,
}

impl Word {
    fn top(&self) -> f32 {
        self.y + 0.75 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.25 * self.size
    }
}

/// A line of a region: its words in x order.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
}

impl Line {
    fn y(&self) -> f32 {
        self.words[0].y
    }
    fn x0(&self) -> f32 {
        self.words
            .iter()
            .map(|w| w.x0)
            .fold(f32::INFINITY, f32::min)
    }
    fn x1(&self) -> f32 {
        self.words
            .iter()
            .map(|w| w.x1)
            .fold(f32::NEG_INFINITY, f32::max)
    }
    /// The size most of its characters have.
    fn size(&self) -> f32 {
        let mut counts: Vec<(f32, usize)> = Vec::new();
        for w in &self.words {
            let n = w.text.chars().count();
            if let Some((_, c)) = counts.iter_mut().find(|(s, _)| (s - w.size).abs() < 0.25) {
                *c += n;
            } else if counts.len() < 16 {
                counts.push((w.size, n));
            }
        }
        counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(by_f32(b.0, a.0)))
            .map_or(0.0, |c| c.0)
    }
    fn bold(&self) -> bool {
        self.words
            .iter()
            .all(|w| w.bold || !w.text.chars().any(char::is_alphanumeric))
    }
    /// The structure tree's block of its first word that has one.
    fn tag(&self) -> Option<Tag> {
        self.words.iter().find_map(|w| w.tag)
    }
    fn text(&self) -> String {
        let mut s = String::new();
        for w in &self.words {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&w.text);
        }
        s
    }
}

/// A block before its lines are joined.
#[derive(Debug, Clone)]
struct RawBlock {
    kind: BlockKind,
    /// A heading's level (1 the largest size).
    level: u8,
    size: f32,
    bold: bool,
    lines: Vec<String>,
    /// The least structure-tree order of its words (tagged PDF).
    order: Option<u32>,
    /// The structure tree's block (tagged PDF): it decides the kind, and
    /// the pieces of one block (cut by a column or a page) are joined.
    tag: Option<Tag>,
}

/// The earlier of two places in the structure tree's reading order.
fn first_order(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Characters that open a list item.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '■', '□', '●', '○', '‣', '⁃', '–', '—', '-', '*',
    // Symbol and Wingdings bullets as some producers map them.
    '\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}',
];

/// How deep the XY-cut goes before a region is read as it is (a bound on
/// hostile pages; a real page needs a few dozen cuts).
const MAX_DEPTH: usize = 200;

/// Reads the pages into a document.
pub fn read(pages: &[Page]) -> Document {
    let mut lines_by_page: Vec<Vec<Line>> = pages.iter().map(page_lines).collect();
    remove_furniture(pages, &mut lines_by_page);
    let body_size = body_size(&lines_by_page);

    let mut body = Vec::new();
    let mut notes = Vec::new();
    for lines in lines_by_page {
        let words: Vec<Word> = lines.into_iter().flat_map(|l| l.words).collect();
        let mut blocks = Vec::new();
        cut(words, body_size, &mut blocks, 0);
        restore_continuations(&mut blocks);
        // A tagged page whose every block is in the structure tree: the
        // tree's reading order (columns, drawing order) over the layout's.
        if blocks.iter().all(|b| b.order.is_some()) {
            blocks.sort_by_key(|b| b.order);
        }
        for mut b in blocks {
            take_tree_kind(&mut b);
            if b.kind == BlockKind::Footnote {
                notes.push(b);
            } else {
                body.push(b);
            }
        }
    }
    let mut body = join_continued(body);
    let mut notes = join_continued(notes);
    classify_headings(&mut body, body_size);
    for b in body.iter_mut().chain(notes.iter_mut()) {
        for l in b.lines.iter_mut() {
            *l = clean(l);
        }
    }

    let mut words = WordTable::default();
    for b in body.iter().chain(&notes) {
        words.add_block(&b.lines);
    }
    let mut out = Builder::default();
    for b in body.iter().chain(&notes) {
        out.push(b.kind, b.level, &hyphen::join_lines(&b.lines, &words));
    }
    out.finish()
}

/// A block of a tagged PDF takes the kind and level of its structure
/// element; the label the layout did not take off for that kind (a
/// footnote's number, an item's bullet set as a word of its own) is taken
/// off.
fn take_tree_kind(b: &mut RawBlock) {
    let Some(tag) = b.tag else {
        return;
    };
    if b.kind != tag.kind {
        if let Some(first) = b.lines.first_mut() {
            let mut words = first.splitn(2, ' ');
            let (label, rest) = (words.next().unwrap_or(""), words.next());
            let is_label = match tag.kind {
                BlockKind::Footnote => is_call_number(label),
                BlockKind::Item => {
                    let mut c = label.chars();
                    c.next().is_some_and(|c| BULLETS.contains(&c)) && c.next().is_none()
                }
                _ => false,
            };
            if let (true, Some(rest)) = (is_label, rest) {
                *first = rest.to_string();
            }
        }
    }
    b.kind = tag.kind;
    b.level = tag.level;
}

/// Expands ligatures, drops soft hyphens (but one ending the line, which
/// [`hyphen::join_lines`] reads as a break) and zero-width characters, turns
/// odd spaces into plain ones (the no-break spaces of French typography are
/// kept).
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let s = s.trim_end();
    let last_soft = s.ends_with('\u{ad}');
    for c in s.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' | '\u{1680}' => out.push(' '),
            _ => out.push(c),
        }
    }
    if last_soft {
        out.push('\u{ad}');
    }
    out
}

fn by_f32(a: f32, b: f32) -> Ordering {
    a.total_cmp(&b)
}

/// The page's lines, top to bottom; a line here runs across the whole page
/// (columns are separated later).
fn page_lines(page: &Page) -> Vec<Line> {
    let mut glyphs: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| {
            g.x0.is_finite()
                && g.x1.is_finite()
                && g.y.is_finite()
                && g.size.is_finite()
                && g.size > 0.5
                && !g.ch.is_control()
        })
        .collect();
    glyphs.sort_by(|a, b| by_f32(b.y, a.y).then(by_f32(a.x0, b.x0)));
    // Glyphs on (nearly) one baseline.
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (row[0].y - g.y).abs() <= 0.2 * g.size.min(row[0].size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    // A row of small glyphs just above a row of larger ones (a superscript:
    // a footnote call or `er` of `1er`) belongs to that row.
    let mut merged: Vec<(Vec<&Glyph>, Vec<bool>)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        let small = max_size(row);
        if let Some(next) = rows.get(i + 1) {
            let big = max_size(next);
            let rise = row[0].y - next[0].y;
            if small < 0.85 * big && rise > 0.0 && rise < 0.6 * big && overlaps(row, next) {
                let mut all: Vec<(&Glyph, bool)> = next
                    .iter()
                    .map(|g| (*g, false))
                    .chain(row.iter().map(|g| (*g, true)))
                    .collect();
                all.sort_by(|a, b| by_f32(a.0.x0, b.0.x0));
                merged.push(all.into_iter().unzip());
                i += 2;
                continue;
            }
        }
        merged.push((row.clone(), vec![false; row.len()]));
        i += 1;
    }
    merged
        .into_iter()
        .filter_map(|(mut row, mut raised)| {
            // Sort by x, keeping the raised flags beside their glyphs.
            let mut idx: Vec<usize> = (0..row.len()).collect();
            idx.sort_by(|&a, &b| by_f32(row[a].x0, row[b].x0));
            row = idx.iter().map(|&k| row[k]).collect();
            raised = idx.iter().map(|&k| raised[k]).collect();
            let words = words_of(&row, &raised);
            (!words.is_empty()).then_some(Line { words })
        })
        .collect()
}

fn max_size(row: &[&Glyph]) -> f32 {
    row.iter().map(|g| g.size).fold(0.0, f32::max)
}

fn overlaps(a: &[&Glyph], b: &[&Glyph]) -> bool {
    let a0 = a.iter().map(|g| g.x0).fold(f32::INFINITY, f32::min);
    let a1 = a.iter().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
    let b0 = b.iter().map(|g| g.x0).fold(f32::INFINITY, f32::min);
    let b1 = b.iter().map(|g| g.x1).fold(f32::NEG_INFINITY, f32::max);
    a0 <= b1 + b[0].size && a1 >= b0 - b[0].size
}

/// Cuts a row of glyphs (in x order) into words: a new word where the gap
/// between two glyphs is wider than letter spacing (space glyphs are not
/// needed: producers often leave them out). Raised digits (footnote calls)
/// are dropped, except at the start of a line, where they number a
/// footnote; other raised characters (`1er`) are kept.
fn words_of(row: &[&Glyph], raised: &[bool]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut prev_x1 = f32::NEG_INFINITY;
    let mut after_call = false;
    let mut k = 0;
    while k < row.len() {
        let g = row[k];
        let dropped_before = std::mem::take(&mut after_call);
        if raised[k] && (cur.is_some() || !words.is_empty()) {
            // A run of raised glyphs: a call when it is digits (or * † ‡).
            let start = k;
            while k < row.len() && raised[k] {
                k += 1;
            }
            let call = row[start..k].iter().all(|g| {
                g.ch.is_ascii_digit()
                    || g.ch.is_whitespace()
                    || matches!(g.ch, '*' | '†' | '‡' | ',')
            });
            if call {
                // The word goes on after the call as if it were not there.
                prev_x1 = row[k - 1].x1.max(prev_x1);
                after_call = true;
                continue;
            }
            k = start;
        }
        if g.ch.is_whitespace() && g.ch != '\u{a0}' && g.ch != '\u{202f}' {
            k += 1;
            continue;
        }
        let gap = g.x0 - prev_x1;
        let starts_call = raised[k] && cur.is_none() && words.is_empty();
        // A raised word kept (`1er`) ends where the baseline comes back; a
        // call dropped just before does not cut the word (`surpeuplés¹.`).
        let ends_call = k > 0 && raised[k - 1] && !raised[k] && !dropped_before;
        // Two blocks of the structure tree never share a word.
        let other_block = g.tag.is_some_and(|t| {
            cur.as_ref()
                .and_then(|w| w.tag)
                .is_some_and(|c| c.block != t.block)
        });
        if gap > 0.15 * g.size || ends_call || other_block {
            words.extend(cur.take());
        }
        match &mut cur {
            Some(w) => {
                w.text.push(g.ch);
                w.x1 = w.x1.max(g.x1);
                w.bold &= g.bold;
                w.order = first_order(w.order, g.order);
                w.tag = w.tag.or(g.tag);
                if !raised[k] {
                    w.y = g.y;
                    w.size = w.size.max(g.size);
                }
            }
            None => {
                cur = Some(Word {
                    text: g.ch.to_string(),
                    x0: g.x0,
                    x1: g.x1,
                    y: g.y,
                    size: g.size,
                    bold: g.bold,
                    order: g.order,
                    tag: g.tag,
                })
            }
        }
        if starts_call {
            // The footnote's number is a word of its own.
            words.extend(cur.take());
        }
        prev_x1 = prev_x1.max(g.x1);
        k += 1;
    }
    words.extend(cur);
    // A raised number opening the line takes the line's baseline.
    if words.len() > 1 {
        let (y, size) = (words[1].y, words[1].size);
        if words[0].y > y {
            words[0].y = y;
            words[0].size = words[0].size.min(size);
        }
    }
    for w in &mut words {
        w.x0 = w.x0.min(w.x1);
    }
    words
}

/// Text of a line with its digits replaced, to find lines repeated with a
/// different page number.
fn furniture_key(line: &Line) -> String {
    line.text()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// A line that is only a page number: `12`, `- 12 -`, `xii`, `Page 12`,
/// `12 / 40`, `page 12 sur 40`, `12 of 40`.
fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t =
        t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '|' | ' ' | '[' | ']' | '(' | ')'));
    let t = t.strip_prefix("page").unwrap_or(t).trim();
    let t = t.strip_prefix("p.").unwrap_or(t).trim();
    if !t.is_empty() && t.len() <= 8 && t.chars().all(|c| "ivxlc".contains(c)) {
        return true;
    }
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 5 || !first.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(n), None, _) => n.chars().all(|c| c.is_ascii_digit()),
        (Some(w), Some(n), None) => {
            matches!(w, "of" | "sur" | "de") && n.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Pages apart at most for a line repeated on both to be a running line
/// (odd and even pages may have their own).
const RUNNING_REACH: usize = 2;

/// Drops running headers and footers and page numbers, from each page's top
/// and bottom edges inwards while the lines are furniture: lines in the top
/// or bottom fifth of a page that are page numbers, or that a page at most
/// [`RUNNING_REACH`] away has at the same place with the same text (digits
/// aside). The first line that is not furniture stops the walk, so a body
/// line repeated word for word on a nearby page is kept when text stands
/// between it and the edge.
fn remove_furniture(pages: &[Page], lines: &mut [Vec<Line>]) {
    let top = |page: &Page, line: &Line| page.height <= 0.0 || line.y() > 0.8 * page.height;
    let bottom = |page: &Page, line: &Line| page.height <= 0.0 || line.y() < 0.2 * page.height;
    // Where each (text, page) of the zones stands.
    let mut seen: HashMap<(String, usize), Vec<f32>> = HashMap::new();
    for (p, (page, ls)) in pages.iter().zip(lines.iter()).enumerate() {
        for l in ls.iter().filter(|l| top(page, l) || bottom(page, l)) {
            let places = seen.entry((furniture_key(l), p)).or_default();
            if places.len() < 8 {
                places.push(l.y());
            }
        }
    }
    for (p, (page, ls)) in pages.iter().zip(lines.iter_mut()).enumerate() {
        let furniture = |l: &Line| {
            if page.height > 0.0 && is_page_number(&l.text()) {
                return true;
            }
            let key = furniture_key(l);
            let (y, near) = (l.y(), p.saturating_sub(RUNNING_REACH)..=p + RUNNING_REACH);
            near.filter(|&q| q != p).any(|q| {
                seen.get(&(key.clone(), q))
                    .is_some_and(|ys| ys.iter().any(|yy| (yy - y).abs() < 3.0))
            })
        };
        let mut order: Vec<usize> = (0..ls.len()).collect();
        order.sort_by(|&a, &b| by_f32(ls[b].y(), ls[a].y()));
        let mut dropped = vec![false; ls.len()];
        for &i in &order {
            if !(top(page, &ls[i]) && furniture(&ls[i])) {
                break;
            }
            dropped[i] = true;
        }
        for &i in order.iter().rev() {
            if !(bottom(page, &ls[i]) && furniture(&ls[i])) {
                break;
            }
            dropped[i] = true;
        }
        let mut i = 0;
        ls.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
    }
}

/// The size of running text: the size most characters have.
fn body_size(pages: &[Vec<Line>]) -> f32 {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for w in pages.iter().flatten().flat_map(|l| &l.words) {
        *counts.entry((w.size * 2.0).round() as i32).or_default() += w.text.chars().count();
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| *k as f32 / 2.0)
        .unwrap_or(10.0)
}

/// The widest white band across a region, as (position, width): horizontal
/// bands between word boxes' vertical extents, vertical ones between their
/// horizontal extents.
fn widest_gap(spans: &mut [(f32, f32)]) -> Option<(f32, f32)> {
    spans.sort_by(|a, b| by_f32(a.0, b.0));
    let mut best: Option<(f32, f32)> = None;
    let mut reach = f32::NEG_INFINITY;
    for &(lo, hi) in spans.iter() {
        if reach > f32::NEG_INFINITY && lo > reach {
            let width = lo - reach;
            if best.is_none_or(|b| width > b.1) {
                best = Some(((lo + reach) / 2.0, width));
            }
        }
        reach = reach.max(hi);
    }
    best
}

/// All vertical white bands at least `min` wide, as cut positions.
fn vertical_cuts(words: &[Word], min: f32) -> Vec<f32> {
    let mut spans: Vec<(f32, f32)> = words.iter().map(|w| (w.x0, w.x1)).collect();
    spans.sort_by(|a, b| by_f32(a.0, b.0));
    let mut cuts = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for &(lo, hi) in &spans {
        if reach > f32::NEG_INFINITY && lo - reach >= min {
            cuts.push((lo + reach) / 2.0);
        }
        reach = reach.max(hi);
    }
    cuts
}

/// The cuts between a table's columns: every column holds text on two
/// lines at least, so a band that only a wide gap of one line makes (words
/// spread out in a justified cell) is dropped: the words right of it go on
/// the cell at their left.
fn column_cuts(words: &[Word], mut cuts: Vec<f32>) -> Vec<f32> {
    loop {
        let cols = columns(words, &cuts);
        let Some(thin) = cols.iter().position(|c| baselines(c) < 2) else {
            return cuts;
        };
        if cuts.is_empty() {
            return cuts;
        }
        // The band left of the thin column, or right of the first one.
        let drop = thin.saturating_sub(1);
        cuts.remove(drop);
    }
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(|a, b| by_f32(*a, *b));
    v[v.len() / 2]
}

/// Distinct baselines of a set of words.
fn baselines(words: &[Word]) -> usize {
    let mut ys: Vec<f32> = words.iter().map(|w| w.y).collect();
    ys.sort_by(|a, b| by_f32(*b, *a));
    ys.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    ys.len()
}

/// Recursive XY-cut: splits `words` at the widest white band and reads the
/// parts in order (top before bottom, left before right); a region that
/// cannot be cut becomes blocks.
fn cut(words: Vec<Word>, body: f32, out: &mut Vec<RawBlock>, depth: usize) {
    if words.is_empty() {
        return;
    }
    if depth > MAX_DEPTH {
        return region_blocks(words, body, out);
    }
    let em = median(words.iter().map(|w| w.size).collect());
    let mut ys: Vec<(f32, f32)> = words.iter().map(|w| (w.bottom(), w.top())).collect();
    let horizontal = widest_gap(&mut ys).filter(|g| g.1 >= 0.45 * em);
    let mut xs: Vec<(f32, f32)> = words.iter().map(|w| (w.x0, w.x1)).collect();
    let vertical = widest_gap(&mut xs).filter(|g| {
        g.1 >= 1.2 * em && {
            let (l, r): (Vec<Word>, Vec<Word>) = words.iter().cloned().partition(|w| w.x1 < g.0);
            let width = |v: &[Word]| {
                v.iter().map(|w| w.x1).fold(f32::NEG_INFINITY, f32::max)
                    - v.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min)
            };
            // Both sides hold lines, and neither is a column of bullets.
            baselines(&l) >= 2
                && baselines(&r) >= 2
                && width(&l) >= 2.5 * em
                && width(&r) >= 2.5 * em
        }
    });
    match (horizontal, vertical) {
        (_, Some(v)) if horizontal.is_none_or(|h| v.1 >= h.1) => {
            // A table's columns may stand closer than the band that
            // showed it (a narrowed table: about one em between cells); a
            // band across every line of the region still separates them.
            let cuts = column_cuts(&words, vertical_cuts(&words, 0.8 * em));
            if is_table(&words, &cuts) {
                table(&words, &cuts, out);
                return;
            }
            let (left, right): (Vec<Word>, Vec<Word>) = words.into_iter().partition(|w| w.x1 < v.0);
            cut(left, body, out, depth + 1);
            cut(right, body, out, depth + 1);
        }
        (Some(h), _) => {
            let (top, bottom): (Vec<Word>, Vec<Word>) = words.into_iter().partition(|w| w.y > h.0);
            cut(top, body, out, depth + 1);
            cut(bottom, body, out, depth + 1);
        }
        _ => match split_runs(words) {
            Ok(runs) => runs.into_iter().for_each(|r| cut(r, body, out, depth + 1)),
            Err(words) => region_blocks(words, body, out),
        },
    }
}

/// A line with a wide gap inside (table cells side by side).
fn split_line(line: &Line) -> bool {
    line.words
        .windows(2)
        .any(|w| w[1].x0 - w[0].x1 >= 1.5 * w[0].size.max(w[1].size))
}

/// A region without white bands, cut where its lines change from lines
/// with wide gaps (a table set tight against the text) to ordinary lines;
/// `Err` gives the words back when there is nothing to cut.
fn split_runs(words: Vec<Word>) -> Result<Vec<Vec<Word>>, Vec<Word>> {
    let lines = region_lines(words);
    let kinds: Vec<bool> = lines.iter().map(split_line).collect();
    let tabular_run = kinds.windows(2).any(|k| k[0] && k[1]);
    let changes = kinds.windows(2).filter(|k| k[0] != k[1]).count();
    if !tabular_run || changes == 0 {
        return Err(lines.into_iter().flat_map(|l| l.words).collect());
    }
    let mut runs: Vec<Vec<Word>> = Vec::new();
    let mut last = None;
    for (line, kind) in lines.into_iter().zip(kinds) {
        if last != Some(kind) {
            runs.push(Vec::new());
        }
        last = Some(kind);
        runs.last_mut().expect("a run").extend(line.words);
    }
    Ok(runs)
}

/// Splits words into the columns the cuts make.
fn columns(words: &[Word], cuts: &[f32]) -> Vec<Vec<Word>> {
    let mut cols = vec![Vec::new(); cuts.len() + 1];
    for w in words {
        let c = cuts.iter().take_while(|&&x| w.x0 > x).count();
        cols[c].push(w.clone());
    }
    cols
}

/// Lines of a region, top to bottom.
fn region_lines(words: Vec<Word>) -> Vec<Line> {
    let mut words = words;
    words.sort_by(|a, b| by_f32(b.y, a.y).then(by_f32(a.x0, b.x0)));
    let mut lines: Vec<Line> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(l) if (l.y() - w.y).abs() <= 0.3 * w.size.min(l.words[0].size) => l.words.push(w),
            _ => lines.push(Line { words: vec![w] }),
        }
    }
    for l in &mut lines {
        l.words.sort_by(|a, b| by_f32(a.x0, b.x0));
    }
    lines
}

/// Side-by-side parts whose lines are short for their width are a table's
/// columns; columns of running text fill their width.
fn is_table(words: &[Word], cuts: &[f32]) -> bool {
    let cols = columns(words, cuts);
    let fills: Vec<f32> = cols
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let lines = region_lines(c);
            let x0 = lines.iter().map(Line::x0).fold(f32::INFINITY, f32::min);
            let x1 = lines.iter().map(Line::x1).fold(f32::NEG_INFINITY, f32::max);
            let width = (x1 - x0).max(1.0);
            median(lines.iter().map(|l| (l.x1() - l.x0()) / width).collect())
        })
        .collect();
    fills.len() >= 2 && fills.iter().sum::<f32>() / (fills.len() as f32) < 0.7
}

/// A table read row by row: a row starts on a line where the first column
/// has text; lines without it continue the row's cells.
fn table(words: &[Word], cuts: &[f32], out: &mut Vec<RawBlock>) {
    let ncols = cuts.len() + 1;
    let lines = region_lines(words.to_vec());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut last_y = f32::INFINITY;
    for line in lines {
        let mut cells: Vec<Vec<Word>> = vec![Vec::new(); ncols];
        for w in line.words.iter() {
            let c = cuts.iter().take_while(|&&x| w.x0 > x).count();
            cells[c].push(w.clone());
        }
        let size = line.size();
        let far = last_y - line.y() > 1.9 * size;
        last_y = line.y();
        if rows.is_empty() || !cells[0].is_empty() || far {
            rows.push(vec![Cell::default(); ncols]);
        }
        let row = rows.last_mut().expect("a row");
        for (c, ws) in cells.into_iter().enumerate() {
            if !ws.is_empty() {
                let cell = &mut row[c];
                cell.order = ws.iter().fold(cell.order, |o, w| first_order(o, w.order));
                let line = Line { words: ws };
                cell.tag = cell.tag.or(line.tag());
                cell.lines.push(line.text());
            }
        }
    }
    for cell in rows.into_iter().flatten() {
        if !cell.lines.is_empty() {
            out.push(RawBlock {
                kind: BlockKind::Cell,
                level: 0,
                size: 0.0,
                bold: false,
                lines: cell.lines,
                order: cell.order,
                tag: cell.tag,
            });
        }
    }
}

/// A table cell being read: its lines, least tree order and tree block.
#[derive(Debug, Clone, Default)]
struct Cell {
    lines: Vec<String>,
    order: Option<u32>,
    tag: Option<Tag>,
}

/// A line that opens a list item: a bullet alone before the text; a dash
/// only when the text stands clear of it (a hanging indent), since a dash
/// also starts a line of running text (`— nord-ouest`).
fn bullet(line: &Line) -> bool {
    let (first, next) = match line.words.as_slice() {
        [first, next, ..] => (first, next),
        _ => return false,
    };
    let mut chars = first.text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    let dash = matches!(c, '-' | '–' | '—' | '*');
    BULLETS.contains(&c) && (!dash || next.x0 - first.x1 >= 0.8 * next.size)
}

/// A footnote's first line: its call number (raised or not) and text.
fn call_number(line: &Line) -> bool {
    line.words.len() > 1 && is_call_number(&line.words[0].text)
}

/// A footnote's number: up to three digits, perhaps with `.` or `)`.
fn is_call_number(word: &str) -> bool {
    let digits = word.trim_end_matches(['.', ')']);
    word.len() <= 3 && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

/// Blocks of a region that no white band cuts: one paragraph, heading or
/// footnote, or several when the font changes, a bullet opens an item, or a
/// short line ending a sentence closes a paragraph.
fn region_blocks(words: Vec<Word>, body: f32, out: &mut Vec<RawBlock>) {
    let lines = region_lines(words);
    if lines.is_empty() {
        return;
    }
    let left = lines.iter().map(Line::x0).fold(f32::INFINITY, f32::min);
    let right = lines.iter().map(Line::x1).fold(f32::NEG_INFINITY, f32::max);
    let mut cur: Option<(RawBlock, f32)> = None; // block, text start x of an item
    let mut prev: Option<&Line> = None;
    for line in &lines {
        let size = line.size();
        let bold = line.bold();
        let small = size < 0.93 * body;
        let is_item = bullet(line);
        let starts_note = small && call_number(line);
        let tag = line.tag();
        let new_block = match (&cur, prev) {
            (None, _) | (_, None) => true,
            // Another block of the structure tree.
            (Some((b, _)), _)
                if tag.is_some() && b.tag.map(|t| t.block) != tag.map(|t| t.block) =>
            {
                true
            }
            (Some((b, item_x)), Some(p)) => {
                let changed = (b.size - size).abs() > 0.6 || b.bold != bold;
                let short_end = p.x1() < right - 0.15 * (right - left)
                    && p.text()
                        .trim_end()
                        .ends_with(['.', ':', '!', '?', '»', '"', '”']);
                let left_of_item = b.kind == BlockKind::Item && line.x0() < item_x - 0.5 * size;
                is_item || starts_note || changed || short_end || left_of_item
            }
        };
        let mut text_line = line.clone();
        if is_item {
            text_line.words.remove(0);
            if text_line.words.is_empty() {
                continue;
            }
        } else if starts_note {
            text_line.words.remove(0);
        }
        if new_block {
            if let Some((b, _)) = cur.take() {
                out.push(b);
            }
            let kind = if is_item {
                BlockKind::Item
            } else if small
                && (starts_note || out.last().is_some_and(|b| b.kind == BlockKind::Footnote))
            {
                BlockKind::Footnote
            } else {
                BlockKind::Paragraph
            };
            let item_x = text_line.x0();
            cur = Some((
                RawBlock {
                    kind,
                    level: 0,
                    size,
                    bold,
                    lines: Vec::new(),
                    order: None,
                    tag,
                },
                item_x,
            ));
        }
        if let Some((b, _)) = &mut cur {
            b.order = text_line
                .words
                .iter()
                .fold(b.order, |o, w| first_order(o, w.order));
            b.lines.push(text_line.text());
        }
        prev = Some(line);
    }
    out.extend(cur.map(|(b, _)| b));
}

/// Joins a paragraph cut by a column or page break: in a tagged PDF, the
/// pieces of one structure element; otherwise one that ends without a
/// final stop, followed by one in the same font that starts with a
/// lower-case letter, is one paragraph.
/// A paragraph that stops mid-sentence (no closing mark on its last line).
fn open(b: &RawBlock) -> bool {
    b.kind == BlockKind::Paragraph
        && b.lines.last().is_some_and(|l| {
            !l.trim_end()
                .ends_with(['.', ':', ';', '!', '?', '…', '»', '"', '”'])
        })
}

/// A paragraph whose first letter is lower case: the rest of a sentence.
fn continuation(b: &RawBlock) -> bool {
    b.kind == BlockKind::Paragraph
        && b.lines
            .first()
            .and_then(|l| l.chars().find(|c| c.is_alphanumeric()))
            .is_some_and(char::is_lowercase)
}

/// `next` goes on with the sentence `prev` stops in, in the same font.
fn continued_by(prev: &RawBlock, next: &RawBlock) -> bool {
    open(prev)
        && continuation(next)
        && (prev.size - next.size).abs() <= 0.6
        && prev.bold == next.bold
}

/// How many blocks ahead a stranded continuation looks for the paragraph
/// it continues (a column's blocks; bounds the work on hostile pages).
const CONTINUATION_REACH: usize = 64;

/// Puts a page's stranded continuation back after the paragraph it
/// continues. The XY-cut may read the top of a short right-hand column
/// (`but surveillance has been stepped up.`) before the end of the left one
/// when a white band across the page cuts the left column lower down; a
/// paragraph that starts lower case after one that is closed, with an open
/// paragraph in the same font later on the page, belongs after the first
/// such paragraph (where [`join_continued`] joins them). Untagged pages
/// only: a tagged page has the tree's order.
fn restore_continuations(blocks: &mut Vec<RawBlock>) {
    // Each block moves at most once, to after a paragraph that starts a
    // sentence itself: two continuations cannot trade places for ever.
    let mut moved = vec![false; blocks.len()];
    let mut k = 1;
    while k < blocks.len() {
        let stranded = !moved[k]
            && blocks[k].tag.is_none()
            && continuation(&blocks[k])
            && !continued_by(&blocks[k - 1], &blocks[k]);
        let target = stranded
            .then(|| {
                (k + 1..blocks.len().min(k + 1 + CONTINUATION_REACH))
                    .find(|&t| !continuation(&blocks[t]) && continued_by(&blocks[t], &blocks[k]))
            })
            .flatten();
        match target {
            Some(t) => {
                let b = blocks.remove(k);
                blocks.insert(t, b);
                moved.remove(k);
                moved.insert(t, true);
            }
            None => k += 1,
        }
    }
}

fn join_continued(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut out: Vec<RawBlock> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            // Pieces of one block of the structure tree; a tagged block is
            // never joined to another by the layout's guess.
            if let (Some(p), Some(t)) = (prev.tag, b.tag) {
                if p.block == t.block {
                    prev.lines.extend(b.lines);
                    prev.order = first_order(prev.order, b.order);
                    continue;
                }
            }
            if prev.tag.is_some() || b.tag.is_some() {
                out.push(b);
                continue;
            }
            if continued_by(prev, &b) {
                prev.lines.extend(b.lines);
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// Paragraphs set larger than the running text, or bold and short without
/// a final stop, are headings; the largest size is level 1.
fn classify_headings(blocks: &mut [RawBlock], body: f32) {
    let is_heading = |b: &RawBlock| {
        if b.tag.is_some() {
            // The tree's `H`: a heading whose level the size gives.
            return b.kind == BlockKind::Heading && b.level == 0;
        }
        if b.kind != BlockKind::Paragraph || b.lines.len() > 4 {
            return false;
        }
        let text = b.lines.join(" ");
        let ends = text.trim_end().ends_with(['.', ':', ';', ',']);
        (b.size >= 1.12 * body && text.chars().count() < 300)
            || (b.bold && !ends && text.chars().count() < 150)
    };
    let mut sizes: Vec<f32> = blocks
        .iter()
        .filter(|b| is_heading(b))
        .map(|b| (b.size * 2.0).round() / 2.0)
        .collect();
    sizes.sort_by(|a, b| by_f32(*b, *a));
    sizes.dedup();
    for b in blocks.iter_mut() {
        if is_heading(b) {
            let key = (b.size * 2.0).round() / 2.0;
            let level = sizes.iter().position(|s| *s == key).unwrap_or(0) + 1;
            b.kind = BlockKind::Heading;
            b.level = level.min(6) as u8;
        }
    }
}

#[cfg(test)]
mod tests;
