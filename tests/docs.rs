//! The README and the guide (`docs/`) as a reader meets them: every command
//! they show in a `console` block runs against the binary and prints what
//! the page says (trycmd), so the docs cannot drift from the program; and
//! the guide holds together as a book: every chapter its `SUMMARY.md` lists
//! exists and every page is listed, every link to a page, a heading or a
//! file of the repository resolves, and no command hides where it is not
//! run.
//!
//! The examples run in a folder of their own (what they write, `report.pdf`
//! or `forms.pdf`, lands there), with `parameters/`, `crates/` and `tests/`
//! of the repository beside them and the files of `tests/docs-examples/` at
//! its top. `TRYCMD=overwrite cargo test --test docs` writes what the
//! binary prints into the pages (keeping `...` and `[..]`), to review with
//! `git diff`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pages: the README and every Markdown file of the guide.
fn pages() -> Vec<PathBuf> {
    let mut out = vec![root().join("README.md")];
    let mut dirs = vec![root().join("docs")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("docs/ is there") {
            let p = e.expect("an entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root())
        .unwrap_or(p)
        .to_string_lossy()
        .into_owned()
}

#[cfg(unix)]
#[test]
fn every_command_shown_runs_and_prints_what_the_page_says() {
    let scratch = std::env::temp_dir().join(format!("mfi-compare-docs-{}", std::process::id()));
    std::fs::remove_dir_all(&scratch).ok();
    std::fs::create_dir_all(&scratch).expect("a folder for the examples");
    for d in ["parameters", "crates", "tests"] {
        std::os::unix::fs::symlink(root().join(d), scratch.join(d)).expect("linked");
    }
    for e in std::fs::read_dir(root().join("tests/docs-examples")).expect("the examples' files") {
        let p = e.expect("an entry").path();
        std::fs::copy(&p, scratch.join(p.file_name().expect("a name"))).expect("copied");
    }
    // The examples' commands run where a reader would type them: in this
    // folder (trycmd runs a page's commands in the test's own folder).
    std::env::set_current_dir(&scratch).expect("moved into the examples' folder");
    let cases = trycmd::TestCases::new();
    cases.register_bin(
        "mfi-compare",
        PathBuf::from(env!("CARGO_BIN_EXE_mfi-compare")),
    );
    for p in pages() {
        cases.case(p);
    }
    cases.run();
    std::env::set_current_dir(root()).ok();
    std::fs::remove_dir_all(&scratch).ok();
}

/// A fenced block of a page: its info string, first line and lines.
struct Fence {
    info: String,
    line: usize,
    lines: Vec<String>,
}

fn fences(text: &str) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<Fence> = None;
    for (i, l) in text.lines().enumerate() {
        match &mut open {
            None => {
                if let Some(info) = l.trim_start().strip_prefix("```") {
                    open = Some(Fence {
                        info: info.trim().to_string(),
                        line: i + 1,
                        lines: Vec::new(),
                    });
                }
            }
            Some(f) => {
                if l.trim_start().starts_with("```") {
                    out.extend(open.take());
                } else {
                    f.lines.push(l.to_string());
                }
            }
        }
    }
    out
}

/// Every command shown is run: a line `$ mfi-compare ...` (or `mfi-compare
/// ...` that is not a usage line) stands only in a `console` block, which
/// the test above runs, and a `console` block runs only `mfi-compare` (no
/// shell: no pipe, no other program).
#[test]
fn no_command_hides_where_it_is_not_run() {
    let mut wrong = Vec::new();
    let mut run = 0;
    for p in pages() {
        let text = std::fs::read_to_string(&p).expect("a page");
        for f in fences(&text) {
            for l in &f.lines {
                // A usage line is a synopsis (its options in brackets), not
                // a command to run; any other line that starts with the
                // program's name is a command shown.
                if l.starts_with("mfi-compare ") && !l.contains('[') {
                    wrong.push(format!(
                        "{}:{}: a command in a `{}` block is not run: make it a `console` block (`$ {l}`)",
                        rel(&p),
                        f.line,
                        f.info
                    ));
                }
                let Some(cmd) = l.strip_prefix("$ ") else {
                    continue;
                };
                if f.info == "console" {
                    run += 1;
                    if !cmd.starts_with("mfi-compare ") || cmd.contains(" | ") {
                        wrong.push(format!(
                            "{}:{}: a console block runs mfi-compare alone: {l}",
                            rel(&p),
                            f.line
                        ));
                    }
                } else {
                    wrong.push(format!(
                        "{}:{}: a command in a `{}` block is not run: make it a `console` block",
                        rel(&p),
                        f.line,
                        f.info
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        run >= 30,
        "only {run} commands are shown: were the pages moved?"
    );
}

/// The id a heading gets in the book (and on GitHub): its text without
/// Markdown marks, lower case, spaces as hyphens, other punctuation dropped.
fn heading_id(heading: &str) -> String {
    let mut text = String::new();
    let mut rest = heading;
    // A link's text stays, its target goes.
    while let Some(i) = rest.find("](") {
        text.push_str(&rest[..i]);
        rest = rest[i..].find(')').map_or("", |e| &rest[i + e + 1..]);
    }
    text.push_str(rest);
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The ids of a page's headings (outside code blocks).
fn ids(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut code = false;
    for l in text.lines() {
        if l.trim_start().starts_with("```") {
            code = !code;
        } else if !code && l.starts_with('#') {
            let h = l.trim_start_matches('#');
            if h.starts_with(' ') {
                out.insert(heading_id(h.trim()));
            }
        }
    }
    out
}

/// The links of a page (outside code blocks and inline code): their
/// targets, with the line they are on.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut code = false;
    for (i, l) in text.lines().enumerate() {
        if l.trim_start().starts_with("```") {
            code = !code;
            continue;
        }
        if code {
            continue;
        }
        // Inline code holds no link.
        let mut plain = String::new();
        for (k, part) in l.split('`').enumerate() {
            if k % 2 == 0 {
                plain.push_str(part);
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else {
                break;
            };
            out.push((i + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    out
}

/// Every link resolves: a page or file of the repository that exists, and
/// a `#heading` that the page it names has.
#[test]
fn every_link_of_the_readme_and_the_guide_resolves() {
    let pages = pages();
    let headings: BTreeMap<PathBuf, BTreeSet<String>> = pages
        .iter()
        .map(|p| (p.clone(), ids(&std::fs::read_to_string(p).expect("a page"))))
        .collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for p in &pages {
        let text = std::fs::read_to_string(p).expect("a page");
        for (line, target) in links(&text) {
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            checked += 1;
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let dir = p.parent().expect("a folder");
            let file = if file.is_empty() {
                p.clone()
            } else {
                dir.join(file)
            };
            let Ok(file) = file.canonicalize() else {
                broken.push(format!("{}:{line}: no such file: {target}", rel(p)));
                continue;
            };
            if let Some(a) = anchor {
                match headings.get(&file) {
                    Some(h) if h.contains(a) => {}
                    Some(_) => broken.push(format!(
                        "{}:{line}: no heading #{a} in {}",
                        rel(p),
                        rel(&file)
                    )),
                    None => broken.push(format!(
                        "{}:{line}: #{a} in a file that is not a page: {target}",
                        rel(p)
                    )),
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 100, "only {checked} links checked");
}

/// The book holds together: every chapter `SUMMARY.md` lists exists, and
/// every page of `docs/` is listed (a page left out would not be built).
#[test]
fn the_summary_lists_every_page_of_the_guide_and_only_those() {
    let docs = root().join("docs");
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).expect("docs/SUMMARY.md");
    let listed: BTreeSet<PathBuf> = links(&summary)
        .into_iter()
        .map(|(line, t)| {
            let p = docs.join(&t);
            assert!(p.is_file(), "SUMMARY.md:{line}: no chapter {t}");
            p
        })
        .collect();
    let unlisted: Vec<String> = pages()
        .into_iter()
        .filter(|p| p.starts_with(&docs) && !p.ends_with("SUMMARY.md") && !listed.contains(p))
        .map(|p| rel(&p))
        .collect();
    assert!(
        unlisted.is_empty(),
        "pages the book leaves out: {unlisted:?}"
    );
    let book = std::fs::read_to_string(docs.join("book.toml")).expect("docs/book.toml");
    assert!(
        book.contains("src = \".\""),
        "the book's chapters are docs/ itself"
    );
}

/// The README is a front page: short, with its two commands.
#[test]
fn the_readme_is_a_front_page() {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let lines = text.lines().count();
    assert!(
        lines <= 350,
        "the README has {lines} lines: move the detail to docs/"
    );
    for said in [
        "## The two commands",
        "cargo run --release",
        "cargo test",
        "## Download and run",
    ] {
        assert!(text.contains(said), "the README lacks {said}");
    }
}
