//! Cross-reference links for the site. References are found and resolved by [`crate::refs`] (the one finder
//! every consumer uses); a link goes to the `Node::id` of the existing provision the reference points at,
//! never to an ID built by hand. References to another law are marked external, references that point
//! nowhere unresolved, and those whose target cannot be known (同条 with no antecedent) are left as text.
//!
//! ```
//! use kitei::refs::Resolver;
//! use kitei::render::xref::{links, Target};
//! let doc = kitei::parse::parse_str("規程\n第1条　甲\n一　乙\n第2条　前条及び第1条第1号並びに法第39条の規定\n").unwrap();
//! let resolver = Resolver::new(&doc);
//! let here = resolver.position("art_2__para_1").unwrap();
//! let refs = links(&resolver, &here, &doc.find("art_2__para_1").unwrap().text);
//! assert_eq!(refs[0].target, Target::Internal("art_1".into()));
//! assert_eq!(refs[1].target, Target::Internal("art_1__para_1__item_1".into()));
//! assert_eq!(refs[2].target, Target::External);
//! ```

use crate::refs::english::find_english_references;
use crate::refs::{Position, Resolved, Resolver};

/// Where a reference points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A provision of this regulation, by its (existing) ID.
    Internal(String),
    /// A provision of this regulation that does not exist (第30条 in a regulation of 20 articles).
    Unresolved,
    /// A provision of another law.
    External,
}

/// A reference found in a text: byte range and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The target.
    pub target: Target,
}

/// The links of a Japanese text standing at `pos`.
pub fn links(resolver: &Resolver<'_>, pos: &Position<'_>, text: &str) -> Vec<Reference> {
    resolver.references(pos, text).iter().filter_map(link).collect()
}

/// The links of an English (JLT-style) text translating the provision at `pos`.
pub fn english_links(resolver: &Resolver<'_>, pos: &Position<'_>, text: &str) -> Vec<Reference> {
    resolver.resolve_all(pos, find_english_references(text)).iter().filter_map(link).collect()
}

fn link(r: &Resolved<'_>) -> Option<Reference> {
    let bare_item = r.reference.article.is_none() && r.reference.paragraph.is_none();
    let target = if r.reference.external && bare_item {
        // A law's number (平成14年法律第153号), not a provision.
        return None;
    } else if r.reference.external {
        Target::External
    } else if r.error.is_some() {
        Target::Unresolved
    } else {
        Target::Internal(r.anchor()?.id.clone())
    };
    Some(Reference { start: r.reference.range.start, end: r.reference.range.end, target })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "規程\n第10条　甲\n第10条の2　乙\n２　丙\n３　丁\n第25条　戊\n２　前項第2号、第十条の二第3項、同条、第1号及び前各号\n一　己\n二　庚\n附　則\n第1条　施行する。\n第2条　前条の規定による。\n";

    fn targets(id: &str, en: Option<&str>) -> Vec<(String, Target)> {
        let doc = crate::parse::parse_str(DOC).unwrap();
        let resolver = Resolver::new(&doc);
        let pos = resolver.position(id).unwrap();
        let text = en.map(str::to_string).unwrap_or_else(|| doc.find(id).unwrap().text.clone());
        let refs = if en.is_some() { english_links(&resolver, &pos, &text) } else { links(&resolver, &pos, &text) };
        refs.into_iter().map(|r| (text[r.start..r.end].to_string(), r.target)).collect()
    }

    fn id(s: &str) -> Target {
        Target::Internal(s.into())
    }

    #[test]
    fn relative_and_chained_references_link_to_existing_ids() {
        let t = targets("art_25__para_2", None);
        assert_eq!(t[0], ("前項第2号".into(), Target::Unresolved)); // 第25条第1項 has no items
        assert_eq!(t[1], ("第十条の二第3項".into(), id("art_10-2__para_3")));
        assert_eq!(t[2], ("同条".into(), id("art_10-2")));
        assert_eq!(t[3], ("第1号".into(), id("art_25__para_2__item_1")));
        assert_eq!(t[4], ("前各号".into(), id("art_25__para_2")));
    }

    #[test]
    fn a_reference_in_the_suppl_links_inside_the_suppl() {
        assert_eq!(targets("suppl_1__art_2__para_1", None), vec![("前条".into(), id("suppl_1__art_1"))]);
    }

    #[test]
    fn english_references() {
        let t = "Article 39, paragraph (1) of the Act; the preceding Article; Article 10-2, paragraph (2); item (ii)";
        let r = targets("art_25__para_2", Some(t));
        assert_eq!(r[0], ("Article 39, paragraph (1)".into(), Target::External));
        assert_eq!(r[1], ("the preceding Article".into(), id("art_10-2")));
        assert_eq!(r[2].1, id("art_10-2__para_2"));
        assert_eq!(r[3], ("item (ii)".into(), id("art_25__para_2__item_2")));
    }

    #[test]
    fn law_numbers_and_other_laws_are_external() {
        let doc = crate::parse::parse_str("規程\n第1条　甲\n").unwrap();
        let resolver = Resolver::new(&doc);
        let pos = resolver.position("art_1__para_1").unwrap();
        let t = "地方公共団体情報システム機構法（平成25年法律第29号）第26条第1項に基づく";
        let r = links(&resolver, &pos, t);
        assert_eq!(r.len(), 1, "{r:?}"); // 第29号 is the law's number
        assert_eq!((&t[r[0].start..r[0].end], &r[0].target), ("第26条第1項", &Target::External));
        assert_eq!(links(&resolver, &pos, "法第44条第2項に規定する")[0].target, Target::External);
    }
}
