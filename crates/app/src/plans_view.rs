//! The CO's members and one member's Micro Investment Plan, as a form a
//! trainer can fill with a group on a projector. Every typed value is a
//! field (see [`crate::edit`]): it stays as typed until Enter, Tab or a
//! click elsewhere, then the loan needed and what she can repay follow.

use crate::edit::{Drafts, Edit, Field, Look, PlanPart, SettingPart};
use crate::{Command, bold};
use mfi_core::data::months::MONTHS;
use mfi_core::data::plans::{Lending, MicroInvestmentPlan};
use mfi_core::data::study::StudyDoc;
use mfi_core::money::{group_rupees, rs};
use rust_decimal::Decimal;

/// How the boxes of her months are read, in the field's help.
const MONTHS_HELP: &str = "Each box: her sales (or costs) that month in rupees (6,000), or as a share of her usual month (50%: half of it); an empty box is her usual month, the grey figure. A month in rupees turns the row into rupees: the other months then show theirs. Or type the short form beside: \"Jun-Aug 50%; Nov-Dec 150%\" means her sales in June to August are half her usual month, and in November and December half as much again; \"Jan-May 6,000; Jun-Aug 3,000; Sep-Dec 9,000\" gives every month in rupees. Urdu month names and digits are read too; Eid and Ramadan move from year to year, so name the calendar months. Her costs follow her sales in proportion unless you give them.";

/// Where the debt-service cap comes from, in the field's help.
const CAP_HELP: &str = "In any month, all her debts' payments taken from that month's income (her other repayments, this loan's payment and what she puts aside for it) may be at most this share of her household's income. 50% is the Reserve Bank of India's cap on a household's microfinance repayments (Master Direction on microfinance loans, 14 March 2022, paras 5.1-5.2); Pakistan's regulators set none.";

/// How the disbursement date is read, in the field's help.
const DATE_HELP: &str = "The day the loans are paid out places each member's lean and busy months against her loan's months (its first month is the month after). Type 2027-01-15, 15/01/2027 (day first) or 15 Jan 2027.";

/// What the plans view keeps between frames.
#[derive(Default)]
pub struct PlansView {}

/// Yes / no / unknown as three buttons; whether the value changed.
fn tri_ui(ui: &mut egui::Ui, label: &str, value: &mut Option<bool>, yes: &str, no: &str) -> bool {
    let before = *value;
    ui.label(label);
    ui.horizontal(|ui| {
        ui.selectable_value(value, Some(true), yes);
        ui.selectable_value(value, Some(false), no);
        ui.selectable_value(value, None, "unknown");
    });
    ui.end_row();
    before != *value
}

/// A field in a form's grid: its label, the field, and its message in a
/// column kept for it (empty when the field is valid), so that nothing moves.
fn field_row_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    field: Field,
    width: f32,
    out: &mut Vec<Command>,
) {
    match &field {
        Field::Member(_, part) => {
            ui.label(part.label());
        }
        Field::Setting(part) => {
            ui.label(part.label());
        }
        _ => {}
    }
    field_cell_ui(ui, study, drafts, field, width, out);
    ui.end_row();
}

/// A field and, beside it, its message when its text could not be read.
fn field_cell_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    field: Field,
    width: f32,
    out: &mut Vec<Command>,
) {
    let hint = match field {
        Field::Member(_, PlanPart::Age) => Some(egui::RichText::new("unknown")),
        Field::Member(_, PlanPart::Term) => Some(egui::RichText::new("12")),
        Field::Member(_, PlanPart::Savings) => Some(egui::RichText::new("none")),
        Field::Member(_, PlanPart::SalesBefore) => Some(egui::RichText::new("not in her plan")),
        Field::Setting(SettingPart::Disbursed) => Some(egui::RichText::new("not known")),
        Field::Member(_, PlanPart::SalesMonths) => {
            Some(egui::RichText::new("e.g. Jun-Aug 50%; Nov-Dec 150%"))
        }
        Field::Member(_, PlanPart::CostsMonths) => {
            Some(egui::RichText::new("empty: they follow her sales"))
        }
        _ => None,
    };
    out.extend(drafts.field_ui(
        ui,
        study,
        &field,
        width,
        Look {
            hint,
            ..Look::default()
        },
    ));
    let msg = drafts
        .get(&field)
        .and_then(|d| d.error.clone())
        .unwrap_or_default();
    ui.add_sized(
        [360.0, ui.text_style_height(&egui::TextStyle::Body)],
        egui::Label::new(egui::RichText::new(msg).color(ui.visuals().error_fg_color)).wrap(),
    );
}

