//! The picture cards' pictures: one drawing per criterion, for the members
//! who read little, as plain drawing primitives in a 100 x 100 box (y
//! pointing down). The app paints them on the meeting's projector, the PDF
//! prints them on the paper form, and `assets/icons/<key>.svg` holds the
//! same drawing as a standalone file ([`svg`]; a test keeps the two equal).
//!
//! Every filled polygon is convex and clockwise on the page (egui fills only
//! convex paths, clockwise fastest): a shape that is not convex (the
//! crescent, the star) is built from convex pieces and outlined with a line.

use crate::data::criteria::Criterion;
use crate::i18n::{Lang, tr};
use std::f32::consts::PI;
use std::fmt::Write as _;

/// A colour: red, green, blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// One drawing primitive, in the 100 x 100 box of an icon (y down).
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// A circle.
    Circle {
        /// Centre, x.
        cx: f32,
        /// Centre, y.
        cy: f32,
        /// Radius.
        r: f32,
        /// Its fill.
        fill: Option<Rgb>,
        /// Its outline: colour and width.
        stroke: Option<(Rgb, f32)>,
    },
    /// A closed convex polygon, clockwise on the page.
    Polygon {
        /// Its corners.
        points: Vec<(f32, f32)>,
        /// Its fill.
        fill: Option<Rgb>,
        /// Its outline: colour and width.
        stroke: Option<(Rgb, f32)>,
    },
    /// An open line through the points (closed when the last is the first).
    Line {
        /// The points it passes through.
        points: Vec<(f32, f32)>,
        /// Colour and width.
        stroke: (Rgb, f32),
    },
}

/// The outlines' ink: nearly black, bold on a projector and in print.
const INK: Rgb = Rgb(34, 34, 34);
const WHITE: Rgb = Rgb(255, 255, 255);
const GOLD: Rgb = Rgb(244, 196, 48);
const GOLD_SIDE: Rgb = Rgb(205, 150, 30);
/// The outline's width.
const W: f32 = 2.6;

/// The translation key of a criterion's card.
pub fn card_key(c: Criterion) -> &'static str {
    match c {
        Criterion::TrueCost => "card.true_cost",
        Criterion::TotalCost => "card.total_cost",
        Criterion::Affordability => "card.affordability",
        Criterion::Access => "card.access",
        Criterion::Insurance => "card.insurance",
        Criterion::Services => "card.services",
        Criterion::Fit => "card.fit",
        Criterion::Flexibility => "card.flexibility",
    }
}

/// The words on a criterion's card ("Low yearly rate"), in `lang`.
pub fn card_label(lang: Lang, c: Criterion) -> &'static str {
    tr(lang, card_key(c))
}

/// A criterion's picture.
pub fn icon(c: Criterion) -> Vec<Prim> {
    match c {
        Criterion::TrueCost => price_tag(),
        Criterion::TotalCost => coins(),
        Criterion::Affordability => purse(),
        Criterion::Access => footsteps(),
        Criterion::Insurance => umbrella(),
        Criterion::Services => book(),
        Criterion::Fit => crescent(),
        Criterion::Flexibility => calendar(),
    }
}

