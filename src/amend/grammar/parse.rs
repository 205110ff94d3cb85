//! Reads the text of an amending act (改め文) into an [`Amendment`].
//!
//! Lines are classified as the title, the enacting sentence (`…の一部を次のように改正する。`, which may appear
//! several times when one act amends several laws), instruction sentences, the new text that follows an
//! instruction ending in 次のように改める / 次の一条を加える, and the act's own 附則 (kept, not applied).
//! Markdown markers (`#`, `>`, front matter) are ignored, so an act written in Markdown reads the same.
//!
//! ```
//! use kitei::amend::{parse::parse, Op, Edit};
//! let a = parse("第五条中「最新」を「最新かつ正確」に改め、「及び」を削る。\n", "a.txt").unwrap();
//! let ins: Vec<_> = a.instructions().collect();
//! assert_eq!(ins.len(), 1);
//! assert!(matches!(&ins[0].op, Op::Edits(e) if e.len() == 2 && e[1] == Edit::Delete("及び".into())));
//! ```

use crate::error::{Error, Location, Result};
use crate::model::num::parse_number;

use super::sentence::Sentence;
use crate::amend::types::{Amendment, Instruction, LawAmendment, Op, Special};

/// Parses an amending act. `name` is used in error locations.
pub fn parse(text: &str, name: &str) -> Result<Amendment> {
    let mut out = Amendment::default();
    let mut in_suppl = false;
    let mut in_front_matter = false;
    let mut body: Option<(Vec<usize>, Vec<String>, u32)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let trimmed_raw = raw.trim_end();
        if i == 0 && trimmed_raw == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            in_front_matter = trimmed_raw != "---";
            continue;
        }
        let s = strip_markers(raw);
        if s.is_empty() {
            // A blank line inside new provisions given as Markdown separates blocks (a table, say).
            if let Some((_, lines, _)) = body.as_mut().filter(|b| !b.1.is_empty()) {
                lines.push(String::new());
            }
            continue;
        }
        if in_suppl {
            if out.effective.is_none() && s.contains("施行する") {
                out.effective = Some(strip_suppl_caption(&s));
            }
            out.suppl.push(s);
            continue;
        }
        // A 目次 given as new text lists the 附則 too: written as an entry (`　附則`, indented once, no inner
        // space) it stays in the body; the act's own 附則 heading is `　　　附　則`.
        let toc_body = body.as_ref().is_some_and(|(idx, _, _)| {
            let law = out.laws.last();
            idx.first().and_then(|&k| law?.instructions.get(k)).is_some_and(|i| {
                i.target.special == Some(Special::Toc)
                    || matches!(&i.op, Op::InsertAfter(b) if b.unit.is_some_and(|u| u.0 == crate::model::Kind::Toc))
            })
        });
        let indent = raw.chars().take_while(|c| *c == '\u{3000}' || *c == ' ').count();
        if toc_body && indent <= 1 && s == "附則" {
            if let Some((_, lines, _)) = body.as_mut() {
                lines.push(raw.trim_end().to_string());
            }
            continue;
        }
        if is_suppl_heading(&s) {
            flush_body(&mut out, body.take(), name)?;
            in_suppl = true;
            out.suppl_heading = suppl_act_number(&s);
            continue;
        }
        if out.title.is_none() && out.laws.is_empty() && s.contains("を改正する") && !s.ends_with('。') {
            out.title = Some(s);
            continue;
        }
        if let Some(law) = enacting_law(&s) {
            flush_body(&mut out, body.take(), name)?;
            out.laws.push(LawAmendment { law, instructions: Vec::new() });
            continue;
        }
        let col0 = raw.chars().count() - raw.trim_start_matches([' ', '\u{3000}', '\t', '#', '>']).chars().count();
        match parse_line(&s, line_no, col0 as u32) {
            Ok((ins, wants_body)) => {
                flush_body(&mut out, body.take(), name)?;
                if out.laws.is_empty() {
                    out.laws.push(LawAmendment::default());
                }
                let law = out.laws.last_mut().expect("pushed above");
                let first = law.instructions.len();
                law.instructions.extend(ins);
                if wants_body {
                    let idx =
                        (first..law.instructions.len()).filter(|&k| needs_body(&law.instructions[k].op)).collect();
                    body = Some((idx, Vec::new(), line_no + 1));
                }
            }
            Err((col, reason)) => {
                if let Some((_, lines, _)) = body.as_mut() {
                    lines.push(body_line(raw));
                } else if is_caption(&s) {
                    // The caption of an amending article, such as （借地借家法の一部改正）.
                } else {
                    return Err(Error::Syntax {
                        at: Location { file: name.into(), line: line_no, column: col0 as u32 + col as u32 + 1 },
                        expected: format!("an amendment sentence ({reason})"),
                        found: format!("「{s}」"),
                    });
                }
            }
        }
    }
    flush_body(&mut out, body.take(), name)?;
    Ok(out)
}

