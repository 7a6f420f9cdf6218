"""What a data person would run first on a survey export: polars' CSV
reader (multi-threaded, in Rust), reading the whole file into a data frame.
No scoring at all: `bench/run.sh` times it against `mlbizops score`, which
reads, scores and audits the same file.

    python3 bench/polars_read.py survey.csv
"""

import sys

import polars as pl


def main() -> None:
    # Every column as text would be unfair to polars (no number parsing);
    # its own type inference over the whole file is what people run.
    df = pl.read_csv(sys.argv[1], infer_schema_length=None)
    print(f"{df.height} rows, {df.width} columns")


if __name__ == "__main__":
    main()
