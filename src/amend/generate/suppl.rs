//! The 附則 (supplementary provisions) side of an amendment: which of NEW's 附則 are the amending act's own,
//! which of OLD's changed and where their changes are written, and how the act's own 附則 joins the amended
//! text.
//!
//! A consolidated text carries, after its main provision, its original 附則 and then one 附則 per amending act
//! (e-Gov gives each the act's number as its heading: `平成二九年六月二日法律第四五号`). When two versions are
//! compared:
//!
//! * NEW's 附則 that OLD lacks are the amending acts' own: the last of them becomes the generated act's 附則,
//!   and none is written as an instruction.
//! * A change to OLD's original 附則 (the first, without an act number) is written in the main part:
//!   「附則中「…」を「…」に改める。」, 「附則第二項を削る。」.
//! * A change to an earlier amending act's 附則 amends that act, not the text: real practice writes it as a
//!   further article of the amending act, 「第二条　平成二九年六月二日法律第四五号の一部を次のように改正す
//!   る。」, followed by its instructions (「附則第三条中…」). [`apply_amendment`](crate::amend::apply_amendment)
//!   applies such a part to the 附則 whose heading is that act number.
//! * Except for excerpts (抄, attribute `extract`): e-Gov shows only some articles of most amending acts' 附則,
//!   and which ones changes between snapshots without any amendment. Differences there are not amendments;
//!   they are left as in OLD and listed by [`unwritten`] so that a tool can say so.
//! * Internal rules often keep one 附則 as a history list, one bullet per amendment (`- この規則は、令和5年5月22日
//!   に改正し、令和5年6月21日から施行する。`). Bullets added at its end are the act's own 附則, and
//!   [`append_suppl`] adds the act's 附則 back as bullets.
//!
//! ```
//! let old = kitei::parse::parse_str("# 規程\n\n### 第1条\n\n目的を定める。\n\n## 附則\n\n- この規程は、令和2年4月1日から施行する。\n").unwrap();
//! let act = "規程の一部を改正する規程\n規程の一部を次のように改正する。\n第1条中「目的」を「趣旨」に改める。\n附　則\nこの規程は、令和9年4月1日から施行する。\n";
//! let amendment = kitei::amend::parse::parse(act, "act.txt").unwrap();
//! let mut new = kitei::amend::apply_amendment(&old, &amendment, "act.txt").unwrap();
//! kitei::amend::append_suppl(&mut new, &amendment);
//! let history = new.suppl_provisions().last().unwrap();
//! assert_eq!(history.children.len(), 2);
//! assert_eq!(history.children[1].label, "-");
//! assert_eq!(history.children[1].text, "この規程は、令和9年4月1日から施行する。");
//! ```

use crate::error::{Error, Result};
use crate::model::{Document, Kind, Node};

use crate::amend::apply::suppl::is_history;
#[cfg(doc)]
use crate::amend::apply::suppl::{act_suppl_index, append_suppl};

use super::pairing::content_key;

/// Where the 附則 changes between two versions go.
pub(super) struct SupplPlan<'a> {
    /// OLD's original 附則 and NEW's, when it changed (written in the main part, cited as 附則).
    pub original: Option<(&'a Node, &'a Node)>,
    /// Earlier amending acts' 附則 that changed: the act number (their heading), OLD's and NEW's.
    pub acts: Vec<(String, &'a Node, &'a Node)>,
    /// The generated act's own 附則, line by line.
    pub own: Vec<String>,
    /// The act's number and date for the heading of its 附則 (`令和五年三月三十一日規程第十二号`), from NEW's
    /// last 附則 when it carries one.
    pub own_heading: Option<String>,
    /// Amending acts (by number) whose excerpted 附則 differ but are not written (see the module docs).
    pub unwritten: Vec<String>,
    /// NEW without the act's own 附則, excerpts as in OLD: what applying the instructions must give.
    pub want: Document,
}

/// An excerpt (抄) of an amending act's 附則, as e-Gov gives most of them.
fn is_excerpt(n: &Node) -> bool {
    n.attrs.get("extract").is_some_and(|v| v == "true")
}

