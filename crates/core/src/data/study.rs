//! A whole study as one file (`*.mfistudy`): the matrix, the plans, the
//! weights, the settings and notes, the members' priorities and the CO's
//! vote. The file is JSON whose `matrix`, `plans`
//! and `weights` fields hold the same CSV text as the separate files, so one
//! loader (with its error messages) reads both forms; its settings are
//! checked value by value ([`Settings::from_json`]).

use crate::data::criteria::{self, Weights};
use crate::data::limits;
use crate::data::matrix::{self, Matrix};
use crate::data::plans::{self, Plans};
use crate::data::priorities::{self as prio, Priorities, Rule};
use crate::data::read::read_file;
use crate::data::settings::Settings;
use crate::data::table::write_atomic;
use crate::data::votes::{self, Votes};
use crate::error::{LoadError, LoadErrors, SaveError};
use std::path::Path;

/// A whole study saved as one file: the matrix, the plans, the weights, the
/// settings and notes. The file is JSON whose `matrix`, `plans` and
/// `weights` fields hold the same CSV text as the separate files, so one
/// loader (with its error messages) reads both forms.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyDoc {
    /// The study's name (CO, district, year).
    pub name: String,
    /// Free notes.
    pub notes: String,
    /// The matrix.
    pub matrix: Matrix,
    /// The plans.
    pub plans: Plans,
    /// The weights and scales.
    pub weights: Weights,
    /// The settings.
    pub settings: Settings,
    /// What the members said matters to them (empty until they say it).
    pub priorities: Priorities,
    /// The CO's vote on its partner MFI (empty until it is taken).
    pub votes: Votes,
}

/// A name for a study read from separate files, as a reader would say it:
/// its CO(s) and district(s) ("CO 0001, Kasur"; "CO 1, CO 2 and 3 more,
/// Kasur"), else the file's name without its folder.
pub fn name_from_plans(plans: &Plans, file: &Path) -> String {
    let distinct = |f: &dyn Fn(&plans::MicroInvestmentPlan) -> &str| {
        let mut v: Vec<&str> = Vec::new();
        for m in &plans.members {
            let s = f(m).trim();
            if !s.is_empty() && !v.contains(&s) {
                v.push(s);
            }
        }
        v
    };
    let cos = distinct(&|m| m.co.as_str());
    let districts = distinct(&|m| m.district.as_str());
    let list = |v: &[&str]| match v {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more", rest.len()),
    };
    let name = [list(&cos), list(&districts)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if name.is_empty() {
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string())
    } else {
        name
    }
}

/// A study file as written.
#[derive(serde::Serialize)]
struct StudyFileV1<'a> {
    format: &'a str,
    name: &'a str,
    notes: &'a str,
    matrix: String,
    plans: String,
    weights: String,
    settings: &'a Settings,
    #[serde(skip_serializing_if = "str::is_empty")]
    priorities: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    priorities_rule: Option<Rule>,
    #[serde(skip_serializing_if = "str::is_empty")]
    votes: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    votes_date: Option<String>,
    #[serde(skip_serializing_if = "str::is_empty")]
    votes_place: &'a str,
}

/// A study file as read: the settings are kept as JSON until checked.
#[derive(serde::Deserialize)]
struct StudyFileV1Raw {
    format: String,
    name: String,
    #[serde(default)]
    notes: String,
    matrix: String,
    plans: String,
    weights: String,
    #[serde(default)]
    settings: serde_json::Value,
    #[serde(default)]
    priorities: String,
    #[serde(default)]
    priorities_rule: Option<String>,
    #[serde(default)]
    votes: String,
    #[serde(default)]
    votes_date: Option<String>,
    #[serde(default)]
    votes_place: String,
}

/// The keys a study file may have.
const STUDY_KEYS: [&str; 12] = [
    "format",
    "name",
    "notes",
    "matrix",
    "plans",
    "weights",
    "settings",
    "priorities",
    "priorities_rule",
    "votes",
    "votes_date",
    "votes_place",
];

/// One key of a JSON object, where it is.
struct JsonKey {
    /// The keys of the objects it lies in ("settings"), outermost first;
    /// empty at the top level.
    path: Vec<String>,
    /// The key.
    key: String,
    /// Its 1-based line.
    line: u64,
    /// Which object it belongs to (objects numbered as they open).
    object: usize,
}

