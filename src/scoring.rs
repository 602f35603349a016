//! Scoring: for every member and offer, eligibility, the loan and its price,
//! affordability (and under stress), and a weighted score that is the sum of
//! its criteria's contributions; for the CO, each MFI's result and the
//! recommendation with its reasons.
//!
//! Every criterion's value function is linear on a fixed scale the study sets
//! (for example APR 0% best, 80% worst), never min-max over the options
//! present, so adding or removing an MFI never reorders the others.

use crate::eligibility::{self, Outcome};
use crate::error::{LoadError, LoadErrors};
use crate::matrix::{FactsExt, Institution, Matrix, Product};
use crate::money::{self, Charge};
use crate::offer;
use crate::plans::{Lending, Plans};
use crate::pricing::{self, Frequency, Rounding};
use crate::table::{self, ColumnSpec};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// The criteria, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Criterion {
    /// APR: the true annual cost, all charges included.
    TrueCost,
    /// The total cost of the loan in rupees.
    TotalCost,
    /// The share of her repayment capacity the instalment takes.
    Affordability,
    /// Distance to the office, or staff coming to the village.
    Access,
    /// Life and health insurance.
    Insurance,
    /// Trainings, exhibitions, linkages and other services.
    Services,
    /// Islamic financing when wanted, group lending, new-business loans.
    Fit,
    /// Range of terms and convenience of the repayment frequency.
    Flexibility,
}

/// The number of criteria.
pub const N: usize = 8;

impl Criterion {
    /// All criteria in display order.
    pub const ALL: [Criterion; N] = [
        Criterion::TrueCost,
        Criterion::TotalCost,
        Criterion::Affordability,
        Criterion::Access,
        Criterion::Insurance,
        Criterion::Services,
        Criterion::Fit,
        Criterion::Flexibility,
    ];

    /// The key used in weight files.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::TrueCost => "true_cost",
            Criterion::TotalCost => "total_cost",
            Criterion::Affordability => "affordability",
            Criterion::Access => "access",
            Criterion::Insurance => "insurance",
            Criterion::Services => "services",
            Criterion::Fit => "fit",
            Criterion::Flexibility => "flexibility",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::TrueCost => "true cost (APR)",
            Criterion::TotalCost => "cost in rupees",
            Criterion::Affordability => "affordability",
            Criterion::Access => "access",
            Criterion::Insurance => "insurance",
            Criterion::Services => "extra services",
            Criterion::Fit => "fit to her needs",
            Criterion::Flexibility => "flexibility",
        }
    }

    /// What is measured, its unit and its direction.
    pub fn measure(self) -> &'static str {
        match self {
            Criterion::TrueCost => "APR in %, lower is better",
            Criterion::TotalCost => "total cost of the loan in Rs, lower is better",
            Criterion::Affordability => {
                "monthly instalment as % of her repayment capacity, lower is better"
            }
            Criterion::Access => {
                "km to the office (0 when staff come to the village), lower is better"
            }
            Criterion::Insurance => "cover from 0 (none) to 1 (life and health), higher is better",
            Criterion::Services => {
                "share of the 7 extra services offered, 0 to 1, higher is better"
            }
            Criterion::Fit => {
                "share of her needs met (Islamic when wanted, group lending, new-business loans), higher is better"
            }
            Criterion::Flexibility => {
                "0 to 1 from the range of terms and the repayment frequency, higher is better"
            }
        }
    }

    /// The default scale: (worst, best).
    pub fn default_scale(self) -> (f64, f64) {
        match self {
            Criterion::TrueCost => (80.0, 0.0),
            Criterion::TotalCost => (20_000.0, 0.0),
            Criterion::Affordability => (100.0, 25.0),
            Criterion::Access => (50.0, 0.0),
            _ => (0.0, 1.0),
        }
    }

    /// Reads a key.
    pub fn parse(s: &str) -> Option<Criterion> {
        let k = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Criterion::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// A linear value function: `worst` maps to 0, `best` to 1, clamped between.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    /// The measure that scores 0.
    pub worst: f64,
    /// The measure that scores 1.
    pub best: f64,
}

impl Scale {
    /// The value in 0..=1 of a measure; never NaN (a degenerate scale gives 1
    /// at or beyond best, 0 otherwise).
    pub fn value(&self, x: f64) -> f64 {
        if x.is_nan() {
            return 0.0;
        }
        if x.is_infinite() {
            return if (x > 0.0) == (self.best > self.worst) {
                1.0
            } else {
                0.0
            };
        }
        let span = self.best - self.worst;
        if span == 0.0 || !span.is_finite() {
            return if x == self.best { 1.0 } else { 0.0 };
        }
        // Adding 0.0 turns a negative zero into zero, so "-0.0" is never shown.
        ((x - self.worst) / span).clamp(0.0, 1.0) + 0.0
    }
}

/// The criteria's weights (as entered) and scales, with a name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    /// Where they came from: a preset's name or a file.
    pub name: String,
    /// The weights as entered, in the order of [`Criterion::ALL`]; not negative.
    pub raw: [f64; N],
    /// The scales, in the same order.
    pub scales: [Scale; N],
}

impl Weights {
    /// Weights with default scales.
    pub fn new(name: &str, raw: [f64; N]) -> Self {
        Weights {
            name: name.to_string(),
            raw,
            scales: Criterion::ALL.map(|c| {
                let (worst, best) = c.default_scale();
                Scale { worst, best }
            }),
        }
    }

    /// The weights normalised to sum to 1; equal weights when all are zero.
    pub fn normalised(&self) -> [f64; N] {
        normalise(self.raw)
    }
}

/// Normalises weights to sum to 1; equal weights when all are zero.
pub fn normalise(raw: [f64; N]) -> [f64; N] {
    let clean = raw.map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 });
    let sum: f64 = clean.iter().sum();
    if sum <= 0.0 {
        [1.0 / N as f64; N]
    } else {
        clean.map(|w| w / sum)
    }
}

/// The presets shipped in `parameters/`: (name, file contents).
pub const PRESETS: &[(&str, &str)] = &[
    (
        "balanced",
        include_str!("../parameters/weights-balanced.csv"),
    ),
    (
        "lowest-cost",
        include_str!("../parameters/weights-lowest-cost.csv"),
    ),
    (
        "support-and-services",
        include_str!("../parameters/weights-support-and-services.csv"),
    ),
    ("access", include_str!("../parameters/weights-access.csv")),
];

