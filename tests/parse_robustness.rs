//! Property tests: the parser never panics, whatever it is given, and what it accepts round-trips: its
//! canonical text reads back as the same tree.

mod common;

use proptest::prelude::*;

/// Lines that look like parts of a regulation, mixed with noise.
/// `PROPTEST_CASES` when set, else `default`: a `cases` written in the config would override the variable.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..40).prop_map(|n| format!("第{}条　本文である。", kitei::model::num::to_kanji(n))),
        (1u32..40).prop_map(|n| format!("第{n}条 規定する。")),
        (1u32..9).prop_map(|n| format!("第{n}章　総則")),
        (2u32..9).prop_map(|n| format!("{n}　次項である。")),
        (1u32..9).prop_map(|n| format!("  {}　号の文", kitei::model::num::to_kanji(n))),
        (1u32..9).prop_map(|n| format!("- ({n}) 号")),
        // A 目次 entry with its range, as e-Gov 2013 indents them (a 目次 without the word), and text opening
        // like a label that is none (issue 15's fuzz findings).
        (1u32..4).prop_map(|n| format!("\u{3000}第{}編\u{3000}総則（第一条―第三条）", kitei::model::num::to_kanji(n))),
        prop::sample::select(vec![
            "第17条出なければならない。",
            "第\u{3000}その他。",
            ". 届け出る。",
            "1. 本文である。"
        ])
        .prop_map(String::from),
        prop::sample::select(vec!["イ　細目", "ロ　細目", "ア　細目", "（１）　細々目", "(i) 細", "①　丸数字"])
            .prop_map(String::from),
        prop::sample::select(vec![
            "（目的）",
            "(定義)",
            "目次",
            "附　則",
            "附則（令和五年三月三十一日規程第十二号）",
            "別表第一（第三条関係）",
            "削除",
            ""
        ])
        .prop_map(String::from),
        "[\\PC]{0,30}",
        "[第条項号章節（）()0-9一二三〇 　、。-]{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(300),
        // A fixed seed keeps CI reproducible; `PROPTEST_CASES` raises the count locally to search further.
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x006b_6974_6569),
        ..ProptestConfig::default()
    })]

    #[test]
    fn parsing_never_panics_and_accepted_input_round_trips(lines in prop::collection::vec(line(), 0..30)) {
        let text = lines.join("\n");
        if let Ok(doc) = kitei::parse::parse_str(&text) {
            // IDs are unique.
            let mut ids = std::collections::HashSet::new();
            kitei::model::walk::walk(&doc, &mut |n| { assert!(ids.insert(n.id.clone()), "duplicate id {}", n.id); });
            // Canonical text reads back as the same tree (the conformance runner's check).
            let out = kitei::export::text::to_text(&doc);
            let again = kitei::conformance::canonical_round_trip(&doc);
            prop_assert!(again.is_ok(), "{:?}\nsource:\n{text}\ncanonical:\n{out}", again);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(src) = kitei::input::from_bytes("fuzz", &bytes, None) {
            let _ = kitei::parse::parse_source(&src);
        }
    }
}

