//! The pictures: the coins and the calendar of a loan page, the report's
//! bar charts and scatter, and the criteria's picture cards.

use crate::page::{CONTENT_W, MARGIN, Writer, pt, rgb};
use mfi_core::data::criteria::Criterion;
use mfi_core::icons::{Prim, Rgb as IconRgb, icon};
use mfi_core::report::{Picture, Point as ChartPoint, Table};
use printpdf::{
    Line, LineCapStyle, LineJoinStyle, LinePoint, Op, PaintMode, Polygon, PolygonRing, Pt,
    WindingOrder,
};

impl Writer {
    /// A stack of coins `w` wide whose lowest edge is at `y`: the picture
    /// beside what she pays each time.
    pub(crate) fn coins(&mut self, x: f32, y: f32, w: f32) {
        self.pictures.push((self.page, Picture::Coins));
        let (rx, ry, side) = (w * 0.42, w * 0.13, w * 0.1);
        let gold = rgb(0.95, 0.76, 0.25);
        let edge = rgb(0.55, 0.38, 0.05);
        let side_col = rgb(0.85, 0.62, 0.15);
        // Two stacks, the taller behind: each coin its rim and its face.
        for (cx, n) in [(x + w * 0.58, 5), (x + w * 0.42, 3)] {
            for k in 0..n {
                let base = y + ry + k as f32 * side;
                self.shape(&Self::ellipse(cx, base, rx, ry), &side_col, &edge);
                let rim = [
                    (cx - rx, base, false),
                    (cx + rx, base, false),
                    (cx + rx, base + side, false),
                    (cx - rx, base + side, false),
                ];
                self.shape(&rim, &side_col, &side_col);
                self.line(cx - rx, base, cx - rx, base + side, 0.8, 0.3);
                self.line(cx + rx, base, cx + rx, base + side, 0.8, 0.3);
                self.shape(&Self::ellipse(cx, base + side, rx, ry), &gold, &edge);
            }
        }
    }

    /// A wall calendar `w` wide whose lowest edge is at `y`: the picture
    /// beside how many instalments and when.
    pub(crate) fn calendar_icon(&mut self, x: f32, y: f32, w: f32) {
        self.pictures.push((self.page, Picture::Calendar));
        let h = w * 0.9;
        let ink = rgb(0.25, 0.25, 0.25);
        let page = [
            (x, y, false),
            (x + w, y, false),
            (x + w, y + h, false),
            (x, y + h, false),
            (x, y, false),
        ];
        self.shape(&page, &rgb(1.0, 1.0, 1.0), &ink);
        let band = h * 0.24;
        let top = [
            (x, y + h - band, false),
            (x + w, y + h - band, false),
            (x + w, y + h, false),
            (x, y + h, false),
            (x, y + h - band, false),
        ];
        self.shape(&top, &rgb(0.8, 0.2, 0.2), &ink);
        // The rings that hold the pages.
        for rx in [x + w * 0.28, x + w * 0.72] {
            let ring = [
                (rx - 1.5, y + h - band * 0.4, false),
                (rx + 1.5, y + h - band * 0.4, false),
                (rx + 1.5, y + h + 4.0, false),
                (rx - 1.5, y + h + 4.0, false),
                (rx - 1.5, y + h - band * 0.4, false),
            ];
            self.shape(&ring, &ink, &ink);
        }
        // Days: a grid of small squares, one marked as a due date.
        let (cols, rows) = (5, 3);
        let gw = w * 0.8 / cols as f32;
        let gh = (h - band) * 0.8 / rows as f32;
        for r in 0..rows {
            for c in 0..cols {
                let cx = x + w * 0.1 + c as f32 * gw;
                let cy = y + (h - band) * 0.1 + r as f32 * gh;
                let due = r == 1 && c == 2;
                let fill = if due {
                    rgb(0.8, 0.2, 0.2)
                } else {
                    rgb(0.85, 0.85, 0.85)
                };
                let cell = [
                    (cx + 1.0, cy + 1.0, false),
                    (cx + gw - 1.0, cy + 1.0, false),
                    (cx + gw - 1.0, cy + gh - 1.0, false),
                    (cx + 1.0, cy + gh - 1.0, false),
                    (cx + 1.0, cy + 1.0, false),
                ];
                self.shape(&cell, &fill, &fill);
            }
        }
    }

