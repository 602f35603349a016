//! The CO's members and one member's Micro Investment Plan, as a form a
//! trainer can fill with a group on a projector. Every typed value is a
//! field (see [`crate::edit`]): it stays as typed until Enter, Tab or a
//! click elsewhere, then the loan needed and what she can repay follow.

use crate::edit::{Drafts, Edit, Field, Look, PlanPart};
use crate::{Command, bold};
use mfi_core::data::plans::{Lending, MicroInvestmentPlan};
use mfi_core::data::study::StudyDoc;
use mfi_core::money::rs;

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
    if let Field::Member(_, part) = &field {
        ui.label(part.label());
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
                    "Loan needed = items {} - own contribution {}.  Repayment capacity = business profit {} + other income {} - household expenses {}.",
                    rs(m.items_total()),
                    rs(m.own_contribution),
                    rs(m.business_profit()),
                    rs(m.other_income),
                    rs(m.household_expenses)
                ));
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
                ui.label("Notes");
                out.extend(drafts.field_ui(ui, study, &Field::Member(i, PlanPart::Notes), 480.0, Look::default()));
            });
            if plan != *m {
                out.push(Command::Edit(Edit::SetMember(i, Box::new(plan))));
            }
        });
        out
    }
}
