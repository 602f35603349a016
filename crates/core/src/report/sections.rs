//! The report's sections for the board: the summary, the parameter matrix,
//! the method, the CO ranking, the members and the stability of the choice.

use super::handout::handout;
use super::{Block, Report, ReportOptions, Section};
use crate::data::matrix::{FactsExt, Level, PARAMS, format_value};
use crate::data::study::StudyDoc;
use crate::date::Date;
use crate::i18n::Lang;
use crate::money::{rate_range, rs, rs_range};
use crate::output::Table;
use crate::output::score::ranking_table;
use crate::scoring::stability::Stability;
use crate::scoring::{self, Criterion, Evaluation};
use rust_decimal::Decimal;

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
    if let Some(g) = scoring::group::group(e, &doc.priorities, &doc.weights, &doc.settings) {
        sections.push(members_said(doc, &g));
    }
    sections.push(members(doc, e));
    if let Some(st) = st {
        sections.push(stability_section(st));
    }
    // Her page names her offer no more firmly than the CO's verdict.
    let verdict = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
    let co = super::handout::CoChoice::of(e, verdict.as_ref());
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
        resolutions: super::resolution::for_report(doc, st, opts.handout_lang),
    }
}

/// The board's page: the recommended MFI and the two next side by side,
/// the facts to confirm first, how sure the choice is, and lines for the
/// decision and signatures.
fn decision(doc: &StudyDoc, e: &Evaluation, st: Option<&Stability>) -> Section {
    let mut blocks = Vec::new();
    let top: Vec<&crate::scoring::MfiResult> = e.ranking.iter().take(3).collect();
    let Some(first) = e.recommended() else {
        return Section {
            heading: "The decision".into(),
            blocks: vec![Block::Paragraph(
                "No MFI serves any member with an affordable offer: there is no choice to make yet. See the members' pages for why.".into(),
            )],
        };
    };
    // How sure it is stands in the heading; the page's "How sure" says why.
    let verdict = st.and_then(|st| crate::scoring::verdict::verdict(e, st));
    let heading = scoring::verdict::heading(verdict.as_ref(), &first.mfi);
    blocks.push(Block::Paragraph(match verdict.as_ref().and_then(|v| v.mfi.as_ref()) {
        Some(m) if *m != first.mfi => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}; the table shows the three first by CO score.",
            first.mfi
        ),
        Some(_) => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}. Beside it, the two next by CO score.",
            first.mfi
        ),
        None if verdict.is_some() => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}; beside it, the two next. What the study does not know decides more (below).",
            first.mfi
        ),
        None => format!(
            "{heading}. First by CO score on the facts as the study assumes them: {}. Beside it, the two next by CO score.",
            first.mfi
        ),
    }));
    if let Some(c) = verdict.as_ref().and_then(|v| v.costly.as_ref()) {
        blocks.push(Block::Paragraph(format!("{}.", capitalise(c))));
    }
    let inst = |r: &crate::scoring::MfiResult| doc.matrix.institution(&r.mfi);
    let row = |label: &str, f: &dyn Fn(&crate::scoring::MfiResult) -> String| {
        let mut v = vec![label.to_string()];
        v.extend(top.iter().map(|r| f(r)));
        v
    };
    let needing = e.members_needing_loan;
    let instalments = |r: &crate::scoring::MfiResult| -> String {
        // The middle payment of the members it serves, as they pay it
        // (with a large last payment named): never an average.
        let mut v: Vec<&crate::scoring::Loan> = r
            .served
            .iter()
            .flatten()
            .filter_map(|&k| e.pairs[k].loan.as_ref())
            .collect();
        v.sort_by_key(|l| (l.payment_ends().high, l.largest_payment.0));
        match v.get(v.len() / 2) {
            Some(l) => l.payment_per(),
            None => "-".into(),
        }
    };
    let rows = vec![
        row("CO score (points of 100)", &|r| format!("{:.1}", r.score)),
        row("Members served (affordable)", &|r| {
            served_text(e, r, needing)
        }),
        row("Still served if income falls", &|r| {
            format!(
                "{} (income {}% lower)",
                r.affordable_under_stress,
                doc.settings.stress_income_drop_percent.normalize()
            )
        }),
        row("Typical instalment", &instalments),
    ];
    // Members served only if they put money aside, and members whose
    // business does not pay for the loan, counted apart where there are any.
    let mut rows = rows;
    if top.iter().any(|r| r.served_if_putting_aside > 0) {
        rows.push(row("Served only if they put money aside", &|r| {
            let large = r
                .served
                .iter()
                .flatten()
                .filter_map(|&k| e.pairs[k].loan.as_ref()?.put_aside)
                .filter(|a| a.what_for == crate::scoring::months::AsideFor::LargePayment)
                .count();
            match (r.served_if_putting_aside, large) {
                (0, _) => "0".into(),
                (n, l) if l == n => format!("{n} (for a large last payment)"),
                (n, 0) => format!("{n} (for their lean months)"),
                (n, l) => format!("{n} ({l} for a large last payment)"),
            }
        }));
    }
    if top.iter().any(|r| r.not_paying_for_itself > 0) {
        rows.push(row("Whose business does not pay for the loan", &|r| {
            r.not_paying_for_itself.to_string()
        }));
    }
    rows.extend([
        row(
            "Average APR",
            &|r| match (r.average_apr_low, r.average_apr) {
                (Some(lo), Some(hi)) => rate_range(lo, hi),
                _ => "-".into(),
            },
        ),
        row("Cost to the members served", &|r| {
            rs_range(r.total_cost_low, r.total_cost)
        }),
        row("Distance", &|r| match inst(r) {
            Some(i) if i.facts.flag("staff_visit_village") == Some(true) => {
                "staff come to the village".into()
            }
            Some(i) => match i.facts.number("distance_km") {
                Some(km) => format!("{} km", km.normalize()),
                None => "unknown".into(),
            },
            None => "in the village (own savings)".into(),
        }),
        row("Extra services (of 7)", &|r| match inst(r) {
            Some(i) => {
                let yes = crate::data::matrix::SERVICES
                    .iter()
                    .filter(|k| i.facts.flag(k) == Some(true))
                    .count();
                let unknown = crate::data::matrix::SERVICES
                    .iter()
                    .filter(|k| i.facts.flag(k).is_none())
                    .count();
                if unknown > 0 {
                    format!("{yes}; {unknown} unknown")
                } else {
                    yes.to_string()
                }
            }
            None => "none".into(),
        }),
        row("Its data known", &|r| match inst(r) {
            Some(i) => {
                let c = doc.matrix.completeness_of(&i.name);
                format!(
                    "{:.0}% ({} of {})",
                    100.0 * c.known() as f64 / c.values.max(1) as f64,
                    c.known(),
                    c.values
                )
            }
            None => "all".into(),
        }),
    ]);
    let mut header = vec![String::new()];
    header.extend(top.iter().map(|r| r.mfi.clone()));
    let n = header.len();
    blocks.push(Block::Table(Table {
        header,
        numeric: std::iter::once(false).chain(std::iter::repeat_n(true, n - 1)).collect(),
        widths: std::iter::once(1.6).chain(std::iter::repeat_n(1.4, n - 1)).collect(),
        rows,
        footnotes: vec![
            "A range: a term of the offer is unknown; the lower figure counts it as none, the higher as the most any MFI of the study charges (or the tool's default where none states it). Typical instalment: the middle member's payment as she pays it, with a large last payment in its month.".into(),
        ],
    }));
    // How often each comes first in the draws, "no MFI" among them: the
    // rule of the recommendation reads these shares.
    if let Some(v) = &verdict {
        // The four most often first, the others together.
        let mut bars: Vec<(String, f64, String)> = v
            .outcomes
            .iter()
            .take(4)
            .map(|o| {
                (
                    o.mfi
                        .clone()
                        .unwrap_or_else(|| "No MFI serves anyone".into()),
                    100.0 * o.share,
                    crate::scoring::stability::share_percent(o.share),
                )
            })
            .collect();
        let rest: f64 = v.outcomes.iter().skip(4).map(|o| o.share).sum();
        if rest > 0.0 {
            bars.push((
                format!("{} other MFIs", v.outcomes.len() - 4),
                100.0 * rest,
                crate::scoring::stability::share_percent(rest),
            ));
        }
        blocks.push(Block::Bars {
            title: if v.over_data {
                "How often each comes first over what the study does not know and the weights"
                    .into()
            } else {
                "How often each comes first over the weights".into()
            },
            bars: bars.iter().map(|b| (b.0.clone(), b.1)).collect(),
            unit: "%".into(),
            shown: bars.iter().map(|b| b.2.clone()).collect(),
        });
        blocks.push(Block::Paragraph(format!(
            "The rule: an MFI is recommended when it comes first in {:.0}% of the draws or more (firmly from {:.0}%); below that, none is recommended yet.",
            100.0 * scoring::verdict::LIKELY,
            100.0 * scoring::verdict::FIRM,
        )));
    }
    // What to confirm first, with room for who asks and by when.
    let mut confirm: Vec<String> = match st {
        Some(st) if !st.ask_first.is_empty() => st
            .ask_first
            .iter()
            .take(3)
            .map(|a| {
                format!(
                    "{} (it changes the first MFI in {} of the draws of the data)",
                    capitalise(&a.fact),
                    crate::output::score::share_percent(a.changes_share)
                )
            })
            .collect(),
        _ => crate::scoring::verify_first(e, &first.mfi)
            .into_iter()
            .take(3)
            .collect(),
    };
    // The recommended MFI's own unknowns that its members wait on: the
    // choice rests on them whatever the draws say.
    let own: Vec<String> = crate::scoring::verify_first(e, &first.mfi)
        .into_iter()
        .filter(|v| {
            !confirm
                .iter()
                .any(|c| c.to_lowercase().contains(&v.to_lowercase()))
        })
        .take(4)
        .collect();
    let blanks = ".   Who asks: ________________   By: ____________";
    if !confirm.is_empty() {
        blocks.push(Block::Paragraph(
            "To confirm before the decision, the facts that most often change which MFI comes first (who asks, and by when):".into(),
        ));
        for c in confirm.iter_mut() {
            c.push_str(blanks);
        }
        blocks.push(Block::Bullets(confirm));
    }
    if !own.is_empty() && st.is_some() {
        blocks.push(Block::Paragraph(format!(
            "And with {}{} itself, what the members it would serve wait on (how many members each concerns):",
            first.mfi,
            if verdict.as_ref().and_then(|v| v.mfi.as_ref()) == Some(&first.mfi) {
                ""
            } else {
                " (first by CO score)"
            }
        )));
        blocks.push(Block::Bullets(
            own.into_iter()
                .map(|o| format!("{}{blanks}", capitalise(&o)))
                .collect(),
        ));
    }
    // What only the members can say (her CNIC, a past default...): asked
    // of them, never of the MFI.
    let members: Vec<String> = crate::scoring::ask_the_members(e, &first.mfi)
        .into_iter()
        .take(4)
        .map(|q| capitalise(&q))
        .collect();
    if !members.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "To ask the members themselves (their answers decide whether {} can serve them):",
            first.mfi
        )));
        blocks.push(Block::Bullets(members));
    }
    if let Some(st) = st {
        blocks.push(Block::Paragraph(format!("How sure: {}", how_sure(st))));
    }
    if doc.name == crate::data::builtin::KASUR_STUDY_NAME {
        blocks.push(Block::Paragraph(kasur_2010(doc, e)));
    }
    blocks.push(Block::Paragraph(
        "Decision of the board: ______________________________________________________________"
            .into(),
    ));
    blocks.push(Block::Paragraph(
        "Date: ________________     Signatures: ______________________   ______________________   ______________________".into(),
    ));
    Section {
        heading: "The decision".into(),
        blocks,
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

/// The first letter in capitals.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// How sure the choice is, in one sentence: over the weights and the data.
fn how_sure(st: &Stability) -> String {
    let rec = &st.recommended;
    let share = crate::scoring::stability::share_text;
    let weights = share(st.weights_only.share(rec), st.weights_only.draws);
    match &st.data_only {
        Some(d) if st.unknown_facts > 0 => format!(
            "{rec} comes first in {} of the {} unknown facts (and in {weights} of the weights alone, the unknown facts as assumed): {}.",
            share(d.share(rec), d.draws),
            st.unknown_facts,
            if d.share(rec) < 0.5 {
                "what the study does not know decides more than the weights do; the facts above are the first calls to make"
            } else {
                "the choice holds for most of what the unknown facts could be"
            }
        ),
        _ => {
            format!(
                "{rec} comes first in {weights} of the weights; none of the facts it reads is unknown (what the study assumed is listed with each offer)."
            )
        }
    }
}

/// For the built-in study: how and why the result differs from the 2010
/// choice of CWCD, in the study's own figures.
fn kasur_2010(doc: &StudyDoc, e: &Evaluation) -> String {
    let find = |name: &str| e.ranking.iter().find(|r| r.mfi == name);
    let (Some(rec), Some(cwcd)) = (e.recommended(), find("CWCD")) else {
        return String::new();
    };
    if rec.mfi == "CWCD" {
        return "In 2010 the study chose CWCD; with these weights this tool chooses it too.".into();
    }
    let gains: Vec<String> = Criterion::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| cwcd.contributions[*i] > rec.contributions[*i] + 0.05)
        .map(|(i, c)| {
            format!(
                "{} (+{:.1} score points)",
                c.label(),
                cwcd.contributions[i] - rec.contributions[i]
            )
        })
        .collect();
    let services = crate::data::criteria::preset("support-and-services")
        .map(|w| crate::scoring::evaluate(&doc.matrix, &doc.plans, &w, &doc.settings));
    let close = services
        .as_ref()
        .and_then(|s| {
            let a = s.ranking.iter().find(|r| r.mfi == rec.mfi)?;
            let b = s.ranking.iter().find(|r| r.mfi == "CWCD")?;
            Some(format!(
                " With the support-and-services weights the two are {:.1} score points apart ({} {:.1}, CWCD {:.1}).",
                (a.score - b.score).abs(),
                a.mfi,
                a.score,
                b.score
            ))
        })
        .unwrap_or_default();
    format!(
        "In 2010 the study chose CWCD for its trainings, exhibitions, business development training and linkages, its Islamic financing and its group lending. Here, by CO score on the facts as the study assumes them, {} comes first ({:.1} score points against {:.1}): it serves {} of the {} members who need a loan against CWCD's {}, at an average APR of {} against {}. CWCD gains on {}.{} The difference is in the weight given to what each member pays against the services the group receives, and in what the 2010 matrix lost: most of {}'s terms are unknown.",
        rec.mfi,
        rec.score,
        cwcd.score,
        rec.affordable_members,
        e.members_needing_loan,
        cwcd.affordable_members,
        rec.average_apr
            .map(|x| rate_range(rec.average_apr_low.unwrap_or(x), x))
            .unwrap_or_else(|| "-".into()),
        cwcd.average_apr
            .map(|x| rate_range(cwcd.average_apr_low.unwrap_or(x), x))
            .unwrap_or_else(|| "-".into()),
        if gains.is_empty() {
            "nothing".to_string()
        } else {
            gains.join(", ")
        },
        close,
        rec.mfi
    )
}

