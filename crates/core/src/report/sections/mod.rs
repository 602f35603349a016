//! The report's sections for the board: the summary, the parameter matrix,
//! the method, the CO ranking, the members and the stability of the choice.
//! One file per section (the decision page first); here the order they
//! come in, the members' pages after them, and the words they share.

use super::handout::handout;
use super::{Report, ReportOptions};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::Lang;
use crate::scoring::stability::Stability;
use crate::scoring::{self, Evaluation};

mod decision;
mod matrix;
mod members;
mod method;
mod ranking;
mod stability;
mod summary;

use decision::decision;
use matrix::matrix_section;
use members::{members, members_said};
use method::method;
use ranking::ranking;
use stability::stability_section;
use summary::summary;

/// Evaluates a study and builds its report (what the command line and the
/// app both call).
pub fn content_for(
    doc: &StudyDoc,
    title: &str,
    prepared_by: &str,
    date: Date,
    handout_lang: Lang,
) -> Report {
    let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let st = crate::scoring::stability::stability_with_data(
        &e,
        &doc.matrix,
        &doc.plans,
        &doc.weights,
        &doc.settings,
    );
    build(
        doc,
        &e,
        st.as_ref(),
        &ReportOptions {
            title: title.to_string(),
            prepared_by: prepared_by.to_string(),
            date,
            handout_lang,
        },
    )
}

