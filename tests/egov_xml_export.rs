//! e-Gov 法令標準XML export: schema-valid output (checked with xmllint) and lossless round trips
//! (XML → model → XML) on every corpus law, plus export of a regulation parsed from plain text.

mod common;

use common::shared;
use kitei::model::{walk, Document, Node, Span};
use quick_xml::events::Event;
use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus_xml() -> Vec<PathBuf> {
    let root = shared().join("corpus");
    let mut out = Vec::new();
    let mut dirs = vec![root.join("egov-xml")];
    for e in std::fs::read_dir(root.join("egov-revisions")).unwrap() {
        dirs.push(e.unwrap().path());
    }
    for d in dirs.iter().filter(|d| d.is_dir()) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "xml") {
                out.push(p);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 13, "corpus not found under {}", root.display());
    out
}

/// Validates `xml` against a schema of ../shared/schemas with xmllint; panics with xmllint's message.
pub fn validate(xml: &str, schema: &str, what: &str) {
    let probe = Command::new("xmllint").arg("--version").output();
    assert!(
        probe.is_ok(),
        "xmllint is not installed: install Debian's libxml2-utils (`apt-get install -y libxml2-utils`) to run the schema tests"
    );
    let dir = std::env::temp_dir().join("kitei-xmllint");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}-{}.xml", what.replace(['/', ' '], "_"), std::process::id()));
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(shared().join("schemas").join(schema))
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what}: not valid against {schema}:\n{}",
        stderr.chars().take(3000).collect::<String>()
    );
    let _ = std::fs::remove_file(&file);
}

/// The `<Law ...>` start tag.
fn root_tag(xml: &str) -> &str {
    let i = xml.find("<Law ").expect("a <Law> element");
    &xml[i..i + xml[i..].find('>').unwrap()]
}

/// `xml` without the `<Law>` attributes that e-Gov's own files carry beyond the v3 schema (ADYear,
/// DataInfo, Category…): the export writes them back as read, the schema does not declare them.
fn schema_attrs_only(xml: &str) -> String {
    const SCHEMA: [&str; 7] = ["Era", "Year", "Num", "PromulgateMonth", "PromulgateDay", "LawType", "Lang"];
    let tag = root_tag(xml);
    let mut kept = String::from("<Law");
    for part in tag["<Law ".len()..].split('"').collect::<Vec<_>>().chunks(2) {
        if let [name, value] = part {
            let name = name.trim().trim_end_matches('=');
            if SCHEMA.contains(&name) {
                kept.push_str(&format!(" {name}=\"{value}\""));
            }
        }
    }
    xml.replacen(tag, &kept, 1)
}