impl PlansView {
    /// Selects the member whose field the app gives the focus back to.
    pub fn reveal(&mut self, f: &Field, selected: &mut usize) {
        if let Field::Member(k, _) = f {
            *selected = *k;
        }
    }

    /// Shows the view; returns what the user asked to change.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        study: &StudyDoc,
        drafts: &mut Drafts,
        selected: &mut usize,
    ) -> Vec<Command> {
        let mut out = Vec::new();
        let plans = &study.plans;
        egui::Panel::left("members")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Add member").clicked() {
                        let co = plans
                            .members
                            .get(*selected)
                            .map(|m| m.co.clone())
                            .unwrap_or_default();
                        out.push(Command::Edit(Edit::AddMember(co)));
                        *selected = plans.members.len();
                    }
                    if ui
                        .add_enabled(
                            !plans.members.is_empty(),
                            egui::Button::new("Duplicate member"),
                        )
                        .clicked()
                    {
                        out.push(Command::Edit(Edit::DuplicateMember(*selected)));
                        *selected += 1;
                    }
                    if ui
                        .add_enabled(
                            !plans.members.is_empty(),
                            egui::Button::new("Remove member"),
                        )
                        .on_hover_text("Edit > Undo brings her back")
                        .clicked()
                    {
                        out.push(Command::Edit(Edit::RemoveMember(*selected)));
                        *selected = selected.saturating_sub(1);
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("member list")
                    .show_rows(
                        ui,
                        ui.text_style_height(&egui::TextStyle::Body) + 4.0,
                        plans.members.len(),
                        |ui, range| {
                            for i in range {
                                let m = &plans.members[i];
                                let text = format!("{}  ({})", m.member, rs(m.loan_needed()));
                                if ui.selectable_label(*selected == i, text).clicked() {
                                    *selected = i;
                                }
                            }
                        },
                    );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(m) = plans.members.get(*selected) else {
                ui.label("No members yet: add one.");
                ui.separator();
                study_rules_ui(ui, study, drafts, &mut out);
                return;
            };
            let i = *selected;
            let mut plan: MicroInvestmentPlan = m.clone();
            egui::ScrollArea::both().id_salt("plan form").show(ui, |ui| {
                ui.heading(format!("Micro Investment Plan: {}", m.member));
                ui.horizontal_wrapped(|ui| {
                    ui.label(bold(format!("Loan needed: {}", rs(m.loan_needed())), 24.0));
                    ui.add_space(30.0);
                    ui.label(bold(format!("She can repay: {} a month", rs(m.repayment_capacity())), 24.0));
                });
                ui.label(format!(
                    "Loan needed = items {} - own contribution {}.  Repayment capacity = business profit {} + other income {} - household expenses {} - other repayments {}.",
                    rs(m.items_total()),
                    rs(m.own_contribution),
                    rs(m.business_profit()),
                    rs(m.other_income),
                    rs(m.household_expenses),
                    rs(m.other_repayments_total())
                ));
                ui.label(months_range_line(m));
                ui.label("A value is read when you press Enter or Tab or click elsewhere; Escape puts the last one back.");
                ui.separator();
                egui::Grid::new("plan grid").num_columns(3).spacing([16.0, 8.0]).show(ui, |ui| {
                    for part in [PlanPart::Name, PlanPart::Co, PlanPart::Village, PlanPart::District, PlanPart::Activity] {
                        field_row_ui(ui, study, drafts, Field::Member(i, part), 280.0, &mut out);
                    }
                    field_row_ui(ui, study, drafts, Field::Member(i, PlanPart::Age), 60.0, &mut out);
                    tri_ui(ui, "Has a CNIC", &mut plan.has_cnic, "yes", "no");
                    tri_ui(ui, "Business", &mut plan.new_business, "new", "existing");
                    tri_ui(ui, "Wants Islamic financing", &mut plan.wants_islamic, "yes", "no");
                    tri_ui(ui, "Defaulted before", &mut plan.past_default, "yes", "no");
                    ui.label("Borrows");
                    ui.horizontal(|ui| {
                        for l in [Lending::Group, Lending::Individual, Lending::Either] {
                            ui.selectable_value(&mut plan.lending, l, l.as_str());
                        }
                    });
                    ui.end_row();
                    field_row_ui(ui, study, drafts, Field::Member(i, PlanPart::Term), 60.0, &mut out);
                });
                ui.separator();
                ui.heading("What she will buy");
                egui::Grid::new("items").num_columns(4).spacing([12.0, 6.0]).show(ui, |ui| {
                    for k in 0..m.items.len() {
                        out.extend(drafts.field_ui(ui, study, &Field::Member(i, PlanPart::ItemName(k)), 240.0, Look::default()));
                        out.extend(drafts.field_ui(ui, study, &Field::Member(i, PlanPart::ItemCost(k)), 120.0, Look::default()));
                        if ui.button("Remove item").on_hover_text("Remove this item (Edit > Undo brings it back)").clicked() {
                            out.push(Command::Edit(Edit::RemoveItem(i, k)));
                        }
                        let msg = [PlanPart::ItemName(k), PlanPart::ItemCost(k)]
                            .iter()
                            .find_map(|p| drafts.get(&Field::Member(i, *p)).and_then(|d| d.error.clone()))
                            .unwrap_or_default();
                        ui.colored_label(ui.visuals().error_fg_color, msg);
                        ui.end_row();
                    }
                });
                if ui.button("Add item").clicked() {
                    out.push(Command::Edit(Edit::AddItem(i)));
                }
                ui.separator();
                ui.heading("Money each month");
                egui::Grid::new("money").num_columns(3).spacing([16.0, 8.0]).show(ui, |ui| {
                    for part in [PlanPart::Own, PlanPart::Sales, PlanPart::Costs, PlanPart::Other, PlanPart::Household] {
                        field_row_ui(ui, study, drafts, Field::Member(i, part), 120.0, &mut out);
                    }
                });
                ui.separator();
                her_months_ui(ui, study, drafts, i, m, &mut out);
                ui.separator();
                debts_ui(ui, study, drafts, i, m, &mut out);
                ui.separator();
                ui.heading("Her savings and her business before");
                egui::Grid::new("savings").num_columns(3).spacing([16.0, 8.0]).show(ui, |ui| {
                    for part in [PlanPart::Savings, PlanPart::SalesBefore] {
                        field_row_ui(ui, study, drafts, Field::Member(i, part), 120.0, &mut out);
                    }
                });
                ui.label("Cash saved now: what she has and could use for the loan's payments (empty: none). Sales before the purchase: her sales a month now, for a running business, to tell what the purchase adds and whether it pays for the loan (empty: not in her plan; a new business counts all its profit as the purchase's).");
                ui.label("Notes");
                out.extend(drafts.field_ui(ui, study, &Field::Member(i, PlanPart::Notes), 480.0, Look::default()));
                ui.separator();
                study_rules_ui(ui, study, drafts, &mut out);
            });
            if plan != *m {
                out.push(Command::Edit(Edit::SetMember(i, Box::new(plan))));
            }
        });
        out
    }
}

