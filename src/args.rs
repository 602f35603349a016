//! The command line's arguments: clap reads the raw flags, the value parsers
//! check each value as it is read (a bad value is a usage error naming the
//! flag), and the shared groups of flags turn into the core's types.

use crate::failure::Failure;
use clap::{Args, Parser, Subcommand};
use mfi_core::card::Method as CardMethod;
use mfi_core::data::criteria::{self, Weights};
use mfi_core::data::files;
use mfi_core::data::priorities::Rule;
use mfi_core::data::settings::{CoSavings, MAX_DRAWS, Settings};
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::error::both;
use mfi_core::i18n::{Digits, Lang};
use mfi_core::money;
use mfi_core::pricing::charges;
use mfi_core::pricing::{
    Amount, Basis, Charge, DayCount, Frequency, GivenTerms, GraceMarkup, LoanTerms, MarkupPer,
    MarkupWords, Payee, Rounding, Savings, SavingsTiming, Structure, Term, check_terms,
    markup_words,
};
use rust_decimal::Decimal;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "mfi-compare",
    // The same usage line on every system ("mfi-compare.exe" on Windows
    // otherwise): the help and the errors read the same everywhere.
    bin_name = "mfi-compare",
    version,
    about = "Compare microfinance offers for home-based workers' community organizations",
    long_about = "Compare microfinance offers for home-based workers' community organizations.\n\nWith no arguments, the desktop app opens on the built-in Kasur 2010 study.\n\nExit codes: 0 success; 1 the data has problems (all are printed); 2 the command was used wrongly; 3 the output could not be written."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate a matrix and plans, or a study file (the built-in study when no file is named).
    Check(CheckArgs),
    /// The true cost of one loan: instalment, totals in rupees, APR and EIR.
    Price(PriceArgs),
    /// The repayment schedule of one loan, row by row.
    Schedule(ScheduleArgs),
    /// Eligibility, affordability and scores per member and for the CO: the
    /// recommended MFI, its reasons and how stable the choice is.
    Score(ScoreArgs),
    /// The feasibility report as a PDF.
    Report(ReportArgs),
    /// The field forms (A4 PDF): an MFI survey asking every parameter of the
    /// matrix, and a Micro Investment Plan with a box for every column of the
    /// plans file, then the members' priorities on eight picture cards. Blank;
    /// or, given a study (--study, --matrix or --plans), filled with what it
    /// holds, each unknown marked "to ask"; --cards for the priorities alone.
    Forms(FormsArgs),
    /// Many COs at once: every plans file in a folder scored against one
    /// matrix on all cores; a summary CSV with one row per CO, and optionally
    /// one report per CO. Exit code 1 when any file could not be read.
    Batch(BatchArgs),
    /// Synthetic but plausible studies (seeded, reproducible): a matrix and one plans file per CO.
    Generate(GenerateArgs),
    /// A loan card (the dates and rupees of a card or repayment schedule) to its true cost:
    /// APR, EIR and rupees by the periodic, US actuarial or EU method, and, with --product,
    /// the difference from that product's quoted terms in rupees.
    Card(CardArgs),
}

