"""Command line: /usr/bin/python3 -m huntbook.sample_data --out DIR [--end DATE] [--seed N]
[--scale X]. Prints the row count per table."""

import argparse
import sys

from . import DEFAULT_SEED, generate


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m huntbook.sample_data",
                                     description="Writes a deterministic sample workspace.")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--end", help="end of the 30-day window, ISO date (default 2026-11-01)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="volume factor (default 1)")
    args = parser.parse_args(argv)
    try:
        truth = generate(args.out, end=args.end, seed=args.seed, scale=args.scale)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for table, count in truth["rows"].items():
        print(f"{table}\t{count}")
    print(f"total\t{sum(truth['rows'].values())}\t{truth['start']} .. {truth['end']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
