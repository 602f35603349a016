//! The feasibility report's content as plain data: what is said, which
//! tables, which numbers. A writer (the PDF layout, in `mfi-pdf`) turns it
//! into pages; the content is tested here without parsing any PDF.

mod handout;
pub mod quick_start;
pub mod resolution;
mod sections;

pub use crate::output::Table;
pub use handout::{calendar, calendar_dates, payee_key, savings_kept, timing_key};
pub use sections::{build, content_for};

use crate::date::Date;
use crate::i18n::Lang;

/// Turns a report's content into the bytes of a file (the PDF writer).
pub type Renderer = fn(&Report) -> Result<Vec<u8>, String>;

/// A percentage with one decimal: "35.1%".
fn pct(x: f64) -> String {
    format!("{x:.1}%")
}

/// Who prepared the report and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The report's title.
    pub title: String,
    /// Who prepared it.
    pub prepared_by: String,
    /// The date printed, and the day the loans would be disbursed (ISO `YYYY-MM-DD`).
    pub date: Date,
    /// The language of the members' pages (the rest of the report is in English).
    pub handout_lang: Lang,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// A table that may split across pages, repeating its header.
    Table(Table),
    /// A horizontal bar chart: (label, value), and the value's unit.
    Bars {
        /// Title above the chart.
        title: String,
        /// The bars.
        bars: Vec<(String, f64)>,
        /// Each bar's figure as written, when the section words it (the
        /// same text as its table); empty: the renderer writes the value
        /// with the unit.
        shown: Vec<String>,
        /// The unit shown after values.
        unit: String,
    },
    /// Points (label, x, y) with a y = x line.
    Scatter {
        /// Title above the chart.
        title: String,
        /// The x axis.
        x_label: String,
        /// The y axis.
        y_label: String,
        /// The points.
        points: Vec<Point>,
    },
}

/// A point of a scatter chart, whose y may be known only within a range.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// What it is: "Kashf / Business loan".
    pub label: String,
    /// Its x.
    pub x: f64,
    /// Its y (the high end when a term is unknown, as the ranking reads).
    pub y: f64,
    /// Its y at the low end of the unknown terms (`y` when all is known).
    pub y_low: f64,
}

/// A numbered section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Its heading.
    pub heading: String,
    /// What it says.
    pub blocks: Vec<Block>,
}

/// The recommended loan on a member's handout.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutLoan {
    /// "CWCD / Islamic financing (machinery)".
    pub offer: String,
    /// The amount, e.g. "Rs 25,400".
    pub amount: String,
    /// What she pays on each due date in large type, e.g. "Rs 2,117" (the
    /// instalment, and what is paid with it: the calendar's amount).
    pub instalment: String,
    /// When she pays more than the instalment on each date: "the
    /// instalment Rs 246 and Rs 50 of savings (returned at the end) paid
    /// with it".
    pub payment_note: Option<String>,
    /// "12 monthly instalments".
    pub count: String,
    /// What she pays back once the money is in her hand: the sum of her
    /// calendar (instalments and what is paid with them), the same as the
    /// members table's "Pays back".
    pub total_repaid: String,
    /// The last instalment, when it differs from the others.
    pub last_instalment: Option<String>,
    /// The day she receives the loan and what she has in hand: the
    /// calendar's first line.
    pub disbursement: (String, String),
    /// What she has in hand at the start, when charges or savings are
    /// deducted from the loan.
    pub in_hand: Option<String>,
    /// Each charge: "processing fee: Rs 2,900 with tax, taken at the start,
    /// to the MFI".
    pub charges: Vec<String>,
    /// The compulsory savings: what the MFI keeps and what comes back.
    pub savings: Option<String>,
    /// What the loan costs her.
    pub total_cost: String,
    /// "APR 35.1%" (or "cost-equivalent rate ...").
    pub rate: String,
    /// Every instalment: (date, amount).
    pub calendar: Vec<(String, String)>,
    /// Whether it stays affordable if her income falls.
    pub under_stress: String,
    /// When the term is not the one she asked for: why.
    pub term_note: Option<String>,
    /// Her key facts statement, row by row in the order regulators' key
    /// facts statements use: lender and product, amount approved, each
    /// charge with who receives it, what is in her hand, savings, the
    /// instalment, how many and how often, first and last payment, what
    /// she pays back, what the loan costs, the yearly rate, a late payment,
    /// early repayment, the documents to bring, where to complain; "ask the
    /// MFI" where the study does not know.
    pub statement: Vec<KeyFact>,
    /// What to confirm with the MFI before relying on this page: "eligible
    /// if ..." with the facts, and the terms whose unknown value makes a
    /// figure a range.
    pub to_confirm: Vec<String>,
    /// When one payment is well above the others (a bullet, the last
    /// payment of an interest-only loan): its date and amount, said as
    /// large as the regular payment ("The last payment, on 22 Nov 2027:
    /// Rs 20,417"). Never an average in its place.
    pub balloon: Option<String>,
    /// What she hands over each time, as the page's large figure is
    /// introduced: "Each time you pay", "Each month you pay" (then a last
    /// payment apart), "You pay once".
    pub instalment_label: String,
    /// The lines under the strip of her months: what it assumes (her sales
    /// the same every month; the month of the disbursement when none is
    /// set, and the months in which it would fit), what she must put aside
    /// and for what, whether the purchase pays for the loan.
    pub months_notes: Vec<String>,
    /// How strongly her page names the offer, never more firmly than the
    /// study's verdict: "Recommended for you" only when the CO's choice is
    /// firm and nothing of her loan is unknown, else "Best for you on what
    /// is known".
    pub heading: String,
    /// When her offer is not the CO's choice (or, when none is made yet,
    /// not the first by CO score): that MFI and why it would not serve her.
    pub not_co_choice: Option<String>,
}

