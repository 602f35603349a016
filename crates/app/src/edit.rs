//! Every change staff make to a study, in one place. The views never change
//! the study: they show it, keep what is being typed in [`Drafts`], and ask
//! for changes ([`Field`] text to read, or an [`Edit`]); the app applies them
//! here at the end of the frame, records each for undo, and evaluates again.
//!
//! A field shows exactly what was typed while it is being edited: the text
//! is read only when the field loses focus or on Enter, then shown in its
//! standard form. An entry that cannot be read stays as typed, red, with its
//! message, and the study keeps its last confirmed value.

use crate::undo::Part;
use crate::{Command, View};
use mfi_core::data::matrix::{self, Facts, Institution, Product, Value};
use mfi_core::data::plans::{InvestmentItem, MicroInvestmentPlan};
use mfi_core::data::priorities::Priorities;
use mfi_core::data::study::StudyDoc;
use mfi_core::data::votes::Votes;
use mfi_core::fact::Fact;
use mfi_core::money::{self, Digits};
use mfi_core::scoring::Weights;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A value staff can type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// A value of the matrix: institution, product (`None` for the
    /// institution's own values), parameter key.
    Cell {
        /// The institution's index.
        inst: usize,
        /// The product's index, or `None` for an institution parameter.
        product: Option<usize>,
        /// The parameter's key.
        key: &'static str,
    },
    /// An institution's name.
    InstitutionName(usize),
    /// A product's name: institution, product.
    ProductName(usize, usize),
    /// A part of a member's plan.
    Member(usize, PlanPart),
}

/// The typed parts of a member's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlanPart {
    /// Her name.
    Name,
    /// Her CO.
    Co,
    /// Her village.
    Village,
    /// Her district.
    District,
    /// Her business activity.
    Activity,
    /// Notes.
    Notes,
    /// Her age (empty: unknown).
    Age,
    /// The term she prefers, in months (empty: 12).
    Term,
    /// Her own contribution.
    Own,
    /// Sales a month.
    Sales,
    /// Business costs a month.
    Costs,
    /// Other household income a month.
    Other,
    /// Household expenses a month.
    Household,
    /// The name of an item she will buy.
    ItemName(usize),
    /// The cost of an item she will buy.
    ItemCost(usize),
}

impl PlanPart {
    /// The label shown beside the field.
    pub fn label(self) -> String {
        match self {
            PlanPart::Name => "Name".into(),
            PlanPart::Co => "CO".into(),
            PlanPart::Village => "Village".into(),
            PlanPart::District => "District".into(),
            PlanPart::Activity => "Activity".into(),
            PlanPart::Notes => "Notes".into(),
            PlanPart::Age => "Age".into(),
            PlanPart::Term => "Preferred term (months)".into(),
            PlanPart::Own => "Own contribution (Rs)".into(),
            PlanPart::Sales => "Sales a month (Rs)".into(),
            PlanPart::Costs => "Business costs a month (Rs)".into(),
            PlanPart::Other => "Other household income a month (Rs)".into(),
            PlanPart::Household => "Household expenses a month (Rs)".into(),
            PlanPart::ItemName(k) => format!("Item {} name", k + 1),
            PlanPart::ItemCost(k) => format!("Item {} cost", k + 1),
        }
    }

    fn amount(self, p: &mut MicroInvestmentPlan) -> Option<&mut Decimal> {
        match self {
            PlanPart::Own => Some(&mut p.own_contribution),
            PlanPart::Sales => Some(&mut p.monthly_sales),
            PlanPart::Costs => Some(&mut p.monthly_business_costs),
            PlanPart::Other => Some(&mut p.other_income),
            PlanPart::Household => Some(&mut p.household_expenses),
            PlanPart::ItemCost(k) => p.items.get_mut(k).map(|i| &mut i.cost),
            _ => None,
        }
    }

    fn text(self, p: &mut MicroInvestmentPlan) -> Option<&mut String> {
        match self {
            PlanPart::Name => Some(&mut p.member),
            PlanPart::Co => Some(&mut p.co),
            PlanPart::Village => Some(&mut p.village),
            PlanPart::District => Some(&mut p.district),
            PlanPart::Activity => Some(&mut p.activity),
            PlanPart::Notes => Some(&mut p.notes),
            PlanPart::ItemName(k) => p.items.get_mut(k).map(|i| &mut i.name),
            _ => None,
        }
    }
}

