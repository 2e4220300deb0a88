//! The structure tree of a tagged PDF (`/StructTreeRoot`): its elements in
//! document order, each referring to marked content on a page by MCID, give
//! the reading order of the page's text and, from their roles, the blocks:
//! a paragraph (`P`), a heading (`H1`–`H6`, or `H` whose level the font
//! size decides), a list item (`LI`, its label `Lbl` left out), a table
//! cell (`TD`, `TH`) and a footnote (`Note`). A paragraph inside a cell, an
//! item or a note is one of that cell's, item's or note's paragraphs, as
//! the DOCX reader gives them. Custom roles are mapped to standard ones
//! through the tree's `/RoleMap`; content under no block role (directly in
//! a `Sect`, a `Figure`, an unknown role) is left to the layout.
//!
//! The walk is bounded for hostile files: an explicit stack (no recursion),
//! at most [`MAX_DEPTH`] levels and [`MAX_NODES`] nodes, each object
//! visited once (a cycle ends there), role maps followed at most
//! [`MAX_ROLE_MAP`] steps; a reference to a missing object is skipped.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::deref;
use super::layout::Tag;
use crate::document::BlockKind;

/// The deepest element nesting followed.
const MAX_DEPTH: usize = 256;
/// The most nodes (elements, marked-content references) visited.
const MAX_NODES: usize = 1_000_000;
/// The most role-map steps from a custom role to a standard one.
const MAX_ROLE_MAP: usize = 16;

/// What the tree says of one marked-content sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Its place in the tree's reading order.
    pub order: u32,
    /// The block it belongs to, when an element with a block role holds it.
    pub tag: Option<Tag>,
    /// A list or note label (`Lbl`: a bullet, a number) or an `Artifact`
    /// element: not part of the text.
    pub dropped: bool,
}

/// For each page, what the tree says of each MCID.
#[derive(Debug, Default)]
pub struct Order {
    pub pages: HashMap<ObjectId, HashMap<u32, Mark>>,
}

/// What an element passes down to its kids.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    depth: usize,
    page: Option<ObjectId>,
    tag: Option<Tag>,
    note: bool,
    cell: bool,
    item: bool,
    dropped: bool,
}

