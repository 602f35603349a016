//! How sure the recommendation is: for each criterion, the interval of its
//! weight within which the recommended MFI stays first (the other weights
//! rescaled in proportion), and a Monte Carlo rank acceptability: with
//! weights drawn around the chosen ones, how often each MFI comes first.

use crate::scoring::{Criterion, Evaluation, N, Settings, normalise};
use serde::{Deserialize, Serialize};

/// The weight interval of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightInterval {
    /// The criterion's key.
    #[serde(deserialize_with = "crate::intern::deserialize")]
    pub criterion: crate::intern::Name,
    /// Its weight now (normalised, 0-1).
    pub weight: f64,
    /// The lowest weight at which the recommendation holds.
    pub low: f64,
    /// The highest.
    pub high: f64,
    /// Who comes first below `low`, if anyone takes over.
    pub below: Option<String>,
    /// Who comes first above `high`.
    pub above: Option<String>,
    /// The interval in a sentence.
    pub sentence: String,
}

impl WeightInterval {
    /// How far the weight can move before another MFI comes first: toward
    /// a side where one takes over only (a weight that may fall to 0 with
    /// the choice unchanged is not a close call downwards).
    pub fn margin(&self) -> f64 {
        let down = self.below.as_ref().map(|_| self.weight - self.low);
        let up = self.above.as_ref().map(|_| self.high - self.weight);
        match (down, up) {
            (Some(d), Some(u)) => d.min(u),
            (Some(d), None) => d,
            (None, Some(u)) => u,
            (None, None) => f64::INFINITY,
        }
    }
}

use super::draws::{Acceptability, Draws};

mod problem;
pub(super) use problem::ProblemParts;
pub use problem::{Problem, problem};

/// The stability of a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stability {
    /// The recommended MFI.
    pub recommended: String,
    /// One interval per criterion.
    pub intervals: Vec<WeightInterval>,
    /// How often each MFI came first, most often first.
    pub acceptability: Vec<Acceptability>,
    /// The number of draws.
    pub draws: u32,
    /// The whole in a sentence.
    pub sentence: String,
    /// The draws over the weights alone (the same as `acceptability`).
    pub weights_only: Draws,
    /// The draws over the unknown facts, weights as chosen (when the
    /// matrix was at hand).
    pub data_only: Option<Draws>,
    /// The draws over the unknown facts and the weights together.
    pub both: Option<Draws>,
    /// How many unknown facts the draws over the data vary.
    pub unknown_facts: usize,
    /// Of them, the recommended MFI's.
    pub recommended_unknown: usize,
    /// The chance an unknown yes/no is drawn as yes (the study's setting).
    pub unknown_yes: f64,
    /// The unknown facts that can change the first MFI, most decisive
    /// first (written at the top of the JSON as `ask_first`).
    #[serde(skip)]
    pub ask_first: Vec<super::unknowns::AskFirst>,
}

/// A share of draws in percent with one decimal, never rounded up to 100%
/// unless it is every draw.
pub fn share_percent(share: f64) -> String {
    if share < 1.0 && 100.0 * share >= 99.95 {
        "99.9%".to_string()
    } else if share > 0.0 && 100.0 * share < 0.05 {
        // Some draws, not none.
        "<0.1%".to_string()
    } else {
        format!("{:.1}%", 100.0 * share)
    }
}

/// A share of draws for a sentence, never rounded up to certainty: "all
/// 10,000 draws" only when it is every draw, else at most "99.9%".
pub fn share_text(share: f64, draws: u32) -> String {
    if share >= 1.0 {
        format!(
            "all {} draws",
            crate::money::group_digits(&draws.to_string())
        )
    } else if 100.0 * share >= 99.95 {
        "99.9% of draws".to_string()
    } else {
        format!("{:.1}% of draws", 100.0 * share)
    }
}

/// [`stability`] with the draws over the unknown facts of `matrix` and what
/// to ask first.
pub fn stability_with_data(
    e: &Evaluation,
    matrix: &crate::data::matrix::Matrix,
    plans: &crate::data::plans::Plans,
    weights: &crate::data::criteria::Weights,
    settings: &Settings,
) -> Option<Stability> {
    let st = stability(e, settings)?;
    let Some(dp) = super::unknowns::data_problem(e, matrix, plans, weights, settings) else {
        return Some(st);
    };
    let data = super::unknowns::solve_data_unless(&dp, settings, &|| false)?;
    Some(st.with_data(data, settings))
}

