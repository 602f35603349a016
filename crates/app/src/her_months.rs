//! Her months over a loan, as a member sees them in the repayment view: a
//! strip of bars, one a month from the disbursement to the last payment
//! (what her household spends and her other debts, the loan's payment, what
//! she puts aside, what is left; a month that does not fit marked), with
//! the rupees under it for the offer picked; and in words, which months do
//! not fit and why, what she must put aside, whether her business pays for
//! the loan. The figures are the core's ([`Loan::her_months`]); this only
//! draws them.

use crate::words::{Piece, Tongue};
use egui::{Color32, Rect, Sense, Stroke, pos2, vec2};
use mfi_core::data::plans::MicroInvestmentPlan;
use mfi_core::i18n;
use mfi_core::money::group_rupees;
use mfi_core::scoring::months::{AsideFor, MonthRow, ShortWhy, rupees};
use mfi_core::scoring::negotiate::{Proposal, Proposed};
use mfi_core::scoring::{HerStrip, Loan, Settings};

/// Her household's expenses and her other debts.
const OUT: Color32 = Color32::from_rgb(150, 150, 150);
/// The loan's payment, from the month's own money.
const PAY: Color32 = Color32::from_rgb(225, 120, 25);
/// What she puts aside for a later payment.
const ASIDE: Color32 = Color32::from_rgb(235, 195, 55);
/// A payment met from money put aside before or saved.
const BEFORE: Color32 = Color32::from_rgb(250, 205, 160);
/// What is left to her.
const LEFT: Color32 = Color32::from_rgb(70, 160, 90);
/// A month that does not fit.
const SHORT: Color32 = Color32::from_rgb(210, 45, 45);
/// The part of a payment a month that does not fit cannot meet.
const LACKING: Color32 = Color32::from_rgb(240, 160, 160);

/// A month as a member reads it: its calendar name ("Jun", "جون") when the
/// disbursement's month is known, else the month of the loan ("month 3").
fn month_pieces(t: Tongue, month: u32, calendar: Option<u8>) -> Vec<Piece> {
    match calendar {
        Some(c) => vec![Piece::Words(i18n::month(t.lang, u32::from(c) + 1).into())],
        None => vec![
            Piece::Words(t.t("repay.month_n").into()),
            Piece::Number(month.to_string()),
        ],
    }
}

/// Months in words: "Jun, Jul and Aug", "Jun to Sep" when more than three
/// follow one another, "every month" when they are all the loan's months,
/// "Jun, Jul, Sep and 4 other months" beyond six.
pub fn months_pieces(t: Tongue, months: &[(u32, Option<u8>)], term: u32) -> Vec<Piece> {
    let n = months.len();
    let consecutive = months.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    let one = |k: usize| {
        months
            .get(k)
            .map(|&(m, c)| month_pieces(t, m, c))
            .unwrap_or_default()
    };
    let mut out: Vec<Piece> = Vec::new();
    let and = Piece::Words(t.t("repay.months_and").into());
    let comma = if t.lang.rtl() { "،" } else { "," };
    let list = |out: &mut Vec<Piece>, upto: usize| {
        for k in 0..upto {
            out.extend(one(k));
            if k + 2 < upto {
                out.push(Piece::Words(comma.into()));
            } else if k + 2 == upto {
                out.push(and.clone());
            }
        }
    };
    match n {
        0 => {}
        1 => out.extend(one(0)),
        _ if consecutive && months[0].0 == 1 && n as u32 >= term => {
            out.push(Piece::Words(t.t("repay.every_month").into()));
        }
        _ if n > 3 && consecutive => {
            out.extend(one(0));
            out.push(Piece::Words(t.t("repay.to").into()));
            out.extend(one(n - 1));
        }
        _ if n > 6 => {
            for k in 0..3 {
                out.extend(one(k));
                if k < 2 {
                    out.push(Piece::Words(comma.into()));
                }
            }
            out.push(and);
            out.push(Piece::Number((n - 3).to_string()));
            out.push(Piece::Words(t.t("repay.other_months").into()));
        }
        _ => list(&mut out, n),
    }
    merge_words(out)
}

