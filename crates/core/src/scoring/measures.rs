//! What one offer brings to every member on the criteria that depend on the
//! MFI and product alone (access, insurance, services, flexibility), and the
//! assumptions behind them.

use super::numbers::f;
use crate::data::criteria::{Criterion, N, Weights};
use crate::data::matrix::Param;
use crate::data::matrix::{FactsExt, Institution, Product, SERVICES};
use crate::eligibility;
use crate::offer;
use crate::pricing::Frequency;

/// What one offer brings to every member, worked out once per evaluation:
/// the measures that depend on the MFI and product alone, and the
/// assumptions behind them.
pub(super) struct OfferView<'a> {
    pub(super) institution: usize,
    pub(super) product_index: usize,
    pub(super) inst: &'a Institution,
    pub(super) product: &'a Product,
    /// What the eligibility rules read.
    pub(super) facts: eligibility::OfferFacts<'a>,
    /// The product's term range in months.
    pub(super) terms: Option<(u32, u32)>,
    /// The measures of access, insurance, services and flexibility (the
    /// others depend on the member and are filled in for each pair).
    pub(super) measures: [f64; N],
    pub(super) assumptions: Vec<String>,
    /// The highest terms the study's offers state, for the high ends.
    pub(super) highs: std::sync::Arc<offer::Highs>,
}

impl<'a> OfferView<'a> {
    pub(super) fn new(
        institution: usize,
        product_index: usize,
        inst: &'a Institution,
        weights: &Weights,
        highs: &std::sync::Arc<offer::Highs>,
    ) -> Self {
        let product = &inst.products[product_index];
        let i = &inst.facts;
        let pf = &product.facts;
        let mut assumptions = Vec::new();
        let mut measures = [0.0; N];
        measures[Criterion::Access] = match (
            i.flag(Param::StaffVisitVillage),
            i.number(Param::DistanceKm),
        ) {
            (Some(true), _) => 0.0,
            (_, Some(km)) => f(km),
            (_, None) => {
                assumptions.push("distance unknown: counted as the far end of the scale".into());
                weights.scales[Criterion::Access].worst
            }
        };
        // A premium printed for an insurance whose yes/no is unknown says
        // the insurance is there (and it is charged: see `offer`).
        let life = match i.choice(Param::LifeInsurance) {
            Some("embedded") | Some("charged") => 1.0,
            Some(_) => 0.0,
            None if offer::printed(inst, product, Param::LifeInsurancePremium) => {
                assumptions.push(
                    "life insurance unknown: counted as given, its premium being printed".into(),
                );
                1.0
            }
            None => {
                assumptions.push("life insurance unknown: counted as none".into());
                0.0
            }
        };
        let health = match i.flag(Param::HealthInsurance) {
            Some(true) => 1.0,
            Some(false) => 0.0,
            None if offer::printed(inst, product, Param::HealthInsuranceCharges) => {
                assumptions.push(
                    "health insurance unknown: counted as given, its charges being printed".into(),
                );
                1.0
            }
            None => {
                assumptions.push("health insurance unknown: counted as none".into());
                0.0
            }
        };
        measures[Criterion::Insurance] = 0.5 * life + 0.5 * health;
        let known_services = SERVICES.iter().filter(|k| i.flag(**k).is_some()).count();
        if known_services < SERVICES.len() {
            assumptions.push(format!(
                "{} of 7 extra services unknown: counted as not offered",
                SERVICES.len() - known_services
            ));
        }
        measures[Criterion::Services] = SERVICES
            .iter()
            .filter(|k| i.flag(**k) == Some(true))
            .count() as f64
            / SERVICES.len() as f64;
        // A single repayment at the end counts as a bullet whichever way the
        // matrix says it (frequency or structure).
        let single = pf
            .choice(Param::Structure)
            .and_then(crate::pricing::Structure::parse)
            == Some(crate::pricing::Structure::Bullet);
        let frequency = if single {
            Some(Frequency::Bullet)
        } else {
            pf.choice(Param::Frequency).and_then(Frequency::parse)
        };
        let freq = match frequency {
            Some(Frequency::Monthly) => 1.0,
            Some(Frequency::FourWeekly) | Some(Frequency::Quarterly) => 0.75,
            Some(Frequency::Fortnightly) | Some(Frequency::Bullet) => 0.5,
            Some(Frequency::Weekly) => 0.25,
            None => 0.5,
        };
        let span = pf
            .bounds(Param::TermMonths)
            .map(|(lo, hi)| f(hi - lo))
            .unwrap_or(0.0);
        measures[Criterion::Flexibility] = 0.5 * freq + 0.5 * (span / 12.0).min(1.0);
        OfferView {
            institution,
            product_index,
            inst,
            product,
            facts: eligibility::OfferFacts::of(inst, product),
            terms: offer::term_range(product),
            measures,
            assumptions,
            highs: highs.clone(),
        }
    }
}

/// Every offer of the institutions, in the evaluation's order.
pub(super) fn offer_views<'a>(
    institutions: &[&'a Institution],
    weights: &Weights,
    highs: &std::sync::Arc<offer::Highs>,
) -> Vec<OfferView<'a>> {
    institutions
        .iter()
        .enumerate()
        .flat_map(|(ii, inst)| {
            (0..inst.products.len()).map(move |pi| OfferView::new(ii, pi, inst, weights, highs))
        })
        .collect()
}
