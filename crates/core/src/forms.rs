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

use crate::data::criteria::Criterion;
use crate::data::matrix::{
    self, FactsExt, Institution, Kind, Level, PARAMS, Param, ParamSpec, Value,
};
use crate::data::plans::{Lending, MicroInvestmentPlan};
use crate::data::study::StudyDoc;
use crate::i18n::capitalised;
use crate::i18n::{Digits, Lang, tr};
use crate::report::Picture;
use crate::scoring::unknowns::AskFirst;
use rust_decimal::Decimal;

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

/// The words a form marks an unknown value with.
pub fn to_ask(lang: Lang) -> &'static str {
    tr(lang, "form.to_ask")
}

/// Products on a blank MFI survey (copy a page for more).
pub const BLANK_PRODUCTS: usize = 2;

/// Rows for things to buy on a blank plan.
pub const ITEM_ROWS: usize = 3;

/// Rows for her other debts on a blank plan.
pub const DEBT_ROWS: usize = 2;

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

const YES_NO: [&str; 3] = ["yes", "no", "don't know"];

/// The MFI survey of one institution (or a blank one): its questions, then
/// each product's.
fn mfi_survey<'a>(inst: Option<&'a Institution>, ask: &[AskFirst]) -> Vec<Form> {
    let en = Lang::En;
    let name = inst.map_or(String::new(), |i| i.name.clone());
    let mut intro = vec![
        "In English, for the staff member who visits or phones the MFI. Ask each question of its branch or head office; \
         tick or write the answer; \"don't know\" is an answer too. Where a rate sheet or key facts statement is given, \
         keep it with this form."
            .to_string(),
    ];
    if inst.is_some() {
        intro.push(
            "Filled from the study: the values it holds are written in; [to ask] marks each one it lacks, \
             [to confirm] each it holds only as assumed or with little confidence."
                .into(),
        );
    }
    let who = FormSection {
        title: "Who answered".into(),
        notes: Vec::new(),
        two_columns: false,
        fields: vec![
            write_field(
                "institution",
                "Name of the MFI",
                "",
                "",
                filled_text(&name),
                1,
            ),
            write_field("source", "Who answered (name and role)", "", "", None, 1),
            Field {
                key: "source",
                label: "How".into(),
                answer: tick(&["phone", "visit", "rate sheet or key facts"], &[]),
                to_ask: false,
                confirm: false,
                picture: None,
            },
            write_field("source", "Date", "", "", None, 1),
            Field {
                key: "confidence",
                label: "How sure is the answer".into(),
                answer: tick(
                    &[
                        "high: printed or clearly said",
                        "medium: said with some doubt",
                        "low: heard from others",
                    ],
                    &[],
                ),
                to_ask: false,
                confirm: false,
                picture: None,
            },
        ],
    };
    let mut first = vec![(false, who)];
    if let Some(i) = inst {
        let mine: Vec<String> = ask
            .iter()
            .filter(|a| a.mfi == i.name)
            .take(5)
            .map(|a| {
                format!(
                    "{}: the answer changes which MFI the study recommends in {:.0}% of its simulations",
                    capitalised(&a.fact),
                    100.0 * a.changes_share
                )
            })
            .collect();
        if !mine.is_empty() {
            first.push((
                false,
                FormSection {
                    title: "Ask these first: they can change the recommendation most".into(),
                    notes: mine,
                    fields: Vec::new(),
                    two_columns: false,
                },
            ));
        }
    }
    let facts = inst.map(|i| &i.facts);
    let fact_of = |f: Option<&'a matrix::Facts>, key: Param| f.and_then(|f| f.fact(key));
    let institution = FormSection {
        title: "The institution (for all its products)".into(),
        notes: Vec::new(),
        two_columns: false,
        fields: PARAMS
            .iter()
            .filter(|s| s.level.on_institution())
            .map(|s| {
                let applies = applies(s.param, &[facts]);
                param_field(s, fact_of(facts, s.param), inst.is_some(), applies)
            })
            .collect(),
    };
    first.push((false, institution));
    let products: Vec<(String, Option<&matrix::Facts>)> = match inst {
        Some(i) => i
            .products
            .iter()
            .map(|p| (p.name.clone(), Some(&p.facts)))
            .collect(),
        None => (1..=BLANK_PRODUCTS)
            .map(|k| (format!("{k}"), None))
            .collect(),
    };
    for (k, (pname, pfacts)) in products.iter().enumerate() {
        let title = match inst {
            Some(_) => format!("Product {}: {pname}", k + 1),
            None => format!(
                "Product {pname}: its name ______________________ (for more products, copy this part)"
            ),
        };
        // The product's own terms first; then the institution's terms it
        // may set otherwise.
        let order = PARAMS
            .iter()
            .filter(|s| s.level == Level::Product)
            .chain(PARAMS.iter().filter(|s| s.level == Level::Both));
        let fields = order
            .map(|s| {
                let own = fact_of(*pfacts, s.param).filter(|f| f.value.is_some());
                // A value the institution gives for every product is known
                // for this one too.
                let inherited = fact_of(facts, s.param).filter(|f| f.value.is_some());
                let applies = applies(s.param, &[*pfacts, facts]);
                let mut f = param_field(s, own.or(inherited), inst.is_some(), applies);
                if s.level == Level::Both {
                    f.label = format!("{} (if it differs for this product)", f.label);
                }
                f
            })
            .collect();
        first.push((
            false,
            FormSection {
                title,
                notes: Vec::new(),
                fields,
                two_columns: false,
            },
        ));
    }
    vec![Form {
        lang: en,
        title: if name.is_empty() {
            "MFI survey".into()
        } else {
            format!("MFI survey: {name}")
        },
        intro,
        sections: first,
    }]
}

