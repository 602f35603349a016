//! The field forms: the paper side of a study. An MFI survey asks every
//! parameter of the matrix as a question (its words are in the parameter
//! table, [`crate::data::matrix::PARAMS`], beside the key the loader reads
//! and the help the README prints, so a new parameter is asked at once);
//! the Micro Investment Plan has a box for every column of the plans file
//! ([`MIP_FIELDS`], checked against [`crate::data::plans::PLAN_COLUMNS`]),
//! in the order a trainer teaches it. Filled from a study, each form shows
//! what the study holds and marks what it lacks "to ask", the facts that
//! can change the recommendation most listed first. Plain data: the PDF
//! crate lays it out.
//!
//! One file per form: the MFI survey (`survey.rs`), the Micro Investment
//! Plan (`mip.rs`) and the members' priorities on the picture cards
//! (`cards.rs`); here, what a form is made of and the forms together.

mod cards;
mod mip;
mod survey;

pub use cards::{Card, PrioritiesForm, STONES, cards_only, priorities, priorities_columns};
pub use mip::{DEBT_ROWS, ITEM_ROWS, MIP_FIELDS};
pub use survey::BLANK_PRODUCTS;

use crate::data::study::StudyDoc;
use crate::i18n::{Digits, Lang, tr};
use crate::report::Picture;
use crate::scoring::unknowns::AskFirst;
use mip::mip;
use survey::mfi_survey;

/// How a question is answered on paper.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Tick boxes: the options, and those ticked (from the study).
    Tick {
        /// The options, in the form's language.
        options: Vec<String>,
        /// Which are ticked.
        ticked: Vec<usize>,
    },
    /// A value written in a box, with its unit before ("Rs") or after ("km").
    Write {
        /// Before the box.
        before: String,
        /// After the box.
        after: String,
        /// What the study holds.
        filled: Option<String>,
        /// Lines of handwriting the box holds.
        lines: u8,
    },
    /// Two values: the smallest and the largest.
    Range {
        /// Before each box ("Rs").
        before: String,
        /// After the second box ("months").
        after: String,
        /// What the study holds.
        filled: Option<(String, String)>,
    },
    /// What she will buy: a row for each thing and its cost, and the total.
    Items {
        /// The column titles: thing, cost.
        header: [String; 2],
        /// Rows to fill.
        rows: usize,
        /// What the study holds.
        filled: Vec<(String, String)>,
        /// The total's label and value.
        total: (String, Option<String>),
    },
    /// A figure for each month of the year: a row of twelve boxes under
    /// the months' names, one row for each figure (her sales, her costs).
    Months {
        /// The months' names, January first, in the form's language.
        months: Vec<String>,
        /// Each row: the plan's column it fills, its label, and the twelve
        /// figures the study holds.
        rows: Vec<MonthsRow>,
    },
    /// A figure worked out from the boxes above it, with its formula.
    Derived {
        /// The formula in words.
        formula: String,
        /// Its value, when filled from a study.
        filled: Option<String>,
    },
}

/// One row of a [`Answer::Months`] grid.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthsRow {
    /// The plans file's column it fills (`sales_by_month`).
    pub key: &'static str,
    /// Its label, in the form's language.
    pub label: String,
    /// The twelve figures the study holds, January first.
    pub figures: Vec<Option<String>>,
}

/// One question and the place for its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The parameter or column it fills (`works_with_hbw`, `monthly_sales`).
    pub key: &'static str,
    /// The question, in the form's language.
    pub label: String,
    /// How it is answered.
    pub answer: Answer,
    /// Filled from a study that does not know it: to ask.
    pub to_ask: bool,
    /// Filled from a study that holds it only as assumed, or with low
    /// confidence: written in, to confirm.
    pub confirm: bool,
    /// A picture beside it, for members who read little.
    pub picture: Option<Picture>,
}

/// A group of questions under a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSection {
    /// The heading.
    pub title: String,
    /// Lines under the heading (an example, a list of what to ask first).
    pub notes: Vec<String>,
    /// The questions.
    pub fields: Vec<Field>,
    /// Laid out in two columns (short questions), else one.
    pub two_columns: bool,
}

/// A form, starting on a new page.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// Its language (an Urdu form is laid out right to left).
    pub lang: Lang,
    /// Its title.
    pub title: String,
    /// Lines under the title.
    pub intro: Vec<String>,
    /// Its sections; a section marked to start a page does.
    pub sections: Vec<(bool, FormSection)>,
}

/// The forms of a study (or blank ones).
#[derive(Debug, Clone, PartialEq)]
pub struct Forms {
    /// The document's title.
    pub title: String,
    /// The study they are for, or "blank forms".
    pub study: String,
    /// The language of the members' forms.
    pub lang: Lang,
    /// MFI surveys, then Micro Investment Plans.
    pub forms: Vec<Form>,
    /// The members' priorities on the picture cards, after the plans.
    pub priorities: Option<PrioritiesForm>,
}

/// The words a form marks an unknown value with.
pub fn to_ask(lang: Lang) -> &'static str {
    tr(lang, "form.to_ask")
}

