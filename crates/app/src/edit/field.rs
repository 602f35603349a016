//! What staff can type ([`Field`]): a cell of the matrix, a name, a part of
//! a member's plan or a setting; what it shows, and how its text is read
//! into the study.

use super::month_box::{month_box, month_name, normalised, read_month_box, with_month};
use super::payout_date::read_date;
use crate::View;
use crate::undo::Part;
use mfi_core::data::matrix::{self, Param, Value};
use mfi_core::data::months::{self, MonthFigures};
use mfi_core::data::plans::MicroInvestmentPlan;
use mfi_core::data::study::StudyDoc;
use mfi_core::money;
use rust_decimal::Decimal;

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
