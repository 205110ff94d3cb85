//! Dropping a tree without recursion: [`Node`]'s `Drop` moves the children of every node it drops onto one
//! heap stack before the node goes, so a tree of any depth is freed in constant stack space (the derived
//! drop glue would take a few frames per level and overflow a 2 MiB thread on a tree some thousands deep).
//!
//! With a `Drop` impl, a node's fields can no longer be moved out of it (`let v = node.children;` or
//! `Node { label, ..node }`): take them instead (`std::mem::take(&mut node.children)`).
//!
//! ```
//! use kitei::model::{Kind, Node};
//! let mut top = Node::new(Kind::Subitem);
//! for _ in 0..100_000 {
//!     let mut n = Node::new(Kind::Subitem);
//!     n.children.push(top);
//!     top = n;
//! }
//! drop(top); // no stack overflow
//! ```

use super::Node;

impl Drop for Node {
    fn drop(&mut self) {
        if self.children.iter().all(|c| c.children.is_empty()) {
            // Leaves and nodes of leaves (most of a tree) drop with one frame more: no stack needed.
            return;
        }
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut n) = stack.pop() {
            stack.append(&mut n.children);
            // `n` drops here with no children: its own `drop` returns at once.
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    /// A chain of `depth` nodes, each the only child of the one above.
    fn chain(depth: usize) -> Node {
        let mut top = Node::new(Kind::Subitem);
        top.set_text("最も深い");
        for _ in 1..depth {
            let mut n = Node::new(Kind::Subitem);
            n.children.push(top);
            top = n;
        }
        top
    }

    #[test]
    fn a_100000_deep_tree_drops_in_a_2_mib_thread() {
        let t = std::thread::Builder::new().stack_size(2 << 20).spawn(|| drop(chain(100_000))).unwrap();
        assert!(t.join().is_ok(), "dropping the deep tree overflowed the stack");
    }

    #[test]
    fn a_deep_tree_with_siblings_at_every_level_drops_in_a_2_mib_thread() {
        let build = || {
            let mut top = chain(10);
            for _ in 0..50_000 {
                let mut n = Node::new(Kind::Item);
                n.children.push(chain(3));
                n.children.push(top);
                n.children.push(Node::new(Kind::Subitem));
                top = n;
            }
            top
        };
        let t = std::thread::Builder::new().stack_size(2 << 20).spawn(move || drop(build())).unwrap();
        assert!(t.join().is_ok(), "dropping the deep tree overflowed the stack");
    }
}