/// Whether a question applies, given what `facts` (the product's, then
/// its institution's) already say: a premium only when the insurance is
/// charged, a day count only for a declining markup, the grace markup only
/// with grace periods. One that does not apply is never "to ask".
fn applies(key: Param, facts: &[Option<&matrix::Facts>]) -> bool {
    use Param::*;
    let value = |k: Param| {
        facts
            .iter()
            .flatten()
            .find_map(|f| f.fact(k).and_then(|x| x.value.clone()))
    };
    let choice = |k: Param| match value(k) {
        Some(Value::Choice(c)) => Some(c),
        _ => None,
    };
    match key {
        LifeInsurancePremium => choice(LifeInsurance).is_none_or(|c| c == "charged"),
        HealthInsuranceCharges => !matches!(value(HealthInsurance), Some(Value::Flag(false))),
        DayCount => choice(Basis).is_none_or(|c| c == "declining"),
        MarkupPer | Markup => choice(Basis).is_none_or(|c| c != "qard"),
        GraceMarkup => !matches!(value(GracePeriods), Some(Value::Count(0))),
        SavingsInterest => {
            value(Savings).is_some()
                || value(Deposit).is_some()
                || facts.iter().all(|f| f.is_none())
        }
        _ => true,
    }
}

fn tick(options: &[&str], ticked: &[usize]) -> Answer {
    Answer::Tick {
        options: options.iter().map(|s| s.to_string()).collect(),
        ticked: ticked.to_vec(),
    }
}

fn write_field(
    key: &'static str,
    label: &str,
    before: &str,
    after: &str,
    filled: Option<String>,
    lines: u8,
) -> Field {
    Field {
        key,
        label: label.into(),
        answer: Answer::Write {
            before: before.into(),
            after: after.into(),
            filled,
            lines,
        },
        to_ask: false,
        confirm: false,
        picture: None,
    }
}