/// The preset used when none is chosen.
pub const DEFAULT_PRESET: &str = "balanced";

/// The columns of a weights file.
pub const WEIGHT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "criterion",
        required: true,
    },
    ColumnSpec {
        name: "weight",
        required: true,
    },
    ColumnSpec {
        name: "worst",
        required: false,
    },
    ColumnSpec {
        name: "best",
        required: false,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// A preset by name.
pub fn preset(name: &str) -> Option<Weights> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(n, text)| {
            load_weights(&format!("parameters/weights-{n}.csv"), text.as_bytes()).ok()
        })
        .map(|mut w| {
            w.name = name.to_string();
            w
        })
}

fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim().trim_end_matches('%').replace(',', "");
    let t = t.trim().trim_start_matches("Rs").trim();
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && x.abs() <= 1e12)
}

/// Reads a weights file: `criterion, weight[, worst, best]`. Criteria not
/// listed weigh 0; scales not given keep their defaults.
pub fn load_weights(file: &str, bytes: &[u8]) -> Result<Weights, LoadErrors> {
    let t = table::read_table(file, bytes, WEIGHT_COLUMNS)?;
    let mut errors = LoadErrors::default();
    let mut w = Weights::new(file, [0.0; N]);
    let mut seen = [None::<u64>; N];
    for row in &t.rows {
        let name = row.get(t.col("criterion"));
        let Some(c) = Criterion::parse(name) else {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("criterion"),
                format!(
                    "expected one of {}, found \"{}\"",
                    Criterion::ALL.map(|c| c.key()).join(", "),
                    table::clip(name)
                ),
            ));
            continue;
        };
        let i = c as usize;
        if let Some(first) = seen[i] {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("criterion"),
                format!("{} is given twice: first at line {first}", c.key()),
            ));
            continue;
        }
        seen[i] = Some(row.line);
        let wt = row.get(t.col("weight"));
        match parse_number(wt) {
            Some(x) if x >= 0.0 => w.raw[i] = x,
            _ => errors.push(LoadError::at(
                file,
                row.line,
                Some("weight"),
                format!(
                    "expected a weight of 0 or more like 25, found \"{}\"",
                    table::clip(wt)
                ),
            )),
        }
        for (col, slot) in [("worst", 0), ("best", 1)] {
            let text = row.get(t.col(col));
            if text.is_empty() {
                continue;
            }
            match parse_number(text) {
                Some(x) => {
                    if slot == 0 {
                        w.scales[i].worst = x;
                    } else {
                        w.scales[i].best = x;
                    }
                }
                None => errors.push(LoadError::at(
                    file,
                    row.line,
                    Some(col),
                    format!("expected a number, found \"{}\"", table::clip(text)),
                )),
            }
        }
        if w.scales[i].worst == w.scales[i].best {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("best"),
                "the best and worst ends of the scale must differ",
            ));
        }
    }
    errors.into_result(w)
}

/// Writes weights in the format [`load_weights`] reads.
pub fn weights_to_csv(w: &Weights) -> Vec<u8> {
    let rows: Vec<Vec<String>> = Criterion::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                c.key().to_string(),
                w.raw[i].to_string(),
                w.scales[i].worst.to_string(),
                w.scales[i].best.to_string(),
                c.measure().to_string(),
            ]
        })
        .collect();
    table::to_csv(&["criterion", "weight", "worst", "best", "note"], &rows)
}

/// The CO's own savings, offered as internal lending.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CoSavings {
    /// The savings pool in rupees: loans from it cannot exceed it in all.
    pub pool: Decimal,
    /// The nominal markup, flat per year, in percent.
    pub markup_percent: Decimal,
    /// The longest term in months.
    pub max_months: u32,
}

/// The name given to the CO's savings as an option.
pub const CO_SAVINGS_NAME: &str = "CO savings (internal lending)";

/// The study's settings for scoring.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Whether member-offer pairs with unknowns ("to verify") are ranked. Default yes:
    /// in the 2010 matrix most values were lost, and excluding them would leave nothing.
    pub rank_to_verify: bool,
    /// The instalment may take at most this share of her monthly repayment capacity (default 75%).
    pub affordability_percent: Decimal,
    /// The stress test: her income (sales and other income) lower by this much (default 20%).
    pub stress_income_drop_percent: Decimal,
    /// How instalments are rounded (default: to the rupee).
    pub rounding: Rounding,
    /// The CO's savings as an option, if entered.
    pub co_savings: Option<CoSavings>,
    /// Monte Carlo draws for the rank acceptability (default 10,000).
    pub draws: u32,
    /// The seed of the draws, so results repeat.
    pub seed: u64,
    /// How far each weight is moved in the draws: +-50% of itself by default.
    pub spread: f64,
    /// How numbers are written on the members' pages: Western (the default) or Urdu digits.
    pub digits: crate::i18n::Digits,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rank_to_verify: true,
            affordability_percent: Decimal::from(75),
            stress_income_drop_percent: Decimal::from(20),
            rounding: Rounding::Rupee,
            co_savings: None,
            draws: 10_000,
            seed: 2010,
            spread: 0.5,
            digits: crate::i18n::Digits::Western,
        }
    }
}

/// The loan a member would take from one offer, priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loan {
    /// The amount, clipped to the product's range.
    pub amount: Decimal,
    /// What she needs beyond the amount (negative: borrowed beyond her need).
    pub gap: Decimal,
    /// The term in months, nearest her preference within the product's range.
    pub months: u32,
    /// The frequency of instalments.
    pub frequency: Frequency,
    /// The regular instalment.
    pub instalment: Decimal,
    /// The last instalment.
    pub last_instalment: Decimal,
    /// How many instalments.
    pub count: u32,
    /// The sum of the instalments.
    pub total_repaid: Decimal,
    /// Everything paid beyond what was received, in rupees.
    pub total_cost: Decimal,
    /// APR in percent (a cost-equivalent rate for murabaha).
    pub apr_percent: f64,
    /// EIR in percent.
    pub eir_percent: f64,
    /// What the instalments take a month, for comparing with her capacity.
    pub monthly_burden: Decimal,
    /// Whether the monthly burden is within the affordability threshold.
    pub affordable: bool,
    /// The same with her income lowered by the stress percentage.
    pub affordable_under_stress: bool,
    /// Rupees left a month within the threshold (negative: short).
    pub margin: Decimal,
    /// The same under stress.
    pub stressed_margin: Decimal,
}

