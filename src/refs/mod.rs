//! Cross-references in provision text, found once for every consumer: the linter (dangling references,
//! citation forms), the site (links), the diff engine (ハネ warnings) and amend (ハネ漏れ).
//!
//! - [`find`] finds references in a text: 第N条第M項第K号, ranges, coordinated lists that carry the article
//!   over (「第5条第2項及び第3項」), 同条/前条/次条/前項/前各号/前二条…, and marks those of another
//!   instrument external (「法第3条」「民法第十条」「〇〇法（…）第N条」; 「この規程第5条」 is this one's).
//! - [`resolve`] looks them up in the document from the position of the text and returns the existing nodes
//!   (their [`crate::model::Node::id`]s) and the target as a path of (`Kind`, `Num`) steps.
//! - [`cite`] names a provision as a reference would (第10条第2項), and [`terms`] finds defined terms
//!   (「X」とは…をいう, （以下「X」という。）) and their uses: what history, impact and the site share.
//! - [`english`] finds the references of English (JLT-style) translations as the same [`Reference`]s.
//!
//! ```
//! use kitei::refs::Resolver;
//! let doc = kitei::parse::parse_str("規程\n第1条　甲\n２　乙\n第2条　この規程第1条第2項及び民法第3条による。\n").unwrap();
//! let resolver = Resolver::new(&doc);
//! let here = resolver.position("art_2__para_1").unwrap();
//! let refs = resolver.references(&here, &doc.find("art_2__para_1").unwrap().text);
//! assert_eq!(refs.len(), 2);
//! assert_eq!(refs[0].node().unwrap().id, "art_1__para_2");
//! assert!(refs[1].reference.external);
//! ```

pub mod cite;
mod coordination;
pub mod english;
pub mod external;
pub mod find;
pub mod resolve;
pub mod resolved;
mod scan;
pub mod terms;

pub(crate) use find::numeral_at;
pub use find::{find_references, Numerals, RefKind, Reference, Target};
pub use resolve::Resolver;
pub use resolved::{Position, Resolved, Step};
