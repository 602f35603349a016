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
use mfi_core::data::matrix::Param;
use mfi_core::data::matrix::{self, Facts, Institution, Product, Value};
use mfi_core::data::months::{self, MonthFigures, OtherDebt};
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
        /// The parameter.
        key: Param,
    },
    /// An institution's name.
    InstitutionName(usize),
    /// A product's name: institution, product.
    ProductName(usize, usize),
    /// A part of a member's plan.
    Member(usize, PlanPart),
    /// A setting of the study, for every member.
    Setting(SettingPart),
}

/// The study settings typed in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingPart {
    /// When the loans are paid out (empty: not known).
    Disbursed,
    /// The highest share of her income her debts may take in a month.
    DebtCap,
}

impl SettingPart {
    /// The label shown beside the field.
    pub fn label(self) -> &'static str {
        match self {
            SettingPart::Disbursed => "Loans paid out on",
            SettingPart::DebtCap => "Debt-service cap (%)",
        }
    }
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
    /// To whom she repays one of her other debts (may be empty).
    DebtTo(usize),
    /// What she repays a month on one of her other debts.
    DebtMonthly(usize),
    /// Cash she has saved now (empty: none).
    Savings,
    /// Her sales a month before the purchase (empty: not in her plan).
    SalesBefore,
    /// Her sales month by month in the short form (`Jun-Aug 50%`; empty:
    /// every month is her usual month).
    SalesMonths,
    /// Her business costs month by month in the short form (empty: they
    /// follow her sales).
    CostsMonths,
    /// Her sales in one calendar month (0 for January): rupees, a share of
    /// her usual month, or empty for her usual month.
    SalesIn(usize),
    /// Her business costs in one calendar month, as [`PlanPart::SalesIn`].
    CostsIn(usize),
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
            PlanPart::DebtTo(k) => format!("Debt {}: to whom", k + 1),
            PlanPart::DebtMonthly(k) => format!("Debt {}: Rs a month", k + 1),
            PlanPart::Savings => "Cash saved now (Rs)".into(),
            PlanPart::SalesBefore => "Sales a month before the purchase (Rs)".into(),
            PlanPart::SalesMonths => "Sales month by month".into(),
            PlanPart::CostsMonths => "Costs month by month".into(),
            PlanPart::SalesIn(m) => format!("Sales in {}", month_name(m)),
            PlanPart::CostsIn(m) => format!("Costs in {}", month_name(m)),
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
            PlanPart::DebtMonthly(k) => p.other_repayments.get_mut(k).map(|d| &mut d.monthly),
            PlanPart::Savings => Some(&mut p.savings_now),
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
            PlanPart::DebtTo(k) => p.other_repayments.get_mut(k).map(|d| &mut d.to),
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
            Field::Member(..) | Field::Setting(_) => View::Plans,
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
            Field::Setting(part) => format!("Study: {}", part.label()),
        }
    }

    /// The field for people, in the words of the matrix's rows: "Kashf /
    /// Business loan: Mark up" (the accessible name, [`Field::label`], keeps
    /// the parameter's key, as in the files).
    pub fn title(&self, study: &StudyDoc) -> String {
        match self {
            Field::Cell { key, .. } => {
                let label = self.label(study);
                match (label.rsplit_once(": "), Some(key.spec())) {
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
                Some(match facts.get(key).and_then(|f| f.value.as_ref()) {
                    Some(v) => matrix::format_value(key.spec(), &Some(v.clone())),
                    None => String::new(),
                })
            }
            Field::InstitutionName(i) => m.institutions.get(*i).map(|x| x.name.clone()),
            Field::ProductName(i, p) => {
                Some(m.institutions.get(*i)?.products.get(*p)?.name.clone())
            }
            Field::Setting(SettingPart::Disbursed) => Some(
                study
                    .settings
                    .disbursed
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            Field::Setting(SettingPart::DebtCap) => Some(format!(
                "{}%",
                study.settings.debt_service_cap_percent.normalize()
            )),
            Field::Member(k, part) => {
                let mut plan = study.plans.members.get(*k)?.clone();
                match *part {
                    PlanPart::Savings if plan.savings_now.is_zero() => return Some(String::new()),
                    PlanPart::DebtMonthly(d)
                        if plan
                            .other_repayments
                            .get(d)
                            .is_some_and(|x| x.monthly.is_zero()) =>
                    {
                        return Some(String::new());
                    }
                    PlanPart::SalesBefore => {
                        return Some(
                            plan.sales_before
                                .map(|d| money::group_rupees(d, false))
                                .unwrap_or_default(),
                        );
                    }
                    PlanPart::SalesMonths => {
                        return Some(
                            plan.sales_by_month
                                .as_ref()
                                .map(MonthFigures::format)
                                .unwrap_or_default(),
                        );
                    }
                    PlanPart::CostsMonths => {
                        return Some(
                            plan.costs_by_month
                                .as_ref()
                                .map(MonthFigures::format)
                                .unwrap_or_default(),
                        );
                    }
                    PlanPart::SalesIn(m) => return Some(month_box(&plan.sales_by_month, m)),
                    PlanPart::CostsIn(m) => return Some(month_box(&plan.costs_by_month, m)),
                    _ => {}
                }
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
                let spec = key.spec();
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
                let before = facts.get(key).cloned();
                // One number typed as a ceiling is the largest loan; the
                // smallest the product had is kept (else it is unknown).
                if *key == Param::Amount
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
                let entry = facts.entry(*key).or_default();
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
                            facts.insert(*key, f);
                        }
                        None => {
                            facts.remove(key);
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
            Field::Setting(SettingPart::Disbursed) => {
                let d = read_date(text)?;
                let changed = study.settings.disbursed != d;
                study.settings.disbursed = d;
                Ok(changed)
            }
            Field::Setting(SettingPart::DebtCap) => {
                let what = "expected a percentage above 0 and at most 100, like 50%";
                let p =
                    money::parse_percent(text).map_err(|_| format!("{what}, found \"{text}\""))?;
                if p.is_zero() || p > Decimal::ONE_HUNDRED {
                    return Err(format!("{what}, found \"{text}\""));
                }
                let changed = study.settings.debt_service_cap_percent != p;
                study.settings.debt_service_cap_percent = p;
                Ok(changed)
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
                } else if *part == PlanPart::Savings {
                    plan.savings_now = if text.is_empty() {
                        Decimal::ZERO
                    } else {
                        money::parse_amount(text)?
                    };
                } else if let (PlanPart::DebtMonthly(d), true) = (part, text.is_empty()) {
                    plan.other_repayments
                        .get_mut(*d)
                        .ok_or("this debt was removed")?
                        .monthly = Decimal::ZERO;
                } else if *part == PlanPart::SalesBefore {
                    plan.sales_before = if text.is_empty() || matrix::is_unknown_word(text) {
                        None
                    } else {
                        Some(money::parse_amount(text)?)
                    };
                } else if let PlanPart::SalesMonths | PlanPart::CostsMonths = part {
                    let figures = if text.is_empty() {
                        None
                    } else {
                        normalised(Some(months::parse_months(text)?))
                    };
                    if *part == PlanPart::SalesMonths {
                        plan.sales_by_month = figures;
                    } else {
                        plan.costs_by_month = figures;
                    }
                } else if let PlanPart::SalesIn(m) = *part {
                    let entry = read_month_box(text, m)?;
                    plan.sales_by_month =
                        with_month(plan.sales_by_month.take(), m, entry, plan.monthly_sales);
                } else if let PlanPart::CostsIn(m) = *part {
                    let entry = read_month_box(text, m)?;
                    plan.costs_by_month = with_month(
                        plan.costs_by_month.take(),
                        m,
                        entry,
                        plan.monthly_business_costs,
                    );
                } else if let Some(d) = part.amount(&mut plan) {
                    *d = money::parse_amount(text)?;
                } else if let Some(t) = part.text(&mut plan) {
                    *t = text.to_string();
                } else {
                    return Err(match part {
                        PlanPart::DebtTo(_) | PlanPart::DebtMonthly(_) => {
                            "this debt was removed".into()
                        }
                        _ => "this item was removed".into(),
                    });
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
            key: Param::Amount,
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
        let Some(Value::Range(lo, hi)) = facts.get(&Param::Amount)?.value.as_ref() else {
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
            Field::Setting(_) => Part::Settings(Box::new(study.settings.clone())),
            Field::Member(k, _) => match study.plans.members.get(*k) {
                Some(p) => Part::Member(*k, Box::new(p.clone())),
                None => Part::Plans(study.plans.clone()),
            },
            _ => Part::Matrix(study.matrix.clone()),
        }
    }
}

/// A calendar month's short English name (0 for January).
fn month_name(m: usize) -> &'static str {
    months::MONTHS.get(m).copied().unwrap_or("?")
}

/// What one month's box says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MonthEntry {
    /// Empty: her usual month.
    Usual,
    /// A share of her usual month, in percent.
    Share(Decimal),
    /// Rupees.
    Rupees(Decimal),
}

/// Reads one month's box: empty (her usual month), a share of her usual
/// month (`50%`) or rupees (`3,000`), in Western or Urdu digits.
fn read_month_box(text: &str, m: usize) -> Result<MonthEntry, String> {
    let t = money::western_digits(text.trim()).replace('٪', "%");
    let t = t.trim();
    if t.is_empty() {
        return Ok(MonthEntry::Usual);
    }
    let expected = format!(
        "{}: expected rupees like 3,000 or a share of her usual month like 50% (empty: her usual month), found \"{}\"",
        month_name(m),
        text.trim()
    );
    if t.ends_with('%') {
        return money::parse_percent(t).map(MonthEntry::Share).map_err(|e| {
            if e.contains("negative") || e.contains("1000%") {
                format!("{}: {e}", month_name(m))
            } else {
                expected
            }
        });
    }
    money::parse_amount(t).map(MonthEntry::Rupees).map_err(|e| {
        if e.contains("negative") || e.contains("did you mean") {
            format!("{}: {e}", month_name(m))
        } else {
            expected
        }
    })
}

/// Figures month by month with month `m` set to `entry`, `usual` being her
/// usual month in rupees. Shares stay shares while every box is a share or
/// empty; a month in rupees turns the row into rupees (every month: a share
/// as its rupees, an empty box as her usual month), and a share typed into
/// a row in rupees is put in rupees. A row of shares all 100% is no row.
fn with_month(
    current: Option<MonthFigures>,
    m: usize,
    entry: MonthEntry,
    usual: Decimal,
) -> Option<MonthFigures> {
    let of_usual = |p: Decimal| (usual * p / Decimal::ONE_HUNDRED).round_dp(2);
    let set = |mut a: [Decimal; 12], v: Decimal| {
        if let Some(x) = a.get_mut(m) {
            *x = v;
        }
        a
    };
    let next = match (current, entry) {
        (None, MonthEntry::Usual) => None,
        (None, MonthEntry::Share(p)) => {
            Some(MonthFigures::Percent(set([Decimal::ONE_HUNDRED; 12], p)))
        }
        (None, MonthEntry::Rupees(r)) => Some(MonthFigures::Rupees(set([usual; 12], r))),
        (Some(MonthFigures::Percent(a)), MonthEntry::Usual) => {
            Some(MonthFigures::Percent(set(a, Decimal::ONE_HUNDRED)))
        }
        (Some(MonthFigures::Percent(a)), MonthEntry::Share(p)) => {
            Some(MonthFigures::Percent(set(a, p)))
        }
        (Some(MonthFigures::Percent(a)), MonthEntry::Rupees(r)) => {
            Some(MonthFigures::Rupees(set(a.map(of_usual), r)))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Usual) => {
            Some(MonthFigures::Rupees(set(a, usual)))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Share(p)) => {
            Some(MonthFigures::Rupees(set(a, of_usual(p))))
        }
        (Some(MonthFigures::Rupees(a)), MonthEntry::Rupees(r)) => {
            Some(MonthFigures::Rupees(set(a, r)))
        }
    };
    normalised(next)
}

/// No row when every month is a share of 100% (her usual month).
fn normalised(f: Option<MonthFigures>) -> Option<MonthFigures> {
    match f {
        Some(MonthFigures::Percent(a)) if a.iter().all(|x| *x == Decimal::ONE_HUNDRED) => None,
        f => f,
    }
}

/// What month `m`'s box shows: empty for her usual month, `50%` for a
/// share, rupees for a row in rupees.
fn month_box(f: &Option<MonthFigures>, m: usize) -> String {
    match f {
        None => String::new(),
        Some(MonthFigures::Percent(a)) => match a.get(m) {
            Some(p) if *p != Decimal::ONE_HUNDRED => format!("{}%", p.normalize()),
            _ => String::new(),
        },
        Some(MonthFigures::Rupees(a)) => a
            .get(m)
            .map(|r| money::group_rupees(*r, !r.fract().is_zero()))
            .unwrap_or_default(),
    }
}

/// Reads the day the loans are paid out: `2027-01-15`, `15/01/2027` or
/// `15-1-2027` (day first, as dates are written in Pakistan), `15 Jan 2027`
/// (English or Urdu month names); empty: not known.
pub fn read_date(text: &str) -> Result<Option<mfi_core::date::Date>, String> {
    use mfi_core::date::Date;
    let t = money::western_digits(text.trim()).into_owned();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let expected = || {
        format!(
            "expected the day the loans are paid out, like 2027-01-15, 15/01/2027 (day first) or 15 Jan 2027 (empty: not known), found \"{}\"",
            text.trim()
        )
    };
    if let Some(d) = Date::parse(t) {
        return Ok(Some(d));
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '/' || c == '-' || c == '.' || c.is_whitespace() || c == ',')
        .filter(|p| !p.is_empty())
        .collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(expected());
    };
    let day: i8 = day.parse().map_err(|_| expected())?;
    let month: i8 = match month.parse::<i8>() {
        Ok(m) => m,
        Err(_) => months::month_index(month)
            .and_then(|m| i8::try_from(m + 1).ok())
            .ok_or_else(expected)?,
    };
    let year: i16 = year
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(expected)?;
    if !(1..=12).contains(&month) {
        return Err(format!(
            "{}: the month is {month}: write the day first, then the month (15/01/2027 is 15 January)",
            expected()
        ));
    }
    Date::new(year, month, day)
        .map(Some)
        .ok_or_else(|| format!("{}: there is no such day", expected()))
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
        // A cell holds what a file's cell may (a paste of megabytes is cut
        // there, as loading would refuse it).
        let mut edit = egui::TextEdit::singleline(&mut text)
            .id(field.id())
            .desired_width(width)
            .char_limit(mfi_core::data::limits::MAX_CELL_CHARS)
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
