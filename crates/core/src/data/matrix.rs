//! The MFI parameter matrix: institutions, their loan products, and every
//! term of both, each value possibly unknown and carrying its provenance.
//!
//! On disk it is one "long" CSV file, one value per row:
//! `institution, product, parameter, value, source, confidence, note`.
//! An empty `product` means the row is about the institution itself.
//! The README explains why this layout was chosen.

use crate::data::names;
use crate::data::table::{self, ColumnSpec, Row};
use crate::error::{LoadError, LoadErrors, SaveError};
use crate::fact::{Confidence, Fact, Provenance};
use crate::money;
use crate::pricing::charges::{self, Charge, Payee, Savings};
use crate::pricing::{Basis, DayCount, Frequency, GraceMarkup, MarkupPer, Structure};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Whether a parameter belongs to an institution or to one of its products.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Applies to everything the institution offers.
    Institution,
    /// Applies to one loan product.
    Product,
    /// Given for the institution, and a product may give its own instead
    /// (charges: a product with its own fee).
    Both,
}

impl Level {
    /// Whether a parameter of this level may be written on an institution's row.
    pub fn on_institution(self) -> bool {
        matches!(self, Level::Institution | Level::Both)
    }

    /// Whether a parameter of this level may be written on a product's row.
    pub fn on_product(self) -> bool {
        matches!(self, Level::Product | Level::Both)
    }
}

/// What kind of value a parameter holds, and so how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// yes or no.
    Flag,
    /// Kilometres, a non-negative number.
    Km,
    /// A whole number of periods.
    Count,
    /// A rupee range such as `10,000-15,000`; one amount, `25,000`, is the
    /// largest (a ceiling), the smallest unknown: held as `0-25,000` and
    /// written `up to 25,000`.
    AmountRange,
    /// A range of months such as `12-18` (or one number).
    MonthRange,
    /// A range of ages in years such as `18-58`.
    AgeRange,
    /// A percentage such as `22%`.
    Percent,
    /// Charges (see [`crate::pricing::charges`]): `Rs 480`, `2.5% min Rs
    /// 2,500 +16% tax`, bands by loan size, several joined with `+`. The
    /// default name and payee of a charge written without them.
    Charges(&'static str, Payee),
    /// Compulsory savings: `Rs 100 per instalment`, `10% upfront`.
    Savings,
    /// A deposit withheld at disbursement, refunded at the end: `Rs 500` or
    /// `10%` (compulsory savings upfront, as files before savings wrote it).
    Deposit,
    /// The markup as quoted: `22%`, a range `22%-25%`, or bands by loan
    /// size or term: `20% up to 50,000; 18% above`, `24% up to 12 months; 26% above`.
    Markup,
    /// The loan's purposes, separated by `;` (see [`PURPOSES`]).
    Purposes,
    /// Names separated by `;`.
    List,
    /// One word out of a fixed list.
    Choice(&'static [&'static str]),
}

/// One row of the parameter matrix: its key in files, its label as the 2010
/// matrix printed it, and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// The key written in the `parameter` column.
    pub key: &'static str,
    /// The label for people (2010 wording where there was one).
    pub label: &'static str,
    /// Institution or product.
    pub level: Level,
    /// How the value is read.
    pub kind: Kind,
    /// What to write, for the README and tooltips.
    pub help: &'static str,
    /// The question the field forms ask the MFI, in plain words.
    pub question: &'static str,
}

const fn p(
    key: &'static str,
    label: &'static str,
    level: Level,
    kind: Kind,
    help: &'static str,
    question: &'static str,
) -> ParamSpec {
    ParamSpec {
        key,
        label,
        level,
        kind,
        help,
        question,
    }
}

use Kind as K;
use Level::{Both as B, Institution as I, Product as P};

/// What a loan may be used for.
pub const PURPOSES: &[&str] = &[
    "business",
    "livestock",
    "agriculture",
    "salaried",
    "housing",
    "education",
    "emergency",
    "any",
];

/// Life insurance choices.
pub const LIFE_INSURANCE: &[&str] = &["none", "embedded", "charged"];
/// How a loan is handed over.
pub const DISBURSED_AS: &[&str] = &["cash", "goods"];

