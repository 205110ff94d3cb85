//! 改め文 (amendment sentences): read them, apply them to a regulation, and write them from two versions.
//!
//! * [`parse()`] turns the text of an amending act (title, enacting sentence, instructions such as
//!   「第五条中「最新」を「最新かつ正確」に改める。」, new provisions given as text, and its 附則) into an
//!   [`Amendment`]: a list of [`Instruction`]s.
//! * [`apply`](fn@apply) applies them to the old version and returns the new one, checking that every
//!   reference to a renumbered provision was amended too (ハネ).
//! * [`generate()`] writes the 一部改正 text that turns one version into another.
//!
//! The module is in three layers, and data flows one way: [`generate`](mod@generate) (two trees →
//! instructions → text) runs [`apply`](mod@apply) as its self-check and re-reads its own text with
//! [`grammar`]; [`apply`](mod@apply) (instructions × tree → tree) reads text with [`grammar`]; [`grammar`]
//! (text → instructions) depends only on the shared [`types`] and the numeral [`style`]. Nothing points back
//! up (checked by a unit test here). The drafting conventions generation follows are in
//! [`generate::conventions`].
//!
//! ```
//! let old = kitei::parse::parse_str("例規程\n第一条　情報を最新の状態に保つ。\n").unwrap();
//! let text = "例規程の一部を改正する規程\n例規程の一部を次のように改正する。\n第一条中「最新」を「最新かつ正確」に改める。\n";
//! let new = kitei::amend::apply(&old, text, "a.txt").unwrap();
//! assert_eq!(new.articles()[0].children[0].text, "情報を最新かつ正確の状態に保つ。");
//! ```

pub mod apply;
pub mod generate;
pub mod grammar;
pub mod style;
pub mod types;

pub use apply::{append_suppl, apply, apply_amendment, apply_units, Applied};
pub use generate::{generate, generate_checked, Generated, Options};
pub use grammar::parse;
pub use types::{Amendment, Body, Edit, Instruction, LawAmendment, ListedItem, Op, Part, Special, Step, Target};

#[cfg(test)]
mod layers {
    //! The layers' direction, read off the source: grammar and the shared modules name neither apply nor
    //! generate, and apply does not name generate.
    use std::path::{Path, PathBuf};

    /// Every `.rs` file under `path` (or `path` itself).
    fn files(path: &Path, out: &mut Vec<PathBuf>) {
        if path.is_dir() {
            for e in std::fs::read_dir(path).unwrap() {
                files(&e.unwrap().path(), out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
    }

    /// The code lines of the files under `src/amend/<rel>` (comments, doc tests included, left out) that use
    /// one of `names` as a path: `x::name`, `name::x`, or in a `use` line; or that import a glob of amend.
    fn offending(rel: &str, names: &[&str]) -> Vec<String> {
        let mut paths = Vec::new();
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/amend").join(rel), &mut paths);
        assert!(!paths.is_empty(), "no source under src/amend/{rel}");
        let mut out = Vec::new();
        for p in paths {
            for (i, line) in std::fs::read_to_string(&p).unwrap().lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                // The identifiers of the line, with where each starts.
                let mut words = Vec::new();
                let mut start = None;
                for (at, c) in code.char_indices().chain([(code.len(), ' ')]) {
                    match (c.is_alphanumeric() || c == '_', start) {
                        (true, None) => start = Some(at),
                        (false, Some(s)) => {
                            words.push((s, &code[s..at]));
                            start = None;
                        }
                        _ => {}
                    }
                }
                let is_use = code.starts_with("use ") || code.starts_with("pub use ");
                let hit = words.iter().any(|&(at, w)| {
                    names.contains(&w)
                        && (is_use || code[..at].ends_with("::") || code[at + w.len()..].starts_with("::"))
                }) || code.contains("amend::*");
                if hit {
                    out.push(format!("{}:{}: {line}", p.display(), i + 1));
                }
            }
        }
        out
    }

    const APPLY: &[&str] = &["apply", "apply_amendment", "apply_units", "append_suppl", "Applied"];
    const GENERATE: &[&str] = &["generate", "Options"];

    #[test]
    fn grammar_and_shared_types_use_neither_apply_nor_generate() {
        for rel in ["grammar", "types.rs", "style.rs"] {
            let names = [APPLY, GENERATE].concat();
            assert_eq!(offending(rel, &names), Vec::<String>::new());
        }
    }

    #[test]
    fn apply_does_not_use_generate() {
        assert_eq!(offending("apply", GENERATE), Vec::<String>::new());
    }

    #[test]
    fn the_check_sees_a_use() {
        // generate runs apply as its self-check: the matcher must find that.
        assert!(!offending("generate", APPLY).is_empty());
    }
}