/// Pairs OLD's 附則 with NEW's (by label and act number, in order) and decides where each change is written.
pub(super) fn plan<'a>(old: &'a Document, new: &'a Document) -> Result<SupplPlan<'a>> {
    let key = |n: &Node| (n.label.replace(['\u{3000}', ' '], ""), n.heading.clone());
    let os: Vec<&Node> = old.suppl_provisions().collect();
    let ns: Vec<&Node> = new.suppl_provisions().collect();
    let mut taken = vec![false; ns.len()];
    let mut plan = SupplPlan {
        original: None,
        acts: Vec::new(),
        own: Vec::new(),
        own_heading: None,
        unwritten: Vec::new(),
        want: new.clone(),
    };
    // NEW's 附則 to be taken as in OLD (excerpts): index among NEW's 附則 → OLD's node.
    let mut as_old: Vec<(usize, &Node)> = Vec::new();
    // NEW's history list with its added bullets cut off: (index among NEW's 附則, bullets kept).
    let mut history_cut: Option<(usize, usize)> = None;
    for (k, o) in os.iter().enumerate() {
        let Some(j) = (0..ns.len()).find(|&j| !taken[j] && key(ns[j]) == key(o)) else {
            return Err(Error::Other(format!("removing the 附則 「{}」 cannot be written as an amendment", o.label)));
        };
        taken[j] = true;
        let n = ns[j];
        if o.same_content(n) {
            continue;
        }
        let last = k + 1 == os.len() && j + 1 == ns.len();
        if last && o.heading.is_none() && is_history(o) && is_history(n) && n.children.len() > o.children.len() {
            let kept = &n.children[..o.children.len()];
            if kept.iter().zip(&o.children).all(|(a, b)| a.text == b.text) {
                plan.own = n.children[o.children.len()..].iter().map(|c| c.text.clone()).collect();
                history_cut = Some((j, o.children.len()));
                continue;
            }
        }
        match &o.heading {
            // Excerpts, and differences no text can carry (the number range of 一から二十五まで, attributes).
            Some(h) if is_excerpt(o) || is_excerpt(n) || content_key(o) == content_key(n) => {
                plan.unwritten.push(h.clone());
                as_old.push((j, o));
            }
            Some(h) => plan.acts.push((h.clone(), o, n)),
            None if k == 0 => plan.original = Some((o, n)),
            None => {
                return Err(Error::Other(format!(
                    "the 附則 「{}」 (number {}) has no act number to cite, so its changes cannot be written",
                    o.label,
                    k + 1
                )))
            }
        }
    }
    let extra: Vec<&Node> = (0..ns.len()).filter(|&j| !taken[j]).map(|j| ns[j]).collect();
    if plan.own.is_empty() {
        // The act's 附則 as written, with its articles, captions and 号 labels; text blocks (flattened table
        // cells) as plain lines, as the act prints them: these lines are prose, not body text to parse.
        if let Some(s) = extra.last() {
            plan.own_heading = s.heading.clone().filter(|h| !h.is_empty());
            for c in &s.children {
                let text = super::body::node_text(c, None);
                plan.own.extend(text.lines().map(|l| l.trim_start_matches(":text:").trim_end().to_string()));
            }
        }
    }
    let mut index = 0;
    plan.want.children.retain_mut(|c| {
        if c.kind != Kind::SupplProvision {
            return true;
        }
        let j = index;
        index += 1;
        if let Some((h, keep)) = history_cut {
            if h == j {
                c.children.truncate(keep);
            }
        }
        if let Some((_, o)) = as_old.iter().find(|(k, _)| *k == j) {
            *c = (*o).clone();
        }
        taken[j]
    });
    super::annotation::keep_old_notes(old, &mut plan.want);
    crate::model::ids::assign_ids(&mut plan.want);
    Ok(plan)
}

