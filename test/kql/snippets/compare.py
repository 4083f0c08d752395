#!/usr/bin/python3
"""Compares huntbook's front end with Microsoft's on the snippet set (snippets.jsonl).

Runs `huntbook check --schemas schemas/ --jsonl snippets.jsonl` (one process for all
snippets) and compares each verdict with the reference's stored one (generate.py):
accept/reject (parse + bind) and, when both bind, the result schema (column names, order and
Kusto types). Prints the figures and the disagreements by class; fails (exit 1) when the
disagreements exceed the ceilings recorded below, when huntbook's parser and the reference's
disagree on more snippets than recorded, or when `huntbook check` fails.

Usage: compare.py --binary PATH [--markdown OUT] [--json OUT] [--list]
The last line printed is machine-readable: `snippets=… accept_agree=… both_bind=…
schema_agree=… hb_only_binds=… ref_only_binds=… parse_disagree=…`.
Standard library only.
"""

import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from conformance import huntbook_class, reference_class  # noqa: E402

# Ceilings: the disagreements measured when they were recorded (docs/conformance.md,
# "Snippets"). Lower them when huntbook improves; never raise them to pass.
MAX_REF_ONLY_BINDS = 116    # the reference binds, huntbook rejects
MAX_HB_ONLY_BINDS = 1       # huntbook binds, the reference rejects
MAX_SCHEMA_DISAGREE = 33    # both bind, result schemas differ
MAX_PARSE_DISAGREE = 8      # the parsers disagree


def run_huntbook(binary, snippets_path):
    completed = subprocess.run(
        [binary, "check", "--schemas", os.path.join(HERE, "schemas"), "--jsonl", snippets_path],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    if completed.returncode != 0:
        sys.exit("compare.py: huntbook check exited with %d: %s" % (
            completed.returncode, completed.stderr.decode("utf-8", "replace")[-2000:]))
    return {v["id"]: v for v in map(json.loads, completed.stdout.decode("utf-8").splitlines())}


def schema_text(schema):
    return ", ".join("%s:%s" % (column["name"], column["type"]) for column in schema)


def schema_class(ours, theirs):
    """Why two result schemas differ: names/order, or the first differing type pair."""
    if [c["name"] for c in ours] != [c["name"] for c in theirs]:
        return "column names or order differ"
    for a, b in zip(ours, theirs):
        if a["type"] != b["type"]:
            return "type: huntbook %s, reference %s" % (a["type"], b["type"])
    return "identical"


def compare(snippets, verdicts):
    counts = collections.Counter()
    classes = {key: collections.defaultdict(list) for key in ("ref_only", "hb_only", "schema")}
    disagreements = []
    for snippet in snippets:
        reference, ours = snippet["reference"], verdicts.get(snippet["id"])
        if ours is None:
            sys.exit("compare.py: no verdict for %s" % snippet["id"])
        counts["snippets"] += 1
        counts["ref_binds"] += reference["bind_ok"]
        counts["parse_disagree"] += reference["parse_ok"] != ours["parse_ok"]
        record = {"id": snippet["id"], "query": snippet["query"]}
        if reference["bind_ok"] == ours["bind_ok"]:
            counts["accept_agree"] += 1
        if reference["bind_ok"] and not ours["bind_ok"]:
            counts["ref_only_binds"] += 1
            cls = huntbook_class(ours["first_error"]["message"])
            classes["ref_only"][cls].append(snippet["id"])
            disagreements.append(dict(record, kind="ref_only", huntbook=ours["first_error"]))
        elif ours["bind_ok"] and not reference["bind_ok"]:
            counts["hb_only_binds"] += 1
            cls = reference_class(reference["first_error"])
            classes["hb_only"][cls].append(snippet["id"])
            disagreements.append(dict(record, kind="hb_only", reference=reference["first_error"]))
        elif ours["bind_ok"]:
            counts["both_bind"] += 1
            cls = schema_class(ours["result_schema"], reference["result_schema"])
            if cls == "identical":
                counts["schema_agree"] += 1
            else:
                classes["schema"][cls].append(snippet["id"])
                disagreements.append(dict(
                    record, kind="schema", huntbook=schema_text(ours["result_schema"]),
                    reference=schema_text(reference["result_schema"])))
    return counts, classes, disagreements


def markdown(counts, classes):
    def pct(part, whole):
        return "%.1f%%" % (100.0 * part / whole) if whole else "-"

    lines = [
        "Snippets: **%d** (the reference binds %d). Accept/reject agreement: **%d** (%s). "
        "Both bind: %d; same result schema: **%d** (%s). Parser disagreements: %d." % (
            counts["snippets"], counts["ref_binds"], counts["accept_agree"],
            pct(counts["accept_agree"], counts["snippets"]), counts["both_bind"],
            counts["schema_agree"], pct(counts["schema_agree"], counts["both_bind"]),
            counts["parse_disagree"]), ""]
    titles = {
        "ref_only": ("The reference binds, huntbook rejects", "huntbook error class"),
        "hb_only": ("huntbook binds, the reference rejects", "reference error class"),
        "schema": ("Both bind, result schemas differ", "difference"),
    }
    for key, (title, header) in titles.items():
        group = classes[key]
        lines += ["#### %s (%d)" % (title, sum(len(ids) for ids in group.values())), "",
                  "| %s | snippets | example |" % header, "|---|---:|---|"]
        for cls, ids in sorted(group.items(), key=lambda item: (-len(item[1]), item[0])):
            lines.append("| %s | %d | `%s` |" % (cls.replace("|", "\\|"), len(ids), ids[0]))
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--snippets", default=os.path.join(HERE, "snippets.jsonl"))
    parser.add_argument("--markdown", help="write the tally tables (Markdown) here")
    parser.add_argument("--json", help="write every disagreement (JSON) here")
    parser.add_argument("--list", action="store_true", help="print every disagreement")
    args = parser.parse_args()

    with open(args.snippets, encoding="utf-8") as source:
        snippets = [json.loads(line) for line in source if line.strip()]
    counts, classes, disagreements = compare(snippets, run_huntbook(args.binary, args.snippets))
    table = markdown(counts, classes)
    print(table)
    if args.list:
        for item in disagreements:
            print(json.dumps(item, ensure_ascii=False))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(table)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"counts": counts, "disagreements": disagreements}, out, indent=1)

    failed = False
    for name, ceiling in (("ref_only_binds", MAX_REF_ONLY_BINDS),
                          ("hb_only_binds", MAX_HB_ONLY_BINDS),
                          ("schema_disagree", MAX_SCHEMA_DISAGREE),
                          ("parse_disagree", MAX_PARSE_DISAGREE)):
        value = (counts["both_bind"] - counts["schema_agree"] if name == "schema_disagree"
                 else counts[name])
        if value > ceiling:
            print("FAIL: %s = %d, above the recorded ceiling %d" % (name, value, ceiling))
            failed = True
    print(" ".join("%s=%d" % (key, counts[key]) for key in (
        "snippets", "accept_agree", "both_bind", "schema_agree", "hb_only_binds",
        "ref_only_binds", "parse_disagree")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
