//! The embedded font (DejaVu Sans, regular and bold; licence in fonts/),
//! the user's fallback font if any (`--font`), and their glyph advances,
//! measured with ttf-parser: printpdf places text but does not measure or
//! wrap it.
//!
//! Text is drawn with DejaVu Sans; each run of characters it has no glyph
//! for but the fallback has is drawn with the fallback (`runs`), and
//! measured with it, so wrapping and alignment stay right. printpdf embeds
//! every font as a subset of the glyphs used, so a 20 MB CJK font adds only
//! the glyphs of the names drawn with it.

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFontHandle};

use super::fallback::FallbackFont;

const REGULAR: &[u8] = include_bytes!("../../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../fonts/DejaVuSans-Bold.ttf");

/// Advance widths of one face, per character, cached for the characters a
/// report uses (Latin and punctuation); others are looked up on demand.
struct Metrics<'a> {
    face: ttf_parser::Face<'a>,
    per_em: f64,
    ascii: [f64; 128],
}

impl<'a> Metrics<'a> {
    fn new(bytes: &'static [u8]) -> Metrics<'a> {
        // The fonts are compiled in and known to parse; a failure here is a
        // broken build, not bad input.
        let face = ttf_parser::Face::parse(bytes, 0).expect("embedded font parses");
        Metrics::of(face)
    }

    fn of(face: ttf_parser::Face<'a>) -> Metrics<'a> {
        // A damaged head table may say 0 units per em: never divide by it.
        let per_em = f64::from(face.units_per_em().max(1));
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

    /// Advance of `c` at 1 pt (that of '?' when the face lacks it).
    fn advance(&self, c: char) -> f64 {
        if (c as u32) < 128 {
            self.ascii[c as usize]
        } else {
            self.lookup(c)
        }
    }

    fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }
}

/// Characters that need no glyph of their own to be read.
fn blank(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

/// Splits `s` into runs for the built-in font (`false`) and the fallback
/// (`true`): a character goes to the fallback when the built-in font lacks
/// it and the fallback has it. Spaces stay in the run they are in, so a
/// name in one script is one run. Pure, for testing with any predicates.
pub fn runs(
    s: &str,
    builtin_has: impl Fn(char) -> bool,
    fallback_has: impl Fn(char) -> bool,
) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let want = if blank(c) {
            // The run's own font if it has the space, else the built-in one.
            current == Some(true) && fallback_has(c)
        } else {
            !builtin_has(c) && fallback_has(c)
        };
        match current {
            Some(cur) if cur != want => {
                out.push((cur, &s[start..i]));
                start = i;
            }
            _ => {}
        }
        current = Some(want);
    }
    if let Some(cur) = current {
        out.push((cur, &s[start..]));
    }
    out
}

/// What can draw a report's letters: the built-in regular face and the
/// fallback's, if any. For the warning about names the PDF cannot draw.
pub struct Coverage<'a> {
    builtin: ttf_parser::Face<'static>,
    fallback: Option<ttf_parser::Face<'a>>,
}

impl<'a> Coverage<'a> {
    pub fn new(fallback: Option<&'a FallbackFont>) -> Coverage<'a> {
        Coverage {
            // Parsing reads the table directory only: cheap.
            builtin: ttf_parser::Face::parse(REGULAR, 0).expect("embedded font parses"),
            // Checked when it was loaded.
            fallback: fallback.and_then(|f| ttf_parser::Face::parse(&f.bytes, f.index).ok()),
        }
    }

    /// Whether one of the fonts has a glyph for every visible character of
    /// `s` (spaces and control characters need none).
    pub fn draws(&self, s: &str) -> bool {
        s.chars().filter(|c| !blank(*c)).all(|c| {
            self.builtin.glyph_index(c).is_some()
                || self
                    .fallback
                    .as_ref()
                    .is_some_and(|f| f.glyph_index(c).is_some())
        })
    }
}

pub struct Fonts<'a> {
    regular: Metrics<'static>,
    bold: Metrics<'static>,
    /// The user's font, for both weights: a CJK font seldom comes with a
    /// bold face in the same file.
    fallback: Option<Metrics<'a>>,
    pub regular_id: FontId,
    pub bold_id: FontId,
    pub fallback_id: FontId,
}

