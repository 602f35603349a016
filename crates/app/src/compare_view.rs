//! The CO recommendation and runner-up with reasons, the ranking as a bar
//! chart and a table, the stability of the choice; per member, her ranked
//! offers with the score broken down, and the exclusions with reasons.

use crate::{Command, bold};
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};
use mfi_core::data::study::StudyDoc;
use mfi_core::money::{rate_range, rs, rs_range};
use mfi_core::output::score::ranking_table;
use mfi_core::scoring::stability::Stability;
use mfi_core::scoring::{self, Criterion, Evaluation};

/// Lets the user pick a member; shared by the compare and repayment views.
pub fn member_picker(
    ui: &mut egui::Ui,
    study: &StudyDoc,
    selected: &mut usize,
    id: &str,
    label: egui::RichText,
) {
    let names: Vec<&str> = study
        .plans
        .members
        .iter()
        .map(|m| m.member.as_str())
        .collect();
    ui.label(label);
    let _ = egui::ComboBox::from_id_salt(id)
        .selected_text(names.get(*selected).copied().unwrap_or("-"))
        .height(400.0)
        .show_ui(ui, |ui| {
            for (i, n) in names.iter().enumerate() {
                ui.selectable_value(selected, i, *n);
            }
        })
        .response
        .accessible_name("Member");
}

/// What the view says about the recommendation, computed once per
/// evaluation rather than every frame (listing the unknowns reads every pair).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The reasons for the recommendation.
    pub reasons: Vec<String>,
    /// The recommended MFI's unknowns that concern the most members.
    pub verify_first: Vec<String>,
    /// What only the members can say that decides whether it serves them.
    pub ask_the_members: Vec<String>,
}

impl Summary {
    /// The summary of an evaluation.
    pub fn of(e: &Evaluation) -> Self {
        Summary {
            reasons: scoring::reasons(e),
            verify_first: e
                .recommended()
                .map(|r| mfi_core::scoring::verify_first(e, &r.mfi))
                .unwrap_or_default(),
            ask_the_members: e
                .recommended()
                .map(|r| mfi_core::scoring::ask_the_members(e, &r.mfi))
                .unwrap_or_default(),
        }
    }
}