/// Every parameter the matrix knows, institution parameters first, in the
/// order of the 2010 matrix.
pub const PARAMS: &[ParamSpec] = &[
    p(
        "office",
        "Office location",
        I,
        K::Text,
        "town of the office that would serve the CO",
        "Which of your offices would serve this CO, and in which town?",
    ),
    p(
        "distance_km",
        "Proximity to project area (km)",
        I,
        K::Km,
        "distance from the CO's village to that office, in km",
        "How far is that office from the CO's village (km)?",
    ),
    p(
        "staff_visit_village",
        "Staff come to the village",
        I,
        K::Flag,
        "yes if loan officers come to the village (women need not travel)",
        "Do your loan officers come to the village, so that women need not travel?",
    ),
    p(
        "operational_area",
        "Operational area",
        I,
        K::List,
        "districts or villages served, separated by ; (e.g. Kasur; Lahore)",
        "Which districts or villages do you serve?",
    ),
    p(
        "works_with_hbw",
        "Willingness of MFI to work with HBWs",
        I,
        K::Flag,
        "yes if willing to lend to home-based workers",
        "Do you lend to home-based workers?",
    ),
    p(
        "group_lending",
        "Group loaning",
        I,
        K::Flag,
        "yes if it lends to groups (COs)",
        "Do you lend to groups (a CO)?",
    ),
    p(
        "individual_lending",
        "Individual loaning",
        I,
        K::Flag,
        "yes if it lends to individuals",
        "Do you lend to a woman on her own?",
    ),
    p(
        "new_business_loans",
        "Loan for new business",
        I,
        K::Flag,
        "yes if it finances businesses that are only starting",
        "Do you lend for a business that is only starting?",
    ),
    p(
        "age_limit",
        "Age limit (years)",
        I,
        K::AgeRange,
        "youngest-oldest borrower, e.g. 18-58",
        "What are the youngest and oldest ages of a borrower?",
    ),
    p(
        "defaulters_refused",
        "Defaulters not allowed",
        I,
        K::Flag,
        "yes if past defaulters are refused",
        "Do you refuse someone who did not repay a loan before?",
    ),
    p(
        "cnic_required",
        "CNIC required",
        I,
        K::Flag,
        "yes if a national identity card is required",
        "Must she have a national identity card (CNIC)?",
    ),
    p(
        "life_insurance",
        "Life insurance",
        I,
        K::Choice(LIFE_INSURANCE),
        "none, embedded (in the markup, no extra charge) or charged",
        "Does the loan come with life insurance: none, included in the markup, or charged?",
    ),
    p(
        "life_insurance_premium",
        "Life insurance premium",
        B,
        K::Charges("life insurance", Payee::Insurer),
        "premium when charged: Rs 200, 1%, Rs 200 up to 30,000; Rs 400 above, or Rs 50 per instalment (received by the insurer)",
        "If life insurance is charged: how much, and when is it paid?",
    ),
    p(
        "health_insurance",
        "Health insurance facility",
        I,
        K::Flag,
        "yes if health insurance comes with the loan",
        "Does health insurance come with the loan?",
    ),
    p(
        "health_insurance_charges",
        "Health insurance charges",
        B,
        K::Charges("health insurance", Payee::Insurer),
        "compulsory health premium, written like a charge (received by the insurer)",
        "If health insurance is charged: how much, and when is it paid?",
    ),
    p(
        "documentation_charges",
        "Documentation charges",
        B,
        K::Charges("documentation charges", Payee::Lender),
        "deducted at disbursement unless said otherwise: Rs 480, 1%, 2.5% min Rs 2,500, 1% max Rs 5,000, +16% tax",
        "What are the documentation or processing charges, and are they deducted when the loan is paid out?",
    ),
    p(
        "other_charges",
        "Other charges",
        B,
        K::Charges("other charge", Payee::Lender),
        "any further charges, each named, joined with +: processing fee: 1% + stamp duty: Rs 100 to third party",
        "Which other charges are there (each by name: how much, when, and to whom)?",
    ),
    p(
        "tax_on_charges",
        "Tax on charges (FED / sales tax)",
        I,
        K::Percent,
        "tax on the lender's charges that do not state their own, e.g. 16%",
        "What tax (FED or sales tax) is added to your charges?",
    ),
    p(
        "trainings",
        "Trainings",
        I,
        K::Flag,
        "yes if it offers trainings",
        "Do you offer trainings?",
    ),
    p(
        "exhibitions",
        "Business promotion through exhibitions",
        I,
        K::Flag,
        "yes if it arranges exhibitions for clients' products",
        "Do you arrange exhibitions for your clients' products?",
    ),
    p(
        "business_development_training",
        "Career/Business Development Training",
        I,
        K::Flag,
        "yes if it offers it",
        "Do you offer career or business development training?",
    ),
    p(
        "linkages",
        "Linkages",
        I,
        K::Flag,
        "yes if it links clients with line agencies and organisations",
        "Do you link clients with line agencies and other organisations?",
    ),
    p(
        "advocacy_gender_training",
        "Advocacy and Gender Based Training",
        I,
        K::Flag,
        "yes if it offers it",
        "Do you offer advocacy or gender training?",
    ),
    p(
        "health_services",
        "Health",
        I,
        K::Flag,
        "yes if it offers health services",
        "Do you offer health services?",
    ),
    p(
        "education",
        "Education",
        I,
        K::Flag,
        "yes if it offers education services",
        "Do you offer education services?",
    ),
    p(
        "loan_type",
        "Type of loan",
        P,
        K::Text,
        "as the 2010 matrix named them: productive, small business, livestock, Islamic financing, ...",
        "What type of loan is it (productive, small business, livestock, Islamic financing...)?",
    ),
    p(
        "purpose",
        "Purpose of the loan",
        P,
        K::Purposes,
        "what the loan may be used for, separated by ;: business, livestock, agriculture, salaried, housing, education, emergency or any",
        "What may the loan be used for?",
    ),
    p(
        "amount",
        "Loan ceiling (Rs)",
        P,
        K::AmountRange,
        "smallest-largest loan, e.g. 10,000-15,000; one number is the largest loan (the ceiling), its smallest then unknown: 25,000 is read as up to 25,000",
        "What are the smallest and the largest loan of this product (Rs)?",
    ),
    p(
        "term_months",
        "Loan duration (months)",
        P,
        K::MonthRange,
        "shortest-longest term in months, e.g. 12-18",
        "What are the shortest and the longest term (months)?",
    ),
    p(
        "frequency",
        "Mode of repayment",
        P,
        K::Choice(Frequency::NAMES),
        "monthly, four-weekly, fortnightly, weekly, quarterly or bullet",
        "How often is it repaid?",
    ),
    p(
        "structure",
        "Repayment structure",
        P,
        K::Choice(Structure::NAMES),
        "equal (instalments of principal and markup), bullet (one payment at the end) or interest-only (markup each period, principal at the end)",
        "How is it repaid: equal instalments, all at the end (bullet), or only the markup until the end (interest-only)?",
    ),
    p(
        "instalments",
        "Number of instalments",
        P,
        K::Count,
        "when not the term's number of periods",
        "How many instalments (if not one each period of the term)?",
    ),
    p(
        "basis",
        "Pricing basis",
        P,
        K::Choice(Basis::NAMES),
        "flat, declining, murabaha (cost-plus sale of goods) or qard (zero markup)",
        "How is the markup counted: flat, on the declining balance, murabaha, or no markup (qard)?",
    ),
    p(
        "markup",
        "Mark up",
        P,
        K::Markup,
        "as quoted: 22%, a range 22%-25%, or bands: 20% up to 50,000; 18% above (or 24% up to 12 months; 26% above)",
        "What is the markup (%)? Does it change with the loan size or term?",
    ),
    p(
        "markup_per",
        "Mark up quoted per",
        P,
        K::Choice(MarkupPer::NAMES),
        "year (per annum) or term (for the whole loan)",
        "Is the markup quoted per year or for the whole loan?",
    ),
    p(
        "day_count",
        "Day count (declining markup)",
        P,
        K::Choice(DayCount::NAMES),
        "periods (each period the same share of a year), actual-365 or 30-360",
        "For a declining markup: are days counted as equal periods, actual days (365 a year) or 30-day months (360 a year)?",
    ),
    p(
        "deposit",
        "Deposit withheld",
        P,
        K::Deposit,
        "a deposit withheld at disbursement and refunded at the end without interest: Rs or % (or write savings)",
        "Is a deposit kept back when the loan is paid out (Rs or %), returned at the end?",
    ),
    p(
        "savings",
        "Compulsory savings",
        P,
        K::Savings,
        "collected upfront or with each instalment, refunded at the end: Rs 100 per instalment, 10% upfront",
        "Must she save (Rs or %, at the start or with each instalment)?",
    ),
    p(
        "savings_interest",
        "Interest on savings",
        P,
        K::Percent,
        "what the savings earn a year, paid with the refund, e.g. 5%",
        "What do those savings earn a year (%)?",
    ),
    p(
        "grace_periods",
        "Grace periods",
        P,
        K::Count,
        "periods with no payment of the amount before the first instalment",
        "How many instalment periods with no repayment before the first instalment (grace)?",
    ),
    p(
        "grace_markup",
        "Markup in grace periods",
        P,
        K::Choice(GraceMarkup::NAMES),
        "paid (each grace period), accrued (repaid with the instalments, no markup on it) or capitalised (added to the balance)",
        "In the grace periods, is the markup paid each period (paid), spread over the instalments (accrued), or added to the loan (capitalised)?",
    ),
    p(
        "islamic",
        "Islamic financing",
        P,
        K::Flag,
        "yes if Shariah-compliant",
        "Is it Islamic (Shariah-compliant) financing?",
    ),
    p(
        "disbursed_as",
        "Disbursed as",
        P,
        K::Choice(DISBURSED_AS),
        "cash, or goods (e.g. machinery)",
        "Is the loan paid in cash or as goods (e.g. a machine)?",
    ),
    p(
        "late_payment",
        "If a payment is late",
        B,
        K::Text,
        "what a late payment costs, as the MFI's key facts say (a charge, a penalty markup, the group's guarantee)",
        "What does a late payment cost?",
    ),
    p(
        "early_repayment",
        "If she repays early",
        B,
        K::Text,
        "whether she may repay early, and what it costs or saves",
        "May she repay early, and what does that cost or save?",
    ),
    p(
        "documents",
        "Documents to bring",
        B,
        K::Text,
        "what a member brings to apply (CNIC, a guarantor, a photograph)",
        "What must a member bring to apply (CNIC, guarantor, photographs)?",
    ),
    p(
        "complaints",
        "Where to complain",
        I,
        K::Text,
        "the MFI's complaints desk or number, and its regulator (SBP for microfinance banks, SECP for microfinance companies)",
        "Where does a member complain (your desk or number, and your regulator)?",
    ),
];