/// Her free money in each month (income less household expenses and her
/// other repayments), January first.
fn left_in_months(m: &MicroInvestmentPlan) -> [Decimal; 12] {
    let sales = m.sales_in_months();
    let costs = m.costs_in_months();
    std::array::from_fn(|k| {
        sales[k] - costs[k] + m.other_income - m.household_expenses - m.other_repayments_total()
    })
}

/// What she has in her leanest and her best month, below the figure of
/// her usual month (a line kept whatever her months, so that nothing
/// moves as they are typed).
fn months_range_line(m: &MicroInvestmentPlan) -> String {
    if !m.says_her_months() {
        return "Her plan gives no months (below): every month is her usual month.".into();
    }
    let left = left_in_months(m);
    let (lo, hi) = left.iter().enumerate().fold((0, 0), |(lo, hi), (k, x)| {
        (
            if *x < left[lo] { k } else { lo },
            if *x > left[hi] { k } else { hi },
        )
    });
    format!(
        "That is her usual month. Month by month (below) she has from {} in {} to {} in {}, after her household and her other debts.",
        rs(left[lo]),
        MONTHS[lo],
        rs(left[hi]),
        MONTHS[hi]
    )
}

/// Her sales and costs month by month: a row of twelve boxes each (empty:
/// her usual month), what she has left each month, and the short form.
fn her_months_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    i: usize,
    m: &MicroInvestmentPlan,
    out: &mut Vec<Command>,
) {
    ui.heading("Her months").on_hover_text(MONTHS_HELP);
    ui.label("When her sales change with the seasons (orders before Eid and weddings, lean months). Each box: rupees (6,000) or a share of her usual month (50%); empty: her usual month, the grey figure. \"Jun-Aug 50%\" in the short form: her sales in June to August are half her usual month.")
        .on_hover_text(MONTHS_HELP);
    let sales = m.sales_in_months();
    let costs = m.costs_in_months();
    let left = left_in_months(m);
    let error = ui.visuals().error_fg_color;
    egui::Grid::new("her months")
        .num_columns(13)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            for name in MONTHS {
                ui.add_sized([62.0, 18.0], egui::Label::new(egui::RichText::new(name).strong()));
            }
            ui.end_row();
            for (row, figures, label) in [
                (0, &sales, "Sales (Rs or %)"),
                (1, &costs, "Costs (Rs or %)"),
            ] {
                ui.label(label).on_hover_text(MONTHS_HELP);
                for (k, figure) in figures.iter().enumerate() {
                    let part = if row == 0 {
                        PlanPart::SalesIn(k)
                    } else {
                        PlanPart::CostsIn(k)
                    };
                    let hint = egui::RichText::new(group_rupees(*figure, false));
                    out.extend(drafts.field_ui(
                        ui,
                        study,
                        &Field::Member(i, part),
                        62.0,
                        Look {
                            hint: Some(hint),
                            tooltip: Some(MONTHS_HELP.to_string()),
                            ..Look::default()
                        },
                    ));
                }
                ui.end_row();
            }
            ui.label("Left to her (Rs)").on_hover_text(
                "Her income that month (sales less costs, plus other income) less household expenses and her other repayments: what a loan's payment can come from",
            );
            for x in left {
                let text = egui::RichText::new(group_rupees(x, false));
                let text = if x < Decimal::ZERO { text.color(error) } else { text };
                ui.add_sized([62.0, 18.0], egui::Label::new(text));
            }
            ui.end_row();
        });
    egui::Grid::new("months short form")
        .num_columns(3)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            for part in [PlanPart::SalesMonths, PlanPart::CostsMonths] {
                field_row_ui(ui, study, drafts, Field::Member(i, part), 360.0, out);
            }
        });
    let problems: Vec<String> = (0..12)
        .flat_map(|k| [PlanPart::SalesIn(k), PlanPart::CostsIn(k)])
        .filter_map(|p| {
            drafts
                .get(&Field::Member(i, p))
                .and_then(|d| d.error.clone())
        })
        .collect();
    for p in problems {
        ui.colored_label(error, p);
    }
    if ui
        .add_enabled(m.says_her_months(), egui::Button::new("Same every month"))
        .on_hover_text(
            "Clear both rows: every month is her usual month (Edit > Undo brings them back)",
        )
        .clicked()
    {
        let plan = MicroInvestmentPlan {
            sales_by_month: None,
            costs_by_month: None,
            ..m.clone()
        };
        out.push(Command::Edit(Edit::SetMember(i, Box::new(plan))));
    }
}

