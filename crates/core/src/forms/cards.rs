//! The members' priorities on paper: the picture cards form, for a member
//! who was not at the meeting, alone or at the end of the blank forms.

use super::Forms;
use crate::data::criteria::Criterion;
use crate::i18n::{Digits, Lang, tr};

/// The stones (counters) each member puts on the picture cards: the
/// meeting's [`COUNTERS`](crate::data::priorities::COUNTERS).
pub const STONES: usize = crate::data::priorities::COUNTERS as usize;

/// One picture card: its criterion (the picture, [`crate::icons::icon`])
/// and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The criterion it stands for.
    pub criterion: Criterion,
    /// Its words, in the form's language.
    pub label: String,
}

/// The members' priorities on paper, for a member who was not at the
/// meeting: she puts [`STONES`] stones on the eight picture cards and
/// writes how many each card got. One page; an Urdu one right to left.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritiesForm {
    /// Its language.
    pub lang: Lang,
    /// Its title: "What matters most to you?".
    pub title: String,
    /// What to do, under the title.
    pub instructions: String,
    /// The name line's label.
    pub name: String,
    /// Beside the name line: she may stay anonymous.
    pub anonymous: String,
    /// The Community Organization line's label.
    pub co: String,
    /// The date line's label.
    pub date: String,
    /// The cards, in the order of [`Criterion::ALL`].
    pub cards: Vec<Card>,
    /// After each card's box: "stones".
    pub stones: String,
    /// Under each card's box: tick a circle for each stone.
    pub or_tick: String,
    /// The circles to tick on each card.
    pub circles: usize,
    /// The stones on all cards together: "in all: 10".
    pub total: String,
    /// At the foot of the page, in English, for staff: where to type it.
    pub staff_note: String,
}

/// The columns of a priorities file, as the staff note names them: the
/// member, a number of stones for each criterion, a note.
pub fn priorities_columns() -> Vec<&'static str> {
    crate::data::priorities::PRIORITY_COLUMNS
        .iter()
        .map(|c| c.name)
        .collect()
}

/// The members' priorities form in `lang` (numbers in Urdu digits in an
/// Urdu form).
pub fn priorities(lang: Lang) -> PrioritiesForm {
    let digits = if lang == Lang::Ur {
        Digits::Urdu
    } else {
        Digits::Western
    };
    PrioritiesForm {
        lang,
        title: tr(lang, "card.title").into(),
        instructions: digits.apply(tr(lang, "card.instructions")),
        name: tr(lang, "card.name").into(),
        anonymous: tr(lang, "card.anonymous").into(),
        co: tr(lang, "card.co").into(),
        date: tr(lang, "card.date").into(),
        cards: Criterion::ALL
            .iter()
            .map(|&c| Card {
                criterion: c,
                label: crate::icons::card_label(lang, c).into(),
            })
            .collect(),
        stones: tr(lang, "card.stones").into(),
        or_tick: tr(lang, "card.or_tick").into(),
        circles: STONES,
        total: digits.apply(tr(lang, "card.total")),
        staff_note: format!(
            "For staff: enter it in the app's Meeting view (choose her name, put her stones \
             on the cards) or in a priorities CSV: {}.",
            priorities_columns().join(", ")
        ),
    }
}

/// The members' priorities form alone (`mfi-compare forms --cards`).
pub fn cards_only(lang: Lang) -> Forms {
    Forms {
        title: "Members' priorities: the picture cards".into(),
        study: "blank form".into(),
        lang,
        forms: Vec::new(),
        priorities: Some(priorities(lang)),
    }
}
