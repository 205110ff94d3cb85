//! `kitei amend` then `kitei apply` on the bundled versions gives NEW back in full, the amending act's own 附則
//! included (it stays behind in the amended text).

mod common;

use std::process::Command;

fn kitei(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kitei")).args(args).output().unwrap()
}

#[test]
fn amend_then_apply_gives_the_new_version_with_its_suppl_provision() {
    let dir = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei");
    let (old, new) = (dir.join("2016-01-01.md"), dir.join("2027-04-01.md"));
    let tmp = std::env::temp_dir().join(format!("kitei-amend-cli-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let act = tmp.join("act.txt");
    let o = kitei(&["amend", old.to_str().unwrap(), new.to_str().unwrap(), "-o", act.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = kitei(&["apply", old.to_str().unwrap(), act.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let applied = kitei::parse::parse_str(&String::from_utf8(o.stdout).unwrap()).unwrap();
    let expected = common::load(&new);
    assert_eq!(applied.suppl_provisions().count(), 4);
    assert_eq!(common::without_spans(&applied).children, common::without_spans(&expected).children);

    let o = kitei(&["apply", old.to_str().unwrap(), act.to_str().unwrap(), "--no-suppl"]);
    let without = kitei::parse::parse_str(&String::from_utf8(o.stdout).unwrap()).unwrap();
    assert_eq!(without.suppl_provisions().count(), 3);
    assert!(String::from_utf8_lossy(&o.stderr).contains("令和9年4月1日から施行する"));
}

/// A reference the act rewrote to another provision than the one meant is applied, with a warning on stderr
/// at the instruction's line; one it left pointing at the wrong provision (ハネ漏れ) is refused.
#[test]
fn apply_warns_of_a_doubtful_rewritten_reference_and_refuses_a_hane_more() {
    let tmp = std::env::temp_dir().join(format!("kitei-apply-hane-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let old = tmp.join("old.txt");
    std::fs::write(&old, "例規則\n第1条　甲は、届け出る。\n２　乙は、報告する。\n３　前項の報告は、書面でする。\n")
        .unwrap();
    let act = tmp.join("act.txt");
    let insert = "同条第2項の次に次の1項を加える。\n３　丙は、記録する。\n";
    std::fs::write(&act, format!("第1条第3項中「前項」を「第1項」に改め、同項を同条第4項とし、{insert}")).unwrap();
    let o = kitei(&["apply", old.to_str().unwrap(), act.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("act.txt:1:1: warning: 第1条第4項: 「前項」 pointed at 第1条第2項"), "{err}");
    std::fs::write(&act, format!("第1条第3項を同条第4項とし、{insert}")).unwrap();
    let o = kitei(&["apply", old.to_str().unwrap(), act.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("ハネ漏れ") && err.contains("「前項」"), "{err}");
    std::fs::remove_dir_all(&tmp).ok();
}
