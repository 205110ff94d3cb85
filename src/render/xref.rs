//! Cross-references in Japanese provision text: 第N条, 第N条第M項, 第N号, 前条, 次条, 同条, 前項, 次項, 前号,
//! 前各号, resolved to model IDs; references to another law (法第39条, 「…法律（平成25年法律第29号）第26条」)
//! are marked external, and law numbers (平成14年法律第153号) are left alone.
//!
//! ```
//! use kitei::render::xref::{find_references, RefContext, Target};
//! let ctx = RefContext { article: Some("art_10".into()), paragraph: Some("art_10__para_4".into()),
//!     prev_article: Some("art_9".into()), next_article: Some("art_11".into()) };
//! let refs = find_references("前条及び第3条第2項並びに法第39条の規定", &ctx);
//! assert_eq!(refs[0].target, Target::Internal("art_9".into()));
//! assert_eq!(refs[1].target, Target::Internal("art_3__para_2".into()));
//! assert_eq!(refs[2].target, Target::External);
//! ```

use crate::model::num::{digit_value, is_kanji_numeral, parse_number};

/// Where a reference points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A provision of this regulation, by ID (it may not exist: callers check).
    Internal(String),
    /// A provision of another law.
    External,
}

/// A reference found in a text: byte range and target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// The target.
    pub target: Target,
}

/// Where the text being scanned stands.
#[derive(Debug, Clone, Default)]
pub struct RefContext {
    /// The enclosing article's ID.
    pub article: Option<String>,
    /// The enclosing paragraph's ID.
    pub paragraph: Option<String>,
    /// The preceding article's ID (for 前条).
    pub prev_article: Option<String>,
    /// The following article's ID (for 次条).
    pub next_article: Option<String>,
}

/// Chars that end a law's name or number right before 第N条 of that law.
fn is_external_prefix(c: char) -> bool {
    matches!(c, '法' | '令' | '則' | '）' | ')' | '律' | '約')
}

fn para_num(id: &str) -> Option<u32> {
    id.rsplit("__para_").next().and_then(|s| s.split("__").next()).and_then(|s| s.parse().ok())
}

fn article_of_para(id: &str) -> &str {
    id.rsplit_once("__para_").map(|(a, _)| a).unwrap_or(id)
}

/// Finds the references in `text`.
pub fn find_references(text: &str, ctx: &RefContext) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut last_article: Option<String> = None;
    let mut last_para: Option<String> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let prev = text[..i].chars().next_back();
        // Relative words.
        let rel: Option<(&str, Option<String>, u8)> = [
            ("前各号", ctx.paragraph.clone(), 2),
            ("前条", ctx.prev_article.clone(), 0),
            ("次条", ctx.next_article.clone(), 0),
            ("同条", last_article.clone().or_else(|| ctx.article.clone()), 0),
            ("前項", ctx.paragraph.as_ref().and_then(|p| sibling_para(p, -1)), 1),
            ("次項", ctx.paragraph.as_ref().and_then(|p| sibling_para(p, 1)), 1),
            ("同項", last_para.clone().or_else(|| ctx.paragraph.clone()), 1),
        ]
        .into_iter()
        .find(|(w, _, _)| rest.starts_with(w));
        if let Some((word, target, level)) = rel {
            let mut end = i + word.len();
            if let Some(mut id) = target {
                // A chain may continue: 前項第2号, 同条第3項.
                let (extra, id2) = continue_chain(&text[end..], &id, level);
                end += extra;
                id = id2;
                if level == 0 {
                    last_article = Some(id.clone());
                }
                out.push(Reference { start: i, end, target: Target::Internal(id) });
            }
            i = end;
            continue;
        }
        if rest.starts_with('第') {
            if let Some((len, unit, num)) = numbered(rest) {
                let external = prev.is_some_and(is_external_prefix) && unit == '条';
                let law_number =
                    unit == '号' && prev.is_some_and(|c| c != '、' && c != '，' && !is_kana(c) && c > '\u{3000}');
                if law_number && !matches!(prev, Some('項') | Some('条')) {
                    i += len;
                    continue;
                }
                let base = match unit {
                    '条' => Some(format!("art_{num}")),
                    '項' => ctx.article.clone().map(|a| format!("{a}__para_{num}")),
                    _ => ctx.paragraph.clone().map(|p| format!("{p}__item_{num}")),
                };
                let level = match unit {
                    '条' => 0,
                    '項' => 1,
                    _ => 2,
                };
                let mut end = i + len;
                match base {
                    Some(b) if !external => {
                        let (extra, id) = continue_chain(&text[end..], &b, level);
                        end += extra;
                        if level == 0 {
                            last_article = Some(b.clone());
                        }
                        if id.contains("__para_") && !id.contains("__item_") {
                            last_para = Some(id.clone());
                        }
                        out.push(Reference { start: i, end, target: Target::Internal(id) });
                    }
                    _ if external => {
                        let (extra, _) = continue_chain(&text[end..], "x", level);
                        end += extra;
                        out.push(Reference { start: i, end, target: Target::External });
                    }
                    _ => {}
                }
                i = end;
                continue;
            }
        }
        i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
    }
    out
}

