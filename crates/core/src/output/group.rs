//! What the members said, as a table (the terminal, the report and the app
//! show the same one), as JSON (`score --json`'s `group`) and as text.

use super::Table;
use crate::data::criteria::Criterion;
use crate::voice::group::Group;
use serde_json::json;

/// A share of 1 in whole percent ("23%"), never "0%" for more than none.
pub fn pct(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        "<1%".to_string()
    } else {
        format!("{:.0}%", 100.0 * x)
    }
}

/// One row per criterion: the members' weight, the study's, the spread and
/// whether the members agree.
pub fn group_table(g: &Group) -> Table {
    let rule = match g.combined.used() {
        crate::data::priorities::Rule::Mean => "members (mean)",
        crate::data::priorities::Rule::Median => "members (median)",
    };
    let mut footnotes = vec![format!(
        "{} said what matters to them; each member's counters are shares of hers; the CO's weight of a criterion is the {} of the members' shares{}. Spread: the standard deviation of the members' shares, in points.",
        crate::i18n::count_en(g.combined.members, "member"),
        g.combined.used().key(),
        if g.combined.used() == crate::data::priorities::Rule::Median {
            ", scaled to sum to 100%"
        } else {
            ""
        }
    )];
    if g.combined.median_fell_back {
        footnotes.push(
            "The median was asked for, but every median was 0 (no card had counters from half of the members): the mean is used."
                .to_string(),
        );
    }
    Table {
        header: vec![
            "criterion".into(),
            rule.into(),
            "study's weights".into(),
            "spread".into(),
            "the members".into(),
        ],
        numeric: vec![false, true, true, true, false],
        widths: vec![3.0, 1.6, 1.6, 1.2, 1.8],
        rows: Criterion::ALL
            .iter()
            .map(|&c| {
                let s = g.combined.spread[c];
                vec![
                    c.label().to_string(),
                    pct(g.combined.weights[c]),
                    pct(g.staff[c]),
                    format!("{:.0}", 100.0 * s),
                    Group::agreement(s).to_string(),
                ]
            })
            .collect(),
        footnotes,
    }
}

/// `score --json`'s `group`.
pub fn group_json(g: &Group) -> serde_json::Value {
    let per = |v: &[f64; crate::data::criteria::N]| {
        Criterion::ALL
            .iter()
            .map(|c| (c.key().to_string(), json!(v[*c])))
            .collect::<serde_json::Map<_, _>>()
    };
    json!({
        "rule": g.combined.rule.key(),
        "rule_used": g.combined.used().key(),
        "median_fell_back": g.combined.median_fell_back,
        "members": g.combined.members,
        "weights": per(&g.combined.weights),
        "spread": per(&g.combined.spread),
        "study_weights": per(&g.staff),
        "first_by_member": g.first_by_member.iter().map(|f| json!({"mfi": f.mfi, "members": f.members})).collect::<Vec<_>>(),
        "no_mfi": g.no_mfi,
        "sentence": g.sentence(),
    })
}

/// The block `score` prints after the ranking.
pub fn write_group_text(out: &mut dyn std::io::Write, g: &Group) -> std::io::Result<()> {
    writeln!(out, "\nWhat the members said")?;
    write!(out, "{}", super::text_table(&group_table(g), 100))?;
    writeln!(out, "{}", g.sentence())
}
