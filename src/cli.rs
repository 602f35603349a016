//! The command line: `check`, `price`, `schedule`. A thin shell over the
//! library. Exit codes: 0 success, 1 bad data (every problem printed in the
//! house format), 2 a usage error (bad flags). Nothing here panics on input.

use crate::error::LoadErrors;
use crate::money::{self, Charge};
use crate::pricing::{self, Basis, Frequency, LoanTerms, MarkupPer, Priced, Rounding};
use crate::study;
use clap::{Args, Parser, Subcommand};
use rust_decimal::Decimal;
use std::io::Write;
use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the data has problems.
pub const EXIT_DATA: i32 = 1;
/// Exit code: the command was used wrongly.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "mfi-compare",
    version,
    about = "Compare microfinance offers for home-based workers' community organizations",
    long_about = "Compare microfinance offers for home-based workers' community organizations.\n\nWith no command, on the built-in Kasur 2010 study, `check` is run."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a matrix and plans (the built-in study when no file is named).
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
    /// Many COs at once: every plans file in a folder scored against one
    /// matrix on all cores; a summary CSV with one row per CO, and optionally
    /// one report per CO. Exit code 1 when any file could not be read.
    Batch(BatchArgs),
    /// Synthetic but plausible studies (seeded, reproducible): a matrix and one plans file per CO.
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// How many COs (one plans file each).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    cos: u32,
    /// Members in each CO.
    #[arg(long, value_name = "M", default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    members_per_co: u32,
    /// MFIs in the matrix.
    #[arg(long, value_name = "K", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..=1000))]
    mfis: u32,
    /// Loan products per MFI.
    #[arg(long, value_name = "P", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=50))]
    products: u32,
    /// The seed: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 2010)]
    seed: u64,
    /// The folder to write (created if needed; files in it are replaced).
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    output: PathBuf,
}

/// The files of a study and its weights, shared by `score` and `report`.
#[derive(Args, Debug, Clone)]
struct StudyArgs {
    /// The MFI parameter matrix (CSV); the built-in Kasur 2010 matrix when absent.
    #[arg(long, value_name = "FILE")]
    matrix: Option<PathBuf>,
    /// The members' plans (CSV); the built-in sample CO when absent.
    #[arg(long, value_name = "FILE")]
    plans: Option<PathBuf>,
    /// A weights file (criterion, weight, worst, best).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    weights: Option<PathBuf>,
    /// A preset: balanced (the default), lowest-cost, support-and-services, access.
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
}

impl StudyArgs {
    /// Loads the study and weights, every file's problems together.
    fn load(&self) -> Result<(crate::scoring::Weights, study::Study), Failure> {
        crate::score_cli::load_inputs(
            self.matrix.as_deref(),
            self.plans.as_deref(),
            self.weights.as_deref(),
            self.preset.as_deref(),
        )
    }
}

#[derive(Args, Debug)]
struct ReportArgs {
    #[command(flatten)]
    study: StudyArgs,
    /// The report's title.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "Feasibility study for the selection of a microfinance institution"
    )]
    title: String,
    /// Who prepared it.
    #[arg(long, value_name = "NAME", default_value = "programme staff")]
    prepared_by: String,
    /// The report's date and the day loans would be disbursed (YYYY-MM-DD); today when absent.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    date: Option<crate::report::Date>,
    #[command(flatten)]
    members_pages: PagesArgs,
    /// The PDF file to write.
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    output: PathBuf,
}

/// The language and digits of the members' pages of a report.
#[derive(Args, Debug, Clone)]
struct PagesArgs {
    /// The language of the members' pages: en (English) or ur (Urdu, right to left).
    #[arg(long, value_name = "en|ur", value_parser = choice(crate::i18n::Lang::parse, &["en", "ur"]), default_value = "en")]
    handout_language: crate::i18n::Lang,
    /// The digits of the members' pages: western (1,50,000) or urdu (۱٬۵۰٬۰۰۰).
    #[arg(long, value_parser = choice(crate::i18n::Digits::parse, crate::i18n::Digits::NAMES), default_value = "western")]
    digits: crate::i18n::Digits,
}

