//! Writing the matrix's CSV, in the parameter table's order, atomically.

use super::load::MATRIX_COLUMNS;
use super::params::{PARAMS, Param};
use super::value::{Value, format_value};
use super::{Facts, Matrix};
use crate::data::table;
use crate::error::SaveError;
use crate::fact::Fact;
use std::path::Path;

pub(super) fn fact_row(inst: &str, prod: &str, key: Param, fact: &Fact<Value>) -> Vec<String> {
    vec![
        inst.to_string(),
        prod.to_string(),
        key.key().to_string(),
        format_value(key.spec(), &fact.value),
        fact.provenance.source.clone(),
        fact.provenance
            .confidence
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        fact.provenance.note.clone(),
    ]
}

pub(super) fn ordered(facts: &Facts) -> impl Iterator<Item = (Param, &Fact<Value>)> {
    PARAMS
        .iter()
        .filter_map(|s| facts.get(&s.param).map(|f| (s.param, f)))
}

/// Writes a matrix as CSV text in the documented layout.
pub fn matrix_to_csv(m: &Matrix) -> Vec<u8> {
    let header: Vec<&str> = MATRIX_COLUMNS.iter().map(|c| c.name).collect();
    let mut rows = Vec::new();
    for inst in &m.institutions {
        if inst.facts.is_empty() {
            rows.push(vec![
                inst.name.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for (key, fact) in ordered(&inst.facts) {
            rows.push(fact_row(&inst.name, "", key, fact));
        }
        for prod in &inst.products {
            if prod.facts.is_empty() {
                rows.push(vec![
                    inst.name.clone(),
                    prod.name.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
            for (key, fact) in ordered(&prod.facts) {
                rows.push(fact_row(&inst.name, &prod.name, key, fact));
            }
        }
    }
    table::to_csv(&header, &rows)
}

/// Saves a matrix atomically.
pub fn save_matrix(path: &Path, m: &Matrix) -> Result<(), SaveError> {
    table::write_atomic(path, &matrix_to_csv(m))
}
