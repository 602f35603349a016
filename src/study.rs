//! A study: the parameter matrix and the plans it is compared against. The
//! default study (Kasur 2010) is compiled into the binary so the tool works
//! from any folder with no files present.

use crate::error::{LoadError, LoadErrors};
use crate::matrix::{self, Matrix};
use crate::plans::{self, Plans};
use std::path::Path;

/// The Kasur 2010 matrix as shipped in `parameters/`.
pub const KASUR_MATRIX_CSV: &str = include_str!("../parameters/kasur-2010-matrix.csv");
/// The sample CO's plans as shipped in `parameters/`.
pub const KASUR_PLANS_CSV: &str = include_str!("../parameters/kasur-2010-plans.csv");
/// The name shown for the built-in matrix in messages.
pub const KASUR_MATRIX_NAME: &str = "parameters/kasur-2010-matrix.csv (built in)";
/// The name shown for the built-in plans in messages.
pub const KASUR_PLANS_NAME: &str = "parameters/kasur-2010-plans.csv (built in)";

/// The matrix and plans of one study.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Study {
    /// The MFIs and their products.
    pub matrix: Matrix,
    /// The members' plans.
    pub plans: Plans,
}

/// The built-in Kasur 2010 matrix.
pub fn kasur_matrix() -> Result<Matrix, LoadErrors> {
    matrix::load_matrix(KASUR_MATRIX_NAME, KASUR_MATRIX_CSV.as_bytes())
}

/// The built-in sample CO.
pub fn kasur_plans() -> Result<Plans, LoadErrors> {
    plans::load_plans(KASUR_PLANS_NAME, KASUR_PLANS_CSV.as_bytes())
}

/// Reads a file's bytes, or an error naming it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadErrors> {
    std::fs::read(path).map_err(|e| {
        LoadErrors(vec![LoadError::file(
            &path.display().to_string(),
            format!("cannot read the file: {e}"),
        )])
    })
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
    let m = load_matrix_or_default(matrix_path);
    let p = load_plans_or_default(plans_path);
    match (m, p) {
        (Ok(matrix), Ok(plans)) => Ok(Study { matrix, plans }),
        (m, p) => {
            let mut all = LoadErrors::default();
            if let Err(e) = m {
                all.0.extend(e.0);
            }
            if let Err(e) = p {
                all.0.extend(e.0);
            }
            Err(all)
        }
    }
}