#[derive(Args, Debug)]
pub struct CardArgs {
    /// The card: CSV or .xlsx with the columns date, amount, what (disbursed, charge, payment, savings or refund), and an optional note.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How the annual rate is worked out: periodic (MFTransparency, r x periods a year; the default), us-actuarial (Regulation Z, Appendix J) or eu (Consumer Credit Directive, annual effective rate).
    #[arg(long, value_parser = choice(CardMethod::parse, CardMethod::NAMES), default_value = "periodic")]
    pub method: CardMethod,
    /// The product of the matrix the card is from, "MFI / product" (or "MFI" with one product): its quoted terms priced for the same loan, and the difference in rupees.
    #[arg(long, value_name = "MFI / PRODUCT")]
    pub product: Option<String>,
    /// The matrix the product is in (the built-in Kasur 2010 matrix when absent).
    #[arg(
        long,
        value_name = "FILE",
        requires = "product",
        conflicts_with = "study"
    )]
    pub matrix: Option<PathBuf>,
    /// A study whose matrix the product is in.
    #[arg(long, value_name = "FILE.mfistudy", requires = "product")]
    pub study: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// How many COs (one plans file each).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub cos: u32,
    /// Members in each CO.
    #[arg(long, value_name = "M", default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub members_per_co: u32,
    /// MFIs in the matrix.
    #[arg(long, value_name = "K", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub mfis: u32,
    /// Loan products per MFI.
    #[arg(long, value_name = "P", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    pub products: u32,
    /// The seed: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 2010)]
    pub seed: u64,
    /// The folder to write (created if needed; files in it are replaced).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
}

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
fn preset_arg(s: &str) -> Result<String, String> {
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

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub study: StudyArgs,
    #[command(flatten)]
    pub priorities: PrioritiesArgs,
    #[command(flatten)]
    pub votes: VotesArgs,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Monte Carlo draws for the stability (10,000, or the study's, when absent).
    #[arg(long, value_name = "N", value_parser = draws_arg)]
    pub draws: Option<u32>,
    /// The report's title.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "Feasibility study for the selection of a microfinance institution",
        value_parser = line_arg
    )]
    pub title: String,
    /// Who prepared it.
    #[arg(long, value_name = "NAME", default_value = "programme staff", value_parser = line_arg)]
    pub prepared_by: String,
    /// The report's date and the day loans would be disbursed (YYYY-MM-DD); today when absent.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub date: Option<Date>,
    #[command(flatten)]
    pub members_pages: PagesArgs,
    /// The PDF file to write (- for standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

#[derive(Args, Debug)]
pub struct FormsArgs {
    /// A study to fill the forms from (*.mfistudy).
    #[arg(long, value_name = "FILE.mfistudy", conflicts_with_all = ["matrix", "plans"])]
    pub study: Option<PathBuf>,
    /// A matrix to fill the MFI surveys from (the built-in plans then fill the plans).
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// Plans to fill the members' forms from (the built-in matrix then fills the surveys).
    #[arg(long, value_name = "FILE")]
    pub plans: Option<PathBuf>,
    /// Only the members' priorities: the eight picture cards to put 10 stones on, one page.
    #[arg(long, conflicts_with_all = ["study", "matrix", "plans"])]
    pub cards: bool,
    /// Only the resolution of the CO, one page: blank; with a study, its MFIs listed before the vote; filled from the study's vote or --votes.
    #[arg(long, conflicts_with = "cards")]
    pub resolution: bool,
    /// Only the quick start for CO facilitators, one page: what the app shows a member, and the meeting (the guide's page, docs/quick-start.md; in Urdu with --language ur).
    #[arg(long, conflicts_with_all = ["study", "matrix", "plans", "cards", "resolution"])]
    pub quick_start: bool,
    #[command(flatten)]
    pub votes: VotesArgs,
    /// The language of the Micro Investment Plan, the members' priorities, the resolution and the quick start: en or ur (right to left); the MFI survey is in English, for staff.
    #[arg(long, value_name = "en|ur", value_parser = choice(Lang::parse, &["en", "ur"]), default_value = "en")]
    pub language: Lang,
    /// The forms' date (YYYY-MM-DD), in the file's details; today when absent.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub date: Option<Date>,
    /// The PDF file to write (- for standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
}

/// The language and digits of the members' pages of a report.
#[derive(Args, Debug, Clone)]
pub struct PagesArgs {
    /// The language of the members' pages: en (English) or ur (Urdu, right to left).
    #[arg(long, value_name = "en|ur", value_parser = choice(Lang::parse, &["en", "ur"]), default_value = "en")]
    pub handout_language: Lang,
    /// The digits of the members' pages: western (1,50,000) or urdu (۱٬۵۰٬۰۰۰); the study's, or western, when absent.
    #[arg(long, value_parser = choice(Digits::parse, Digits::NAMES))]
    pub digits: Option<Digits>,
}

