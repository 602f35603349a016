//! CPU time of one frame of each view of the app (layout and tessellation,
//! no GPU), on the built-in study and on a generated study of 2,000 members
//! and 40 MFIs with 5 products each.

use criterion::{Criterion, criterion_group, criterion_main};
use mfi_app::edit::{Edit, Field, PlanPart};
use mfi_app::{Command, MfiApp, View};
use mfi_core::data::matrix::Param;
use mfi_core::data::study::StudyDoc;
use mfi_core::generate::{self, Rng};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn frame(ctx: &egui::Context, app: &mut MfiApp) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let out = ctx.run_ui(input, |ui| app.window_ui(ui));
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

/// The first product's value `key` of institution `inst`.
fn cell(inst: usize, key: Param) -> Field {
    Field::Cell {
        inst,
        product: Some(0),
        key,
    }
}

fn bench(c: &mut Criterion) {
    let kasur = StudyDoc::kasur().expect("built-in study");
    let mut rng = Rng::new(2010);
    let big = StudyDoc {
        name: "generated".into(),
        matrix: generate::matrix(40, 5, "Kasur", &mut rng),
        plans: generate::plans(2000, "CO 1", "Kasur", &mut rng),
        ..kasur.clone()
    };
    for (name, study) in [("kasur", kasur), ("2000 members x 40 MFIs", big)] {
        let ctx = egui::Context::default();
        mfi_app::install_fonts(&ctx);
        let mut a = MfiApp::new(
            study,
            Box::new(mfi_app::dialogs::ScriptedDialogs::default()),
        );
        a.finish_work();
        let mut g = c.benchmark_group(format!("frame ({name})"));
        g.sample_size(20);
        for view in [
            View::Matrix,
            View::Plans,
            View::Compare,
            View::Repayment,
            View::Weights,
        ] {
            a.view = view;
            for _ in 0..3 {
                frame(&ctx, &mut a);
            }
            g.bench_function(format!("{view:?}"), |b| {
                b.iter(|| black_box(frame(&ctx, &mut a)))
            });
        }
        // The interactions: the time the UI thread is held (the change
        // applied, and either the evaluation brought up to date at once, for
        // a small study, or the work handed to a worker, for a large one),
        // then the time until the evaluation is up to date.
        g.sample_size(10);
        let heavy = a.study.weights.clone();
        let mut light = heavy.clone();
        light.raw[0] += 10.0;
        let interactions: Vec<(&str, Vec<Command>)> = vec![
            (
                "move a weight",
                vec![
                    Command::Edit(Edit::SetWeights(Box::new(light))),
                    Command::Edit(Edit::SetWeights(Box::new(heavy))),
                ],
            ),
            (
                "edit one member's plan",
                vec![
                    Command::Commit(Field::Member(1, PlanPart::Sales), "9,000".into()),
                    Command::Commit(Field::Member(1, PlanPart::Sales), "9,100".into()),
                ],
            ),
            (
                "edit one MFI's value",
                vec![
                    Command::Commit(cell(0, Param::Markup), "20%".into()),
                    Command::Commit(cell(0, Param::Markup), "21%".into()),
                ],
            ),
            (
                "add or remove an MFI",
                vec![Command::Edit(Edit::AddInstitution), Command::Undo],
            ),
        ];
        for (what, commands) in interactions {
            let mut turn = 0;
            g.bench_function(format!("interaction: {what} (UI thread)"), |b| {
                b.iter_custom(|n| {
                    let mut held = Duration::ZERO;
                    for _ in 0..n {
                        let t = Instant::now();
                        a.apply(commands[turn % commands.len()].clone());
                        held += t.elapsed();
                        turn += 1;
                        a.finish_work();
                    }
                    held
                })
            });
            g.bench_function(format!("interaction: {what} (until up to date)"), |b| {
                b.iter(|| {
                    a.apply(commands[turn % commands.len()].clone());
                    turn += 1;
                    a.finish_work();
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