fn date_arg(s: &str) -> Result<crate::report::Date, String> {
    crate::report::Date::parse(s)
        .ok_or_else(|| format!("expected a date like 2026-11-22, found \"{s}\""))
}

/// Turns a report's content into the bytes of a file. The PDF writer lives
/// in the binary, so that this library imports no PDF crate.
pub type Renderer = fn(&crate::report::Report) -> Result<Vec<u8>, String>;

#[derive(Args, Debug)]
struct ScoreArgs {
    #[command(flatten)]
    study: StudyArgs,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Monte Carlo draws for the stability.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    draws: u32,
    /// Add the CO's own savings as an option: the pool in rupees.
    #[arg(long, value_name = "RS", value_parser = money::parse_amount)]
    savings_pool: Option<Decimal>,
    /// The nominal markup of internal lending from the savings, flat per year.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, default_value = "5%")]
    savings_markup: Decimal,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the CO ranking as CSV.
    #[arg(long)]
    csv: bool,
}

/// How offers are judged, shared by `score` and `batch`.
#[derive(Args, Debug)]
struct SettingsArgs {
    /// The largest share of her monthly repayment capacity an instalment may take.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, default_value = "75%")]
    affordability: Decimal,
    /// The stress test: her income lower by this much.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, default_value = "20%")]
    stress: Decimal,
    /// Leave out of the ranking the offers with unknowns to verify.
    #[arg(long)]
    exclude_to_verify: bool,
    /// How instalments are rounded: none, paisa or rupee.
    #[arg(long, value_parser = choice(Rounding::parse, Rounding::NAMES), default_value = "rupee")]
    rounding: Rounding,
    /// The seed of the stability's Monte Carlo draws.
    #[arg(long, value_name = "N", default_value_t = 2010)]
    seed: u64,
}

impl SettingsArgs {
    fn settings(&self, draws: u32) -> crate::scoring::Settings {
        crate::scoring::Settings {
            rank_to_verify: !self.exclude_to_verify,
            affordability_percent: self.affordability,
            stress_income_drop_percent: self.stress,
            rounding: self.rounding,
            draws,
            seed: self.seed,
            ..crate::scoring::Settings::default()
        }
    }
}

#[derive(Args, Debug)]
struct BatchArgs {
    /// The MFI parameter matrix (CSV) every CO is scored against; the built-in Kasur 2010 matrix when absent.
    #[arg(long, value_name = "FILE")]
    matrix: Option<PathBuf>,
    /// The folder of plans files: every *.csv file in it is one CO (the matrix, weights and summary files are left out).
    #[arg(long, value_name = "DIR")]
    plans_dir: PathBuf,
    /// A weights file (criterion, weight, worst, best).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    weights: Option<PathBuf>,
    /// A preset: balanced (the default), lowest-cost, support-and-services, access.
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    #[command(flatten)]
    settings: SettingsArgs,
    /// Monte Carlo draws for each CO's stability (the share of draws in which
    /// the recommended MFI stays first), in the summary and the reports.
    #[arg(long, value_name = "N", default_value_t = 1_000, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    draws: u32,
    /// Write one feasibility report (PDF) per CO into this folder, named after its plans file.
    #[arg(long, value_name = "DIR")]
    reports: Option<PathBuf>,
    #[command(flatten)]
    members_pages: PagesArgs,
    /// The reports' date and the day loans would be disbursed (YYYY-MM-DD); today when absent.
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    date: Option<crate::report::Date>,
    /// The summary CSV to write: one row per CO.
    #[arg(short = 'o', long = "output", value_name = "SUMMARY.csv")]
    output: PathBuf,
    /// Worker threads (all cores when absent).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// The MFI parameter matrix (CSV).
    #[arg(long, value_name = "FILE")]
    matrix: Option<PathBuf>,
    /// The members' micro investment plans (CSV).
    #[arg(long, value_name = "FILE")]
    plans: Option<PathBuf>,
}

fn amount_arg(s: &str) -> Result<Decimal, String> {
    let d = money::parse_amount(s)?;
    if d.is_zero() {
        return Err("expected an amount above zero, found 0".into());
    }
    Ok(d)
}

