//! Mixed runs in a line of Urdu (numbers, minus signs, brackets, Latin
//! names in right-to-left text) ordered as the Unicode bidirectional
//! algorithm (UAX #9, by the `unicode-bidi` crate) orders them, for the PDF
//! and the app alike: neither printpdf nor egui reorders a mixed line.
//!
//! A line is cut into runs, each read in one direction: "فروخت 8,600 -
//! اخراجات" is the Urdu "فروخت ", the number "8,600", then " - اخراجات" read
//! right to left, so that the minus sign stands between the number and the
//! next word, where the reader meets it. A bracket in a right-to-left run is
//! drawn mirrored ([`mirrored`]).

use unicode_bidi::{Level, ParagraphBidiInfo};

/// One run of a line: text read in one direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run<'a> {
    /// Its characters in the order they are read.
    pub text: &'a str,
    /// Read right to left.
    pub rtl: bool,
}

/// The runs of `text` laid out as one line of a paragraph written right to
/// left (`rtl`, an Urdu page) or left to right (an English one, a name in
/// Urdu letters inside it), in the order they stand on the line, the
/// leftmost first. Each run's own characters stay in reading order: a
/// right-to-left run is drawn from its end at the left.
pub fn visual_runs(text: &str, rtl: bool) -> Vec<Run<'_>> {
    if text.is_empty() {
        return Vec::new();
    }
    // Line and paragraph breaks are not for one line: read as spaces.
    let clean: std::borrow::Cow<'_, str> = if text.contains(['\n', '\r', '\u{2029}']) {
        text.replace(['\n', '\r', '\u{2029}'], " ").into()
    } else {
        text.into()
    };
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = ParagraphBidiInfo::new(&clean, Some(level));
    let (levels, runs) = info.visual_runs(0..clean.len());
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .filter_map(|r| {
            let rtl = levels.get(r.start).is_some_and(|l| l.is_rtl());
            // The same bytes of the original (a replaced break is one byte
            // for one byte).
            let text = text.get(r)?;
            Some(Run { text, rtl })
        })
        .collect()
}

/// The runs of `text` in a right-to-left line in the order they are read:
/// the rightmost first ([`visual_runs`] reversed).
pub fn reading_runs(text: &str) -> Vec<Run<'_>> {
    let mut runs = visual_runs(text, true);
    runs.reverse();
    runs
}

/// Whether `text` needs the bidirectional algorithm to be drawn right to
/// left: it holds a digit, a Latin letter or punctuation that the Urdu face
/// lacks (brackets, signs), beside its Urdu letters.
pub fn is_mixed(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_ascii_alphanumeric() || lacks_naskh(c) || is_urdu_digit(c))
}

/// Whether `c` is an Arabic-Indic or Urdu (extended) digit, or one of their
/// separators.
pub fn is_urdu_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{066C}' | '\u{06F0}'..='\u{06F9}')
}

/// Whether `c` is a character that Noto Naskh Arabic (the Urdu face of the
/// PDF and the app) lacks: ASCII punctuation other than `! , . :` (which
/// it has, with the space and the Western digits), brackets and signs
/// among them. Such a character is drawn in Noto Sans, mirrored in a
/// right-to-left run.
pub fn lacks_naskh(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '!' | ',' | '.' | ':')
        || matches!(c, '«' | '»' | '–' | '—' | '…')
}

/// The character drawn for `c` in a right-to-left run (Unicode's
/// Bidi_Mirroring_Glyph for the brackets a translation or a person types):
/// an opening bracket opens towards the text it encloses, on its right.
pub fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> Vec<(&str, bool)> {
        reading_runs(text)
            .into_iter()
            .map(|r| (r.text, r.rtl))
            .collect()
    }

    /// The worked example of the plan: each minus sign between the number
    /// before it and the word after it, the answer after its equals sign.
    #[test]
    fn numbers_and_signs_in_urdu_read_in_their_order() {
        let runs = reading("فروخت 8,600 - اخراجات 4,600 + آمدن 7,300 = 4,000 روپے۔");
        assert_eq!(
            runs,
            vec![
                ("فروخت ", true),
                ("8,600", false),
                (" - اخراجات ", true),
                ("4,600", false),
                (" + آمدن ", true),
                ("7,300", false),
                (" = ", true),
                ("4,000", false),
                (" روپے۔", true),
            ]
        );
    }

    /// Urdu digits and their separators are one number, read left to right.
    #[test]
    fn urdu_digits_are_one_number() {
        assert_eq!(
            reading("کل ۱۲٬۵۰۰ روپے"),
            vec![("کل ", true), ("۱۲٬۵۰۰", false), (" روپے", true)]
        );
    }

    /// A Latin name and the number after it read left to right together;
    /// brackets around Urdu words belong to the Urdu run.
    #[test]
    fn names_and_brackets() {
        assert_eq!(
            reading("ادارہ: Akhuwat / Qard-e-hasan loan"),
            vec![("ادارہ: ", true), ("Akhuwat / Qard-e-hasan loan", false)]
        );
        assert_eq!(
            reading("فروخت (چلتا کاروبار)"),
            vec![("فروخت (چلتا کاروبار)", true)]
        );
        assert_eq!(mirrored('('), ')');
        assert!(lacks_naskh('(') && lacks_naskh('-') && !lacks_naskh(':'));
    }

    /// In an English line, a name in Urdu letters is one run read right to
    /// left.
    #[test]
    fn urdu_in_an_english_line() {
        let runs: Vec<(&str, bool)> = visual_runs("Member: کوثر کریم, Rasool Nagar", false)
            .into_iter()
            .map(|r| (r.text, r.rtl))
            .collect();
        assert_eq!(
            runs,
            vec![
                ("Member: ", false),
                ("کوثر کریم", true),
                (", Rasool Nagar", false)
            ]
        );
    }
}
