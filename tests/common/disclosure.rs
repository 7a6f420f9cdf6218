//! An independent disclosure checker: can an attacker who sees every
//! published figure, and knows their own answers, work out a group (or a
//! group's dimension) that was hidden because it has fewer than k people?
//!
//! Method: the rank test described in the design note
//! `../shared/PRIVACY-AUDIT.md` ("atoms", one 0/1 vector per published cell,
//! span membership, the attacker's own row). It is re-implemented here from
//! the raw data the test generated, without reading the library's privacy
//! code, so that a bug there cannot hide itself.
//!
//! * ATOMS: respondents with the same value in every breakdown column (a
//!   blank cell is the value "(not given)"). Every group of every breakdown
//!   is a union of atoms, so a cell is a 0/1 vector over atoms and each of
//!   its statistics (count, sum, sum of squares, answers per point) is that
//!   vector applied to the atoms' unknown totals.
//! * LAYERS: figures published for different sets of people are different
//!   systems of equations. Layer "respondents": the atoms with a scored
//!   respondent; published: the organization and every group whose `n` is
//!   shown. Layer "dimension d": atoms with someone scored on d; published:
//!   the organization and every group cell whose score for d is shown.
//! * SENSITIVE: a hidden group (cell) whose true count in the layer is 1..k-1,
//!   and per breakdown column the union of its hidden groups (cells) when
//!   that union's count is 1..k-1 ("total minus the shown groups").
//! * LEAK: a sensitive vector in the span of the published vectors; or, for
//!   an atom with exactly one member (the attacker knows that member's row:
//!   their own), in the span of the published vectors plus that atom's unit
//!   vector, unless it is that unit vector itself. Atoms with two or more
//!   members add nothing: subtracting oneself leaves the rest of the atom
//!   unknown, and an exact derivation needs the whole atom. Exempt: the
//!   organization less the attacker's own row (the total is always shown).
//! * PRACTICE LAYERS (staged rubrics): a group's practice status is a
//!   threshold on its favorable answers to one question; the checker treats
//!   it as if that count were published. Layer "practice q": atoms with
//!   someone who answered q on the scale; published: the organization when
//!   q's distribution is shown, and every group cell whose `practices` list
//!   q as "in_place" or "not_in_place"; every other group is hidden there.
//! * COMMENT LAYERS: layer "commenters": atoms with a scored respondent who
//!   wrote a comment; layer "comment theme t": those whose comment carries
//!   theme t (the test knows the themes of the comments it wrote).
//!   Published: the organization when `comments.organization` is present,
//!   and every group listed in `comments.groups`; every other group of the
//!   document is hidden there. Sensitive below the comment threshold. A
//!   shown group's theme count may be small (as one answer's count in a
//!   shown distribution may); its commenters may not.
//! * OUTCOME LAYER: a group's outcome index (n, mean, sd) sums the group's
//!   scored people who answered at least half of the outcome items. Layer
//!   "outcome index": atoms with such a person; published: the organization
//!   and every group whose `outcome.groups[]` entry shows a score.
//! * Exact arithmetic: Gaussian elimination modulo the prime 1_000_000_007
//!   (no floating point, no projections: a tolerance would miss leaks).
//!
//! As a consistency check of the test's own model, every `n` the output
//! shows must equal the count the checker computes; a mismatch panics (it
//! is a bug in the test data, not a leak). A published cell whose true count
//! is 1..k-1 is reported as a leak too.

use std::collections::BTreeMap;

use serde_json::Value;

/// The prime of the elimination.
pub const P: u64 = 1_000_000_007;

/// The group value a blank cell gets.
pub const NOT_GIVEN: &str = "(not given)";

