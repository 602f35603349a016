//! Weights from a member's answers to pairwise questions: "A loan that
//! costs Rs 1,200 less in all, or an office 10 km nearer?"
//!
//! **What is asked.** Each question puts two criteria side by side as
//! *swings*: the difference between the worst and the best MFI of this
//! study on that criterion, in this study's own numbers (a yearly rate of
//! 25% instead of 38%; paying Rs 1,200 less in all; an office 10 km
//! nearer; life and health insurance instead of none ...). The member says
//! which of the two she would rather have, or that they are the same to
//! her. She never rates anything on a scale of numbers.
//!
//! **Where the numbers come from.** For each criterion and each MFI, the
//! mean of the criterion's measure over the members that MFI serves (the
//! offer that would serve each of them in the ranking); the swing runs from
//! the MFI worst on that mean to the MFI best. A criterion on which every
//! MFI is the same, as the figures would be said (whole rupees, whole km,
//! whole percent or one decimal, whole services, the same insurance), is
//! not asked about: it cannot change which MFI is chosen, and its weight
//! is 0.
//!
//! **How answers become a ranking.** The criteria are put into a ranking
//! one at a time, each by binary search among those already placed: the
//! new criterion is compared with the one in the middle, then with the
//! middle of the half it belongs to, and so on. "The same" puts it beside
//! the one it was compared with (they share a rank). Eight criteria need
//! at most 17 questions (1 + 2 + 2 + 3 + 3 + 3 + 3), fewer with ties or
//! fewer swings; each answer can be taken back.
//!
//! **How the ranking becomes weights.** Rank-order centroid (ROC) weights
//! (Barron & Barrett 1996): of n ranked criteria, the one in position i
//! weighs (1/i + 1/(i+1) + ... + 1/n) / n. For three criteria that is 61%,
//! 28% and 11%; the first of eight weighs 34%. Criteria that share a rank
//! share equally the mean of the ROC weights of the positions they occupy.
//! ROC is the weight that, among those computed from a ranking alone, came
//! closest to the true weights in the simulation studies (Barron & Barrett
//! 1996). Other methods would need more of her: PAPRIKA needs levels for
//! every criterion and many more questions; rating each swing needs numbers
//! the members are not asked for.
//!
//! **From her swings to the study's scales.** ROC weighs the *swings* she
//! compared: how much going from this study's worst MFI to its best on a
//! criterion is worth to her. The study scores each criterion on its own
//! scale (an APR of 80% scores 0 and 0% scores 1 ...), usually wider than
//! the swing. A weight applied on the scale must be the swing's weight
//! divided by the part of the scale the swing covers,
//! |v(best) - v(worst)|; otherwise a criterion whose swing covers a
//! quarter of its scale would count four times too little, and one she put
//! second could outweigh the one she put first. So each ROC weight is
//! divided by its swing's part of the scale, the results scaled to sum to
//! 1 (a swing that covers none of its scale, both ends beyond it, weighs
//! 0: it cannot change a score). Those weights are turned into counters
//! out of 100 (largest remainder; criteria of equal weight keep equal
//! counters, so a few counters may be left over), like the counters she can
//! place on the picture cards herself, and the counters are what is shown
//! and kept.
//!
//! In the built-in Kasur 2010 study every MFI's offers are equally
//! flexible for the sample CO, so seven criteria are asked about: at most
//! 14 questions.
//!
//! Barron, F. H. and Barrett, B. E. (1996), "Decision quality using ranked
//! attribute weights", *Management Science* 42(11), 1515-1523.

use crate::data::criteria::{Criterion, N, Scale};
use crate::i18n::{Lang, rupees_text, tr};
use crate::money::Digits;
use crate::scoring::Evaluation;
use rust_decimal::Decimal;

