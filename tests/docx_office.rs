//! The 新旧対照表 written as .docx, checked in a real office suite: the seed's 2016 → 2027 table is converted
//! to PDF with LibreOffice headless and read back with poppler (pdfinfo, pdftotext). It must be A4 landscape,
//! run over more than one page with the header row on page 2, and hold exactly the text of the HTML table;
//! the underlined runs of document.xml must be exactly the changed segments of the diff's table.
//!
//! LibreOffice is required (scripts/test installs it). Only when it is absent and `KITEI_SKIP_OFFICE` is set
//! are the PDF checks skipped, with a message.

mod common;

use kitei::diff::table::{build_table, Table};
use kitei::diff::{compare, ColumnHeadings, CompareOptions, Comparison, RenderOptions, Unchanged};
use kitei::export::docx::shinkyu::render_docx;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn seed(version: &str) -> kitei::Document {
    let p = common::root().join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{version}.md"));
    kitei::parse::parse_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

fn seed_comparison() -> Comparison {
    compare(&seed("2016-01-01"), &seed("2027-04-01"), &CompareOptions::default())
}

/// A part of the package, read with the zip crate.
fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The runs of the table's body rows (after the header row) as (text, underlined), adjacent runs of the
/// same marking merged, read from document.xml with quick-xml.
fn body_runs(document_xml: &str) -> Vec<(String, bool)> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(document_xml);
    let (mut rows, mut in_t, mut underlined) = (0, false, false);
    let mut out: Vec<(String, bool)> = Vec::new();
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:tr" => rows += 1,
            Event::Start(e) if e.name().as_ref() == b"w:r" => underlined = false,
            Event::Empty(e) if e.name().as_ref() == b"w:u" => underlined = true,
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t && rows > 1 => {
                let text = t.unescape().unwrap().into_owned();
                match out.last_mut() {
                    Some(last) if last.1 == underlined => last.0.push_str(&text),
                    _ => out.push((text, underlined)),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The same from the diff's table: every cell's segments, row by row, left then right.
fn table_runs(t: &Table) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for r in &t.rows {
        for seg in r.parts.iter().flat_map(|p| p.left.iter().chain(&p.right)).flat_map(|l| &l.segs) {
            match out.last_mut() {
                Some(last) if last.1 == seg.mark => last.0.push_str(&seg.text),
                _ => out.push((seg.text.clone(), seg.mark)),
            }
        }
    }
    out
}

#[test]
fn underlined_runs_are_exactly_the_changed_segments() {
    let cmp = seed_comparison();
    for opts in [
        RenderOptions::default(),
        RenderOptions {
            old_left: true,
            headings: ColumnHeadings::Draft,
            unchanged: Unchanged::Full,
            ..RenderOptions::default()
        },
    ] {
        let docx = render_docx(&cmp, &opts).unwrap();
        let xml = part(&docx, "word/document.xml");
        let t = build_table(&cmp, &opts);
        let (got, want) = (body_runs(&xml), table_runs(&t));
        assert!(want.iter().any(|r| r.1), "the seed's table has changes");
        assert_eq!(got, want);
        assert!(xml.contains(&format!("<w:t xml:space=\"preserve\">{}</w:t>", t.headings[0])), "{:?}", t.headings);
    }
}

#[test]
fn same_input_same_bytes_and_the_page_is_set_up() {
    let cmp = seed_comparison();
    let a = render_docx(&cmp, &RenderOptions::default()).unwrap();
    let b = render_docx(&cmp, &RenderOptions::default()).unwrap();
    assert_eq!(a, b);
    let xml = part(&a, "word/document.xml");
    assert!(xml.contains("w:orient=\"landscape\""), "landscape");
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1, "one header row");
    let styles = part(&a, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"ＭＳ 明朝\""), "{styles}");
    assert!(part(&a, "word/fontTable.xml").contains("IPA明朝"));
    assert!(part(&a, "word/footer1.xml").contains("PAGE"));
    let core = part(&a, "docProps/core.xml");
    assert!(core.contains(">1970-01-01T00:00:00Z</dcterms:created>"), "the fixed epoch: {core}");
}

