//! Writing the 一部改正 text (改め文) that turns one version into another.
//!
//! Provisions are paired by content (unchanged ones first, then by similarity), and the amendment is written in
//! the order enacted acts use: front to back, each provision's wording changes and then its move in one
//! sentence; a stretch moved down (繰下げ) from the back, so that each number is free when taken; 削る where the
//! provision stands; new provisions once their neighbours stand at their final numbers (`provisions::order`).
//! A provision that mostly changed is rewritten whole. The result is checked by applying it to OLD: `generate`
//! never returns text that does not give NEW.
//!
//! Generation: two trees → instructions → text. It runs [`crate::amend::apply()`] as its self-check and reads
//! its own text back with [`crate::amend::grammar`]. [`pairing`] pairs provisions (through the diff engine),
//! `provisions` writes the instructions level by level, with [`wording`] for the quotes of a wording change,
//! [`named`] for lists amended entry by entry, [`chapters`] for groups, [`appendix`] for 別表 and 様式,
//! [`suppl`] and [`annotation`] for 附則 and e-Gov's header notes, and [`body`] for the new text. How things are
//! cited and phrased is in [`conventions`], the one place for drafting conventions.
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　情報を最新の状態に保つ。\n").unwrap();
//! let new = kitei::parse::parse_str("例規程\n第一条　情報を最新かつ正確な状態に保つ。\n").unwrap();
//! let text = kitei::amend::generate(&old, &new, &Default::default()).unwrap();
//! assert!(text.contains("第一条中「最新の」を「最新かつ正確な」に改める。"), "{text}");
//! ```

pub mod annotation;
pub mod appendix;
pub mod body;
pub mod chapters;
pub mod conventions;
mod layout;
pub mod named;
pub mod pairing;
mod provisions;
pub mod suppl;
pub mod wording;

use std::collections::HashMap;

use crate::amend::apply::check::verify;
use crate::amend::style::NumStyle;
use crate::error::{Error, Result};
use crate::model::{walk, Document, Kind, Node, Num};

use conventions::{act_word, enacting_line, part_heading, suppl_heading, title_line};
use provisions::Gen;

/// Options for [`generate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The 施行期日 sentence for the 附則, overriding the one taken from NEW's last 附則.
    pub effective: Option<String>,
}

/// Writes the 改め文 that turns `old` into `new`: title line, enacting sentence, instructions and 附則.
///
/// If the text does not give NEW (typically a renumbering inside a provision whose references the pairing
/// cannot account for), it is written again with every provision whose parts would be renumbered rewritten
/// whole, as drafters do with a heavily amended article.
pub fn generate(old: &Document, new: &Document, opts: &Options) -> Result<String> {
    generate_checked(old, new, opts).map(|g| g.text)
}

/// A generated 改め文 and what its self-check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The 改め文.
    pub text: String,
    /// For the reader, one sentence each: the text gives NEW exactly, but NEW itself still cites provisions
    /// under their old numbers, so `kitei apply` will call the text a ハネ漏れ.
    pub warnings: Vec<String>,
}

/// As [`generate()`], with the warnings of the self-check that applied the text (so that a caller need not
/// apply it again to report them).
///
/// ```
/// // NEW removed 第二項 but still cites 「第三項」 (now 第二項): the 改め文 that gives NEW carries it over.
/// let old = kitei::parse::parse_str("例\n第一条　甲とする。\n２　乙とする。\n３　丙とする。\n４　第三項の規定は、丁に準用する。\n").unwrap();
/// let new = kitei::parse::parse_str("例\n第一条　甲とする。\n２　丙とする。\n３　第三項の規定は、丁に準用する。\n").unwrap();
/// let g = kitei::amend::generate::generate_checked(&old, &new, &Default::default()).unwrap();
/// assert_eq!(g.warnings.len(), 1, "{}", g.text);
/// assert!(g.warnings[0].starts_with("the new version keeps references its renumbering moved; <generated>:"), "{:?}", g.warnings);
/// ```
pub fn generate_checked(old: &Document, new: &Document, opts: &Options) -> Result<Generated> {
    // What does not depend on the attempt is planned once.
    let style = NumStyle::of_document(old);
    let plans = Plans {
        style,
        paths: group_paths(new),
        appendix: appendix::changes(old, new, style)?,
        groups: chapters::plan(old, new, style),
        suppl: suppl::plan(old, new)?,
    };
    if let Some(reason) = annotation::preamble_change(old, &plans.suppl.want) {
        return Err(Error::Other(reason));
    }
    attempt(old, new, opts, &plans, false).or_else(|first| attempt(old, new, opts, &plans, true).map_err(|_| first))
}

/// The parts of a generated amendment that both attempts share.
struct Plans<'a> {
    style: NumStyle,
    paths: HashMap<*const Node, Vec<(Kind, Option<Num>)>>,
    appendix: Vec<String>,
    groups: chapters::ChapterPlan<'a>,
    suppl: suppl::SupplPlan<'a>,
}

