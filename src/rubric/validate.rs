//! Second pass: raw rubric -> checked [`Rubric`], collecting every problem.

use std::collections::HashMap;
use std::sync::Arc;

use super::parse::{RawRubric, RawScale, S};
use super::{
    Dimension, Evidence, Level, Privacy, Question, Recommendation, Respondents, Rubric, Scale,
    DEFAULT_MIN_GROUP_SIZE, MIN_GROUP_SIZE_FLOOR,
};
use crate::bibliography::Bibliography;
use crate::diag::{Diagnostic, Source};

/// The longest scale accepted: 0-10 items have 11 points; anything far longer
/// is almost certainly a typo in `max`.
const MAX_POINTS: i64 = 21;

pub(super) struct Ctx {
    pub source: Arc<Source>,
    pub diags: Vec<Diagnostic>,
    /// Some question names a level: levels are staged by practice.
    pub staged: bool,
}

impl Ctx {
    pub fn err(&mut self, msg: impl Into<String>, span: std::ops::Range<usize>, label: &str) {
        self.diags
            .push(Diagnostic::error(msg).at(&self.source, span, label));
    }
}

pub(super) fn text(s: &Option<S<String>>) -> String {
    s.as_ref().map(|v| v.get_ref().clone()).unwrap_or_default()
}

/// Checks the raw rubric. `bib` is `None` when the bibliography could not be
/// read; citation checks are skipped then (that error is already reported).
pub fn validate(
    raw: &RawRubric,
    source: &Arc<Source>,
    bib: Option<Bibliography>,
) -> (Option<Rubric>, Vec<Diagnostic>) {
    let mut cx = Ctx {
        source: Arc::clone(source),
        diags: Vec::new(),
        staged: raw
            .dimensions
            .iter()
            .any(|d| d.questions.iter().any(|q| q.level.is_some())),
    };
    super::limits::check(&mut cx, raw);
    if let Some(id) = &raw.id {
        let ok = !id.get_ref().is_empty()
            && id
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !ok {
            cx.err(
                format!("rubric id `{}` is not a valid id", id.get_ref()),
                id.span(),
                "use lowercase letters, digits and '-'",
            );
        }
    }
    let scale = match &raw.scale {
        Some(s) => check_scale(&mut cx, s, None),
        None => Scale::default(),
    };
    let respondents = check_respondents(&mut cx, raw);
    let privacy = check_privacy(&mut cx, raw);
    let levels = check_levels(&mut cx, raw);
    let practice_threshold = super::practices::check_threshold(&mut cx, raw);
    let dimensions = check_dimensions(&mut cx, raw, &scale, &levels, bib.as_ref());
    let comments = super::comments::check(&mut cx, raw, &dimensions, privacy.min_group_size);

    let outcome = super::outcome::check(&mut cx, raw, &scale);
    let rubric = Rubric {
        id: text(&raw.id),
        title: raw
            .title
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_else(|| text(&raw.id)),
        version: text(&raw.version),
        origin: source.name.clone(),
        scale,
        respondents,
        privacy,
        levels,
        practice_threshold,
        staged_levels: cx.staged,
        comments,
        outcome,
        dimensions,
        bibliography: bib.unwrap_or_default(),
    };
    if rubric.levels.is_empty() || rubric.dimensions.is_empty() {
        return (None, cx.diags);
    }
    super::practices::check(&mut cx, raw, &rubric);
    if !cx.staged {
        warn_coverage(&mut cx, raw, &rubric);
    }
    let own_bibliography = raw.bibliography.is_some() || source.name == super::BUILTIN_NAME;
    if own_bibliography {
        warn_uncited(&mut cx, &rubric);
    }
    (Some(rubric), cx.diags)
}

