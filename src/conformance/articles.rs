//! An independent count of a source's article lines, by layout alone, without kitei's parser: the figure
//! the parser's number of [`Kind::Article`](crate::model::Kind) nodes (本則 and 附則 together) is checked
//! against.
//!
//! The rules, from the corpus's layouts:
//!
//! * **e-Gov XML**: one article per `<Article>` element, wherever it stands.
//! * **Markdown**: one article per ATX heading whose text begins with an article number
//!   (`### 第3条　見出し`, `## 第五条から第八条まで　削除`), outside HTML comments and fenced code.
//! * **Plain text** (Lawtext, e-Gov 2013, pastes), one article per line that is one of:
//!   1. an article number followed on the same line by a space and text (`第三条　この法律は…`, Lawtext;
//!      `第五条から第八条まで　削除`);
//!   2. an article number alone on its line (e-Gov 2013: `第三条`, `第三条の二`, `第一条ノ二`,
//!      `第十一条及び第十二条`, `第二十条乃至第七十三条`) when the next non-blank line is indented body text
//!      (it starts with a full-width space, as `　削除` does), or the previous non-blank line is a caption
//!      `（…）`, or the next non-blank line is a caption followed by indented text. A flattened 読替え table
//!      puts cells such as `第十一条` or `第七条から第九条まで` alone on unindented lines between other
//!      unindented cells: those match none of these and are not article lines.
//!
//! A range or pair of articles on one line (`第五条から第八条まで　削除`) is one article line: the parser
//! makes one article node (with `num_end`) of it.
//!
//! Known limit: an article whose body is not indented and has no caption (a few Meiji-era 勅令 in the
//! 2013 layout) is not counted.
//!
//! ```
//! use kitei::conformance::count_article_lines;
//! let egov = "（目的）\n第一条\n\n　この法律は…\n\n第二条\n\n　削除\n\n第三条\n\n設置者\n\n所管大臣\n";
//! assert_eq!(count_article_lines(egov), 2); // 第三条 is a 読替え table cell
//! assert_eq!(count_article_lines("規程\n第1条　目的\n第2条から第4条まで　削除\n"), 2);
//! assert_eq!(count_article_lines("# 規程\n\n### 第1条　目的\n\n本文\n"), 1);
//! ```

/// The number of article lines of a source (XML, Markdown or plain text, told apart by its shape).
pub fn count_article_lines(text: &str) -> usize {
    article_lines(text).len()
}