/// Shows the view; `example_note` adds a line saying the study is the
/// built-in example.
pub fn ui(
    ui: &mut egui::Ui,
    e: &Evaluation,
    st: Option<&Stability>,
    summary: &Summary,
    study: &StudyDoc,
    selected: &mut usize,
    example_note: bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("compare")
        .show(ui, |ui| {
            if example_note {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new("ℹ").strong());
                    ui.label("This is the built-in example: the seven MFIs of the 2010 Kasur study, with 40 illustrative members (not real people). To start your own study: Study > New blank study.");
                    if ui.small_button("Close").on_hover_text("Do not show this line again").clicked() {
                        out.push(Command::CloseExampleNote);
                    }
                });
                ui.separator();
            }
            match (e.recommended(), e.runner_up()) {
                (Some(a), b) => {
                    let verdict = st.and_then(|st| mfi_core::scoring::verdict::verdict(e, st));
                    ui.label(bold(
                        mfi_core::scoring::verdict::heading(verdict.as_ref(), &a.mfi),
                        28.0,
                    ));
                    ui.label(format!(
                        "First by CO score on the facts as assumed: {} ({:.1} of 100){}",
                        a.mfi,
                        a.score,
                        b.map(|b| format!(";  runner-up: {} ({:.1})", b.mfi, b.score))
                            .unwrap_or_default()
                    ));
                    if let Some(v) = &verdict {
                        use mfi_core::scoring::verdict::Firmness;
                        let colour = if v.firmness == Firmness::Firm {
                            ui.visuals().text_color()
                        } else {
                            ui.visuals().warn_fg_color
                        };
                        ui.colored_label(colour, &v.line);
                    }
                    if !summary.reasons.is_empty() {
                        ui.label(format!(
                            "Why {} comes first by CO score on the facts as assumed:",
                            a.mfi
                        ));
                    }
                    for r in &summary.reasons {
                        ui.label(format!("•  {r}"));
                    }
                    if a.to_verify_members > 0 && !summary.verify_first.is_empty() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "To verify with {} before relying on this: {}",
                                a.mfi,
                                summary.verify_first.join("; ")
                            ),
                        );
                    }
                    if !summary.ask_the_members.is_empty() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "To ask the members: {}",
                                summary.ask_the_members.join("; ")
                            ),
                        );
                    }
                }
                (None, _) => {
                    ui.label(bold(
                        "No option serves any member with an affordable offer",
                        22.0,
                    ));
                }
            }
            if let Some(st) = st {
                ui.label(format!("Stability: {}", st.sentence));
                ask_first_ui(ui, st);
            }
            ui.separator();
            ui.label(bold("CO score by MFI", 16.0));
            let bars: Vec<Bar> = e
                .ranking
                .iter()
                .enumerate()
                .map(|(i, r)| Bar::new(i as f64, r.score).name(&r.mfi).width(0.6))
                .collect();
            let labels: Vec<(f64, f64, String)> = e
                .ranking
                .iter()
                .enumerate()
                .map(|(i, r)| (i as f64, r.score, format!("{}\n{:.1}", r.mfi, r.score)))
                .collect();
            Plot::new("co ranking")
                .height(220.0)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .show_x(false)
                .y_axis_label("CO score (0-100)")
                .x_axis_formatter(|_, _| String::new())
                .include_y(0.0)
                .include_y(
                    e.ranking
                        .first()
                        .map(|r| r.score * 1.25 + 5.0)
                        .unwrap_or(100.0),
                )
                .show(ui, |plot| {
                    plot.bar_chart(BarChart::new("CO score", bars));
                    for (x, y, t) in labels {
                        plot.text(
                            Text::new("label", PlotPoint::new(x, y), t)
                                .anchor(egui::Align2::CENTER_BOTTOM),
                        );
                    }
                });
            ui.label(bold("Members served by each MFI", 16.0));
            crate::widgets::table_ui(ui, "co table", &ranking_table(e));
            ui.separator();
            ui.horizontal(|ui| member_picker(ui, study, selected, "compare member", "Member:".into()));
            let Some(m) = e.members.get(*selected) else {
                return;
            };
            let plan = study.plans.members.get(*selected);
            let debts = plan.map(|p| p.other_repayments_total()).unwrap_or_default();
            let usual = if plan.is_some_and(|p| p.says_her_months()) {
                " in her usual month"
            } else {
                ""
            };
            let after = if debts > rust_decimal::Decimal::ZERO {
                format!(", after the {} a month she already repays", rs(debts))
            } else {
                String::new()
            };
            ui.label(format!(
                "Needs {}; can repay {} a month{usual} ({} if her income falls){after}",
                rs(m.loan_needed),
                rs(m.capacity),
                rs(m.stressed_capacity)
            ));
            ui.label(bold("Her offers, best first", 16.0));
            ui.label("Her figures first (what she pays and when, never an average: a last payment far above the others is shown in its month; the instalments in all; the true APR; whether it fits her months); then the score in points out of 100, the sum of the points each criterion gives.");
            crate::widgets::sideways(ui, "member offers scroll", |ui| {
            egui::Grid::new("member offers")
                .striped(true)
                .num_columns(7 + Criterion::ALL.len())
                .show(ui, |ui| {
                    for t in ["Offer", "She pays", "Instalments in all", "APR", "Fits her months", "Score (points)"] {
                        ui.strong(t);
                    }
                    for c in Criterion::ALL {
                        ui.strong(format!("{}: points", c.label()))
                            .on_hover_text(format!("Points out of 100 for {} ({})", c.label(), c.measure()));
                    }
                    ui.end_row();
                    for &k in &m.ranked {
                        let p = &e.pairs[k];
                        // Open to her only if the MFI confirms what the
                        // study does not know: said so, the facts on hover.
                        let tag = if p.to_verify.is_empty() {
                            String::new()
                        } else {
                            format!(
                                " (eligible if {} confirms {} fact{})",
                                p.mfi,
                                p.to_verify.len(),
                                if p.to_verify.len() == 1 { "" } else { "s" }
                            )
                        };
                        ui.label(format!("{} / {}{tag}", p.mfi, p.product))
                            .on_hover_text(if p.to_verify.is_empty() {
                                "nothing to verify".to_string()
                            } else {
                                format!("eligible if {} confirms: {}", p.mfi, p.to_verify.join("; "))
                            });
                        match &p.loan {
                            Some(l) => {
                                let (i, t, a) = (l.instalment_ends(), l.total_repaid_ends(), l.apr_ends());
                                let unknown = "A range: some of this offer's terms are unknown (low end: none of them charged; high end: the highest any offer of the study states, or the tool's default where none does)";
                                let range = |ui: &mut egui::Ui, text: String, certain: bool| {
                                    let r = ui.label(text);
                                    if !certain {
                                        r.on_hover_text(unknown);
                                    }
                                };
                                range(ui, l.payments_words(), i.certain() && l.payment_ends().certain());
                                range(ui, rs_range(t.low, t.high), t.certain());
                                range(ui, rate_range(a.low, a.high), a.certain());
                                let fits = match (l.affordable, l.put_aside, l.affordable_under_stress) {
                                    (false, _, _) => "no".to_string(),
                                    (true, Some(a), _) => format!(
                                        "if she puts aside {} a month",
                                        rs(mfi_core::scoring::months::rupees(a.monthly))
                                    ),
                                    (true, None, true) => "yes".into(),
                                    (true, None, false) => "yes, not under stress".into(),
                                };
                                let why = l
                                    .short_words(&study.settings)
                                    .or_else(|| l.aside_words())
                                    .unwrap_or_else(|| "every payment met in its month".into());
                                ui.label(fits).on_hover_text(why);
                            }
                            None => {
                                for _ in 0..4 {
                                    ui.label("-");
                                }
                            }
                        }
                        ui.label(format!("{:.1}", p.score(&e.weights)));
                        for x in p.contributions(&e.weights) {
                            ui.label(format!("{x:.1}"));
                        }
                        ui.end_row();
                    }
                });
            });
            month_reasons_ui(ui, e, m, study);
            if !m.excluded.is_empty() {
                ui.label(bold("Offers not open to her, and why", 16.0));
                for &k in &m.excluded {
                    let p = &e.pairs[k];
                    let reasons = p.why_excluded();
                    ui.label(format!(
                        "•  {} / {}: {}",
                        p.mfi,
                        p.product,
                        reasons.join("; ")
                    ));
                }
            }
        });
    out
}

