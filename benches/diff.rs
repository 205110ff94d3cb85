//! The structural + inline diff of 会社法 (about 1,000 articles) against a copy with a few dozen edits and an
//! inserted article (第百条の二), made on the parsed model. Target: under 50 ms.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kitei::diff::{compare, CompareOptions};
use kitei::model::{ids::assign_ids, Document, Kind, Node, Num};

/// Edits every 25th article's first paragraph and inserts 第百条の二 after 第百条.
fn amend(doc: &Document) -> Document {
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

fn bench(c: &mut Criterion) {
    let path = common::corpus().join("lawtext/417AC0000000086_20170401_会社法.law.txt");
    let old = kitei::load(&path).expect("会社法 parses").document;
    let new = amend(&old);
    let opts = CompareOptions::default();
    let cmp = compare(&old, &new, &opts);
    assert_eq!(cmp.summary.added, 1);
    assert!(cmp.summary.modified >= 30);
    assert_eq!(cmp.summary.removed, 0);
    c.bench_function("compare 会社法 (structural + inline)", |b| b.iter(|| compare(&old, &new, &opts)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