fn percent_arg(s: &str) -> Result<Decimal, String> {
    money::parse_percent(s)
}

fn charge_arg(s: &str) -> Result<Charge, String> {
    money::parse_charge(s)
}

fn choice<T>(
    parse: fn(&str) -> Option<T>,
    names: &'static [&'static str],
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |s| parse(s).ok_or_else(|| format!("expected one of {}", names.join(", ")))
}

#[derive(Args, Debug, Clone)]
struct LoanArgs {
    /// The amount lent (or the goods' cost for murabaha), in rupees: 25000, 25,000, Rs 25,000.
    #[arg(long, value_name = "RS", value_parser = amount_arg, allow_hyphen_values = true)]
    amount: Decimal,
    /// The term in months (1 to 120).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=120), allow_hyphen_values = true)]
    months: u32,
    /// The quoted markup: 22 or 22%.
    #[arg(long, value_name = "PCT", value_parser = percent_arg, allow_hyphen_values = true, default_value = "0")]
    markup: Decimal,
    /// flat, declining, murabaha or qard.
    #[arg(long, value_parser = choice(Basis::parse, Basis::NAMES), default_value = "flat")]
    basis: Basis,
    /// Whether the markup is per year or for the whole term.
    #[arg(long, value_name = "year|term", value_parser = choice(MarkupPer::parse, MarkupPer::NAMES), default_value = "year")]
    markup_per: MarkupPer,
    /// Upfront fee: rupees (480) or percent of the loan (1%).
    #[arg(long, value_name = "RS|PCT%", value_parser = charge_arg, allow_hyphen_values = true)]
    fee: Option<Charge>,
    /// Upfront insurance premium: rupees or percent of the loan.
    #[arg(long, value_name = "RS", value_parser = charge_arg, allow_hyphen_values = true)]
    insurance: Option<Charge>,
    /// Insurance or other charges paid with every instalment, in rupees.
    #[arg(long, value_name = "RS", value_parser = money::parse_amount, allow_hyphen_values = true)]
    charge_per_instalment: Option<Decimal>,
    /// Deposit withheld at disbursement and refunded at the end: rupees or percent.
    #[arg(long, value_name = "RS|PCT%", value_parser = charge_arg, allow_hyphen_values = true)]
    deposit: Option<Charge>,
    /// Periods with no payment before the first instalment.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=520))]
    grace: u32,
    /// monthly, four-weekly, fortnightly, weekly or bullet.
    #[arg(long, value_parser = choice(Frequency::parse, Frequency::NAMES), default_value = "monthly")]
    frequency: Frequency,
    /// The number of instalments, when not the term's number of periods.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=6240))]
    instalments: Option<u32>,
    /// How instalments are rounded: none, paisa or rupee (the last absorbs the difference).
    #[arg(long, value_parser = choice(Rounding::parse, Rounding::NAMES), default_value = "rupee")]
    rounding: Rounding,
}

impl LoanArgs {
    fn terms(&self) -> LoanTerms {
        LoanTerms {
            amount: self.amount,
            basis: self.basis,
            markup_percent: self.markup,
            markup_per: self.markup_per,
            months: self.months,
            frequency: self.frequency,
            instalments: self.instalments,
            grace_periods: self.grace,
            fee: self.fee.unwrap_or(Charge::NONE),
            insurance: self.insurance.unwrap_or(Charge::NONE),
            charge_per_instalment: self.charge_per_instalment.unwrap_or_default(),
            deposit: self.deposit.unwrap_or(Charge::NONE),
            rounding: self.rounding,
        }
    }
}

