//! Writing the review list: Markdown (for a pull request or a memo), JSON, or a standalone HTML page. Each
//! finding cites the provision, quotes its words and links to it when a link is known.

use super::citations::Status;
use super::others::CitedChange;
use super::terms::TermKind;
use super::{Cite, Impact};
use crate::history::render::escape;

/// The review list as pretty JSON.
pub fn json(impact: &Impact) -> String {
    let mut s = serde_json::to_string_pretty(impact).expect("an impact report always serialises");
    s.push('\n');
    s
}

/// How a citation is written in each output format.
trait Style {
    fn cite(&self, c: &Cite) -> String;
    fn text(&self, s: &str) -> String;
}

struct Md;
struct Html;

impl Style for Md {
    fn cite(&self, c: &Cite) -> String {
        let name = match &c.link {
            Some(l) => format!("[{}]({l})", c.citation),
            None => c.citation.clone(),
        };
        if c.quote.is_empty() {
            name
        } else {
            format!("{name}「{}」", c.quote.replace('\n', " "))
        }
    }
    fn text(&self, s: &str) -> String {
        s.to_string()
    }
}

impl Style for Html {
    fn cite(&self, c: &Cite) -> String {
        let name = match &c.link {
            Some(l) => format!("<a href=\"{}\">{}</a>", escape(l), escape(&c.citation)),
            None => escape(&c.citation),
        };
        if c.quote.is_empty() {
            name
        } else {
            format!("{name}<q>{}</q>", escape(&c.quote))
        }
    }
    fn text(&self, s: &str) -> String {
        escape(s)
    }
}

/// One finding: its line and its sub-lines.
type Item = (String, Vec<String>);

/// A section's findings, or why it has none to show: its part was not looked at.
type Findings = Result<Vec<Item>, NotLookedAt>;

/// Why the other regulations were not looked at ([`Impact::others`] is `None`), as the list says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NotLookedAt {
    /// None were given (`kitei impact` without `--folder`).
    #[default]
    NoneGiven,
    /// The collection holds more regulations than this limit (the site and `kitei serve` above
    /// `render::PEER_LIMIT`), too many to load at once.
    OverLimit(usize),
}

impl NotLookedAt {
    /// The sentence, in Japanese and in English.
    pub fn sentence(self) -> (String, String) {
        match self {
            NotLookedAt::NoneGiven => (
                "他の規程は与えられていないため、この規程を引く他の規程は調べていません。".into(),
                "No other regulations were given: those citing this one were not looked for.".into(),
            ),
            NotLookedAt::OverLimit(limit) => (
                format!("この規程集は{limit}件を超えるため、この規程を引く他の規程は調べていません。"),
                format!("Other regulations citing this one are not looked for in a collection of more than {limit}."),
            ),
        }
    }
}

