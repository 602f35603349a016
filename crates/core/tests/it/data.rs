//! The study's data: the built-in Kasur study against the facts domain.md
//! trusts, round trips, and one small file per kind of error.

use mfi_core::data::matrix::Param;
use mfi_core::data::matrix::{
    self, FactsExt, Institution, MarkupQuote, Matrix, PARAMS, Product, Value, load_matrix,
    matrix_to_csv,
};
use mfi_core::data::plans::{
    self, InvestmentItem, Lending, MicroInvestmentPlan, Plans, load_plans, plans_to_csv,
};
use mfi_core::data::{builtin, study};
use mfi_core::fact::{Confidence, Fact, Provenance};
use mfi_core::pricing::charges::{Amount, Charge, Payee, Savings, Timing};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;

fn product<'a>(m: &'a Matrix, inst: &str, name: &str) -> &'a Product {
    let i = m
        .institution(inst)
        .unwrap_or_else(|| panic!("{inst} missing"));
    i.products
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{inst} / {name} missing"))
}

#[test]
fn kasur_study_holds_the_trusted_facts() {
    let m = builtin::kasur_matrix().unwrap();
    let names: Vec<&str> = m.institutions.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Asasah",
            "Kashf",
            "CWCD",
            "Akhuwat",
            "Tameer",
            "Khushhali Bank",
            "Community Support Concern"
        ]
    );
    // The seven markups, in column order, high confidence.
    let expected = [
        dec!(22),
        dec!(22),
        dec!(25),
        dec!(0),
        dec!(25),
        dec!(29),
        dec!(25),
    ];
    for (inst, mk) in m.institutions.iter().zip(expected) {
        let conventional = inst
            .products
            .iter()
            .find(|p| p.facts.flag(Param::Islamic) == Some(false))
            .unwrap();
        assert_eq!(
            conventional.facts.number(Param::Markup),
            Some(mk),
            "{}",
            inst.name
        );
        assert_eq!(
            conventional.facts[&Param::Markup].provenance.confidence,
            Some(Confidence::High)
        );
    }
    // Only CWCD offers Islamic financing: 20%, machinery, murabaha.
    let islamic: Vec<(&str, &str)> = m
        .institutions
        .iter()
        .flat_map(|i| i.products.iter().map(move |p| (i, p)))
        .filter(|(_, p)| p.facts.flag(Param::Islamic) == Some(true))
        .map(|(i, p)| (i.name.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(islamic, [("CWCD", "Islamic financing (machinery)")]);
    let cw = product(&m, "CWCD", "Islamic financing (machinery)");
    assert_eq!(cw.facts.number(Param::Markup), Some(dec!(20)));
    assert_eq!(cw.facts.choice(Param::DisbursedAs), Some("goods"));
    assert_eq!(cw.facts.choice(Param::Basis), Some("murabaha"));
    // CWCD: Manga Mandi, groups only, new businesses, embedded life insurance, services.
    let c = &m.institution("CWCD").unwrap().facts;
    assert_eq!(c.text(Param::Office), Some("Manga Mandi"));
    assert_eq!(c.flag(Param::GroupLending), Some(true));
    assert_eq!(c.flag(Param::IndividualLending), Some(false));
    assert_eq!(c.flag(Param::NewBusinessLoans), Some(true));
    assert_eq!(c.choice(Param::LifeInsurance), Some("embedded"));
    for s in [
        "trainings",
        "exhibitions",
        "business_development_training",
        "linkages",
    ] {
        assert_eq!(c.flag(Param::from_key(s).unwrap()), Some(true), "{s}");
    }
    assert_eq!(
        m.institution("Asasah")
            .unwrap()
            .facts
            .choice(Param::LifeInsurance),
        Some("embedded")
    );
    for i in m.institutions.iter().filter(|i| i.name != "CWCD") {
        assert_eq!(i.facts.text(Param::Office), Some("Kasur"), "{}", i.name);
    }
    // Akhuwat: zero markup, qard-e-hasan.
    let ak = &m.institution("Akhuwat").unwrap().products[0];
    assert_eq!(ak.facts.choice(Param::Basis), Some("qard"));
    // Term 12-18 months, medium confidence.
    assert_eq!(
        cw.facts.bounds(Param::TermMonths),
        Some((dec!(12), dec!(18)))
    );
    assert_eq!(
        cw.facts[&Param::TermMonths].provenance.confidence,
        Some(Confidence::Medium)
    );
    // Asasah and CSC are the diversified ones; Asasah's three printed ceilings.
    assert_eq!(m.institution("Asasah").unwrap().products.len(), 3);
    assert_eq!(
        product(&m, "Asasah", "Productive loan")
            .facts
            .bounds(Param::Amount),
        Some((dec!(10000), dec!(15000)))
    );
    // Rs 480 and 1% documentation charges, low confidence on the column.
    let a = &m.institution("Asasah").unwrap().facts;
    assert_eq!(
        a.charges(Param::DocumentationCharges).map(|c| c.to_vec()),
        Some(vec![Charge::fee(
            "documentation charges",
            Amount::Rupees(dec!(480))
        )])
    );
    assert_eq!(
        a[&Param::DocumentationCharges].provenance.confidence,
        Some(Confidence::Low)
    );
    assert_eq!(
        m.institution("Kashf")
            .unwrap()
            .facts
            .charges(Param::DocumentationCharges)
            .map(|c| c.to_vec()),
        Some(vec![Charge::fee(
            "documentation charges",
            Amount::percent(dec!(1))
        )])
    );
    // Lost tick marks stay unknown, never "no".
    assert!(m.institution("Kashf").unwrap().facts[&Param::GroupLending].is_unknown());
    // Every value has a source or says why not, and every assumption has its reason.
    for inst in &m.institutions {
        let all = inst
            .facts
            .values()
            .chain(inst.products.iter().flat_map(|p| p.facts.values()));
        for f in all {
            assert!(
                !f.provenance.source.is_empty() || !f.provenance.note.is_empty(),
                "{}: {f:?}",
                inst.name
            );
            if f.provenance.is_assumed() {
                assert!(!f.provenance.note.is_empty());
            }
        }
    }
}

#[test]
fn kasur_plans_are_a_plausible_illustrative_co() {
    let p = builtin::kasur_plans().unwrap();
    assert!((35..=45).contains(&p.members.len()));
    let real_names = [
        "Sugran Saleem",
        "Rukhsana Munir",
        "Alia Muneer",
        "Shabana Akram",
        "Asma Minhas",
    ];
    for m in &p.members {
        assert!(!real_names.contains(&m.member.as_str()));
        assert!(m.notes.contains("illustrative"));
        let loan = m.loan_needed();
        assert!(
            loan >= dec!(5000) && loan <= dec!(60000),
            "{}: {loan}",
            m.member
        );
    }
    let activities: std::collections::BTreeSet<&str> =
        p.members.iter().map(|m| m.activity.as_str()).collect();
    assert!(activities.iter().any(|a| a.contains("chik")));
    assert!(activities.iter().any(|a| a.contains("embroidery")));
    assert!(activities.iter().any(|a| a.contains("livestock")));
}

#[test]
fn default_study_and_files_round_trip() {
    let m = builtin::kasur_matrix().unwrap();
    let again = load_matrix("again.csv", &matrix_to_csv(&m)).unwrap();
    assert_eq!(m, again);
    let p = builtin::kasur_plans().unwrap();
    assert_eq!(p, load_plans("again.csv", &plans_to_csv(&p)).unwrap());
    // The built-in copies are the files in parameters/.
    let on_disk = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../parameters/kasur-2010-matrix.csv"
    ))
    .unwrap();
    assert_eq!(on_disk, builtin::KASUR_MATRIX_CSV);
    // The templates load (everything unknown) .
    for f in ["template-matrix.csv", "template-plans.csv"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../parameters")
            .join(f);
        let bytes = std::fs::read(&path).unwrap();
        if f.contains("matrix") {
            load_matrix(f, &bytes).unwrap();
        } else {
            load_plans(f, &bytes).unwrap();
        }
    }
}