/// The reading order and blocks of a tagged PDF's marked content; `None`
/// for a file without a structure tree (or whose tree refers to no marked
/// content).
pub fn read(doc: &Document) -> Option<Order> {
    let root = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?;
    let root = deref(doc, root)?.as_dict().ok()?;
    let role_map = root
        .get(b"RoleMap")
        .ok()
        .and_then(|m| deref(doc, m))
        .and_then(|m| m.as_dict().ok());
    let mut order = Order::default();
    let mut next = 0u32;
    let mut blocks = 0u32;
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut nodes = 0usize;
    let mut stack: Vec<(&Object, Context)> = Vec::new();
    push_kids(root.get(b"K").ok(), Context::default(), &mut stack);
    while let Some((kid, ctx)) = stack.pop() {
        nodes += 1;
        if nodes > MAX_NODES {
            break;
        }
        let kid = match kid {
            Object::Reference(id) => {
                if !seen.insert(*id) {
                    continue;
                }
                match doc.get_object(*id) {
                    Ok(o) => o,
                    Err(_) => continue,
                }
            }
            o => o,
        };
        match kid {
            Object::Integer(mcid) => {
                if let (Some(page), Ok(mcid)) = (ctx.page, u32::try_from(*mcid)) {
                    mark(&mut order, page, mcid, &ctx, &mut next);
                }
            }
            Object::Dictionary(d) => {
                let page = page_of(d).or(ctx.page);
                match d.get(b"Type").and_then(Object::as_name) {
                    Ok(b"MCR") => {
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).ok();
                        if let (Some(page), Some(Ok(mcid))) = (page, mcid.map(u32::try_from)) {
                            mark(&mut order, page, mcid, &ctx, &mut next);
                        }
                    }
                    Ok(b"OBJR") => {}
                    _ if ctx.depth < MAX_DEPTH => {
                        let role = d
                            .get(b"S")
                            .and_then(Object::as_name)
                            .map(|s| standard_role(doc, role_map, s))
                            .unwrap_or(b"");
                        let inner = enter(
                            Context {
                                depth: ctx.depth + 1,
                                page,
                                ..ctx
                            },
                            role,
                            &mut blocks,
                        );
                        push_kids(d.get(b"K").ok(), inner, &mut stack);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    (!order.pages.is_empty()).then_some(order)
}

/// The standard role a structure type stands for: itself when standard,
/// else what the role map maps it to (a chain of at most
/// [`MAX_ROLE_MAP`] steps; a loop or an unmapped name gives the last name).
fn standard_role<'a>(doc: &'a Document, map: Option<&'a Dictionary>, mut s: &'a [u8]) -> &'a [u8] {
    for _ in 0..MAX_ROLE_MAP {
        if is_standard(s) {
            return s;
        }
        let Some(to) = map
            .and_then(|m| m.get(s).ok())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_name().ok())
        else {
            return s;
        };
        s = to;
    }
    s
}

/// The roles this reader knows (PDF 1.7 and 2.0 standard structure types
/// that carry a block, or that it must not map further).
fn is_standard(s: &[u8]) -> bool {
    matches!(
        s,
        b"Document"
            | b"DocumentFragment"
            | b"Part"
            | b"Art"
            | b"Sect"
            | b"Div"
            | b"NonStruct"
            | b"Private"
            | b"P"
            | b"H"
            | b"H1"
            | b"H2"
            | b"H3"
            | b"H4"
            | b"H5"
            | b"H6"
            | b"Title"
            | b"Caption"
            | b"BlockQuote"
            | b"TOC"
            | b"TOCI"
            | b"Index"
            | b"L"
            | b"LI"
            | b"Lbl"
            | b"LBody"
            | b"Table"
            | b"TR"
            | b"TH"
            | b"TD"
            | b"THead"
            | b"TBody"
            | b"TFoot"
            | b"Note"
            | b"FENote"
            | b"Span"
            | b"Quote"
            | b"Reference"
            | b"Link"
            | b"Annot"
            | b"Figure"
            | b"Formula"
            | b"Form"
            | b"Artifact"
    )
}

/// The context an element of `role` gives its kids: a new block for a
/// block role, the kind decided by the elements around it.
fn enter(mut ctx: Context, role: &[u8], blocks: &mut u32) -> Context {
    let heading = match role {
        b"H1" | b"Title" => Some(1),
        b"H2" => Some(2),
        b"H3" => Some(3),
        b"H4" => Some(4),
        b"H5" => Some(5),
        b"H6" => Some(6),
        // The level from the font size.
        b"H" => Some(0),
        _ => None,
    };
    match role {
        b"Note" | b"FENote" => ctx.note = true,
        b"TD" | b"TH" => ctx.cell = true,
        b"LI" => ctx.item = true,
        b"Lbl" | b"Artifact" => ctx.dropped = true,
        _ => {}
    }
    let block = heading.is_some()
        || matches!(
            role,
            b"P" | b"Caption"
                | b"BlockQuote"
                | b"TOCI"
                | b"LI"
                | b"TD"
                | b"TH"
                | b"Note"
                | b"FENote"
        );
    if block {
        let (kind, level) = if ctx.note {
            (BlockKind::Footnote, 0)
        } else if let Some(level) = heading {
            (BlockKind::Heading, level)
        } else if ctx.cell {
            (BlockKind::Cell, 0)
        } else if ctx.item {
            (BlockKind::Item, 0)
        } else {
            (BlockKind::Paragraph, 0)
        };
        *blocks = blocks.saturating_add(1);
        ctx.tag = Some(Tag {
            block: *blocks,
            kind,
            level,
        });
    } else if matches!(role, b"Figure" | b"Formula" | b"Form") {
        // Text drawn in a figure is not the document's running text; the
        // layout decides what it is.
        ctx.tag = None;
    }
    ctx
}

/// Pushes an element's kids (one, or an array) so that they pop in order;
/// the stack never holds more than [`MAX_NODES`] (the walk stops there
/// anyway), so a huge kids array costs no more memory than that.
fn push_kids<'a>(k: Option<&'a Object>, ctx: Context, stack: &mut Vec<(&'a Object, Context)>) {
    match k {
        Some(Object::Array(kids)) => {
            let room = MAX_NODES.saturating_sub(stack.len());
            let kids = &kids[..kids.len().min(room)];
            stack.extend(kids.iter().rev().map(|k| (k, ctx)));
        }
        Some(k) => stack.push((k, ctx)),
        None => {}
    }
}

/// The page an element or marked-content reference names (`/Pg`).
fn page_of(d: &Dictionary) -> Option<ObjectId> {
    d.get(b"Pg").and_then(Object::as_reference).ok()
}

/// Gives the page's MCID the next place and its element's block, if it has
/// none yet.
fn mark(order: &mut Order, page: ObjectId, mcid: u32, ctx: &Context, next: &mut u32) {
    order
        .pages
        .entry(page)
        .or_default()
        .entry(mcid)
        .or_insert(Mark {
            order: *next,
            tag: ctx.tag,
            dropped: ctx.dropped,
        });
    *next = next.saturating_add(1);
}