fn date_arg(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("expected a date like 2026-11-22, found \"{s}\""))
}

/// A line of text printed on a page (a title, a name, a place): at most as
/// long as a study's name, so that a page is never laid out from megabytes.
fn line_arg(s: &str) -> Result<String, String> {
    let max = mfi_core::data::limits::MAX_STUDY_NAME_CHARS;
    let n = s.chars().count();
    if n > max {
        return Err(format!(
            "expected at most {max} characters, found {}",
            mfi_core::data::limits::count(n as u64)
        ));
    }
    Ok(s.to_string())
}

fn draws_arg(s: &str) -> Result<u32, String> {
    s.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_DRAWS).contains(n))
        .ok_or_else(|| format!("expected a whole number from 1 to 1,000,000, found \"{s}\""))
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

#[derive(Args, Debug)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub study: StudyArgs,
    #[command(flatten)]
    pub priorities: PrioritiesArgs,
    #[command(flatten)]
    pub votes: VotesArgs,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Monte Carlo draws for the stability (10,000, or the study's, when absent).
    #[arg(long, value_name = "N", value_parser = draws_arg)]
    pub draws: Option<u32>,
    /// Add the CO's own savings as an option: the pool in rupees.
    #[arg(long, value_name = "RS", value_parser = money::parse_amount)]
    pub savings_pool: Option<Decimal>,
    /// The nominal markup of internal lending from the savings, flat per year.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, default_value = "5%")]
    pub savings_markup: Decimal,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the CO ranking as CSV.
    #[arg(long)]
    pub csv: bool,
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

impl ScoreArgs {
    /// The settings: the study's (or the defaults), the flags given, the CO's savings.
    pub fn settings(&self, base: Settings) -> Settings {
        let s = self.settings.apply(base, self.draws);
        match self.savings_pool {
            Some(pool) => Settings {
                co_savings: Some(CoSavings {
                    pool,
                    markup_percent: self.savings_markup,
                    max_months: 24,
                }),
                ..s
            },
            None => s,
        }
    }
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// A study saved by the app (*.mfistudy): its matrix, weights and settings (its plans are not used: every CO comes from --plans-dir).
    #[arg(long, value_name = "FILE.mfistudy", conflicts_with_all = ["matrix", "weights", "preset"])]
    pub study: Option<PathBuf>,
    /// The MFI parameter matrix (CSV) every CO is scored against; the built-in Kasur 2010 matrix when absent.
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// The folder of plans files: every *.csv file in it is one CO (the matrix, weights and summary files are left out).
    #[arg(long, value_name = "DIR")]
    pub plans_dir: PathBuf,
    /// A weights file (criterion, weight, worst, best).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    pub weights: Option<PathBuf>,
    /// A preset: balanced (the default), lowest-cost, support-and-services, access.
    #[arg(long, value_name = "NAME", value_parser = preset_arg)]
    pub preset: Option<String>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Monte Carlo draws for each CO's stability (the share of draws in which
    /// the recommended MFI stays first), in the summary and the reports.
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = draws_arg)]
    pub draws: u32,
    /// Write one feasibility report (PDF) per CO into this folder, named after its plans file.
    #[arg(long, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    #[command(flatten)]
    pub members_pages: PagesArgs,
    /// The reports' date and the day loans would be disbursed (YYYY-MM-DD); today when absent.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub date: Option<Date>,
    /// The summary CSV to write: one row per CO (- for standard output).
    #[arg(short = 'o', long = "output", value_name = "SUMMARY.csv")]
    pub output: PathBuf,
    /// Worker threads (all cores when absent).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub threads: Option<u32>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Args, Debug, Default)]
