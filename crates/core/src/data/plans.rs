//! Micro Investment Plans (MIPs): one row per member of a CO, what she wants
//! to buy, what her business earns, and so what she can repay each month.
//!
//! Derived, never typed: the loan needed (items less own contribution) and
//! the monthly repayment capacity (sales less business costs, plus other
//! household income, less household expenses, less what she already repays
//! on other debts; never below zero).
//!
//! Optional, for judging a loan against her months rather than her average
//! (`scoring::months`): her sales month by month (and her costs, which
//! otherwise follow her sales), what she already repays and to whom, the
//! cash she has saved, and her sales before the purchase.

use crate::data::matrix::parse_flag;
use crate::data::months::{self, MonthFigures, OtherDebt};
use crate::data::names;
use crate::data::table::{self, ColumnSpec, Row};
use crate::error::{LoadError, LoadErrors, SaveError};
use crate::money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// One thing she will buy with the loan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvestmentItem {
    /// What it is ("Sewing machine").
    pub name: String,
    /// What it costs, in rupees.
    pub cost: Decimal,
}

/// Whether she borrows with her group or alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lending {
    /// Only as part of her CO.
    Group,
    /// Only on her own.
    Individual,
    /// Either is fine (the default when the cell is empty).
    #[default]
    Either,
}

impl Lending {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Lending::Group => "group",
            Lending::Individual => "individual",
            Lending::Either => "either",
        }
    }
}

/// One member's Micro Investment Plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MicroInvestmentPlan {
    /// The member's name (fictional in the sample study).
    pub member: String,
    /// Her community organization.
    pub co: String,
    /// Her village.
    pub village: String,
    /// Her district.
    pub district: String,
    /// Her age in years, if known.
    pub age: Option<u32>,
    /// Whether she has a national identity card, if known.
    pub has_cnic: Option<bool>,
    /// Her business activity (embroidery, chik making, ...).
    pub activity: String,
    /// Whether the business is new (`Some(true)`) or existing, if known.
    pub new_business: Option<bool>,
    /// What she will buy.
    pub items: Vec<InvestmentItem>,
    /// What she puts in from her own savings.
    pub own_contribution: Decimal,
    /// The term she would like, in months.
    pub preferred_term_months: Option<u32>,
    /// Whether she wants Islamic (interest-free) financing, if known.
    pub wants_islamic: Option<bool>,
    /// Group or individual lending.
    pub lending: Lending,
    /// Whether she has defaulted on a loan before, if known.
    pub past_default: Option<bool>,
    /// Expected sales a month once the investment is made.
    pub monthly_sales: Decimal,
    /// Expected business costs a month (materials, transport).
    pub monthly_business_costs: Decimal,
    /// Other household income a month (her piece-rate work, others' earnings).
    pub other_income: Decimal,
    /// Household expenses a month.
    pub household_expenses: Decimal,
    /// What she already repays each month on other debts (another MFI, a
    /// shopkeeper's credit, her committee), and to whom.
    #[serde(default)]
    pub other_repayments: Vec<OtherDebt>,
    /// Her sales month by month, when they differ from month to month
    /// (`None`: every month as `monthly_sales`).
    #[serde(default)]
    pub sales_by_month: Option<MonthFigures>,
    /// Her business costs month by month (`None`: they follow her sales in
    /// proportion).
    #[serde(default)]
    pub costs_by_month: Option<MonthFigures>,
    /// Cash she already has saved and could use for the loan's payments.
    #[serde(default)]
    pub savings_now: Decimal,
    /// Her sales a month before the purchase (an existing business), to
    /// tell what the purchase adds; `None`: not in her plan.
    #[serde(default)]
    pub sales_before: Option<Decimal>,
    /// Anything else.
    pub notes: String,
}

impl MicroInvestmentPlan {
    /// The cost of everything she will buy.
    pub fn items_total(&self) -> Decimal {
        self.items.iter().map(|i| i.cost).sum()
    }

