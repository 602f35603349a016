//! The MFI survey: every parameter of the matrix asked as a question, in
//! English for the staff member who visits or phones the MFI; filled from a
//! study, its values written in and what it lacks marked to ask.

use super::{Answer, Field, Form, FormSection, YES_NO, filled_text};
use crate::data::matrix::{
    self, FactsExt, Institution, Kind, Level, PARAMS, Param, ParamSpec, Value,
};
use crate::i18n::{Lang, capitalised};
use crate::scoring::unknowns::AskFirst;
use rust_decimal::Decimal;

/// Products on a blank MFI survey (copy a page for more).
pub const BLANK_PRODUCTS: usize = 2;

/// The MFI survey of one institution (or a blank one): its questions, then
/// each product's.
pub(super) fn mfi_survey<'a>(inst: Option<&'a Institution>, ask: &[AskFirst]) -> Vec<Form> {
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