/// One respondent as the test generated them.
#[derive(Debug, Clone)]
pub struct Person {
    /// The raw cell of each breakdown column, aligned with
    /// `Population::columns`; blank means not given.
    pub groups: Vec<String>,
    /// Ids of the dimensions the person is scored on (answered at least half
    /// of its questions that the file has). Empty: the row is excluded.
    pub scored: Vec<String>,
    /// Ids of the questions the person answered on the scale.
    pub answered: Vec<String>,
    /// The themes of the person's comments (as the test wrote them), or
    /// `None` when they wrote none.
    pub comment: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Population {
    /// Every breakdown column any published document uses.
    pub columns: Vec<String>,
    pub people: Vec<Person>,
    /// The privacy threshold.
    pub k: u64,
    /// The comment threshold: hidden comment figures of 1 to this - 1
    /// commenters must not be derivable.
    pub comment_k: u64,
    /// Ids of the outcome items the file has: a scored person who answered
    /// at least half of them has an outcome index.
    pub outcome_items: Vec<String>,
}

/// Group values compare ignoring case and surrounding spaces, blank is
/// "(not given)" (as the README says).
fn norm(v: &str) -> String {
    let t = v.trim();
    if t.is_empty() {
        NOT_GIVEN.to_string()
    } else {
        t.to_lowercase()
    }
}

// ---------------------------------------------------------------------------
// Linear algebra modulo P.

fn mul(a: u64, b: u64) -> u64 {
    a * b % P
}
fn sub(a: u64, b: u64) -> u64 {
    (a + P - b) % P
}
fn inv(a: u64) -> u64 {
    // Fermat: a^(P-2).
    let (mut base, mut e, mut r) = (a % P, P - 2, 1u64);
    while e > 0 {
        if e & 1 == 1 {
            r = mul(r, base);
        }
        base = mul(base, base);
        e >>= 1;
    }
    r
}

/// An echelon basis of the span of some source vectors. Each row also keeps
/// which combination of the sources it is, so that a derivation can be
/// printed ("dept=D1 − team=Big").
#[derive(Clone)]
struct Basis {
    /// (pivot, row, combination of sources).
    rows: Vec<(usize, Vec<u64>, Vec<u64>)>,
    sources: usize,
}

impl Basis {
    fn new() -> Basis {
        Basis {
            rows: Vec::new(),
            sources: 0,
        }
    }

    /// Adds source vector number `self.sources`.
    fn push(&mut self, v: &[u64]) {
        let i = self.sources;
        self.sources += 1;
        for (_, _, c) in &mut self.rows {
            c.push(0);
        }
        let mut v = v.to_vec();
        let mut c = vec![0; self.sources];
        c[i] = 1;
        // Invariant: v = sum c_j source_j. Rows are processed in insertion
        // order; each row is zero at the pivots of the rows before it.
        for (p, r, rc) in &self.rows {
            let f = v[*p];
            if f != 0 {
                for (x, y) in v.iter_mut().zip(r) {
                    *x = sub(*x, mul(f, *y));
                }
                for (x, y) in c.iter_mut().zip(rc) {
                    *x = sub(*x, mul(f, *y));
                }
            }
        }
        if let Some(p) = v.iter().position(|&x| x != 0) {
            let s = inv(v[p]);
            v.iter_mut().for_each(|x| *x = mul(*x, s));
            c.iter_mut().for_each(|x| *x = mul(*x, s));
            self.rows.push((p, v, c));
        }
    }

