#!/usr/bin/env bash
# Benchmark: mlbizops score and report against the floor (reading every record
# with the csv crate and parsing each answer as a number), on generated
# surveys of 10k, 100k and 1M respondents for the built-in rubric.
#
#   bash bench/run.sh            # all three sizes
#   SIZES="10000 100000" bash bench/run.sh
#
# Prints, per size: median seconds of floor / score / report (hyperfine when
# installed, else the best of 3 runs), the score/floor ratio, and peak memory
# (GNU time's maximum resident set size).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10000 100000 1000000"}
dir=target/bench
mkdir -p "$dir"
cargo build --release --locked --quiet --bin mlbizops --example floor --example generate
bin=target/release/mlbizops
floor=target/release/examples/floor

seconds() { # best of 3, or hyperfine's median
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 --style none --export-json "$dir/h.json" "$1" >/dev/null 2>&1
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

peak_kb() { /usr/bin/time -f "%M" bash -c "$1 >/dev/null 2>/dev/null" 2>&1 | tail -1; }

printf '%-10s %-8s %8s %8s %10s %8s %12s %12s\n' rows "file MB" floor score "score/fl" report "score KB" "report KB"
for n in $SIZES; do
  f="$dir/survey-$n.csv"
  [ -f "$f" ] || "target/release/examples/generate" --rows "$n" --out "$f" 2>/dev/null
  mb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s "$f")/1048576}")
  t_floor=$(seconds "$floor $f")
  t_score=$(seconds "$bin score $f --format json")
  t_report=$(seconds "$bin report $f --format html,pdf --out $dir/report-$n")
  m_score=$(peak_kb "$bin score $f --format json")
  m_report=$(peak_kb "$bin report $f --format html,pdf --out $dir/report-$n")
  ratio=$(awk "BEGIN{printf \"%.2f\", $t_score/$t_floor}")
  printf '%-10s %-8s %8s %8s %10s %8s %12s %12s\n' "$n" "$mb" "$t_floor" "$t_score" "$ratio" "$t_report" "$m_score" "$m_report"
done

# The example quarterly workspace (4 waves): the report of the latest wave
# with its history, HTML and PDF.
t_ws=$(seconds "$bin report examples/acme --format html,pdf --out $dir/report-acme")
echo "workspace examples/acme (4 waves): report html,pdf in $t_ws s"
