//! The built-in study: Kasur 2010 (Annex IV of the end-of-project report and
//! an illustrative sample CO), compiled into the library so the tool works
//! from any folder with no files present.

use crate::data::criteria::{DEFAULT_PRESET, preset};
use crate::data::matrix::{self, Matrix};
use crate::data::plans::{self, Plans};
use crate::data::settings::Settings;
use crate::data::study::StudyDoc;
use crate::error::{LoadError, LoadErrors, both};

/// The Kasur 2010 matrix as shipped in `parameters/`.
pub const KASUR_MATRIX_CSV: &str = include_str!("../../../../parameters/kasur-2010-matrix.csv");
/// The sample CO's plans as shipped in `parameters/`.
pub const KASUR_PLANS_CSV: &str = include_str!("../../../../parameters/kasur-2010-plans.csv");
/// The built-in study's name, printed on reports.
pub const KASUR_STUDY_NAME: &str = "Rasool Nagar, District Kasur, 2010";
/// The built-in study's notes.
pub const KASUR_STUDY_NOTES: &str =
    "The 2010 MFI feasibility study (Annex IV), with an illustrative sample CO.";

/// The blank matrix template as shipped in `parameters/`: one institution
/// with every parameter empty.
pub const TEMPLATE_MATRIX_CSV: &str = include_str!("../../../../parameters/template-matrix.csv");
/// The blank plans template as shipped in `parameters/`: one example member.
pub const TEMPLATE_PLANS_CSV: &str = include_str!("../../../../parameters/template-plans.csv");

/// The name shown for the built-in matrix in messages.
pub const KASUR_MATRIX_NAME: &str = "parameters/kasur-2010-matrix.csv (built in)";
/// The name shown for the built-in plans in messages.
pub const KASUR_PLANS_NAME: &str = "parameters/kasur-2010-plans.csv (built in)";

/// The built-in Kasur 2010 matrix.
pub fn kasur_matrix() -> Result<Matrix, LoadErrors> {
    matrix::load_matrix(KASUR_MATRIX_NAME, KASUR_MATRIX_CSV.as_bytes())
}

/// The built-in sample CO.
pub fn kasur_plans() -> Result<Plans, LoadErrors> {
    plans::load_plans(KASUR_PLANS_NAME, KASUR_PLANS_CSV.as_bytes())
}

/// The default preset's weights.
fn default_weights() -> Result<crate::data::criteria::Weights, LoadErrors> {
    preset(DEFAULT_PRESET).ok_or_else(|| {
        LoadErrors(vec![LoadError::file(
            "parameters/weights-balanced.csv",
            "the built-in preset does not load",
        )])
    })
}

impl StudyDoc {
    /// A new study from the blank templates: one institution with every
    /// value unknown, one example member, the default preset.
    pub fn blank() -> Result<StudyDoc, LoadErrors> {
        let weights = default_weights()?;
        let (matrix, plans) = both(
            matrix::load_matrix(
                "parameters/template-matrix.csv (built in)",
                TEMPLATE_MATRIX_CSV.as_bytes(),
            ),
            plans::load_plans(
                "parameters/template-plans.csv (built in)",
                TEMPLATE_PLANS_CSV.as_bytes(),
            ),
        )?;
        Ok(StudyDoc {
            name: "New study".into(),
            notes: String::new(),
            matrix,
            plans,
            weights,
            settings: Settings::default(),
            priorities: Default::default(),
            votes: Default::default(),
        })
    }

    /// The built-in Kasur 2010 study with the default preset.
    pub fn kasur() -> Result<StudyDoc, LoadErrors> {
        let weights = default_weights()?;
        let (matrix, plans) = both(kasur_matrix(), kasur_plans())?;
        Ok(StudyDoc {
            name: KASUR_STUDY_NAME.into(),
            notes: KASUR_STUDY_NOTES.into(),
            matrix,
            plans,
            weights,
            settings: Settings::default(),
            priorities: Default::default(),
            votes: Default::default(),
        })
    }
}