    /// The combination of sources equal to `h`, when `h` is in the span.
    fn solve(&self, h: &[u64]) -> Option<Vec<u64>> {
        let mut v = h.to_vec();
        let mut c = vec![0; self.sources];
        // Invariant: h - v = sum c_j source_j.
        for (p, r, rc) in &self.rows {
            let f = v[*p];
            if f != 0 {
                for (x, y) in v.iter_mut().zip(r) {
                    *x = sub(*x, mul(f, *y));
                }
                for (x, y) in c.iter_mut().zip(rc) {
                    *x = (*x + mul(f, *y)) % P;
                }
            }
        }
        v.iter().all(|&x| x == 0).then_some(c)
    }
}

/// "dept=D1 − team=Big" from a combination of labelled sources: the terms
/// added first, then those subtracted.
fn expression(c: &[u64], labels: &[String]) -> String {
    let signed: Vec<(i64, &String)> = c
        .iter()
        .zip(labels)
        .filter(|(x, _)| **x != 0)
        .map(|(x, l)| {
            let x = if *x > P / 2 {
                *x as i64 - P as i64
            } else {
                *x as i64
            };
            (x, l)
        })
        .collect();
    let mut out = String::new();
    let terms = signed
        .iter()
        .filter(|t| t.0 > 0)
        .chain(signed.iter().filter(|t| t.0 < 0));
    for (x, label) in terms {
        match (out.is_empty(), *x < 0) {
            (true, true) => out.push('−'),
            (true, false) => {}
            (false, true) => out.push_str(" − "),
            (false, false) => out.push_str(" + "),
        }
        if x.abs() != 1 {
            out.push_str(&format!("{}×", x.abs()));
        }
        out.push_str(label);
    }
    if out.is_empty() {
        "0".into()
    } else {
        out
    }
}

// ---------------------------------------------------------------------------
// Atoms and layers.

struct Atom {
    key: Vec<String>,
    label: String,
}

/// One system of equations: which atoms it covers, their true counts, what
/// is published and what must stay hidden.
struct Layer {
    name: String,
    /// Members per atom in this layer (atoms with none are left out).
    count: Vec<u64>,
    published: Vec<(String, Vec<u64>)>,
    /// (label, vector, true count).
    sensitive: Vec<(String, Vec<u64>, u64)>,
    /// Problems found while reading the documents (published small cells).
    leaks: Vec<String>,
}

impl Layer {
    fn true_count(&self, v: &[u64]) -> u64 {
        v.iter().zip(&self.count).map(|(x, c)| x * c).sum()
    }
    fn publish(&mut self, label: String, v: Vec<u64>, k: u64) {
        let n = self.true_count(&v);
        if (1..k).contains(&n) {
            self.leaks.push(format!(
                "{label} is published in layer {} with only {n} respondent(s)",
                self.name
            ));
        }
        if !self.published.iter().any(|(l, w)| *l == label && *w == v) {
            self.published.push((label, v));
        }
    }
    fn hide(&mut self, label: String, v: Vec<u64>, k: u64) {
        let n = self.true_count(&v);
        if (1..k).contains(&n) && !self.sensitive.iter().any(|(_, w, _)| *w == v) {
            self.sensitive.push((label, v, n));
        }
    }

