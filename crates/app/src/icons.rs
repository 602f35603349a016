//! The picture cards' pictures on screen: the drawing of
//! [`mfi_core::icons`] scaled into a rectangle, the same drawing the PDF
//! prints and `assets/icons/*.svg` holds.

use egui::epaint::{CircleShape, PathStroke};
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2};
use mfi_core::data::criteria::Criterion;
use mfi_core::icons::{Prim, Rgb, icon};

/// Paints criterion `c`'s picture, as large as fits, centred in `rect`.
pub fn paint_icon(painter: &Painter, rect: Rect, c: Criterion) {
    painter.extend(icon_shapes(rect, c));
}

/// The shapes of criterion `c`'s picture, as large as fits, centred in
/// `rect`.
pub fn icon_shapes(rect: Rect, c: Criterion) -> Vec<Shape> {
    let side = rect.width().min(rect.height());
    let k = side / 100.0;
    let origin = rect.center() - egui::vec2(side, side) / 2.0;
    let at = |(x, y): (f32, f32)| pos2(origin.x + x * k, origin.y + y * k);
    let colour = |c: Rgb| Color32::from_rgb(c.0, c.1, c.2);
    let stroke =
        |s: Option<(Rgb, f32)>| s.map_or(Stroke::NONE, |(c, w)| Stroke::new(w * k, colour(c)));
    icon(c)
        .into_iter()
        .map(|p| match p {
            Prim::Circle {
                cx,
                cy,
                r,
                fill,
                stroke: s,
            } => Shape::Circle(CircleShape {
                center: at((cx, cy)),
                radius: r * k,
                fill: fill.map_or(Color32::TRANSPARENT, colour),
                stroke: stroke(s),
            }),
            Prim::Polygon {
                points,
                fill,
                stroke: s,
            } => Shape::convex_polygon(
                points.into_iter().map(at).collect::<Vec<Pos2>>(),
                fill.map_or(Color32::TRANSPARENT, colour),
                PathStroke::from(stroke(s)),
            ),
            Prim::Line { points, stroke: s } => Shape::line(
                points.into_iter().map(at).collect(),
                Stroke::new(s.1 * k, colour(s.0)),
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_picture_is_drawn_inside_its_rectangle() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(200.0, 120.0));
        for c in Criterion::ALL {
            let shapes = icon_shapes(rect, c);
            assert_eq!(shapes.len(), icon(c).len(), "{}", c.key());
            // A square 120 wide, centred: the strokes may reach a little
            // beyond the drawing.
            let square = Rect::from_center_size(rect.center(), egui::vec2(120.0, 120.0));
            for s in &shapes {
                let b = s.visual_bounding_rect();
                assert!(
                    square.expand(6.0).contains_rect(b),
                    "{}: {b:?} outside {square:?}",
                    c.key()
                );
            }
        }
    }
}