fn is_kana(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c)
}

fn sibling_para(para_id: &str, delta: i32) -> Option<String> {
    let n = para_num(para_id)? as i32 + delta;
    (n >= 1).then(|| format!("{}__para_{n}", article_of_para(para_id)))
}

/// `第N条`, `第N条のM`, `第N項`, `第N号` at the start of `s` → (byte length, unit, number as `10-2`).
fn numbered(s: &str) -> Option<(usize, char, String)> {
    let body = s.strip_prefix('第')?;
    let digits_end = body.find(|c: char| !(digit_value(c).is_some() || is_kanji_numeral(c))).unwrap_or(body.len());
    if digits_end == 0 {
        return None;
    }
    let n = parse_number(&body[..digits_end])?;
    let mut rest = &body[digits_end..];
    let unit = rest.chars().next().filter(|c| matches!(c, '条' | '項' | '号'))?;
    rest = &rest[unit.len_utf8()..];
    let mut num = n.to_string();
    if unit == '条' {
        // Branch numbers: 第十条の二.
        while let Some(b) = rest.strip_prefix('の') {
            let e = b.find(|c: char| !(digit_value(c).is_some() || is_kanji_numeral(c))).unwrap_or(b.len());
            match (e > 0).then(|| parse_number(&b[..e])).flatten() {
                Some(v) => {
                    num.push_str(&format!("-{v}"));
                    rest = &b[e..];
                }
                None => break,
            }
        }
    }
    Some((s.len() - rest.len(), unit, num))
}

/// Continues a chain after a base reference at `level` (0 article, 1 paragraph, 2 item): 第M項, 第K号.
fn continue_chain(s: &str, base: &str, level: u8) -> (usize, String) {
    let mut id = base.to_string();
    let mut used = 0;
    let mut level = level;
    while let Some((len, unit, num)) = numbered(&s[used..]) {
        match (level, unit) {
            (0, '項') => {
                id = format!("{id}__para_{num}");
                level = 1;
            }
            (0, '号') => {
                id = format!("{id}__para_1__item_{num}");
                level = 2;
            }
            (1, '号') => {
                id = format!("{id}__item_{num}");
                level = 2;
            }
            _ => break,
        }
        used += len;
    }
    (used, id)
}

