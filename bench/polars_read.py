"""What a data person would run first on a survey export: polars' CSV
reader (multi-threaded, in Rust), reading the whole file into a data frame.
No scoring at all: `bench/run.sh` times it against `mlbizops score`, which
reads, scores and audits the same file.

    python3 bench/polars_read.py survey.csv [--text]
"""

import sys

import polars as pl


def main() -> None:
    # Two honest reads. Typed: polars' own type inference over the whole
    # file (its default of the first 100 rows stops with an error at the
    # first "Not sure" further down). `--text`: every column as text, no
    # inference, the fastest read polars offers (0.41 s against 2.8 s typed
    # on the 200k file): the floor for "polars merely reading the file".
    text = "--text" in sys.argv[2:]
    if text:
        df = pl.read_csv(sys.argv[1], infer_schema=False)
    else:
        df = pl.read_csv(sys.argv[1], infer_schema_length=None)
    print(f"{df.height} rows, {df.width} columns")


if __name__ == "__main__":
    main()
