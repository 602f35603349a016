//! The feasibility report's content as plain data: what is said, which
//! tables, which numbers. A writer (the PDF layout, in the binary) turns it
//! into pages; the content is tested here without parsing any PDF.

use crate::i18n::{self, Lang};
use crate::matrix::{Level, PARAMS, format_value};
use crate::money::rs;
use crate::pricing::{self, Frequency};
use crate::scoring::{self, Criterion, Evaluation};
use crate::stability::Stability;
use crate::study::StudyDoc;
use rust_decimal::Decimal;

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

/// A calendar date, enough for instalment calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1-12.
    pub month: u32,
    /// 1-31.
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().split('-');
        let (y, m, d) = (
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
            it.next()?.parse().ok()?,
        );
        if it.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        Some(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    /// Today's date (UTC), from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let z = (secs / 86_400) as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` months later, the day clipped to the month's length.
    pub fn add_months(self, n: u32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + n as i32;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The date `n` days later.
    pub fn add_days(self, n: u32) -> Date {
        let mut d = self;
        let mut left = n;
        while left > 0 {
            let room = days_in_month(d.year, d.month) - d.day;
            if left <= room {
                d.day += left;
                left = 0;
            } else {
                left -= room + 1;
                d = Date {
                    day: 1,
                    ..d.add_months(1)
                };
                d.day = 1;
            }
        }
        d
    }

    /// "5 Mar 2027".
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[(self.month - 1) as usize],
            self.year
        )
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// A table: columns, rows, and footnotes under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column titles.
    pub header: Vec<String>,
    /// Whether each column holds numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// Relative widths of the columns.
    pub widths: Vec<f32>,
    /// The rows, as text.
    pub rows: Vec<Vec<String>>,
    /// Notes printed under the table.
    pub footnotes: Vec<String>,
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
        points: Vec<(String, f64, f64)>,
    },
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
    /// The instalment in large type, e.g. "Rs 2,117".
    pub instalment: String,
    /// "12 monthly instalments".
    pub count: String,
    /// What she repays in all.
    pub total_repaid: String,
    /// What the loan costs her.
    pub total_cost: String,
    /// "APR 35.1%" (or "cost-equivalent rate ...").
    pub rate: String,
    /// Every instalment: (date, amount).
    pub calendar: Vec<(String, String)>,
    /// Whether it stays affordable if her income falls.
    pub under_stress: String,
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
}

/// A member's page in a language other than English (Urdu): lines laid
/// out right to left, then the calendar of instalments.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberPage {
    /// The language.
    pub lang: Lang,
    /// The lines above the calendar.
    pub lines: Vec<PageLine>,
    /// The calendar's column titles: number, date, amount.
    pub calendar_header: [String; 3],
    /// Every instalment: number, date, amount, each as pieces.
    pub calendar: Vec<[Vec<Piece>; 3]>,
    /// The lines under the calendar.
    pub after: Vec<PageLine>,
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
    /// The cover lines.
    pub cover: Vec<(String, String)>,
    /// Sections 2-7.
    pub sections: Vec<Section>,
    /// One page per member.
    pub handouts: Vec<Handout>,
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x)
}

/// The instalment dates of a loan disbursed on `start`: one period after
/// another, grace periods skipped.
pub fn calendar(p: &pricing::Priced, start: Date) -> Vec<(String, String)> {
    calendar_dates(p, start)
        .into_iter()
        .map(|(date, amount)| (date.long(), rs(amount)))
        .collect()
}

