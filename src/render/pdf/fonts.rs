//! The embedded font (DejaVu Sans, regular and bold; licence in fonts/) and
//! its glyph advances, measured with ttf-parser: printpdf places text but
//! does not measure or wrap it.

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFontHandle};

const REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");

/// Advance widths of one face, per character, cached for the characters a
/// report uses (Latin and punctuation); others are looked up on demand.
struct Metrics {
    face: ttf_parser::Face<'static>,
    per_em: f64,
    ascii: [f64; 128],
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Metrics {
        // The fonts are compiled in and known to parse; a failure here is a
        // broken build, not bad input.
        let face = ttf_parser::Face::parse(bytes, 0).expect("embedded font parses");
        let per_em = f64::from(face.units_per_em());
        let mut m = Metrics {
            face,
            per_em,
            ascii: [0.0; 128],
        };
        for c in 0..128u8 {
            m.ascii[c as usize] = m.lookup(c as char);
        }
        m
    }

    fn lookup(&self, c: char) -> f64 {
        let gid = self
            .face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'));
        gid.and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(0.0, |a| f64::from(a) / self.per_em)
    }

    /// Width of `s` at 1 pt.
    fn width(&self, s: &str) -> f64 {
        s.chars()
            .map(|c| {
                if (c as u32) < 128 {
                    self.ascii[c as usize]
                } else {
                    self.lookup(c)
                }
            })
            .sum()
    }
}

/// Whether the regular face has a glyph for every visible character of
/// `s` (spaces and control characters need none).
pub fn draws(s: &str) -> bool {
    // Parsing reads the table directory only: cheap.
    let face = ttf_parser::Face::parse(REGULAR, 0).expect("embedded font parses");
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .all(|c| face.glyph_index(c).is_some())
}

pub struct Fonts {
    regular: Metrics,
    bold: Metrics,
    pub regular_id: FontId,
    pub bold_id: FontId,
}

impl Fonts {
    /// Parses both faces and registers them with the document under fixed
    /// ids ("F1", "F2"): printpdf's own ids are random, and the output must
    /// be the same bytes for the same input.
    pub fn load(doc: &mut PdfDocument) -> Fonts {
        let mut warnings = Vec::new();
        let regular_id = FontId("F1".into());
        let bold_id = FontId("F2".into());
        for (id, bytes) in [(&regular_id, REGULAR), (&bold_id, BOLD)] {
            let parsed =
                ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("embedded font parses");
            doc.resources
                .fonts
                .map
                .insert(id.clone(), printpdf::font::PdfFont::new(parsed));
        }
        Fonts {
            regular: Metrics::new(REGULAR),
            bold: Metrics::new(BOLD),
            regular_id,
            bold_id,
        }
    }

    pub fn width(&self, s: &str, size: f64, bold: bool) -> f64 {
        let m = if bold { &self.bold } else { &self.regular };
        m.width(s) * size
    }

    pub fn handle(&self, bold: bool) -> PdfFontHandle {
        PdfFontHandle::External(if bold {
            self.bold_id.clone()
        } else {
            self.regular_id.clone()
        })
    }
}
