//! Old (旧字体) and variant kanji: 續 → 続, 國 → 国, 條 → 条… (warning, one per occurrence, at the exact line
//! and column when the source is given). The source is never rewritten; the diff engine treats the two forms
//! as equal. Characters found mostly in proper names (澤, 邊, 齋, 濱) are left alone.
//!
//! ```
//! assert_eq!(kitei::lint::kanji::modern('續'), Some('続'));
//! assert_eq!(kitei::lint::kanji::modern('続'), None);
//! let text = "規程\n第1条　手續を定める。\n";
//! let doc = kitei::parse::parse_str(text).unwrap();
//! let d = kitei::lint::kanji::check(&doc, &kitei::lint::Locator::new(Some(text)));
//! assert_eq!((d[0].line, d[0].column), (2, 6));
//! ```

use super::Locator;
use crate::diagnostic::Diagnostic;
use crate::model::{walk, Document, Pos};

/// 旧字体 → 新字体 (common ones in legal text).
const TABLE: &[(char, char)] = &[
    ('亞', '亜'),
    ('惡', '悪'),
    ('壓', '圧'),
    ('圍', '囲'),
    ('醫', '医'),
    ('爲', '為'),
    ('隱', '隠'),
    ('榮', '栄'),
    ('營', '営'),
    ('衞', '衛'),
    ('驛', '駅'),
    ('圓', '円'),
    ('鹽', '塩'),
    ('應', '応'),
    ('歐', '欧'),
    ('假', '仮'),
    ('價', '価'),
    ('畫', '画'),
    ('會', '会'),
    ('壞', '壊'),
    ('擴', '拡'),
    ('覺', '覚'),
    ('學', '学'),
    ('樂', '楽'),
    ('勸', '勧'),
    ('歸', '帰'),
    ('氣', '気'),
    ('僞', '偽'),
    ('舊', '旧'),
    ('據', '拠'),
    ('擧', '挙'),
    ('區', '区'),
    ('經', '経'),
    ('繼', '継'),
    ('輕', '軽'),
    ('缺', '欠'),
    ('縣', '県'),
    ('權', '権'),
    ('檢', '検'),
    ('驗', '験'),
    ('險', '険'),
    ('顯', '顕'),
    ('廣', '広'),
    ('鑛', '鉱'),
    ('號', '号'),
    ('國', '国'),
    ('濟', '済'),
    ('劑', '剤'),
    ('雜', '雑'),
    ('參', '参'),
    ('殘', '残'),
    ('辭', '辞'),
    ('實', '実'),
    ('寫', '写'),
    ('釋', '釈'),
    ('收', '収'),
    ('從', '従'),
    ('處', '処'),
    ('將', '将'),
    ('稱', '称'),
    ('證', '証'),
    ('條', '条'),
    ('狀', '状'),
    ('讓', '譲'),
    ('眞', '真'),
    ('圖', '図'),
    ('數', '数'),
    ('聲', '声'),
    ('專', '専'),
    ('戰', '戦'),
    ('總', '総'),
    ('裝', '装'),
    ('藏', '蔵'),
    ('屬', '属'),
    ('續', '続'),
    ('對', '対'),
    ('體', '体'),
    ('帶', '帯'),
    ('擔', '担'),
    ('團', '団'),
    ('斷', '断'),
    ('廳', '庁'),
    ('聽', '聴'),
    ('遞', '逓'),
    ('鐵', '鉄'),
    ('轉', '転'),
    ('傳', '伝'),
    ('當', '当'),
    ('黨', '党'),
    ('獨', '独'),
    ('讀', '読'),
    ('廢', '廃'),
    ('發', '発'),
    ('賣', '売'),
    ('拂', '払'),
    ('變', '変'),
    ('辯', '弁'),
    ('辨', '弁'),
    ('寶', '宝'),
    ('豐', '豊'),
    ('滿', '満'),
    ('萬', '万'),
    ('藥', '薬'),
    ('譯', '訳'),
    ('豫', '予'),
    ('餘', '余'),
    ('與', '与'),
    ('樣', '様'),
    ('來', '来'),
    ('亂', '乱'),
    ('覽', '覧'),
    ('兩', '両'),
    ('勞', '労'),
    ('禮', '礼'),
    ('靈', '霊'),
    ('齡', '齢'),
    ('關', '関'),
    ('歷', '歴'),
    ('擇', '択'),
    ('澁', '渋'),
];

/// The modern form of an old or variant kanji, if `c` is one.
pub fn modern(c: char) -> Option<char> {
    // Every old form is a CJK ideograph; kana, punctuation and digits (most characters) skip the table.
    if c < '\u{3400}' {
        return None;
    }
    TABLE.iter().find(|(old, _)| *old == c).map(|(_, new)| *new)
}

/// Reports every old kanji in the title, captions and texts.
pub fn check(doc: &Document, loc: &Locator<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut scan = |text: &str, start: Pos, id: Option<&str>| {
        for (off, c) in text.char_indices() {
            let Some(new) = modern(c) else { continue };
            let at = loc.locate(start, text, off);
            let word = context(text, off);
            let mut d =
                Diagnostic::warning("variant-kanji", format!("「{c}」 (in 「{word}」) is an old form of 「{new}」"))
                    .at(at.line, at.column);
            if let Some(id) = id {
                d = d.with_id(id);
            }
            out.push(d);
        }
    };
    scan(&doc.title, doc.span.start, None);
    walk::walk(doc, &mut |n| {
        if let Some(h) = &n.heading {
            scan(h, n.span.start, Some(&n.id));
        }
        scan(&n.text, n.span.start, Some(&n.id));
    });
    out
}

/// The old character with up to two characters either side, for the message.
fn context(text: &str, off: usize) -> String {
    let before: Vec<char> = text[..off].chars().rev().take(2).collect();
    let after: String = text[off..].chars().take(3).collect();
    before.into_iter().rev().collect::<String>() + &after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_maps_old_to_new_only() {
        for (old, new) in TABLE {
            assert_ne!(old, new);
            assert_eq!(modern(*new), None, "{new} is modern");
        }
        assert!(TABLE.len() >= 60);
        for (o, n) in [('國', '国'), ('會', '会'), ('與', '与'), ('條', '条'), ('號', '号'), ('廳', '庁')] {
            assert_eq!(modern(o), Some(n));
        }
    }

    #[test]
    fn finds_old_kanji_in_captions_and_text() {
        let text = "規程\n（國の責務）\n第1条　手續は、\n  別に定める。\n";
        let doc = crate::parse::parse_str(text).unwrap();
        let d = check(&doc, &Locator::new(Some(text)));
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (2, 2));
        assert!(d[0].message.contains("「国」"));
        assert_eq!((d[1].line, d[1].column), (3, 6));
        assert_eq!(d[1].id.as_deref(), Some("art_1__para_1"));
    }
}
