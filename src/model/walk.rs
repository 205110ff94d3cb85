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

/// Calls `f` on every node of the document, parents before children.
pub fn walk<'a>(doc: &'a Document, f: &mut impl FnMut(&'a Node)) {
    for c in &doc.children {
        walk_node(c, f);
    }
}

/// Calls `f` on `node` and all its descendants, parents before children.
pub fn walk_node<'a>(node: &'a Node, f: &mut impl FnMut(&'a Node)) {
    f(node);
    for c in &node.children {
        walk_node(c, f);
    }
}

/// Calls `f` on every node with the chain of its ancestors (outermost first).
pub fn walk_with_ancestors<'a>(doc: &'a Document, f: &mut impl FnMut(&'a Node, &[&'a Node])) {
    fn go<'a>(n: &'a Node, stack: &mut Vec<&'a Node>, f: &mut impl FnMut(&'a Node, &[&'a Node])) {
        f(n, stack);
        stack.push(n);
        for c in &n.children {
            go(c, stack, f);
        }
        stack.pop();
    }
    let mut stack = Vec::new();
    for c in &doc.children {
        go(c, &mut stack, f);
    }
}

/// Calls `f` mutably on every node, parents before children.
pub fn walk_mut(doc: &mut Document, f: &mut impl FnMut(&mut Node)) {
    fn go(n: &mut Node, f: &mut impl FnMut(&mut Node)) {
        f(n);
        for c in &mut n.children {
            go(c, f);
        }
    }
    for c in &mut doc.children {
        go(c, f);
    }
}

/// Every node in document order, flattened.
pub fn flatten(doc: &Document) -> Vec<&Node> {
    let mut out = Vec::new();
    walk(doc, &mut |n| out.push(n));
    out
}