/// Neighbouring words as one piece ("Jun," "Jul" "and" "Aug" as "Jun,
/// Jul and Aug"), so that a list reads as one phrase; a comma sticks to
/// the word before it.
fn merge_words(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Words(a)), Piece::Words(b)) => {
                if !(b == "," || b == "،") {
                    a.push(' ');
                }
                a.push_str(&b);
            }
            (_, p) => out.push(p),
        }
    }
    out
}

/// The months of a list of short months, with their calendar names.
fn of_months<'a>(
    short: impl Iterator<Item = &'a mfi_core::scoring::months::ShortMonth>,
) -> Vec<(u32, Option<u8>)> {
    short.map(|s| (s.month, s.calendar)).collect()
}

/// Whether she can carry the loan, in her language: it fits; it fits only
/// if she puts money aside (how much, for how long, for what); or which
/// months do not fit and why. Then whether it still fits if her income
/// falls, and whether her business pays for the loan.
pub fn verdict_ui(
    ui: &mut egui::Ui,
    loan: &Loan,
    strip: Option<&HerStrip>,
    settings: &Settings,
    t: Tongue,
    size: f32,
) {
    let warn = ui.visuals().warn_fg_color;
    if loan.affordable {
        match loan.put_aside {
            None => {
                t.wrapped_line(ui, |ui| {
                    ui.label(egui::RichText::new("✔").size(size * 1.2).color(LEFT));
                    ui.label(t.key("repay.fits", size, true));
                });
            }
            Some(a) => {
                // Less in some months (her lean ones): "up to".
                let varies = strip.is_some_and(|s| {
                    s.rows
                        .iter()
                        .filter(|r| r.aside > 0)
                        .any(|r| r.aside + 100 < a.monthly)
                });
                let key = match (a.what_for, varies) {
                    (AsideFor::LargePayment, false) => "repay.fits_aside_last",
                    (AsideFor::LargePayment, true) => "repay.fits_aside_last_upto",
                    (AsideFor::LeanMonths, false) => "repay.fits_aside_lean",
                    (AsideFor::LeanMonths, true) => "repay.fits_aside_lean_upto",
                };
                t.wrapped_line(ui, |ui| {
                    t.sentence_of(
                        ui,
                        key,
                        &[
                            ("{aside}", vec![Piece::Money(rupees(a.monthly))]),
                            ("{n}", vec![Piece::Number(a.months.to_string())]),
                        ],
                        size,
                    );
                });
            }
        }
        if !loan.affordable_under_stress {
            t.wrapped_line(ui, |ui| {
                t.sentence_of(ui, "repay.not_under_stress", &[stress_drop(settings)], size);
            });
        }
    } else {
        t.wrapped_line(ui, |ui| {
            ui.label(egui::RichText::new("✖").size(size * 1.2).color(SHORT));
            ui.label(t.key("repay.not_fit", size, true).color(warn));
        });
        for (key, places) in short_reasons(loan, settings, t) {
            t.wrapped_line(ui, |ui| t.sentence_of(ui, key, &places, size));
        }
    }
    if let Some(w) = loan.worth {
        let key = if w.pays() {
            "repay.worth_pays"
        } else {
            "repay.worth_not"
        };
        t.wrapped_line(ui, |ui| {
            t.sentence_of(
                ui,
                key,
                &[
                    ("{extra}", vec![Piece::Money(w.extra_profit)]),
                    ("{cost}", vec![Piece::Money(w.cost)]),
                ],
                size,
            );
        });
    }
}

/// A sentence to say: the translation's key and what goes in its places.
pub type Sentence = (&'static str, Vec<(&'static str, Vec<Piece>)>);