#[derive(Args, Debug)]
struct PriceArgs {
    #[command(flatten)]
    loan: LoanArgs,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct ScheduleArgs {
    #[command(flatten)]
    loan: LoanArgs,
    /// Print CSV.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command line with `args` (program name first), writing to the
/// given streams, and returns the exit code. `report` is unavailable.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    run_with(args, out, err, None)
}

/// [`run`] with a report renderer.
pub fn run_with(
    args: &[String],
    out: &mut dyn Write,
    err: &mut dyn Write,
    renderer: Option<Renderer>,
) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let text = e.render().to_string();
            if e.use_stderr() {
                let _ = write!(err, "{text}");
            } else {
                let _ = write!(out, "{text}");
            }
            return code;
        }
    };
    let result = match cli.command.unwrap_or(Command::Check(CheckArgs {
        matrix: None,
        plans: None,
    })) {
        Command::Check(a) => check(&a, out),
        Command::Price(a) => price(&a, out),
        Command::Schedule(a) => schedule(&a, out),
        Command::Score(a) => crate::score_cli::score(&a.to_request(), out),
        Command::Report(a) => report(&a, out, renderer),
        Command::Generate(a) => generate(&a, out),
        Command::Batch(a) => batch(&a, out, err, renderer),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(Failure::Data(errors)) => {
            let _ = writeln!(err, "{errors}");
            let _ = writeln!(err, "{} problem(s) found.", errors.0.len());
            EXIT_DATA
        }
        Err(Failure::Usage(msg)) => {
            let _ = writeln!(err, "error: {msg}");
            EXIT_USAGE
        }
        Err(Failure::Partial(msg)) => {
            let _ = writeln!(err, "{msg}");
            EXIT_DATA
        }
    }
}

impl ScoreArgs {
    fn to_request(&self) -> crate::score_cli::ScoreRequest {
        crate::score_cli::ScoreRequest {
            matrix: self.study.matrix.clone(),
            plans: self.study.plans.clone(),
            weights: self.study.weights.clone(),
            preset: self.study.preset.clone(),
            settings: crate::scoring::Settings {
                co_savings: self.savings_pool.map(|pool| crate::scoring::CoSavings {
                    pool,
                    markup_percent: self.savings_markup,
                    max_months: 24,
                }),
                ..self.settings.settings(self.draws)
            },
            json: self.json,
            csv: self.csv,
        }
    }
}

/// How a command failed.
pub enum Failure {
    /// Problems in the data files.
    Data(LoadErrors),
    /// A wrong use of the command.
    Usage(String),
    /// Some of the work failed (each failure already reported); the rest is done.
    Partial(String),
}

impl From<LoadErrors> for Failure {
    fn from(e: LoadErrors) -> Self {
        Failure::Data(e)
    }
}

fn report(a: &ReportArgs, out: &mut dyn Write, renderer: Option<Renderer>) -> Result<(), Failure> {
    let Some(render) = renderer else {
        return Err(Failure::Usage("this build has no report writer".into()));
    };
    let (weights, s) = a.study.load()?;
    // The study is named after its plans (or matrix) file, or is the built-in one.
    let (name, notes) = match a.study.plans.as_ref().or(a.study.matrix.as_ref()) {
        Some(p) => (p.display().to_string(), String::new()),
        None => (
            study::KASUR_STUDY_NAME.to_string(),
            study::KASUR_STUDY_NOTES.to_string(),
        ),
    };
    let doc = study::StudyDoc {
        name,
        notes,
        matrix: s.matrix,
        plans: s.plans,
        weights,
        settings: crate::scoring::Settings {
            digits: a.members_pages.digits,
            ..Default::default()
        },
    };
    let content = crate::report::content_for(
        &doc,
        &a.title,
        &a.prepared_by,
        a.date.unwrap_or_else(crate::report::Date::today),
        a.members_pages.handout_language,
    );
    let bytes = render(&content)
        .map_err(|e| Failure::Usage(format!("the report could not be written: {e}")))?;
    crate::table::write_atomic(&a.output, &bytes).map_err(|e| Failure::Usage(e.to_string()))?;
    let _ = writeln!(
        out,
        "{}: {} members, written ({} bytes)",
        a.output.display(),
        doc.plans.members.len(),
        bytes.len()
    );
    Ok(())
}

