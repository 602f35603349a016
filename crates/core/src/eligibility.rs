//! The hard rules, applied before price matters: who may borrow from whom.
//! Each rule passes, fails with a reason in plain words, or cannot be
//! decided because a value is unknown (the pair is then "to verify").

use crate::data::matrix::Param;
use crate::data::matrix::{FactsExt, Institution, Product};
use crate::data::plans::{Lending, MicroInvestmentPlan};
use crate::money::rs;
use rust_decimal::Decimal;
use serde::Serialize;

/// The outcome of one rule for one member and one offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Outcome<T = String> {
    /// The rule is met.
    Pass,
    /// The rule excludes the offer; the reason in words a member understands.
    Fail(T),
    /// A value the rule needs is unknown; what to verify.
    Unknown(T),
}

/// The facts of one offer the rules read, looked up once so that checking
/// many members against it is cheap.
#[derive(Debug, Clone)]
pub struct OfferFacts<'a> {
    /// The institution's name, for the reasons.
    pub name: &'a str,
    /// The product's name, for the questions about it.
    pub product: &'a str,
    /// The youngest and oldest age it lends to.
    pub age_limit: Option<(Decimal, Decimal)>,
    /// Whether it lends for new businesses.
    pub new_business_loans: Option<bool>,
    /// Whether it lends to groups.
    pub group_lending: Option<bool>,
    /// Whether it lends to individuals.
    pub individual_lending: Option<bool>,
    /// Whether the product is Islamic-compatible ([`islamic_compatible`]).
    pub islamic: Option<bool>,
    /// Whether a CNIC is required.
    pub cnic_required: Option<bool>,
    /// The villages and districts it works in.
    pub operational_area: Option<&'a [String]>,
    /// Whether it refuses past defaulters.
    pub defaulters_refused: Option<bool>,
    /// Whether it will lend to home-based workers.
    pub works_with_hbw: Option<bool>,
    /// The product's smallest and largest loan.
    pub amount: Option<(Decimal, Decimal)>,
    /// What the product may be used for ([`crate::data::matrix::PURPOSES`]),
    /// as given or as its type of loan says.
    pub purposes: Option<Vec<&'static str>>,
}

/// What a product may be used for: its `purpose` when given, else what its
/// type of loan says ("small business" is for business, "livestock" for
/// livestock, "salary loan" for salaried employees, "general" for any);
/// `None` when neither says.
pub fn purposes_of(product: &Product) -> Option<Vec<&'static str>> {
    use crate::data::matrix::PURPOSES;
    if let Some(list) = product.facts.list(Param::Purpose) {
        return Some(
            list.iter()
                .filter_map(|p| PURPOSES.iter().find(|x| **x == p.as_str()).copied())
                .collect(),
        );
    }
    let t = product.facts.text(Param::LoanType)?.to_lowercase();
    let mut out = Vec::new();
    for (words, purpose) in [
        (
            &[
                "business",
                "productive",
                "enterprise",
                "innovat",
                "outreach",
            ][..],
            "business",
        ),
        (&["livestock", "cattle", "dairy"][..], "livestock"),
        (&["agricultur", "farm", "crop"][..], "agriculture"),
        (&["salary", "salaried"][..], "salaried"),
        (&["emergency"][..], "emergency"),
        (&["housing", "house"][..], "housing"),
        (&["education", "school"][..], "education"),
        (&["general"][..], "any"),
    ] {
        if words.iter().any(|w| t.contains(w)) && !out.contains(&purpose) {
            out.push(purpose);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What her plan is for, from her activity: livestock, agriculture, or
/// (everything else a home-based worker does) business.
pub fn plan_purpose(plan: &MicroInvestmentPlan) -> &'static str {
    let a = plan.activity.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| a.contains(w));
    if any(&[
        "livestock",
        "goat",
        "buffalo",
        "cow",
        "cattle",
        "sheep",
        "poultry",
        "chicken",
        "dairy",
    ]) {
        "livestock"
    } else if any(&["agricultur", "farm", "crop", "vegetable", "kitchen garden"]) {
        "agriculture"
    } else {
        "business"
    }
}

impl<'a> OfferFacts<'a> {
    /// The facts of a product of an institution.
    pub fn of(inst: &'a Institution, product: &'a Product) -> Self {
        let i = &inst.facts;
        OfferFacts {
            name: &inst.name,
            product: &product.name,
            age_limit: i.bounds(Param::AgeLimit),
            new_business_loans: i.flag(Param::NewBusinessLoans),
            group_lending: i.flag(Param::GroupLending),
            individual_lending: i.flag(Param::IndividualLending),
            islamic: islamic_compatible(product),
            cnic_required: i.flag(Param::CnicRequired),
            operational_area: i.list(Param::OperationalArea),
            defaulters_refused: i.flag(Param::DefaultersRefused),
            works_with_hbw: i.flag(Param::WorksWithHbw),
            amount: product.facts.bounds(Param::Amount),
            purposes: purposes_of(product),
        }
    }
}