impl Field {
    /// The id of the field's text box, the same every frame, so that the app
    /// can give it the focus back.
    pub fn id(&self) -> egui::Id {
        egui::Id::unique(("mfi-field", self))
    }

    /// The view the field is in.
    pub fn view(&self) -> View {
        match self {
            Field::Member(..) => View::Plans,
            _ => View::Matrix,
        }
    }

    /// The field in words: "Kashf / Business loan: markup", "Kausar Karim: Sales a month (Rs)".
    pub fn label(&self, study: &StudyDoc) -> String {
        let inst = |i: usize| {
            study
                .matrix
                .institutions
                .get(i)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| format!("institution {}", i + 1))
        };
        match self {
            Field::Cell {
                inst: i,
                product,
                key,
            } => {
                let prod = product
                    .and_then(|p| study.matrix.institutions.get(*i)?.products.get(p))
                    .map(|p| format!(" / {}", p.name))
                    .unwrap_or_default();
                format!("{}{prod}: {key}", inst(*i))
            }
            Field::InstitutionName(i) => format!("{}: name", inst(*i)),
            Field::ProductName(i, p) => {
                let prod = study
                    .matrix
                    .institutions
                    .get(*i)
                    .and_then(|x| x.products.get(*p))
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                format!("{} / {prod}: name", inst(*i))
            }
            Field::Member(m, part) => {
                let name = study
                    .plans
                    .members
                    .get(*m)
                    .map(|p| p.member.clone())
                    .unwrap_or_else(|| format!("member {}", m + 1));
                format!("{name}: {}", part.label())
            }
        }
    }

    /// The field for people, in the words of the matrix's rows: "Kashf /
    /// Business loan: Mark up" (the accessible name, [`Field::label`], keeps
    /// the parameter's key, as in the files).
    pub fn title(&self, study: &StudyDoc) -> String {
        match self {
            Field::Cell { key, .. } => {
                let label = self.label(study);
                match (label.rsplit_once(": "), matrix::param(key)) {
                    (Some((head, _)), Some(spec)) => format!("{head}: {}", spec.label),
                    _ => label,
                }
            }
            _ => self.label(study),
        }
    }

    /// The value in its standard form, as the field shows it when it is not
    /// being edited; `None` when the study no longer has this field.
    pub fn shown(&self, study: &StudyDoc) -> Option<String> {
        let m = &study.matrix;
        match self {
            Field::Cell { inst, product, key } => {
                let i = m.institutions.get(*inst)?;
                let facts = match product {
                    None => &i.facts,
                    Some(p) => &i.products.get(*p)?.facts,
                };
                Some(match facts.get(*key).and_then(|f| f.value.as_ref()) {
                    Some(v) => matrix::param(key)
                        .map(|spec| matrix::format_value(spec, &Some(v.clone())))
                        .unwrap_or_default(),
                    None => String::new(),
                })
            }
            Field::InstitutionName(i) => m.institutions.get(*i).map(|x| x.name.clone()),
            Field::ProductName(i, p) => {
                Some(m.institutions.get(*i)?.products.get(*p)?.name.clone())
            }
            Field::Member(k, part) => {
                let mut plan = study.plans.members.get(*k)?.clone();
                if *part == PlanPart::Age {
                    return Some(plan.age.map(|a| a.to_string()).unwrap_or_default());
                }
                if *part == PlanPart::Term {
                    return Some(
                        plan.preferred_term_months
                            .map(|a| a.to_string())
                            .unwrap_or_default(),
                    );
                }
                if let Some(d) = part.amount(&mut plan) {
                    return Some(money::group_rupees(*d, false));
                }
                part.text(&mut plan).map(|t| t.clone())
            }
        }
    }

    /// Reads `text` and puts it in the study. `Ok(true)` when the study
    /// changed; an error (in words) when the text cannot be read or would
    /// break a rule the study's files must keep, and then the study is left
    /// exactly as it was.
    pub fn apply(&self, study: &mut StudyDoc, text: &str) -> Result<bool, String> {
        let text = text.trim();
        match self {
            Field::Cell { inst, product, key } => {
                let spec = matrix::param(key).ok_or_else(|| format!("no parameter {key}"))?;
                let mut value = matrix::parse_value(spec, text)?;
                let i = study
                    .matrix
                    .institutions
                    .get_mut(*inst)
                    .ok_or("this institution was removed")?;
                let facts = match product {
                    None => &mut i.facts,
                    Some(p) => {
                        &mut i
                            .products
                            .get_mut(*p)
                            .ok_or("this product was removed")?
                            .facts
                    }
                };
                let before = facts.get(*key).cloned();
                // One number typed as a ceiling is the largest loan; the
                // smallest the product had is kept (else it is unknown).
                if *key == "amount"
                    && matrix::is_one_amount(text)
                    && let Some(Value::Range(zero, hi)) = &value
                    && let Some(Value::Range(lo, _)) =
                        before.as_ref().and_then(|f| f.value.as_ref())
                    && zero.is_zero()
                    && !lo.is_zero()
                    && lo <= hi
                {
                    value = Some(Value::Range(*lo, *hi));
                }
                let entry = facts.entry(key.to_string()).or_default();
                if entry.value == value {
                    return Ok(false);
                }
                entry.value = value;
                if entry.provenance.is_assumed() {
                    entry.provenance.confidence = None;
                }
                entry.provenance.source = "edited in the app".into();
                // The product's terms as `price` checks them: a value that
                // contradicts another is refused, and the study kept.
                if let Some(p) = product
                    && let Some(prod) = i.products.get(*p)
                    && let Err(c) = matrix::check_product(prod)
                {
                    let facts = &mut i.products[*p].facts;
                    match before {
                        Some(f) => {
                            facts.insert(key.to_string(), f);
                        }
                        None => {
                            facts.remove(*key);
                        }
                    }
                    return Err(c.message);
                }
                Ok(true)
            }
            Field::InstitutionName(i) => {
                let names: Vec<String> = study
                    .matrix
                    .institutions
                    .iter()
                    .map(|x| x.name.clone())
                    .collect();
                let inst = study
                    .matrix
                    .institutions
                    .get_mut(*i)
                    .ok_or("this institution was removed")?;
                rename(&mut inst.name, &names, *i, text, "institution")
            }
            Field::ProductName(i, p) => {
                let inst = study
                    .matrix
                    .institutions
                    .get_mut(*i)
                    .ok_or("this institution was removed")?;
                let names: Vec<String> = inst.products.iter().map(|x| x.name.clone()).collect();
                let prod = inst
                    .products
                    .get_mut(*p)
                    .ok_or("this product was removed")?;
                rename(
                    &mut prod.name,
                    &names,
                    *p,
                    text,
                    "product of this institution",
                )
            }
            Field::Member(k, part) => {
                let before = study
                    .plans
                    .members
                    .get(*k)
                    .cloned()
                    .ok_or("this member was removed")?;
                let mut plan = before.clone();
                if *part == PlanPart::Age {
                    plan.age = if text.is_empty() || matrix::is_unknown_word(text) {
                        None
                    } else {
                        Some(
                            money::western_digits(text)
                                .parse::<u32>()
                                .ok()
                                .filter(|a| (10..=110).contains(a))
                                .ok_or_else(|| {
                                    format!(
                                        "expected an age in years from 10 to 110 (or empty: unknown), found \"{text}\""
                                    )
                                })?,
                        )
                    };
                } else if *part == PlanPart::Term {
                    let t = money::western_digits(text);
                    plan.preferred_term_months = if t.is_empty() {
                        None
                    } else {
                        Some(
                            t.parse::<u32>()
                                .ok()
                                .filter(|m| (1..=120).contains(m))
                                .ok_or_else(|| {
                                    format!(
                                        "expected a term in months from 1 to 120 (or empty: 12 months), found \"{text}\""
                                    )
                                })?,
                        )
                    };
                } else if let Some(d) = part.amount(&mut plan) {
                    *d = money::parse_amount(text)?;
                } else if let Some(t) = part.text(&mut plan) {
                    *t = text.to_string();
                } else {
                    return Err("this item was removed".into());
                }
                if plan == before {
                    return Ok(false);
                }
                study.plans.members[*k] = plan;
                let problems = study.plans.problems_of(*k);
                if let Some((_, msg)) = problems.into_iter().next() {
                    study.plans.members[*k] = before;
                    return Err(msg);
                }
                Ok(true)
            }
        }
    }

    /// What the app says of a value once it is read, when it may not be
    /// what was meant: a loan ceiling typed as one number is the largest
    /// loan ("read as up to Rs 25,000: ..."). `None` otherwise.
    pub fn reading_note(&self, study: &StudyDoc, text: &str) -> Option<String> {
        let Field::Cell {
            inst,
            product: Some(p),
            key: "amount",
        } = self
        else {
            return None;
        };
        if !matrix::is_one_amount(text) {
            return None;
        }
        let facts = &study
            .matrix
            .institutions
            .get(*inst)?
            .products
            .get(*p)?
            .facts;
        let Some(Value::Range(lo, hi)) = facts.get("amount")?.value.as_ref() else {
            return None;
        };
        Some(if lo.is_zero() {
            format!(
                "{}: read as up to {}: one number is the largest loan; its smallest is unknown (type both, as in 10,000-25,000)",
                self.title(study),
                money::rs(*hi)
            )
        } else {
            format!(
                "{}: read as {} to {}: one number is the largest loan; the smallest, {}, kept from before",
                self.title(study),
                money::rs(*lo),
                money::rs(*hi),
                money::rs(*lo)
            )
        })
    }

    /// The part of the study that an edit of this field changes, as it is
    /// now (for undo).
    pub fn part(&self, study: &StudyDoc) -> Part {
        match self {
            Field::Member(k, _) => match study.plans.members.get(*k) {
                Some(p) => Part::Member(*k, Box::new(p.clone())),
                None => Part::Plans(study.plans.clone()),
            },
            _ => Part::Matrix(study.matrix.clone()),
        }
    }
}