/// One Markdown block as regulations are written in it (headings with trailing spaces or `#`s, list items
/// with every marker, comments on one line or many, HTML and pipe tables, full-width spaces), and some
/// noise: (the nesting depth asked for, whether it is a list item, its lines). Blocks after a list item
/// may nest inside it; [`assemble`] indents them.
fn md_block() -> impl Strategy<Value = (usize, bool, String)> {
    let trail = prop::sample::select(vec!["", " ", "\u{3000}", " #", " ##  ", "\t"]);
    let text = prop::sample::select(vec![
        "本文である。",
        "次のとおりとする。",
        "第3条の規定により届け出る。",
        "文の途中で",
        "区分　正社員",
        "日曜日",
        "\u{3000}全角で始まる。",
        // Text opening like a label or marker that is none (issue 15's fuzz findings).
        "第17条出なければならない。",
        "\u{3000}1. 全角の後の番号",
    ]);
    let top = |s: BoxedStrategy<String>| s.prop_map(|s| (0, false, s));
    let nested = |s: BoxedStrategy<String>, item: bool| (0usize..3, s).prop_map(move |(d, s)| (d, item, s));
    prop_oneof![
        top((1usize..4, trail.clone()).prop_map(|(n, t)| format!("{} 規程{t}", "#".repeat(n))).boxed()),
        top((1u32..9, trail.clone()).prop_map(|(n, t)| format!("## 第{n}章　総則{t}")).boxed()),
        top((1u32..20, trail, prop::sample::select(vec!["　目的", " 定義", "", "　（目的）", "　始業を定める。", "　休業(iv) of und) the"]))
            .prop_map(|(n, t, c)| format!("### 第{n}条{c}{t}"))
            .boxed()),
        top(prop::sample::select(vec!["## 附則", "## 附　則 ##", "### 附則（令和5年4月1日）"]).prop_map(String::from).boxed()),
        nested(
            (1u32..12, prop::sample::select(vec![".", ")"]), text.clone())
                .prop_map(|(n, d, t)| format!("{n}{d} {t}"))
                .boxed(),
            true
        ),
        nested(
            (prop::sample::select(vec!["-", "*", "+"]), text.clone()).prop_map(|(b, t)| format!("{b} {t}")).boxed(),
            true
        ),
        nested(
            prop::sample::select(vec![
                "<!-- 起草メモ -->",
                "<!--\n第5章　旧規定\n### 第30条　削除予定\n1. 第9条による。\n-->",
                "<!-- 注記：\n2. 番号付きに見える行\n-->",
                "<!---->",
            ])
            .prop_map(String::from)
            .boxed(),
            false
        ),
        nested(
            prop::sample::select(vec![
                "<table>\n<tr><th>区分</th><th>日数</th></tr>\n<tr><td rowspan=\"2\">正社員</td><td>二十日</td></tr>\n<tr><td>十日</td></tr>\n</table>",
                "<table><tr><td>甲</td><td colspan=\"2\">乙</td></tr></table>",
                "<table><caption>表題</caption><tr><td>丙</td></tr></table>",
            ])
            .prop_map(String::from)
            .boxed(),
            false
        ),
        nested(
            prop::sample::select(vec!["| 区分 | 日数 |\n|---|---|\n| 正社員 | 二十日 |", "| 甲 |\n| :- |"])
                .prop_map(String::from)
                .boxed(),
            false
        ),
        top(text.prop_map(String::from).boxed()),
        top(prop::sample::select(vec!["", "　", "<!-- 閉じ忘れ"]).prop_map(String::from).boxed()),
        top("[\\PC]{0,12}".boxed()),
    ]
}

/// Joins blocks into a document after a title and a first article: a block nests (4 spaces a level) at most one level below the list item
/// before it, and every line of a nested block is indented.
fn assemble(blocks: &[(usize, bool, String)], seps: &[&str]) -> String {
    // A regulation: a title and a first article, then whatever the blocks make.
    let mut out = String::from("# 規程\n\n### 第1条　目的\n\n");
    let mut item_depth: Option<usize> = None;
    for ((want, item, body), sep) in blocks.iter().zip(seps) {
        let depth = match item_depth {
            Some(d) => (*want).min(d + 1),
            None => 0,
        };
        let indent = "    ".repeat(depth);
        let lines: Vec<String> = body.split('\n').map(|l| format!("{indent}{l}")).collect();
        out.push_str(&lines.join("\n"));
        out.push_str(sep);
        if body.starts_with("<table") && !sep.ends_with("\n\n") {
            // An HTML block ends at a blank line: without one, the next line would be part of it.
            out.push('\n');
        }
        item_depth = if *item {
            Some(depth)
        } else if depth > 0 {
            Some(depth - 1)
        } else {
            None
        };
    }
    out
}

/// Parses as Markdown (the format a `.md` file is read in).
fn parse_markdown(text: &str) -> kitei::Result<kitei::parse::Parsed> {
    let src = kitei::input::Source {
        name: "fuzz.md".into(),
        text: text.to_string(),
        format: kitei::input::InputFormat::Markdown,
    };
    kitei::parse::parse_source(&src)
}

