//! The method: eligibility, her months, the true cost and the criteria.

use crate::report::{Block, Section};

use super::weights_name;
use crate::data::study::StudyDoc;
use crate::i18n::capitalised;
use crate::money::rs;
use crate::output::Table;
use crate::scoring::{Criterion, Evaluation};
use rust_decimal::Decimal;

pub(super) fn method(doc: &StudyDoc, e: &Evaluation) -> Section {
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
            capitalised(&assumed.join("; "))
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
            "Worked example: {member} would borrow {} from {mfi} ({product}) at a quoted markup of {}% for {} months. She receives {}, pays {} ({} in all) and the credit costs her {}. The rate at which these flows balance is {:.4}% a period, so the {} is {:.1}% a year.",
            rs(p.terms.amount),
            p.terms.markup_percent.normalize(),
            p.terms.months,
            rs(p.received),
            // Her instalments as she pays them: a last that differs is
            // named, never counted as one more of the regular.
            if p.count > 1 && p.last_instalment != p.instalment {
                format!(
                    "{} instalments of {} and a last of {}",
                    p.count - 1,
                    rs(p.instalment),
                    rs(p.last_instalment)
                )
            } else {
                format!("{} instalments of {}", p.count, rs(p.instalment))
            },
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
