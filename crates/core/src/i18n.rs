//! The languages of the pages meant for CO members (the repayment view and
//! the member handout): English and Urdu. Every translation lives in one
//! file, `assets/i18n/translations.csv` (key, en, ur, note), so that a
//! native speaker can review it in a spreadsheet; a missing or empty Urdu
//! text falls back to English. Numbers are written apart from words, in
//! Western (1,50,000) or Urdu (۱٬۵۰٬۰۰۰) digits as the study chooses.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

pub use crate::money::Digits;

/// A count with its English noun: "1 MFI", "7 MFIs" (the staff's
/// pages and the command line are English; a noun whose plural is not
/// the singular with "s" is not passed here).
pub fn count_en(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `s` with its first letter a capital: a sentence's first word, a
/// charge's name as a row's label.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The bundled translations.
pub const TRANSLATIONS: &str = include_str!("../../../assets/i18n/translations.csv");

/// A language of the member-facing pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// English, left to right.
    #[default]
    En,
    /// Urdu, right to left.
    Ur,
}

impl Lang {
    /// Both, in the order of the switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ur];

    /// Whether it is written right to left.
    pub fn rtl(self) -> bool {
        self == Lang::Ur
    }

    /// Its code: `en`, `ur`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ur => "ur",
        }
    }

    /// The language from its code.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "ur" | "urdu" | "اردو" => Some(Lang::Ur),
            _ => None,
        }
    }
}

/// A table of translations: key -> (English, Urdu).
#[derive(Debug, Clone, Default)]
pub struct Texts {
    entries: HashMap<String, (String, String)>,
    /// The keys in the file's order.
    keys: Vec<String>,
}

impl Texts {
    /// Reads a translations file (key, en, ur, note).
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Texts, crate::error::LoadErrors> {
        use crate::data::table::ColumnSpec;
        let spec = |name, required| ColumnSpec { name, required };
        let columns = [
            spec("key", true),
            spec("en", true),
            spec("ur", false),
            spec("note", false),
        ];
        let t = crate::data::table::read_table(file, bytes, &columns)?;
        let (k, en, ur) = (t.col("key"), t.col("en"), t.col("ur"));
        let mut texts = Texts::default();
        for row in &t.rows {
            let key = row.get(k).trim().to_string();
            if key.is_empty() {
                continue;
            }
            texts.keys.push(key.clone());
            texts.entries.insert(
                key,
                (
                    row.get(en).trim().to_string(),
                    row.get(ur).trim().to_string(),
                ),
            );
        }
        Ok(texts)
    }

    /// The bundled translations.
    pub fn bundled() -> &'static Texts {
        static TEXTS: OnceLock<Texts> = OnceLock::new();
        TEXTS.get_or_init(|| {
            Texts::parse("assets/i18n/translations.csv", TRANSLATIONS.as_bytes())
                .unwrap_or_default()
        })
    }

    /// The text of `key` in `lang`; English when the Urdu is missing, and the
    /// key itself when the key is unknown.
    pub fn get<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        match self.entries.get(key) {
            None => key,
            Some((en, ur)) => match lang {
                Lang::Ur if !ur.is_empty() => ur,
                _ => en,
            },
        }
    }

    /// The keys with no text in `lang`.
    pub fn missing(&self, lang: Lang) -> Vec<&str> {
        self.keys
            .iter()
            .filter(|k| {
                let (en, ur) = &self.entries[k.as_str()];
                match lang {
                    Lang::En => en.is_empty(),
                    Lang::Ur => ur.is_empty(),
                }
            })
            .map(|k| k.as_str())
            .collect()
    }

    /// Whether `key` is in the table.
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }
}

/// The bundled text of `key` in `lang`.
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    Texts::bundled().get(lang, key)
}

/// A charge's name in `lang` when the translations know it ("charge." and
/// the name in small letters: "documentation charges", "life insurance
/// premium"...), else as the matrix writes it; `None` for a name it does
/// not know, which stays in the matrix's words.
pub fn charge_name(lang: Lang, name: &str) -> Option<&'static str> {
    let key = format!("charge.{}", name.trim().to_lowercase());
    let texts = Texts::bundled();
    texts.has(&key).then(|| {
        let (en, ur) = &texts.entries[key.as_str()];
        match lang {
            Lang::Ur if !ur.is_empty() => ur.as_str(),
            _ => en.as_str(),
        }
    })
}

/// A rupee amount as (number, unit) for laying out apart: the number with
/// South Asian grouping in the chosen digits, and "Rs" or "روپے".
pub fn rupees(lang: Lang, digits: Digits, d: Decimal) -> (String, &'static str) {
    let number = crate::money::rs(d);
    let number = number.trim_start_matches("Rs ").to_string();
    (digits.apply(&number), tr(lang, "rupees"))
}

/// A rupee amount in one piece for English ("Rs 2,117"); for Urdu the
/// number then the unit ("۲٬۱۱۷ روپے"), to be laid out as two pieces.
pub fn rupees_text(lang: Lang, digits: Digits, d: Decimal) -> String {
    let (n, unit) = rupees(lang, digits, d);
    match lang {
        Lang::En => format!("{unit} {n}"),
        Lang::Ur => format!("{n} {unit}"),
    }
}

