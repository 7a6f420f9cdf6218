//! The bibliography: papers that recommendations cite, looked up by key.
//!
//! Facts are copied from a verified source; this module only reads and checks
//! them (required fields, duplicate keys), it never fills anything in.

use std::collections::HashSet;
use std::sync::Arc;

use serde::Serialize;

use crate::diag::{Diagnostic, Source};
use crate::tomlwalk::{Table, Walker};

/// The bibliography compiled into the binary, used when a rubric names none.
pub const BUILTIN_TEXT: &str = include_str!("../rubrics/papers.toml");
pub const BUILTIN_NAME: &str = "rubrics/papers.toml (built in)";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paper {
    pub key: String,
    pub title: String,
    /// The first authors as printed (at most three in the built-in file).
    pub authors: Vec<String>,
    /// More authors than `authors` lists.
    pub et_al: bool,
    pub year: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv_year: Option<i64>,
    pub venue: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arxiv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doi: Option<String>,
    pub url: String,
}

/// The address a reference links to, when `url` is a web address
/// (`https://`, `http://`) or a DOI (`doi:10.…`, linked through doi.org);
/// `None` for anything else (`javascript:`, `file:`, `data:` …), which
/// `check` rejects. Characters that could end a link in Markdown or HTML
/// are percent-encoded, so every renderer can use the result as it is.
pub fn link(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let (prefix, rest) = if lower.starts_with("https://") || lower.starts_with("http://") {
        ("", url)
    } else if lower.starts_with("doi:") {
        ("https://doi.org/", url[4..].trim_start())
    } else {
        return None;
    };
    let mut out = String::from(prefix);
    for c in rest.chars() {
        if c.is_control() || c.is_whitespace() || "<>\"`\\^{|}".contains(c) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

impl Paper {
    /// "First Author et al." or "A, B and C", as references print them.
    pub fn short_authors(&self) -> String {
        match self.authors.as_slice() {
            [] => String::new(),
            [first, ..] if self.et_al || self.authors.len() > 3 => format!("{first} et al."),
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [a, b, c] => format!("{a}, {b} and {c}"),
            _ => unreachable!("more than three authors are printed as et al."),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Bibliography {
    /// Where it came from, for messages.
    pub origin: String,
    pub papers: Vec<Paper>,
    /// Keys of entries left out because they have errors (already reported),
    /// so that citing one is not reported a second time as unknown.
    #[serde(skip)]
    pub rejected: Vec<String>,
    /// The file is not TOML at all: no citation can be checked against it.
    #[serde(skip)]
    pub unreadable: bool,
    /// The file and the span of each paper's key, for warnings.
    #[serde(skip)]
    pub key_spans: Vec<std::ops::Range<usize>>,
    #[serde(skip)]
    pub source: Option<Arc<Source>>,
}

impl Bibliography {
    pub fn is_builtin(&self) -> bool {
        self.origin == BUILTIN_NAME
    }
}

impl Bibliography {
    pub fn get(&self, key: &str) -> Option<&Paper> {
        self.papers.iter().find(|p| p.key == key)
    }

    /// Reads a bibliography, returning it with every problem found; the
    /// caller decides whether errors are fatal. Papers with errors are kept
    /// out so that later lookups only see complete entries.
    pub fn parse(source: Arc<Source>) -> (Bibliography, Vec<Diagnostic>) {
        let mut w = Walker::new(Arc::clone(&source));
        let text = Arc::clone(&source.text);
        let mut bib = Bibliography {
            origin: source.name.clone(),
            source: Some(Arc::clone(&source)),
            ..Bibliography::default()
        };
        let Some(doc) = w.parse(&text) else {
            bib.unreadable = true;
            return (bib, w.diags);
        };
        let mut top = Table::new(doc.get_ref(), doc.span(), "");
        let mut seen: HashSet<String> = HashSet::new();
        for mut t in w.tables(&mut top, "paper") {
            let errors_before = w.diags.len();
            let key = w.req_str(&mut t, "key");
            let title = w.req_str(&mut t, "title");
            let authors = w.opt_str_list(&mut t, "authors");
            let et_al = w.opt_bool(&mut t, "et_al");
            let year = w.req_int(&mut t, "year");
            let arxiv_year = w.opt_int(&mut t, "arxiv_year");
            let venue = w.opt_str(&mut t, "venue");
            let arxiv = w.opt_str(&mut t, "arxiv");
            let doi = w.opt_str(&mut t, "doi");
            let url = w.req_str(&mut t, "url");
            // Notes on citation traps may travel with a copied entry.
            let _ = w.opt_str(&mut t, "notes");
            w.finish(t);
            if let Some(k) = &key {
                if !seen.insert(k.get_ref().clone()) {
                    w.error(
                        format!("duplicate paper key `{}`", k.get_ref()),
                        k.span(),
                        "already used above",
                    );
                }
            }
            for s in [&title, &url].into_iter().flatten() {
                if s.get_ref().trim().is_empty() {
                    w.error("must not be empty", s.span(), "empty");
                }
            }
            if let Some(u) = url.as_ref().filter(|u| !u.get_ref().trim().is_empty()) {
                if link(u.get_ref()).is_none() {
                    w.error(
                        "a paper's url must be a web address (https:// or http://) or a DOI (doi:10.…)",
                        u.span(),
                        "not a web address",
                    );
                }
            }
            if let (Some(a), Some(u)) = (&arxiv, &url) {
                let expected = format!("https://arxiv.org/abs/{}", a.get_ref());
                if u.get_ref() != &expected {
                    w.push(
                        Diagnostic::warning(format!(
                            "paper with arXiv id {} links elsewhere",
                            a.get_ref()
                        ))
                        .at(&source, u.span(), "not the arXiv abstract page")
                        .help(format!("readers expect {expected}")),
                    );
                }
            }
            let has_error = w.diags[errors_before..].iter().any(Diagnostic::is_error);
            if let (true, Some(k)) = (has_error, &key) {
                bib.rejected.push(k.get_ref().clone());
            }
            if let (false, Some(key), Some(title), Some(year), Some(url)) =
                (has_error, key, title, year, url)
            {
                bib.key_spans.push(key.span());
                bib.papers.push(Paper {
                    key: key.into_inner(),
                    title: title.into_inner(),
                    authors: authors
                        .map(|a| a.into_inner().into_iter().map(|s| s.into_inner()).collect())
                        .unwrap_or_default(),
                    et_al: et_al.is_some_and(|b| b.into_inner()),
                    year: year.into_inner(),
                    arxiv_year: arxiv_year.map(|y| y.into_inner()),
                    venue: venue.map(|v| v.into_inner()).unwrap_or_default(),
                    arxiv: arxiv.map(|v| v.into_inner()),
                    doi: doi.map(|v| v.into_inner()),
                    url: url.into_inner(),
                });
            }
        }
        w.finish(top);
        (bib, w.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_web_addresses_that_cannot_end_early() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            " ",
            "",
        ] {
            assert_eq!(link(bad), None, "{bad}");
        }
        assert_eq!(
            link("doi:10.1145/3458723").as_deref(),
            Some("https://doi.org/10.1145/3458723")
        );
        assert_eq!(
            link(" https://arxiv.org/abs/1 ").as_deref(),
            Some("https://arxiv.org/abs/1")
        );
        // A `>` would end a Markdown autolink and let raw HTML follow.
        let l = link("https://x.org/a><img src=x onerror=alert(1)>").unwrap();
        assert_eq!(l, "https://x.org/a%3E%3Cimg%20src=x%20onerror=alert(1)%3E");
    }

    #[test]
    fn builtin_bibliography_is_clean() {
        let src = Arc::new(Source::new(BUILTIN_NAME, BUILTIN_TEXT));
        let (bib, diags) = Bibliography::parse(src);
        assert!(diags.is_empty(), "{diags:?}");
        assert!(bib.papers.len() >= 40);
        // Every arXiv paper links to its abstract page, as readers expect.
        for p in &bib.papers {
            if let Some(a) = &p.arxiv {
                assert_eq!(p.url, format!("https://arxiv.org/abs/{a}"), "{}", p.key);
            }
        }
    }

    #[test]
    fn short_authors_follows_et_al() {
        let mut p = Paper {
            key: "k".into(),
            title: "T".into(),
            authors: vec!["A".into(), "B".into()],
            et_al: false,
            year: 2020,
            arxiv_year: None,
            venue: String::new(),
            arxiv: None,
            doi: None,
            url: "u".into(),
        };
        assert_eq!(p.short_authors(), "A and B");
        p.et_al = true;
        assert_eq!(p.short_authors(), "A et al.");
    }
}