/// How far apart the worst and the best MFI of the study are on one
/// criterion: what a member is asked to weigh.
#[derive(Debug, Clone, PartialEq)]
pub struct Swing {
    /// The criterion.
    pub criterion: Criterion,
    /// The worst MFI's mean measure over the members it serves.
    pub worst: f64,
    /// The best MFI's.
    pub best: f64,
    /// The worst MFI's name.
    pub worst_mfi: String,
    /// The best MFI's name.
    pub best_mfi: String,
}

impl Swing {
    /// The part of `scale` (0-1) the swing covers: |v(best) - v(worst)|.
    pub fn part(&self, scale: &Scale) -> f64 {
        (scale.value(self.best) - scale.value(self.worst)).abs()
    }
}

/// Whether less of a criterion's measure is better (APR, rupees, share of
/// her capacity, km), from the direction of its default scale.
fn lower_is_better(c: Criterion) -> bool {
    let (worst, best) = c.default_scale();
    best < worst
}

/// The swing of each criterion between the MFIs of an evaluation that serve
/// anyone, in the order of [`Criterion::ALL`]; criteria on which every MFI
/// is the same, as the figures would be said, are left out (their weight is
/// 0: they cannot change the choice).
pub fn swings(e: &Evaluation) -> Vec<Swing> {
    // Each MFI's mean measures over the members it serves.
    let means: Vec<(&str, [f64; N])> = e
        .ranking
        .iter()
        .filter_map(|r| {
            let served: Vec<&[f64; N]> = r
                .served
                .iter()
                .flatten()
                .filter_map(|&k| e.pairs.get(k))
                .map(|p| &p.measures)
                .collect();
            if served.is_empty() {
                return None;
            }
            let mean = std::array::from_fn(|i| {
                served.iter().map(|m| m[i]).sum::<f64>() / served.len() as f64
            });
            Some((r.mfi.as_str(), mean))
        })
        .collect();
    Criterion::ALL
        .into_iter()
        .filter_map(|c| {
            let known = means.iter().filter(|(_, m)| m[c].is_finite());
            // `better(a, b)`: a is better than b on this criterion.
            let better = |a: f64, b: f64| {
                if lower_is_better(c) { a < b } else { a > b }
            };
            let mut best: Option<(&str, f64)> = None;
            let mut worst: Option<(&str, f64)> = None;
            for (name, m) in known {
                let x = m[c];
                if best.is_none_or(|(_, b)| better(x, b)) {
                    best = Some((name, x));
                }
                if worst.is_none_or(|(_, w)| better(w, x)) {
                    worst = Some((name, x));
                }
            }
            let ((best_mfi, best), (worst_mfi, worst)) = (best?, worst?);
            figures(c, worst, best)?;
            Some(Swing {
                criterion: c,
                worst,
                best,
                worst_mfi: worst_mfi.to_string(),
                best_mfi: best_mfi.to_string(),
            })
        })
        .collect()
}

/// The figures of a swing as said, in Western digits: `n` the difference,
/// `a` the best and `b` the worst end (for insurance, the keys of their
/// words); each criterion fills those its words need.
struct Figures {
    n: String,
    a: String,
    b: String,
}

/// Two percentages as said: whole, or with one decimal when the whole
/// numbers are the same; `None` when that is the same too.
fn percents(best: f64, worst: f64) -> Option<(String, String)> {
    (0..=1)
        .map(|dp| (format!("{best:.dp$}%"), format!("{worst:.dp$}%")))
        .find(|(a, b)| a != b)
}

/// The insurance words for a cover of 0 (none), 0.5 (one of life and
/// health) or 1 (both).
fn cover_key(x: f64) -> &'static str {
    if x >= 0.75 {
        "pair.cover.2"
    } else if x >= 0.25 {
        "pair.cover.1"
    } else {
        "pair.cover.0"
    }
}

