//! A node's extra attributes ([`Node::attrs`](super::Node::attrs)): a `BTreeMap<String, String>` that costs
//! one pointer while empty, as it is on almost every node of a large document.
//!
//! [`Attrs`] dereferences to the map, so it reads and writes as one (`n.attrs.get("egov")`,
//! `n.attrs.insert(k, v)`, `n.attrs["to"]`, `for (k, v) in &n.attrs`). The map is allocated on the first
//! mutable use; reads of an empty one see a shared empty map. JSON and the JSON Schema are the map's.
//!
//! ```
//! use kitei::model::{Kind, Node};
//! let mut n = Node::new(Kind::TableCell);
//! assert!(n.attrs.is_empty());
//! n.attrs.insert("rowspan".into(), "2".into());
//! assert_eq!(n.attrs["rowspan"], "2");
//! ```

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

/// The map every empty [`Attrs`] reads as.
static EMPTY: BTreeMap<String, String> = BTreeMap::new();

/// Attributes kept for faithful round trips: a map allocated only once something is put in it.
// The box is the point: an empty `BTreeMap` takes 24 bytes in every node, `Option<Box<_>>` 8.
#[allow(clippy::box_collection)]
#[derive(Clone, Default)]
pub struct Attrs(Option<Box<BTreeMap<String, String>>>);

impl Attrs {
    /// True when there are no attributes (also the `skip_serializing_if` of the field).
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }
}

impl Deref for Attrs {
    type Target = BTreeMap<String, String>;
    fn deref(&self) -> &Self::Target {
        self.0.as_deref().unwrap_or(&EMPTY)
    }
}

impl DerefMut for Attrs {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.get_or_insert_with(Box::default)
    }
}

impl From<BTreeMap<String, String>> for Attrs {
    fn from(map: BTreeMap<String, String>) -> Attrs {
        Attrs((!map.is_empty()).then(|| Box::new(map)))
    }
}

impl PartialEq for Attrs {
    fn eq(&self, other: &Attrs) -> bool {
        **self == **other
    }
}

impl Eq for Attrs {}

impl std::fmt::Debug for Attrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl<'a> IntoIterator for &'a Attrs {
    type Item = (&'a String, &'a String);
    type IntoIter = std::collections::btree_map::Iter<'a, String, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Attrs, D::Error> {
        BTreeMap::deserialize(d).map(Attrs::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_attributes_take_one_pointer_and_no_heap() {
        assert_eq!(std::mem::size_of::<Attrs>(), std::mem::size_of::<usize>());
        let a = Attrs::default();
        assert!(a.0.is_none() && a.is_empty() && a.get("x").is_none());
        assert!(Attrs::from(BTreeMap::new()).0.is_none(), "an empty map is not kept");
    }

    #[test]
    fn equal_by_content_whether_or_not_a_map_was_allocated() {
        let mut a = Attrs::default();
        a.insert("k".into(), "v".into());
        a.remove("k");
        assert!(a.0.is_some() && a.is_empty());
        assert_eq!(a, Attrs::default());
        a.insert("k".into(), "v".into());
        assert_ne!(a, Attrs::default());
        assert_eq!(format!("{a:?}"), r#"{"k": "v"}"#);
    }

    #[test]
    fn json_is_the_maps() {
        let mut a = Attrs::default();
        a.insert("rowspan".into(), "2".into());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"rowspan":"2"}"#);
        assert_eq!(serde_json::from_str::<Attrs>(&json).unwrap(), a);
        assert!(serde_json::from_str::<Attrs>("{}").unwrap().0.is_none());
        let pairs: Vec<(&String, &String)> = (&a).into_iter().collect();
        assert_eq!(pairs.len(), 1);
    }
}
