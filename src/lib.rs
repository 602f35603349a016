//! Compare microfinance offers for home-based workers' community
//! organizations: the study's data (the MFI parameter matrix and the
//! members' micro investment plans), the true cost of every offer, and the
//! command line over them. This library imports no GUI or PDF crate: the
//! desktop app, the command line and the report writer are shells over it.

pub mod batch;
pub mod cli;
pub mod eligibility;
pub mod error;
pub mod fact;
pub mod generate;
pub mod i18n;
pub mod matrix;
pub mod money;
pub mod offer;
pub mod plans;
pub mod pricing;
pub mod report;
pub mod score_cli;
pub mod scoring;
pub mod stability;
pub mod study;
pub mod table;