    /// The loan she needs: items less own contribution, never below zero.
    pub fn loan_needed(&self) -> Decimal {
        (self.items_total() - self.own_contribution).max(Decimal::ZERO)
    }

    /// Business profit a month: sales less business costs.
    pub fn business_profit(&self) -> Decimal {
        self.monthly_sales - self.monthly_business_costs
    }

    /// What she already repays a month on other debts, in all.
    pub fn other_repayments_total(&self) -> Decimal {
        self.other_repayments.iter().map(|d| d.monthly).sum()
    }

    /// Her household's income in a usual month: business profit plus other
    /// income.
    pub fn income(&self) -> Decimal {
        self.business_profit() + self.other_income
    }

    /// What she can repay a month in a usual month: business profit plus
    /// other income, less household expenses and what she already repays on
    /// other debts, never below zero.
    pub fn repayment_capacity(&self) -> Decimal {
        (self.income() - self.household_expenses - self.other_repayments_total()).max(Decimal::ZERO)
    }

    /// Her sales in each calendar month, January first.
    pub fn sales_in_months(&self) -> [Decimal; 12] {
        match &self.sales_by_month {
            Some(m) => m.rupees(self.monthly_sales),
            None => [self.monthly_sales; 12],
        }
    }

    /// Her business costs in each calendar month, January first: as given,
    /// or following her sales in proportion (fixed when she has no usual
    /// sales to scale by).
    pub fn costs_in_months(&self) -> [Decimal; 12] {
        if let Some(c) = &self.costs_by_month {
            return c.rupees(self.monthly_business_costs);
        }
        let sales = self.sales_in_months();
        if self.monthly_sales.is_zero() {
            return [self.monthly_business_costs; 12];
        }
        sales.map(|s| self.monthly_business_costs * s / self.monthly_sales)
    }

    /// Whether her plan says anything of her months, her debts or her
    /// savings (otherwise every month is her usual month).
    pub fn says_her_months(&self) -> bool {
        self.sales_by_month.is_some() || self.costs_by_month.is_some()
    }

    /// What keeps this plan from being written to a plans file and read back,
    /// as (column, message) in the loader's words: an empty name or CO, an own
    /// contribution above what the items cost. (A name shared with another
    /// member of her CO is checked by [`Plans::problems_of`].)
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if names::is_blank(&self.member) {
            out.push((
                "member",
                "expected the member's name, found an empty cell".to_string(),
            ));
        }
        if names::is_blank(&self.co) {
            out.push((
                "co",
                "expected the name of her community organization, found an empty cell".to_string(),
            ));
        }
        let debts = self.other_repayments_total();
        if debts > Decimal::ZERO && debts > self.income() {
            out.push((
                "other_repayments",
                format!(
                    "what she already repays ({} a month) is more than her household earns ({} a month: sales less business costs, plus other income): check both figures",
                    money::rs(debts),
                    money::rs(self.income())
                ),
            ));
        }
        if self.own_contribution > self.items_total() && !self.items.is_empty() {
            out.push((
                "own_contribution",
                format!(
                    "her own contribution {} is more than the items cost ({}): lower it or add the missing items",
                    money::rs(self.own_contribution),
                    money::rs(self.items_total())
                ),
            ));
        }
        out
    }

    /// A blank plan for a new member of a CO.
    pub fn blank(member: &str, co: &str) -> Self {
        MicroInvestmentPlan {
            member: member.to_string(),
            co: co.to_string(),
            village: String::new(),
            district: String::new(),
            age: None,
            has_cnic: None,
            activity: String::new(),
            new_business: None,
            items: Vec::new(),
            own_contribution: Decimal::ZERO,
            preferred_term_months: None,
            wants_islamic: None,
            lending: Lending::Either,
            past_default: None,
            monthly_sales: Decimal::ZERO,
            monthly_business_costs: Decimal::ZERO,
            other_income: Decimal::ZERO,
            household_expenses: Decimal::ZERO,
            other_repayments: Vec::new(),
            sales_by_month: None,
            costs_by_month: None,
            savings_now: Decimal::ZERO,
            sales_before: None,
            notes: String::new(),
        }
    }
}

