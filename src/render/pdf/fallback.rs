//! The fallback font a user names (`report --font FILE`): read, checked and
//! kept as bytes, so the PDF can draw what the built-in DejaVu Sans lacks
//! (Chinese, Japanese, Korean, …). Nothing here looks for fonts on its own:
//! the output must depend on the inputs only, not on the machine
//! (`suggest` below only names a font in a warning).
//!
//! A font file is input like any other: its size is capped before it is
//! read, and every way it can be wrong is an error naming the file and the
//! problem, never a panic (ttf-parser returns errors; printpdf's own parser
//! runs behind `catch_unwind` as a last guard).

use std::io::Read;
use std::path::Path;

/// A font file's bytes and the face of it to use.
pub struct FallbackFont {
    /// The file as the user named it, for messages.
    pub label: String,
    pub bytes: Vec<u8>,
    /// The face in a collection (`.ttc`); 0 for a single font.
    pub index: u32,
    /// The face's family name, for messages ("WenQuanYi Micro Hei").
    pub family: String,
}

impl std::fmt::Debug for FallbackFont {
    // The bytes would print megabytes.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FallbackFont({} #{}, {})",
            self.label, self.index, self.family
        )
    }
}

impl FallbackFont {
    /// Reads and checks `path` (at most [`crate::limits::MAX_FONT_FILE`]
    /// bytes). Errors are one line naming the file.
    pub fn load(path: &Path, index: u32) -> Result<FallbackFont, String> {
        let label = path.display().to_string();
        let cap = crate::limits::MAX_FONT_FILE;
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
            .map_err(|e| {
                format!(
                    "cannot read the font {label}: {}",
                    crate::survey::input::io_reason(&e)
                )
            })?;
        if bytes.len() as u64 > cap {
            return Err(format!(
                "cannot use the font {label}: larger than {} MB, the most a font file is read",
                cap >> 20
            ));
        }
        FallbackFont::from_bytes(bytes, index, label)
    }

    /// Checks `bytes` as a font: a TrueType or OpenType font or collection,
    /// the face `index` present, with a Unicode character map, and one that
    /// printpdf can embed.
    pub fn from_bytes(bytes: Vec<u8>, index: u32, label: String) -> Result<FallbackFont, String> {
        // ttf-parser returns errors, but has debug assertions that a
        // damaged font can trip in a debug build (found by the damaged-font
        // test), and printpdf's parser is less careful: a panic in either
        // is this font's error, not the program's.
        let checked = std::panic::catch_unwind(|| check(&bytes, index))
            .unwrap_or_else(|_| Err("a damaged font (it cannot be parsed)".to_string()));
        match checked {
            Ok(family) => Ok(FallbackFont {
                label,
                bytes,
                index,
                family,
            }),
            Err(what) => Err(format!("cannot use the font {label}: {what}")),
        }
    }
}

/// What is wrong with a font file, or its family name.
fn check(bytes: &[u8], index: u32) -> Result<String, String> {
    match ttf_parser::fonts_in_collection(bytes) {
        Some(n) if index >= n => {
            return Err(format!(
                "the collection holds {n} font{} (index 0 to {}); --font-index {index} is not one of them",
                if n == 1 { "" } else { "s" },
                n.saturating_sub(1)
            ))
        }
        None if index > 0 => {
            return Err(format!(
                "it is a single font, not a collection (.ttc); --font-index {index} needs a collection"
            ))
        }
        _ => {}
    }
    let face = ttf_parser::Face::parse(bytes, index).map_err(|e| match e {
        ttf_parser::FaceParsingError::UnknownMagic => {
            "not a TrueType or OpenType font (.ttf, .otf or .ttc; WOFF and Type 1 fonts are not read)".to_string()
        }
        e => format!("a damaged font ({e})"),
    })?;
    let unicode = face
        .tables()
        .cmap
        .is_some_and(|c| c.subtables.into_iter().any(|s| s.is_unicode()));
    if !unicode {
        return Err("it has no Unicode character map, so no text can be drawn with it".into());
    }
    let family = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
        .find_map(|n| n.to_string())
        .unwrap_or_else(|| "unnamed".to_string());
    // printpdf parses the font again (its own parser, for embedding). That
    // it accepts the font is checked here, where a refusal can still be an
    // error rather than text missing from the PDF.
    let mut warnings = Vec::new();
    if printpdf::ParsedFont::from_bytes(bytes, index as usize, &mut warnings).is_none() {
        return Err("the PDF library cannot read this font (it may be damaged)".into());
    }
    Ok(family)
}

/// Fonts this machine has at well-known places that draw Chinese,
/// Japanese and Korean, for the warning's suggestion only: the report never
/// uses a font the user did not name.
const KNOWN: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\malgun.ttf",
];

/// An installed font that may draw what is missing: the first of the
/// known places that exists, else the first file (by name) that fontconfig
/// lists as covering Chinese (`fc-list :lang=zh`), if it is installed.
pub fn suggest() -> Option<String> {
    if let Some(p) = KNOWN.iter().find(|p| Path::new(p).is_file()) {
        return Some((*p).to_string());
    }
    let out = std::process::Command::new("fc-list")
        .args(["--format=%{file}\\n", ":lang=zh"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    // fontconfig's cache may still list a font that was removed.
    let mut files: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && Path::new(l).is_file())
        .collect();
    files.sort_unstable();
    files.first().map(|f| (*f).to_string())
}
