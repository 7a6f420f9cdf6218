#!/usr/bin/env bash
# Benchmark: mlbizops score and report against the floor (the fastest plain
# single-threaded read with the csv crate, examples/floor.rs), against a
# second floor that splits lines with score's own splitter instead
# (examples/floor_split.rs), and against what users would run instead -
# polars' read_csv (bench/polars_read.py) and a vectorized pandas script of
# the scoring contract (bench/pandas_score.py), when Python can import them
# (else skipped, with a message) - on generated surveys of 200k and 1M
# respondents for the built-in rubric.
#
#   bash bench/run.sh                 # 200k and 1M rows
#   SIZES="10000 100000" bash bench/run.sh
#   ROUNDS=15 RUNS=7 PYTHON=.venv/bin/python bash bench/run.sh
#
# Prints the core count, then per size: floor, fl-split, score (the
# default threads: one parsing thread fewer than the cores) and scoreN
# (--threads <cores>) timed in ROUNDS interleaved rounds (each round runs
# each once, in turn), with their median seconds and the median over rounds
# of score/floor, scoreN/floor and score/fl-split (timed in rounds of their
# own); report (HTML + PDF), polars and pandas timed apart (median of RUNS
# with hyperfine when installed, else the best of 3); polars/score (typed
# and all-text reads); and peak memory (GNU time's maximum resident set
# size) of score, polars and pandas. Generated files stay in target/bench
# (about 160 MB for 1M rows).
#
#   BASELINE=9ae3f55 bash bench/run.sh   # only: working tree against that rev
#
# With BASELINE=<git rev>, instead of the above: builds that rev's release
# binary in a git worktree (target/bench/baseline, its own target directory
# target/bench/baseline-target) and the working tree's, and times both, with
# hyperfine (median of 5 runs after 1 warmup), on `score FILE --group-by team
# --group-by role --group-by dept --format json` of a 1,000,000-row survey
# whose rows carry 3 breakdowns of 50 groups each (generated once, kept as
# target/bench/survey-1000000-breakdowns-50.csv; delete it to regenerate).
# Prints both medians, the ratio new/baseline, each one's peak memory, and
# whether their outputs are identical. If the working tree does not build, it
# times the baseline alone.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"200000 1000000"}
# Generated surveys, reports and timings; BENCH_DIR=/tmp/bench puts them elsewhere.
dir=${BENCH_DIR:-target/bench}
mkdir -p "$dir"