/// A criterion's picture as a standalone SVG file (100 x 100).
pub fn svg(c: Criterion) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\" width=\"100\" height=\"100\">"
    );
    let _ = writeln!(s, "  <title>{}</title>", card_label(Lang::En, c));
    for p in icon(c) {
        match p {
            Prim::Circle {
                cx,
                cy,
                r,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    s,
                    "  <circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                    num(cx),
                    num(cy),
                    num(r),
                    paint(fill, stroke)
                );
            }
            Prim::Polygon {
                points,
                fill,
                stroke,
            } => {
                let _ = writeln!(
                    s,
                    "  <polygon points=\"{}\"{}/>",
                    svg_points(&points),
                    paint(fill, stroke)
                );
            }
            Prim::Line { points, stroke } => {
                let _ = writeln!(
                    s,
                    "  <polyline points=\"{}\"{} stroke-linecap=\"round\"/>",
                    svg_points(&points),
                    paint(None, Some(stroke))
                );
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// A coordinate to a hundredth, without trailing zeros.
fn num(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn svg_points(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|&(x, y)| format!("{},{}", num(x), num(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn paint(fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) -> String {
    let mut s = format!(" fill=\"{}\"", fill.map_or("none".into(), hex));
    if let Some((c, w)) = stroke {
        let _ = write!(
            s,
            " stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\"",
            hex(c),
            num(w)
        );
    }
    s
}

// The pieces pictures are made of.

/// Points on an ellipse's arc from `from` to `to` degrees (0 to the right,
/// 90 down), `n` steps, both ends included.
fn arc(cx: f32, cy: f32, rx: f32, ry: f32, from: f32, to: f32, n: usize) -> Vec<(f32, f32)> {
    (0..=n)
        .map(|k| {
            let a = (from + (to - from) * k as f32 / n as f32) * PI / 180.0;
            (cx + rx * a.cos(), cy + ry * a.sin())
        })
        .collect()
}

/// The signed area of a ring: positive when clockwise on the page (y down).
pub fn signed_area(points: &[(f32, f32)]) -> f32 {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = (points[i], points[(i + 1) % n]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f32>()
        / 2.0
}

/// A filled convex polygon, turned clockwise.
fn poly(mut points: Vec<(f32, f32)>, fill: Rgb, stroke: Option<(Rgb, f32)>) -> Prim {
    // A ring that ends where it starts says its first corner twice.
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if signed_area(&points) < 0.0 {
        points.reverse();
    }
    Prim::Polygon {
        points,
        fill: Some(fill),
        stroke,
    }
}

/// A piece of a larger shape: filled, its edge in its own colour so that
/// no seam shows between pieces.
fn piece(points: Vec<(f32, f32)>, fill: Rgb) -> Prim {
    poly(points, fill, Some((fill, 0.6)))
}

/// A filled ellipse (a polygon), turned by `turn` degrees.
fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32, turn: f32, fill: Rgb) -> Prim {
    let (s, c) = (turn * PI / 180.0).sin_cos();
    let points = arc(0.0, 0.0, rx, ry, 0.0, 360.0, 32)
        .into_iter()
        .take(32)
        .map(|(x, y)| (cx + x * c - y * s, cy + x * s + y * c))
        .collect();
    poly(points, fill, None)
}

fn circle(cx: f32, cy: f32, r: f32, fill: Option<Rgb>, stroke: Option<(Rgb, f32)>) -> Prim {
    Prim::Circle {
        cx,
        cy,
        r,
        fill,
        stroke,
    }
}

fn line(points: Vec<(f32, f32)>, colour: Rgb, width: f32) -> Prim {
    Prim::Line {
        points,
        stroke: (colour, width),
    }
}

/// "Rs" written with lines, its left edge at `x`, its baseline at `y`,
/// `h` tall.
fn rs(x: f32, y: f32, h: f32, width: f32) -> Vec<Prim> {
    let u = h / 10.0;
    let p = |dx: f32, dy: f32| (x + dx * u, y - dy * u);
    let mut bowl = vec![p(0.0, 10.0), p(3.4, 10.0)];
    bowl.extend(
        arc(x + 3.4 * u, y - 7.5 * u, 2.5 * u, 2.5 * u, -90.0, 90.0, 8)
            .into_iter()
            .skip(1),
    );
    bowl.push(p(0.0, 5.0));
    let mut s = arc(
        x + 9.3 * u,
        y - 5.6 * u,
        1.9 * u,
        1.4 * u,
        -20.0,
        -270.0,
        10,
    );
    s.extend(arc(
        x + 9.1 * u,
        y - 1.5 * u,
        2.1 * u,
        1.5 * u,
        -90.0,
        160.0,
        10,
    ));
    vec![
        line(vec![p(0.0, 0.0), p(0.0, 10.0)], INK, width),
        line(bowl, INK, width),
        line(vec![p(2.6, 5.0), p(5.6, 0.0)], INK, width),
        line(s, INK, width),
    ]
}

/// A coin lying flat, seen from the side: its edge, then its face. `y` is
/// the centre of its lower face.
fn flat_coin(cx: f32, y: f32, rx: f32, ry: f32, thick: f32) -> Vec<Prim> {
    let top = y - thick;
    let mut body = arc(cx, top, rx, ry, 180.0, 360.0, 12);
    body.extend(arc(cx, y, rx, ry, 0.0, 180.0, 12));
    let face = arc(cx, top, rx, ry, 0.0, 360.0, 24)
        .into_iter()
        .take(24)
        .collect();
    vec![
        poly(body, GOLD_SIDE, Some((INK, 1.8))),
        poly(face, GOLD, Some((INK, 1.8))),
    ]
}

/// A coin standing, seen from the front, with "Rs" on it.
fn standing_coin(cx: f32, cy: f32, r: f32) -> Vec<Prim> {
    let mut out = vec![
        circle(cx, cy, r, Some(GOLD), Some((INK, W))),
        circle(cx, cy, r * 0.78, None, Some((GOLD_SIDE, 1.6))),
    ];
    out.extend(rs(cx - r * 0.5, cy + r * 0.4, r * 0.8, 2.2));
    out
}

// The pictures.

/// A price tag with a % sign: the yearly rate.
fn price_tag() -> Vec<Prim> {
    let orange = Rgb(243, 156, 18);
    vec![
        poly(
            vec![
                (6.0, 50.0),
                (28.0, 24.0),
                (94.0, 24.0),
                (94.0, 76.0),
                (28.0, 76.0),
            ],
            orange,
            Some((INK, 3.0)),
        ),
        // The hole and its string.
        circle(22.0, 50.0, 5.0, Some(WHITE), Some((INK, 2.2))),
        line(
            vec![(19.0, 47.0), (12.0, 38.0), (9.0, 25.0), (13.0, 10.0)],
            INK,
            2.2,
        ),
        // %.
        circle(48.0, 38.0, 7.0, Some(WHITE), Some((INK, 4.0))),
        circle(76.0, 62.0, 7.0, Some(WHITE), Some((INK, 4.0))),
        line(vec![(80.0, 32.0), (44.0, 68.0)], INK, 5.0),
    ]
}

/// Two stacks of coins and a rupee: the rupees paid back in all.
fn coins() -> Vec<Prim> {
    let mut out = Vec::new();
    let (rx, ry, thick) = (17.0, 6.0, 7.0);
    // The taller stack behind, then the shorter, then a coin standing.
    for (cx, n) in [(58.0, 9), (28.0, 6)] {
        for k in 0..n {
            out.extend(flat_coin(cx, 90.0 - k as f32 * thick, rx, ry, thick));
        }
    }
    out.extend(standing_coin(76.0, 72.0, 19.0));
    out
}

/// A purse with a rupee coin: what she can pay each time.
fn purse() -> Vec<Prim> {
    let red = Rgb(192, 57, 43);
    let dark = Rgb(146, 43, 33);
    let mut out = vec![
        // The handle.
        line(arc(50.0, 40.0, 22.0, 24.0, 180.0, 360.0, 16), INK, 5.0),
        // The body, then its clasp band.
        poly(
            vec![
                (22.0, 38.0),
                (78.0, 38.0),
                (90.0, 80.0),
                (86.0, 90.0),
                (14.0, 90.0),
                (10.0, 80.0),
            ],
            red,
            Some((INK, 3.0)),
        ),
        poly(
            vec![(22.0, 38.0), (78.0, 38.0), (80.5, 47.0), (19.5, 47.0)],
            dark,
            Some((INK, 2.2)),
        ),
        circle(45.0, 36.0, 3.6, Some(GOLD), Some((INK, 1.8))),
        circle(55.0, 36.0, 3.6, Some(GOLD), Some((INK, 1.8))),
    ];
    out.extend(standing_coin(50.0, 68.0, 15.0));
    out
}

/// Footsteps to a house: the office is near, she can walk there.
fn footsteps() -> Vec<Prim> {
    let brown = Rgb(93, 64, 55);
    let roof = Rgb(192, 57, 43);
    let wall = Rgb(245, 222, 179);
    let mut out = vec![
        poly(
            vec![(58.0, 36.0), (76.0, 20.0), (94.0, 36.0)],
            wall,
            Some((INK, 2.2)),
        ),
        poly(
            vec![(61.0, 36.0), (91.0, 36.0), (91.0, 60.0), (61.0, 60.0)],
            wall,
            Some((INK, 2.6)),
        ),
        poly(
            vec![(54.0, 38.0), (76.0, 14.0), (98.0, 38.0)],
            roof,
            Some((INK, 2.6)),
        ),
        poly(
            vec![(71.0, 44.0), (81.0, 44.0), (81.0, 60.0), (71.0, 60.0)],
            Rgb(120, 80, 40),
            Some((INK, 1.8)),
        ),
    ];
    // Three steps from the bottom left towards the door.
    let (dx, dy) = (0.74_f32, -0.67_f32);
    let turn = dy.atan2(dx) * 180.0 / PI + 90.0;
    for k in 0..3 {
        let t = k as f32 * 19.5;
        let side = if k % 2 == 0 { 7.0 } else { -7.0 };
        // Perpendicular to the way she walks.
        let (px, py) = (-dy * side, dx * side);
        let (cx, cy) = (12.0 + dx * t + px, 85.0 + dy * t + py);
        out.push(ellipse(cx, cy, 6.5, 10.5, turn, brown));
        // The toes, at the front of the sole, the big toe inside.
        let inside = if k % 2 == 0 { 1.0 } else { -1.0 };
        for (j, off) in [-4.6_f32, -1.5, 1.5, 4.4].iter().enumerate() {
            let reach = 14.5 - (j as f32 - 0.8).abs() * 1.3;
            let off = off * inside;
            let (tx, ty) = (cx + dx * reach - dy * off, cy + dy * reach + dx * off);
            out.push(circle(tx, ty, 2.7 - j as f32 * 0.3, Some(brown), None));
        }
    }
    out
}

/// An umbrella in the rain: insurance.
fn umbrella() -> Vec<Prim> {
    let (blue, light) = (Rgb(41, 128, 185), Rgb(133, 193, 233));
    let (cx, base, r) = (50.0, 52.0, 42.0);
    let tip = (cx, base - r);
    let mut out = Vec::new();
    // The canopy in four panels from its tip to the rim.
    let mut left = vec![tip];
    left.extend(arc(cx, base, r, r, 270.0, 180.0, 12).into_iter().skip(1));
    left.push((cx - r / 2.0, base));
    out.push(poly(left, blue, Some((INK, W))));
    out.push(poly(
        vec![tip, (cx - r / 2.0, base), (cx, base)],
        light,
        Some((INK, W)),
    ));
    out.push(poly(
        vec![tip, (cx, base), (cx + r / 2.0, base)],
        blue,
        Some((INK, W)),
    ));
    let mut right = vec![tip, (cx + r / 2.0, base)];
    right.extend(arc(cx, base, r, r, 0.0, -90.0, 12).into_iter().take(12));
    out.push(poly(right, light, Some((INK, W))));
    // The tip, the shaft and its hook.
    out.push(line(vec![tip, (cx, tip.1 - 6.0)], INK, 4.0));
    let mut handle = vec![(cx, base), (cx, 84.0)];
    handle.extend(
        arc(cx - 7.0, 84.0, 7.0, 7.0, 0.0, 180.0, 10)
            .into_iter()
            .skip(1),
    );
    out.push(line(handle, INK, 5.0));
    // Rain falls beside it.
    for (x, y) in [(12.0, 72.0), (24.0, 90.0), (86.0, 74.0), (74.0, 92.0)] {
        let mut drop = vec![(x, y - 9.0)];
        drop.extend(arc(x, y, 4.0, 4.0, -30.0, 210.0, 12));
        out.push(poly(drop, light, Some((INK, 1.6))));
    }
    out
}

/// An open book: training and services.
fn book() -> Vec<Prim> {
    let cover = Rgb(22, 160, 133);
    let paper = Rgb(253, 246, 227);
    let grey = Rgb(120, 120, 120);
    let mut out = vec![
        poly(
            vec![(3.0, 30.0), (50.0, 38.0), (50.0, 90.0), (3.0, 82.0)],
            cover,
            Some((INK, W)),
        ),
        poly(
            vec![(50.0, 38.0), (97.0, 30.0), (97.0, 82.0), (50.0, 90.0)],
            cover,
            Some((INK, W)),
        ),
        poly(
            vec![(8.0, 20.0), (50.0, 30.0), (50.0, 84.0), (8.0, 76.0)],
            paper,
            Some((INK, W)),
        ),
        poly(
            vec![(50.0, 30.0), (92.0, 20.0), (92.0, 76.0), (50.0, 84.0)],
            paper,
            Some((INK, W)),
        ),
    ];
    // Lines of writing, sloping with the pages.
    for k in 0..5 {
        let off = 12.0 + k as f32 * 10.0;
        out.push(line(
            vec![(14.0, 20.0 + off + 1.4), (44.0, 20.0 + off + 8.6)],
            grey,
            2.4,
        ));
        out.push(line(
            vec![(56.0, 20.0 + off + 8.6), (86.0, 20.0 + off + 1.4)],
            grey,
            2.4,
        ));
    }
    out
}

/// A crescent and a star: Islamic financing, a loan that fits her.
fn crescent() -> Vec<Prim> {
    let green = Rgb(30, 132, 73);
    let (c1, r1) = ((44.0_f32, 52.0_f32), 38.0_f32);
    let (c2, r2) = ((60.0_f32, 42.0_f32), 31.0_f32);
    // Where the two circles meet.
    let (dx, dy) = (c2.0 - c1.0, c2.1 - c1.1);
    let d = (dx * dx + dy * dy).sqrt();
    let a = (r1 * r1 - r2 * r2 + d * d) / (2.0 * d);
    let h = (r1 * r1 - a * a).max(0.0).sqrt();
    let (mx, my) = (c1.0 + a * dx / d, c1.1 + a * dy / d);
    let p = (mx - h * dy / d, my + h * dx / d);
    let q = (mx + h * dy / d, my - h * dx / d);
    let angle = |c: (f32, f32), pt: (f32, f32)| (pt.1 - c.1).atan2(pt.0 - c.0) * 180.0 / PI;
    // The outer arc goes the long way round, away from the inner circle;
    // the inner arc the short way, inside the outer circle.
    let (o0, mut o1) = (angle(c1, p), angle(c1, q));
    let (i0, mut i1) = (angle(c2, p), angle(c2, q));
    let toward = dy.atan2(dx) * 180.0 / PI;
    let contains = |from: f32, to: f32, x: f32| {
        let span = (to - from).rem_euclid(360.0);
        (x - from).rem_euclid(360.0) <= span
    };
    // Choose the direction from p to q on each circle.
    if contains(o0, o0 + (o1 - o0).rem_euclid(360.0), toward) {
        o1 = o0 - (o0 - o1).rem_euclid(360.0);
    } else {
        o1 = o0 + (o1 - o0).rem_euclid(360.0);
    }
    let inner_mid_ccw = i0 + (i1 - i0).rem_euclid(360.0) / 2.0;
    let mid = (
        c2.0 + r2 * (inner_mid_ccw * PI / 180.0).cos(),
        c2.1 + r2 * (inner_mid_ccw * PI / 180.0).sin(),
    );
    let inside = (mid.0 - c1.0).powi(2) + (mid.1 - c1.1).powi(2) < r1 * r1;
    i1 = if inside {
        i0 + (i1 - i0).rem_euclid(360.0)
    } else {
        i0 - (i0 - i1).rem_euclid(360.0)
    };
    let n = 28;
    let outer = arc(c1.0, c1.1, r1, r1, o0, o1, n);
    let inner = arc(c2.0, c2.1, r2, r2, i0, i1, n);
    let mut out = Vec::new();
    for k in 0..n {
        let mut quad = vec![outer[k], outer[k + 1], inner[k + 1], inner[k]];
        // The horns end in a point: a triangle.
        quad.dedup_by(|a, b| (a.0 - b.0).abs() < 0.05 && (a.1 - b.1).abs() < 0.05);
        if quad.len() > 2 && (quad[0].0 - quad[quad.len() - 1].0).abs() < 0.05 {
            let last = quad[quad.len() - 1];
            if (last.1 - quad[0].1).abs() < 0.05 {
                quad.pop();
            }
        }
        out.push(piece(quad, green));
    }
    let mut outline = outer.clone();
    outline.extend(inner.iter().rev().skip(1));
    out.push(line(outline, INK, 2.2));
    // A five-pointed star: a pentagon and its five points.
    let (sx, sy, ro, ri) = (76.0, 36.0, 13.0, 5.2);
    let star: Vec<(f32, f32)> = (0..10)
        .map(|k| {
            let r = if k % 2 == 0 { ro } else { ri };
            let a = (-90.0 + 36.0 * k as f32) * PI / 180.0;
            (sx + r * a.cos(), sy + r * a.sin())
        })
        .collect();
    let inner: Vec<(f32, f32)> = star.iter().skip(1).step_by(2).copied().collect();
    out.push(piece(inner, green));
    for k in 0..5 {
        let tip = star[2 * k];
        let before = star[(2 * k + 9) % 10];
        let after = star[2 * k + 1];
        out.push(piece(vec![before, tip, after], green));
    }
    let mut star_line = star.clone();
    star_line.push(star[0]);
    out.push(line(star_line, INK, 1.8));
    out
}

/// A wall calendar with a due date moved: flexible terms and dates.
fn calendar() -> Vec<Prim> {
    let red = Rgb(231, 76, 60);
    let grey = Rgb(210, 210, 210);
    let (moved_from, moved_to) = (Rgb(243, 156, 18), Rgb(39, 174, 96));
    let mut out = vec![
        poly(
            vec![(10.0, 16.0), (90.0, 16.0), (90.0, 92.0), (10.0, 92.0)],
            WHITE,
            Some((INK, 3.0)),
        ),
        poly(
            vec![(10.0, 16.0), (90.0, 16.0), (90.0, 34.0), (10.0, 34.0)],
            red,
            Some((INK, 3.0)),
        ),
    ];
    for x in [30.0, 70.0] {
        out.push(poly(
            vec![
                (x - 3.0, 8.0),
                (x + 3.0, 8.0),
                (x + 3.0, 24.0),
                (x - 3.0, 24.0),
            ],
            Rgb(80, 80, 80),
            Some((INK, 1.6)),
        ));
    }
    // The days, four by three; a due date moved three days on, the days
    // between left out for the arrow.
    let (cw, ch) = (17.0, 15.0);
    for r in 0..3 {
        for c in 0..4 {
            let (x, y) = (16.0 + c as f32 * cw, 41.0 + r as f32 * ch);
            let fill = match (r, c) {
                (2, 0) => moved_from,
                (2, 3) => moved_to,
                (2, _) => continue,
                _ => grey,
            };
            out.push(poly(
                vec![
                    (x, y),
                    (x + cw - 3.0, y),
                    (x + cw - 3.0, y + ch - 3.0),
                    (x, y + ch - 3.0),
                ],
                fill,
                Some((INK, 1.2)),
            ));
        }
    }
    let mid = 41.0 + 2.0 * ch + (ch - 3.0) / 2.0;
    out.push(line(vec![(33.0, mid), (58.0, mid)], INK, 4.0));
    out.push(poly(
        vec![(65.0, mid), (56.0, mid - 6.0), (56.0, mid + 6.0)],
        INK,
        None,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polygons(c: Criterion) -> Vec<Vec<(f32, f32)>> {
        icon(c)
            .into_iter()
            .filter_map(|p| match p {
                Prim::Polygon {
                    points,
                    fill: Some(_),
                    ..
                } => Some(points),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_filled_polygon_is_convex_and_clockwise() {
        for c in Criterion::ALL {
            for (k, p) in polygons(c).iter().enumerate() {
                assert!(
                    p.len() >= 3,
                    "{}: polygon {k} has {} points",
                    c.key(),
                    p.len()
                );
                assert!(
                    signed_area(p) > 0.0,
                    "{}: polygon {k} is not clockwise: {p:?}",
                    c.key()
                );
                // Every turn the same way (clockwise): a cross product of
                // consecutive edges never negative, beyond rounding.
                let n = p.len();
                for i in 0..n {
                    let (a, b, d) = (p[i], p[(i + 1) % n], p[(i + 2) % n]);
                    let cross = (b.0 - a.0) * (d.1 - b.1) - (b.1 - a.1) * (d.0 - b.0);
                    assert!(
                        cross > -1e-3,
                        "{}: polygon {k} turns back at corner {}: {p:?}",
                        c.key(),
                        (i + 1) % n
                    );
                }
            }
        }
    }

    #[test]
    fn every_picture_stays_in_its_box_and_has_colour() {
        for c in Criterion::ALL {
            let prims = icon(c);
            assert!(prims.len() >= 3, "{}", c.key());
            let mut coloured = false;
            for p in &prims {
                let (points, pad) = match p {
                    Prim::Circle {
                        cx, cy, r, fill, ..
                    } => {
                        coloured |= fill.is_some_and(|f| f != WHITE && f != INK);
                        (vec![(cx - r, cy - r), (cx + r, cy + r)], 0.0)
                    }
                    Prim::Polygon { points, fill, .. } => {
                        coloured |= fill.is_some_and(|f| f != WHITE && f != INK);
                        (points.clone(), 0.0)
                    }
                    Prim::Line { points, stroke } => (points.clone(), stroke.1 / 2.0),
                };
                for (x, y) in points {
                    assert!(
                        (-pad..=100.0 + pad).contains(&x) && (-pad..=100.0 + pad).contains(&y),
                        "{}: ({x}, {y}) outside the box",
                        c.key()
                    );
                }
            }
            assert!(coloured, "{}: no coloured fill", c.key());
        }
    }

    /// The bundled SVG files are the drawing: regenerate them with
    /// `UPDATE_ICONS=1 cargo test -p mfi-core icons`.
    #[test]
    fn the_bundled_svg_files_are_the_drawing() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/icons");
        let update = std::env::var_os("UPDATE_ICONS").is_some();
        for c in Criterion::ALL {
            let file = dir.join(format!("{}.svg", c.key()));
            let drawn = svg(c);
            if update {
                std::fs::create_dir_all(&dir).expect("assets/icons can be made");
                std::fs::write(&file, &drawn).expect("the icon can be written");
            }
            let bundled = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(
                bundled == drawn,
                "{} differs from the drawing in crates/core/src/icons.rs: \
                 regenerate the files with UPDATE_ICONS=1 cargo test -p mfi-core icons",
                file.display()
            );
        }
        assert!(dir.join("LICENSE").exists(), "assets/icons/LICENSE");
    }

    #[test]
    fn every_card_has_its_words_in_both_languages() {
        for c in Criterion::ALL {
            let en = card_label(Lang::En, c);
            let ur = card_label(Lang::Ur, c);
            assert_ne!(en, card_key(c), "{}: no English words", c.key());
            assert_ne!(en, ur, "{}: no Urdu words", c.key());
        }
        assert_eq!(card_label(Lang::En, Criterion::Insurance), "Insurance");
    }
}