/// One member and one offer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The member's index in the plans.
    pub member: usize,
    /// The institution's index in the matrix (the CO savings come last).
    pub institution: usize,
    /// The institution's name.
    pub mfi: String,
    /// The product's name.
    pub product: String,
    /// Why the offer is excluded, one reason per failed rule.
    pub exclusions: Vec<String>,
    /// What must be verified because it is unknown.
    pub to_verify: Vec<String>,
    /// How many rules exclude the offer (the reasons' count when in words).
    pub failed_rules: u8,
    /// How many rules cannot be decided for lack of a value.
    pub unknown_rules: u8,
    /// What the pricing and the criteria assumed.
    pub assumptions: Vec<String>,
    /// The loan, when it could be priced.
    pub loan: Option<Loan>,
    /// Why it could not be priced.
    pub unpriced: Option<String>,
    /// Each criterion's measure (APR %, Rs, %, km, 0-1 ...).
    pub measures: [f64; N],
    /// Each criterion's value on its scale, 0 to 1.
    pub values: [f64; N],
}

impl Pair {
    /// Whether the pair enters the ranking (eligible, priced, and either
    /// nothing to verify or the study ranks such pairs).
    pub fn rankable(&self, settings: &Settings) -> bool {
        self.failed_rules == 0
            && self.loan.is_some()
            && (self.unknown_rules == 0 || settings.rank_to_verify)
    }

    /// Each criterion's contribution to the score (0-100 in all).
    pub fn contributions(&self, weights: &[f64; N]) -> [f64; N] {
        std::array::from_fn(|i| 100.0 * weights[i] * self.values[i])
    }

    /// The score, 0 to 100: the sum of the contributions.
    pub fn score(&self, weights: &[f64; N]) -> f64 {
        self.contributions(weights).iter().sum()
    }

    /// The pair's loan priced again in full, with its schedule and cash flows
    /// (the evaluation keeps only the figures). `None` if it has no loan or
    /// the matrix no longer holds its product.
    pub fn priced(&self, matrix: &Matrix, rounding: Rounding) -> Option<pricing::Priced> {
        let l = self.loan.as_ref()?;
        let inst = matrix.institution(&self.mfi)?;
        let prod = inst.products.iter().find(|x| x.name == self.product)?;
        let (terms, _) = offer::loan_terms(inst, prod, l.amount, l.months, rounding).ok()?;
        pricing::price(&terms).ok()
    }

    /// Why the offer is not in her ranking, in words: the rules it fails,
    /// why it cannot be priced, or what is unknown when the study does not
    /// rank offers with unknowns.
    pub fn why_excluded(&self) -> Vec<String> {
        let mut reasons = self.exclusions.clone();
        if let Some(u) = &self.unpriced {
            reasons.push(format!("cannot be priced: {u}"));
        }
        if reasons.is_empty() && !self.to_verify.is_empty() {
            reasons.push(format!(
                "to verify (offers with unknowns are not ranked): {}",
                self.to_verify.join("; ")
            ));
        }
        reasons
    }
}

/// The result for one member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberResult {
    /// The member's index in the plans.
    pub member: usize,
    /// Her name.
    pub name: String,
    /// The loan she needs.
    pub loan_needed: Decimal,
    /// What she can repay a month.
    pub capacity: Decimal,
    /// The same with her income lower by the stress percentage.
    pub stressed_capacity: Decimal,
    /// Indices into [`Evaluation::pairs`] of her ranked offers, best first.
    pub ranked: Vec<usize>,
    /// Indices of her offers that are excluded or cannot be priced.
    pub excluded: Vec<usize>,
}

/// The result for one MFI over the CO.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MfiResult {
    /// The institution's index.
    pub institution: usize,
    /// Its name.
    pub mfi: String,
    /// The CO score, 0-100: the mean, over the members who need a loan, of
    /// the score of the best affordable offer of this MFI for her (0 when it
    /// has none).
    pub score: f64,
    /// Members with at least one ranked offer of this MFI.
    pub eligible_members: usize,
    /// Of those, how many have something to verify.
    pub to_verify_members: usize,
    /// Members it serves: with an affordable ranked offer.
    pub affordable_members: usize,
    /// Of those, members for whom it stays affordable under stress.
    pub affordable_under_stress: usize,
    /// The sum of the loans of the members it serves.
    pub total_borrowed: Decimal,
    /// The sum of their costs in rupees.
    pub total_cost: Decimal,
    /// The mean APR of their loans, if any.
    pub average_apr: Option<f64>,
    /// The pair serving each member (by member index), if any.
    pub served: Vec<Option<usize>>,
    /// The CO score's parts per criterion.
    pub contributions: [f64; N],
}

/// Everything computed for a CO: pairs, members, MFIs, recommendation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The weights used, normalised.
    pub weights: [f64; N],
    /// The institutions evaluated (the matrix's, plus the CO savings if entered).
    pub institutions: Vec<String>,
    /// Every member-offer pair.
    pub pairs: Vec<Pair>,
    /// Per member.
    pub members: Vec<MemberResult>,
    /// Per MFI, best CO score first.
    pub ranking: Vec<MfiResult>,
    /// Members who need a loan (the denominator of the CO score).
    pub members_needing_loan: usize,
    /// Which pairs can serve whom, for rescoring under other weights.
    #[serde(skip)]
    pub(crate) served_options: ServedOptions,
}

impl Evaluation {
    /// A member's best ranked offer that she can afford, as an index into `pairs`.
    pub fn best_affordable(&self, member: usize) -> Option<usize> {
        self.members
            .get(member)?
            .ranked
            .iter()
            .copied()
            .find(|&k| self.pairs[k].loan.as_ref().is_some_and(|l| l.affordable))
    }

    /// The recommended MFI, if any serves anyone.
    pub fn recommended(&self) -> Option<&MfiResult> {
        self.ranking.first().filter(|r| r.affordable_members > 0)
    }

    /// The runner-up.
    pub fn runner_up(&self) -> Option<&MfiResult> {
        self.recommended().and(self.ranking.get(1))
    }
}

