//! `batch` over a generated network: one summary row per CO, the same
//! figures as `score` gives for each CO alone, a malformed file reported by
//! name and skipped, and the exit code.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mfi-compare"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).expect("summary readable");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header[0], "file");
    r.records()
        .map(|x| x.expect("row").iter().map(String::from).collect())
        .collect()
}

fn col(name: &str) -> usize {
    mfi_core::output::batch::SUMMARY_HEADER
        .iter()
        .position(|h| *h == name)
        .expect("column")
}

fn generate(dir: &Path) {
    let d = dir.to_str().expect("utf-8 path");
    let o = run(&[
        "generate",
        "--cos",
        "4",
        "--members-per-co",
        "15",
        "--mfis",
        "6",
        "--products",
        "3",
        "--seed",
        "7",
        "-o",
        d,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

#[test]
fn batch_scores_every_co_like_score_and_skips_a_malformed_file() {
    let dir = tempdir("network");
    generate(&dir);
    // A plans file with a bad age on line 2 and a bad CNIC answer on line 3.
    let good = std::fs::read_to_string(dir.join("plans-0002.csv")).expect("generated");
    let mut lines: Vec<String> = good.lines().take(4).map(String::from).collect();
    for (line, column, value) in [(1, 4, "forty"), (2, 5, "maybe")] {
        let mut cells: Vec<&str> = lines[line].split(',').collect();
        cells[column] = value;
        lines[line] = cells.join(",");
    }
    std::fs::write(dir.join("plans-bad.csv"), lines.join("\n")).expect("write");
    let summary = dir.join("summary.csv");
    let m = dir.join("matrix.csv");
    let o = run(&[
        "batch",
        "--matrix",
        m.to_str().unwrap(),
        "--plans-dir",
        dir.to_str().unwrap(),
        "--draws",
        "500",
        "-o",
        summary.to_str().unwrap(),
    ]);
    let err = text(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a failed file makes exit 1: {err}"
    );
    assert!(err.contains("plans-bad.csv:2:"), "{err}");
    assert!(err.contains("plans-bad.csv:3:"), "all its problems: {err}");
    assert!(
        err.contains("plans-bad.csv: skipped, 2 problem(s)"),
        "{err}"
    );
    assert!(
        !err.contains("plans-0001"),
        "good files are not blamed: {err}"
    );
    assert!(text(&o.stdout).contains("4 CO(s) scored, 1 failed"));

    let rows = rows(&summary);
    assert_eq!(rows.len(), 5, "one row per file, the bad one included");
    let bad = rows
        .iter()
        .find(|r| r[0].ends_with("plans-bad.csv"))
        .expect("bad row");
    assert!(
        bad[col("status")].starts_with("failed: 2 problem(s)"),
        "{bad:?}"
    );
    assert!(bad[col("recommended")].is_empty());
    for co in 1..=4 {
        let file = dir.join(format!("plans-{co:04}.csv"));
        let row = rows
            .iter()
            .find(|r| Path::new(&r[0]) == file)
            .expect("a row per CO");
        assert_eq!(row[col("status")], "ok");
        assert_eq!(row[col("co")], format!("CO {co:04}"));
        assert_eq!(row[col("members")], "15");
        // The same CO scored alone, every reason in words.
        let s = run(&[
            "score",
            "--matrix",
            m.to_str().unwrap(),
            "--plans",
            file.to_str().unwrap(),
            "--draws",
            "500",
            "--json",
        ]);
        assert_eq!(s.status.code(), Some(0), "{}", text(&s.stderr));
        let j: serde_json::Value = serde_json::from_slice(&s.stdout).expect("json");
        let ranking = j["ranking"].as_array().expect("ranking");
        let first = &ranking[0];
        assert_eq!(
            row[col("first_by_co_score")],
            first["mfi"].as_str().unwrap()
        );
        // The verdict: score's when the batch could judge it (no unknown
        // fact left to draw), else nothing named and the reason given.
        let verdict = &row[col("verdict")];
        if verdict.starts_with("not judged here") {
            assert!(row[col("recommended")].is_empty(), "{row:?}");
        } else {
            assert_eq!(
                row[col("recommended")],
                j["recommended"].as_str().unwrap_or(""),
                "{row:?}"
            );
        }
        assert_eq!(
            row[col("score")],
            format!("{:.2}", first["score"].as_f64().unwrap())
        );
        assert_eq!(row[col("runner_up")], ranking[1]["mfi"].as_str().unwrap());
        for (ours, theirs) in [
            ("eligible_members", "eligible_members"),
            ("affordable_members", "affordable_members"),
            ("affordable_under_stress", "affordable_under_stress"),
            ("served_if_putting_aside", "served_if_putting_aside"),
            ("not_paying_for_itself", "not_paying_for_itself"),
        ] {
            assert_eq!(row[col(ours)], first[theirs].to_string(), "{ours}");
        }
        let money = |v: &serde_json::Value| {
            v.as_str()
                .map(String::from)
                .unwrap_or_else(|| v.to_string())
        };
        assert_eq!(row[col("total_borrowed")], money(&first["total_borrowed"]));
        assert_eq!(row[col("total_cost")], money(&first["total_cost"]));
        assert_eq!(row[col("total_cost_low")], money(&first["total_cost_low"]));
        let share = j["stability"]["acceptability"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["mfi"] == first["mfi"])
            .map(|a| a["first_share"].as_f64().unwrap())
            .unwrap_or(0.0);
        assert_eq!(
            row[col("first_in_share_of_weight_draws")],
            format!("{share:.3}")
        );
        assert!(row[col("stability")].contains("over the weights"));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn batch_is_the_same_on_one_thread_and_exits_0_when_every_file_is_good() {
    let dir = tempdir("threads");
    generate(&dir);
    let m = dir.join("matrix.csv");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.join(format!("summary-{threads}.csv"));
        let o = run(&[
            "batch",
            "--matrix",
            m.to_str().unwrap(),
            "--plans-dir",
            dir.to_str().unwrap(),
            "--threads",
            threads,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert!(o.stderr.is_empty(), "no progress bar off a terminal");
        outputs.push(std::fs::read(&out).expect("summary"));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(
        rows(&dir.join("summary-1.csv")).len(),
        4,
        "summaries are not read as plans"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn batch_on_the_built_in_study_writes_a_report_per_co() {
    let dir = tempdir("kasur");
    let plans = format!(
        "{}/parameters/kasur-2010-plans.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::copy(&plans, dir.join("kasur.csv")).expect("copy");
    let reports = dir.join("reports");
    let out = dir.join("summary.csv");
    let o = run(&[
        "batch",
        "--plans-dir",
        dir.to_str().unwrap(),
        "--reports",
        reports.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = rows(&out);
    assert_eq!(rows.len(), 1);
    let s = run(&["score", "--csv"]);
    let first = text(&s.stdout)
        .lines()
        .nth(1)
        .expect("ranking row")
        .split(',')
        .nth(1)
        .expect("mfi")
        .to_string();
    assert_eq!(rows[0][col("first_by_co_score")], first);
    // With the reports, the draws over the data are made: the summary
    // names what score names (on the built-in study, no MFI yet).
    let s = run(&["score", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&s.stdout).expect("json");
    assert_eq!(
        rows[0][col("recommended")],
        j["recommended"].as_str().unwrap_or("")
    );
    assert_eq!(rows[0][col("verdict")], "no MFI can be recommended yet");
    let pdf = reports.join("kasur.pdf");
    assert_eq!(rows[0][col("report")], pdf.display().to_string());
    let bytes = std::fs::read(&pdf).expect("report written");
    assert!(bytes.starts_with(b"%PDF"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn batch_refuses_an_empty_folder_and_a_broken_matrix() {
    let dir = tempdir("empty");
    let out = dir.join("summary.csv");
    let o = run(&[
        "batch",
        "--plans-dir",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no plans files"),
        "{}",
        text(&o.stderr)
    );
    std::fs::write(dir.join("plans.csv"), "member,co\n").expect("write");
    let m = dir.join("matrix.csv");
    std::fs::write(&m, "institution,product,parameter,value\nA,,markup,lots\n").expect("write");
    let o = run(&[
        "batch",
        "--matrix",
        m.to_str().unwrap(),
        "--plans-dir",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("matrix.csv:2:"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists(), "nothing written when the matrix is broken");
    std::fs::remove_dir_all(&dir).ok();
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("mfi-batch-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&d).ok();
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The summary is no surer than the study: for the built-in CO, Akhuwat is
/// first in every weight draw, but every member it serves waits on facts it
/// has not confirmed, and its cost is a range; the summary says so.
#[test]
fn the_summary_says_what_is_still_to_confirm() {
    let dir = tempdir("kasur-confirm");
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("parameters/kasur-2010-plans.csv");
    std::fs::copy(&plans, dir.join("co1.csv")).expect("copy");
    let out = dir.join("summary.csv");
    let o = run(&[
        "batch",
        "--plans-dir",
        dir.to_str().unwrap(),
        "--draws",
        "500",
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let r = rows(&out);
    let row = r
        .iter()
        .find(|r| r[0].ends_with("co1.csv"))
        .expect("the CO");
    // Kasur's matrix leaves facts unknown: without the reports the batch
    // draws over the weights alone, so it names no MFI and says why.
    assert_eq!(row[col("first_by_co_score")], "Akhuwat");
    assert_eq!(row[col("recommended")], "");
    assert!(
        row[col("verdict")].starts_with("not judged here: ")
            && row[col("verdict")].contains("unknown facts to draw"),
        "{row:?}"
    );
    assert_eq!(
        row[col("affordable_only_if_confirmed")],
        row[col("affordable_members")]
    );
    assert_eq!(row[col("total_cost_low")], "0");
    assert_ne!(row[col("total_cost")], "0");
    assert_eq!(
        row[col("stability")],
        "stable over the weights; to confirm with the MFI"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Issue 28: one report per input, even when two inputs share a name but
/// for the extension (`co-1.csv` and `co-1.xlsx` each get theirs); a
/// summary a spreadsheet opens without running anything (file, CO and MFI
/// names that look like formulas are neutralised); a workbook that cannot
/// be read is a row of the summary, and the others are scored.
#[test]
fn batch_writes_one_report_per_input_and_a_summary_that_runs_nothing() {
    let dir = tempdir("hostile");
    let plans_dir = dir.join("plans");
    std::fs::create_dir_all(&plans_dir).unwrap();
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core/tests");
    let csv = std::fs::read_to_string(core.join("valid/plans-semicolon.csv")).unwrap();
    std::fs::write(plans_dir.join("co-1.csv"), &csv).unwrap();
    std::fs::copy(core.join("valid/plans.xlsx"), plans_dir.join("co-1.xlsx")).unwrap();
    // A CO named like a formula, in a file named like one.
    let formula = csv.replace("CO-1", "=HYPERLINK(\"http://x\")");
    assert_ne!(formula, csv);
    std::fs::write(plans_dir.join("=cmd.csv"), &formula).unwrap();
    std::fs::copy(
        core.join("errors/plans-date-out-of-range.xlsx"),
        plans_dir.join("hostile.xlsx"),
    )
    .unwrap();
    let reports = dir.join("reports");
    let summary = dir.join("summary.csv");
    let o = run(&[
        "batch",
        "--plans-dir",
        plans_dir.to_str().unwrap(),
        "--reports",
        reports.to_str().unwrap(),
        "--draws",
        "50",
        "-q",
        "-o",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "hostile.xlsx [Members]:2: column \"age\": cell C2: it is a date after the year 9999"
        ),
        "{err}"
    );
    let mut pdfs: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pdfs.sort();
    assert_eq!(pdfs, ["=cmd.pdf", "co-1.csv.pdf", "co-1.xlsx.pdf"]);
    let r = rows(&summary);
    assert_eq!(r.len(), 4);
    let raw = std::fs::read_to_string(&summary).unwrap();
    for line in raw.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a cell a spreadsheet would run: {cell} in {line}"
            );
        }
    }
    assert!(raw.contains("'=HYPERLINK"), "{raw}");
    assert!(
        r.iter()
            .any(|row| row[col("status")].starts_with("failed: 2 problem(s), first: "))
    );
    assert_eq!(r.iter().filter(|row| row[col("status")] == "ok").count(), 3);
    std::fs::remove_dir_all(&dir).ok();
}
