//! Reads typed values out of a span-preserving TOML tree while collecting every
//! problem (wrong type, missing key, unknown key) instead of stopping at the
//! first one, which is what serde's derive would do.
//!
//! The rubric and the bibliography are both read through this, so a misspelt
//! `wieght` or a `weight = "high"` is reported with its line and a snippet.

use std::ops::Range;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{Diagnostic, Source};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// Collects diagnostics for one source file.
pub struct Walker {
    pub source: Arc<Source>,
    pub diags: Vec<Diagnostic>,
}

/// A table being read: remembers which keys were consumed so that the rest
/// can be reported as unknown.
pub struct Table<'a, 'i> {
    pub span: Range<usize>,
    inner: &'a DeTable<'i>,
    path: String,
    /// An element of an array of tables (`[[dimension]]`), for messages.
    in_array: bool,
    allowed: Vec<&'static str>,
    /// Keys are data (team names), not fields: none is unknown.
    open: bool,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(inner: &'a DeTable<'i>, span: Range<usize>, path: impl Into<String>) -> Self {
        Table {
            span,
            inner,
            path: path.into(),
            in_array: false,
            allowed: Vec::new(),
            open: false,
        }
    }

    /// Every entry, for tables whose keys are data.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, &'a Value<'i>)> {
        self.inner.iter().map(|(k, v)| (k.get_ref().as_ref(), v))
    }

    /// Accepts every key (see `entries`).
    pub fn allow_all(&mut self) {
        self.open = true;
    }

    /// Looks a key up and records it as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Value<'i>> {
        self.allowed.push(key);
        self.inner
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

impl Walker {
    pub fn new(source: Arc<Source>) -> Self {
        Walker {
            source,
            diags: Vec::new(),
        }
    }

    pub fn error(&mut self, message: impl Into<String>, span: Range<usize>, label: &str) {
        let d = Diagnostic::error(message).at(&self.source, span, label);
        self.diags.push(d);
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Parses the whole document; a syntax error is the only diagnostic then.
    pub fn parse<'i>(&mut self, text: &'i str) -> Option<Spanned<DeTable<'i>>> {
        match DeTable::parse(text) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = format!("invalid TOML: {}", e.message().trim());
                self.error(msg, span, "here");
                None
            }
        }
    }

    fn type_error(&mut self, t: &Table, key: &str, v: &Value, expected: &str) {
        let msg = format!(
            "`{}` must be {expected}, found {}",
            t.key_path(key),
            type_name(v.get_ref())
        );
        self.error(msg, v.span(), &format!("expected {expected}"));
    }

    fn missing(&mut self, t: &Table, key: &str) {
        let what = if t.path.is_empty() {
            "the file".to_string()
        } else if t.in_array {
            format!("`[[{}]]`", t.path)
        } else {
            format!("`[{}]`", t.path)
        };
        let msg = format!("missing required key `{key}` in {what}");
        let span = t.span.start..t.span.start;
        self.error(msg, span, &format!("`{key}` is required here"));
    }

    pub fn opt_str(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<String>> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(v.span(), s.to_string())),
            _ => {
                self.type_error(t, key, v, "a string");
                None
            }
        }
    }

    /// True when `key` is in the table; reports it as missing otherwise.
    fn require(&mut self, t: &mut Table, key: &'static str) -> bool {
        if t.inner.iter().any(|(k, _)| k.get_ref() == key) {
            return true;
        }
        t.allowed.push(key);
        self.missing(t, key);
        false
    }

    pub fn req_str(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<String>> {
        self.require(t, key).then(|| self.opt_str(t, key)).flatten()
    }

    pub fn opt_bool(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<bool>> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(v.span(), *b)),
            _ => {
                self.type_error(t, key, v, "true or false");
                None
            }
        }
    }

    pub fn opt_int(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<i64>> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(v.span(), n)),
                Err(_) => {
                    self.error("integer out of range", v.span(), "too large");
                    None
                }
            },
            _ => {
                self.type_error(t, key, v, "an integer");
                None
            }
        }
    }

    pub fn req_int(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<i64>> {
        self.require(t, key).then(|| self.opt_int(t, key)).flatten()
    }

    /// A number: integer or float (weights are written either way).
    pub fn opt_num(&mut self, t: &mut Table, key: &'static str) -> Option<Spanned<f64>> {
        let v = t.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.type_error(t, key, v, "a number");
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() => Some(Spanned::new(v.span(), n)),
            _ => {
                self.error("number must be finite", v.span(), "not a finite number");
                None
            }
        }
    }

    /// A list of strings; a bad element is reported and skipped.
    pub fn opt_str_list(
        &mut self,
        t: &mut Table,
        key: &'static str,
    ) -> Option<Spanned<Vec<Spanned<String>>>> {
        let v = t.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(t, key, v, "a list of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                other => {
                    let msg = format!(
                        "`{}` must list strings, found {}",
                        t.key_path(key),
                        type_name(other)
                    );
                    self.error(msg, item.span(), "expected a string");
                }
            }
        }
        Some(Spanned::new(v.span(), out))
    }

    /// A sub-table (`[scale]`).
    pub fn opt_table<'a, 'i>(
        &mut self,
        t: &mut Table<'a, 'i>,
        key: &'static str,
    ) -> Option<Table<'a, 'i>> {
        let path = t.key_path(key);
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Table(inner) => Some(Table::new(inner, v.span(), path)),
            _ => {
                self.type_error(t, key, v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[dimension]]`).
    pub fn tables<'a, 'i>(
        &mut self,
        t: &mut Table<'a, 'i>,
        key: &'static str,
    ) -> Vec<Table<'a, 'i>> {
        let path = t.key_path(key);
        let Some(v) = t.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(t, key, v, "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(inner) => {
                    let mut table = Table::new(inner, item.span(), path.clone());
                    table.in_array = true;
                    out.push(table);
                }
                other => {
                    let msg = format!("`{path}` must hold tables, found {}", type_name(other));
                    self.error(msg, item.span(), "expected a table");
                }
            }
        }
        out
    }

    /// Reports every key of `t` that was never asked for, suggesting the
    /// closest known key for typos.
    pub fn finish(&mut self, t: Table) {
        if t.open {
            return;
        }
        for (k, _) in t.inner.iter() {
            let key = k.get_ref().as_ref();
            if t.allowed.contains(&key) {
                continue;
            }
            let msg = format!("unknown key `{}`", t.key_path(key));
            let mut d = Diagnostic::error(msg).at(&self.source, k.span(), "not a known key");
            if let Some(best) = crate::suggest::closest(key, &t.allowed) {
                d = d.help(format!("did you mean `{best}`?"));
            } else {
                let mut known: Vec<&str> = t.allowed.clone();
                known.sort_unstable();
                known.dedup();
                d = d.help(format!("known keys here: {}", known.join(", ")));
            }
            self.diags.push(d);
        }
    }
}

/// How a TOML value is named in messages ("a string", "a table").
pub(crate) fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}