/// The forms: blank ones, or filled from `study` (its unknown values marked
/// to ask, each MFI's facts of `ask_first` listed first). The MFI survey is
/// in English (for staff); the members' plans in `lang`, and, on blank
/// forms, the members' priorities on the picture cards.
pub fn forms(study: Option<(&StudyDoc, &[AskFirst])>, lang: Lang) -> Forms {
    let mut out = Vec::new();
    match study {
        None => {
            out.extend(mfi_survey(None, &[]));
            // A blank Urdu plan in Urdu digits; a filled one in the study's.
            let digits = if lang == Lang::Ur {
                Digits::Urdu
            } else {
                Digits::Western
            };
            out.push(mip(None, lang, digits));
        }
        Some((doc, ask)) => {
            for inst in &doc.matrix.institutions {
                out.extend(mfi_survey(Some(inst), ask));
            }
            for m in &doc.plans.members {
                out.push(mip(Some(m), lang, doc.settings.digits));
            }
        }
    }
    Forms {
        title: "Field forms: MFI survey and Micro Investment Plan".into(),
        study: study.map_or_else(|| "blank forms".into(), |(d, _)| d.name.clone()),
        lang,
        forms: out,
        // Blank forms end with the members' priorities (a copy for each
        // member who was not at the meeting).
        priorities: study.is_none().then(|| priorities(lang)),
    }
}

/// The forms filled from `doc`: its evaluation's facts to ask first (the
/// draws over the data, the study's settings) listed at the top of each
/// MFI's survey.
pub fn filled(doc: &StudyDoc, lang: Lang) -> Forms {
    let eval = crate::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let ask = crate::scoring::stability::stability_with_data(
        &eval,
        &doc.matrix,
        &doc.plans,
        &doc.weights,
        &doc.settings,
    )
    .map(|s| s.ask_first)
    .unwrap_or_default();
    forms(Some((doc, &ask)), lang)
}

/// The answers of a yes/no question, as the forms tick them.
const YES_NO: [&str; 3] = ["yes", "no", "don't know"];

/// Text written in a box, when there is any.
fn filled_text(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::criteria::Criterion;
    use crate::data::matrix::PARAMS;
    use crate::data::plans::PLAN_COLUMNS;

    fn all_fields(f: &Forms) -> Vec<&Field> {
        f.forms
            .iter()
            .flat_map(|form| form.sections.iter().flat_map(|(_, s)| s.fields.iter()))
            .collect()
    }

    #[test]
    fn every_parameter_and_every_plan_column_has_its_box() {
        let blank = forms(None, Lang::En);
        let keys: Vec<&str> = all_fields(&blank).iter().map(|f| f.key).collect();
        for p in PARAMS {
            assert!(
                keys.contains(&p.key),
                "the MFI survey does not ask {}",
                p.key
            );
            assert!(!p.question.is_empty(), "{} has no question", p.key);
        }
        // A row of the months' grid is its column's box.
        let rows: Vec<&str> = all_fields(&blank)
            .iter()
            .flat_map(|f| match &f.answer {
                Answer::Months { rows, .. } => rows.iter().map(|r| r.key).collect(),
                _ => Vec::new(),
            })
            .collect();
        for c in PLAN_COLUMNS {
            assert!(
                keys.contains(&c.name) || rows.contains(&c.name),
                "the plan has no box for {}",
                c.name
            );
        }
    }

    #[test]
    fn the_blank_forms_end_with_the_priorities_on_eight_cards() {
        for lang in Lang::ALL {
            let p = forms(None, lang).priorities.expect("blank forms have it");
            assert_eq!(p.lang, lang);
            let criteria: Vec<Criterion> = p.cards.iter().map(|c| c.criterion).collect();
            assert_eq!(criteria, Criterion::ALL);
            assert_eq!(p.circles, STONES);
            for c in &p.cards {
                assert_eq!(c.label, crate::icons::card_label(lang, c.criterion));
            }
            let ten = if lang == Lang::Ur { "۱۰" } else { "10" };
            assert!(p.instructions.contains(ten), "{}", p.instructions);
            assert!(p.total.contains(ten), "{}", p.total);
        }
        let p = priorities(Lang::En);
        assert_eq!(p.title, "What matters most to you?");
        assert!(p.staff_note.contains(
            "member, true_cost, total_cost, affordability, access, insurance, services, fit, flexibility, note"
        ));
        let doc = StudyDoc::kasur().unwrap();
        assert!(forms(Some((&doc, &[])), Lang::En).priorities.is_none());
        let only = cards_only(Lang::Ur);
        assert!(only.forms.is_empty() && only.priorities.is_some());
    }

    #[test]
    fn a_filled_form_shows_what_the_study_holds_and_marks_the_rest_to_ask() {
        let doc = StudyDoc::kasur().unwrap();
        let f = forms(Some((&doc, &[])), Lang::En);
        let akhuwat = f
            .forms
            .iter()
            .find(|x| x.title == "MFI survey: Akhuwat")
            .expect("a survey per MFI");
        let fields: Vec<&Field> = akhuwat
            .sections
            .iter()
            .flat_map(|(_, s)| &s.fields)
            .collect();
        let hbw = fields.iter().find(|x| x.key == "works_with_hbw").unwrap();
        assert!(hbw.to_ask, "Akhuwat's willingness is unknown in the study");
        let name = fields.iter().find(|x| x.key == "institution").unwrap();
        assert!(matches!(&name.answer, Answer::Write { filled: Some(n), .. } if n == "Akhuwat"));
        // A member's plan carries her figures and the two worked out.
        let first = &doc.plans.members[0];
        let plan = f
            .forms
            .iter()
            .find(|x| x.title.ends_with(&first.member))
            .expect("a plan per member");
        let need = plan
            .sections
            .iter()
            .flat_map(|(_, s)| &s.fields)
            .find(|x| x.key == "loan_needed")
            .unwrap();
        let want = crate::i18n::rupees_text(Lang::En, Digits::Western, first.loan_needed());
        assert!(matches!(&need.answer, Answer::Derived { filled: Some(v), .. } if *v == want));
    }
}
