//! The Micro Investment Plan: a box for every column of the plans file, in
//! the order a trainer teaches it, in the member's language; filled from a
//! member's plan, with her loan needed and repayment capacity worked out.

use super::{Answer, Field, Form, FormSection, MonthsRow, YES_NO, filled_text};
use crate::data::plans::{Lending, MicroInvestmentPlan};
use crate::i18n::{Digits, Lang, tr};
use crate::report::Picture;
use rust_decimal::Decimal;

/// Rows for things to buy on a blank plan.
pub const ITEM_ROWS: usize = 3;

/// Rows for her other debts on a blank plan.
pub const DEBT_ROWS: usize = 2;

/// Where each column of the plans file is asked on the Micro Investment
/// Plan, in the order a trainer teaches it: the section (its translation
/// key), the column, and the key of its words.
pub const MIP_FIELDS: &[(&str, &str, &str)] = &[
    ("mip.about", "member", "mip.member"),
    ("mip.about", "co", "mip.co"),
    ("mip.about", "village", "mip.village"),
    ("mip.about", "district", "mip.district"),
    ("mip.about", "age", "mip.age"),
    ("mip.about", "cnic", "mip.cnic"),
    ("mip.about", "activity", "mip.activity"),
    ("mip.about", "business", "mip.business"),
    ("mip.buy", "items", "mip.items"),
    ("mip.buy", "own_contribution", "mip.own_contribution"),
    (
        "mip.loan",
        "preferred_term_months",
        "mip.preferred_term_months",
    ),
    ("mip.loan", "islamic", "mip.islamic"),
    ("mip.loan", "lending", "mip.lending"),
    ("mip.loan", "past_default", "mip.past_default"),
    ("mip.month", "monthly_sales", "mip.monthly_sales"),
    (
        "mip.month",
        "monthly_business_costs",
        "mip.monthly_business_costs",
    ),
    ("mip.month", "other_income", "mip.other_income"),
    ("mip.month", "household_expenses", "mip.household_expenses"),
    ("mip.year", "other_repayments", "mip.other_repayments"),
    ("mip.year", "sales_by_month", "mip.sales_by_month"),
    ("mip.year", "costs_by_month", "mip.costs_by_month"),
    ("mip.year", "savings_now", "mip.savings_now"),
    ("mip.year", "sales_before", "mip.sales_before"),
    ("mip.year", "notes", "mip.notes"),
];