/// The institution that stands for the CO's own savings.
pub fn co_savings_institution(s: &CoSavings) -> Institution {
    use crate::fact::{Confidence, Fact, Provenance};
    use crate::matrix::Value;
    let prov = || Provenance {
        source: "study settings".into(),
        confidence: Some(Confidence::High),
        note: String::new(),
    };
    let fact = |v: Value| Fact::known(v, prov());
    let mut facts = crate::matrix::Facts::new();
    for (k, v) in [
        ("office", Value::Text("in the village".into())),
        ("distance_km", Value::Number(Decimal::ZERO)),
        ("staff_visit_village", Value::Flag(true)),
        ("works_with_hbw", Value::Flag(true)),
        ("group_lending", Value::Flag(true)),
        ("individual_lending", Value::Flag(true)),
        ("new_business_loans", Value::Flag(true)),
        ("defaulters_refused", Value::Flag(false)),
        ("cnic_required", Value::Flag(false)),
        ("life_insurance", Value::Choice("none".into())),
        ("health_insurance", Value::Flag(false)),
        ("documentation_charges", Value::Charge(Charge::NONE)),
    ] {
        facts.insert(k.to_string(), fact(v));
    }
    for k in SERVICES {
        facts.insert(k.to_string(), fact(Value::Flag(false)));
    }
    let mut pf = crate::matrix::Facts::new();
    for (k, v) in [
        ("loan_type", Value::Text("internal lending".into())),
        (
            "amount",
            Value::Range(Decimal::ONE, s.pool.max(Decimal::ONE)),
        ),
        (
            "term_months",
            Value::Range(Decimal::ONE, Decimal::from(s.max_months.clamp(1, 120))),
        ),
        ("frequency", Value::Choice("monthly".into())),
        ("basis", Value::Choice("flat".into())),
        ("markup", Value::Percent(s.markup_percent)),
        ("markup_per", Value::Choice("year".into())),
        ("deposit", Value::Charge(Charge::NONE)),
        ("grace_periods", Value::Count(0)),
        ("islamic", Value::Flag(s.markup_percent.is_zero())),
        ("disbursed_as", Value::Choice("cash".into())),
    ] {
        pf.insert(k.to_string(), fact(v));
    }
    Institution {
        name: CO_SAVINGS_NAME.to_string(),
        facts,
        products: vec![Product {
            name: "Internal loan".into(),
            facts: pf,
        }],
    }
}

fn percent(d: Decimal) -> Decimal {
    d / Decimal::ONE_HUNDRED
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

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

/// What pricing tells the scoring about one loan, kept by [`PriceCache`].
#[derive(Debug, Clone)]
struct PricedFigures {
    frequency: Frequency,
    instalment: Decimal,
    last_instalment: Decimal,
    count: u32,
    total_repaid: Decimal,
    total_cost: Decimal,
    apr_percent: f64,
    eir_percent: f64,
    assumptions: Vec<String>,
}

/// Loans already priced, by offer, amount and term. Members who borrow the
/// same amount over the same term from the same offer get the same figures,
/// so an evaluation of many members (or a batch of many COs against one
/// matrix) prices each distinct loan once. A cache used with another matrix
/// or rounding forgets what it held.
#[derive(Debug, Default)]
pub struct PriceCache {
    matrix: Option<Matrix>,
    rounding: Rounding,
    loans: PricedLoans,
}

/// (institution, product, amount's exact bytes, months) -> figures or why not.
type PricedLoans = std::collections::HashMap<
    (u32, u32, [u8; 16], u32),
    Result<PricedFigures, String>,
    std::hash::BuildHasherDefault<KeyHasher>,
>;

/// A fast hasher for the cache's small keys (the multiply-rotate scheme of
/// rustc's FxHasher); the keys come from our own matrix, not from an attacker.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(x as u64);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

impl PriceCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many distinct loans it holds.
    pub fn len(&self) -> usize {
        self.loans.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.loans.is_empty()
    }

    /// Forgets everything unless the matrix and rounding are those it was
    /// filled with; a cache never grows past a million loans.
    fn prepare(&mut self, matrix: &Matrix, rounding: Rounding) {
        if self.matrix.as_ref() != Some(matrix) || self.rounding != rounding {
            self.matrix = Some(matrix.clone());
            self.rounding = rounding;
            self.loans.clear();
        }
        if self.loans.len() > 1_000_000 {
            self.loans.clear();
        }
    }

    fn price(
        &mut self,
        offer: &OfferView,
        amount: Decimal,
        months: u32,
        rounding: Rounding,
    ) -> &Result<PricedFigures, String> {
        self.loans
            // The exact representation: 20000 and 20000.00 are priced apart,
            // which costs a little time and never a wrong figure.
            .entry((
                offer.institution as u32,
                offer.product_index as u32,
                amount.serialize(),
                months,
            ))
            .or_insert_with(|| price_figures(offer.inst, offer.product, amount, months, rounding))
    }
}

fn price_figures(
    inst: &Institution,
    product: &Product,
    amount: Decimal,
    months: u32,
    rounding: Rounding,
) -> Result<PricedFigures, String> {
    let (terms, assumed) = offer::loan_terms(inst, product, amount, months, rounding)
        .map_err(|offer::Unpriceable(why)| why)?;
    let p = pricing::price(&terms).map_err(|e| e.to_string())?;
    Ok(PricedFigures {
        frequency: terms.frequency,
        instalment: p.instalment,
        last_instalment: p.last_instalment,
        count: p.count,
        total_repaid: p.total_repaid,
        total_cost: p.total_cost,
        apr_percent: p.apr_percent,
        eir_percent: p.eir_percent,
        assumptions: assumed,
    })
}

/// What one offer brings to every member, worked out once per evaluation:
/// the measures that depend on the MFI and product alone, and the
/// assumptions behind them.
struct OfferView<'a> {
    institution: usize,
    product_index: usize,
    inst: &'a Institution,
    product: &'a Product,
    /// What the eligibility rules read.
    facts: eligibility::OfferFacts<'a>,
    /// The product's term range in months.
    terms: Option<(u32, u32)>,
    /// Measures 3 (distance), 4 (insurance), 5 (services), 7 (flexibility).
    measures: [f64; N],
    assumptions: Vec<String>,
}

