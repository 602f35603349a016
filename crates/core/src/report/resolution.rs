//! The resolution of the CO: the page its secretary copies into the
//! minutes register after the vote on the partner MFI, signed by the
//! president and the secretary. It gives the date and place of the meeting,
//! the members present, the question, the votes, the rule, whether the
//! choice is carried, the dissent recorded, and, when it is not carried,
//! what the meeting may do next (ask the facts first, vote again).
//!
//! Filled from the study's vote; or, before the vote, a form with the
//! study's MFIs and lines to write on; or, with no study, blank. In English
//! and in Urdu (right to left, numbers and names left to right): every
//! sentence comes from the translations file.

use super::{PageLine, Piece};
use crate::data::votes::{Choice, VoteRule};
use crate::data::{names, study::StudyDoc};
use crate::date::Date;
use crate::i18n::{self, Digits, Lang};
use crate::scoring::stability::Stability;
use crate::voice::tally::{self, Tally};
use rust_decimal::Decimal;

/// The resolution in one language: its lines, first read first (each
/// right to left in Urdu, its numbers and names left to right).
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The language of the page.
    pub lang: Lang,
    /// The lines, top to bottom.
    pub lines: Vec<PageLine>,
    /// The count, when the page is filled from a vote.
    pub tally: Option<Tally>,
}

/// A line to write on.
const BLANK: &str = "____________________";
/// A short line to write a number on.
const SHORT: &str = "________";
/// A box to tick.
const TICK: &str = "[    ]";
/// Space between two things said on one line.
const SPACER: &str = "    ";

/// The options a member may vote for in a study: its MFIs, and the CO's own
/// savings when the study offers them.
pub fn vote_options(doc: &StudyDoc) -> Vec<String> {
    let mut v: Vec<String> = doc
        .matrix
        .institutions
        .iter()
        .map(|i| i.name.clone())
        .collect();
    if doc.settings.co_savings.is_some() {
        v.push(crate::scoring::CO_SAVINGS_NAME.to_string());
    }
    v
}

/// The count of the study's vote under its rule, when there is a vote.
pub fn study_tally(doc: &StudyDoc) -> Option<Tally> {
    (!doc.votes.is_empty()).then(|| tally::tally(&doc.votes, &doc.plans, doc.settings.vote_rule()))
}

/// The resolution pages at the end of the report: none without a vote; in
/// English, and also in `lang` when it is not English.
pub fn for_report(doc: &StudyDoc, st: Option<&Stability>, lang: Lang) -> Vec<Resolution> {
    if doc.votes.is_empty() {
        return Vec::new();
    }
    let mut out = vec![resolution(Some(doc), st, Lang::En)];
    if lang != Lang::En {
        out.push(resolution(Some(doc), st, lang));
    }
    out
}

