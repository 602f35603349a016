//! The Loan card view: a card's lines typed or pasted (or filled from a
//! product of the matrix and then changed), priced to their true cost by
//! the method chosen, and set against a product's quoted terms in rupees.
//! The figures are the core's (`mfi_core::card`), the same as `card`'s.

use mfi_core::card::{self, CardPrice, LoanCard, Method, Quoted};
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::i18n::capitalised;
use mfi_core::money::{self, percent_text, rs, rs_paisa};
use mfi_core::offer::{self, End, Highs};
use mfi_core::pricing;
use rust_decimal::Decimal;

/// What the Loan card view keeps between frames.
pub struct CardView {
    /// The card's lines as typed: `2026-01-15, 25,000, disbursed`.
    pub text: String,
    /// How the annual rate is worked out.
    pub method: Method,
    /// The product the card is from (institution, product), if any.
    pub product: Option<(usize, usize)>,
    /// The amount to fill the card from the product with, as typed.
    pub amount_text: String,
    /// The term to fill it with, in months, as typed.
    pub months_text: String,
    /// The day the loan is paid out, as typed.
    pub date_text: String,
    /// What filling the card said (what was assumed, or why it could not).
    pub fill_note: Option<String>,
    /// The card read and priced from the text: `None` while nothing is
    /// typed; the messages of what could not be read.
    pub result: Option<Result<Priced, String>>,
}

/// A card priced, and the product's quoted terms beside it.
#[derive(Debug, Clone)]
pub struct Priced {
    /// The card's figures.
    pub card: CardPrice,
    /// The product's quoted terms for the same loan, or why they cannot be
    /// priced.
    pub quoted: Option<Result<Quoted, String>>,
}

impl Default for CardView {
    fn default() -> Self {
        CardView {
            text: String::new(),
            method: Method::Periodic,
            product: None,
            amount_text: "25,000".into(),
            months_text: "12".into(),
            date_text: Date::today().to_string(),
            fill_note: None,
            result: None,
        }
    }
}

/// The example shown in the empty field.
const HINT: &str = "date, rupees, what (one line each), e.g.\n2026-01-12, 20,000, disbursed\n2026-01-12, 400, charge\n2026-02-12, 2,000, payment\n...";

impl CardView {
    /// Reads and prices the card typed (every frame the view is shown: a
    /// card is priced in well under a millisecond, and the matrix it is
    /// set against may have changed).
    fn refresh(&mut self, study: &StudyDoc) {
        self.result = if self.text.trim().is_empty() {
            None
        } else {
            Some(read(study, &self.text, self.method, self.product))
        };
    }

    /// Fills the card's lines from the product chosen: its quoted terms
    /// priced for the amount, term and day typed (at the high end of what
    /// is unknown of them), as the lines of a card, to be changed to the
    /// card's own.
    pub fn fill_from_product(&mut self, study: &StudyDoc) {
        self.fill_note = Some(match self.filled(study) {
            Ok((c, assumed)) => {
                self.text = c.to_text();
                if assumed.is_empty() {
                    "Filled from the quoted terms: change the lines to the card's own.".into()
                } else {
                    format!(
                        "Filled from the quoted terms, what is unknown at its high end ({}): change the lines to the card's own.",
                        assumed.join("; ")
                    )
                }
            }
            Err(e) => e,
        });
    }

