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

use super::evaluation::Evaluation;
use crate::data::criteria::{Criterion, N, Scale};
use crate::i18n::{Lang, rupees_text, tr};
use crate::money::Digits;
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
mod tests {
    use super::*;
    use crate::data::study::StudyDoc;
    use proptest::prelude::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// A member who knows her mind: `level[c]` is the criterion's rank (0
    /// most important; equal levels are the same to her).
    fn ask(r: &mut Ranker, level: &[usize; N]) {
        while let Some((a, b)) = r.question() {
            r.answer(match level[a].cmp(&level[b]) {
                std::cmp::Ordering::Less => Answer::First,
                std::cmp::Ordering::Greater => Answer::Second,
                std::cmp::Ordering::Equal => Answer::Same,
            });
        }
    }

    #[test]
    fn roc_weights_are_those_published() {
        let w = roc(3);
        assert!(near(w[0], 0.6111) && near(w[1], 0.2778) && near(w[2], 0.1111));
        let w8 = roc(8);
        assert!(near(w8[0], 0.3397), "{w8:?}");
        assert!(near(w8.iter().sum(), 1.0));
        assert_eq!(Ranker::max_questions(8), 17);
        assert_eq!(Ranker::max_questions(1), 0);
        assert_eq!(Ranker::max_questions(0), 0);
    }

    #[test]
    fn three_criteria_in_order_weigh_as_roc() {
        use Criterion::*;
        let mut r = Ranker::new(&[Access, TrueCost, Fit]);
        let level = {
            let mut l = [9; N];
            l[TrueCost] = 0;
            l[Access] = 1;
            l[Fit] = 2;
            l
        };
        ask(&mut r, &level);
        assert_eq!(r.ranks(), vec![vec![TrueCost], vec![Access], vec![Fit]]);
        let w = r.weights();
        assert!(near(w[TrueCost], 0.6111) && near(w[Access], 0.2778) && near(w[Fit], 0.1111));
        assert_eq!(w[Insurance], 0.0);
    }

    #[test]
    fn ties_share_the_mean_of_their_positions() {
        use Criterion::*;
        let mut r = Ranker::new(&[TrueCost, Access, Fit]);
        assert_eq!(r.question(), Some((Access, TrueCost)));
        r.answer(Answer::Same);
        // Fit against the middle of one group: less important.
        assert_eq!(r.question(), Some((Fit, TrueCost)));
        r.answer(Answer::Second);
        assert_eq!(r.question(), None);
        assert_eq!(r.ranks(), vec![vec![TrueCost, Access], vec![Fit]]);
        let w = r.weights();
        assert!(near(w[TrueCost], (0.6111 + 0.2778) / 2.0));
        assert_eq!(w[TrueCost], w[Access]);
        assert!(near(w[Fit], 0.1111));
        // Equal weights keep equal counters: the one left over cannot go
        // to both, so it goes to neither.
        assert_eq!(r.counters(100), {
            let mut c = [0; N];
            c[TrueCost] = 44;
            c[Access] = 44;
            c[Fit] = 11;
            c
        });
        // All the same to her: equal weights.
        let mut all = Ranker::new(&Criterion::ALL);
        ask(&mut all, &[0; N]);
        assert_eq!(all.asked(), 7);
        assert_eq!(all.ranks().len(), 1);
        assert!(all.weights().iter().all(|&x| near(x, 0.125)));
        assert_eq!(all.counters(100), [12; N]);
    }

    #[test]
    fn undo_then_the_same_answer_gives_the_same_state() {
        let mut r = Ranker::new(&Criterion::ALL);
        let mut level = [0; N];
        for (i, l) in level.iter_mut().enumerate() {
            *l = (i * 5) % N;
        }
        for _ in 0..6 {
            let (a, b) = r.question().unwrap();
            let answer = if level[a] < level[b] {
                Answer::First
            } else {
                Answer::Second
            };
            let before = r.clone();
            r.answer(answer);
            let after = r.clone();
            r.undo();
            assert_eq!(r, before);
            r.answer(answer);
            assert_eq!(r, after);
        }
        let mut fresh = Ranker::new(&Criterion::ALL);
        fresh.undo();
        assert_eq!(fresh, Ranker::new(&Criterion::ALL));
        assert_eq!(fresh.asked(), 0);
    }

