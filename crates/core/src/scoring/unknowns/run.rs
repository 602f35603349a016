//! Running the draws: who comes first in each draw over the data (weights
//! as chosen, or drawn too), and for each unknown fact who would come first
//! with each answer.

use super::draw::{DrawNames, Linear, State, WEIGHTS_KEY, fact_name, unit_of};
use super::problem::{DataProblem, FactRef, SLOTS};
use crate::data::criteria::{Criterion, N, normalise};
use crate::data::settings::Settings;

/// Who comes first in the draws over the data (weights as chosen, or drawn
/// as in the weights' draws when `with_weights`), with the facts to ask
/// first when `ask` is set. `None` when `stop` says so.
pub(super) fn run(
    p: &DataProblem,
    settings: &Settings,
    with_weights: bool,
    ask: bool,
    stop: &dyn Fn() -> bool,
) -> Option<(Vec<u32>, Vec<AskCount>)> {
    let n = p.names.len();
    // The data are drawn alike in both runs (draw by draw); the weights
    // by their own names.
    let seed = settings.seed ^ 0xDA7A_0000;
    let spread = settings.spread.clamp(0.0, 1.0);
    // One more for draws in which no MFI serves anyone.
    let mut firsts = vec![0u32; n + 1];
    let mut counts: Vec<AskCount> = if ask {
        p.facts.iter().map(|_| AskCount::new(n + 1)).collect()
    } else {
        Vec::new()
    };
    // With the weights as chosen, the best an institution can score whatever
    // its unknowns: a fact of an institution that cannot reach the first
    // place even so never changes it. Every yes, the low end of its prices,
    // its office near, and drawn loan sizes and age limits that admit every
    // member: each only opens offers or raises values, and every value is
    // at least 0, so no draw scores more.
    let mut fixed_weights = Linear::default();
    p.linear(&p.weights, &mut fixed_weights);
    let mut drawn_weights = Linear::default();
    let best_case: Vec<f64> = (0..n)
        .map(|i| {
            let m = &p.insts[i];
            let all = State {
                bits: if m.bits >= 64 {
                    u64::MAX
                } else {
                    (1u64 << m.bits) - 1
                },
                picks: [u64::MAX; SLOTS],
                cost: 0.0,
                distance: 0.0,
            };
            p.score(i, all, &fixed_weights).0
        })
        .collect();
    let names: Vec<DrawNames> = p.insts.iter().map(|m| p.draw_names(m, seed)).collect();
    let weight_names: [u64; N] = std::array::from_fn(|i| fact_name(seed, WEIGHTS_KEY, i as u64));
    let mut states = vec![State::default(); n];
    let mut values = vec![[0.0; 3]; n];
    let mut scores = vec![0.0; n];
    let mut served = vec![0u32; n];
    for draw in 0..settings.draws {
        if draw % 64 == 0 && stop() {
            return None;
        }
        for (i, m) in p.insts.iter().enumerate() {
            states[i] = p.draw_state(m, &names[i], draw);
        }
        let lin = if with_weights {
            let raw: [f64; N] = std::array::from_fn(|i| {
                let u = unit_of(weight_names[i], draw);
                p.weights[i] * (1.0 - spread + 2.0 * spread * u)
            });
            p.linear(&normalise(raw), &mut drawn_weights);
            &drawn_weights
        } else {
            &fixed_weights
        };
        let w = &lin.w;
        for i in 0..n {
            values[i] = p.inst_values(&p.insts[i], states[i]);
            (scores[i], served[i]) = p.score_with(i, states[i], lin, values[i]);
        }
        // Only an MFI that serves someone can come first; when none does,
        // none is first (index n), not the matrix's first by a tie.
        let (first, second) = top_two(&scores, &served, n);
        firsts[first] += 1;
        if !ask {
            continue;
        }
        for ((fact, _), count) in p.facts.iter().zip(counts.iter_mut()) {
            let i = fact.inst();
            let s = states[i];
            let m = &p.insts[i];
            // Its score and how many it serves with the fact set so.
            let rescore = |st: State| -> (f64, u32) {
                match *fact {
                    // A fact that moves only the institution's own measures
                    // moves each member's best by the same amount.
                    FactRef::Bit { bit, .. } if m.measure_mask >> bit & 1 == 1 => {
                        let a = values[i];
                        let b = p.inst_values(m, st);
                        let d = w[Criterion::Access] * (b[0] - a[0])
                            + w[Criterion::Insurance] * (b[1] - a[1])
                            + w[Criterion::Services] * (b[2] - a[2]);
                        (
                            scores[i] + 100.0 * d * served[i] as f64 / p.needing.max(1) as f64,
                            served[i],
                        )
                    }
                    // A distance moves the access value; the other facts
                    // (eligibility, fit, prices, limits) leave the
                    // institution's values as drawn.
                    FactRef::Distance { .. } => p.score(i, st, lin),
                    _ => p.score_with(i, st, lin, values[i]),
                }
            };
            // Who comes first when this institution scores `si` serving `k`.
            let winner_with = |(si, k): (f64, u32)| -> usize {
                let beats = |j: usize| si > scores[j] + 1e-12 || (si >= scores[j] - 1e-12 && i < j);
                if k == 0 {
                    if i == first {
                        second.unwrap_or(n)
                    } else {
                        first
                    }
                } else if i == first {
                    match second {
                        Some(s2) if !beats(s2) => s2,
                        _ => i,
                    }
                } else if first == n || beats(first) {
                    i
                } else {
                    first
                }
            };
            // Every yes/no, price and distance has a better answer (yes,
            // the low end, near) that only raises its institution's score
            // and a worse one that only lowers it: the first stays first
            // with the better answer and may lose with the worse; another
            // may take over with the better and never with the worse.
            let reachable = with_weights || first == n || best_case[i] + 1e-9 >= scores[first];
            let (w_good, w_bad) = match *fact {
                // An institution that cannot come first whatever its facts
                // changes nothing.
                _ if i != first && !reachable => (first, first),
                FactRef::Choice { slot, .. } => {
                    // Loan sizes and age limits are not ordered: every
                    // alternative the study states, the best and the worst
                    // for the institution taken.
                    let k = m.slots[slot as usize];
                    let outcomes: Vec<(f64, u32)> = (0..k)
                        .map(|a| {
                            let mut picks = s.picks;
                            picks[slot as usize] = 1 << a;
                            rescore(State { picks, ..s })
                        })
                        .collect();
                    let key = |o: &&(f64, u32)| (o.1 > 0, o.0);
                    let cmp = |a: &&(f64, u32), b: &&(f64, u32)| {
                        key(a)
                            .partial_cmp(&key(b))
                            .unwrap_or(std::cmp::Ordering::Equal)
                    };
                    let best = outcomes
                        .iter()
                        .max_by(cmp)
                        .copied()
                        .unwrap_or((scores[i], served[i]));
                    let worst = outcomes
                        .iter()
                        .min_by(cmp)
                        .copied()
                        .unwrap_or((scores[i], served[i]));
                    (winner_with(best), winner_with(worst))
                }
                _ => {
                    let (good_now, good, bad) = match *fact {
                        FactRef::Bit { bit, .. } => (
                            s.bits >> bit & 1 == 1,
                            State {
                                bits: s.bits | 1 << bit,
                                ..s
                            },
                            State {
                                bits: s.bits & !(1 << bit),
                                ..s
                            },
                        ),
                        FactRef::Cost { .. } => {
                            (false, State { cost: 0.0, ..s }, State { cost: 1.0, ..s })
                        }
                        _ => (
                            false,
                            State { distance: 0.0, ..s },
                            State { distance: 1.0, ..s },
                        ),
                    };
                    let continuous = !matches!(fact, FactRef::Bit { .. });
                    if i == first {
                        let lose = continuous || good_now;
                        (
                            first,
                            if lose {
                                winner_with(rescore(bad))
                            } else {
                                first
                            },
                        )
                    } else {
                        let gain = continuous || !good_now;
                        (
                            if gain && reachable {
                                winner_with(rescore(good))
                            } else {
                                first
                            },
                            first,
                        )
                    }
                }
            };
            count.yes[w_good] += 1;
            count.no[w_bad] += 1;
            if w_good != w_bad {
                count.changes += 1;
            }
        }
    }
    Some((firsts, counts))
}