/// Every key of every object of a valid JSON text, in order, with its line
/// (serde_json keeps the last of two equal keys and says nothing, and
/// reports no line for a key it does not know).
fn json_keys(text: &[u8]) -> Vec<JsonKey> {
    enum Frame {
        Object { id: usize, key: Option<String> },
        Array,
    }
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut objects = 0;
    let mut line = 1u64;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        match b {
            b'\n' => line += 1,
            b'{' => {
                stack.push(Frame::Object {
                    id: objects,
                    key: None,
                });
                objects += 1;
            }
            b'[' => stack.push(Frame::Array),
            b'}' | b']' => {
                stack.pop();
            }
            b'"' => {
                let start = i;
                let start_line = line;
                i += 1;
                while let Some(&c) = text.get(i) {
                    match c {
                        b'\\' => i += 1,
                        b'"' => break,
                        b'\n' => line += 1,
                        _ => {}
                    }
                    i += 1;
                }
                let raw = text.get(start..=i).unwrap_or_default();
                let next = text
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find(|c| !c.is_ascii_whitespace());
                if next == Some(&b':') {
                    let path: Vec<String> = stack
                        .iter()
                        .rev()
                        .skip(1)
                        .rev()
                        .filter_map(|f| match f {
                            Frame::Object { key, .. } => key.clone(),
                            Frame::Array => None,
                        })
                        .collect();
                    if let Some(Frame::Object { id, key }) = stack.last_mut() {
                        let name: String = serde_json::from_slice(raw).unwrap_or_default();
                        *key = Some(name.clone());
                        out.push(JsonKey {
                            path,
                            key: name,
                            line: start_line,
                            object: *id,
                        });
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A key given twice in one object, or a top-level key the format does not
/// have: each with its line.
fn key_errors(file: &str, keys: &[JsonKey]) -> LoadErrors {
    let mut errors = LoadErrors::default();
    let mut first: std::collections::HashMap<(usize, &str), u64> = Default::default();
    for k in keys {
        let clipped = crate::data::table::clip(&k.key);
        let place = if k.path.is_empty() {
            String::new()
        } else {
            format!("\"{}\": ", crate::data::table::clip(&k.path.join("\": \"")))
        };
        if let Some(line) = first.get(&(k.object, k.key.as_str())) {
            errors.push(LoadError::at(
                file,
                k.line,
                None,
                format!(
                    "{place}the key \"{clipped}\" is given twice: first at line {line} (only one of them would be used): keep one"
                ),
            ));
            continue;
        }
        first.insert((k.object, k.key.as_str()), k.line);
        if k.path.is_empty() && k.object == 0 && !STUDY_KEYS.contains(&k.key.as_str()) {
            errors.push(LoadError::at(
                file,
                k.line,
                None,
                format!(
                    "unknown key \"{clipped}\": a study file holds only {} (it would be lost on saving: remove it, or correct its name)",
                    STUDY_KEYS.join(", ")
                ),
            ));
        }
    }
    errors
}

/// The `format` tag of study files.
pub const STUDY_FORMAT: &str = "mfi-compare study v1";

impl StudyDoc {
    /// The study as the bytes of a study file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let f = StudyFileV1 {
            format: STUDY_FORMAT,
            name: &self.name,
            notes: &self.notes,
            matrix: String::from_utf8_lossy(&matrix::matrix_to_csv(&self.matrix)).into_owned(),
            plans: String::from_utf8_lossy(&plans::plans_to_csv(&self.plans)).into_owned(),
            weights: String::from_utf8_lossy(&criteria::weights_to_csv(&self.weights)).into_owned(),
            settings: &self.settings,
            priorities: if self.priorities.is_empty() {
                String::new()
            } else {
                String::from_utf8_lossy(&prio::priorities_to_csv(&self.priorities)).into_owned()
            },
            // The rule chosen before anyone has said is kept too.
            priorities_rule: (!self.priorities.is_empty()
                || self.priorities.rule != Rule::default())
            .then_some(self.priorities.rule),
            votes: if self.votes.is_empty() {
                String::new()
            } else {
                String::from_utf8_lossy(&votes::votes_to_csv(&self.votes)).into_owned()
            },
            votes_date: self.votes.date.map(|d| d.to_string()),
            votes_place: &self.votes.place,
        };
        serde_json::to_vec_pretty(&f).unwrap_or_default()
    }

    /// Reads a study file; every problem of its parts is reported, each
    /// naming the file and the part (`study.json [matrix]:12: ...`). A key
    /// the format does not have, or one given twice, is an error (it would
    /// be lost on saving, or one of the two would be silently dropped); the
    /// name and notes have a length limit.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<StudyDoc, LoadErrors> {
        if bytes.len() as u64 > limits::MAX_FILE_BYTES {
            return Err(LoadErrors(vec![crate::data::table::too_large(file)]));
        }
        let not_json = |e: serde_json::Error| {
            LoadErrors(vec![LoadError::at(
                file,
                e.line() as u64,
                None,
                format!(
                    "not a study file this tool can read: {e} (expected JSON with \"format\": \"{STUDY_FORMAT}\")"
                ),
            )])
        };
        // Valid JSON first (its own message for a syntax error), then every
        // key checked with its line, then the fields read.
        serde_json::from_slice::<serde_json::Value>(bytes).map_err(not_json)?;
        let keys = json_keys(bytes);
        let mut errors = key_errors(file, &keys);
        let f: StudyFileV1Raw = match serde_json::from_slice(bytes) {
            Ok(f) => f,
            Err(e) => {
                // A duplicated field is already reported with both lines.
                if !e.to_string().starts_with("duplicate field") || errors.is_empty() {
                    errors.push(not_json(e).0.remove(0));
                }
                return Err(errors);
            }
        };
        let line_of = |key: &str| {
            keys.iter()
                .find(|k| k.path.is_empty() && k.key == key)
                .map_or(1, |k| k.line)
        };
        for (key, text, most, what) in [
            (
                "name",
                &f.name,
                limits::MAX_STUDY_NAME_CHARS,
                "the study's name holds {n} characters; at most {most} are expected (a name says the CO, district and year; longer text belongs in the notes)",
            ),
            (
                "notes",
                &f.notes,
                limits::MAX_STUDY_NOTES_CHARS,
                "the notes hold {n} characters; at most {most} are expected (keep longer documents beside the study file)",
            ),
            (
                "votes_place",
                &f.votes_place,
                limits::MAX_STUDY_NAME_CHARS,
                "the place of the vote holds {n} characters; at most {most} are expected (a village or a house)",
            ),
        ] {
            let n = text.chars().count();
            if n > most {
                errors.push(LoadError::at(
                    file,
                    line_of(key),
                    None,
                    format!(
                        "\"{key}\": {}",
                        what.replace("{n}", &limits::count(n as u64))
                            .replace("{most}", &limits::count(most as u64))
                    ),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if f.format != STUDY_FORMAT {
            return Err(LoadErrors(vec![LoadError::file(
                file,
                format!(
                    "unknown study format \"{}\": expected \"{STUDY_FORMAT}\"",
                    crate::data::table::clip(&f.format)
                ),
            )]));
        }
        let m = matrix::load_matrix(&format!("{file} [matrix]"), f.matrix.as_bytes());
        let p = plans::load_plans(&format!("{file} [plans]"), f.plans.as_bytes());
        let w = criteria::load_weights(&format!("{file} [weights]"), f.weights.as_bytes());
        let s = Settings::from_json(&f.settings).map_err(|errors| {
            LoadErrors(
                errors
                    .iter()
                    .map(|e| LoadError::file(file, e.to_string()))
                    .collect(),
            )
        });
        let pr = if f.priorities.trim().is_empty() {
            Ok(Priorities::default())
        } else {
            prio::load_priorities(&format!("{file} [priorities]"), f.priorities.as_bytes())
        };
        let rule = match f.priorities_rule.as_deref() {
            None => Ok(Rule::Mean),
            Some(r) => Rule::parse(r).ok_or_else(|| {
                LoadErrors(vec![LoadError::file(
                    file,
                    format!(
                        "priorities_rule: expected \"mean\" or \"median\", found \"{}\"",
                        crate::data::table::clip(r)
                    ),
                )])
            }),
        };
        // The study's own votes keep the names of the MFIs as voted for,
        // even if the matrix was changed since (see `votes::warnings`).
        let vo = if f.votes.trim().is_empty() {
            Ok(Votes::default())
        } else {
            votes::load_votes(&format!("{file} [votes]"), f.votes.as_bytes(), None)
        };
        let date = match f.votes_date.as_deref() {
            None => Ok(None),
            Some(d) => crate::date::Date::parse(d).map(Some).ok_or_else(|| {
                LoadErrors(vec![LoadError::at(
                    file,
                    line_of("votes_date"),
                    None,
                    format!(
                        "\"votes_date\": expected the day of the vote like 2026-11-22, found \"{}\"",
                        crate::data::table::clip(d)
                    ),
                )])
            }),
        };
        let (
            ((matrix, plans), (mut weights, settings)),
            ((mut priorities, rule), (mut votes, date)),
        ) = crate::error::both(
            crate::error::both(crate::error::both(m, p), crate::error::both(w, s)),
            crate::error::both(crate::error::both(pr, rule), crate::error::both(vo, date)),
        )?;
        priorities.rule = rule;
        votes.date = date;
        votes.place = f.votes_place;
        weights.name = "saved with the study".into();
        Ok(StudyDoc {
            name: f.name,
            notes: f.notes,
            matrix,
            plans,
            weights,
            settings,
            priorities,
            votes,
        })
    }

    /// Saves the study atomically.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        write_atomic(path, &self.to_bytes())
    }

    /// Opens a study file.
    pub fn open(path: &Path) -> Result<StudyDoc, LoadErrors> {
        StudyDoc::from_bytes(&path.display().to_string(), &read_file(path)?)
    }
}