#[test]
fn save_is_atomic_and_round_trips_on_disk() {
    let dir = std::env::temp_dir().join(format!("mfi-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("matrix.csv");
    let m = builtin::kasur_matrix().unwrap();
    matrix::save_matrix(&path, &m).unwrap();
    let back = load_matrix("m", &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(m, back);
    let pp = dir.join("plans.csv");
    let p = builtin::kasur_plans().unwrap();
    plans::save_plans(&pp, &p).unwrap();
    assert_eq!(p, load_plans("p", &std::fs::read(&pp).unwrap()).unwrap());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One file per kind of error: (file, the message's start or a fragment).
const ERROR_CASES: &[(&str, &[&str])] = &[
    // The check `price` makes of its flags, made of a product's terms.
    (
        "matrix-four-weekly-in-twelve-months.csv",
        &[
            ":5: column \"value\": Kashf / Karobar Karza: instalments 12 and term_months 12 contradict each other: 12 four-weekly instalments take 11 months (give term_months 11, or leave out instalments)",
        ],
    ),
    // A tax as a charge of its own is no charge on the loan; a tax goes last.
    (
        "matrix-tax-as-a-charge.csv",
        &[
            ":4: column \"value\": other_charges: expected a charge like",
            "FED is a tax on charges, not a charge on the loan: write it after the charge it is on, as in \"Rs 480 +16% FED\" (in the matrix, a tax on all the lender's charges goes in tax_on_charges: 16%)",
            ":6: column \"value\": documentation_charges: expected a charge like",
            "write \"2% min Rs 1000 +16% FED\"",
        ],
    ),
    // Words beside a markup: the cells that say them (tax_on_charges "none" is 0%).
    (
        "matrix-markup-with-words.csv",
        &[
            ":4: column \"value\": markup: \"20% flat\" says more than the markup: write 20% here and flat in basis",
            ":5: column \"value\": markup: \"28% declining\" says more than the markup: write 28% here and declining in basis",
            ":6: column \"value\": markup: \"23% per 336 days\" says more than the markup: write 23% here, term in markup_per, four-weekly in frequency, 12 in instalments and 11 in term_months (336 days are 12 four-weekly periods)",
        ],
    ),
    (
        "matrix-unknown-parameter.csv",
        &[":3: column \"parameter\": unknown parameter \"ofice\": expected one of office,"],
    ),
    (
        "matrix-bad-percent.csv",
        &[
            ":3: column \"value\": markup: expected a percentage like 22%, found \"22,5%\" (write decimals with a point: 22.5%)",
        ],
    ),
    (
        "matrix-min-above-max.csv",
        &[":3: column \"value\": amount: the minimum 15000 is above the maximum 10000"],
    ),
    (
        "matrix-age-range-reversed.csv",
        &[":3: column \"value\": age_limit: the minimum 60 is above the maximum 18"],
    ),
    (
        "matrix-negative-amount.csv",
        &[
            ":3: column \"value\": amount: expected an amount range in rupees like 10,000-15,000, found \"-5,000\"",
        ],
    ),
    (
        "matrix-undefined-institution.csv",
        &[":3: column \"institution\": institution \"Tameer\" is not defined"],
    ),
    (
        "matrix-duplicate-value.csv",
        &[":4: column \"parameter\": markup of Kashf / Loan is given twice: first at line 3"],
    ),
    (
        "matrix-wrong-level.csv",
        &[":3: column \"parameter\": \"markup\" is a product parameter"],
    ),
    (
        "matrix-bad-flag.csv",
        &[":3: column \"value\": group_lending: expected yes or no, found \"maybe\""],
    ),
    (
        "matrix-bad-choice.csv",
        &[
            ":3: column \"value\": frequency: expected one of monthly, four-weekly, fortnightly, weekly, quarterly, bullet, found \"daily\"",
        ],
    ),
    (
        "matrix-bad-confidence.csv",
        &[":3: column \"confidence\": expected high, medium, low or assumed, found \"sure\""],
    ),
    (
        "matrix-missing-column.csv",
        &[":1: column \"parameter\": this required column is missing"],
    ),
    (
        "matrix-unknown-column.csv",
        &[":1: column \"remarks\": unknown column"],
    ),
    ("matrix-empty.csv", &[": the file is empty"]),
    (
        "matrix-header-only.csv",
        &[":1: the file has a header but no rows"],
    ),
    (
        "matrix-rate-too-large.csv",
        &[":3: column \"value\": markup: expected a percentage like 22%, found \"1e30\""],
    ),
    (
        "matrix-no-institution-name.csv",
        &[":3: column \"institution\": expected the institution's name"],
    ),
    (
        "matrix-invisible-product.csv",
        &[
            ":3: column \"product\": expected a product's name, or nothing for the institution's own facts; found only spaces or invisible characters",
        ],
    ),
    (
        "matrix-term-zero.csv",
        &[":3: column \"value\": term_months: expected a term between 1 and 120 months"],
    ),
    (
        "matrix-several-errors.csv",
        &[
            ":3: column \"value\": markup: expected a percentage",
            ":4: column \"value\": amount: the minimum",
            ":5: column \"value\": age_limit: the minimum 60",
        ],
    ),
    (
        "plans-bad-items.csv",
        &[":3: column \"items\": expected items like \"Sewing machine: 15,000; Thread: 2,000\""],
    ),
    (
        "plans-negative-sales.csv",
        &[
            ":3: column \"monthly_sales\": expected an amount in rupees like 15,000, found a negative amount \"-6000\"",
        ],
    ),
    (
        "plans-contribution-above-cost.csv",
        &[
            ":3: column \"own_contribution\": her own contribution Rs 25,000 is more than the items cost (Rs 20,000)",
        ],
    ),
    (
        "plans-duplicate-member.csv",
        &[":3: column \"member\": Nargis Bashir of CO-1 appears twice: first at line 2"],
    ),
    (
        "plans-bad-age.csv",
        &[":3: column \"age\": expected an age in years from 10 to 110, found \"3O\""],
    ),
    (
        "plans-bad-cnic.csv",
        &[":3: column \"cnic\": expected yes or no, found \"maybe\""],
    ),
    (
        "plans-bad-lending.csv",
        &[":3: column \"lending\": expected group, individual or either, found \"alone\""],
    ),
    (
        "plans-missing-column.csv",
        &[":1: column \"household_expenses\": this required column is missing"],
    ),
    (
        "plans-empty-member.csv",
        &[":3: column \"member\": expected the member's name"],
    ),
    (
        "plans-bad-term.csv",
        &[
            ":3: column \"preferred_term_months\": expected a term in months from 1 to 120, found \"0\"",
        ],
    ),
    (
        "plans-comma-decimal.csv",
        &[
            ":3: column \"monthly_sales\": expected an amount in rupees like 15,000, found \"6000,5\"",
        ],
    ),
    ("matrix-binary-garbage.csv", &[":1: the text is not UTF-8"]),
    ("plans-nul-bytes.csv", &[":3: the file contains NUL bytes"]),
    (
        "plans-windows-1251.csv",
        &[
            ":2: the text is not UTF-8, nor Windows-1252 or Windows-1256 (it looks like windows-1251)",
            "Save As \"CSV UTF-8 (Comma delimited)\"",
        ],
    ),
    (
        "plans-bad-age.xlsx",
        &[" [Members]:3: column \"age\": expected an age in years from 10 to 110, found \"forty\""],
    ),
    (
        "plans-extra-column.csv",
        &[
            ":1: column \"husband_name\": unknown column",
            ":2: cell 15 \"Bashir\" is under an empty or unknown header",
        ],
    ),
    (
        "matrix-1mb-cell.csv",
        &[":3: column \"value\": the cell holds 1048576 characters; at most 2000 are expected"],
    ),
    (
        "matrix-zero-amount.csv",
        &[":3: column \"value\": amount: expected an amount range above zero, found 0"],
    ),
    (
        "matrix-duplicate-institution.csv",
        &[":4: column \"parameter\": office of Kashf is given twice: first at line 2"],
    ),
    (
        "plans-negative-own.csv",
        &[
            ":3: column \"own_contribution\": expected an amount in rupees like 15,000, found a negative amount \"-500\"",
        ],
    ),
    (
        "plans-empty.csv",
        &[": the file is empty: expected a header line with the columns member, co,"],
    ),
    (
        "plans-header-only.csv",
        &[":1: the file has a header but no rows"],
    ),
    (
        "plans-bad-business.csv",
        &[":3: column \"business\": expected new or existing, found \"newish\""],
    ),
    (
        "matrix-age-too-high.csv",
        &[":3: column \"value\": age_limit: expected ages up to 120, found \"18-200\""],
    ),
    (
        "matrix-utf16-damaged.csv",
        &[": the file starts like UTF-16 text but is damaged"],
    ),
    (
        "weights-unknown-criterion.csv",
        &[
            ":3: column \"criterion\": expected one of true_cost, total_cost,",
            "found \"cheapness\"",
        ],
    ),
    (
        "weights-negative.csv",
        &[
            ":2: column \"weight\": expected a weight of 0 or more like 25, found \"-5\"",
            ":3: column \"best\": the best and worst ends of the scale must differ",
        ],
    ),
    (
        "priorities-several-errors.csv",
        &[
            ":2: column \"true_cost\": expected a whole number of counters, 0 to 1000, like 3 (an empty cell is 0), found \"-2\"",
            ":3: column \"true_cost\": expected a whole number of counters",
            ":4: every counter of \"Lubna Nawaz\" is 0",
            ":5: column \"member\": \"Kausar Karim\" is given twice: first at line 2",
            ":6: every counter of an anonymous member is 0",
        ],
    ),
    (
        "votes-several-errors.csv",
        &[
            ":3: column \"vote\": \"Kashif\" is not an MFI of the study: expected Asasah, Kashf, CWCD, Akhuwat, Tameer, Khushhali Bank, Community Support Concern, abstain or absent",
            ":4: column \"vote\": expected the vote of \"Lubna Nawaz\": an MFI's name, abstain or absent, found an empty cell",
            ":5: column \"member\": \"kausar  karim\" is given twice: first at line 2 as \"Kausar Karim\"",
            ":8: column \"vote\": \"Nobody Bank\" is not an MFI of the study",
        ],
    ),
    // Issue 28: hostile files. CSV that a reader takes without a word.
    (
        "matrix-stray-quote.csv",
        &[
            ":2: column \"value\": a quote (\") opens a cell on this line and is never closed, so the 4 line(s) after it would be read as one cell",
        ],
    ),
    (
        "plans-quote-runs-over-lines.csv",
        &[
            ":3: column \"co\": a quoted cell opens on this line and runs over 3 line end(s), to line 6, taking the lines between into one cell, but a \"co\" cell holds one line",
        ],
    ),
    (
        "matrix-bom-inside.csv",
        &[":3: column \"institution\": the cell holds a byte order mark (U+FEFF"],
    ),
    (
        "plans-cr-only.csv",
        &[":28: column \"age\": expected an age in years from 10 to 110, found \"forty\""],
    ),
    (
        "matrix-long-header.csv",
        &[
            ":1: column \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...\": unknown column",
            ":1: a header cell holds 100,000 characters; at most 2000 are expected",
        ],
    ),
    (
        "plans-too-many-columns.csv",
        &[":2: the line has 300 cells; at most 200 columns are expected"],
    ),
    // Names as a person reads them.
    (
        "plans-duplicate-member-case.csv",
        &[
            ":3: column \"member\": KAUSAR KARIM of CO-1 appears twice: first at line 2 as \"Kausar Karim\" (names are compared as they read",
        ],
    ),
    (
        "plans-zero-width-joiner.csv",
        &[
            ":3: column \"member\": Kausar Ka\u{200d}rim of CO-1 appears twice: first at line 2 as \"Kausar Karim\"",
            "this one holds invisible characters",
        ],
    ),
    (
        "plans-invisible-name.csv",
        &[":3: column \"member\": expected the member's name, found an empty cell"],
    ),
    (
        "matrix-institution-spelled-twice.csv",
        &[
            ":4: column \"institution\": \"KASHF\" is the institution \"Kashf\" of line 2 written another way",
            ":5: column \"institution\": \"KASHF\" is the institution \"Kashf\" of line 2",
        ],
    ),
    (
        "priorities-names-as-read.csv",
        &[":3: column \"member\": \"kausar  karim\" is given twice: first at line 2"],
    ),
    // Workbooks that crashed or exhausted the reader, and look-alikes.
    (
        "plans-date-out-of-range.xlsx",
        &[
            " [Members]:2: column \"age\": cell C2: it is a date after the year 9999 (day 7,304,485",
            " [Members]:3: column \"age\": cell C3: it holds \"inf\", not a number",
        ],
    ),
    (
        "plans-far-cell.xlsx",
        &[
            " [Members]:1048576: cell XFD1048576: it holds \"x\", right of the 200 columns a table can have",
        ],
    ),
    (
        "plans-bad-reference.xlsx",
        &[
            " [Members]: the workbook cannot be read (a cell is named \"ZZZZZZ99999999999\", outside any sheet",
        ],
    ),
    (
        "plans-bad-shared-string.xlsx",
        &[
            " [Members]:2: column \"co\": cell B2: it refers to shared text number 99999999, which the workbook does not have",
        ],
    ),
    (
        "matrix-formula-no-value.xlsx",
        &[
            " [Matrix]:3: column \"value\": cell D3: it holds a formula (=0.11*2) whose result was never saved",
            "or type the value",
        ],
    ),
    (
        "plans-control-character.xlsx",
        &[
            " [Members]:2: column \"member\": cell A2: it holds a control character (U+0000), which no spreadsheet shows",
        ],
    ),
    (
        "matrix-error-cell.xlsx",
        &[" [Matrix]:3: column \"value\": cell D3: it shows the error #DIV/0!"],
    ),
    (
        "plans-declares-300mb.xlsx",
        &[
            ": the workbook unpacks to more than 256 MiB, the most this tool unpacks (xl/worksheets/sheet1.xml: it declares 314,572,800 bytes)",
        ],
    ),
    (
        "plans-too-many-cells.xlsx",
        &[" [Members]: the workbook holds more than 5,000,000 cells"],
    ),
    (
        "plans-many-parts.xlsx",
        &[": the workbook cannot be read (it declares 65,535 parts"],
    ),
    (
        "plans-old-excel.xlsx",
        &[": this is an old Excel workbook (.xls, Excel 97-2003)"],
    ),
    (
        "plans-opendocument.xlsx",
        &[": this is an OpenDocument spreadsheet (.ods"],
    ),
    ("matrix-word-document.xlsx", &[": this is a Word document"]),
    ("matrix-pdf.csv", &[": this is a PDF document, not a table"]),
    // Study files.
    (
        "study-unknown-keys.mfistudy",
        &[
            ":11: unknown key \"colour\": a study file holds only format, name, notes,",
            ":12: unknown key \"member_count\"",
        ],
    ),
    (
        "study-duplicate-keys.mfistudy",
        &[
            ":5: the key \"notes\" is given twice: first at line 4",
            ":11: \"settings\": the key \"draws\" is given twice: first at line 10",
        ],
    ),
    (
        "study-long-name.mfistudy",
        &[
            ":3: \"name\": the study's name holds 50,000 characters; at most 300 are expected",
            ":4: \"notes\": the notes hold 60,000 characters; at most 50,000 are expected",
        ],
    ),
];

/// Loads a corpus file with the loader its name says.
pub fn load_any(name: &str, label: &str, bytes: &[u8]) -> Result<(), mfi_core::error::LoadErrors> {
    if name.starts_with("matrix") {
        load_matrix(label, bytes).map(|_| ())
    } else if name.starts_with("weights") {
        mfi_core::data::criteria::load_weights(label, bytes).map(|_| ())
    } else if name.starts_with("priorities") {
        mfi_core::data::priorities::load_priorities(label, bytes).map(|_| ())
    } else if name.starts_with("votes") {
        let doc = mfi_core::data::study::StudyDoc::kasur()?;
        let options = mfi_core::report::resolution::vote_options(&doc);
        mfi_core::data::votes::load_votes(label, bytes, Some(&options)).map(|_| ())
    } else if name.starts_with("study") {
        mfi_core::data::study::StudyDoc::from_bytes(label, bytes).map(|_| ())
    } else {
        load_plans(label, bytes).map(|_| ())
    }
}

pub fn error_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/errors")
        .join(name)
}

#[test]
fn every_error_names_file_line_and_column() {
    let mut checked = 0;
    for (name, fragments) in ERROR_CASES {
        let bytes = std::fs::read(error_file(name)).unwrap();
        let label = format!("tests/errors/{name}");
        let text = load_any(name, &label, &bytes).expect_err(name).to_string();
        // Nothing is echoed whole: a message stays short whatever the file holds.
        for line in text.lines() {
            assert!(line.len() < 1000, "{name}: a long message: {line}");
        }
        for f in *fragments {
            let expected = format!("{label}{f}");
            assert!(
                text.contains(&expected) || (!f.starts_with(':') && text.contains(f)),
                "{name}:\n  expected {expected}\n  got {text}"
            );
        }
        checked += 1;
    }
    // Every file in tests/errors has its case.
    let files = std::fs::read_dir(error_file("")).unwrap().count();
    assert_eq!(files, checked, "a file in tests/errors has no test case");
}

fn text_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,;:()'=+@-]{0,20}[A-Za-z0-9]"
        .prop_filter("not an unknown word", |s| !matrix::is_unknown_word(s))
        .prop_map(|s| s.replace(';', ",").replace(':', "."))
}

fn name_strategy() -> impl Strategy<Value = String> {
    "[A-Za-z=@+-][A-Za-z0-9 ,'()]{0,15}[A-Za-z]|سلمیٰ بی بی"
}

/// Charges as staff write them: one unnamed charge, or up to three named
/// ones, each rupees or a percentage with an optional floor and cap, paid
/// upfront, with each instalment or financed, to anyone, taxed or not.
fn charges_strategy(
    default_name: &'static str,
    default_payee: Payee,
    amount: impl Strategy<Value = Decimal> + Clone + 'static,
) -> BoxedStrategy<Value> {
    let percent = (1u32..10000).prop_map(|x| Decimal::new(x as i64, 2));
    let one_amount = prop_oneof![
        amount.clone().prop_map(Amount::Rupees),
        (
            percent,
            proptest::option::of(amount.clone()),
            proptest::option::of(1u64..1_000_000)
        )
            .prop_map(|(percent, min, extra)| Amount::Percent {
                percent,
                min,
                max: extra.map(|e| min.unwrap_or_default() + Decimal::from(e)),
            }),
    ];
    let one = (
        one_amount,
        proptest::sample::select(vec![
            Timing::Upfront,
            Timing::PerInstalment,
            Timing::Financed,
        ]),
        proptest::sample::select(vec![Payee::Lender, Payee::Insurer, Payee::ThirdParty]),
        proptest::option::of((1u32..3000).prop_map(|x| Decimal::new(x as i64, 2))),
    )
        .prop_map(move |(amount, timing, payee, tax_percent)| Charge {
            name: default_name.into(),
            amount,
            timing,
            tax_percent,
            payee,
        });
    let names = ["processing fee", "stamp duty", "card fee"];
    (proptest::collection::vec(one, 1..4), any::<bool>())
        .prop_map(move |(mut v, named)| {
            if named || v.len() > 1 {
                for (c, n) in v.iter_mut().zip(names) {
                    c.name = n.into();
                }
            }
            let _ = default_payee;
            Value::Charges(v)
        })
        .boxed()
}

fn value_for(spec: &matrix::ParamSpec) -> BoxedStrategy<Option<Value>> {
    use matrix::Kind;
    let amount = (0u64..1_000_000_000).prop_map(|x| Decimal::new(x as i64, 2));
    let v: BoxedStrategy<Value> = match spec.kind {
        Kind::Text => text_strategy().prop_map(Value::Text).boxed(),
        Kind::Flag => any::<bool>().prop_map(Value::Flag).boxed(),
        Kind::Km => (0u32..100000)
            .prop_map(|x| Value::Number(Decimal::new(x as i64, 1)))
            .boxed(),
        Kind::Count => (0u32..12).prop_map(Value::Count).boxed(),
        Kind::AmountRange => (amount.clone(), 1u64..1_000_000)
            .prop_map(|(a, d)| Value::Range(a, a + Decimal::new(d as i64, 1)))
            .boxed(),
        Kind::MonthRange => (1u32..60, 0u32..60)
            .prop_map(|(a, d)| Value::Range(a.into(), (a + d).into()))
            .boxed(),
        Kind::AgeRange => (15u32..40, 0u32..40)
            .prop_map(|(a, d)| Value::Range(a.into(), (a + d).into()))
            .boxed(),
        Kind::Percent => (0u32..100000)
            .prop_map(|x| Value::Percent(Decimal::new(x as i64, 2)))
            .boxed(),
        Kind::Charges(name, payee) => charges_strategy(name, payee, amount),
        Kind::Savings | Kind::Deposit => (0u64..100_000_000)
            .prop_map(|x| {
                Value::Savings(Savings::deposit(Amount::Rupees(Decimal::new(x as i64, 2))))
            })
            .boxed(),
        Kind::Markup => prop_oneof![
            (0u32..10000).prop_map(|x| Value::Markup(MarkupQuote::Rate(Decimal::new(x as i64, 2)))),
            (0u32..5000, 1u32..5000).prop_map(|(a, d)| Value::Markup(MarkupQuote::Range(
                Decimal::new(a as i64, 2),
                Decimal::new((a + d) as i64, 2)
            ))),
        ]
        .boxed(),
        Kind::Purposes => proptest::sample::subsequence(matrix::PURPOSES.to_vec(), 1..3)
            .prop_map(|p| Value::List(p.into_iter().map(str::to_string).collect()))
            .boxed(),
        Kind::List => proptest::collection::vec("[A-Za-z][A-Za-z ]{0,8}[a-z]", 1..4)
            .prop_map(Value::List)
            .boxed(),
        Kind::Choice(options) => proptest::sample::select(options)
            .prop_map(|o| Value::Choice(o.to_string()))
            .boxed(),
    };
    proptest::option::weighted(0.8, v).boxed()
}

fn provenance_strategy() -> impl Strategy<Value = Provenance> {
    (
        prop_oneof![Just(String::new()), text_strategy()],
        proptest::option::of(proptest::sample::select(vec![
            Confidence::High,
            Confidence::Medium,
            Confidence::Low,
            Confidence::Assumed,
        ])),
        prop_oneof![Just(String::new()), text_strategy()],
    )
        .prop_map(|(source, confidence, note)| Provenance {
            source,
            confidence,
            note,
        })
}

fn facts_strategy(level: matrix::Level) -> impl Strategy<Value = matrix::Facts> {
    let specs: Vec<&'static matrix::ParamSpec> =
        PARAMS.iter().filter(|s| s.level == level).collect();
    let each: Vec<_> = specs
        .into_iter()
        .map(|s| {
            proptest::option::of((value_for(s), provenance_strategy())).prop_map(move |o| {
                o.map(|(value, provenance)| (s.param, Fact { value, provenance }))
            })
        })
        .collect();
    each.prop_map(|v| v.into_iter().flatten().collect())
}

/// A product whose terms the loader accepts: the term at fault in each
/// contradiction ([`matrix::check_product`], the check `price` makes of its
/// flags) left out until there is none.
fn consistent(mut p: Product) -> Product {
    while let Err(c) = matrix::check_product(&p) {
        let Some(key) = c
            .terms
            .iter()
            .filter_map(|t| matrix::term_param(*t))
            .find(|k| p.facts.get(k).is_some_and(|f| f.value.is_some()))
        else {
            break;
        };
        p.facts.remove(&key);
    }
    p
}

fn matrix_strategy() -> impl Strategy<Value = Matrix> {
    let inst = (
        name_strategy(),
        facts_strategy(matrix::Level::Institution),
        proptest::collection::vec(
            (name_strategy(), facts_strategy(matrix::Level::Product)),
            0..3,
        ),
    )
        .prop_map(|(name, facts, products)| {
            let mut seen = std::collections::HashSet::new();
            let products = products
                .into_iter()
                .filter(|(n, _)| seen.insert(n.clone()))
                .map(|(name, facts)| consistent(Product { name, facts }))
                .collect();
            Institution {
                name,
                facts,
                products,
            }
        });
    proptest::collection::vec(inst, 1..5).prop_map(|v| {
        let mut seen = std::collections::HashSet::new();
        Matrix {
            institutions: v
                .into_iter()
                .filter(|i| seen.insert(i.name.clone()))
                .collect(),
        }
    })
}

fn plan_strategy() -> impl Strategy<Value = MicroInvestmentPlan> {
    let amount = || (0u64..10_000_000).prop_map(|x| Decimal::new(x as i64, 1));
    (
        (
            name_strategy(),
            name_strategy(),
            proptest::option::of(10u32..110),
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
        ),
        proptest::collection::vec((text_strategy(), amount()), 0..4),
        (
            proptest::option::of(1u32..=120),
            proptest::option::of(any::<bool>()),
            proptest::sample::select(vec![Lending::Group, Lending::Individual, Lending::Either]),
        ),
        (amount(), amount(), amount(), amount()),
        prop_oneof![Just(String::new()), text_strategy()],
        (
            proptest::option::of(proptest::collection::vec(0u64..300, 12)),
            any::<bool>(),
            proptest::option::of(name_strategy()),
            amount(),
            proptest::option::of(amount()),
        ),
    )
        .prop_map(
            |(
                (member, co, age, cnic, newb),
                items,
                (term, islamic, lending),
                (s, c, o, h),
                notes,
                (months, percent, debt_to, savings_now, sales_before),
            )| {
                use mfi_core::data::months::{MonthFigures, OtherDebt};
                let months: Option<[Decimal; 12]> = months.map(|v| {
                    std::array::from_fn(|i| Decimal::from(v[i] * if percent { 1 } else { 100 }))
                });
                let sales_by_month = months.map(|m| {
                    if percent {
                        MonthFigures::Percent(m)
                    } else {
                        MonthFigures::Rupees(m)
                    }
                });
                // What she already repays: a quarter of her income, to
                // whom or not, never more than she earns.
                let income = s - c + o;
                let other_repayments = if income > dec!(4) {
                    vec![OtherDebt {
                        to: debt_to.unwrap_or_default(),
                        monthly: (income / dec!(4)).round_dp(0),
                    }]
                } else {
                    Vec::new()
                };
                let items: Vec<InvestmentItem> = items
                    .into_iter()
                    .map(|(name, cost)| InvestmentItem { name, cost })
                    .collect();
                let total: Decimal = items.iter().map(|i| i.cost).sum();
                MicroInvestmentPlan {
                    member,
                    co,
                    village: "Rasool Nagar".into(),
                    district: String::new(),
                    age,
                    has_cnic: cnic,
                    activity: "embroidery".into(),
                    new_business: newb,
                    own_contribution: (total / dec!(3)).round_dp(1),
                    items,
                    preferred_term_months: term,
                    wants_islamic: islamic,
                    lending,
                    past_default: cnic.map(|b| !b),
                    monthly_sales: s,
                    monthly_business_costs: c,
                    other_income: o,
                    household_expenses: h,
                    other_repayments,
                    sales_by_month,
                    costs_by_month: None,
                    savings_now,
                    sales_before,
                    notes,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_matrices_round_trip(m in matrix_strategy()) {
        let csv = matrix_to_csv(&m);
        let back = load_matrix("gen.csv", &csv);
        prop_assert!(back.is_ok(), "{}\n{}", back.unwrap_err(), String::from_utf8_lossy(&csv));
        prop_assert_eq!(m, back.unwrap());
    }

    #[test]
    fn generated_plans_round_trip(members in proptest::collection::vec(plan_strategy(), 1..6)) {
        let mut seen = std::collections::HashSet::new();
        let p = Plans { members: members.into_iter().filter(|m| seen.insert((m.co.clone(), m.member.clone()))).collect() };
        let csv = plans_to_csv(&p);
        let back = load_plans("gen.csv", &csv);
        prop_assert!(back.is_ok(), "{}\n{}", back.unwrap_err(), String::from_utf8_lossy(&csv));
        prop_assert_eq!(p, back.unwrap());
    }

    #[test]
    fn loaders_never_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let _ = load_matrix("r.csv", &bytes);
        let _ = load_plans("r.csv", &bytes);
        let _ = mfi_core::data::criteria::load_weights("r.csv", &bytes);
        let _ = study::StudyDoc::from_bytes("r.mfistudy", &bytes);
    }

    #[test]
    fn loaders_never_panic_on_mutated_files(cut in 0usize..20000, byte in any::<u8>(), pos in 0usize..20000) {
        for base in [builtin::KASUR_MATRIX_CSV.as_bytes(), builtin::KASUR_PLANS_CSV.as_bytes()] {
            let mut b = base[..cut.min(base.len())].to_vec();
            if !b.is_empty() {
                let i = pos % b.len();
                b[i] = byte;
            }
            let _ = load_matrix("m.csv", &b);
            let _ = load_plans("p.csv", &b);
        }
    }
}

#[test]
fn a_study_file_round_trips_and_reports_its_parts() {
    let mut doc = study::StudyDoc::kasur().unwrap();
    doc.weights.raw[0] = 40.0;
    doc.settings.affordability_percent = dec!(60);
    doc.notes = "=notes, with \"quotes\"".into();
    let bytes = doc.to_bytes();
    let back = study::StudyDoc::from_bytes("s.json", &bytes).unwrap();
    assert_eq!(back.matrix, doc.matrix);
    assert_eq!(back.plans, doc.plans);
    assert_eq!(back.weights.raw, doc.weights.raw);
    assert_eq!(back.settings, doc.settings);
    assert_eq!(back.notes, doc.notes);
    // The median chosen before any member has said is kept.
    let mut median = doc.clone();
    median.priorities.rule = mfi_core::data::priorities::Rule::Median;
    let again = study::StudyDoc::from_bytes("s.json", &median.to_bytes()).unwrap();
    assert!(again.priorities.is_empty());
    assert_eq!(
        again.priorities.rule,
        mfi_core::data::priorities::Rule::Median
    );
    let broken = String::from_utf8(bytes)
        .unwrap()
        .replace("Asasah,,office", "Asasah,,ofice");
    let e = study::StudyDoc::from_bytes("s.json", broken.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("s.json [matrix]:2: column \"parameter\": unknown parameter \"ofice\""),
        "{e}"
    );
    let e = study::StudyDoc::from_bytes("s.json", b"{ not json")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("s.json:1: not a study file"), "{e}");
}

pub fn valid_file(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/valid")
        .join(name)
}

/// What spreadsheets write that is valid: each loads, with the values meant.
#[test]
fn valid_spreadsheet_files_load() {
    let plans = |f: &str| {
        load_plans(f, &std::fs::read(valid_file(f)).unwrap()).unwrap_or_else(|e| panic!("{f}: {e}"))
    };
    for f in [
        "plans-semicolon.csv",
        "plans-tabs.csv",
        "plans-mixed-line-endings.csv",
        "plans-reordered-columns.csv",
    ] {
        let p = plans(f);
        assert_eq!(p.members.len(), 2, "{f}");
        assert_eq!(p.members[1].items[1].cost, dec!(2500), "{f}");
        assert_eq!(p.members[1].loan_needed(), dec!(22000), "{f}");
        assert_eq!(p.members[1].lending, Lending::Either, "{f}");
    }
    let urdu = plans("plans-urdu-names.csv");
    assert_eq!(urdu.members[0].member, "سلمیٰ بی بی");
    assert_eq!(urdu.members[0].items[0].name, "سلائی مشین");
    let excel = plans("plans-excel-bom-crlf-quoted.csv");
    assert_eq!(excel.members.len(), 1);
    assert_eq!(excel.members[0].monthly_sales, dec!(6000));
    assert_eq!(excel.members[0].items[0].cost, dec!(15000));
    let m = load_matrix(
        "f",
        &std::fs::read(valid_file("matrix-formula-cells.csv")).unwrap(),
    )
    .unwrap();
    let office = m.institutions[0].facts[&Param::Office].clone();
    assert_eq!(
        office.value,
        Some(Value::Text(
            "=HYPERLINK(\"http://example.invalid\",\"Kasur\")".into()
        ))
    );
    // Written back, every text that a spreadsheet would run is neutralised,
    // and it reads back the same.
    let csv = String::from_utf8(matrix_to_csv(&m)).unwrap();
    assert!(
        csv.contains("'=HYPERLINK") && csv.contains("'@note") && csv.contains("'-3 points"),
        "{csv}"
    );
    assert!(
        !csv.contains(",=") && !csv.contains(",@") && !csv.contains(",\"="),
        "{csv}"
    );
    assert_eq!(load_matrix("again", csv.as_bytes()).unwrap(), m);
    let m = load_matrix("f", &std::fs::read(valid_file("matrix-utf16.csv")).unwrap()).unwrap();
    assert_eq!(
        m.institutions[0].products[0].facts.number(Param::Markup),
        Some(dec!(22))
    );
    // CR-only line ends (old Macs) are lines; a note may run over lines.
    let cr = plans("plans-cr-only-line-ends.csv");
    assert_eq!(cr.members.len(), 2);
    assert_eq!(cr.members[1].member, "Kausar Karim");
    let notes = plans("plans-multiline-notes.csv");
    assert_eq!(notes.members.len(), 2);
    assert_eq!(
        notes.members[0].notes,
        "Buys thread in Kasur;\nsells to a middleman"
    );
    assert_eq!(notes.members[1].notes, "-");
    // Items listed one per line in a spreadsheet cell.
    assert_eq!(notes.members[1].items.len(), 2);
    assert_eq!(notes.members[1].items[1].cost, dec!(2500));
}

/// The limits on what is read from one file, on files made in memory (the
/// largest hostile files are made by `tests/make_hostile_files.py --big`
/// for `scripts/hostile.sh`): each refused with its limit, nothing read
/// past it.
#[test]
fn files_past_the_limits_are_refused_with_the_limit() {
    use mfi_core::data::limits;
    let header = "member,co,age,cnic,items,own_contribution,preferred_term_months,islamic,lending,past_default,monthly_sales,monthly_business_costs,other_income,household_expenses\n";
    let row = "Member,CO-1,30,yes,Sewing machine: 15000,1000,12,no,group,no,6000,2000,8000,9000\n";
    // Bytes.
    let mut big = header.as_bytes().to_vec();
    big.resize(limits::MAX_FILE_BYTES as usize + 1, b' ');
    let e = load_plans("big.csv", &big).unwrap_err().to_string();
    assert!(
        e.starts_with("big.csv: the file holds more than 64 MiB, the most this tool reads"),
        "{e}"
    );
    // Rows: 200,000 load, 200,001 do not (names differ, so no duplicates).
    let mut text = String::from(header);
    for i in 0..limits::MAX_ROWS {
        text.push_str(&row.replacen("Member", &format!("Member {i}"), 1));
    }
    assert_eq!(
        load_plans("rows.csv", text.as_bytes())
            .unwrap()
            .members
            .len(),
        limits::MAX_ROWS
    );
    text.push_str(&row.replacen("Member", "Member last", 1));
    let e = load_plans("rows.csv", text.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("rows.csv:200002: the file has more than 200,000 rows"),
        "{e}"
    );
    // Cells: 5,000,001 cells in rows of 200.
    let line = format!("{}\n", vec!["x"; limits::MAX_COLUMNS].join(","));
    let mut cells = String::from(header);
    for _ in 0..=(limits::MAX_CELLS / limits::MAX_COLUMNS) {
        cells.push_str(&line);
    }
    let e = load_plans("cells.csv", cells.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("cells.csv:25001: the file holds more than 5,000,000 cells"),
        "{}",
        &e[..e.len().min(2000)]
    );
    // Problems: at most 10,000 listed, the last saying there are more.
    let mut bad = String::from(header);
    for i in 0..20_000 {
        bad.push_str(
            &row.replacen("Member", &format!("Member {i}"), 1)
                .replace(",30,", ",old,"),
        );
    }
    let e = load_plans("bad.csv", bad.as_bytes()).unwrap_err();
    assert_eq!(e.0.len(), mfi_core::error::MAX_LISTED);
    assert!(
        e.0.last()
            .unwrap()
            .to_string()
            .starts_with("bad.csv: and more problems: only the first 9999 are listed"),
        "{}",
        e.0.last().unwrap()
    );
}

/// Files as Windows and Excel make them, written by Python's codecs and
/// openpyxl (`tests/make_windows_files.py`): CSV in Windows-1252 and
/// Windows-1256 (Excel's "CSV (Comma delimited)" on an English or an Urdu
/// Windows), and .xlsx workbooks whose percentages are stored as fractions.
#[test]
fn files_as_windows_and_excel_make_them_load() {
    let read = |f: &str| std::fs::read(valid_file(f)).unwrap();
    let western = load_plans("w.csv", &read("plans-windows-1252.csv")).unwrap();
    assert_eq!(western.members[1].member, "Zo\u{eb} M\u{fc}ller-Iqbal");
    let urdu = load_plans("u.csv", &read("plans-windows-1256.csv")).unwrap();
    // Windows-1256 has the Arabic yeh (U+064A) where Urdu types U+06CC.
    assert_eq!(
        urdu.members[0].member,
        "\u{634}\u{645}\u{64a}\u{645} \u{627}\u{62e}\u{62a}\u{631}"
    );
    assert_eq!(
        urdu.members[1].items[1].name,
        "\u{686}\u{627}\u{631}\u{6c1}"
    );
    assert_eq!(urdu.members[1].items[1].cost, dec!(2500));
    let plans = load_plans("plans.xlsx", &read("plans.xlsx")).unwrap();
    assert_eq!(plans.members.len(), 2);
    assert_eq!(plans.members[1].member, "Amna Iqbal");
    assert_eq!(plans.members[1].age, Some(41));
    assert_eq!(plans.members[1].monthly_sales, dec!(5000));
    assert_eq!(plans.members[1].items[1].cost, dec!(2500));
    // A cell showing 22% stores 0.22: read as 22%, never as 0.22%.
    let m = load_matrix("matrix.xlsx", &read("matrix.xlsx")).unwrap();
    let kashf = &m.institutions[0];
    assert_eq!(
        kashf.products[0].facts.number(Param::Markup),
        Some(dec!(22))
    );
    assert_eq!(
        kashf.products[0].facts.bounds(Param::Amount),
        Some((dec!(10000), dec!(50000)))
    );
    let fee = kashf
        .facts
        .charges(Param::DocumentationCharges)
        .map(|c| c.to_vec());
    assert_eq!(
        fee,
        Some(vec![Charge::fee(
            "documentation charges",
            Amount::Percent {
                percent: dec!(1),
                min: None,
                max: None
            }
        )])
    );
}

#[test]
fn a_hundred_thousand_rows_load() {
    let mut text = String::from(
        "member,co,items,own_contribution,monthly_sales,monthly_business_costs,other_income,household_expenses\n",
    );
    for i in 0..100_000 {
        text.push_str(&format!(
            "Member {i},CO {},Goat: 20000,0,6000,2000,8000,9000\n",
            i / 40
        ));
    }
    let p = load_plans("big.csv", text.as_bytes()).unwrap();
    assert_eq!(p.members.len(), 100_000);
    // One bad cell among them is found and named.
    let bad = text.replacen(
        "Member 77777,CO 1944,Goat: 20000,0,6000",
        "Member 77777,CO 1944,Goat: 20000,0,6O00",
        1,
    );
    let e = load_plans("big.csv", bad.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("big.csv:77779: column \"monthly_sales\""),
        "{e}"
    );
}

#[test]
fn a_save_that_fails_loses_nothing() {
    let dir = std::env::temp_dir().join(format!("mfi-ro-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("matrix.csv");
    let m = builtin::kasur_matrix().unwrap();
    matrix::save_matrix(&path, &m).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut changed = m.clone();
    changed.institutions.pop();
    // A read-only folder. Root ignores permission bits, so where chmod does
    // not stop a write, /proc (read-only for everyone) stands in.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = std::fs::write(dir.join("probe"), b"x").is_ok();
    let target = if probe {
        let _ = std::fs::remove_file(dir.join("probe"));
        std::path::PathBuf::from("/proc/mfi-compare-test/matrix.csv")
    } else {
        path.clone()
    };
    let err = matrix::save_matrix(&target, &changed)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("could not save") && err.contains("The previous file, if any, is unchanged"),
        "{err}"
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the old file is intact"
    );
    assert_eq!(
        changed.institutions.len(),
        6,
        "the data in memory is intact"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A study read from files is named after its COs and district, not the
/// path of a file (a report's title once read "/tmp/gen/plans-0001.csv").
#[test]
fn a_study_from_files_is_named_after_its_cos_and_district() {
    use mfi_core::generate::{self, Rng};
    use std::path::Path;
    let mut rng = Rng::new(1);
    let one = generate::plans(3, "CO 0001", "Kasur", &mut rng);
    let file = Path::new("/tmp/gen/plans-0001.csv");
    assert_eq!(study::name_from_plans(&one, file), "CO 0001, Kasur");
    let mut many = one.clone();
    for co in ["CO 2", "CO 3", "CO 4"] {
        let mut more = generate::plans(1, co, "Okara", &mut rng);
        many.members.append(&mut more.members);
    }
    assert_eq!(
        study::name_from_plans(&many, file),
        "CO 0001, CO 2 and 2 more, Kasur and Okara"
    );
    let empty = mfi_core::data::plans::Plans { members: vec![] };
    assert_eq!(study::name_from_plans(&empty, file), "plans-0001.csv");
}

/// A parameter an institution leaves to its products is not unknown when
/// every product gives it (a matrix once counted "If a payment is late" as
/// unknown though each product stated it).
#[test]
fn a_value_every_product_gives_is_known() {
    let m = builtin::kasur_matrix().unwrap();
    let before = m.completeness();
    let mut m2 = m.clone();
    let spec = mfi_core::data::matrix::Param::LatePayment.spec();
    let akhuwat = m2
        .institutions
        .iter_mut()
        .find(|i| i.name == "Akhuwat")
        .unwrap();
    assert!(
        akhuwat
            .facts
            .get(&Param::LatePayment)
            .is_none_or(|f| f.value.is_none())
    );
    for p in &mut akhuwat.products {
        p.facts.insert(
            Param::LatePayment,
            Fact {
                value: mfi_core::data::matrix::parse_value(spec, "Rs 20 a day").unwrap(),
                provenance: Provenance::default(),
            },
        );
    }
    let after = m2.completeness();
    assert_eq!(after.values, before.values);
    assert_eq!(after.unknown, before.unknown - 1);
}
