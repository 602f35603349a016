//! A change other than typing ([`Edit`]): adding, duplicating and removing,
//! choices made with buttons and sliders; applied to the study, with what it
//! replaced for undo.

use crate::undo::Part;
use mfi_core::data::matrix::{Facts, Institution, Param, Product};
use mfi_core::data::months::OtherDebt;
use mfi_core::data::plans::{InvestmentItem, MicroInvestmentPlan};
use mfi_core::data::priorities::Priorities;
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::Votes;
use mfi_core::fact::Fact;
use mfi_core::money::{self, Digits};
use mfi_core::scoring::Weights;
use rust_decimal::Decimal;

/// A change other than typing: adding, duplicating and removing, choices
/// made with buttons and sliders.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A new institution with one product.
    AddInstitution,
    /// A copy of an institution, after it.
    DuplicateInstitution(usize),
    /// Removes an institution and its products.
    RemoveInstitution(usize),
    /// A new product of an institution.
    AddProduct(usize),
    /// A copy of a product, after it: institution, product.
    DuplicateProduct(usize, usize),
    /// Removes a product: institution, product.
    RemoveProduct(usize, usize),
    /// A new member, in the CO given.
    AddMember(String),
    /// A copy of a member's plan, after it.
    DuplicateMember(usize),
    /// Removes a member.
    RemoveMember(usize),
    /// A member's plan as chosen with buttons (yes/no, lending, term).
    SetMember(usize, Box<MicroInvestmentPlan>),
    /// A new item in a member's plan.
    AddItem(usize),
    /// Removes an item: member, item.
    RemoveItem(usize, usize),
    /// A new debt she already repays, in a member's plan.
    AddDebt(usize),
    /// Removes one of her debts: member, debt.
    RemoveDebt(usize, usize),
    /// The weights and scales.
    SetWeights(Box<Weights>),
    /// The digits of the members' pages.
    SetDigits(Digits),
    /// What the members said, with the words for the undo list.
    SetPriorities(Box<Priorities>, String),
    /// The members' combined weights adopted as the study's.
    AdoptWeights(Box<Weights>),
    /// The CO's vote, with the words for the undo list.
    SetVotes(Box<Votes>, String),
    /// The rule of the CO's vote: the share of the members present needed
    /// (at least), the share of the members who must be present (more than).
    SetVoteRule(Decimal, Decimal),
}

/// What an edit did: words for the undo list and the status line, what it
/// replaced (for undo), and whether it removed something (then the status
/// line offers to undo it at once).
pub struct Applied {
    /// "Removed Kashf", "Changed Kausar Karim's plan".
    pub label: String,
    /// The part of the study as it was before.
    pub before: Part,
    /// Whether something was removed.
    pub removal: bool,
}