/// A row of a member's key facts statement.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFact {
    /// What it is: "Amount approved".
    pub label: String,
    /// Its value: "Rs 25,400", "Rs 0 - 480, taken at the start, to the MFI".
    pub value: String,
    /// Whether it is still to be confirmed with the MFI: a range, or a
    /// term the study does not know.
    pub to_confirm: bool,
}

/// A piece of a line on a member's page in her language: words, written in
/// the page's direction, or something written left to right whatever the
/// language (a number in the study's digits, a name, a product).
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Words of the page's language.
    Words(String),
    /// A number, a name: left to right.
    Ltr(String),
}

/// A line of a member's page: its pieces in reading order, its size and weight.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLine {
    /// The pieces, first read first.
    pub pieces: Vec<Piece>,
    /// Font size in points.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// A line in English (for the staff member beside her), written left
    /// to right and wrapped like any English paragraph.
    pub ltr: bool,
    /// A picture read before the line, for members who read little.
    pub picture: Option<Picture>,
}

/// Her months over her loan, picture first: one column a month from the
/// disbursement to the last payment (rows of twelve), each with bars for
/// the money that comes in and the money that goes out, and the rupee
/// figures under them; a short month marked. The figures are the engine's
/// (`Loan::her_months`), in the study's digits; the words in her page's
/// language.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthStrip {
    /// The language of its words (Urdu is laid out right to left).
    pub lang: Lang,
    /// Its title: "Your months with this loan (Rs)", after the offer's name
    /// when it is not her loan (a page where no loan fits shows the best
    /// ranked offer's months, its short months marked).
    pub title: Vec<Piece>,
    /// What it assumes, said beside its title: her sales the same every
    /// month, when her plan gives none by month.
    pub note: Vec<Piece>,
    /// The rows of figures, in order, each with its name: money in first,
    /// what is left last; "put aside" and "from your savings" only when a
    /// month has them.
    pub rows: Vec<(StripRow, String)>,
    /// What the first column of month names is: "Month".
    pub month_word: String,
    /// One column a month.
    pub months: Vec<StripMonth>,
    /// The word beside a short month: "short".
    pub short_word: String,
}

/// A row of figures in the strip of her months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripRow {
    /// Her household's income that month.
    In,
    /// Its household expenses and her other repayments.
    Out,
    /// What the loan takes that month.
    Pays,
    /// What she puts aside for a later payment.
    Aside,
    /// What comes out of money put aside before or saved.
    FromBefore,
    /// What is left after all of it (negative: short).
    Left,
}

