//! The CO decides together: the members' priorities combined into the CO's
//! weights, how much they agree, and which MFI each member's own weights
//! would recommend.
//!
//! The rule (README "What the members said"):
//! - each member's counters become shares of 1 (4 counters of 10 on cost is
//!   0.4), so a member who placed 10 counters and one whose answers were
//!   stored out of 100 weigh the same;
//! - the CO's weight of a criterion is the **mean** of the members' shares
//!   (the shares then sum to 1). The **median** is offered instead: the
//!   median share of each criterion, scaled so that they sum to 1 (when every
//!   median is 0, which happens when no criterion is chosen by half of the
//!   members, the mean is used and said);
//! - the **spread** of a criterion is the standard deviation of the members'
//!   shares (population, in shares of 1): 0 when all agree;
//! - **whose priorities lead where**: each member's shares are used as the
//!   study's weights (the study's scales kept) and the recommendation is made
//!   again, exactly as for the CO; the members are counted per MFI.

use crate::data::criteria::{N, Weights};
use crate::data::priorities::{Priorities, Rule};
use crate::data::settings::Settings;
use crate::scoring::Evaluation;
use serde::Serialize;

/// The CO's weights from its members' priorities.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Combined {
    /// The rule used.
    pub rule: Rule,
    /// The weights per criterion, summing to 1.
    pub weights: [f64; N],
    /// The standard deviation of the members' shares per criterion.
    pub spread: [f64; N],
    /// How many members' priorities were combined.
    pub members: usize,
    /// True when the median was asked for but every median was 0, so the
    /// mean was used.
    pub median_fell_back: bool,
}

impl Combined {
    /// The rule the weights were actually computed by: the mean when the
    /// median was asked for but fell back to it.
    pub fn used(&self) -> Rule {
        if self.median_fell_back {
            Rule::Mean
        } else {
            self.rule
        }
    }
}

/// Combines members' shares (each summing to 1) by a rule; `None` when
/// there are none.
pub fn combine(shares: &[[f64; N]], rule: Rule) -> Option<Combined> {
    if shares.is_empty() {
        return None;
    }
    let n = shares.len() as f64;
    let mean: [f64; N] = std::array::from_fn(|c| shares.iter().map(|s| s[c]).sum::<f64>() / n);
    let spread: [f64; N] = std::array::from_fn(|c| {
        (shares.iter().map(|s| (s[c] - mean[c]).powi(2)).sum::<f64>() / n).sqrt()
    });
    let (weights, fell_back) = match rule {
        Rule::Mean => (mean, false),
        Rule::Median => {
            let med: [f64; N] = std::array::from_fn(|c| {
                let mut v: Vec<f64> = shares.iter().map(|s| s[c]).collect();
                v.sort_by(f64::total_cmp);
                let k = v.len();
                if k % 2 == 1 {
                    v[k / 2]
                } else {
                    (v[k / 2 - 1] + v[k / 2]) / 2.0
                }
            });
            let sum: f64 = med.iter().sum();
            if sum > 0.0 {
                (med.map(|m| m / sum), false)
            } else {
                (mean, true)
            }
        }
    };
    Some(Combined {
        rule,
        weights,
        spread,
        members: shares.len(),
        median_fell_back: fell_back,
    })
}

/// The study's weights replaced by the members' combined weights (the
/// study's scales kept): what "Adopt" does in the app and
/// `--adopt-priorities` on the command line.
pub fn adopt(study: &Weights, c: &Combined) -> Weights {
    Weights {
        name: format!(
            "the members' priorities ({} of {})",
            c.used().key(),
            c.members
        ),
        raw: c.weights,
        scales: study.scales,
    }
}

/// How many members' own weights would recommend an MFI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstBy {
    /// The MFI.
    pub mfi: String,
    /// The members whose own weights put it first.
    pub members: usize,
}