/// A swing's figures; `None` when it says nothing: both ends the same once
/// rounded as said (whole rupees, whole km or tenths below one, whole
/// percent or tenths, whole services, the same insurance words).
fn figures(c: Criterion, worst: f64, best: f64) -> Option<Figures> {
    let diff = (worst - best).abs();
    let plain = |n: String| Figures {
        n,
        a: String::new(),
        b: String::new(),
    };
    match c {
        Criterion::TrueCost | Criterion::Affordability => {
            percents(best, worst).map(|(a, b)| Figures {
                n: String::new(),
                a,
                b,
            })
        }
        Criterion::TotalCost => {
            let rupees = diff.round();
            (rupees >= 1.0).then(|| {
                plain(crate::money::group_rupees(
                    Decimal::from(rupees as i64),
                    false,
                ))
            })
        }
        Criterion::Access => {
            // Whole km; one decimal for less than half a km.
            if diff.round() >= 1.0 {
                // Rounded once: `{:.0}` alone rounds 0.5 to even, "0 km".
                Some(plain(format!("{:.0}", diff.round())))
            } else {
                let t = format!("{diff:.1}");
                (t != "0.0").then(|| plain(t))
            }
        }
        Criterion::Insurance => {
            let (a, b) = (cover_key(best), cover_key(worst));
            (a != b).then(|| Figures {
                n: String::new(),
                a: a.to_string(),
                b: b.to_string(),
            })
        }
        Criterion::Services => {
            let count = (diff * crate::data::matrix::SERVICES.len() as f64).round();
            (count >= 1.0).then(|| plain(format!("{count:.0}")))
        }
        Criterion::Fit | Criterion::Flexibility => (diff > 1e-9).then(|| plain(String::new())),
    }
}

/// The words of a criterion's swing template.
fn template_key(c: Criterion) -> &'static str {
    match c {
        Criterion::TrueCost => "pair.true_cost",
        Criterion::TotalCost => "pair.total_cost",
        Criterion::Affordability => "pair.affordability",
        Criterion::Access => "pair.access",
        Criterion::Insurance => "pair.insurance",
        Criterion::Services => "pair.services",
        Criterion::Fit => "pair.fit",
        Criterion::Flexibility => "pair.flexibility",
    }
}

/// A swing in words, as one side of a question ("paying Rs 1,200 less in
/// all"), numbers in Western digits.
pub fn swing_text(s: &Swing, lang: Lang) -> String {
    swing_text_in(s, lang, Digits::Western)
}

/// [`swing_text`] with the numbers in the given digits (the study's).
pub fn swing_text_in(s: &Swing, lang: Lang, digits: Digits) -> String {
    let Some(f) = figures(s.criterion, s.worst, s.best) else {
        return String::new();
    };
    let template = tr(lang, template_key(s.criterion));
    let (n, a, b) = match s.criterion {
        Criterion::TotalCost => {
            // The unit goes with the number: "Rs 1,200", "۱٬۲۰۰ روپے".
            let rupees = Decimal::from((s.worst - s.best).abs().round() as i64);
            (rupees_text(lang, digits, rupees), f.a, f.b)
        }
        Criterion::Insurance => {
            // Only the three cover keys are ever kept in `a` and `b`.
            let word = |k: &str| match k {
                "pair.cover.2" => tr(lang, "pair.cover.2"),
                "pair.cover.1" => tr(lang, "pair.cover.1"),
                _ => tr(lang, "pair.cover.0"),
            };
            (f.n, word(&f.a).to_string(), word(&f.b).to_string())
        }
        _ => (digits.apply(&f.n), digits.apply(&f.a), digits.apply(&f.b)),
    };
    template
        .replace("{n}", &n)
        .replace("{a}", &a)
        .replace("{b}", &b)
}

/// The question put to her: "Which would you rather have?".
pub fn question_text(lang: Lang) -> &'static str {
    tr(lang, "pair.question")
}

/// The answer "The same to me".
pub fn same_text(lang: Lang) -> &'static str {
    tr(lang, "pair.same")
}

/// Her answer to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// She would rather have the first swing.
    First,
    /// She would rather have the second.
    Second,
    /// They are the same to her.
    Same,
}

