//! A tree as deep as the parsers allow (the e-Gov XML importer bounds element depth at about 256; Markdown
//! lists at 255 levels) goes through every consumer without overflowing the stack: in a 2 MiB thread (what
//! `cargo test` gives each test) and in an 8 MiB one (a program's main thread). 300 levels, above the bound.

use kitei::model::{ids, Document, Kind, Node, Num};

const DEPTH: usize = 300;

/// 第1条 > 第1項 > 第1号 > 300 levels of subitems, each with a sentence; IDs assigned.
fn deep_document() -> Document {
    let mut inner = Node::new(Kind::Subitem);
    inner.label = "(1)".into();
    inner.num = Some(Num::simple(1));
    inner.level = DEPTH as u8;
    inner.set_text("最も深い細目を定める。");
    for depth in (1..DEPTH).rev() {
        let mut n = Node::new(Kind::Subitem);
        n.label = "イ".into();
        n.num = Some(Num::simple(1));
        n.level = depth.min(255) as u8;
        n.set_text(format!("第{depth}段の細目は、次のとおりとする。"));
        n.children.push(inner);
        inner = n;
    }
    let mut item = Node::new(Kind::Item);
    item.label = "一".into();
    item.num = Some(Num::simple(1));
    item.set_text("次に掲げる事項");
    item.children.push(inner);
    let mut para = Node::new(Kind::Paragraph);
    para.num = Some(Num::simple(1));
    para.set_text("機構は、次に掲げる事項を定めなければならない。");
    para.children.push(item);
    let mut art = Node::new(Kind::Article);
    art.label = "第一条".into();
    art.num = Some(Num::simple(1));
    art.heading = Some("目的".into());
    art.children.push(para);
    let mut doc = Document::new("深い規程");
    doc.children.push(art);
    ids::assign_ids(&mut doc);
    doc
}

/// The depth of the deepest node.
fn depth(doc: &Document) -> usize {
    let mut max = 0;
    let mut stack: Vec<(&Node, usize)> = doc.children.iter().map(|c| (c, 1)).collect();
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(n.children.iter().map(|c| (c, d + 1)));
    }
    max
}

/// Every consumer on the deep tree; what each produced, checked to hold the deepest text.
fn every_consumer() {
    let doc = deep_document();
    assert_eq!(depth(&doc), DEPTH + 3);
    let deepest = "最も深い細目を定める。";
    let text = kitei::export::text::to_text(&doc);
    assert!(text.contains(deepest));
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains(deepest));
    assert!(kitei::export::akn::to_akn(&doc).contains(deepest));
    let xml = kitei::export::egov_xml::to_egov_xml(&doc);
    assert!(xml.contains(deepest));
    let cmp = kitei::diff::compare(&doc, &doc, &kitei::diff::CompareOptions::default());
    let table = kitei::diff::table::build_table(&cmp, &kitei::diff::RenderOptions::default());
    drop(table);
    assert!(kitei::diff::render_markdown(&cmp, &kitei::diff::RenderOptions::default()).contains("深い規程"));
    let _ = kitei::lint::lint(&doc);
    let _ = kitei::lint::lint_source(&doc, &text);
    let _ = kitei::lint::structure::check_source(&doc, &text);
    let _ = kitei::checklist::extract(&doc, &kitei::checklist::Options::default());
    let _ = kitei::amend::generate::generate(&doc, &doc, &Default::default());
    let copy = doc.clone();
    assert!(copy == doc);
    // Reading the outputs back: each is a tree or an error, never a crash.
    let _ = kitei::parse::parse_str(&text);
    let _ = kitei::parse::egov_xml::parse("deep.xml", &xml);
}

fn on_stack(bytes: usize) {
    std::thread::Builder::new().stack_size(bytes).spawn(every_consumer).unwrap().join().unwrap();
}

#[test]
fn a_tree_at_the_depth_bound_passes_every_consumer_in_a_2_mib_thread() {
    on_stack(2 << 20);
}

#[test]
fn a_tree_at_the_depth_bound_passes_every_consumer_in_an_8_mib_thread() {
    on_stack(8 << 20);
}

/// Dropping is not bounded by the parsers' depth: a tree built by hand (or read from kitei JSON within its
/// limit, then grown by a consumer) 100,000 levels deep is freed in a 2 MiB thread (`Node`'s `Drop` is
/// iterative), and so is a document holding it.
#[test]
fn a_100000_deep_tree_drops_in_a_2_mib_thread() {
    let build = || {
        let mut top = Node::new(Kind::Subitem);
        top.set_text("最も深い細目を定める。");
        for _ in 1..100_000 {
            let mut n = Node::new(Kind::Subitem);
            n.label = "イ".into();
            n.children.push(top);
            top = n;
        }
        let mut doc = Document::new("深い規程");
        doc.children.push(top);
        doc
    };
    let t = std::thread::Builder::new().stack_size(2 << 20).spawn(move || drop(build())).unwrap();
    assert!(t.join().is_ok(), "dropping a 100,000-deep tree overflowed a 2 MiB stack");
}