/// Finds the references in English (JLT-style) text: `Article 10-2, paragraph (3), item (ii)`, `paragraph (2)`,
/// `item (iii)`, `the preceding Article`, `the following Article`, `the preceding paragraph`, `the preceding
/// items`, `the same Article`. A citation followed by ` of the …` (`Article 39, paragraph (1) of the Act`) is
/// another law's.
pub fn find_english_references(text: &str, ctx: &RefContext) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut last_article: Option<String> = None;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at_word = i == 0 || !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric());
        if !at_word {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        }
        let rel = [
            ("the preceding Article", ctx.prev_article.clone()),
            ("the following Article", ctx.next_article.clone()),
            ("the same Article", last_article.clone().or_else(|| ctx.article.clone())),
            ("the preceding paragraph", ctx.paragraph.as_ref().and_then(|p| sibling_para(p, -1))),
            ("the following paragraph", ctx.paragraph.as_ref().and_then(|p| sibling_para(p, 1))),
            ("the preceding items", ctx.paragraph.clone()),
        ]
        .into_iter()
        .find(|(w, _)| rest.starts_with(w));
        if let Some((word, target)) = rel {
            if let Some(id) = target {
                out.push(Reference { start: i, end: i + word.len(), target: Target::Internal(id) });
            }
            i += word.len();
            continue;
        }
        let (len, id) = if let Some(r) = rest.strip_prefix("Article ") {
            let end = r.find(|c: char| !(c.is_ascii_digit() || c == '-')).unwrap_or(r.len());
            let num = r[..end].trim_end_matches('-');
            if num.is_empty() {
                i += "Article ".len();
                continue;
            }
            let mut id = format!("art_{num}");
            let mut len = "Article ".len() + num.len();
            if let Some((l, para)) = en_unit(&rest[len..], ", paragraph (", false) {
                id = format!("{id}__para_{para}");
                len += l;
            }
            if let Some((l, item)) = en_unit(&rest[len..], ", item (", true) {
                if !id.contains("__para_") {
                    id.push_str("__para_1");
                }
                id = format!("{id}__item_{item}");
                len += l;
            }
            last_article = Some(id.split("__").next().unwrap_or_default().to_string());
            (len, Some(id))
        } else if let Some((l, para)) = en_unit(rest, "paragraph (", false) {
            (l, ctx.article.as_ref().map(|a| format!("{a}__para_{para}")))
        } else if let Some((l, item)) = en_unit(rest, "item (", true) {
            (l, ctx.paragraph.as_ref().map(|p| format!("{p}__item_{item}")))
        } else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let external = text[i + len..].starts_with(" of the ") || text[i + len..].starts_with(" of this Act");
        match id {
            _ if external => out.push(Reference { start: i, end: i + len, target: Target::External }),
            Some(id) => out.push(Reference { start: i, end: i + len, target: Target::Internal(id) }),
            None => {}
        }
        i += len;
    }
    out
}

/// `paragraph (3)` / `item (iii)` at the start of `s` (after `prefix`) → (byte length, number).
fn en_unit(s: &str, prefix: &str, roman: bool) -> Option<(usize, u32)> {
    let r = s.strip_prefix(prefix)?;
    let close = r.find(')')?;
    let inner = &r[..close];
    let n = if roman { crate::parse::english::parse_roman(inner)? } else { inner.parse().ok()? };
    Some((prefix.len() + close + 1, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> RefContext {
        RefContext {
            article: Some("art_25".into()),
            paragraph: Some("art_25__para_2".into()),
            prev_article: Some("art_24".into()),
            next_article: Some("art_26".into()),
        }
    }

    fn targets(s: &str) -> Vec<(String, Target)> {
        find_references(s, &ctx()).into_iter().map(|r| (s[r.start..r.end].to_string(), r.target)).collect()
    }

    #[test]
    fn english_references() {
        let t = "Article 39, paragraph (1) of the Act; the preceding Article; Article 3, paragraph (2), item (ii); item (iv)";
        let r: Vec<(String, Target)> =
            find_english_references(t, &ctx()).into_iter().map(|r| (t[r.start..r.end].to_string(), r.target)).collect();
        assert_eq!(r[0], ("Article 39, paragraph (1)".into(), Target::External));
        assert_eq!(r[1], ("the preceding Article".into(), Target::Internal("art_24".into())));
        assert_eq!(r[2].1, Target::Internal("art_3__para_2__item_2".into()));
        assert_eq!(r[3], ("item (iv)".into(), Target::Internal("art_25__para_2__item_4".into())));
    }

    #[test]
    fn law_numbers_are_not_references() {
        let t = targets("法律（平成14年法律第153号。以下「法」という。）第39条第1項の規定");
        assert_eq!(t, vec![("第39条第1項".into(), Target::External)]);
    }

    #[test]
    fn relative_and_chained_references() {
        let t = targets("前項第2号、第十条の二第3項、同条、第1号及び前各号");
        assert_eq!(t[0], ("前項第2号".into(), Target::Internal("art_25__para_1__item_2".into())));
        assert_eq!(t[1], ("第十条の二第3項".into(), Target::Internal("art_10-2__para_3".into())));
        assert_eq!(t[2], ("同条".into(), Target::Internal("art_10-2".into())));
        assert_eq!(t[3], ("第1号".into(), Target::Internal("art_25__para_2__item_1".into())));
        assert_eq!(t[4], ("前各号".into(), Target::Internal("art_25__para_2".into())));
    }

    #[test]
    fn references_to_another_law_are_external() {
        let t = targets("地方公共団体情報システム機構法（平成25年法律第29号）第26条第1項に基づく");
        assert_eq!(t, vec![("第26条第1項".into(), Target::External)]);
        assert_eq!(targets("法第44条第2項に規定する")[0].1, Target::External);
    }
}
