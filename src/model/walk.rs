//! Visiting the tree in document order.
//!
//! ```
//! use kitei::model::{Document, Kind, Node, walk};
//! let mut doc = Document::new("t");
//! doc.children.push(Node::new(Kind::Article));
//! let mut n = 0;
//! walk::walk(&doc, &mut |_| n += 1);
//! assert_eq!(n, 1);
//! ```

use super::{Document, Node};

/// Calls `f` on every node of the document, parents before children. Iterative, like every walk here: a
/// tree of any depth is fine on a small stack.
pub fn walk<'a>(doc: &'a Document, f: &mut impl FnMut(&'a Node)) {
    let mut stack: Vec<&'a Node> = doc.children.iter().rev().collect();
    while let Some(n) = stack.pop() {
        f(n);
        stack.extend(n.children.iter().rev());
    }
}

/// Calls `f` on `node` and all its descendants, parents before children.
pub fn walk_node<'a>(node: &'a Node, f: &mut impl FnMut(&'a Node)) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        f(n);
        stack.extend(n.children.iter().rev());
    }
}

/// Calls `f` on every node with the chain of its ancestors (outermost first).
pub fn walk_with_ancestors<'a>(doc: &'a Document, f: &mut impl FnMut(&'a Node, &[&'a Node])) {
    let mut ancestors: Vec<&'a Node> = Vec::new();
    let mut stack: Vec<(&'a Node, usize)> = doc.children.iter().rev().map(|c| (c, 0)).collect();
    while let Some((n, depth)) = stack.pop() {
        ancestors.truncate(depth);
        f(n, &ancestors);
        ancestors.push(n);
        stack.extend(n.children.iter().rev().map(|c| (c, depth + 1)));
    }
}

/// Calls `f` mutably on every node, parents before children.
pub fn walk_mut(doc: &mut Document, f: &mut impl FnMut(&mut Node)) {
    let mut stack: Vec<&mut Node> = doc.children.iter_mut().rev().collect();
    while let Some(n) = stack.pop() {
        f(n);
        stack.extend(n.children.iter_mut().rev());
    }
}

/// Every node in document order, flattened.
pub fn flatten(doc: &Document) -> Vec<&Node> {
    let mut out = Vec::new();
    walk(doc, &mut |n| out.push(n));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn small_tree() -> Document {
        let mut doc = Document::new("t");
        let mut a = Node::new(Kind::Article);
        a.id = "a".into();
        let mut p = Node::new(Kind::Paragraph);
        p.id = "p".into();
        let mut i = Node::new(Kind::Item);
        i.id = "i".into();
        p.children.push(i);
        a.children.push(p);
        let mut b = Node::new(Kind::Article);
        b.id = "b".into();
        doc.children = vec![a, b];
        doc
    }

    #[test]
    fn walks_are_in_document_order_with_ancestors() {
        let doc = small_tree();
        let ids: Vec<&str> = flatten(&doc).iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "p", "i", "b"]);
        let mut chains = Vec::new();
        walk_with_ancestors(&doc, &mut |n, up| {
            chains.push(format!("{}<{}", n.id, up.iter().map(|u| u.id.as_str()).collect::<Vec<_>>().join(",")))
        });
        assert_eq!(chains, ["a<", "p<a", "i<a,p", "b<"]);
        let mut doc = doc;
        let mut order = Vec::new();
        walk_mut(&mut doc, &mut |n| order.push(n.id.clone()));
        assert_eq!(order, ["a", "p", "i", "b"]);
    }
}
