//! Telling 附則 apart: a regulation amended many times has one 附則 per act, each headed by the act's date
//! and number (「附　則（令和三年三月三十一日規程第五号）」). Where the text gives none (「附　則」 alone), the
//! site shows the date the 附則 brings its act into force, read from its 施行 sentence, so that the table of
//! contents does not list the same 「附則」 several times.
//!
//! ```
//! use kitei::render::suppl::{effective_ja, effective_en};
//! assert_eq!(effective_ja("この規程は、平成26年4月1日から施行する。").as_deref(), Some("平成26年4月1日"));
//! assert_eq!(effective_ja("この規程は、総務大臣の認可のあった日から施行する。"), None);
//! assert_eq!(effective_en("These Regulations come into effect on April 1, 2014.").as_deref(), Some("April 1, 2014"));
//! ```

const ERAS: [&str; 5] = ["明治", "大正", "昭和", "平成", "令和"];

/// The date (元号 年 月 日, as written) of the first 「…から施行する」 sentence of a 附則's text.
pub fn effective_ja(text: &str) -> Option<String> {
    let end = text.find("から施行")?;
    let before = &text[..end];
    let start = ERAS.iter().filter_map(|e| before.rfind(e)).max()?;
    let date = &before[start..];
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "元〇一二三四五六七八九十".contains(c))
    };
    // 令和9年4月1日: era, then numbers each followed by 年, 月, 日 and nothing after.
    let rest = &date[ERAS.iter().find(|e| date.starts_with(*e))?.len()..];
    let (y, rest) = rest.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, rest) = rest.split_once('日')?;
    (digits(y) && digits(m) && digits(d) && rest.is_empty()).then(|| date.to_string())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The date ("April 1, 2014") of the first "come(s) into effect on …" of a 附則's English text.
pub fn effective_en(text: &str) -> Option<String> {
    let at = text.find("into effect on ")? + "into effect on ".len();
    let rest = &text[at..];
    let month = MONTHS.iter().find(|m| rest.starts_with(*m))?;
    let tail = &rest[month.len()..];
    let day: String = tail.trim_start().chars().take_while(char::is_ascii_digit).collect();
    let after = tail.trim_start()[day.len()..].strip_prefix(", ")?;
    let year: String = after.chars().take_while(char::is_ascii_digit).collect();
    (!day.is_empty() && year.len() == 4).then(|| format!("{month} {day}, {year}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_effective_date_is_read_only_when_it_is_a_date() {
        assert_eq!(effective_ja("この規程は、令和三年四月一日から施行する。").as_deref(), Some("令和三年四月一日"));
        assert_eq!(effective_ja("この規程は、令和元年５月１日から施行する。").as_deref(), Some("令和元年５月１日"));
        assert_eq!(effective_ja("この規程は、平成26年4月1日以後の日で理事長が定める日から施行する。"), None);
        assert_eq!(effective_ja("この規程は、公布の日から施行する。"), None);
        assert_eq!(effective_en("This comes into effect on the day of promulgation."), None);
        assert_eq!(effective_en("come into effect on January 1, 2016.").as_deref(), Some("January 1, 2016"));
    }
}