impl Stability {
    /// The stability with the draws over the data added, its sentence
    /// saying all three.
    pub fn with_data(self, d: super::unknowns::DataStability, settings: &Settings) -> Stability {
        let rec = &self.recommended;
        let draws = settings.draws.max(1);
        let spread = settings.spread.clamp(0.0, 1.0);
        let weights = share_text(self.weights_only.share(rec), draws);
        // What is not known first: the weights alone leave the unknown
        // facts as the study assumes them.
        let mut sentence = if d.unknown_facts > 0 {
            let mut s = format!(
                "{rec} comes first in {} of the {} unknown facts ({} of them {rec}'s) and in {} of the unknown facts and the weights together; with the weights alone (within ±{} of the chosen ones, the unknown facts as assumed), in {weights}",
                share_text(d.data_only.share(rec), draws),
                d.unknown_facts,
                d.recommended_unknown,
                share_text(d.both.share(rec), draws),
                pct(spread)
            );
            if d.data_only.none_share > 0.0 {
                s.push_str(&format!(
                    "; in {:.1}% of the draws of the data no MFI serves any member",
                    100.0 * d.data_only.none_share
                ));
            }
            if let Some(other) = d
                .data_only
                .acceptability
                .iter()
                .find(|a| a.mfi != *rec && a.first_share > 0.0)
            {
                s.push_str(&format!(
                    "; with the data drawn, {} comes first in {:.1}%",
                    other.mfi,
                    100.0 * other.first_share
                ));
            }
            s
        } else {
            format!(
                "{rec} comes first in {weights} of the weights (within ±{} of the chosen ones); none of the facts it reads is unknown (what the study assumed is listed with each offer)",
                pct(spread)
            )
        };
        match self.sentence.split_once("; the closest call: ") {
            Some((_, call)) => {
                sentence.push_str(&format!("; the closest call of the weights: {call}"))
            }
            None => sentence.push('.'),
        }
        if !sentence.ends_with('.') {
            sentence.push('.');
        }
        Stability {
            sentence,
            data_only: Some(d.data_only),
            both: Some(d.both),
            unknown_facts: d.unknown_facts,
            recommended_unknown: d.recommended_unknown,
            unknown_yes: d.unknown_yes,
            ask_first: d.ask_first,
            ..self
        }
    }
}

/// The weights with criterion `c` set to `t` and the others rescaled in proportion.
pub fn with_weight(w: &[f64; N], c: usize, t: f64) -> [f64; N] {
    let rest = 1.0 - w[c];
    std::array::from_fn(|j| {
        if j == c {
            t
        } else if rest > 1e-12 {
            w[j] * (1.0 - t) / rest
        } else {
            (1.0 - t) / (N - 1) as f64
        }
    })
}

/// The index of the first institution under the given CO scores, ties
/// broken as the ranking breaks them: more members served, then the lower
/// mean APR, then the earlier institution (so that a weight moved until the
/// MFIs tie never "hands over" to another MFI by the order of the matrix).
fn first(scores: &[f64], served: &[usize], apr: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, s) in scores.iter().enumerate() {
        let better = match best {
            None => true,
            Some(b) => {
                if (*s - scores[b]).abs() > 1e-9 {
                    *s > scores[b]
                } else {
                    let (si, sb) = (served.get(i), served.get(b));
                    if si != sb {
                        si > sb
                    } else {
                        let (ai, ab) = (
                            apr.get(i).copied().unwrap_or(f64::MAX),
                            apr.get(b).copied().unwrap_or(f64::MAX),
                        );
                        ai < ab - 1e-12
                    }
                }
            }
        };
        if better {
            best = Some(i);
        }
    }
    best
}

/// A weight in whole percent; never "100%" for less than all of it, nor
/// "0%" for more than none.
fn pct(x: f64) -> String {
    if x < 1.0 && 100.0 * x >= 99.5 {
        "99%".to_string()
    } else if x > 0.0 && 100.0 * x < 0.5 {
        "1%".to_string()
    } else {
        format!("{:.0}%", 100.0 * x)
    }
}

/// The stability of the recommendation of `e`. `None` when nothing is recommended.
pub fn stability(e: &Evaluation, settings: &Settings) -> Option<Stability> {
    problem(e).map(|p| solve(&p, settings))
}

