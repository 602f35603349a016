//! The criteria an offer is judged on, their scales and weights, and the
//! weights file (`criterion, weight, worst, best`) with its presets.

use crate::data::table::{self, ColumnSpec};
use crate::error::{LoadError, LoadErrors};
use serde::Serialize;

/// The criteria, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Criterion {
    /// APR: the true annual cost, all charges included.
    TrueCost,
    /// The total cost of the loan in rupees.
    TotalCost,
    /// The share of her repayment capacity the instalment takes.
    Affordability,
    /// Distance to the office, or staff coming to the village.
    Access,
    /// Life and health insurance.
    Insurance,
    /// Trainings, exhibitions, linkages and other services.
    Services,
    /// Islamic financing when wanted, group lending, new-business loans.
    Fit,
    /// Range of terms and convenience of the repayment frequency.
    Flexibility,
}

/// The number of criteria.
pub const N: usize = 8;

/// Anything kept per criterion (weights, scales, measures, values) is an
/// array in the order of [`Criterion::ALL`], read by the criterion's name:
/// `measures[Criterion::Access]`.
impl<T> std::ops::Index<Criterion> for [T; N] {
    type Output = T;
    fn index(&self, c: Criterion) -> &T {
        &self[c as usize]
    }
}

impl<T> std::ops::IndexMut<Criterion> for [T; N] {
    fn index_mut(&mut self, c: Criterion) -> &mut T {
        &mut self[c as usize]
    }
}

impl Criterion {
    /// All criteria in display order.
    pub const ALL: [Criterion; N] = [
        Criterion::TrueCost,
        Criterion::TotalCost,
        Criterion::Affordability,
        Criterion::Access,
        Criterion::Insurance,
        Criterion::Services,
        Criterion::Fit,
        Criterion::Flexibility,
    ];

    /// The key used in weight files.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::TrueCost => "true_cost",
            Criterion::TotalCost => "total_cost",
            Criterion::Affordability => "affordability",
            Criterion::Access => "access",
            Criterion::Insurance => "insurance",
            Criterion::Services => "services",
            Criterion::Fit => "fit",
            Criterion::Flexibility => "flexibility",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::TrueCost => "true cost (APR)",
            Criterion::TotalCost => "cost in rupees",
            Criterion::Affordability => "affordability",
            Criterion::Access => "access",
            Criterion::Insurance => "insurance",
            Criterion::Services => "extra services",
            Criterion::Fit => "fit to her needs",
            Criterion::Flexibility => "flexibility",
        }
    }

    /// What is measured, its unit and its direction.
    pub fn measure(self) -> &'static str {
        match self {
            Criterion::TrueCost => "APR in %, lower is better",
            Criterion::TotalCost => "total cost of the loan in Rs, lower is better",
            Criterion::Affordability => {
                "monthly instalment as % of her repayment capacity, lower is better"
            }
            Criterion::Access => {
                "km to the office (0 when staff come to the village), lower is better"
            }
            Criterion::Insurance => "cover from 0 (none) to 1 (life and health), higher is better",
            Criterion::Services => {
                "share of the 7 extra services offered, 0 to 1, higher is better"
            }
            Criterion::Fit => {
                "share of her needs met (Islamic when wanted, group lending, new-business loans), higher is better"
            }
            Criterion::Flexibility => {
                "0 to 1 from the range of terms and the repayment frequency, higher is better"
            }
        }
    }

    /// The default scale: (worst, best).
    pub fn default_scale(self) -> (f64, f64) {
        match self {
            Criterion::TrueCost => (80.0, 0.0),
            Criterion::TotalCost => (20_000.0, 0.0),
            Criterion::Affordability => (100.0, 25.0),
            Criterion::Access => (50.0, 0.0),
            _ => (0.0, 1.0),
        }
    }

    /// Reads a key.
    pub fn parse(s: &str) -> Option<Criterion> {
        let k = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Criterion::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// A linear value function: `worst` maps to 0, `best` to 1, clamped between.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    /// The measure that scores 0.
    pub worst: f64,
    /// The measure that scores 1.
    pub best: f64,
}

impl Scale {
    /// The value in 0..=1 of a measure; never NaN (a degenerate scale gives 1
    /// at or beyond best, 0 otherwise).
    pub fn value(&self, x: f64) -> f64 {
        if x.is_nan() {
            return 0.0;
        }
        if x.is_infinite() {
            return if (x > 0.0) == (self.best > self.worst) {
                1.0
            } else {
                0.0
            };
        }
        let span = self.best - self.worst;
        if span == 0.0 || !span.is_finite() {
            return if x == self.best { 1.0 } else { 0.0 };
        }
        // Adding 0.0 turns a negative zero into zero, so "-0.0" is never shown.
        ((x - self.worst) / span).clamp(0.0, 1.0) + 0.0
    }
}

/// The criteria's weights (as entered) and scales, with a name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Weights {
    /// Where they came from: a preset's name or a file.
    pub name: String,
    /// The weights as entered, in the order of [`Criterion::ALL`]; not negative.
    pub raw: [f64; N],
    /// The scales, in the same order.
    pub scales: [Scale; N],
}

impl Weights {
    /// Weights with default scales.
    pub fn new(name: &str, raw: [f64; N]) -> Self {
        Weights {
            name: name.to_string(),
            raw,
            scales: Criterion::ALL.map(|c| {
                let (worst, best) = c.default_scale();
                Scale { worst, best }
            }),
        }
    }

    /// The weights normalised to sum to 1; equal weights when all are zero.
    pub fn normalised(&self) -> [f64; N] {
        normalise(self.raw)
    }
}

