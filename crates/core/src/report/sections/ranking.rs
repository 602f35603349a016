//! The CO ranking with the scatter of cost against the rest.

use crate::data::study::StudyDoc;
use crate::output::score::ranking_table;
use crate::report::{Block, Section};
use crate::scoring::Evaluation;
use rust_decimal::Decimal;

pub(super) fn ranking(doc: &StudyDoc, e: &Evaluation) -> Section {
    let points = crate::offer::price_all(
        &doc.matrix,
        Decimal::from(25_000),
        12,
        doc.settings.rounding,
    )
    .into_iter()
    .map(|o| crate::report::Point {
        label: format!("{} / {}", o.institution, o.product),
        x: crate::money::to_f64(o.markup_percent),
        y: o.priced.apr_percent,
        y_low: o
            .low
            .as_ref()
            .map_or(o.priced.apr_percent, |l| l.apr_percent),
    })
    .collect();
    Section {
        heading: "The CO ranking".into(),
        blocks: vec![
            Block::Table(ranking_table(e)),
            Block::Bars {
                title: "CO score by MFI".into(),
                bars: e.ranking.iter().map(|r| (r.mfi.clone(), r.score)).collect(),
                unit: String::new(),
                shown: Vec::new(),
            },
            Block::Scatter {
                title: "Quoted markup against the true APR, for a loan of Rs 25,000 over 12 months (a line down to the APR at the low end where a term is unknown)"
                    .into(),
                x_label: "quoted markup %".into(),
                y_label: "true APR %".into(),
                points,
            },
        ],
    }
}