/// The ranking of criteria built by binary insertion from her answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranker {
    /// The criteria to rank, in the order they are inserted.
    criteria: Vec<Criterion>,
    /// Her answers so far, for taking one back.
    answers: Vec<Answer>,
    /// The tie groups placed so far, most important first.
    groups: Vec<Vec<Criterion>>,
    /// The index in `criteria` of the one being placed.
    next: usize,
    /// Where it may go among the groups: `lo..=hi` (as a new group) or
    /// beside one of `lo..hi`.
    lo: usize,
    hi: usize,
}

impl Ranker {
    /// A ranking of `criteria` (each once; a repeat is ignored), placed in
    /// the order given: the first needs no question.
    pub fn new(criteria: &[Criterion]) -> Ranker {
        let mut unique = Vec::with_capacity(criteria.len());
        for &c in criteria {
            if !unique.contains(&c) {
                unique.push(c);
            }
        }
        let mut r = Ranker {
            criteria: unique,
            answers: Vec::new(),
            groups: Vec::new(),
            next: 0,
            lo: 0,
            hi: 0,
        };
        r.settle();
        r
    }

    /// Places the criterion being placed as a group of its own while its
    /// place is known, and moves on to the next.
    fn settle(&mut self) {
        while let Some(&c) = self.criteria.get(self.next) {
            if self.lo < self.hi {
                return;
            }
            self.groups.insert(self.lo, vec![c]);
            self.next += 1;
            self.lo = 0;
            self.hi = self.groups.len();
        }
    }

    /// The middle group of those she may still go beside.
    fn middle(&self) -> usize {
        self.lo + (self.hi - self.lo) / 2
    }

    /// The next question: the criterion being placed against the first of
    /// the middle group; `None` when all are placed.
    pub fn question(&self) -> Option<(Criterion, Criterion)> {
        let c = *self.criteria.get(self.next)?;
        let other = *self.groups.get(self.middle())?.first()?;
        Some((c, other))
    }

    /// Takes her answer to [`Ranker::question`]; nothing when all are placed.
    pub fn answer(&mut self, a: Answer) {
        let Some((c, _)) = self.question() else {
            return;
        };
        self.answers.push(a);
        let mid = self.middle();
        match a {
            Answer::First => self.hi = mid,
            Answer::Second => self.lo = mid + 1,
            Answer::Same => {
                if let Some(g) = self.groups.get_mut(mid) {
                    g.push(c);
                }
                self.next += 1;
                self.lo = 0;
                self.hi = self.groups.len();
            }
        }
        self.settle();
    }

    /// Takes back the last answer (nothing before the first).
    pub fn undo(&mut self) {
        let mut answers = std::mem::take(&mut self.answers);
        answers.pop();
        let mut r = Ranker::new(&self.criteria);
        for a in answers {
            r.answer(a);
        }
        *self = r;
    }

    /// How many questions she has answered.
    pub fn asked(&self) -> usize {
        self.answers.len()
    }

    /// Whether every criterion is placed.
    pub fn done(&self) -> bool {
        self.next >= self.criteria.len()
    }

    /// The most questions `n` criteria can need: the k-th placed after the
    /// first needs at most ceil(log2(k + 1)); 17 for 8 criteria.
    pub fn max_questions(n: usize) -> usize {
        (1..n)
            .map(|k| (k + 1).next_power_of_two().trailing_zeros() as usize)
            .sum()
    }

    /// The tie groups placed so far, most important first (all the criteria
    /// once done).
    pub fn ranks(&self) -> Vec<Vec<Criterion>> {
        self.groups.clone()
    }