fn summary(doc: &StudyDoc, e: &Evaluation, st: Option<&Stability>) -> Section {
    let mut blocks = Vec::new();
    match (e.recommended(), e.runner_up()) {
        (Some(a), b) => {
            let verdict = st.and_then(|st| scoring::verdict::verdict(e, st));
            blocks.push(Block::Paragraph(format!(
                "{}. First by CO score on the facts as assumed: {} ({:.1} of 100){}.",
                scoring::verdict::heading(verdict.as_ref(), &a.mfi),
                a.mfi,
                a.score,
                b.map(|b| format!("; runner-up: {} ({:.1})", b.mfi, b.score))
                    .unwrap_or_default()
            )));
            if let Some(v) = verdict {
                blocks.push(Block::Paragraph(v.line));
            }
            blocks.push(Block::Paragraph(format!(
                "Why {} comes first by CO score on the facts as assumed:",
                a.mfi
            )));
            blocks.push(Block::Bullets(scoring::reasons(e)));
            blocks.push(Block::Paragraph(format!(
                "It serves {} members who need a loan with an affordable offer ({} still if their income falls). They would borrow {} in all and pay {} for the credit ({} per member on average), an average APR of {}.",
                served_text(e, a, e.members_needing_loan),
                a.affordable_under_stress,
                rs(a.total_borrowed),
                rs_range(a.total_cost_low, a.total_cost),
                {
                    let per = |x: Decimal| if a.affordable_members > 0 { x / Decimal::from(a.affordable_members) } else { Decimal::ZERO };
                    rs_range(per(a.total_cost_low), per(a.total_cost))
                },
                match (a.average_apr_low, a.average_apr) {
                    (Some(lo), Some(hi)) => rate_range(lo, hi),
                    _ => "-".into(),
                }
            )));
            if a.total_cost_low != a.total_cost {
                blocks.push(Block::Paragraph(
                    "Where a figure is a range, a term of the offer is unknown: the lower figure counts it as none, the higher as the most any MFI of this study charges (or, where none states it, the tool's default); the ranking counts the higher.".to_string(),
                ));
            }
            if a.to_verify_members > 0 {
                let items = crate::scoring::verify_first(e, &a.mfi);
                if !items.is_empty() {
                    blocks.push(Block::Paragraph(format!(
                        "To verify with {} before relying on this: {}.",
                        a.mfi,
                        items.join("; ")
                    )));
                }
                let members = crate::scoring::ask_the_members(e, &a.mfi);
                if !members.is_empty() {
                    blocks.push(Block::Paragraph(format!(
                        "To ask the members: {}.",
                        members.join("; ")
                    )));
                }
            }
        }
        (None, _) => blocks.push(Block::Paragraph(
            "No option serves any member with an affordable offer.".into(),
        )),
    }
    if let Some(st) = st {
        blocks.push(Block::Paragraph(format!("How sure: {}", st.sentence)));
        if !st.ask_first.is_empty() {
            blocks.push(Block::Paragraph(
                "What to ask first: the unknown facts that most often change the first MFI (each set both ways in every draw over the data):".into(),
            ));
            blocks.push(Block::Bullets(
                st.ask_first
                    .iter()
                    .take(3)
                    .map(crate::output::score::ask_first_line)
                    .collect(),
            ));
        }
    }
    blocks.push(Block::Paragraph(data_line(doc, st)));
    Section {
        heading: "Summary".into(),
        blocks,
    }
}

