#!/usr/bin/python3
"""Conformance of huntbook's KQL front end with Microsoft's, measured on the query corpus.

Every line of the corpus (kql-queries.jsonl) carries `reference`: what Microsoft's own KQL front
end (npm @kusto/language-service-next) said of the query: `parse_ok`, `bind_ok` (against the
corpus schema files) and `first_error`. This script runs `huntbook check --schemas DIR -f FILE`
on each query (its `query_expanded` when present, else `query`) and tallies where the two agree.

huntbook's verdict comes from the exit code and first output line of `check`:
  exit 0                      -> parsed and bound
  exit 1, "SyntaxError: ..."  -> rejected by the parser
  exit 1, other code          -> parsed, rejected by the binder
  timeout / signal / other    -> "crash" (counted as rejected by the parser)

Usage:
  conformance.py [--binary PATH] [--corpus JSONL] [--schemas DIR] [--jobs N] [--every N]
                 [--markdown OUT] [--json OUT] [--update-doc MD] [--top N]
`--every N` keeps queries 0, N, 2N, ... (a deterministic sample for quick regression runs).
Standard library only.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "kql-queries.jsonl")
DEFAULT_SCHEMAS = os.path.join(ROOT, "..", "shared", "corpus", "schemas")
DEFAULT_BINARY = os.path.join(ROOT, "build", "huntbook")
TIMEOUT_SECONDS = 10

POSITION = re.compile(r"\s*\(line \d+, column \d+\)\s*$")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
NUMBER = re.compile(r"\b\d+\b")
# "not supported: operator 'mv-apply'" keeps the name: that is the to-do item.
NOT_SUPPORTED = re.compile(r"^(not supported: [a-z -]+ '[^']*')")


def huntbook_class(message):
    """Groups a huntbook diagnostic: position dropped, user names and numbers blanked out."""
    code, _, text = message.partition(": ")
    text = POSITION.sub("", text)
    match = NOT_SUPPORTED.match(text)
    if match:
        return match.group(1)
    if text.startswith("not supported"):
        return NUMBER.sub("N", text)[:120]
    text = QUOTED.sub("'_'", text)
    text = NUMBER.sub("N", text)
    return "%s: %s" % (code, text[:120])


def reference_class(error):
    if not error:
        return "(no error text)"
    text = QUOTED.sub("'_'", error.strip())
    return NUMBER.sub("N", text)[:120]


def load_corpus(path, every):
    queries = []
    with open(path, encoding="utf-8") as corpus:
        for index, line in enumerate(corpus):
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            if index % every != 0:
                continue
            text = record.get("query_expanded") or record["query"]
            reference = record.get("reference") or {}
            queries.append({
                "index": index,
                "id": "%s:%s" % (record.get("source_repo", "?"), record.get("path", "?")),
                "text": text,
                "ref_parse": bool(reference.get("parse_ok")),
                "ref_bind": bool(reference.get("bind_ok")),
                "ref_error": reference.get("first_error"),
            })
    return queries


def run_check(binary, schemas, query_file):
    """Returns (verdict, message): verdict is 'bind', 'bind-error', 'parse-error' or 'crash'."""
    try:
        done = subprocess.run([binary, "check", "--schemas", schemas, "-f", query_file],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return "crash", "timeout after %d s" % TIMEOUT_SECONDS
    out = done.stdout.decode("utf-8", "replace")
    first = out.split("\n", 1)[0].strip()
    if done.returncode == 0 and first == "OK":
        return "bind", ""
    if done.returncode == 1 and first:
        if first.startswith("SyntaxError:"):
            return "parse-error", first
        return "bind-error", first
    err = done.stderr.decode("utf-8", "replace").strip().splitlines()
    tail = err[-1] if err else ""
    if done.returncode == 2:
        raise SystemExit("huntbook check failed to run: %s" % tail)
    return "crash", "exit %d %s" % (done.returncode, tail[:200])


def evaluate(args, queries):
    with tempfile.TemporaryDirectory(prefix="conformance-") as work:
        files = []
        for query in queries:
            path = os.path.join(work, "q%05d.kql" % query["index"])
            with open(path, "w", encoding="utf-8") as out:
                out.write(query["text"])
            files.append(path)
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(lambda f: run_check(args.binary, args.schemas, f), files))
    for query, (verdict, message) in zip(queries, results):
        query["hb_verdict"] = verdict
        query["hb_message"] = message
        query["hb_parse"] = verdict in ("bind", "bind-error")
        query["hb_bind"] = verdict == "bind"


def tally(queries):
    t = {"queries": len(queries)}
    t["parse"] = collections.Counter()
    t["bind"] = collections.Counter()
    groups = {name: collections.defaultdict(list) for name in (
        "hb_rejects_ref_binds", "hb_binds_ref_rejects", "hb_parse_fails_ref_parses",
        "hb_parses_ref_parse_fails", "crashes")}
    for q in queries:
        t["parse"][(q["ref_parse"], q["hb_parse"])] += 1
        t["bind"][(q["ref_bind"], q["hb_bind"])] += 1
        if q["hb_verdict"] == "crash":
            groups["crashes"][q["hb_message"]].append(q)
        if q["ref_bind"] and not q["hb_bind"] and q["hb_verdict"] != "crash":
            groups["hb_rejects_ref_binds"][huntbook_class(q["hb_message"])].append(q)
        if not q["ref_bind"] and q["hb_bind"]:
            groups["hb_binds_ref_rejects"][reference_class(q["ref_error"])].append(q)
        if q["ref_parse"] and not q["hb_parse"] and q["hb_verdict"] != "crash":
            groups["hb_parse_fails_ref_parses"][huntbook_class(q["hb_message"])].append(q)
        if not q["ref_parse"] and q["hb_parse"]:
            groups["hb_parses_ref_parse_fails"][reference_class(q["ref_error"])].append(q)
    p, b = t["parse"], t["bind"]
    t["parse_agree"] = p[(True, True)] + p[(False, False)]
    t["bind_agree"] = b[(True, True)] + b[(False, False)]
    t["hb_binds"] = b[(True, True)] + b[(False, True)]
    t["both_bind"] = b[(True, True)]
    t["ref_binds"] = b[(True, True)] + b[(True, False)]
    t["groups"] = groups
    return t


def ranked(group):
    return sorted(group.items(), key=lambda item: (-len(item[1]), item[0]))


def pct(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def example(query):
    """Names a query by its corpus line (0-based) and its source: one file may hold many."""
    return "#%d `%s`" % (query["index"], cell(query["id"]))


def markdown(t, args):
    n = t["queries"]
    p, b, g = t["parse"], t["bind"], t["groups"]
    lines = []
    add = lines.append
    sample = "" if args.every == 1 else " (every %d. query)" % args.every
    add("Queries: **%d**%s. Parse agreement: **%d** (%s). Bind agreement: **%d** (%s). "
        "huntbook binds **%d** of the %d queries the reference binds (%s)."
        % (n, sample, t["parse_agree"], pct(t["parse_agree"], n), t["bind_agree"],
           pct(t["bind_agree"], n), t["both_bind"], t["ref_binds"],
           pct(t["both_bind"], t["ref_binds"])))
    add("")
    add("| parse | huntbook parses | huntbook rejects |")
    add("|---|---:|---:|")
    add("| reference parses | %d | %d |" % (p[(True, True)], p[(True, False)]))
    add("| reference rejects | %d | %d |" % (p[(False, True)], p[(False, False)]))
    add("")
    add("| bind (parse + names + types) | huntbook binds | huntbook rejects |")
    add("|---|---:|---:|")
    add("| reference binds | %d | %d |" % (b[(True, True)], b[(True, False)]))
    add("| reference rejects | %d | %d |" % (b[(False, True)], b[(False, False)]))
    add("")
    crashes = sum(len(v) for v in g["crashes"].values())
    add("Crashes or timeouts (> %d s) of `huntbook check`: **%d**." % (TIMEOUT_SECONDS, crashes))
    for reason, items in ranked(g["crashes"]):
        add("- %s: %d (e.g. %s)" % (cell(reason), len(items), example(items[0])))
    add("")

    def table(title, group, top, header):
        add("### " + title)
        add("")
        if not group:
            add("None.")
            add("")
            return
        add("| # | %s | queries | example |" % header)
        add("|---:|---|---:|---|")
        for rank, (reason, items) in enumerate(ranked(group)[:top], 1):
            add("| %d | %s | %d | %s |" % (rank, cell(reason), len(items), example(items[0])))
        rest = ranked(group)[top:]
        if rest:
            add("| | %d more reasons | %d | |" % (len(rest), sum(len(v) for _, v in rest)))
        add("")

    table("Top %d reasons huntbook rejects queries the reference binds" % args.top,
          g["hb_rejects_ref_binds"], args.top, "huntbook error class")
    table("Reference parses, huntbook's parser rejects", g["hb_parse_fails_ref_parses"],
          args.top, "huntbook syntax error class")
    table("Reference rejects, huntbook binds", g["hb_binds_ref_rejects"], args.top,
          "reference `first_error` class")
    table("Reference parser rejects, huntbook parses", g["hb_parses_ref_parse_fails"], args.top,
          "reference `first_error` class")
    return "\n".join(lines) + "\n"


def json_report(t):
    def groups(group):
        return [{"class": reason, "count": len(items),
                 "queries": [{"id": q["id"], "index": q["index"], "huntbook": q["hb_message"],
                              "reference": q["ref_error"]} for q in items]}
                for reason, items in ranked(group)]
    p, b = t["parse"], t["bind"]
    cells = lambda c: {"ref_ok_hb_ok": c[(True, True)], "ref_ok_hb_rejects": c[(True, False)],
                       "ref_rejects_hb_ok": c[(False, True)],
                       "ref_rejects_hb_rejects": c[(False, False)]}
    return {"queries": t["queries"], "parse_agree": t["parse_agree"],
            "bind_agree": t["bind_agree"], "both_bind": t["both_bind"],
            "hb_binds": t["hb_binds"], "ref_binds": t["ref_binds"], "parse": cells(p),
            "bind": cells(b), **{name: groups(group) for name, group in t["groups"].items()}}


BEGIN_TALLY = "<!-- BEGIN TALLY (scripts/conformance.py --update-doc) -->"
END_TALLY = "<!-- END TALLY -->"


def update_doc(path, text):
    with open(path, encoding="utf-8") as doc:
        content = doc.read()
    begin, end = content.find(BEGIN_TALLY), content.find(END_TALLY)
    if begin < 0 or end < begin:
        raise SystemExit("%s has no %s ... %s block" % (path, BEGIN_TALLY, END_TALLY))
    content = content[:begin + len(BEGIN_TALLY)] + "\n" + text + content[end:]
    with open(path, "w", encoding="utf-8") as doc:
        doc.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=DEFAULT_BINARY)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--schemas", default=DEFAULT_SCHEMAS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--every", type=int, default=1, help="keep every N-th query")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--markdown", help="write the tally tables (Markdown) here")
    parser.add_argument("--json", help="write the tally and every disagreement (JSON) here")
    parser.add_argument("--update-doc", metavar="MD",
                        help="replace the text between %s and %s in this file with the tables"
                        % (BEGIN_TALLY, END_TALLY))
    args = parser.parse_args()
    if args.every < 1 or args.jobs < 1:
        parser.error("--every and --jobs must be >= 1")
    if not os.access(args.binary, os.X_OK):
        parser.error("no huntbook binary at %s (give --binary)" % args.binary)
    queries = load_corpus(args.corpus, args.every)
    evaluate(args, queries)
    t = tally(queries)
    text = markdown(t, args)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(json_report(t), out, indent=1)
    if args.update_doc:
        update_doc(args.update_doc, text)
    crashes = sum(len(v) for v in t["groups"]["crashes"].values())
    # One machine-readable line for scripts (test/integration/conformance_test.sh reads it).
    print("queries=%d parse_agree=%d bind_agree=%d both_bind=%d hb_binds=%d ref_binds=%d "
          "crashes=%d" % (t["queries"], t["parse_agree"], t["bind_agree"], t["both_bind"],
                          t["hb_binds"], t["ref_binds"], crashes))
    if not args.markdown:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