impl Edit {
    /// Applies the edit, or `None` when it no longer applies (what it
    /// names was removed meanwhile) or changes nothing.
    pub fn apply(self, study: &mut StudyDoc) -> Option<Applied> {
        let matrix_before = || Part::Matrix(study.matrix.clone());
        let applied = |label: String, before: Part| Applied {
            label,
            before,
            removal: false,
        };
        let removed = |label: String, before: Part| Applied {
            label,
            before,
            removal: true,
        };
        match self {
            Edit::AddInstitution => {
                let before = matrix_before();
                let names: Vec<String> = study
                    .matrix
                    .institutions
                    .iter()
                    .map(|i| i.name.clone())
                    .collect();
                let name = unique_name("New MFI", &names);
                let mut facts = Facts::new();
                facts.insert(Param::Office, Fact::default());
                study.matrix.institutions.push(Institution {
                    name: name.clone(),
                    facts,
                    products: vec![Product {
                        name: "Loan".into(),
                        facts: Facts::new(),
                    }],
                });
                Some(applied(format!("Added {name}"), before))
            }
            Edit::DuplicateInstitution(i) => {
                let before = matrix_before();
                let inst = study.matrix.institutions.get(i)?.clone();
                let names: Vec<String> = study
                    .matrix
                    .institutions
                    .iter()
                    .map(|i| i.name.clone())
                    .collect();
                let name = unique_name(&format!("{} (copy)", inst.name), &names);
                study.matrix.institutions.insert(
                    i + 1,
                    Institution {
                        name: name.clone(),
                        ..inst
                    },
                );
                Some(applied(format!("Added {name}"), before))
            }
            Edit::RemoveInstitution(i) => {
                let before = matrix_before();
                (i < study.matrix.institutions.len()).then_some(())?;
                let gone = study.matrix.institutions.remove(i);
                Some(removed(format!("Removed {}", gone.name), before))
            }
            Edit::AddProduct(i) => {
                let before = matrix_before();
                let inst = study.matrix.institutions.get_mut(i)?;
                let names: Vec<String> = inst.products.iter().map(|p| p.name.clone()).collect();
                let name = unique_name("Loan", &names);
                inst.products.push(Product {
                    name: name.clone(),
                    facts: Facts::new(),
                });
                Some(applied(format!("Added {} / {name}", inst.name), before))
            }
            Edit::DuplicateProduct(i, p) => {
                let before = matrix_before();
                let inst = study.matrix.institutions.get_mut(i)?;
                let prod = inst.products.get(p)?.clone();
                let names: Vec<String> = inst.products.iter().map(|p| p.name.clone()).collect();
                let name = unique_name(&format!("{} (copy)", prod.name), &names);
                inst.products.insert(
                    p + 1,
                    Product {
                        name: name.clone(),
                        ..prod
                    },
                );
                Some(applied(format!("Added {} / {name}", inst.name), before))
            }
            Edit::RemoveProduct(i, p) => {
                let before = matrix_before();
                let inst = study.matrix.institutions.get_mut(i)?;
                (p < inst.products.len()).then_some(())?;
                let gone = inst.products.remove(p);
                Some(removed(
                    format!("Removed {} / {}", inst.name, gone.name),
                    before,
                ))
            }
            Edit::AddMember(co) => {
                let before = Part::Plans(study.plans.clone());
                let names: Vec<String> = study
                    .plans
                    .members
                    .iter()
                    .map(|m| m.member.clone())
                    .collect();
                let name = unique_name(&format!("Member {}", names.len() + 1), &names);
                let co = if co.trim().is_empty() {
                    "CO".to_string()
                } else {
                    co
                };
                study
                    .plans
                    .members
                    .push(MicroInvestmentPlan::blank(&name, &co));
                Some(applied(format!("Added {name}"), before))
            }
            Edit::DuplicateMember(k) => {
                let before = Part::Plans(study.plans.clone());
                let m = study.plans.members.get(k)?.clone();
                let names: Vec<String> = study
                    .plans
                    .members
                    .iter()
                    .map(|m| m.member.clone())
                    .collect();
                let name = unique_name(&format!("{} (copy)", m.member), &names);
                study.plans.members.insert(
                    k + 1,
                    MicroInvestmentPlan {
                        member: name.clone(),
                        ..m
                    },
                );
                Some(applied(format!("Added {name}"), before))
            }
            Edit::RemoveMember(k) => {
                let before = Part::Plans(study.plans.clone());
                (k < study.plans.members.len()).then_some(())?;
                let gone = study.plans.members.remove(k);
                Some(removed(format!("Removed {}", gone.member), before))
            }
            Edit::SetMember(k, plan) => {
                let slot = study.plans.members.get_mut(k)?;
                if *slot == *plan {
                    return None;
                }
                let before = Part::Member(k, Box::new(std::mem::replace(slot, *plan)));
                Some(applied(
                    format!("Changed {}'s plan", study.plans.members[k].member),
                    before,
                ))
            }
            Edit::AddItem(k) => {
                let m = study.plans.members.get_mut(k)?;
                let before = Part::Member(k, Box::new(m.clone()));
                m.items.push(InvestmentItem {
                    name: "Item".into(),
                    cost: Decimal::ZERO,
                });
                Some(applied(
                    format!("Added an item to {}'s plan", m.member),
                    before,
                ))
            }
            Edit::RemoveItem(k, item) => {
                let m = study.plans.members.get_mut(k)?;
                (item < m.items.len()).then_some(())?;
                let before = Part::Member(k, Box::new(m.clone()));
                let gone = m.items.remove(item);
                // Her own contribution may now exceed what the items cost:
                // the plan would not load back; keep the item instead.
                if !m.problems().is_empty() {
                    if let Part::Member(_, old) = before {
                        *m = *old;
                    }
                    return None;
                }
                Some(removed(
                    format!("Removed {} from {}'s plan", gone.name, m.member),
                    before,
                ))
            }
            Edit::AddDebt(k) => {
                let m = study.plans.members.get_mut(k)?;
                let before = Part::Member(k, Box::new(m.clone()));
                m.other_repayments.push(OtherDebt {
                    to: String::new(),
                    monthly: Decimal::ZERO,
                });
                Some(applied(
                    format!("Added a debt to {}'s plan", m.member),
                    before,
                ))
            }
            Edit::RemoveDebt(k, d) => {
                let m = study.plans.members.get_mut(k)?;
                (d < m.other_repayments.len()).then_some(())?;
                let before = Part::Member(k, Box::new(m.clone()));
                let gone = m.other_repayments.remove(d);
                let whose = if gone.to.trim().is_empty() {
                    format!("a debt of {}", money::rs(gone.monthly))
                } else {
                    format!("her debt to {}", gone.to)
                };
                Some(removed(
                    format!("Removed {whose} from {}'s plan", m.member),
                    before,
                ))
            }
            Edit::SetWeights(w) => {
                if study.weights == *w {
                    return None;
                }
                let before = Part::Weights(Box::new(std::mem::replace(&mut study.weights, *w)));
                Some(applied("Changed the weights".into(), before))
            }
            Edit::AdoptWeights(w) => {
                if study.weights == *w {
                    return None;
                }
                let before = Part::Weights(Box::new(std::mem::replace(&mut study.weights, *w)));
                Some(applied("Adopted the members' weights".into(), before))
            }
            Edit::SetPriorities(p, label) => {
                if study.priorities == *p {
                    return None;
                }
                let removal = p.members.len() < study.priorities.members.len();
                let before =
                    Part::Priorities(Box::new(std::mem::replace(&mut study.priorities, *p)));
                Some(if removal {
                    removed(label, before)
                } else {
                    applied(label, before)
                })
            }
            Edit::SetVotes(v, label) => {
                if study.votes == *v {
                    return None;
                }
                let removal = v.members.len() < study.votes.members.len();
                let before = Part::Votes(Box::new(std::mem::replace(&mut study.votes, *v)));
                Some(if removal {
                    removed(label, before)
                } else {
                    applied(label, before)
                })
            }
            Edit::SetVoteRule(carried, quorum) => {
                let s = &study.settings;
                if s.vote_carried_percent == carried && s.vote_quorum_percent == quorum {
                    return None;
                }
                let before = Part::Settings(Box::new(s.clone()));
                study.settings.vote_carried_percent = carried;
                study.settings.vote_quorum_percent = quorum;
                Some(applied("Changed the rule of the CO's vote".into(), before))
            }
            Edit::SetDigits(d) => {
                if study.settings.digits == d {
                    return None;
                }
                let before = Part::Settings(Box::new(study.settings.clone()));
                study.settings.digits = d;
                Some(applied(
                    "Changed the digits of the members' pages".into(),
                    before,
                ))
            }
        }
    }
}

/// `base`, or `base 2`, `base 3`... whichever is not taken.
pub fn unique_name(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_else(|| base.to_string())
}
