//! The tests of the pairwise questions: the swings of the Kasur 2010 study,
//! the questions asked by binary search, ROC weights and counters.

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
