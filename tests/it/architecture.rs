//! The architecture, checked: the core depends on no GUI, PDF or CLI crate
//! (read from Cargo.lock, so dev-dependencies count too), the PDF writer on
//! no GUI or CLI crate, the app on no CLI crate; and the core's modules
//! import each other in one direction only (no cycles between its layers).

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
        for high in ["data", "scoring", "report", "output", "batch"] {
            assert!(
                !graph[low].contains(high),
                "{low} imports {high}: {:?}",
                graph[low]
            );
        }
    }
    assert!(!graph["data"].contains("scoring"), "{:?}", graph["data"]);
    assert!(!graph["scoring"].contains("output") && !graph["scoring"].contains("report"));
}