/// Renames the `index`-th of `names` (whose slot is `slot`) to `text`: not
/// empty, and not the name of another; whether it changed.
fn rename(
    slot: &mut String,
    names: &[String],
    index: usize,
    text: &str,
    what: &str,
) -> Result<bool, String> {
    if text.is_empty() {
        return Err(format!("expected a name for the {what}, found nothing"));
    }
    let taken = names
        .iter()
        .enumerate()
        .any(|(k, n)| k != index && n == text);
    if taken {
        return Err(format!("\"{text}\" is taken: another {what} has this name"));
    }
    let changed = slot != text;
    *slot = text.to_string();
    Ok(changed)
}

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
                facts.insert("office".into(), Fact::default());
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

/// What has been typed and not yet read, by field.
#[derive(Debug, Default)]
pub struct Drafts {
    map: BTreeMap<Field, Draft>,
    /// The field last given to be read, what was typed in it and where the
    /// caret was (in characters): once the value shows in its standard form
    /// (`10000-25000` as `10,000-25,000`), the caret is put back where the
    /// person typed, not at the same count of characters.
    caret: Option<(Field, String, usize)>,
}

/// Where a caret at `at` (characters) in `typed` goes in `shown`, the same
/// value written another way: before as many of the characters that count
/// (not grouping commas or spaces) as followed it in `typed`, so that what
/// is typed next lands where it would have.
pub fn carried_caret(typed: &str, at: usize, shown: &str) -> usize {
    let counts = |c: &char| !matches!(c, ',' | '\u{066C}' | ' ');
    let after = typed.chars().skip(at).filter(counts).count();
    let shown_chars: Vec<char> = shown.chars().collect();
    let mut seen = 0;
    let mut pos = shown_chars.len();
    while pos > 0 && seen < after {
        pos -= 1;
        if counts(&shown_chars[pos]) {
            seen += 1;
        }
    }
    pos
}