/// Everything the report, `score` and the app say about the members'
/// priorities, computed once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The combination.
    pub combined: Combined,
    /// The study's (staff's) weights, normalised, shown beside.
    pub staff: [f64; N],
    /// Per MFI, the members whose own weights recommend it, most first
    /// (ties by name); members whose weights recommend none are left out
    /// and counted in `no_mfi`.
    pub first_by_member: Vec<FirstBy>,
    /// Members whose own weights recommend no MFI (none serves anyone).
    pub no_mfi: usize,
    /// Each member's own recommendation, in the order of the priorities.
    pub each: Vec<Option<String>>,
}

/// Combines the priorities and finds each member's own recommendation from
/// the evaluation (re-ranked, never re-priced); `None` when no member has
/// said anything.
pub fn group(
    e: &Evaluation,
    p: &Priorities,
    weights: &Weights,
    settings: &Settings,
) -> Option<Group> {
    let shares = p.shares();
    let combined = combine(&shares, p.rule)?;
    let mut scratch = e.clone();
    let each: Vec<Option<String>> = shares
        .iter()
        .map(|s| {
            let own = Weights {
                name: "her own".into(),
                raw: *s,
                scales: weights.scales,
            };
            scratch.reweigh_in_place(&own, settings);
            scratch.recommended().map(|r| r.mfi.clone())
        })
        .collect();
    let mut counts: Vec<FirstBy> = Vec::new();
    for name in each.iter().flatten() {
        match counts.iter_mut().find(|f| &f.mfi == name) {
            Some(f) => f.members += 1,
            None => counts.push(FirstBy {
                mfi: name.clone(),
                members: 1,
            }),
        }
    }
    counts.sort_by(|a, b| b.members.cmp(&a.members).then(a.mfi.cmp(&b.mfi)));
    Some(Group {
        combined,
        staff: weights.normalised(),
        first_by_member: counts,
        no_mfi: each.iter().filter(|x| x.is_none()).count(),
        each,
    })
}

impl Group {
    /// "With their own priorities, 31 members would choose CWCD, 9 Akhuwat."
    pub fn sentence(&self) -> String {
        let n = self.each.len();
        let fb = &self.first_by_member;
        let count = |k: usize| crate::i18n::count_en(k, "member");
        let mut s = match fb.as_slice() {
            [] if n == 1 => "With her own priorities, no MFI would serve the member.".to_string(),
            [] => format!("With their own priorities, no MFI would serve the {n} members."),
            [only] if self.no_mfi == 0 && n == 1 => {
                format!(
                    "With their own priorities, the member would choose {}.",
                    only.mfi
                )
            }
            [only] if self.no_mfi == 0 => {
                format!(
                    "With their own priorities, all {n} members would choose {}.",
                    only.mfi
                )
            }
            [first, rest @ ..] => {
                let mut parts = vec![format!(
                    "{} would choose {}",
                    count(first.members),
                    first.mfi
                )];
                parts.extend(rest.iter().map(|f| format!("{} {}", f.members, f.mfi)));
                format!("With their own priorities, {}.", parts.join(", "))
            }
        };
        if self.no_mfi > 0 && !fb.is_empty() {
            s.pop();
            s.push_str(&format!(
                "; for {} no MFI would serve anyone.",
                count(self.no_mfi)
            ));
        }
        s
    }

