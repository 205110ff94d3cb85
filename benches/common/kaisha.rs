//! The 会社法 pairs the benchmarks compare: [`edited`] (diff, docx) and [`reworded_pair`] (amend, impact).

use kitei::model::{ids::assign_ids, Document, Kind, Node, Num};

/// Edits every 25th article's first paragraph and inserts 第百条の二 after 第百条.
pub fn edited(doc: &Document) -> Document {
    fn go(nodes: &mut Vec<Node>, count: &mut usize, edits: &mut usize) {
        let mut k = 0;
        while k < nodes.len() {
            if nodes[k].kind.is_group() {
                go(&mut nodes[k].children, count, edits);
            } else if nodes[k].kind == Kind::Article {
                *count += 1;
                if *count % 25 == 0 {
                    if let Some(p) = nodes[k].children.first_mut() {
                        let t = if p.text.contains("株式会社") {
                            p.text.replacen("株式会社", "合同会社", 1)
                        } else {
                            format!("{}ただし、法務省令で定める場合は、この限りでない。", p.text)
                        };
                        p.set_text(t);
                        *edits += 1;
                    }
                }
                if nodes[k].num == Some(Num::simple(100)) {
                    let mut a = Node::new(Kind::Article);
                    a.num = Some(Num(vec![100, 2]));
                    a.label = "第百条の二".into();
                    let mut p = Node::new(Kind::Paragraph);
                    p.num = Some(Num::simple(1));
                    p.set_text("前条の規定は、種類創立総会の決議について準用する。");
                    a.children.push(p);
                    nodes.insert(k + 1, a);
                    k += 1;
                }
            }
            k += 1;
        }
    }
    let mut new = doc.clone();
    let (mut count, mut edits) = (0, 0);
    go(&mut new.children, &mut count, &mut edits);
    assert!(edits >= 30, "{edits} edits");
    assign_ids(&mut new);
    new
}

/// 会社法 2017 (e-Gov XML) and an edited version of its canonical text: 「電磁的方法」→「電子的方法」 in 74
/// provisions and a 項 added to 第百条 and 第五百条.
pub fn reworded_pair() -> (kitei::model::Document, kitei::model::Document) {
    let path = super::corpus().join("egov-xml/417AC0000000086_20170401_428AC0000000062.xml");
    let old = kitei::load(&path).expect("会社法").document;
    let text = kitei::export::text::to_text(&old).replace("電磁的方法", "電子的方法");
    let mut lines: Vec<&str> = text.lines().collect();
    for label in ["第百条", "第五百条"] {
        let at = lines.iter().position(|l| l.starts_with(label)).expect("article line");
        let end = (at + 1..lines.len()).find(|&i| lines[i].starts_with('第') || lines[i].starts_with('（')).unwrap();
        let numbered =
            lines[at + 1..end].iter().filter(|l| l.starts_with(|c: char| ('２'..='９').contains(&c))).count();
        let digit = char::from_u32('２' as u32 + numbered as u32).expect("one digit");
        lines.insert(
            end,
            Box::leak(format!("{digit}　前各項の規定は、法務省令で定める場合には、適用しない。").into_boxed_str()),
        );
    }
    let new = kitei::parse::parse_str(&(lines.join("\n") + "\n")).expect("edited 会社法");
    (old, new)
}