/// [`calendar`] as dates and amounts.
pub fn calendar_dates(p: &pricing::Priced, start: Date) -> Vec<(Date, Decimal)> {
    p.schedule
        .iter()
        .filter(|r| !r.due.is_zero())
        .map(|r| {
            let date = match p.terms.frequency {
                Frequency::Monthly | Frequency::Bullet => start.add_months(r.period),
                Frequency::FourWeekly => start.add_days(28 * r.period),
                Frequency::Fortnightly => start.add_days(14 * r.period),
                Frequency::Weekly => start.add_days(7 * r.period),
            };
            (date, r.due + r.charges)
        })
        .collect()
}

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
    let st = crate::stability::stability(&e, &doc.settings);
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
                "{} MFIs, {} loan products",
                doc.matrix.institutions.len(),
                doc.matrix.product_count()
            ),
        ),
    ];
    let mut sections = vec![
        summary(e, st),
        matrix_section(doc),
        method(doc, e),
        ranking(doc, e),
        members(e),
    ];
    if let Some(st) = st {
        sections.push(stability_section(st));
    }
    let handouts = e
        .members
        .iter()
        .map(|m| handout(doc, e, m, opts.date, opts.handout_lang))
        .collect();
    Report {
        title: opts.title.clone(),
        study: doc.name.clone(),
        date: opts.date.long(),
        cover,
        sections,
        handouts,
    }
}

fn summary(e: &Evaluation, st: Option<&Stability>) -> Section {
    let mut blocks = Vec::new();
    match (e.recommended(), e.runner_up()) {
        (Some(a), b) => {
            blocks.push(Block::Paragraph(format!(
                "Recommended MFI: {}. CO score {:.1} of 100{}.",
                a.mfi,
                a.score,
                b.map(|b| format!("; runner-up: {} ({:.1})", b.mfi, b.score))
                    .unwrap_or_default()
            )));
            blocks.push(Block::Bullets(scoring::reasons(e)));
            blocks.push(Block::Paragraph(format!(
                "It serves {} of the {} members who need a loan with an affordable offer ({} still if their income falls). They would borrow {} in all and pay {} for the credit ({} per member on average), an average APR of {}.",
                a.affordable_members,
                e.members_needing_loan,
                a.affordable_under_stress,
                rs(a.total_borrowed),
                rs(a.total_cost),
                rs(if a.affordable_members > 0 { a.total_cost / Decimal::from(a.affordable_members) } else { Decimal::ZERO }),
                a.average_apr.map(pct).unwrap_or_else(|| "-".into())
            )));
            if a.to_verify_members > 0 {
                let items = crate::score_cli::verify_first(e, &a.mfi);
                blocks.push(Block::Paragraph(format!(
                    "To verify with {} before relying on this: {}.",
                    a.mfi,
                    items.join("; ")
                )));
            }
        }
        (None, _) => blocks.push(Block::Paragraph(
            "No option serves any member with an affordable offer.".into(),
        )),
    }
    if let Some(st) = st {
        blocks.push(Block::Paragraph(format!("How sure: {}", st.sentence)));
    }
    Section {
        heading: "Summary".into(),
        blocks,
    }
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
    // One note per distinct source text, shared by every cell it explains.
    let mut notes: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    let mut mark = |f: &crate::fact::Fact<crate::matrix::Value>| -> String {
        let shown = if f.value.is_none() {
            "?".to_string()
        } else {
            format_value(&f.value)
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
            format!("{shown}{star} [{n}]")
        } else {
            shown
        }
    };
    for spec in PARAMS.iter().filter(|s| s.level == Level::Institution) {
        let mut row = vec![spec.label.to_string()];
        for i in insts {
            let cell = mark(i.facts.get(spec.key).unwrap_or(&absent));
            row.push(cell);
        }
        rows.push(row);
    }
    for spec in PARAMS.iter().filter(|s| s.level == Level::Product) {
        let mut row = vec![spec.label.to_string()];
        for i in insts {
            let cells: Vec<String> = i
                .products
                .iter()
                .map(|p| {
                    let v = mark(p.facts.get(spec.key).unwrap_or(&absent));
                    if i.products.len() > 1 {
                        format!("{}: {v}", p.name)
                    } else {
                        v
                    }
                })
                .collect();
            row.push(cells.join("; "));
        }
        rows.push(row);
    }
    let footnotes: Vec<String> = notes
        .iter()
        .enumerate()
        .map(|(i, t)| format!("[{}] {t}", i + 1))
        .collect();
    // At most seven MFIs side by side, as in 2010; more MFIs make more tables,
    // each with the parameter column, the notes under the last.
    let mut blocks = vec![Block::Paragraph("Parameters as rows and MFIs as columns, as in the 2010 study. ? marks a value the sources do not give; * an assumption; the numbers in brackets refer to the notes under the table, which give each such value's source.".into())];
    let groups: Vec<(usize, usize)> = (0..insts.len())
        .step_by(MATRIX_COLUMNS)
        .map(|a| (a, (a + MATRIX_COLUMNS).min(insts.len())))
        .collect();
    let last = groups.len().saturating_sub(1);
    for (g, (a, b)) in groups.into_iter().enumerate() {
        let mut header = vec!["Parameter".to_string()];
        header.extend(insts[a..b].iter().map(|i| i.name.clone()));
        let n = b - a;
        blocks.push(Block::Table(Table {
            header,
            numeric: vec![false; n + 1],
            widths: std::iter::once(1.6)
                .chain(std::iter::repeat_n(1.0, n))
                .collect(),
            rows: rows
                .iter()
                .map(|r| {
                    std::iter::once(r[0].clone())
                        .chain(r[1 + a..1 + b].iter().cloned())
                        .collect()
                })
                .collect(),
            footnotes: if g == last {
                footnotes.clone()
            } else {
                Vec::new()
            },
        }));
    }
    Section {
        heading: "The parameter matrix".into(),
        blocks,
    }
}