impl<'a> OfferView<'a> {
    fn new(
        institution: usize,
        product_index: usize,
        inst: &'a Institution,
        weights: &Weights,
    ) -> Self {
        let product = &inst.products[product_index];
        let i = &inst.facts;
        let pf = &product.facts;
        let mut assumptions = Vec::new();
        let mut measures = [0.0; N];
        measures[3] = match (i.flag("staff_visit_village"), i.number("distance_km")) {
            (Some(true), _) => 0.0,
            (_, Some(km)) => f(km),
            (_, None) => {
                assumptions.push("distance unknown: counted as the far end of the scale".into());
                weights.scales[3].worst
            }
        };
        let life = match i.choice("life_insurance") {
            Some("embedded") | Some("charged") => 1.0,
            Some(_) => 0.0,
            None => {
                assumptions.push("life insurance unknown: counted as none".into());
                0.0
            }
        };
        let health = match i.flag("health_insurance") {
            Some(true) => 1.0,
            Some(false) => 0.0,
            None => {
                assumptions.push("health insurance unknown: counted as none".into());
                0.0
            }
        };
        measures[4] = 0.5 * life + 0.5 * health;
        let known_services = SERVICES.iter().filter(|k| i.flag(k).is_some()).count();
        if known_services < SERVICES.len() {
            assumptions.push(format!(
                "{} of 7 extra services unknown: counted as not offered",
                SERVICES.len() - known_services
            ));
        }
        measures[5] = SERVICES.iter().filter(|k| i.flag(k) == Some(true)).count() as f64
            / SERVICES.len() as f64;
        let freq = match pf.choice("frequency").and_then(Frequency::parse) {
            Some(Frequency::Monthly) => 1.0,
            Some(Frequency::FourWeekly) => 0.75,
            Some(Frequency::Fortnightly) | Some(Frequency::Bullet) => 0.5,
            Some(Frequency::Weekly) => 0.25,
            None => 0.5,
        };
        let span = pf
            .bounds("term_months")
            .map(|(lo, hi)| f(hi - lo))
            .unwrap_or(0.0);
        measures[7] = 0.5 * freq + 0.5 * (span / 12.0).min(1.0);
        OfferView {
            institution,
            product_index,
            inst,
            product,
            facts: eligibility::OfferFacts::of(inst, product),
            terms: offer::term_range(product),
            measures,
            assumptions,
        }
    }
}

/// Every offer of the institutions, in the evaluation's order.
fn offer_views<'a>(institutions: &[&'a Institution], weights: &Weights) -> Vec<OfferView<'a>> {
    institutions
        .iter()
        .enumerate()
        .flat_map(|(ii, inst)| {
            (0..inst.products.len()).map(move |pi| OfferView::new(ii, pi, inst, weights))
        })
        .collect()
}

/// How much of each pair an evaluation keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything: names, reasons in words, assumptions (the app, the
    /// report and `score`).
    Full,
    /// The figures alone, for summaries of many COs (`batch`): the CO
    /// ranking, the members' rankings, the loans and scores of the ranked
    /// offers are those of [`Detail::Full`], but a pair's names and
    /// reasons and assumptions are left empty (the rules are counted in
    /// `failed_rules` and `unknown_rules`), and offers a rule excludes are
    /// not priced.
    Figures,
}

/// What one member brings to every offer, worked out once per evaluation.
struct MemberView {
    need: Decimal,
    capacity: Decimal,
    /// The most an instalment may take a month, and under stress.
    limit: Decimal,
    stressed_limit: Decimal,
}

impl MemberView {
    fn new(plan: &crate::plans::MicroInvestmentPlan, settings: &Settings) -> Self {
        let share = percent(settings.affordability_percent);
        let capacity = plan.repayment_capacity();
        MemberView {
            need: plan.loan_needed(),
            capacity,
            limit: capacity * share,
            stressed_limit: stressed_capacity(plan, settings) * share,
        }
    }
}

