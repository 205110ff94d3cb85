//! Writing the history of chosen provisions: Markdown, terminal text, JSON, or HTML (a whole page, or the
//! [`html_fragment`] the site can embed in its own pages).
//!
//! Each version in which the provision exists is one entry: the version, its citation and caption there,
//! what changed since the previous version, and the phrase-level diff (deleted words ~~struck~~ and inserted
//! ones **bold** in Markdown, `[-…-]{+…+}` in text, `<del>`/`<ins>` in HTML).

use super::{Chain, History};
use crate::diff::{InlineOp, OpKind};
use serde::Serialize;

/// The chosen chains as pretty JSON: the version labels and each chain with its steps.
pub fn json(history: &History, chosen: &[usize]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        versions: &'a [String],
        provisions: Vec<&'a Chain>,
    }
    let out = Out { versions: &history.versions, provisions: chosen.iter().map(|&c| &history.chains[c]).collect() };
    let mut s = serde_json::to_string_pretty(&out).expect("a history always serialises");
    s.push('\n');
    s
}

fn ops_with(ops: &[InlineOp], del: (&str, &str), ins: (&str, &str), esc: fn(&str) -> String) -> String {
    let mut s = String::new();
    for op in ops {
        match op.op {
            OpKind::Equal => s.push_str(&esc(&op.new)),
            _ => {
                if !op.old.is_empty() {
                    s.push_str(&format!("{}{}{}", del.0, esc(&op.old), del.1));
                }
                if !op.new.is_empty() {
                    s.push_str(&format!("{}{}{}", ins.0, esc(&op.new), ins.1));
                }
            }
        }
    }
    s
}

fn plain(s: &str) -> String {
    s.to_string()
}

/// HTML-escapes text.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn title(chain: &Chain) -> String {
    let last = chain.steps.last().expect("a chain has steps");
    match &last.heading {
        Some(h) => format!("{}（{}）", last.citation, h),
        None => last.citation.clone(),
    }
}

/// Markdown: one section per provision, one entry per version.
pub fn markdown(history: &History, chosen: &[usize]) -> String {
    let mut s = String::new();
    for &c in chosen {
        let chain = &history.chains[c];
        s.push_str(&format!("## {} の沿革\n\n識別子: `{}`\n\n", title(chain), chain.key));
        for step in &chain.steps {
            let v = &history.versions[step.version];
            let heading = step.heading.as_deref().map(|h| format!("（{h}）")).unwrap_or_default();
            s.push_str(&format!("### {v}: {}{heading} — {}\n\n", step.citation, step.change.describe()));
            let md_esc = |t: &str| t.replace('\n', "<br>");
            if !step.heading_ops.is_empty() {
                s.push_str(&format!("見出し: {}\n\n", ops_with(&step.heading_ops, ("~~", "~~"), ("**", "**"), plain)));
            }
            if !step.ops.is_empty() {
                s.push_str(&md_esc(&ops_with(&step.ops, ("~~", "~~"), ("**", "**"), plain)));
                s.push_str("\n\n");
            } else if step.version == chain.steps[0].version {
                s.push_str(&md_esc(&step.text));
                s.push_str("\n\n");
            }
        }
        if let Some(v) = chain.removed_in {
            s.push_str(&format!("### {}: 削る\n\n", history.versions[v]));
        }
    }
    s
}

/// Terminal text: the same entries, changes marked `[-deleted-]{+inserted+}`.
pub fn text(history: &History, chosen: &[usize]) -> String {
    let mut s = String::new();
    for &c in chosen {
        let chain = &history.chains[c];
        s.push_str(&format!("{} の沿革 [{}]\n", title(chain), chain.key));
        for step in &chain.steps {
            let v = &history.versions[step.version];
            let heading = step.heading.as_deref().map(|h| format!("（{h}）")).unwrap_or_default();
            s.push_str(&format!("  {v}  {}{heading}  {}\n", step.citation, step.change.describe()));
            let body = if !step.ops.is_empty() {
                ops_with(&step.ops, ("[-", "-]"), ("{+", "+}"), plain)
            } else if step.version == chain.steps[0].version {
                step.text.clone()
            } else {
                String::new()
            };
            if !step.heading_ops.is_empty() {
                s.push_str(&format!(
                    "      見出し: {}\n",
                    ops_with(&step.heading_ops, ("[-", "-]"), ("{+", "+}"), plain)
                ));
            }
            for line in body.lines() {
                s.push_str(&format!("      {line}\n"));
            }
        }
        if let Some(v) = chain.removed_in {
            s.push_str(&format!("  {}  削る\n", history.versions[v]));
        }
        s.push('\n');
    }
    s
}