    /// The spread of a criterion in words: how much the members agree.
    pub fn agreement(spread: f64) -> &'static str {
        if spread < 0.05 {
            "agree"
        } else if spread < 0.12 {
            "differ a little"
        } else {
            "differ a lot"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::criteria::Criterion;
    use crate::data::priorities::MemberPriorities;
    use crate::data::study::StudyDoc;
    use proptest::prelude::*;

    fn member(name: &str, counters: [u32; N]) -> MemberPriorities {
        MemberPriorities {
            member: name.into(),
            counters,
            note: String::new(),
        }
    }

    /// Three members, computed by hand:
    /// A [4,2,0,2,1,1,0,0] of 10, B [0,0,5,5,0,0,0,0] of 10, C [2,0,...] of 2.
    fn three() -> Vec<[f64; N]> {
        vec![
            member("A", [4, 2, 0, 2, 1, 1, 0, 0]).shares(),
            member("B", [0, 0, 5, 5, 0, 0, 0, 0]).shares(),
            member("C", [2, 0, 0, 0, 0, 0, 0, 0]).shares(),
        ]
    }

    fn close(a: &[f64; N], b: &[f64; N]) {
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() < 1e-4, "{a:?} against {b:?}");
        }
    }

    #[test]
    fn mean_of_three_by_hand() {
        let c = combine(&three(), Rule::Mean).unwrap();
        // true cost (0.4 + 0 + 1) / 3; total cost 0.2 / 3; affordability
        // 0.5 / 3; access (0.2 + 0.5) / 3; insurance and services 0.1 / 3.
        close(
            &c.weights,
            &[0.4667, 0.0667, 0.1667, 0.2333, 0.0333, 0.0333, 0.0, 0.0],
        );
        assert!((c.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        // Spread of true cost: shares 0.4, 0, 1 around 0.4667:
        // sqrt((0.0044 + 0.2178 + 0.2844) / 3) = 0.4110.
        assert!((c.spread[Criterion::TrueCost] - 0.4110).abs() < 1e-4);
        assert_eq!(c.spread[Criterion::Fit], 0.0);
        assert_eq!(c.members, 3);
    }

    #[test]
    fn median_of_three_by_hand() {
        let c = combine(&three(), Rule::Median).unwrap();
        // Medians: true cost 0.4, access 0.2, the rest 0; scaled to 1.
        close(&c.weights, &[0.6667, 0.0, 0.0, 0.3333, 0.0, 0.0, 0.0, 0.0]);
        assert!(!c.median_fell_back);
        // Three members each on their own card: every median 0, the mean used.
        let apart = [
            member("A", [1, 0, 0, 0, 0, 0, 0, 0]).shares(),
            member("B", [0, 1, 0, 0, 0, 0, 0, 0]).shares(),
            member("C", [0, 0, 1, 0, 0, 0, 0, 0]).shares(),
        ];
        let c = combine(&apart, Rule::Median).unwrap();
        assert!(c.median_fell_back);
        assert_eq!(c.used(), Rule::Mean);
        assert!(
            adopt(&Weights::new("study", [1.0; N]), &c)
                .name
                .contains("(mean of")
        );
        close(&c.weights, &combine(&apart, Rule::Mean).unwrap().weights);
    }

    fn counters() -> impl Strategy<Value = [u32; N]> {
        proptest::array::uniform8(0u32..=10).prop_filter("someone", |c| c.iter().sum::<u32>() > 0)
    }

    proptest! {
        #[test]
        fn alone_her_weights_are_the_cos(c in counters(), median in any::<bool>()) {
            let m = member("A", c);
            let rule = if median { Rule::Median } else { Rule::Mean };
            let g = combine(&[m.shares()], rule).unwrap();
            for (x, y) in g.weights.iter().zip(m.shares()) {
                prop_assert!((x - y).abs() < 1e-12);
            }
            prop_assert!(g.spread.iter().all(|s| *s == 0.0));
        }

        #[test]
        fn the_order_of_members_changes_nothing(
            all in proptest::collection::vec(counters(), 1..8),
            median in any::<bool>(),
        ) {
            let rule = if median { Rule::Median } else { Rule::Mean };
            let shares: Vec<[f64; N]> = all.iter().map(|c| member("", *c).shares()).collect();
            let mut reversed = shares.clone();
            reversed.reverse();
            reversed.rotate_left(shares.len() / 2);
            let (a, b) = (combine(&shares, rule).unwrap(), combine(&reversed, rule).unwrap());
            for c in 0..N {
                prop_assert!((a.weights[c] - b.weights[c]).abs() < 1e-12);
                prop_assert!((a.spread[c] - b.spread[c]).abs() < 1e-12);
            }
        }

        #[test]
        fn a_member_like_the_mean_changes_nothing(
            all in proptest::collection::vec(counters(), 1..6),
        ) {
            // Her counters in the proportions of the mean: each member's
            // counters scaled to the product of all totals, summed.
            let totals: Vec<u64> = all.iter().map(|c| c.iter().map(|x| *x as u64).sum()).collect();
            let product: u64 = totals.iter().product();
            let like_mean: [u64; N] = std::array::from_fn(|k| {
                all.iter().zip(&totals).map(|(c, t)| c[k] as u64 * (product / t)).sum()
            });
            let sum: u64 = like_mean.iter().sum();
            let her: [f64; N] = like_mean.map(|x| x as f64 / sum as f64);
            let shares: Vec<[f64; N]> = all.iter().map(|c| member("", *c).shares()).collect();
            let before = combine(&shares, Rule::Mean).unwrap();
            let mut more = shares.clone();
            more.push(her);
            let after = combine(&more, Rule::Mean).unwrap();
            for c in 0..N {
                prop_assert!((before.weights[c] - after.weights[c]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn each_members_own_choice_is_the_recommendation_under_her_weights() {
        let doc = StudyDoc::kasur().unwrap();
        let e = crate::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings);
        let cost_only = member("Cost", [10, 0, 0, 0, 0, 0, 0, 0]);
        let services_only = member("Services", [0, 0, 0, 0, 0, 10, 0, 0]);
        let p = Priorities {
            members: vec![cost_only.clone(), services_only.clone(), cost_only],
            rule: Rule::Mean,
        };
        let g = group(&e, &p, &doc.weights, &doc.settings).unwrap();
        for (m, got) in p.members.iter().zip(&g.each) {
            let own = Weights {
                name: "x".into(),
                raw: m.shares(),
                scales: doc.weights.scales,
            };
            let alone = crate::scoring::evaluate(&doc.matrix, &doc.plans, &own, &doc.settings);
            assert_eq!(got.as_deref(), alone.recommended().map(|r| r.mfi.as_str()));
        }
        assert_eq!(
            g.first_by_member.iter().map(|f| f.members).sum::<usize>(),
            3
        );
        assert_eq!(g.combined.members, 3);
        let s = g.sentence();
        assert!(s.starts_with("With their own priorities, "), "{s}");
    }

    fn named(n: &[(&str, usize)], none: usize) -> Group {
        let mut each = Vec::new();
        for (m, k) in n {
            each.extend(std::iter::repeat_n(Some(m.to_string()), *k));
        }
        each.extend(std::iter::repeat_n(None, none));
        Group {
            combined: combine(&[[0.125; N]], Rule::Mean).unwrap(),
            staff: [0.125; N],
            first_by_member: n
                .iter()
                .map(|(m, k)| FirstBy {
                    mfi: m.to_string(),
                    members: *k,
                })
                .collect(),
            no_mfi: none,
            each,
        }
    }

    #[test]
    fn the_sentence_reads_well() {
        assert_eq!(
            named(&[("CWCD", 31), ("Akhuwat", 9)], 0).sentence(),
            "With their own priorities, 31 members would choose CWCD, 9 Akhuwat."
        );
        assert_eq!(
            named(&[("CWCD", 1), ("Akhuwat", 1)], 0).sentence(),
            "With their own priorities, 1 member would choose CWCD, 1 Akhuwat."
        );
        assert_eq!(
            named(&[("CWCD", 3)], 0).sentence(),
            "With their own priorities, all 3 members would choose CWCD."
        );
        assert_eq!(
            named(&[("CWCD", 1)], 0).sentence(),
            "With their own priorities, the member would choose CWCD."
        );
        assert_eq!(
            named(&[("CWCD", 2)], 1).sentence(),
            "With their own priorities, 2 members would choose CWCD; for 1 member no MFI would serve anyone."
        );
        assert_eq!(
            named(&[], 2).sentence(),
            "With their own priorities, no MFI would serve the 2 members."
        );
    }
}