/// The plans of one or more COs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plans {
    /// One plan per member, in file order.
    pub members: Vec<MicroInvestmentPlan>,
}

impl Plans {
    /// The problems of member `i`'s plan ([`MicroInvestmentPlan::problems`]),
    /// and a name she shares with another member of her CO.
    pub fn problems_of(&self, i: usize) -> Vec<(&'static str, String)> {
        let Some(plan) = self.members.get(i) else {
            return Vec::new();
        };
        let mut out = plan.problems();
        let twin = self.members.iter().enumerate().any(|(k, m)| {
            k != i && names::same(&m.co, &plan.co) && names::same(&m.member, &plan.member)
        });
        if twin && !names::is_blank(&plan.member) {
            out.push((
                "member",
                format!(
                    "{} of {} appears twice: names must differ within a CO",
                    plan.member, plan.co
                ),
            ));
        }
        out
    }
}

/// The columns of the plans file, in the order written.
pub const PLAN_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "member",
        required: true,
    },
    ColumnSpec {
        name: "co",
        required: true,
    },
    ColumnSpec {
        name: "village",
        required: false,
    },
    ColumnSpec {
        name: "district",
        required: false,
    },
    ColumnSpec {
        name: "age",
        required: false,
    },
    ColumnSpec {
        name: "cnic",
        required: false,
    },
    ColumnSpec {
        name: "activity",
        required: false,
    },
    ColumnSpec {
        name: "business",
        required: false,
    },
    ColumnSpec {
        name: "items",
        required: true,
    },
    ColumnSpec {
        name: "own_contribution",
        required: true,
    },
    ColumnSpec {
        name: "preferred_term_months",
        required: false,
    },
    ColumnSpec {
        name: "islamic",
        required: false,
    },
    ColumnSpec {
        name: "lending",
        required: false,
    },
    ColumnSpec {
        name: "past_default",
        required: false,
    },
    ColumnSpec {
        name: "monthly_sales",
        required: true,
    },
    ColumnSpec {
        name: "monthly_business_costs",
        required: true,
    },
    ColumnSpec {
        name: "other_income",
        required: true,
    },
    ColumnSpec {
        name: "household_expenses",
        required: true,
    },
    ColumnSpec {
        name: "other_repayments",
        required: false,
    },
    ColumnSpec {
        name: "sales_by_month",
        required: false,
    },
    ColumnSpec {
        name: "costs_by_month",
        required: false,
    },
    ColumnSpec {
        name: "savings_now",
        required: false,
    },
    ColumnSpec {
        name: "sales_before",
        required: false,
    },
    ColumnSpec {
        name: "notes",
        required: false,
    },
];

/// Reads "Sewing machine: 15,000; Thread: 2,000".
pub fn parse_items(s: &str) -> Result<Vec<InvestmentItem>, String> {
    let mut items = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((name, cost)) = part.rsplit_once(':') else {
            return Err(format!(
                "expected items like \"Sewing machine: 15,000; Thread: 2,000\", found \"{}\" with no cost after a colon",
                table::clip(part)
            ));
        };
        let name = name.trim();
        if name.is_empty() {
            return Err(format!(
                "the item \"{}\" has no name before the colon",
                table::clip(part)
            ));
        }
        let cost = money::parse_amount(cost)
            .map_err(|e| format!("item \"{}\": {e}", table::clip(name)))?;
        items.push(InvestmentItem {
            name: name.to_string(),
            cost,
        });
    }
    Ok(items)
}

/// Writes items so that [`parse_items`] reads them back equal.
pub fn format_items(items: &[InvestmentItem]) -> String {
    items
        .iter()
        .map(|i| format!("{}: {}", i.name, i.cost.normalize()))
        .collect::<Vec<_>>()
        .join("; ")
}

