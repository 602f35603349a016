//! Synthetic but plausible studies at any size, seeded and reproducible, for
//! benchmarks and tests: MFIs with products in the ranges of the Kasur
//! matrix, and members with plans like the sample CO's.

use crate::data::matrix::{self, Facts, Institution, Matrix, Param, Product};
use crate::data::plans::{InvestmentItem, Lending, MicroInvestmentPlan, Plans};
use crate::fact::{Confidence, Fact, Provenance};
use rust_decimal::Decimal;

pub use crate::rng::Rng;

fn facts(pairs: &[(Param, String)]) -> Facts {
    let prov = Provenance {
        source: "generated".into(),
        confidence: Some(Confidence::High),
        note: String::new(),
    };
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let value = matrix::parse_value(k.spec(), v).ok()?;
            Some((
                *k,
                Fact {
                    value,
                    provenance: prov.clone(),
                },
            ))
        })
        .collect()
}

fn yes(rng: &mut Rng, p: u64) -> String {
    if rng.chance(p) {
        "yes".into()
    } else {
        "no".into()
    }
}

/// A matrix of `mfis` institutions with `products` products each; about one
/// value in ten is unknown.
pub fn matrix(mfis: usize, products: usize, district: &str, rng: &mut Rng) -> Matrix {
    let mut institutions = Vec::with_capacity(mfis);
    for i in 0..mfis {
        let mut f: Vec<(Param, String)> = vec![
            (Param::Office, format!("Town {}", i % 9)),
            (Param::DistanceKm, rng.range(0, 60).to_string()),
            (Param::StaffVisitVillage, yes(rng, 30)),
            (
                Param::OperationalArea,
                if rng.chance(90) {
                    district.to_string()
                } else {
                    "Elsewhere".into()
                },
            ),
            (Param::WorksWithHbw, yes(rng, 85)),
            (Param::GroupLending, yes(rng, 75)),
            (Param::IndividualLending, yes(rng, 60)),
            (Param::NewBusinessLoans, yes(rng, 50)),
            (Param::AgeLimit, format!("18-{}", rng.range(55, 65))),
            (Param::DefaultersRefused, yes(rng, 80)),
            (Param::CnicRequired, "yes".into()),
            (
                Param::LifeInsurance,
                ["none", "embedded", "charged"][rng.range(0, 2) as usize].into(),
            ),
            (
                Param::LifeInsurancePremium,
                if rng.chance(40) {
                    "Rs 200 up to 30,000; Rs 400 up to 60,000; Rs 800 above".into()
                } else {
                    format!("{}%", rng.range(0, 2))
                },
            ),
            (Param::HealthInsurance, yes(rng, 30)),
            (
                Param::HealthInsuranceCharges,
                format!("Rs {}", rng.range(0, 4) * 100),
            ),
            (
                Param::DocumentationCharges,
                match rng.range(0, 3) {
                    0 => format!("Rs {}", rng.range(1, 6) * 100),
                    1 => format!("{}%", rng.range(0, 2)),
                    2 => format!("2.5% min Rs {}", rng.range(1, 3) * 1000),
                    _ => format!("1% max Rs {} +16% tax", rng.range(2, 6) * 1000),
                },
            ),
            (
                Param::TaxOnCharges,
                if rng.chance(50) { "16%" } else { "0%" }.into(),
            ),
            (
                Param::OtherCharges,
                if rng.chance(30) {
                    "stamp duty: Rs 100 to third party".into()
                } else {
                    "none".into()
                },
            ),
        ];
        for s in matrix::SERVICES {
            f.push((s, yes(rng, 35)));
        }
        f.retain(|_| rng.chance(92));
        let mut prods = Vec::with_capacity(products);
        for p in 0..products {
            let lo = rng.range(1, 8) * 5_000;
            let hi = lo + rng.range(1, 10) * 10_000;
            let basis =
                ["flat", "flat", "flat", "declining", "murabaha", "qard"][rng.range(0, 5) as usize];
            let markup = if basis == "qard" {
                0
            } else {
                rng.range(12, 32)
            };
            let mut pf: Vec<(Param, String)> = vec![
                (Param::LoanType, "small business".into()),
                (Param::Amount, format!("{lo}-{hi}")),
                (
                    Param::TermMonths,
                    format!("{}-{}", rng.range(6, 12), rng.range(12, 24)),
                ),
                (
                    Param::Frequency,
                    ["monthly", "monthly", "four-weekly", "fortnightly", "weekly"]
                        [rng.range(0, 4) as usize]
                        .into(),
                ),
                (Param::Basis, basis.into()),
                (
                    Param::Markup,
                    if markup > 0 && rng.chance(20) {
                        format!("{}% up to {hi}; {markup}% above", markup + 2)
                    } else {
                        format!("{markup}%")
                    },
                ),
                (Param::MarkupPer, "year".into()),
                (
                    Param::Savings,
                    match rng.range(0, 3) {
                        0 => "none".into(),
                        1 => format!("{}% upfront", rng.range(1, 2) * 5),
                        2 => format!("Rs {} per instalment", rng.range(1, 3) * 50),
                        _ => format!("Rs {} per instalment +5% interest", rng.range(1, 3) * 50),
                    },
                ),
                (Param::GracePeriods, rng.range(0, 1).to_string()),
                (
                    Param::Purpose,
                    ["business", "business; livestock", "any"][rng.range(0, 2) as usize].into(),
                ),
                (
                    Param::Islamic,
                    if basis == "murabaha" || basis == "qard" {
                        "yes".into()
                    } else {
                        "no".into()
                    },
                ),
                (
                    Param::DisbursedAs,
                    if basis == "murabaha" {
                        "goods".into()
                    } else {
                        "cash".into()
                    },
                ),
            ];
            pf.retain(|(k, _)| *k == Param::Markup || *k == Param::Amount || rng.chance(95));
            prods.push(Product {
                name: format!("Product {}", p + 1),
                facts: facts(&pf),
            });
        }
        let mut inst_facts = facts(&f);
        if inst_facts.is_empty() {
            inst_facts = facts(&[(Param::Office, "Town".to_string())]);
        }
        institutions.push(Institution {
            name: format!("MFI {:03}", i + 1),
            facts: inst_facts,
            products: prods,
        });
    }
    Matrix { institutions }
}

