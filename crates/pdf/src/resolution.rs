//! The resolution of the CO on a page of its own (see
//! `mfi_core::report::resolution`): at the end of the report, and alone
//! (`forms --resolution`), in English or in Urdu, each line from the
//! reading side, with lines to write on and to sign.

use super::{About, Rendered, Writer};
use mfi_core::i18n::Lang;
use mfi_core::report::resolution::Resolution;
use printpdf::PdfDocument;

impl Writer {
    /// One resolution, on a new page.
    pub(crate) fn resolution(&mut self, r: &Resolution) {
        self.new_page();
        for l in &r.lines {
            self.line_rtl(l);
        }
    }
}

/// The resolution pages alone: `pages` one after the other (English, Urdu,
/// or both), each page headed with `study` and `date`.
pub fn render_resolution(
    pages: &[Resolution],
    study: &str,
    date: &str,
    issued: mfi_core::date::Date,
) -> Result<Rendered, String> {
    let title = "Resolution of the Community Organization";
    let mut doc = PdfDocument::new(title);
    let mut w = Writer::new(&mut doc)?;
    w.pages.clear();
    for r in pages {
        w.resolution(r);
    }
    let header = if study.is_empty() {
        title.to_string()
    } else {
        format!("{title}: {study}")
    };
    w.headers_and_footers(&header, date);
    let urdu = pages.iter().any(|p| p.lang == Lang::Ur);
    let english = pages.iter().any(|p| p.lang == Lang::En);
    let (languages, lang) = match (english, urdu) {
        (true, true) => ("en, ur", "en"),
        (false, true) => ("ur", "ur"),
        _ => ("en", "en"),
    };
    super::finish(
        doc,
        w,
        About {
            title,
            author: "programme staff",
            subject: study,
            issued,
            languages,
            lang,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_back::ReadBack;
    use mfi_core::data::study::StudyDoc;
    use mfi_core::data::votes::Choice;
    use mfi_core::date::Date;
    use mfi_core::i18n::Digits;
    use mfi_core::report::resolution::resolution;

    /// The built-in study with a vote: 29 for Akhuwat, 4 for CWCD, 2
    /// abstain, the rest absent; with the meeting's date and place.
    fn voted() -> StudyDoc {
        let mut doc = StudyDoc::kasur().expect("built-in");
        let names: Vec<String> = doc.plans.members.iter().map(|m| m.member.clone()).collect();
        for (k, n) in names.iter().enumerate().take(35) {
            let c = match k {
                0..=28 => Choice::For("Akhuwat".into()),
                29..=32 => Choice::For("CWCD".into()),
                _ => Choice::Abstain,
            };
            doc.votes.set(n, c);
        }
        doc.votes.date = Date::parse("2026-11-22");
        doc.votes.place = "Rasool Nagar".into();
        doc
    }

    fn squeezed(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_resolution_reads_back_in_english_and_in_urdu_on_one_page_each() {
        let mut doc = voted();
        doc.settings.digits = Digits::Urdu;
        let pages = [
            resolution(Some(&doc), None, Lang::En),
            resolution(Some(&doc), None, Lang::Ur),
        ];
        let r = render_resolution(
            &pages,
            &doc.name,
            "22 Nov 2026",
            Date::parse("2026-11-22").unwrap(),
        )
        .expect("rendered");
        assert_eq!(r.pages, 2, "one page in each language");
        let back = ReadBack::from_bytes(&r.bytes).expect("reads back");
        let en = squeezed(&back.reading(1));
        for said in [
            "Resolution of the Community Organization",
            "Date of the meeting: 22 Nov 2026",
            "Place: Rasool Nagar",
            "Members of the CO: 40",
            "Present: 35",
            "Absent: 5",
            "Akhuwat: 29 votes",
            "CWCD: 4 votes",
            "Abstained: 2",
            "at least 70% of the members present vote for it, with more than half of the CO's members present",
            "Result: CARRIED.",
            "Akhuwat has 29 of the 35 votes of the members present (82.9%; at least 70% needed)",
            "Resolved: the Community Organization chooses Akhuwat",
            "Dissent recorded:",
            "voted for CWCD.",
            "abstained.",
            "President: name",
            "Secretary: name",
            "signature or thumb impression",
        ] {
            assert!(en.contains(said), "not read back: {said}\n{en}");
        }
        // The Urdu page read back right to left: its words in order, the
        // numbers in Urdu digits, the names left to right.
        let ur = squeezed(&back.reading(2));
        for said in [
            "کمیونٹی تنظیم کی قرارداد",
            "اجلاس کی تاریخ: ۲۲",
            "Rasool Nagar",
            "تنظیم کے ارکان: ۴۰",
            "حاضر: ۳۵",
            "Akhuwat : ۲۹ ووٹ",
            "غیر جانبدار رہے: ۲",
            "نتیجہ: منظور۔",
            "۸۲٫۹٪",
            "قرار پایا: کمیونٹی تنظیم اپنے ارکان کے قرضوں کے لیے Akhuwat",
            "اختلاف رائے کا اندراج:",
            "صدر: نام",
            "سیکرٹری: نام",
        ] {
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                bare(&ur).contains(&bare(said)),
                "not read back: {said}\n{ur}"
            );
        }
        assert!(back.info("Keywords").unwrap_or_default().contains("en, ur"));
    }

    #[test]
    fn a_vote_not_carried_reads_back_with_what_the_meeting_may_do() {
        let mut doc = StudyDoc::kasur().expect("built-in");
        let names: Vec<String> = doc.plans.members.iter().map(|m| m.member.clone()).collect();
        for n in &names[..15] {
            doc.votes.set(n, Choice::For("Akhuwat".into()));
        }
        for n in &names[15..25] {
            doc.votes.set(n, Choice::For("CWCD".into()));
        }
        for lang in Lang::ALL {
            let r = render_resolution(
                &[resolution(Some(&doc), None, lang)],
                &doc.name,
                "",
                Date::parse("2026-11-22").unwrap(),
            )
            .expect("rendered");
            assert_eq!(r.pages, 1);
            let t = squeezed(&ReadBack::from_bytes(&r.bytes).unwrap().reading(1));
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            let expected: &[&str] = match lang {
                Lang::En => &[
                    "Result: NOT CARRIED.",
                    "Akhuwat has 15 of the 25 votes",
                    "ask the facts first",
                    "vote again between the two MFIs with the most votes: Akhuwat and CWCD",
                    "Next meeting: date",
                ],
                Lang::Ur => &[
                    "نتیجہ: منظور نہیں ہوا۔",
                    "پہلے حقائق معلوم کرے",
                    "دوبارہ ووٹ دے",
                ],
            };
            for said in expected {
                assert!(
                    bare(&t).contains(&bare(said)),
                    "{}: {said}\n{t}",
                    lang.code()
                );
            }
        }
    }

    /// Blank, before the vote, carried by name, carried by a show of
    /// hands, and not carried with every member named, notes and the facts
    /// to ask first: one page each, in each language, inside the margins.
    #[test]
    fn every_resolution_is_one_page_in_each_language() {
        let mut doc = StudyDoc::kasur().expect("built-in");
        doc.settings.draws = 300;
        let names: Vec<String> = doc.plans.members.iter().map(|m| m.member.clone()).collect();
        let mut split = doc.clone();
        for (k, n) in names.iter().enumerate() {
            let c = match k {
                0..=14 => Choice::For("Akhuwat".into()),
                15..=24 => Choice::For("CWCD".into()),
                25..=27 => Choice::Abstain,
                _ => Choice::Absent,
            };
            split.votes.set(n, c);
        }
        split.votes.members[3].note = "the office is too far".into();
        split.votes.members[20].note = "we want a loan for machinery, not cash".into();
        let e = mfi_core::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let st = mfi_core::scoring::stability::stability_with_data(
            &e,
            &doc.matrix,
            &doc.plans,
            &doc.weights,
            &doc.settings,
        );
        assert!(st.as_ref().is_some_and(|s| !s.ask_first.is_empty()));
        let mut anonymous = doc.clone();
        for k in 0..33 {
            let c = if k < 29 {
                Choice::For("Akhuwat".into())
            } else {
                Choice::For("Kashf".into())
            };
            anonymous.votes.set("", c);
        }
        let cases: [(&str, Option<&StudyDoc>); 5] = [
            ("blank", None),
            ("before the vote", Some(&doc)),
            ("carried by name", Some(&voted())),
            ("by a show of hands", Some(&anonymous)),
            ("not carried", Some(&split)),
        ];
        for (what, d) in cases {
            for lang in Lang::ALL {
                let r = render_resolution(
                    &[resolution(d, st.as_ref(), lang)],
                    "Kasur",
                    "",
                    Date::parse("2026-11-22").unwrap(),
                )
                .expect("rendered");
                assert_eq!(r.pages, 1, "{what}, {}", lang.code());
                for p in &r.placed {
                    assert!(
                        p.x0 >= crate::MARGIN - 0.01
                            && p.x1 <= crate::PAGE_W - crate::MARGIN + 0.01,
                        "{what}, {}: outside the margins: {p:?}",
                        lang.code()
                    );
                }
            }
        }
    }
}
