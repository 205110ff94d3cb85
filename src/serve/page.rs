//! The pages of `kitei serve`: the index of regulations and the drafting workspace (the tera template
//! `templates/serve.html.tera` with its stylesheet and script, embedded like the site's), and the 改め文
//! as a small HTML document for download.

use super::panes::escape_html;
use super::workspace::Version;
use std::collections::BTreeMap;

/// The workspace's stylesheet.
pub const CSS: &str = include_str!("../../templates/static/serve.css");
/// The workspace's script (plain, no framework).
pub const JS: &str = include_str!("../../templates/static/serve.js");
const TEMPLATE: &str = include_str!("../../templates/serve.html.tera");

/// The list of regulations with links to their workspace and to the site.
pub fn index(regs: &BTreeMap<String, Vec<Version>>) -> String {
    let mut items = String::new();
    for (slug, versions) in regs {
        let latest = versions.last().map_or("", |v| v.date.as_str());
        let s = escape_html(slug);
        items.push_str(&format!(
            "<li><a href=\"/draft/{s}\">{s}</a> <span class=\"muted\">（{} 版、最新 {}）</span> · <a href=\"/site/{s}/\">サイト</a></li>\n",
            versions.len(),
            escape_html(latest)
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>kitei serve</title>\
         <link rel=\"stylesheet\" href=\"/static/serve.css\"></head><body class=\"index\">\
         <header class=\"bar\" role=\"banner\"><h1>kitei 起案ワークスペース</h1><a href=\"/site/\">公開サイトのプレビュー</a></header>\
         <main><h2>規程を選んで改正案を起案する</h2><ul class=\"regs\">\n{items}</ul></main></body></html>\n"
    )
}

/// The workspace page of one regulation.
pub fn workspace(slug: &str, versions: &[Version]) -> crate::Result<String> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html.tera"]);
    tera.add_raw_template("serve.html.tera", TEMPLATE)
        .map_err(|e| crate::Error::Template { name: "serve.html.tera".into(), message: e.to_string() })?;
    let mut ctx = tera::Context::new();
    ctx.insert("slug", slug);
    ctx.insert("versions", versions);
    ctx.insert("latest", &versions.last().map(|v| v.date.clone()).unwrap_or_default());
    tera.render("serve.html.tera", &ctx)
        .map_err(|e| crate::Error::Template { name: "serve.html.tera".into(), message: format!("{e:?}") })
}

/// The 改め文 as a printable HTML document.
pub fn amend_html(text: &str) -> String {
    let paras: String = text.lines().map(|l| format!("<p>{}</p>\n", escape_html(l))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>改め文</title><style>body{{font-family:\
         serif;line-height:1.8;margin:2em}}p{{margin:0;text-indent:1em}}</style></head><body>\n{paras}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_escapes_what_it_names() {
        let v = vec![Version { date: "2016-01-01".into(), file: "2016-01-01.md".into() }];
        let html = workspace("<script>x</script>", &v).unwrap();
        assert!(!html.contains("<script>x</script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("2016-01-01"));
        for landmark in ["role=\"main\"", "aria-live=\"polite\"", "id=\"draft\""] {
            assert!(html.contains(landmark), "{landmark}");
        }
    }

    #[test]
    fn the_index_and_amend_pages_escape() {
        let mut regs = BTreeMap::new();
        regs.insert("a<b".to_string(), vec![]);
        assert!(index(&regs).contains("a&lt;b"));
        assert!(amend_html("第一条中「<」を改める。").contains("&lt;"));
    }
}