/// The 項 at the top of a 本則 without 条.
fn top_paragraphs(d: &Document) -> Vec<&Node> {
    d.children.iter().filter(|n| n.kind == Kind::Paragraph).collect()
}

fn attempt(old: &Document, new: &Document, opts: &Options, p: &Plans, whole_on_renumber: bool) -> Result<Generated> {
    let style = p.style;
    let mut g = Gen::new(style, &p.paths, whole_on_renumber);
    if old.title != new.title {
        g.out.push(format!("題名を次のように改める。\n{}", new.title));
    }
    g.toc(old, new)?;
    let groups = &p.groups;
    g.out.extend(groups.removals.iter().cloned());
    let mut oa = old.articles();
    let mut na = new.articles();
    if !groups.skipped.is_empty() {
        let skip = chapters::nodes_in(&groups.skipped);
        oa.retain(|a| !skip.contains(&(*a as *const Node)));
        na.retain(|a| !skip.contains(&(*a as *const Node)));
    }
    // A group's name change goes where the group starts, among the article sentences (text order).
    for (cite, o, n) in &groups.kept {
        if let Some(s) = Gen::group_name(cite, o, n) {
            let inside = chapters::nodes_in(&[*o]);
            let first = oa.iter().position(|a| inside.contains(&(*a as *const Node))).unwrap_or(usize::MAX);
            g.names.push((first, s));
        }
    }
    g.children("", Kind::Article, &oa, &na)?;
    if oa.is_empty() && na.is_empty() {
        // A 本則 of 項 without 条 (a 告示-like rule): its 項 are cited alone, 「第二項中…」.
        let (op, np) = (top_paragraphs(old), top_paragraphs(new));
        if !op.is_empty() && !np.is_empty() {
            g.children("", Kind::Paragraph, &op, &np)?;
        }
    }
    g.out.extend(groups.inner.iter().cloned());
    g.out.extend(groups.moves.iter().cloned());
    g.out.extend(groups.additions.iter().cloned());
    let plan = &p.suppl;
    if let Some((o, n)) = plan.original {
        g.suppl(o, n)?;
    }
    // 別表 and 様式 come after the 附則, as they stand in the text.
    g.out.extend(p.appendix.iter().cloned());
    let mut parts = Vec::new();
    for (act, o, n) in &plan.acts {
        let mut part = Gen::new(style, &p.paths, whole_on_renumber);
        part.suppl(o, n)?;
        parts.push((act.clone(), part.out));
    }
    let own = match &opts.effective {
        Some(e) => vec![e.clone()],
        None => plan.own.clone(),
    };
    if g.out.is_empty() && parts.is_empty() && own.is_empty() {
        return Err(Error::Other("the two versions do not differ in anything an amendment writes".into()));
    }
    let write = |join: bool| -> String {
        let lines = |v: &[String]| if join { conventions::sentences::join_per_article(v) } else { v.to_vec() };
        let word = act_word(&old.title);
        let number = old.number.as_deref().map(|n| format!("（{n}）")).unwrap_or_default();
        let mut text = String::new();
        if parts.is_empty() {
            text.push_str(&title_line(&old.title, word, false));
            text.push_str(&enacting_line(&format!("{}{number}", old.title)));
            for s in lines(&g.out) {
                text.push_str(&s);
                text.push('\n');
            }
        } else {
            // One article of the act per amended text: the text itself, then each earlier act whose 附則 changed.
            text.push_str(&title_line(&old.title, word, true));
            let mut k = 0;
            let mut part = |text: &mut String, name: &str, cited: &str, out: &[String]| {
                k += 1;
                text.push_str(&part_heading(name, k, cited, style));
                for s in lines(out) {
                    text.push_str(&s);
                    text.push('\n');
                }
            };
            if !g.out.is_empty() {
                part(&mut text, &old.title, &format!("{}{number}", old.title), &g.out);
            }
            for (act, out) in &parts {
                part(&mut text, act, act, out);
            }
        }
        if !own.is_empty() {
            text.push_str(&suppl_heading(plan.own_heading.as_deref().filter(|_| opts.effective.is_none())));
            for l in &own {
                text.push_str(l);
                text.push('\n');
            }
        }
        text
    };
    // One sentence per article where possible (同条 for the later clauses); the plain form if that fails.
    let checked = |text: String| -> Result<Generated> {
        let applied = verify(old, &plan.want, &text)?;
        let warnings = applied
            .hane_error
            .map(|e| format!("the new version keeps references its renumbering moved; {e}"))
            .into_iter()
            .collect();
        Ok(Generated { text, warnings })
    };
    let joined = write(true);
    if let Ok(g) = checked(joined.clone()) {
        return Ok(g);
    }
    let text = write(false);
    let res = checked(text.clone());
    if res.is_err() {
        // TODO(grammar): until the reader takes 「第二章第一節中第四条の次に」, the same without the group.
        for t in [&joined, &text] {
            let plain = conventions::without_group_cites(t);
            if plain != *t {
                if let Ok(g) = checked(plain) {
                    return Ok(g);
                }
            }
        }
    }
    res
}

