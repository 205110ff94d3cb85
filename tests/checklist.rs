//! Checklist extraction, audit state and migration on the seed regulation and its 2027 amendment.

mod common;

use kitei::checklist::{
    self, extract, migrate,
    output::{self, Lang},
    Class, IdMapping, Options, State, Status,
};
use kitei::model::Document;
use std::path::PathBuf;

fn version(v: &str) -> PathBuf {
    common::root().join(format!("regulations/jlis-ninsho-jimu-kanri-kitei/{v}.md"))
}

fn doc(v: &str) -> Document {
    common::load(&version(v))
}

fn seed() -> checklist::Checklist {
    extract(&doc("2016-01-01"), &Options::default())
}

#[test]
fn article_11_gives_one_readable_entry_per_item() {
    let list = seed();
    let art11: Vec<_> = list.entries.iter().filter(|e| e.article_id == "art_11").collect();
    assert_eq!(art11.len(), 5);
    for (i, e) in art11.iter().enumerate() {
        assert_eq!(e.id, format!("art_11__para_1__item_{}", i + 1));
        // A single-paragraph article is cited without 第1項.
        assert_eq!(e.label, format!("第11条第{}号", i + 1));
        assert_eq!(e.classification, Class::Obligation);
        assert!(
            e.text.starts_with("認証業務情報の機密性、正確性及び継続性を確保するため、次の措置を講ずる："),
            "{}",
            e.text
        );
        let party = e.party.as_ref().unwrap();
        assert_eq!(party.name, "機構");
        assert!(party.inferred, "機構 is not named in 第11条");
    }
    assert_eq!(
        art11[0].text,
        "認証業務情報の機密性、正確性及び継続性を確保するため、次の措置を講ずる：認証業務情報の入力を適正に実施するための必要な措置"
    );
}

#[test]
fn article_8_is_a_prohibition() {
    let list = seed();
    let e = list.get("art_8__para_1").unwrap();
    assert_eq!(e.classification, Class::Prohibition);
    assert_eq!(e.predicate, "てはならない");
    assert_eq!(e.label, "第8条");
}

#[test]
fn article_10_establishes_the_committee_and_lists_its_agenda() {
    let list = seed();
    let e = list.get("art_10__para_1").unwrap();
    assert_eq!(e.classification, Class::Establishment);
    assert_eq!(e.label, "第10条第1項");
    // 第2項 (構成する) is constitutive, not an auditable duty.
    assert!(list.get("art_10__para_2").is_none());
    // 第3項 (統括管理責任者が招集する) assigns a role to the named party.
    let p3 = list.get("art_10__para_3").unwrap();
    assert_eq!(p3.classification, Class::Obligation);
    assert_eq!(p3.party.as_ref().unwrap().name, "統括管理責任者");
    assert!(!p3.party.as_ref().unwrap().inferred);
    let items: Vec<_> = list.entries.iter().filter(|e| e.id.starts_with("art_10__para_4__item_")).collect();
    assert_eq!(items.len(), 5);
    assert_eq!(items[0].label, "第10条第4項第1号");
    assert_eq!(items[0].party.as_ref().unwrap().name, "認証事務運営会議");
    assert!(items[4].text.ends_with("次の事項を検討する：その他セキュリティ対策に必要な措置"));
}

#[test]
fn purpose_and_definitions_only_on_request() {
    let list = seed();
    assert!(!list.entries.iter().any(|e| e.article_id == "art_1" || e.article_id == "art_2"));
    let all = extract(&doc("2016-01-01"), &Options { all: true, ..Options::default() });
    assert_eq!(all.get("art_1__para_1").unwrap().classification, Class::Purpose);
    assert_eq!(all.get("art_2__para_1__item_1").unwrap().classification, Class::Definition);
    assert!(all.entries.len() > list.entries.len());
}

#[test]
fn parties_named_in_the_text() {
    let list = seed();
    let p = |id: &str| list.get(id).unwrap().party.clone().unwrap();
    assert_eq!(p("art_26__para_2").name, "理事長");
    assert_eq!(p("art_24__para_1").name, "認証事務従事者及び認証事務従事者であった者");
    assert_eq!(p("art_17__para_1").basis, "addressee");
    assert_eq!(p("art_22__para_1").name, "機構", "the subject of the 場合 clause is not the addressee");
    assert!(p("art_22__para_1").inferred);
}

