//! Reading 別表 and 別記様式 citations in 改め文 (`別表第二`, `別記様式第一から別記様式第四まで`) and the name and
//! number an appendix label carries (`別記様式第１（第１条関係）` → 別記様式, 1).
//!
//! ```
//! use kitei::amend::grammar::appendix::key;
//! assert_eq!(key("別記様式第１"), ("別記様式".to_string(), Some(kitei::Num::simple(1))));
//! ```

use crate::amend::types::Step;
use crate::model::{Kind, Num};

use super::quote::Cursor;

/// The words that start an appendix target, longest first.
pub(super) const NAMES: &[&str] = &["別記様式", "別表", "様式", "別記", "別紙"];

/// After an appendix name: its number (`第二`, `第二の二`), if any, and the end of a range
/// (`から別記様式第四まで`), if one follows.
pub(super) fn read_num(c: &mut Cursor, name: &str) -> (Option<Num>, Option<Vec<Step>>) {
    fn num(c: &mut Cursor) -> Option<Num> {
        let save = c.pos;
        let Some(first) = c.eat("第").then(|| c.number()).flatten() else {
            c.pos = save;
            return None;
        };
        let mut n = Num(vec![first]);
        loop {
            let at = c.pos;
            match c.eat("の").then(|| c.number()).flatten() {
                Some(b) => n.0.push(b),
                None => {
                    c.pos = at;
                    return Some(n);
                }
            }
        }
    }
    let start = num(c);
    let save = c.pos;
    if start.is_some() && c.eat("から") && c.eat(name) {
        if let Some(end) = num(c) {
            if c.eat("まで") {
                return (start, Some(vec![Step::Unit { kind: Kind::Appendix, num: end, level: 0 }]));
            }
        }
    }
    c.pos = save;
    (start, None)
}

/// The name and number of an appendix label: `別記様式第１` → (`別記様式`, 1); `別表第二の二` → (`別表`, 2-2);
/// `別表` → (`別表`, none). Spaces are ignored.
pub fn key(label: &str) -> (String, Option<Num>) {
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(i) = label.find('第') else { return (label, None) };
    let rest = &label[i + '第'.len_utf8()..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| {
            !(c == 'の' || crate::model::num::is_kanji_numeral(c) || crate::model::num::digit_value(c).is_some())
        })
        .map(|(k, _)| k)
        .unwrap_or(rest.len());
    let digits = rest[..end].trim_end_matches('の');
    match Num::parse_japanese(digits) {
        Some(n) => (label[..i].to_string(), Some(n)),
        None => (label, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::amend::grammar::parse;
    use crate::amend::types::{Op, Special};

    #[test]
    fn keys() {
        assert_eq!(key("別表第二の二"), ("別表".into(), Some(Num(vec![2, 2]))));
        assert_eq!(key("別　表"), ("別表".into(), None));
        assert_eq!(key("様式第３号"), ("様式".into(), Some(Num::simple(3))));
    }

    #[test]
    fn targets_parse_as_appendices() {
        let a = parse("別記様式第一を次のように改める。\n別記様式第１（第１条関係）\n甲\n別表第二の二中「甲」を「乙」に改める。\n別表第三を削る。\n別表第一の次に次の一表を加える。\n別表第一の二\n丙\n", "t").unwrap();
        let v: Vec<_> = a.instructions().collect();
        assert_eq!(v.len(), 4);
        assert_eq!(v[0].target.special, Some(Special::Annex { name: "別記様式".into(), num: Some(Num::simple(1)) }));
        assert!(matches!(&v[0].op, Op::Rewrite(b) if b.text == "別記様式第１（第１条関係）\n甲"));
        assert_eq!(v[1].target.special, Some(Special::Appendix(Some(Num(vec![2, 2])))));
        assert!(matches!(v[2].op, Op::Delete));
        assert!(matches!(&v[3].op, Op::InsertAfter(b) if b.unit == Some((Kind::Appendix, 1))));
    }
}