/// A row of the strip: its name's key, the colour beside it, its figure.
type StripLine = (&'static str, Option<Color32>, fn(&MonthRow) -> i64);

/// Why a loan does not fit her months, one sentence a reason (the
/// translation's key and its places): the last payment more than she can
/// have by then; the months whose payment is more than she can spare; the
/// months her household spends more than it earns; the months her debts
/// would take more of her income than the study allows.
pub fn short_reasons(loan: &Loan, settings: &Settings, t: Tongue) -> Vec<Sentence> {
    let mut out = Vec::new();
    let (largest, in_month) = loan.largest_payment;
    let balloon = loan.has_balloon();
    let pay =
        |s: &&mfi_core::scoring::months::ShortMonth| matches!(s.why, ShortWhy::Payment { .. });
    for s in loan.short_months.iter().filter(pay) {
        if let ShortWhy::Payment { could, .. } = s.why
            && balloon
            && s.month == in_month
        {
            out.push((
                "repay.short_balloon",
                vec![
                    ("{pays}", vec![Piece::Money(largest)]),
                    ("{months}", month_pieces(t, s.month, s.calendar)),
                    ("{could}", vec![Piece::Money(rupees(could))]),
                ],
            ));
        }
    }
    let regular: Vec<&mfi_core::scoring::months::ShortMonth> = loan
        .short_months
        .iter()
        .filter(pay)
        .filter(|s| !(balloon && s.month == in_month))
        .collect();
    if !regular.is_empty() {
        // The payment most of these months ask, and the least she can spare.
        let (usual, least, same) =
            mfi_core::scoring::months::payment_shortfall(regular.iter().copied());
        out.push((
            if same {
                "repay.short_pay"
            } else {
                "repay.short_pay_least"
            },
            vec![
                (
                    "{months}",
                    months_pieces(t, &of_months(regular.iter().copied()), loan.months),
                ),
                ("{pays}", vec![Piece::Money(rupees(usual))]),
                ("{could}", vec![Piece::Money(rupees(least))]),
            ],
        ));
    }
    let household = of_months(
        loan.short_months
            .iter()
            .filter(|s| matches!(s.why, ShortWhy::Household { .. })),
    );
    if !household.is_empty() {
        out.push((
            "repay.short_household",
            vec![("{months}", months_pieces(t, &household, loan.months))],
        ));
    }
    let debts: Vec<&mfi_core::scoring::months::ShortMonth> = loan
        .short_months
        .iter()
        .filter(|s| matches!(s.why, ShortWhy::Debts { .. }))
        .collect();
    if !debts.is_empty() {
        let months = months_pieces(t, &of_months(debts.iter().copied()), loan.months);
        let worst = debts
            .iter()
            .filter_map(|s| match s.why {
                ShortWhy::Debts { ratio_bp } => Some(ratio_bp),
                _ => None,
            })
            .max_by_key(|r| r.unwrap_or(i64::MAX))
            .flatten();
        let cap = vec![Piece::Number(format!(
            "{}%",
            settings.debt_service_cap_percent.normalize()
        ))];
        match worst {
            Some(bp) => out.push((
                "repay.short_debts",
                vec![
                    ("{months}", months),
                    ("{share}", vec![Piece::Number(format!("{}%", bp / 100))]),
                    ("{cap}", cap),
                ],
            )),
            None => out.push(("repay.short_debts_all", vec![("{months}", months)])),
        }
    }
    out
}

/// When the loan is paid out, as her months are placed: the date set; or,
/// none set and her months differing, the worst month assumed and the
/// months in which a payout would fit; or her plan giving no months.
pub fn start_ui(ui: &mut egui::Ui, strip: &HerStrip, loan: &Loan, t: Tongue, size: f32) {
    if strip.same_every_month {
        t.wrapped_line(ui, |ui| {
            ui.label(t.key("repay.same_months", size, false));
        });
        return;
    }
    let Some(start) = strip.start else {
        return;
    };
    let name = |m: u8| {
        vec![Piece::Words(
            i18n::month(t.lang, u32::from(m % 12) + 1).into(),
        )]
    };
    if strip.assumed {
        t.wrapped_line(ui, |ui| {
            t.sentence_of(ui, "repay.start_assumed", &[("{month}", name(start))], size);
        });
        if let Some(p) = loan.paid_out {
            t.wrapped_line(ui, |ui| {
                if p.fits == 0 {
                    ui.label(t.key("repay.start_fits_none", size, false));
                } else {
                    ui.label(t.key("repay.start_fits", size, false));
                    let months: Vec<&str> = (0..12u32)
                        .filter(|m| p.fits & (1 << m) != 0)
                        .map(|m| i18n::month(t.lang, m + 1))
                        .collect();
                    let sep = if t.lang.rtl() { "، " } else { ", " };
                    ui.label(t.words(&months.join(sep), size, true));
                }
            });
        }
    } else {
        t.wrapped_line(ui, |ui| {
            t.sentence_of(
                ui,
                "repay.start_set",
                &[("{month}", name(start)), ("{next}", name(start + 1))],
                size,
            );
        });
    }
}

/// Her highest debt-service ratio over the loan against the study's cap,
/// after the rupees.
pub fn dsr_ui(ui: &mut egui::Ui, loan: &Loan, settings: &Settings, t: Tongue, size: f32) {
    let Some(dsr) = loan.dsr_percent else {
        return;
    };
    t.wrapped_line(ui, |ui| {
        t.sentence_of(
            ui,
            "repay.dsr",
            &[
                ("{share}", vec![Piece::Number(format!("{dsr:.0}%"))]),
                (
                    "{cap}",
                    vec![Piece::Number(format!(
                        "{}%",
                        settings.debt_service_cap_percent.normalize()
                    ))],
                ),
            ],
            size,
        );
    });
}

/// The parts of one month's bar, from the bottom: her household and other
/// debts, the payment from the month's own money, what she puts aside,
/// what is left, and on top what is paid from money put aside or saved (in
/// a month that does not fit, what she lacks, in red).
fn parts(r: &MonthRow) -> [(i64, Color32); 5] {
    [
        (r.out.max(0), OUT),
        ((r.pays - r.from_before).max(0), PAY),
        (r.aside.max(0), ASIDE),
        (r.left.max(0), LEFT),
        (r.from_before.max(0), if r.short { LACKING } else { BEFORE }),
    ]
}

/// A month's figures in words, for the hover of its bar.
fn month_hover(t: Tongue, r: &MonthRow) -> String {
    let rs = |p: i64| i18n::rupees_text(t.lang, t.digits, rupees(p));
    let name = match r.calendar {
        Some(c) => i18n::month(t.lang, u32::from(c) + 1).to_string(),
        None => format!("{} {}", t.t("repay.month_n"), r.month),
    };
    let mut lines = vec![
        name,
        format!("{}: {}", t.t("repay.strip_in"), rs(r.income)),
        format!("{}: {}", t.t("repay.strip_out"), rs(r.out)),
        format!("{}: {}", t.t("repay.strip_pay"), rs(r.pays)),
    ];
    if r.aside > 0 {
        lines.push(format!("{}: {}", t.t("repay.strip_aside"), rs(r.aside)));
    }
    if r.from_before > 0 {
        lines.push(format!(
            "{}: {}",
            t.t("repay.strip_from_before"),
            rs(r.from_before)
        ));
    }
    lines.push(format!("{}: {}", t.t("repay.strip_left"), rs(r.left)));
    if r.short {
        lines.push(t.t("repay.strip_short").to_string());
    }
    lines.join("\n")
}

/// Her months as a strip of bars, one a month (in Urdu the first month at
/// the right). `full`: larger, with the month under each bar and the
/// rupees of each part in rows below (each row's colour beside its name,
/// as the legend); otherwise the bars alone, to fit on an offer's card,
/// the figures of a month on hover.
pub fn strip_ui(ui: &mut egui::Ui, strip: &HerStrip, t: Tongue, full: bool) {
    let rows = &strip.rows;
    if rows.is_empty() {
        return;
    }
    let n = rows.len();
    let rtl = t.lang.rtl();
    let label_w = if full { 250.0 } else { 0.0 };
    let col_w = if full {
        ((ui.available_width() - label_w) / n as f32).clamp(60.0, 90.0)
    } else {
        (ui.available_width() / n as f32).max(3.0)
    };
    let bar_h = if full { 150.0 } else { 46.0 };
    let month_h = if full { 22.0 } else { 10.0 };
    let line_h = 20.0;
    let any = |f: fn(&MonthRow) -> i64| rows.iter().any(|r| f(r) != 0);
    // (key, colour of its swatch, value)
    let mut lines: Vec<StripLine> = vec![
        ("repay.strip_in", None, |r| r.income),
        ("repay.strip_out", Some(OUT), |r| r.out),
        ("repay.strip_pay", Some(PAY), |r| r.pays),
    ];
    if any(|r| r.aside) {
        lines.push(("repay.strip_aside", Some(ASIDE), |r| r.aside));
    }
    if any(|r| r.from_before) {
        lines.push(("repay.strip_from_before", Some(BEFORE), |r| r.from_before));
    }
    lines.push(("repay.strip_left", Some(LEFT), |r| r.left));
    let numbers_h = if full {
        line_h * lines.len() as f32
    } else {
        0.0
    };
    let width = label_w + col_w * n as f32;
    let (rect, resp) =
        ui.allocate_exact_size(vec2(width, bar_h + month_h + numbers_h), Sense::hover());
    // Where month k (from 0) and the names' column are.
    let col = |k: usize| {
        let x = if rtl {
            rect.right() - label_w - (k + 1) as f32 * col_w
        } else {
            rect.left() + label_w + k as f32 * col_w
        };
        (x, x + col_w)
    };
    let names = if rtl {
        (rect.right() - label_w, rect.right())
    } else {
        (rect.left(), rect.left() + label_w)
    };
    let top = |r: &MonthRow| parts(r).iter().map(|p| p.0).sum::<i64>();
    let scale = rows.iter().map(top).max().unwrap_or(0).max(1) as f32;
    let painter = ui.painter_at(rect.expand(2.0));
    let base = rect.top() + bar_h;
    let room = bar_h - 6.0;
    let text = ui.visuals().text_color();
    for (k, r) in rows.iter().enumerate() {
        let (x0, x1) = col(k);
        let pad = (col_w * 0.18).min(12.0);
        let (bx0, bx1) = (x0 + pad, x1 - pad);
        let mut y = base;
        for (v, colour) in parts(r) {
            if v <= 0 {
                continue;
            }
            let h = v as f32 / scale * room;
            let seg = Rect::from_min_max(pos2(bx0, y - h), pos2(bx1, y));
            painter.rect_filled(seg, 0.0, colour);
            if colour == BEFORE || colour == LACKING {
                let edge = if colour == BEFORE { PAY } else { SHORT };
                painter.rect_stroke(seg, 0.0, Stroke::new(1.5, edge), egui::StrokeKind::Inside);
            }
            y -= h;
        }
        // Her income's level, where the household spends more than it earns.
        if r.left < 0 {
            let at = base - r.income.max(0) as f32 / scale * room;
            painter.line_segment(
                [pos2(bx0 - 2.0, at), pos2(bx1 + 2.0, at)],
                Stroke::new(2.0, SHORT),
            );
        }
        if r.short {
            let frame = Rect::from_min_max(pos2(x0 + 1.0, rect.top()), pos2(x1 - 1.0, base + 1.0));
            painter.rect_stroke(
                frame,
                2.0,
                Stroke::new(2.0, SHORT),
                egui::StrokeKind::Inside,
            );
        }
        painter.line_segment(
            [pos2(x0, base), pos2(x1, base)],
            Stroke::new(1.0, text.gamma_multiply(0.5)),
        );
        if !full {
            if r.short {
                painter.circle_filled(
                    pos2((x0 + x1) / 2.0, base + month_h / 2.0 + 1.0),
                    3.5,
                    SHORT,
                );
            }
            continue;
        }
        // The month under its bar; a short month in red, marked.
        let label = match r.calendar {
            Some(c) => t.words(i18n::month(t.lang, u32::from(c) + 1), 13.0, r.short),
            None => t.number(&r.month.to_string(), 13.0, r.short),
        };
        let label = if r.short { label.color(SHORT) } else { label };
        let cell = Rect::from_min_max(pos2(x0, base), pos2(x1, base + month_h));
        ui.put(cell, egui::Label::new(label).selectable(false));
        for (line, (_, _, value)) in lines.iter().enumerate() {
            let v = value(r);
            let y0 = base + month_h + line as f32 * line_h;
            let cell = Rect::from_min_max(pos2(x0, y0), pos2(x1, y0 + line_h));
            let shown = if v == 0 && line > 0 {
                "-".to_string()
            } else {
                group_rupees(rupees(v), false)
            };
            let mut rich = t.number(&shown, 13.0, line == lines.len() - 1);
            // What she lacks in a month that does not fit, and a negative
            // figure, in red.
            let lacking = r.short && lines[line].0 == "repay.strip_from_before" && v > 0;
            if v < 0 || lacking {
                rich = rich.color(SHORT);
            }
            ui.put(cell, egui::Label::new(rich).selectable(false));
        }
    }
    if full {
        // The names of the rows, each with its colour: the legend.
        let cell = Rect::from_min_max(pos2(names.0, base), pos2(names.1, base + month_h));
        let heading = if rows.iter().any(|r| r.calendar.is_some()) {
            ""
        } else {
            t.t("repay.strip_month")
        };
        if !heading.is_empty() {
            name_ui(ui, cell, t, heading, None, false);
        }
        for (line, (key, swatch, _)) in lines.iter().enumerate() {
            let y0 = base + month_h + line as f32 * line_h;
            let cell = Rect::from_min_max(pos2(names.0, y0), pos2(names.1, y0 + line_h));
            name_ui(ui, cell, t, t.t(key), *swatch, line == lines.len() - 1);
        }
        if rows.iter().any(|r| r.short) {
            let cell = Rect::from_min_max(
                pos2(names.0, rect.top()),
                pos2(names.1, rect.top() + line_h),
            );
            name_ui(ui, cell, t, t.t("repay.strip_short"), Some(SHORT), true);
        }
    }
    // The figures of the month under the pointer.
    if let Some(p) = resp.hover_pos() {
        let k = (0..n).find(|&k| {
            let (x0, x1) = col(k);
            p.x >= x0 && p.x < x1
        });
        if let Some(r) = k.and_then(|k| rows.get(k)) {
            let text = month_hover(t, r);
            if t.lang.rtl() {
                // Line by line from the right, each figure in its place
                // ("آمدن: ۱۱٬۲۰۰ روپے"): as one text, egui would lay the
                // words and the figures out left to right.
                resp.on_hover_ui_at_pointer(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    for line in text.lines() {
                        t.line(ui, |ui| t.words_piece(ui, line, 12.5, false));
                    }
                });
            } else {
                resp.on_hover_text_at_pointer(text);
            }
        }
    }
}