#[test]
fn supplementary_provisions_give_no_entries() {
    assert!(!seed().entries.iter().any(|e| e.id.starts_with("suppl")));
}

fn set(state: &mut State, id: &str, status: Status) {
    state.entries.get_mut(id).unwrap_or_else(|| panic!("{id} in state")).status = status;
}

fn migrated(mapping_by_diff: bool) -> (State, Vec<migrate::Change>) {
    let (od, nd) = (doc("2016-01-01"), doc("2027-04-01"));
    let old = extract(&od, &Options::default());
    let new = extract(&nd, &Options::default());
    let mut state = State::init(&old, "2016-01-01.md", "2016-01-01");
    set(&mut state, "art_21__para_1", Status::Compliant);
    set(&mut state, "art_11__para_1__item_3", Status::PartlyCompliant);
    set(&mut state, "art_11__para_1__item_1", Status::Compliant);
    set(&mut state, "art_10__para_3", Status::NotCompliant);
    set(&mut state, "art_10__para_4__item_2", Status::NotApplicable);
    set(&mut state, "art_25__para_2__item_5", Status::Compliant);
    set(&mut state, "art_25__para_2__item_6", Status::NotCompliant);
    state.entries.get_mut("art_21__para_1").unwrap().evidence = Some(toml::Value::String("監査報告書2026".into()));
    let mapping =
        if mapping_by_diff { IdMapping::from_diff(&od, &nd, &old, &new) } else { IdMapping::align(&old, &new) };
    migrate::migrate(&state, &old, &new, &mapping, "2027-04-01.md", "2027-04-01")
}

fn check_migration(next: &State, report: &[migrate::Change]) {
    // 第21条 (監査) became 第22条 and keeps its status and evidence.
    let audit = &next.entries["art_22__para_1"];
    assert_eq!(audit.status, Status::Compliant);
    assert_eq!(audit.label, "第22条");
    assert_eq!(checklist::state::value_text(audit.evidence.as_ref()), "監査報告書2026");
    // The new 第20条 starts unchecked.
    assert_eq!(next.entries["art_20__para_1"].status, Status::NotChecked);
    assert_eq!(next.entries["art_20__para_2"].status, Status::NotChecked);
    // 第11条第3号 changed: needs a recheck, the old status kept.
    let item3 = &next.entries["art_11__para_1__item_3"];
    assert_eq!(item3.status, Status::NeedsRecheck);
    assert_eq!(item3.previous_status, Some(Status::PartlyCompliant));
    assert_eq!(next.entries["art_11__para_1__item_1"].status, Status::Compliant);
    assert_eq!(next.entries["art_11__para_1__item_6"].status, Status::NotChecked);
    // 第10条第3項 was removed; old 第4項 is now 第3項.
    assert_eq!(next.archived["art_10__para_3"].status, Status::NotCompliant);
    assert!(next.archived["art_10__para_3"].extra.contains_key("reason"));
    assert_eq!(next.entries["art_10__para_3__item_2"].status, Status::NotApplicable);
    assert_eq!(next.entries["art_10__para_3__item_2"].label, "第10条第3項第2号");
    // 第25条第2項第5号 removed (now 第26条); old 第6号 is new 第26条第2項第5号.
    assert_eq!(next.archived["art_25__para_2__item_5"].status, Status::Compliant);
    assert_eq!(next.entries["art_26__para_2__item_5"].status, Status::NotCompliant);
    // Nothing was lost: every old entry is either in entries or archived.
    let kinds: Vec<&str> = report.iter().map(|c| c.kind.as_str()).collect();
    assert!(kinds.contains(&"renumbered") && kinds.contains(&"recheck") && kinds.contains(&"archived"));
    assert!(report
        .iter()
        .any(|c| c.old.as_deref() == Some("art_21__para_1") && c.new.as_deref() == Some("art_22__para_1")));
    assert_eq!(next.meta.version, "2027-04-01");
}

#[test]
fn migration_with_the_diff_engine() {
    let (next, report) = migrated(true);
    check_migration(&next, &report);
    let old_count = seed().entries.len();
    let carried = report.iter().filter(|c| c.old.is_some()).count();
    let unchanged = next.entries.len() - report.iter().filter(|c| c.kind == "added").count();
    assert!(carried <= old_count && unchanged + next.archived.len() >= old_count);
}

