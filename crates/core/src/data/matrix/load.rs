//! Reading the matrix's CSV: every row checked, every error of the file at
//! once, each with its line and column.

use super::checks::{check_product, term_key};
use super::params::{Level, PARAMS, ParamSpec, param};
use super::value::{is_unknown_word, parse_value};
use super::{Facts, Institution, Matrix, Product};
use crate::data::names;
use crate::data::table::{self, ColumnSpec, Row};
use crate::error::{LoadError, LoadErrors};
use crate::fact::{Confidence, Fact, Provenance};
use std::collections::HashMap;

/// The columns of the matrix file.
pub const MATRIX_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "institution",
        required: true,
    },
    ColumnSpec {
        name: "product",
        required: false,
    },
    ColumnSpec {
        name: "parameter",
        required: true,
    },
    ColumnSpec {
        name: "value",
        required: true,
    },
    ColumnSpec {
        name: "source",
        required: false,
    },
    ColumnSpec {
        name: "confidence",
        required: false,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// Reads a provenance from a row; an unreadable confidence is an error.
pub(crate) fn read_provenance(
    file: &str,
    row: &Row,
    cols: [Option<usize>; 3],
    errors: &mut LoadErrors,
) -> Provenance {
    let conf_text = row.get(cols[1]);
    let confidence = if conf_text.is_empty() {
        None
    } else {
        let c = Confidence::parse(conf_text);
        if c.is_none() {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("confidence"),
                format!(
                    "expected high, medium, low or assumed, found \"{}\"",
                    table::clip(conf_text)
                ),
            ));
        }
        c
    };
    Provenance {
        source: row.get(cols[0]).to_string(),
        confidence,
        note: row.get(cols[2]).to_string(),
    }
}