    /// ROC weights of the criteria placed so far, in the order of
    /// [`Criterion::ALL`], summing to 1: a tie group shares equally the mean
    /// of its positions' weights; 0 for criteria not ranked (all 0 when none
    /// is).
    pub fn weights(&self) -> [f64; N] {
        let mut w = [0.0; N];
        let placed = roc(self.groups.iter().map(Vec::len).sum());
        let mut position = 0;
        for g in &self.groups {
            let share = placed[position..position + g.len()].iter().sum::<f64>() / g.len() as f64;
            for &c in g {
                w[c] = share;
            }
            position += g.len();
        }
        w
    }

    /// The weights as whole counters out of `total` (largest remainder;
    /// a more important criterion never has fewer); all 0 when nothing is
    /// ranked.
    pub fn counters(&self, total: u32) -> [u32; N] {
        counters(&self.weights(), total)
    }

    /// The weights to apply on the study's `scales`: each ROC weight divided
    /// by the part of its scale its swing covers, then scaled to sum to 1
    /// (see the module's documentation). All 0 when nothing ranked covers
    /// any of its scale.
    pub fn weights_on(&self, swings: &[Swing], scales: &[Scale; N]) -> [f64; N] {
        let roc = self.weights();
        let mut w = [0.0; N];
        for s in swings {
            let c = s.criterion;
            let part = s.part(&scales[c]);
            if roc[c] > 0.0 && part > 1e-9 {
                w[c] = roc[c] / part;
            }
        }
        let sum: f64 = w.iter().sum();
        if sum > 0.0 {
            for x in &mut w {
                *x /= sum;
            }
        }
        w
    }

    /// [`Ranker::weights_on`] as whole counters out of `total`: what is
    /// shown and kept.
    pub fn counters_on(&self, swings: &[Swing], scales: &[Scale; N], total: u32) -> [u32; N] {
        counters(&self.weights_on(swings, scales), total)
    }
}

/// Rank-order centroid weights of `n` ranked positions, most important
/// first: position i (from 1) weighs (1/i + ... + 1/n) / n.
pub fn roc(n: usize) -> Vec<f64> {
    let mut w = vec![0.0; n];
    let mut tail = 0.0;
    for i in (0..n).rev() {
        tail += 1.0 / (i + 1) as f64;
        w[i] = tail / n as f64;
    }
    w
}

/// Weights as whole counters out of `total` by largest remainder: each has
/// the whole part of its share, and the counters left go to the largest
/// remainders (the larger weight first on a tie). Equal weights keep equal
/// counters: the counters left go to all of them or to none, and once they
/// cannot go round such a group the rest are left over (at most `N - 1`), so
/// a larger weight never has fewer counters. All 0 when the weights are.
fn counters(w: &[f64; N], total: u32) -> [u32; N] {
    let sum: f64 = w.iter().filter(|x| x.is_finite() && **x > 0.0).sum();
    let mut out = [0; N];
    if sum <= 0.0 {
        return out;
    }
    let share = w.map(|x| {
        if x.is_finite() && x > 0.0 {
            x / sum * total as f64
        } else {
            0.0
        }
    });
    for i in 0..N {
        out[i] = share[i].floor() as u32;
    }
    let given: u32 = out.iter().sum();
    let mut order: Vec<usize> = (0..N).filter(|&i| share[i] > 0.0).collect();
    order.sort_by(|&a, &b| {
        let rem = |i: usize| share[i] - share[i].floor();
        rem(b)
            .total_cmp(&rem(a))
            .then(share[b].total_cmp(&share[a]))
            .then(a.cmp(&b))
    });
    let equal = |a: usize, b: usize| (share[a] - share[b]).abs() < 1e-9;
    let mut left = total.saturating_sub(given) as usize;
    let mut k = 0;
    while k < order.len() && left > 0 {
        let group: Vec<usize> = order[k..]
            .iter()
            .copied()
            .filter(|&i| equal(i, order[k]))
            .collect();
        if group.len() > left {
            break;
        }
        for &i in &group {
            out[i] += 1;
        }
        left -= group.len();
        k += 1;
        while k < order.len() && group.contains(&order[k]) {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
#[path = "pairwise_tests.rs"]
mod tests;
