//! An evaluation brought up to date after a change, without evaluating the
//! whole study again: new weights (nothing priced again), one member's plan,
//! one institution's values.

use super::cache::PriceCache;
use super::evaluation::{Detail, MemberView, evaluate, evaluate_pair, stressed_capacity};
use super::measures::{OfferView, offer_views};
use super::ranking::rank;
use super::result::{Evaluation, MemberResult};
use super::savings::{co_savings_institution, with_savings};
use crate::data::criteria::Weights;
use crate::data::matrix::Matrix;
use crate::data::plans::Plans;
use crate::data::settings::Settings;

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
        for (k, offer) in offer_views(&institutions, weights, &self.highs)
            .iter()
            .enumerate()
        {
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
        // A change that moves the highest terms of the study moves other
        // offers' high ends too.
        let highs = std::sync::Arc::new(crate::offer::Highs::of(&matrix.institutions));
        if !same_layout || highs != self.highs {
            *self = evaluate(matrix, plans, weights, settings);
            return;
        }
        let offset = layout.iter().take_while(|&&ii| ii < institution).count();
        let inst = institutions[institution];
        let offers: Vec<OfferView> = (0..inst.products.len())
            .map(|pi| OfferView::new(institution, pi, inst, weights, &highs))
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
        let highs = std::mem::take(&mut self.highs);
        *self = rank(pairs, members, institutions, weights, settings);
        self.highs = highs;
    }
}
