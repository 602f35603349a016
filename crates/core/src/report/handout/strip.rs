//! Her months as a strip on her page: each month's figures, what she puts
//! aside.

use super::pieces::said;
use crate::data::study::StudyDoc;
use crate::i18n::{self, Lang};
use crate::report::{MonthStrip, Piece, StripMonth, StripRow};
use crate::scoring::months::MonthRow;
use crate::scoring::{self, HerStrip};

/// The strip of her months in her page's language: a column a month, the
/// engine's figures in whole rupees and the study's digits.
pub(super) fn month_strip(doc: &StudyDoc, strip: &HerStrip, lang: Lang) -> MonthStrip {
    let digits = doc.settings.digits;
    let any = |f: fn(&MonthRow) -> i64| strip.rows.iter().any(|r| f(r) != 0);
    let mut rows = vec![
        (StripRow::In, "handout.m_row_in"),
        (StripRow::Out, "handout.m_row_out"),
        (StripRow::Pays, "handout.m_row_pays"),
    ];
    if any(|r| r.aside) {
        rows.push((StripRow::Aside, "handout.m_row_aside"));
    }
    if any(|r| r.from_before) {
        rows.push((StripRow::FromBefore, "handout.m_row_from_before"));
    }
    rows.push((StripRow::Left, "handout.m_row_left"));
    let months = strip
        .rows
        .iter()
        .map(|r| StripMonth {
            label: match r.calendar {
                Some(c) => Piece::Words(i18n::month(lang, u32::from(c) % 12 + 1).to_string()),
                None => Piece::Ltr(digits.apply(&r.month.to_string())),
            },
            row: *r,
            figures: rows
                .iter()
                .map(|(what, _)| strip_figure(digits, *what, strip_value(r, *what)))
                .collect(),
        })
        .collect();
    MonthStrip {
        lang,
        title: vec![said(lang, "handout.m_title")],
        note: if strip.same_every_month {
            vec![said(lang, "handout.m_same")]
        } else {
            Vec::new()
        },
        rows: rows
            .into_iter()
            .map(|(what, key)| (what, i18n::tr(lang, key).to_string()))
            .collect(),
        month_word: i18n::tr(
            lang,
            if strip.rows.iter().any(|r| r.calendar.is_some()) {
                "handout.m_month_cap"
            } else {
                "handout.m_month_no"
            },
        )
        .to_string(),
        months,
        short_word: i18n::tr(lang, "handout.m_short").to_string(),
    }
}

/// A figure of the strip as written: whole rupees (half away from zero;
/// what she puts aside rounded up, as the engine states it, so that she
/// has enough), South Asian grouping, the study's digits, no unit.
pub fn strip_figure(digits: i18n::Digits, row: StripRow, paisa: i64) -> String {
    let paisa = match row {
        StripRow::Aside => aside_rupees(paisa) * 100,
        _ => paisa,
    };
    digits.apply(&crate::money::group_rupees(
        scoring::months::rupees(paisa),
        false,
    ))
}

/// Money put aside in whole rupees, rounded up.
pub(super) fn aside_rupees(paisa: i64) -> i64 {
    (paisa.max(0) + 99) / 100
}

/// A row's figure of a month of the strip (paisa).
pub fn strip_value(r: &MonthRow, what: StripRow) -> i64 {
    match what {
        StripRow::In => r.income,
        StripRow::Out => r.out,
        StripRow::Pays => r.pays,
        StripRow::Aside => r.aside,
        StripRow::FromBefore => r.from_before,
        StripRow::Left => r.left,
    }
}
