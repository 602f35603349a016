//! The study's settings: how offers are judged (affordability, stress,
//! rounding), the CO's own savings as an option, the stability's draws, and
//! the digits of the members' pages.

use crate::data::votes::VoteRule;
use crate::money::{self, Digits};
use crate::pricing::Rounding;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// The CO's own savings, offered as internal lending.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CoSavings {
    /// The savings pool in rupees: loans from it cannot exceed it in all.
    pub pool: Decimal,
    /// The nominal markup, flat per year, in percent.
    pub markup_percent: Decimal,
    /// The longest term in months.
    pub max_months: u32,
}

/// The study's settings for scoring.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Whether member-offer pairs with unknowns ("to verify") are ranked. Default yes:
    /// in the 2010 matrix most values were lost, and excluding them would leave nothing.
    pub rank_to_verify: bool,
    /// A loan may take at most this share of her free money in a month
    /// (what her household has left after its expenses and her other debts);
    /// the rest is her buffer (default 75%).
    pub affordability_percent: Decimal,
    /// Her debt-service ratio may be at most this in any month: all her
    /// debts' payments from the month's income, this loan's included, over
    /// the income (default 50%, as the Reserve Bank of India's rule for
    /// microfinance loans, Master Direction of 14 March 2022, paras 5.1-5.2).
    pub debt_service_cap_percent: Decimal,
    /// When the loans are to be paid out: it places her lean and busy months
    /// against the loan's months. When it is not set and a member's months
    /// differ, every month of the year is tried and the worst kept.
    pub disbursed: Option<crate::date::Date>,
    /// The stress test: her income (sales and other income) lower by this much (default 20%).
    pub stress_income_drop_percent: Decimal,
    /// How instalments are rounded (default: to the rupee).
    pub rounding: Rounding,
    /// The CO's savings as an option, if entered.
    pub co_savings: Option<CoSavings>,
    /// Monte Carlo draws for the rank acceptability (default 10,000).
    pub draws: u32,
    /// The seed of the draws, so results repeat.
    pub seed: u64,
    /// How far each weight is moved in the draws: +-50% of itself by default.
    pub spread: f64,
    /// In the draws over the data, the chance that an unknown yes/no is
    /// drawn as yes (0.5 by default: nothing known either way).
    pub unknown_yes: f64,
    /// How numbers are written on the members' pages: Western (the default) or Urdu digits.
    pub digits: Digits,
    /// The CO's vote carries when at least this share of the members
    /// present vote for the MFI (default 70%, the CO's rule in the seeds).
    pub vote_carried_percent: Decimal,
    /// ... with more than this share of the CO's members present (default
    /// 50%: more than half).
    pub vote_quorum_percent: Decimal,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rank_to_verify: true,
            affordability_percent: Decimal::from(75),
            debt_service_cap_percent: Decimal::from(50),
            disbursed: None,
            stress_income_drop_percent: Decimal::from(20),
            rounding: Rounding::Rupee,
            co_savings: None,
            draws: 10_000,
            seed: 2010,
            spread: 0.5,
            unknown_yes: 0.5,
            digits: Digits::Western,
            vote_carried_percent: VoteRule::default().carried_percent,
            vote_quorum_percent: VoteRule::default().quorum_percent,
        }
    }
}

impl Settings {
    /// The rule of the CO's vote.
    pub fn vote_rule(&self) -> VoteRule {
        VoteRule {
            carried_percent: self.vote_carried_percent,
            quorum_percent: self.vote_quorum_percent,
        }
    }
}

/// The most Monte Carlo draws a study may ask for: a million take a few
/// seconds on the built-in study; more would only make the app wait.
pub const MAX_DRAWS: u32 = 1_000_000;

/// One bad value among a study's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingError {
    /// The setting's key, as in the file.
    pub key: String,
    /// What was expected and what was found.
    pub message: String,
}

impl std::fmt::Display for SettingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "settings: \"{}\": {}", self.key, self.message)
    }
}

/// The keys a settings object may hold, in the order of [`Settings`].
pub const SETTING_KEYS: [&str; 14] = [
    "rank_to_verify",
    "affordability_percent",
    "debt_service_cap_percent",
    "disbursed",
    "stress_income_drop_percent",
    "rounding",
    "co_savings",
    "draws",
    "seed",
    "spread",
    "unknown_yes",
    "digits",
    "vote_carried_percent",
    "vote_quorum_percent",
];

/// A JSON value as it was written, short enough for a message.
fn found(v: &Value) -> String {
    let text = match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    };
    crate::data::table::clip(&text)
}

