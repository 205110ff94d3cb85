//! The data of the site's index page beyond each regulation's summary: the categories named in
//! `regulation.toml` (`category = "人事"`), and a key that sorts regulation numbers as a reader expects
//! (by era, year and number, not by the characters of 「昭和三十年法律第百八十六号」). The index filters and
//! sorts in the browser (`templates/static/index.js`), from `data-` attributes, without fetching anything.
//!
//! ```
//! use kitei::render::index_page::number_key;
//! assert!(number_key("昭和三十年法律第百八十六号") < number_key("平成二年法律第五号"));
//! assert!(number_key("令和2年規程第9号") < number_key("令和2年規程第10号"));
//! ```

use super::pages::RegSummary;

/// The eras, oldest first: a number dated in a later era sorts after every one of an earlier era.
const ERAS: [&str; 5] = ["明治", "大正", "昭和", "平成", "令和"];

/// A sort key for a regulation number: the era's rank, then each run of digits (kanji, full-width or ASCII)
/// as a 10-digit number, the rest of the text kept as it is. Equal keys mean equal numbers.
pub fn number_key(number: &str) -> String {
    let mut out = String::new();
    let era = ERAS.iter().position(|e| number.starts_with(e)).map_or(9, |i| i + 1);
    out.push_str(&era.to_string());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.is_empty() {
            return;
        }
        // 元年 is the first year.
        let n = if run == "元" { Some(1) } else { crate::model::num::parse_number(run) };
        match n {
            Some(n) => out.push_str(&format!("{n:010}")),
            None => out.push_str(run),
        }
        run.clear();
    };
    for c in number.chars() {
        if is_numeral(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇一二三四五六七八九十百千元".contains(c)
}

/// The categories of the regulations, each once, in the order of their first use (the regulations are in
/// folder order); regulations without one are not counted.
pub fn categories(regs: &[RegSummary]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in regs {
        if !r.category.is_empty() && !out.contains(&r.category) {
            out.push(r.category.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sort_by_era_year_and_number() {
        let mut v =
            ["令和元年規程第3号", "平成10年規程第2号", "平成9年規程第12号", "規程第1号", "昭和六十年規程第一号"];
        v.sort_by_key(|n| number_key(n));
        assert_eq!(
            v,
            ["昭和六十年規程第一号", "平成9年規程第12号", "平成10年規程第2号", "令和元年規程第3号", "規程第1号"]
        );
    }

    #[test]
    fn full_width_and_kanji_numbers_are_the_same_number() {
        assert_eq!(number_key("平成１２年規則第３号"), number_key("平成十二年規則第三号"));
        assert_ne!(number_key("平成十二年規則第三号"), number_key("平成十二年規程第三号"));
    }
}