/// The share of draws over the data in which a fact must change the first
/// MFI for the summary to count it as able to change the recommendation.
const DECISIVE_SHARE: f64 = 0.05;

/// How complete the data are, and which unknowns can change the choice:
/// the values of the matrix unknown and assumed (as `check` counts them),
/// the unknown facts the choice reads (the draws vary them), and those that
/// change the first MFI in at least one draw in twenty, named.
pub fn data_line(doc: &StudyDoc, st: Option<&Stability>) -> String {
    let c = doc.matrix.completeness();
    let mut line = format!(
        "Data: of the {} values of the matrix, {} are unknown and {} assumed.",
        c.values, c.unknown, c.assumed
    );
    if let Some(st) = st.filter(|st| st.data_only.is_some()) {
        let decisive: Vec<&crate::scoring::unknowns::AskFirst> = st
            .ask_first
            .iter()
            .filter(|a| a.changes_share >= DECISIVE_SHARE)
            .collect();
        line.push_str(&format!(
            " The choice reads {} unknown facts (the rest, such as what a late payment costs, do not enter the scores); ",
            st.unknown_facts
        ));
        match decisive.len() {
            0 => line.push_str(&format!(
                "none of them changes which MFI comes first in as many as {:.0}% of the draws.",
                100.0 * DECISIVE_SHARE
            )),
            n => {
                let named: Vec<&str> = decisive.iter().take(5).map(|a| a.fact.as_str()).collect();
                line.push_str(&format!(
                    "{n} of them {} which MFI comes first in {:.0}% of the draws or more ({} of them {}'s){}: {}{}.",
                    if n == 1 { "changes" } else { "change" },
                    100.0 * DECISIVE_SHARE,
                    decisive.iter().filter(|a| a.mfi == st.recommended).count(),
                    st.recommended,
                    if n > named.len() { ", most of all" } else { "" },
                    named.join("; "),
                    if n > named.len() {
                        format!(" and {} more (see how stable the choice is)", n - named.len())
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    line
}

fn matrix_section(doc: &StudyDoc) -> Section {
    let insts = &doc.matrix.institutions;
    // A value the matrix file does not list at all is unknown too.
    let absent = crate::fact::Fact {
        value: None,
        provenance: crate::fact::Provenance {
            note: "not given in the matrix".into(),
            ..Default::default()
        },
    };
    // One note per distinct source text, shared by every cell it explains;
    // each cell keeps the number of its note, so that every table lists
    // under it the notes its own cells refer to.
    let mut notes: Vec<String> = Vec::new();
    let mut mark = |spec: &crate::data::matrix::ParamSpec,
                    f: &crate::fact::Fact<crate::data::matrix::Value>|
     -> Cell {
        let shown = if f.value.is_none() {
            "?".to_string()
        } else {
            format_value(spec, &f.value)
        };
        if f.value.is_none() || f.provenance.is_assumed() {
            let text = f.provenance.describe();
            let n = match notes.iter().position(|t| *t == text) {
                Some(i) => i + 1,
                None => {
                    notes.push(text);
                    notes.len()
                }
            };
            let star = if f.provenance.is_assumed() { "*" } else { "" };
            (format!("{shown}{star} [{n}]"), Some(n))
        } else {
            (shown, None)
        }
    };
    let mut inst_rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for spec in PARAMS.iter().filter(|s| s.level.on_institution()) {
        let cells = insts
            .iter()
            .map(|i| mark(spec, i.facts.get(spec.key).unwrap_or(&absent)))
            .collect();
        inst_rows.push((spec.label.to_string(), cells));
    }
    // A parameter a product may give instead of its institution is shown
    // for products only where one does.
    let given_by_a_product = |spec: &crate::data::matrix::ParamSpec| {
        spec.level == Level::Product
            || insts
                .iter()
                .any(|i| i.products.iter().any(|p| p.facts.contains_key(spec.key)))
    };
    // Every product is a column of its own: (its institution, the product).
    let products: Vec<(usize, &crate::data::matrix::Product)> = insts
        .iter()
        .enumerate()
        .flat_map(|(k, i)| i.products.iter().map(move |p| (k, p)))
        .collect();
    let mut product_rows: Vec<(String, Vec<Cell>)> = Vec::new();
    for spec in PARAMS
        .iter()
        .filter(|s| s.level.on_product() && given_by_a_product(s))
    {
        let label = format!(
            "{}{}",
            spec.label,
            if spec.level == Level::Both {
                " (product's own)"
            } else {
                ""
            }
        );
        let cells = products
            .iter()
            .map(|(k, p)| match (p.facts.get(spec.key), spec.level) {
                (None, Level::Both) => (format!("as {}", insts[*k].name), None),
                (f, _) => mark(spec, f.unwrap_or(&absent)),
            })
            .collect();
        product_rows.push((label, cells));
    }
    let mut blocks = vec![Block::Paragraph(format!(
        "Parameters as rows, as in the 2010 study: first what holds for each MFI as a whole ({} as columns), then the terms of each loan product ({} as columns, each MFI's products together). ? marks a value the sources do not give; * an assumption; the numbers in brackets refer to the notes under each table, which give each such value's source.",
        crate::i18n::count_en(insts.len(), "MFI"),
        crate::i18n::count_en(products.len(), "product")
    ))];
    // At most seven MFIs side by side, as in 2010; more make more tables of
    // even size, each with the parameter column and its own notes.
    let inst_groups = even_groups(insts.len(), MATRIX_COLUMNS);
    for (g, cols) in inst_groups.iter().enumerate() {
        if inst_groups.len() > 1 {
            blocks.push(Block::Paragraph(format!(
                "The MFIs ({} of {}): {}.",
                g + 1,
                inst_groups.len(),
                names(cols.clone().map(|k| insts[k].name.as_str()))
            )));
        }
        let header = cols.clone().map(|k| insts[k].name.clone()).collect();
        blocks.push(Block::Table(matrix_table(
            header,
            &inst_rows,
            cols.clone(),
            &notes,
        )));
    }
    // Products: an MFI's products stay together in one table where they fit.
    let mut product_groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while at < products.len() {
        let mut end = at;
        while end < products.len() {
            let inst = products[end].0;
            let run = products[end..]
                .iter()
                .take_while(|(k, _)| *k == inst)
                .count();
            if end > at && end - at + run > PRODUCT_COLUMNS {
                break;
            }
            end += run.min(PRODUCT_COLUMNS);
            if end - at >= PRODUCT_COLUMNS {
                break;
            }
        }
        product_groups.push(at..end);
        at = end;
    }
    for (g, cols) in product_groups.iter().enumerate() {
        let mut mfis: Vec<&str> = cols
            .clone()
            .map(|c| insts[products[c].0].name.as_str())
            .collect();
        mfis.dedup();
        blocks.push(Block::Paragraph(format!(
            "Loan products{}: {}.",
            if product_groups.len() > 1 {
                format!(" ({} of {})", g + 1, product_groups.len())
            } else {
                String::new()
            },
            names(mfis.into_iter())
        )));
        let header = cols
            .clone()
            .map(|c| {
                let (k, p) = products[c];
                format!("{}: {}", insts[k].name, p.name)
            })
            .collect();
        blocks.push(Block::Table(matrix_table(
            header,
            &product_rows,
            cols.clone(),
            &notes,
        )));
    }
    Section {
        heading: "The parameter matrix".into(),
        blocks,
    }
}

/// A cell of the matrix as printed, and the number of the note it refers to.
type Cell = (String, Option<usize>);

/// One table of the matrix: the parameter column and the columns `cols`,
/// with the notes its own cells refer to under it.
fn matrix_table(
    header: Vec<String>,
    rows: &[(String, Vec<Cell>)],
    cols: std::ops::Range<usize>,
    notes: &[String],
) -> Table {
    let n = cols.len();
    let mut referred: Vec<usize> = rows
        .iter()
        .flat_map(|(_, cells)| cells[cols.clone()].iter().filter_map(|c| c.1))
        .collect();
    referred.sort_unstable();
    referred.dedup();
    Table {
        header: std::iter::once("Parameter".to_string())
            .chain(header)
            .collect(),
        numeric: vec![false; n + 1],
        widths: std::iter::once(1.6)
            .chain(std::iter::repeat_n(1.0, n))
            .collect(),
        rows: rows
            .iter()
            .map(|(label, cells)| {
                std::iter::once(label.clone())
                    .chain(cells[cols.clone()].iter().map(|c| c.0.clone()))
                    .collect()
            })
            .collect(),
        footnotes: referred
            .into_iter()
            .filter_map(|k| notes.get(k - 1).map(|t| format!("[{k}] {t}")))
            .collect(),
    }
}

/// `n` columns in tables of at most `most`, as even in size as they can be.
fn even_groups(n: usize, most: usize) -> Vec<std::ops::Range<usize>> {
    if n == 0 {
        return Vec::new();
    }
    let tables = n.div_ceil(most.max(1));
    let size = n.div_ceil(tables);
    (0..n).step_by(size).map(|a| a..(a + size).min(n)).collect()
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

/// The most MFIs shown side by side in the matrix.
const MATRIX_COLUMNS: usize = 7;

/// The most loan products shown side by side.
const PRODUCT_COLUMNS: usize = 6;

fn method(doc: &StudyDoc, e: &Evaluation) -> Section {
    let s = &doc.settings;
    let mut blocks = vec![
        Block::Paragraph("1. Eligibility. An offer is open to a member only if: the loan she needs is within the product's range; her age is within the limits; a new business is financed if hers is new; the MFI lends to groups or individuals as she wishes; it is Islamic financing (or interest-free) if she wants that; she has a CNIC if one is required; she lives in the MFI's area; she has not defaulted if defaulters are refused; the MFI is willing to lend to home-based workers. Where the value is unknown, the offer is marked \"to verify\".".into()),
        Block::Paragraph(format!(
            "2. Affordability, month by month. For each member and offer, her household's money is followed from the disbursement to the last payment: each month her income (her sales that month less her business costs, plus other income) less her household expenses and what she already repays on other debts is what she has free. A loan may take at most {share}% of it; the rest is her buffer. Each payment falls in its month (a large last payment whole in its month; a weekly payment by its monthly equivalent). The loan is affordable when every payment is met in its month from that share, from cash she has already saved, or from money she puts aside in the months before (then the loan fits only if she does, and her page and this report say how much), and when her debts (her other repayments, this loan's payment and what she puts aside) take at most {cap}% of her income in every month (the Reserve Bank of India's cap on a household's microfinance repayments; Cerise+SPTF Universal Standards, dimension 4a, ask that all her debts be counted). {dates} Stress test: the same with her sales and other income {stress}% lower in every month. Whether the purchase pays for the loan: what it adds to her profit over the loan's months against what the loan costs; flagged, never excluded: it is her decision. Terms to negotiate: when an offer does not fit her months (or only with money put aside, or only over a longer term than she asked for), her page and the members table say what would fit, marked as terms to negotiate with the MFI: the longer term within the product's range, no instalment in her lean months (the months below her middle month), or instalments in proportion to the room her months leave; each priced on the product's basis (a declining markup keeps running on the balance, the markup of a month without payment waiting without markup of its own; a flat markup is the same total, whenever repaid), judged by the same rule, and proposed only when it fits with nothing put aside.",
            share = s.affordability_percent.normalize(),
            cap = s.debt_service_cap_percent.normalize(),
            stress = s.stress_income_drop_percent.normalize(),
            dates = match s.disbursed {
                Some(d) => format!("The loans are paid out on {}: her lean and busy months fall where the calendar puts them.", d.long()),
                None => "No disbursement date is set: for a member whose months differ, every month of the year is tried as the month of payout and the worst is kept.".into(),
            }
        )),
        Block::Paragraph("3. True cost. Every offer is turned into the member's cash flows: the amount received less fees, insurance and deposits; the instalments; deposits refunded. The rate that balances them, times the periods in a year, is the APR (MFTransparency's method). Quoted flat markups hide this: the rupee totals are shown beside every rate.".into()),
    ];
    // What the plans do not say, as assumptions.
    let plans = &doc.plans.members;
    let same = plans.iter().filter(|m| !m.says_her_months()).count();
    let no_debts = plans
        .iter()
        .filter(|m| m.other_repayments.is_empty())
        .count();
    let mut assumed = Vec::new();
    if same > 0 {
        assumed.push(format!(
            "{} give no month-by-month sales: their sales are assumed the same every month",
            if same == plans.len() {
                "the members' plans".to_string()
            } else {
                format!("{} of the members' plans", same)
            }
        ));
    }
    if no_debts > 0 {
        assumed.push(format!(
            "{} name no other debts: taken as none",
            if no_debts == plans.len() {
                "the members' plans".to_string()
            } else {
                format!("{} of the members' plans", no_debts)
            }
        ));
    }
    if !assumed.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "Assumed: {}.",
            capitalise(&assumed.join("; "))
        )));
    }
    let mut rows = Vec::new();
    for (i, c) in Criterion::ALL.iter().enumerate() {
        rows.push(vec![
            c.label().to_string(),
            c.measure().to_string(),
            {
                // Grouped like every other figure: "20,000 to 0".
                let n = |x: f64| match Decimal::from_f64_retain(x) {
                    Some(d) if d.abs() >= Decimal::from(1000) => {
                        crate::money::group_rupees(d, !d.fract().is_zero())
                    }
                    _ => format!("{x}"),
                };
                format!(
                    "{} to {}",
                    n(doc.weights.scales[i].worst),
                    n(doc.weights.scales[i].best)
                )
            },
            format!("{:.0}%", 100.0 * e.weights[i]),
        ]);
    }
    blocks.push(Block::Paragraph(format!("4. Criteria. Each offer scores 0 to 100 on each criterion on a fixed scale (the worst end scores 0, the best 100), weighted and summed: its score, in score points. The CO score of an MFI is the mean over the members who need a loan of the score of its best affordable offer for her (0 if it has none). The weights: {}.", weights_name(&doc.weights.name))));
    blocks.push(Block::Table(Table {
        header: vec![
            "Criterion".into(),
            "Measure".into(),
            "Scale (worst to best)".into(),
            "Weight".into(),
        ],
        numeric: vec![false, false, false, true],
        widths: vec![1.2, 3.0, 1.3, 0.7],
        rows,
        footnotes: Vec::new(),
    }));
    // A worked example from the study's own data: the recommended MFI's
    // offer for the first member it serves.
    // The first offer that costs something, of the recommended MFI or the next.
    let example = e
        .ranking
        .iter()
        .flat_map(|r| r.served.iter().flatten().copied())
        .find(|&k| {
            e.pairs[k]
                .loan
                .as_ref()
                .is_some_and(|l| l.total_cost > Decimal::ZERO)
        })
        .and_then(|k| {
            let p = &e.pairs[k];
            let priced = p.priced(&doc.matrix, doc.settings.rounding)?;
            Some((
                doc.plans.members[p.member].member.clone(),
                p.mfi.clone(),
                p.product.clone(),
                priced,
            ))
        });
    if let Some((member, mfi, product, p)) = example {
        blocks.push(Block::Paragraph(format!(
            "Worked example: {member} would borrow {} from {mfi} ({product}) at a quoted markup of {}% for {} months. She receives {}, pays {} instalments of {} ({} in all) and the credit costs her {}. The rate at which these flows balance is {:.4}% a period, so the {} is {:.1}% a year.",
            rs(p.terms.amount),
            p.terms.markup_percent.normalize(),
            p.terms.months,
            rs(p.received),
            p.count,
            rs(p.instalment),
            rs(p.total_repaid),
            rs(p.total_cost),
            100.0 * p.periodic_rate,
            p.terms.basis.rate_name(),
            p.apr_percent
        )));
    }
    Section {
        heading: "Method".into(),
        blocks,
    }
}

fn ranking(doc: &StudyDoc, e: &Evaluation) -> Section {
    let points = crate::offer::price_all(
        &doc.matrix,
        Decimal::from(25_000),
        12,
        doc.settings.rounding,
    )
    .into_iter()
    .map(|o| super::Point {
        label: format!("{} / {}", o.institution, o.product),
        x: crate::money::to_f64(o.markup_percent),
        y: o.priced.apr_percent,
        y_low: o
            .low
            .as_ref()
            .map_or(o.priced.apr_percent, |l| l.apr_percent),
    })
    .collect();
    Section {
        heading: "The CO ranking".into(),
        blocks: vec![
            Block::Table(ranking_table(e)),
            Block::Bars {
                title: "CO score by MFI".into(),
                bars: e.ranking.iter().map(|r| (r.mfi.clone(), r.score)).collect(),
                unit: String::new(),
                shown: Vec::new(),
            },
            Block::Scatter {
                title: "Quoted markup against the true APR, for a loan of Rs 25,000 over 12 months (a line down to the APR at the low end where a term is unknown)"
                    .into(),
                x_label: "quoted markup %".into(),
                y_label: "true APR %".into(),
                points,
            },
        ],
    }
}

/// "What the members said": the CO's weights from its members' counters
/// beside the study's, how much they agree, and which MFI each member's own
/// weights would choose.
fn members_said(doc: &StudyDoc, g: &scoring::group::Group) -> Section {
    let anonymous = doc
        .priorities
        .members
        .iter()
        .filter(|m| m.anonymous())
        .count();
    let by_pairs = doc
        .priorities
        .members
        .iter()
        .filter(|m| m.note.contains(crate::data::priorities::BY_PAIRS))
        .count();
    let how = match by_pairs {
        0 => "by putting counters on picture cards, one card per criterion".to_string(),
        n if n == doc.priorities.members.len() => {
            "by answering questions in pairs (each answer's order weighed on the study's scales)"
                .to_string()
        }
        n => format!(
            "by putting counters on picture cards, one card per criterion, or ({n} of them) by answering questions in pairs"
        ),
    };
    let mut blocks = vec![Block::Paragraph(format!(
        "{} said what matters to {} {how}{}. The ranking in this report uses {}.",
        crate::i18n::count_en(g.combined.members, "member"),
        if g.combined.members == 1 {
            "her"
        } else {
            "them"
        },
        if anonymous > 0 {
            format!(" ({anonymous} in an anonymous round, without names)")
        } else {
            String::new()
        },
        weights_name(&doc.weights.name)
    ))];
    blocks.push(Block::Table(crate::output::group::group_table(g)));
    blocks.push(Block::Bars {
        title: format!("The members' weights ({})", g.combined.used().key()),
        bars: Criterion::ALL
            .iter()
            .map(|c| (c.label().to_string(), 100.0 * g.combined.weights[*c]))
            .collect(),
        unit: "%".into(),
        shown: Criterion::ALL
            .iter()
            .map(|c| crate::output::group::pct(g.combined.weights[*c]))
            .collect(),
    });
    blocks.push(Block::Paragraph(g.sentence()));
    if !g.first_by_member.is_empty() {
        blocks.push(Block::Bars {
            title: "Members whose own priorities choose each MFI".into(),
            bars: g
                .first_by_member
                .iter()
                .map(|f| (f.mfi.clone(), f.members as f64))
                .collect(),
            unit: String::new(),
            shown: g
                .first_by_member
                .iter()
                .map(|f| crate::i18n::count_en(f.members, "member"))
                .collect(),
        });
    }
    let unknown = crate::data::priorities::unknown_members(&doc.priorities, &doc.plans);
    if !unknown.is_empty() {
        blocks.push(Block::Bullets(unknown));
    }
    Section {
        heading: "What the members said".into(),
        blocks,
    }
}

fn members(doc: &StudyDoc, e: &Evaluation) -> Section {
    let mut rows = Vec::new();
    for m in &e.members {
        let eligible: Vec<String> = {
            // An MFI she is eligible for only if it confirms unknown facts
            // is marked.
            // Each MFI once, in the order of her best offer from it,
            // starred when every offer of it open to her waits on facts.
            let mut mfis: Vec<(&str, bool)> = Vec::new();
            for &k in &m.ranked {
                let p = &e.pairs[k];
                let conditional = !p.to_verify.is_empty();
                match mfis.iter_mut().find(|(name, _)| *name == p.mfi) {
                    Some(entry) => entry.1 &= conditional,
                    None => mfis.push((p.mfi.as_str(), conditional)),
                }
            }
            let mut v: Vec<String> = mfis
                .iter()
                .map(|(name, conditional)| {
                    if *conditional {
                        format!("{name}*")
                    } else {
                        name.to_string()
                    }
                })
                .collect();
            // A long list is shortened: the best five, then how many more.
            if v.len() > 6 {
                let more = v.len() - 5;
                v.truncate(5);
                v.push(format!("and {more} more"));
            }
            v
        };
        let best = e.best_affordable(m.member);
        // What would fit her months, to negotiate with the MFI of her best
        // offer (of her best ranked when none fits), in a few words: a
        // grace or a seasonal schedule (a longer term is her loan's own,
        // its count in the table, and said on her page).
        let negotiate = |k: usize, named: bool| -> Option<String> {
            let p = &e.pairs[k];
            let plan = doc.plans.members.get(m.member)?;
            let mut props = scoring::negotiate::to_negotiate(p, plan, &doc.matrix, &doc.settings);
            props.retain(|x| x.kind != scoring::negotiate::Proposed::LongerTerm);
            (!props.is_empty()).then(|| {
                format!(
                    "to negotiate{}: {}",
                    if named {
                        format!(" with {}", p.mfi)
                    } else {
                        String::new()
                    },
                    props
                        .iter()
                        .map(|x| x.short_words())
                        .collect::<Vec<_>>()
                        .join("; or ")
                )
            })
        };
        match best.and_then(|k| e.pairs[k].loan.as_ref().map(|l| (k, l))) {
            Some((k, l)) => rows.push(vec![
                m.name.clone(),
                eligible.join(", "),
                format!("{} / {}", e.pairs[k].mfi, e.pairs[k].product),
                rs(l.amount),
                // A large last payment is named beside the regular one:
                // never only the small payment of an interest-only loan.
                if l.has_balloon() {
                    format!(
                        "{}; in month {}: {}",
                        rs_range(l.payment_ends().low, l.payment_ends().high),
                        l.largest_payment.1,
                        rs(l.largest_payment.0)
                    )
                } else {
                    rs_range(l.payment_ends().low, l.payment_ends().high)
                },
                l.count.to_string(),
                crate::i18n::tr(Lang::En, super::handout::frequency_key(&l.disclosure)).to_string(),
                match l.put_aside {
                    Some(a) => format!(
                        "{} ({} put aside)",
                        rs(l.monthly_burden),
                        rs(crate::scoring::months::rupees(a.monthly))
                    ),
                    None => rs_range(l.burden_ends().low, l.monthly_burden),
                },
                rs_range(l.low_disclosure().pays_back(), l.disclosure.pays_back()),
                rate_range(l.apr_ends().low, l.apr_percent),
                {
                    let mut v = vec![if l.affordable_under_stress {
                        "yes (also under stress)".to_string()
                    } else {
                        "yes (not under stress)".to_string()
                    }];
                    if let Some(w) = l.aside_words() {
                        v.push(w);
                    }
                    if l.worth.is_some_and(|w| !w.pays()) {
                        v.push("her business does not pay for it".into());
                    }
                    v.extend(negotiate(k, false));
                    v.join("; ")
                },
            ]),
            None => {
                let why = if m.loan_needed.is_zero() {
                    "needs no loan".to_string()
                } else if m.ranked.is_empty() {
                    format!(
                        "nothing is open to her: {}",
                        e.binding_reason(m.member).unwrap_or_default()
                    )
                } else {
                    let best = m.ranked[0];
                    let said = match e.pairs[best]
                        .loan
                        .as_ref()
                        .and_then(|l| l.short_words(&doc.settings))
                    {
                        Some(w) => {
                            format!("no offer is affordable: with {}, {w}", e.pairs[best].mfi)
                        }
                        None => "no offer is affordable".to_string(),
                    };
                    // The first of her best ranked offers with something
                    // that would fit.
                    match m.ranked.iter().take(5).find_map(|&k| negotiate(k, true)) {
                        Some(n) => format!("{said}; {n}"),
                        None => said,
                    }
                };
                rows.push(vec![
                    m.name.clone(),
                    eligible.join(", "),
                    why,
                    rs(m.loan_needed),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "-".into(),
                    "no".into(),
                ]);
            }
        }
    }
    Section {
        heading: "Members".into(),
        blocks: vec![Block::Table(Table {
            header: [
                "Member",
                "Eligible MFIs",
                "Chosen offer",
                "Amount",
                "Each payment",
                "No.",
                "Every",
                "Her month",
                "Pays back",
                "APR",
                "Affordable",
            ]
            .map(String::from)
            .to_vec(),
            numeric: vec![false, false, false, true, true, true, false, true, true, true, false],
            widths: vec![1.2, 1.5, 1.6, 0.85, 0.9, 0.4, 0.75, 0.85, 1.0, 0.75, 1.05],
            rows,
            footnotes: vec![
                "* eligible for that MFI only if it confirms facts the study does not have (listed on her page). A range (Rs 0 - 1,534, 0.0% - 14.4%): a term of the offer is unknown; the lower figure counts it as none, the higher as the most any MFI of the study charges (or the tool's default where none states it). Each payment: what she hands over on each due date (the instalment, and savings or charges paid with it), as her calendar says, and a large last payment in its month. Her month: what the loan takes from her month at most, judged month by month from her plan (the payment; with a large last payment or lean months, what she must put aside each month too, in brackets). Pays back: every payment of her calendar once the money is in her hand (what is taken at the start is not in it), the same figure as on her page. To negotiate: terms that would fit her months, not yet the MFI's (priced on her page).".into(),
            ],
        })],
    }
}

fn stability_section(st: &Stability) -> Section {
    let rows = st
        .intervals
        .iter()
        .map(|iv| {
            let label = Criterion::ALL
                .iter()
                .find(|c| c.key() == iv.criterion)
                .map(|c| c.label())
                .unwrap_or(iv.criterion);
            vec![
                label.to_string(),
                format!("{:.0}%", 100.0 * iv.weight),
                format!("{:.0}% to {:.0}%", 100.0 * iv.low, 100.0 * iv.high),
                iv.sentence.clone(),
            ]
        })
        .collect();
    Section {
        heading: "How stable the choice is".into(),
        // What is not known first; the weights alone after, said to leave
        // the unknown facts as the study assumes them.
        blocks: std::iter::once(Block::Paragraph(st.sentence.clone()))
            .chain(data_blocks(st))
            .chain([
            Block::Paragraph("The weights alone: how far each weight can move, the others in proportion, before another MFI comes first, the unknown facts as the study assumes them.".into()),
            Block::Table(Table {
                header: ["Criterion", "Weight", "Holds from", "In words"]
                    .map(String::from)
                    .to_vec(),
                numeric: vec![false, true, true, false],
                widths: vec![1.2, 0.6, 1.0, 4.0],
                rows,
                footnotes: Vec::new(),
            }),
            Block::Bars {
                title: format!(
                    "How often each MFI comes first in {} draws of the weights alone (the unknown facts as the study assumes them)",
                    crate::money::group_digits(&st.draws.to_string())
                ),
                bars: st
                    .acceptability
                    .iter()
                    .map(|a| (a.mfi.clone(), 100.0 * a.first_share))
                    .collect(),
                unit: "%".into(),
                shown: Vec::new(),
            },
        ])
        .collect(),
    }
}

/// The most facts to ask first the report lists.
const ASK_FIRST_ROWS: usize = 15;

/// The draws over the data and over both, and the facts to ask first.
fn data_blocks(st: &Stability) -> Vec<Block> {
    let (Some(data), Some(both)) = (&st.data_only, &st.both) else {
        return Vec::new();
    };
    // Every outcome, "no MFI serves anyone" among them.
    let bars = |d: &crate::scoring::unknowns::Draws| {
        let mut b: Vec<(String, f64)> = d
            .acceptability
            .iter()
            .map(|a| (a.mfi.clone(), 100.0 * a.first_share))
            .collect();
        if d.none_share > 0.0 {
            b.push(("No MFI serves anyone".into(), 100.0 * d.none_share));
            b.sort_by(|x, y| y.1.total_cmp(&x.1));
        }
        b
    };
    let mut blocks = vec![
        Block::Paragraph(format!(
            "The draws over the data vary the {} unknown facts of the matrix: each unknown yes/no is drawn as yes with a chance of {:.0}% (a setting of the study), unknown age limits and loan sizes among those the study states, unknown charges anywhere between none and the most any MFI of the study charges (or the tool's default where none states one), an unknown distance anywhere on the scale. Each fact is drawn by its own name, so that knowing one leaves the draws of the others as they were.",
            st.unknown_facts,
            100.0 * st.unknown_yes
        )),
        Block::Bars {
            title: format!(
                "How often each MFI comes first in {} draws of the facts and the weights",
                crate::money::group_digits(&both.draws.to_string())
            ),
            bars: bars(both),
            unit: "%".into(),
            shown: Vec::new(),
        },
        Block::Bars {
            title: format!(
                "How often each MFI comes first in {} draws of the unknown facts",
                crate::money::group_digits(&data.draws.to_string())
            ),
            bars: bars(data),
            unit: "%".into(),
            shown: Vec::new(),
        },
    ];
    if data.none_share > 0.0 {
        blocks.push(Block::Paragraph(format!(
            "In {} of the draws of the data no MFI serves any member: every MFI has an unknown fact that, drawn as no, shuts the members out. Those facts are the first to ask.",
            crate::output::score::share_percent(data.none_share)
        )));
    }
    if !st.ask_first.is_empty() {
        blocks.push(Block::Table(Table {
            header: ["Fact to ask", "Changes the first", "Its MFI first if yes / no", "Most often first if yes / no"]
                .map(String::from)
                .to_vec(),
            numeric: vec![false, true, true, false],
            widths: vec![3.0, 0.8, 1.2, 1.8],
            rows: st
                .ask_first
                .iter()
                .take(ASK_FIRST_ROWS)
                .map(|a| {
                    vec![
                        a.fact.clone(),
                        crate::output::score::share_percent(a.changes_share),
                        format!(
                            "{} / {}",
                            crate::output::score::share_percent(a.mfi_first_if_yes),
                            crate::output::score::share_percent(a.mfi_first_if_no)
                        ),
                        format!("{} / {}", a.if_yes, a.if_no),
                    ]
                })
                .collect(),
            footnotes: vec![
                "For an unknown price or distance, yes is its low end and no its high end; for unknown loan sizes or age limits, yes is the alternative the study states that is best for the MFI, no the one worst for it.".into(),
                format!(
                    "{}{}.",
                    match st.ask_first.len().min(ASK_FIRST_ROWS) {
                        1 => "The one fact that changes the first MFI".to_string(),
                        n => format!("The {n} facts that most often change the first MFI"),
                    },
                    if st.ask_first.len() > ASK_FIRST_ROWS {
                        format!(
                            "; {} more that change it less often are in the study's full results, with the programme staff",
                            st.ask_first.len() - ASK_FIRST_ROWS
                        )
                    } else {
                        String::new()
                    }
                ),
            ],
        }));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Piece;

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
            assert!(all.contains(&capitalise(&a.fact)), "{}", a.fact);
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
        use crate::data::matrix::{param, parse_value};
        let mut doc = StudyDoc::kasur().unwrap();
        let akhuwat = doc
            .matrix
            .institutions
            .iter_mut()
            .find(|i| i.name == "Akhuwat")
            .unwrap();
        akhuwat.facts.insert(
            "late_payment".into(),
            crate::fact::Fact {
                value: parse_value(
                    param("late_payment").unwrap(),
                    "no charge; the group covers it",
                )
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
            include_bytes!("../../../../parameters/example-priorities.csv"),
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
        let g = scoring::group::group(&e, &doc.priorities, &doc.weights, &doc.settings).unwrap();
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
}