/// The 1-based line numbers of a source's article lines (for XML, the lines of the `<Article>` start tags).
pub fn article_lines(text: &str) -> Vec<usize> {
    let first = text.trim_start_matches('\u{feff}').trim_start();
    if first.starts_with('<') {
        return xml_articles(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let markdown = lines.iter().any(|l| heading_text(l).is_some_and(|h| article_prefix(h).is_some()));
    if markdown {
        markdown_articles(&lines)
    } else {
        text_articles(&lines)
    }
}

fn xml_articles(xml: &str) -> Vec<usize> {
    let mut line = 1;
    let mut last = 0;
    let mut out = Vec::new();
    for (i, _) in xml.match_indices("<Article") {
        if matches!(xml.as_bytes().get(i + 8), Some(b' ' | b'>')) {
            line += xml[last..i].matches('\n').count();
            last = i;
            out.push(line);
        }
    }
    out
}

/// The text of an ATX heading (`### 第1条　目的` → `第1条　目的`).
fn heading_text(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    let rest = t.trim_start_matches('#');
    let hashes = t.len() - rest.len();
    ((1..=6).contains(&hashes) && rest.starts_with([' ', '\t', '\u{3000}'])).then(|| rest.trim())
}

fn markdown_articles(lines: &[&str]) -> Vec<usize> {
    let (mut in_comment, mut in_fence, mut n) = (false, false, Vec::new());
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim();
        if in_comment {
            in_comment = !t.contains("-->");
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if t.starts_with("<!--") {
            in_comment = !t.contains("-->");
            continue;
        }
        if heading_text(l).and_then(article_prefix).is_some() {
            n.push(i + 1);
        }
    }
    n
}

fn text_articles(lines: &[&str]) -> Vec<usize> {
    let non_blank = |i: usize, step: isize| -> Option<usize> {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < lines.len() {
            if !lines[j as usize].trim().is_empty() {
                return Some(j as usize);
            }
            j += step;
        }
        None
    };
    let indented = |j: Option<usize>| j.is_some_and(|j| lines[j].starts_with('\u{3000}'));
    let caption = |j: Option<usize>| j.is_some_and(|j| is_caption(lines[j]));
    let mut n = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = article_prefix(l) else { continue };
        let counted = if rest.is_empty() {
            let (prev, next) = (non_blank(i, -1), non_blank(i, 1));
            indented(next) || caption(prev) || (caption(next) && indented(next.and_then(|j| non_blank(j, 1))))
        } else {
            rest.starts_with(['\u{3000}', ' ']) && !rest.trim().is_empty()
        };
        if counted {
            n.push(i + 1);
        }
    }
    n
}

/// A caption line: `（目的）` or `(目的)`, possibly indented, short, with no sentence end.
fn is_caption(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\u{3000}']).trim_end();
    (t.starts_with('（') || t.starts_with('('))
        && (t.ends_with('）') || t.ends_with(')'))
        && t.chars().count() <= 60
        && !t.contains('。')
}

/// If the line begins with an article number or a range or pair of them (`第三条`, `第三条の二`,
/// `第一条ノ二`, `第五条から第八条まで`, `第十一条及び第十二条`, `第二十条乃至第七十三条`), the rest of the line.
fn article_prefix(line: &str) -> Option<&str> {
    let rest = one_article(line)?;
    for joint in ["から", "乃至", "及び", "及"] {
        if let Some(r) = rest.strip_prefix(joint).and_then(one_article) {
            return Some(r.strip_prefix("まで").unwrap_or(r));
        }
    }
    Some(rest)
}

fn one_article(s: &str) -> Option<&str> {
    let mut rest = numeral(s.strip_prefix('第')?)?.strip_prefix('条')?;
    while let Some(r) = rest.strip_prefix(['の', 'ノ']).and_then(numeral) {
        rest = r;
    }
    Some(rest)
}

fn numeral(s: &str) -> Option<&str> {
    let r = s.trim_start_matches(|c: char| {
        "〇一二三四五六七八九十百千".contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
    });
    (r.len() < s.len()).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn egov_2013_layout_with_captions_and_deletions() {
        // An article whose caption follows its number (裁判所法), one with a caption above and unindented
        // text (附則), a deleted pair, and a branch article.
        let text = "第一条\n\n（趣旨）\n\n　本文\n\n（施行期日）\n第一条\nこの政令は、施行する。\n\n\
                    第十一条及び第十二条\n\n　削除\n\n第十二条の二\n\n　本文\n";
        assert_eq!(count_article_lines(text), 4);
    }

    #[test]
    fn table_cells_are_not_article_lines() {
        let text = "第十四条\n\n　次の表のとおり読み替える。\n第八条\n\n設置者\n\n所管大臣\n\n\
                    第七条から第九条まで\n\n申請\n\n申出\n";
        assert_eq!(count_article_lines(text), 1);
    }

    #[test]
    fn lawtext_lines_and_references_inside_text() {
        let text = "法\n第一条　この法律は、第二条の規定による。\n　第三条の規定は適用しない。\n第二条　削除\n";
        assert_eq!(count_article_lines(text), 2);
    }

    #[test]
    fn markdown_headings_outside_comments() {
        let text = "# 規則\n\n### 第1条　目的\n\n<!--\n### 第2条　旧\n-->\n\n第3条　本文中\n\n## 第4条\n";
        assert_eq!(count_article_lines(text), 2);
    }

    #[test]
    fn xml_articles_including_suppl_provisions() {
        let xml = "<Law><MainProvision><Article Num=\"1\"/><Article Num=\"2\"/></MainProvision>\
                   <SupplProvision><Article Num=\"1\"><ArticleTitle/></Article></SupplProvision></Law>";
        assert_eq!(count_article_lines(xml), 3);
    }
}
