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
//!
//! The page top to bottom is here; how it says things in its language in
//! `say.rs`; who was present, the count and the result in `count.rs`.

mod count;
mod say;

use super::{PageLine, Piece};
use crate::data::names;
use crate::data::study::StudyDoc;
use crate::data::votes::VoteRule;
use crate::i18n::{Digits, Lang};
use crate::scoring::stability::Stability;
use crate::voice::tally::{self, Tally};
use count::{blank_result_lines, present_lines, result_lines};
use say::{BLANK, BODY, HEAD, SHORT, SPACER, Say, TITLE, Val, plain};

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
    use crate::data::votes::{Choice, Votes};
    use crate::date::Date;

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
