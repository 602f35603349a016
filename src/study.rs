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
/// The built-in study's name, printed on reports.
pub const KASUR_STUDY_NAME: &str = "Rasool Nagar, District Kasur, 2010";
/// The built-in study's notes.
pub const KASUR_STUDY_NOTES: &str =
    "The 2010 MFI feasibility study (Annex IV), with an illustrative sample CO.";

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

/// A whole study saved as one file: the matrix, the plans, the weights, the
/// settings and notes. The file is JSON whose `matrix`, `plans` and
/// `weights` fields hold the same CSV text as the separate files, so one
/// loader (with its error messages) reads both forms.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyDoc {
    /// The study's name (CO, district, year).
    pub name: String,
    /// Free notes.
    pub notes: String,
    /// The matrix.
    pub matrix: Matrix,
    /// The plans.
    pub plans: Plans,
    /// The weights and scales.
    pub weights: crate::scoring::Weights,
    /// The settings.
    pub settings: crate::scoring::Settings,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct StudyFileV1 {
    format: String,
    name: String,
    #[serde(default)]
    notes: String,
    matrix: String,
    plans: String,
    weights: String,
    #[serde(default)]
    settings: crate::scoring::Settings,
}

/// The `format` tag of study files.
pub const STUDY_FORMAT: &str = "mfi-compare study v1";

impl StudyDoc {
    /// The built-in Kasur 2010 study with the default preset.
    pub fn kasur() -> Result<StudyDoc, LoadErrors> {
        let weights = crate::scoring::preset(crate::scoring::DEFAULT_PRESET).ok_or_else(|| {
            LoadErrors(vec![LoadError::file(
                "parameters/weights-balanced.csv",
                "the built-in preset does not load",
            )])
        })?;
        Ok(StudyDoc {
            name: KASUR_STUDY_NAME.into(),
            notes: KASUR_STUDY_NOTES.into(),
            matrix: kasur_matrix()?,
            plans: kasur_plans()?,
            weights,
            settings: crate::scoring::Settings::default(),
        })
    }

    /// The study as the bytes of a study file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let f = StudyFileV1 {
            format: STUDY_FORMAT.into(),
            name: self.name.clone(),
            notes: self.notes.clone(),
            matrix: String::from_utf8_lossy(&matrix::matrix_to_csv(&self.matrix)).into_owned(),
            plans: String::from_utf8_lossy(&plans::plans_to_csv(&self.plans)).into_owned(),
            weights: String::from_utf8_lossy(&crate::scoring::weights_to_csv(&self.weights))
                .into_owned(),
            settings: self.settings.clone(),
        };
        serde_json::to_vec_pretty(&f).unwrap_or_default()
    }

    /// Reads a study file; every problem of its parts is reported, each
    /// naming the file and the part (`study.json [matrix]:12: ...`).
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<StudyDoc, LoadErrors> {
        let f: StudyFileV1 = serde_json::from_slice(bytes).map_err(|e| {
            LoadErrors(vec![LoadError::at(
                file,
                e.line() as u64,
                None,
                format!("not a study file this tool can read: {e} (expected JSON with \"format\": \"{STUDY_FORMAT}\")"),
            )])
        })?;
        if f.format != STUDY_FORMAT {
            return Err(LoadErrors(vec![LoadError::file(
                file,
                format!(
                    "unknown study format \"{}\": expected \"{STUDY_FORMAT}\"",
                    f.format
                ),
            )]));
        }
        let m = matrix::load_matrix(&format!("{file} [matrix]"), f.matrix.as_bytes());
        let p = plans::load_plans(&format!("{file} [plans]"), f.plans.as_bytes());
        let w = crate::scoring::load_weights(&format!("{file} [weights]"), f.weights.as_bytes());
        match (m, p, w) {
            (Ok(matrix), Ok(plans), Ok(mut weights)) => {
                weights.name = "saved with the study".into();
                Ok(StudyDoc {
                    name: f.name,
                    notes: f.notes,
                    matrix,
                    plans,
                    weights,
                    settings: f.settings,
                })
            }
            (m, p, w) => {
                let mut all = LoadErrors::default();
                for e in [m.err(), p.err(), w.err()].into_iter().flatten() {
                    all.0.extend(e.0);
                }
                Err(all)
            }
        }
    }

    /// Saves the study atomically.
    pub fn save(&self, path: &Path) -> Result<(), crate::error::SaveError> {
        crate::table::write_atomic(path, &self.to_bytes())
    }

    /// Opens a study file.
    pub fn open(path: &Path) -> Result<StudyDoc, LoadErrors> {
        StudyDoc::from_bytes(&path.display().to_string(), &read_file(path)?)
    }
}