/// The most MFIs shown side by side in the matrix.
const MATRIX_COLUMNS: usize = 7;

fn method(doc: &StudyDoc, e: &Evaluation) -> Section {
    let s = &doc.settings;
    let mut blocks = vec![
        Block::Paragraph("1. Eligibility. An offer is open to a member only if: the loan she needs is within the product's range; her age is within the limits; a new business is financed if hers is new; the MFI lends to groups or individuals as she wishes; it is Islamic financing (or interest-free) if she wants that; she has a CNIC if one is required; she lives in the MFI's area; she has not defaulted if defaulters are refused; the MFI is willing to lend to home-based workers. Where the value is unknown, the offer is marked \"to verify\".".into()),
        Block::Paragraph(format!(
            "2. Affordability. The monthly instalment may take at most {}% of what she can repay each month (business profit plus other income less household expenses). Stress test: the same with her sales and other income {}% lower.",
            s.affordability_percent.normalize(),
            s.stress_income_drop_percent.normalize()
        )),
        Block::Paragraph("3. True cost. Every offer is turned into the member's cash flows: the amount received less fees, insurance and deposits; the instalments; deposits refunded. The rate that balances them, times the periods in a year, is the APR (MFTransparency's method). Quoted flat markups hide this: the rupee totals are shown beside every rate.".into()),
    ];
    let mut rows = Vec::new();
    for (i, c) in Criterion::ALL.iter().enumerate() {
        rows.push(vec![
            c.label().to_string(),
            c.measure().to_string(),
            format!(
                "{} to {}",
                doc.weights.scales[i].worst, doc.weights.scales[i].best
            ),
            format!("{:.0}%", 100.0 * e.weights[i]),
        ]);
    }
    blocks.push(Block::Paragraph("4. Criteria. Each offer scores 0 to 100 on each criterion on a fixed scale (the worst end scores 0, the best 100), weighted and summed. The CO score of an MFI is the mean over the members who need a loan of the score of its best affordable offer for her (0 if it has none).".into()));
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
    let rows = e
        .ranking
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                (i + 1).to_string(),
                r.mfi.clone(),
                format!("{:.1}", r.score),
                format!("{} ({} to verify)", r.eligible_members, r.to_verify_members),
                r.affordable_members.to_string(),
                r.affordable_under_stress.to_string(),
                rs(r.total_borrowed),
                rs(r.total_cost),
                r.average_apr.map(pct).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let points = crate::offer::price_all(
        &doc.matrix,
        Decimal::from(25_000),
        12,
        doc.settings.rounding,
    )
    .into_iter()
    .map(|o| {
        (
            format!("{} / {}", o.institution, o.product),
            crate::money::to_f64(o.markup_percent),
            o.priced.apr_percent,
        )
    })
    .collect();
    Section {
        heading: "The CO ranking".into(),
        blocks: vec![
            Block::Table(Table {
                header: [
                    "Rank",
                    "MFI",
                    "CO score",
                    "Eligible",
                    "Affordable",
                    "Under stress",
                    "Borrowed",
                    "Cost",
                    "Avg APR",
                ]
                .map(String::from)
                .to_vec(),
                numeric: vec![true, false, true, false, true, true, true, true, true],
                widths: vec![0.5, 2.0, 0.8, 1.4, 0.9, 0.9, 1.2, 1.1, 0.9],
                rows,
                footnotes: Vec::new(),
            }),
            Block::Bars {
                title: "CO score by MFI".into(),
                bars: e.ranking.iter().map(|r| (r.mfi.clone(), r.score)).collect(),
                unit: String::new(),
            },
            Block::Scatter {
                title: "Quoted markup against the true APR, for a loan of Rs 25,000 over 12 months"
                    .into(),
                x_label: "quoted markup %".into(),
                y_label: "true APR %".into(),
                points,
            },
        ],
    }
}