/// Builds the report's content for a study and its evaluation.
pub fn build(
    doc: &StudyDoc,
    e: &Evaluation,
    st: Option<&Stability>,
    opts: &ReportOptions,
) -> Report {
    let mut cos: Vec<&str> = doc.plans.members.iter().map(|m| m.co.as_str()).collect();
    cos.sort_unstable();
    cos.dedup();
    let mut districts: Vec<&str> = doc
        .plans
        .members
        .iter()
        .map(|m| m.district.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    districts.sort_unstable();
    districts.dedup();
    let mut sources: Vec<String> = doc
        .matrix
        .institutions
        .iter()
        .flat_map(|i| {
            i.facts
                .values()
                .chain(i.products.iter().flat_map(|p| p.facts.values()))
        })
        .map(|f| f.provenance.source.clone())
        .filter(|s| !s.is_empty())
        .collect();
    sources.sort();
    sources.dedup();
    let cover = vec![
        ("Study".to_string(), doc.name.clone()),
        ("Community organization(s)".to_string(), cos.join(", ")),
        ("District".to_string(), districts.join(", ")),
        ("Date".to_string(), opts.date.long()),
        ("Prepared by".to_string(), opts.prepared_by.clone()),
        ("Data sources".to_string(), sources.join("; ")),
        (
            "Members".to_string(),
            format!(
                "{} ({} need a loan)",
                doc.plans.members.len(),
                e.members_needing_loan
            ),
        ),
        (
            "Options compared".to_string(),
            format!(
                "{}, {}",
                crate::i18n::count_en(doc.matrix.institutions.len(), "MFI"),
                crate::i18n::count_en(doc.matrix.product_count(), "loan product")
            ),
        ),
    ];
    let mut sections = vec![
        decision(doc, e, st),
        summary(doc, e, st),
        matrix_section(doc),
        method(doc, e),
        ranking(doc, e),
    ];
    if let Some(g) = crate::voice::group::group(e, &doc.priorities, &doc.weights, &doc.settings) {
        sections.push(members_said(doc, &g));
    }
    sections.push(members(doc, e));
    if let Some(st) = st {
        sections.push(stability_section(st));
    }
    // Her page names her offer no more firmly than the CO's verdict.
    let verdict = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
    let co = crate::report::handout::CoChoice::of(e, verdict.as_ref());
    let handouts = e
        .members
        .iter()
        .map(|m| handout(doc, e, m, opts.date, opts.handout_lang, &co))
        .collect();
    Report {
        title: opts.title.clone(),
        study: doc.name.clone(),
        date: opts.date.long(),
        issued: opts.date,
        author: opts.prepared_by.clone(),
        languages: match opts.handout_lang {
            Lang::En => "en".to_string(),
            other => format!("en, {}", other.code()),
        },
        cover,
        sections,
        handouts,
        resolutions: crate::report::resolution::for_report(doc, st, opts.handout_lang),
    }
}

/// "34 of 40", and "(all only if Akhuwat confirms facts the study lacks)"
/// when the members it serves are open to it only "to verify".
fn served_text(e: &Evaluation, r: &crate::scoring::MfiResult, needing: usize) -> String {
    let c = scoring::served_only_if_confirmed(e, r);
    let base = format!("{} of {needing}", r.affordable_members);
    match c {
        0 => base,
        c if c == r.affordable_members => {
            format!(
                "{base} (all only if {} confirms facts the study lacks)",
                r.mfi
            )
        }
        c => format!(
            "{base} ({c} of them only if {} confirms facts the study lacks)",
            r.mfi
        ),
    }
}

/// Where the weights come from, for a reader: a preset by name, else the
/// study's own.
fn weights_name(name: &str) -> String {
    if crate::data::criteria::preset(name).is_some() {
        format!("the \"{name}\" preset")
    } else if name.is_empty() || name == "custom" {
        "set for this study".to_string()
    } else {
        format!("\"{name}\"")
    }
}

/// "A, B and C".
fn names<'a>(mut it: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = it.by_ref().collect();
    match all.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::rs_range;
    use crate::output::Table;
    use crate::report::{Block, Piece};
    use crate::scoring::Criterion;

    #[test]
    fn the_decision_page_comes_first_with_the_three_the_facts_and_signatures() {
        let doc = StudyDoc::kasur().unwrap();
        let settings = scoring::Settings {
            draws: 500,
            ..doc.settings.clone()
        };
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &settings);
        let st = crate::scoring::stability::stability_with_data(
            &e,
            &doc.matrix,
            &doc.plans,
            &doc.weights,
            &settings,
        )
        .unwrap();
        let opts = ReportOptions {
            title: "Feasibility".into(),
            prepared_by: "HomeNet Pakistan".into(),
            date: Date::parse("2026-11-22").unwrap(),
            handout_lang: Lang::En,
        };
        let r = build(&doc, &e, Some(&st), &opts);
        assert_eq!(r.sections[0].heading, "The decision");
        let d = r.section("The decision");
        // The name says how sure it is, as the summary's line does.
        let verdict = crate::scoring::verdict::verdict(&e, &st).unwrap();
        assert_eq!(
            d.blocks[0],
            Block::Paragraph(format!(
                "{}. First by CO score on the facts as the study assumes them: {}; beside it, the two next. What the study does not know decides more (below).",
                verdict.heading,
                e.recommended().unwrap().mfi
            ))
        );
        assert_eq!(verdict.heading, "No MFI can be recommended yet");
        // How often each comes first, "no MFI serves anyone" among them.
        assert!(d.blocks.iter().any(|b| matches!(b,
            Block::Bars { bars, .. } if bars.iter().any(|(name, share)| name == "No MFI serves anyone" && *share > 40.0)
                && bars.iter().any(|(name, _)| name == "CWCD"))));
        assert!(
            r.section("Summary")
                .blocks
                .contains(&Block::Paragraph(verdict.line)),
            "the summary says it in words"
        );
        let Block::Table(t) = &d.blocks[1] else {
            panic!("the three side by side")
        };
        let three: Vec<&str> = e.ranking.iter().take(3).map(|m| m.mfi.as_str()).collect();
        assert_eq!(
            t.header[1..].iter().map(|h| h.as_str()).collect::<Vec<_>>(),
            three
        );
        // The same figures as the ranking: served, and cost as a range.
        let rec = e.recommended().unwrap();
        let served = t
            .rows
            .iter()
            .find(|r| r[0].starts_with("Members served"))
            .unwrap();
        assert_eq!(
            served[1],
            format!(
                "{} of {} (all only if {} confirms facts the study lacks)",
                rec.affordable_members, e.members_needing_loan, rec.mfi
            )
        );
        let cost = t.rows.iter().find(|r| r[0].starts_with("Cost")).unwrap();
        assert_eq!(cost[1], rs_range(rec.total_cost_low, rec.total_cost));
        let text: Vec<String> = d
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph(p) => vec![p.clone()],
                Block::Bullets(v) => v.clone(),
                _ => Vec::new(),
            })
            .collect();
        let all = text.join("\n");
        for a in st.ask_first.iter().take(3) {
            assert!(
                all.contains(&crate::i18n::capitalised(&a.fact)),
                "{}",
                a.fact
            );
        }
        assert!(all.contains("Who asks:") && all.contains("By:"));
        assert!(all.contains("Decision of the board") && all.contains("Signatures"));
        assert!(all.contains("In 2010 the study chose CWCD"), "{all}");
        assert!(all.contains("How sure:") && !all.contains("100%"), "{all}");
    }

    #[test]
    fn a_page_with_no_loan_says_why_offer_by_offer_in_both_languages() {
        let doc = StudyDoc::kasur().unwrap();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let opts = ReportOptions {
            title: "Feasibility".into(),
            prepared_by: "HomeNet Pakistan".into(),
            date: Date::parse("2026-11-22").unwrap(),
            handout_lang: Lang::Ur,
        };
        let r = build(&doc, &e, None, &opts);
        let mut checked = 0;
        for (m, h) in e.members.iter().zip(&r.handouts) {
            if h.loan.is_some() || m.loan_needed.is_zero() {
                continue;
            }
            // The reason that refuses her first, as the members table gives
            // it, then every offer, named, none cut.
            let binding = e.binding_reason(m.member);
            let offers = match &binding {
                Some(b) => {
                    // Said to her: "you", as the rest of her page.
                    assert_eq!(
                        h.why_nothing[0],
                        crate::report::handout::to_you(&format!("Nothing is open to her: {b}"))
                    );
                    &h.why_nothing[1..]
                }
                None => &h.why_nothing[..],
            };
            assert_eq!(
                offers.len(),
                m.ranked.len() + m.excluded.len(),
                "{}",
                h.member
            );
            if h.member == "Bushra Nawaz" {
                // She has no CNIC: every offer refuses her for it, before
                // what her own savings could mend.
                let b = binding.expect("nothing is open to her");
                assert!(b.contains("CNIC"), "{b}");
                let table = r.section("Members");
                let Block::Table(t) = &table.blocks[0] else {
                    panic!("the members table")
                };
                let row = t.rows.iter().find(|r| r[0] == "Bushra Nawaz").unwrap();
                assert!(row.iter().any(|c| c.contains(&b)), "{row:?}");
                assert!(!row.iter().any(|c| c.contains("would fit")), "{row:?}");
            }
            for (why, &k) in offers.iter().zip(m.ranked.iter().chain(&m.excluded)) {
                let p = &e.pairs[k];
                assert!(
                    why.starts_with(&format!("{} / {}: ", p.mfi, p.product)),
                    "{why}"
                );
            }
            // Her Urdu page says them too (in English, for the staff member).
            let page = h.page.as_ref().unwrap();
            for why in &h.why_nothing {
                assert!(
                    page.lines
                        .iter()
                        .any(|l| l.ltr && l.pieces == vec![Piece::Ltr(why.clone())]),
                    "{why}"
                );
            }
            checked += 1;
        }
        assert!(checked >= 3, "{checked}");
    }

    #[test]
    fn her_page_gives_the_key_facts_the_matrix_has_and_says_to_ask_the_rest() {
        use crate::data::matrix::{Param, parse_value};
        let mut doc = StudyDoc::kasur().unwrap();
        let akhuwat = doc
            .matrix
            .institutions
            .iter_mut()
            .find(|i| i.name == "Akhuwat")
            .unwrap();
        akhuwat.facts.insert(
            Param::LatePayment,
            crate::fact::Fact {
                value: parse_value(Param::LatePayment.spec(), "no charge; the group covers it")
                    .unwrap(),
                provenance: Default::default(),
            },
        );
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        for lang in [Lang::En, Lang::Ur] {
            let opts = ReportOptions {
                title: "Feasibility".into(),
                prepared_by: "HomeNet Pakistan".into(),
                date: Date::parse("2026-11-22").unwrap(),
                handout_lang: lang,
            };
            let r = build(&doc, &e, None, &opts);
            let h = r
                .handouts
                .iter()
                .find(|h| {
                    h.loan
                        .as_ref()
                        .is_some_and(|l| l.offer.starts_with("Akhuwat"))
                })
                .unwrap();
            let l = h.loan.as_ref().unwrap();
            let row = |k: &str| {
                l.statement
                    .iter()
                    .find(|x| x.label == k)
                    .unwrap_or_else(|| panic!("{k}: {:?}", l.statement))
                    .clone()
            };
            let fact = |k: &str| row(k).value;
            assert_eq!(fact("If you pay late"), "no charge; the group covers it");
            assert!(!row("If you pay late").to_confirm);
            assert_eq!(
                fact("If you repay early"),
                "ask the MFI (this study does not know)"
            );
            assert!(row("If you repay early").to_confirm);
            assert!(fact("First and last payment").starts_with("22 Dec 2026 to "));
            // A key facts statement in the order regulators' templates use,
            // every figure the same as the page's large ones.
            let labels: Vec<&str> = l.statement.iter().map(|k| k.label.as_str()).collect();
            for want in [
                "Lender and product",
                "Amount asked",
                "Documentation charges",
                "In your hand at the start",
                "Savings the MFI keeps",
                "Each instalment",
                "First and last payment",
                "You pay back in all",
                "The loan costs you",
                "True yearly rate",
                "If you pay late",
                "If you repay early",
                "Documents to bring",
                "Where to complain",
            ] {
                assert!(labels.contains(&want), "{want}: {labels:?}");
            }
            assert_eq!(fact("You pay back in all"), l.total_repaid);
            assert_eq!(fact("The loan costs you"), l.total_cost);
            assert!(fact("Each instalment").starts_with(&l.instalment));
            // Akhuwat's documentation charges are unknown: a range, to confirm.
            let docs = row("Documentation charges");
            assert!(docs.value.starts_with("Rs 0 - "), "{docs:?}");
            assert!(docs.to_confirm && row("The loan costs you").to_confirm);
            assert!(!row("Amount asked").to_confirm);
            if let Some(page) = &h.page {
                assert!(page.lines.iter().any(|x| x.ltr
                    && x.pieces == vec![Piece::Ltr("no charge; the group covers it".into())]));
                assert!(page.lines.iter().any(|x| x.pieces.first()
                    == Some(&Piece::Words(
                        crate::i18n::tr(Lang::Ur, "handout.ask_about").into()
                    ))));
            }
        }
    }

    #[test]
    fn the_kasur_report_says_what_the_engine_says() {
        let doc = StudyDoc::kasur().unwrap();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let st = crate::scoring::stability::stability(
            &e,
            &scoring::Settings {
                draws: 200,
                ..doc.settings.clone()
            },
        );
        let opts = ReportOptions {
            title: "Feasibility".into(),
            prepared_by: "HomeNet Pakistan".into(),
            date: Date::parse("2026-11-22").unwrap(),
            handout_lang: Lang::En,
        };
        let r = build(&doc, &e, st.as_ref(), &opts);
        let rec = e.recommended().unwrap();
        let Block::Paragraph(first) = &r.section("Summary").blocks[0] else {
            panic!()
        };
        // Its stability over the weights alone (no draws over the data
        // here): firm.
        assert!(
            first.starts_with(&format!("Recommended: {}.", rec.mfi)),
            "{first}"
        );
        assert_eq!(r.handouts.len(), 40);
        // The matrix shows the seven markups, product by product, and every
        // table notes the sources of its own unknowns under it.
        let tables: Vec<&Table> = r
            .section("The parameter matrix")
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        // One table of the seven MFIs, two of their ten products (six and four,
        // an MFI's products together).
        let widths: Vec<usize> = tables.iter().map(|t| t.header.len() - 1).collect();
        assert_eq!(widths, [7, 6, 4]);
        let markup = |column: &str| -> String {
            tables
                .iter()
                .find_map(|t| {
                    let c = t.header.iter().position(|h| h == column)?;
                    let row = t.rows.iter().find(|row| row[0] == "Mark up")?;
                    Some(row[c].clone())
                })
                .unwrap_or_else(|| panic!("{column}"))
        };
        assert_eq!(markup("Asasah: Productive loan"), "22%");
        assert_eq!(markup("Khushhali Bank: Business loan"), "29%");
        assert_eq!(markup("Akhuwat: Qard-e-hasan loan"), "0%");
        for t in &tables {
            let mut listed = 0;
            for row in &t.rows {
                for cell in &row[1..] {
                    if cell.contains('?') || cell.contains('*') {
                        let (_, n) = cell.rsplit_once(" [").expect("a note");
                        let n = n.trim_end_matches(']');
                        assert!(
                            t.footnotes
                                .iter()
                                .any(|f| f.starts_with(&format!("[{n}] "))),
                            "note [{n}] of {cell} under its own table: {:?}",
                            t.footnotes
                        );
                        listed += 1;
                    }
                }
            }
            assert!(listed > 0 && !t.footnotes.is_empty());
        }
        assert!(
            tables[0]
                .footnotes
                .iter()
                .any(|f| f.contains("tick marks lost")),
            "{:?}",
            tables[0].footnotes
        );
        // A handout's calendar adds up to what she repays.
        let h = r.handouts.iter().find(|h| h.loan.is_some()).unwrap();
        let l = h.loan.as_ref().unwrap();
        assert_eq!(
            l.calendar.len(),
            l.count.split(' ').next().unwrap().parse::<usize>().unwrap()
        );
        assert_eq!(l.calendar[0].0, "22 Dec 2026");
        let nothing = r.handouts.iter().find(|h| h.loan.is_none()).unwrap();
        assert!(!nothing.why_nothing.is_empty());
    }

    #[test]
    fn what_the_members_said_agrees_with_score_and_in_itself() {
        let mut doc = StudyDoc::kasur().unwrap();
        doc.priorities = crate::data::priorities::load_priorities(
            "example-priorities.csv",
            include_bytes!("../../../../../parameters/example-priorities.csv"),
        )
        .unwrap();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let opts = ReportOptions {
            title: "Feasibility".into(),
            prepared_by: "HomeNet Pakistan".into(),
            date: Date::parse("2026-12-04").unwrap(),
            handout_lang: Lang::En,
        };
        let r = build(&doc, &e, None, &opts);
        let s = r.section("What the members said");
        let g =
            crate::voice::group::group(&e, &doc.priorities, &doc.weights, &doc.settings).unwrap();
        let table = s
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap();
        let shown: Vec<&Vec<String>> = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Bars { shown, .. } => Some(shown),
                _ => None,
            })
            .collect();
        // The bars say what the table says, and both what `score` says.
        let column: Vec<String> = table.rows.iter().map(|r| r[1].clone()).collect();
        assert_eq!(&column, shown[0]);
        assert_eq!(
            column[0],
            crate::output::group::pct(g.combined.weights[Criterion::TrueCost])
        );
        assert!(s.blocks.contains(&Block::Paragraph(g.sentence())));
        let counted: usize = g.first_by_member.iter().map(|f| f.members).sum();
        assert_eq!(counted + g.no_mfi, 40);
        assert_eq!(shown[1].len(), g.first_by_member.len());
        // How they said it: the cards, or for some the questions in pairs.
        let first = |r: &crate::report::Report| match &r.section("What the members said").blocks[0]
        {
            Block::Paragraph(p) => p.clone(),
            _ => panic!("a paragraph first"),
        };
        assert!(
            first(&r).starts_with(
                "40 members said what matters to them by putting counters on picture cards"
            ),
            "{}",
            first(&r)
        );
        doc.priorities.members[0].note =
            "9 questions in pairs (rank-order centroid on the study's scales), out of 100".into();
        let r = build(&doc, &e, None, &opts);
        assert!(
            first(&r).contains("or (1 of them) by answering questions in pairs"),
            "{}",
            first(&r)
        );
        doc.priorities.members.truncate(1);
        let r = build(&doc, &e, None, &opts);
        assert!(
            first(&r)
                .starts_with("1 member said what matters to her by answering questions in pairs"),
            "{}",
            first(&r)
        );
        // Without priorities, no such section.
        doc.priorities = Default::default();
        let r = build(&doc, &e, None, &opts);
        assert!(
            r.sections
                .iter()
                .all(|s| s.heading != "What the members said")
        );
    }

    /// Where her last instalment differs (Rs 2,117 x 11, then Rs 2,113),
    /// the members table names it beside the regular payment and the worked
    /// example counts the instalments as she pays them: twelve of Rs 2,117
    /// would be Rs 4 more than she pays back.
    #[test]
    fn a_last_instalment_that_differs_is_named_in_the_table_and_the_example() {
        let doc = StudyDoc::kasur().unwrap();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let opts = ReportOptions {
            title: "Feasibility".into(),
            prepared_by: "HomeNet Pakistan".into(),
            date: Date::parse("2026-11-22").unwrap(),
            handout_lang: Lang::En,
        };
        let r = build(&doc, &e, None, &opts);
        let Block::Table(t) = &r.section("Members").blocks[0] else {
            panic!("the members table")
        };
        let mut named = 0;
        for m in &e.members {
            let Some(l) = e
                .best_affordable(m.member)
                .and_then(|k| e.pairs[k].loan.as_ref())
            else {
                continue;
            };
            let row = t.rows.iter().find(|r| r[0] == m.name).unwrap();
            let each = &row[4];
            let last = crate::report::handout::last_payment_words(l);
            if let (Some(last), false) = (last, l.has_balloon()) {
                assert!(each.ends_with(&format!("the last {last}")), "{each}");
                named += 1;
            } else {
                assert!(!each.contains("the last"), "{each}");
            }
        }
        assert!(named >= 10, "{named}");
        let method = r.section("Method");
        let example = method
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(p) if p.starts_with("Worked example") => Some(p.clone()),
                _ => None,
            })
            .unwrap();
        assert!(
            example.contains(
                "pays 11 instalments of Rs 2,117 and a last of Rs 2,113 (Rs 25,400 in all)"
            ),
            "{example}"
        );
    }
}