/// The parameters of the extra services, counted by the services criterion.
pub const SERVICES: [&str; 7] = [
    "trainings",
    "exhibitions",
    "business_development_training",
    "linkages",
    "advocacy_gender_training",
    "health_services",
    "education",
];

/// The spec of a parameter by key.
pub fn param(key: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|s| s.key == key)
}

/// A parsed value of a parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// Free text.
    Text(String),
    /// yes / no.
    Flag(bool),
    /// A non-negative number (kilometres).
    Number(Decimal),
    /// A whole number.
    Count(u32),
    /// An inclusive range, minimum never above maximum.
    Range(Decimal, Decimal),
    /// Percent (22 means 22%).
    Percent(Decimal),
    /// Charges.
    Charges(Vec<Charge>),
    /// Compulsory savings (a deposit too).
    Savings(Savings),
    /// A markup as quoted.
    Markup(MarkupQuote),
    /// A list of names.
    List(Vec<String>),
    /// One of the parameter's choices, as its canonical word.
    Choice(String),
}

/// A markup as quoted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkupQuote {
    /// One rate: 22 means 22%.
    Rate(Decimal),
    /// A range quoted ("22%-25%"): the rate lies somewhere in it.
    Range(Decimal, Decimal),
    /// By loan size: (the largest loan of the band, its rate); the last
    /// band has no limit.
    ByAmount(Vec<(Option<Decimal>, Decimal)>),
    /// By term: (the longest term of the band in months, its rate); the last
    /// band has no limit.
    ByMonths(Vec<(Option<u32>, Decimal)>),
}

impl MarkupQuote {
    /// The rate for a loan of `amount` over `months`: `(low, high)`, equal
    /// unless the quote is a range.
    pub fn rate_for(&self, amount: Decimal, months: u32) -> (Decimal, Decimal) {
        match self {
            MarkupQuote::Rate(r) => (*r, *r),
            MarkupQuote::Range(lo, hi) => (*lo, *hi),
            MarkupQuote::ByAmount(bands) => {
                let r = bands
                    .iter()
                    .find(|(up, _)| up.is_none_or(|u| amount <= u))
                    .or(bands.last())
                    .map(|b| b.1)
                    .unwrap_or_default();
                (r, r)
            }
            MarkupQuote::ByMonths(bands) => {
                let r = bands
                    .iter()
                    .find(|(up, _)| up.is_none_or(|u| months <= u))
                    .or(bands.last())
                    .map(|b| b.1)
                    .unwrap_or_default();
                (r, r)
            }
        }
    }
}

/// Reads a markup as quoted: a rate, a range, or bands by loan size or term.
pub fn parse_markup(t: &str) -> Result<MarkupQuote, String> {
    const EXAMPLES: &str = "a markup like 22%, a range like 22%-25%, or bands like \"20% up to 50,000; 18% above\" or \"24% up to 12 months; 26% above\"";
    let bad = |why: String| {
        let why = if why.is_empty() {
            why
        } else {
            format!(" ({why})")
        };
        format!("expected {EXAMPLES}, found \"{t}\"{why}")
    };
    if let Some(w) = crate::pricing::markup_words(t)
        && !w.is_plain()
    {
        if w.days.is_some_and(|d| d == 365 || d == 366) && w.basis.is_none() && !w.monthly {
            return Ok(MarkupQuote::Rate(w.rate));
        }
        return Err(markup_words_answer(t, &w));
    }
    let lower = t.to_lowercase();
    if t.contains(';') || lower.contains("up to") {
        let parts: Vec<&str> = t
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let by_months = lower.contains("month");
        let mut amount_bands = Vec::new();
        let mut month_bands = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let pl = part.to_lowercase();
            let (rate, limit) = match pl.find("up to") {
                Some(i) if k + 1 == parts.len() => {
                    // Else a larger loan or longer term would take this
                    // band's rate unsaid.
                    return Err(bad(format!(
                        "the last band \"{part}\" has a limit: say what applies above it, e.g. \"{} above\"",
                        part[..i].trim()
                    )));
                }
                Some(i) => (&part[..i], Some(part[i + 5..].trim())),
                None => {
                    let cut = pl
                        .find("above")
                        .or_else(|| pl.find("over"))
                        .unwrap_or(part.len());
                    if k + 1 != parts.len() {
                        return Err(bad(format!(
                            "band \"{part}\": only the last band is \"above\""
                        )));
                    }
                    (&part[..cut], None)
                }
            };
            let rate = money::parse_percent(rate.trim()).map_err(bad)?;
            if by_months {
                let limit = match limit {
                    Some(l) => Some(
                        money::western_digits(l)
                            .to_lowercase()
                            .trim_end_matches("months")
                            .trim_end_matches("month")
                            .trim()
                            .parse::<u32>()
                            .map_err(|_| {
                                bad(format!("band \"{part}\": expected a term in months"))
                            })?,
                    ),
                    None => None,
                };
                month_bands.push((limit, rate));
            } else {
                let limit = match limit {
                    Some(l) => Some(money::parse_amount(l).map_err(bad)?),
                    None => None,
                };
                amount_bands.push((limit, rate));
            }
        }
        let n = amount_bands.len().max(month_bands.len());
        if n < 2 {
            return Err(bad("bands need at least two".into()));
        }
        if by_months {
            let limits: Vec<u32> = month_bands.iter().filter_map(|b| b.0).collect();
            if limits.windows(2).any(|w| w[0] >= w[1]) {
                return Err(bad("the bands' limits must grow".into()));
            }
            return Ok(MarkupQuote::ByMonths(month_bands));
        }
        let limits: Vec<Decimal> = amount_bands.iter().filter_map(|b| b.0).collect();
        if limits.windows(2).any(|w| w[0] >= w[1]) {
            return Err(bad("the bands' limits must grow".into()));
        }
        return Ok(MarkupQuote::ByAmount(amount_bands));
    }
    let range = t
        .split_once(" to ")
        .or_else(|| t.split_once('-').filter(|(a, _)| !a.trim().is_empty()))
        .or_else(|| t.split_once('–'));
    if let Some((a, b)) = range {
        let lo = money::parse_percent(a.trim().trim_end_matches('%').trim()).map_err(bad)?;
        let hi = money::parse_percent(b.trim()).map_err(bad)?;
        if lo > hi {
            return Err(format!(
                "the minimum {}% is above the maximum {}%: write the smaller rate first",
                lo.normalize(),
                hi.normalize()
            ));
        }
        return Ok(if lo == hi {
            MarkupQuote::Rate(lo)
        } else {
            MarkupQuote::Range(lo, hi)
        });
    }
    money::parse_percent(t).map(MarkupQuote::Rate)
}