fn members(e: &Evaluation) -> Section {
    let mut rows = Vec::new();
    for m in &e.members {
        let eligible: Vec<String> = {
            let mut v: Vec<String> = m.ranked.iter().map(|&k| e.pairs[k].mfi.clone()).collect();
            v.dedup();
            // A long list is shortened: the best five, then how many more.
            if v.len() > 6 {
                let more = v.len() - 5;
                v.truncate(5);
                v.push(format!("and {more} more"));
            }
            v
        };
        let best = e.best_affordable(m.member);
        match best.and_then(|k| e.pairs[k].loan.as_ref().map(|l| (k, l))) {
            Some((k, l)) => rows.push(vec![
                m.name.clone(),
                eligible.join(", "),
                format!("{} / {}", e.pairs[k].mfi, e.pairs[k].product),
                rs(l.amount),
                rs(l.instalment),
                l.count.to_string(),
                rs(l.total_repaid),
                pct(l.apr_percent),
                if l.affordable_under_stress {
                    "yes (also under stress)".into()
                } else {
                    "yes (not under stress)".into()
                },
            ]),
            None => {
                let why = if m.loan_needed.is_zero() {
                    "needs no loan".to_string()
                } else if m.ranked.is_empty() {
                    let first = m
                        .excluded
                        .first()
                        .map(|&k| e.pairs[k].exclusions.first().cloned().unwrap_or_default())
                        .unwrap_or_default();
                    format!("nothing is open to her: {first}")
                } else {
                    "no offer is affordable".to_string()
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
                "Instalment",
                "No.",
                "Total repaid",
                "APR",
                "Affordable",
            ]
            .map(String::from)
            .to_vec(),
            numeric: vec![false, false, false, true, true, true, true, true, false],
            widths: vec![1.3, 1.8, 1.8, 0.95, 1.0, 0.45, 1.05, 0.65, 1.0],
            rows,
            footnotes: Vec::new(),
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
        blocks: vec![
            Block::Paragraph(st.sentence.clone()),
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
                    "How often each MFI comes first in {} draws of the weights",
                    st.draws
                ),
                bars: st
                    .acceptability
                    .iter()
                    .map(|a| (a.mfi.clone(), 100.0 * a.first_share))
                    .collect(),
                unit: "%".into(),
            },
        ],
    }
}

