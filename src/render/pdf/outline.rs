//! Nested bookmarks. printpdf 0.12.8 writes a flat outline and sorts one
//! page's bookmarks by title; this rewrites the outline it wrote as a tree
//! in document order: each chapter with its sections (the dimensions under
//! "Scores by dimension"), as the contents page and the HTML show them.
//!
//! It works on the saved file with lopdf, the PDF library printpdf itself
//! writes with (same version), and leaves the file as it was if anything is
//! not as expected: bookmarks flat are a lesser report, not a broken one.

use pdf_objects::{Document, Object, ObjectId};

use super::layout::Bookmark;

/// The outline items printpdf wrote, in its order.
fn flat_items(doc: &Document) -> Option<(ObjectId, Vec<ObjectId>)> {
    let root = doc
        .catalog()
        .ok()?
        .get(b"Outlines")
        .ok()?
        .as_reference()
        .ok()?;
    let mut items = Vec::new();
    let mut next = doc
        .get_dictionary(root)
        .ok()?
        .get(b"First")
        .ok()?
        .as_reference()
        .ok();
    while let Some(id) = next {
        if items.len() > 10_000 || items.contains(&id) {
            return None;
        }
        items.push(id);
        next = doc
            .get_dictionary(id)
            .ok()?
            .get(b"Next")
            .ok()
            .and_then(|o| o.as_reference().ok());
    }
    Some((root, items))
}

/// Links `children` (in order) under `parent`: Parent, Prev, Next on each,
/// First, Last and Count on the parent (positive: shown open).
fn link(doc: &mut Document, parent: ObjectId, children: &[ObjectId], count: i64) -> Option<()> {
    for (i, &id) in children.iter().enumerate() {
        let d = doc.get_dictionary_mut(id).ok()?;
        d.set("Parent", Object::Reference(parent));
        d.remove(b"Prev");
        d.remove(b"Next");
        if i > 0 {
            d.set("Prev", Object::Reference(children[i - 1]));
        }
        if let Some(&n) = children.get(i + 1) {
            d.set("Next", Object::Reference(n));
        }
    }
    let d = doc.get_dictionary_mut(parent).ok()?;
    match (children.first(), children.last()) {
        (Some(&first), Some(&last)) => {
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            d.set("Count", Object::Integer(count));
        }
        _ => {
            d.remove(b"First");
            d.remove(b"Last");
            d.remove(b"Count");
        }
    }
    Some(())
}

fn nest_doc(doc: &mut Document, marks: &[Bookmark]) -> Option<()> {
    let (root, items) = flat_items(doc)?;
    if items.len() != marks.len() || marks.first().is_some_and(|m| m.depth != 0) {
        return None;
    }
    // printpdf's order: by page, then title. Each of its items is the
    // bookmark at the same place in that order.
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|&a, &b| (marks[a].page, &marks[a].title).cmp(&(marks[b].page, &marks[b].title)));
    let mut item_of = vec![items[0]; marks.len()];
    for (pos, &m) in order.iter().enumerate() {
        item_of[m] = items[pos];
    }
    // Chapters in document order, each with its sections.
    let mut chapters: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
    for (m, mark) in marks.iter().enumerate() {
        match (mark.depth, chapters.last_mut()) {
            (0, _) => chapters.push((item_of[m], Vec::new())),
            (_, Some(chapter)) => chapter.1.push(item_of[m]),
            (_, None) => return None,
        }
    }
    for (chapter, sections) in &chapters {
        link(doc, *chapter, sections, sections.len() as i64)?;
    }
    let tops: Vec<ObjectId> = chapters.iter().map(|c| c.0).collect();
    link(doc, root, &tops, marks.len() as i64)
}

/// `bytes` with its outline nested as `marks` say (their order and depth),
/// or unchanged if the outline is not the one printpdf writes.
pub fn nest(bytes: Vec<u8>, marks: &[Bookmark]) -> Vec<u8> {
    if !marks.iter().any(|m| m.depth > 0) {
        return bytes;
    }
    let Ok(mut doc) = Document::load_mem(&bytes) else {
        return bytes;
    };
    if nest_doc(&mut doc, marks).is_none() {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    match doc.save_to(&mut out) {
        Ok(()) => out,
        Err(_) => bytes,
    }
}
