//! The checks of a product's terms that loading and editing share, and the
//! names of terms as the messages give them.

use super::params::Param;
use super::value::MarkupQuote;
use super::{FactsExt, Product};
use crate::pricing::{Basis, DayCount, Frequency, GraceMarkup, Structure};

/// A term of a loan as the matrix names it: its parameter.
pub fn term_key(t: crate::pricing::Term) -> &'static str {
    term_param(t).map_or("disbursed", Param::key)
}

/// The parameter that states a term; `None` for the amount disbursed,
/// which is the loan's, not a parameter's.
pub fn term_param(t: crate::pricing::Term) -> Option<Param> {
    use crate::pricing::Term;
    Some(match t {
        Term::Months => Param::TermMonths,
        Term::Frequency => Param::Frequency,
        Term::Structure => Param::Structure,
        Term::Instalments => Param::Instalments,
        Term::Grace => Param::GracePeriods,
        Term::GraceMarkup => Param::GraceMarkup,
        Term::DayCount => Param::DayCount,
        Term::Basis => Param::Basis,
        Term::Markup => Param::Markup,
        Term::Disbursed => return None,
    })
}

/// A term named as the matrix does, with its value: `instalments 12`.
pub(super) fn matrix_name(t: crate::pricing::Term, value: Option<&str>) -> String {
    match value {
        Some(v) => format!("{} {v}", term_key(t)),
        None => term_key(t).to_string(),
    }
}

/// Checks a product's terms as `price` checks its flags (the same check,
/// [`crate::pricing::check_terms`]): at both ends of its term range, what
/// is known of them. A product of 12 four-weekly instalments over 12 months
/// is refused here as `price` refuses it.
pub fn check_product(product: &Product) -> Result<(), crate::pricing::Contradiction> {
    use crate::pricing::{GivenTerms, check_terms};
    let f = &product.facts;
    let markup = f.markup(Param::Markup).map(|q| match q {
        MarkupQuote::Rate(r) | MarkupQuote::Range(_, r) => *r,
        MarkupQuote::ByAmount(b) => b.iter().map(|x| x.1).max().unwrap_or_default(),
        MarkupQuote::ByMonths(b) => b.iter().map(|x| x.1).max().unwrap_or_default(),
    });
    let given = GivenTerms {
        months: None,
        frequency: f.choice(Param::Frequency).and_then(Frequency::parse),
        structure: f.choice(Param::Structure).and_then(Structure::parse),
        instalments: f.count(Param::Instalments).filter(|n| *n > 0),
        grace: f.count(Param::GracePeriods),
        grace_markup: f.choice(Param::GraceMarkup).and_then(GraceMarkup::parse),
        day_count: f.choice(Param::DayCount).and_then(DayCount::parse),
        basis: f.choice(Param::Basis).and_then(Basis::parse),
        markup,
        // Loans of the matrix are dated by the report (its date).
        dated: true,
    };
    let ends: Vec<Option<u32>> = match f.bounds(Param::TermMonths) {
        Some((lo, hi)) => {
            use rust_decimal::prelude::ToPrimitive;
            let (lo, hi) = (lo.to_u32(), hi.to_u32());
            if lo == hi { vec![lo] } else { vec![lo, hi] }
        }
        None => vec![None],
    };
    for months in ends {
        check_terms(
            &GivenTerms {
                months,
                ..given.clone()
            },
            &matrix_name,
        )?;
    }
    Ok(())
}