fn filled_text(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// A parameter's question with the box of its kind, filled with `value`
/// when the study holds it (`prefilled`: a study's form, whose unknown
/// values are to ask).
fn param_field(
    spec: &ParamSpec,
    fact: Option<&crate::fact::Fact<Value>>,
    prefilled: bool,
    applies: bool,
) -> Field {
    let value = fact.and_then(|f| f.value.as_ref());
    let unsure = fact.is_some_and(|f| {
        f.value.is_some()
            && matches!(
                f.provenance.confidence,
                Some(crate::fact::Confidence::Assumed | crate::fact::Confidence::Low)
            )
    });
    let text = value.map(|v| matrix::format_value(spec, &Some(v.clone())));
    let answer = match spec.kind {
        Kind::Flag => {
            let t = match value {
                Some(Value::Flag(true)) => vec![0],
                Some(Value::Flag(false)) => vec![1],
                _ => vec![],
            };
            tick(&YES_NO, &t)
        }
        Kind::Choice(options) => {
            let t = match value {
                Some(Value::Choice(c)) => options.iter().position(|o| o == c).into_iter().collect(),
                _ => vec![],
            };
            tick(options, &t)
        }
        Kind::Purposes => {
            let t = match value {
                Some(Value::List(l)) => matrix::PURPOSES
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| l.iter().any(|x| x == *p))
                    .map(|(k, _)| k)
                    .collect(),
                _ => vec![],
            };
            tick(matrix::PURPOSES, &t)
        }
        Kind::AmountRange | Kind::MonthRange | Kind::AgeRange => {
            let (before, after) = match spec.kind {
                Kind::AmountRange => ("Rs", ""),
                Kind::MonthRange => ("", "months"),
                _ => ("", "years"),
            };
            let filled = match value {
                Some(Value::Range(a, b)) => {
                    Some((group(*a, before == "Rs"), group(*b, before == "Rs")))
                }
                _ => None,
            };
            Answer::Range {
                before: before.into(),
                after: after.into(),
                filled,
            }
        }
        Kind::Km => Answer::Write {
            before: String::new(),
            after: "km".into(),
            filled: text,
            lines: 1,
        },
        Kind::Percent => Answer::Write {
            before: String::new(),
            after: "%".into(),
            filled: text.map(|t| t.trim_end_matches('%').to_string()),
            lines: 1,
        },
        Kind::Count => Answer::Write {
            before: String::new(),
            after: String::new(),
            filled: text,
            lines: 1,
        },
        Kind::Charges(..) => Answer::Write {
            before: String::new(),
            after: String::new(),
            filled: text,
            lines: 3,
        },
        Kind::Savings | Kind::Deposit | Kind::Markup => Answer::Write {
            before: String::new(),
            after: String::new(),
            filled: text,
            lines: 2,
        },
        Kind::Text | Kind::List => Answer::Write {
            before: String::new(),
            after: String::new(),
            filled: text,
            lines: 2,
        },
    };
    Field {
        key: spec.key,
        label: spec.question.into(),
        answer,
        to_ask: prefilled && applies && value.is_none(),
        confirm: prefilled && unsure,
        picture: None,
    }
}

fn group(d: Decimal, rupees: bool) -> String {
    let s = crate::money::group_digits(&d.normalize().to_string());
    if rupees { s } else { d.normalize().to_string() }
}

/// Where each column of the plans file is asked on the Micro Investment
/// Plan, in the order a trainer teaches it: the section (its translation
/// key), the column, and the key of its words.
pub const MIP_FIELDS: &[(&str, &str, &str)] = &[
    ("mip.about", "member", "mip.member"),
    ("mip.about", "co", "mip.co"),
    ("mip.about", "village", "mip.village"),
    ("mip.about", "district", "mip.district"),
    ("mip.about", "age", "mip.age"),
    ("mip.about", "cnic", "mip.cnic"),
    ("mip.about", "activity", "mip.activity"),
    ("mip.about", "business", "mip.business"),
    ("mip.buy", "items", "mip.items"),
    ("mip.buy", "own_contribution", "mip.own_contribution"),
    (
        "mip.loan",
        "preferred_term_months",
        "mip.preferred_term_months",
    ),
    ("mip.loan", "islamic", "mip.islamic"),
    ("mip.loan", "lending", "mip.lending"),
    ("mip.loan", "past_default", "mip.past_default"),
    ("mip.month", "monthly_sales", "mip.monthly_sales"),
    (
        "mip.month",
        "monthly_business_costs",
        "mip.monthly_business_costs",
    ),
    ("mip.month", "other_income", "mip.other_income"),
    ("mip.month", "household_expenses", "mip.household_expenses"),
    ("mip.year", "other_repayments", "mip.other_repayments"),
    ("mip.year", "sales_by_month", "mip.sales_by_month"),
    ("mip.year", "costs_by_month", "mip.costs_by_month"),
    ("mip.year", "savings_now", "mip.savings_now"),
    ("mip.year", "sales_before", "mip.sales_before"),
    ("mip.year", "notes", "mip.notes"),
];