/// A value put into a sentence.
#[derive(Clone)]
enum Val {
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
fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Words(t) | Piece::Ltr(t) => t.as_str(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sentences of one page: its language and digits.
struct Say {
    lang: Lang,
    digits: Digits,
}

impl Say {
    fn tr(&self, key: &'static str) -> &'static str {
        i18n::tr(self.lang, key)
    }

    /// A value as one piece.
    fn piece(&self, v: &Val) -> Piece {
        match v {
            Val::Num(n) => Piece::Ltr(self.digits_of(n)),
            Val::Name(s) if has_arabic(s) => Piece::Words(s.clone()),
            Val::Name(s) => Piece::Ltr(s.clone()),
            Val::Words(s) => Piece::Words(s.clone()),
            Val::Pieces(p) => Piece::Ltr(plain(p)),
        }
    }

    /// A value as pieces.
    fn pieces(&self, v: &Val) -> Vec<Piece> {
        match v {
            Val::Pieces(p) => p.clone(),
            other => vec![self.piece(other)],
        }
    }

    fn digits_of(&self, s: &str) -> String {
        match self.lang {
            Lang::En => s.to_string(),
            _ => self.digits.apply(s),
        }
    }

    /// The sentence of `key` with its `{name}` places filled: in English one
    /// run of text; in Urdu the words and the values as separate pieces, so
    /// that each is laid out in its own direction.
    fn fill(&self, key: &'static str, values: &[(&str, Val)]) -> Vec<Piece> {
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
    fn line(&self, pieces: Vec<Piece>, size: f32, bold: bool) -> PageLine {
        PageLine {
            pieces,
            size,
            bold,
            ltr: self.lang == Lang::En,
            picture: None,
        }
    }

    /// A line of English on any page (for the staff member beside them).
    fn english(&self, text: String, size: f32) -> PageLine {
        PageLine {
            pieces: vec![Piece::Ltr(text)],
            size,
            bold: false,
            ltr: true,
            picture: None,
        }
    }

    /// A label and its value: "Present: 35".
    fn labelled(&self, key: &'static str, value: Vec<Piece>) -> Vec<Piece> {
        let mut v = vec![Piece::Words(self.tr(key).to_string())];
        v.extend(value);
        self.joined(v)
    }

    /// Pieces of an English line as one run (so that "Present: 35" is not
    /// spaced as "Present : 35" by a renderer that joins pieces).
    fn joined(&self, pieces: Vec<Piece>) -> Vec<Piece> {
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
    fn list(&self, items: &[String]) -> Val {
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
    fn pct(&self, d: Decimal) -> Val {
        Val::Num(format!("{}%", d.normalize()))
    }

    /// The quorum in words.
    fn quorum(&self, rule: &VoteRule) -> Val {
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
    fn date(&self, d: Date) -> Vec<Piece> {
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
fn comma(name: &str) -> &'static str {
    if has_arabic(name) { "،" } else { "," }
}

/// Whether `s` holds Arabic-script letters.
fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The sizes of the page's text.
const TITLE: f32 = 18.0;
const HEAD: f32 = 12.0;
const BODY: f32 = 10.5;
const SMALL: f32 = 9.0;

/// The resolution page in `lang`: filled from the study's vote, a form
/// with the study's MFIs when it has no vote yet, or blank without a
/// study. `st` gives the facts to ask first when the vote is not carried.
pub fn resolution(doc: Option<&StudyDoc>, st: Option<&Stability>, lang: Lang) -> Resolution {
    let digits = doc.map_or(Digits::Western, |d| d.settings.digits);
    let s = Say { lang, digits };
    let rule = doc.map_or_else(VoteRule::default, |d| d.settings.vote_rule());
    let vote = doc.filter(|d| !d.votes.is_empty());
    let tally = vote.map(|d| tally::tally(&d.votes, &d.plans, rule));
    let gap = || s.line(Vec::new(), 6.0, false);
    let mut lines = vec![s.line(
        vec![Piece::Words(s.tr("resolution.title").to_string())],
        TITLE,
        true,
    )];
    // The CO(s) and village(s) of the study.
    if let Some(doc) = doc {
        let mut cos: Vec<String> = Vec::new();
        for m in &doc.plans.members {
            let co = m.co.trim();
            if !co.is_empty() && !cos.iter().any(|c| names::same(c, co)) {
                cos.push(co.to_string());
            }
        }
        if !cos.is_empty() {
            lines.push(s.line(vec![s.piece(&Val::Name(cos.join(", ")))], HEAD, true));
        }
    }
    lines.push(gap());
    // Date and place.
    let (date, place) = match vote {
        Some(d) => (d.votes.date, d.votes.place.trim().to_string()),
        None => (None, String::new()),
    };
    let mut when = vec![Piece::Words(s.tr("resolution.date").to_string())];
    when.extend(match date {
        Some(d) => s.date(d),
        None => vec![Piece::Ltr(BLANK.into())],
    });
    when.push(Piece::Ltr(SPACER.into()));
    when.push(Piece::Words(s.tr("resolution.place").to_string()));
    when.push(if place.is_empty() {
        Piece::Ltr(BLANK.into())
    } else {
        s.piece(&Val::Name(place))
    });
    lines.push(s.line(s.joined(when), BODY, false));
    // The members: how many, present, absent.
    let members_known = doc.map(|d| d.plans.members.len()).filter(|n| *n > 0);
    let count = |n: Option<usize>| match n {
        Some(n) => vec![Piece::Ltr(s.digits_of(&n.to_string()))],
        None => vec![Piece::Ltr(SHORT.into())],
    };
    let mut numbers = s.labelled(
        "resolution.members",
        count(tally.as_ref().map(|t| t.members).or(members_known)),
    );
    numbers.push(Piece::Ltr(SPACER.into()));
    numbers.extend(s.labelled(
        "resolution.present",
        count(tally.as_ref().map(|t| t.present)),
    ));
    numbers.push(Piece::Ltr(SPACER.into()));
    numbers.extend(s.labelled("resolution.absent", count(tally.as_ref().map(|t| t.absent))));
    lines.push(s.line(s.joined(numbers), BODY, false));
    match (vote, &tally) {
        (Some(d), Some(t)) => lines.extend(present_lines(&s, d, t)),
        _ => {
            lines.push(s.line(
                vec![Piece::Words(s.tr("resolution.blank_present").to_string())],
                BODY,
                false,
            ));
            lines.push(s.line(vec![Piece::Ltr(BLANK.repeat(4))], BODY, false));
            lines.push(s.line(vec![Piece::Ltr(BLANK.repeat(4))], BODY, false));
        }
    }
    lines.push(gap());
    // The question, and the MFIs compared.
    lines.push(s.line(
        vec![Piece::Words(s.tr("resolution.question").to_string())],
        BODY,
        true,
    ));
    let options = doc.map(vote_options).unwrap_or_default();
    if !options.is_empty() {
        lines.push(s.line(
            s.labelled(
                "resolution.compared",
                vec![s.piece(&Val::Name(options.join(", ")))],
            ),
            BODY,
            false,
        ));
    }
    // The votes: on one line when counted, a line to fill for each MFI
    // before.
    let bullet = |mut v: Vec<Piece>| {
        v.insert(0, Piece::Ltr("•".into()));
        s.line(s.joined(v), BODY, false)
    };
    match &tally {
        Some(t) => {
            let mut items: Vec<Vec<Piece>> = t
                .by_mfi
                .iter()
                .map(|(mfi, n)| {
                    s.fill(
                        "resolution.votes_for",
                        &[
                            ("mfi", Val::Name(mfi.clone())),
                            ("n", Val::Num(n.to_string())),
                        ],
                    )
                })
                .collect();
            items.push(s.fill(
                "resolution.abstained",
                &[("n", Val::Num(t.abstain.to_string()))],
            ));
            let mut pieces = vec![Piece::Words(s.tr("resolution.votes").to_string())];
            if s.lang == Lang::En {
                let text: Vec<String> = items.iter().map(|i| plain(i)).collect();
                pieces.push(Piece::Ltr(text.join("; ")));
            } else {
                for (k, item) in items.into_iter().enumerate() {
                    if k > 0 {
                        pieces.push(Piece::Words("؛".into()));
                    }
                    pieces.extend(item);
                }
            }
            lines.push(s.line(s.joined(pieces), BODY, true));
        }
        None => {
            lines.push(s.line(
                vec![Piece::Words(s.tr("resolution.votes").to_string())],
                BODY,
                true,
            ));
            // Without a study, a line for an MFI's name: the word in the
            // page's language, the line apart (a line of underscores is no
            // Urdu word).
            let names: Vec<Val> = if options.is_empty() {
                let blank = Val::Pieces(vec![
                    Piece::Words(s.tr("resolution.mfi").to_string()),
                    Piece::Ltr(SHORT.into()),
                ]);
                vec![blank; 4]
            } else {
                options.iter().map(|o| Val::Name(o.clone())).collect()
            };
            // Two to a line, so that the page holds a study of many MFIs.
            let mut entries: Vec<Vec<Piece>> = names
                .into_iter()
                .map(|mfi| {
                    s.fill(
                        "resolution.votes_for",
                        &[("mfi", mfi), ("n", Val::Name(SHORT.into()))],
                    )
                })
                .collect();
            entries.push(s.fill("resolution.abstained", &[("n", Val::Name(SHORT.into()))]));
            for pair in entries.chunks(2) {
                let mut pieces = Vec::new();
                for (k, e) in pair.iter().enumerate() {
                    if k > 0 {
                        pieces.push(Piece::Ltr(SPACER.repeat(2)));
                        pieces.push(Piece::Ltr("•".into()));
                    }
                    pieces.extend(e.iter().cloned());
                }
                lines.push(bullet(pieces));
            }
        }
    }
    lines.push(gap());
    // The rule.
    lines.push(s.line(
        s.fill(
            "resolution.rule",
            &[
                ("carried", s.pct(rule.carried_percent)),
                ("quorum", s.quorum(&rule)),
            ],
        ),
        BODY,
        false,
    ));
    lines.push(gap());
    match (vote, &tally) {
        (Some(d), Some(t)) => lines.extend(result_lines(&s, d, t, st)),
        _ => lines.extend(blank_result_lines(&s)),
    }
    lines.push(gap());
    // The register and the signatures.
    lines.push(s.line(
        s.joined(vec![
            Piece::Words(s.tr("resolution.register").to_string()),
            Piece::Ltr(SHORT.into()),
        ]),
        BODY,
        false,
    ));
    for role in ["resolution.president", "resolution.secretary"] {
        lines.push(gap());
        lines.push(s.line(
            s.joined(vec![
                Piece::Words(format!("{}:", s.tr(role))),
                Piece::Words(s.tr("resolution.name").to_string()),
                Piece::Ltr(BLANK.into()),
                Piece::Words(s.tr("resolution.signature").to_string()),
                Piece::Ltr(BLANK.into()),
            ]),
            BODY,
            true,
        ));
    }
    Resolution { lang, lines, tally }
}

/// The members present and absent, by name when they were named.
fn present_lines(s: &Say, d: &StudyDoc, t: &Tally) -> Vec<PageLine> {
    let v = &d.votes;
    let mut out = Vec::new();
    if v.anonymous() {
        out.push(s.line(
            s.joined(vec![
                Piece::Words(s.tr("resolution.present_names").to_string()),
                Piece::Ltr(s.digits_of(&t.present.to_string())),
                // No brackets in Urdu: a clause after a semicolon.
                Piece::Words(match s.lang {
                    Lang::En => format!("({})", s.tr("resolution.anonymous")),
                    _ => format!("؛ {}", s.tr("resolution.anonymous")),
                }),
            ]),
            BODY,
            false,
        ));
        return out;
    }
    let present: Vec<String> = v
        .members
        .iter()
        .filter(|m| !m.anonymous() && m.choice.present())
        .map(|m| m.member.clone())
        .collect();
    let unnamed = v
        .members
        .iter()
        .filter(|m| m.anonymous() && m.choice.present())
        .count();
    let mut pieces = vec![Piece::Words(s.tr("resolution.present_names").to_string())];
    pieces.extend(name_pieces(s, &present));
    if unnamed > 0 {
        pieces.extend(s.fill(
            "resolution.without_names",
            &[("n", Val::Num(unnamed.to_string()))],
        ));
    }
    out.push(s.line(s.joined(pieces), SMALL, false));
    // The absent: those who said so, and, when no one was counted without
    // a name, the members of the plans who did not vote.
    let mut absent: Vec<String> = v
        .members
        .iter()
        .filter(|m| !m.anonymous() && !m.choice.present())
        .map(|m| m.member.clone())
        .collect();
    if !v.members.iter().any(|m| m.anonymous()) {
        for m in &d.plans.members {
            if v.of(&m.member).is_none() {
                absent.push(m.member.clone());
            }
        }
    }
    if !absent.is_empty() {
        let mut pieces = vec![Piece::Words(s.tr("resolution.absent_names").to_string())];
        pieces.extend(name_pieces(s, &absent));
        out.push(s.line(s.joined(pieces), SMALL, false));
    }
    out
}

/// Names as pieces: in English one run ("A, B, C"); in Urdu one piece each,
/// so that the first read is at the right and a line may break between
/// names, never inside one.
fn name_pieces(s: &Say, names: &[String]) -> Vec<Piece> {
    if s.lang == Lang::En {
        return vec![Piece::Ltr(names.join(", "))];
    }
    let n = names.len();
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let text = if k + 1 < n {
                format!("{name}{}", comma(name))
            } else {
                name.clone()
            };
            s.piece(&Val::Name(text))
        })
        .collect()
}

/// Carried or not, why, the resolution, the dissent; when not carried,
/// what the meeting may do next.
fn result_lines(s: &Say, d: &StudyDoc, t: &Tally, st: Option<&Stability>) -> Vec<PageLine> {
    let mut out = Vec::new();
    let rule = t.rule;
    out.push(s.line(
        vec![Piece::Words(
            s.tr(if t.carried {
                "resolution.carried"
            } else {
                "resolution.not_carried"
            })
            .to_string(),
        )],
        HEAD,
        true,
    ));
    let quorum = if t.quorum_met {
        s.fill(
            "resolution.quorum_met",
            &[
                ("present", Val::Num(t.present.to_string())),
                ("members", Val::Num(t.members.to_string())),
                ("quorum", s.quorum(&rule)),
            ],
        )
    } else {
        s.fill(
            "resolution.quorum_short",
            &[
                ("present", Val::Num(t.present.to_string())),
                ("members", Val::Num(t.members.to_string())),
                ("quorum", s.quorum(&rule)),
            ],
        )
    };
    out.push(s.line(quorum, BODY, false));
    let share = match (&t.mfi, t.tied.as_slice()) {
        (Some(mfi), _) => Some(s.fill(
            "resolution.share",
            &[
                ("mfi", Val::Name(mfi.clone())),
                ("for", Val::Num(t.votes_for.to_string())),
                ("present", Val::Num(t.present.to_string())),
                (
                    "pct",
                    Val::Num(crate::money::percent_text(t.share_for(), 1)),
                ),
                ("carried", s.pct(rule.carried_percent)),
            ],
        )),
        (None, tied) if tied.len() > 1 => Some(s.fill(
            "resolution.tie",
            &[
                ("mfis", s.list(tied)),
                ("n", Val::Num(t.votes_for.to_string())),
            ],
        )),
        _ if t.present > 0 => Some(vec![Piece::Words(s.tr("resolution.no_mfi").to_string())]),
        _ => None,
    };
    if let Some(share) = share {
        out.push(s.line(share, BODY, false));
    }
    if t.carried
        && let Some(mfi) = &t.mfi
    {
        out.push(s.line(
            s.fill("resolution.resolved", &[("mfi", Val::Name(mfi.clone()))]),
            BODY,
            true,
        ));
    }
    // The dissent, when a choice was carried: who voted otherwise and who
    // abstained, by name when named; what members asked to have written.
    // Without a choice there is no dissent: the count says how each voted.
    let v = &d.votes;
    let chosen = t.mfi.as_deref().filter(|_| t.carried);
    let mut dissent: Vec<Vec<Piece>> = Vec::new();
    if let Some(chosen) = chosen {
        let named = |f: &dyn Fn(&Choice) -> bool| -> Vec<String> {
            v.members
                .iter()
                .filter(|m| !m.anonymous() && f(&m.choice))
                .map(|m| m.member.clone())
                .collect()
        };
        // Per MFI other than the choice, in the order of the count.
        for (mfi, _) in &t.by_mfi {
            if names::same(chosen, mfi) {
                continue;
            }
            let who = named(&|c: &Choice| c.mfi().is_some_and(|m| names::same(m, mfi)));
            if !who.is_empty() {
                dissent.push(s.fill(
                    "resolution.dissent_for",
                    &[("names", s.list(&who)), ("mfi", Val::Name(mfi.clone()))],
                ));
            }
        }
        let abstained = named(&|c: &Choice| *c == Choice::Abstain);
        if !abstained.is_empty() {
            dissent.push(s.fill(
                "resolution.dissent_abstain",
                &[("names", s.list(&abstained))],
            ));
        }
        // Votes counted without names.
        let anon_other = v
            .members
            .iter()
            .filter(|m| m.anonymous() && m.choice.mfi().is_some_and(|x| !names::same(chosen, x)))
            .count();
        let anon_abstain = v
            .members
            .iter()
            .filter(|m| m.anonymous() && m.choice == Choice::Abstain)
            .count();
        if anon_other + anon_abstain > 0 {
            dissent.push(s.fill(
                "resolution.dissent_count",
                &[
                    ("n", Val::Num(anon_other.to_string())),
                    ("m", Val::Num(anon_abstain.to_string())),
                ],
            ));
        }
    }
    // What members asked to have written, in their words.
    // Words in Urdu letters on the English page go on a line of their own,
    // right to left.
    let mut notes: Vec<Vec<Piece>> = Vec::new();
    let mut urdu_words: Vec<Option<String>> = Vec::new();
    for m in v.members.iter().filter(|m| !m.note.trim().is_empty()) {
        let mut p = if m.anonymous() {
            Vec::new()
        } else {
            s.fill("resolution.said", &[("name", Val::Name(m.member.clone()))])
        };
        // Her words as written; quoted when in Latin letters.
        let note = m.note.trim();
        let apart = has_arabic(note) && s.lang == Lang::En;
        if apart {
            urdu_words.push(Some(note.to_string()));
        } else {
            urdu_words.push(None);
            p.push(if has_arabic(note) {
                Piece::Words(note.to_string())
            } else {
                Piece::Ltr(format!("\"{note}\""))
            });
        }
        notes.push(s.joined(p));
    }
    let head = match chosen {
        Some(mfi) => {
            if dissent.is_empty() && notes.is_empty() {
                dissent.push(s.fill(
                    "resolution.no_dissent",
                    &[("mfi", Val::Name(mfi.to_string()))],
                ));
            }
            Some("resolution.dissent")
        }
        None => (!notes.is_empty()).then_some("resolution.notes"),
    };
    if let Some(head) = head {
        out.push(s.line(vec![Piece::Words(s.tr(head).to_string())], BODY, true));
    }
    let apart = std::iter::repeat_n(None, dissent.len()).chain(urdu_words);
    for (p, words) in dissent.into_iter().chain(notes).zip(apart) {
        let mut p = p;
        p.insert(0, Piece::Ltr("•".into()));
        out.push(s.line(s.joined(p), SMALL, false));
        if let Some(w) = words {
            out.push(PageLine {
                pieces: vec![Piece::Words(w)],
                size: SMALL + 1.0,
                bold: false,
                ltr: false,
                picture: None,
            });
        }
    }
    if !t.carried {
        out.push(s.line(
            vec![Piece::Words(s.tr("resolution.not_decided").to_string())],
            BODY,
            true,
        ));
        let bullet = |p: Vec<Piece>| {
            let mut p = p;
            p.insert(0, Piece::Ltr("•".into()));
            s.line(s.joined(p), BODY, false)
        };
        out.push(bullet(vec![Piece::Words(
            s.tr("resolution.next_facts").to_string(),
        )]));
        // The facts that most change which MFI comes first, for staff.
        if let Some(st) = st
            && !st.ask_first.is_empty()
        {
            let facts: Vec<String> = st
                .ask_first
                .iter()
                .take(3)
                .map(|a| a.fact.clone())
                .collect();
            let head = s.tr("resolution.ask_first");
            if s.lang == Lang::En {
                out.push(s.english(format!("    {head} {}", facts.join("; ")), SMALL));
            } else {
                out.push(s.line(vec![Piece::Words(head.to_string())], SMALL, false));
                out.push(s.english(format!("    {}", facts.join("; ")), SMALL));
            }
        }
        out.push(bullet(
            s.fill("resolution.next_vote", &[("quorum", s.quorum(&t.rule))]),
        ));
        if let [(a, _), (b, _), ..] = t.by_mfi.as_slice() {
            out.push(bullet(s.fill(
                "resolution.next_runoff",
                &[("a", Val::Name(a.clone())), ("b", Val::Name(b.clone()))],
            )));
        }
        out.push(s.line(
            s.joined(vec![
                Piece::Words(s.tr("resolution.next_meeting").to_string()),
                Piece::Ltr(BLANK.into()),
                Piece::Words(s.tr("resolution.place").to_string()),
                Piece::Ltr(BLANK.into()),
            ]),
            BODY,
            false,
        ));
    }
    out
}

/// The result, the resolution and the dissent as lines to fill in by hand.
fn blank_result_lines(s: &Say) -> Vec<PageLine> {
    vec![
        s.line(
            s.joined(vec![
                Piece::Words(s.tr("resolution.blank_result").to_string()),
                Piece::Ltr(TICK.into()),
                Piece::Words(s.tr("resolution.carried_word").to_string()),
                Piece::Ltr(TICK.into()),
                Piece::Words(s.tr("resolution.not_carried_word").to_string()),
            ]),
            HEAD,
            true,
        ),
        s.line(
            s.fill("resolution.resolved", &[("mfi", Val::Name(BLANK.into()))]),
            BODY,
            true,
        ),
        s.line(
            vec![Piece::Words(s.tr("resolution.blank_dissent").to_string())],
            BODY,
            false,
        ),
        s.line(vec![Piece::Ltr(BLANK.repeat(4))], BODY, false),
        s.line(vec![Piece::Ltr(BLANK.repeat(4))], BODY, false),
        s.line(
            vec![Piece::Words(s.tr("resolution.if_not").to_string())],
            BODY,
            false,
        ),
        s.line(
            s.joined(vec![
                Piece::Words(s.tr("resolution.next_meeting").to_string()),
                Piece::Ltr(BLANK.into()),
                Piece::Words(s.tr("resolution.place").to_string()),
                Piece::Ltr(BLANK.into()),
            ]),
            BODY,
            false,
        ),
    ]
}

/// The words of a resolution page, for tests and the app: each line's
/// pieces in reading order, separated by single spaces.
pub fn text(r: &Resolution) -> String {
    r.lines
        .iter()
        .map(|l| {
            l.pieces
                .iter()
                .flat_map(|p| match p {
                    Piece::Words(t) | Piece::Ltr(t) => t.split_whitespace(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::votes::Votes;

    /// The votes of the plans' members, by ranges of their places.
    fn votes_of(doc: &StudyDoc, parts: &[(std::ops::Range<usize>, Choice)]) -> Votes {
        let mut v = Votes::default();
        for (range, c) in parts {
            for k in range.clone() {
                v.set(&doc.plans.members[k].member, c.clone());
            }
        }
        v
    }

    #[test]
    fn a_carried_vote_names_the_choice_the_rule_and_the_dissent() {
        let mut doc = StudyDoc::kasur().unwrap();
        doc.votes = votes_of(
            &doc,
            &[
                (0..29, Choice::For("Akhuwat".into())),
                (29..33, Choice::For("CWCD".into())),
                (33..35, Choice::Abstain),
                (35..37, Choice::Absent),
            ],
        );
        doc.votes.date = Date::parse("2026-11-22");
        doc.votes.place = "Rasool Nagar".into();
        let r = resolution(Some(&doc), None, Lang::En);
        let t = text(&r);
        assert!(
            t.contains("Date of the meeting: 22 Nov 2026 Place: Rasool Nagar"),
            "{t}"
        );
        assert!(
            t.contains("Members of the CO: 40 Present: 35 Absent: 5"),
            "{t}"
        );
        assert!(t.contains("Akhuwat: 29 votes"), "{t}");
        assert!(t.contains("Abstained: 2"), "{t}");
        assert!(t.contains("at least 70% of the members present"), "{t}");
        assert!(t.contains("Result: CARRIED."), "{t}");
        assert!(
            t.contains(
                "Akhuwat has 29 of the 35 votes of the members present (82.9%; at least 70% needed)"
            ),
            "{t}"
        );
        assert!(
            t.contains("Resolved: the Community Organization chooses Akhuwat"),
            "{t}"
        );
        let cwcd: Vec<String> = doc.plans.members[29..33]
            .iter()
            .map(|m| m.member.clone())
            .collect();
        assert!(
            t.contains(&format!("{} voted for CWCD.", tally::list_and(&cwcd))),
            "{t}"
        );
        // Absent: the two who said so and the three without a vote.
        let absent = &doc.plans.members[39].member;
        assert!(
            t.contains("Members absent:") && t.contains(absent.as_str()),
            "{t}"
        );
        assert!(t.contains("President: name"), "{t}");
        assert!(!t.contains("The meeting may"), "{t}");
        // Her words in Urdu letters on the English page: a line of their
        // own, right to left (the English font has no Urdu letters).
        doc.votes.members[30].note = "دفتر بہت دور ہے".into();
        let r = resolution(Some(&doc), None, Lang::En);
        assert!(
            r.lines
                .iter()
                .any(|l| !l.ltr && l.pieces == vec![Piece::Words("دفتر بہت دور ہے".into())])
        );
        // The same page in Urdu: the figures in the study's digits.
        doc.settings.digits = Digits::Urdu;
        let ur = text(&resolution(Some(&doc), None, Lang::Ur));
        assert!(ur.contains("کمیونٹی تنظیم کی قرارداد"), "{ur}");
        assert!(ur.contains("۸۲٫۹٪"), "{ur}");
        assert!(ur.contains("نتیجہ: منظور۔"), "{ur}");
    }

    #[test]
    fn a_vote_not_carried_says_what_the_meeting_may_do_next() {
        let mut doc = StudyDoc::kasur().unwrap();
        doc.votes = votes_of(
            &doc,
            &[
                (0..18, Choice::For("Akhuwat".into())),
                (18..30, Choice::For("CWCD".into())),
            ],
        );
        let r = resolution(Some(&doc), None, Lang::En);
        let t = text(&r);
        assert!(t.contains("Result: NOT CARRIED."), "{t}");
        assert!(t.contains("Akhuwat has 18 of the 30 votes"), "{t}");
        assert!(t.contains("ask the facts first"), "{t}");
        assert!(
            t.contains("vote again between the two MFIs with the most votes: Akhuwat and CWCD"),
            "{t}"
        );
        assert!(!t.contains("Resolved:"), "{t}");
        // Without a date or place recorded: lines to write them on.
        assert!(t.contains(&format!("Date of the meeting: {BLANK}")), "{t}");
    }

    #[test]
    fn the_blank_form_has_lines_for_everything() {
        let t = text(&resolution(None, None, Lang::En));
        assert!(t.contains("Resolution of the Community Organization"));
        assert!(t.contains(&format!("MFI {SHORT}: {SHORT} votes")), "{t}");
        assert!(
            t.contains("Result, tick one: [ ] carried [ ] not carried"),
            "{t}"
        );
        assert!(
            t.contains("at least 70%") && t.contains("more than half"),
            "{t}"
        );
        let ur = text(&resolution(None, None, Lang::Ur));
        assert!(ur.contains("صدر:"), "{ur}");
        // Before the vote, a study's form lists its MFIs.
        let doc = StudyDoc::kasur().unwrap();
        let t = text(&resolution(Some(&doc), None, Lang::En));
        assert!(t.contains(&format!("Akhuwat: {SHORT} votes")), "{t}");
        assert!(t.contains("Members of the CO: 40"), "{t}");
    }
}