/// Reads a matrix from the bytes of a CSV file named `file`. Every problem
/// of the file is reported at once.
pub fn load_matrix(file: &str, bytes: &[u8]) -> Result<Matrix, LoadErrors> {
    let t = table::read_table(file, bytes, MATRIX_COLUMNS)?;
    // A workbook's errors name its sheet too: "plans.xlsx [Members]:7".
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let (c_inst, c_prod, c_param, c_value) = (
        t.col("institution"),
        t.col("product"),
        t.col("parameter"),
        t.col("value"),
    );
    let prov_cols = [t.col("source"), t.col("confidence"), t.col("note")];

    struct Draft {
        inst: Institution,
        defined: bool,
        first_line: u64,
        /// The line where each product first appears.
        product_lines: Vec<u64>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();

    for row in &t.rows {
        let inst_name = row.get(c_inst);
        let prod_name = row.get(c_prod);
        let key_text = row.get(c_param);
        let value_text = row.get(c_value);
        let provenance = read_provenance(file, row, prov_cols, &mut errors);
        if names::is_blank(inst_name) {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("institution"),
                "expected the institution's name, found an empty cell (or only invisible characters)",
            ));
            continue;
        }
        // A product's cell of spaces or invisible characters only reads as
        // empty on paper, but would make a nameless product: refused.
        if !prod_name.is_empty() && names::is_blank(prod_name) {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("product"),
                "expected a product's name, or nothing for the institution's own facts; found only spaces or invisible characters",
            ));
            continue;
        }
        // The institution exists as soon as it has a row of its own, even
        // one whose value is wrong: its products must not then be reported
        // as belonging to an undefined institution. Names are compared as
        // they read ("KASHF " is Kashf), and written one way throughout.
        let inst_key = names::key(inst_name);
        let idx = match drafts
            .iter()
            .position(|d| names::key(&d.inst.name) == inst_key)
        {
            Some(i) if drafts[i].inst.name != inst_name => {
                errors.push(spelled_differently(
                    file,
                    row.line,
                    "institution",
                    inst_name,
                    &drafts[i].inst.name,
                    drafts[i].first_line,
                ));
                continue;
            }
            Some(i) => i,
            None => {
                drafts.push(Draft {
                    inst: Institution {
                        name: inst_name.to_string(),
                        facts: Facts::new(),
                        products: Vec::new(),
                    },
                    defined: false,
                    first_line: row.line,
                    product_lines: Vec::new(),
                });
                drafts.len() - 1
            }
        };
        if prod_name.is_empty() {
            drafts[idx].defined = true;
        }
        let key = key_text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_");
        let spec = if key.is_empty() {
            if !is_unknown_word(value_text) {
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("parameter"),
                    format!(
                        "expected a parameter name for the value \"{}\", found an empty cell",
                        table::clip(value_text)
                    ),
                ));
                continue;
            }
            None
        } else {
            let level = if prod_name.is_empty() {
                Level::Institution
            } else {
                Level::Product
            };
            let fits = |s: &ParamSpec| match level {
                Level::Product => s.level.on_product(),
                _ => s.level.on_institution(),
            };
            match param(&key) {
                Some(s) if fits(s) => Some(s),
                Some(s) => {
                    let msg = match s.level {
                        Level::Product | Level::Both => format!(
                            "\"{key}\" is a product parameter: fill the product column on this row"
                        ),
                        Level::Institution => format!(
                            "\"{key}\" is an institution parameter: leave the product column empty on this row"
                        ),
                    };
                    errors.push(LoadError::at(file, row.line, Some("parameter"), msg));
                    continue;
                }
                None => {
                    let names: Vec<&str> =
                        PARAMS.iter().filter(|s| fits(s)).map(|s| s.key).collect();
                    errors.push(LoadError::at(
                        file,
                        row.line,
                        Some("parameter"),
                        format!(
                            "unknown parameter \"{}\": expected one of {}",
                            table::clip(key_text),
                            names.join(", ")
                        ),
                    ));
                    continue;
                }
            }
        };
        let value = match spec.map(|s| parse_value(s, value_text)) {
            Some(Ok(v)) => v,
            Some(Err(msg)) => {
                let key = spec.map(|s| s.key).unwrap_or("");
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("value"),
                    format!("{key}: {msg}"),
                ));
                continue;
            }
            None => None,
        };
        if let Some(spec) = spec {
            let id = (
                inst_name.to_string(),
                prod_name.to_string(),
                spec.key.to_string(),
            );
            if let Some(first) = seen.get(&id) {
                let whose = if prod_name.is_empty() {
                    inst_name.to_string()
                } else {
                    format!("{inst_name} / {prod_name}")
                };
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("parameter"),
                    format!(
                        "{} of {whose} is given twice: first at line {first}; keep one row",
                        spec.key
                    ),
                ));
                continue;
            }
            seen.insert(id, row.line);
        }
        let draft = &mut drafts[idx];
        let fact = Fact { value, provenance };
        if prod_name.is_empty() {
            if let Some(spec) = spec {
                draft.inst.facts.insert(spec.param, fact);
            }
        } else {
            let products = &mut draft.inst.products;
            let prod_key = names::key(prod_name);
            let pi = match products
                .iter()
                .position(|p| names::key(&p.name) == prod_key)
            {
                Some(i) if products[i].name != prod_name => {
                    let first = draft.product_lines.get(i).copied().unwrap_or(row.line);
                    errors.push(spelled_differently(
                        file,
                        row.line,
                        "product",
                        prod_name,
                        &products[i].name,
                        first,
                    ));
                    continue;
                }
                Some(i) => i,
                None => {
                    products.push(Product {
                        name: prod_name.to_string(),
                        facts: Facts::new(),
                    });
                    draft.product_lines.push(row.line);
                    products.len() - 1
                }
            };
            if let Some(spec) = spec {
                products[pi].facts.insert(spec.param, fact);
            }
        }
    }
    // The terms of each product, checked together as `price` checks its
    // flags; reported at the row of the first term at fault.
    for d in &drafts {
        for prod in &d.inst.products {
            if let Err(c) = check_product(prod) {
                let line_of = |key: &str| {
                    seen.get(&(d.inst.name.clone(), prod.name.clone(), key.to_string()))
                        .copied()
                };
                let line = c
                    .terms
                    .iter()
                    .find_map(|t| line_of(term_key(*t)))
                    .unwrap_or(d.first_line);
                errors.push(LoadError::at(
                    file,
                    line,
                    Some("value"),
                    format!("{} / {}: {}", d.inst.name, prod.name, c.message),
                ));
            }
        }
    }
    for d in &drafts {
        if !d.defined {
            errors.push(LoadError::at(
                file,
                d.first_line,
                Some("institution"),
                format!(
                    "institution \"{}\" is not defined: add at least one row for it with an empty product column (its office, distance, ...)",
                    table::clip(&d.inst.name)
                ),
            ));
        }
    }
    errors.into_result(Matrix {
        institutions: drafts.into_iter().map(|d| d.inst).collect(),
    })
}

/// A name written one way on one row and another way (case, spaces,
/// invisible characters) on an earlier one: which is meant is clear, but a
/// file that says it two ways would show two MFIs side by side.
pub(super) fn spelled_differently(
    file: &str,
    line: u64,
    column: &str,
    now: &str,
    first: &str,
    first_line: u64,
) -> LoadError {
    LoadError::at(
        file,
        line,
        Some(column),
        format!(
            "\"{}\" is the {column} \"{}\" of line {first_line} written another way (names are compared as they read: ignoring case, extra spaces and invisible characters): write it the same way on every row",
            table::clip(now),
            table::clip(first)
        ),
    )
}