/// Text typed into a field, and why it could not be read (once it was tried).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Exactly what was typed.
    pub text: String,
    /// The message when the text was read and refused.
    pub error: Option<String>,
}

/// How a field looks besides its text.
#[derive(Default)]
pub struct Look {
    /// Shown, greyed, when the field is empty ("?" for unknown).
    pub hint: Option<egui::RichText>,
    /// The text's colour (assumed values are blue); red overrides it.
    pub color: Option<egui::Color32>,
    /// The hover text (the value's source).
    pub tooltip: Option<String>,
}

impl Drafts {
    /// Forgets everything typed (after the study was replaced, or an undo).
    pub fn clear(&mut self) {
        self.map.clear();
        self.caret = None;
    }

    /// The draft of a field, if any.
    pub fn get(&self, f: &Field) -> Option<&Draft> {
        self.map.get(f)
    }

    /// Fields with text typed and not yet read.
    pub fn pending(&self) -> Vec<(Field, String)> {
        self.map
            .iter()
            .map(|(f, d)| (f.clone(), d.text.clone()))
            .collect()
    }

    /// The fields whose text was refused, with the message.
    pub fn invalid(&self) -> Vec<(Field, String)> {
        self.map
            .iter()
            .filter_map(|(f, d)| d.error.clone().map(|e| (f.clone(), e)))
            .collect()
    }

