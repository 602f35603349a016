//! CPU time of one frame of each view of the app (layout and tessellation,
//! no GPU), on the built-in study and on a generated study of 2,000 members
//! and 40 MFIs with 5 products each.

use criterion::{Criterion, criterion_group, criterion_main};
use mfi_app::{MfiApp, View};
use mfi_core::data::study::StudyDoc;
use mfi_core::generate::{self, Rng};
use std::hint::black_box;

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
        let mut a = MfiApp::new(study, Box::new(mfi_app::dialogs::NativeDialogs));
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
        // What follows a weight slider moving, and an edit of the data.
        g.sample_size(10);
        g.bench_function("interaction: move a weight (rescore and stability)", |b| {
            b.iter(|| a.reweigh())
        });
        g.bench_function("interaction: edit one member's plan", |b| {
            b.iter(|| a.update_member(1))
        });
        g.bench_function("interaction: edit one MFI's values", |b| {
            b.iter(|| a.apply(mfi_app::Command::InstitutionChanged(0)))
        });
        g.bench_function(
            "interaction: add or remove an MFI (evaluate everything)",
            |b| b.iter(|| a.reevaluate()),
        );
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