pub struct CheckArgs {
    /// A study saved by the app (*.mfistudy): its matrix, plans, weights and settings are all checked.
    #[arg(long, value_name = "FILE.mfistudy", conflicts_with_all = ["matrix", "plans"])]
    pub study: Option<PathBuf>,
    /// The MFI parameter matrix (CSV).
    #[arg(long, value_name = "FILE")]
    pub matrix: Option<PathBuf>,
    /// The members' micro investment plans (CSV).
    #[arg(long, value_name = "FILE")]
    pub plans: Option<PathBuf>,
}

fn amount_arg(s: &str) -> Result<Decimal, String> {
    let d = money::parse_amount(s)?;
    if d < Decimal::ONE {
        return Err(format!(
            "expected a loan of at least Rs 1, found \"{}\"",
            s.trim()
        ));
    }
    Ok(d)
}

fn percent_arg(s: &str) -> Result<Decimal, String> {
    money::parse_percent(s)
}

/// The markup of one loan as `--markup` gives it: its rate, and what the
/// words beside it say (`20% flat`: the basis; `25% for the term`: per term).
#[derive(Debug, Clone)]
pub struct MarkupArg {
    /// The rate in percent.
    pub rate: Decimal,
    /// The basis the words say, if any.
    pub basis: Option<Basis>,
    /// Per year or per term, if the words say.
    pub per: Option<MarkupPer>,
    /// As written, for messages.
    pub written: String,
}

/// The markup of one loan: a rate, with the words staff write beside it
/// understood (`20% flat`, `28% declining`, `25% for the whole term`) or
/// answered with the flags to use (`23% per 336 days`, `2% a month`). A
/// range or bands describe a product, whose loans each have one rate: they
/// belong in the matrix.
fn markup_arg(s: &str) -> Result<MarkupArg, String> {
    let t = s.trim();
    let lower = t.to_lowercase();
    if t.contains(';') || lower.contains("up to") || t.trim_start_matches('-').contains('-') {
        return Err(format!(
            "expected the markup of this loan, one rate like 22%, found \"{t}\" (a range or bands describe a product: write them in the matrix, or price each rate)"
        ));
    }
    let written = t.to_string();
    let Some(w) = markup_words(t) else {
        return money::parse_percent(s).map(|rate| MarkupArg {
            rate,
            basis: None,
            per: None,
            written,
        });
    };
    let r = w.rate.normalize();
    if w.monthly {
        let year = (w.rate * Decimal::from(12)).normalize();
        return Err(format!(
            "expected the markup a year or for the term, found \"{t}\": {r}% a month is {year}% a year: write --markup {year}%"
        ));
    }
    let mut per = w.per;
    if let Some(days) = w.days {
        if days == 365 || days == 366 {
            per = Some(MarkupPer::Year);
        } else {
            let answer = match MarkupWords::periods_of_days(days) {
                Some((f, n)) => {
                    let takes = ((u64::from(n) * 12 + u64::from(f.periods_per_year()) / 2)
                        / u64::from(f.periods_per_year()))
                    .max(1);
                    format!(
                        "{days} days are {n} {} periods: for a loan of {n} {} instalments, write --markup {r}% --markup-per term --frequency {} --instalments {n} --months {takes}",
                        f.words(),
                        f.words(),
                        f.as_str()
                    )
                }
                None => format!(
                    "give the rate per year (--markup R%) or for the whole term (--markup {r}% --markup-per term)"
                ),
            };
            return Err(format!(
                "expected the markup a year or for the term, found \"{t}\": {answer}"
            ));
        }
    }
    Ok(MarkupArg {
        rate: w.rate,
        basis: w.basis,
        per,
        written,
    })
}

/// The charges of one flag (one value may hold several joined with `+`);
/// a type of its own, as clap reads a bare `Vec` as several values. A tax
/// named as a charge of its own (`--charge "FED: 16%"`) is kept apart: it
/// is a tax on the lender's other charges.
#[derive(Debug, Clone)]
pub struct ChargeList(pub Vec<Charge>, pub Vec<(String, Decimal)>);