/// A month's short name.
pub fn month(lang: Lang, m: u32) -> &'static str {
    const KEYS: [&str; 12] = [
        "month.1", "month.2", "month.3", "month.4", "month.5", "month.6", "month.7", "month.8",
        "month.9", "month.10", "month.11", "month.12",
    ];
    tr(lang, KEYS[(m.clamp(1, 12) - 1) as usize])
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_say_one_without_s() {
        assert_eq!(super::count_en(1, "MFI"), "1 MFI");
        assert_eq!(super::count_en(0, "member"), "0 members");
        assert_eq!(super::count_en(7, "loan product"), "7 loan products");
    }

    use super::*;

    #[test]
    fn the_bundled_file_loads() {
        if let Err(e) = Texts::parse("assets/i18n/translations.csv", TRANSLATIONS.as_bytes()) {
            panic!("{e}");
        }
    }

    /// Every key the program asks for: the string literals of `src/` named
    /// like keys (`repay.…`, `handout.…`, `digits.…`, `month.…`, `pair.…` ...), and the two
    /// keys without a prefix.
    fn used_keys() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source readable");
                    for literal in text.split('"').skip(1).step_by(2) {
                        let keyed = [
                            "repay.",
                            "handout.",
                            "digits.",
                            "month.",
                            "form.",
                            "mip.",
                            "pair.",
                            "card.",
                            "meeting.",
                            "resolution.",
                        ]
                        .iter()
                        .any(|p| literal.starts_with(p));
                        let word = |c: char| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c)
                        };
                        if keyed && literal.chars().all(word) {
                            out.push(literal.to_string());
                        }
                    }
                }
            }
        }
        let mut keys = vec!["language".to_string(), "rupees".to_string()];
        // Every crate of the workspace: the app shows these texts too.
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
            &mut keys,
        );
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn every_key_used_is_translated_and_none_is_missing() {
        let t = Texts::bundled();
        let used = used_keys();
        assert!(used.len() > 60, "{used:?}");
        let unknown: Vec<&str> = used
            .iter()
            .map(|k| k.as_str())
            .filter(|k| !t.has(k))
            .collect();
        assert!(
            unknown.is_empty(),
            "keys not in translations.csv: {unknown:?}"
        );
        let missing = t.missing(Lang::Ur);
        assert!(
            missing.is_empty(),
            "without Urdu (English is shown instead): {missing:?}"
        );
        assert!(t.missing(Lang::En).is_empty());
        for k in &used {
            let ur = t.get(Lang::Ur, k);
            assert!(
                ur.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{k}: the Urdu text has no Arabic-script letter: {ur}"
            );
        }
    }

    /// Every charge a matrix names (life and health insurance,
    /// documentation charges, a charge without a name of its own), a loan
    /// card's insurance and the charges the tool prices where a term is
    /// unknown have their Urdu words: none is left in English on an Urdu
    /// page or card.
    #[test]
    fn every_charge_a_study_names_has_its_urdu() {
        use crate::data::matrix::{Kind, PARAMS};
        let mut names = vec![
            "life insurance",
            "health insurance",
            "insurance",
            "life insurance premium",
            "health insurance charges",
            "documentation charges",
            "processing fee",
            "stamp duty",
        ];
        for p in PARAMS {
            if let Kind::Charges(name, _) = p.kind {
                names.push(name);
            }
        }
        for name in names {
            let ur = charge_name(Lang::Ur, name).unwrap_or_default();
            assert!(
                ur.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{name}: no Urdu ({ur})"
            );
            // As a matrix or a loan card may write it.
            assert_eq!(charge_name(Lang::Ur, &name.to_uppercase()), Some(ur));
        }
    }

    #[test]
    fn a_missing_urdu_text_falls_back_to_english() {
        let t = Texts::parse(
            "t.csv",
            "key,en,ur\na,Each instalment,\nb,Rs,روپے\n".as_bytes(),
        )
        .expect("loads");
        assert_eq!(t.get(Lang::Ur, "a"), "Each instalment");
        assert_eq!(t.get(Lang::Ur, "b"), "روپے");
        assert_eq!(t.get(Lang::En, "b"), "Rs");
        assert_eq!(t.get(Lang::Ur, "zzz"), "zzz");
        assert_eq!(t.missing(Lang::Ur), vec!["a"]);
    }

    #[test]
    fn urdu_digits_and_rupees() {
        assert_eq!(Digits::Urdu.apply("1,50,000"), "۱٬۵۰٬۰۰۰");
        assert_eq!(Digits::Urdu.apply("35.1%"), "۳۵٫۱٪");
        assert_eq!(Digits::Western.apply("1,50,000"), "1,50,000");
        let d = Decimal::from(150_000);
        assert_eq!(rupees_text(Lang::En, Digits::Western, d), "Rs 1,50,000");
        assert_eq!(rupees_text(Lang::Ur, Digits::Urdu, d), "۱٬۵۰٬۰۰۰ روپے");
        assert_eq!(
            rupees(Lang::Ur, Digits::Western, d),
            ("1,50,000".into(), "روپے")
        );
    }
}