/// A month of the strip: its name, the engine's row and its figures.
#[derive(Debug, Clone, PartialEq)]
pub struct StripMonth {
    /// The calendar month's name in her language ("Jun", "جون") when the
    /// disbursement's month is known or assumed, else its number in the
    /// loan ("3").
    pub label: Piece,
    /// The engine's figures of the month (paisa), for the bars.
    pub row: crate::scoring::months::MonthRow,
    /// Each row's figure as written, in whole rupees and the study's
    /// digits, in the order of [`MonthStrip::rows`].
    pub figures: Vec<String>,
}

/// A simple picture beside a figure on a member's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// A stack of coins: what she pays each time.
    Coins,
    /// A wall calendar: how many times, and when.
    Calendar,
}

/// A member's page in a language other than English (Urdu): lines laid
/// out right to left, then the calendar of instalments.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPage {
    /// The language.
    pub lang: Lang,
    /// The lines above the calendar.
    pub lines: Vec<PageLine>,
    /// Where the strip of her months goes: before the line of this index
    /// (after the last line when it is the number of lines).
    pub months_at: usize,
    /// The calendar's column titles: number, date, amount.
    pub calendar_header: [String; 3],
    /// Every instalment: number, date, amount, each as pieces.
    pub calendar: Vec<[Vec<Piece>; 3]>,
    /// The line at the top of each further page of the calendar: her name,
    /// "your calendar, continued".
    pub continued: PageLine,
    /// The line at the top of a further page before her calendar: her
    /// name, "your loan plan, continued".
    pub continued_page: PageLine,
}

/// Terms to negotiate with the MFI, as her page says them in English: what
/// would fit her months when its offer does not (or only with money put
/// aside, or only over a longer term).
#[derive(Debug, Clone, PartialEq)]
pub struct ToNegotiate {
    /// "To negotiate with the MFI, CWCD / Business loan: terms that would
    /// fit your months".
    pub heading: String,
    /// That they are not yet the MFI's terms; then one line each, with its
    /// payments in rupees, its cost and its yearly rate.
    pub lines: Vec<String>,
}

/// The page a member keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    /// Her name.
    pub member: String,
    /// Her CO.
    pub co: String,
    /// Her plan in brief: (label, value).
    pub plan: Vec<(String, String)>,
    /// The recommended loan, if one fits.
    pub loan: Option<HandoutLoan>,
    /// Why nothing fits, when nothing does.
    pub why_nothing: Vec<String>,
    /// The strip of her months over the recommended loan, in the language
    /// of her page.
    pub months: Option<MonthStrip>,
    /// Terms to negotiate with the MFI of her loan (of her best ranked
    /// offer with any, when none fits).
    pub negotiate: Option<ToNegotiate>,
    /// The same page in her language, when the report is asked for one.
    pub page: Option<MemberPage>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The title.
    pub title: String,
    /// The study's name, printed on every page.
    pub study: String,
    /// The date, printed on every page.
    pub date: String,
    /// The same date, for the file's metadata (its creation date).
    pub issued: Date,
    /// Who prepared it (the file's author).
    pub author: String,
    /// The languages of its pages, for the file's metadata ("en", "en, ur").
    pub languages: String,
    /// The cover lines.
    pub cover: Vec<(String, String)>,
    /// Sections 2-7.
    pub sections: Vec<Section>,
    /// One page per member.
    pub handouts: Vec<Handout>,
    /// The resolution of the CO, when the study holds its vote: in English,
    /// then in the members' language.
    pub resolutions: Vec<resolution::Resolution>,
}

impl Report {
    /// The section with this heading (tests and writers find sections by
    /// name, not by place).
    pub fn section(&self, heading: &str) -> &Section {
        static EMPTY: Section = Section {
            heading: String::new(),
            blocks: Vec::new(),
        };
        self.sections
            .iter()
            .find(|s| s.heading == heading)
            .unwrap_or(&EMPTY)
    }
}