fn handout(
    doc: &StudyDoc,
    e: &Evaluation,
    m: &scoring::MemberResult,
    start: Date,
    lang: Lang,
) -> Handout {
    let plan = &doc.plans.members[m.member];
    let items: Vec<String> = plan
        .items
        .iter()
        .map(|i| format!("{} ({})", i.name, rs(i.cost)))
        .collect();
    let brief = vec![
        ("Her work".to_string(), plan.activity.clone()),
        ("She will buy".to_string(), items.join(", ")),
        (
            "From her own savings".to_string(),
            rs(plan.own_contribution),
        ),
        ("Loan she needs".to_string(), rs(m.loan_needed)),
        ("She can repay a month".to_string(), rs(m.capacity)),
    ];
    // Her recommended offer priced once, for both forms of the page.
    let best = e.best_affordable(m.member).and_then(|k| {
        let p = &e.pairs[k];
        Some((
            p,
            p.loan.as_ref()?,
            p.priced(&doc.matrix, doc.settings.rounding)?,
        ))
    });
    let loan = best.as_ref().map(|(p, l, priced)| {
        let terms = &priced.terms;
        let unit = match terms.frequency {
            Frequency::Monthly => "monthly",
            Frequency::FourWeekly => "four-weekly",
            Frequency::Fortnightly => "fortnightly",
            Frequency::Weekly => "weekly",
            Frequency::Bullet => "single",
        };
        HandoutLoan {
            offer: format!("{} / {}", p.mfi, p.product),
            amount: rs(l.amount),
            instalment: rs(priced.instalment),
            count: format!(
                "{} {unit} instalment{}",
                priced.count,
                if priced.count == 1 { "" } else { "s" }
            ),
            total_repaid: rs(priced.total_repaid + priced.upfront_charges),
            total_cost: rs(priced.total_cost),
            rate: format!(
                "{} {}",
                priced.terms.basis.rate_name(),
                pct(priced.apr_percent)
            ),
            calendar: calendar(priced, start),
            under_stress: if l.affordable_under_stress {
                "She can still pay if her income falls by the stress amount.".into()
            } else {
                format!(
                    "If her income fell by {}%, she could repay only {} a month: plan for it.",
                    doc.settings.stress_income_drop_percent.normalize(),
                    rs(m.stressed_capacity)
                )
            },
        }
    });
    let why_nothing = if loan.is_some() {
        Vec::new()
    } else if m.loan_needed.is_zero() {
        vec!["Her own savings cover her plan: she needs no loan.".into()]
    } else {
        let mut v: Vec<String> = m
            .excluded
            .iter()
            .flat_map(|&k| e.pairs[k].exclusions.clone())
            .collect();
        v.sort();
        v.dedup();
        if !m.ranked.is_empty() {
            v.insert(
                0,
                "Every offer open to her asks more each month than she can repay.".into(),
            );
        }
        v.truncate(6);
        v
    };
    let page = (lang != Lang::En).then(|| member_page(doc, m, best.as_ref(), start, lang));
    Handout {
        member: plan.member.clone(),
        co: plan.co.clone(),
        plan: brief,
        loan,
        why_nothing,
        page,
    }
}

