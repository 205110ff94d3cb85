//! The targets of a clause: one provision path (第三条第二項, 同条, relative 第N項 resolved against the provision
//! last named, 目次, 題名, 附則, 別表第一…), its range end (から…まで), the table entry or column it names
//! ([`super::table`]) and its part (ただし書, 前段, 後段, 柱書, 各号, 見出し), and several joined by 、 / 及び /
//! 並びに. The operations done to them are read in [`super`].

use super::{PResult, Sentence};
use crate::amend::grammar::quote::depth;
use crate::amend::style::unit_char;
use crate::amend::types::{Part, Special, Step, Target};
use crate::model::Kind;

impl Sentence {
    /// One or more targets joined by 、 / 及び / 並びに.
    pub(super) fn targets(&mut self) -> PResult<Vec<Target>> {
        let mut out = vec![self.target_path()?];
        loop {
            let save = self.c.pos;
            if self.c.eat_any(&["及び", "並びに", "、"]).is_some() {
                let ctx = self.ctx.clone();
                if let Some(last) = out.last() {
                    self.ctx = last.steps.clone();
                }
                if let Ok(t) = self.target_path() {
                    if !t.steps.is_empty() || t.special.is_some() {
                        out.push(t);
                        continue;
                    }
                }
                self.ctx = ctx;
            }
            self.c.pos = save;
            return Ok(out);
        }
    }

    /// One target, with its optional range end and part.
    pub(super) fn target_path(&mut self) -> PResult<Target> {
        let mut t = Target::default();
        let c = &mut self.c;
        if c.eat("目次") {
            t.special = Some(Special::Toc);
        } else if c.eat("題名") {
            t.special = Some(Special::Title);
        } else if c.eat("次に掲げる法律の規定") || c.eat("次に掲げる規定") {
            t.special = Some(Special::Listed(Vec::new()));
            self.wants_body = true;
            return Ok(t);
        } else if c.eat("附則") {
            t.special = Some(Special::Suppl);
        } else if let Some(name) = c.eat_any(crate::amend::grammar::appendix::NAMES) {
            let (num, end) = crate::amend::grammar::appendix::read_num(c, name);
            t.end = end;
            t.special = Some(match name {
                "別表" => Special::Appendix(num),
                _ => Special::Annex { name: name.to_string(), num },
            });
        }
        let same_table = self.ctx.iter().position(|s| *s == Step::Table).filter(|_| self.c.at("同表"));
        if let Some(at) = same_table {
            // 同表: the table named last (the special before it, 別表第一, stays in the context's steps).
            self.c.pos += 2;
            t.steps = self.ctx[..=at].to_vec();
        } else if let Some(appendix) = self.last_appendix.clone().filter(|_| t.special.is_none() && self.c.at("同表"))
        {
            // 同表 after 別表第一: that appendix again, its row or column following.
            self.c.pos += 2;
            t.special = Some(appendix);
            t.steps = Vec::new();
        } else {
            t.steps = self.steps(t.special.is_some())?;
        }
        match &t.special {
            Some(s @ (Special::Appendix(_) | Special::Annex { .. })) => self.last_appendix = Some(s.clone()),
            _ if !t.steps.is_empty() => self.last_appendix = None,
            _ => {}
        }
        if t.steps.is_empty() && t.special.is_none() {
            return self.fail("a provision (第N条, 同条…)");
        }
        let save = self.c.pos;
        if self.c.eat("から") {
            let ctx = std::mem::replace(&mut self.ctx, t.steps.clone());
            let end = self.steps(false)?;
            self.ctx = ctx;
            if !end.is_empty() && self.c.eat("まで") {
                t.end = Some(end);
                self.c.eat("の規定");
            } else {
                self.c.pos = save;
            }
        }
        self.named(&mut t);
        let c = &mut self.c;
        if c.eat("ただし書") {
            t.part = Part::Proviso;
        } else if c.eat("前段") {
            t.part = Part::Former;
        } else if c.eat("後段") {
            t.part = Part::Latter;
        } else if c.eat("各号列記以外の部分") || c.eat("柱書") {
            t.part = Part::Pillar;
        } else if c.eat("各号") {
            t.part = Part::Items;
        } else if c.at("の見出し")
            || c.at("の章名")
            || c.at("の節名")
            || c.at("の款名")
            || c.at("の目名")
            || c.at("の編名")
        {
            c.pos += if c.at("の見出し") { 4 } else { 3 };
            t.part = Part::Heading;
        }
        Ok(t)
    }

    /// The whole sentence as a list of targets (an entry of a 「次に掲げる規定」 list), or where it stops.
    pub(in crate::amend::grammar) fn only_targets(mut self) -> PResult<Vec<Target>> {
        let t = self.targets()?;
        if !self.c.done() {
            return self.fail("the end of the entry");
        }
        Ok(t)
    }

    /// Reference pieces resolved against the context (同条, relative 第N項).
    pub(super) fn steps(&mut self, in_special: bool) -> PResult<Vec<Step>> {
        let mut out: Vec<Step> = Vec::new();
        let mut after_item = false;
        while let Some((step, same)) = self.c.piece(after_item) {
            let Step::Unit { kind, .. } = &step else { unreachable!("pieces are units") };
            let kind = *kind;
            after_item = kind == Kind::Item;
            if same {
                // 同条 / 同項: the context up to that unit.
                let pos = self.ctx.iter().rposition(|s| matches!(s, Step::Unit { kind: k, .. } if *k == kind));
                let Some(pos) = pos else {
                    return self.fail(&format!("a provision that 同{} refers back to", unit_char(kind)));
                };
                out = self.ctx[..=pos].to_vec();
                continue;
            }
            if out.is_empty() && self.in_row && matches!(kind, Kind::Item | Kind::Subitem) {
                // 救急課の項中第十一号: a 号 in the row's cells, not of the article.
                out = self.ctx.clone();
            } else if out.is_empty() && !in_special && matches!(kind, Kind::Paragraph | Kind::Item | Kind::Subitem) {
                // Relative to the provision in context: keep the context's higher levels.
                out = self.ctx.iter().filter(|s| step_depth(s) < depth(kind)).cloned().collect();
            }
            out.push(step);
        }
        Ok(out)
    }
}

/// How deep a step is (条 above 項 above 号; a table entry or column below them all).
pub(super) fn step_depth(s: &Step) -> u8 {
    match s {
        Step::Unit { kind, .. } => depth(*kind),
        Step::Named(_) | Step::Table | Step::Column(_) => 9,
    }
}