impl<'a> Fonts<'a> {
    /// Parses both faces (and the fallback) and registers them with the
    /// document under fixed ids ("F1", "F2", "F3"): printpdf's own ids are
    /// random, and the output must be the same bytes for the same input.
    /// printpdf embeds only fonts that draw something, so a fallback no
    /// text needs adds nothing to the file.
    pub fn load(doc: &mut PdfDocument, fallback: Option<&'a FallbackFont>) -> Fonts<'a> {
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
        let fallback_id = FontId("F3".into());
        let fallback = fallback.and_then(|f| {
            // Both parsers accepted it when it was loaded; should either
            // refuse now, the text is drawn as without a fallback.
            let face = ttf_parser::Face::parse(&f.bytes, f.index).ok()?;
            let parsed = ParsedFont::from_bytes(&f.bytes, f.index as usize, &mut warnings)?;
            doc.resources
                .fonts
                .map
                .insert(fallback_id.clone(), printpdf::font::PdfFont::new(parsed));
            Some(Metrics::of(face))
        });
        Fonts {
            regular: Metrics::new(REGULAR),
            bold: Metrics::new(BOLD),
            fallback,
            regular_id,
            bold_id,
            fallback_id,
        }
    }

    fn builtin(&self, bold: bool) -> &Metrics<'static> {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// `s` split into runs of one font each (`true`: the fallback); one run
    /// when there is no fallback.
    pub fn runs<'s>(&self, s: &'s str, bold: bool) -> Vec<(bool, &'s str)> {
        match &self.fallback {
            None => vec![(false, s)],
            Some(f) => runs(s, |c| self.builtin(bold).has(c), |c| f.has(c)),
        }
    }

    pub fn width(&self, s: &str, size: f64, bold: bool) -> f64 {
        let b = self.builtin(bold);
        let w: f64 = match &self.fallback {
            None => s.chars().map(|c| b.advance(c)).sum(),
            Some(f) => self
                .runs(s, bold)
                .into_iter()
                .map(|(fb, run)| {
                    let m = if fb { f } else { b };
                    run.chars().map(|c| m.advance(c)).sum::<f64>()
                })
                .sum(),
        };
        w * size
    }

    /// The font for a run: the built-in face of that weight, or the
    /// fallback (`runs` says which).
    pub fn handle(&self, bold: bool, fallback: bool) -> PdfFontHandle {
        PdfFontHandle::External(if fallback {
            self.fallback_id.clone()
        } else if bold {
            self.bold_id.clone()
        } else {
            self.regular_id.clone()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::runs;

    /// Stand-ins for the two fonts: the built-in one draws Latin, the
    /// fallback draws CJK and spaces.
    fn latin(c: char) -> bool {
        c.is_ascii()
    }
    fn cjk(c: char) -> bool {
        !c.is_ascii() || c == ' '
    }

    #[test]
    fn latin_text_is_one_builtin_run() {
        assert_eq!(runs("Team A", latin, cjk), vec![(false, "Team A")]);
        assert_eq!(runs("", latin, cjk), vec![]);
    }

    #[test]
    fn letters_only_the_fallback_has_are_its_runs() {
        assert_eq!(
            runs("Team 工程部 (2)", latin, cjk),
            vec![(false, "Team "), (true, "工程部 "), (false, "(2)")]
        );
        assert_eq!(runs("営業 영업", latin, cjk), vec![(true, "営業 영업")]);
    }

    #[test]
    fn spaces_stay_with_the_builtin_font_when_the_fallback_lacks_them() {
        let no_space = |c: char| !c.is_ascii();
        assert_eq!(
            runs("東京 x", latin, no_space),
            vec![(true, "東京"), (false, " x")]
        );
    }

    #[test]
    fn letters_neither_font_has_stay_with_the_builtin_font() {
        let nothing = |_: char| false;
        assert_eq!(runs("a東b", latin, nothing), vec![(false, "a東b")]);
    }

    #[test]
    fn the_built_in_font_alone_draws_latin_and_lacks_cjk() {
        // The real DejaVu Sans: what the split decides with.
        let face = ttf_parser::Face::parse(super::REGULAR, 0).unwrap();
        let has = |c: char| face.glyph_index(c).is_some();
        assert!(has('Z') && has('ü') && has('–') && has('Ж'));
        assert!(!has('工') && !has('営') && !has('영'));
        assert_eq!(
            runs("Zürich 工程部", has, |c: char| !has(c)),
            vec![(false, "Zürich "), (true, "工程部")]
        );
    }
}