pub(super) fn check_scale(cx: &mut Ctx, s: &RawScale, inherited: Option<&Scale>) -> Scale {
    let inherited_missing: &[String] = inherited.map_or(&[], |i| &i.missing);
    let mut min = s.min.as_ref().map_or(1, |v| *v.get_ref());
    let mut max = s.max.as_ref().map_or(5, |v| *v.get_ref());
    let span = s.max.as_ref().map_or(s.span.clone(), |m| m.span());
    // i128: `max - min + 1` of two arbitrary i64 values cannot overflow it.
    let points = i128::from(max) - i128::from(min) + 1;
    let mut valid = true;
    if max <= min {
        cx.err(
            format!("scale `max` ({max}) must be greater than `min` ({min})"),
            span,
            "not above min",
        );
        valid = false;
    } else if points > i128::from(MAX_POINTS) {
        cx.err(
            format!("a scale of {points} points is too long"),
            span,
            &format!("at most {MAX_POINTS} points"),
        );
        valid = false;
    }
    if !valid {
        // Keep later checks (and any code that sizes arrays by the scale)
        // on a sane scale; the error above already fails the rubric.
        (min, max) = (1, 5);
    }
    let points = (max - min + 1) as usize;
    let labels: Vec<String> = list(&s.labels);
    if let Some(l) = &s.labels {
        if valid && labels.len() != points {
            cx.err(
                format!(
                    "the scale {min}..{max} has {points} points but {} labels",
                    labels.len()
                ),
                l.span(),
                &format!("give exactly {points} labels, one per point, or none"),
            );
        }
        dup_strings(cx, l.get_ref(), "scale label");
    }
    let is_answer = |m: &str| {
        let m = m.trim();
        labels.iter().any(|l| l.trim().eq_ignore_ascii_case(m))
            || m.parse::<i64>().is_ok_and(|n| n >= min && n <= max)
    };
    let missing = match &s.missing {
        Some(m) => {
            dup_strings(cx, m.get_ref(), "missing-answer label");
            for item in m.get_ref().iter().filter(|i| is_answer(i.get_ref())) {
                cx.err(
                    format!(
                        "`{}` is both an answer and a missing answer",
                        item.get_ref()
                    ),
                    item.span(),
                    "also a point of the scale",
                );
            }
            list(&s.missing)
        }
        None => {
            // Inherited from the rubric's scale: must not clash with this
            // scale's own points either.
            for m in inherited_missing.iter().filter(|m| is_answer(m)) {
                let at = s.labels.as_ref().map_or(s.span.clone(), |l| l.span());
                cx.err(
                    format!(
                        "`{m}` is a point of this scale but a missing answer of the rubric's scale"
                    ),
                    at,
                    "clashes with the inherited `missing` list",
                );
            }
            inherited_missing.to_vec()
        }
    };
    let mut taken: Vec<String> = missing.iter().map(|m| m.trim().to_lowercase()).collect();
    let mut non_answer =
        |cx: &mut Ctx, own: &Option<S<Vec<S<String>>>>, from: Option<&Vec<String>>, what: &str| {
            let Some(own) = own else {
                let list = from.cloned().unwrap_or_default();
                taken.extend(list.iter().map(|m| m.trim().to_lowercase()));
                return list;
            };
            dup_strings(cx, own.get_ref(), what);
            for item in own.get_ref() {
                let key = item.get_ref().trim().to_lowercase();
                if is_answer(item.get_ref()) {
                    cx.err(
                        format!("`{}` is both an answer and a {what}", item.get_ref()),
                        item.span(),
                        "also a point of the scale",
                    );
                } else if taken.contains(&key) {
                    cx.err(
                        format!("`{}` is listed twice among the non-answers", item.get_ref()),
                        item.span(),
                        "`missing`, `not_sure` and `not_applicable` must not share a label",
                    );
                }
                taken.push(key);
            }
            own.get_ref().iter().map(|i| i.get_ref().clone()).collect()
        };
    let not_sure = non_answer(
        cx,
        &s.not_sure,
        inherited.map(|i| &i.not_sure),
        "\"not sure\" label",
    );
    let not_applicable = non_answer(
        cx,
        &s.not_applicable,
        inherited.map(|i| &i.not_applicable),
        "\"does not apply\" label",
    );
    Scale {
        min,
        max,
        labels,
        missing,
        not_sure,
        not_applicable,
    }
}

fn list(v: &Option<S<Vec<S<String>>>>) -> Vec<String> {
    v.as_ref()
        .map(|l| l.get_ref().iter().map(|s| s.get_ref().clone()).collect())
        .unwrap_or_default()
}