    #[test]
    fn nothing_to_rank_weighs_nothing() {
        let r = Ranker::new(&[]);
        assert!(r.done());
        assert_eq!(r.question(), None);
        assert_eq!(r.weights(), [0.0; N]);
        assert_eq!(r.counters(100), [0; N]);
        let one = Ranker::new(&[Criterion::Fit, Criterion::Fit]);
        assert!(one.done());
        assert_eq!(one.counters(100)[Criterion::Fit], 100);
    }

    proptest! {
        /// A member with a strict order answers consistently: the ranking
        /// is her order, within 17 questions, and the counters keep it.
        #[test]
        fn a_strict_order_is_found_within_17_questions(
            order in Just(Criterion::ALL.to_vec()).prop_shuffle(),
            start in Just(Criterion::ALL.to_vec()).prop_shuffle(),
        ) {
            let mut level = [0; N];
            for (i, &c) in order.iter().enumerate() {
                level[c] = i;
            }
            let mut r = Ranker::new(&start);
            ask(&mut r, &level);
            prop_assert!(r.asked() <= Ranker::max_questions(N));
            let found: Vec<Criterion> = r.ranks().into_iter().flatten().collect();
            prop_assert_eq!(&found, &order);
            prop_assert!(r.ranks().iter().all(|g| g.len() == 1));
            let counters = r.counters(100);
            prop_assert_eq!(counters.iter().sum::<u32>(), 100);
            for pair in order.windows(2) {
                prop_assert!(counters[pair[0]] >= counters[pair[1]]);
                prop_assert!(r.weights()[pair[0]] > r.weights()[pair[1]]);
            }
        }

        /// Answers of "the same" give her tie groups.
        #[test]
        fn a_weak_order_gives_its_tie_groups(
            levels in proptest::array::uniform8(0usize..4),
            start in Just(Criterion::ALL.to_vec()).prop_shuffle(),
        ) {
            let mut r = Ranker::new(&start);
            ask(&mut r, &levels);
            prop_assert!(r.asked() <= Ranker::max_questions(N));
            let mut expected: Vec<Vec<Criterion>> = Vec::new();
            let mut distinct: Vec<usize> = levels.to_vec();
            distinct.sort();
            distinct.dedup();
            for l in distinct {
                expected.push(Criterion::ALL.into_iter().filter(|&c| levels[c] == l).collect());
            }
            let mut got = r.ranks();
            for g in &mut got {
                g.sort_by_key(|&c| c as usize);
            }
            prop_assert_eq!(got, expected);
            let w = r.weights();
            prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            // Tied criteria keep equal counters, a more important one never
            // fewer, and at most N - 1 are left over.
            let counters = r.counters(100);
            let sum = counters.iter().sum::<u32>();
            prop_assert!(sum <= 100 && sum > 100 - N as u32, "{sum}");
            for a in Criterion::ALL {
                for b in Criterion::ALL {
                    if levels[a] == levels[b] {
                        prop_assert_eq!(counters[a], counters[b]);
                    } else if levels[a] < levels[b] {
                        prop_assert!(counters[a] >= counters[b]);
                    }
                }
            }
        }
    }

