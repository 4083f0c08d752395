#!/usr/bin/python3
"""Reproduces the corpus's stored `reference` verdicts with Microsoft's KQL front end.

Runs tools/kql-reference/reference.mjs (npm @kusto/language-service-next, pinned there) over
every corpus query (its `query_expanded` when present, else `query`) against the corpus table
schemas, prints how many it parses and binds, and how many of its verdicts agree with the
`reference` field stored on each corpus line (parse_ok, bind_ok and the first error's
message). Lists every corpus line where they differ.

Usage:
  cd tools/kql-reference && npm ci      # once
  reference_corpus.py [--corpus JSONL] [--schemas DIR] [--columns union|documented]
                      [--save OUT.jsonl]
The last line printed is machine-readable: `queries=… parse_ok=… bind_ok=… parse_agree=…
bind_agree=… error_agree=…`. Exit 1 when any verdict differs from the stored one.
Standard library only.
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "kql-queries.jsonl")
DEFAULT_SCHEMAS = os.path.join(ROOT, "..", "shared", "corpus", "schemas")
REFERENCE_DIR = os.path.join(ROOT, "tools", "kql-reference")


def run_reference(corpus, schemas, columns):
    """The reference's verdict on every corpus line, in corpus order."""
    if not os.path.isdir(os.path.join(REFERENCE_DIR, "node_modules", "@kusto")):
        sys.exit("reference_corpus.py: run `npm ci` in tools/kql-reference first")
    with open(corpus, encoding="utf-8") as stdin:
        output = subprocess.run(
            ["node", os.path.join(REFERENCE_DIR, "reference.mjs"), "--schemas", schemas,
             "--columns", columns], stdin=stdin, stdout=subprocess.PIPE, check=True).stdout
    return [json.loads(line) for line in output.decode("utf-8").splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--schemas", default=DEFAULT_SCHEMAS)
    parser.add_argument("--columns", default="union", choices=["union", "documented"])
    parser.add_argument("--save", help="write the reference's verdicts (JSON Lines) here")
    args = parser.parse_args()

    with open(args.corpus, encoding="utf-8") as corpus:
        stored = [json.loads(line).get("reference") or {} for line in corpus if line.strip()]
    fresh = run_reference(args.corpus, args.schemas, args.columns)
    if len(fresh) != len(stored):
        sys.exit("reference_corpus.py: %d verdicts for %d queries" % (len(fresh), len(stored)))
    if args.save:
        with open(args.save, "w", encoding="utf-8") as out:
            out.writelines(json.dumps(verdict) + "\n" for verdict in fresh)

    counts = dict(queries=len(fresh), parse_ok=0, bind_ok=0, parse_agree=0, bind_agree=0,
                  error_agree=0)
    for index, (old, new) in enumerate(zip(stored, fresh)):
        message = (new["first_error"] or {}).get("message")
        counts["parse_ok"] += new["parse_ok"]
        counts["bind_ok"] += new["bind_ok"]
        counts["parse_agree"] += new["parse_ok"] == old.get("parse_ok")
        counts["bind_agree"] += new["bind_ok"] == old.get("bind_ok")
        counts["error_agree"] += message == old.get("first_error")
        if (new["parse_ok"], new["bind_ok"], message) != (
                old.get("parse_ok"), old.get("bind_ok"), old.get("first_error")):
            print("#%d stored parse=%s bind=%s %r; now parse=%s bind=%s %r" % (
                index, old.get("parse_ok"), old.get("bind_ok"), old.get("first_error"),
                new["parse_ok"], new["bind_ok"], message))
    print("@kusto/language-service-next parses %d and binds %d of %d queries; agrees with the "
          "stored reference on parse %d, bind %d, first error %d" % (
              counts["parse_ok"], counts["bind_ok"], counts["queries"], counts["parse_agree"],
              counts["bind_agree"], counts["error_agree"]))
    print(" ".join("%s=%d" % item for item in counts.items()))
    agree = counts["queries"] == counts["parse_agree"] == counts["bind_agree"] == counts[
        "error_agree"]
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
