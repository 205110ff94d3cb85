//! Choosing a command's output format from its format option and the extension of `-o`, the same way in
//! every command: the extension decides when no format is given (`-o x.csv` writes CSV), an extension that
//! contradicts the format given is an error, and an extension naming a kind of file the command cannot write
//! is an error. An extension kitei does not know (`.out`, none) leaves the command's default, silently: it
//! says nothing about the content.

use anyhow::bail;
use std::path::{Path, PathBuf};

/// The kind of file an extension names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Json,
    Text,
    Markdown,
    Html,
    Csv,
    Xml,
    Toml,
    Docx,
}

impl Kind {
    /// The kind `path`'s extension names, if kitei knows it.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Kind::Json,
            "txt" | "text" => Kind::Text,
            "md" | "markdown" => Kind::Markdown,
            "html" | "htm" => Kind::Html,
            "csv" => Kind::Csv,
            "xml" => Kind::Xml,
            "toml" => Kind::Toml,
            "docx" => Kind::Docx,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Json => "JSON",
            Kind::Text => "text",
            Kind::Markdown => "Markdown",
            Kind::Html => "HTML",
            Kind::Csv => "CSV",
            Kind::Xml => "XML",
            Kind::Toml => "TOML",
            Kind::Docx => "Word (.docx)",
        }
    }
}

/// The output format: `explicit` (the value of `flag`) when given, checked against `-o`'s extension; else
/// the first of `formats` whose kind the extension names; else `default`. `formats` lists the command's
/// format names with the kind of file each writes.
pub fn choose(
    flag: &str,
    explicit: Option<&str>,
    out: Option<&PathBuf>,
    formats: &[(&'static str, Kind)],
    default: &'static str,
) -> anyhow::Result<&'static str> {
    let ext_kind = out.filter(|p| p.as_os_str() != "-").and_then(|p| Kind::of_path(p).map(|k| (p, k)));
    if let Some(name) = explicit {
        let Some(&(chosen, kind)) = formats.iter().find(|(n, _)| *n == name) else {
            bail!("unknown format {name:?} for {flag}");
        };
        if let Some((p, k)) = ext_kind {
            if k != kind {
                bail!(
                    "{flag} {name} writes {}, but -o {} asks for {}; make them agree",
                    kind.name(),
                    p.display(),
                    k.name()
                );
            }
        }
        return Ok(chosen);
    }
    match ext_kind {
        None => Ok(default),
        Some((p, k)) => match formats.iter().find(|(_, kind)| *kind == k) {
            Some(&(chosen, _)) => Ok(chosen),
            None => {
                let mut can: Vec<&str> = Vec::new();
                for (_, kind) in formats {
                    if !can.contains(&kind.name()) {
                        can.push(kind.name());
                    }
                }
                bail!("-o {} asks for {}, but this command writes {}", p.display(), k.name(), can.join(" or "))
            }
        },
    }
}

/// For a command with one output kind: an error when `-o`'s extension names another kind.
pub fn check_single(out: Option<&PathBuf>, kind: Kind) -> anyhow::Result<()> {
    choose("", None, out, &[("", kind)], "").map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKLIST: &[(&str, Kind)] = &[
        ("md", Kind::Markdown),
        ("csv", Kind::Csv),
        ("json", Kind::Json),
        ("html", Kind::Html),
        ("oscal", Kind::Json),
    ];

    fn pick(explicit: Option<&str>, out: &str) -> anyhow::Result<&'static str> {
        choose("--format", explicit, Some(&PathBuf::from(out)), CHECKLIST, "md")
    }

    #[test]
    fn the_extension_decides_without_a_format() {
        assert_eq!(pick(None, "x.csv").unwrap(), "csv");
        assert_eq!(pick(None, "x.JSON").unwrap(), "json");
        assert_eq!(pick(None, "x.htm").unwrap(), "html");
        assert_eq!(pick(None, "x.out").unwrap(), "md", "an unknown extension keeps the default");
        assert_eq!(pick(None, "-").unwrap(), "md");
    }

    #[test]
    fn a_contradicting_extension_is_an_error() {
        let e = pick(Some("csv"), "x.json").unwrap_err().to_string();
        assert_eq!(e, "--format csv writes CSV, but -o x.json asks for JSON; make them agree");
        assert_eq!(pick(Some("oscal"), "x.json").unwrap(), "oscal", "OSCAL is JSON");
        assert_eq!(pick(Some("csv"), "x.dat").unwrap(), "csv");
    }

    #[test]
    fn an_extension_the_command_cannot_write_is_an_error() {
        let e = pick(None, "x.xml").unwrap_err().to_string();
        assert_eq!(e, "-o x.xml asks for XML, but this command writes Markdown or CSV or JSON or HTML");
        assert!(check_single(Some(&PathBuf::from("a.json")), Kind::Text).is_err());
        assert!(check_single(Some(&PathBuf::from("a.txt")), Kind::Text).is_ok());
        assert!(check_single(None, Kind::Text).is_ok());
    }
}
