//! The grammar of one 改め文 sentence: targets (第三条第二項, 同条, ranges, lists joined by 及び), and what is
//! done to them (中「A」を「B」に改め, を削る, を次のように改める, の次に次の一条を加える, を第五条とし,
//! から…までを一条ずつ繰り下げ, 見出し), clause after clause, with 同条/同項 and relative 第N項 resolved
//! against the provision last named. Used by [`super::parse`](mod@super::parse). This module reads the clauses
//! and their operations; `targets` reads what a clause names, `table` the table entries and columns in it.
//!
//! ```
//! let a = kitei::amend::parse::parse("第七条中「甲」を「乙」に改め、同条を第六条とする。\n", "t").unwrap();
//! let v: Vec<_> = a.instructions().collect();
//! assert_eq!(v.len(), 2);
//! assert_eq!(v[1].column, 16); // 同条 is the 16th character
//! ```

mod table;
mod targets;

use crate::model::Kind;

use super::quote::Cursor;
use crate::amend::style::unit_kind;
use crate::amend::types::{Body, Edit, Instruction, Op, Part, Special, Step, Target};
use targets::step_depth;

pub(super) struct Sentence {
    c: Cursor,
    line: u32,
    col0: u32,
    ctx: Vec<Step>,
    out: Vec<Instruction>,
    wants_body: bool,
    /// The part an operation names (に次のただし書を加え: the ただし書), set for the clause's targets.
    part: Option<Part>,
    /// Set for the clause after a table row and 中 (`…救急課の項中第十一号を…`): a 号 there is in the row.
    in_row: bool,
    /// The 別表 or 様式 named by the last target, which a following 同表 names again (「別表第一中…に改め、
    /// 同表…」); cleared by a target that names a provision.
    last_appendix: Option<Special>,
}

type PResult<T> = std::result::Result<T, (usize, String)>;

impl Sentence {
    pub(super) fn new(s: &str, line: u32, col0: u32) -> Sentence {
        Sentence {
            c: Cursor::new(s),
            line,
            col0,
            ctx: Vec::new(),
            out: Vec::new(),
            wants_body: false,
            part: None,
            in_row: false,
            last_appendix: None,
        }
    }

    fn fail<T>(&self, what: &str) -> PResult<T> {
        Err((self.c.pos, format!("expected {what} at 「{}」", self.c.rest().chars().take(12).collect::<String>())))
    }

    pub(super) fn run(mut self) -> PResult<(Vec<Instruction>, bool)> {
        if self.c.done() {
            return self.fail("an instruction");
        }
        loop {
            self.clause()?;
            if self.c.eat("。") {
                if !self.c.done() {
                    return self.fail("the end of the line after 。");
                }
                return Ok((self.out, self.wants_body));
            }
            if !self.c.eat("、") {
                return self.fail("、 or 。 after an instruction");
            }
        }
    }

    fn push(&mut self, start: usize, target: Target, op: Op) {
        let text = self.c.slice(start, self.c.pos);
        self.out.push(Instruction { line: self.line, column: self.col0 + start as u32 + 1, text, target, op });
    }

    /// One clause: targets followed by what is done to them.
    fn clause(&mut self) -> PResult<()> {
        let start = self.c.pos;
        let targets = self.targets()?;
        let Some(first) = targets.first().cloned() else { return self.fail("a provision (第N条…)") };
        if self.c.eat("中") {
            if self.c.at("「") || self.c.at("『") {
                let edits = self.edits()?;
                for t in &targets {
                    self.push(start, t.clone(), Op::Edits(edits.clone()));
                }
                self.ctx = first.steps.clone();
                return Ok(());
            }
            if first.special.is_none() && first.end.is_none() && first.steps.iter().all(is_group) {
                return self.scoped_clause(start, first.steps);
            }
            // 第四十一条中第三項を第五項とし…: later references are relative to this provision.
            self.ctx = first.steps.clone();
            self.in_row = first.steps.last().is_some_and(|s| !matches!(s, Step::Unit { .. }));
            let r = self.clause();
            self.in_row = false;
            return r;
        }
        let ctx = std::mem::replace(&mut self.ctx, first.steps.clone());
        let op = match self.operation(&first) {
            Ok(op) => op,
            Err(e) => {
                self.ctx = ctx;
                return Err(e);
            }
        };
        let part = self.part.take();
        for t in &targets {
            let mut t = t.clone();
            if let Some(p) = part {
                t.part = p;
            }
            self.push(start, t, op.clone());
        }
        self.ctx = match &op {
            Op::Renumber(to) => to.clone(),
            _ => first.steps.clone(),
        };
        Ok(())
    }

