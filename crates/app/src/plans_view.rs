//! The CO's members and one member's Micro Investment Plan, as a form a
//! trainer can fill with a group on a projector: the loan needed and what she
//! can repay update as you type.

use super::{Command, bold};
use mfi_core::data::plans::{InvestmentItem, Lending, MicroInvestmentPlan, Plans};
use mfi_core::money::{self, rs};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What the plans view keeps between frames: text typed in amount fields
/// that does not parse yet, by (member, field).
#[derive(Default)]
pub struct PlansView {
    invalid: HashMap<(usize, String), (String, String)>,
}

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

impl PlansView {
    fn amount_ui(
        &mut self,
        ui: &mut egui::Ui,
        member: usize,
        field: &str,
        label: &str,
        value: &mut Decimal,
    ) -> bool {
        ui.label(label);
        let changed = self.amount_inline(ui, member, field, label, value);
        if let Some((_, e)) = self.invalid.get(&(member, field.to_string())) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.end_row();
        changed
    }

    /// Shows the view; returns a command when a plan changed.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        plans: &mut Plans,
        selected: &mut usize,
    ) -> Option<Command> {
        let mut changed = false;
        // Adding, duplicating or removing members changes the whole study;
        // editing one plan changes only her offers.
        let mut members_changed = false;
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
                            .unwrap_or_else(|| "CO".into());
                        let n = plans.members.len() + 1;
                        plans
                            .members
                            .push(MicroInvestmentPlan::blank(&format!("Member {n}"), &co));
                        *selected = plans.members.len() - 1;
                        members_changed = true;
                    }
                    if ui
                        .add_enabled(!plans.members.is_empty(), egui::Button::new("Duplicate"))
                        .clicked()
                        && let Some(m) = plans.members.get(*selected).cloned()
                    {
                        plans.members.insert(
                            *selected + 1,
                            MicroInvestmentPlan {
                                member: format!("{} (copy)", m.member),
                                ..m
                            },
                        );
                        *selected += 1;
                        members_changed = true;
                    }
                    if ui
                        .add_enabled(!plans.members.is_empty(), egui::Button::new("Remove"))
                        .clicked()
                        && *selected < plans.members.len()
                    {
                        plans.members.remove(*selected);
                        *selected = selected.saturating_sub(1);
                        self.invalid.clear();
                        members_changed = true;
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
            let Some(m) = plans.members.get_mut(*selected) else {
                ui.label("No members yet: add one.");
                return;
            };
            let i = *selected;
            egui::ScrollArea::vertical().id_salt("plan form").show(ui, |ui| {
                ui.heading(format!("Micro Investment Plan: {}", m.member));
                ui.horizontal(|ui| {
                    ui.label(bold(format!("Loan needed: {}", rs(m.loan_needed())), 24.0));
                    ui.add_space(30.0);
                    ui.label(bold(format!("She can repay: {} a month", rs(m.repayment_capacity())), 24.0));
                });
                ui.label(format!(
                    "Loan needed = items {} - own contribution {}.  Repayment capacity = business profit {} + other income {} - household expenses {}.",
                    rs(m.items_total()),
                    rs(m.own_contribution),
                    rs(m.business_profit()),
                    rs(m.other_income),
                    rs(m.household_expenses)
                ));
                ui.separator();
                egui::Grid::new("plan grid").num_columns(2).spacing([16.0, 8.0]).show(ui, |ui| {
                    for (label, value) in [("Name", &mut m.member), ("CO", &mut m.co), ("Village", &mut m.village), ("District", &mut m.district), ("Activity", &mut m.activity)] {
                        ui.label(label);
                        changed |= ui.add_sized([280.0, 24.0], egui::TextEdit::singleline(value)).accessible_name(label).changed();
                        ui.end_row();
                    }
                    ui.label("Age");
                    let mut age = m.age.map(|a| a.to_string()).unwrap_or_default();
                    if ui.add(egui::TextEdit::singleline(&mut age).desired_width(60.0).hint_text("unknown")).accessible_name("Age").changed() {
                        let parsed = age.trim().parse::<u32>().ok().filter(|a| (10..=110).contains(a));
                        if parsed.is_some() || age.trim().is_empty() {
                            m.age = parsed;
                            changed = true;
                        }
                    }
                    ui.end_row();
                    changed |= tri_ui(ui, "Has a CNIC", &mut m.has_cnic, "yes", "no");
                    changed |= tri_ui(ui, "Business", &mut m.new_business, "new", "existing");
                    changed |= tri_ui(ui, "Wants Islamic financing", &mut m.wants_islamic, "yes", "no");
                    changed |= tri_ui(ui, "Defaulted before", &mut m.past_default, "yes", "no");
                    ui.label("Borrows");
                    ui.horizontal(|ui| {
                        for l in [Lending::Group, Lending::Individual, Lending::Either] {
                            changed |= ui.selectable_value(&mut m.lending, l, l.as_str()).changed();
                        }
                    });
                    ui.end_row();
                    ui.label("Preferred term (months)");
                    let mut term = m.preferred_term_months.unwrap_or(12);
                    if ui.add(egui::DragValue::new(&mut term).range(1..=120)).accessible_name("Preferred term (months)").changed() {
                        m.preferred_term_months = Some(term);
                        changed = true;
                    }
                    ui.end_row();
                });
                ui.separator();
                ui.heading("What she will buy");
                let mut remove = None;
                egui::Grid::new("items").num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
                    for (k, item) in m.items.iter_mut().enumerate() {
                        changed |= ui.add_sized([240.0, 24.0], egui::TextEdit::singleline(&mut item.name)).accessible_name(format!("Item {} name", k + 1)).changed();
                        let mut cost = item.cost;
                        changed |= self.amount_inline(ui, i, &format!("item{k}"), &format!("Item {} cost", k + 1), &mut cost);
                        item.cost = cost;
                        if ui.button("Remove").on_hover_text("Remove this item").clicked() {
                            remove = Some(k);
                        }
                        ui.end_row();
                    }
                });
                if let Some(k) = remove {
                    m.items.remove(k);
                    self.invalid.retain(|(mm, _), _| *mm != i);
                    changed = true;
                }
                if ui.button("Add item").clicked() {
                    m.items.push(InvestmentItem { name: "Item".into(), cost: Decimal::ZERO });
                    changed = true;
                }
                ui.separator();
                ui.heading("Money each month");
                egui::Grid::new("money").num_columns(3).spacing([16.0, 8.0]).show(ui, |ui| {
                    changed |= self.amount_ui(ui, i, "own", "Own contribution (Rs)", &mut m.own_contribution);
                    changed |= self.amount_ui(ui, i, "sales", "Sales a month (Rs)", &mut m.monthly_sales);
                    changed |= self.amount_ui(ui, i, "costs", "Business costs a month (Rs)", &mut m.monthly_business_costs);
                    changed |= self.amount_ui(ui, i, "other", "Other household income a month (Rs)", &mut m.other_income);
                    changed |= self.amount_ui(ui, i, "household", "Household expenses a month (Rs)", &mut m.household_expenses);
                });
                ui.label("Notes");
                changed |= ui.add(egui::TextEdit::multiline(&mut m.notes).desired_rows(2)).accessible_name("Notes").changed();
            });
        });
        if members_changed {
            Some(Command::StudyChanged)
        } else {
            changed.then_some(Command::MemberChanged(*selected))
        }
    }

    fn amount_inline(
        &mut self,
        ui: &mut egui::Ui,
        member: usize,
        field: &str,
        label: &str,
        value: &mut Decimal,
    ) -> bool {
        let key = (member, field.to_string());
        let (mut text, err) = match self.invalid.get(&key) {
            Some((t, e)) => (t.clone(), Some(e.clone())),
            None => (money::group_rupees(*value, false), None),
        };
        let color = err.as_ref().map(|_| ui.visuals().error_fg_color);
        let resp = ui
            .add_sized(
                [120.0, 24.0],
                egui::TextEdit::singleline(&mut text).text_color_opt(color),
            )
            .accessible_name(label);
        let resp = match err {
            Some(e) => resp.on_hover_text(e),
            None => resp,
        };
        if resp.changed() {
            match money::parse_amount(&text) {
                Ok(d) => {
                    self.invalid.remove(&key);
                    let changed = d != *value;
                    *value = d;
                    return changed;
                }
                Err(e) => {
                    self.invalid.insert(key, (text, e));
                }
            }
        }
        false
    }
}
