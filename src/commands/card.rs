//! `card`: a loan card to its true cost, and beside a product's quoted terms.

use crate::args::CardArgs;
use crate::failure::Failure;
use mfi_core::card::{find_product, load_card, price_card, quoted_terms};
use mfi_core::data::files;
use mfi_core::data::study::StudyDoc;
use mfi_core::error::{LoadError, LoadErrors};
use mfi_core::offer::Highs;
use mfi_core::output::card::{card_json, card_text};
use mfi_core::pricing::Rounding;
use std::io::Write;

/// Runs `card`.
pub fn run(a: &CardArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let name = a.file.display().to_string();
    let bytes = files::read_file(&a.file)?;
    let c = load_card(&name, &bytes)?;
    let priced = price_card(&c, a.method)
        .map_err(|e| Failure::Data(LoadErrors(vec![LoadError::file(&name, e.to_string())])))?;
    let quoted = match &a.product {
        Some(product) => {
            let matrix = match &a.study {
                Some(s) => StudyDoc::open(s)?.matrix,
                None => files::load_matrix_or_default(a.matrix.as_deref())?,
            };
            let (inst, prod) = find_product(&matrix, product).map_err(Failure::Usage)?;
            let highs = Highs::of(&matrix.institutions);
            Some(
                quoted_terms(&c, inst, prod, &highs, Rounding::Rupee)
                    .map_err(|e| Failure::Data(LoadErrors(vec![LoadError::file(&name, e)])))?,
            )
        }
        None => None,
    };
    if a.json {
        writeln!(out, "{}", card_json(&name, &priced, quoted.as_ref()))?;
    } else {
        write!(out, "{}", card_text(&name, &priced, quoted.as_ref()))?;
    }
    Ok(())
}