/// The first and second institution among those that serve someone (ties
/// broken as the ranking breaks them: more members served, then the earlier
/// institution; the drawn APRs are not at hand); `n` first when none serves
/// anyone.
fn top_two(scores: &[f64], served: &[u32], n: usize) -> (usize, Option<usize>) {
    let ahead = |i: usize, j: usize| {
        if (scores[i] - scores[j]).abs() > 1e-9 {
            scores[i] > scores[j]
        } else {
            served[i] > served[j]
        }
    };
    let mut first = n;
    let mut second: Option<usize> = None;
    for i in (0..scores.len()).filter(|&i| served[i] > 0) {
        if first == n || ahead(i, first) {
            if first != n {
                second = Some(first);
            }
            first = i;
        } else if second.is_none_or(|s| ahead(i, s)) {
            second = Some(i);
        }
    }
    (first, second)
}

/// Per fact, the first MFI under each answer, counted over the draws.
#[derive(Debug, Clone)]
pub(super) struct AskCount {
    pub(super) yes: Vec<u32>,
    pub(super) no: Vec<u32>,
    pub(super) changes: u32,
}

impl AskCount {
    fn new(n: usize) -> Self {
        AskCount {
            yes: vec![0; n],
            no: vec![0; n],
            changes: 0,
        }
    }
}