#[test]
fn migration_by_text_alignment_agrees() {
    let (a, _) = migrated(true);
    let (b, report) = migrated(false);
    check_migration(&b, &report);
    assert_eq!(a, b);
}

#[test]
fn migrated_state_round_trips_through_toml() {
    let (next, _) = migrated(true);
    let new = extract(&doc("2027-04-01"), &Options::default());
    let order: Vec<&str> = new.entries.iter().map(|e| e.id.as_str()).collect();
    let text = next.to_toml(&order);
    let back = State::parse(&text, "next.toml").unwrap();
    assert_eq!(back, next);
    assert!(text.contains("[archived.\"art_10__para_3\"]"));
    assert!(text.contains("previous_status = \"partly_compliant\""));
}

#[test]
fn hand_edited_state_keeps_every_key_across_migration() {
    let (od, nd) = (doc("2016-01-01"), doc("2027-04-01"));
    let old = extract(&od, &Options::default());
    let new = extract(&nd, &Options::default());
    let order: Vec<&str> = old.entries.iter().map(|e| e.id.as_str()).collect();
    let mut text = State::init(&old, "2016-01-01.md", "2016-01-01").to_toml(&order);
    text = text.replacen("[meta]\n", "auditor_org = \"監査法人A\"\n[meta]\nscope = \"全部署\"\n", 1);
    let needle = "[entries.\"art_21__para_1\"]\n";
    text = text.replacen(needle, &format!("{needle}ticket = 1234\nfindings = [\"F-1\", \"F-2\"]\n"), 1);
    text = text.replacen(
        "[entries.\"art_4__para_1\"]\nlabel = \"第4条\"\n",
        "[entries.\"art_4__para_1\"]\nlabel = \"第4条\"\n# a comment (not kept)\n",
        1,
    );
    text = text.replacen("date = \"\"", "date = 2026-11-20", 1);
    text.push_str("\n[auditors.lead]\nname = \"山田\"\n");
    let state = State::parse(&text, "hand.toml").unwrap();
    let mapping = IdMapping::from_diff(&od, &nd, &old, &new);
    let (next, _) = migrate::migrate(&state, &old, &new, &mapping, "2027-04-01.md", "2027-04-01");
    let out = next.to_toml(&new.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>());
    let back = State::parse(&out, "out.toml").unwrap();
    assert_eq!(back.extra["auditor_org"].as_str(), Some("監査法人A"));
    assert_eq!(back.meta.extra["scope"].as_str(), Some("全部署"));
    assert_eq!(back.entries["art_22__para_1"].extra["ticket"].as_integer(), Some(1234));
    assert_eq!(back.entries["art_22__para_1"].extra["findings"].as_array().unwrap().len(), 2);
    assert!(back.entries["art_4__para_1"].date.as_ref().unwrap().is_datetime());
    assert_eq!(back.extra["auditors"]["lead"]["name"].as_str(), Some("山田"));
}

#[test]
fn progress_counts_statuses() {
    let list = seed();
    let mut state = State::init(&list, "s", "v");
    set(&mut state, "art_21__para_1", Status::Compliant);
    set(&mut state, "art_8__para_1", Status::NotCompliant);
    let p = checklist::state::Progress::of(&list, &state);
    assert_eq!(p.total, list.entries.len());
    assert_eq!(p.reviewed, 2);
    let md = output::markdown(&list, Lang::Ja, Some(&state));
    assert!(md.contains(&format!("Reviewed: 2 / {}", p.total)));
    assert!(md.contains("| `art_21__para_1` | 第21条 | 義務 | 機構（推定） |"));
    let json: serde_json::Value = serde_json::from_str(&output::json(&list, Some(&state))).unwrap();
    assert_eq!(json["progress"]["counts"]["compliant"], 1);
    assert_eq!(json["entries"][0]["state"]["status"], "not_checked");
}

#[test]
fn fingerprints_are_stable_and_text_sensitive() {
    let list = seed();
    let f = |id: &str| checklist::state::fingerprint(list.get(id).unwrap());
    assert_eq!(f("art_4__para_1"), f("art_4__para_1"));
    assert_ne!(f("art_13__para_1"), f("art_14__para_1"));
    assert!(f("art_4__para_1").starts_with("fnv1a64:") && f("art_4__para_1").len() == 24);
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("seed_markdown", output::markdown(&seed(), Lang::Ja, None));
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("seed_csv", output::csv(&seed(), Lang::Ja, None));
}

