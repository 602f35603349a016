//! The parameter table: every parameter of the matrix with its key, label,
//! level, kind, help and the question the field forms ask.

use crate::pricing::charges::Payee;
use crate::pricing::{Basis, DayCount, Frequency, GraceMarkup, MarkupPer, Structure};

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

use Level::{Both as B, Institution as I, Product as P};

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

use Kind as K;

/// Declares [`Param`]: one variant per parameter with its key in files.
macro_rules! params {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// A parameter of the matrix. Every read and write of a fact names
        /// one of these, so a misspelt parameter does not compile; its key
        /// in files is [`Param::key`] and its spec [`Param::spec`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Param {
            $($(#[$doc])* #[doc = concat!("`", $key, "`")] $variant,)*
        }

        impl Param {
            /// Every parameter, in the table's order ([`PARAMS`]).
            pub const ALL: &'static [Param] = &[$(Param::$variant,)*];

            /// The key written in the `parameter` column.
            pub const fn key(self) -> &'static str {
                match self {
                    $(Param::$variant => $key,)*
                }
            }
        }
    };
}

params! {
    Office = "office",
    DistanceKm = "distance_km",
    StaffVisitVillage = "staff_visit_village",
    OperationalArea = "operational_area",
    WorksWithHbw = "works_with_hbw",
    GroupLending = "group_lending",
    IndividualLending = "individual_lending",
    NewBusinessLoans = "new_business_loans",
    AgeLimit = "age_limit",
    DefaultersRefused = "defaulters_refused",
    CnicRequired = "cnic_required",
    LifeInsurance = "life_insurance",
    LifeInsurancePremium = "life_insurance_premium",
    HealthInsurance = "health_insurance",
    HealthInsuranceCharges = "health_insurance_charges",
    DocumentationCharges = "documentation_charges",
    OtherCharges = "other_charges",
    TaxOnCharges = "tax_on_charges",
    Trainings = "trainings",
    Exhibitions = "exhibitions",
    BusinessDevelopmentTraining = "business_development_training",
    Linkages = "linkages",
    AdvocacyGenderTraining = "advocacy_gender_training",
    HealthServices = "health_services",
    Education = "education",
    LoanType = "loan_type",
    Purpose = "purpose",
    Amount = "amount",
    TermMonths = "term_months",
    Frequency = "frequency",
    Structure = "structure",
    Instalments = "instalments",
    Basis = "basis",
    Markup = "markup",
    MarkupPer = "markup_per",
    DayCount = "day_count",
    Deposit = "deposit",
    Savings = "savings",
    SavingsInterest = "savings_interest",
    GracePeriods = "grace_periods",
    GraceMarkup = "grace_markup",
    Islamic = "islamic",
    DisbursedAs = "disbursed_as",
    LatePayment = "late_payment",
    EarlyRepayment = "early_repayment",
    Documents = "documents",
    Complaints = "complaints",
}

impl Param {
    /// The parameter of a key in a file, if it is one.
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.key() == key)
    }

    /// Its row of the table.
    pub fn spec(self) -> &'static ParamSpec {
        &PARAMS[self as usize]
    }
}

// Facts are kept in key order, as they were when they were keyed by their
// text: the files and the JSON list them in the same order.
impl Ord for Param {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(other.key())
    }
}

impl PartialOrd for Param {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for Param {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl serde::Serialize for Param {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Param {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Param::from_key(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown parameter \"{key}\"")))
    }
}

// The table lists the parameters in the enum's order, so that
// `PARAMS[param as usize]` is its spec.
const _: () = {
    let mut i = 0;
    while i < PARAMS.len() {
        assert!(
            PARAMS[i].param as usize == i,
            "PARAMS is not in Param's order"
        );
        i += 1;
    }
    assert!(PARAMS.len() == Param::ALL.len());
};

/// One row of the parameter matrix: its key in files, its label as the 2010
/// matrix printed it, and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// The parameter.
    pub param: Param,
    /// The key written in the `parameter` column ([`Param::key`]).
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