fn fee_arg(s: &str) -> Result<ChargeList, String> {
    charges::parse_charges(s, "fee", Payee::Lender).map(|c| ChargeList(c, Vec::new()))
}

fn insurance_arg(s: &str) -> Result<ChargeList, String> {
    charges::parse_charges(s, "insurance", Payee::Insurer).map(|c| ChargeList(c, Vec::new()))
}

/// `NAME: SPEC`, a named charge; `FED: 16%` (a tax's name and a rate) is a
/// tax on the lender's other charges.
fn named_charge_arg(s: &str) -> Result<ChargeList, String> {
    if !s.contains(':') {
        return Err(format!(
            "expected a named charge like \"stamp duty: Rs 100 to third party\", found \"{}\"",
            s.trim()
        ));
    }
    if let Some(tax) = charges::tax_of_its_own(s) {
        return tax.map(|t| ChargeList(Vec::new(), vec![t]));
    }
    charges::parse_charges(s, "charge", Payee::Lender).map(|c| ChargeList(c, Vec::new()))
}

/// A whole number from `lo` to `hi` (Urdu digits too), its limits said in
/// words.
fn whole_arg(what: &'static str, lo: u32, hi: u32) -> impl Fn(&str) -> Result<u32, String> + Clone {
    move |s| {
        let t = money::western_digits(s.trim()).replace(',', "");
        match t.parse::<u32>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            _ => Err(format!(
                "expected {what} from {lo} to {}, found \"{}\"",
                money::group_rupees(hi.into(), false),
                s.trim()
            )),
        }
    }
}

fn savings_arg(s: &str) -> Result<Savings, String> {
    charges::parse_savings(s)
}

/// A whole number of periods, 0 or more (a minus sign is refused in words,
/// not as "unexpected argument").
fn periods_arg(s: &str) -> Result<u32, String> {
    if money::is_nothing(s) {
        return Ok(0);
    }
    money::western_digits(s.trim()).parse::<u32>().map_err(|_| {
        format!(
            "expected a whole number of periods, 0 or more, found \"{}\"",
            s.trim()
        )
    })
}

/// A value parser for one of a few words.
fn choice<T>(
    parse: fn(&str) -> Option<T>,
    names: &'static [&'static str],
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |s| parse(s).ok_or_else(|| format!("expected one of {}", names.join(", ")))
}

/// A term as the command line names it: `--instalments 12`, `--grace`.
fn flag_name(t: Term, value: Option<&str>) -> String {
    let flag = match t {
        Term::Months => "--months",
        Term::Frequency => "--frequency",
        Term::Structure => "--structure",
        Term::Instalments => "--instalments",
        Term::Grace => "--grace",
        Term::GraceMarkup => "--grace-markup",
        Term::DayCount => "--day-count",
        Term::Basis => "--basis",
        Term::Markup => "--markup",
        Term::Disbursed => "--disbursed",
    };
    match value {
        Some(v) => format!("{flag} {v}"),
        None => flag.to_string(),
    }
}