fn batch(
    a: &BatchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    renderer: Option<Renderer>,
) -> Result<(), Failure> {
    use crate::batch;
    let (weights, matrix) = crate::score_cli::both(
        crate::score_cli::weights_for(a.weights.as_deref(), a.preset.as_deref()),
        study::load_matrix_or_default(a.matrix.as_deref()),
    )?;
    let mut skip: Vec<&std::path::Path> = vec![a.output.as_path()];
    skip.extend(a.matrix.as_deref());
    skip.extend(a.weights.as_deref());
    let files = batch::plans_files(&a.plans_dir, &skip).map_err(|e| {
        Failure::Usage(format!(
            "{}: cannot read the folder: {e}",
            a.plans_dir.display()
        ))
    })?;
    if files.is_empty() {
        return Err(Failure::Usage(format!(
            "{}: no plans files (*.csv) in this folder",
            a.plans_dir.display()
        )));
    }
    let reports = match (&a.reports, renderer) {
        (None, _) => None,
        (Some(_), None) => {
            return Err(Failure::Usage("this build has no report writer".into()));
        }
        (Some(dir), Some(r)) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                Failure::Usage(format!("{}: cannot create the folder: {e}", dir.display()))
            })?;
            Some((
                dir.as_path(),
                r,
                a.date.unwrap_or_else(crate::report::Date::today),
                a.members_pages.handout_language,
            ))
        }
    };
    let settings = crate::scoring::Settings {
        digits: a.members_pages.digits,
        ..a.settings.settings(a.draws)
    };
    let job = batch::Batch {
        matrix: &matrix,
        weights: &weights,
        settings: &settings,
        reports,
    };
    let bar = if a.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        // Drawn on a terminal only; hidden when stderr is a file or a pipe.
        indicatif::ProgressBar::new(files.len() as u64).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} COs  {elapsed_precise} (about {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0) as usize)
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the worker threads: {e}")))?;
    let outcomes = pool.install(|| batch::run(&job, &files, &|| bar.inc(1)));
    bar.finish_and_clear();
    let mut failed = 0;
    for o in &outcomes {
        if let Err(e) = &o.result {
            failed += 1;
            let _ = writeln!(err, "{e}");
            let _ = writeln!(
                err,
                "{}: skipped, {} problem(s) found.",
                o.file.display(),
                e.0.len()
            );
        }
        if let Some(Err(e)) = &o.report {
            failed += 1;
            let _ = writeln!(
                err,
                "{}: the report could not be written: {e}",
                o.file.display()
            );
        }
    }
    crate::table::write_atomic(&a.output, &batch::summary_csv(&outcomes))
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let _ = writeln!(out, "{}", batch::totals(&outcomes));
    let _ = writeln!(out, "{}: written", a.output.display());
    if failed > 0 {
        return Err(Failure::Partial(format!(
            "{failed} of {} file(s) failed; the others are in the summary",
            outcomes.len()
        )));
    }
    Ok(())
}

fn generate(a: &GenerateArgs, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::generate::{self, Rng};
    let fail =
        |e: std::io::Error| Failure::Usage(format!("{}: cannot write: {e}", a.output.display()));
    std::fs::create_dir_all(&a.output).map_err(fail)?;
    let mut rng = Rng::new(a.seed);
    let m = generate::matrix(a.mfis as usize, a.products as usize, "Kasur", &mut rng);
    crate::matrix::save_matrix(&a.output.join("matrix.csv"), &m)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    for co in 0..a.cos {
        let p = generate::plans(
            a.members_per_co as usize,
            &format!("CO {:04}", co + 1),
            "Kasur",
            &mut rng,
        );
        let path = a.output.join(format!("plans-{:04}.csv", co + 1));
        crate::plans::save_plans(&path, &p).map_err(|e| Failure::Usage(e.to_string()))?;
    }
    let _ = writeln!(
        out,
        "{}: matrix.csv ({} MFIs x {} products) and {} plans file(s) of {} members",
        a.output.display(),
        a.mfis,
        a.products,
        a.cos,
        a.members_per_co
    );
    Ok(())
}

