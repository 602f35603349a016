//! The pieces of her page's sentences in her language: a key's words
//! filled with rupees, months and lists of months, commas and full stops.

use crate::i18n::{self, Lang};
use crate::money::rs;
use crate::report::Piece;
use rust_decimal::Decimal;

/// Pieces read as one English line: words and numbers apart by a space,
/// punctuation against the word before it.
pub(super) fn english(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        let t = match p {
            Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
        };
        if t.is_empty() {
            continue;
        }
        let attach = t.starts_with([',', ';', ':', '.', ')']) || out.ends_with('(');
        if !out.is_empty() && !attach {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// The sentence of `key` in `lang` as pieces: its words, each `{name}` in
/// it replaced by the pieces given for that name (numbers, months), in the
/// order the language puts them.
pub(super) fn fill(lang: Lang, key: &'static str, args: &[(&str, Vec<Piece>)]) -> Vec<Piece> {
    let mut out = Vec::new();
    // Punctuation after a placeholder ("{cost}.", "{months}۔") stays with
    // the word before it.
    let words = |out: &mut Vec<Piece>, t: &str| {
        let mut t = t.trim();
        if let Some(Piece::Words(prev)) = out.last_mut() {
            let stop = t.find(|c: char| !".,;:۔،؛".contains(c)).unwrap_or(t.len());
            prev.push_str(&t[..stop]);
            t = t[stop..].trim_start();
        }
        if !t.is_empty() {
            out.push(Piece::Words(t.to_string()));
        }
    };
    let mut rest = i18n::tr(lang, key);
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        words(&mut out, &rest[..open]);
        let name = &rest[open + 1..close];
        if let Some((_, pieces)) = args.iter().find(|(n, _)| *n == name) {
            out.extend(pieces.iter().cloned());
        }
        rest = &rest[close + 1..];
    }
    words(&mut out, rest);
    out
}

/// Rupees as her page writes them: "Rs 1,667" in English (one piece); in
/// Urdu the number in the study's digits, then "روپے".
pub(super) fn rupees_pieces(lang: Lang, digits: i18n::Digits, d: Decimal) -> Vec<Piece> {
    match lang {
        Lang::En => vec![Piece::Ltr(rs(d))],
        _ => {
            let (n, unit) = i18n::rupees(lang, digits, d);
            vec![Piece::Ltr(n), Piece::Words(unit.to_string())]
        }
    }
}

/// A month of the loan in words: the calendar month's name when known
/// ("Jun", "جون"), else "month 3" ("مہینہ ۳").
pub(super) fn month_pieces(
    lang: Lang,
    digits: i18n::Digits,
    month: u32,
    calendar: Option<u8>,
) -> Vec<Piece> {
    match calendar {
        Some(c) => vec![Piece::Words(
            i18n::month(lang, u32::from(c) % 12 + 1).to_string(),
        )],
        None => fill(
            lang,
            "handout.m_month",
            &[("n", vec![Piece::Ltr(digits.apply(&month.to_string()))])],
        ),
    }
}

/// Months of the loan in words, as [`scoring::months::months_list`] says
/// them for staff: "Jun, Jul and Aug", "month 3 to month 12" when they
/// follow one another over more than three, "every month" when they are all
/// its `term` months; "Jun, Jul, Aug and 4 other months" when many.
pub(super) fn months_pieces(
    lang: Lang,
    digits: i18n::Digits,
    months: &[(u32, Option<u8>)],
    term: u32,
) -> Vec<Piece> {
    let name = |&(m, c): &(u32, Option<u8>)| month_pieces(lang, digits, m, c);
    let list = |names: &[(u32, Option<u8>)]| {
        let mut out = Vec::new();
        for (i, x) in names.iter().enumerate() {
            if i + 1 == names.len() && i > 0 {
                out.push(said(lang, "handout.m_and"));
            } else if i > 0 {
                comma(&mut out, lang);
            }
            out.extend(name(x));
        }
        out
    };
    let consecutive = months.windows(2).all(|w| w[1].0 == w[0].0 + 1);
    let n = months.len();
    match (months.first(), months.last()) {
        (Some(first), Some(last)) if n > 1 => {
            if consecutive && first.0 == 1 && n as u32 >= term {
                vec![said(lang, "handout.m_every_month")]
            } else if n > 3 && consecutive {
                fill(
                    lang,
                    "handout.m_range",
                    &[("a", name(first)), ("b", name(last))],
                )
            } else if n > 6 {
                fill(
                    lang,
                    "handout.m_others",
                    &[
                        ("list", {
                            let mut out = Vec::new();
                            for (i, x) in months.iter().take(3).enumerate() {
                                if i > 0 {
                                    comma(&mut out, lang);
                                }
                                out.extend(name(x));
                            }
                            out
                        }),
                        ("n", vec![Piece::Ltr(digits.apply(&(n - 3).to_string()))]),
                    ],
                )
            } else {
                list(months)
            }
        }
        _ => list(months),
    }
}

/// A comma in `lang` after the last piece: against its word.
pub(super) fn comma(out: &mut Vec<Piece>, lang: Lang) {
    punctuate(out, if lang == Lang::En { "," } else { "،" });
}

/// Punctuation after the last piece: against its word (a separate piece
/// after a number).
pub(super) fn punctuate(out: &mut Vec<Piece>, mark: &str) {
    match out.last_mut() {
        Some(Piece::Words(w)) => w.push_str(mark),
        _ => out.push(Piece::Words(mark.into())),
    }
}

/// The words of `key` in `lang`, as a piece.
pub(super) fn said(lang: Lang, key: &'static str) -> Piece {
    Piece::Words(i18n::tr(lang, key).to_string())
}

/// The months of the year in a set (bit 0: January), as (month, calendar)
/// for [`months_pieces`].
pub(super) fn year_months(fits: u16) -> Vec<(u32, Option<u8>)> {
    (0..12u8)
        .filter(|m| fits & (1 << m) != 0)
        .map(|m| (u32::from(m) + 1, Some(m)))
        .collect()
}

/// The months of the year in a set (bit 0: January) in English words: "Jan,
/// Feb and Mar", "Jan to Jun" when they follow one another.
pub(super) fn calendar_months_list(lang: Lang, fits: u16) -> String {
    english(&months_pieces(
        lang,
        i18n::Digits::Western,
        &year_months(fits),
        13,
    ))
}

/// "in Nov", "in Jun, Jul and Aug" ("نومبر میں"): months of the loan with
/// the word that places something in them, in the order of the language.
pub(super) fn in_months(
    lang: Lang,
    digits: i18n::Digits,
    months: &[(u32, Option<u8>)],
    term: u32,
) -> Vec<Piece> {
    fill(
        lang,
        "handout.m_in",
        &[("months", months_pieces(lang, digits, months, term))],
    )
}
