//! The printable checklist page of a regulation (`<slug>/checklist.html`): the obligations of the current
//! version, extracted by [`crate::checklist::extract()`] and rendered by [`crate::checklist::render_html`]
//! (template `checklist.html.tera`, overridable with `kitei build --templates DIR`), bilingual where a
//! translation exists. A navigation line back to the regulation (hidden in print) is added after `<body>`.
//!
//! ```
//! let doc = kitei::parse::parse_str("規程\n第1条　機構は、委員会を置く。\n").unwrap();
//! let html = kitei::render::checklist_page::checklist_page(&doc, None, None, None).unwrap();
//! assert!(html.contains("id=\"art_1__para_1\""));
//! assert!(html.contains("href=\"index.html\""));
//! ```

use super::translation::Alignment;
use crate::checklist::{extract, extract::text_by_id, output::Lang, render_html, Options};
use crate::model::Document;
use std::collections::BTreeMap;

/// The file name of the checklist page inside a regulation's directory.
pub const CHECKLIST_FILE: &str = "checklist.html";

/// Renders the checklist page of `ja`. With a translation `en` (aligned to `ja` by `alignment`, or by equal IDs
/// when `None`), each entry also shows its English. `template` overrides the embedded `checklist.html.tera`.
pub fn checklist_page(
    ja: &Document,
    en: Option<&Document>,
    alignment: Option<&Alignment>,
    template: Option<&str>,
) -> crate::Result<String> {
    let mut list = extract(ja, &Options::default());
    if let Some(en) = en {
        let en_text = text_by_id(en);
        let english: BTreeMap<String, String> = match alignment {
            Some(a) => a
                .en_id
                .iter()
                .filter_map(|(ja_id, en_id)| en_text.get(en_id).map(|t| (ja_id.clone(), t.clone())))
                .collect(),
            None => en_text,
        };
        list.attach_english(&english);
    }
    let lang = if en.is_some() { Lang::Both } else { Lang::Ja };
    let html = render_html(&list, lang, None, template)?;
    let nav = "<nav class=\"no-print\" aria-label=\"サイト Site\"><a href=\"index.html\">← 規程本文 \
               <span lang=\"en\">Regulation</span></a> · <a href=\"../index.html\">規程集 <span lang=\"en\">All \
               regulations</span></a></nav>\n";
    Ok(match html.find("<body>") {
        Some(at) => {
            let at = at + "<body>".len();
            let at = if html[at..].starts_with('\n') { at + 1 } else { at };
            format!("{}{nav}{}", &html[..at], &html[at..])
        }
        None => html,
    })
}
