//! Reading the inputs a command names: a matrix, plans and weights from
//! their files (the built-in study where none is named), or a whole study
//! file. Every problem of every file is reported together.

use crate::data::builtin::{kasur_matrix, kasur_plans};
use crate::data::criteria::{self, Weights};
use crate::data::matrix::{self, Matrix};
use crate::data::plans::{self, Plans};
use crate::error::{LoadError, LoadErrors, both};
use std::path::Path;

pub use crate::data::read::read_file;

/// The matrix and plans of one study.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Study {
    /// The MFIs and their products.
    pub matrix: Matrix,
    /// The members' plans.
    pub plans: Plans,
}

/// Loads a matrix from a file, or the built-in one when `path` is `None`.
pub fn load_matrix_or_default(path: Option<&Path>) -> Result<Matrix, LoadErrors> {
    match path {
        Some(p) => matrix::load_matrix(&p.display().to_string(), &read_file(p)?),
        None => kasur_matrix(),
    }
}

/// Loads plans from a file, or the built-in ones when `path` is `None`.
pub fn load_plans_or_default(path: Option<&Path>) -> Result<Plans, LoadErrors> {
    match path {
        Some(p) => plans::load_plans(&p.display().to_string(), &read_file(p)?),
        None => kasur_plans(),
    }
}

/// Loads both; the problems of both files are reported together.
pub fn load_study(
    matrix_path: Option<&Path>,
    plans_path: Option<&Path>,
) -> Result<Study, LoadErrors> {
    let (matrix, plans) = both(
        load_matrix_or_default(matrix_path),
        load_plans_or_default(plans_path),
    )?;
    Ok(Study { matrix, plans })
}

/// The weights of a weights file, or of a preset (checked beforehand
/// against [`criteria::PRESETS`]) when no file is named.
pub fn load_weights_or_preset(file: Option<&Path>, preset: &str) -> Result<Weights, LoadErrors> {
    match file {
        Some(p) => criteria::load_weights(&p.display().to_string(), &read_file(p)?),
        None => criteria::preset(preset).ok_or_else(|| {
            LoadErrors(vec![LoadError::file(
                preset,
                format!(
                    "no preset \"{preset}\": expected one of {}",
                    criteria::preset_names().join(", ")
                ),
            )])
        }),
    }
}