const ACTIVITIES: &[(&str, &str, u64, u64)] = &[
    (
        "chik (cane blinds) making",
        "Cane and string",
        4_000,
        15_000,
    ),
    ("embroidery", "Embroidery frame and thread", 8_000, 18_000),
    ("adda work", "Adda frame and beads", 10_000, 22_000),
    (
        "sewing and stitching",
        "Sewing machine and cloth",
        19_000,
        37_000,
    ),
    ("livestock (goats)", "Two goats and fodder", 26_000, 41_000),
    ("livestock (buffalo)", "Buffalo", 40_000, 55_000),
];

/// `members` plans in one CO, like the sample CO's.
pub fn plans(members: usize, co: &str, district: &str, rng: &mut Rng) -> Plans {
    let mut out = Vec::with_capacity(members);
    for k in 0..members {
        let (activity, item, lo, hi) =
            ACTIVITIES[rng.range(0, ACTIVITIES.len() as u64 - 1) as usize];
        let cost = rng.range(lo / 100, hi / 100) * 100;
        let own = cost * rng.range(0, 20) / 100 / 100 * 100;
        let sales = rng.range(30, 140) * 100;
        let costs = sales * rng.range(30, 60) / 100;
        let other =
            rng.range(5, 15) * 100 + [0, 6_000, 8_000, 10_000, 12_000][rng.range(0, 4) as usize];
        let expenses = (sales - costs + other) * rng.range(55, 90) / 100;
        let tri = |rng: &mut Rng, p: u64| {
            if rng.chance(5) {
                None
            } else {
                Some(rng.chance(p))
            }
        };
        out.push(MicroInvestmentPlan {
            member: format!("Member {:05}", k + 1),
            co: co.to_string(),
            village: format!("Village {}", k % 7),
            district: district.to_string(),
            age: if rng.chance(97) {
                Some(rng.range(18, 62) as u32)
            } else {
                None
            },
            has_cnic: tri(rng, 95),
            activity: activity.to_string(),
            new_business: tri(rng, 30),
            items: vec![InvestmentItem {
                name: item.to_string(),
                cost: Decimal::from(cost),
            }],
            own_contribution: Decimal::from(own),
            preferred_term_months: Some([12, 12, 18, 24][rng.range(0, 3) as usize]),
            wants_islamic: tri(rng, 20),
            lending: [
                Lending::Group,
                Lending::Group,
                Lending::Either,
                Lending::Individual,
            ][rng.range(0, 3) as usize],
            past_default: tri(rng, 4),
            monthly_sales: Decimal::from(sales),
            monthly_business_costs: Decimal::from(costs),
            other_income: Decimal::from(other),
            household_expenses: Decimal::from(expenses),
            notes: "generated".into(),
            ..MicroInvestmentPlan::blank("", "")
        });
    }
    Plans { members: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_studies_load_back_and_repeat() {
        let m = matrix(5, 3, "Kasur", &mut Rng::new(7));
        let p = plans(50, "CO 1", "Kasur", &mut Rng::new(7));
        assert_eq!(
            m,
            matrix::load_matrix("g", &matrix::matrix_to_csv(&m)).unwrap()
        );
        assert_eq!(
            p,
            crate::data::plans::load_plans("g", &crate::data::plans::plans_to_csv(&p)).unwrap()
        );
        assert_eq!(m, matrix(5, 3, "Kasur", &mut Rng::new(7)));
    }
}