    /// `第三章中同条を第四条とし`, `第二章第一節中第四条の次に次の一条を加える`: a group that narrows where the
    /// articles of the clause are found (and where one added after its last article goes). 同条 still refers to
    /// the article last named; the group stays in the context, so 同章 may follow.
    fn scoped_clause(&mut self, start: usize, scope: Vec<Step>) -> PResult<()> {
        let before = self.out.len();
        self.clause()?;
        let text = self.c.slice(start, self.c.pos);
        // Steps at or above the scope's level (a group named before) give way to the scope.
        let deepest = scope.last().map_or(0, step_depth);
        let scoped = |steps: &mut Vec<Step>| {
            if let Some(k) = steps.iter().position(|s| step_depth(s) > deepest) {
                steps.splice(..k, scope.iter().cloned());
            }
        };
        for ins in &mut self.out[before..] {
            scoped(&mut ins.target.steps);
            if let Some(end) = &mut ins.target.end {
                scoped(end);
            }
            if let Op::Renumber(to) = &mut ins.op {
                scoped(to);
            }
            ins.text = text.clone();
            ins.column = self.col0 + start as u32 + 1;
        }
        scoped(&mut self.ctx);
        Ok(())
    }

    fn operation(&mut self, target: &Target) -> PResult<Op> {
        let c = &mut self.c;
        if c.eat("を削り") || c.eat("を削る") {
            return Ok(if target.part == Part::Heading { Op::SetHeading(None) } else { Op::Delete });
        }
        if c.eat("を次のように改め") {
            c.eat("る");
            self.wants_body = true;
            return Ok(Op::Rewrite(empty_body(None)));
        }
        if target.part == Part::Heading && c.eat("を") {
            let q = c.quote(&["に改め"]).ok_or((c.pos, "a quoted caption".to_string()))?;
            c.eat("に改め");
            c.eat("る");
            return Ok(Op::SetHeading(Some(q)));
        }
        // A sentence added to a provision: 「第五条に次のただし書を加える。」, 「同項に後段として次のように加える。」.
        if target.part == Part::Whole {
            let added = if c.eat("に次のただし書を加え") {
                Some(Part::Proviso)
            } else if c.eat("に後段として次のように加え") {
                Some(Part::Latter)
            } else {
                None
            };
            if let Some(part) = added {
                c.eat("る");
                self.part = Some(part);
                self.wants_body = true;
                return Ok(Op::Append(empty_body(None)));
            }
        }
        if target.special == Some(Special::Title) && c.eat("の次に次の目次を付") {
            // 題名の次に次の目次を付する: a 目次 added where there was none.
            let _ = c.eat("する") || c.eat("し");
            self.wants_body = true;
            return Ok(Op::InsertAfter(empty_body(Some((Kind::Toc, 1)))));
        }
        if c.eat("に見出しとして") {
            let q = c.quote(&["を付"]).ok_or((c.pos, "a quoted caption".to_string()))?;
            let _ = c.eat("を付する") || c.eat("を付し");
            return Ok(Op::SetHeading(Some(q)));
        }
        for (prefix, kind) in [("の次に", 0), ("の前に", 1), ("に", 2)] {
            let save = self.c.pos;
            if self.c.eat(prefix) {
                if let Some(unit) = self.added_unit() {
                    self.wants_body = true;
                    let b = empty_body(unit);
                    return Ok(match kind {
                        0 => Op::InsertAfter(b),
                        1 => Op::InsertBefore(b),
                        _ => Op::Append(b),
                    });
                }
                self.c.pos = save;
            }
        }
        let c = &mut self.c;
        if target.end.is_some() && c.eat("を") {
            let save = c.pos;
            if let Some(n) = c.number() {
                if c.peek().and_then(unit_kind).is_some() {
                    c.pos += 1;
                    if c.eat("ずつ繰り下げ") {
                        c.eat("る");
                        return Ok(Op::Shift(n as i32));
                    }
                    if c.eat("ずつ繰り上げ") {
                        c.eat("る");
                        return Ok(Op::Shift(-(n as i32)));
                    }
                }
            }
            c.pos = save;
            c.pos -= 1;
        }
        if self.c.eat("を") {
            let to = self.target_path()?;
            if self.c.eat("とし") || self.c.eat("とする") {
                return Ok(Op::Renumber(to.steps));
            }
            return self.fail("とし or とする after the new number");
        }
        self.fail("中, を削る, を次のように改める, を…とする or …を加える")
    }