/// The sections as (heading, findings); the other regulations' section says `why` when they were not
/// looked at.
fn sections(impact: &Impact, st: &dyn Style, why: NotLookedAt) -> Vec<(String, Findings)> {
    let opt = |c: &Option<Cite>| c.as_ref().map(|c| st.cite(c)).unwrap_or_else(|| "—".into());
    let mut out = Vec::new();
    let mut items = Vec::new();
    for t in &impact.terms {
        let what = match t.kind {
            TermKind::Changed => "定義の変更",
            TermKind::Added => "定義の新設",
            TermKind::Removed => "定義の削除",
        };
        let mut sub = vec![format!("改正前: {}", opt(&t.old)), format!("改正後: {}", opt(&t.new))];
        sub.extend(t.uses_new.iter().map(|c| format!("用いる規定（改正後）: {}", st.cite(c))));
        sub.extend(t.uses_old.iter().map(|c| format!("用いる規定（改正前）: {}", st.cite(c))));
        items.push((format!("「{}」 {what}（{}箇所で使用）", st.text(&t.term), t.uses_new.len()), sub));
    }
    out.push(("定義の変更".to_string(), Ok(items)));
    let mut items = Vec::new();
    for m in &impact.citations.moved {
        let head = match &m.new {
            Some(n) => format!("{} → {}", st.cite(&m.old), st.cite(n)),
            None => format!("{} 削る", st.cite(&m.old)),
        };
        let sub = m
            .citers
            .iter()
            .map(|c| {
                let status = match c.status {
                    Status::Updated => "改正済み",
                    Status::Stale => "要改正（ハネ）",
                    Status::Dangling => "要改正（削られた規定を引く）",
                    Status::Gone => "引用なし",
                    Status::New => "新たな引用",
                };
                let fix = c.fix.as_deref().map(|f| format!(" — {}", st.text(f))).unwrap_or_default();
                format!("{status}: {} ⇒ {}{fix}", opt(&c.old), opt(&c.new))
            })
            .collect();
        items.push((head, sub));
    }
    for h in &impact.citations.hane {
        items.push((format!("ハネ: {}", st.cite(&h.at)), vec![st.text(&h.message)]));
    }
    out.push(("番号の変わった規定・削られた規定と、それを引く規定".to_string(), Ok(items)));
    let mut items = Vec::new();
    for o in &impact.obligations.changed {
        let class = |c: &Option<String>| c.clone().unwrap_or_else(|| "—".into());
        let what = match o.kind {
            crate::checklist::migrate::ChangeKind::Added => "新設",
            crate::checklist::migrate::ChangeKind::Removed => "削除",
            _ if o.class_changed => "区分の変更",
            _ if o.party.is_some() => "主体の変更",
            _ => "文言の変更",
        };
        let mut sub = vec![format!("改正前: {}", opt(&o.old)), format!("改正後: {}", opt(&o.new))];
        if let Some((a, b)) = &o.party {
            sub.push(format!("主体: {} → {}", st.text(a), st.text(b)));
        }
        let cite = o.new.as_ref().or(o.old.as_ref()).map(|c| c.citation.clone()).unwrap_or_default();
        items.push((format!("{} {what}（{} → {}）", st.text(&cite), class(&o.class.0), class(&o.class.1)), sub));
    }
    out.push((format!("義務の変更（番号のみの変更 {} 件は省略）", impact.obligations.renumbered), Ok(items)));
    let heading = "この規程を引く他の規程".to_string();
    let Some(others) = &impact.others else {
        out.push((heading, Err(why)));
        return out;
    };
    let mut items = Vec::new();
    for r in others {
        let sub = r
            .citations
            .iter()
            .map(|c| {
                let what = match c.change {
                    CitedChange::Renumbered => "番号変更",
                    CitedChange::Removed => "削除",
                    CitedChange::Reworded => "文言の変更",
                    CitedChange::RenumberedReworded => "番号変更・文言の変更",
                };
                let fix = c.fix.as_deref().map(|f| format!(" — {}", st.text(f))).unwrap_or_default();
                format!("{} が引く {}（{what}、改正後 {}）{fix}", st.cite(&c.at), st.cite(&c.cited), opt(&c.now))
            })
            .collect();
        items.push((format!("{}（{}）", st.text(&r.title), st.text(&r.name)), sub));
    }
    out.push((heading, Ok(items)));
    out
}

/// Markdown: a heading per section, a list item per finding.
pub fn markdown(impact: &Impact) -> String {
    let mut s = format!("# 改正の影響: {}\n\n", impact.new_title);
    for (heading, items) in sections(impact, &Md, NotLookedAt::NoneGiven) {
        s.push_str(&format!("## {heading}\n\n"));
        let items = match items {
            Ok(items) => items,
            Err(why) => {
                s.push_str(&format!("{}\n\n", why.sentence().0));
                continue;
            }
        };
        if items.is_empty() {
            s.push_str("なし\n\n");
            continue;
        }
        for (line, sub) in items {
            s.push_str(&format!("- {line}\n"));
            for x in sub {
                s.push_str(&format!("  - {x}\n"));
            }
        }
        s.push('\n');
    }
    s
}

