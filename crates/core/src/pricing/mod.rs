//! The pricing engine: the true cost of a loan offer, as rates and as rupees.
//!
//! The method is MFTransparency's: build the borrower's cash flows (what she
//! receives at disbursement less upfront fees, insurance and deposits; what
//! she pays each period; deposits refunded at the end), solve for the
//! periodic rate that makes their present value zero (the IRR), and annualise
//! it: APR = r x periods per year, EIR = (1 + r)^periods per year - 1.
//! Money is `Decimal` throughout; only the rate solver works in `f64`.

pub mod charges;
pub mod check;
mod disclosure;
mod priced;
mod rate;
mod schedule;
mod shaped;
mod terms;
mod units;

pub use charges::{Amount, Band, Charge, Payee, Savings, SavingsTiming, Timing};
pub use check::{Contradiction, GivenTerms, MarkupWords, Term, check_terms, markup_words};
pub use disclosure::Disclosure;
pub use priced::{ChargeLine, Priced, ScheduleRow};
pub use rate::{RateError, first_guess, irr};
pub use schedule::{PricingError, annuity, price, price_in_decimal};
pub use shaped::{Shaped, price_shaped};
pub use terms::{
    Basis, DayCount, Frequency, GraceMarkup, LoanTerms, MAX_MONTHS, MarkupPer, Rounding, Structure,
};