    /// `次の一条を加え` / `次の２項を加える` / `次のように加える`: the announced unit.
    fn added_unit(&mut self) -> Option<Option<(Kind, u32)>> {
        let save = self.c.pos;
        if self.c.eat("次のように加え") {
            self.c.eat("る");
            return Some(None);
        }
        if self.c.eat("次の各号を加え") {
            self.c.eat("る");
            return Some(Some((Kind::Item, 0)));
        }
        if self.c.eat("次の") {
            if let Some(n) = self.c.number() {
                if self.c.eat("表を加え") || self.c.eat("様式を加え") {
                    self.c.eat("る");
                    return Some(Some((Kind::Appendix, n)));
                }
                if let Some(kind) = self.c.peek().and_then(unit_kind) {
                    self.c.pos += 1;
                    if self.c.eat("を加え") {
                        self.c.eat("る");
                        return Some(Some((kind, n)));
                    }
                }
            }
        }
        self.c.pos = save;
        None
    }

    /// Wording edits after 中: 「A」を「B」に、「C」を「D」に改め、「E」を削り、「F」の下に「G」を加え…
    fn edits(&mut self) -> PResult<Vec<Edit>> {
        let mut out = Vec::new();
        let mut deletions: Vec<String> = Vec::new();
        loop {
            let from = self
                .c
                .quote(&["を「", "を『", "を削", "の下に「", "の次に「", "及び「", "、「"])
                .ok_or((self.c.pos, "a quoted string 「…」 followed by を, の下に or 及び".to_string()))?;
            if from.is_empty() {
                // An empty quote names no wording: it would match everywhere.
                return self.fail("a quote with wording in it, not 「」");
            }
            if self.c.eat("及び") || self.c.eat("、") {
                deletions.push(from);
                continue;
            }
            if self.c.eat("を削り") || self.c.eat("を削る") {
                deletions.push(from);
                out.extend(deletions.drain(..).map(Edit::Delete));
            } else if self.c.eat("を") {
                let to = self
                    .c
                    .quote(&["に、「", "に、『", "に改め"])
                    .ok_or((self.c.pos, "the new wording 「…」に".into()))?;
                self.c.eat("に");
                out.push(Edit::Replace { from, to });
                if self.c.at("、「") || self.c.at("、『") {
                    self.c.eat("、");
                    continue;
                }
                if !self.c.eat("改め") {
                    return self.fail("改める");
                }
                self.c.eat("る");
            } else if self.c.eat("の下に") || self.c.eat("の次に") {
                let text = self.c.quote(&["を加え"]).ok_or((self.c.pos, "the added wording 「…」を加える".into()))?;
                self.c.eat("を加え");
                self.c.eat("る");
                out.push(Edit::InsertAfter { anchor: from, text });
            } else {
                return self.fail("を, の下に or 及び after the quote");
            }
            if (self.c.at("、「") || self.c.at("、『")) && deletions.is_empty() {
                self.c.eat("、");
                continue;
            }
            return Ok(out);
        }
    }
}

fn is_group(s: &Step) -> bool {
    matches!(s, Step::Unit { kind, .. } if kind.is_group())
}

fn empty_body(unit: Option<(Kind, u32)>) -> Body {
    Body { text: String::new(), line: 0, unit }
}

#[cfg(test)]
mod tests {
    use crate::amend::types::{Op, Step};
    use crate::model::{Kind, Num};

    fn unit(kind: Kind, n: u32) -> Step {
        Step::Unit { kind, num: Num::simple(n), level: 0 }
    }

    #[test]
    fn a_group_before_chu_narrows_the_articles_and_dou_jou_still_refers_back() {
        let a = crate::amend::grammar::parse("第五条中「甲」を「乙」に改め、第三章中同条を第六条とし、同章中第六条の次に次の一条を加える。\n第七条　丙。\n", "t").unwrap();
        let v: Vec<_> = a.instructions().collect();
        assert_eq!(v.len(), 3);
        assert_eq!(v[1].target.steps, [unit(Kind::Chapter, 3), unit(Kind::Article, 5)]);
        assert!(matches!(&v[1].op, Op::Renumber(to) if to.last() == Some(&unit(Kind::Article, 6))));
        assert_eq!(v[1].text, "第三章中同条を第六条とし");
        assert_eq!(v[2].target.steps, [unit(Kind::Chapter, 3), unit(Kind::Article, 6)]);
    }

    #[test]
    fn a_section_scope_keeps_its_chapter() {
        let a = crate::amend::grammar::parse("第二章第一節中第四条の次に次の一条を加える。\n第四条の二　丁。\n", "t")
            .unwrap();
        let v: Vec<_> = a.instructions().collect();
        assert_eq!(v[0].target.steps, [unit(Kind::Chapter, 2), unit(Kind::Section, 1), unit(Kind::Article, 4)]);
    }
}