fn needs_body(op: &Op) -> bool {
    matches!(op, Op::Rewrite(_) | Op::InsertAfter(_) | Op::InsertBefore(_) | Op::Append(_))
        || matches!(op, Op::Edits(_))
}

fn flush_body(out: &mut Amendment, body: Option<(Vec<usize>, Vec<String>, u32)>, name: &str) -> Result<()> {
    let Some((idx, mut lines, line)) = body else { return Ok(()) };
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // A caption left at the end belongs to the next amending article (unless it is all there is: the new
    // 見出し of 「第五条の見出しを次のように改める。」).
    while lines.len() > 1 && lines.last().is_some_and(|l| is_caption(l.trim_start_matches([' ', '\u{3000}']))) {
        lines.pop();
    }
    let text = lines.join("\n");
    let law = out.laws.last_mut().expect("a body follows an instruction");
    for k in idx {
        match &mut law.instructions[k].op {
            Op::Rewrite(b) | Op::InsertAfter(b) | Op::InsertBefore(b) | Op::Append(b) => {
                b.text = text.clone();
                b.line = line;
            }
            Op::Edits(_) => {
                if let Some(Special::Listed(items)) = &mut law.instructions[k].target.special {
                    *items = super::listed::read(&lines, line).map_err(|(at, column, what)| Error::Syntax {
                        at: Location { file: name.into(), line: at, column: column as u32 + 1 },
                        expected: format!("an entry of the list of provisions ({what})"),
                        found: format!("「{}」", lines.get((at - line) as usize).map_or("", |l| l.trim())),
                    })?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A line of new provisions: without a blockquote marker (`> `) and a trailing hard break, but keeping the
/// indentation that nests Markdown lists.
fn body_line(raw: &str) -> String {
    let mut s = raw;
    while let Some(rest) = s.trim_start_matches(' ').strip_prefix('>') {
        s = rest.strip_prefix(' ').unwrap_or(rest);
    }
    s.trim_end_matches('\\').trim_end().to_string()
}

fn strip_markers(raw: &str) -> String {
    let s = raw.trim_start_matches([' ', '\u{3000}', '\t']);
    let s = s.trim_start_matches('#').trim_start_matches('>').trim_start_matches([' ', '\u{3000}']);
    s.trim_end_matches('\\').trim_end().to_string()
}

fn is_caption(s: &str) -> bool {
    (s.starts_with('（') && s.ends_with('）')) || (s.starts_with('(') && s.ends_with(')'))
}

fn is_suppl_heading(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    t == "附則" || (t.starts_with("附則（") && t.ends_with('）')) || t == "附則抄"
}

/// `附　則（令和五年三月三十一日規程第十二号）` → the act number inside the brackets.
fn suppl_act_number(s: &str) -> Option<String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = t.strip_prefix("附則（")?.strip_suffix('）')?;
    (!inner.is_empty()).then(|| inner.to_string())
}

fn strip_suppl_caption(s: &str) -> String {
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    if s.starts_with('（') {
        if let Some(i) = s.find('）') {
            return s[i + '）'.len_utf8()..].to_string();
        }
    }
    s.to_string()
}

/// `○○規程（令和2年規程第5号）の一部を次のように改正する。` → `○○規程`.
fn enacting_law(s: &str) -> Option<String> {
    let i = s.find("の一部を次のように改正する")?;
    let mut law = &s[..i];
    if let Some(j) = law.find('\u{3000}') {
        if law.starts_with('第') {
            law = &law[j + '\u{3000}'.len_utf8()..];
        }
    }
    if law.ends_with('）') {
        if let Some(j) = law.rfind('（') {
            law = &law[..j];
        }
    }
    Some(law.trim().to_string())
}

/// Parses one instruction line; on failure returns the column (chars) and the reason.
fn parse_line(s: &str, line: u32, col0: u32) -> std::result::Result<(Vec<Instruction>, bool), (usize, String)> {
    match Sentence::new(s, line, col0).run() {
        Ok(r) => Ok(r),
        Err(e) => {
            // An amending act's article: 第二百二十一条　次に掲げる法律の規定中…
            if s.starts_with('第') {
                if let Some(j) = s.find('\u{3000}') {
                    let rest = &s[j + '\u{3000}'.len_utf8()..];
                    let skip = s[..j].chars().count() as u32 + 1;
                    if let Ok(r) = Sentence::new(rest, line, col0 + skip).run() {
                        return Ok(r);
                    }
                }
            }
            Err(e)
        }
    }
}

/// Parses a count such as 二 or 2 (helper for callers).
pub fn count(s: &str) -> Option<u32> {
    parse_number(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::types::Step;
    use crate::model::{Kind, Num};

    fn ops(s: &str) -> Vec<Instruction> {
        parse(s, "t").unwrap().instructions().cloned().collect()
    }

    #[test]
    fn block_moves_and_back_references() {
        let v = ops("第三十八条中第七項を第九項とし、第四項から第六項までを二項ずつ繰り下げ、同条第三項中「前項」を「第三項」に改め、同項を同条第五項とし、同項の次に次の一項を加える。\n　４　追加。\n");
        assert_eq!(v.len(), 5);
        assert!(matches!(v[1].op, Op::Shift(2)));
        assert_eq!(v[1].target.steps.len(), 2);
        assert!(matches!(&v[3].op, Op::Renumber(to) if to.len() == 2));
        match &v[4].op {
            Op::InsertAfter(b) => assert_eq!(b.text.trim_start_matches('\u{3000}'), "４　追加。"),
            o => panic!("{o:?}"),
        }
        assert_eq!(v[4].target.steps[1], Step::Unit { kind: Kind::Paragraph, num: Num::simple(5), level: 0 });
    }

    #[test]
    fn multiple_targets_and_ranges() {
        let v = ops("第五条第一項第五号、第十八条第一項第六号及び第五十二条第七号ロ中「禁錮」を「拘禁刑」に改める。\n第三十一条から第三十三条までの規定及び第三十六条中「懲役」を「拘禁刑」に改める。\n");
        assert_eq!(v.len(), 5);
        assert_eq!(v[2].target.steps.len(), 3);
        assert!(v[3].target.end.is_some());
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("第一条中「甲」を「乙」にする。\n", "a.txt").unwrap_err().to_string();
        assert!(e.starts_with("a.txt:1:"), "{e}");
    }

    #[test]
    fn markdown_bodies_keep_nesting_and_blank_lines() {
        let v = ops("第一条第一項を次のように改める。\n1. 本文。\n    - 細目\n\n        | 甲 | 乙 |\n        | - | - |\n\n> 2. 次項。\n\n第二条を削る。\n");
        assert_eq!(v.len(), 2);
        match &v[0].op {
            Op::Rewrite(b) => {
                assert_eq!(b.text, "1. 本文。\n    - 細目\n\n        | 甲 | 乙 |\n        | - | - |\n\n2. 次項。")
            }
            o => panic!("{o:?}"),
        }
    }
}