/// The non-whitespace text nodes inside `<Law>`, in order.
fn law_text_nodes(xml: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let (mut inside, mut out) = (0usize, Vec::new());
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.local_name().as_ref() == b"Law" => inside += 1,
            Event::End(e) if e.local_name().as_ref() == b"Law" => inside -= 1,
            Event::Text(t) if inside > 0 => {
                let s = t.unescape().unwrap();
                if !s.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
                    out.push(s.into_owned());
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn without_spans(nodes: &[Node]) -> Vec<Node> {
    let mut doc = Document::new("");
    doc.children = nodes.to_vec();
    walk::walk_mut(&mut doc, &mut |n| n.span = Span::default());
    doc.children
}

#[test]
fn corpus_round_trips_through_valid_xml() {
    for p in corpus_xml() {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let original = std::fs::read_to_string(&p).unwrap();
        let doc = kitei::load(&p).unwrap().document;
        let xml = kitei::export::egov_xml::to_egov_xml(&doc);
        validate(&schema_attrs_only(&xml), "XMLSchemaForJapaneseLaw_v3.xsd", &name);
        let again = kitei::parse::egov_xml::parse(&name, &xml).unwrap().document;
        assert_eq!(again.title, doc.title, "{name}");
        assert_eq!(root_tag(&xml), root_tag(&original), "{name}: <Law> written back as read");
        assert_eq!(again.number, doc.number, "{name}");
        for k in ["Era", "Year", "Num", "LawType", "Lang", "PromulgateMonth", "PromulgateDay"] {
            let parse =
                |d: &Document| d.attrs.get(k).map(|v| v.parse::<u32>().map(|n| n.to_string()).unwrap_or(v.clone()));
            assert_eq!(parse(&again), parse(&doc), "{name}: attribute {k}");
        }
        let (a, b) = (without_spans(&doc.children), without_spans(&again.children));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            if x != y {
                let mut diff = String::new();
                let (fx, fy) = (flat(x), flat(y));
                for (u, v) in fx.iter().zip(&fy) {
                    if u != v {
                        diff = format!("first difference:\n  {u}\n  {v}");
                        break;
                    }
                }
                panic!("{name}: {} differs after the round trip; {diff}", x.id);
            }
        }
        let (t0, t1) = (law_text_nodes(&original), law_text_nodes(&xml));
        for (i, (u, v)) in t0.iter().zip(&t1).enumerate() {
            assert_eq!(u, v, "{name}: text node {i}");
        }
        assert_eq!(t0.len(), t1.len(), "{name}: number of text nodes");
    }
}

fn flat(n: &Node) -> Vec<String> {
    let mut out = Vec::new();
    walk::walk_node(n, &mut |m| {
        let mut m = m.clone();
        m.children.clear();
        out.push(format!("{m:?}"));
    });
    out
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.md")
}

/// (id, kind, label, heading, text) of every node, 目次 left out. A 前文 counts as one node with all its
/// text: the text parser keeps it as the node's own text, the schema wants it in paragraphs.
fn outline(doc: &Document) -> Vec<(String, kitei::Kind, String, Option<String>, String)> {
    let mut out = Vec::new();
    walk::walk(doc, &mut |n| {
        if n.kind == kitei::Kind::Preamble {
            out.push((n.id.clone(), n.kind, n.label.clone(), n.heading.clone(), n.full_text()));
        } else if !n.id.starts_with("toc") && !n.id.starts_with("preamble") {
            out.push((n.id.clone(), n.kind, n.label.clone(), n.heading.clone(), n.text.clone()));
        }
    });
    out
}

/// Documents parsed from text and Markdown (the seed, its other versions, a company's rules, Lawtext, the
/// 2013 e-Gov plain text) export to valid XML that reads back with the same IDs, labels, headings and text.
#[test]
fn text_documents_export_to_valid_xml() {
    let c = shared().join("corpus");
    let mut files = vec![seed()];
    for d in ["regulations/jlis-ninsho-jimu-kanri-kitei"] {
        for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(d)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") && !p.to_string_lossy().ends_with(".en.md") {
                files.push(p);
            }
        }
    }
    for d in ["internal-rules", "lawtext", "text-2013"] {
        for e in std::fs::read_dir(c.join(d)).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let doc = kitei::load(&p).unwrap_or_else(|e| panic!("{name}: {e}")).document;
        let xml = kitei::export::egov_xml::to_egov_xml(&doc);
        validate(&schema_attrs_only(&xml), "XMLSchemaForJapaneseLaw_v3.xsd", &name);
        let again = kitei::parse::egov_xml::parse(&name, &xml).unwrap().document;
        assert_eq!(again.title, doc.title, "{name}");
        let (a, b) = (outline(&doc), outline(&again));
        // The text parser may hang items below a table; the schema has no place for them there, so they
        // are written after the table (as subitems inside an item, after its other subitems). Outside
        // tables the structure is identical; everywhere the same labels, headings and text are kept.
        // A text block inside a provision (a cell of a table the 2013 text flattened) has no place of its own
        // in a paragraph either: it is written as a one-cell table.
        let moved: std::collections::BTreeSet<_> = a
            .iter()
            .filter(|x| x.0.contains("table_") || (x.1 == kitei::Kind::Text && x.0.contains("__text_")))
            .map(|x| (x.2.clone(), x.3.clone(), x.4.clone()))
            .collect();
        let no_table = |o: &[(String, kitei::Kind, String, Option<String>, String)]| {
            o.iter()
                .filter(|x| !x.0.contains("table_") && !moved.contains(&(x.2.clone(), x.3.clone(), x.4.clone())))
                .cloned()
                .collect::<Vec<_>>()
        };
        let (na, nb) = (no_table(&a), no_table(&b));
        let diff = na.iter().zip(&nb).find(|(x, y)| x != y);
        assert!(diff.is_none() && na.len() == nb.len(), "{name}: {diff:?}");
        let texts = |o: &[(String, kitei::Kind, String, Option<String>, String)]| {
            // The rows of a one-cell table (what a text block becomes) carry no words of their own.
            let bare = |x: &(String, kitei::Kind, String, Option<String>, String)| {
                matches!(x.1, kitei::Kind::Table | kitei::Kind::TableRow) && x.2.is_empty() && x.4.is_empty()
            };
            let mut v: Vec<_> =
                o.iter().filter(|x| !bare(x)).map(|x| (x.2.clone(), x.3.clone(), x.4.clone())).collect();
            v.sort();
            v
        };
        assert_eq!(texts(&a), texts(&b), "{name}");
    }
}

/// Akoma Ntoso 3.0 from the seed and from every corpus law validates against akomantoso30.xsd, and every
/// article's eId is the model's ID.
#[test]
fn akoma_ntoso_validates_with_model_eids() {
    let mut files = vec![seed()];
    files.extend(corpus_xml());
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let doc = kitei::load(&p).unwrap().document;
        let akn = kitei::export::akn::to_akn(&doc);
        validate(&akn, "akomantoso30.xsd", &format!("akn-{name}"));
        assert!(akn.contains(r##"<identification source="#kitei">"##), "{name}");
        assert!(akn.contains(r#"<FRBRthis value="/akn/jp/act/"#), "{name}");
        for a in doc.articles() {
            assert!(akn.contains(&format!(r#"<article eId="{}">"#, a.id)), "{name}: no article {}", a.id);
        }
        for s in doc.suppl_provisions() {
            assert!(akn.contains(&format!(r#"<hcontainer eId="{}" name="supplProvision">"#, s.id)), "{name}");
        }
    }
}