/// The answer to a markup written with words in the matrix's markup cell:
/// which cells say what the words say (each cell holds one term, so that
/// the check of a product's terms sees them all).
fn markup_words_answer(t: &str, w: &crate::pricing::MarkupWords) -> String {
    use crate::pricing::MarkupWords;
    let r = w.rate.normalize();
    if w.monthly {
        let year = (w.rate * Decimal::from(12)).normalize();
        return format!(
            "\"{t}\" is {r}% a month, {year}% a year: write {year}% here (and the basis in basis)"
        );
    }
    let mut cells = vec![format!("{r}% here")];
    if let Some(b) = w.basis {
        cells.push(format!("{} in basis", b.as_str()));
    }
    let mut why = String::new();
    if let Some(days) = w.days {
        cells.push("term in markup_per".into());
        match MarkupWords::periods_of_days(days) {
            Some((f, n)) => {
                let takes = ((n * 12 + f.periods_per_year() / 2) / f.periods_per_year()).max(1);
                cells.push(format!("{} in frequency", f.as_str()));
                cells.push(format!("{n} in instalments"));
                cells.push(format!("{takes} in term_months"));
                why = format!(" ({days} days are {n} {} periods)", f.words());
            }
            None => why = format!(" (a rate for {days} days is a rate for a loan of {days} days)"),
        }
    } else if w.per == Some(crate::pricing::MarkupPer::Term) {
        cells.push("term in markup_per".into());
    }
    let last = cells.pop().unwrap_or_default();
    let list = if cells.is_empty() {
        last
    } else {
        format!("{} and {last}", cells.join(", "))
    };
    format!("\"{t}\" says more than the markup: write {list}{why}")
}

