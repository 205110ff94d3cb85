mod common;
use common::shared;
use kitei::model::{Document, Kind};
fn load(p: &std::path::Path) -> Document {
    kitei::load(p).unwrap_or_else(|e| panic!("{e}")).document
}
fn strip(doc: &Document) -> serde_json::Value {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("span");
                m.remove("format");
                m.values_mut().for_each(clean);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap();
    clean(&mut v);
    v.as_object_mut().unwrap().remove("attrs");
    v
}
fn split_new_suppl(old: &Document, new: &Document) -> Document {
    let extra = new.suppl_provisions().count().saturating_sub(old.suppl_provisions().count());
    let mut want = new.clone();
    for _ in 0..extra {
        let i = want.children.iter().rposition(|n| n.kind == Kind::SupplProvision).unwrap();
        want.children.remove(i);
    }
    kitei::model::ids::assign_ids(&mut want);
    want
}
#[test]
fn probe() {
    let c = shared().join("corpus");
    let pairs: Vec<(&str, &str)> = vec![
        (
            "egov-xml/405AC0000000088_20180401_429AC0000000004.xml",
            "egov-xml/405AC0000000088_20240401_504AC0100000052.xml",
        ),
        (
            "egov-revisions/330AC1000000186/330AC1000000186_20150801_000000000000000.txt",
            "egov-revisions/330AC1000000186/330AC1000000186_20230607_505AC0000000044.txt",
        ),
        (
            "egov-revisions/330AC1000000186/330AC1000000186_20150801_000000000000000.xml",
            "egov-revisions/330AC1000000186/330AC1000000186_20230607_505AC0000000044.xml",
        ),
        (
            "egov-revisions/330AC1000000186/330AC1000000186_20230607_505AC0000000044.xml",
            "egov-revisions/330AC1000000186/330AC1000000186_20250606_505AC0000000044.xml",
        ),
        (
            "egov-revisions/405AC0000000047/405AC0000000047_20240216_505AC0000000028.txt",
            "egov-revisions/405AC0000000047/405AC0000000047_20240613_505AC0000000051.txt",
        ),
        (
            "egov-revisions/405AC0000000047/405AC0000000047_20240216_505AC0000000028.xml",
            "egov-revisions/405AC0000000047/405AC0000000047_20240613_505AC0000000051.xml",
        ),
        (
            "egov-revisions/419M60400000005/419M60400000005_20161001_000000000000000.txt",
            "egov-revisions/419M60400000005/419M60400000005_20190701_501M60400000003.txt",
        ),
        (
            "egov-revisions/419M60400000005/419M60400000005_20190701_501M60400000003.txt",
            "egov-revisions/419M60400000005/419M60400000005_20201228_502M60400000013.txt",
        ),
        (
            "egov-revisions/419M60400000005/419M60400000005_20161001_000000000000000.xml",
            "egov-revisions/419M60400000005/419M60400000005_20190701_501M60400000003.xml",
        ),
        (
            "egov-revisions/419M60400000005/419M60400000005_20190701_501M60400000003.xml",
            "egov-revisions/419M60400000005/419M60400000005_20201228_502M60400000013.xml",
        ),
        ("internal-rules/01_就業規則_tag20191217.md", "internal-rules/01_就業規則_tag20200326.md"),
        ("internal-rules/01_就業規則_tag20200326.md", "internal-rules/01_就業規則_tag20230621.md"),
        ("internal-rules/01_就業規則_tag20230621.md", "internal-rules/01_就業規則_HEAD-4938ad4_2025-11-27.md"),
        ("internal-rules/02_賃金規程_tag20200326.md", "internal-rules/02_賃金規程_HEAD-4938ad4_2025-11-27.md"),
        ("amendments/triples/shakuchi/base.xml", "amendments/triples/shakuchi/result.xml"),
        ("amendments/triples/ryokan/base.xml", "amendments/triples/ryokan/result.xml"),
    ];
    for (a, b) in pairs {
        let (old, new) = (load(&c.join(a)), load(&c.join(b)));
        let t0 = std::time::Instant::now();
        let r = match kitei::amend::generate(&old, &new, &Default::default()) {
            Err(e) => format!("GENERATE ERR {e}"),
            Ok(text) => match kitei::amend::apply(&old, &text, "g") {
                Err(e) => format!("APPLY ERR {e}"),
                Ok(mut got) => {
                    let extra = new.suppl_provisions().count() > old.suppl_provisions().count();
                    let want = if extra {
                        split_new_suppl(&old, &new)
                    } else {
                        kitei::amend::append_suppl(&mut got, &kitei::amend::parse::parse(&text, "g").unwrap());
                        new.clone()
                    };
                    if strip(&got) == strip(&want) {
                        "OK".into()
                    } else {
                        let (g, w) = (
                            serde_json::to_string_pretty(&strip(&got)).unwrap(),
                            serde_json::to_string_pretty(&strip(&want)).unwrap(),
                        );
                        let d = similar::TextDiff::from_lines(&g, &w);
                        let mut s = String::from("MISMATCH\n");
                        for (k, h) in d.unified_diff().context_radius(2).iter_hunks().enumerate() {
                            if k > 3 {
                                break;
                            }
                            s.push_str(&h.to_string());
                        }
                        s
                    }
                }
            },
        };
        eprintln!("=== {a} -> {b} ({:?})\n{}", t0.elapsed(), r.chars().take(3000).collect::<String>());
    }
}
#[test]
fn suppl_probe() {
    let c = shared().join("corpus");
    let pairs: Vec<(&str, &str)> = vec![
        (
            "egov-xml/405AC0000000088_20180401_429AC0000000004.xml",
            "egov-xml/405AC0000000088_20240401_504AC0100000052.xml",
        ),
        (
            "egov-revisions/330AC1000000186/330AC1000000186_20150801_000000000000000.xml",
            "egov-revisions/330AC1000000186/330AC1000000186_20230607_505AC0000000044.xml",
        ),
        (
            "egov-revisions/405AC0000000047/405AC0000000047_20240216_505AC0000000028.xml",
            "egov-revisions/405AC0000000047/405AC0000000047_20240613_505AC0000000051.xml",
        ),
        ("internal-rules/01_就業規則_tag20200326.md", "internal-rules/01_就業規則_tag20230621.md"),
        ("internal-rules/02_賃金規程_tag20200326.md", "internal-rules/02_賃金規程_HEAD-4938ad4_2025-11-27.md"),
        ("amendments/triples/shakuchi/base.xml", "amendments/triples/shakuchi/result.xml"),
        ("amendments/triples/ryokan/base.xml", "amendments/triples/ryokan/result.xml"),
    ];
    for (a, b) in pairs {
        let (old, new) = (load(&c.join(a)), load(&c.join(b)));
        eprintln!("=== {a}: old {} suppl, new {}", old.suppl_provisions().count(), new.suppl_provisions().count());
        let os: Vec<_> = old.suppl_provisions().collect();
        let ns: Vec<_> = new.suppl_provisions().collect();
        for (i, o) in os.iter().enumerate() {
            let found = ns.iter().position(|n| n.full_text() == o.full_text());
            eprintln!("  old[{i}] {:?} {:?} {:?} same-text-at {:?}", o.label, o.heading, o.attrs, found);
            if found.is_none() {
                if let Some(n) = ns.iter().find(|n| n.attrs == o.attrs && n.label == o.label) {
                    let (x, y) = (o.full_text(), n.full_text());
                    let d = similar::TextDiff::from_chars(&x, &y);
                    for ch in d.iter_all_changes().filter(|c| c.tag() != similar::ChangeTag::Equal).take(80) {
                        eprint!("{}{}", if ch.tag() == similar::ChangeTag::Delete { "-" } else { "+" }, ch.value());
                    }
                    eprintln!();
                }
            }
        }
        for n in &ns {
            eprintln!("  new {:?} {:?}", n.label, n.attrs);
        }
    }
}
#[test]
fn p3() {
    for s in [
        "附則第一条第五号ニを同号ロとする。\n",
        "第一条第五号ニを同号ロとする。\n",
        "附則第一条第五号中「甲」を「乙」に改める。\n",
    ] {
        eprintln!(
            "{s} => {:?}",
            kitei::amend::parse::parse(s, "x")
                .map(|a| a.instructions().map(|i| format!("{:?} {:?}", i.target, i.op)).collect::<Vec<_>>())
        );
    }
}