/// A question's id must be a valid column name, not a respondent column,
/// and unique in the rubric; its text non-empty and unique (compared as
/// headers are). `owner` is recorded as where each was first used, and
/// `place` words it in the message. Shared by dimensions' questions and
/// outcome items, which live in one namespace of CSV columns.
pub(super) fn check_question_names(
    cx: &mut Ctx,
    raw: &RawRubric,
    (id, text): (&Option<S<String>>, &Option<S<String>>),
    owner: &str,
    (ids, texts): (&mut HashMap<String, String>, &mut HashMap<String, String>),
    place: impl Fn(&str) -> String,
) {
    if let Some(id) = id {
        if !valid_item_id(id.get_ref()) {
            cx.err(
                format!("question id `{}` is not a valid id", id.get_ref()),
                id.span(),
                "use letters, digits, '-', '_' or '.' (it names a CSV column)",
            );
        }
        let column = raw
            .respondent_id
            .iter()
            .chain(&raw.groups)
            .find(|c| c.get_ref().trim().eq_ignore_ascii_case(id.get_ref().trim()));
        if let Some(c) = column {
            cx.err(
                format!("question id `{}` is also a respondent column", id.get_ref()),
                id.span(),
                &format!(
                    "`{}` is named in [respondents]; a CSV column can hold only one of them",
                    c.get_ref()
                ),
            );
        }
        if let Some(first) = ids.insert(id.get_ref().clone(), owner.to_string()) {
            cx.err(
                format!("duplicate question id `{}`", id.get_ref()),
                id.span(),
                &format!("already used in {}", place(&first)),
            );
        }
    }
    if let Some(t) = text {
        let key = t.get_ref().trim().to_lowercase();
        if key.is_empty() {
            cx.err("a question's text must not be empty", t.span(), "empty");
        } else if let Some(first) = texts.insert(key, owner.to_string()) {
            cx.err(
                "two questions have the same text",
                t.span(),
                &format!("same text as a question in `{first}`; CSV columns would be ambiguous"),
            );
        }
    }
}

fn dup_strings(cx: &mut Ctx, items: &[S<String>], what: &str) {
    for (i, item) in items.iter().enumerate() {
        let key = item.get_ref().trim().to_lowercase();
        if items[..i]
            .iter()
            .any(|p| p.get_ref().trim().to_lowercase() == key)
        {
            cx.err(
                format!("duplicate {what} `{}`", item.get_ref()),
                item.span(),
                "already listed",
            );
        }
    }
}

fn check_respondents(cx: &mut Ctx, raw: &RawRubric) -> Respondents {
    dup_strings(cx, &raw.groups, "group column");
    if let Some(id) = &raw.respondent_id {
        for g in &raw.groups {
            if g.get_ref().trim().eq_ignore_ascii_case(id.get_ref().trim()) {
                cx.err(
                    format!(
                        "`{}` is both the respondent id and a group column",
                        g.get_ref()
                    ),
                    g.span(),
                    "a group column cannot be the id",
                );
            }
        }
    }
    Respondents {
        id: raw.respondent_id.as_ref().map(|s| s.get_ref().clone()),
        groups: raw.groups.iter().map(|s| s.get_ref().clone()).collect(),
        choices: check_choices(cx, raw),
        aliases: super::aliases::check(cx, raw),
    }
}

/// `[respondents.choices]`: every key names a group column (compared as
/// group columns are, ignoring case and surrounding spaces), once; every
/// list offers at least one answer, none empty or twice. Returned in the
/// order of `groups`, under the group's own spelling, so that generated
/// questionnaires do not depend on the order keys were written in.
fn check_choices(cx: &mut Ctx, raw: &RawRubric) -> Vec<(String, Vec<String>)> {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut found: Vec<(usize, Vec<String>)> = Vec::new();
    for c in &raw.choices {
        let key = c.group.get_ref();
        let Some(g) = raw.groups.iter().position(|g| same(g.get_ref(), key)) else {
            let groups: Vec<String> = raw
                .groups
                .iter()
                .map(|g| format!("`{}`", g.get_ref()))
                .collect();
            let help = if groups.is_empty() {
                "list the column under `groups` first".to_string()
            } else {
                format!("group columns are: {}", groups.join(", "))
            };
            cx.diags.push(
                Diagnostic::error(format!("choices for `{key}`, which is not a group column"))
                    .at(&cx.source, c.group.span(), "not in `groups`")
                    .help(help),
            );
            continue;
        };
        if found.iter().any(|(i, _)| *i == g) {
            cx.err(
                format!("choices for `{}` are given twice", raw.groups[g].get_ref()),
                c.group.span(),
                "already given under another spelling",
            );
            continue;
        }
        let values = c.values.get_ref();
        if values.is_empty() {
            cx.err(
                format!("the choices for `{key}` are empty"),
                c.values.span(),
                "list at least one answer, or leave the column out to ask it as free text",
            );
        }
        for v in values.iter().filter(|v| v.get_ref().trim().is_empty()) {
            cx.err("a choice must not be empty", v.span(), "empty");
        }
        dup_strings(cx, values, "choice");
        found.push((g, values.iter().map(|v| v.get_ref().clone()).collect()));
    }
    found.sort_by_key(|(g, _)| *g);
    found
        .into_iter()
        .map(|(g, v)| (raw.groups[g].get_ref().clone(), v))
        .collect()
}