/// Writes a markup so that [`parse_markup`] reads it back equal.
pub fn format_markup(m: &MarkupQuote) -> String {
    match m {
        MarkupQuote::Rate(r) => format!("{}%", r.normalize()),
        MarkupQuote::Range(lo, hi) => format!("{}%-{}%", lo.normalize(), hi.normalize()),
        MarkupQuote::ByAmount(bands) => bands
            .iter()
            .map(|(up, r)| match up {
                Some(u) => format!("{}% up to {}", r.normalize(), plain(*u)),
                None => format!("{}% above", r.normalize()),
            })
            .collect::<Vec<_>>()
            .join("; "),
        MarkupQuote::ByMonths(bands) => bands
            .iter()
            .map(|(up, r)| match up {
                Some(u) => format!("{}% up to {u} months", r.normalize()),
                None => format!("{}% above", r.normalize()),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Words read as "unknown" in a value cell (an empty cell too).
pub fn is_unknown_word(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "" | "unknown" | "?" | "n/k" | "not known"
    )
}

/// Reads `yes`/`no` and their usual spellings.
pub fn parse_flag(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "✓" | "✔" | "ہاں" => Ok(true),
        "no" | "n" | "false" | "0" | "×" | "✗" | "نہیں" => Ok(false),
        other => Err(format!(
            "expected yes or no, found \"{}\"",
            table::clip(other)
        )),
    }
}

fn parse_number_range(s: &str, what: &str, whole: bool) -> Result<(Decimal, Decimal), String> {
    let t = s.trim();
    // "Rs 40,000/-": the "/-" closing an amount is no range's dash.
    let bare = t.replace("/-", "");
    let parts: Vec<&str> = if let Some((a, b)) = bare.split_once(" to ") {
        vec![a, b]
    } else {
        bare.split(['-', '–']).collect()
    };
    let read = |x: &str| -> Result<Decimal, String> {
        let d = money::parse_amount(x)
            .map_err(|_| format!("expected {what}, found \"{}\"", table::clip(t)))?;
        if whole && !d.fract().is_zero() {
            return Err(format!(
                "expected {what} in whole numbers, found \"{}\"",
                table::clip(t)
            ));
        }
        Ok(d)
    };
    let (lo, hi) = match parts.as_slice() {
        [one] => {
            let v = read(one)?;
            (v, v)
        }
        [a, b] if !a.trim().is_empty() => (read(a)?, read(b)?),
        _ => return Err(format!("expected {what}, found \"{}\"", table::clip(t))),
    };
    if lo > hi {
        return Err(format!(
            "the minimum {} is above the maximum {}: write the smaller number first",
            lo.normalize(),
            hi.normalize()
        ));
    }
    Ok((lo, hi))
}

/// Whether a loan ceiling is written as one amount (`25,000`, `Rs
/// 25,000/-`), the largest loan alone, rather than a range or `up to`.
pub fn is_one_amount(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    !t.is_empty()
        && !t.starts_with("up to")
        && !t.replace("/-", "").contains(['-', '–'])
        && !t.contains(" to ")
}

/// Reads one value cell for a parameter. `Ok(None)` means unknown.
pub fn parse_value(spec: &ParamSpec, s: &str) -> Result<Option<Value>, String> {
    if is_unknown_word(s) {
        return Ok(None);
    }
    let t = s.trim();
    let v = match spec.kind {
        K::Text => Value::Text(t.to_string()),
        K::Flag => Value::Flag(parse_flag(t)?),
        K::Km if money::is_nothing(t) => Value::Number(Decimal::ZERO),
        K::Km => {
            let d = money::parse_amount(t.trim_end_matches("km").trim()).map_err(|_| {
                format!(
                    "expected a distance in km like 30, found \"{}\"",
                    table::clip(t)
                )
            })?;
            if d > Decimal::from(100_000) {
                return Err(format!(
                    "expected a distance in km like 30, found {} km",
                    d.normalize()
                ));
            }
            Value::Number(d)
        }
        K::Count => {
            let digits = money::western_digits(t);
            let n: Option<u32> = if money::is_nothing(t) {
                Some(0)
            } else {
                digits.trim().parse().ok()
            };
            let n: u32 = n.filter(|n| *n <= 520).ok_or_else(|| {
                format!(
                    "expected a whole number of periods like 0 or 2, found \"{}\"",
                    table::clip(t)
                )
            })?;
            Value::Count(n)
        }
        K::AmountRange => {
            let what = "an amount range in rupees like 10,000-15,000";
            let lower = t.to_lowercase();
            // "up to 25,000", as a ceiling is written back.
            let (t, ceiling) = match lower.strip_prefix("up to") {
                Some(_) => (t[5..].trim(), true),
                None => (t, false),
            };
            let (lo, hi) = parse_number_range(t, what, false)?;
            if hi.is_zero() {
                return Err("expected an amount range above zero, found 0".to_string());
            }
            // One number is the ceiling: the largest loan, not the only one.
            let one = lo == hi && is_one_amount(t);
            if one || ceiling {
                Value::Range(Decimal::ZERO, hi)
            } else {
                Value::Range(lo, hi)
            }
        }
        K::MonthRange => {
            let (lo, hi) = parse_number_range(t, "a term in months like 12-18", true)?;
            if lo.is_zero() || hi > Decimal::from(120) {
                return Err(format!(
                    "expected a term between 1 and 120 months, found \"{}\"",
                    table::clip(t)
                ));
            }
            Value::Range(lo, hi)
        }
        K::AgeRange => {
            let (lo, hi) = parse_number_range(t, "an age range like 18-58", true)?;
            if hi > Decimal::from(120) {
                return Err(format!(
                    "expected ages up to 120, found \"{}\"",
                    table::clip(t)
                ));
            }
            Value::Range(lo, hi)
        }
        // A tax as a key facts statement writes it: "16% FED", "16% sales tax".
        K::Percent if spec.key == "tax_on_charges" => {
            // "FED: 16%", as a tax written as a charge of its own is.
            let t = match t.split_once(':') {
                Some((name, rate)) if charges::is_tax_name(name) => rate.trim(),
                _ => t,
            };
            let lower = t.to_ascii_lowercase();
            let bare = ["sales tax", "fed", "gst", "pst", "tax"]
                .iter()
                .find_map(|w| lower.strip_suffix(w).map(|b| &t[..b.len()]))
                .unwrap_or(t);
            Value::Percent(
                money::parse_percent(bare)
                    .map_err(|e| e.replace(&format!("\"{}\"", bare.trim()), &format!("\"{t}\"")))?,
            )
        }
        K::Percent => Value::Percent(money::parse_percent(t)?),
        K::Charges(name, payee) => Value::Charges(charges::parse_charges(t, name, payee)?),
        K::Savings => Value::Savings(charges::parse_savings(t)?),
        K::Deposit => {
            let s = charges::parse_savings(t)
                .map_err(|_| format!("expected a deposit like Rs 500 or 10%, found \"{t}\""))?;
            if s.timing != charges::SavingsTiming::Upfront || !s.interest_percent.is_zero() {
                return Err(format!(
                    "a deposit is withheld at disbursement and earns nothing: write savings for \"{t}\""
                ));
            }
            Value::Savings(s)
        }
        K::Markup => Value::Markup(parse_markup(t)?),
        K::Purposes => {
            let mut out = Vec::new();
            for x in t
                .split(';')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
            {
                let word = match x.as_str() {
                    "salary" | "salaried employees" | "employees" => "salaried",
                    "agricultural" | "farming" => "agriculture",
                    "enterprise" | "productive" | "small business" => "business",
                    other => other,
                };
                if !PURPOSES.contains(&word) {
                    return Err(format!(
                        "expected purposes from {} separated by ;, found \"{t}\"",
                        PURPOSES.join(", ")
                    ));
                }
                if !out.iter().any(|o: &String| o == word) {
                    out.push(word.to_string());
                }
            }
            if out.is_empty() {
                return Err(format!("expected at least one purpose, found \"{t}\""));
            }
            Value::List(out)
        }
        K::List => Value::List(
            t.split(';')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        ),
        K::Choice(options) => {
            let lower = t.to_ascii_lowercase().replace([' ', '_'], "-");
            // The same other words as the command line takes ("reducing",
            // "balloon", "capitalized", "actual/365", "bi-weekly").
            let alias = match spec.key {
                "frequency" => Frequency::parse(t).map(Frequency::as_str),
                "structure" => Structure::parse(t).map(Structure::as_str),
                "basis" => Basis::parse(t).map(Basis::as_str),
                "markup_per" => MarkupPer::parse(t).map(MarkupPer::as_str),
                "day_count" => DayCount::parse(t).map(DayCount::as_str),
                "grace_markup" => GraceMarkup::parse(t).map(GraceMarkup::as_str),
                _ => None,
            };
            match options.iter().find(|o| **o == lower || Some(**o) == alias) {
                Some(o) => Value::Choice(o.to_string()),
                None => {
                    return Err(format!(
                        "expected one of {}, found \"{}\"",
                        options.join(", "),
                        table::clip(t)
                    ));
                }
            }
        }
    };
    Ok(Some(v))
}

/// Writes a value of a parameter so that [`parse_value`] reads it back equal.
pub fn format_value(spec: &ParamSpec, value: &Option<Value>) -> String {
    let Some(v) = value else {
        return "unknown".to_string();
    };
    match v {
        Value::Text(t) => t.clone(),
        Value::Flag(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(d) => d.normalize().to_string(),
        Value::Count(n) => n.to_string(),
        Value::Range(lo, hi) if lo.is_zero() && spec.kind == K::AmountRange => {
            format!("up to {}", plain(*hi))
        }
        Value::Range(lo, hi) if lo == hi => plain(*lo),
        Value::Range(lo, hi) => format!("{}-{}", plain(*lo), plain(*hi)),
        Value::Percent(p) => format!("{}%", p.normalize()),
        Value::Charges(c) => match spec.kind {
            K::Charges(name, payee) => charges::format_charges(c, name, payee),
            _ => charges::format_charges(c, "", Payee::Lender),
        },
        Value::Savings(s) => s.to_string(),
        Value::Markup(m) => format_markup(m),
        Value::List(xs) => xs.join("; "),
        Value::Choice(c) => c.clone(),
    }
}

/// South Asian grouping with as many decimals as the value has.
fn plain(d: Decimal) -> String {
    let d = d.normalize();
    if d.fract().is_zero() {
        money::group_rupees(d, false)
    } else {
        let int = money::group_rupees(d.trunc(), false);
        let frac = d.fract().abs().to_string();
        format!("{int}{}", frac.trim_start_matches('0'))
    }
}

/// The values of one institution or product, by parameter key.
pub type Facts = BTreeMap<String, Fact<Value>>;

/// A term of a loan as the matrix names it: its parameter.
pub fn term_key(t: crate::pricing::Term) -> &'static str {
    use crate::pricing::Term;
    match t {
        Term::Months => "term_months",
        Term::Frequency => "frequency",
        Term::Structure => "structure",
        Term::Instalments => "instalments",
        Term::Grace => "grace_periods",
        Term::GraceMarkup => "grace_markup",
        Term::DayCount => "day_count",
        Term::Basis => "basis",
        Term::Markup => "markup",
        Term::Disbursed => "disbursed",
    }
}

/// A term named as the matrix does, with its value: `instalments 12`.
fn matrix_name(t: crate::pricing::Term, value: Option<&str>) -> String {
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
    let markup = f.markup("markup").map(|q| match q {
        MarkupQuote::Rate(r) | MarkupQuote::Range(_, r) => *r,
        MarkupQuote::ByAmount(b) => b.iter().map(|x| x.1).max().unwrap_or_default(),
        MarkupQuote::ByMonths(b) => b.iter().map(|x| x.1).max().unwrap_or_default(),
    });
    let given = GivenTerms {
        months: None,
        frequency: f.choice("frequency").and_then(Frequency::parse),
        structure: f.choice("structure").and_then(Structure::parse),
        instalments: f.count("instalments").filter(|n| *n > 0),
        grace: f.count("grace_periods"),
        grace_markup: f.choice("grace_markup").and_then(GraceMarkup::parse),
        day_count: f.choice("day_count").and_then(DayCount::parse),
        basis: f.choice("basis").and_then(Basis::parse),
        markup,
        // Loans of the matrix are dated by the report (its date).
        dated: true,
    };
    let ends: Vec<Option<u32>> = match f.bounds("term_months") {
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

/// A loan product of an institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// The product's name, unique within its institution.
    pub name: String,
    /// Its parameters.
    pub facts: Facts,
}

/// A microfinance institution and its products.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// The institution's name, unique in the matrix.
    pub name: String,
    /// Its institution-level parameters.
    pub facts: Facts,
    /// Its loan products.
    pub products: Vec<Product>,
}

/// The parameter matrix of a study.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matrix {
    /// The institutions, in file order.
    pub institutions: Vec<Institution>,
}

/// Typed reading of facts; `None` whenever the value is unknown or absent.
pub trait FactsExt {
    /// The fact of a parameter, if the file gave one.
    fn fact(&self, key: &str) -> Option<&Fact<Value>>;
    /// A yes/no value.
    fn flag(&self, key: &str) -> Option<bool> {
        match self.fact(key)?.value.as_ref()? {
            Value::Flag(b) => Some(*b),
            _ => None,
        }
    }
    /// A range value.
    fn bounds(&self, key: &str) -> Option<(Decimal, Decimal)> {
        match self.fact(key)?.value.as_ref()? {
            Value::Range(a, b) => Some((*a, *b)),
            _ => None,
        }
    }
    /// A number (km).
    fn number(&self, key: &str) -> Option<Decimal> {
        match self.fact(key)?.value.as_ref()? {
            Value::Number(d) | Value::Percent(d) => Some(*d),
            Value::Markup(MarkupQuote::Rate(d)) => Some(*d),
            _ => None,
        }
    }
    /// A whole number.
    fn count(&self, key: &str) -> Option<u32> {
        match self.fact(key)?.value.as_ref()? {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }
    /// Charges.
    fn charges(&self, key: &str) -> Option<&[Charge]> {
        match self.fact(key)?.value.as_ref()? {
            Value::Charges(c) => Some(c.as_slice()),
            _ => None,
        }
    }
    /// Compulsory savings (or a deposit).
    fn savings(&self, key: &str) -> Option<&Savings> {
        match self.fact(key)?.value.as_ref()? {
            Value::Savings(s) => Some(s),
            _ => None,
        }
    }
    /// A markup as quoted.
    fn markup(&self, key: &str) -> Option<&MarkupQuote> {
        match self.fact(key)?.value.as_ref()? {
            Value::Markup(m) => Some(m),
            _ => None,
        }
    }
    /// A choice, as its canonical word.
    fn choice(&self, key: &str) -> Option<&str> {
        match self.fact(key)?.value.as_ref()? {
            Value::Choice(c) => Some(c.as_str()),
            _ => None,
        }
    }
    /// A text.
    fn text(&self, key: &str) -> Option<&str> {
        match self.fact(key)?.value.as_ref()? {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        }
    }
    /// A list.
    fn list(&self, key: &str) -> Option<&[String]> {
        match self.fact(key)?.value.as_ref()? {
            Value::List(xs) => Some(xs.as_slice()),
            _ => None,
        }
    }
}

impl FactsExt for Facts {
    fn fact(&self, key: &str) -> Option<&Fact<Value>> {
        self.get(key)
    }
}

impl Matrix {
    /// The institution with this name.
    pub fn institution(&self, name: &str) -> Option<&Institution> {
        self.institutions.iter().find(|i| i.name == name)
    }

    /// The number of products over all institutions.
    pub fn product_count(&self) -> usize {
        self.institutions.iter().map(|i| i.products.len()).sum()
    }

    /// How complete the matrix is: of all the values its institutions and
    /// products may hold (each parameter once per institution, or per
    /// product for a product's own), how many are unknown and how many
    /// assumed. `check`, the report and the decision page count with it.
    pub fn completeness(&self) -> Completeness {
        self.completeness_where(|_| true)
    }

    /// [`Matrix::completeness`] of one institution and its products.
    pub fn completeness_of(&self, institution: &str) -> Completeness {
        self.completeness_where(|name| name == institution)
    }

    fn completeness_where(&self, keep: impl Fn(&str) -> bool) -> Completeness {
        let per_inst = PARAMS.iter().filter(|s| s.level.on_institution()).count();
        let per_product = PARAMS.iter().filter(|s| s.level == Level::Product).count();
        let values = self
            .institutions
            .iter()
            .filter(|i| keep(&i.name))
            .map(|i| per_inst + per_product * i.products.len())
            .sum();
        // A parameter an institution leaves to its products is known when
        // every product of it gives it.
        let given_by_every_product = |inst: &str, key: &str| {
            self.institution(inst).is_some_and(|i| {
                !i.products.is_empty()
                    && i.products
                        .iter()
                        .all(|p| p.facts.get(key).is_some_and(|f| f.value.is_some()))
            })
        };
        let (mut unknown, mut assumed) = (0, 0);
        for d in self.doubts().iter().filter(|d| keep(&d.0)) {
            if d.1.is_none() && d.2.level == Level::Both && given_by_every_product(&d.0, d.2.key) {
                continue;
            }
            if d.3.value.is_none() {
                unknown += 1;
            } else {
                assumed += 1;
            }
        }
        Completeness {
            values,
            unknown,
            assumed,
        }
    }

    /// Every value that is unknown or assumed: (institution, product, parameter, provenance).
    pub fn doubts(&self) -> Vec<(String, Option<String>, &'static ParamSpec, Fact<Value>)> {
        let mut out = Vec::new();
        for inst in &self.institutions {
            let mut push = |product: Option<&str>, facts: &Facts, level: Level| {
                // A product that does not give a parameter it shares with its
                // institution takes the institution's: nothing to doubt there.
                for spec in PARAMS.iter().filter(|s| {
                    s.level == level || (s.level == Level::Both && level == Level::Institution)
                }) {
                    match facts.get(spec.key) {
                        Some(f) if f.value.is_some() && !f.provenance.is_assumed() => {}
                        Some(f) => out.push((
                            inst.name.clone(),
                            product.map(str::to_string),
                            spec,
                            f.clone(),
                        )),
                        None => out.push((
                            inst.name.clone(),
                            product.map(str::to_string),
                            spec,
                            Fact::default(),
                        )),
                    }
                }
            };
            push(None, &inst.facts, Level::Institution);
            for prod in &inst.products {
                push(Some(&prod.name), &prod.facts, Level::Product);
            }
        }
        out
    }
}

/// How complete a matrix is ([`Matrix::completeness`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completeness {
    /// The values it may hold.
    pub values: usize,
    /// Of them, unknown.
    pub unknown: usize,
    /// Of them, given but assumed.
    pub assumed: usize,
}

impl Completeness {
    /// The values known (assumed ones included).
    pub fn known(&self) -> usize {
        self.values - self.unknown
    }
}

/// The columns of the matrix file.
pub const MATRIX_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "institution",
        required: true,
    },
    ColumnSpec {
        name: "product",
        required: false,
    },
    ColumnSpec {
        name: "parameter",
        required: true,
    },
    ColumnSpec {
        name: "value",
        required: true,
    },
    ColumnSpec {
        name: "source",
        required: false,
    },
    ColumnSpec {
        name: "confidence",
        required: false,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// Reads a provenance from a row; an unreadable confidence is an error.
pub(crate) fn read_provenance(
    file: &str,
    row: &Row,
    cols: [Option<usize>; 3],
    errors: &mut LoadErrors,
) -> Provenance {
    let conf_text = row.get(cols[1]);
    let confidence = if conf_text.is_empty() {
        None
    } else {
        let c = Confidence::parse(conf_text);
        if c.is_none() {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("confidence"),
                format!(
                    "expected high, medium, low or assumed, found \"{}\"",
                    table::clip(conf_text)
                ),
            ));
        }
        c
    };
    Provenance {
        source: row.get(cols[0]).to_string(),
        confidence,
        note: row.get(cols[2]).to_string(),
    }
}

