//! How the resolution page says things in its language: every sentence
//! from the translations file, filled with names and numbers (in the
//! page's digits, each laid out in its own direction in Urdu); the marks
//! to write on and the sizes of its text.

use crate::data::votes::VoteRule;
use crate::date::Date;
use crate::i18n::{self, Digits, Lang};
use crate::report::{PageLine, Piece};
use crate::voice::tally;
use rust_decimal::Decimal;

/// A line to write on.
pub(super) const BLANK: &str = "____________________";
/// A short line to write a number on.
pub(super) const SHORT: &str = "________";
/// A box to tick.
pub(super) const TICK: &str = "[    ]";
/// Space between two things said on one line.
pub(super) const SPACER: &str = "    ";

/// A value put into a sentence.
#[derive(Clone)]
pub(super) enum Val {
    /// A number or a percentage, written in the page's digits.
    Num(String),
    /// A name, a list of names or a line to write on: as written.
    Name(String),
    /// Words of the page's language (already translated).
    Words(String),
    /// Pieces laid out as they are (names and numbers among words).
    Pieces(Vec<Piece>),
}

/// The text of pieces, for an English line.
pub(super) fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of one page: its language and digits.
pub(super) struct Say {
    pub(super) lang: Lang,
    pub(super) digits: Digits,
}

impl Say {
    pub(super) fn tr(&self, key: &'static str) -> &'static str {
        i18n::tr(self.lang, key)
    }

    /// A value as one piece.
    pub(super) fn piece(&self, v: &Val) -> Piece {
        match v {
            Val::Num(n) => Piece::Ltr(self.digits_of(n)),
            Val::Name(s) if has_arabic(s) => Piece::Words(s.clone()),
            Val::Name(s) => Piece::Ltr(s.clone()),
            Val::Words(s) => Piece::Words(s.clone()),
            Val::Pieces(p) => Piece::Ltr(plain(p)),
        }
    }

    /// A value as pieces.
    pub(super) fn pieces(&self, v: &Val) -> Vec<Piece> {
        match v {
            Val::Pieces(p) => p.clone(),
            other => vec![self.piece(other)],
        }
    }

    pub(super) fn digits_of(&self, s: &str) -> String {
        match self.lang {
            Lang::En => s.to_string(),
            _ => self.digits.apply(s),
        }
    }

    /// The sentence of `key` with its `{name}` places filled: in English one
    /// run of text; in Urdu the words and the values as separate pieces, so
    /// that each is laid out in its own direction.
    pub(super) fn fill(&self, key: &'static str, values: &[(&str, Val)]) -> Vec<Piece> {
        let template = self.tr(key);
        if self.lang == Lang::En {
            let mut s = template.to_string();
            for (name, v) in values {
                let text = match v {
                    Val::Num(n) => n.clone(),
                    Val::Name(n) | Val::Words(n) => n.clone(),
                    Val::Pieces(p) => plain(p),
                };
                s = s.replace(&format!("{{{name}}}"), &text);
            }
            return vec![Piece::Ltr(s)];
        }
        let mut out = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let words = rest[..open].trim();
            if !words.is_empty() {
                out.push(Piece::Words(words.to_string()));
            }
            let name = &rest[open + 1..close];
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, v)) => out.extend(self.pieces(v)),
                None => out.push(Piece::Ltr(BLANK.into())),
            }
            rest = &rest[close + 1..];
        }
        let words = rest.trim();
        if !words.is_empty() {
            out.push(Piece::Words(words.to_string()));
        }
        out
    }

    /// A line of the page.
    pub(super) fn line(&self, pieces: Vec<Piece>, size: f32, bold: bool) -> PageLine {
        PageLine {
            pieces,
            size,
            bold,
            ltr: self.lang == Lang::En,
            picture: None,
        }
    }

    /// A line of English on any page (for the staff member beside them).
    pub(super) fn english(&self, text: String, size: f32) -> PageLine {
        PageLine {
            pieces: vec![Piece::Ltr(text)],
            size,
            bold: false,
            ltr: true,
            picture: None,
        }
    }

    /// A label and its value: "Present: 35".
    pub(super) fn labelled(&self, key: &'static str, value: Vec<Piece>) -> Vec<Piece> {
        let mut v = vec![Piece::Words(self.tr(key).to_string())];
        v.extend(value);
        self.joined(v)
    }

    /// Pieces of an English line as one run (so that "Present: 35" is not
    /// spaced as "Present : 35" by a renderer that joins pieces).
    pub(super) fn joined(&self, pieces: Vec<Piece>) -> Vec<Piece> {
        if self.lang != Lang::En {
            return pieces;
        }
        let text: Vec<String> = pieces
            .into_iter()
            .map(|p| match p {
                Piece::Words(t) | Piece::Ltr(t) => t,
            })
            .filter(|t| !t.is_empty())
            .collect();
        vec![Piece::Ltr(text.join(" "))]
    }

    /// A list of names: "A, B and C" in English; in Urdu each name a piece
    /// (left to right, the first read at the right), "اور" before the last.
    pub(super) fn list(&self, items: &[String]) -> Val {
        if self.lang == Lang::En {
            return Val::Name(tally::list_and(items));
        }
        let mut out = Vec::new();
        let n = items.len();
        for (k, item) in items.iter().enumerate() {
            if k + 1 == n && n > 1 {
                out.push(Piece::Words(self.tr("resolution.and").to_string()));
            }
            let text = if k + 2 < n {
                format!("{item}{}", comma(item))
            } else {
                item.clone()
            };
            out.push(self.piece(&Val::Name(text)));
        }
        Val::Pieces(out)
    }

    /// A percentage: "70%", in the page's digits.
    pub(super) fn pct(&self, d: Decimal) -> Val {
        Val::Num(format!("{}%", d.normalize()))
    }

    /// The quorum in words.
    pub(super) fn quorum(&self, rule: &VoteRule) -> Val {
        if rule.quorum_percent == Decimal::from(50) {
            Val::Words(self.tr("resolution.half").to_string())
        } else if rule.quorum_percent.is_zero() {
            Val::Words(self.tr("resolution.at_least_one").to_string())
        } else {
            let p = format!("{}%", rule.quorum_percent.normalize());
            Val::Pieces(self.fill("resolution.more_than", &[("p", Val::Num(p))]))
        }
    }

    /// A date: "22 Nov 2026", or in Urdu the day, the month's name, the year.
    pub(super) fn date(&self, d: Date) -> Vec<Piece> {
        match self.lang {
            Lang::En => vec![Piece::Ltr(d.long())],
            _ => vec![
                Piece::Ltr(self.digits_of(&d.day().to_string())),
                Piece::Words(i18n::month(self.lang, d.month()).to_string()),
                Piece::Ltr(self.digits_of(&d.year().to_string())),
            ],
        }
    }
}

/// The comma after a name in a list: Urdu's after a name in Urdu letters.
pub(super) fn comma(name: &str) -> &'static str {
    if has_arabic(name) { "،" } else { "," }
}

/// Whether `s` holds Arabic-script letters.
pub(super) fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The sizes of the page's text.
pub(super) const TITLE: f32 = 18.0;
pub(super) const HEAD: f32 = 12.0;
pub(super) const BODY: f32 = 10.5;
pub(super) const SMALL: f32 = 9.0;