/// Evaluates one member (her figures worked out beforehand) and one offer.
#[allow(clippy::too_many_arguments)]
fn evaluate_pair(
    plan: &crate::plans::MicroInvestmentPlan,
    view: &MemberView,
    member: usize,
    offer: &OfferView,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Pair {
    let (inst, product) = (offer.inst, offer.product);
    let full = detail == Detail::Full;
    let need = view.need;
    let mut exclusions = Vec::new();
    let mut to_verify = Vec::new();
    let (mut failed_rules, mut unknown_rules) = (0u8, 0u8);
    if full {
        for outcome in eligibility::check_with(plan, need, &offer.facts, &eligibility::Words) {
            match outcome {
                Outcome::Pass => {}
                Outcome::Fail(r) => exclusions.push(r),
                Outcome::Unknown(u) => to_verify.push(u),
            }
        }
        failed_rules = exclusions.len() as u8;
        unknown_rules = to_verify.len() as u8;
    } else {
        for outcome in eligibility::check_with(plan, need, &offer.facts, &eligibility::Silent) {
            match outcome {
                Outcome::Pass => {}
                Outcome::Fail(()) => failed_rules += 1,
                Outcome::Unknown(()) => unknown_rules += 1,
            }
        }
    }
    let amount = match offer.facts.amount {
        Some((lo, hi)) => need.clamp(lo, hi),
        None => need,
    };
    let (months, _) = offer::nearest_term_in(offer.terms, plan.preferred_term_months);
    let mut assumptions = if full {
        offer.assumptions.clone()
    } else {
        Vec::new()
    };
    let mut loan = None;
    let mut unpriced = None;
    if amount > Decimal::ZERO && (full || failed_rules == 0) {
        match cache.price(offer, amount, months, settings.rounding) {
            Err(why) => unpriced = Some(why.clone()),
            Ok(p) => {
                if full {
                    assumptions.extend(p.assumptions.iter().cloned());
                }
                let burden = match p.frequency {
                    Frequency::Bullet => p.total_repaid / Decimal::from(months.max(1)),
                    fr => p.instalment * Decimal::from(fr.periods_per_year()) / Decimal::from(12),
                };
                let limit = view.limit;
                let stressed = view.stressed_limit;
                loan = Some(Loan {
                    amount,
                    gap: need - amount,
                    months,
                    frequency: p.frequency,
                    instalment: p.instalment,
                    last_instalment: p.last_instalment,
                    count: p.count,
                    total_repaid: p.total_repaid,
                    total_cost: p.total_cost,
                    apr_percent: p.apr_percent,
                    eir_percent: p.eir_percent,
                    monthly_burden: burden,
                    affordable: burden <= limit,
                    affordable_under_stress: burden <= stressed,
                    margin: limit - burden,
                    stressed_margin: stressed - burden,
                });
            }
        }
    }
    let mut measures = offer.measures;
    // Cost and affordability: unpriced pairs are never ranked, so their
    // measures stay at the worst end.
    match &loan {
        Some(l) => {
            measures[0] = l.apr_percent;
            measures[1] = f(l.total_cost);
            let cap = f(view.capacity);
            measures[2] = if cap > 0.0 {
                100.0 * f(l.monthly_burden) / cap
            } else {
                f64::INFINITY
            };
        }
        None => {
            measures[0] = weights.scales[0].worst;
            measures[1] = weights.scales[1].worst;
            measures[2] = weights.scales[2].worst;
        }
    }
    let islamic_fit = match plan.wants_islamic {
        Some(true) => (offer.facts.islamic == Some(true)) as u8 as f64,
        _ => 1.0,
    };
    let group_fit = match (plan.lending, offer.facts.group_lending) {
        (Lending::Individual, _) => 1.0,
        (_, Some(true)) => 1.0,
        (_, Some(false)) => 0.0,
        (_, None) => {
            if full {
                assumptions.push("group lending unknown: counted as not offered".into());
            }
            0.0
        }
    };
    let new_fit = match (plan.new_business, offer.facts.new_business_loans) {
        (Some(false), _) => 1.0,
        (_, Some(true)) => 1.0,
        _ => 0.0,
    };
    measures[6] = (islamic_fit + group_fit + new_fit) / 3.0;
    let values = std::array::from_fn(|k| weights.scales[k].value(measures[k]));
    assumptions.sort();
    assumptions.dedup();
    let name = |s: &String| if full { s.clone() } else { String::new() };
    Pair {
        member,
        institution: offer.institution,
        mfi: name(&inst.name),
        product: name(&product.name),
        exclusions,
        to_verify,
        failed_rules,
        unknown_rules,
        assumptions,
        loan,
        unpriced,
        measures,
        values,
    }
}

/// Her repayment capacity with sales and other income lower by the stress percentage.
pub fn stressed_capacity(plan: &crate::plans::MicroInvestmentPlan, settings: &Settings) -> Decimal {
    let keep = Decimal::ONE - percent(settings.stress_income_drop_percent).min(Decimal::ONE);
    (plan.monthly_sales * keep - plan.monthly_business_costs + plan.other_income * keep
        - plan.household_expenses)
        .max(Decimal::ZERO)
}

/// The matrix's institutions, then the CO's savings pool when the study has one.
fn with_savings<'a>(matrix: &'a Matrix, savings: Option<&'a Institution>) -> Vec<&'a Institution> {
    matrix.institutions.iter().chain(savings).collect()
}

/// Evaluates every member against every offer, and the CO against every MFI.
pub fn evaluate(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
) -> Evaluation {
    // A cache that lives for one evaluation needs no tie to the matrix.
    evaluate_in(
        matrix,
        plans,
        weights,
        settings,
        &mut PriceCache::new(),
        Detail::Full,
    )
}

/// [`evaluate`], keeping as much as `detail` says and pricing through a
/// cache that may be reused for the next plans scored against the same
/// matrix (the `batch` command keeps one per worker thread).
pub fn evaluate_cached(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Evaluation {
    // The savings pool is not in the matrix the cache is tied to: a study
    // with one is priced afresh.
    if settings.co_savings.is_some() {
        return evaluate_in(
            matrix,
            plans,
            weights,
            settings,
            &mut PriceCache::new(),
            detail,
        );
    }
    cache.prepare(matrix, settings.rounding);
    evaluate_in(matrix, plans, weights, settings, cache, detail)
}

/// The evaluation itself, pricing through `cache` as it is.
fn evaluate_in(
    matrix: &Matrix,
    plans: &Plans,
    weights: &Weights,
    settings: &Settings,
    cache: &mut PriceCache,
    detail: Detail,
) -> Evaluation {
    let savings = settings.co_savings.as_ref().map(co_savings_institution);
    let institutions = with_savings(matrix, savings.as_ref());
    let offers = offer_views(&institutions, weights);
    let mut pairs = Vec::with_capacity(plans.members.len() * offers.len());
    for (m, plan) in plans.members.iter().enumerate() {
        let view = MemberView::new(plan, settings);
        for offer in &offers {
            pairs.push(evaluate_pair(
                plan, &view, m, offer, weights, settings, cache, detail,
            ));
        }
    }
    let members: Vec<MemberResult> = plans
        .members
        .iter()
        .enumerate()
        .map(|(m, plan)| MemberResult {
            member: m,
            name: plan.member.clone(),
            loan_needed: plan.loan_needed(),
            capacity: plan.repayment_capacity(),
            stressed_capacity: stressed_capacity(plan, settings),
            ranked: Vec::new(),
            excluded: Vec::new(),
        })
        .collect();
    let names = institutions.iter().map(|i| i.name.clone()).collect();
    rank(pairs, members, names, weights, settings)
}

impl Evaluation {
    /// The same evaluation under other weights or scales: nothing is priced
    /// again, only values, scores and rankings are recomputed. This is what
    /// the app does when a weight slider moves.
    pub fn reweigh(&self, weights: &Weights, settings: &Settings) -> Evaluation {
        let mut e = self.clone();
        e.reweigh_in_place(weights, settings);
        e
    }

    /// [`Self::reweigh`] without copying the pairs: for large studies.
    pub fn reweigh_in_place(&mut self, weights: &Weights, settings: &Settings) {
        for p in &mut self.pairs {
            p.values = std::array::from_fn(|k| weights.scales[k].value(p.measures[k]));
        }
        self.rerank(weights, settings);
    }

    /// Evaluates one member's offers again after her plan changed (the other
    /// members' pairs are kept), then ranks again. The plans must have the
    /// same members as when evaluated; otherwise evaluate afresh.
    pub fn update_member(
        &mut self,
        matrix: &Matrix,
        plans: &Plans,
        member: usize,
        weights: &Weights,
        settings: &Settings,
    ) {
        let savings = settings.co_savings.as_ref().map(co_savings_institution);
        let institutions = with_savings(matrix, savings.as_ref());
        let per_member: usize = institutions.iter().map(|i| i.products.len()).sum();
        let start = member * per_member;
        if plans.members.len() != self.members.len()
            || self.pairs.len() != per_member * plans.members.len()
            || start + per_member > self.pairs.len()
        {
            *self = evaluate(matrix, plans, weights, settings);
            return;
        }
        let mut cache = PriceCache::new();
        let plan = &plans.members[member];
        let view = MemberView::new(plan, settings);
        for (k, offer) in offer_views(&institutions, weights).iter().enumerate() {
            self.pairs[start + k] = evaluate_pair(
                plan,
                &view,
                member,
                offer,
                weights,
                settings,
                &mut cache,
                Detail::Full,
            );
        }
        let mr = &mut self.members[member];
        mr.name = plan.member.clone();
        mr.loan_needed = plan.loan_needed();
        mr.capacity = plan.repayment_capacity();
        mr.stressed_capacity = stressed_capacity(plan, settings);
        self.rerank(weights, settings);
    }

    /// Evaluates one institution's offers again after its values changed
    /// (its products neither added nor removed), for every member, then
    /// ranks again. When the layout of the study changed, evaluates afresh.
    pub fn update_institution(
        &mut self,
        matrix: &Matrix,
        plans: &Plans,
        institution: usize,
        weights: &Weights,
        settings: &Settings,
    ) {
        let savings = settings.co_savings.as_ref().map(co_savings_institution);
        let institutions = with_savings(matrix, savings.as_ref());
        let layout: Vec<usize> = institutions
            .iter()
            .enumerate()
            .flat_map(|(ii, i)| std::iter::repeat_n(ii, i.products.len()))
            .collect();
        let per_member = layout.len();
        let same_layout = institution < matrix.institutions.len()
            && plans.members.len() == self.members.len()
            && self.institutions.len() == institutions.len()
            && self.pairs.len() == per_member * plans.members.len()
            && self
                .pairs
                .iter()
                .take(per_member)
                .map(|p| p.institution)
                .eq(layout.iter().copied());
        if !same_layout {
            *self = evaluate(matrix, plans, weights, settings);
            return;
        }
        let offset = layout.iter().take_while(|&&ii| ii < institution).count();
        let inst = institutions[institution];
        let offers: Vec<OfferView> = (0..inst.products.len())
            .map(|pi| OfferView::new(institution, pi, inst, weights))
            .collect();
        let mut cache = PriceCache::new();
        for (m, plan) in plans.members.iter().enumerate() {
            let view = MemberView::new(plan, settings);
            for (j, offer) in offers.iter().enumerate() {
                self.pairs[m * per_member + offset + j] = evaluate_pair(
                    plan,
                    &view,
                    m,
                    offer,
                    weights,
                    settings,
                    &mut cache,
                    Detail::Full,
                );
            }
        }
        self.institutions[institution] = inst.name.clone();
        self.rerank(weights, settings);
    }

    fn rerank(&mut self, weights: &Weights, settings: &Settings) {
        let pairs = std::mem::take(&mut self.pairs);
        let members = std::mem::take(&mut self.members)
            .into_iter()
            .map(|m| MemberResult {
                ranked: Vec::new(),
                excluded: Vec::new(),
                ..m
            })
            .collect();
        let institutions = std::mem::take(&mut self.institutions);
        *self = rank(pairs, members, institutions, weights, settings);
    }
}

/// Ranks the offers of each member and the MFIs for the CO.
fn rank(
    pairs: Vec<Pair>,
    mut members: Vec<MemberResult>,
    institutions: Vec<String>,
    weights: &Weights,
    settings: &Settings,
) -> Evaluation {
    let w = weights.normalised();
    let scores: Vec<f64> = pairs.iter().map(|p| p.score(&w)).collect();
    let mut rankable = vec![vec![Vec::new(); members.len()]; institutions.len()];
    for (k, p) in pairs.iter().enumerate() {
        if p.rankable(settings) {
            members[p.member].ranked.push(k);
            rankable[p.institution][p.member].push(k);
        } else {
            members[p.member].excluded.push(k);
        }
    }
    let apr = |k: usize| {
        pairs[k]
            .loan
            .as_ref()
            .map(|l| l.apr_percent)
            .unwrap_or(f64::MAX)
    };
    for mr in &mut members {
        mr.ranked.sort_by(|&a, &b| {
            scores[b]
                .total_cmp(&scores[a])
                .then(apr(a).total_cmp(&apr(b)))
                .then(a.cmp(&b))
        });
    }
    let needing = members
        .iter()
        .filter(|m| m.loan_needed > Decimal::ZERO)
        .count();
    let pool_inst = settings.co_savings.as_ref().map(|_| institutions.len() - 1);
    let options = ServedOptions::build(
        &pairs,
        institutions.len(),
        members.len(),
        settings,
        pool_inst,
        settings.co_savings.as_ref().map(|s| s.pool),
    );
    let mut ranking: Vec<MfiResult> = (0..institutions.len())
        .map(|ii| {
            mfi_result(
                ii,
                &institutions[ii],
                &pairs,
                &scores,
                &rankable[ii],
                &options,
                &w,
                needing,
            )
        })
        .collect();
    sort_ranking(&mut ranking);
    Evaluation {
        weights: w,
        institutions,
        pairs,
        members,
        ranking,
        members_needing_loan: needing,
        served_options: options,
    }
}

fn sort_ranking(ranking: &mut [MfiResult]) {
    ranking.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.affordable_members.cmp(&a.affordable_members))
            .then(
                a.average_apr
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.average_apr.unwrap_or(f64::MAX)),
            )
            .then(a.institution.cmp(&b.institution))
    });
}

