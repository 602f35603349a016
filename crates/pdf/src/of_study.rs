//! The PDFs the app writes from a study, the same in the desktop app and in
//! the web app's worker (which carries the PDF writer, so that the page does
//! not).

use mfi_core::data::study::StudyDoc;
use mfi_core::date::Date;
use mfi_core::i18n::Lang;
use mfi_core::scoring::stability::Stability;

/// The feasibility report of `study`, its members' pages in `lang`,
/// dated `today`.
pub fn report(study: &StudyDoc, lang: Lang, today: Date) -> Result<Vec<u8>, String> {
    let content = mfi_core::report::content_for(
        study,
        "Feasibility study for the selection of a microfinance institution",
        "programme staff",
        today,
        lang,
    );
    super::render_bytes(&content)
}

/// The field forms: blank, or `filled` with what `study` holds (what it
/// lacks marked to ask); the members' plans in `lang`.
pub fn forms(study: &StudyDoc, filled: bool, lang: Lang, today: Date) -> Result<Vec<u8>, String> {
    let content = if filled {
        mfi_core::forms::filled(study, lang)
    } else {
        mfi_core::forms::forms(None, lang)
    };
    super::render_forms_bytes(&content, today)
}

/// The blank form of the picture cards, in `lang`.
pub fn cards(lang: Lang, today: Date) -> Result<Vec<u8>, String> {
    super::render_forms_bytes(&mfi_core::forms::cards_only(lang), today)
}

/// The resolution of the CO: in English and, when the members' pages
/// are in another language, in it too; filled from the study's vote
/// (what to ask first from `stability`), or with its MFIs before the
/// vote.
pub fn resolution(
    study: &StudyDoc,
    stability: Option<&Stability>,
    lang: Lang,
    today: Date,
) -> Result<Vec<u8>, String> {
    use mfi_core::report::resolution::resolution;
    let mut pages = vec![resolution(Some(study), stability, Lang::En)];
    if lang != Lang::En {
        pages.push(resolution(Some(study), stability, lang));
    }
    super::render_resolution(&pages, &study.name, &today.long(), today).map(|r| r.bytes)
}