/// The sections as an HTML fragment (a `<section>` per section, headings at `level`), for embedding in a
/// page: the site's comparison page shows it under the 新旧対照表. When the other regulations were not
/// looked at, their section says so and `why` (`class="peers-left-out"`), not "none".
pub fn html_fragment(impact: &Impact, level: u8, why: NotLookedAt) -> String {
    let mut s = String::new();
    for (heading, items) in sections(impact, &Html, why) {
        s.push_str(&format!("<section class=\"impact\">\n<h{level}>{}</h{level}>\n", escape(&heading)));
        let items = match items {
            Ok(items) => items,
            Err(why) => {
                let (ja, en) = why.sentence();
                s.push_str(&format!(
                    "<p class=\"peers-left-out\">{}<span lang=\"en\">{}</span></p>\n</section>\n",
                    escape(&ja),
                    escape(&en)
                ));
                continue;
            }
        };
        if items.is_empty() {
            s.push_str("<p>なし</p>\n</section>\n");
            continue;
        }
        s.push_str("<ul>\n");
        for (line, sub) in items {
            s.push_str(&format!("<li>{line}"));
            if !sub.is_empty() {
                s.push_str("\n<ul>\n");
                for x in sub {
                    s.push_str(&format!("<li>{x}</li>\n"));
                }
                s.push_str("</ul>\n");
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ul>\n</section>\n");
    }
    s
}

/// A standalone HTML page.
pub fn html(impact: &Impact) -> String {
    let title = format!("改正の影響: {}", impact.new_title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>{0}</title>\n</head>\n<body>\n<h1>{0}</h1>\n{1}</body>\n</html>\n",
        escape(&title),
        html_fragment(impact, 2, NotLookedAt::NoneGiven)
    )
}

#[cfg(test)]
mod tests {
    use crate::impact::{analyse, Links};

    #[test]
    fn findings_link_to_the_site_and_html_is_escaped() {
        let old =
            crate::parse::parse_str("規程\n第1条　甲を定める。\n第2条　乙を<定める>。\n第3条　第2条の規定による。\n")
                .unwrap();
        let new = crate::parse::parse_str("規程\n第1条　乙を<定める>。\n第2条　第2条の規定による。\n").unwrap();
        let links = Links { old: Some("old.html".into()), new: Some("new.html".into()), ..Links::default() };
        let report = analyse(&old, &new, Some(&[]), &links);
        let md = super::markdown(&report);
        assert!(md.contains("[第2条](old.html#art_2) → [第1条](new.html#art_1)"), "{md}");
        assert!(md.contains("要改正（ハネ）"), "{md}");
        let html = super::html(&report);
        assert!(html.contains("<a href=\"new.html#art_1\">第1条</a>"), "{html}");
        assert!(!html.contains("<定める>"), "{html}");
        let j: serde_json::Value = serde_json::from_str(&super::json(&report)).unwrap();
        let moved = j["citations"]["moved"].as_array().unwrap();
        let art2 = moved.iter().find(|m| m["old"]["citation"] == "第2条").unwrap();
        assert_eq!(art2["citers"][0]["status"], "stale");
    }

    #[test]
    fn other_regulations_not_looked_at_are_not_reported_as_none_citing() {
        let old = crate::parse::parse_str("規程\n第1条　甲を定める。\n第2条　乙を定める。\n").unwrap();
        let new = crate::parse::parse_str("規程\n第1条　乙を定める。\n").unwrap();
        let last = |md: &str| md.rsplit("## ").next().unwrap().to_string();
        let looked = analyse(&old, &new, Some(&[]), &Links::default());
        assert_eq!(last(&super::markdown(&looked)), "この規程を引く他の規程\n\nなし\n\n");
        let not = analyse(&old, &new, None, &Links::default());
        let md = last(&super::markdown(&not));
        assert!(md.contains("調べていません") && !md.contains("なし"), "{md}");
        let html = super::html_fragment(&not, 3, super::NotLookedAt::OverLimit(300));
        let section = html.rsplit("<section").next().unwrap();
        assert!(section.contains("300件を超える") && section.contains("peers-left-out"), "{section}");
        assert!(!section.contains("<p>なし</p>"), "{section}");
        let j: serde_json::Value = serde_json::from_str(&super::json(&not)).unwrap();
        assert!(j["others"].is_null());
        let j: serde_json::Value = serde_json::from_str(&super::json(&looked)).unwrap();
        assert_eq!(j["others"], serde_json::json!([]));
    }
}
