"""The scoring contract of `mlbizops score`, as a data person would write it
in pandas: the C `read_csv`, then column-wise (vectorized) operations only,
no Python loop over rows. `bench/run.sh` times it on the same files.

What it computes, for the built-in rubric (its TOML is read for the
questions, dimensions, weights and scale):

- answers: numbers on the scale, or the scale's labels (trimmed, any case);
  the rubric's "missing", "not sure" and "does not apply" answers and
  anything else are not scored;
- re-submissions: of each respondent id, the last row is kept;
- an answer scores 100 (v - min) / (max - min) (reversed for a
  reverse-keyed question); a respondent's dimension score is the weighted
  mean of the questions they answered there, when they answered at least
  half of them; a respondent is scored when they have some dimension score;
- for the organization and each group of every breakdown column: the
  number of respondents, each dimension's mean, standard deviation and
  respondents, and the overall score (weighted mean of the dimension
  means); per question the counts of each scale point;
- per dimension, Cronbach's alpha from the pairwise-complete covariances.

What it leaves out (so it does less than `score`): disclosure control and
its audit, unreadable-cell reports, row numbers of problems, outcome
items, driver analysis, comments, and the confidence intervals.

    python3 bench/pandas_score.py survey.csv rubrics/llm-adoption.toml
"""

import json
import sys
import tomllib

import numpy as np
import pandas as pd


def norm(s: str) -> str:
    return " ".join(s.split()).lower()


def main() -> None:
    path, rubric_path = sys.argv[1], sys.argv[2]
    with open(rubric_path, "rb") as f:
        rubric = tomllib.load(f)
    scale = rubric["scale"]
    lo, hi = scale["min"], scale["max"]
    labels = {norm(l): lo + i for i, l in enumerate(scale.get("labels", []))}
    id_col = rubric["respondents"]["id"]
    groups = rubric["respondents"]["groups"]

    df = pd.read_csv(path, engine="c", low_memory=False)
    ids = df[id_col].astype("string").str.strip()
    has_id = ids.notna() & (ids != "")
    df = pd.concat(
        [df[~has_id], df[has_id][~ids[has_id].duplicated(keep="last")]]
    ).sort_index()

    dims = {}
    for d in rubric["dimension"]:
        cols = []
        for q in d["question"]:
            if q["id"] not in df.columns:
                continue
            col = df[q["id"]]
            num = pd.to_numeric(col, errors="coerce")
            if col.dtype == object:
                text = col.astype("string").str.strip().str.lower()
                num = num.fillna(text.map(labels))
            num = num.where((num >= lo) & (num <= hi))
            score = (num - lo) / (hi - lo) * 100.0
            if q.get("reverse", False):
                score = 100.0 - score
            cols.append((q["id"], num, score, q.get("weight", 1.0)))
        dims[d["id"]] = (d.get("weight", 1.0), cols)

    # Respondents' dimension scores (weighted mean of answered questions,
    # when at least half are answered).
    person = pd.DataFrame(index=df.index)
    points = {}
    alphas = {}
    for did, (_, cols) in dims.items():
        scores = pd.concat([s for _, _, s, _ in cols], axis=1)
        weights = np.array([w for _, _, _, w in cols])
        answered = scores.notna()
        wsum = (answered * weights).sum(axis=1)
        total = (scores.fillna(0.0) * weights).sum(axis=1)
        ok = answered.sum(axis=1) * 2 >= len(cols)
        person[did] = (total / wsum).where(ok & (wsum > 0))
        for qid, num, _, _ in cols:
            points[qid] = num
        c = scores.cov()
        k = len(cols)
        alphas[did] = (
            k / (k - 1) * (1 - np.trace(c.values) / c.values.sum()) if k > 1 else None
        )
    scored = person.notna().any(axis=1)
    person = person[scored]
    answers = pd.DataFrame(points)[scored]

    weights = pd.Series({d: w for d, (w, _) in dims.items()})

    def summary(p: pd.DataFrame, a: pd.DataFrame) -> dict:
        means = p.mean()
        shown = means.dropna()
        return {
            "respondents": int(len(p)),
            "overall": float((shown * weights[shown.index]).sum() / weights[shown.index].sum())
            if len(shown)
            else None,
            "dimensions": {
                d: {"n": int(p[d].count()), "mean": means[d], "sd": p[d].std()}
                for d in p.columns
            },
            "counts": {
                q: a[q].value_counts().sort_index().astype(int).to_dict() for q in a.columns
            },
        }

    out = {"organization": summary(person, answers), "alpha": alphas, "groups": {}}
    for g in groups:
        if g not in df.columns:
            continue
        key = df.loc[person.index, g].astype("string").str.strip().fillna("(not given)")
        for name, idx in key.groupby(key).groups.items():
            out["groups"][f"{g}={name}"] = summary(person.loc[idx], answers.loc[idx])
    json.dump(out, sys.stdout, default=lambda x: None if pd.isna(x) else float(x))
    print()


if __name__ == "__main__":
    main()
