//! `generate`: synthetic but plausible studies, seeded and reproducible.
//! All or nothing: the files are written into a temporary folder inside the
//! output folder, then moved into place; when any cannot be written, none
//! is left behind (the temporary folder is removed, and an earlier run's
//! left by a killed process is removed when found).

use crate::args::GenerateArgs;
use crate::failure::Failure;
use mfi_core::data::table::remove_stale_temporaries;
use mfi_core::data::{matrix, plans};
use mfi_core::generate::{self, Rng};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary folder's name inside the output folder (`.generate.PID.tmp`).
const WORK: &str = "generate";

/// Runs `generate`.
pub fn run(a: &GenerateArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let folder_error = |path: &Path, what: &str, e: std::io::Error| Failure::Output {
        message: format!("{}: {what}: {e}", path.display()),
        kind: e.kind(),
    };
    std::fs::create_dir_all(&a.output)
        .map_err(|e| folder_error(&a.output, "cannot create the folder", e))?;
    remove_stale_temporaries(&a.output, WORK);
    let work = a.output.join(format!(".{WORK}.{}.tmp", std::process::id()));
    std::fs::create_dir(&work)
        .map_err(|e| folder_error(&a.output, "cannot write in the folder", e))?;
    let written = write_all(a, &work).and_then(|names| {
        // Every file is written. Nothing is moved while any cannot be: a
        // folder, a device or a pipe in a file's place stays as it is.
        for name in &names {
            let place = a.output.join(name);
            if let Ok(m) = std::fs::metadata(&place)
                && !m.is_file()
            {
                return Err(Failure::Output {
                    message: format!(
                        "{}: could not save: it is a folder, a device or a pipe, not a file, and is never replaced. Nothing was written.",
                        place.display()
                    ),
                    kind: std::io::ErrorKind::AlreadyExists,
                });
            }
        }
        // Moved into place, one rename each.
        for name in &names {
            std::fs::rename(work.join(name), a.output.join(name))
                .map_err(|e| folder_error(&a.output.join(name), "could not save", e))?;
        }
        Ok(names)
    });
    let _ = std::fs::remove_dir_all(&work);
    written?;
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

/// Writes the matrix and every plans file into `work`; their names.
fn write_all(a: &GenerateArgs, work: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut rng = Rng::new(a.seed);
    let m = generate::matrix(a.mfis as usize, a.products as usize, "Kasur", &mut rng);
    let mut names = vec![PathBuf::from("matrix.csv")];
    matrix::save_matrix(&work.join("matrix.csv"), &m).map_err(|e| moved(e, work, a))?;
    for co in 0..a.cos {
        let p = generate::plans(
            a.members_per_co as usize,
            &format!("CO {:04}", co + 1),
            "Kasur",
            &mut rng,
        );
        let name = PathBuf::from(format!("plans-{:04}.csv", co + 1));
        plans::save_plans(&work.join(&name), &p).map_err(|e| moved(e, work, a))?;
        names.push(name);
    }
    Ok(names)
}

/// A save error named by the file's place in the output folder, not in the
/// temporary one; nothing was written.
fn moved(e: mfi_core::error::SaveError, work: &Path, a: &GenerateArgs) -> Failure {
    let place = Path::new(&e.path)
        .strip_prefix(work)
        .map(|rel| a.output.join(rel))
        .unwrap_or_else(|_| PathBuf::from(&e.path));
    Failure::Output {
        message: format!(
            "{}: could not save: {}. Nothing was written.",
            place.display(),
            e.source
        ),
        kind: e.source.kind(),
    }
}
