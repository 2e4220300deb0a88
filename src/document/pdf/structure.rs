//! The structure tree of a tagged PDF (`/StructTreeRoot`): its elements in
//! document order, each referring to marked content on a page by MCID, give
//! the reading order of the page's text.
//!
//! The walk is bounded for hostile files: an explicit stack (no recursion),
//! at most [`MAX_DEPTH`] levels and [`MAX_NODES`] nodes, and each object
//! visited once (a cycle ends there).

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::deref;

/// The deepest element nesting followed.
const MAX_DEPTH: usize = 256;
/// The most nodes (elements, marked-content references) visited.
const MAX_NODES: usize = 1_000_000;

/// For each page, each MCID's place in the tree's reading order.
#[derive(Debug, Default)]
pub struct Order {
    pub pages: HashMap<ObjectId, HashMap<u32, u32>>,
}

/// The reading order of a tagged PDF's marked content; `None` for a file
/// without a structure tree (or whose tree refers to no marked content).
pub fn read(doc: &Document) -> Option<Order> {
    let root = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?;
    let root = deref(doc, root)?.as_dict().ok()?;
    let mut order = Order::default();
    let mut next = 0u32;
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut nodes = 0usize;
    // (kid, depth, the page inherited from the parent element).
    let mut stack: Vec<(&Object, usize, Option<ObjectId>)> = Vec::new();
    push_kids(root.get(b"K").ok(), 0, None, &mut stack);
    while let Some((kid, depth, page)) = stack.pop() {
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
                if let (Some(page), Ok(mcid)) = (page, u32::try_from(*mcid)) {
                    mark(&mut order, page, mcid, &mut next);
                }
            }
            Object::Dictionary(d) => {
                let page = page_of(d).or(page);
                match d.get(b"Type").and_then(Object::as_name) {
                    Ok(b"MCR") => {
                        let mcid = d.get(b"MCID").and_then(Object::as_i64).ok();
                        if let (Some(page), Some(Ok(mcid))) = (page, mcid.map(u32::try_from)) {
                            mark(&mut order, page, mcid, &mut next);
                        }
                    }
                    Ok(b"OBJR") => {}
                    _ if depth < MAX_DEPTH => {
                        push_kids(d.get(b"K").ok(), depth + 1, page, &mut stack);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    (!order.pages.is_empty()).then_some(order)
}

/// Pushes an element's kids (one, or an array) so that they pop in order.
fn push_kids<'a>(
    k: Option<&'a Object>,
    depth: usize,
    page: Option<ObjectId>,
    stack: &mut Vec<(&'a Object, usize, Option<ObjectId>)>,
) {
    match k {
        Some(Object::Array(kids)) => {
            stack.extend(kids.iter().rev().map(|k| (k, depth, page)));
        }
        Some(k) => stack.push((k, depth, page)),
        None => {}
    }
}

/// The page an element or marked-content reference names (`/Pg`).
fn page_of(d: &Dictionary) -> Option<ObjectId> {
    d.get(b"Pg").and_then(Object::as_reference).ok()
}

/// Gives the page's MCID the next place, if it has none yet.
fn mark(order: &mut Order, page: ObjectId, mcid: u32, next: &mut u32) {
    order
        .pages
        .entry(page)
        .or_default()
        .entry(mcid)
        .or_insert(*next);
    *next = next.saturating_add(1);
}
