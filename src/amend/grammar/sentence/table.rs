//! Tables and lists inside a target: `第七条の表`, an entry named by its first word (`成人の日の項`, a table
//! row `部教授の項`, a row in a row group `警防部の部救急課の項`) and a column (`金額の欄`, `下欄`, `第二欄`).

use super::Sentence;
use crate::amend::types::{Special, Step, Target};

impl Sentence {
    /// `成人の日の項` after a provision: an entry named by its first word.
    pub(super) fn named(&mut self, t: &mut Target) {
        if !t.steps.is_empty() && self.c.at("の表") && !self.c.at("の表示") {
            // 第四条の表中…, 第七条の表警防部の項中…
            self.c.pos += 2;
            t.steps.push(Step::Table);
        }
        // 別表第一の部教授の項: the の after an appendix's number.
        let save = self.c.pos;
        if t.special.is_some() && self.c.at("の") && self.c.rest().contains("の項") {
            self.c.pos += 1;
        }
        let n = t.steps.len();
        self.named_entry(t);
        if t.steps.len() == n {
            self.c.pos = save;
        }
        self.column(t);
    }

    fn named_entry(&mut self, t: &mut Target) {
        let rest = self.c.rest();
        if (t.steps.is_empty() && t.special.is_none())
            || rest.starts_with('中')
            || rest.starts_with('を')
            || rest.starts_with('、')
        {
            return;
        }
        if let Some(i) = rest.find("の項") {
            let name = &rest[..i];
            if !name.is_empty() && name.chars().count() <= 30 && !name.contains(['「', '」', '、', '。', '中']) {
                self.c.pos += name.chars().count() + 2;
                t.steps.push(Step::Named(name.to_string()));
            }
        }
    }

    /// `金額の欄`, `下欄`, `の上欄`, `第二欄` after a table row: the column named by its header or position.
    fn column(&mut self, t: &mut Target) {
        let in_table = t.steps.iter().any(|s| matches!(s, Step::Named(_) | Step::Table));
        if !in_table && !matches!(t.special, Some(Special::Appendix(_) | Special::Annex { .. })) {
            return;
        }
        let save = self.c.pos;
        self.c.eat("の");
        let rest = self.c.rest();
        for pos in ["上", "中", "下", "左", "右"] {
            if rest.starts_with(&format!("{pos}欄")) {
                self.c.pos += 2;
                t.steps.push(Step::Column(pos.to_string()));
                return;
            }
        }
        if let Some(name) = rest.strip_prefix('第').and_then(|r| r.split_once('欄')).map(|(n, _)| n) {
            if !name.is_empty() && name.chars().all(crate::model::num::is_kanji_numeral) {
                self.c.pos += name.chars().count() + 2;
                t.steps.push(Step::Column(format!("第{name}")));
                return;
            }
        }
        self.c.pos = save;
        // 第四条の表の事務の欄: the の after 表 is no part of the header.
        if t.steps.last() == Some(&Step::Table) && self.c.at("の") && !self.c.at("の欄") {
            self.c.pos += 1;
        }
        let rest = self.c.rest();
        if let Some((name, after)) = rest.split_once("の欄") {
            let plain = !name.contains(['「', '」', '、', '。', '中', 'を']) && !name.contains("の項");
            let plain = plain && after.starts_with(['中', 'を', 'に', '及', '、']);
            if !name.is_empty() && name.chars().count() <= 20 && plain {
                self.c.pos += name.chars().count() + 2;
                t.steps.push(Step::Column(name.to_string()));
                return;
            }
        }
        self.c.pos = save;
    }
}

#[cfg(test)]
mod tests {
    use crate::amend::types::{Op, Special, Step};
    use crate::model::{Kind, Num};

    fn unit(kind: Kind, n: u32) -> Step {
        Step::Unit { kind, num: Num::simple(n), level: 0 }
    }

    #[test]
    fn a_go_after_a_row_is_in_the_row_and_a_later_one_is_the_articles() {
        let a = crate::amend::grammar::parse(
            "第七条の表警防部の部救急課の項中第十一号を第十二号とし、同条中第二号を第三号とする。\n",
            "t",
        )
        .unwrap();
        let v: Vec<_> = a.instructions().collect();
        let row = [unit(Kind::Article, 7), Step::Table, Step::Named("警防部の部救急課".into())];
        assert_eq!(v[0].target.steps, [&row[..], &[unit(Kind::Item, 11)]].concat());
        assert!(matches!(&v[0].op, Op::Renumber(to) if to.last() == Some(&unit(Kind::Item, 12))));
        assert_eq!(v[1].target.steps, [unit(Kind::Article, 7), unit(Kind::Item, 2)]);
    }

    #[test]
    fn columns_by_header_and_position_and_the_same_table() {
        let a = crate::amend::grammar::parse(
            "別表第一の部教授の項金額の欄中「千円」を「二千円」に改め、第四条の表の下欄中「甲」を削り、\
             同表乙の項第二欄中「丙」を「丁」に改める。\n",
            "t",
        )
        .unwrap();
        let v: Vec<_> = a.instructions().collect();
        assert_eq!(v[0].target.special, Some(Special::Appendix(Some(Num::simple(1)))));
        assert_eq!(v[0].target.steps, [Step::Named("部教授".into()), Step::Column("金額".into())]);
        assert_eq!(v[1].target.steps, [unit(Kind::Article, 4), Step::Table, Step::Column("下".into())]);
        let row = [unit(Kind::Article, 4), Step::Table, Step::Named("乙".into()), Step::Column("第二".into())];
        assert_eq!(v[2].target.steps, row);
    }

    #[test]
    fn the_same_table_after_an_appendix_is_that_appendix() {
        let a = crate::amend::grammar::parse(
            "別表第一中「甲」を「乙」に改め、同表の下欄中「丙」を「丁」に改め、同表教授の項中「戊」を削る。\n",
            "t",
        )
        .unwrap();
        let v: Vec<_> = a.instructions().collect();
        let one = Some(Special::Appendix(Some(Num::simple(1))));
        assert_eq!(v.iter().map(|i| i.target.special.clone()).collect::<Vec<_>>(), [one.clone(), one.clone(), one]);
        assert_eq!(v[1].target.steps, [Step::Column("下".into())]);
        assert_eq!(v[2].target.steps, [Step::Named("教授".into())]);
        // After a provision, 同表 is not the 別表 named before it.
        assert!(crate::amend::grammar::parse(
            "別表第一中「甲」を「乙」に改め、第二条中「丙」を「丁」に改め、同表中「戊」を削る。\n",
            "t"
        )
        .map(|a| a.instructions().all(|i| i.target.special.is_none() || i.target.steps.is_empty()))
        .unwrap_or(true));
    }
}