/// A Micro Investment Plan, blank or filled with a member's plan.
pub(super) fn mip(plan: Option<&MicroInvestmentPlan>, lang: Lang, digits: Digits) -> Form {
    // English forms in Western digits; Urdu ones in the study's.
    let digits = if lang == Lang::En {
        Digits::Western
    } else {
        digits
    };
    let rs = |d: Decimal| crate::i18n::rupees_text(lang, digits, d);
    let num = |n: u32| digits.apply(&n.to_string());
    let yes_no: Vec<&str> = YES_NO.iter().map(|k| tr(lang, option_key(k))).collect();
    let flag = |b: Option<bool>| -> Vec<usize> {
        match b {
            Some(true) => vec![0],
            Some(false) => vec![1],
            None => vec![],
        }
    };
    let rupee_word = tr(lang, "rupees").to_string();
    let money = |key: &'static str, value: Option<Decimal>| -> Field {
        Field {
            key,
            label: String::new(),
            answer: Answer::Write {
                before: if lang == Lang::En {
                    rupee_word.clone()
                } else {
                    String::new()
                },
                after: if lang == Lang::En {
                    String::new()
                } else {
                    rupee_word.clone()
                },
                filled: value.map(|v| digits.apply(&crate::money::group_rupees(v, false))),
                lines: 1,
            },
            to_ask: false,
            confirm: false,
            picture: Some(Picture::Coins),
        }
    };
    let text = |key: &'static str, value: Option<&str>, lines: u8| -> Field {
        Field {
            key,
            label: String::new(),
            answer: Answer::Write {
                before: String::new(),
                after: String::new(),
                filled: value.and_then(filled_text),
                lines,
            },
            to_ask: plan.is_some() && value.is_none_or(|v| v.trim().is_empty()),
            confirm: false,
            picture: None,
        }
    };
    let ticks = |key: &'static str, options: Vec<&str>, ticked: Vec<usize>, known: bool| Field {
        key,
        label: String::new(),
        answer: Answer::Tick {
            options: options.into_iter().map(String::from).collect(),
            ticked,
        },
        to_ask: plan.is_some() && !known,
        confirm: false,
        picture: None,
    };
    let mut sections: Vec<(bool, FormSection)> = Vec::new();
    for &(section, column, words) in MIP_FIELDS {
        let p = plan;
        let mut field = match column {
            "member" => text(column, p.map(|m| m.member.as_str()), 1),
            "co" => text(column, p.map(|m| m.co.as_str()), 1),
            "village" => text(column, p.map(|m| m.village.as_str()), 1),
            "district" => text(column, p.map(|m| m.district.as_str()), 1),
            "activity" => text(column, p.map(|m| m.activity.as_str()), 1),
            "notes" => {
                let mut f = text(column, p.map(|m| m.notes.as_str()), 2);
                f.to_ask = false;
                f
            }
            "age" => {
                let mut f = text(column, None, 1);
                if let (Some(m), Answer::Write { filled, after, .. }) = (p, &mut f.answer) {
                    *filled = m.age.map(&num);
                    f.to_ask = m.age.is_none();
                    let _ = after;
                }
                f
            }
            "cnic" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.has_cnic)),
                p.and_then(|m| m.has_cnic).is_some(),
            ),
            "business" => {
                let nb = p.and_then(|m| m.new_business);
                ticks(
                    column,
                    vec![tr(lang, "mip.new"), tr(lang, "mip.existing")],
                    match nb {
                        Some(true) => vec![0],
                        Some(false) => vec![1],
                        None => vec![],
                    },
                    nb.is_some(),
                )
            }
            "islamic" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.wants_islamic)),
                p.and_then(|m| m.wants_islamic).is_some(),
            ),
            "past_default" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.past_default)),
                p.and_then(|m| m.past_default).is_some(),
            ),
            "lending" => {
                let t = p.map(|m| match m.lending {
                    Lending::Group => 0,
                    Lending::Individual => 1,
                    Lending::Either => 2,
                });
                ticks(
                    column,
                    vec![
                        tr(lang, "mip.group"),
                        tr(lang, "mip.individual"),
                        tr(lang, "mip.either"),
                    ],
                    t.into_iter().collect(),
                    true,
                )
            }
            "preferred_term_months" => {
                let v = p.and_then(|m| m.preferred_term_months);
                Field {
                    key: column,
                    label: String::new(),
                    answer: Answer::Write {
                        before: String::new(),
                        after: tr(lang, "mip.months").into(),
                        filled: v.map(&num),
                        lines: 1,
                    },
                    to_ask: p.is_some() && v.is_none(),
                    confirm: false,
                    picture: Some(Picture::Calendar),
                }
            }
            "items" => Field {
                key: column,
                label: String::new(),
                answer: Answer::Items {
                    header: [tr(lang, "mip.item").into(), tr(lang, "mip.cost").into()],
                    rows: ITEM_ROWS.max(p.map_or(0, |m| m.items.len())),
                    filled: p.map_or_else(Vec::new, |m| {
                        m.items
                            .iter()
                            .map(|i| (i.name.clone(), rs(i.cost)))
                            .collect()
                    }),
                    total: (tr(lang, "mip.total").into(), p.map(|m| rs(m.items_total()))),
                },
                to_ask: false,
                confirm: false,
                picture: None,
            },
            "own_contribution" => money(column, p.map(|m| m.own_contribution)),
            "monthly_sales" => money(column, p.map(|m| m.monthly_sales)),
            "monthly_business_costs" => money(column, p.map(|m| m.monthly_business_costs)),
            "other_income" => money(column, p.map(|m| m.other_income)),
            "household_expenses" => money(column, p.map(|m| m.household_expenses)),
            "savings_now" => money(column, p.map(|m| m.savings_now)),
            "sales_before" => {
                let mut f = money(column, p.and_then(|m| m.sales_before));
                // Only for a running business: not asked of a new one.
                f.to_ask = false;
                f
            }
            "other_repayments" => Field {
                key: column,
                label: String::new(),
                answer: Answer::Items {
                    header: [
                        tr(lang, "mip.to_whom").into(),
                        tr(lang, "mip.a_month").into(),
                    ],
                    rows: DEBT_ROWS.max(p.map_or(0, |m| m.other_repayments.len())),
                    filled: p.map_or_else(Vec::new, |m| {
                        m.other_repayments
                            .iter()
                            .map(|d| (d.to.clone(), rs(d.monthly)))
                            .collect()
                    }),
                    total: (
                        tr(lang, "mip.in_all").into(),
                        p.map(|m| rs(m.other_repayments_total())),
                    ),
                },
                to_ask: false,
                confirm: false,
                picture: None,
            },
            "sales_by_month" | "costs_by_month" => {
                let figures = p.and_then(|m| {
                    if column == "sales_by_month" {
                        m.sales_by_month.as_ref().map(|f| f.rupees(m.monthly_sales))
                    } else {
                        m.costs_by_month
                            .as_ref()
                            .map(|f| f.rupees(m.monthly_business_costs))
                    }
                });
                let row = MonthsRow {
                    key: column,
                    label: tr(lang, words).to_string(),
                    figures: (0..12)
                        .map(|i| {
                            figures.map(|f| digits.apply(&crate::money::group_rupees(f[i], false)))
                        })
                        .collect(),
                };
                // Her costs are a second row under her sales.
                let grid = sections
                    .last_mut()
                    .and_then(|(_, s)| s.fields.last_mut())
                    .filter(|f| f.key == "sales_by_month");
                if let Some(Field {
                    answer: Answer::Months { rows, .. },
                    ..
                }) = grid
                {
                    rows.push(row);
                    continue;
                }
                Field {
                    key: column,
                    label: tr(lang, "mip.by_month").into(),
                    answer: Answer::Months {
                        months: (0..12)
                            .map(|i| {
                                if lang == Lang::En {
                                    crate::data::months::MONTHS[i].to_string()
                                } else {
                                    crate::data::months::URDU_MONTHS[i].to_string()
                                }
                            })
                            .collect(),
                        rows: vec![row],
                    },
                    to_ask: false,
                    confirm: false,
                    picture: Some(Picture::Calendar),
                }
            }
            other => text(
                // A column with no box of its own would be a bug: the test
                // of the forms finds it.
                MIP_FIELDS.iter().find(|f| f.1 == other).map_or("", |f| f.1),
                None,
                1,
            ),
        };
        if field.label.is_empty() {
            field.label = tr(lang, words_key(words)).to_string();
        }
        let title = tr(lang, words_key(section)).to_string();
        match sections.last_mut() {
            Some((_, s)) if s.title == title => s.fields.push(field),
            // Her months and her savings on the back of the sheet.
            _ => sections.push((
                section == "mip.year",
                FormSection {
                    title,
                    notes: Vec::new(),
                    fields: vec![field],
                    two_columns: section != "mip.else",
                },
            )),
        }
        // The two figures worked out, where a trainer teaches them.
        if column == "own_contribution" {
            push_derived(
                &mut sections,
                lang,
                ["mip.loan_needed", "mip.loan_needed_formula"],
                p.map(|m| rs(m.loan_needed())),
            );
        }
        if column == "other_repayments" {
            push_derived(
                &mut sections,
                lang,
                ["mip.capacity", "mip.capacity_formula"],
                p.map(|m| rs(m.repayment_capacity())),
            );
        }
    }
    // The worked example (the built-in study's first member), so that a
    // member can fill it in with a trainer.
    if let Some((_, s)) = sections
        .iter_mut()
        .find(|(_, s)| s.title == tr(lang, "mip.month"))
    {
        s.notes.push(digits.apply(tr(lang, "mip.example")));
    }
    if let Some((_, s)) = sections
        .iter_mut()
        .find(|(_, s)| s.title == tr(lang, "mip.buy"))
    {
        s.notes.push(digits.apply(tr(lang, "mip.example_loan")));
    }
    let title = match plan {
        Some(m) => format!("{}: {}", tr(lang, "mip.title"), m.member),
        None => tr(lang, "mip.title").to_string(),
    };
    Form {
        lang,
        title,
        intro: vec![tr(lang, "mip.intro").to_string()],
        sections,
    }
}

fn push_derived(
    sections: &mut [(bool, FormSection)],
    lang: Lang,
    [key, formula]: [&'static str; 2],
    value: Option<String>,
) {
    if let Some((_, s)) = sections.last_mut() {
        s.fields.push(Field {
            key: if key == "mip.loan_needed" {
                "loan_needed"
            } else {
                "repayment_capacity"
            },
            label: tr(lang, key).to_string(),
            answer: Answer::Derived {
                formula: tr(lang, formula).to_string(),
                filled: value,
            },
            to_ask: false,
            confirm: false,
            picture: Some(Picture::Coins),
        });
    }
}

fn option_key(k: &str) -> &'static str {
    match k {
        "yes" => "form.yes",
        "no" => "form.no",
        _ => "form.dont_know",
    }
}

/// The static key for a translation key built at run time.
fn words_key(k: &str) -> &'static str {
    crate::intern::intern(k)
}