/// For each MFI and member, the pairs that could serve her: ranked and
/// affordable. For a savings pool, only the members the pool can cover,
/// smallest loans first so that it serves as many members as it can.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ServedOptions {
    /// `[institution][member]` -> pair indices.
    pub(crate) options: Vec<Vec<Vec<usize>>>,
}

impl ServedOptions {
    fn build(
        pairs: &[Pair],
        n_inst: usize,
        n_members: usize,
        settings: &Settings,
        pool_inst: Option<usize>,
        pool: Option<Decimal>,
    ) -> Self {
        let mut options = vec![vec![Vec::new(); n_members]; n_inst];
        for (k, p) in pairs.iter().enumerate() {
            if p.rankable(settings) && p.loan.as_ref().is_some_and(|l| l.affordable) {
                options[p.institution][p.member].push(k);
            }
        }
        if let (Some(ii), Some(pool)) = (pool_inst, pool) {
            let mut by_amount: Vec<(Decimal, usize)> = options[ii]
                .iter()
                .enumerate()
                .filter_map(|(m, ks)| {
                    ks.first()
                        .and_then(|k| pairs[*k].loan.as_ref())
                        .map(|l| (l.amount, m))
                })
                .collect();
            by_amount.sort();
            let mut left = pool;
            for (amount, m) in by_amount {
                if amount <= left {
                    left -= amount;
                } else {
                    options[ii][m].clear();
                }
            }
        }
        ServedOptions { options }
    }
}