/// An HTML fragment (a `<section>` per provision, an `<ol>` of versions) for embedding in a page. Anchors
/// of each version's entry are `v<index>-<id>`, so an old number's entry can be linked to.
pub fn html_fragment(history: &History, chosen: &[usize]) -> String {
    let mut s = String::new();
    for &c in chosen {
        let chain = &history.chains[c];
        s.push_str(&format!(
            "<section class=\"history\" data-key=\"{}\">\n<h2>{} の沿革</h2>\n<ol class=\"timeline\">\n",
            escape(&chain.key),
            escape(&title(chain))
        ));
        for step in &chain.steps {
            let v = &history.versions[step.version];
            let heading = step.heading.as_deref().map(|h| format!("（{}）", escape(h))).unwrap_or_default();
            s.push_str(&format!(
                "<li id=\"v{}-{}\"><h3>{}: {}{heading} <span class=\"change\">{}</span></h3>\n",
                step.version,
                escape(&step.id),
                escape(v),
                escape(&step.citation),
                step.change.describe()
            ));
            let body = if !step.ops.is_empty() {
                ops_with(&step.ops, ("<del>", "</del>"), ("<ins>", "</ins>"), escape)
            } else if step.version == chain.steps[0].version {
                escape(&step.text)
            } else {
                String::new()
            };
            if !step.heading_ops.is_empty() {
                let h = ops_with(&step.heading_ops, ("<del>", "</del>"), ("<ins>", "</ins>"), escape);
                s.push_str(&format!("<p class=\"heading\">見出し: {h}</p>\n"));
            }
            if !body.is_empty() {
                s.push_str(&format!("<p>{}</p>\n", body.replace('\n', "<br>")));
            }
            s.push_str("</li>\n");
        }
        if let Some(v) = chain.removed_in {
            s.push_str(&format!("<li><h3>{}: 削る</h3></li>\n", escape(&history.versions[v])));
        }
        s.push_str("</ol>\n</section>\n");
    }
    s
}

/// A standalone HTML page around [`html_fragment`].
pub fn html_page(history: &History, chosen: &[usize], title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} 沿革</title>\n<style>del{{color:#a00}}ins{{color:#060;text-decoration:underline}}</style>\n</head>\n<body>\n<h1>{}</h1>\n{}</body>\n</html>\n",
        escape(title),
        escape(title),
        html_fragment(history, chosen)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{build, Version};

    #[test]
    fn every_format_shows_the_old_number_and_the_words_changed() {
        let v1 = crate::parse::parse_str("規程\n第1条　甲\n第2条　乙を<定める>。\n").unwrap();
        let v2 = crate::parse::parse_str("規程\n第1条　乙を<決める>。\n").unwrap();
        let h = build(&[Version::new("2019", &v1), Version::new("2020", &v2)]);
        let c = h.chain_of(1, "art_1").unwrap();
        let md = markdown(&h, &[c]);
        assert!(md.contains("2019: 第2条") && md.contains("2020: 第1条"), "{md}");
        assert!(md.contains("~~定~~**決**") || md.contains("~~定める~~**決める**"), "{md}");
        let t = text(&h, &[c]);
        assert!(t.contains("番号変更・改正"), "{t}");
        let html = html_fragment(&h, &[c]);
        assert!(html.contains("&lt;") && html.contains("<del>") && html.contains("id=\"v0-art_2\""), "{html}");
        let j: serde_json::Value = serde_json::from_str(&json(&h, &[c])).unwrap();
        assert_eq!(j["provisions"][0]["steps"][1]["change"]["number"], true);
    }
}