/// Monte Carlo: how many times each institution comes first when each
/// weight is moved by up to ±spread of itself, then normalised. SplitMix64,
/// so that draws repeat for a seed on every machine.
fn firsts_unless(p: &Problem, settings: &Settings, stop: &dyn Fn() -> bool) -> Option<Vec<u32>> {
    let mut rng = crate::rng::Rng::new(settings.seed);
    let mut firsts = vec![0u32; p.names.len()];
    let spread = settings.spread.clamp(0.0, 1.0);
    for draw in 0..settings.draws {
        if draw % 64 == 0 && stop() {
            return None;
        }
        let raw: [f64; N] =
            std::array::from_fn(|i| p.weights[i] * (1.0 - spread + 2.0 * spread * rng.unit()));
        if let Some(i) = p.first(&normalise(raw)) {
            firsts[i] += 1;
        }
    }
    Some(firsts)
}

/// The share of Monte Carlo draws in which the recommended institution comes
/// first (the acceptability of [`solve`] without the weight intervals).
pub fn first_share(p: &Problem, settings: &Settings) -> f64 {
    let (p, _) = contenders(p, settings.spread);
    let firsts = firsts_unless(&p, settings, &|| false).unwrap_or_default();
    firsts.get(p.target).copied().unwrap_or(0) as f64 / settings.draws.max(1) as f64
}

/// Every institution's share of the Monte Carlo draws over the weights in
/// which it comes first, by name, most often first (the first by CO score
/// first among equals). The draws score only the [`contenders`]: one left
/// out never comes first, and the draws are the same whoever is scored.
pub fn first_shares(p: &Problem, settings: &Settings) -> Vec<(String, f64)> {
    let (scored, kept) = contenders(p, settings.spread);
    let counted = firsts_unless(&scored, settings, &|| false).unwrap_or_default();
    let mut firsts = vec![0u32; p.names.len()];
    for (k, n) in counted.into_iter().enumerate() {
        let i = kept.as_ref().map_or(Some(k), |kept| kept.get(k).copied());
        if let Some(slot) = i.and_then(|i| firsts.get_mut(i)) {
            *slot = n;
        }
    }
    let n = settings.draws.max(1) as f64;
    let mut v: Vec<(usize, String, f64)> = p
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                i,
                name.clone(),
                firsts.get(i).copied().unwrap_or(0) as f64 / n,
            )
        })
        .collect();
    v.sort_by(|a, b| {
        b.2.total_cmp(&a.2)
            .then((b.0 == p.target).cmp(&(a.0 == p.target)))
    });
    v.into_iter()
        .map(|(_, name, share)| (name, share))
        .collect()
}

/// The problem with only the recommended institution and those that might
/// beat it in some draw: an institution whose CO score stays below the
/// recommended one's by a clear margin under every weights the draws can
/// give cannot change whether it comes first, so the draws (the same
/// ones) need not score it. Below: the recommended institution's score
/// with each member's offer fixed (the best under the study's weights);
/// above: the other's with each criterion at the best of her offers. Both
/// are linear in the weights, so their difference is smallest at a corner
/// of the box the draws move the weights in, before normalising (which
/// divides it by at most 1 + spread). With the problem, the index each of
/// its institutions has in `p` (`None`: all kept, the same indices).
fn contenders(p: &Problem, spread: f64) -> (std::borrow::Cow<'_, Problem>, Option<Vec<usize>>) {
    use std::borrow::Cow;
    let spread = spread.clamp(0.0, 1.0);
    if spread >= 1.0 || p.needing == 0 || p.target >= p.options.len() {
        return (Cow::Borrowed(p), None);
    }
    let dot = |v: &[f64; N]| v.iter().zip(&p.weights).map(|(a, b)| a * b).sum::<f64>();
    // Each institution's members, from `single` and their offers.
    let bound = |i: usize, best: bool| -> [f64; N] {
        let mut sum = p.single[i];
        let mut start = 0;
        for &end in &p.ends[i] {
            let mine = &p.options[i][start..end as usize];
            let pick: [f64; N] = if best {
                std::array::from_fn(|c| mine.iter().map(|v| v[c]).fold(0.0, f64::max))
            } else {
                mine.iter()
                    .copied()
                    .max_by(|a, b| dot(a).total_cmp(&dot(b)))
                    .unwrap_or([0.0; N])
            };
            for (acc, x) in sum.iter_mut().zip(pick) {
                *acc += x;
            }
            start = end as usize;
        }
        sum
    };
    let below = bound(p.target, false);
    // A margin far above the rounding of scores of 0-100 and the draws'
    // tie of 1e-12.
    let margin = 1e-7;
    let keep: Vec<usize> = (0..p.options.len())
        .filter(|&i| {
            if i == p.target {
                return true;
            }
            let above = bound(i, true);
            let least: f64 = (0..N)
                .map(|c| {
                    let d = 100.0 * (below[c] - above[c]) / p.needing as f64;
                    let f = if d > 0.0 { 1.0 - spread } else { 1.0 + spread };
                    d * p.weights[c] * f
                })
                .sum();
            // Kept unless clearly below (a score that is not a number keeps it).
            let clearly_below = least / (1.0 + spread) > margin;
            !clearly_below
        })
        .collect();
    if keep.len() == p.options.len() {
        return (Cow::Borrowed(p), None);
    }
    fn pick<T: Clone>(keep: &[usize], v: &[T]) -> Vec<T> {
        keep.iter().map(|&i| v[i].clone()).collect()
    }
    let pruned = Problem {
        names: pick(&keep, &p.names),
        target: keep.iter().position(|&i| i == p.target).unwrap_or(0),
        recommended: p.recommended.clone(),
        weights: p.weights,
        options: pick(&keep, &p.options),
        ends: pick(&keep, &p.ends),
        single: pick(&keep, &p.single),
        needing: p.needing,
        served: pick(&keep, &p.served),
        apr: pick(&keep, &p.apr),
    };
    (Cow::Owned(pruned), Some(keep))
}