/// A row's name in the strip's names column, its colour beside it.
fn name_ui(
    ui: &mut egui::Ui,
    cell: Rect,
    t: Tongue,
    name: &str,
    swatch: Option<Color32>,
    strong: bool,
) {
    ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(cell)
            .layout(t.line_layout()),
        |ui| {
            if let Some(c) = swatch {
                let (r, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                ui.painter().rect_filled(r, 2.0, c);
            }
            ui.add(
                egui::Label::new(t.words(name, 13.0, strong))
                    .selectable(false)
                    .truncate(),
            );
        },
    );
}

/// What she pays under terms to negotiate, as pieces: the amounts fewer
/// months pay with their months, the amount of the other months, the last
/// payment when it differs, and how many ("Rs 800 in Jun, Jul and Aug, Rs
/// 2,400 in the other months, 12 payments"; in Urdu the months before each
/// amount).
fn proposal_pays(p: &Proposal, t: Tongue) -> Vec<Piece> {
    let said = p.said();
    let comma = Piece::Words(if t.lang.rtl() { "،" } else { "," }.into());
    let words = |key: &'static str| Piece::Words(t.t(key).into());
    let mut out: Vec<Piece> = Vec::new();
    for (amount, months) in &said.others {
        let when = months_pieces(t, months, p.months);
        let money = Piece::Money(rupees(*amount));
        if t.lang.rtl() {
            out.extend(when);
            out.push(words("repay.n_in"));
            out.push(money);
        } else {
            out.push(money);
            out.push(words("repay.n_in"));
            out.extend(when);
        }
        out.push(comma.clone());
    }
    let usual = if said.in_other_months {
        "repay.n_other_months"
    } else {
        "repay.n_a_month"
    };
    if t.lang.rtl() {
        out.push(words(usual));
        out.push(Piece::Money(rupees(said.usual)));
    } else {
        out.push(Piece::Money(rupees(said.usual)));
        out.push(words(usual));
    }
    if let Some(last) = said.last {
        out.push(comma.clone());
        out.push(words("repay.n_last"));
        out.push(Piece::Money(rupees(last)));
    }
    out.push(comma);
    out.push(Piece::Number(said.count.to_string()));
    out.push(words("repay.n_count"));
    out
}