fn check(a: &CheckArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let s = study::load_study(a.matrix.as_deref(), a.plans.as_deref())?;
    let m = &s.matrix;
    let doubts = m.doubts();
    let unknown = doubts.iter().filter(|d| d.3.value.is_none()).count();
    let assumed = doubts.len() - unknown;
    let matrix_name = a
        .matrix
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| study::KASUR_MATRIX_NAME.into());
    let plans_name = a
        .plans
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| study::KASUR_PLANS_NAME.into());
    let _ = writeln!(
        out,
        "{matrix_name}: OK, {} institutions, {} loan products",
        m.institutions.len(),
        m.product_count()
    );
    let _ = writeln!(
        out,
        "  {unknown} values unknown, {assumed} assumed (listed by the score command)"
    );
    let mut cos: Vec<&str> = s.plans.members.iter().map(|p| p.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let needed: Decimal = s.plans.members.iter().map(|p| p.loan_needed()).sum();
    let _ = writeln!(
        out,
        "{plans_name}: OK, {} members in {} CO(s), loans needed {} in all",
        s.plans.members.len(),
        cos.len(),
        money::rs(needed)
    );
    Ok(())
}

fn priced(loan: &LoanArgs) -> Result<Priced, Failure> {
    if loan.basis == Basis::Qard && !loan.markup.is_zero() {
        return Err(Failure::Usage(
            "qard-e-hasan has no markup: leave out --markup or use another --basis".into(),
        ));
    }
    pricing::price(&loan.terms())
        .map_err(|e| Failure::Usage(format!("cannot price this loan: {e}")))
}

/// A money figure for JSON: a decimal string, to the paisa unless exact
/// figures were asked for.
pub(crate) fn money_json(d: Decimal) -> String {
    d.round_dp(6).normalize().to_string()
}

fn price(a: &PriceArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let p = priced(&a.loan)?;
    if a.json {
        let v = serde_json::json!({
            "instalment": money_json(p.instalment),
            "last_instalment": money_json(p.last_instalment),
            "count": p.count,
            "periods_per_year": p.periods_per_year,
            "grace_periods": p.grace_periods,
            "received": money_json(p.received),
            "total_repaid": money_json(p.total_repaid),
            "total_markup": money_json(p.total_markup),
            "upfront_charges": money_json(p.upfront_charges),
            "periodic_charges": money_json(p.periodic_charges),
            "deposit": money_json(p.deposit),
            "total_cost": money_json(p.total_cost),
            "apr_percent": p.apr(),
            "eir_percent": p.eir(),
            "rate_name": p.terms.basis.rate_name(),
            "rounding": p.terms.rounding.as_str(),
        });
        let _ = writeln!(out, "{v}");
    } else {
        let _ = writeln!(out, "{p}");
    }
    Ok(())
}

fn schedule(a: &ScheduleArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let p = priced(&a.loan)?;
    if a.json {
        let rows: Vec<_> = p
            .schedule
            .iter()
            .map(|r| {
                serde_json::json!({
                    "period": r.period,
                    "due": money_json(r.due),
                    "principal": money_json(r.principal),
                    "markup": money_json(r.markup),
                    "charges": money_json(r.charges),
                    "balance": money_json(r.balance),
                })
            })
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Array(rows));
    } else if a.csv {
        let rows: Vec<Vec<String>> = p
            .schedule
            .iter()
            .map(|r| {
                vec![
                    r.period.to_string(),
                    money_json(r.due),
                    money_json(r.principal),
                    money_json(r.markup),
                    money_json(r.charges),
                    money_json(r.balance),
                ]
            })
            .collect();
        let bytes = crate::table::to_csv(
            &["period", "due", "principal", "markup", "charges", "balance"],
            &rows,
        );
        let _ = out.write_all(&bytes);
    } else {
        let _ = writeln!(
            out,
            "{:>6}  {:>14}  {:>14}  {:>14}  {:>10}  {:>14}",
            "Period", "Due (Rs)", "Principal", "Markup", "Charges", "Balance"
        );
        let f = |d: Decimal| money::group_rupees(d, true);
        for r in &p.schedule {
            let _ = writeln!(
                out,
                "{:>6}  {:>14}  {:>14}  {:>14}  {:>10}  {:>14}",
                r.period,
                f(r.due),
                f(r.principal),
                f(r.markup),
                f(r.charges),
                f(r.balance)
            );
        }
        let _ = writeln!(out, "\n{p}");
    }
    Ok(())
}