    fn filled(&self, study: &StudyDoc) -> Result<(LoanCard, Vec<String>), String> {
        let (i, p) = self
            .product
            .ok_or("choose the product to fill the card from")?;
        let m = &study.matrix;
        let inst = m
            .institutions
            .get(i)
            .ok_or("this institution was removed")?;
        let prod = inst.products.get(p).ok_or("this product was removed")?;
        let amount = money::parse_amount(&self.amount_text)
            .ok()
            .filter(|a| *a >= Decimal::ONE)
            .ok_or_else(|| {
                format!(
                    "Amount: expected a loan of at least Rs 1, found \"{}\"",
                    self.amount_text.trim()
                )
            })?;
        let months = money::western_digits(self.months_text.trim())
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=120).contains(m))
            .ok_or_else(|| {
                format!(
                    "Months: expected a term from 1 to 120, found \"{}\"",
                    self.months_text.trim()
                )
            })?;
        let date = Date::parse(&self.date_text).ok_or_else(|| {
            format!(
                "First day: expected a date like 2026-01-15, found \"{}\"",
                self.date_text.trim()
            )
        })?;
        let highs = Highs::of(&m.institutions);
        let (mut terms, assumed) = offer::loan_terms(
            inst,
            prod,
            amount,
            months,
            study.settings.rounding,
            &highs,
            End::High,
        )
        .map_err(|e| format!("{} / {} cannot be priced: {}", inst.name, prod.name, e.0))?;
        terms.disbursed = Some(date);
        let priced = pricing::price(&terms)
            .map_err(|e| format!("{} / {} cannot be priced: {e}", inst.name, prod.name))?;
        let c = card::card_of(&priced).ok_or("the loan has no dates")?;
        Ok((c, offer::ranged_terms(&assumed)))
    }

    /// Shows the view.
    pub fn ui(&mut self, ui: &mut egui::Ui, study: &StudyDoc) {
        egui::ScrollArea::vertical()
            .id_salt("loan card")
            .auto_shrink([false, false])
            .show(ui, |ui| self.body(ui, study));
    }

    fn body(&mut self, ui: &mut egui::Ui, study: &StudyDoc) {
        ui.heading("Loan card");
        ui.label("A card or repayment schedule from an MFI, to its true cost: type or paste its lines (the date, the rupees, what it is: disbursed, charge, payment, savings or refund), or fill them from a product of the matrix and change them to the card's.");
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("The card is from:");
            let names: Vec<((usize, usize), String)> = study
                .matrix
                .institutions
                .iter()
                .enumerate()
                .flat_map(|(i, inst)| {
                    inst.products
                        .iter()
                        .enumerate()
                        .map(move |(p, prod)| ((i, p), format!("{} / {}", inst.name, prod.name)))
                })
                .collect();
            if self.product.is_some_and(|x| !names.iter().any(|(k, _)| *k == x)) {
                self.product = None;
            }
            let shown = self
                .product
                .and_then(|x| names.iter().find(|(k, _)| *k == x))
                .map(|(_, n)| n.clone())
                .unwrap_or_else(|| "no product of the matrix".into());
            egui::ComboBox::from_id_salt("card product")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.product, None, "no product of the matrix");
                    for (k, n) in &names {
                        ui.selectable_value(&mut self.product, Some(*k), n);
                    }
                })
                .response
                .accessible_name("Product of the card")
                .on_hover_text("Its quoted terms are priced for the card's loan, and the difference shown in rupees");
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Fill the lines from it: Rs");
            ui.add(egui::TextEdit::singleline(&mut self.amount_text).desired_width(90.0))
                .accessible_name("Amount to fill with");
            ui.label("over");
            ui.add(egui::TextEdit::singleline(&mut self.months_text).desired_width(36.0))
                .accessible_name("Months to fill with");
            ui.label("months, paid out on");
            ui.add(egui::TextEdit::singleline(&mut self.date_text).desired_width(96.0))
                .accessible_name("First day to fill with");
            if ui
                .add_enabled(
                    self.product.is_some(),
                    egui::Button::new("Fill the card from this product"),
                )
                .on_disabled_hover_text("Choose the product first")
                .clicked()
            {
                self.fill_from_product(study);
            }
        });
        if let Some(n) = &self.fill_note {
            ui.label(egui::RichText::new(n).italics());
        }
        ui.add_space(4.0);
        ui.add(
            egui::TextEdit::multiline(&mut self.text)
                .font(egui::TextStyle::Monospace)
                .desired_rows(12)
                .desired_width(f32::INFINITY)
                .hint_text(HINT),
        )
        .accessible_name("Card lines");
        ui.horizontal_wrapped(|ui| {
            ui.label("Method:");
            for (m, label, hover) in [
                (Method::Periodic, "Periodic (MFTransparency)", "r x periods a year, the method of Pakistani disclosures and of this tool's prices"),
                (Method::UsActuarial, "US actuarial (Regulation Z)", "Appendix J: odd days of a period earn simple interest"),
                (Method::Eu, "EU (Consumer Credit Directive)", "the annual effective rate, time in years"),
            ] {
                ui.selectable_value(&mut self.method, m, label).on_hover_text(hover);
            }
        });
        self.refresh(study);
        ui.separator();
        match &self.result {
            None => {
                ui.label("Its figures show here once lines are typed.");
            }
            Some(Err(e)) => {
                for line in e.lines() {
                    ui.colored_label(ui.visuals().error_fg_color, line);
                }
            }
            Some(Ok(p)) => figures_ui(ui, p),
        }
    }
}