/// A yearly rate known within a range as pieces, the lower first in the
/// reading direction: "23.6%", or "23.6%", "-", "37.7%".
fn rate_pieces(low: f64, high: f64) -> Vec<Piece> {
    let (a, b) = (
        format!("{:.1}%", low.min(high)),
        format!("{:.1}%", low.max(high)),
    );
    if a == b {
        vec![Piece::Number(a)]
    } else {
        vec![
            Piece::Number(a),
            Piece::Number("-".into()),
            Piece::Number(b),
        ]
    }
}

/// Terms to negotiate with the MFI, when her offer does not fit her months
/// (or only with money put aside, or only over a longer term): each with
/// its payments, what it costs and its APR, and a small strip of her months
/// under it. The terms are the core's
/// ([`mfi_core::scoring::negotiate::to_negotiate`]); this only says
/// them.
pub fn negotiate_ui(
    ui: &mut egui::Ui,
    props: &[Proposal],
    plan: &MicroInvestmentPlan,
    settings: &Settings,
    t: Tongue,
    size: f32,
) {
    if props.is_empty() {
        return;
    }
    ui.add_space(6.0);
    t.wrapped_line(ui, |ui| {
        ui.label(t.key("repay.n_title", size * 1.1, true));
    });
    t.wrapped_line(ui, |ui| t.paragraph(ui, "repay.n_ask", size * 0.9, None));
    for p in props {
        let pays = proposal_pays(p, t);
        let (key, places) = match p.kind {
            Proposed::LongerTerm => (
                "repay.n_longer",
                vec![
                    ("{n}", vec![Piece::Number(p.months.to_string())]),
                    ("{asked}", vec![Piece::Number(p.asked_months.to_string())]),
                    ("{pays}", pays),
                ],
            ),
            Proposed::Grace => (
                "repay.n_grace",
                vec![
                    ("{months}", months_pieces(t, &p.no_payment(), p.months)),
                    ("{pays}", pays),
                ],
            ),
            Proposed::Seasonal if p.said().others.is_empty() => {
                ("repay.n_along", vec![("{pays}", pays)])
            }
            Proposed::Seasonal => ("repay.n_seasonal", vec![("{pays}", pays)]),
        };
        t.wrapped_line(ui, |ui| t.sentence_of(ui, key, &places, size));
        let cost = if p.total_cost.certain() {
            vec![Piece::Money(p.total_cost.high)]
        } else {
            vec![
                Piece::Money(p.total_cost.low.min(p.total_cost.high)),
                Piece::Number("-".into()),
                Piece::Money(p.total_cost.low.max(p.total_cost.high)),
            ]
        };
        t.wrapped_line(ui, |ui| {
            t.sentence_of(
                ui,
                "repay.n_costs",
                &[
                    ("{cost}", cost),
                    ("{rate}", rate_pieces(p.apr.low, p.apr.high)),
                ],
                size,
            );
            if !p.fits_under_stress {
                t.sentence_of(ui, "repay.n_stress", &[stress_drop(settings)], size);
            }
        });
        strip_ui(ui, &p.her_months(plan, settings), t, false);
    }
}

/// The "{drop}" of the sentences on her months under stress: the fall in
/// her income the study tries ("20%").
fn stress_drop(settings: &Settings) -> (&'static str, Vec<Piece>) {
    (
        "{drop}",
        vec![Piece::Number(format!(
            "{}%",
            settings.stress_income_drop_percent.normalize()
        ))],
    )
}