pub(super) const fn p(
    param: Param,
    label: &'static str,
    level: Level,
    kind: Kind,
    help: &'static str,
    question: &'static str,
) -> ParamSpec {
    ParamSpec {
        param,
        key: param.key(),
        label,
        level,
        kind,
        help,
        question,
    }
}

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
        Param::Office,
        "Office location",
        I,
        K::Text,
        "town of the office that would serve the CO",
        "Which of your offices would serve this CO, and in which town?",
    ),
    p(
        Param::DistanceKm,
        "Proximity to project area (km)",
        I,
        K::Km,
        "distance from the CO's village to that office, in km",
        "How far is that office from the CO's village (km)?",
    ),
    p(
        Param::StaffVisitVillage,
        "Staff come to the village",
        I,
        K::Flag,
        "yes if loan officers come to the village (women need not travel)",
        "Do your loan officers come to the village, so that women need not travel?",
    ),
    p(
        Param::OperationalArea,
        "Operational area",
        I,
        K::List,
        "districts or villages served, separated by ; (e.g. Kasur; Lahore)",
        "Which districts or villages do you serve?",
    ),
    p(
        Param::WorksWithHbw,
        "Willingness of MFI to work with HBWs",
        I,
        K::Flag,
        "yes if willing to lend to home-based workers",
        "Do you lend to home-based workers?",
    ),
    p(
        Param::GroupLending,
        "Group loaning",
        I,
        K::Flag,
        "yes if it lends to groups (COs)",
        "Do you lend to groups (a CO)?",
    ),
    p(
        Param::IndividualLending,
        "Individual loaning",
        I,
        K::Flag,
        "yes if it lends to individuals",
        "Do you lend to a woman on her own?",
    ),
    p(
        Param::NewBusinessLoans,
        "Loan for new business",
        I,
        K::Flag,
        "yes if it finances businesses that are only starting",
        "Do you lend for a business that is only starting?",
    ),
    p(
        Param::AgeLimit,
        "Age limit (years)",
        I,
        K::AgeRange,
        "youngest-oldest borrower, e.g. 18-58",
        "What are the youngest and oldest ages of a borrower?",
    ),
    p(
        Param::DefaultersRefused,
        "Defaulters not allowed",
        I,
        K::Flag,
        "yes if past defaulters are refused",
        "Do you refuse someone who did not repay a loan before?",
    ),
    p(
        Param::CnicRequired,
        "CNIC required",
        I,
        K::Flag,
        "yes if a national identity card is required",
        "Must she have a national identity card (CNIC)?",
    ),
    p(
        Param::LifeInsurance,
        "Life insurance",
        I,
        K::Choice(LIFE_INSURANCE),
        "none, embedded (in the markup, no extra charge) or charged",
        "Does the loan come with life insurance: none, included in the markup, or charged?",
    ),
    p(
        Param::LifeInsurancePremium,
        "Life insurance premium",
        B,
        K::Charges("life insurance", Payee::Insurer),
        "premium when charged: Rs 200, 1%, Rs 200 up to 30,000; Rs 400 above, or Rs 50 per instalment (received by the insurer)",
        "If life insurance is charged: how much, and when is it paid?",
    ),
    p(
        Param::HealthInsurance,
        "Health insurance facility",
        I,
        K::Flag,
        "yes if health insurance comes with the loan",
        "Does health insurance come with the loan?",
    ),
    p(
        Param::HealthInsuranceCharges,
        "Health insurance charges",
        B,
        K::Charges("health insurance", Payee::Insurer),
        "compulsory health premium, written like a charge (received by the insurer)",
        "If health insurance is charged: how much, and when is it paid?",
    ),
    p(
        Param::DocumentationCharges,
        "Documentation charges",
        B,
        K::Charges("documentation charges", Payee::Lender),
        "deducted at disbursement unless said otherwise: Rs 480, 1%, 2.5% min Rs 2,500, 1% max Rs 5,000, +16% tax",
        "What are the documentation or processing charges, and are they deducted when the loan is paid out?",
    ),
    p(
        Param::OtherCharges,
        "Other charges",
        B,
        K::Charges("other charge", Payee::Lender),
        "any further charges, each named, joined with +: processing fee: 1% + stamp duty: Rs 100 to third party",
        "Which other charges are there (each by name: how much, when, and to whom)?",
    ),
    p(
        Param::TaxOnCharges,
        "Tax on charges (FED / sales tax)",
        I,
        K::Percent,
        "tax on the lender's charges that do not state their own, e.g. 16%",
        "What tax (FED or sales tax) is added to your charges?",
    ),
    p(
        Param::Trainings,
        "Trainings",
        I,
        K::Flag,
        "yes if it offers trainings",
        "Do you offer trainings?",
    ),
    p(
        Param::Exhibitions,
        "Business promotion through exhibitions",
        I,
        K::Flag,
        "yes if it arranges exhibitions for clients' products",
        "Do you arrange exhibitions for your clients' products?",
    ),
    p(
        Param::BusinessDevelopmentTraining,
        "Career/Business Development Training",
        I,
        K::Flag,
        "yes if it offers it",
        "Do you offer career or business development training?",
    ),
    p(
        Param::Linkages,
        "Linkages",
        I,
        K::Flag,
        "yes if it links clients with line agencies and organisations",
        "Do you link clients with line agencies and other organisations?",
    ),
    p(
        Param::AdvocacyGenderTraining,
        "Advocacy and Gender Based Training",
        I,
        K::Flag,
        "yes if it offers it",
        "Do you offer advocacy or gender training?",
    ),
    p(
        Param::HealthServices,
        "Health",
        I,
        K::Flag,
        "yes if it offers health services",
        "Do you offer health services?",
    ),
    p(
        Param::Education,
        "Education",
        I,
        K::Flag,
        "yes if it offers education services",
        "Do you offer education services?",
    ),
    p(
        Param::LoanType,
        "Type of loan",
        P,
        K::Text,
        "as the 2010 matrix named them: productive, small business, livestock, Islamic financing, ...",
        "What type of loan is it (productive, small business, livestock, Islamic financing...)?",
    ),
    p(
        Param::Purpose,
        "Purpose of the loan",
        P,
        K::Purposes,
        "what the loan may be used for, separated by ;: business, livestock, agriculture, salaried, housing, education, emergency or any",
        "What may the loan be used for?",
    ),
    p(
        Param::Amount,
        "Loan ceiling (Rs)",
        P,
        K::AmountRange,
        "smallest-largest loan, e.g. 10,000-15,000; one number is the largest loan (the ceiling), its smallest then unknown: 25,000 is read as up to 25,000",
        "What are the smallest and the largest loan of this product (Rs)?",
    ),
    p(
        Param::TermMonths,
        "Loan duration (months)",
        P,
        K::MonthRange,
        "shortest-longest term in months, e.g. 12-18",
        "What are the shortest and the longest term (months)?",
    ),
    p(
        Param::Frequency,
        "Mode of repayment",
        P,
        K::Choice(Frequency::NAMES),
        "monthly, four-weekly, fortnightly, weekly, quarterly or bullet",
        "How often is it repaid?",
    ),
    p(
        Param::Structure,
        "Repayment structure",
        P,
        K::Choice(Structure::NAMES),
        "equal (instalments of principal and markup), bullet (one payment at the end) or interest-only (markup each period, principal at the end)",
        "How is it repaid: equal instalments, all at the end (bullet), or only the markup until the end (interest-only)?",
    ),
    p(
        Param::Instalments,
        "Number of instalments",
        P,
        K::Count,
        "when not the term's number of periods",
        "How many instalments (if not one each period of the term)?",
    ),
    p(
        Param::Basis,
        "Pricing basis",
        P,
        K::Choice(Basis::NAMES),
        "flat, declining, murabaha (cost-plus sale of goods) or qard (zero markup)",
        "How is the markup counted: flat, on the declining balance, murabaha, or no markup (qard)?",
    ),
    p(
        Param::Markup,
        "Mark up",
        P,
        K::Markup,
        "as quoted: 22%, a range 22%-25%, or bands: 20% up to 50,000; 18% above (or 24% up to 12 months; 26% above)",
        "What is the markup (%)? Does it change with the loan size or term?",
    ),
    p(
        Param::MarkupPer,
        "Mark up quoted per",
        P,
        K::Choice(MarkupPer::NAMES),
        "year (per annum) or term (for the whole loan)",
        "Is the markup quoted per year or for the whole loan?",
    ),
    p(
        Param::DayCount,
        "Day count (declining markup)",
        P,
        K::Choice(DayCount::NAMES),
        "periods (each period the same share of a year), actual-365 or 30-360",
        "For a declining markup: are days counted as equal periods, actual days (365 a year) or 30-day months (360 a year)?",
    ),
    p(
        Param::Deposit,
        "Deposit withheld",
        P,
        K::Deposit,
        "a deposit withheld at disbursement and refunded at the end without interest: Rs or % (or write savings)",
        "Is a deposit kept back when the loan is paid out (Rs or %), returned at the end?",
    ),
    p(
        Param::Savings,
        "Compulsory savings",
        P,
        K::Savings,
        "collected upfront or with each instalment, refunded at the end: Rs 100 per instalment, 10% upfront",
        "Must she save (Rs or %, at the start or with each instalment)?",
    ),
    p(
        Param::SavingsInterest,
        "Interest on savings",
        P,
        K::Percent,
        "what the savings earn a year, paid with the refund, e.g. 5%",
        "What do those savings earn a year (%)?",
    ),
    p(
        Param::GracePeriods,
        "Grace periods",
        P,
        K::Count,
        "periods with no payment of the amount before the first instalment",
        "How many instalment periods with no repayment before the first instalment (grace)?",
    ),
    p(
        Param::GraceMarkup,
        "Markup in grace periods",
        P,
        K::Choice(GraceMarkup::NAMES),
        "paid (each grace period), accrued (repaid with the instalments, no markup on it) or capitalised (added to the balance)",
        "In the grace periods, is the markup paid each period (paid), spread over the instalments (accrued), or added to the loan (capitalised)?",
    ),
    p(
        Param::Islamic,
        "Islamic financing",
        P,
        K::Flag,
        "yes if Shariah-compliant",
        "Is it Islamic (Shariah-compliant) financing?",
    ),
    p(
        Param::DisbursedAs,
        "Disbursed as",
        P,
        K::Choice(DISBURSED_AS),
        "cash, or goods (e.g. machinery)",
        "Is the loan paid in cash or as goods (e.g. a machine)?",
    ),
    p(
        Param::LatePayment,
        "If a payment is late",
        B,
        K::Text,
        "what a late payment costs, as the MFI's key facts say (a charge, a penalty markup, the group's guarantee)",
        "What does a late payment cost?",
    ),
    p(
        Param::EarlyRepayment,
        "If she repays early",
        B,
        K::Text,
        "whether she may repay early, and what it costs or saves",
        "May she repay early, and what does that cost or save?",
    ),
    p(
        Param::Documents,
        "Documents to bring",
        B,
        K::Text,
        "what a member brings to apply (CNIC, a guarantor, a photograph)",
        "What must a member bring to apply (CNIC, guarantor, photographs)?",
    ),
    p(
        Param::Complaints,
        "Where to complain",
        I,
        K::Text,
        "the MFI's complaints desk or number, and its regulator (SBP for microfinance banks, SECP for microfinance companies)",
        "Where does a member complain (your desk or number, and your regulator)?",
    ),
];

/// The parameters of the extra services, counted by the services criterion.
pub const SERVICES: [Param; 7] = [
    Param::Trainings,
    Param::Exhibitions,
    Param::BusinessDevelopmentTraining,
    Param::Linkages,
    Param::AdvocacyGenderTraining,
    Param::HealthServices,
    Param::Education,
];

/// The spec of a parameter by key.
pub fn param(key: &str) -> Option<&'static ParamSpec> {
    Param::from_key(key).map(Param::spec)
}
