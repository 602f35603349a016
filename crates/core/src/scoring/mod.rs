//! Scoring: for every member and offer, eligibility, the loan and its price,
//! affordability (and under stress), and a weighted score that is the sum of
//! its criteria's contributions; for the CO, each MFI's result and the
//! recommendation with its reasons; and how stable that recommendation is.
//!
//! Every criterion's value function is linear on a fixed scale the study sets
//! (for example APR 0% best, 80% worst), never min-max over the options
//! present, so adding or removing an MFI never reorders the others.
//!
//! The criteria, weights and settings are the study's data
//! ([`crate::data::criteria`], [`crate::data::settings`]); they are
//! re-exported here because every use of scoring needs them.

mod cache;
pub mod draws;
mod evaluation;
pub mod fold;
mod loan;
mod measures;
pub mod months;
pub mod negotiate;
mod numbers;
mod ranking;
mod reasons;
mod result;
mod savings;
pub mod stability;
pub mod unknowns;
mod update;
pub mod verdict;
pub mod wire;

pub use crate::data::criteria::{Criterion, N, Scale, Weights, normalise};
pub use crate::data::matrix::SERVICES;
pub use crate::data::settings::{CoSavings, Settings};
pub use cache::{CachePool, PriceCache, SharedPrices};
pub use evaluation::{Detail, evaluate, evaluate_cached, evaluate_unless, stressed_capacity};
pub use loan::{HerStrip, Loan, PaidOut, Worth};
pub use reasons::{
    ask_the_members, doubts_by_mfi, reasons, served_only_if_confirmed, verify_first,
};
pub use result::{Evaluation, MemberResult, MfiResult, Pair};
pub use savings::{CO_SAVINGS_NAME, co_savings_institution};