if [ -n "${BASELINE:-}" ]; then
  rev=$(git rev-parse --verify --quiet "$BASELINE^{commit}") ||
    { echo "BASELINE=$BASELINE is not a commit" >&2; exit 1; }
  if ! command -v hyperfine >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get install -y hyperfine >/dev/null ||
        { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
    else
      echo "BASELINE needs hyperfine: apt-get install -y hyperfine" >&2
      exit 1
    fi
  fi
  wt=$dir/baseline
  base_target=$PWD/$dir/baseline-target
  if [ -e "$wt/.git" ]; then
    git -C "$wt" checkout --quiet --detach "$rev"
  else
    # --force: the worktree may still be registered if target/ was deleted.
    git worktree add --quiet --force --detach "$wt" "$rev"
  fi
  echo "building the baseline $(git rev-parse --short "$rev") in $wt" >&2
  CARGO_TARGET_DIR=$base_target cargo build --release --locked --quiet \
    --manifest-path "$wt/Cargo.toml" --bin mlbizops
  base_bin=$dir/baseline-target/release/mlbizops

  data=$dir/survey-1000000-breakdowns-50.csv
  if [ ! -s "$data" ]; then
    # The working tree's generator, built against the baseline's library: the
    # working tree may be mid-change, and the file must not depend on it.
    # It shares the baseline's target directory (same rev, same library; cargo
    # gives both trees the same artifact names, so never build the worktree's
    # own examples there).
    gen=$dir/generator
    rm -rf "$gen"
    mkdir -p "$gen"
    git archive "$rev" | tar -x -C "$gen"
    cp examples/generate.rs "$gen/examples/generate.rs"
    # Every module the generator includes (rng, acme, comments, ...).
    cp examples/common/*.rs "$gen/examples/common/"
    if CARGO_TARGET_DIR=$base_target cargo build --release --locked --quiet \
      --manifest-path "$gen/Cargo.toml" --example generate 2>"$dir/generator-err.txt"; then
      "$dir/baseline-target/release/examples/generate" --rows 1000000 --breakdowns 50 \
        --out "$data.tmp"
    else
      # The generator uses what the baseline's library lacks (outcome
      # items, comments): write the file with the working tree's. Columns
      # the baseline does not know are ignored columns to it.
      echo "the generator does not build against the baseline (see $dir/generator-err.txt): using the working tree's" >&2
      cargo build --release --locked --quiet --example generate
      target/release/examples/generate --rows 1000000 --breakdowns 50 --out "$data.tmp"
    fi
    mv "$data.tmp" "$data"
  fi

  # A copy, so that a build elsewhere cannot swap it during the runs.
  new_bin=
  if cargo build --release --locked --quiet --bin mlbizops 2>"$dir/new-build.txt"; then
    cp target/release/mlbizops "$dir/new-mlbizops"
    new_bin=$dir/new-mlbizops
  else
    echo "the working tree does not build (see $dir/new-build.txt): timing the baseline alone" >&2
  fi

  args="score $data --group-by team --group-by role --group-by dept --format json"
  # One run each first: peak memory, output, and that it succeeds at all.
  peak() { # NAME BIN
    if /usr/bin/time -f %M -o "$dir/$1.kb" "$2" $args >"$dir/$1-out.json" 2>"$dir/$1-err.txt"; then
      cat "$dir/$1.kb"
    else
      echo "$1 failed, see $dir/$1-err.txt" >&2
      return 1
    fi
  }
  m_base=$(peak baseline "$base_bin")
  m_new=
  if [ -n "$new_bin" ]; then m_new=$(peak new "$new_bin") || new_bin=; fi
  cmds=(-n baseline "$base_bin $args")
  if [ -n "$new_bin" ]; then cmds+=(-n new "$new_bin $args"); fi
  hyperfine --warmup 1 --runs 5 --style none --export-json "$dir/baseline-vs-new.json" \
    "${cmds[@]}" >/dev/null
  median() { python3 -c 'import json,sys;r=json.load(open(sys.argv[1]))["results"];print("%.3f" % r[int(sys.argv[2])]["median"])' "$dir/baseline-vs-new.json" "$1"; }
  t_base=$(median 0)
  echo "$(wc -l <"$data") lines, $(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$data")/1048576}") MB: $data"
  echo "command: BIN $args"
  printf '%-22s %10s %12s\n' binary "median s" "peak KB"
  printf '%-22s %10s %12s\n' "baseline $(git rev-parse --short "$rev")" "$t_base" "$m_base"
  if [ -n "$new_bin" ]; then
    t_new=$(median 1)
    printf '%-22s %10s %12s\n' "new (working tree)" "$t_new" "$m_new"
    echo "new/baseline: $(awk "BEGIN{printf \"%.2f\", $t_new/$t_base}")"
    if cmp -s "$dir/baseline-out.json" "$dir/new-out.json"; then
      echo "outputs: identical"
    else
      echo "outputs: differ ($dir/baseline-out.json, $dir/new-out.json)"
    fi
  fi
  exit 0
fi
cargo build --release --locked --quiet --bin mlbizops --example floor --example floor_split --example generate
target_dir=${CARGO_TARGET_DIR:-target}
bin=$target_dir/release/mlbizops
floor=$target_dir/release/examples/floor
floor_split=$target_dir/release/examples/floor_split
cores=$(nproc)

# Interleaved rounds: each round runs every command once, in turn, so that
# a machine that speeds up or slows down over the run (a shared VM does, by
# a quarter) moves every command alike. Prints, per command, the median
# seconds and the median over rounds of its time / the first command's.
rounds() {
  local n=${ROUNDS:-9} i c t0 t1
  : >"$dir/rounds.txt"
  for ((i = 0; i < n; i++)); do
    c=0
    for cmd in "$@"; do
      t0=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1
      t1=$(date +%s%N)
      echo "$i $c $(((t1 - t0) / 1000))" >>"$dir/rounds.txt"
      c=$((c + 1))
    done
  done
  awk -v k=$# '
    function median(a, m,   i, j, t) {
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
    }
    { us[$1, $2] = $3; if ($1 + 1 > r) r = $1 + 1 }
    END {
      for (c = 0; c < k; c++) {
        for (i = 0; i < r; i++) { t[i + 1] = us[i, c]; q[i + 1] = us[i, c] / us[i, 0] }
        printf "%.3f %.2f\n", median(t, r) / 1e6, median(q, r)
      }
    }' "$dir/rounds.txt"
}

seconds() { # hyperfine's median, or the best of 3
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "${RUNS:-5}" --style none --export-json "$dir/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json;print("%.3f" % json.load(open("'"$dir/h.json"'"))["results"][0]["median"])'
  else
    best=
    for _ in 1 2 3; do
      s=$( { /usr/bin/time -f "%e" bash -c "$1" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
      if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    done
    echo "$best"
  fi
}

peak_mb() { /usr/bin/time -f "%M" bash -c "$1 >/dev/null 2>/dev/null" 2>&1 | tail -1 | awk '{printf "%.1f", $1/1024}'; }
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }

# What users would run instead, when Python has them: polars' read_csv
# (multi-threaded) and a vectorized pandas script of the scoring contract.
py=${PYTHON:-python3}
have_polars=; have_pandas=
if "$py" -c 'import polars' 2>/dev/null; then have_polars=1; else
  echo "polars: skipped ($py cannot import polars; pip install polars)"; fi
if "$py" -c 'import pandas' 2>/dev/null; then have_pandas=1; else
  echo "pandas: skipped ($py cannot import pandas; pip install pandas)"; fi

echo "$cores cores. floor, fl-split, score and scoreN: median of ${ROUNDS:-9} interleaved rounds (s), and sc/fl, scN/fl, sc/fls: the median over rounds of one's time / the other's;"
echo "report, polars, pol-txt and pandas: median of ${RUNS:-5} runs (s); peak memory (MB); score with the default threads and with --threads $cores (scoreN)"
printf '%-9s %7s %7s %8s %7s %7s %7s %7s %7s %7s %8s %8s %8s %8s %8s %8s %8s %8s\n' \
  rows "file MB" floor fl-split score "scoreN" report polars "pol-txt" pandas "sc/fl" "scN/fl" "sc/fls" "pol/sc" "txt/sc" "score MB" "polarsMB" "pandasMB"
for n in $SIZES; do
  f="$dir/survey-$n.csv"
  [ -f "$f" ] || "$target_dir/release/examples/generate" --rows "$n" --out "$f" 2>/dev/null
  mb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$f")/1048576}")
  mapfile -t r < <(rounds "$floor $f" "$floor_split $f" "$bin score $f --format json" \
    "$bin score $f --format json --threads $cores")
  read -r t_floor _ <<<"${r[0]}"
  read -r t_split _ <<<"${r[1]}"
  read -r t_score r_score <<<"${r[2]}"
  read -r t_scoreN r_scoreN <<<"${r[3]}"
  # score against the splitter floor, in rounds of their own.
  mapfile -t r < <(rounds "$floor_split $f" "$bin score $f --format json")
  read -r _ r_split <<<"${r[1]}"
  t_report=$(seconds "$bin report $f --format html,pdf --out $dir/report-$n")
  m_score=$(peak_mb "$bin score $f --format json")
  t_polars=-; m_polars=-; t_pandas=-; m_pandas=-; r_polars=-; t_text=-; r_text=-
  if [ -n "$have_polars" ]; then
    t_polars=$(seconds "$py bench/polars_read.py $f")
    m_polars=$(peak_mb "$py bench/polars_read.py $f")
    r_polars=$(ratio "$t_polars" "$t_score")
    t_text=$(seconds "$py bench/polars_read.py $f --text")
    r_text=$(ratio "$t_text" "$t_score")
  fi
  if [ -n "$have_pandas" ]; then
    # Slow: the median of 3 runs.
    t_pandas=$(RUNS=3 seconds "$py bench/pandas_score.py $f rubrics/llm-adoption.toml")
    m_pandas=$(peak_mb "$py bench/pandas_score.py $f rubrics/llm-adoption.toml")
  fi
  printf '%-9s %7s %7s %8s %7s %7s %7s %7s %7s %7s %8s %8s %8s %8s %8s %8s %8s %8s\n' "$n" "$mb" "$t_floor" "$t_split" \
    "$t_score" "$t_scoreN" "$t_report" "$t_polars" "$t_text" "$t_pandas" "$r_score" "$r_scoreN" "$r_split" \
    "$r_polars" "$r_text" "$m_score" "$m_polars" "$m_pandas"
done

# The example quarterly workspace (4 waves): the report of the latest wave
# with its history, HTML and PDF.
t_ws=$(seconds "$bin report examples/acme --format html,pdf --out $dir/report-acme")
echo "workspace examples/acme (4 waves): report html,pdf in $t_ws s"
