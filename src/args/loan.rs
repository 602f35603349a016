//! One loan's terms on the command line, for `price` and `schedule`: the
//! amount, term and markup (with the words beside it), the charges, the
//! savings and the structure, checked against each other.

use super::values::{amount_arg, choice, date_arg, percent_arg, whole_arg};
use clap::Args;
use mfi_core::date::Date;
use mfi_core::money;
use mfi_core::pricing::charges;
use mfi_core::pricing::{
    Amount, Basis, Charge, DayCount, Frequency, GivenTerms, GraceMarkup, LoanTerms, MarkupPer,
    MarkupWords, Payee, Rounding, Savings, SavingsTiming, Structure, Term, check_terms,
    markup_words,
};
use rust_decimal::Decimal;

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