/// The group path (章, 節 numbers) of every article of a document, by address: one walk, looked up for each
/// added article.
fn group_paths(doc: &Document) -> HashMap<*const Node, Vec<(Kind, Option<Num>)>> {
    let mut out = HashMap::new();
    walk::walk_with_ancestors(doc, &mut |n, anc| {
        if n.kind == Kind::Article {
            out.insert(
                n as *const Node,
                anc.iter().filter(|x| x.kind.is_group()).map(|x| (x.kind, x.num.clone())).collect(),
            );
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_str;

    #[test]
    fn a_change_of_caption_brackets_alone_is_written() {
        let old = parse_str("例規程\n（目的）\n第一条　甲とする。\n").unwrap();
        let new = parse_str("例規程\n(目的)\n第一条　甲とする。\n").unwrap();
        assert_ne!(old.articles()[0].heading_raw, new.articles()[0].heading_raw, "the parser keeps the brackets");
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        assert!(text.contains("第一条の見出しを「(目的)」に改める。"), "{text}");
    }

    #[test]
    fn a_chapter_name_comes_in_text_order_among_the_articles() {
        // 「第一条中…。第二章の章名を…。第二条中…。」: front to back, as a drafter reads the law.
        let old = parse_str("例規程\n第一章　総則\n第一条　甲の事務を行う。\n第二章　雑則\n第二条　乙の事務を行う。\n")
            .unwrap();
        let new = parse_str("例規程\n第一章　総則\n第一条　丙の事務を行う。\n第二章　補則\n第二条　丁の事務を行う。\n")
            .unwrap();
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing in {text}"));
        assert!(at("\n第一条中") < at("\n第二章の章名") && at("\n第二章の章名") < at("\n第二条中"), "{text}");
    }

    /// A 号 reworded into two columns (「一　法令　法律及び命令をいう。」): in a text document they follow from the
    /// words; in e-Gov XML without columns nothing tells, and the generator refuses, naming the provision and
    /// the columns, rather than write a 改め文 that loses them.
    #[test]
    fn columns_no_text_can_carry_are_a_named_refusal() {
        let head = "法\n第二条　この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n";
        let mut old = parse_str(&format!("{head}一　法令とは、法律及び命令をいう。\n")).unwrap();
        let mut new = parse_str(&format!("{head}一　法令　法律及び命令をいう。\n")).unwrap();
        // In a text document the parser's rule says: the round trip holds.
        let outcome = crate::conformance::amend_round_trip(&old, &new);
        assert_eq!(outcome, crate::conformance::AmendOutcome::Same);
        old.format = crate::model::SourceFormat::EgovXml;
        new.format = crate::model::SourceFormat::EgovXml;
        let e = crate::amend::generate(&old, &new, &Default::default()).unwrap_err().to_string();
        assert!(e.contains("at 第二条") && e.contains("column split"), "{e}");
    }

    #[test]
    fn identical_versions_are_not_an_amendment() {
        let old = parse_str("例規程\n第一条　甲とする。\n").unwrap();
        let e = crate::amend::generate(&old, &old.clone(), &Default::default()).unwrap_err().to_string();
        assert!(e.contains("do not differ"), "{e}");
    }

    /// A 告示-like rule whose 本則 is 項 without 条 (e-Gov: 「指定試験機関として次のとおり指定する。」 then the
    /// list of bodies): a 項 whose bodies change is amended under its number, and the 項 keeps its place's number.
    #[test]
    fn a_main_provision_of_paragraphs_without_articles_is_amended() {
        let body = "指定試験機関を指定する告示\n\
                    \u{3000}法第二十条第五項に規定する指定試験機関として次のとおり指定する。\n\
                    \u{3000}一般財団法人保安通信協会　東京都墨田区太平四丁目一番三号\n";
        let old = parse_str(&format!(
            "{body}\u{3000}一般社団法人遊技機試験機構　愛知県名古屋市名東区牧の原三丁目九百二番地\n"
        ))
        .unwrap();
        let new = parse_str(body).unwrap();
        assert!(old.articles().is_empty(), "no 条");
        let paras =
            |d: &crate::model::Document| d.children.iter().filter(|n| n.kind == crate::model::Kind::Paragraph).count();
        assert!(paras(&old) >= 2, "{:?}", crate::amend::apply::check::comparable(&old));
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        let got = crate::amend::apply(&old, &text, "t").unwrap();
        assert_eq!(
            crate::amend::apply::check::comparable(&got),
            crate::amend::apply::check::comparable(&new),
            "{text}"
        );
        // The last 項 replaced by other words: given again whole, it stays the third 項.
        let other = parse_str(&format!("{body}\u{3000}日本電気計器検定所　東京都港区芝浦四丁目十五番七号\n")).unwrap();
        let text = crate::amend::generate(&old, &other, &Default::default()).unwrap();
        let got = crate::amend::apply(&old, &text, "t").unwrap();
        let same = crate::amend::apply::check::comparable(&got) == crate::amend::apply::check::comparable(&other);
        assert!(same, "{text}");
    }
}