    pub(crate) fn bars(
        &mut self,
        title: &str,
        bars: &[(String, f64)],
        unit: &str,
        shown: &[String],
    ) {
        // The title stays with its first bars.
        let lines = self.wrap(title, 11.0, true, CONTENT_W).len() as f32;
        self.ensure(lines * 15.4 + 16.0 * bars.len().clamp(1, 4) as f32);
        self.paragraph(title, 11.0, true);
        let label_w = 170.0;
        let bar_max_w = CONTENT_W - label_w - 60.0;
        let max = bars.iter().map(|b| b.1).fold(0.0f64, f64::max).max(1e-9);
        for (i, (label, v)) in bars.iter().enumerate() {
            self.ensure(16.0);
            self.y -= 16.0;
            let l = self
                .wrap(label, 9.0, false, label_w - 6.0)
                .into_iter()
                .next()
                .unwrap_or_default();
            self.text(MARGIN, self.y + 4.0, &l, 9.0, false);
            let w = (v.max(0.0) / max) as f32 * bar_max_w;
            self.rect(
                MARGIN + label_w,
                self.y + 2.0,
                w.max(0.5),
                10.0,
                rgb(0.16, 0.45, 0.70),
            );
            self.text(
                MARGIN + label_w + w + 4.0,
                self.y + 4.0,
                &if let Some(text) = shown.get(i) {
                    text.clone()
                } else if unit == "%" {
                    // A share as every sentence words it: never rounded up
                    // to 100% when some draw went another way.
                    mfi_core::output::score::share_percent(v / 100.0)
                } else {
                    format!("{v:.1}{unit}")
                },
                9.0,
                false,
            );
        }
        self.y -= 10.0;
    }

