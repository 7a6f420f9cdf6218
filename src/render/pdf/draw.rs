//! Chart description -> printpdf operations: the same shapes the SVG
//! renderer draws, placed at an offset and scale on the page.

use printpdf::{
    ExtendedGraphicsStateId, Line, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt,
    WindingOrder,
};

use super::layout::{color, Layout, PAGE_H};
use crate::report::chart::{Anchor, Chart, Shape};

/// The graphics state that makes fills translucent (registered once by the
/// renderer under this fixed id).
pub const TRANSLUCENT: &str = "GS1";

fn pt(x: f64, y: f64) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x as f32),
            y: Pt((PAGE_H - y) as f32),
        },
        bezier: false,
    }
}

fn polygon(points: Vec<LinePoint>, mode: PaintMode) -> Op {
    Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    }
}

/// Draws `chart` with its top-left corner at (`x0`, `y0`), scaled by `s`.
pub fn chart(l: &mut Layout, c: &Chart, x0: f64, y0: f64, s: f64) {
    let px = |x: f64| x0 + x * s;
    let py = |y: f64| y0 + y * s;
    for shape in &c.shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
                hatch,
            } => {
                let (x1, y1, x2, y2) = (px(*x), py(*y), px(x + w), py(y + h));
                let corners = vec![pt(x1, y1), pt(x2, y1), pt(x2, y2), pt(x1, y2)];
                l.ops().push(Op::SetFillColor { col: color(fill) });
                let mode = match stroke {
                    Some(sc) => {
                        l.ops().extend([
                            Op::SetOutlineColor { col: color(sc) },
                            Op::SetOutlineThickness {
                                pt: Pt(0.6 * s as f32),
                            },
                        ]);
                        PaintMode::FillStroke
                    }
                    None => PaintMode::Fill,
                };
                l.ops().push(polygon(corners, mode));
                if *hatch {
                    hatch_lines(l, x1, y1, x2, y2, 6.0 * s);
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
                width,
                dash,
            } => {
                l.ops().extend([
                    Op::SetOutlineColor { col: color(stroke) },
                    Op::SetOutlineThickness {
                        pt: Pt((width * s) as f32),
                    },
                ]);
                if *dash {
                    l.ops().push(Op::SetLineDashPattern {
                        dash: printpdf::LineDashPattern::new(
                            0.0,
                            &[3.0 * s as f32, 3.0 * s as f32],
                        ),
                    });
                }
                l.ops().push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(px(*x1), py(*y1)), pt(px(*x2), py(*y2))],
                        is_closed: false,
                    },
                });
                if *dash {
                    l.ops().push(Op::SetLineDashPattern {
                        dash: printpdf::LineDashPattern::solid(),
                    });
                }
            }
            Shape::Polygon {
                points,
                fill,
                opacity,
                stroke,
                width,
            } => {
                let pts: Vec<LinePoint> = points.iter().map(|(x, y)| pt(px(*x), py(*y))).collect();
                if let Some(f) = fill {
                    let translucent = *opacity < 1.0;
                    if translucent {
                        l.ops().extend([
                            Op::SaveGraphicsState,
                            Op::LoadGraphicsState {
                                gs: ExtendedGraphicsStateId(TRANSLUCENT.into()),
                            },
                        ]);
                    }
                    l.ops().extend([
                        Op::SetFillColor { col: color(f) },
                        polygon(pts.clone(), PaintMode::Fill),
                    ]);
                    if translucent {
                        l.ops().push(Op::RestoreGraphicsState);
                    }
                }
                if let Some(sc) = stroke {
                    l.ops().extend([
                        Op::SetOutlineColor { col: color(sc) },
                        Op::SetOutlineThickness {
                            pt: Pt((width * s) as f32),
                        },
                        Op::DrawLine {
                            line: Line {
                                points: pts,
                                is_closed: true,
                            },
                        },
                    ]);
                }
            }
            Shape::Circle { cx, cy, r, fill } => {
                // A polygon of 16 sides is a circle at these sizes.
                let pts = (0..16)
                    .map(|i| {
                        let a = std::f64::consts::TAU * f64::from(i) / 16.0;
                        pt(px(*cx) + r * s * a.cos(), py(*cy) + r * s * a.sin())
                    })
                    .collect();
                l.ops().extend([
                    Op::SetFillColor { col: color(fill) },
                    polygon(pts, PaintMode::Fill),
                ]);
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                anchor,
                bold,
                fill,
            } => {
                let size = size * s;
                let w = l.fonts.width(text, size, *bold);
                let left = match anchor {
                    Anchor::Start => px(*x),
                    Anchor::Middle => px(*x) - w / 2.0,
                    Anchor::End => px(*x) - w,
                };
                l.text(left, py(*y), text, size, *bold, fill);
            }
        }
    }
}

/// Diagonal hatching inside a rectangle: 45° lines, computed to end at its
/// edges so that no clipping is needed.
fn hatch_lines(l: &mut Layout, x1: f64, y1: f64, x2: f64, y2: f64, step: f64) {
    l.ops().extend([
        Op::SetOutlineColor {
            col: color("#9a9a9a"),
        },
        Op::SetOutlineThickness { pt: Pt(0.7) },
    ]);
    let (w, h) = (x2 - x1, y2 - y1);
    let mut d = step;
    // Lines x - y = c for c from -h to w, going up-right.
    while d < w + h {
        let (sx, sy) = if d <= h {
            (x1, y1 + d)
        } else {
            (x1 + d - h, y2)
        };
        let (ex, ey) = if d <= w {
            (x1 + d, y1)
        } else {
            (x2, y1 + d - w)
        };
        let (sy, ey) = (sy.min(y2), ey.max(y1));
        l.ops().push(Op::DrawLine {
            line: Line {
                points: vec![pt(sx, sy), pt(ex, ey)],
                is_closed: false,
            },
        });
        d += step;
    }
}