/// Converts `docx` to PDF in LibreOffice; `None` when LibreOffice is absent and KITEI_SKIP_OFFICE is set.
fn to_pdf(docx: &[u8], name: &str) -> Option<PathBuf> {
    let office = ["libreoffice", "soffice"].into_iter().find(|c| Command::new(c).arg("--version").output().is_ok());
    let Some(office) = office else {
        if std::env::var_os("KITEI_SKIP_OFFICE").is_some() {
            eprintln!("docx_office: LibreOffice is not installed and KITEI_SKIP_OFFICE is set: PDF checks skipped");
            return None;
        }
        panic!("LibreOffice is not installed (scripts/test installs libreoffice-writer-nogui); set KITEI_SKIP_OFFICE to skip");
    };
    let dir = std::env::temp_dir().join(format!("kitei-docx-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{name}.docx"));
    std::fs::write(&input, docx).unwrap();
    // A profile of its own, so that parallel runs and a user's open LibreOffice do not collide.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new(office)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&input)
        .output()
        .unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    assert!(pdf.is_file(), "LibreOffice made no PDF: {}", String::from_utf8_lossy(&out.stderr));
    Some(pdf)
}

fn run(cmd: &str, args: &[&str], pdf: &Path) -> String {
    let mut c = Command::new(cmd);
    c.args(args).arg(pdf);
    if cmd == "pdftotext" {
        c.arg("-");
    }
    let out = c.output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(out.status.success(), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Whitespace removed, and the dash of ranges (第1条—第3条): IPA明朝 has no U+2014, LibreOffice draws it from a
/// fallback font and pdftotext puts it out of order.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '—').collect()
}

/// The text of the HTML 新旧対照表 (title, note, header row, cells), tags stripped and entities decoded.
fn html_table_text(cmp: &Comparison, opts: &RenderOptions) -> String {
    let html = kitei::diff::render_html(cmp, opts, None).unwrap();
    let title = html.split("<h1>").nth(1).and_then(|s| s.split("</h1>").next()).unwrap();
    let note = html.split("<p class=\"note\">").nth(1).and_then(|s| s.split("</p>").next()).unwrap();
    let table = html.split("<table class=\"shinkyu\">").nth(1).and_then(|s| s.split("</table>").next()).unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in format!("{title}{note}{table}").chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    squeeze(&text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"))
}

#[test]
fn libreoffice_reads_the_seed_table_as_laid_out() {
    let cmp = seed_comparison();
    let opts = RenderOptions::default();
    let Some(pdf) = to_pdf(&render_docx(&cmp, &opts).unwrap(), "seed") else { return };
    let info = run("pdfinfo", &[], &pdf);
    let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap().trim().to_string();
    assert!(size.starts_with("841.89 x 595.") && size.ends_with("(A4)"), "A4 landscape: {size}");
    assert!(pages > 1, "the seed's table runs over pages: {pages}");
    let t = build_table(&cmp, &opts);
    let heading_row = format!("{}{}", t.headings[0], t.headings[1]);
    // Page by page: the header row opens every page, the page number closes it.
    let mut body = String::new();
    for p in 1..=pages {
        let n = p.to_string();
        let text = squeeze(&run("pdftotext", &["-raw", "-f", &n, "-l", &n], &pdf));
        let text = text.strip_suffix(n.as_str()).unwrap_or_else(|| panic!("page {p} ends with its number: {text}"));
        if p == 1 {
            body.push_str(text);
        } else {
            let rest = text.strip_prefix(&heading_row).unwrap_or_else(|| panic!("page {p} opens with the header row"));
            body.push_str(rest);
        }
    }
    assert_eq!(body, html_table_text(&cmp, &opts));
    let _ = std::fs::remove_dir_all(pdf.parent().unwrap());
}