/// Reads `text` as a card and prices it; with a product, its quoted terms.
fn read(
    study: &StudyDoc,
    text: &str,
    method: Method,
    product: Option<(usize, usize)>,
) -> Result<Priced, String> {
    // Messages name the card's lines as "card:16".
    let c = card::parse_card_text("card", text).map_err(|e| e.to_string())?;
    let priced = card::price_card(&c, method).map_err(|e| e.to_string())?;
    let quoted = product.and_then(|(i, p)| {
        let inst = study.matrix.institutions.get(i)?;
        let prod = inst.products.get(p)?;
        let highs = Highs::of(&study.matrix.institutions);
        Some(card::quoted_terms(
            &c,
            inst,
            prod,
            &highs,
            study.settings.rounding,
        ))
    });
    Ok(Priced {
        card: priced,
        quoted,
    })
}

fn pct(x: Option<Decimal>) -> String {
    x.map(|d| percent_text(d, 2))
        .unwrap_or_else(|| "beyond any meaningful figure".into())
}

/// The card's figures: rupees first, then the rates, then the quoted terms.
fn figures_ui(ui: &mut egui::Ui, p: &Priced) {
    let c = &p.card;
    ui.label(format!(
        "{} paid out on {}; {} to {} ({}).",
        rs(c.disbursed),
        c.start.long(),
        c.payments_words(),
        c.end.long(),
        c.unit.words()
    ));
    egui::Grid::new("card figures")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                ui.label(label);
                ui.label(egui::RichText::new(value).strong());
                ui.end_row();
            };
            row("Received in hand", rs_paisa(c.received));
            row("Payments", rs_paisa(c.payments));
            if !c.charges.is_zero() {
                row("Charges", rs_paisa(c.charges));
            }
            if !c.savings.is_zero() {
                row("Savings paid in", rs_paisa(c.savings));
            }
            if !c.refunds.is_zero() {
                row("Savings refunded", rs_paisa(c.refunds));
            }
            row("Cost of credit", rs_paisa(c.total_cost));
            row("APR", pct(c.apr()));
            if c.method != Method::Eu {
                row("EIR", pct(c.eir()));
            }
        });
    ui.label(egui::RichText::new(c.method.words()).small());
    match &p.quoted {
        None => {}
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        Some(Ok(q)) => {
            ui.separator();
            let low = q.low();
            let cost = if low.total_cost == q.high.total_cost {
                rs(q.high.total_cost)
            } else {
                format!("{} to {}", rs(low.total_cost), rs(q.high.total_cost))
            };
            let apr = match (low.apr(), q.high.apr()) {
                (Some(a), Some(b)) if percent_text(a, 2) != percent_text(b, 2) => {
                    format!("{} to {}", percent_text(a, 2), percent_text(b, 2))
                }
                (_, b) => pct(b),
            };
            ui.label(format!(
                "Quoted terms of {} / {}, {} over {} months: cost of credit {cost}, APR {apr} (periodic).",
                q.institution,
                q.product,
                rs(q.high.terms.amount),
                q.months,
            ));
            ui.label(egui::RichText::new(capitalised(&q.verdict(c))).strong());
            if let Some(o) = &q.outside {
                ui.label(capitalised(o));
            }
            for a in &q.assumptions {
                ui.label(egui::RichText::new(format!("Assumed: {a}")).small());
            }
        }
    }
}