/// Reads a matrix from the bytes of a CSV file named `file`. Every problem
/// of the file is reported at once.
pub fn load_matrix(file: &str, bytes: &[u8]) -> Result<Matrix, LoadErrors> {
    let t = table::read_table(file, bytes, MATRIX_COLUMNS)?;
    // A workbook's errors name its sheet too: "plans.xlsx [Members]:7".
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let (c_inst, c_prod, c_param, c_value) = (
        t.col("institution"),
        t.col("product"),
        t.col("parameter"),
        t.col("value"),
    );
    let prov_cols = [t.col("source"), t.col("confidence"), t.col("note")];

    struct Draft {
        inst: Institution,
        defined: bool,
        first_line: u64,
        /// The line where each product first appears.
        product_lines: Vec<u64>,
    }
    let mut drafts: Vec<Draft> = Vec::new();
    let mut seen: HashMap<(String, String, String), u64> = HashMap::new();

    for row in &t.rows {
        let inst_name = row.get(c_inst);
        let prod_name = row.get(c_prod);
        let key_text = row.get(c_param);
        let value_text = row.get(c_value);
        let provenance = read_provenance(file, row, prov_cols, &mut errors);
        if names::is_blank(inst_name) {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("institution"),
                "expected the institution's name, found an empty cell (or only invisible characters)",
            ));
            continue;
        }
        // A product's cell of spaces or invisible characters only reads as
        // empty on paper, but would make a nameless product: refused.
        if !prod_name.is_empty() && names::is_blank(prod_name) {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("product"),
                "expected a product's name, or nothing for the institution's own facts; found only spaces or invisible characters",
            ));
            continue;
        }
        // The institution exists as soon as it has a row of its own, even
        // one whose value is wrong: its products must not then be reported
        // as belonging to an undefined institution. Names are compared as
        // they read ("KASHF " is Kashf), and written one way throughout.
        let inst_key = names::key(inst_name);
        let idx = match drafts
            .iter()
            .position(|d| names::key(&d.inst.name) == inst_key)
        {
            Some(i) if drafts[i].inst.name != inst_name => {
                errors.push(spelled_differently(
                    file,
                    row.line,
                    "institution",
                    inst_name,
                    &drafts[i].inst.name,
                    drafts[i].first_line,
                ));
                continue;
            }
            Some(i) => i,
            None => {
                drafts.push(Draft {
                    inst: Institution {
                        name: inst_name.to_string(),
                        facts: Facts::new(),
                        products: Vec::new(),
                    },
                    defined: false,
                    first_line: row.line,
                    product_lines: Vec::new(),
                });
                drafts.len() - 1
            }
        };
        if prod_name.is_empty() {
            drafts[idx].defined = true;
        }
        let key = key_text
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_");
        let spec = if key.is_empty() {
            if !is_unknown_word(value_text) {
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("parameter"),
                    format!(
                        "expected a parameter name for the value \"{}\", found an empty cell",
                        table::clip(value_text)
                    ),
                ));
                continue;
            }
            None
        } else {
            let level = if prod_name.is_empty() {
                Level::Institution
            } else {
                Level::Product
            };
            let fits = |s: &ParamSpec| match level {
                Level::Product => s.level.on_product(),
                _ => s.level.on_institution(),
            };
            match param(&key) {
                Some(s) if fits(s) => Some(s),
                Some(s) => {
                    let msg = match s.level {
                        Level::Product | Level::Both => format!(
                            "\"{key}\" is a product parameter: fill the product column on this row"
                        ),
                        Level::Institution => format!(
                            "\"{key}\" is an institution parameter: leave the product column empty on this row"
                        ),
                    };
                    errors.push(LoadError::at(file, row.line, Some("parameter"), msg));
                    continue;
                }
                None => {
                    let names: Vec<&str> =
                        PARAMS.iter().filter(|s| fits(s)).map(|s| s.key).collect();
                    errors.push(LoadError::at(
                        file,
                        row.line,
                        Some("parameter"),
                        format!(
                            "unknown parameter \"{}\": expected one of {}",
                            table::clip(key_text),
                            names.join(", ")
                        ),
                    ));
                    continue;
                }
            }
        };
        let value = match spec.map(|s| parse_value(s, value_text)) {
            Some(Ok(v)) => v,
            Some(Err(msg)) => {
                let key = spec.map(|s| s.key).unwrap_or("");
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("value"),
                    format!("{key}: {msg}"),
                ));
                continue;
            }
            None => None,
        };
        if let Some(spec) = spec {
            let id = (
                inst_name.to_string(),
                prod_name.to_string(),
                spec.key.to_string(),
            );
            if let Some(first) = seen.get(&id) {
                let whose = if prod_name.is_empty() {
                    inst_name.to_string()
                } else {
                    format!("{inst_name} / {prod_name}")
                };
                errors.push(LoadError::at(
                    file,
                    row.line,
                    Some("parameter"),
                    format!(
                        "{} of {whose} is given twice: first at line {first}; keep one row",
                        spec.key
                    ),
                ));
                continue;
            }
            seen.insert(id, row.line);
        }
        let draft = &mut drafts[idx];
        let fact = Fact { value, provenance };
        if prod_name.is_empty() {
            if let Some(spec) = spec {
                draft.inst.facts.insert(spec.key.to_string(), fact);
            }
        } else {
            let products = &mut draft.inst.products;
            let prod_key = names::key(prod_name);
            let pi = match products
                .iter()
                .position(|p| names::key(&p.name) == prod_key)
            {
                Some(i) if products[i].name != prod_name => {
                    let first = draft.product_lines.get(i).copied().unwrap_or(row.line);
                    errors.push(spelled_differently(
                        file,
                        row.line,
                        "product",
                        prod_name,
                        &products[i].name,
                        first,
                    ));
                    continue;
                }
                Some(i) => i,
                None => {
                    products.push(Product {
                        name: prod_name.to_string(),
                        facts: Facts::new(),
                    });
                    draft.product_lines.push(row.line);
                    products.len() - 1
                }
            };
            if let Some(spec) = spec {
                products[pi].facts.insert(spec.key.to_string(), fact);
            }
        }
    }
    // The terms of each product, checked together as `price` checks its
    // flags; reported at the row of the first term at fault.
    for d in &drafts {
        for prod in &d.inst.products {
            if let Err(c) = check_product(prod) {
                let line_of = |key: &str| {
                    seen.get(&(d.inst.name.clone(), prod.name.clone(), key.to_string()))
                        .copied()
                };
                let line = c
                    .terms
                    .iter()
                    .find_map(|t| line_of(term_key(*t)))
                    .unwrap_or(d.first_line);
                errors.push(LoadError::at(
                    file,
                    line,
                    Some("value"),
                    format!("{} / {}: {}", d.inst.name, prod.name, c.message),
                ));
            }
        }
    }
    for d in &drafts {
        if !d.defined {
            errors.push(LoadError::at(
                file,
                d.first_line,
                Some("institution"),
                format!(
                    "institution \"{}\" is not defined: add at least one row for it with an empty product column (its office, distance, ...)",
                    table::clip(&d.inst.name)
                ),
            ));
        }
    }
    errors.into_result(Matrix {
        institutions: drafts.into_iter().map(|d| d.inst).collect(),
    })
}