/// The unknown facts that can change the first MFI, the three most
/// decisive first: the phone calls to make before the board meets.
fn ask_first_ui(ui: &mut egui::Ui, st: &Stability) {
    if st.ask_first.is_empty() {
        return;
    }
    ui.label(bold("What to ask first", 16.0))
        .on_hover_text("Each unknown fact set both ways in every draw over the data: how often the first MFI changes with the answer, and who comes first each way.");
    for a in st.ask_first.iter().take(3) {
        ui.label(format!("•  {}", mfi_core::output::score::ask_first_line(a)));
    }
    if st.ask_first.len() > 3 {
        egui::CollapsingHeader::new(format!(
            "{} more unknown facts that can change it",
            st.ask_first.len() - 3
        ))
        .id_salt("ask first more")
        .show(ui, |ui| {
            for a in st.ask_first.iter().skip(3) {
                ui.label(format!("•  {}", mfi_core::output::score::ask_first_line(a)));
            }
        });
    }
}

/// Her offers against her months, in words: what she pays and when, what
/// she must put aside or which months fail and why, whether it still fits
/// if her income falls, whether her business pays for the loan.
fn month_reasons_ui(
    ui: &mut egui::Ui,
    e: &Evaluation,
    m: &mfi_core::scoring::MemberResult,
    study: &StudyDoc,
) {
    let lines: Vec<String> = m
        .ranked
        .iter()
        .filter_map(|&k| {
            let p = &e.pairs[k];
            let l = p.loan.as_ref()?;
            // Only what the table does not say already.
            if l.short_months.is_empty() && l.put_aside.is_none() && l.worth.is_none() {
                return None;
            }
            let mut parts = vec![l.payments_words()];
            if let Some(short) = l.short_words(&study.settings) {
                parts.push(format!("does not fit her months: {short}"));
            } else if let Some(aside) = l.aside_words() {
                parts.push(format!("fits {aside}"));
            } else {
                parts.push("fits her months".into());
            }
            if l.affordable && !l.affordable_under_stress {
                parts.push(format!(
                    "not if her income falls by {}%",
                    study.settings.stress_income_drop_percent.normalize()
                ));
            }
            if let Some(w) = l.worth {
                parts.push(format!(
                    "what she buys adds {} to her profit over the loan's months, the loan costs {}: her business {} for the loan",
                    rs(w.extra_profit),
                    rs(w.cost),
                    if w.pays() { "pays" } else { "does not pay" }
                ));
            }
            Some(format!("•  {} / {}: {}", p.mfi, p.product, parts.join("; ")))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    ui.label(bold("Her offers against her months", 16.0));
    for line in lines {
        ui.label(line);
    }
}