/// How the rules word their outcomes: in full ([`Words`]), or not at all
/// ([`Silent`]) when only the verdicts count.
pub trait Say {
    /// What a reason becomes.
    type Text;
    /// A reason, written only if it is wanted.
    fn say(&self, words: impl FnOnce() -> String) -> Self::Text;
}

/// Reasons in words.
pub struct Words;

impl Say for Words {
    type Text = String;
    fn say(&self, words: impl FnOnce() -> String) -> String {
        words()
    }
}

/// Verdicts only.
pub struct Silent;

impl Say for Silent {
    type Text = ();
    fn say(&self, _: impl FnOnce() -> String) {}
}

/// Every rule's outcome for a member (her loan need worked out beforehand)
/// and an offer's facts (looked up once with [`OfferFacts::of`]), in this
/// order: loan amount, age, new business, group or individual, Islamic
/// financing, CNIC, operational area, past default, works with home-based
/// workers, purpose. The reasons are worded as `say` does.
pub fn check<S: Say>(
    plan: &MicroInvestmentPlan,
    need: Decimal,
    o: &OfferFacts,
    say: &S,
) -> [Outcome<S::Text>; 10] {
    use Outcome::{Fail, Pass, Unknown};
    let name = o.name;
    let amount = if need.is_zero() {
        Fail(say.say(|| "she needs no loan: her own savings cover her plan".into()))
    } else {
        match o.amount {
            None => Unknown(
                say.say(|| format!("the smallest and largest loan of {name}'s {}", o.product)),
            ),
            Some((lo, _)) if need < lo => Fail(say.say(|| {
                format!(
                    "she needs {}, less than the smallest loan of {} ({} less)",
                    rs(need),
                    rs(lo),
                    rs(lo - need)
                )
            })),
            // (What would fit instead is said by the evaluation, when the
            // size is the only bar.)
            Some((_, hi)) if need > hi => Fail(say.say(|| {
                format!(
                    "she needs {}, {} above the largest loan of {}",
                    rs(need),
                    rs(need - hi),
                    rs(hi)
                )
            })),
            Some(_) => Pass,
        }
    };
    let age = match (plan.age, o.age_limit) {
        (_, None) => Unknown(say.say(|| format!("{name}'s age limits"))),
        (None, Some(_)) => Unknown(say.say(|| "her age".into())),
        (Some(a), Some((lo, hi))) => {
            let age = Decimal::from(a);
            if age < lo || age > hi {
                Fail(say.say(|| format!("she is {a}; {name} lends to women aged {lo}-{hi}")))
            } else {
                Pass
            }
        }
    };
    let new_business = match (plan.new_business, o.new_business_loans) {
        (Some(false), _) => Pass,
        (_, Some(true)) => Pass,
        (Some(true), Some(false)) => Fail(
            say.say(|| format!("her business is new; {name} only lends to running businesses")),
        ),
        (None, _) => Unknown(say.say(|| "whether her business is new".into())),
        (Some(true), None) => {
            Unknown(say.say(|| format!("whether {name} lends for new businesses")))
        }
    };
    let (group, individual) = (o.group_lending, o.individual_lending);
    let lending = match plan.lending {
        Lending::Group => match group {
            Some(true) => Pass,
            Some(false) => Fail(say.say(|| {
                format!("she wants to borrow with her group; {name} does not lend to groups")
            })),
            None => Unknown(say.say(|| format!("whether {name} lends to groups"))),
        },
        Lending::Individual => match individual {
            Some(true) => Pass,
            Some(false) => Fail(
                say.say(|| format!("she wants to borrow on her own; {name} lends only to groups")),
            ),
            None => Unknown(say.say(|| format!("whether {name} lends to individuals"))),
        },
        Lending::Either => match (group, individual) {
            (Some(true), _) | (_, Some(true)) => Pass,
            (Some(false), Some(false)) => {
                Fail(say.say(|| format!("{name} lends neither to groups nor to individuals")))
            }
            _ => Unknown(say.say(|| format!("how {name} lends (group or individual)"))),
        },
    };
    let islamic = match (plan.wants_islamic, o.islamic) {
        (_, Some(true)) => Pass,
        (Some(false), _) => Pass,
        (Some(true), Some(false)) => {
            Fail(say.say(|| "she wants Islamic financing; this loan charges interest".into()))
        }
        (Some(true), None) => Unknown(say.say(|| "whether this loan is Islamic financing".into())),
        (None, _) => Unknown(say.say(|| "whether she wants Islamic financing".into())),
    };
    let cnic = match (plan.has_cnic, o.cnic_required) {
        (Some(true), _) | (_, Some(false)) => Pass,
        (Some(false), Some(true)) => {
            Fail(say.say(|| "she has no national identity card (CNIC), which is required".into()))
        }
        (None, _) => Unknown(say.say(|| "whether she has a CNIC".into())),
        (Some(false), None) => Unknown(say.say(|| format!("whether {name} requires a CNIC"))),
    };
    let area = match o.operational_area {
        None => Unknown(say.say(|| format!("whether {name} works in her area"))),
        Some(areas) => {
            let mine = [plan.village.as_str(), plan.district.as_str()];
            let mut known = mine.into_iter().filter(|s| !s.trim().is_empty()).peekable();
            if known.peek().is_none() {
                Unknown(say.say(|| "her village and district".into()))
            } else if areas.iter().any(|a| {
                mine.iter()
                    .filter(|k| !k.trim().is_empty())
                    .any(|k| a.trim().eq_ignore_ascii_case(k.trim()))
            }) {
                Pass
            } else {
                Fail(say.say(|| {
                    let known: Vec<&str> = known.collect();
                    format!("{name} does not work in {}", known.join(", "))
                }))
            }
        }
    };
    let default =
        match (plan.past_default, o.defaulters_refused) {
            (Some(false), _) | (_, Some(false)) => Pass,
            (Some(true), Some(true)) => Fail(say.say(|| {
                format!("she has not repaid a loan before; {name} refuses past defaulters")
            })),
            (None, _) => Unknown(say.say(|| "whether she has defaulted before".into())),
            (Some(true), None) => {
                Unknown(say.say(|| format!("whether {name} refuses past defaulters")))
            }
        };
    let hbw = match o.works_with_hbw {
        Some(true) => Pass,
        Some(false) => {
            Fail(say.say(|| format!("{name} is not willing to lend to home-based workers")))
        }
        None => Unknown(say.say(|| format!("whether {name} will lend to home-based workers"))),
    };
    let purpose = match &o.purposes {
        None => Unknown(say.say(|| format!("what {name}'s {} may be used for", o.product))),
        Some(ps) => {
            // A business loan finances any income-earning activity, her
            // livestock or her crops included (her purpose, read from her
            // words, is needed only when the product is for neither).
            let any = |p: &&str| *p == "any" || *p == "business";
            let fits = ps.iter().any(any) || {
                let hers = plan_purpose(plan);
                ps.contains(&hers)
            };
            if fits {
                Pass
            } else {
                Fail(say.say(|| {
                    let hers = plan_purpose(plan);
                    let for_what = ps.join(", ");
                    if ps.iter().all(|p| *p == "salaried") {
                        "this product is for salaried employees; she works for herself at home"
                            .to_string()
                    } else {
                        format!(
                            "this product is for {for_what}, not for her {} ({})",
                            if hers == "business" { "business" } else { hers },
                            plan.activity
                        )
                    }
                }))
            }
        }
    };
    [
        amount,
        age,
        new_business,
        lending,
        islamic,
        cnic,
        area,
        default,
        hbw,
        purpose,
    ]
}

