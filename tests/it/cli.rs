//! The command line as a user runs it: exit codes and messages.

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

/// A file of the core's corpus of bad input (`crates/core/tests/errors`).
fn error_file(name: &str) -> std::path::PathBuf {
    core_tests().join("errors").join(name)
}

/// The core's test files: the corpus of bad and valid input.
fn core_tests() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core/tests")
}

fn param(name: &str) -> String {
    format!("{}/parameters/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn check_passes_on_the_built_in_study_and_the_shipped_files() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("7 institutions, 10 loan products"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("40 members"));
    let o = run(&[
        "check",
        "--matrix",
        &param("kasur-2010-matrix.csv"),
        "--plans",
        &param("kasur-2010-plans.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[
        "check",
        "--matrix",
        &param("template-matrix.csv"),
        "--plans",
        &param("template-plans.csv"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn check_reports_every_problem_and_exits_1() {
    let bad = error_file("matrix-several-errors.csv");
    let bad_plans = error_file("plans-bad-age.csv");
    let o = run(&[
        "check",
        "--matrix",
        bad.to_str().unwrap(),
        "--plans",
        bad_plans.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("matrix-several-errors.csv:3: column \"value\""),
        "{e}"
    );
    assert!(
        e.contains("matrix-several-errors.csv:5: column \"value\""),
        "{e}"
    );
    assert!(e.contains("plans-bad-age.csv:3: column \"age\""), "{e}");
    assert!(e.contains("4 problem(s) found"), "{e}");
    let o = run(&["check", "--matrix", "/no/such/file.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/file.csv: cannot read the file"));
}

#[test]
fn price_json_has_the_documented_keys() {
    let o = run(&[
        "price",
        "--amount",
        "25,000",
        "--months",
        "12",
        "--markup",
        "25%",
        "--fee",
        "480",
        "--rounding",
        "none",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let num = |k: &str| -> f64 {
        match &v[k] {
            serde_json::Value::String(s) => s.parse().unwrap(),
            other => other.as_f64().unwrap(),
        }
    };
    assert!((num("instalment") - 2604.17).abs() < 0.01);
    assert_eq!(num("count"), 12.0);
    assert_eq!(num("total_repaid"), 31250.0);
    assert_eq!(num("total_cost"), 6730.0);
    assert!((num("apr_percent") - 47.33).abs() < 0.01);
    assert!((num("eir_percent") - 59.07).abs() < 0.01);
}

#[test]
fn price_and_schedule_print_for_people() {
    let o = run(&[
        "price",
        "--amount",
        "Rs 1,50,000",
        "--months",
        "18",
        "--markup",
        "29",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("Total repaid      Rs 2,15,250.00"), "{s}");
    assert!(s.contains("APR"), "{s}");
    let o = run(&[
        "schedule", "--amount", "25000", "--months", "12", "--markup", "22",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("    12"), "{s}");
    assert!(s.contains("2,542.00"), "{s}");
    let o = run(&[
        "schedule", "--amount", "25000", "--months", "12", "--markup", "22", "--csv",
    ]);
    let s = stdout(&o);
    assert!(
        s.starts_with(
            "period,date,she_pays,instalment,principal,markup,charges,tax,savings,refund,balance\n\
             0,,0,0,0,0,0,0,0,0,30500\n\
             1,,2542,2542,2084,458,0,0,0,0,27958\n"
        ),
        "{s}"
    );
    // The disbursement, then twelve instalments.
    assert_eq!(s.lines().count(), 14);
    let o = run(&[
        "schedule", "--amount", "25000", "--months", "12", "--markup", "22", "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 13);
    assert_eq!(v[12]["balance"], "0");
    assert_eq!(v[0]["date"], serde_json::Value::Null);
}

#[test]
fn bad_flags_exit_2_with_a_message() {
    let long = "x".repeat(100_000);
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "price", "--amount", "-5000", "--months", "12", "--markup", "22",
            ],
            "negative amount",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "0", "--markup", "22",
            ],
            "--months",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--markup", "abc",
            ],
            "expected a percentage like 22%",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--markup", "22,5%",
            ],
            "22.5%",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--markup", "1e30",
            ],
            "percentage",
        ),
        (
            &["price", "--amount", "0", "--months", "12"],
            "at least Rs 1",
        ),
        (
            &["price", "--amount", "25000", "--months", "121"],
            "--months",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--basis", "simple",
            ],
            "flat, declining, murabaha, qard",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--fee", "100%",
            ],
            "receives nothing",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--basis", "qard", "--markup", "5",
            ],
            "qard-e-hasan has no markup",
        ),
        (&["schedule", "--amount", "25000"], "--months"),
        (&["frobnicate"], "unrecognized subcommand"),
        // A page's title, a name or a place: a line, not megabytes.
        (
            &["report", "-o", "x.pdf", "--title", &long],
            "--title <TEXT>': expected at most 300 characters, found 100,000",
        ),
        (
            &["report", "-o", "x.pdf", "--prepared-by", &long],
            "expected at most 300 characters",
        ),
        (
            &[
                "forms",
                "--resolution",
                "-o",
                "x.pdf",
                "--vote-place",
                &long,
            ],
            "expected at most 300 characters",
        ),
    ];
    for (args, fragment) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(fragment), "{args:?}: {}", stderr(&o));
    }
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn score_gives_a_recommendation_in_every_format() {
    let o = run(&["score"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    // The built-in study cannot tell yet: no MFI is recommended, the
    // first by CO score named as such, the reason in plain words beside it.
    assert!(
        s.contains(
            "No MFI can be recommended yet; first by CO score on the facts as assumed: Akhuwat ("
        ),
        "{s}"
    );
    assert!(!s.contains("Recommended: "), "{s}");
    assert!(
        s.contains("The study does not know enough to choose"),
        "{s}"
    );
    assert!(s.contains("Stability: "), "{s}");
    assert!(s.contains("Excluded offers and why:"), "{s}");
    assert!(s.contains("to verify: "), "{s}");
    let o = run(&["score", "--json", "--draws", "1000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["recommended"].is_null(), "none yet");
    assert_eq!(v["first_on_assumed_facts"], "Akhuwat");
    assert_eq!(v["verdict"]["mfi"], v["recommended"]);
    assert_eq!(v["verdict"]["firmness"], "not_yet");
    assert_eq!(v["verdict"]["heading"], "No MFI can be recommended yet");
    let share = v["verdict"]["share"].as_f64().unwrap();
    assert!(share > 0.0 && share < 0.6, "{share}");
    // Every outcome of the draws, "no MFI" (null) among them, adding up.
    let outcomes = v["verdict"]["outcomes"].as_array().unwrap();
    assert!(outcomes.iter().any(|o| o["mfi"].is_null()));
    let total: f64 = outcomes.iter().map(|o| o["share"].as_f64().unwrap()).sum();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
    let ranking = v["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 7);
    for r in ranking {
        for k in [
            "mfi",
            "score",
            "eligible_members",
            "affordable_members",
            "total_cost",
        ] {
            assert!(!r[k].is_null(), "{k} in {r}");
        }
    }
    assert_eq!(ranking[0]["mfi"], v["first_on_assumed_facts"]);
    let members = v["members"].as_array().unwrap();
    assert_eq!(members.len(), 40);
    for m in members {
        assert!(
            !m["best"].is_null()
                || m["excluded"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|x| !x["reasons"].as_array().unwrap().is_empty()),
            "{m}"
        );
    }
    assert!(v["stability"]["intervals"].as_array().unwrap().len() == 8);
    assert!(
        v["stability"]["sentence"]
            .as_str()
            .unwrap()
            .contains("comes first in")
    );
    let o = run(&[
        "score",
        "--csv",
        "--preset",
        "lowest-cost",
        "--draws",
        "100",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("rank,mfi,score,eligible_members"));
    assert_eq!(stdout(&o).lines().count(), 8);
    // Both ends of the cost and the APR where a term is unknown.
    let header = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert!(
        header.ends_with(
            "total_cost_low,total_cost_high,average_apr_percent_low,average_apr_percent_high"
        ),
        "{header}"
    );
    let akhuwat = stdout(&o)
        .lines()
        .find(|l| l.contains("Akhuwat"))
        .unwrap_or_default()
        .to_string();
    let cells: Vec<&str> = akhuwat.split(',').collect();
    assert_eq!(cells[cells.len() - 4], "0", "{akhuwat}");
    assert_ne!(cells[cells.len() - 3], "0", "{akhuwat}");
    // The same with the files given, and with the CO's savings as an option.
    let o = run(&[
        "score",
        "--matrix",
        &param("kasur-2010-matrix.csv"),
        "--plans",
        &param("kasur-2010-plans.csv"),
        "--weights",
        &param("weights-access.csv"),
        "--savings-pool",
        "1,00,000",
        "--draws",
        "100",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("CO savings (internal lending)"));
}

#[test]
fn score_json_says_what_is_unknown_and_what_to_ask_first() {
    let o = run(&["score", "--json", "--draws", "2000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let st = &j["stability"];
    for key in ["weights_only", "data_only", "both"] {
        assert!(
            st[key]["acceptability"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
            "{key}"
        );
        assert!(st[key]["none_share"].is_number(), "{key}");
    }
    // The existing keys stay.
    assert!(st["acceptability"].is_array() && st["intervals"].is_array());
    let share = |key: &str, mfi: &str| {
        st[key]["acceptability"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["mfi"] == mfi)
            .and_then(|a| a["first_share"].as_f64())
            .unwrap()
    };
    assert!(share("data_only", "Akhuwat") < 1.0);
    let ask = j["ask_first"].as_array().expect("ask_first");
    assert!(!ask.is_empty());
    for a in ask.iter().take(3) {
        for key in ["mfi", "fact", "kind", "changes_share", "if_yes", "if_no"] {
            assert!(!a[key].is_null(), "{key}: {a}");
        }
    }
    // Akhuwat's best loan for the first member: a cost from none.
    let best = &j["members"][0]["best"];
    assert_eq!(best["mfi"], "Akhuwat");
    assert_eq!(best["total_cost_low"], "0");
    assert_eq!(best["total_cost_high"], best["total_cost"]);
    assert_ne!(best["total_cost_high"], "0");
    // The chance of a yes is a flag, checked.
    let sure = run(&[
        "score",
        "--json",
        "--draws",
        "2000",
        "--unknown-yes",
        "100%",
    ]);
    let js: serde_json::Value = serde_json::from_slice(&sure.stdout).expect("JSON");
    assert_ne!(js["stability"]["data_only"], j["stability"]["data_only"]);
    let bad = run(&["score", "--unknown-yes", "120"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("expected a percentage from 0 to 100"),
        "{}",
        stderr(&bad)
    );
    // A share as the study file writes it (0.9) is not read as 0.9%.
    let share = run(&["score", "--unknown-yes", "0.9"]);
    assert_eq!(share.status.code(), Some(2));
    assert!(
        stderr(&share).contains("did you mean 90%?"),
        "{}",
        stderr(&share)
    );
    assert_eq!(
        run(&["score", "--unknown-yes", "0.9%", "--draws", "100"])
            .status
            .code(),
        Some(0)
    );
    // The JSON's *_low is the smaller figure, what she has in hand too.
    let l = &j["members"][0]["ranked"][0];
    let n = |k: &str| l[k].as_str().unwrap().parse::<f64>().unwrap();
    assert!(n("received_low") <= n("received_high"), "{l}");
}

#[test]
fn score_usage_and_data_errors() {
    let o = run(&["score", "--preset", "cheapest"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no preset \"cheapest\""));
    let o = run(&["score", "--preset", "balanced", "--weights", "x.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let bad = error_file("matrix-bad-flag.csv");
    let o = run(&["score", "--matrix", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("matrix-bad-flag.csv:3: column \"value\""));
}

#[test]
fn report_writes_a_pdf_or_says_why_not() {
    let dir = std::env::temp_dir().join(format!("mfi-cli-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("kasur.pdf");
    let o = run(&[
        "report",
        "--date",
        "2026-11-22",
        "--prepared-by",
        "HomeNet Pakistan",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    assert!(stdout(&o).contains("40 members"));
    let o = run(&["report"]);
    assert_eq!(o.status.code(), Some(2), "no -o is a usage error");
    let o = run(&["report", "--date", "2026-02-30", "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expected a date like 2026-11-22"));
    let bad = error_file("plans-bad-age.csv");
    let o = run(&[
        "report",
        "--plans",
        bad.to_str().unwrap(),
        "-o",
        dir.join("bad.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("plans-bad-age.csv:3: column \"age\""));
    assert!(!dir.join("bad.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generate_writes_studies_that_check_and_repeat() {
    let dir = std::env::temp_dir().join(format!("mfi-cli-gen-{}", std::process::id()));
    let a = dir.join("a");
    let b = dir.join("b");
    for d in [&a, &b] {
        let o = run(&[
            "generate",
            "--cos",
            "2",
            "--members-per-co",
            "30",
            "--mfis",
            "4",
            "--seed",
            "9",
            "-o",
            d.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for f in ["matrix.csv", "plans-0001.csv", "plans-0002.csv"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f} repeats"
        );
    }
    let o = run(&[
        "check",
        "--matrix",
        a.join("matrix.csv").to_str().unwrap(),
        "--plans",
        a.join("plans-0002.csv").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 institutions, 20 loan products"));
    assert!(stdout(&o).contains("30 members"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file of the corpus through `check`, `score` and `report`: exit 0,
/// 1 or 2 with a message naming the file, never a panic (101).
#[test]
fn the_whole_corpus_through_the_commands_never_panics() {
    let out_dir = std::env::temp_dir().join(format!("mfi-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut files: Vec<(std::path::PathBuf, bool)> = Vec::new();
    for (dir, valid) in [("errors", false), ("valid", true)] {
        for entry in std::fs::read_dir(core_tests().join(dir)).unwrap() {
            files.push((entry.unwrap().path(), valid));
        }
    }
    assert!(files.len() >= 40, "{} files", files.len());
    for (path, valid) in &files {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let p = path.to_str().unwrap();
        let flag = if name.starts_with("matrix") {
            "--matrix"
        } else if name.starts_with("weights") {
            "--weights"
        } else if name.starts_with("study") {
            "--study"
        } else {
            "--plans"
        };
        let pdf = out_dir.join("r.pdf");
        let mut runs = vec![vec!["score", flag, p, "--draws", "50"]];
        if flag != "--weights" {
            runs.push(vec!["check", flag, p]);
        }
        // The report only for files that fail (fast) and the valid plans.
        if !valid || flag == "--plans" {
            runs.push(vec!["report", flag, p, "-o", pdf.to_str().unwrap()]);
        }
        for args in runs {
            let o = run(&args);
            let code = o.status.code();
            assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
            if *valid {
                assert_eq!(code, Some(0), "{args:?}: {}", stderr(&o));
            } else {
                assert_eq!(code, Some(1), "{args:?}: {}", stderr(&o));
                assert!(
                    stderr(&o).contains(&name),
                    "{args:?}: the message names the file: {}",
                    stderr(&o)
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn extreme_but_valid_flags_compute_or_refuse_never_panic() {
    for (amount, markup, months) in [
        ("1000000000000", "1000", "120"),
        ("1", "0", "1"),
        ("0.01", "1000%", "120"),
        ("1,00,00,00,00,000", "999.99", "1"),
    ] {
        for basis in ["flat", "declining", "murabaha", "qard"] {
            for freq in ["monthly", "weekly", "bullet", "four-weekly"] {
                let markup = if basis == "qard" { "0" } else { markup };
                let o = run(&[
                    "price",
                    "--amount",
                    amount,
                    "--months",
                    months,
                    "--markup",
                    markup,
                    "--basis",
                    basis,
                    "--frequency",
                    freq,
                    "--json",
                ]);
                let code = o.status.code();
                assert!(
                    code == Some(0) || code == Some(2),
                    "{amount} {markup} {months} {basis} {freq}: {code:?} {}",
                    stderr(&o)
                );
                if code == Some(0) {
                    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
                    let apr: f64 = v["apr_percent"].as_str().unwrap().parse().unwrap();
                    assert!(apr.is_finite() && apr >= 0.0);
                }
            }
        }
    }
}

/// A fresh folder for one test's files.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The built-in study saved as a study file (as the app saves it), with the
/// given settings in place of the defaults.
fn study_file(dir: &std::path::Path, settings: serde_json::Value) -> std::path::PathBuf {
    let doc = mfi_core::data::study::StudyDoc::kasur().unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&doc.to_bytes()).unwrap();
    if !settings.is_null() {
        v["settings"] = settings;
    }
    let path = dir.join("kasur study.mfistudy");
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    path
}

#[test]
fn a_study_file_gives_the_same_score_as_its_separate_files() {
    let dir = temp_dir("study");
    let study = study_file(&dir, serde_json::Value::Null);
    let s = study.to_str().unwrap();
    let from_study = run(&["score", "--study", s, "--json", "--draws", "500"]);
    assert_eq!(from_study.status.code(), Some(0), "{}", stderr(&from_study));
    let from_files = run(&[
        "score",
        "--matrix",
        &param("kasur-2010-matrix.csv"),
        "--plans",
        &param("kasur-2010-plans.csv"),
        "--weights",
        &param("weights-balanced.csv"),
        "--json",
        "--draws",
        "500",
    ]);
    assert_eq!(from_files.status.code(), Some(0), "{}", stderr(&from_files));
    let mut a: serde_json::Value = serde_json::from_str(&stdout(&from_study)).unwrap();
    let mut b: serde_json::Value = serde_json::from_str(&stdout(&from_files)).unwrap();
    // Only where the weights came from differs: the study, or the file.
    assert_eq!(a["weights_name"], "saved with the study");
    assert!(
        b["weights_name"]
            .as_str()
            .unwrap()
            .ends_with("weights-balanced.csv")
    );
    a["weights_name"] = serde_json::Value::Null;
    b["weights_name"] = serde_json::Value::Null;
    assert_eq!(a, b);
    // check, the text of score, and report read it too; flags override its settings.
    let o = run(&["check", "--study", s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("[matrix]: OK, 7 institutions, 10 loan products"));
    assert!(stdout(&o).contains("[plans]: OK, 40 members"));
    let o = run(&[
        "score",
        "--study",
        s,
        "--csv",
        "--affordability",
        "40%",
        "--draws",
        "10",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let served_at_40: u32 = stdout(&o)
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(5)
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        served_at_40 < 28,
        "a stricter affordability serves fewer: {served_at_40}"
    );
    let pdf = dir.join("r.pdf");
    let o = run(&[
        "report",
        "--study",
        s,
        "--draws",
        "100",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // A study and separate files are one or the other.
    let o = run(&[
        "score",
        "--study",
        s,
        "--matrix",
        &param("kasur-2010-matrix.csv"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_study_with_bad_settings_names_every_one_and_exits_1() {
    let dir = temp_dir("bad-settings");
    let study = study_file(
        &dir,
        serde_json::json!({"draws": 4_000_000_000u64, "spread": "wide", "rounding": "up", "seed": 7}),
    );
    let s = study.to_str().unwrap();
    for command in ["check", "score", "report"] {
        let mut args = vec![command, "--study", s];
        if command == "report" {
            args.extend(["-o", "never.pdf"]);
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{command}: {}", stderr(&o));
        let e = stderr(&o);
        assert!(
            e.contains(&format!(
                "{s}: settings: \"draws\": expected a whole number from 1 to 1,000,000, found 4000000000"
            )),
            "{e}"
        );
        assert!(
            e.contains(&format!(
                "{s}: settings: \"spread\": expected a number from 0 to 1"
            )),
            "{e}"
        );
        assert!(
            e.contains(&format!(
                "{s}: settings: \"rounding\": expected one of none, paisa, rupee, found \"up\""
            )),
            "{e}"
        );
        assert!(e.contains("3 problem(s) found."), "{e}");
        assert!(stdout(&o).is_empty());
    }
    assert!(!std::path::Path::new("never.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_that_cannot_be_written_is_an_io_error_and_a_closed_pipe_ends_quietly() {
    // Standard output on a full disk.
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
        let o = Command::new(env!("CARGO_BIN_EXE_mfi-compare"))
            .args(["score", "--draws", "10"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("standard output: could not write"),
            "{}",
            stderr(&o)
        );
    }
    // A report into a folder that does not exist.
    let dir = temp_dir("io");
    let missing = dir.join("no such folder").join("r.pdf");
    let o = run(&["report", "--draws", "10", "-o", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("could not save"), "{}", stderr(&o));
    assert!(!missing.exists());
    // `score --json | head -c 100`: the reader goes away after 100 bytes of
    // a large output; the command stops without a word, exit 0.
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfi-compare"))
        .args(["score", "--json", "--draws", "10"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The terms of issue 15 on the command line, each flag as staff type it:
/// the figures are those of `benches/reference_terms.py`.
#[test]
fn every_term_of_a_real_product_on_the_command_line() {
    let json = |args: &[&str]| -> serde_json::Value {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    // A fee with a floor: Rs 2,500 on Rs 20,000.
    let v = json(&[
        "price",
        "--amount",
        "20000",
        "--months",
        "12",
        "--markup",
        "25%",
        "--fee",
        "2.5% min Rs 2,500",
        "--json",
    ]);
    assert_eq!(v["received"], "17500");
    assert_eq!(v["total_cost"], "7500");
    assert_eq!(v["charges"][0]["rupees"], "2500");
    assert_eq!(v["charges"][0]["when"], "upfront");
    assert_eq!(v["charges"][0]["payee"], "lender");
    assert!(
        v["apr_percent"].as_str().unwrap().starts_with("71.56"),
        "{v}"
    );
    // A taxed fee, insurance with each instalment, a named third-party
    // charge, savings with interest: each on its own line.
    let v = json(&[
        "price",
        "--amount",
        "50000",
        "--months",
        "12",
        "--markup",
        "24%",
        "--basis",
        "declining",
        "--fee",
        "2% +16% tax",
        "--insurance",
        "Rs 50 per instalment",
        "--charge",
        "stamp duty: Rs 100 to third party",
        "--savings",
        "Rs 200 per instalment",
        "--savings-interest",
        "5%",
        "--json",
    ]);
    let charges = v["charges"].as_array().unwrap();
    let names: Vec<&str> = charges
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["fee", "insurance", "stamp duty"]);
    assert_eq!(
        (charges[0]["rupees"].as_str(), charges[0]["tax"].as_str()),
        (Some("1000"), Some("160"))
    );
    assert_eq!(charges[1]["rupees"], "600");
    assert_eq!(charges[1]["payee"], "insurer");
    assert_eq!(charges[2]["payee"], "third_party");
    assert_eq!(v["received"], "48740");
    assert_eq!(v["savings_collected"], "2400");
    assert_eq!(v["savings_interest"], "55");
    assert_eq!(v["savings_refunded"], "2455");
    assert!(
        v["markup_only_apr_percent"]
            .as_str()
            .unwrap()
            .starts_with("24."),
        "{v}"
    );
    // A bullet loan on a declining markup is never compounded.
    let v = json(&[
        "price",
        "--amount",
        "50000",
        "--months",
        "12",
        "--markup",
        "25%",
        "--basis",
        "declining",
        "--structure",
        "bullet",
        "--json",
    ]);
    assert_eq!(v["total_markup"], "12500");
    // A dated four-weekly schedule has dates 28 days apart.
    let v = json(&[
        "schedule",
        "--amount",
        "30000",
        "--months",
        "12",
        "--markup",
        "26%",
        "--frequency",
        "four-weekly",
        "--disbursed",
        "2026-03-01",
        "--json",
    ]);
    assert_eq!(v[0]["date"], "2026-03-01");
    assert_eq!(v[1]["date"], "2026-03-29");
    assert_eq!(v[13]["date"], "2027-02-28");
    // Rates in text are rounded, never cut: 21.9994% is 22.00%.
    let o = run(&[
        "price",
        "--amount",
        "100000",
        "--months",
        "24",
        "--markup",
        "22",
        "--basis",
        "declining",
        "--frequency",
        "quarterly",
    ]);
    assert!(
        stdout(&o).contains("markup-only APR   22.00%"),
        "{}",
        stdout(&o)
    );
    // Rupees and rates as a key facts statement writes them.
    let v = json(&[
        "price",
        "--amount",
        "Rs 40,000/-",
        "--months",
        "12",
        "--markup",
        "28% p.a.",
        "--json",
    ]);
    assert_eq!(v["amount"], "40000");
    assert_eq!(v["total_markup"], "11200");
    // Urdu digits, as the app writes them.
    let v = json(&[
        "price",
        "--amount",
        "۲۵۰۰۰",
        "--months",
        "۱۲",
        "--markup",
        "٢٢%",
        "--json",
    ]);
    assert_eq!(v["total_cost"], "5500");
    // An EIR beyond any number is null, never a wrong number.
    let v = json(&[
        "price",
        "--amount",
        "1000",
        "--months",
        "1",
        "--markup",
        "1000%",
        "--frequency",
        "weekly",
        "--fee",
        "90%",
        "--json",
    ]);
    assert!(
        v["eir_percent"].is_null()
            || v["eir_percent"].as_str().unwrap().parse::<f64>().unwrap() > 1e6,
        "{v}"
    );
    assert!(v["apr_percent"].as_str().is_some(), "{v}");
}

#[test]
fn contradictions_and_impossible_terms_say_which_flags_clash() {
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--frequency",
                "bullet",
                "--instalments",
                "5",
            ],
            "--frequency bullet and --instalments 5 contradict each other",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "120",
                "--instalments",
                "1",
            ],
            "--instalments 1 with --months 120 is a bullet loan",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--grace", "520",
            ],
            "--months 12 with --grace 520 makes a loan of 532 months: at most 120",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--grace", "-1",
            ],
            "expected a whole number of periods, 0 or more, found \"-1\"",
        ),
        (
            &["price", "--amount", "0.5", "--months", "12"],
            "at least Rs 1",
        ),
        (
            &["price", "--amount", "25.000", "--months", "12"],
            "did you mean 25,000?",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--fee",
                "3% + two%",
            ],
            "found \"3% + two%\"",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--charge", "Rs 100",
            ],
            "expected a named charge",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--day-count",
                "actual-365",
                "--basis",
                "declining",
            ],
            "give --disbursed",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--grace-markup",
                "paid",
            ],
            "give --grace too",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--structure",
                "bullet",
                "--grace",
                "2",
            ],
            "contradict each other",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "10",
                "--frequency",
                "quarterly",
            ],
            "quarterly payments need a term in whole quarters (9 or 12 months)",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--instalments",
                "13",
            ],
            "--instalments 13 and --months 12 contradict each other: 13 monthly instalments take 13 months",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--markup", "24%-28%",
            ],
            "found \"24%-28%\" (a range or bands describe a product",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--insurance",
                "Rs 200 up to 30,000; Rs 400 up to 60,000",
            ],
            "say what applies above it",
        ),
        (
            &[
                "price", "--amount", "25000", "--months", "12", "--fee", "+16% tax",
            ],
            "a + with no charge before it",
        ),
        (
            &[
                "price",
                "--amount",
                "1000",
                "--months",
                "6",
                "--fee",
                "2.5% min 2500 +16% tax",
            ],
            "(Rs 2,900) take all of the loan (Rs 1,000)",
        ),
        (
            &[
                "price",
                "--amount",
                "25000",
                "--months",
                "12",
                "--savings",
                "Rs 100 per instalment",
                "--savings-interest",
                "-3",
            ],
            "found a negative rate \"-3\"",
        ),
    ];
    for (args, fragment) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(fragment), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
    }
}

/// The app's renderer is asked for by name; a wrong name is a usage error
/// before any window opens.
#[test]
fn a_renderer_that_does_not_exist_is_refused() {
    let o = run(&["--renderer", "banana"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--renderer: expected glow or wgpu, found \"banana\""),
        "{}",
        stderr(&o)
    );
}

/// `forms --cards`: the members' priorities alone, one page with the eight
/// picture cards' words.
#[test]
fn forms_cards_prints_the_picture_cards_alone() {
    let dir = std::env::temp_dir().join(format!("mfi-cli-cards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cards = dir.join("cards.pdf");
    let o = run(&["forms", "--cards", "-o", cards.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("the members' priorities on the picture cards, 1 page(s), blank"),
        "{}",
        stdout(&o)
    );
    let text = mfi_pdf::read_back::ReadBack::from_file(&cards)
        .expect("the cards' form reads back")
        .reading_text();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for label in [
        "Low yearly rate",
        "Fewer rupees to pay back",
        "An instalment I can pay",
        "Office near home",
        "Insurance",
        "Training and services",
        "Fits my needs (Islamic, group loan)",
        "Flexible terms and dates",
    ] {
        assert!(text.contains(label), "no card {label}: {text}");
    }
    let urdu = dir.join("cards-ur.pdf");
    let o = run(&[
        "forms",
        "--cards",
        "--language",
        "ur",
        "-o",
        urdu.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The cards are blank: no study to fill them from.
    let o = run(&["forms", "--cards", "--plans", "x.csv", "-o", "x.pdf"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn forms_are_written_blank_or_filled_or_say_why_not() {
    let dir = std::env::temp_dir().join(format!("mfi-cli-forms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let blank = dir.join("blank.pdf");
    let o = run(&["forms", "-o", blank.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read(&blank).unwrap().starts_with(b"%PDF"));
    assert!(stdout(&o).contains(
        "1 MFI survey(s) and 1 Micro Investment Plan(s) and the members' priorities, 10 pages, blank"
    ));
    let filled = dir.join("filled.pdf");
    let o = run(&[
        "forms",
        "--plans",
        "parameters/kasur-2010-plans.csv",
        "--language",
        "ur",
        "-o",
        filled.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("7 MFI survey(s) and 40 Micro Investment Plan(s)"));
    assert!(stdout(&o).contains("filled from the study"));
    let o = run(&["forms", "--language", "fr", "-o", "x.pdf"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown language is a usage error"
    );
    let bad = error_file("plans-bad-age.csv");
    let o = run(&["forms", "--plans", bad.to_str().unwrap(), "-o", "x.pdf"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "bad plans are reported: {}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn members_priorities_in_score_and_report() {
    let dir = temp_dir("priorities");
    let example = param("example-priorities.csv");
    // JSON: the group's documented keys, weights summing to 1.
    let o = run(&["score", "--priorities", &example, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let g = &j["group"];
    assert_eq!(g["members"], 40);
    assert_eq!(g["rule"], "mean");
    let sum: f64 = g["weights"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-9, "{sum}");
    assert_eq!(g["spread"].as_object().unwrap().len(), 8);
    let firsts = g["first_by_member"].as_array().unwrap();
    let counted: u64 = firsts.iter().map(|f| f["members"].as_u64().unwrap()).sum();
    assert_eq!(counted + g["no_mfi"].as_u64().unwrap(), 40);
    assert!(firsts[0]["mfi"].is_string());
    // Without priorities, no group; the median is a choice; adopting changes the weights.
    let o = run(&["score", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j.get("group").is_none());
    let o = run(&[
        "score",
        "--priorities",
        &example,
        "--combine",
        "median",
        "--json",
    ]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["group"]["rule"], "median");
    assert_eq!(j["group"]["rule_used"], "median");
    assert_eq!(j["group"]["median_fell_back"], false);
    // Three members each on her own card: every median is 0, so the mean
    // is used, and said to be.
    let apart = dir.join("apart.csv");
    std::fs::write(
        &apart,
        "member,true_cost,total_cost,affordability,access,insurance,services,fit,flexibility,note\n\
         ,10,,,,,,,,\n,,10,,,,,,,\n,,,10,,,,,,\n",
    )
    .unwrap();
    let o = run(&[
        "score",
        "--priorities",
        apart.to_str().unwrap(),
        "--combine",
        "median",
        "--adopt-priorities",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["group"]["rule"], "median");
    assert_eq!(j["group"]["rule_used"], "mean");
    assert_eq!(j["group"]["median_fell_back"], true);
    assert_eq!(j["weights_name"], "the members' priorities (mean of 3)");
    let o = run(&["score", "--priorities", &example, "--adopt-priorities"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("weights: the members' priorities (mean of 40)"));
    assert!(stdout(&o).contains("What the members said"));
    let o = run(&["score", "--adopt-priorities"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "adopting nothing is a usage error"
    );
    // A member not in the plans: allowed, with a warning.
    let extra = dir.join("extra.csv");
    let text = std::fs::read_to_string(&example).unwrap() + "Nobody Here,5,5,,,,,,,\n,,,,,10,,,,\n";
    std::fs::write(&extra, text).unwrap();
    let o = run(&["score", "--priorities", extra.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: \"Nobody Here\" has priorities but no plan"));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["group"]["members"], 42);
    // A bad file: every problem at once, exit 1.
    let bad = error_file("priorities-several-errors.csv");
    let o = run(&["score", "--priorities", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    for line in [":2:", ":3:", ":4:", ":5:", ":6:"] {
        assert!(
            e.contains(&format!("priorities-several-errors.csv{line}")),
            "{e}"
        );
    }
    // The report's section, with the same sentence as score.
    let pdf = dir.join("members.pdf");
    let o = run(&[
        "report",
        "--priorities",
        &example,
        "--date",
        "2026-12-04",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["score", "--priorities", &example, "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sentence = j["group"]["sentence"].as_str().unwrap().to_string();
    let text = mfi_pdf::read_back::ReadBack::from_file(&pdf)
        .expect("the report reads back")
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("What the members said"));
    assert!(text.contains(&sentence), "{sentence}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 28: what a command writes over is respected. A device, a pipe or a
/// folder is never replaced (`-o -` streams to standard output); a symbolic
/// link is followed and its file replaced, the link kept; a replaced file
/// keeps its permissions; temporary files of a killed earlier save are
/// removed; `generate` writes all its files or none.
#[cfg(unix)]
#[test]
fn writes_respect_what_they_replace() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = temp_dir("writes");
    let d = |name: &str| dir.join(name).to_str().unwrap().to_string();
    // /dev/null stays a device (when it is one: a tool that replaced it
    // before this one was fixed may have left a file there).
    let device = |p: &str| std::fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device());
    if device("/dev/null") {
        let o = run(&["forms", "--cards", "-o", "/dev/null"]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("/dev/null: could not save: it is a device, a pipe or a socket, not a file, and is never replaced (to write to standard output, use -o -)"),
            "{}",
            stderr(&o)
        );
        assert!(device("/dev/null"));
    }
    // A FIFO stays a FIFO (and nothing waits for a reader).
    let fifo = d("pipe.pdf");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let o = run(&["forms", "--cards", "-o", &fifo]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
    // A folder stays a folder.
    let o = run(&["forms", "--cards", "-o", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("it is a folder"), "{}", stderr(&o));
    // -o -: the PDF on standard output, the account on standard error.
    let o = run(&["forms", "--cards", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.starts_with(b"%PDF"));
    assert!(stderr(&o).contains("picture cards"), "{}", stderr(&o));
    // A symbolic link: its file replaced, the link kept.
    let real = dir.join("real.pdf");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.join("link.pdf");
    std::os::unix::fs::symlink("real.pdf", &link).unwrap();
    let o = run(&["forms", "--cards", "-o", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read(&real).unwrap().starts_with(b"%PDF"));
    // Permissions kept: a file only its owner may read stays so.
    let private = dir.join("private.pdf");
    std::fs::write(&private, b"old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = run(&["forms", "--cards", "-o", private.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Temporary files of saves killed earlier (their processes gone) are
    // removed by the next save of the same file; another file's stay.
    let stale = [
        dir.join(".private.pdf.4194000.tmp"),
        dir.join(".private.pdf.4194001-7.tmp"),
    ];
    for s in &stale {
        std::fs::write(s, b"half").unwrap();
    }
    let other = dir.join(".real.pdf.4194002-1.tmp");
    std::fs::write(&other, b"half").unwrap();
    let o = run(&["forms", "--cards", "-o", private.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for s in &stale {
        assert!(!s.exists(), "{} is left", s.display());
    }
    assert!(other.exists());
    // generate: all files or none. A folder where plans-0002.csv goes
    // stops it before any file is moved into place.
    let out = dir.join("study");
    std::fs::create_dir_all(out.join("plans-0002.csv")).unwrap();
    let o = run(&[
        "generate",
        "--cos",
        "3",
        "--members-per-co",
        "5",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("Nothing was written"), "{}", stderr(&o));
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["plans-0002.csv"]);
    std::fs::remove_dir_all(out.join("plans-0002.csv")).unwrap();
    let o = run(&[
        "generate",
        "--cos",
        "3",
        "--members-per-co",
        "5",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 4);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The traps of issue 27, typed on the command line as staff type them.
#[test]
fn price_reads_entries_the_way_staff_mean_them() {
    let price = |extra: &[&str]| {
        let mut args = vec!["price", "--amount", "50,000", "--months", "12"];
        args.extend_from_slice(extra);
        run(&args)
    };
    // A tax named as a charge of its own is a tax on the fee, never 16% of the loan.
    let o = price(&["--markup", "25%", "--fee", "2%", "--charge", "FED: 16%"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("fee             Rs 1,000.00 + tax Rs 160.00, deducted at disbursement"),
        "{s}"
    );
    assert!(!s.contains("8,000"), "{s}");
    assert_eq!(
        s,
        stdout(&price(&["--markup", "25%", "--fee", "2% +16% FED"]))
    );
    let o = price(&["--markup", "25%", "--charge", "FED: 16%"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a tax on charges, and no charge of the lender is given"),
        "{}",
        stderr(&o)
    );
    // The tax's place.
    let o = price(&["--fee", "2% +16% FED min Rs 1,000"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("write \"2% min Rs 1,000 +16% FED\""),
        "{}",
        stderr(&o)
    );
    // Words beside the markup: understood, or answered with the flags to use.
    assert_eq!(
        stdout(&price(&["--markup", "28% declining"])),
        stdout(&price(&["--markup", "28%", "--basis", "declining"]))
    );
    assert_eq!(
        stdout(&price(&["--markup", "20% flat"])),
        stdout(&price(&["--markup", "20%"]))
    );
    let o = price(&["--markup", "28% declining", "--basis", "flat"]);
    assert!(
        stderr(&o).contains("contradict each other"),
        "{}",
        stderr(&o)
    );
    let o = price(&["--markup", "23% per 336 days"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("write --markup 23% --markup-per term --frequency four-weekly --instalments 12 --months 11"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "price",
        "--amount",
        "50000",
        "--months",
        "11",
        "--markup",
        "23%",
        "--markup-per",
        "term",
        "--frequency",
        "four-weekly",
        "--instalments",
        "12",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Urdu digits and ٪ in a fee, none for 0.
    assert_eq!(
        stdout(&price(&[
            "--markup", "۲۰٪", "--fee", "۲٪", "--grace", "none"
        ])),
        stdout(&price(&["--markup", "20%", "--fee", "2%"]))
    );
    // A fee quoted as a range: both ends shown.
    let o = price(&["--markup", "20%", "--fee", "Rs 1,000-2,000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("Quoted as ranges: fee Rs 1,000-2,000"), "{s}");
    assert!(s.contains("Received in hand  Rs 48,000.00"), "{s}");
    assert!(s.contains("At the low end:   received Rs 49,000.00"), "{s}");
    // schedule shows the high end and says so, in every form it writes.
    let sched = |extra: &[&str]| {
        let mut a = vec![
            "schedule",
            "--amount",
            "50000",
            "--months",
            "12",
            "--markup",
            "20%",
            "--fee",
            "Rs 1,000-2,000",
        ];
        a.extend_from_slice(extra);
        run(&a)
    };
    let o = sched(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.starts_with("Quoted as ranges: fee Rs 1,000-2,000. This schedule is at the high end."),
        "{s}"
    );
    assert!(s.contains("Received in hand  Rs 48,000.00"), "{s}");
    assert!(s.contains("At the low end:   received Rs 49,000.00"), "{s}");
    for form in ["--csv", "--json"] {
        let o = sched(&[form]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("This schedule is at the high end"),
            "{form}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).contains("2000"), "{form}: {}", stdout(&o));
    }
    let o = run(&[
        "schedule", "--amount", "50000", "--months", "12", "--markup", "20%", "--csv",
    ]);
    assert_eq!(stderr(&o), "", "no range, no note");
    let o = price(&["--markup", "20%", "--fee", "0-2% min Rs 1,000", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["received"], "49000");
    assert_eq!(v["low_end"]["received"], "49000");
    let o = price(&["--markup", "20%", "--insurance", "Rs 200-800", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["received"], "49200");
    assert_eq!(v["low_end"]["received"], "49800");
    assert_eq!(v["ranges"][0], "insurance Rs 200-800");
    // The matrix refuses what price refuses.
    let o = price(&["--frequency", "four-weekly", "--instalments", "12"]);
    assert!(
        stderr(&o).contains("12 four-weekly instalments take 11 months"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "check",
        "--matrix",
        error_file("matrix-four-weekly-in-twelve-months.csv")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("12 four-weekly instalments take 11 months (give term_months 11"),
        "{}",
        stderr(&o)
    );
}

/// Issue 27: a due date beyond the calendar's end is an error, not a
/// negative instalment; markup only totals exactly.
#[test]
fn the_calendars_end_and_interest_only_rounding() {
    let o = run(&[
        "price",
        "--amount",
        "25000",
        "--months",
        "12",
        "--markup",
        "25%",
        "--basis",
        "declining",
        "--day-count",
        "actual-365",
        "--disbursed",
        "9999-12-31",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o)
            .contains("the last due date would fall after 31 Dec 9999, the end of the calendar"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    let o = run(&[
        "price",
        "--amount",
        "50000",
        "--months",
        "12",
        "--markup",
        "25%",
        "--basis",
        "declining",
        "--structure",
        "interest-only",
    ]);
    assert!(
        stdout(&o).contains("Total repaid      Rs 62,500.00"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("Last instalment   Rs 51,038.00"),
        "{}",
        stdout(&o)
    );
}

/// `card`: a loan card to its true cost by each method, and beside a
/// product's quoted terms.
#[test]
fn card_prices_a_loan_card_by_each_method() {
    let card = param("example-card.csv");
    let o = run(&["card", &card]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    // Kashf's Karobar Karza as a card: MFTransparency published up to 41.3%.
    assert!(s.contains("Received in hand  Rs 19,400.00"), "{s}");
    assert!(s.contains("Cost of credit    Rs 4,600.00"), "{s}");
    assert!(s.contains("APR               41.23%"), "{s}");
    for (method, apr) in [
        ("periodic", "41.228"),
        ("us-actuarial", "41.228"),
        ("eu", "50.253"),
    ] {
        let o = run(&["card", &card, "--method", method, "--json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["method"], method);
        assert_eq!(v["total_cost"], "4600");
        assert!(v["apr_percent"].as_str().unwrap().starts_with(apr), "{v}");
        assert!(v["eir_percent"].as_str().is_some(), "{v}");
        assert!(v["compared"].is_null());
    }
    // Beside a product's quoted terms, in rupees.
    let o = run(&[
        "card",
        &card,
        "--product",
        "Kashf / Business loan",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["compared"]["institution"], "Kashf");
    assert_eq!(v["compared"]["months"], 12);
    assert!(
        v["compared"]["verdict"]
            .as_str()
            .unwrap()
            .starts_with("the card costs"),
        "{v}"
    );
    let o = run(&["card", &card, "--product", "Nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no institution \"Nobody\" in the matrix"),
        "{}",
        stderr(&o)
    );
    let o = run(&["card", &card, "--method", "french"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected one of periodic, us-actuarial, eu"),
        "{}",
        stderr(&o)
    );
    // A bad card: every problem, each with its line and column.
    let dir = std::env::temp_dir().join(format!("mfi-card-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "date,amount,what\n2026-01-15,25000,disbursed\n2026-02-30,2604,payment\n2026-03-15,2604,paymnet\n",
    )
    .unwrap();
    let o = run(&["card", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains(
            "bad.csv:3: column \"date\": expected a date like 2026-01-15, found \"2026-02-30\""
        ),
        "{e}"
    );
    assert!(e.contains("bad.csv:4: column \"what\""), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}