fn check_privacy(cx: &mut Ctx, raw: &RawRubric) -> Privacy {
    let mut min_group_size = DEFAULT_MIN_GROUP_SIZE;
    if let Some(m) = &raw.min_group_size {
        if *m.get_ref() < MIN_GROUP_SIZE_FLOOR as i64 {
            cx.err(
                format!("`min_group_size` must be at least {MIN_GROUP_SIZE_FLOOR}"),
                m.span(),
                "smaller groups could expose individual answers",
            );
        } else {
            min_group_size = *m.get_ref() as usize;
        }
    }
    Privacy { min_group_size }
}

fn check_levels(cx: &mut Ctx, raw: &RawRubric) -> Vec<Level> {
    if raw.levels.is_empty() {
        cx.err(
            "the rubric defines no maturity level",
            raw.span.start..raw.span.start,
            "add [[level]] tables",
        );
    }
    let mut out: Vec<Level> = Vec::new();
    let mut prev: Option<f64> = None;
    for (i, l) in raw.levels.iter().enumerate() {
        if l.min.is_none() && !cx.staged {
            let at = l.name.as_ref().map_or(raw.span.clone(), |n| n.span());
            cx.diags.push(
                Diagnostic::error("missing required key `min`")
                    .at(&cx.source, at, "this level has no `min`")
                    .help("give the lowest 0-100 score at this level, or stage the levels by practice: name a `level` on the questions"),
            );
        }
        if let Some(name) = &l.name {
            if out
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(name.get_ref()))
            {
                cx.err(
                    format!("duplicate level `{}`", name.get_ref()),
                    name.span(),
                    "already defined",
                );
            }
        }
        if let Some(min) = &l.min {
            let v = *min.get_ref();
            if i == 0 && v != 0.0 && !cx.staged {
                cx.err(
                    "the first level must start at 0",
                    min.span(),
                    "every score needs a level",
                );
            }
            if !(0.0..=100.0).contains(&v) {
                cx.err(
                    "a level's `min` must be between 0 and 100",
                    min.span(),
                    "out of range",
                );
            }
            if let Some(p) = prev {
                if v <= p {
                    cx.err(
                        format!(
                            "levels must ascend: `min = {v}` is not above the previous level's {p}"
                        ),
                        min.span(),
                        "not ascending",
                    );
                }
            }
            prev = Some(v);
        }
        out.push(Level {
            name: text(&l.name),
            // Staged rubrics may leave `min` out: levels then come from
            // practices, and the evenly spaced value only places the
            // level on charts.
            min: l
                .min
                .as_ref()
                .map_or(100.0 * i as f64 / raw.levels.len() as f64, |m| *m.get_ref()),
            description: text(&l.description),
        });
    }
    out
}

pub(super) fn valid_item_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The largest weight: enough for any real emphasis, and small enough that
/// weighted sums of 0-100 scores stay far from overflowing to infinity.
pub const MAX_WEIGHT: f64 = 1000.0;

pub(super) fn check_weight(cx: &mut Ctx, w: &Option<S<f64>>) -> f64 {
    match w {
        Some(w) if *w.get_ref() <= 0.0 => {
            cx.err("a weight must be greater than 0", w.span(), "not positive");
            1.0
        }
        Some(w) if *w.get_ref() > MAX_WEIGHT => {
            cx.err(
                format!("a weight must be at most {MAX_WEIGHT}"),
                w.span(),
                "too large",
            );
            1.0
        }
        Some(w) => *w.get_ref(),
        None => 1.0,
    }
}

