//! The parameter matrix: every MFI's facts side by side, in tables of a
//! page's width.

use super::names;
use crate::data::matrix::{Level, PARAMS, format_value};
use crate::data::study::StudyDoc;
use crate::output::Table;
use crate::report::{Block, Section};

pub(super) fn matrix_section(doc: &StudyDoc) -> Section {
    let insts = &doc.matrix.institutions;
    // A value the matrix file does not list at all is unknown too.
    let absent = crate::fact::Fact {
        value: None,
        provenance: crate::fact::Provenance {
            note: "not given in the matrix".into(),
            ..Default::default()
        },
    };
    // One note per distinct source text, shared by every cell it explains;
    // each cell keeps the number of its note, so that every table lists
    // under it the notes its own cells refer to.
    let mut notes: Vec<String> = Vec::new();
    let mut mark = |spec: &crate::data::matrix::ParamSpec,
                    f: &crate::fact::Fact<crate::data::matrix::Value>|
     -> Cell {
        let shown = if f.value.is_none() {
            "?".to_string()
        } else {
            format_value(spec, &f.value)
        };
        if f.value.is_none() || f.provenance.is_assumed() {
            let text = f.provenance.describe();
            let n = match notes.iter().position(|t| *t == text) {
                Some(i) => i + 1,
                None => {
                    notes.push(text);
                    notes.len()
                }
            };
            let star = if f.provenance.is_assumed() { "*" } else { "" };
            (format!("{shown}{star} [{n}]"), Some(n))
        } else {
            (shown, None)
        }
    };
    let mut inst_rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for spec in PARAMS.iter().filter(|s| s.level.on_institution()) {
        let cells = insts
            .iter()
            .map(|i| mark(spec, i.facts.get(&spec.param).unwrap_or(&absent)))
            .collect();
        inst_rows.push((spec.label.to_string(), cells));
    }
    // A parameter a product may give instead of its institution is shown
    // for products only where one does.
    let given_by_a_product = |spec: &crate::data::matrix::ParamSpec| {
        spec.level == Level::Product
            || insts
                .iter()
                .any(|i| i.products.iter().any(|p| p.facts.contains_key(&spec.param)))
    };
    // Every product is a column of its own: (its institution, the product).
    let products: Vec<(usize, &crate::data::matrix::Product)> = insts
        .iter()
        .enumerate()
        .flat_map(|(k, i)| i.products.iter().map(move |p| (k, p)))
        .collect();
    let mut product_rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for spec in PARAMS
        .iter()
        .filter(|s| s.level.on_product() && given_by_a_product(s))
    {
        let label = format!(
            "{}{}",
            spec.label,
            if spec.level == Level::Both {
                " (product's own)"
            } else {
                ""
            }
        );
        let cells = products
            .iter()
            .map(|(k, p)| match (p.facts.get(&spec.param), spec.level) {
                (None, Level::Both) => (format!("as {}", insts[*k].name), None),
                (f, _) => mark(spec, f.unwrap_or(&absent)),
            })
            .collect();
        product_rows.push((label, cells));
    }
    let mut blocks = vec![Block::Paragraph(format!(
        "Parameters as rows, as in the 2010 study: first what holds for each MFI as a whole ({} as columns), then the terms of each loan product ({} as columns, each MFI's products together). ? marks a value the sources do not give; * an assumption; the numbers in brackets refer to the notes under each table, which give each such value's source.",
        crate::i18n::count_en(insts.len(), "MFI"),
        crate::i18n::count_en(products.len(), "product")
    ))];
    // At most seven MFIs side by side, as in 2010; more make more tables of
    // even size, each with the parameter column and its own notes.
    let inst_groups = even_groups(insts.len(), MATRIX_COLUMNS);
    for (g, cols) in inst_groups.iter().enumerate() {
        if inst_groups.len() > 1 {
            blocks.push(Block::Paragraph(format!(
                "The MFIs ({} of {}): {}.",
                g + 1,
                inst_groups.len(),
                names(cols.clone().map(|k| insts[k].name.as_str()))
            )));
        }
        let header = cols.clone().map(|k| insts[k].name.clone()).collect();
        blocks.push(Block::Table(matrix_table(
            header,
            &inst_rows,
            cols.clone(),
            &notes,
        )));
    }
    // Products: an MFI's products stay together in one table where they fit.
    let mut product_groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while at < products.len() {
        let mut end = at;
        while end < products.len() {
            let inst = products[end].0;
            let run = products[end..]
                .iter()
                .take_while(|(k, _)| *k == inst)
                .count();
            if end > at && end - at + run > PRODUCT_COLUMNS {
                break;
            }
            end += run.min(PRODUCT_COLUMNS);
            if end - at >= PRODUCT_COLUMNS {
                break;
            }
        }
        product_groups.push(at..end);
        at = end;
    }
    for (g, cols) in product_groups.iter().enumerate() {
        let mut mfis: Vec<&str> = cols
            .clone()
            .map(|c| insts[products[c].0].name.as_str())
            .collect();
        mfis.dedup();
        blocks.push(Block::Paragraph(format!(
            "Loan products{}: {}.",
            if product_groups.len() > 1 {
                format!(" ({} of {})", g + 1, product_groups.len())
            } else {
                String::new()
            },
            names(mfis.into_iter())
        )));
        let header = cols
            .clone()
            .map(|c| {
                let (k, p) = products[c];
                format!("{}: {}", insts[k].name, p.name)
            })
            .collect();
        blocks.push(Block::Table(matrix_table(
            header,
            &product_rows,
            cols.clone(),
            &notes,
        )));
    }
    Section {
        heading: "The parameter matrix".into(),
        blocks,
    }
}

/// A cell of the matrix as printed, and the number of the note it refers to.
type Cell = (String, Option<usize>);

/// One table of the matrix: the parameter column and the columns `cols`,
/// with the notes its own cells refer to under it.
fn matrix_table(
    header: Vec<String>,
    rows: &[(String, Vec<Cell>)],
    cols: std::ops::Range<usize>,
    notes: &[String],
) -> Table {
    let n = cols.len();
    let mut referred: Vec<usize> = rows
        .iter()
        .flat_map(|(_, cells)| cells[cols.clone()].iter().filter_map(|c| c.1))
        .collect();
    referred.sort_unstable();
    referred.dedup();
    Table {
        header: std::iter::once("Parameter".to_string())
            .chain(header)
            .collect(),
        numeric: vec![false; n + 1],
        widths: std::iter::once(1.6)
            .chain(std::iter::repeat_n(1.0, n))
            .collect(),
        rows: rows
            .iter()
            .map(|(label, cells)| {
                std::iter::once(label.clone())
                    .chain(cells[cols.clone()].iter().map(|c| c.0.clone()))
                    .collect()
            })
            .collect(),
        footnotes: referred
            .into_iter()
            .filter_map(|k| notes.get(k - 1).map(|t| format!("[{k}] {t}")))
            .collect(),
    }
}

/// `n` columns in tables of at most `most`, as even in size as they can be.
fn even_groups(n: usize, most: usize) -> Vec<std::ops::Range<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let tables = n.div_ceil(most.max(1));
    let size = n.div_ceil(tables);
    (0..n).step_by(size).map(|a| a..(a + size).min(n)).collect()
}

/// The most MFIs shown side by side in the matrix.
const MATRIX_COLUMNS: usize = 7;

/// The most loan products shown side by side.
const PRODUCT_COLUMNS: usize = 6;
