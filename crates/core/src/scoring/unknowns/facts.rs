//! The unknown yes/no facts of an institution as the draws over the data
//! see them: one bit each, and the words that ask about it.

use crate::data::matrix::Param;

/// The words of a yes/no fact (yes is always the better answer for her).
pub(super) fn fact_words(key: Param, mfi: &str, product: &str) -> String {
    match key {
        Param::WorksWithHbw => format!("whether {mfi} will lend to home-based workers"),
        Param::GroupLending => format!("whether {mfi} lends to groups"),
        Param::IndividualLending => format!("whether {mfi} lends to individuals"),
        Param::NewBusinessLoans => format!("whether {mfi} lends for new businesses"),
        Param::AgeLimit => format!("whether {mfi}'s age limits admit the members"),
        Param::CnicRequired => format!("whether {mfi} lends without a CNIC"),
        Param::OperationalArea => format!("whether {mfi} works in the CO's area"),
        Param::DefaultersRefused => format!("whether {mfi} lends to women who defaulted before"),
        Param::Amount => format!("whether the loan sizes of {mfi}'s {product} fit the loans asked"),
        Param::Islamic => format!("whether {mfi}'s {product} is Islamic financing"),
        Param::Purpose => format!("whether {mfi}'s {product} may be used for her business"),
        Param::LifeInsurance => format!("whether {mfi} gives life insurance"),
        Param::HealthInsurance => format!("whether {mfi} gives health insurance"),
        Param::StaffVisitVillage => format!("whether {mfi}'s staff come to the village"),
        service => format!(
            "whether {mfi} offers {}",
            service.spec().label.to_lowercase()
        ),
    }
}

/// The bits of one institution's yes/no facts, allocated as they are met.
pub(super) struct Bits {
    pub(super) keys: Vec<((Param, String), String)>,
    /// Whether a fact was refused a bit (beyond 64).
    pub(super) refused: bool,
}

impl Bits {
    /// The bit of a fact (`product` empty for the institution's own), or
    /// `None` beyond 64 facts (such a fact stays as the evaluation counts it).
    pub(super) fn of(
        &mut self,
        key: Param,
        product: &str,
        words: impl FnOnce() -> String,
    ) -> Option<u32> {
        if let Some(b) = self
            .keys
            .iter()
            .position(|((k, p), _)| *k == key && p == product)
        {
            return Some(b as u32);
        }
        if self.keys.len() >= 64 {
            self.refused = true;
            return None;
        }
        self.keys.push(((key, product.to_string()), words()));
        Some(self.keys.len() as u32 - 1)
    }
}