    /// The span test, then the attacker's own row for every one-member atom.
    fn audit(&self, atoms: &[Atom], support: &[usize]) -> Vec<String> {
        let mut leaks = self.leaks.clone();
        let mut basis = Basis::new();
        let mut labels = Vec::new();
        for (l, v) in &self.published {
            basis.push(v);
            labels.push(l.clone());
        }
        for (label, h, n) in &self.sensitive {
            if let Some(c) = basis.solve(h) {
                leaks.push(format!(
                    "{label} (n={n}) = {} in layer {}",
                    expression(&c, &labels),
                    self.name
                ));
                continue;
            }
            for (i, _) in self.count.iter().enumerate().filter(|(_, &c)| c == 1) {
                let mut unit = vec![0; h.len()];
                unit[i] = 1;
                if *h == unit {
                    continue; // the attacker's own row is theirs to know
                }
                // The organization minus one's own row: anyone can work
                // that out from the total, which is always published; it is
                // the floor of any threshold rule (README, "What is not
                // guaranteed"), not a leak the tool could prevent.
                if h.iter().zip(&unit).all(|(x, u)| x + u == 1) {
                    continue;
                }
                let mut own = basis.clone();
                own.push(&unit);
                if let Some(c) = own.solve(h) {
                    let mut l = labels.clone();
                    l.push(format!("own row [{}]", atoms[support[i]].label));
                    leaks.push(format!(
                        "{label} (n={n}) = {} in layer {} (known to the only respondent of atom [{}])",
                        expression(&c, &l),
                        self.name,
                        atoms[support[i]].label
                    ));
                    break;
                }
            }
        }
        leaks
    }
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// Every derivation of a small hidden group or cell from `docs` (score/v1
/// documents, or `report_as_scores` views), in words. Empty: no leak.
pub fn leaks(pop: &Population, docs: &[&Value]) -> Vec<String> {
    let k = pop.k;
    // Atoms of the scored respondents.
    let people: Vec<&Person> = pop.people.iter().filter(|p| !p.scored.is_empty()).collect();
    let mut index: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    let mut atoms: Vec<Atom> = Vec::new();
    let mut atom_of = Vec::new();
    for p in &people {
        let key: Vec<String> = p.groups.iter().map(|g| norm(g)).collect();
        let i = *index.entry(key.clone()).or_insert_with(|| {
            let label = pop
                .columns
                .iter()
                .zip(&p.groups)
                .map(|(c, g)| {
                    let g = g.trim();
                    format!("{c}={}", if g.is_empty() { NOT_GIVEN } else { g })
                })
                .collect::<Vec<_>>()
                .join(", ");
            atoms.push(Atom { key, label });
            atoms.len() - 1
        });
        atom_of.push(i);
    }
    let column = |name: &str| -> usize {
        pop.columns
            .iter()
            .position(|c| c.eq_ignore_ascii_case(name))
            .unwrap_or_else(|| panic!("column {name} is published but not in the test's data"))
    };

    // Layer names: "respondents", then "dimension <id>" for every dimension
    // of every document.
    let mut dims: Vec<String> = Vec::new();
    for doc in docs {
        for d in doc["dimensions"].as_array().into_iter().flatten() {
            let id = str_of(&d["id"]).to_string();
            if !dims.contains(&id) {
                dims.push(id);
            }
        }
    }
    let mut out = Vec::new();
    out.extend(practice_leaks(
        pop, docs, &people, &atoms, &atom_of, &column,
    ));
    out.extend(comment_leaks(pop, docs, &people, &atoms, &atom_of, &column));
    out.extend(outcome_leaks(pop, docs, &people, &atoms, &atom_of, &column));
    for layer_dim in std::iter::once(None).chain(dims.iter().map(Some)) {
        // Members per atom in this layer.
        let mut per_atom = vec![0u64; atoms.len()];
        for (p, &a) in people.iter().zip(&atom_of) {
            if layer_dim.is_none_or(|d| p.scored.contains(d)) {
                per_atom[a] += 1;
            }
        }
        let support: Vec<usize> = (0..atoms.len()).filter(|&a| per_atom[a] > 0).collect();
        let mut layer = Layer {
            name: layer_dim.map_or("respondents".into(), |d| format!("dimension {d}")),
            count: support.iter().map(|&a| per_atom[a]).collect(),
            published: Vec::new(),
            sensitive: Vec::new(),
            leaks: Vec::new(),
        };
        let indicator = |col: usize, value: &str| -> Vec<u64> {
            let v = norm(value);
            support
                .iter()
                .map(|&a| u64::from(atoms[a].key[col] == v))
                .collect()
        };
        let all = vec![1u64; support.len()];
        for doc in docs {
            // The organization: its count is always published; a
            // dimension's figures when its score is.
            match layer_dim {
                None => layer.publish("the organization".into(), all.clone(), k),
                Some(d) => {
                    let Some(stats) = doc["dimensions"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|x| str_of(&x["id"]) == d)
                    else {
                        continue;
                    };
                    if let Some(n) = stats["n"].as_u64() {
                        assert_eq!(
                            n,
                            layer.true_count(&all),
                            "the organization's n on dimension {d}: the test's model disagrees with the output"
                        );
                    }
                    if stats["score"].is_null() {
                        layer.hide("the organization".into(), all.clone(), k);
                    } else {
                        layer.publish("the organization".into(), all.clone(), k);
                    }
                }
            }
            // Groups, and per column the union of the hidden ones.
            let mut hidden_union: BTreeMap<usize, (Vec<String>, Vec<u64>)> = BTreeMap::new();
            for g in doc["groups"].as_array().into_iter().flatten() {
                let col = column(str_of(&g["column"]));
                let value = str_of(&g["value"]);
                let label = format!("{}={}", pop.columns[col], value);
                let v = indicator(col, value);
                let (shown, n) = match layer_dim {
                    None => (!g["n"].is_null(), g["n"].as_u64()),
                    Some(d) => {
                        let cell = g["dimensions"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .find(|x| str_of(&x["id"]) == d);
                        match cell {
                            Some(c) => (!c["score"].is_null(), c["n"].as_u64()),
                            None => (false, None),
                        }
                    }
                };
                if let Some(n) = n {
                    assert_eq!(
                        n,
                        layer.true_count(&v),
                        "{label}'s n in layer {}: the test's model disagrees with the output",
                        layer.name
                    );
                }
                if shown {
                    layer.publish(label, v, k);
                } else {
                    let u = hidden_union
                        .entry(col)
                        .or_insert_with(|| (Vec::new(), vec![0; support.len()]));
                    u.0.push(value.to_string());
                    for (x, y) in u.1.iter_mut().zip(&v) {
                        *x = (*x + y).min(1);
                    }
                    layer.hide(label, v, k);
                }
            }
            for (col, (values, v)) in hidden_union {
                if values.len() > 1 {
                    let label = format!(
                        "hidden groups of {} {{{}}}",
                        pop.columns[col],
                        values.join(", ")
                    );
                    layer.hide(label, v, k);
                }
            }
        }
        out.extend(layer.audit(&atoms, &support));
    }
    out
}

/// The comment layers (see the module's notes).
fn comment_leaks(
    pop: &Population,
    docs: &[&Value],
    people: &[&Person],
    atoms: &[Atom],
    atom_of: &[usize],
    column: &dyn Fn(&str) -> usize,
) -> Vec<String> {
    let k = pop.comment_k;
    let mut themes: Vec<String> = Vec::new();
    for doc in docs {
        for t in doc["comments"]["themes"].as_array().into_iter().flatten() {
            let id = str_of(&t["id"]).to_string();
            if !themes.contains(&id) {
                themes.push(id);
            }
        }
    }
    let mut out = Vec::new();
    if themes.is_empty() {
        return out;
    }
    for layer_theme in std::iter::once(None).chain(themes.iter().map(Some)) {
        let mut per_atom = vec![0u64; atoms.len()];
        for (p, &a) in people.iter().zip(atom_of) {
            let counts = match (&p.comment, layer_theme) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(ts), Some(t)) => ts.contains(t),
            };
            per_atom[a] += u64::from(counts);
        }
        let support: Vec<usize> = (0..atoms.len()).filter(|&a| per_atom[a] > 0).collect();
        let mut layer = Layer {
            name: layer_theme.map_or("commenters".into(), |t| format!("comment theme {t}")),
            count: support.iter().map(|&a| per_atom[a]).collect(),
            published: Vec::new(),
            sensitive: Vec::new(),
            leaks: Vec::new(),
        };
        // A group's figure in this layer, as the document shows it.
        let figure = |g: &Value| -> Option<u64> {
            match layer_theme {
                None => g["commenters"].as_u64(),
                Some(t) => g["themes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|x| str_of(&x["id"]) == t)
                    .and_then(|x| x["count"].as_u64()),
            }
        };
        // A theme's count within a shown group is like the count of one
        // answer in a shown distribution: any size may be published; the
        // commenters themselves must be C or more.
        let publish = |layer: &mut Layer, label: String, v: Vec<u64>| {
            if layer_theme.is_none() {
                layer.publish(label, v, k);
            } else if !layer.published.iter().any(|(l, w)| *l == label && *w == v) {
                layer.published.push((label, v));
            }
        };
        let all = vec![1u64; support.len()];
        for doc in docs {
            let c = &doc["comments"];
            if c.is_null() {
                continue;
            }
            match figure(&c["organization"]) {
                Some(n) => {
                    assert_eq!(
                        n,
                        layer.true_count(&all),
                        "the organization's figure in layer {}: the test's model disagrees with the output",
                        layer.name
                    );
                    publish(&mut layer, "the organization".into(), all.clone());
                }
                // A theme's count withheld for the whole organization
                // protects the groups, not the organization: everyone is
                // in it, and shown groups may add up to it.
                None if layer_theme.is_some() => {}
                None => layer.hide("the organization".into(), all.clone(), k),
            }
            let mut hidden_union: BTreeMap<usize, (Vec<String>, Vec<u64>)> = BTreeMap::new();
            for g in doc["groups"].as_array().into_iter().flatten() {
                let col = column(str_of(&g["column"]));
                let value = str_of(&g["value"]);
                let label = format!("{}={}", pop.columns[col], value);
                let v: Vec<u64> = support
                    .iter()
                    .map(|&a| u64::from(atoms[a].key[col] == norm(value)))
                    .collect();
                let shown = c["groups"].as_array().into_iter().flatten().find(|x| {
                    str_of(&x["column"]).eq_ignore_ascii_case(str_of(&g["column"]))
                        && norm(str_of(&x["value"])) == norm(value)
                });
                match shown.and_then(figure) {
                    Some(n) => {
                        assert_eq!(
                            n,
                            layer.true_count(&v),
                            "{label}'s figure in layer {}: the test's model disagrees with the output",
                            layer.name
                        );
                        publish(&mut layer, label, v);
                    }
                    None => {
                        let u = hidden_union
                            .entry(col)
                            .or_insert_with(|| (Vec::new(), vec![0; support.len()]));
                        u.0.push(value.to_string());
                        for (x, y) in u.1.iter_mut().zip(&v) {
                            *x = (*x + y).min(1);
                        }
                        layer.hide(label, v, k);
                    }
                }
            }
            for (col, (values, v)) in hidden_union {
                if values.len() > 1 {
                    let label = format!(
                        "hidden groups of {} {{{}}}",
                        pop.columns[col],
                        values.join(", ")
                    );
                    layer.hide(label, v, k);
                }
            }
        }
        out.extend(layer.audit(atoms, &support));
    }
    out
}

/// The practice layers (see the module's notes).
fn practice_leaks(
    pop: &Population,
    docs: &[&Value],
    people: &[&Person],
    atoms: &[Atom],
    atom_of: &[usize],
    column: &dyn Fn(&str) -> usize,
) -> Vec<String> {
    let k = pop.k;
    let mut ids: Vec<String> = Vec::new();
    for doc in docs {
        for g in doc["groups"].as_array().into_iter().flatten() {
            for d in g["dimensions"].as_array().into_iter().flatten() {
                for p in d["practices"].as_array().into_iter().flatten() {
                    let id = str_of(&p["id"]).to_string();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for q in &ids {
        let mut per_atom = vec![0u64; atoms.len()];
        for (p, &a) in people.iter().zip(atom_of) {
            if p.answered.contains(q) {
                per_atom[a] += 1;
            }
        }
        let support: Vec<usize> = (0..atoms.len()).filter(|&a| per_atom[a] > 0).collect();
        let mut layer = Layer {
            name: format!("practice {q}"),
            count: support.iter().map(|&a| per_atom[a]).collect(),
            published: Vec::new(),
            sensitive: Vec::new(),
            leaks: Vec::new(),
        };
        let all = vec![1u64; support.len()];
        for doc in docs {
            let question = doc["dimensions"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|d| d["questions"].as_array().into_iter().flatten())
                .find(|x| str_of(&x["id"]) == q);
            match question {
                Some(x) if !x["distribution"].is_null() => {
                    layer.publish("the organization".into(), all.clone(), k)
                }
                _ => layer.hide("the organization".into(), all.clone(), k),
            }
            let mut hidden_union: BTreeMap<usize, (Vec<String>, Vec<u64>)> = BTreeMap::new();
            for g in doc["groups"].as_array().into_iter().flatten() {
                let col = column(str_of(&g["column"]));
                let value = str_of(&g["value"]);
                let label = format!("{}={}", pop.columns[col], value);
                let v: Vec<u64> = support
                    .iter()
                    .map(|&a| u64::from(atoms[a].key[col] == norm(value)))
                    .collect();
                let shown = g["dimensions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .flat_map(|d| d["practices"].as_array().into_iter().flatten())
                    .any(|p| {
                        str_of(&p["id"]) == q
                            && matches!(str_of(&p["status"]), "in_place" | "not_in_place")
                    });
                if shown {
                    layer.publish(label, v, k);
                } else {
                    let u = hidden_union
                        .entry(col)
                        .or_insert_with(|| (Vec::new(), vec![0; support.len()]));
                    u.0.push(value.to_string());
                    for (x, y) in u.1.iter_mut().zip(&v) {
                        *x = (*x + y).min(1);
                    }
                    layer.hide(label, v, k);
                }
            }
            for (col, (values, v)) in hidden_union {
                if values.len() > 1 {
                    let label = format!(
                        "hidden groups of {} {{{}}}",
                        pop.columns[col],
                        values.join(", ")
                    );
                    layer.hide(label, v, k);
                }
            }
        }
        out.extend(layer.audit(atoms, &support));
    }
    out
}

/// The outcome layer (see the module's notes).
fn outcome_leaks(
    pop: &Population,
    docs: &[&Value],
    people: &[&Person],
    atoms: &[Atom],
    atom_of: &[usize],
    column: &dyn Fn(&str) -> usize,
) -> Vec<String> {
    let k = pop.k;
    let items = &pop.outcome_items;
    if items.is_empty() {
        return Vec::new();
    }
    let mut per_atom = vec![0u64; atoms.len()];
    for (p, &a) in people.iter().zip(atom_of) {
        let got = items.iter().filter(|q| p.answered.contains(q)).count();
        if 2 * got >= items.len() {
            per_atom[a] += 1;
        }
    }
    let support: Vec<usize> = (0..atoms.len()).filter(|&a| per_atom[a] > 0).collect();
    let mut layer = Layer {
        name: "outcome index".into(),
        count: support.iter().map(|&a| per_atom[a]).collect(),
        published: Vec::new(),
        sensitive: Vec::new(),
        leaks: Vec::new(),
    };
    let all = vec![1u64; support.len()];
    for doc in docs {
        let o = &doc["outcome"];
        if o.is_null() {
            continue;
        }
        if let Some(n) = o["n"].as_u64() {
            assert_eq!(n, layer.true_count(&all), "the organization's outcome n");
        }
        if o["score"].is_null() {
            layer.hide("the organization".into(), all.clone(), k);
        } else {
            layer.publish("the organization".into(), all.clone(), k);
        }
        let mut hidden_union: BTreeMap<usize, (Vec<String>, Vec<u64>)> = BTreeMap::new();
        for g in o["groups"].as_array().into_iter().flatten() {
            let col = column(str_of(&g["column"]));
            let value = str_of(&g["value"]);
            let label = format!("{}={}", pop.columns[col], value);
            let v: Vec<u64> = support
                .iter()
                .map(|&a| u64::from(atoms[a].key[col] == norm(value)))
                .collect();
            if let Some(n) = g["n"].as_u64() {
                assert_eq!(n, layer.true_count(&v), "{label}'s outcome n");
            }
            if !g["score"].is_null() {
                layer.publish(label, v, k);
            } else {
                let u = hidden_union
                    .entry(col)
                    .or_insert_with(|| (Vec::new(), vec![0; support.len()]));
                u.0.push(value.to_string());
                for (x, y) in u.1.iter_mut().zip(&v) {
                    *x = (*x + y).min(1);
                }
                layer.hide(label, v, k);
            }
        }
        for (col, (values, v)) in hidden_union {
            if values.len() > 1 {
                let label = format!(
                    "hidden groups of {} {{{}}}",
                    pop.columns[col],
                    values.join(", ")
                );
                layer.hide(label, v, k);
            }
        }
    }
    layer.audit(atoms, &support)
}

/// A report.json (`mlbizops.report/v1`) seen as the cells the checker
/// reads: the organization's dimension scores and `n`, and each breakdown
/// group's `n` and dimension scores.
pub fn report_as_scores(report: &Value) -> Value {
    let dimensions: Vec<Value> = report["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| serde_json::json!({"id": d["id"], "score": d["score"], "n": d["n"]}))
        .collect();
    let mut groups = Vec::new();
    for b in report["breakdowns"].as_array().into_iter().flatten() {
        let ids: Vec<Value> = b["dimensions"].as_array().cloned().unwrap_or_default();
        for g in b["groups"].as_array().into_iter().flatten() {
            let cells: Vec<Value> = ids
                .iter()
                .enumerate()
                .map(|(i, id)| serde_json::json!({"id": id, "score": g["scores"][i], "n": null}))
                .collect();
            groups.push(serde_json::json!({
                "column": b["column"], "value": g["value"], "n": g["n"], "dimensions": cells,
            }));
        }
    }
    // The outcome section has the score document's shape (`n`, `score`,
    // `groups[]` of `column`, `value`, `n`, `score`).
    serde_json::json!({"dimensions": dimensions, "groups": groups, "outcome": report["outcome"]})
}
