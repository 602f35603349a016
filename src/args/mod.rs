//! The command line's arguments: clap reads the raw flags, the value parsers
//! check each value as it is read (a bad value is a usage error naming the
//! flag), and the shared groups of flags turn into the core's types.
//!
//! Here, the commands and their own flags; the groups of flags several
//! commands share in `study.rs` (where the study comes from, how offers are
//! judged, the priorities and the vote) and `loan.rs` (one loan's terms, for
//! `price` and `schedule`); the value parsers they all use in `values.rs`.

pub mod loan;
pub mod study;
mod values;

use clap::{Args, Parser, Subcommand};
use loan::{PriceArgs, ScheduleArgs};
use mfi_core::card::Method as CardMethod;
use mfi_core::data::settings::{CoSavings, Settings};
use mfi_core::date::Date;
use mfi_core::i18n::{Digits, Lang};
use mfi_core::money;
use rust_decimal::Decimal;
use std::path::PathBuf;
use study::{PrioritiesArgs, SettingsArgs, StudyArgs, VotesArgs, preset_arg};
use values::{choice, date_arg, draws_arg, line_arg, percent_arg};

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