/// A name written one way on one row and another way (case, spaces,
/// invisible characters) on an earlier one: which is meant is clear, but a
/// file that says it two ways would show two MFIs side by side.
fn spelled_differently(
    file: &str,
    line: u64,
    column: &str,
    now: &str,
    first: &str,
    first_line: u64,
) -> LoadError {
    LoadError::at(
        file,
        line,
        Some(column),
        format!(
            "\"{}\" is the {column} \"{}\" of line {first_line} written another way (names are compared as they read: ignoring case, extra spaces and invisible characters): write it the same way on every row",
            table::clip(now),
            table::clip(first)
        ),
    )
}

fn fact_row(inst: &str, prod: &str, key: &str, fact: &Fact<Value>) -> Vec<String> {
    vec![
        inst.to_string(),
        prod.to_string(),
        key.to_string(),
        param(key)
            .map(|spec| format_value(spec, &fact.value))
            .unwrap_or_default(),
        fact.provenance.source.clone(),
        fact.provenance
            .confidence
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        fact.provenance.note.clone(),
    ]
}

fn ordered(facts: &Facts) -> impl Iterator<Item = (&String, &Fact<Value>)> {
    PARAMS.iter().filter_map(|s| facts.get_key_value(s.key))
}

/// Writes a matrix as CSV text in the documented layout.
pub fn matrix_to_csv(m: &Matrix) -> Vec<u8> {
    let header: Vec<&str> = MATRIX_COLUMNS.iter().map(|c| c.name).collect();
    let mut rows = Vec::new();
    for inst in &m.institutions {
        if inst.facts.is_empty() {
            rows.push(vec![
                inst.name.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for (key, fact) in ordered(&inst.facts) {
            rows.push(fact_row(&inst.name, "", key, fact));
        }
        for prod in &inst.products {
            if prod.facts.is_empty() {
                rows.push(vec![
                    inst.name.clone(),
                    prod.name.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
            for (key, fact) in ordered(&prod.facts) {
                rows.push(fact_row(&inst.name, &prod.name, key, fact));
            }
        }
    }
    table::to_csv(&header, &rows)
}

/// Saves a matrix atomically.
pub fn save_matrix(path: &Path, m: &Matrix) -> Result<(), SaveError> {
    table::write_atomic(path, &matrix_to_csv(m))
}
