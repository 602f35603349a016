//! The groups of flags about a study, shared by several commands: where
//! the study comes from, how offers are judged, the members' priorities
//! and the vote.

use super::values::{choice, date_arg, line_arg};
use crate::failure::Failure;
use clap::Args;
use mfi_core::data::criteria::{self, Weights};
use mfi_core::data::files;
use mfi_core::data::priorities::Rule;
use mfi_core::data::settings::Settings;
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::error::both;
use mfi_core::money;
use mfi_core::pricing::Rounding;
use rust_decimal::Decimal;
use std::path::PathBuf;

/// Where a command's study comes from: a study file, or a matrix, plans and
/// weights (each the built-in one when absent).
#[derive(Args, Debug, Clone)]
pub struct StudyArgs {
    /// A study saved by the app (*.mfistudy): its matrix, plans, weights and settings.
    #[arg(long, value_name = "FILE.mfistudy", conflicts_with_all = ["matrix", "plans", "weights", "preset"])]
    pub study: Option<PathBuf>,
    /// The MFI parameter matrix (CSV); the built-in Kasur 2010 matrix when absent.
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// The members' plans (CSV); the built-in sample CO when absent.
    #[arg(long, value_name = "FILE")]
    pub plans: Option<PathBuf>,
    /// A weights file (criterion, weight, worst, best).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    pub weights: Option<PathBuf>,
    /// A preset: balanced (the default), lowest-cost, support-and-services, access.
    #[arg(long, value_name = "NAME", value_parser = preset_arg)]
    pub preset: Option<String>,
}

impl StudyArgs {
    /// Loads the study, every file's problems together. A study file
    /// brings its own settings; separate files get the defaults.
    pub fn load(&self) -> Result<StudyDoc, Failure> {
        if let Some(path) = &self.study {
            return Ok(StudyDoc::open(path)?);
        }
        let (weights, study) = both(
            self.weights(),
            files::load_study(self.matrix.as_deref(), self.plans.as_deref()),
        )?;
        // The study is named after its COs and districts (or its plans or
        // matrix file), or is the built-in one.
        let (name, notes) = match self.plans.as_ref().or(self.matrix.as_ref()) {
            Some(p) => (
                mfi_core::data::study::name_from_plans(&study.plans, p),
                String::new(),
            ),
            None => (
                mfi_core::data::builtin::KASUR_STUDY_NAME.to_string(),
                mfi_core::data::builtin::KASUR_STUDY_NOTES.to_string(),
            ),
        };
        Ok(StudyDoc {
            name,
            notes,
            matrix: study.matrix,
            plans: study.plans,
            weights,
            settings: Settings::default(),
            priorities: Default::default(),
            votes: Default::default(),
        })
    }

    /// The weights named: a file, a preset, or the default preset.
    pub fn weights(&self) -> Result<Weights, mfi_core::error::LoadErrors> {
        files::load_weights_or_preset(
            self.weights.as_deref(),
            self.preset.as_deref().unwrap_or(criteria::DEFAULT_PRESET),
        )
    }
}

/// A preset's name, checked when read.
pub(super) fn preset_arg(s: &str) -> Result<String, String> {
    let names = criteria::preset_names();
    if names.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "no preset \"{s}\": expected one of {}",
            names.join(", ")
        ))
    }
}

/// The members' priorities, for `score` and `report`.
#[derive(Args, Debug, Clone)]
pub struct PrioritiesArgs {
    /// The members' priorities: a CSV or workbook with the columns member, true_cost, total_cost, affordability, access, insurance, services, fit, flexibility, note (counters per criterion); a study file's own when absent.
    #[arg(long, value_name = "FILE")]
    pub priorities: Option<PathBuf>,
    /// How the members' priorities are combined into the CO's weights: mean (the default) or median.
    #[arg(long, value_name = "mean|median", value_parser = choice(Rule::parse, &["mean", "median"]))]
    pub combine: Option<Rule>,
    /// Rank with the members' combined weights instead of the study's (the study's scales kept).
    #[arg(long)]
    pub adopt_priorities: bool,
}

