//! One offer's card in the repayment view: the instalment large, what she
//! pays in all and what the loan costs her, her months with it; what she has
//! in hand, each charge, the savings; the quoted markup against the true
//! rate, and what is to verify.

use super::RepaymentView;
use super::offers::Compared;
use crate::bold;
use crate::words::{Piece, Tongue};
use mfi_core::pricing::Disclosure;
use mfi_core::report::{payee_key, savings_kept, timing_key};
use mfi_core::scoring::Settings;
use rust_decimal::Decimal;

impl RepaymentView {
    /// One offer's card: the instalment large, what she pays in all and what
    /// the loan costs her; what she has in hand, each charge, the savings;
    /// then the quoted markup against the true rate. Every figure is the
    /// offer's disclosure.
    pub(super) fn card(
        &mut self,
        ui: &mut egui::Ui,
        k: usize,
        c: &Compared,
        settings: &Settings,
        t: Tongue,
    ) {
        let d = &c.disclosure;
        // The low end of each figure (the high end's when all is known).
        let lo: &Disclosure = c.low.as_deref().unwrap_or(d);
        if ui
            .selectable_label(self.focus == k, bold(&c.label, 16.0))
            .on_hover_text(t.t("repay.show_schedule"))
            .clicked()
        {
            self.focus = k;
        }
        // What she hands over, never an average: equal instalments; or the
        // regular ones, then the balloon in its own month; or one payment.
        let (big, in_month) = c.largest;
        // Its calendar month too, when her months place it.
        let calendar = c
            .strip
            .as_ref()
            .and_then(|s| s.rows.get((in_month as usize).saturating_sub(1)))
            .and_then(|r| r.calendar);
        let in_month_ui = |ui: &mut egui::Ui| {
            t.wrapped_line(ui, |ui| match calendar {
                Some(m) => t.sentence_of(
                    ui,
                    "repay.in_month_cal",
                    &[
                        ("{n}", vec![Piece::Number(in_month.to_string())]),
                        (
                            "{month}",
                            vec![Piece::Words(
                                mfi_core::i18n::month(t.lang, u32::from(m) + 1).into(),
                            )],
                        ),
                    ],
                    16.0,
                ),
                None => t.sentence(ui, "repay.in_month", &[("{n}", in_month.to_string())], 16.0),
            });
        };
        if d.count <= 1 {
            ui.label(t.key("repay.one_payment", 14.0, false));
            t.line(ui, |ui| t.money(ui, big, 34.0, true));
            in_month_ui(ui);
        } else {
            // A last payment that differs (a balloon, or what rounding left:
            // Rs 2,117 x 11, then Rs 2,113) is shown on its own, as her page
            // and the report's members table say it: twelve of the regular
            // one are not what she pays back.
            let last_differs = !c.balloon && d.last_instalment != d.instalment;
            let regular = if c.balloon || last_differs {
                d.count - 1
            } else {
                d.count
            };
            ui.label(t.key("repay.each_instalment", 14.0, false));
            t.line(ui, |ui| {
                t.money_range(ui, lo.instalment, d.instalment, 34.0, true)
            });
            t.line(ui, |ui| {
                ui.label(t.number("×", 20.0, true));
                ui.label(t.number(&regular.to_string(), 20.0, true));
                let unit = if d.frequency.periods_per_year() == 12 {
                    "repay.times_months"
                } else {
                    "repay.times_instalments"
                };
                ui.label(t.key(unit, 20.0, true));
            });
            if c.balloon {
                ui.label(t.key("repay.last_payment", 14.0, false));
                t.line(ui, |ui| t.money(ui, big, 28.0, true));
                in_month_ui(ui);
            } else if last_differs {
                ui.label(t.key("repay.last_payment", 14.0, false));
                t.line(ui, |ui| {
                    t.money_range(ui, lo.last_payment(), d.last_payment(), 20.0, true)
                });
            }
        }
        if let Some(asked) = c.asked_months {
            t.wrapped_line(ui, |ui| {
                t.sentence(
                    ui,
                    "repay.term_asked",
                    &[("{asked}", asked.to_string())],
                    13.0,
                )
            });
        }
        if d.regular_payment != d.instalment {
            ui.label(t.key("repay.each_payment", 13.0, false));
            t.line(ui, |ui| {
                t.money_range(ui, lo.regular_payment, d.regular_payment, 16.0, true)
            });
        }
        ui.add_space(6.0);
        ui.label(t.key("repay.pays_back", 14.0, false));
        t.line(ui, |ui| {
            // Once the money is in her hand: the sum of her calendar, as on
            // her page and in the report's members table.
            t.money_range(ui, lo.pays_back(), d.pays_back(), 24.0, true)
        });
        ui.label(t.key("repay.costs_her", 14.0, false));
        t.line(ui, |ui| {
            t.money_range(ui, lo.total_cost, d.total_cost, 24.0, true)
        });
        if let (Some(loan), Some(strip)) = (&c.loan, &c.strip) {
            // Whether it fits her months: the picture, then in words,
            // before the details of the charges.
            ui.add_space(6.0);
            ui.label(t.key("repay.her_months", 14.0, true));
            crate::her_months::strip_ui(ui, strip, t, false);
            crate::her_months::verdict_ui(ui, loan, Some(strip), settings, t, 13.0);
        }
        ui.add_space(6.0);
        if d.received != d.amount || lo.received != lo.amount {
            t.line(ui, |ui| {
                ui.label(t.key("repay.in_hand", 13.0, false));
                t.money_range(ui, d.received, lo.received, 13.0, true);
            });
        }
        if c.low.is_some() {
            // In Urdu word by word, so that its lines come in reading order.
            ui.scope(|ui| {
                t.wrapped_line(ui, |ui| {
                    let warn = ui.visuals().warn_fg_color;
                    t.paragraph(ui, "repay.range_note", 12.0, Some(warn));
                });
            })
            .response
            .on_hover_text("Low end: the unknown charges, premiums and deposit as none (a ranged markup at its low end). High end: each at the highest any offer of the study states (where none states one, the tool's default: documentation charges 2.5%, life premium 1%, health Rs 800, a 10% deposit). The ranking reads the high end.");
        }
        for line in &d.charges {
            if line.rupees.is_zero() && line.tax.is_zero() {
                continue;
            }
            // The same charge at the low end: none when it is unknown.
            let low = lo
                .charges
                .iter()
                .find(|l| l.name == line.name && l.timing == line.timing)
                .map_or(Decimal::ZERO, |l| l.rupees + l.tax);
            t.wrapped_line(ui, |ui| {
                let name = mfi_core::i18n::charge_name(t.lang, &line.name).unwrap_or(&line.name);
                // Word by word, a word's space apart: a label of several
                // Urdu words broken across two rows of the card would read
                // its second row first.
                if t.lang.rtl() {
                    ui.spacing_mut().item_spacing.x = 4.0;
                }
                t.words_piece(ui, name, 13.0, false);
                t.money_range(ui, low, line.rupees + line.tax, 13.0, false);
                if !line.tax.is_zero() {
                    t.words_piece(ui, t.t("repay.with_tax"), 12.0, false);
                }
                t.words_piece(ui, t.t(timing_key(line.timing)), 12.0, false);
                t.words_piece(ui, t.t(payee_key(line.payee)), 12.0, false);
            });
        }
        // The savings at both ends: none kept when the deposit is unknown
        // and none is charged.
        let kept = |x: &Disclosure| savings_kept(x).unwrap_or(Decimal::ZERO);
        if savings_kept(d).is_some() || savings_kept(lo).is_some() {
            t.line(ui, |ui| {
                ui.label(t.key("repay.savings_kept", 13.0, false));
                t.money_range(ui, kept(lo), kept(d), 13.0, false);
            });
            t.line(ui, |ui| {
                ui.label(t.key("repay.savings_back", 13.0, false));
                t.money_range(ui, lo.savings_refunded, d.savings_refunded, 13.0, false);
            });
        }
        ui.add_space(6.0);
        t.line(ui, |ui| {
            ui.label(t.key("repay.quoted_markup", 13.0, false));
            ui.label(t.number(&format!("{}%", c.markup.normalize()), 13.0, false));
        });
        let rate = |x: Option<Decimal>| match x {
            Some(x) => mfi_core::money::percent_text(x, 1),
            None => "-".to_string(),
        };
        t.line(ui, |ui| {
            ui.label(t.key("repay.true_rate", 13.0, false));
            let text = if lo.apr_percent == d.apr_percent {
                rate(d.apr_percent)
            } else {
                format!("{} - {}", rate(lo.apr_percent), rate(d.apr_percent))
            };
            ui.label(t.number(&text, 13.0, true))
                .on_hover_text(&d.rate_name);
        });
        if d.markup_only_apr_percent != d.apr_percent {
            t.line(ui, |ui| {
                ui.label(t.key("repay.markup_only", 13.0, false));
                ui.label(t.number(&rate(d.markup_only_apr_percent), 13.0, false));
            });
        }

        if !c.to_verify.is_empty() {
            // The facts themselves (in English, for staff) on hover: the
            // card stays short for members.
            let facts = c.to_verify.join("\n");
            t.line(ui, |ui| {
                ui.label(t.key("repay.to_verify", 13.0, false))
                    .on_hover_text(&facts);
                ui.label(t.number(&c.to_verify.len().to_string(), 13.0, true))
                    .on_hover_text(&facts);
            });
        }
    }
}
