//! `check`: validates a matrix and plans (or a whole study file) and says
//! what they hold.

use crate::args::CheckArgs;
use crate::failure::Failure;
use mfi_core::data::builtin::{KASUR_MATRIX_NAME, KASUR_PLANS_NAME};
use mfi_core::data::files::load_study;
use mfi_core::data::matrix::Matrix;
use mfi_core::data::plans::Plans;
use mfi_core::data::study::StudyDoc;
use mfi_core::money;
use rust_decimal::Decimal;
use std::io::Write;

/// Runs `check`.
pub fn run(a: &CheckArgs, out: &mut dyn Write) -> Result<(), Failure> {
    if let Some(path) = &a.study {
        let doc = StudyDoc::open(path)?;
        let name = path.display().to_string();
        writeln!(out, "{name}: OK, study \"{}\"", doc.name)?;
        return describe(
            out,
            &format!("{name} [matrix]"),
            &doc.matrix,
            &format!("{name} [plans]"),
            &doc.plans,
        );
    }
    let s = load_study(a.matrix.as_deref(), a.plans.as_deref())?;
    let named = |p: &Option<std::path::PathBuf>, builtin: &str| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| builtin.into())
    };
    describe(
        out,
        &named(&a.matrix, KASUR_MATRIX_NAME),
        &s.matrix,
        &named(&a.plans, KASUR_PLANS_NAME),
        &s.plans,
    )
}

/// What a valid matrix and plans hold, in two lines each.
fn describe(
    out: &mut dyn Write,
    matrix_name: &str,
    m: &Matrix,
    plans_name: &str,
    plans: &Plans,
) -> Result<(), Failure> {
    let c = m.completeness();
    writeln!(
        out,
        "{matrix_name}: OK, {} institutions, {} loan products",
        m.institutions.len(),
        m.product_count()
    )?;
    writeln!(
        out,
        "  of its {} values, {} unknown, {} assumed (listed by the score command)",
        c.values, c.unknown, c.assumed
    )?;
    let mut cos: Vec<&str> = plans.members.iter().map(|p| p.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let needed: Decimal = plans.members.iter().map(|p| p.loan_needed()).sum();
    writeln!(
        out,
        "{plans_name}: OK, {} members in {} CO(s), loans needed {} in all",
        plans.members.len(),
        cos.len(),
        money::rs(needed)
    )?;
    Ok(())
}