    /// The text of a field was read: it is gone from the drafts.
    pub fn accepted(&mut self, f: &Field) {
        self.map.remove(f);
    }

    /// The text of a field was refused: it stays, with the message.
    pub fn refused(&mut self, f: &Field, text: &str, error: String) {
        let d = self.map.entry(f.clone()).or_insert_with(|| Draft {
            text: text.to_string(),
            error: None,
        });
        d.error = Some(error);
    }

    /// One field: shows the study's value in its standard form, or exactly
    /// what was typed while it is typed; asks for the text to be read when
    /// the field loses focus or Enter is pressed (Escape puts the value back).
    pub fn field_ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        field: &Field,
        width: f32,
        look: Look,
    ) -> Option<Command> {
        // The value just read shows in its standard form: the caret follows.
        if self.caret.as_ref().is_some_and(|(f, _, _)| f == field)
            && let Some((_, typed, at)) = self.caret.take()
            && !self.map.contains_key(field)
            && let Some(shown) = field.shown(study)
            && shown != typed
            && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id())
        {
            let pos = carried_caret(&typed, at, &shown);
            state
                .cursor
                .set_char_range(Some(egui::text_selection::CCursorRange::one(
                    egui::text::CCursor::new(pos),
                )));
            egui::TextEdit::store_state(ui.ctx(), field.id(), state);
        }
        let draft = self.map.get(field);
        let mut text = draft
            .map(|d| d.text.clone())
            .or_else(|| field.shown(study))
            .unwrap_or_default();
        let error = draft.and_then(|d| d.error.clone());
        let color = if error.is_some() {
            Some(ui.visuals().error_fg_color)
        } else {
            look.color
        };
        let mut edit = egui::TextEdit::singleline(&mut text)
            .id(field.id())
            .desired_width(width)
            .text_color_opt(color);
        if let Some(h) = look.hint {
            edit = edit.hint_text(h);
        }
        // A finite width is kept even in a grid's narrow column; an infinite
        // one fills the cell (the matrix).
        let resp = if width.is_finite() {
            ui.add_sized([width, ui.spacing().interact_size.y], edit)
        } else {
            ui.add(edit)
        };
        let mut resp = resp.accessible_name(field.label(study));
        let tip = match (&error, &look.tooltip) {
            (Some(e), Some(t)) => Some(format!("{e}\n{t}")),
            (Some(e), None) => Some(e.clone()),
            (None, t) => t.clone(),
        };
        if let Some(t) = tip {
            resp = resp.on_hover_text(t);
        }
        if resp.changed() {
            self.map
                .entry(field.clone())
                .or_insert_with(|| Draft {
                    text: String::new(),
                    error: error.clone(),
                })
                .text = text;
        }
        if !resp.lost_focus() {
            return None;
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.map.remove(field);
            return None;
        }
        let d = self.map.get(field)?;
        let at = egui::TextEdit::load_state(ui.ctx(), field.id())
            .and_then(|s| s.cursor.char_range())
            .map(|r| r.primary.index.0)
            .unwrap_or_else(|| d.text.chars().count());
        self.caret = Some((field.clone(), d.text.clone(), at));
        Some(Command::Commit(field.clone(), d.text.clone()))
    }
}