impl PrioritiesArgs {
    /// Puts the priorities into the study (a file given replaces the
    /// study's own), sets the rule, adopts the combined weights when asked;
    /// warns on `warn` about members not in the plans.
    pub fn apply(&self, doc: &mut StudyDoc, warn: &mut dyn std::io::Write) -> Result<(), Failure> {
        if let Some(path) = &self.priorities {
            let bytes = mfi_core::data::files::read_file(path)?;
            doc.priorities =
                mfi_core::data::priorities::load_priorities(&path.display().to_string(), &bytes)?;
        }
        if let Some(rule) = self.combine {
            doc.priorities.rule = rule;
        }
        for w in mfi_core::data::priorities::unknown_members(&doc.priorities, &doc.plans) {
            writeln!(warn, "warning: {w}")?;
        }
        if self.adopt_priorities {
            let c = mfi_core::voice::group::combine(&doc.priorities.shares(), doc.priorities.rule)
                .ok_or_else(|| {
                    Failure::Usage(
                        "--adopt-priorities needs the members' priorities: --priorities FILE, or a study file that holds them".into(),
                    )
                })?;
            doc.weights = mfi_core::voice::group::adopt(&doc.weights, &c);
        }
        Ok(())
    }
}

/// The CO's vote, for `score`, `report` and `forms --resolution`.
#[derive(Args, Debug, Clone)]
pub struct VotesArgs {
    /// The CO's vote: a CSV or workbook with the columns member, vote (an MFI's name, abstain or absent) and an optional note; a study file's own when absent.
    #[arg(long, value_name = "FILE")]
    pub votes: Option<PathBuf>,
    /// The vote carries when at least this share of the members present vote for the MFI (the study's setting, or 70%).
    #[arg(long, value_name = "PCT", value_parser = vote_threshold_arg)]
    pub vote_threshold: Option<Decimal>,
    /// ... with more than this share of the CO's members present (the study's setting, or 50%: more than half).
    #[arg(long, value_name = "PCT", value_parser = vote_quorum_arg)]
    pub vote_quorum: Option<Decimal>,
    /// The day of the vote (YYYY-MM-DD), written on the resolution.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub vote_date: Option<Date>,
    /// Where the vote was held, written on the resolution.
    #[arg(long, value_name = "TEXT", value_parser = line_arg)]
    pub vote_place: Option<String>,
}

fn vote_threshold_arg(s: &str) -> Result<Decimal, String> {
    mfi_core::data::votes::VoteRule::check_carried(money::parse_percent(s)?)
}

fn vote_quorum_arg(s: &str) -> Result<Decimal, String> {
    mfi_core::data::votes::VoteRule::check_quorum(money::parse_percent(s)?)
}

impl VotesArgs {
    /// Whether any of the vote's flags was given.
    pub fn any(&self) -> bool {
        self.votes.is_some()
            || self.vote_threshold.is_some()
            || self.vote_quorum.is_some()
            || self.vote_date.is_some()
            || self.vote_place.is_some()
    }

    /// Puts the vote into the study (a file given replaces the study's own,
    /// its MFIs checked against the study's), sets the rule, the date and
    /// the place given; warns on `warn` about voters without a plan and
    /// votes for an MFI the study does not hold.
    pub fn apply(&self, doc: &mut StudyDoc, warn: &mut dyn std::io::Write) -> Result<(), Failure> {
        if let Some(path) = &self.votes {
            let bytes = mfi_core::data::files::read_file(path)?;
            let options = mfi_core::report::resolution::vote_options(doc);
            doc.votes = mfi_core::data::votes::load_votes(
                &path.display().to_string(),
                &bytes,
                Some(&options),
            )?;
        }
        if let Some(d) = self.vote_threshold {
            doc.settings.vote_carried_percent = d;
        }
        if let Some(d) = self.vote_quorum {
            doc.settings.vote_quorum_percent = d;
        }
        if let Some(d) = self.vote_date {
            doc.votes.date = Some(d);
        }
        if let Some(p) = &self.vote_place {
            doc.votes.place = p.trim().to_string();
        }
        let options = mfi_core::report::resolution::vote_options(doc);
        if !doc.votes.is_empty() {
            for w in mfi_core::data::votes::warnings(&doc.votes, &doc.plans, &options) {
                writeln!(warn, "warning: {w}")?;
            }
        }
        Ok(())
    }
}