/// Solves a stability problem: weight intervals and rank acceptability.
pub fn solve(p: &Problem, settings: &Settings) -> Stability {
    solve_unless(p, settings, &|| false).unwrap_or_else(|| unreachable_stability(p))
}

/// An empty result, never returned by [`solve`] (its stop never fires).
fn unreachable_stability(p: &Problem) -> Stability {
    over_weights(p, Vec::new(), Vec::new(), 0, String::new())
}

/// The stability over the weights alone (the draws over the data added by
/// [`Stability::with_data`]).
fn over_weights(
    p: &Problem,
    intervals: Vec<WeightInterval>,
    acceptability: Vec<Acceptability>,
    draws: u32,
    sentence: String,
) -> Stability {
    Stability {
        recommended: p.recommended.clone(),
        intervals,
        weights_only: Draws {
            draws,
            acceptability: acceptability.clone(),
            none_share: 0.0,
        },
        acceptability,
        draws,
        sentence,
        data_only: None,
        both: None,
        unknown_facts: 0,
        recommended_unknown: 0,
        unknown_yes: 0.0,
        ask_first: Vec::new(),
    }
}

/// [`solve`], giving up (`None`) as soon as `stop` says so: the app stops a
/// computation whose weights have already changed again.
pub fn solve_unless(
    p: &Problem,
    settings: &Settings,
    stop: &dyn Fn() -> bool,
) -> Option<Stability> {
    let target = p.target;
    let names = &p.names;
    let weights = p.weights;
    let leader = |w: &[f64; N]| p.first(w);
    let mut intervals = Vec::new();
    for (c, crit) in Criterion::ALL.iter().enumerate() {
        if stop() {
            return None;
        }
        let w0 = weights[c];
        let holds = |t: f64| leader(&with_weight(&weights, c, t)) == Some(target);
        // Walk a grid outwards from the current weight, then refine each
        // boundary by bisection.
        let steps = 50;
        let refine = |mut inside: f64, mut outside: f64| {
            for _ in 0..25 {
                let mid = 0.5 * (inside + outside);
                if holds(mid) {
                    inside = mid;
                } else {
                    outside = mid;
                }
            }
            inside
        };
        let mut low = 0.0;
        let mut inside = w0;
        for k in (0..=steps)
            .rev()
            .map(|k| k as f64 / steps as f64)
            .filter(|t| *t < w0)
        {
            if holds(k) {
                inside = k;
            } else {
                low = refine(inside, k);
                break;
            }
        }
        if inside == 0.0 {
            low = 0.0;
        }
        let mut high = 1.0;
        let mut inside = w0;
        for k in (0..=steps)
            .map(|k| k as f64 / steps as f64)
            .filter(|t| *t > w0)
        {
            if holds(k) {
                inside = k;
            } else {
                high = refine(inside, k);
                break;
            }
        }
        if inside == 1.0 {
            high = 1.0;
        }
        let low = low.min(w0);
        let high = high.max(w0);
        let who = |t: f64| leader(&with_weight(&weights, c, t)).map(|i| names[i].clone());
        let below = if low > 0.0 {
            who((low - 1e-6).max(0.0))
        } else {
            None
        };
        let above = if high < 1.0 {
            who((high + 1e-6).min(1.0))
        } else {
            None
        };
        let name = crit.label();
        let sentence = match (below.as_ref(), above.as_ref()) {
            (None, None) => format!(
                "{} stays first whatever the weight of {name} (now {})",
                p.recommended,
                pct(w0)
            ),
            (None, Some(a)) => format!(
                "{} stays first unless the weight of {name} rises above {} (now {}), when {a} takes over",
                p.recommended,
                pct(high),
                pct(w0)
            ),
            (Some(b), None) => format!(
                "{} stays first unless the weight of {name} falls below {} (now {}), when {b} takes over",
                p.recommended,
                pct(low),
                pct(w0)
            ),
            (Some(b), Some(a)) => format!(
                "{} stays first while the weight of {name} stays between {} and {} (now {}); below, {b} takes over, above, {a}",
                p.recommended,
                pct(low),
                pct(high),
                pct(w0)
            ),
        };
        intervals.push(WeightInterval {
            criterion: crit.key(),
            weight: w0,
            low,
            high,
            below,
            above,
            sentence,
        });
    }
    let firsts = firsts_unless(p, settings, stop)?;
    let spread = settings.spread.clamp(0.0, 1.0);
    let draws = settings.draws.max(1);
    let acceptability = Acceptability::of(names, &firsts, draws);
    let share = acceptability
        .iter()
        .find(|a| a.mfi == p.recommended)
        .map(|a| a.first_share)
        .unwrap_or(0.0);
    let narrowest = intervals
        .iter()
        .filter(|i| i.below.is_some() || i.above.is_some())
        .min_by(|a, b| a.margin().total_cmp(&b.margin()));
    let mut sentence = format!(
        "{} comes first in {} of weights within ±{} of the chosen ones",
        p.recommended,
        share_text(share, settings.draws),
        pct(spread)
    );
    match narrowest {
        Some(n) => sentence.push_str(&format!("; the closest call: {}.", n.sentence)),
        None => sentence.push_str("; no single weight, moved alone, changes the first choice."),
    }
    Some(over_weights(
        p,
        intervals,
        acceptability,
        settings.draws,
        sentence,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A problem from each institution's members' offers (values 0-1).
    fn problem_of(insts: Vec<Vec<Vec<[f64; N]>>>, raw: [f64; N], target: usize) -> Problem {
        let n = insts.len();
        let mut options = Vec::new();
        let mut ends = Vec::new();
        let mut single = Vec::new();
        for members in &insts {
            let mut values = Vec::new();
            let mut member_ends = Vec::new();
            let mut sum = [0.0; N];
            for offers in members {
                if let [only] = offers.as_slice() {
                    for (acc, x) in sum.iter_mut().zip(only) {
                        *acc += x;
                    }
                } else if !offers.is_empty() {
                    values.extend(offers.iter().copied());
                    member_ends.push(values.len() as u32);
                }
            }
            options.push(values);
            ends.push(member_ends);
            single.push(sum);
        }
        Problem {
            names: (0..n).map(|i| format!("MFI {i}")).collect(),
            target: target % n,
            recommended: format!("MFI {}", target % n),
            weights: normalise(raw),
            options,
            ends,
            single,
            needing: insts.iter().map(Vec::len).max().unwrap_or(0),
            served: (0..n).map(|i| i % 3).collect(),
            apr: (0..n).map(|i| 20.0 + (i % 2) as f64).collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Scoring only the contenders counts the same draws: every
        /// institution's share, and the recommended one's, are those of
        /// the draws over every institution.
        #[test]
        fn the_contenders_come_first_as_often_as_before(
            insts in prop::collection::vec(
                prop::collection::vec(
                    prop::collection::vec(prop::array::uniform8(0.0f64..1.0), 0..4),
                    1..6,
                ),
                1..7,
            ),
            raw in prop::array::uniform8(0.0f64..1.0),
            target in 0usize..7,
            spread in prop_oneof![Just(0.0), 0.0f64..0.6, Just(1.0)],
            seed in any::<u64>(),
        ) {
            let p = problem_of(insts, raw, target);
            let settings = Settings { draws: 200, seed, spread, ..Settings::default() };
            let all = firsts_unless(&p, &settings, &|| false).unwrap_or_default();
            let shares = first_shares(&p, &settings);
            for (i, name) in p.names.iter().enumerate() {
                let share = shares.iter().find(|(n, _)| n == name).map(|s| s.1);
                prop_assert_eq!(share, Some(all[i] as f64 / 200.0));
            }
            prop_assert_eq!(first_share(&p, &settings), all[p.target] as f64 / 200.0);
        }
    }
}