/// A decimal written as a JSON number or as a string (rust_decimal writes
/// strings), the string read by `parse` (an amount or a percentage).
fn decimal(v: &Value, parse: fn(&str) -> Result<Decimal, String>) -> Option<Decimal> {
    match v {
        Value::String(s) => parse(s).ok(),
        Value::Number(n) => n.to_string().parse::<Decimal>().ok(),
        _ => None,
    }
}

/// Reads a whole number within `lo..=hi`.
fn whole(v: &Value, lo: u64, hi: u64) -> Option<u64> {
    v.as_u64().filter(|n| (lo..=hi).contains(n))
}

/// Reads a percentage within `lo..=hi` (`lo` excluded when `open_low`).
fn percent_in(v: &Value, lo: Decimal, hi: Decimal, open_low: bool) -> Option<Decimal> {
    decimal(v, money::parse_percent)
        .filter(|d| (if open_low { *d > lo } else { *d >= lo }) && *d <= hi)
}

/// A choice written as one of `names` (any case, as the file writes it).
fn choice<T>(v: &Value, parse: fn(&str) -> Option<T>) -> Option<T> {
    v.as_str().and_then(parse)
}

impl Settings {
    /// Reads the settings of a study file: every key checked, every bad
    /// value reported (with what was expected), all at once. A key that is
    /// absent keeps its default; a key the tool does not know is an error,
    /// so that a misspelt setting is never silently ignored.
    pub fn from_json(v: &Value) -> Result<Settings, Vec<SettingError>> {
        let mut s = Settings::default();
        let mut errors = Vec::new();
        let map = match v {
            Value::Null => return Ok(s),
            Value::Object(m) => m,
            other => {
                return Err(vec![SettingError {
                    key: "settings".into(),
                    message: format!(
                        "expected an object like {{\"draws\": 10000}}, found {}",
                        found(other)
                    ),
                }]);
            }
        };
        let hundred = Decimal::ONE_HUNDRED;
        for (key, value) in map {
            let mut bad = |message: String| {
                errors.push(SettingError {
                    key: key.clone(),
                    message: format!("{message}, found {}", found(value)),
                })
            };
            match key.as_str() {
                "rank_to_verify" => match value.as_bool() {
                    Some(b) => s.rank_to_verify = b,
                    None => bad("expected true or false".into()),
                },
                "affordability_percent" => {
                    match percent_in(value, Decimal::ZERO, hundred, true) {
                        Some(d) => s.affordability_percent = d,
                        None => bad("expected a percentage above 0 and at most 100".into()),
                    }
                }
                "debt_service_cap_percent" => {
                    match percent_in(value, Decimal::ZERO, hundred, true) {
                        Some(d) => s.debt_service_cap_percent = d,
                        None => bad("expected a percentage above 0 and at most 100".into()),
                    }
                }
                "disbursed" => match value {
                    Value::Null => s.disbursed = None,
                    Value::String(t) => match crate::date::Date::parse(t) {
                        Some(d) => s.disbursed = Some(d),
                        None => bad("expected null or a date like 2027-01-15".into()),
                    },
                    _ => bad("expected null or a date like 2027-01-15".into()),
                },
                "stress_income_drop_percent" => {
                    match percent_in(value, Decimal::ZERO, hundred, false) {
                        Some(d) => s.stress_income_drop_percent = d,
                        None => bad("expected a percentage from 0 to 100".into()),
                    }
                }
                "rounding" => match choice(value, Rounding::parse) {
                    Some(r) => s.rounding = r,
                    None => bad(format!("expected one of {}", Rounding::NAMES.join(", "))),
                },
                "co_savings" => match co_savings(value) {
                    Ok(c) => s.co_savings = c,
                    Err(message) => bad(message),
                },
                "draws" => match whole(value, 1, MAX_DRAWS as u64) {
                    Some(n) => s.draws = n as u32,
                    None => bad("expected a whole number from 1 to 1,000,000".into()),
                },
                "seed" => match value.as_u64() {
                    Some(n) => s.seed = n,
                    None => bad("expected a whole number of 0 or more".into()),
                },
                "spread" => match value.as_f64().filter(|x| (0.0..=1.0).contains(x)) {
                    Some(x) => s.spread = x,
                    None => bad("expected a number from 0 to 1 (0.5 moves each weight by up to half of itself)".into()),
                },
                "unknown_yes" => match value.as_f64().filter(|x| (0.0..=1.0).contains(x)) {
                    Some(x) => s.unknown_yes = x,
                    None => bad("expected a number from 0 to 1 (the chance that an unknown yes/no is drawn as yes; 0.5 by default)".into()),
                },
                "digits" => match choice(value, Digits::parse) {
                    Some(d) => s.digits = d,
                    None => bad(format!("expected one of {}", Digits::NAMES.join(", "))),
                },
                "vote_carried_percent" => {
                    match decimal(value, money::parse_percent).map(VoteRule::check_carried) {
                        Some(Ok(d)) => s.vote_carried_percent = d,
                        _ => bad("expected a percentage from 50 to 100 (the share of the members present who must vote for the MFI; 70 by default)".into()),
                    }
                }
                "vote_quorum_percent" => {
                    match decimal(value, money::parse_percent).map(VoteRule::check_quorum) {
                        Some(Ok(d)) => s.vote_quorum_percent = d,
                        _ => bad("expected a percentage from 0 to below 100 (more than this share of the CO's members must be present; 50 by default: more than half)".into()),
                    }
                }
                _ => errors.push(SettingError {
                    key: key.clone(),
                    message: format!("not a setting: expected one of {}", SETTING_KEYS.join(", ")),
                }),
            }
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }
}

/// Reads the CO savings setting: null (none) or
/// `{"pool": "50000", "markup_percent": "5", "max_months": 24}`.
fn co_savings(v: &Value) -> Result<Option<CoSavings>, String> {
    const SHAPE: &str =
        "expected null or {\"pool\": \"50000\", \"markup_percent\": \"5\", \"max_months\": 24}";
    let map = match v {
        Value::Null => return Ok(None),
        Value::Object(m) => m,
        _ => return Err(SHAPE.into()),
    };
    let pool = map
        .get("pool")
        .and_then(|p| decimal(p, money::parse_amount))
        .filter(|d| *d >= Decimal::ONE);
    let markup = map
        .get("markup_percent")
        .and_then(|m| percent_in(m, Decimal::ZERO, Decimal::ONE_HUNDRED, false));
    let months = map
        .get("max_months")
        .and_then(|m| whole(m, 1, crate::pricing::MAX_MONTHS as u64));
    let known = map
        .keys()
        .all(|k| ["pool", "markup_percent", "max_months"].contains(&k.as_str()));
    match (pool, markup, months) {
        (Some(pool), Some(markup_percent), Some(max_months)) if known => Ok(Some(CoSavings {
            pool,
            markup_percent,
            max_months: max_months as u32,
        })),
        _ => Err(format!(
            "{SHAPE} (a pool of at least Rs 1, a markup from 0 to 100%, 1 to {} months)",
            crate::pricing::MAX_MONTHS
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_read_back_as_written() {
        let written = serde_json::to_value(Settings::default()).unwrap();
        assert_eq!(Settings::from_json(&written), Ok(Settings::default()));
        let custom = Settings {
            co_savings: Some(CoSavings {
                pool: Decimal::from(50_000),
                markup_percent: Decimal::from(5),
                max_months: 24,
            }),
            digits: Digits::Urdu,
            rounding: Rounding::Paisa,
            disbursed: crate::date::Date::parse("2027-01-15"),
            debt_service_cap_percent: Decimal::from(40),
            draws: 1,
            vote_carried_percent: Decimal::from(75),
            vote_quorum_percent: Decimal::from(60),
            ..Settings::default()
        };
        let written = serde_json::to_value(&custom).unwrap();
        assert_eq!(Settings::from_json(&written), Ok(custom));
        assert_eq!(Settings::from_json(&Value::Null), Ok(Settings::default()));
    }

    #[test]
    fn every_bad_value_is_reported_at_once() {
        let v: Value = serde_json::from_str(
            r#"{"draws": 4000000000, "spread": "wide", "seed": -1, "rounding": "up",
                "affordability_percent": "0", "stress_income_drop_percent": 120,
                "digits": "roman", "rank_to_verify": "yes", "drawz": 5,
                "vote_carried_percent": "40%", "vote_quorum_percent": 100,
                "co_savings": {"pool": "0", "markup_percent": "5", "max_months": 24}}"#,
        )
        .unwrap();
        let errors = Settings::from_json(&v).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 12, "{text:#?}");
        assert!(text.iter().any(|t| t.starts_with(
            "settings: \"vote_carried_percent\": expected a percentage from 50 to 100"
        ) && t.ends_with("found \"40%\"")));
        assert!(text.iter().any(|t| t.starts_with(
            "settings: \"vote_quorum_percent\": expected a percentage from 0 to below 100"
        )));
        assert!(text.contains(
            &"settings: \"draws\": expected a whole number from 1 to 1,000,000, found 4000000000"
                .to_string()
        ));
        assert!(text.iter().any(|t| {
            t.starts_with("settings: \"spread\": expected a number from 0 to 1")
                && t.ends_with("found \"wide\"")
        }));
        assert!(
            text.iter()
                .any(|t| t.starts_with("settings: \"drawz\": not a setting"))
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("settings: \"co_savings\""))
        );
    }
}