/// How offers are judged, shared by `score`, `report` and `batch`. A flag
/// that is given overrides the study's setting; one that is absent keeps it
/// (or the default, when the study comes from separate files).
#[derive(Args, Debug)]
pub struct SettingsArgs {
    /// The largest share of her free money in a month (after her household and other debts) a loan may take; the rest is her buffer (default 75%).
    #[arg(long, value_name = "PCT", value_parser = affordability_arg)]
    pub affordability: Option<Decimal>,
    /// The most her debts may take of her income in any month, this loan's payment included (default 50%, RBI's cap for microfinance).
    #[arg(long, value_name = "PCT", value_parser = affordability_arg)]
    pub debt_cap: Option<Decimal>,
    /// When the loans are to be paid out (YYYY-MM-DD): places her lean and busy months against the loan's months; when absent (and not in the study), every month of the year is tried and the worst kept.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub disbursed: Option<Date>,
    /// The stress test: her income lower by this much (default 20%).
    #[arg(long, value_name = "PCT", value_parser = stress_arg)]
    pub stress: Option<Decimal>,
    /// Leave out of the ranking the offers with unknowns to verify.
    #[arg(long)]
    pub exclude_to_verify: bool,
    /// How instalments are rounded: none, paisa or rupee (default rupee).
    #[arg(long, value_parser = choice(Rounding::parse, Rounding::NAMES))]
    pub rounding: Option<Rounding>,
    /// The seed of the stability's Monte Carlo draws (default 2010).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// In the draws over the data, the chance that an unknown yes/no is drawn as yes, as a percentage (default 50%).
    #[arg(long, value_name = "PCT", value_parser = unknown_yes_arg)]
    pub unknown_yes: Option<f64>,
}

fn unknown_yes_arg(s: &str) -> Result<f64, String> {
    let d = money::parse_percent(s)?;
    // The study file's `unknown_yes` is a share (0.9); the flag is a
    // percentage: a share between 0 and 1 written without % is refused.
    if d > Decimal::ZERO && d < Decimal::ONE && !s.trim_end().ends_with('%') {
        return Err(format!(
            "expected a percentage from 0 to 100, found \"{s}\": did you mean {}%? (write \"{s}%\" for less than 1%)",
            (d * Decimal::ONE_HUNDRED).normalize()
        ));
    }
    if d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED {
        Ok(mfi_core::money::to_f64(d) / 100.0)
    } else {
        Err(format!(
            "expected a percentage from 0 to 100, found \"{s}\""
        ))
    }
}

impl SettingsArgs {
    /// `base` with the flags that were given.
    pub fn apply(&self, base: Settings, draws: Option<u32>) -> Settings {
        Settings {
            rank_to_verify: base.rank_to_verify && !self.exclude_to_verify,
            affordability_percent: self.affordability.unwrap_or(base.affordability_percent),
            debt_service_cap_percent: self.debt_cap.unwrap_or(base.debt_service_cap_percent),
            disbursed: self.disbursed.or(base.disbursed),
            stress_income_drop_percent: self.stress.unwrap_or(base.stress_income_drop_percent),
            rounding: self.rounding.unwrap_or(base.rounding),
            seed: self.seed.unwrap_or(base.seed),
            draws: draws.unwrap_or(base.draws),
            unknown_yes: self.unknown_yes.unwrap_or(base.unknown_yes),
            ..base
        }
    }
}

fn affordability_arg(s: &str) -> Result<Decimal, String> {
    let d = money::parse_percent(s)?;
    if d > Decimal::ZERO && d <= Decimal::ONE_HUNDRED {
        Ok(d)
    } else {
        Err(format!(
            "expected a percentage above 0 and at most 100, found \"{s}\""
        ))
    }
}

fn stress_arg(s: &str) -> Result<Decimal, String> {
    let d = money::parse_percent(s)?;
    if d >= Decimal::ZERO && d <= Decimal::ONE_HUNDRED {
        Ok(d)
    } else {
        Err(format!(
            "expected a percentage from 0 to 100, found \"{s}\""
        ))
    }
}
