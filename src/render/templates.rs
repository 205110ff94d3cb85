//! The site's templates and static assets: defaults embedded in the binary from `templates/`, each
//! overridable by a file of the same name in a directory given with `kitei build --templates DIR`.
//!
//! Template names: `base.html.tera`, `index.html.tera`, `regulation.html.tera`, `version.html.tera`,
//! `compare.html.tera`, `search.html.tera`, `macros.html.tera`; assets: `static/site.css`, `static/site.js`,
//! `static/search.js`, `static/index.js` (overridden by `DIR/static/site.css` etc.). The checklist page takes `checklist.html.tera`, the history page `history.html.tera`. The diff engine's printable 新旧対照表 takes
//! `shinkyu.html.tera` from the same directory.
//!
//! ```
//! let t = kitei::render::templates::Templates::load(None).unwrap();
//! assert!(t.asset("static/site.css").unwrap().contains("--"));
//! ```

use crate::error::{Error, Result};
use std::path::Path;

/// The embedded default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html.tera", include_str!("../../templates/base.html.tera")),
    ("macros.html.tera", include_str!("../../templates/macros.html.tera")),
    ("index.html.tera", include_str!("../../templates/index.html.tera")),
    ("version.html.tera", include_str!("../../templates/version.html.tera")),
    ("regulation.html.tera", include_str!("../../templates/regulation.html.tera")),
    ("compare.html.tera", include_str!("../../templates/compare.html.tera")),
    ("search.html.tera", include_str!("../../templates/search.html.tera")),
    ("checklist-page.html.tera", include_str!("../../templates/checklist-page.html.tera")),
    ("history.html.tera", include_str!("../../templates/history.html.tera")),
];

/// The embedded default static assets, by path in the site.
pub const DEFAULT_ASSETS: &[(&str, &str)] = &[
    ("static/site.css", include_str!("../../templates/static/site.css")),
    ("static/site.js", include_str!("../../templates/static/site.js")),
    ("static/search.js", include_str!("../../templates/static/search.js")),
    ("static/index.js", include_str!("../../templates/static/index.js")),
];

/// Loaded templates and assets.
pub struct Templates {
    /// The tera instance (autoescaping `.html.tera`).
    pub tera: tera::Tera,
    /// Static assets: (site path, content).
    pub assets: Vec<(String, String)>,
    /// The override directory (also passed to the diff engine for `shinkyu.html.tera`).
    pub dir: Option<std::path::PathBuf>,
    /// `checklist.html.tera` from the override directory, if there is one (else the checklist's default).
    pub checklist: Option<String>,
}

fn tera_error(name: &str, e: &tera::Error) -> Error {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    Error::Template { name: name.into(), message: msg }
}

impl Templates {
    /// The defaults, with files from `dir` (if given) taking precedence by name.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let read = |name: &str, default: &str| -> Result<String> {
            if let Some(d) = dir {
                let p = d.join(name);
                if p.is_file() {
                    return std::fs::read_to_string(&p).map_err(|e| Error::io(p, e));
                }
            }
            Ok(default.to_string())
        };
        let mut sources = Vec::new();
        for (name, default) in DEFAULT_TEMPLATES {
            sources.push((name.to_string(), read(name, default)?));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html.tera", ".html"]);
        tera.register_filter("lang", lang_filter);
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| tera_error("templates", &e))?;
        let mut assets = Vec::new();
        for (name, default) in DEFAULT_ASSETS {
            assets.push((name.to_string(), read(name, default)?));
        }
        let checklist = match dir.map(|d| d.join("checklist.html.tera")).filter(|p| p.is_file()) {
            Some(p) => Some(std::fs::read_to_string(&p).map_err(|e| Error::io(p, e))?),
            None => None,
        };
        Ok(Templates { tera, assets, dir: dir.map(Path::to_path_buf), checklist })
    }

    /// Renders a template with a serialisable context value (its fields become top-level variables).
    pub fn render(&self, name: &str, ctx: &impl serde::Serialize) -> Result<String> {
        let context = tera::Context::from_serialize(ctx).map_err(|e| tera_error(name, &e))?;
        self.tera.render(name, &context).map_err(|e| tera_error(name, &e))
    }

    /// A static asset's content.
    pub fn asset(&self, path: &str) -> Option<&str> {
        self.assets.iter().find(|(p, _)| p == path).map(|(_, c)| c.as_str())
    }
}

/// The language of a free text (a version's description, a glossary note): `en` when it has more ASCII
/// letters than Japanese characters (English citing a 第20条), `ja` otherwise. Templates write it as `lang="{{ text | lang }}"`, so that English text is
/// marked as English.
pub fn text_lang(text: &str) -> &'static str {
    let japanese = |c: char| {
        ('\u{3040}'..='\u{30ff}').contains(&c)
            || ('\u{3400}'..='\u{9fff}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    };
    let ja = text.chars().filter(|c| japanese(*c)).count();
    let en = text.chars().filter(char::is_ascii_alphabetic).count();
    if en > ja {
        "en"
    } else {
        "ja"
    }
}

fn lang_filter(v: &tera::Value, _: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    Ok(tera::Value::String(text_lang(v.as_str().unwrap_or_default()).into()))
}

#[cfg(test)]
mod lang_tests {
    use super::text_lang;

    #[test]
    fn free_text_is_marked_by_its_script() {
        assert_eq!(text_lang("Constructed: a hypothetical amendment (new 第20条)"), "en");
        assert_eq!(text_lang("第20条を新設 (new)"), "ja");
        assert_eq!(text_lang("The text as received (the seed); never edited."), "en");
        assert_eq!(text_lang("例示"), "ja");
    }
}
