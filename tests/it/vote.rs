//! The CO's vote on the command line: `score --votes FILE --json` and its
//! line of text, the rule's flags, a bad votes file, the report ending with
//! the resolution, and `forms --resolution`.

use mfi_pdf::read_back::ReadBack;
use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mfi-compare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-cli-vote-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The members of the built-in study, in order.
fn kasur_members() -> Vec<String> {
    let plans = std::fs::read_to_string(format!(
        "{}/parameters/kasur-2010-plans.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the shipped plans");
    plans
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_string)
        .collect()
}

/// A votes file for the built-in CO: 29 for Akhuwat, 4 for CWCD, 2
/// abstain, 2 absent; 3 members with no row (absent too).
fn votes_file(dir: &std::path::Path) -> PathBuf {
    let mut text = String::from("member,vote,note\n");
    for (k, m) in kasur_members().iter().enumerate().take(37) {
        let v = match k {
            0..=28 => "Akhuwat",
            29..=32 => "cwcd",
            33..=34 => "abstain",
            _ => "absent",
        };
        let note = if k == 30 { "the office is too far" } else { "" };
        text.push_str(&format!("{m},{v},{note}\n"));
    }
    let path = dir.join("votes.csv");
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn score_gives_the_vote_as_json_and_as_a_line() {
    let dir = temp_dir("score");
    let votes = votes_file(&dir);
    let v = votes.to_str().unwrap();
    let o = run(&["score", "--votes", v, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let vote = &j["vote"];
    assert_eq!(vote["mfi"], "Akhuwat");
    assert_eq!(vote["for"], 29);
    assert_eq!(vote["against"], 4);
    assert_eq!(vote["abstain"], 2);
    assert_eq!(vote["absent"], 5);
    assert_eq!(vote["present"], 35);
    assert_eq!(vote["members"], 40);
    assert_eq!(vote["threshold_percent"], "70");
    assert_eq!(vote["carried"], true);
    assert_eq!(
        vote["by_mfi"][1]["mfi"], "CWCD",
        "spelled as the study spells it"
    );
    // The text: one line that says it.
    let o = run(&["score", "--votes", v]);
    assert!(
        stdout(&o).contains("The CO's vote: Carried: Akhuwat has 29 of the 35 votes of the members present (82.9%; at least 70% needed)"),
        "{}",
        stdout(&o)
    );
    // A stricter rule, from the flags: 29 of 35 is below 85%.
    let o = run(&["score", "--votes", v, "--vote-threshold", "85%", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["vote"]["threshold_percent"], "85");
    assert_eq!(j["vote"]["carried"], false);
    let o = run(&["score", "--votes", v, "--vote-quorum", "90", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["vote"]["quorum_met"], false);
    // A threshold below half is refused, naming the flag.
    let o = run(&["score", "--vote-threshold", "40"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--vote-threshold"), "{}", stderr(&o));
    // Without a vote, no "vote".
    let o = run(&["score", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j.get("vote").is_none());
    // The study's own vote, kept in its file, with its rule.
    let mut doc = mfi_core::data::study::StudyDoc::kasur().unwrap();
    let options = mfi_core::report::resolution::vote_options(&doc);
    doc.votes = mfi_core::data::votes::load_votes(
        "votes.csv",
        &std::fs::read(&votes).unwrap(),
        Some(&options),
    )
    .unwrap();
    doc.settings.vote_carried_percent = rust_decimal::Decimal::from(90);
    let study = dir.join("voted.mfistudy");
    doc.save(&study).unwrap();
    let o = run(&["score", "--study", study.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["vote"]["for"], 29);
    assert_eq!(j["vote"]["threshold_percent"], "90");
    assert_eq!(j["vote"]["carried"], false);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_votes_file_gives_every_problem_and_exit_1() {
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/errors/votes-several-errors.csv");
    let o = run(&["score", "--votes", bad.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let e = stderr(&o);
    for line in [":3:", ":4:", ":5:", ":8:"] {
        assert!(
            e.contains(&format!("votes-several-errors.csv{line}")),
            "{e}"
        );
    }
    // A member who voted and has no plan: counted, with a warning.
    let dir = temp_dir("warn");
    let extra = dir.join("extra.csv");
    std::fs::write(
        &extra,
        "member,vote\nKausar Karim,Akhuwat\nNobody Here,CWCD\n",
    )
    .unwrap();
    let o = run(&["score", "--votes", extra.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: \"Nobody Here\" voted but has no plan"));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["vote"]["members"], 41);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_report_ends_with_the_resolution_in_english_and_urdu() {
    let dir = temp_dir("report");
    let votes = votes_file(&dir);
    let pdf = dir.join("report.pdf");
    let o = run(&[
        "report",
        "--votes",
        votes.to_str().unwrap(),
        "--vote-date",
        "2026-11-22",
        "--vote-place",
        "Rasool Nagar",
        "--handout-language",
        "ur",
        "--draws",
        "500",
        "--date",
        "2026-11-22",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = ReadBack::from_file(&pdf).expect("reads back");
    let n = back.pages();
    let squeezed = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let en = squeezed(back.reading(n - 1));
    assert!(
        en.contains("Resolution of the Community Organization"),
        "{en}"
    );
    assert!(en.contains("Date of the meeting: 22 Nov 2026"), "{en}");
    assert!(en.contains("Result: CARRIED."), "{en}");
    let said = format!("{} said: \"the office is too far\"", kasur_members()[30]);
    assert!(en.contains(&said), "{said}: {en}");
    let ur = squeezed(back.reading(n));
    assert!(ur.contains("کمیونٹی تنظیم کی قرارداد"), "{ur}");
    assert!(ur.contains("نتیجہ: منظور۔"), "{ur}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn forms_resolution_is_one_page_blank_or_filled() {
    let dir = temp_dir("forms");
    for lang in ["en", "ur"] {
        let pdf = dir.join(format!("blank-{lang}.pdf"));
        let o = run(&[
            "forms",
            "--resolution",
            "--language",
            lang,
            "-o",
            pdf.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stdout(&o).contains(&format!(
                "the resolution of the CO ({lang}), 1 page(s), blank"
            )),
            "{}",
            stdout(&o)
        );
        assert_eq!(ReadBack::from_file(&pdf).unwrap().pages(), 1);
    }
    let votes = votes_file(&dir);
    let pdf = dir.join("filled.pdf");
    let o = run(&[
        "forms",
        "--resolution",
        "--votes",
        votes.to_str().unwrap(),
        "--vote-threshold",
        "90",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 page(s), filled from the vote: not carried"),
        "{}",
        stdout(&o)
    );
    let t = ReadBack::from_file(&pdf).unwrap().reading(1);
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(t.contains("at least 90% of the members present"), "{t}");
    assert!(
        t.contains("vote again between the two MFIs with the most votes: Akhuwat and CWCD"),
        "{t}"
    );
    // The vote's flags without --resolution: a usage error.
    let o = run(&[
        "forms",
        "--votes",
        votes.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("add --resolution"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}