fn check_dimensions(
    cx: &mut Ctx,
    raw: &RawRubric,
    scale: &Scale,
    levels: &[Level],
    bib: Option<&Bibliography>,
) -> Vec<Dimension> {
    if raw.dimensions.is_empty() {
        cx.err(
            "the rubric defines no dimension",
            raw.span.start..raw.span.start,
            "add [[dimension]] tables",
        );
    }
    let mut dim_ids: HashMap<String, ()> = HashMap::new();
    // Question id and text -> dimension that has it first.
    let mut q_ids: HashMap<String, String> = HashMap::new();
    let mut q_texts: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for d in &raw.dimensions {
        let did = text(&d.id);
        if let Some(id) = &d.id {
            if !valid_item_id(id.get_ref()) {
                cx.err(
                    format!("dimension id `{}` is not a valid id", id.get_ref()),
                    id.span(),
                    "use letters, digits, '-', '_' or '.'",
                );
            }
            if dim_ids.insert(id.get_ref().clone(), ()).is_some() {
                cx.err(
                    format!("duplicate dimension id `{}`", id.get_ref()),
                    id.span(),
                    "already defined",
                );
            }
        }
        if d.questions.is_empty() {
            let span = d.id.as_ref().map_or(d.span.clone(), |i| i.span());
            cx.err(
                format!("dimension `{did}` has no question"),
                span,
                "add [[dimension.question]] tables",
            );
        }
        let mut questions = Vec::new();
        for q in &d.questions {
            check_question_names(
                cx,
                raw,
                (&q.id, &q.text),
                &did,
                (&mut q_ids, &mut q_texts),
                |first| format!("dimension `{first}`"),
            );
            questions.push(Question {
                id: text(&q.id),
                text: text(&q.text),
                reverse: q.reverse.as_ref().is_some_and(|r| *r.get_ref()),
                weight: check_weight(cx, &q.weight),
                scale: match &q.scale {
                    Some(s) => check_scale(cx, s, Some(scale)),
                    None => scale.clone(),
                },
                level: q.level.as_ref().map(|l| l.get_ref().clone()),
            });
        }
        let mut recommendations = Vec::new();
        for r in &d.recommendations {
            if let Some(ls) = &r.levels {
                if ls.get_ref().is_empty() {
                    cx.err("`levels` is empty", ls.span(), "name at least one level");
                }
                for l in ls.get_ref() {
                    if !levels.iter().any(|x| x.name == *l.get_ref()) {
                        let mut names: Vec<&str> = Vec::new();
                        for x in levels {
                            if !names.contains(&x.name.as_str()) {
                                names.push(&x.name);
                            }
                        }
                        cx.diags.push(
                            Diagnostic::error(format!("unknown level `{}`", l.get_ref()))
                                .at(&cx.source, l.span(), "no [[level]] has this name")
                                .help(format!("levels are: {}", names.join(", "))),
                        );
                    }
                }
            }
            if r.levels.is_none() && !cx.staged {
                let at = r.title.as_ref().map_or(r.span.clone(), |t| t.span());
                cx.diags.push(
                    Diagnostic::error("missing required key `levels`")
                        .at(&cx.source, at, "this recommendation names no level")
                        .help("list the levels it is for, e.g. levels = [\"Exploring\"]"),
                );
            }
            // Citations: `cite = [..]` keys, then `[[..evidence]]` tables.
            let mut keys: Vec<&S<String>> = r.cite.iter().flat_map(|c| c.get_ref()).collect();
            keys.extend(r.evidence.iter().filter_map(|e| e.cite.as_ref()));
            if let Some(bib) = bib.filter(|b| !b.unreadable) {
                for c in &keys {
                    let key = c.get_ref();
                    if bib.get(key).is_none() && !bib.rejected.contains(key) {
                        // "gebru2021" for "gebru2021datasheets": a key's
                        // start is the likely slip, then a near spelling.
                        let keys = || bib.papers.iter().map(|p| p.key.as_str());
                        let starts: Vec<&str> =
                            keys().filter(|k| k.starts_with(key.as_str())).collect();
                        let guess = match starts.as_slice() {
                            [one] => Some(*one),
                            _ => crate::suggest::nearest(key, keys()),
                        };
                        let mean = guess.map_or(String::new(), |g| format!("did you mean `{g}`? "));
                        let help = if bib.is_builtin() {
                            format!("{mean}`mlbizops papers` lists the keys; or set `bibliography = \"papers.toml\"` under [rubric] to cite from a bibliography of your own")
                        } else {
                            format!("{mean}`mlbizops papers --rubric <this file>` lists the keys; or add it to {}", bib.origin)
                        };
                        cx.diags.push(
                            Diagnostic::error(format!("`{key}` is not in the bibliography"))
                                .at(&cx.source, c.span(), "unknown paper key")
                                .help(help),
                        );
                    }
                }
            }
            let mut evidence: Vec<Evidence> = Vec::new();
            for c in r.cite.iter().flat_map(|c| c.get_ref()) {
                evidence.push(Evidence {
                    key: c.get_ref().clone(),
                    finding: None,
                });
            }
            for e in &r.evidence {
                evidence.push(Evidence {
                    key: text(&e.cite),
                    finding: e.finding.as_ref().map(|f| f.get_ref().clone()),
                });
            }
            let mut cite: Vec<String> = Vec::new();
            for e in &evidence {
                if !cite.contains(&e.key) {
                    cite.push(e.key.clone());
                }
            }
            recommendations.push(Recommendation {
                id: r.id.as_ref().map(|i| i.get_ref().clone()),
                levels: list(&r.levels),
                addresses: list(&r.addresses),
                owner: r.owner.as_ref().map(|o| o.get_ref().clone()),
                horizon: r
                    .horizon
                    .as_ref()
                    .map(|h| (*h.get_ref()).clamp(0, 9999) as u32),
                title: text(&r.title),
                text: text(&r.text),
                cite,
                // Findings only where some citation has one: a plain
                // `cite` list stays as it was in the output.
                evidence: if r.evidence.is_empty() {
                    Vec::new()
                } else {
                    evidence
                },
            });
        }
        if let Some(sn) = &d.short_name {
            if sn.get_ref().chars().count() > 24 {
                cx.err(
                    "`short_name` is longer than 24 characters",
                    sn.span(),
                    "charts have room for about 24",
                );
            }
        }
        out.push(Dimension {
            id: did,
            name: text(&d.name),
            short_name: d
                .short_name
                .as_ref()
                .map_or_else(|| text(&d.name), |s| s.get_ref().clone()),
            weight: check_weight(cx, &d.weight),
            description: text(&d.description),
            questions,
            recommendations,
        });
    }
    out
}