#[derive(Args, Debug, Clone)]
pub struct LoanArgs {
    /// The amount lent (or the goods' cost for murabaha), in rupees: 25000, 25,000, Rs 25,000.
    #[arg(long, value_name = "RS", value_parser = amount_arg, allow_hyphen_values = true)]
    pub amount: Decimal,
    /// The term in months (1 to 120).
    #[arg(long, value_name = "N", value_parser = whole_arg("a term in months", 1, 120), allow_hyphen_values = true)]
    pub months: u32,
    /// The quoted markup: 22, 22% or 22% p.a.; with its basis or period as quoted: "20% flat", "28% declining", "25% for the term".
    #[arg(long, value_name = "PCT", value_parser = markup_arg, allow_hyphen_values = true, default_value = "0")]
    pub markup: MarkupArg,
    /// flat, declining, murabaha or qard (flat when absent, unless --markup says: "28% declining").
    #[arg(long, value_parser = choice(Basis::parse, Basis::NAMES))]
    pub basis: Option<Basis>,
    /// Whether the markup is per year or for the whole term (per year when absent, unless --markup says: "25% for the term").
    #[arg(long, value_name = "year|term", value_parser = choice(MarkupPer::parse, MarkupPer::NAMES))]
    pub markup_per: Option<MarkupPer>,
    /// A fee, deducted at disbursement unless said otherwise: 480, 1%, "2.5% min 2500 +16% tax", "1% max 5000", "Rs 200 up to 30,000; Rs 400 above".
    #[arg(long, value_name = "SPEC", value_parser = fee_arg, allow_hyphen_values = true)]
    pub fee: Option<ChargeList>,
    /// An insurance premium (received by an insurer), written like a fee: 200, 1%, "Rs 50 per instalment".
    #[arg(long, value_name = "SPEC", value_parser = insurance_arg, allow_hyphen_values = true)]
    pub insurance: Option<ChargeList>,
    /// Any further named charge, as often as needed: --charge "stamp duty: Rs 100 to third party"; a tax by name ("FED: 16%") is a tax on the lender's charges.
    #[arg(long, value_name = "NAME: SPEC", value_parser = named_charge_arg, allow_hyphen_values = true)]
    pub charge: Vec<ChargeList>,
    /// Insurance or other charges paid with every instalment, in rupees (the same as a charge "per instalment").
    #[arg(long, value_name = "RS", value_parser = money::parse_amount, allow_hyphen_values = true)]
    pub charge_per_instalment: Option<Decimal>,
    /// A deposit withheld at disbursement and refunded at the end: rupees or percent.
    #[arg(long, value_name = "RS|PCT%", value_parser = savings_arg, allow_hyphen_values = true, conflicts_with = "savings")]
    pub deposit: Option<Savings>,
    /// Compulsory savings: "Rs 100 per instalment", "10% upfront"; refunded at the end.
    #[arg(long, value_name = "SPEC", value_parser = savings_arg, allow_hyphen_values = true)]
    pub savings: Option<Savings>,
    /// What the savings earn a year, paid with the refund.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, requires = "savings", allow_hyphen_values = true)]
    pub savings_interest: Option<Decimal>,
    /// equal (instalments of principal and markup), bullet (one payment at the end) or interest-only.
    #[arg(long, value_parser = choice(Structure::parse, Structure::NAMES))]
    pub structure: Option<Structure>,
    /// Periods with no payment of the amount before the first instalment.
    #[arg(long, value_name = "N", default_value = "0", value_parser = periods_arg, allow_hyphen_values = true)]
    pub grace: u32,
    /// The markup of the grace periods: paid, accrued (repaid with the instalments) or capitalised.
    #[arg(long, value_parser = choice(GraceMarkup::parse, GraceMarkup::NAMES))]
    pub grace_markup: Option<GraceMarkup>,
    /// monthly, four-weekly, fortnightly, weekly, quarterly or bullet.
    #[arg(long, value_parser = choice(Frequency::parse, Frequency::NAMES), default_value = "monthly")]
    pub frequency: Frequency,
    /// The number of instalments, when not the term's number of periods.
    #[arg(long, value_name = "N", value_parser = whole_arg("a number of instalments", 1, 6240), allow_hyphen_values = true)]
    pub instalments: Option<u32>,
    /// The day the loan is paid out (YYYY-MM-DD): the schedule then has dates.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub disbursed: Option<Date>,
    /// How a declining markup counts time: periods, actual-365 (needs --disbursed) or 30-360.
    #[arg(long, value_parser = choice(DayCount::parse, DayCount::NAMES))]
    pub day_count: Option<DayCount>,
    /// How instalments are rounded: none, paisa or rupee (the last absorbs the difference).
    #[arg(long, value_parser = choice(Rounding::parse, Rounding::NAMES), default_value = "rupee")]
    pub rounding: Rounding,
}