/// A member's page in `lang`: the same figures as the English handout, the
/// words from the translations file, every number a piece of its own in
/// the study's digits.
fn member_page(
    doc: &StudyDoc,
    m: &scoring::MemberResult,
    best: Option<&(&scoring::Pair, &scoring::Loan, pricing::Priced)>,
    start: Date,
    lang: Lang,
) -> MemberPage {
    let digits = doc.settings.digits;
    let plan = &doc.plans.members[m.member];
    let words = |key: &'static str| Piece::Words(i18n::tr(lang, key).to_string());
    let number = |s: String| Piece::Ltr(digits.apply(&s));
    let money = |d: Decimal| {
        let (n, unit) = i18n::rupees(lang, digits, d);
        vec![Piece::Ltr(n), Piece::Words(unit.to_string())]
    };
    let line = |pieces: Vec<Piece>, size: f32, bold: bool| PageLine { pieces, size, bold };
    let labelled = |key: &'static str, mut value: Vec<Piece>| {
        let mut pieces = vec![words(key)];
        pieces.append(&mut value);
        line(pieces, 12.5, false)
    };
    let mut lines = vec![
        line(vec![words("handout.title")], 22.0, true),
        line(
            vec![Piece::Ltr(format!("{}, {}", plan.member, plan.co))],
            13.0,
            true,
        ),
        labelled("handout.work", vec![Piece::Ltr(plan.activity.clone())]),
        labelled(
            "handout.buys",
            vec![Piece::Ltr(
                plan.items
                    .iter()
                    .map(|i| i.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        ),
        labelled("handout.own", money(plan.own_contribution)),
        labelled("handout.needs", money(m.loan_needed)),
        labelled("handout.capacity", money(m.capacity)),
    ];
    let mut calendar = Vec::new();
    let mut after = Vec::new();
    match best {
        Some((p, l, priced)) => {
            lines.push(line(
                vec![
                    words("handout.recommended"),
                    Piece::Ltr(format!("{} / {}", p.mfi, p.product)),
                ],
                12.0,
                true,
            ));
            lines.push(labelled("handout.loan_of", money(l.amount)));
            lines.push(line(vec![words("handout.each_instalment")], 12.0, false));
            lines.push(line(money(priced.instalment), 30.0, true));
            lines.push(labelled(
                "handout.count",
                vec![number(priced.count.to_string())],
            ));
            let mut pay_back = labelled(
                "handout.pay_back",
                money(priced.total_repaid + priced.upfront_charges),
            );
            pay_back.size = 14.0;
            pay_back.bold = true;
            lines.push(pay_back);
            let mut costs = labelled("handout.costs_you", money(priced.total_cost));
            costs.size = 14.0;
            costs.bold = true;
            lines.push(costs);
            lines.push(labelled(
                "handout.rate",
                vec![number(format!("{:.1}%", priced.apr_percent))],
            ));
            calendar = calendar_dates(priced, start)
                .into_iter()
                .enumerate()
                .map(|(i, (date, amount))| {
                    [
                        vec![number((i + 1).to_string())],
                        vec![
                            number(date.day.to_string()),
                            Piece::Words(i18n::month(lang, date.month).to_string()),
                            number(date.year.to_string()),
                        ],
                        money(amount),
                    ]
                })
                .collect();
            after.push(if l.affordable_under_stress {
                line(vec![words("handout.stress_ok")], 11.0, false)
            } else {
                let mut pieces = vec![words("handout.stress_short")];
                pieces.extend(money(m.stressed_capacity));
                pieces.push(words("handout.stress_plan"));
                line(pieces, 11.0, false)
            });
        }
        None if m.loan_needed.is_zero() => {
            lines.push(line(vec![words("handout.no_need")], 12.0, true));
        }
        None => lines.push(line(vec![words("handout.nothing")], 12.0, true)),
    }
    MemberPage {
        lang,
        lines,
        calendar_header: [
            i18n::tr(lang, "handout.col_no").to_string(),
            i18n::tr(lang, "handout.col_date").to_string(),
            i18n::tr(lang, "handout.col_pay").to_string(),
        ],
        calendar,
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_add_up() {
        let d = Date::parse("2027-01-31").unwrap();
        assert_eq!(d.add_months(1).to_string(), "2027-02-28");
        assert_eq!(d.add_months(13).to_string(), "2028-02-29");
        assert_eq!(d.add_days(1).to_string(), "2027-02-01");
        assert_eq!(
            Date::parse("2027-12-25").unwrap().add_days(14).to_string(),
            "2028-01-08"
        );
        assert_eq!(d.long(), "31 Jan 2027");
        assert!(Date::parse("2027-02-30").is_none());
        assert!(Date::parse("27-2").is_none());
    }

    #[test]
    fn the_kasur_report_says_what_the_engine_says() {
        let doc = StudyDoc::kasur().unwrap();
        let e = scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let st = crate::stability::stability(
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
        let Block::Paragraph(first) = &r.sections[0].blocks[0] else {
            panic!()
        };
        assert!(first.contains(&format!("Recommended MFI: {}", rec.mfi)));
        assert_eq!(r.handouts.len(), 40);
        // The matrix shows the seven markups and footnotes every unknown.
        let Block::Table(t) = &r.sections[1].blocks[1] else {
            panic!()
        };
        let markup = t.rows.iter().find(|row| row[0] == "Mark up").unwrap();
        assert!(
            markup[1].contains("22%") && markup[6].contains("29%"),
            "{markup:?}"
        );
        // Every unknown or assumed cell points to a note giving its source.
        for row in &t.rows {
            for cell in &row[1..] {
                if cell.contains('?') || cell.contains('*') {
                    assert!(cell.contains(" ["), "{cell}");
                }
            }
        }
        assert!(
            t.footnotes.len() >= 5 && t.footnotes.iter().any(|f| f.contains("tick marks lost")),
            "{:?}",
            t.footnotes
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
}