struct Cells<'a> {
    file: &'a str,
    row: &'a Row,
    table: &'a table::Table,
    errors: &'a mut LoadErrors,
}

impl Cells<'_> {
    fn text(&self, col: &str) -> String {
        self.row.get(self.table.col(col)).to_string()
    }

    fn fail(&mut self, col: &str, msg: String) {
        self.errors
            .push(LoadError::at(self.file, self.row.line, Some(col), msg));
    }

    fn amount(&mut self, col: &str) -> Decimal {
        let raw = self.text(col);
        match money::parse_amount(&raw) {
            Ok(d) => d,
            Err(e) => {
                self.fail(col, e);
                Decimal::ZERO
            }
        }
    }

    /// An amount that may be left empty (zero).
    fn amount_or_zero(&mut self, col: &str) -> Decimal {
        if self.text(col).trim().is_empty() {
            Decimal::ZERO
        } else {
            self.amount(col)
        }
    }

    /// An amount that may be left empty (not known).
    fn optional_amount(&mut self, col: &str) -> Option<Decimal> {
        let raw = self.text(col);
        if crate::data::matrix::is_unknown_word(&raw) {
            None
        } else {
            Some(self.amount(col))
        }
    }

    /// Figures month by month, or nothing when the cell is empty.
    fn months(&mut self, col: &str) -> Option<MonthFigures> {
        let raw = self.text(col);
        if raw.trim().is_empty() {
            return None;
        }
        match months::parse_months(&raw) {
            Ok(m) => Some(m),
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    fn flag(&mut self, col: &str) -> Option<bool> {
        let raw = self.text(col);
        if crate::data::matrix::is_unknown_word(&raw) {
            return None;
        }
        match parse_flag(&raw) {
            Ok(b) => Some(b),
            Err(e) => {
                self.fail(col, e);
                None
            }
        }
    }

    fn whole(
        &mut self,
        col: &str,
        what: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let raw = self.text(col);
        if crate::data::matrix::is_unknown_word(&raw) {
            return None;
        }
        // Urdu digits too: an age of ۳۵ is 35.
        match crate::money::western_digits(raw.trim()).parse::<u32>() {
            Ok(n) if range.contains(&n) => Some(n),
            _ => {
                self.fail(
                    col,
                    format!(
                        "expected {what} from {} to {}, found \"{}\"",
                        range.start(),
                        range.end(),
                        table::clip(&raw)
                    ),
                );
                None
            }
        }
    }
}

/// Reads plans from the bytes of a CSV file named `file`. Every problem of
/// the file is reported at once.
pub fn load_plans(file: &str, bytes: &[u8]) -> Result<Plans, LoadErrors> {
    let t = table::read_table(file, bytes, PLAN_COLUMNS)?;
    // A workbook's errors name its sheet too: "plans.xlsx [Members]:7".
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let mut members = Vec::with_capacity(t.rows.len());
    // Names as a person reads them: "KAUSAR KARIM" is Kausar Karim.
    let mut seen: HashMap<(String, String), (u64, String)> = HashMap::new();
    for row in &t.rows {
        let mut c = Cells {
            file,
            row,
            table: &t,
            errors: &mut errors,
        };
        let member = c.text("member");
        let co = c.text("co");
        let business = c.text("business");
        let new_business = match business.to_ascii_lowercase().as_str() {
            "new" => Some(true),
            "existing" | "old" => Some(false),
            s if crate::data::matrix::is_unknown_word(s) => None,
            _ => {
                c.fail(
                    "business",
                    format!(
                        "expected new or existing, found \"{}\"",
                        table::clip(&business)
                    ),
                );
                None
            }
        };
        let lending_text = c.text("lending");
        let lending = match lending_text.to_ascii_lowercase().as_str() {
            "group" => Lending::Group,
            "individual" => Lending::Individual,
            "" | "either" | "any" => Lending::Either,
            _ => {
                c.fail(
                    "lending",
                    format!(
                        "expected group, individual or either, found \"{}\"",
                        table::clip(&lending_text)
                    ),
                );
                Lending::Either
            }
        };
        let items_text = c.text("items");
        let items = match parse_items(&items_text) {
            Ok(i) => i,
            Err(e) => {
                c.fail("items", e);
                Vec::new()
            }
        };
        let plan = MicroInvestmentPlan {
            village: c.text("village"),
            district: c.text("district"),
            age: c.whole("age", "an age in years", 10..=110),
            has_cnic: c.flag("cnic"),
            activity: c.text("activity"),
            new_business,
            own_contribution: c.amount("own_contribution"),
            preferred_term_months: c.whole("preferred_term_months", "a term in months", 1..=120),
            wants_islamic: c.flag("islamic"),
            lending,
            past_default: c.flag("past_default"),
            monthly_sales: c.amount("monthly_sales"),
            monthly_business_costs: c.amount("monthly_business_costs"),
            other_income: c.amount("other_income"),
            household_expenses: c.amount("household_expenses"),
            other_repayments: match months::parse_debts(&c.text("other_repayments")) {
                Ok(d) => d,
                Err(e) => {
                    c.fail("other_repayments", e);
                    Vec::new()
                }
            },
            sales_by_month: c.months("sales_by_month"),
            costs_by_month: c.months("costs_by_month"),
            savings_now: c.amount_or_zero("savings_now"),
            sales_before: c.optional_amount("sales_before"),
            notes: c.text("notes"),
            items,
            member: member.clone(),
            co: co.clone(),
        };
        for (col, msg) in plan.problems() {
            c.fail(col, msg);
        }
        if !names::is_blank(&member) {
            let key = (names::key(&co), names::key(&member));
            if let Some((first, as_written)) = seen.get(&key) {
                c.fail(
                    "member",
                    format!(
                        "{} of {} appears twice: first at line {first}{}",
                        table::clip(&member),
                        table::clip(&co),
                        names::written_as(as_written, &member)
                    ),
                );
            } else {
                seen.insert(key, (row.line, member));
            }
        }
        members.push(plan);
    }
    errors.into_result(Plans { members })
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// Writes plans as CSV text in the documented layout.
pub fn plans_to_csv(plans: &Plans) -> Vec<u8> {
    let header: Vec<&str> = PLAN_COLUMNS.iter().map(|c| c.name).collect();
    let n = |d: Decimal| d.normalize().to_string();
    let rows: Vec<Vec<String>> = plans
        .members
        .iter()
        .map(|m| {
            vec![
                m.member.clone(),
                m.co.clone(),
                m.village.clone(),
                m.district.clone(),
                opt(&m.age),
                yes_no(m.has_cnic),
                m.activity.clone(),
                match m.new_business {
                    Some(true) => "new".into(),
                    Some(false) => "existing".into(),
                    None => String::new(),
                },
                format_items(&m.items),
                n(m.own_contribution),
                opt(&m.preferred_term_months),
                yes_no(m.wants_islamic),
                m.lending.as_str().to_string(),
                yes_no(m.past_default),
                n(m.monthly_sales),
                n(m.monthly_business_costs),
                n(m.other_income),
                n(m.household_expenses),
                months::format_debts(&m.other_repayments),
                m.sales_by_month
                    .as_ref()
                    .map(MonthFigures::format)
                    .unwrap_or_default(),
                m.costs_by_month
                    .as_ref()
                    .map(MonthFigures::format)
                    .unwrap_or_default(),
                if m.savings_now.is_zero() {
                    String::new()
                } else {
                    n(m.savings_now)
                },
                m.sales_before.map(n).unwrap_or_default(),
                m.notes.clone(),
            ]
        })
        .collect();
    table::to_csv(&header, &rows)
}

/// Saves plans atomically.
pub fn save_plans(path: &Path, plans: &Plans) -> Result<(), SaveError> {
    table::write_atomic(path, &plans_to_csv(plans))
}
