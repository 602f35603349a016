//! The architecture, checked: the core depends on no GUI, PDF or CLI crate
//! (read from Cargo.lock, so dev-dependencies count too), the PDF writer on
//! no GUI or CLI crate, the app on no CLI crate; the core's modules import
//! each other in one direction only (no cycles between its layers); no
//! source file grows past 800 lines and no folder's files import each other
//! in a circle, beyond the lists of today's that may only shrink; no fact
//! is read by its key written as a string (`Param` names every parameter).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every package of Cargo.lock with the names of its dependencies.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    let mut graph = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .map(|n| n.trim_end_matches('"').to_string())
            .unwrap();
        let mut deps = Vec::new();
        let mut inside = false;
        for l in block.lines() {
            if l.starts_with("dependencies = [") {
                inside = true;
            } else if inside && l.starts_with(']') {
                inside = false;
            } else if inside {
                // ` "name",` or ` "name version",`
                let d = l.trim().trim_matches(|c| c == '"' || c == ',');
                deps.push(d.split(' ').next().unwrap().to_string());
            }
        }
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

/// Every package `name` depends on, directly or not.
fn closure(graph: &BTreeMap<String, Vec<String>>, name: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![name.to_string()];
    while let Some(n) = todo.pop() {
        for d in graph.get(&n).into_iter().flatten() {
            if seen.insert(d.clone()) {
                todo.push(d.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_depends_on_no_gui_pdf_or_cli_crate() {
    let g = lock_graph();
    let gui = [
        "egui",
        "eframe",
        "egui_extras",
        "egui_plot",
        "rfd",
        "winit",
        "wgpu",
    ];
    let pdf = ["printpdf", "harfrust"];
    let cli = ["clap", "indicatif", "mimalloc"];
    let core = closure(&g, "mfi-core");
    assert!(core.contains("rust_decimal"), "{core:?}");
    for bad in gui.iter().chain(&pdf).chain(&cli) {
        assert!(!core.contains(*bad), "mfi-core depends on {bad}");
    }
    let pdf_crate = closure(&g, "mfi-pdf");
    assert!(pdf_crate.contains("printpdf"));
    for bad in gui.iter().chain(&cli) {
        assert!(!pdf_crate.contains(*bad), "mfi-pdf depends on {bad}");
    }
    let app = closure(&g, "mfi-app");
    assert!(app.contains("egui") && app.contains("mfi-pdf"));
    for bad in cli {
        assert!(!app.contains(bad), "mfi-app depends on {bad}");
    }
}

/// The top-level module (file or folder) of each `crate::x` a file names.
fn modules_used(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            used.insert(name);
        }
    }
    // `use crate::{a, b::c}` names several at once.
    for (i, _) in text.match_indices("crate::{") {
        let rest = &text[i + "crate::{".len()..];
        let inner = &rest[..rest.find('}').unwrap_or(0)];
        for part in inner.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
    }
    used
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_cores_layers_import_each_other_in_one_direction() {
    let src = root().join("crates/core/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Each top-level module (a file or a folder of the core) and the
    // top-level modules it uses; the code of tests does not count.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let entry = graph.entry(top.clone()).or_default();
        for m in modules_used(code) {
            if m != top {
                entry.insert(m);
            }
        }
    }
    assert!(graph.len() >= 12, "{graph:?}");
    // Depth-first search for a cycle, naming it if found.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(n) {
            return;
        }
        if let Some(i) = path.iter().position(|p| p == n) {
            panic!("import cycle: {} -> {n}", path[i..].join(" -> "));
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            visit(m, graph, path, done);
        }
        path.pop();
        done.insert(n.to_string());
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        visit(n, &graph, &mut Vec::new(), &mut done);
    }
    // The bottom layers stay at the bottom.
    for low in ["money", "fact", "error", "date", "pricing"] {
        for high in ["data", "scoring", "voice", "report", "output", "batch"] {
            assert!(
                !graph[low].contains(high),
                "{low} imports {high}: {:?}",
                graph[low]
            );
        }
    }
    assert!(!graph["data"].contains("scoring"), "{:?}", graph["data"]);
    assert!(!graph["scoring"].contains("output") && !graph["scoring"].contains("report"));
    // The members' voice reads the evaluation: above scoring, below what is
    // written. What they said is the study's data, held by the study file.
    for low in ["data", "scoring"] {
        assert!(!graph[low].contains("voice"), "{low}: {:?}", graph[low]);
    }
    assert!(!graph["voice"].contains("output") && !graph["voice"].contains("report"));
}

/// The most lines a source file should hold: past it, a file holds several
/// concerns and is split, one file per concern.
const MOST_LINES: usize = 800;

/// The source files over `MOST_LINES` today, each with its line count as its
/// ceiling: a listed file may shrink, never grow past its ceiling, and leaves
/// the list when it gets under the limit. No file joins the list. Empty
/// since every file was split under the limit.
const OVER_THE_LIMIT: &[(&str, usize)] = &[];

/// The circles of files that import each other inside one folder today,
/// each as its folder and its files (or sub-folders) in alphabetical order.
/// A circle may only shrink (a file moved out of it, what both need moved to
/// where it belongs); no circle joins the list. Empty since the last circles
/// (the app's evaluator, files and web; scoring's cache, evaluation,
/// measures and ranking) were broken.
const CIRCLES: &[(&str, &[&str])] = &[];

/// The source files of every package of the workspace, `src/` and
/// `crates/*/src/` (the tests, benches and fuzz targets live outside them),
/// each with the `src` folder of its package.
fn source_files() -> Vec<(PathBuf, PathBuf)> {
    let mut roots = vec![root().join("src")];
    for e in std::fs::read_dir(root().join("crates")).unwrap() {
        let src = e.unwrap().path().join("src");
        if src.is_dir() {
            roots.push(src);
        }
    }
    let mut out = Vec::new();
    for r in roots {
        let mut files = Vec::new();
        rust_files(&r, &mut files);
        out.extend(files.into_iter().map(|f| (f, r.clone())));
    }
    out.sort();
    out
}

/// A path relative to the workspace, with `/` whatever the system.
fn shown(path: &Path) -> String {
    let rel = path.strip_prefix(root()).unwrap();
    let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
    parts.join("/")
}

#[test]
fn no_source_file_grows_past_800_lines() {
    let listed: BTreeMap<&str, usize> = OVER_THE_LIMIT.iter().copied().collect();
    assert_eq!(listed.len(), OVER_THE_LIMIT.len(), "a file listed twice");
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (file, _) in source_files() {
        let name = shown(&file);
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        match listed.get(name.as_str()) {
            Some(&ceiling) => {
                seen.insert(name.clone());
                if lines > ceiling {
                    problems.push(format!(
                        "{name}: {lines} lines, more than its ceiling of {ceiling}: \
                         split it, one file per concern, rather than raise the ceiling"
                    ));
                } else if lines <= MOST_LINES {
                    problems.push(format!(
                        "{name}: {lines} lines, under the limit of {MOST_LINES} now: \
                         remove it from OVER_THE_LIMIT so that it stays there"
                    ));
                }
            }
            None if lines > MOST_LINES => problems.push(format!(
                "{name}: {lines} lines, over the limit of {MOST_LINES}: \
                 split it, one file per concern"
            )),
            None => {}
        }
    }
    for name in listed.keys() {
        if !seen.contains(*name) {
            problems.push(format!(
                "{name} is in OVER_THE_LIMIT but is no source file any more: remove it from the list"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The code of a file as it is compiled outside tests: its test module cut
/// off and its comments dropped (a doc link imports nothing).
fn code_of(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The paths of a use tree that starts at `i` (`a::b::{c, d::e as f}`), each
/// with the name it is known by; globs are left out.
fn use_tree(s: &[u8], i: &mut usize, prefix: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    let skip = |i: &mut usize| {
        while *i < s.len() && s[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    let mut path = prefix;
    loop {
        skip(i);
        if *i < s.len() && s[*i] == b'{' {
            *i += 1;
            loop {
                skip(i);
                if *i >= s.len() {
                    return;
                }
                if s[*i] == b'}' {
                    *i += 1;
                    return;
                }
                let before = *i;
                use_tree(s, i, path.clone(), out);
                skip(i);
                if *i < s.len() && s[*i] == b',' {
                    *i += 1;
                } else if *i == before {
                    return;
                }
            }
        }
        let start = *i;
        while *i < s.len() && is_ident(s[*i]) {
            *i += 1;
        }
        if *i == start {
            return;
        }
        let id = String::from_utf8_lossy(&s[start..*i]).to_string();
        path.push(id.clone());
        if s[*i..].starts_with(b"::") {
            *i += 2;
            continue;
        }
        let mut j = *i;
        skip(&mut j);
        if s[j..].starts_with(b"as ") {
            j += 3;
            skip(&mut j);
            let a = j;
            while j < s.len() && is_ident(s[j]) {
                j += 1;
            }
            *i = j;
            let alias = String::from_utf8_lossy(&s[a..j]).to_string();
            out.push((path, alias));
        } else {
            out.push((path, id));
        }
        return;
    }
}

/// Every path of `code` that starts at `word` (`crate`, `super`, `use`...)
/// standing alone, as a use tree.
fn paths_from(code: &str, word: &str) -> Vec<(Vec<String>, String)> {
    let s = code.as_bytes();
    let mut out = Vec::new();
    for (at, _) in code.match_indices(word) {
        if at > 0 && (is_ident(s[at - 1]) || s[at - 1] == b':') {
            continue;
        }
        let end = at + word.len();
        if word == "use" {
            if s.get(end).is_none_or(|c| !c.is_ascii_whitespace()) {
                continue;
            }
            let mut i = end;
            use_tree(s, &mut i, Vec::new(), &mut out);
        } else if s[end..].starts_with(b"::") {
            let mut i = at;
            use_tree(s, &mut i, Vec::new(), &mut out);
        }
    }
    out
}

/// A path of a file of module `module` as a path from its crate's root;
/// `None` when it leaves the crate.
fn absolute(module: &[String], path: &[String]) -> Option<Vec<String>> {
    match path.first().map(String::as_str) {
        Some("crate") => Some(path[1..].to_vec()),
        Some("super") => {
            let ups = path.iter().take_while(|p| *p == "super").count();
            let mut abs = module[..module.len().checked_sub(ups)?].to_vec();
            abs.extend(path[ups..].iter().cloned());
            Some(abs)
        }
        Some("self") => {
            let mut abs = module.to_vec();
            abs.extend(path[1..].iter().cloned());
            Some(abs)
        }
        _ => None,
    }
}

/// The module path of a source file from its crate's root (`data/mod.rs`
/// and `data.rs` are `data`; `lib.rs` and `main.rs` the root).
fn module_of(file: &Path, src: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|l| l == "mod") || parts == ["lib"] || parts == ["main"] {
        parts.pop();
    }
    parts
}

/// The circles of each folder of the workspace: the folder and the sorted
/// names of the files (or sub-folders) that reach each other through their
/// imports (`super::x`, `crate::a::x`, or a name their folder re-exports).
/// A file of a sub-folder imports for its sub-folder.
fn folder_circles() -> Vec<(String, Vec<String>)> {
    struct Source {
        src: PathBuf,
        module: Vec<String>,
        code: String,
    }
    let sources: Vec<Source> = source_files()
        .into_iter()
        .map(|(file, src)| Source {
            module: module_of(&file, &src),
            code: code_of(&std::fs::read_to_string(&file).unwrap()),
            src,
        })
        .collect();
    // The modules of each crate, and what each `use` names.
    let mut modules: BTreeSet<(PathBuf, Vec<String>)> = BTreeSet::new();
    for s in &sources {
        for k in 0..=s.module.len() {
            modules.insert((s.src.clone(), s.module[..k].to_vec()));
        }
    }
    let mut aliases: BTreeMap<(PathBuf, Vec<String>), Vec<String>> = BTreeMap::new();
    for s in &sources {
        for (path, name) in paths_from(&s.code, "use") {
            let abs = absolute(&s.module, &path).or_else(|| {
                // `use child::Item` names a module below this one.
                let mut child = s.module.clone();
                child.push(path.first()?.clone());
                modules
                    .contains(&(s.src.clone(), child))
                    .then(|| s.module.iter().chain(&path).cloned().collect())
            });
            if let Some(abs) = abs {
                let mut key = s.module.clone();
                key.push(name);
                if key != abs {
                    aliases.insert((s.src.clone(), key), abs);
                }
            }
        }
    }
    let resolve = |src: &PathBuf, mut abs: Vec<String>| {
        for _ in 0..8 {
            let found = (1..=abs.len()).find_map(|k| {
                let target = aliases.get(&(src.clone(), abs[..k].to_vec()))?;
                Some(target.iter().chain(&abs[k..]).cloned().collect::<Vec<_>>())
            });
            match found {
                Some(next) => abs = next,
                None => break,
            }
        }
        abs
    };
    // For each folder (crate and module path), the imports between its
    // files and sub-folders.
    type Graph = BTreeMap<String, BTreeSet<String>>;
    let mut folders: BTreeMap<(PathBuf, Vec<String>), Graph> = BTreeMap::new();
    for s in &sources {
        let mut paths = paths_from(&s.code, "crate");
        paths.extend(paths_from(&s.code, "super"));
        for (path, _) in paths {
            let Some(abs) = absolute(&s.module, &path) else {
                continue;
            };
            let abs = resolve(&s.src, abs);
            for k in 0..s.module.len() {
                let inside = abs.len() > k && abs[..k] == s.module[..k];
                if inside && abs[k] != s.module[k] {
                    let folder = s.module[..k].to_vec();
                    let mut sibling = folder.clone();
                    sibling.push(abs[k].clone());
                    if modules.contains(&(s.src.clone(), sibling)) {
                        folders
                            .entry((s.src.clone(), folder))
                            .or_default()
                            .entry(s.module[k].clone())
                            .or_default()
                            .insert(abs[k].clone());
                    }
                }
            }
        }
    }
    let mut circles = Vec::new();
    for ((src, folder), graph) in &folders {
        let reach = |from: &str| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![from.to_string()];
            while let Some(n) = todo.pop() {
                for m in graph.get(&n).into_iter().flatten() {
                    if seen.insert(m.clone()) {
                        todo.push(m.clone());
                    }
                }
            }
            seen
        };
        let reaches: BTreeMap<&String, BTreeSet<String>> =
            graph.keys().map(|n| (n, reach(n))).collect();
        let mut placed = BTreeSet::new();
        for (n, from_n) in &reaches {
            if placed.contains(*n) || !from_n.contains(*n) {
                continue;
            }
            let circle: Vec<String> = from_n
                .iter()
                .filter(|m| reaches.get(m).is_some_and(|r| r.contains(*n)))
                .cloned()
                .collect();
            placed.extend(circle.iter().cloned());
            let mut dir = src.clone();
            dir.extend(folder);
            circles.push((shown(&dir), circle));
        }
    }
    circles
}

#[test]
fn no_folders_files_import_each_other_in_a_circle() {
    let found = folder_circles();
    let listed: Vec<(String, Vec<String>)> = CIRCLES
        .iter()
        .map(|(dir, files)| {
            (
                dir.to_string(),
                files.iter().map(|f| f.to_string()).collect(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for (dir, circle) in &found {
        if listed.contains(&(dir.clone(), circle.clone())) {
            continue;
        }
        let within = listed
            .iter()
            .find(|(d, l)| d == dir && circle.iter().all(|f| l.contains(f)));
        match within {
            Some((_, was)) => problems.push(format!(
                "{dir}: the circle {was:?} shrank to {circle:?}: write it so in CIRCLES"
            )),
            None => problems.push(format!(
                "{dir}: {circle:?} import each other in a circle: move what they both \
                 need to where it belongs (a file of its own, or the folder below)"
            )),
        }
    }
    for (dir, circle) in &listed {
        let still = found
            .iter()
            .any(|(d, c)| d == dir && c.iter().any(|f| circle.contains(f)));
        if !still {
            problems.push(format!(
                "{dir}: the circle {circle:?} is broken: remove it from CIRCLES so that it stays so"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_import_reader_reads_nested_use_trees_and_inline_paths() {
    let code = "use super::{a::X, b::{Y, Z as W}, *};\nfn f() { crate::c::d::g(pub(crate) 1) }";
    let names = |word| -> Vec<(String, String)> {
        paths_from(code, word)
            .into_iter()
            .map(|(p, n)| (p.join("::"), n))
            .collect()
    };
    let pair = |p: &str, n: &str| (p.to_string(), n.to_string());
    assert_eq!(
        names("use"),
        [
            pair("super::a::X", "X"),
            pair("super::b::Y", "Y"),
            pair("super::b::Z", "W")
        ]
    );
    assert_eq!(names("crate"), [pair("crate::c::d::g", "g")]);
    let module = ["data".to_string(), "files".to_string()];
    let path: Vec<String> = ["super", "study", "StudyDoc"].map(String::from).to_vec();
    assert_eq!(
        absolute(&module, &path).unwrap(),
        ["data", "study", "StudyDoc"]
    );
}

/// The words of the source that are a parameter's key but are not a fact
/// read or written by its key: names in the output's JSON and in other
/// files' columns, words of other lists. Each with its file and why; a key
/// written anywhere else as a string is a fact read by a string that the
/// compiler cannot check, and is named as `Param::...` instead.
#[rustfmt::skip]
const KEY_WORDS_ELSEWHERE: &[(&str, &str, &str)] = &[
    ("crates/app/src/plans_view.rs", "savings", "an egui id"),
    ("crates/core/src/card/mod.rs", "amount", "a loan card's column"),
    ("crates/core/src/card/mod.rs", "savings", "a loan card's row"),
    ("crates/core/src/card/mod.rs", "deposit", "a loan card's row"),
    ("crates/core/src/data/plans.rs", "islamic", "a plan's column"),
    ("crates/core/src/forms/mip.rs", "islamic", "a plan's part on the form"),
    ("crates/core/src/eligibility.rs", "education", "a loan's purpose"),
    ("crates/core/src/pricing/terms.rs", "instalments", "a structure's other name"),
    ("crates/core/src/output/card.rs", "savings", "`card --json`"),
    ("crates/core/src/output/price.rs", "amount", "`price --json`"),
    ("crates/core/src/output/price.rs", "deposit", "`price --json`"),
    ("crates/core/src/output/price.rs", "frequency", "`price --json`"),
    ("crates/core/src/output/price.rs", "grace_periods", "`price --json`"),
    ("crates/core/src/output/price.rs", "markup", "`schedule`'s column"),
    ("crates/core/src/output/price.rs", "savings", "`schedule`'s column"),
    ("crates/core/src/output/price.rs", "savings_interest", "`price --json`"),
    ("crates/core/src/output/price.rs", "structure", "`price --json`"),
    ("crates/core/src/output/score.rs", "amount", "`score --json`"),
    ("crates/core/src/output/score.rs", "frequency", "`score --json`"),
    ("src/args/loan.rs", "savings", "the command line's `--savings`"),
];

/// The string literals of a piece of code (escapes kept as written).
fn string_literals(code: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            // A char literal such as '"' holds no string.
            b'\'' if i + 2 < b.len() && b[i + 2] == b'\'' => i += 3,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                out.push(&code[start..i.min(b.len())]);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every fact is read and written through `Param` (its key in files only in
/// the parameter table), so a misspelt parameter does not compile.
#[test]
fn no_fact_is_read_by_a_key_written_as_a_string() {
    use mfi_core::data::matrix::Param;
    let keys: BTreeSet<&str> = Param::ALL.iter().map(|p| p.key()).collect();
    let allowed: BTreeSet<(&str, &str)> = KEY_WORDS_ELSEWHERE
        .iter()
        .map(|(f, k, _)| (*f, *k))
        .collect();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (file, _) in source_files() {
        let name = shown(&file);
        if name == "crates/core/src/data/matrix/params.rs" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).unwrap());
        for lit in string_literals(&code) {
            if !keys.contains(lit) {
                continue;
            }
            if allowed.contains(&(name.as_str(), lit)) {
                used.insert((name.clone(), lit.to_string()));
            } else {
                problems.push(format!(
                    "{name}: \"{lit}\" is a parameter's key written as a string: \
                     name it as Param::... (or, if it is not a fact's key, list it in \
                     KEY_WORDS_ELSEWHERE with why)"
                ));
            }
        }
    }
    for (f, k, _) in KEY_WORDS_ELSEWHERE {
        if !used.contains(&(f.to_string(), k.to_string())) {
            problems.push(format!(
                "{f}: \"{k}\" is listed in KEY_WORDS_ELSEWHERE but not written there any more: \
                 remove it from the list"
            ));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_string_reader_skips_escapes_and_char_literals() {
    let code = r#"let a = '"'; f("amount", "a \"b\" c"); g('x', "markup")"#;
    assert_eq!(
        string_literals(code),
        vec!["amount", r#"a \"b\" c"#, "markup"]
    );
}