impl LoanArgs {
    /// The loan's terms for the pricing engine, or which flags contradict
    /// each other (the check the matrix's products get too).
    pub fn terms(&self) -> Result<LoanTerms, String> {
        let m = &self.markup;
        let basis = match (self.basis, m.basis) {
            (Some(a), Some(b)) if a != b => {
                return Err(format!(
                    "--markup \"{}\" and --basis {} contradict each other: give one basis",
                    m.written,
                    a.as_str()
                ));
            }
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => Basis::Flat,
        };
        let markup_per = match (self.markup_per, m.per) {
            (Some(a), Some(b)) if a != b => {
                return Err(format!(
                    "--markup \"{}\" and --markup-per {} contradict each other",
                    m.written,
                    a.as_str()
                ));
            }
            (Some(a), _) | (None, Some(a)) => a,
            (None, None) => MarkupPer::Year,
        };
        let given = GivenTerms {
            months: Some(self.months),
            frequency: Some(self.frequency),
            structure: self.structure,
            instalments: self.instalments,
            grace: Some(self.grace),
            grace_markup: self.grace_markup,
            day_count: self.day_count,
            basis: Some(basis),
            markup: Some(m.rate),
            dated: self.disbursed.is_some(),
        };
        let structure = check_terms(&given, &flag_name).map_err(|c| c.message)?;
        let day_count = self.day_count.unwrap_or_default();
        let mut charges: Vec<Charge> = Vec::new();
        let mut taxes: Vec<(String, Decimal)> = Vec::new();
        for list in self.fee.iter().chain(&self.insurance).chain(&self.charge) {
            charges.extend(list.0.iter().cloned());
            taxes.extend(list.1.iter().cloned());
        }
        if let Some(rs) = self.charge_per_instalment {
            charges.push(Charge::fee("charge per instalment", Amount::Rupees(rs)).per_instalment());
        }
        // A tax named as a charge of its own: on every charge of the lender
        // that states no tax of its own.
        for (name, percent) in taxes {
            let mut taxed = 0;
            for c in charges
                .iter_mut()
                .filter(|c| c.payee == Payee::Lender && c.tax_percent.is_none())
            {
                c.tax_percent = Some(percent);
                taxed += 1;
            }
            if taxed == 0 {
                let p = percent.normalize();
                return Err(format!(
                    "--charge \"{name}: {p}%\" is a tax on charges, and no charge of the lender is given for it to be on: give the charge (--fee 480), or write the tax after it: --fee \"Rs 480 +{p}% {name}\""
                ));
            }
        }
        let savings = match (&self.savings, &self.deposit) {
            (Some(s), _) => Some(Savings {
                interest_percent: self.savings_interest.unwrap_or(s.interest_percent),
                ..s.clone()
            }),
            (None, Some(d)) => {
                if d.timing != SavingsTiming::Upfront || !d.interest_percent.is_zero() {
                    return Err("--deposit is withheld at disbursement and earns nothing: use --savings for savings per instalment or with interest".into());
                }
                Some(d.clone())
            }
            (None, None) => None,
        };
        Ok(LoanTerms {
            amount: self.amount,
            markup_percent: m.rate,
            basis,
            markup_per,
            months: self.months,
            frequency: self.frequency,
            structure,
            instalments: self.instalments,
            grace_periods: self.grace,
            grace_markup: self.grace_markup.unwrap_or_default(),
            day_count,
            charges: charges.into(),
            savings,
            disbursed: self.disbursed,
            rounding: self.rounding,
        })
    }
}

#[derive(Args, Debug)]
pub struct PriceArgs {
    #[command(flatten)]
    pub loan: LoanArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ScheduleArgs {
    #[command(flatten)]
    pub loan: LoanArgs,
    /// Print CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