    pub(crate) fn scatter(
        &mut self,
        title: &str,
        x_label: &str,
        y_label: &str,
        points: &[ChartPoint],
    ) {
        let (w, h) = (CONTENT_W - 60.0, 220.0);
        self.ensure(h + 70.0);
        self.paragraph(title, 11.0, true);
        let x0 = MARGIN + 40.0;
        let y0 = self.y - h - 10.0;
        let max = points.iter().map(|p| p.x.max(p.y)).fold(10.0f64, f64::max) * 1.1;
        let sx = |v: f64| x0 + (v / max) as f32 * w;
        let sy = |v: f64| y0 + (v / max) as f32 * h;
        self.line(x0, y0, x0 + w, y0, 0.8, 0.0);
        self.line(x0, y0, x0, y0 + h, 0.8, 0.0);
        self.line(sx(0.0), sy(0.0), sx(max), sy(max), 0.6, 0.6);
        let step = if max > 60.0 { 20.0 } else { 10.0 };
        let mut t = 0.0;
        while t <= max {
            self.text(sx(t) - 6.0, y0 - 12.0, &format!("{t:.0}"), 7.0, false);
            self.text(x0 - 22.0, sy(t) - 2.0, &format!("{t:.0}"), 7.0, false);
            t += step;
        }
        self.text(x0 + w / 2.0 - 30.0, y0 - 24.0, x_label, 8.0, false);
        self.text(MARGIN, y0 + h + 6.0, y_label, 8.0, false);
        // Each point (offers at the same place share one) gets a number,
        // placed beside its marker where it overlaps no other number and no
        // marker; the key below names them. Names on the chart itself
        // overlapped as soon as offers crowded.
        let mut groups: Vec<(f32, f32, Vec<usize>)> = Vec::new();
        for (i, p) in points.iter().enumerate() {
            let (px, py) = (sx(p.x), sy(p.y));
            let same_low = |g: &(f32, f32, Vec<usize>)| {
                g.2.first()
                    .is_some_and(|&k| (sy(points[k].y_low) - sy(p.y_low)).abs() < 3.0)
            };
            match groups
                .iter_mut()
                .find(|g| (g.0 - px).abs() < 3.0 && (g.1 - py).abs() < 3.0 && same_low(g))
            {
                Some(g) => g.2.push(i),
                None => groups.push((px, py, vec![i])),
            }
        }
        let mut taken: Vec<[f32; 4]> = groups
            .iter()
            .map(|g| [g.0 - 3.0, g.1 - 3.0, g.0 + 3.0, g.1 + 3.0])
            .collect();
        let overlaps =
            |a: &[f32; 4], b: &[f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        // Where a term is unknown, a line from the marker (the high end)
        // down to the APR at the low end.
        for (px, py, members) in &groups {
            let low = sy(points[members[0]].y_low);
            if py - low > 0.5 {
                self.line(*px, low, *px, *py, 1.2, 0.55);
                self.line(px - 2.0, low, px + 2.0, low, 1.2, 0.55);
            }
        }
        for (n, (px, py, _)) in groups.iter().enumerate() {
            self.rect(px - 2.5, py - 2.5, 5.0, 5.0, rgb(0.80, 0.25, 0.20));
            let label = (n + 1).to_string();
            let lw = self.regular.width(&label, 7.0);
            let mut candidates = vec![
                (px + 4.0, py - 2.5),
                (px - 4.0 - lw, py - 2.5),
                (px - lw / 2.0, py + 4.0),
                (px - lw / 2.0, py - 11.0),
                (px + 4.0, py + 4.0),
                (px + 4.0, py - 10.0),
                (px - 4.0 - lw, py + 4.0),
                (px - 4.0 - lw, py - 10.0),
            ];
            // Where the near places are taken (crowded charts), farther
            // ones around it, joined to the marker by a thin line.
            for d in [12.0f32, 18.0, 26.0, 36.0, 48.0] {
                for k in 0..16 {
                    let a = k as f32 * std::f32::consts::TAU / 16.0;
                    let (cx, cy) = (px + d * a.cos(), py + d * a.sin());
                    candidates.push((cx - lw / 2.0, cy - 2.5));
                }
            }
            let boxed = |(x, y): (f32, f32)| [x - 0.5, y - 1.5, x + lw + 0.5, y + 6.0];
            let found = candidates.iter().copied().find(|c| {
                let b = boxed(*c);
                b[0] >= MARGIN
                    && b[2] <= MARGIN + CONTENT_W
                    && b[1] >= y0 - 8.0
                    && b[3] <= y0 + h + 4.0
                    && !taken.iter().any(|t| overlaps(t, &b))
            });
            let at = found.unwrap_or(candidates[0]);
            let (lx, ly) = (at.0 + lw / 2.0, at.1 + 2.5);
            if (lx - px).hypot(ly - py) > 10.0 {
                // The leader: from the marker's edge to the label's.
                let (dx, dy) = (lx - px, ly - py);
                let len = dx.hypot(dy);
                let (ux, uy) = (dx / len, dy / len);
                self.line(
                    px + ux * 3.0,
                    py + uy * 3.0,
                    lx - ux * 4.0,
                    ly - uy * 4.0,
                    0.3,
                    0.5,
                );
            }
            taken.push(boxed(at));
            self.text(at.0, at.1, &label, 7.0, false);
        }
        self.y = y0 - 34.0;
        let rows = groups
            .iter()
            .enumerate()
            .map(|(n, (_, _, members))| {
                let p = &points[members[0]];
                vec![
                    (n + 1).to_string(),
                    members
                        .iter()
                        .map(|&i| points[i].label.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    format!("{:.1}%", p.x),
                    mfi_core::money::rate_range(p.y_low, p.y),
                ]
            })
            .collect();
        self.table(
            &Table {
                header: ["No.", "Offer", x_label, y_label]
                    .map(String::from)
                    .to_vec(),
                numeric: vec![true, false, true, true],
                widths: vec![0.4, 3.6, 1.0, 1.0],
                rows,
                footnotes: Vec::new(),
            },
            8.0,
        );
    }
}

/// The drawing instructions of criterion `c`'s picture card
/// ([`mfi_core::icons::icon`]) in a square `size` points wide whose lower
/// left corner is at (`x`, `y`): circles as four curves, polygons filled
/// and outlined, lines with round ends.
pub fn icon_ops(c: Criterion, x: f32, y: f32, size: f32) -> Vec<Op> {
    let k = size / 100.0;
    // The icon's box has y down; the page's, up.
    let at = |(ix, iy): (f32, f32)| (x + ix * k, y + size - iy * k);
    let col = |c: IconRgb| {
        rgb(
            f32::from(c.0) / 255.0,
            f32::from(c.1) / 255.0,
            f32::from(c.2) / 255.0,
        )
    };
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetLineJoinStyle {
            join: LineJoinStyle::Round,
        },
        Op::SetLineCapStyle {
            cap: LineCapStyle::Round,
        },
    ];
    let paint = |ops: &mut Vec<Op>,
                 points: Vec<LinePoint>,
                 fill: Option<IconRgb>,
                 stroke: Option<(IconRgb, f32)>| {
        if let Some(f) = fill {
            ops.push(Op::SetFillColor { col: col(f) });
        }
        if let Some((s, w)) = stroke {
            ops.push(Op::SetOutlineColor { col: col(s) });
            ops.push(Op::SetOutlineThickness { pt: Pt(w * k) });
        }
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            (false, true) => PaintMode::Stroke,
            (false, false) => return,
        };
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    };
    // A picture's points as the page's, joined by straight lines.
    let straight = |points: Vec<(f32, f32)>| -> Vec<LinePoint> {
        points
            .into_iter()
            .map(|q| {
                let (px, py) = at(q);
                LinePoint {
                    p: pt(px, py),
                    bezier: false,
                }
            })
            .collect()
    };
    for p in icon(c) {
        match p {
            Prim::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let (px, py) = at((cx, cy));
                let ring = Writer::ellipse(px, py, r * k, r * k)
                    .into_iter()
                    .map(|(x, y, bezier)| LinePoint {
                        p: pt(x, y),
                        bezier,
                    })
                    .collect();
                paint(&mut ops, ring, fill, stroke);
            }
            Prim::Polygon {
                points,
                fill,
                stroke,
            } => {
                paint(&mut ops, straight(points), fill, stroke);
            }
            Prim::Line { points, stroke } => {
                ops.push(Op::SetOutlineColor { col: col(stroke.0) });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(stroke.1 * k),
                });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: straight(points),
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops.push(Op::RestoreGraphicsState);
    // Text after it is black, as elsewhere.
    ops.push(Op::SetFillColor {
        col: rgb(0.0, 0.0, 0.0),
    });
    ops
}

impl Writer {
    /// Criterion `c`'s picture card, `size` points square, its lower left
    /// corner at (`x`, `y`).
    pub(crate) fn icon(&mut self, c: Criterion, x: f32, y: f32, size: f32) {
        let ops = icon_ops(c, x, y, size);
        self.ops().extend(ops);
    }
}