/// Normalises weights to sum to 1; equal weights when all are zero.
pub fn normalise(raw: [f64; N]) -> [f64; N] {
    let clean = raw.map(|w| if w.is_finite() && w > 0.0 { w } else { 0.0 });
    let sum: f64 = clean.iter().sum();
    if sum <= 0.0 {
        [1.0 / N as f64; N]
    } else {
        clean.map(|w| w / sum)
    }
}

/// The presets shipped in `parameters/`: (name, file contents).
pub const PRESETS: &[(&str, &str)] = &[
    (
        "balanced",
        include_str!("../../../../parameters/weights-balanced.csv"),
    ),
    (
        "lowest-cost",
        include_str!("../../../../parameters/weights-lowest-cost.csv"),
    ),
    (
        "support-and-services",
        include_str!("../../../../parameters/weights-support-and-services.csv"),
    ),
    (
        "access",
        include_str!("../../../../parameters/weights-access.csv"),
    ),
];

/// The preset used when none is chosen.
pub const DEFAULT_PRESET: &str = "balanced";

/// The columns of a weights file.
pub const WEIGHT_COLUMNS: &[ColumnSpec] = &[
    ColumnSpec {
        name: "criterion",
        required: true,
    },
    ColumnSpec {
        name: "weight",
        required: true,
    },
    ColumnSpec {
        name: "worst",
        required: false,
    },
    ColumnSpec {
        name: "best",
        required: false,
    },
    ColumnSpec {
        name: "note",
        required: false,
    },
];

/// The presets' names, in the order shown.
pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(n, _)| *n).collect()
}

/// A preset by name.
pub fn preset(name: &str) -> Option<Weights> {
    PRESETS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(n, text)| {
            load_weights(&format!("parameters/weights-{n}.csv"), text.as_bytes()).ok()
        })
        .map(|mut w| {
            w.name = name.to_string();
            w
        })
}

fn parse_number(s: &str) -> Option<f64> {
    // Urdu digits, ٫ and ٪ as 0-9, . and %.
    let s = crate::money::western_digits(s);
    let t = s.trim().trim_end_matches('%').replace(',', "");
    let t = t.trim().trim_start_matches("Rs").trim();
    t.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && x.abs() <= 1e12)
}

/// Reads a weights file: `criterion, weight[, worst, best]`. Criteria not
/// listed weigh 0; scales not given keep their defaults.
pub fn load_weights(file: &str, bytes: &[u8]) -> Result<Weights, LoadErrors> {
    let t = table::read_table(file, bytes, WEIGHT_COLUMNS)?;
    // A workbook's errors name its sheet too: "plans.xlsx [Members]:7".
    let label = t.file.clone();
    let file = label.as_str();
    let mut errors = LoadErrors::default();
    let mut w = Weights::new(file, [0.0; N]);
    let mut seen = [None::<u64>; N];
    for row in &t.rows {
        let name = row.get(t.col("criterion"));
        let Some(c) = Criterion::parse(name) else {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("criterion"),
                format!(
                    "expected one of {}, found \"{}\"",
                    Criterion::ALL.map(|c| c.key()).join(", "),
                    table::clip(name)
                ),
            ));
            continue;
        };
        let i = c as usize;
        if let Some(first) = seen[i] {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("criterion"),
                format!("{} is given twice: first at line {first}", c.key()),
            ));
            continue;
        }
        seen[i] = Some(row.line);
        let wt = row.get(t.col("weight"));
        match parse_number(wt) {
            Some(x) if x >= 0.0 => w.raw[i] = x,
            _ => errors.push(LoadError::at(
                file,
                row.line,
                Some("weight"),
                format!(
                    "expected a weight of 0 or more like 25, found \"{}\"",
                    table::clip(wt)
                ),
            )),
        }
        for (col, slot) in [("worst", 0), ("best", 1)] {
            let text = row.get(t.col(col));
            if text.is_empty() {
                continue;
            }
            match parse_number(text) {
                Some(x) => {
                    if slot == 0 {
                        w.scales[i].worst = x;
                    } else {
                        w.scales[i].best = x;
                    }
                }
                None => errors.push(LoadError::at(
                    file,
                    row.line,
                    Some(col),
                    format!("expected a number, found \"{}\"", table::clip(text)),
                )),
            }
        }
        if w.scales[i].worst == w.scales[i].best {
            errors.push(LoadError::at(
                file,
                row.line,
                Some("best"),
                "the best and worst ends of the scale must differ",
            ));
        }
    }
    errors.into_result(w)
}

/// Writes weights in the format [`load_weights`] reads.
pub fn weights_to_csv(w: &Weights) -> Vec<u8> {
    let rows: Vec<Vec<String>> = Criterion::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                c.key().to_string(),
                w.raw[i].to_string(),
                w.scales[i].worst.to_string(),
                w.scales[i].best.to_string(),
                c.measure().to_string(),
            ]
        })
        .collect();
    table::to_csv(&["criterion", "weight", "worst", "best", "note"], &rows)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_never_give_nan() {
        let s = Scale {
            worst: 80.0,
            best: 0.0,
        };
        assert_eq!(s.value(0.0), 1.0);
        assert_eq!(s.value(80.0), 0.0);
        assert_eq!(s.value(40.0), 0.5);
        assert_eq!(s.value(200.0), 0.0);
        assert_eq!(s.value(f64::INFINITY), 0.0);
        assert_eq!(s.value(f64::NAN), 0.0);
        let flat = Scale {
            worst: 1.0,
            best: 1.0,
        };
        assert_eq!(flat.value(1.0), 1.0);
        assert_eq!(normalise([0.0; N]), [0.125; N]);
    }

    #[test]
    fn presets_load() {
        for (name, _) in PRESETS {
            let w = preset(name).unwrap();
            assert!((w.normalised().iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
    }
}