    /// Hand-computed: cost first, access second. Cost's swing covers a
    /// quarter of its scale, access's all of it: on the scales cost weighs
    /// 0.75/0.25 = 3 against access's 0.25/1, so 12/13 and 1/13.
    #[test]
    fn swing_weights_are_rescaled_to_the_studys_scales() {
        use Criterion::*;
        let mut r = Ranker::new(&[TrueCost, Access]);
        assert_eq!(r.question(), Some((Access, TrueCost)));
        r.answer(Answer::Second);
        let roc = r.weights();
        assert!(near(roc[TrueCost], 0.75) && near(roc[Access], 0.25));
        let mut scales = [Scale {
            worst: 0.0,
            best: 1.0,
        }; N];
        scales[TrueCost] = Scale {
            worst: 80.0,
            best: 0.0,
        };
        scales[Access] = Scale {
            worst: 20.0,
            best: 0.0,
        };
        let swing = |criterion, worst, best| Swing {
            criterion,
            worst,
            best,
            worst_mfi: "W".into(),
            best_mfi: "B".into(),
        };
        // APR 40% to 20%: a quarter of 80..0. Access 20 km to 0: all of it.
        let swings = [swing(TrueCost, 40.0, 20.0), swing(Access, 20.0, 0.0)];
        let w = r.weights_on(&swings, &scales);
        assert!(near(w[TrueCost], 12.0 / 13.0), "{w:?}");
        assert!(near(w[Access], 1.0 / 13.0), "{w:?}");
        assert_eq!(r.counters_on(&swings, &scales, 100), {
            let mut c = [0; N];
            c[TrueCost] = 92;
            c[Access] = 8;
            c
        });
        // What she said holds on the scales: going from the worst to the
        // best MFI on cost is worth three times the same on access.
        let gain = |c: Criterion| {
            let s = swings.iter().find(|s| s.criterion == c).unwrap();
            w[c] * (scales[c].value(s.best) - scales[c].value(s.worst)).abs()
        };
        assert!(near(gain(TrueCost) / gain(Access), 3.0));
        // A swing wholly beyond its scale cannot change a score: weight 0.
        let beyond = [swing(TrueCost, 90.0, 85.0), swing(Access, 20.0, 0.0)];
        let w = r.weights_on(&beyond, &scales);
        assert_eq!(w[TrueCost], 0.0);
        assert!(near(w[Access], 1.0));
    }

    /// Whatever her answers and the scales, a criterion she ranks above
    /// another weighs more *per swing* on the study's scales.
    #[test]
    fn on_the_built_in_study_her_order_holds_over_its_swings() {
        let doc = StudyDoc::kasur().unwrap();
        let e = kasur();
        let swings = swings(&e);
        let criteria: Vec<Criterion> = swings.iter().map(|s| s.criterion).collect();
        let mut r = Ranker::new(&criteria);
        let mut level = [0; N];
        for (i, c) in criteria.iter().enumerate() {
            level[*c] = i;
        }
        ask(&mut r, &level);
        let w = r.weights_on(&swings, &doc.weights.scales);
        let gain = |c: Criterion| {
            let s = swings.iter().find(|s| s.criterion == c).unwrap();
            let sc = doc.weights.scales[c];
            w[c] * (sc.value(s.best) - sc.value(s.worst)).abs()
        };
        for pair in criteria.windows(2) {
            if gain(pair[1]) > 0.0 {
                assert!(gain(pair[0]) > gain(pair[1]), "{pair:?} {w:?}");
            }
        }
    }

    /// Half a km is said "1", never "0 km nearer"; less is said in tenths.
    #[test]
    fn distances_are_said_as_rounded() {
        let n = |worst: f64, best: f64| figures(Criterion::Access, worst, best).map(|f| f.n);
        assert_eq!(n(3.5, 3.0).as_deref(), Some("1"));
        assert_eq!(n(12.5, 2.0).as_deref(), Some("11"));
        assert_eq!(n(2.4, 2.0).as_deref(), Some("0.4"));
        assert_eq!(n(2.0, 2.0), None);
    }

    fn kasur() -> Evaluation {
        let doc = StudyDoc::kasur().unwrap();
        crate::scoring::evaluate(&doc.matrix, &doc.plans, &doc.weights, &doc.settings)
    }

