#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, git-ignored) from
# the test fixtures. Run from anywhere; existing corpus files are kept.
#
#   survey_csv  every fixture survey, prefixed by two bytes: its rubric's
#               number in fuzz_targets/common/mod.rs (RUBRICS), then the
#               options byte (0: detect the layout, the rubric's breakdowns;
#               0x48 for a second copy read as two waves with the PDF)
#   survey_xlsx the fixture surveys are built into the target itself (a
#               sheet's `base`): it starts from a few short byte strings
#   rubric      every fixture rubric and bibliography, and the built-in ones
#   manifest    the fixture manifest and the one `mlbizops init` writes
set -euo pipefail
cd "$(dirname "$0")"
fx=../tests/fixtures
c=corpus
mkdir -p $c/survey_csv $c/survey_xlsx $c/rubric $c/manifest

rubric_of() {
  case "$1" in
    input/*|score/*) echo 0 ;;
    tools/*) echo 1 ;;
    report/*) echo 2 ;;
    levels/*) echo 3 ;;
    privacy/*) echo 4 ;;
    workspace/*) echo 5 ;;
  esac
}
for f in "$fx"/{input,score,tools,report,levels,workspace}/*.csv; do
  rel=${f#"$fx"/}
  r=$(rubric_of "$rel")
  name=$(echo "$rel" | tr / -)
  { printf "\\x$(printf %02x "$r")\\x00"; cat "$f"; } > "$c/survey_csv/$name"
  { printf "\\x$(printf %02x "$r")\\x48"; cat "$f"; } > "$c/survey_csv/waves-$name"
done

# Structured input: any bytes are a description of sheets; these pick each
# fixture as the first sheet's base (arbitrary reads them loosely), and
# carry 2 KB of a fixture survey's bytes for the rest of the description:
# libFuzzer's length limit starts at the longest seed.
for i in $(seq 0 11); do
  { printf "\\x00\\x00\\x01\\x00\\x01\\x$(printf %02x "$i")\\x00\\x00"
    head -c 2048 "$fx/levels/acme-2026-q3.csv"; } > "$c/survey_xlsx/base-$i"
done

for f in "$fx"/*/*.toml "$fx"/check/*/*.toml ../rubrics/*.toml; do
  [ -f "$f" ] || continue
  name=$(echo "${f#../}" | tr / -)
  cp "$f" "$c/rubric/$name"
done

cp "$fx/workspace/mlbizops.toml" "$c/manifest/fixture.toml"
cp ../examples/acme/mlbizops.toml "$c/manifest/acme.toml" 2>/dev/null || true
echo "seeded: $(for t in survey_csv survey_xlsx rubric manifest; do printf '%s %s  ' "$t" "$(ls $c/$t | wc -l)"; done)"
