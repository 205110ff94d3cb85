//! Low-level reading of 改め文 sentences: a character cursor, numerals, provision references (第三条第二項,
//! 同条, ロ) and quoted strings whose closing 」 is found by looking ahead for what may follow it.
//!
//! ```
//! use kitei::amend::grammar::quote::Cursor;
//! let mut c = Cursor::new("「国民の「祝日」」を「休日」に改める。");
//! assert_eq!(c.quote(&["を「"]).as_deref(), Some("国民の「祝日」"));
//! assert!(c.eat("を"));
//! ```

use crate::model::num::{digit_value, iroha_index, is_kanji_numeral, parse_number};
use crate::model::{Kind, Num};

use crate::amend::style::unit_kind;
use crate::amend::types::Step;

/// A cursor over the characters of one sentence.
#[derive(Debug, Clone)]
pub struct Cursor {
    chars: Vec<char>,
    /// Index of the next character.
    pub pos: usize,
}

impl Cursor {
    /// A cursor at the start of `s`.
    pub fn new(s: &str) -> Cursor {
        Cursor { chars: s.chars().collect(), pos: 0 }
    }

    /// True at the end.
    pub fn done(&self) -> bool {
        self.pos >= self.chars.len()
    }

    /// The next character.
    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// True if the rest starts with `s`.
    pub fn at(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(k, c)| self.chars.get(self.pos + k) == Some(&c))
    }

    /// Consumes `s` if the rest starts with it.
    pub fn eat(&mut self, s: &str) -> bool {
        if self.at(s) {
            self.pos += s.chars().count();
            true
        } else {
            false
        }
    }

    /// Consumes the first of `options` that matches and returns it.
    pub fn eat_any<'a>(&mut self, options: &[&'a str]) -> Option<&'a str> {
        options.iter().copied().find(|o| self.eat(o))
    }

    /// The text between two positions.
    pub fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.chars.len())..to.min(self.chars.len())].iter().collect()
    }

    /// The rest of the sentence.
    pub fn rest(&self) -> String {
        self.slice(self.pos, self.chars.len())
    }

    /// Reads a numeral (kanji, Arabic or full-width digits).
    pub fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if is_kanji_numeral(c) || digit_value(c).is_some() {
                self.pos += 1;
            } else {
                break;
            }
        }
        let n = parse_number(&self.slice(start, self.pos));
        if n.is_none() {
            self.pos = start;
        }
        n
    }

    /// Reads `N(のM)*` after 第 and the unit character: returns the number.
    fn branch_num(&mut self, first: u32) -> Num {
        let mut v = vec![first];
        loop {
            let save = self.pos;
            if self.eat("の") {
                if let Some(n) = self.number() {
                    v.push(n);
                    continue;
                }
            }
            self.pos = save;
            break;
        }
        Num(v)
    }

    /// Reads one reference piece: `第三条の二`, `第2項`, `同条`, `ロ` (after a 号). Returns the step and
    /// whether it was a 同 back-reference.
    pub fn piece(&mut self, after_item: bool) -> Option<(Step, bool)> {
        let save = self.pos;
        if self.eat("第") {
            if let Some(n) = self.number() {
                if let Some(kind) = self.peek().and_then(unit_kind) {
                    self.pos += 1;
                    let num = self.branch_num(n);
                    return Some((Step::Unit { kind, num, level: 0 }, false));
                }
            }
            self.pos = save;
            return None;
        }
        if self.eat("同") {
            if let Some(kind) = self.peek().and_then(unit_kind) {
                self.pos += 1;
                return Some((Step::Unit { kind, num: Num(vec![]), level: 0 }, true));
            }
            self.pos = save;
            return None;
        }
        if after_item {
            if let Some(i) = self.peek().and_then(iroha_index) {
                // ロ etc. directly after a 号: a subitem, unless it starts a word.
                let next = self.chars.get(self.pos + 1).copied();
                if matches!(next, Some('中' | 'を' | 'の' | 'に' | '、' | '及' | 'ま' | 'か' | 'と') | None) {
                    self.pos += 1;
                    return Some((Step::Unit { kind: Kind::Subitem, num: Num::simple(i), level: 1 }, false));
                }
            }
        }
        None
    }

    /// Reads a quoted string 「…」 whose closing bracket is the first 」 followed by one of `followers`.
    /// Brackets inside are copied as they are. Leaves the cursor after the closing 」.
    pub fn quote(&mut self, followers: &[&str]) -> Option<String> {
        let open = self.peek()?;
        let close = match open {
            '「' => '」',
            '『' => '』',
            _ => return None,
        };
        let start = self.pos + 1;
        let mut i = start;
        while i < self.chars.len() {
            if self.chars[i] == close {
                let probe = Cursor { chars: self.chars.clone(), pos: i + 1 };
                if followers.iter().any(|f| probe.at(f)) {
                    let s = self.slice(start, i);
                    self.pos = i + 1;
                    return Some(s);
                }
            }
            i += 1;
        }
        None
    }
}

/// Depth of a kind in a target path (groups < article < paragraph < item < subitem).
pub fn depth(kind: Kind) -> u8 {
    match kind {
        Kind::Part => 0,
        Kind::Chapter => 1,
        Kind::Section => 2,
        Kind::Subsection => 3,
        Kind::Division => 4,
        Kind::Article => 5,
        Kind::Paragraph => 6,
        Kind::Item => 7,
        _ => 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_with_nested_brackets() {
        let mut c =
            Cursor::new("「前条第一項の許可を受けて旅館業を営む者（以下「営業者」という。）」を「営業者」に改め");
        assert_eq!(
            c.quote(&["を「", "を削", "の下に「"]).unwrap(),
            "前条第一項の許可を受けて旅館業を営む者（以下「営業者」という。）"
        );
        assert!(c.eat("を"));
        assert_eq!(c.quote(&["に、", "に改め"]).unwrap(), "営業者");
    }

    #[test]
    fn pieces() {
        let mut c = Cursor::new("第三条の二第２項同号ロ中");
        assert!(Cursor::new("ロとする").piece(true).is_some(), "ロ before とする (a renumbering) is a subitem");
        assert_eq!(c.piece(false).unwrap().0, Step::Unit { kind: Kind::Article, num: Num(vec![3, 2]), level: 0 });
        assert_eq!(c.piece(false).unwrap().0, Step::Unit { kind: Kind::Paragraph, num: Num::simple(2), level: 0 });
        assert!(c.piece(false).unwrap().1);
        assert_eq!(c.piece(true).unwrap().0, Step::Unit { kind: Kind::Subitem, num: Num::simple(2), level: 1 });
        assert!(c.at("中"));
    }
}
