//! The meeting's count on the resolution page: the members present and
//! absent, the votes, the rule, whether the choice is carried, the dissent
//! and, when it is not carried, what the meeting may do next; or lines to
//! write them on by hand.

use super::say::{BLANK, BODY, HEAD, SMALL, Say, TICK, Val, comma, has_arabic};
use crate::data::names;
use crate::data::study::StudyDoc;
use crate::data::votes::Choice;
use crate::i18n::Lang;
use crate::report::{PageLine, Piece};
use crate::scoring::stability::Stability;
use crate::voice::tally::Tally;

/// The members present and absent, by name when they were named.
pub(super) fn present_lines(s: &Say, d: &StudyDoc, t: &Tally) -> Vec<PageLine> {
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
pub(super) fn name_pieces(s: &Say, names: &[String]) -> Vec<Piece> {
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
pub(super) fn result_lines(
    s: &Say,
    d: &StudyDoc,
    t: &Tally,
    st: Option<&Stability>,
) -> Vec<PageLine> {
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
pub(super) fn blank_result_lines(s: &Say) -> Vec<PageLine> {
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
