//! Reading the inputs a command names: a matrix, plans and weights from
//! their files (the built-in study where none is named), or a whole study
//! file. Every problem of every file is reported together.

use crate::data::builtin::{kasur_matrix, kasur_plans};
use crate::data::criteria::{self, Weights};
use crate::data::matrix::{self, Matrix};
use crate::data::plans::{self, Plans};
use crate::data::{limits, table};
use crate::error::{LoadError, LoadErrors, both};
use std::path::Path;

/// The matrix and plans of one study.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Study {
    /// The MFIs and their products.
    pub matrix: Matrix,
    /// The members' plans.
    pub plans: Plans,
}

/// Reads a file's bytes, or an error naming it. At most
/// [`limits::MAX_FILE_BYTES`] are read: a device such as `/dev/zero`, or a
/// file far larger than any study, is refused before it fills the memory.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadErrors> {
    use std::io::Read;
    let name = path.display().to_string();
    let fail = |e: std::io::Error| {
        LoadErrors(vec![LoadError::file(
            &name,
            format!("cannot read the file: {e}"),
        )])
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(LoadErrors(vec![LoadError::file(
            &name,
            "cannot read the file: it is a folder",
        )]));
    }
    if meta.is_file() && meta.len() > limits::MAX_FILE_BYTES {
        return Err(LoadErrors(vec![table::too_large(&name)]));
    }
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(LoadErrors(vec![table::too_large(&name)]));
    }
    Ok(bytes)
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