fn warn_coverage(cx: &mut Ctx, raw: &RawRubric, rubric: &Rubric) {
    for (d, rd) in rubric.dimensions.iter().zip(&raw.dimensions) {
        let mut missing: Vec<&str> = Vec::new();
        for l in &rubric.levels {
            let covered = d.recommendations.iter().any(|r| r.levels.contains(&l.name));
            if !covered && !missing.contains(&l.name.as_str()) {
                missing.push(&l.name);
            }
        }
        if !missing.is_empty() {
            let span = rd.id.as_ref().map_or(rd.span.clone(), |i| i.span());
            cx.diags.push(
                Diagnostic::warning(format!(
                    "dimension `{}` has no recommendation for level(s): {}",
                    d.id,
                    missing.join(", ")
                ))
                .at(
                    &cx.source,
                    span,
                    "reports will have nothing to recommend there",
                ),
            );
        }
    }
}

fn warn_uncited(cx: &mut Ctx, rubric: &Rubric) {
    let cited = rubric.cited_keys();
    let bib = &rubric.bibliography;
    for (p, span) in bib.papers.iter().zip(&bib.key_spans) {
        if !cited.contains(&p.key.as_str()) {
            let mut d = Diagnostic::warning(format!(
                "paper `{}` is not cited by any recommendation",
                p.key
            ));
            if let Some(src) = &bib.source {
                d = d.at(src, span.clone(), "never cited");
            }
            cx.diags.push(d);
        }
    }
}