/// The order in which the rules' reasons are given, by [`check`]'s index:
/// what she is and what she wants first (her CNIC, a past default, her age,
/// Islamic financing, her area, her group or not, her business being new),
/// then the MFI's willingness and the product's purpose, the loan's size
/// last: a reason that refuses her whatever the loan comes before one that
/// a smaller loan or her own savings could mend.
pub const BINDING_ORDER: [usize; 10] = [5, 7, 1, 4, 6, 3, 2, 8, 9, 0];

/// Whether a product suits a member who will not pay interest: Islamic
/// financing, a murabaha sale, or a zero-markup qard-e-hasan loan.
pub fn islamic_compatible(product: &Product) -> Option<bool> {
    let basis = product.facts.choice(Param::Basis);
    if matches!(basis, Some("murabaha") | Some("qard")) {
        return Some(true);
    }
    product.facts.flag(Param::Islamic)
}

/// For the `rule`th of [`check`]'s outcomes, when it is unknown: the key of
/// the offer's fact whose value would decide it, or `None` when what is
/// unknown is hers (her age, whether her business is new...).
pub fn offer_fact_of(rule: usize, plan: &MicroInvestmentPlan, o: &OfferFacts) -> Option<Param> {
    match rule {
        0 => o.amount.is_none().then_some(Param::Amount),
        1 => (o.age_limit.is_none()).then_some(Param::AgeLimit),
        2 => (plan.new_business == Some(true) && o.new_business_loans.is_none())
            .then_some(Param::NewBusinessLoans),
        3 => match plan.lending {
            Lending::Group => o.group_lending.is_none().then_some(Param::GroupLending),
            Lending::Individual => o
                .individual_lending
                .is_none()
                .then_some(Param::IndividualLending),
            Lending::Either => {
                if o.group_lending.is_none() {
                    Some(Param::GroupLending)
                } else {
                    o.individual_lending
                        .is_none()
                        .then_some(Param::IndividualLending)
                }
            }
        },
        4 => (plan.wants_islamic == Some(true) && o.islamic.is_none()).then_some(Param::Islamic),
        5 => (plan.has_cnic == Some(false) && o.cnic_required.is_none())
            .then_some(Param::CnicRequired),
        6 => o
            .operational_area
            .is_none()
            .then_some(Param::OperationalArea),
        7 => (plan.past_default == Some(true) && o.defaulters_refused.is_none())
            .then_some(Param::DefaultersRefused),
        8 => o.works_with_hbw.is_none().then_some(Param::WorksWithHbw),
        9 => o.purposes.is_none().then_some(Param::Purpose),
        _ => None,
    }
}
