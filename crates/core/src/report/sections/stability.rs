//! The stability of the choice: how often it holds over the draws of the
//! weights and of the data, and the facts to ask first.

use crate::report::{Block, Section};

use crate::output::Table;
use crate::scoring::Criterion;
use crate::scoring::stability::Stability;

pub(super) fn stability_section(st: &Stability) -> Section {
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
    let bars = |d: &crate::scoring::draws::Draws| {
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