#[allow(clippy::too_many_arguments)]
fn mfi_result(
    ii: usize,
    name: &str,
    pairs: &[Pair],
    scores: &[f64],
    rankable: &[Vec<usize>],
    options: &ServedOptions,
    w: &[f64; N],
    needing: usize,
) -> MfiResult {
    let n_members = rankable.len();
    let mut r = MfiResult {
        institution: ii,
        mfi: name.to_string(),
        score: 0.0,
        eligible_members: 0,
        to_verify_members: 0,
        affordable_members: 0,
        affordable_under_stress: 0,
        total_borrowed: Decimal::ZERO,
        total_cost: Decimal::ZERO,
        average_apr: None,
        served: vec![None; n_members],
        contributions: [0.0; N],
    };
    let mut apr_sum = 0.0;
    for (m, mine) in rankable.iter().enumerate() {
        if !mine.is_empty() {
            r.eligible_members += 1;
            if mine.iter().any(|&k| pairs[k].unknown_rules > 0) {
                r.to_verify_members += 1;
            }
        }
        let best = options.options[ii][m]
            .iter()
            .copied()
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        if let Some(k) = best {
            let p = &pairs[k];
            r.served[m] = Some(k);
            r.affordable_members += 1;
            if let Some(l) = &p.loan {
                if l.affordable_under_stress {
                    r.affordable_under_stress += 1;
                }
                r.total_borrowed += l.amount;
                r.total_cost += l.total_cost;
                apr_sum += l.apr_percent;
            }
            for (acc, x) in r.contributions.iter_mut().zip(p.contributions(w)) {
                *acc += x;
            }
        }
    }
    if needing > 0 {
        for c in r.contributions.iter_mut() {
            *c /= needing as f64;
        }
    }
    r.score = r.contributions.iter().sum();
    if r.affordable_members > 0 {
        r.average_apr = Some(apr_sum / r.affordable_members as f64);
    }
    r
}

/// The two or three reasons, in plain words, that put the recommended MFI
/// ahead of the runner-up.
pub fn reasons(e: &Evaluation) -> Vec<String> {
    let (Some(a), Some(b)) = (e.recommended(), e.runner_up()) else {
        return match e.recommended() {
            Some(a) => vec![format!(
                "{} is the only option that serves any member",
                a.mfi
            )],
            None => Vec::new(),
        };
    };
    let mut out = Vec::new();
    if a.affordable_members > b.affordable_members {
        out.push(format!(
            "it serves more members with an affordable offer: {} of the {} who need a loan, against {} for {}",
            a.affordable_members, e.members_needing_loan, b.affordable_members, b.mfi
        ));
    }
    let assumed_far = |r: &MfiResult| {
        r.served.iter().flatten().any(|&k| {
            e.pairs[k]
                .assumptions
                .iter()
                .any(|x| x.starts_with("distance unknown"))
        })
    };
    let mut diffs: Vec<(usize, f64)> = (0..N)
        .map(|i| (i, a.contributions[i] - b.contributions[i]))
        .filter(|(_, d)| *d > 0.05)
        .collect();
    diffs.sort_by(|x, y| y.1.total_cmp(&x.1));
    let avg = |r: &MfiResult, i: usize| -> Option<f64> {
        let served: Vec<&Pair> = r.served.iter().flatten().map(|&k| &e.pairs[k]).collect();
        if served.is_empty() {
            None
        } else {
            Some(served.iter().map(|p| p.measures[i]).sum::<f64>() / served.len() as f64)
        }
    };
    for (i, d) in diffs {
        if out.len() >= 3 {
            break;
        }
        let c = Criterion::ALL[i];
        let (x, y) = (avg(a, i), avg(b, i));
        let detail = match (c, x, y) {
            (Criterion::TrueCost, Some(x), Some(y)) => format!("a lower true cost: average APR {x:.1}% against {y:.1}%"),
            (Criterion::TotalCost, Some(x), Some(y)) => {
                format!("it costs less in rupees: {} per member on average against {}", money::rs(Decimal::from_f64_retain(x).unwrap_or_default()), money::rs(Decimal::from_f64_retain(y).unwrap_or_default()))
            }
            (Criterion::Affordability, Some(x), Some(y)) => format!("instalments are easier to pay: {x:.0}% of what members can repay, against {y:.0}%"),
            (Criterion::Access, Some(x), Some(y)) => {
                let km = |r: &MfiResult, v: f64| if assumed_far(r) { "an unknown distance (counted as far)".to_string() } else { format!("{v:.0} km") };
                format!("it is easier to reach: {} on average (0 when staff come to the village) against {}", km(a, x), km(b, y))
            }
            (Criterion::Insurance, ..) => "it gives better insurance cover".to_string(),
            (Criterion::Services, ..) => "it offers more extra services (trainings, exhibitions, linkages)".to_string(),
            (Criterion::Fit, ..) => "it fits the members' needs better (Islamic financing when wanted, group lending, loans for new businesses)".to_string(),
            (Criterion::Flexibility, ..) => "its terms are more flexible".to_string(),
            _ => format!("it does better on {}", c.label()),
        };
        out.push(format!("{detail} (+{d:.1} points)"));
    }
    if out.is_empty() {
        out.push(format!(
            "its CO score is {:.1} against {:.1} for {}",
            a.score, b.score, b.mfi
        ));
    }
    if b.affordable_members > a.affordable_members {
        out.push(format!(
            "but {} serves more members with an affordable offer: {} against {} of the {} who need a loan",
            b.mfi, b.affordable_members, a.affordable_members, e.members_needing_loan
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_never_give_nan() {
        let s = Scale {
            worst: 80.0,
            best: 0.0,
        };
        assert_eq!(s.value(0.0), 1.0);
        assert_eq!(s.value(80.0), 0.0);
        assert_eq!(s.value(40.0), 0.5);
        assert_eq!(s.value(200.0), 0.0);
        assert_eq!(s.value(f64::INFINITY), 0.0);
        assert_eq!(s.value(f64::NAN), 0.0);
        let flat = Scale {
            worst: 1.0,
            best: 1.0,
        };
        assert_eq!(flat.value(1.0), 1.0);
        assert_eq!(normalise([0.0; N]), [0.125; N]);
    }

    #[test]
    fn presets_load() {
        for (name, _) in PRESETS {
            let w = preset(name).unwrap();
            assert!((w.normalised().iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
