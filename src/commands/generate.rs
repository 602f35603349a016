//! `generate`: synthetic but plausible studies, seeded and reproducible.

use crate::args::GenerateArgs;
use crate::failure::Failure;
use mfi_core::data::{matrix, plans};
use mfi_core::generate::{self, Rng};
use std::io::Write;

/// Runs `generate`.
pub fn run(a: &GenerateArgs, out: &mut dyn Write) -> Result<(), Failure> {
    std::fs::create_dir_all(&a.output).map_err(|e| Failure::Output {
        message: format!("{}: cannot create the folder: {e}", a.output.display()),
        kind: e.kind(),
    })?;
    let mut rng = Rng::new(a.seed);
    let m = generate::matrix(a.mfis as usize, a.products as usize, "Kasur", &mut rng);
    matrix::save_matrix(&a.output.join("matrix.csv"), &m)?;
    for co in 0..a.cos {
        let p = generate::plans(
            a.members_per_co as usize,
            &format!("CO {:04}", co + 1),
            "Kasur",
            &mut rng,
        );
        plans::save_plans(&a.output.join(format!("plans-{:04}.csv", co + 1)), &p)?;
    }
    writeln!(
        out,
        "{}: matrix.csv ({} MFIs x {} products) and {} plans file(s) of {} members",
        a.output.display(),
        a.mfis,
        a.products,
        a.cos,
        a.members_per_co
    )?;
    Ok(())
}