    #[test]
    fn the_built_in_study_has_swings_said_with_their_numbers() {
        let e = kasur();
        let s = swings(&e);
        assert!(!s.is_empty());
        for w in &s {
            let en = swing_text(w, Lang::En);
            let ur = swing_text(w, Lang::Ur);
            assert!(!en.is_empty() && !ur.is_empty(), "{w:?}");
            assert!(!en.contains('{') && !ur.contains('{'), "{en} / {ur}");
            assert!(
                ur.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{ur}"
            );
            assert_ne!(w.best_mfi, w.worst_mfi);
            let c = w.criterion;
            if lower_is_better(c) {
                assert!(w.best < w.worst, "{w:?}");
            } else {
                assert!(w.best > w.worst, "{w:?}");
            }
            match c {
                Criterion::TotalCost => assert!(en.contains("Rs "), "{en}"),
                Criterion::TrueCost | Criterion::Affordability => {
                    assert!(en.contains(&format!("{:.0}%", w.best)), "{en}");
                    assert!(en.contains(&format!("{:.0}%", w.worst)), "{en}");
                }
                Criterion::Access => {
                    assert!(en.contains(&format!("{:.0} km", w.worst - w.best)), "{en}")
                }
                Criterion::Services => assert!(en.chars().any(|c| c.is_ascii_digit()), "{en}"),
                _ => {}
            }
            // Urdu digits when the study writes them.
            let urdu = swing_text_in(w, Lang::Ur, Digits::Urdu);
            assert!(!urdu.chars().any(|c| c.is_ascii_digit()), "{urdu}");
        }
        let criteria: Vec<Criterion> = s.iter().map(|w| w.criterion).collect();
        let r = Ranker::new(&criteria);
        // As the module's documentation says: all but flexibility, at most
        // 14 questions.
        assert!(!criteria.contains(&Criterion::Flexibility), "{criteria:?}");
        assert_eq!(criteria.len(), 7);
        assert_eq!(Ranker::max_questions(criteria.len()), 14);
        // Before any answer only the first is placed.
        assert_eq!(r.ranks().len(), 1.min(criteria.len()));
        for w in &s {
            println!(
                "{}: {} ({} -> {}) | {}",
                w.criterion.key(),
                swing_text(w, Lang::En),
                w.worst_mfi,
                w.best_mfi,
                swing_text_in(w, Lang::Ur, Digits::Urdu)
            );
        }
    }

    #[test]
    fn a_criterion_on_which_every_mfi_is_the_same_is_left_out() {
        let mut e = kasur();
        for p in &mut e.pairs {
            p.measures[Criterion::Flexibility] = 0.5;
            p.measures[Criterion::Access] = 7.2;
        }
        let s = swings(&e);
        assert!(!s.is_empty());
        assert!(
            s.iter()
                .all(|w| w.criterion != Criterion::Flexibility && w.criterion != Criterion::Access)
        );
    }

    #[test]
    fn swings_as_said() {
        let swing = |criterion, worst, best| Swing {
            criterion,
            worst,
            best,
            worst_mfi: "A".into(),
            best_mfi: "B".into(),
        };
        let t = |s: &Swing| swing_text(s, Lang::En);
        assert_eq!(
            t(&swing(Criterion::TrueCost, 38.2, 24.9)),
            "a yearly rate of 25% instead of 38%"
        );
        assert_eq!(
            t(&swing(Criterion::TotalCost, 3_450.4, 2_250.0)),
            "paying Rs 1,200 less in all"
        );
        assert_eq!(
            t(&swing(Criterion::Affordability, 45.0, 30.0)),
            "each payment takes 30% of what you can pay instead of 45%"
        );
        assert_eq!(
            t(&swing(Criterion::Access, 12.0, 2.0)),
            "an office 10 km nearer"
        );
        assert_eq!(
            t(&swing(Criterion::Insurance, 0.0, 1.0)),
            "life and health insurance instead of no insurance"
        );
        assert_eq!(
            t(&swing(Criterion::Services, 1.0 / 7.0, 4.0 / 7.0)),
            "3 more services (training, exhibitions ...)"
        );
        assert_eq!(
            swing_text_in(
                &swing(Criterion::TotalCost, 3_450.4, 2_250.0),
                Lang::Ur,
                Digits::Urdu
            ),
            "کل ملا کر ۱٬۲۰۰ روپے کم ادائیگی"
        );
        // The same once said: no swing.
        assert!(figures(Criterion::TrueCost, 25.04, 25.01).is_none());
        assert!(figures(Criterion::TotalCost, 1000.3, 1000.0).is_none());
        assert!(figures(Criterion::Insurance, 1.0, 1.0).is_none());
        assert_eq!(percents(25.04, 24.96), None);
        assert_eq!(percents(25.3, 24.9), Some(("25.3%".into(), "24.9%".into())));
    }
}