/// A Micro Investment Plan, blank or filled with a member's plan.
fn mip(plan: Option<&MicroInvestmentPlan>, lang: Lang, digits: Digits) -> Form {
    // English forms in Western digits; Urdu ones in the study's.
    let digits = if lang == Lang::En {
        Digits::Western
    } else {
        digits
    };
    let rs = |d: Decimal| crate::i18n::rupees_text(lang, digits, d);
    let num = |n: u32| digits.apply(&n.to_string());
    let yes_no: Vec<&str> = YES_NO.iter().map(|k| tr(lang, option_key(k))).collect();
    let flag = |b: Option<bool>| -> Vec<usize> {
        match b {
            Some(true) => vec![0],
            Some(false) => vec![1],
            None => vec![],
        }
    };
    let rupee_word = tr(lang, "rupees").to_string();
    let money = |key: &'static str, value: Option<Decimal>| -> Field {
        Field {
            key,
            label: String::new(),
            answer: Answer::Write {
                before: if lang == Lang::En {
                    rupee_word.clone()
                } else {
                    String::new()
                },
                after: if lang == Lang::En {
                    String::new()
                } else {
                    rupee_word.clone()
                },
                filled: value.map(|v| digits.apply(&crate::money::group_rupees(v, false))),
                lines: 1,
            },
            to_ask: false,
            confirm: false,
            picture: Some(Picture::Coins),
        }
    };
    let text = |key: &'static str, value: Option<&str>, lines: u8| -> Field {
        Field {
            key,
            label: String::new(),
            answer: Answer::Write {
                before: String::new(),
                after: String::new(),
                filled: value.and_then(filled_text),
                lines,
            },
            to_ask: plan.is_some() && value.is_none_or(|v| v.trim().is_empty()),
            confirm: false,
            picture: None,
        }
    };
    let ticks = |key: &'static str, options: Vec<&str>, ticked: Vec<usize>, known: bool| Field {
        key,
        label: String::new(),
        answer: Answer::Tick {
            options: options.into_iter().map(String::from).collect(),
            ticked,
        },
        to_ask: plan.is_some() && !known,
        confirm: false,
        picture: None,
    };
    let mut sections: Vec<(bool, FormSection)> = Vec::new();
    for &(section, column, words) in MIP_FIELDS {
        let p = plan;
        let mut field = match column {
            "member" => text(column, p.map(|m| m.member.as_str()), 1),
            "co" => text(column, p.map(|m| m.co.as_str()), 1),
            "village" => text(column, p.map(|m| m.village.as_str()), 1),
            "district" => text(column, p.map(|m| m.district.as_str()), 1),
            "activity" => text(column, p.map(|m| m.activity.as_str()), 1),
            "notes" => {
                let mut f = text(column, p.map(|m| m.notes.as_str()), 2);
                f.to_ask = false;
                f
            }
            "age" => {
                let mut f = text(column, None, 1);
                if let (Some(m), Answer::Write { filled, after, .. }) = (p, &mut f.answer) {
                    *filled = m.age.map(&num);
                    f.to_ask = m.age.is_none();
                    let _ = after;
                }
                f
            }
            "cnic" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.has_cnic)),
                p.and_then(|m| m.has_cnic).is_some(),
            ),
            "business" => {
                let nb = p.and_then(|m| m.new_business);
                ticks(
                    column,
                    vec![tr(lang, "mip.new"), tr(lang, "mip.existing")],
                    match nb {
                        Some(true) => vec![0],
                        Some(false) => vec![1],
                        None => vec![],
                    },
                    nb.is_some(),
                )
            }
            "islamic" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.wants_islamic)),
                p.and_then(|m| m.wants_islamic).is_some(),
            ),
            "past_default" => ticks(
                column,
                yes_no.clone(),
                flag(p.and_then(|m| m.past_default)),
                p.and_then(|m| m.past_default).is_some(),
            ),
            "lending" => {
                let t = p.map(|m| match m.lending {
                    Lending::Group => 0,
                    Lending::Individual => 1,
                    Lending::Either => 2,
                });
                ticks(
                    column,
                    vec![
                        tr(lang, "mip.group"),
                        tr(lang, "mip.individual"),
                        tr(lang, "mip.either"),
                    ],
                    t.into_iter().collect(),
                    true,
                )
            }
            "preferred_term_months" => {
                let v = p.and_then(|m| m.preferred_term_months);
                Field {
                    key: column,
                    label: String::new(),
                    answer: Answer::Write {
                        before: String::new(),
                        after: tr(lang, "mip.months").into(),
                        filled: v.map(&num),
                        lines: 1,
                    },
                    to_ask: p.is_some() && v.is_none(),
                    confirm: false,
                    picture: Some(Picture::Calendar),
                }
            }
            "items" => Field {
                key: column,
                label: String::new(),
                answer: Answer::Items {
                    header: [tr(lang, "mip.item").into(), tr(lang, "mip.cost").into()],
                    rows: ITEM_ROWS.max(p.map_or(0, |m| m.items.len())),
                    filled: p.map_or_else(Vec::new, |m| {
                        m.items
                            .iter()
                            .map(|i| (i.name.clone(), rs(i.cost)))
                            .collect()
                    }),
                    total: (tr(lang, "mip.total").into(), p.map(|m| rs(m.items_total()))),
                },
                to_ask: false,
                confirm: false,
                picture: None,
            },
            "own_contribution" => money(column, p.map(|m| m.own_contribution)),
            "monthly_sales" => money(column, p.map(|m| m.monthly_sales)),
            "monthly_business_costs" => money(column, p.map(|m| m.monthly_business_costs)),
            "other_income" => money(column, p.map(|m| m.other_income)),
            "household_expenses" => money(column, p.map(|m| m.household_expenses)),
            "savings_now" => money(column, p.map(|m| m.savings_now)),
            "sales_before" => {
                let mut f = money(column, p.and_then(|m| m.sales_before));
                // Only for a running business: not asked of a new one.
                f.to_ask = false;
                f
            }
            "other_repayments" => Field {
                key: column,
                label: String::new(),
                answer: Answer::Items {
                    header: [
                        tr(lang, "mip.to_whom").into(),
                        tr(lang, "mip.a_month").into(),
                    ],
                    rows: DEBT_ROWS.max(p.map_or(0, |m| m.other_repayments.len())),
                    filled: p.map_or_else(Vec::new, |m| {
                        m.other_repayments
                            .iter()
                            .map(|d| (d.to.clone(), rs(d.monthly)))
                            .collect()
                    }),
                    total: (
                        tr(lang, "mip.in_all").into(),
                        p.map(|m| rs(m.other_repayments_total())),
                    ),
                },
                to_ask: false,
                confirm: false,
                picture: None,
            },
            "sales_by_month" | "costs_by_month" => {
                let figures = p.and_then(|m| {
                    if column == "sales_by_month" {
                        m.sales_by_month.as_ref().map(|f| f.rupees(m.monthly_sales))
                    } else {
                        m.costs_by_month
                            .as_ref()
                            .map(|f| f.rupees(m.monthly_business_costs))
                    }
                });
                let row = MonthsRow {
                    key: column,
                    label: tr(lang, words).to_string(),
                    figures: (0..12)
                        .map(|i| {
                            figures.map(|f| digits.apply(&crate::money::group_rupees(f[i], false)))
                        })
                        .collect(),
                };
                // Her costs are a second row under her sales.
                let grid = sections
                    .last_mut()
                    .and_then(|(_, s)| s.fields.last_mut())
                    .filter(|f| f.key == "sales_by_month");
                if let Some(Field {
                    answer: Answer::Months { rows, .. },
                    ..
                }) = grid
                {
                    rows.push(row);
                    continue;
                }
                Field {
                    key: column,
                    label: tr(lang, "mip.by_month").into(),
                    answer: Answer::Months {
                        months: (0..12)
                            .map(|i| {
                                if lang == Lang::En {
                                    crate::data::months::MONTHS[i].to_string()
                                } else {
                                    crate::data::months::URDU_MONTHS[i].to_string()
                                }
                            })
                            .collect(),
                        rows: vec![row],
                    },
                    to_ask: false,
                    confirm: false,
                    picture: Some(Picture::Calendar),
                }
            }
            other => text(
                // A column with no box of its own would be a bug: the test
                // of the forms finds it.
                MIP_FIELDS.iter().find(|f| f.1 == other).map_or("", |f| f.1),
                None,
                1,
            ),
        };
        if field.label.is_empty() {
            field.label = tr(lang, words_key(words)).to_string();
        }
        let title = tr(lang, words_key(section)).to_string();
        match sections.last_mut() {
            Some((_, s)) if s.title == title => s.fields.push(field),
            // Her months and her savings on the back of the sheet.
            _ => sections.push((
                section == "mip.year",
                FormSection {
                    title,
                    notes: Vec::new(),
                    fields: vec![field],
                    two_columns: section != "mip.else",
                },
            )),
        }
        // The two figures worked out, where a trainer teaches them.
        if column == "own_contribution" {
            push_derived(
                &mut sections,
                lang,
                ["mip.loan_needed", "mip.loan_needed_formula"],
                p.map(|m| rs(m.loan_needed())),
            );
        }
        if column == "other_repayments" {
            push_derived(
                &mut sections,
                lang,
                ["mip.capacity", "mip.capacity_formula"],
                p.map(|m| rs(m.repayment_capacity())),
            );
        }
    }
    // The worked example (the built-in study's first member), so that a
    // member can fill it in with a trainer.
    if let Some((_, s)) = sections
        .iter_mut()
        .find(|(_, s)| s.title == tr(lang, "mip.month"))
    {
        s.notes.push(digits.apply(tr(lang, "mip.example")));
    }
    if let Some((_, s)) = sections
        .iter_mut()
        .find(|(_, s)| s.title == tr(lang, "mip.buy"))
    {
        s.notes.push(digits.apply(tr(lang, "mip.example_loan")));
    }
    let title = match plan {
        Some(m) => format!("{}: {}", tr(lang, "mip.title"), m.member),
        None => tr(lang, "mip.title").to_string(),
    };
    Form {
        lang,
        title,
        intro: vec![tr(lang, "mip.intro").to_string()],
        sections,
    }
}

fn push_derived(
    sections: &mut [(bool, FormSection)],
    lang: Lang,
    [key, formula]: [&'static str; 2],
    value: Option<String>,
) {
    if let Some((_, s)) = sections.last_mut() {
        s.fields.push(Field {
            key: if key == "mip.loan_needed" {
                "loan_needed"
            } else {
                "repayment_capacity"
            },
            label: tr(lang, key).to_string(),
            answer: Answer::Derived {
                formula: tr(lang, formula).to_string(),
                filled: value,
            },
            to_ask: false,
            confirm: false,
            picture: Some(Picture::Coins),
        });
    }
}

fn option_key(k: &str) -> &'static str {
    match k {
        "yes" => "form.yes",
        "no" => "form.no",
        _ => "form.dont_know",
    }
}

/// The static key for a translation key built at run time.
fn words_key(k: &str) -> &'static str {
    crate::intern::intern(k)
}

#[cfg(test)]
mod tests {
    use super::*;
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
