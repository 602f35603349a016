//! Her months on her page, read back from the PDF in English and in Urdu:
//! the strip's figures are the engine's, a balloon is shown as its last
//! payment (never an average), what she must put aside and for what, what
//! the page assumes, whether the purchase pays for the loan, which months
//! fail and why when nothing fits; all of it inside the margins, no text
//! over another.
//!
//! The study (`crates/core/tests/her-months/`): Nasreen's sales are lean in
//! summer and high before Eid (and she has Rs 5,000 saved); Shazia already
//! repays a committee and a shopkeeper; Rukhsana can only take an
//! interest-only loan (Rs 417 a month, the Rs 20,000 in month 12) and her
//! purchase adds little to her sales; Kausar's plan has none of the new
//! columns; Bilqees is lean four months a year.

use super::tests_support::{members_pages, read};
use super::*;
use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::i18n::{Digits, Lang, tr};
use mfi_core::report::{self, StripRow};
use mfi_core::scoring;
use read_back::ReadBack;

const MATRIX: &[u8] = include_bytes!("../../core/tests/her-months/matrix.csv");
const PLANS: &[u8] = include_bytes!("../../core/tests/her-months/plans.csv");

/// The study of her months, the built-in study's weights and settings.
fn study() -> StudyDoc {
    StudyDoc {
        matrix: mfi_core::data::matrix::load_matrix("her-months/matrix.csv", MATRIX)
            .expect("the test matrix loads"),
        plans: mfi_core::data::plans::load_plans("her-months/plans.csv", PLANS)
            .expect("the test plans load"),
        ..StudyDoc::kasur().expect("built-in study")
    }
}

const DATE: &str = "2026-11-22";

/// The report of `doc` with her pages in `lang`, rendered and read back.
fn rendered(doc: &StudyDoc, lang: Lang) -> (report::Report, Rendered, ReadBack) {
    let content = report::content_for(
        doc,
        "Her months",
        "test",
        Date::parse(DATE).expect("date"),
        lang,
    );
    let r = render(&content).expect("rendered");
    let back = read(&r.bytes);
    (content, r, back)
}