proptest! {
    #![proptest_config(ProptestConfig {
        // `PROPTEST_CASES` raises it locally (20,000 were run before this was asserted).
        cases: cases(400),
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x006d_6172_6b64),
        ..ProptestConfig::default()
    })]

    /// Markdown never panics; what it accepts keeps every kanji and kana in order (comments where they
    /// stood), and its canonical text reads back as the same tree.
    #[test]
    fn markdown_never_panics_keeps_every_word_and_round_trips(
        blocks in prop::collection::vec(md_block(), 0..24),
        seps in prop::collection::vec(prop::sample::select(vec!["\n", "\n\n", "\r\n", "\r\n\r\n"]), 24),
    ) {
        let raw = assemble(&blocks, &seps);
        // As `kitei parse` reads it: CRLF becomes LF on input.
        let Ok(text) = kitei::input::decode("fuzz.md", raw.as_bytes()) else { return Ok(()) };
        let Ok(parsed) = parse_markdown(&text) else { return Ok(()) };
        let doc = parsed.document;
        let (want, got) = (common::jp(&text), common::model_sequence(&doc, &text));
        prop_assert_eq!(&want, &got, "kanji/kana lost or moved in:\n{}", text);
        // Its canonical text reads back as the same tree (the conformance runner's and the fuzzer's check).
        let again = kitei::conformance::canonical_round_trip(&doc);
        prop_assert!(again.is_ok(), "{}\nsource:\n{}\ncanonical:\n{}", again.unwrap_err(), text, kitei::export::text::to_text(&doc));
    }
}

/// Runs `f` in a thread with the 2 MiB stack `cargo test` gives a test (and less than a program's main
/// thread has): a recursion as deep as the input overflows it and aborts the test binary.
fn on_a_2_mib_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).unwrap().join().unwrap();
}

/// Lists nested 10,000 levels deep, in every way Markdown nests them on one line (bullets, ordered items,
/// block quotes, mixed), do not overflow the stack: the parser refuses them with a location (the model
/// holds `MAX_LIST_DEPTH` levels) or reads them, and what it reads goes through the text writer and lint.
#[test]
fn lists_nested_10000_levels_do_not_overflow_the_stack() {
    on_a_2_mib_stack(|| {
        for marker in ["- ", "1. ", "> ", "- 1. > "] {
            let levels = 10_000 / marker.split(' ').filter(|m| !m.is_empty()).count();
            let text = format!("# 規程\n\n### 第1条\n\n{}甲とする。\n", marker.repeat(levels));
            match parse_markdown(&text) {
                Err(kitei::Error::Syntax { at, .. }) => assert_eq!(at.line, 5, "{marker:?}: located on its line"),
                Err(e) => panic!("{marker:?}: an error other than a located refusal: {e}"),
                Ok(parsed) => {
                    let doc = parsed.document;
                    assert!(common::jp(&kitei::export::text::to_text(&doc)).contains("甲とする"), "{marker:?}");
                    let _ = kitei::lint::lint_source(&doc, &text);
                }
            }
        }
        // Nested by indentation, the other way (two spaces a level): depths 0 to MAX_LIST_DEPTH are read, the
        // next is refused on its line.
        let max = kitei::parse::builder::MAX_LIST_DEPTH as usize;
        let nested = |items: usize| {
            let mut text = String::from("# 規程\n\n### 第1条\n\n");
            for k in 0..items {
                text.push_str(&format!("{}- 甲{k}\n", "  ".repeat(k)));
            }
            parse_markdown(&text)
        };
        assert!(nested(max + 1).is_ok(), "as deep as the model holds");
        match nested(max + 2) {
            Err(kitei::Error::Syntax { at, .. }) => assert_eq!(at.line as usize, 5 + max + 1),
            other => panic!("one level past the bound: {:?}", other.map(|p| p.document.title)),
        }
    });
}

/// A 1 MB single line (a whole regulation pasted as one line, a provision of 1 MB, a line of references)
/// parses, is written back and linted without overflowing the stack, and keeps every word.
#[test]
fn a_1_mb_single_line_does_not_overflow_the_stack() {
    on_a_2_mib_stack(|| {
        let mb = 1 << 20;
        let repeat = |unit: &str| unit.repeat(mb / unit.len() + 1);
        let lines = [
            format!("規程\n第一条　{}", repeat("甲は、乙とする。")),
            format!("規程\n第一条　{}", repeat("第1条第1項、")),
            format!("規程\n{}", repeat("第一条　甲とする。２　乙とする。")),
            format!("# 規程\n\n{}", repeat("- 甲とする。")),
        ];
        for text in lines {
            assert!(text.len() > mb);
            let doc = kitei::parse::parse_str(&text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(common::jp(&text), common::model_sequence(&doc, &text), "every word kept");
            assert!(kitei::conformance::canonical_round_trip(&doc).is_ok());
            let _ = kitei::lint::lint_source(&doc, &text);
        }
    });
}