/// What she already repays each month, and to whom: a row per debt.
fn debts_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    i: usize,
    m: &MicroInvestmentPlan,
    out: &mut Vec<Command>,
) {
    ui.heading("What she already repays");
    ui.label("Each month, on other loans, shop credit or her committee: it comes off what she can repay, and counts in her debts' share of her income.");
    egui::Grid::new("debts")
        .num_columns(4)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for k in 0..m.other_repayments.len() {
                out.extend(drafts.field_ui(
                    ui,
                    study,
                    &Field::Member(i, PlanPart::DebtTo(k)),
                    240.0,
                    Look {
                        hint: Some(egui::RichText::new("to whom: committee, shop, MFI")),
                        ..Look::default()
                    },
                ));
                out.extend(drafts.field_ui(
                    ui,
                    study,
                    &Field::Member(i, PlanPart::DebtMonthly(k)),
                    120.0,
                    Look {
                        hint: Some(egui::RichText::new("Rs a month")),
                        ..Look::default()
                    },
                ));
                if ui
                    .button("Remove debt")
                    .on_hover_text("Remove this debt (Edit > Undo brings it back)")
                    .clicked()
                {
                    out.push(Command::Edit(Edit::RemoveDebt(i, k)));
                }
                let msg = [PlanPart::DebtTo(k), PlanPart::DebtMonthly(k)]
                    .iter()
                    .find_map(|p| {
                        drafts
                            .get(&Field::Member(i, *p))
                            .and_then(|d| d.error.clone())
                    })
                    .unwrap_or_default();
                ui.colored_label(ui.visuals().error_fg_color, msg);
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        if ui.button("Add a debt").clicked() {
            out.push(Command::Edit(Edit::AddDebt(i)));
            // Then straight to whom she repays.
            out.push(Command::GoTo(Field::Member(
                i,
                PlanPart::DebtTo(m.other_repayments.len()),
            )));
        }
        if !m.other_repayments.is_empty() {
            ui.label(format!(
                "In all: {} a month",
                rs(m.other_repayments_total())
            ));
        }
    });
}

/// The study's rules for every member: when the loans are paid out, and
/// the cap on her debts' share of her income.
fn study_rules_ui(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    drafts: &mut Drafts,
    out: &mut Vec<Command>,
) {
    ui.heading("For every member of the study");
    egui::Grid::new("study rules")
        .num_columns(3)
        .spacing([16.0, 8.0])
        .show(ui, |ui| {
            field_row_ui(
                ui,
                study,
                drafts,
                Field::Setting(SettingPart::Disbursed),
                120.0,
                out,
            );
            field_row_ui(
                ui,
                study,
                drafts,
                Field::Setting(SettingPart::DebtCap),
                120.0,
                out,
            );
        });
    let paid_out = match study.settings.disbursed {
        Some(d) => {
            let next = MONTHS[(d.month() as usize) % 12];
            format!("Paid out on {}: each member's first month of the loan is {next}. ", d.long())
        }
        None => "Not known: for a member whose months differ, every month of the year is tried as the month paid out, and the worst kept. ".into(),
    };
    ui.label(format!("{paid_out}{DATE_HELP}"));
    ui.label(CAP_HELP);
}
