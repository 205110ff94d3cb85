//! Copying a node without its subtree ([`Node::clone_shallow`]), instead of cloning a whole subtree to throw
//! its children away (struct update syntax, `Node { children: Vec::new(), ..n.clone() }`).
//!
//! ```
//! use kitei::model::{Kind, Node};
//! let mut n = Node::new(Kind::Item);
//! n.children.push(Node::new(Kind::Subitem));
//! assert!(n.clone_shallow().children.is_empty());
//! ```

use super::Node;

impl Node {
    /// A copy of this node without its children (every other field cloned).
    pub fn clone_shallow(&self) -> Node {
        Node {
            kind: self.kind,
            id: self.id.clone(),
            num: self.num.clone(),
            num_end: self.num_end.clone(),
            label: self.label.clone(),
            heading: self.heading.clone(),
            heading_raw: self.heading_raw.clone(),
            text: self.text.clone(),
            sentences: self.sentences.clone(),
            deleted: self.deleted,
            level: self.level,
            scheme: self.scheme,
            attrs: self.attrs.clone(),
            children: Vec::new(),
            span: self.span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn a_shallow_copy_keeps_every_field_but_the_children() {
        let mut n = Node::new(Kind::Item);
        n.id = "art_1__para_1__item_1".into();
        n.label = "一".into();
        n.set_text("甲。");
        n.attrs.insert("k".into(), "v".into());
        n.children.push(Node::new(Kind::Subitem));
        let mut expected = n.clone();
        expected.children.clear();
        assert_eq!(n.clone_shallow(), expected);
    }
}
