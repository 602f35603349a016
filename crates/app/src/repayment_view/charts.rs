//! The repayment view's two charts: the money paid back over time by each
//! offer shown, and every offer's quoted markup against its true APR.

use super::offers::Compared;
use crate::words::Tongue;
use egui_plot::{Legend, Line, Plot, PlotPoint, PlotPoints, Points, Text};
use mfi_core::money::to_f64;

/// A chart axis's words: in Urdu in the Naskh family (its own spaces and
/// percent sign, so the label is one run egui shapes right to left; in the
/// plot's default face each word was a run of its own, laid out left to
/// right, and the label read backwards); in English as the plot sets them.
fn axis(t: Tongue, key: &'static str) -> egui::WidgetText {
    if t.lang.rtl() {
        t.key(key, 13.0, false).into()
    } else {
        t.t(key).into()
    }
}

/// What she has paid over time with each of `offers` (the offers shown).
pub(super) fn paid_chart_ui(ui: &mut egui::Ui, offers: &[Compared], t: Tongue) {
    ui.with_layout(t.column_layout(), |ui| {
        ui.label(t.key("repay.paid_over_time", 16.0, true));
    });
    Plot::new("paid over time")
        .height(240.0)
        .legend(Legend::default())
        .x_axis_label(axis(t, "repay.axis_month"))
        .y_axis_label(axis(t, "repay.axis_paid"))
        .allow_scroll(false)
        .show(ui, |plot| {
            for c in offers {
                let p = &c.priced;
                let step = 12.0 / p.periods_per_year as f64;
                // What is deducted at the start, then all she
                // pays each period, less the savings returned.
                let mut total = to_f64(p.upfront_charges + p.deposit);
                let mut pts = vec![[0.0, total]];
                for r in &p.schedule {
                    total += to_f64(r.pays() - r.refund);
                    pts.push([r.period as f64 * step, total]);
                }
                plot.line(Line::new(c.label.clone(), PlotPoints::from(pts)));
            }
        });
}

/// The quoted markup against the true APR of `every` offer of the matrix
/// for this loan (not only those open to her), the line where they are
/// equal, and where a term is unknown the APR's range.
pub(super) fn markup_chart_ui(ui: &mut egui::Ui, every: &[Compared], t: Tongue) {
    ui.with_layout(t.column_layout(), |ui| {
        ui.label(t.key("repay.markup_vs_apr", 16.0, true));
    });
    Plot::new("markup vs apr")
        .height(240.0)
        .x_axis_label(axis(t, "repay.axis_markup"))
        .y_axis_label(axis(t, "repay.axis_apr"))
        .allow_scroll(false)
        .include_x(0.0)
        .include_y(0.0)
        .show(ui, |plot| {
            let max = every
                .iter()
                .map(|c| c.priced.apr_percent.max(to_f64(c.markup)))
                .fold(10.0, f64::max);
            plot.line(Line::new(
                "APR = markup",
                PlotPoints::from(vec![[0.0, 0.0], [max, max]]),
            ));
            for c in every {
                let (x, y) = (to_f64(c.markup), c.priced.apr_percent);
                // Where a term is unknown, a line down to the
                // APR at the low end (the marker is the high
                // end, which the ranking reads).
                if let Some(low) = c.low.as_ref().and_then(|l| l.apr_percent).map(to_f64)
                    && y - low > 0.05
                {
                    plot.line(
                        Line::new(
                            format!("{} (range)", c.label),
                            PlotPoints::from(vec![[x, low], [x, y]]),
                        )
                        .width(2.0),
                    );
                }
                plot.points(
                    Points::new(c.label.clone(), PlotPoints::from(vec![[x, y]])).radius(5.0),
                );
                let short = c.label.split(" / ").next().unwrap_or(&c.label).to_string();
                plot.text(
                    Text::new("", PlotPoint::new(x, y), format!("  {short}"))
                        .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
}
