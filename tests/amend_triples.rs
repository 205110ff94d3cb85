//! Real enacted amendments applied to the real base text (e-Gov XML): the main provision must come out as
//! e-Gov's result, provision by provision (e-Gov appends the amending act's 附則 to the result; those are
//! excluded). And `amend(base, result)` must touch the provisions the enacted amendment touches.

mod common;

use common::shared;
use std::collections::BTreeSet;

use kitei::model::{Document, Kind, Node};

fn triple(name: &str) -> (Document, String, Document) {
    let dir = shared().join("corpus/amendments/triples").join(name);
    let base = kitei::load(&dir.join("base.xml")).unwrap().document;
    let result = kitei::load(&dir.join("result.xml")).unwrap().document;
    let text = std::fs::read_to_string(dir.join("amendment.txt")).unwrap();
    (base, text, result)
}

/// Each main-provision article as (label, caption, text of every paragraph/item with its label and its inline
/// markup: ruby and 傍点 by offsets, which must follow the wording edits).
fn provisions(doc: &Document) -> Vec<(String, String)> {
    doc.articles()
        .iter()
        .map(|a| {
            let mut t = a.heading.clone().unwrap_or_default();
            if let Some(m) = a.attrs.get("heading_markup") {
                t.push_str(&format!(" markup {m:?}"));
            }
            fn walk(n: &Node, t: &mut String) {
                for c in &n.children {
                    if matches!(c.kind, Kind::Paragraph | Kind::Item | Kind::Subitem) {
                        t.push_str(&format!("\n{}\u{3000}{}", c.label, c.text));
                        if let Some(m) = c.attrs.get("markup") {
                            t.push_str(&format!("\n  markup {m:?}"));
                        }
                    }
                    walk(c, t);
                }
            }
            walk(a, &mut t);
            (a.label.clone(), t)
        })
        .collect()
}

fn check_apply(name: &str) {
    let (base, text, result) = triple(name);
    let act = kitei::amend::parse::parse(&text, "amendment.txt").unwrap();
    let applied = kitei::amend::apply_units(&base, &act, "amendment.txt", None).unwrap_or_else(|e| panic!("{e}"));
    // An enacted act amends its references correctly: the ハネ check has nothing to doubt.
    assert!(applied.warnings.is_empty(), "{name}: {:#?}", applied.warnings);
    let got = applied.document;
    let (g, r) = (provisions(&got), provisions(&result));
    let labels = |v: &[(String, String)]| v.iter().map(|p| p.0.clone()).collect::<Vec<_>>();
    assert_eq!(labels(&g), labels(&r), "{name}: the articles differ");
    for (a, b) in g.iter().zip(&r) {
        assert_eq!(a, b, "{name}: {} differs", a.0);
    }
}

#[test]
fn shakuchi_applied_gives_the_result() {
    check_apply("shakuchi");
}

#[test]
fn ryokan_applied_gives_the_result() {
    check_apply("ryokan");
}

/// The articles an amendment text touches, by article number.
fn touched(doc: &Document, text: &str) -> BTreeSet<String> {
    let a = kitei::amend::parse::parse(text, "t").unwrap();
    let _ = doc;
    a.instructions()
        .filter_map(|i| match i.target.steps.first() {
            Some(kitei::amend::Step::Unit { kind: Kind::Article, num, .. }) => Some(num.to_string()),
            _ => None,
        })
        .collect()
}

fn check_generate(name: &str) {
    let (base, text, result) = triple(name);
    // Compare without e-Gov's appended 附則: result's 附則 beyond the base's are the amending act's.
    // e-Gov's result carries the amending act's 附則 (and may revise earlier ones); the main provision is what
    // is compared, so give `want` the base's 附則.
    let mut want = result.clone();
    want.children.retain(|n| n.kind != Kind::SupplProvision);
    want.children.extend(base.suppl_provisions().cloned());
    let generated = kitei::amend::generate(&base, &want, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (touched(&base, &generated), touched(&base, &text));
    assert_eq!(a, b, "articles touched differ (generated | enacted):\n{}", side_by_side(&generated, &text));
}

/// The instruction lines of two amendments in two columns (bodies left out), for failure messages.
fn side_by_side(left: &str, right: &str) -> String {
    let pick = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| l.trim_start_matches([' ', '\u{3000}']))
            .filter(|l| {
                (l.ends_with("改める。")
                    || l.ends_with("加える。")
                    || l.ends_with("削る。")
                    || l.ends_with("とする。")
                    || l.ends_with("繰り下げる。"))
                    && !l.contains('\u{3000}')
            })
            .map(|l| l.chars().take(60).collect())
            .collect()
    };
    let (l, r) = (pick(left), pick(right));
    let mut out = String::new();
    for i in 0..l.len().max(r.len()) {
        let a = l.get(i).map(String::as_str).unwrap_or("");
        let pad = 62usize.saturating_sub(a.chars().count());
        out.push_str(&format!("{a}{} | {}\n", " ".repeat(pad), r.get(i).map(String::as_str).unwrap_or("")));
    }
    out
}

#[test]
fn shakuchi_generated_touches_the_enacted_provisions() {
    check_generate("shakuchi");
}

#[test]
fn ryokan_generated_touches_the_enacted_provisions() {
    check_generate("ryokan");
}

/// The enacted 借地借家法 amendment with one of its reference fixes taken out or made wrong: applying it must
/// say so (ハネ漏れ error for the 「前項」 left unchanged, a warning for one rewritten to the wrong number).
#[test]
fn shakuchi_without_its_zenko_fix_is_a_hane_more() {
    let (base, text, _) = triple("shakuchi");
    let fix = "同条第三項中「前項」を「第三項」に改め、同項を同条第五項とし";
    assert!(text.contains(fix));
    let left = text.replace(fix, "同条第三項を同条第五項とし");
    let e = kitei::amend::apply(&base, &left, "amendment.txt").unwrap_err().to_string();
    assert!(e.contains("ハネ漏れ") && e.contains("第三十八条第5項: 「前項」 pointed at 第38条第2項"), "{e}");
    assert!(e.starts_with("amendment.txt:5:"), "placed at the instruction renumbering 第三十八条's 項: {e}");
    let wrong = text.replace(fix, "同条第三項中「前項」を「第一項」に改め、同項を同条第五項とし");
    let act = kitei::amend::parse::parse(&wrong, "amendment.txt").unwrap();
    let applied = kitei::amend::apply_units(&base, &act, "amendment.txt", None).unwrap();
    assert_eq!(applied.warnings.len(), 1, "{:#?}", applied.warnings);
    let w = &applied.warnings[0];
    assert!(w.starts_with("amendment.txt:5:") && w.contains("rewritten as 「第一項」 it points at 第38条第1項"), "{w}");
    assert!(w.contains("pointed at 第38条第2項 (now 第38条第3項)"), "{w}");
}