#[test]
fn snapshot_markdown_with_migrated_state() {
    let (next, _) = migrated(true);
    let new = extract(&doc("2027-04-01"), &Options::default());
    insta::assert_snapshot!("amended_markdown_with_state", output::markdown(&new, Lang::Ja, Some(&next)));
}

#[test]
fn html_is_printable_and_escapes_text() {
    let list = seed();
    let html = checklist::render_html(&list, Lang::Ja, None, None).unwrap();
    assert!(html.contains("@media print"));
    assert!(html.contains("id=\"art_11__para_1__item_3\""));
    assert_eq!(html.matches("<tr id=").count(), list.entries.len());
    let custom = checklist::render_html(&list, Lang::Ja, None, Some("{{ title }}<{{ groups | length }}>")).unwrap();
    assert_eq!(custom, "地方公共団体情報システム機構認証事務管理規程<4>");
    assert!(checklist::render_html(&list, Lang::Ja, None, Some("{% if %}")).is_err());
}

/// OSCAL 1.1.2 catalog model, checked structurally (no OSCAL schema or type library is available offline):
/// catalog.uuid, metadata.title/last-modified/version/oscal-version, groups[].id/title,
/// controls[].id/title/parts, parts[].name, tokens for IDs, unique IDs, RFC 4122 v5 UUIDs.
#[test]
fn oscal_catalog_has_the_required_fields() {
    let list = seed();
    let v = checklist::oscal::catalog(&list, "2016-01-01");
    let cat = &v["catalog"];
    let uuid = cat["uuid"].as_str().unwrap();
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "5");
    assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
    let md = &cat["metadata"];
    assert_eq!(md["title"], "地方公共団体情報システム機構認証事務管理規程");
    assert_eq!(md["last-modified"], "2016-01-01T00:00:00+09:00");
    assert_eq!(md["version"], "2016-01-01");
    assert_eq!(md["oscal-version"], "1.1.2");
    let groups = cat["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    let mut ids = std::collections::BTreeSet::new();
    let token = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    fn parts_ok(p: &serde_json::Value, ids: &mut std::collections::BTreeSet<String>, n: &mut usize) {
        assert!(p["name"].is_string());
        if let Some(id) = p["id"].as_str() {
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
        }
        if p["prose"].is_string() {
            *n += 1;
        }
        for prop in p["props"].as_array().into_iter().flatten() {
            assert!(prop["name"].is_string() && prop["value"].as_str().is_some_and(|v| !v.trim().is_empty()));
        }
        for c in p["parts"].as_array().into_iter().flatten() {
            parts_ok(c, ids, n);
        }
    }
    let mut prose = 0;
    for g in groups {
        assert!(token(g["id"].as_str().unwrap()));
        assert!(g["title"].is_string());
        for c in g["controls"].as_array().unwrap() {
            let id = c["id"].as_str().unwrap();
            assert!(token(id) && ids.insert(id.to_string()));
            assert!(c["title"].is_string());
            for p in c["parts"].as_array().unwrap() {
                parts_ok(p, &mut ids, &mut prose);
            }
        }
    }
    // Every entry is a part with prose (items' 柱書 add paragraph-level prose).
    assert!(prose >= list.entries.len());
    let art11 = &groups[2]["controls"][0];
    assert_eq!(art11["id"], "art_11");
    let items = art11["parts"][0]["parts"][0]["parts"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert_eq!(items[2]["props"][1]["value"], "obligation");
    // Deterministic.
    assert_eq!(v, checklist::oscal::catalog(&list, "2016-01-01"));
}

/// The catalog deserialises into the `oscal` crate's types (generated from the NIST OSCAL Metaschema): the
/// UUIDs, dates and URIs parse, and the groups, controls, parts and props land in the typed fields.
#[test]
fn oscal_catalog_deserialises_with_the_oscal_crate() {
    #[derive(serde::Deserialize)]
    struct OscalDoc {
        catalog: oscal::Catalog,
    }
    let list = seed();
    let json = serde_json::to_string(&checklist::oscal::catalog(&list, "2016-01-01")).unwrap();
    let parsed: OscalDoc = serde_json::from_str(&json).unwrap_or_else(|e| panic!("not an OSCAL catalog: {e}"));
    let cat = parsed.catalog;
    assert_eq!(cat.metadata.oscal_version, "1.1.2");
    assert_eq!(cat.groups.len(), 4);
    let controls: Vec<&oscal::generated::types::Control> = cat.groups.iter().flat_map(|g| &g.controls).collect();
    assert_eq!(
        controls.len(),
        list.entries.iter().map(|e| &e.article_id).collect::<std::collections::BTreeSet<_>>().len()
    );
    fn count(p: &oscal::generated::types::Part) -> usize {
        usize::from(p.props.iter().any(|x| x.name == "classification")) + p.parts.iter().map(count).sum::<usize>()
    }
    let classified: usize = controls.iter().flat_map(|c| &c.parts).map(count).sum();
    assert_eq!(classified, list.entries.len());

    // With audit state: a status prop per entry and the progress in the metadata.
    let (next, _) = migrated(true);
    let new = extract(&doc("2027-04-01"), &Options::default());
    let json = serde_json::to_string(&checklist::oscal::catalog_with_state(&new, "2027-04-01", Some(&next))).unwrap();
    let cat = serde_json::from_str::<OscalDoc>(&json).unwrap().catalog;
    let prop = |name: &str| cat.metadata.props.iter().find(|p| p.name == name).map(|p| p.value.clone());
    assert_eq!(prop("audit-total").as_deref(), Some(new.entries.len().to_string().as_str()));
    assert_eq!(prop("audit-needs-recheck").as_deref(), Some("1"));
    assert!(json.contains("\"audit-status\""));
}

#[test]
fn snapshot_html_with_migrated_state() {
    let (next, _) = migrated(true);
    let new = extract(&doc("2027-04-01"), &Options::default());
    insta::assert_snapshot!(
        "amended_html_with_state",
        checklist::render_html(&new, Lang::Ja, Some(&next), None).unwrap()
    );
}

#[test]
fn english_from_the_translation() {
    let path = common::root().join("regulations/jlis-ninsho-jimu-kanri-kitei/2016-01-01.en.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let en = kitei::parse::english::parse_english("2016-01-01.en.md", &text).unwrap().document;
    let mut list = seed();
    list.attach_english(&checklist::extract::text_by_id(&en));
    assert!(list.entries.iter().all(|e| e.english.is_some()), "every entry of the seed has a translation");
    let e = list.get("art_11__para_1__item_3").unwrap().english.clone().unwrap();
    assert!(e.starts_with("In order to ensure the confidentiality"), "{e}");
    assert!(e.ends_with(": measures necessary for the proper provision of certification services information"), "{e}");
    assert_eq!(
        list.get("art_8__para_1").unwrap().english.as_deref().map(|s| s.contains("must not be used")),
        Some(true)
    );
    let md = output::markdown(&list, Lang::Both, None);
    assert!(md.contains("使用してはならない。 / Information assets"));
    let csv = output::csv(&list, Lang::En, None);
    assert!(csv.lines().next().unwrap().ends_with(",english"));
}

#[test]
fn csv_with_a_state_closes_with_progress_rows() {
    let list = seed();
    let first = list.entries[0].id.clone();
    let text = format!("[entries.\"{first}\"]\nstatus = \"compliant\"\n");
    let state = State::parse(&text, "s.toml").unwrap();
    let csv = output::csv(&list, Lang::Ja, Some(&state));
    let total = list.entries.len();
    let pct = format!("{:.1}", 100.0 / total as f64);
    let compliant = csv.lines().find(|l| l.starts_with("progress:compliant,")).expect("a progress row");
    assert!(compliant.contains(&format!("1 ({pct}%)")), "{compliant}");
    let reviewed = csv.lines().find(|l| l.starts_with("progress:reviewed,")).unwrap();
    assert!(reviewed.contains(&format!("1 / {total} ({pct}%)")), "{reviewed}");
    // Every row has the header's width.
    let width = csv.lines().next().unwrap().split(',').count();
    assert!(csv.lines().filter(|l| l.starts_with("progress:")).all(|l| l.split(',').count() == width));
    assert!(!output::csv(&list, Lang::Ja, None).contains("progress:"), "no progress rows without a state");
}