/// Each member's pages as one text, whitespace made single.
fn her_texts(content: &report::Report, back: &ReadBack, lang: Lang) -> Vec<String> {
    // The sections' pages, then the first member's page.
    let first = &content.handouts[0];
    let head = format!("{}, {}", first.member, first.co);
    let sections = (1..=back.pages())
        .find(|&n| {
            let t = back.page(n);
            t.contains(tr(lang, "handout.title")) && t.contains(&head)
        })
        .expect("the first member's page")
        - 1;
    members_pages(back, sections, &content.handouts, lang)
        .into_iter()
        .map(|pages| {
            pages
                .map(|n| back.page(n))
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn member(doc: &StudyDoc, name: &str) -> usize {
    doc.plans
        .members
        .iter()
        .position(|m| m.member == name)
        .unwrap_or_else(|| panic!("{name} in the test study"))
}

/// The strip's rows of figures, read back from her page, are the engine's
/// months (`Loan::her_months`) row by row and month by month: for the loan
/// she is recommended and, where none fits, for the best ranked offer; in
/// English and in Urdu, in Western and Urdu digits.
#[test]
fn the_strip_of_her_months_reads_back_with_the_engines_figures() {
    for (lang, digits) in [
        (Lang::En, Digits::Western),
        (Lang::Ur, Digits::Western),
        (Lang::Ur, Digits::Urdu),
    ] {
        let mut doc = study();
        doc.settings.digits = digits;
        let (content, _, back) = rendered(&doc, lang);
        let texts = her_texts(&content, &back, lang);
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let mut strips = 0;
        for (i, plan) in doc.plans.members.iter().enumerate() {
            let m = &e.members[i];
            let k = e
                .best_affordable(m.member)
                .or_else(|| m.ranked.first().copied());
            let Some(k) = k else { continue };
            let pair = &e.pairs[k];
            let l = pair.loan.as_ref().expect("a loan");
            let priced = pair
                .priced(&doc.matrix, doc.settings.rounding)
                .expect("priced");
            let her = l.her_months(plan, &priced, &doc.settings);
            assert!(!her.rows.is_empty(), "{}", plan.member);
            let strip = content.handouts[i].months.as_ref().expect("a strip");
            assert_eq!(strip.months.len(), her.rows.len(), "{}", plan.member);
            // Whole rupees; what she puts aside rounded up (she must have
            // enough), as the engine states it.
            let figure = |what: StripRow, p: i64| {
                let p = if what == StripRow::Aside {
                    (p + 99) / 100 * 100
                } else {
                    p
                };
                digits.apply(&mfi_core::money::group_rupees(
                    scoring::months::rupees(p),
                    false,
                ))
            };
            let value = |r: &scoring::months::MonthRow, what: StripRow| match what {
                StripRow::In => r.income,
                StripRow::Out => r.out,
                StripRow::Pays => r.pays,
                StripRow::Aside => r.aside,
                StripRow::FromBefore => r.from_before,
                StripRow::Left => r.left,
            };
            // Each row of twelve months: the row's name, then its figures
            // in the order of the months (read right to left in Urdu).
            for block in her.rows.chunks(12) {
                for (what, name) in &strip.rows {
                    let figures: Vec<String> = block
                        .iter()
                        .map(|r| figure(*what, value(r, *what)))
                        .collect();
                    let line = format!("{name} {}", figures.join(" "));
                    assert!(
                        texts[i].contains(&line),
                        "{lang:?} {}: {line}\n{}",
                        plan.member,
                        texts[i]
                    );
                }
            }
            // The engine's months, the page's months.
            for (r, s) in her.rows.iter().zip(&strip.months) {
                assert_eq!(r.pays, s.row.pays);
                assert_eq!(r.left, s.row.left);
                assert_eq!(r.short, s.row.short);
            }
            strips += 1;
        }
        // Four strips of a loan she is recommended or the best ranked one
        // (Rukhsana, Nasreen, Kausar; Shazia's and Bilqees' best ranked).
        assert_eq!(strips, 5, "{lang:?}");
    }
}

/// An interest-only loan: her page shows what she pays every month but the
/// last, the last payment with its date as large, and what she must put
/// aside each month and for what; nowhere the average of her payments (Rs
/// 2,083 a month), nor what the loan takes from a month with the money put
/// aside (Rs 2,083).
#[test]
fn a_balloon_shows_its_last_payment_and_what_to_put_aside_never_an_average() {
    let doc = study();
    let k = member(&doc, "Rukhsana Bibi");
    let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let pair = &e.pairs[e.best_affordable(k).expect("a loan fits")];
    let l = pair.loan.as_ref().expect("a loan");
    assert!(l.has_balloon());
    assert_eq!(pair.product, "Interest-only loan");
    let aside = l.put_aside.expect("she puts money aside");
    let average = (l.disclosure.pays_back() / rust_decimal::Decimal::from(l.count)).round();
    assert_eq!(average, rust_decimal::Decimal::from(2083));
    for (lang, digits) in [(Lang::En, Digits::Western), (Lang::Ur, Digits::Urdu)] {
        let mut doc = doc.clone();
        doc.settings.digits = digits;
        let (content, _, back) = rendered(&doc, lang);
        let text = &her_texts(&content, &back, lang)[k];
        let n = |s: &str| digits.apply(s);
        match lang {
            Lang::En => {
                for want in [
                    "Each payment but the last",
                    "Rs 417",
                    "The last payment, on 22 Nov 2027: Rs 20,413",
                    "Put aside Rs 1,667 a month (Dec to Oct).",
                    "It is for the last payment, Rs 20,413 in Nov.",
                ] {
                    assert!(text.contains(want), "{want}\n{text}");
                }
                assert!(!text.contains("Each time you pay"), "{text}");
            }
            _ => {
                for want in [
                    tr(lang, "handout.m_each_but_last").to_string(),
                    format!("{} 22 نومبر 2027", tr(lang, "handout.m_balloon")),
                    format!("{} روپے", n("20,413")),
                    format!("ہر مہینے {} روپے الگ رکھیں", n("1,667")),
                    "یہ رقم آخری ادائیگی کے لیے ہے".to_string(),
                ] {
                    let want = n(&want);
                    assert!(text.contains(&want), "{want}\n{text}");
                }
            }
        }
        assert_eq!(aside.monthly, 166_700);
        assert_eq!(aside.months, 11);
        // Never an average: not the mean of her payments, not a month's
        // share with the money put aside.
        for never in ["2,084", "2,083"] {
            assert!(!text.contains(&n(never)), "{lang:?}: {never}\n{text}");
        }
    }
}

/// Her page says what it assumed: her sales the same every month when her
/// plan gives none by month; when no date is set and her months differ,
/// the month assumed (the hardest to start in) and in which months it
/// fits, her calendar starting in it. With a date set, no such line, and
/// her months and her calendar start from it; lean months met from money
/// put aside say so.
#[test]
fn her_page_says_what_it_assumed() {
    let doc = study();
    let (content, _, back) = rendered(&doc, Lang::En);
    let texts = her_texts(&content, &back, Lang::En);
    let kausar = &texts[member(&doc, "Kausar Naz")];
    assert!(
        kausar.contains("Your sales counted the same every month: your plan gives none by month."),
        "{kausar}"
    );
    assert!(!kausar.contains("No date is set"), "{kausar}");
    // Her months named as her calendar names them: from December.
    assert!(kausar.contains("Month Dec Jan Feb Mar"), "{kausar}");
    let nasreen = &texts[member(&doc, "Nasreen Akhtar")];
    assert!(
        !nasreen.contains("counted the same every month"),
        "{nasreen}"
    );
    assert!(
        nasreen.contains(
            "No date is set to pay out the loan: we counted it as paid out in Jan, the hardest month for you to start."
        ),
        "{nasreen}"
    );
    assert!(
        nasreen.contains("It fits whichever month it is paid out."),
        "{nasreen}"
    );
    assert!(nasreen.contains("Month Feb Mar Apr"), "{nasreen}");
    assert!(nasreen.contains("22 Feb 2027 to 22 Jan 2028"), "{nasreen}");
    // The Urdu page says the same.
    let (content, _, back) = rendered(&doc, Lang::Ur);
    let texts = her_texts(&content, &back, Lang::Ur);
    let nasreen = &texts[member(&doc, "Nasreen Akhtar")];
    for want in [
        "قرض ملنے کی تاریخ طے نہیں",
        "جنوری میں ملے گا",
        tr(Lang::Ur, "handout.m_fits_any"),
    ] {
        assert!(nasreen.contains(want), "{want}\n{nasreen}");
    }
    let kausar = &texts[member(&doc, "Kausar Naz")];
    assert!(kausar.contains(tr(Lang::Ur, "handout.m_same")), "{kausar}");
    // A date set: her months and her calendar from it; nothing saved, her
    // lean months met from money put aside in the months before.
    let mut dated = study();
    dated.settings.disbursed = Date::parse("2027-01-15");
    let k = member(&dated, "Nasreen Akhtar");
    dated.plans.members[k].savings_now = rust_decimal::Decimal::ZERO;
    let (content, _, back) = rendered(&dated, Lang::En);
    let nasreen = &her_texts(&content, &back, Lang::En)[k];
    assert!(!nasreen.contains("No date is set"), "{nasreen}");
    assert!(nasreen.contains("Month Feb Mar Apr"), "{nasreen}");
    assert!(nasreen.contains("On 15 Jan 2027, you receive"), "{nasreen}");
    assert!(nasreen.contains("15 Feb 2027 to 15 Jan 2028"), "{nasreen}");
    assert!(
        nasreen.contains("Put aside Rs 600 in Feb and May, Rs 1,875 in Mar and Apr."),
        "{nasreen}"
    );
    assert!(
        nasreen.contains("It is for the payments of Jun, Jul and Aug, when your money is short."),
        "{nasreen}"
    );
}

/// Whether her business pays for the loan: what the purchase adds to her
/// profit over the loan against what it costs, and a flag when it does not
/// (her decision: the page says so, the loan stays).
#[test]
fn her_page_says_whether_the_purchase_pays_for_the_loan() {
    let doc = study();
    let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    for lang in [Lang::En, Lang::Ur] {
        let (content, _, back) = rendered(&doc, lang);
        let texts = her_texts(&content, &back, lang);
        for name in ["Rukhsana Bibi", "Kausar Naz"] {
            let k = member(&doc, name);
            let l = e.pairs[e.best_affordable(k).expect("a loan")]
                .loan
                .as_ref()
                .expect("a loan");
            let worth = l.worth.expect("her plan says what the purchase adds");
            let text = &texts[k];
            let flag = match lang {
                Lang::En => "Your plan's business would not earn what the loan costs.",
                _ => "آپ کے منصوبے کا کاروبار اتنا نہیں کمائے گا",
            };
            assert_eq!(text.contains(flag), !worth.pays(), "{name}\n{text}");
            let rs = |d| mfi_core::money::rs(d);
            if lang == Lang::En {
                let want = format!(
                    "What the purchase adds to your profit over the loan: {}; the loan costs: {}.",
                    rs(worth.extra_profit),
                    rs(worth.cost)
                );
                assert!(text.contains(&want), "{want}\n{text}");
            } else {
                assert!(text.contains("اس خریداری سے آپ کا منافع"), "{text}");
            }
        }
        // Rukhsana's purchase adds Rs 2,400 over the loan, the loan costs Rs
        // 5,004: flagged, and still her loan.
        assert!(texts[member(&doc, "Rukhsana Bibi")].contains("20,413"));
    }
}

/// No loan fits: her page says which months fail and why in her language
/// (her debts over the cap in every month; the payment more than she can
/// spare), and her months with the best ranked offer, the short months
/// marked.
#[test]
fn a_page_where_no_loan_fits_says_which_months_fail_and_why() {
    let doc = study();
    let (content, _, back) = rendered(&doc, Lang::En);
    let texts = her_texts(&content, &back, Lang::En);
    let shazia = &texts[member(&doc, "Shazia Parveen")];
    assert!(
        shazia.contains(
            "Equal MFI / Monthly loan: Rs 1,800 x 12; in every month your debts would take 54% of your income (the study allows at most 50%)"
        ),
        "{shazia}"
    );
    assert!(
        shazia.contains("Equal MFI / Monthly loan: Your months with this loan, in Rs"),
        "{shazia}"
    );
    assert!(shazia.contains("short"), "{shazia}");
    let bilqees = &texts[member(&doc, "Bilqees Khan")];
    assert!(
        bilqees.contains("the payment (Rs 2,400) is more than you can spare"),
        "{bilqees}"
    );
    assert!(bilqees.contains("Needed from savings"), "{bilqees}");
    let (content, _, back) = rendered(&doc, Lang::Ur);
    let texts = her_texts(&content, &back, Lang::Ur);
    let shazia = &texts[member(&doc, "Shazia Parveen")];
    for want in [
        tr(Lang::Ur, "handout.m_why_months"),
        "ہر مہینے میں آپ کے سب قرضوں کی قسطیں آپ کی آمدن کا 54% ہوں گی، جبکہ زیادہ سے زیادہ 50% کی اجازت ہے",
        tr(Lang::Ur, "handout.m_short"),
    ] {
        assert!(shazia.contains(want), "{want}\n{shazia}");
    }
    let bilqees = &texts[member(&doc, "Bilqees Khan")];
    assert!(
        bilqees.contains("قسط 2,400 روپے ہے، جبکہ آپ صرف"),
        "{bilqees}"
    );
    // The strip marks her short months (shaded, in every month here).
    let strip = content.handouts[member(&doc, "Shazia Parveen")]
        .months
        .as_ref()
        .expect("a strip");
    assert!(strip.months.iter().all(|m| m.row.short));
}

/// Her pages stay inside the margins and keep clear of the header and
/// footer, and no text is written over another, in English and in Urdu:
/// the strip's names, months and figures included.
#[test]
fn her_months_stay_inside_the_margins_and_nothing_overlaps() {
    let doc = study();
    for lang in [Lang::En, Lang::Ur] {
        let (_, r, _) = rendered(&doc, lang);
        super::tests_support::inside_the_margins(&r);
        super::tests_support::no_overlap(&r);
    }
    // Longer loans wrap their months in rows of twelve.
    let mut long = study();
    for inst in &mut long.matrix.institutions {
        for p in &mut inst.products {
            if let Some(f) = p.facts.get_mut(&mfi_core::data::matrix::Param::TermMonths) {
                f.value = mfi_core::data::matrix::parse_value(
                    mfi_core::data::matrix::Param::TermMonths.spec(),
                    "30",
                )
                .expect("30 months");
            }
        }
    }
    for m in &mut long.plans.members {
        m.preferred_term_months = Some(30);
    }
    for lang in [Lang::En, Lang::Ur] {
        let (content, r, _) = rendered(&long, lang);
        let strips: Vec<&report::MonthStrip> = content
            .handouts
            .iter()
            .filter_map(|h| h.months.as_ref())
            .collect();
        assert!(strips.iter().any(|s| s.months.len() == 30), "{lang:?}");
        super::tests_support::inside_the_margins(&r);
        super::tests_support::no_overlap(&r);
    }
}

/// The built-in study's pages in Urdu (Urdu digits): every member's strip
/// inside the margins, no text over another.
#[test]
fn the_kasur_pages_in_urdu_keep_their_strips_clear() {
    let mut doc = StudyDoc::kasur().expect("built-in study");
    doc.settings.digits = Digits::Urdu;
    let (content, r, _) = rendered(&doc, Lang::Ur);
    assert!(
        content
            .handouts
            .iter()
            .filter(|h| h.months.is_some())
            .count()
            > 30
    );
    super::tests_support::inside_the_margins(&r);
    super::tests_support::no_overlap(&r);
}

/// Terms to negotiate with the MFI on her page, read back in English and
/// in Urdu: Rukhsana's interest-only loan fits only if she puts money aside,
/// so her page proposes payments along the way; a member lean in June to
/// August right after the payout, whom no loan fits, gets no payment in her
/// lean months and smaller payments then, each with the core's rupees, cost
/// and rate, under "To negotiate with the MFI"; a member whose loan fits
/// (Kausar) gets none. Inside the margins, nothing over another.
#[test]
fn her_page_proposes_terms_to_negotiate_with_the_mfi() {
    use mfi_core::scoring::negotiate::to_negotiate;
    let mut doc = study();
    let mut rubina = doc.plans.members[member(&doc, "Kausar Naz")].clone();
    rubina.member = "Rubina Kausar".into();
    rubina.monthly_sales = rust_decimal::Decimal::from(10_000);
    rubina.monthly_business_costs = rust_decimal::Decimal::ZERO;
    rubina.other_income = rust_decimal::Decimal::ZERO;
    rubina.household_expenses = rust_decimal::Decimal::from(4_000);
    rubina.items[0].cost = rust_decimal::Decimal::from(20_000);
    rubina.sales_by_month = Some(mfi_core::data::months::parse_months("Jun-Aug 60%").unwrap());
    doc.plans.members.push(rubina);
    let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
    let props_of = |name: &str| {
        let m = member(&doc, name);
        let k = e
            .best_affordable(m)
            .or(e.members[m].ranked.first().copied())
            .expect("an offer");
        to_negotiate(
            &e.pairs[k],
            &doc.plans.members[m],
            &doc.matrix,
            &doc.settings,
        )
    };
    let rs = |p: i64| mfi_core::money::rs(scoring::months::rupees(p));
    for lang in [Lang::En, Lang::Ur] {
        let (content, r, back) = rendered(&doc, lang);
        let texts = her_texts(&content, &back, lang);
        let title = |offer: &str| {
            tr(lang, "handout.n_title")
                .split("{offer}")
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(&format!(" {offer} "))
        };
        // Kausar's loan fits: nothing to negotiate.
        let kausar = &texts[member(&doc, "Kausar Naz")];
        assert!(props_of("Kausar Naz").is_empty());
        assert!(
            !kausar.contains(&title("Equal MFI / Monthly loan")),
            "{kausar}"
        );
        // Rukhsana: payments along the way instead of the large last one.
        let rukhsana = &texts[member(&doc, "Rukhsana Bibi")];
        let props = props_of("Rukhsana Bibi");
        assert_eq!(props.len(), 1);
        let usual = props[0].said().usual;
        let number = rs(usual).trim_start_matches("Rs ").to_string();
        assert!(rukhsana.contains(&number), "{number}\n{rukhsana}");
        let words = tr(lang, "handout.n_along");
        let opening = words.split(':').next().unwrap_or(words);
        assert!(rukhsana.contains(opening), "{opening}\n{rukhsana}");
        // Rubina: no loan fits; a grace and a seasonal schedule would.
        let rubina = &texts[member(&doc, "Rubina Kausar")];
        let props = props_of("Rubina Kausar");
        assert_eq!(props.len(), 2, "{props:?}");
        for p in &props {
            let s = p.said();
            for amount in std::iter::once(s.usual).chain(s.others.iter().map(|o| o.0)) {
                let number = rs(amount).trim_start_matches("Rs ").to_string();
                assert!(rubina.contains(&number), "{number}\n{rubina}");
            }
        }
        match lang {
            Lang::En => {
                assert!(
                    rubina.contains("To negotiate with the MFI, Equal MFI / Monthly loan: terms that would fit your months"),
                    "{rubina}"
                );
                assert!(
                    rubina.contains(
                        "These are not yet the MFI's terms: ask whether it agrees before you sign."
                    ),
                    "{rubina}"
                );
                assert!(
                    rubina.contains("No payment in Jun, Jul and Aug: Rs"),
                    "{rubina}"
                );
                assert!(
                    rubina.contains(&format!(
                        "Smaller payments when your money is short: {} in Jun, Jul and Aug",
                        rs(props[1].said().others[0].0)
                    )),
                    "{rubina}"
                );
                assert!(
                    rubina.contains("It would cost you Rs 4,000, a true yearly rate of"),
                    "{rubina}"
                );
            }
            _ => {
                for want in [
                    "ادارے سے بات کرنے کے لیے",
                    tr(Lang::Ur, "handout.n_ask"),
                    "کوئی قسط نہیں",
                    "جب آپ کے پاس پیسے کم ہوں تو چھوٹی قسطیں",
                    "باقی مہینوں میں",
                ] {
                    assert!(rubina.contains(want), "{want}\n{rubina}");
                }
            }
        }
        super::tests_support::inside_the_margins(&r);
        super::tests_support::no_overlap(&r);
    }
}