/// The amending acts whose excerpted 附則 (抄) differ between OLD and NEW: e-Gov's selection changed, which no
/// amendment of this text can write. A tool generating the amendment should say so; empty when nothing is left
/// out.
///
/// ```
/// let a = kitei::parse::parse_str("規程\n第1条　甲。\n").unwrap();
/// assert!(kitei::amend::generate::suppl::unwritten(&a, &a).is_empty());
/// ```
pub fn unwritten(old: &Document, new: &Document) -> Vec<String> {
    plan(old, new).map(|p| p.unwritten).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::apply::suppl::act_suppl_index;

    fn doc(s: &str) -> Document {
        crate::parse::parse_str(s).unwrap()
    }

    #[test]
    fn bullets_added_to_a_history_list_are_the_acts_own() {
        let old = doc("# 規則\n\n### 第1条\n\n甲。\n\n## 附則\n\n- この規則は、令和2年4月1日から施行する。\n");
        let new = doc("# 規則\n\n### 第1条\n\n甲。\n\n## 附則\n\n- この規則は、令和2年4月1日から施行する。\n- この規則は、令和5年5月22日に改正し、令和5年6月21日から施行する。\n");
        let p = plan(&old, &new).unwrap();
        assert_eq!(p.own, ["この規則は、令和5年5月22日に改正し、令和5年6月21日から施行する。"]);
        assert!(p.original.is_none() && p.acts.is_empty());
        assert_eq!(p.want.suppl_provisions().next().unwrap().children.len(), 1);
    }

    #[test]
    fn the_acts_own_suppl_is_prose_without_text_tags() {
        let old = doc("規則\n第一条　甲。\n");
        let new = doc("規則\n第一条　甲。\n附　則\nこの規則は、公布の日から施行する。\n:text:別記様式第一号\n");
        let s = new.suppl_provisions().next().unwrap();
        assert_eq!(s.children[0].children[0].kind, Kind::Text, "{s:?}");
        let p = plan(&old, &new).unwrap();
        assert_eq!(p.own, ["この規則は、公布の日から施行する。", "別記様式第一号"]);
    }

    #[test]
    fn a_changed_act_suppl_is_cited_by_its_number() {
        let mut old = doc("法\n第一条　甲。\n\n附　則\n\nこの法律は、公布の日から施行する。\n\n附　則\n\nこの法律は、令和元年四月一日から施行する。\n");
        old.children.last_mut().unwrap().heading = Some("平成三〇年五月三〇日法律第三三号".into());
        let mut new = old.clone();
        new.children.last_mut().unwrap().children[0].set_text("この法律は、令和二年四月一日から施行する。");
        let p = plan(&old, &new).unwrap();
        assert_eq!(p.acts.len(), 1);
        assert_eq!(p.acts[0].0, "平成三〇年五月三〇日法律第三三号");
        assert!(p.unwritten.is_empty());
        assert_eq!(act_suppl_index(&old, "平成三〇年五月三〇日法律第三三号"), Some(2));
        assert!(p.own.is_empty());
    }

    #[test]
    fn an_earlier_acts_suppl_is_amended_in_its_own_part() {
        let mut old = doc("法\n第一条　甲。\n\n附　則\n\nこの法律は、公布の日から施行する。\n\n附　則\n\nこの法律は、令和元年四月一日から施行する。\n");
        old.children.last_mut().unwrap().heading = Some("平成三〇年五月三〇日法律第三三号".into());
        let mut new = old.clone();
        new.children[0].children[0].set_text("乙。");
        new.children.last_mut().unwrap().children[0].set_text("この法律は、令和二年四月一日から施行する。");
        let text = crate::amend::generate(&old, &new, &Default::default()).unwrap();
        assert!(
            text.starts_with("法等の一部を改正する法律\n（法の一部改正）\n第一条　法の一部を次のように改正する。\n"),
            "{text}"
        );
        assert!(text.contains("（平成三〇年五月三〇日法律第三三号の一部改正）\n第二条　平成三〇年五月三〇日法律第三三号の一部を次のように改正する。\n附則中「令和元年四月一日」を「令和二年四月一日」に改める。\n"), "{text}");
        let got = crate::amend::apply(&old, &text, "a").unwrap();
        assert_eq!(crate::amend::apply::check::comparable(&got), crate::amend::apply::check::comparable(&new));
    }

    #[test]
    fn an_excerpt_is_left_as_in_old() {
        let mut old =
            doc("法\n第一条　甲。\n\n附　則\n\n第一条　この法律は、公布の日から施行する。\n第二条　経過措置。\n");
        let s = old.children.last_mut().unwrap();
        s.heading = Some("平成三〇年五月三〇日法律第三三号".into());
        s.attrs.insert("extract".into(), "true".into());
        let mut new = old.clone();
        new.children.last_mut().unwrap().children.pop();
        let p = plan(&old, &new).unwrap();
        assert!(p.acts.is_empty());
        assert_eq!(p.unwritten, ["平成三〇年五月三〇日法律第三三号"]);
        assert_eq!(p.want.suppl_provisions().next().unwrap().children.len(), 2);
    }

    #[test]
    fn a_removed_suppl_is_an_error() {
        let old = doc("規程\n第1条　甲。\n\n附　則\n\nこの規程は、令和2年4月1日から施行する。\n");
        let new = doc("規程\n第1条　甲。\n");
        assert!(plan(&old, &new).err().unwrap().to_string().contains("附則"));
    }
}
