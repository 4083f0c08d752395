#!/usr/bin/python3
"""Hostile queries get a clean error or the right answer, never a crash or a hang (issue 3).

usage: hostile_input_test.py HUNTBOOK_BINARY

Runs `huntbook serve` (stdlib client: huntbook_server.py) over a table T (x = 0..19) and
sends, at every depth in DEPTHS (10 to 1,000,000), queries nested that deep (parentheses,
unary signs, calls, iff, case, subqueries, union, toscalar, dynamic literals, lets, lambdas)
and flat chains that parse into deep trees (`1+1+...`, `and`/`or` chains, `| where` stages,
`in` lists, member and index chains); then huge literals, pathological and invalid regular
expressions, and invalid UTF-8. Each query must answer within its time bound with either
the documented rows or an error whose code and message are the expected ones and whose
position points into the query at the construct named (docs/limits.md). Every response
must be valid UTF-8 JSON, and the server must still be up at the end. A few inputs also go
through `huntbook check` and `huntbook query`, whose stack is the main thread's.
Debian's /usr/bin/python3, stdlib only.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import huntbook_server  # noqa: E402

DEPTHS = [10, 100, 1000, 10000, 100000, 1000000]
MAX_QUERY_BYTES = 1 << 20  # kql/syntax/lexer.h
SECONDS_PER_QUERY = 120    # an ASan build on a shared 2-core machine
MAX_BODY_BYTES = 4 << 20   # the server's request limit (ServiceOptions): 413 above it

NESTED = "query is nested more than 256 levels deep"
TOO_LARGE = "query text is larger than 1 MiB"


def ok(*rows):
    return ("ok", [list(r) for r in rows])


def error(code, message, at=None):
    """`at`: the text the reported position must point at in the query (None: no position)."""
    return ("error", code, message, at)


# name -> (query text for depth n, expected outcome for depth n). The outcome at depths whose
# text exceeds 1 MiB is TOO_LARGE and is not repeated here.
DEPTH_CASES = {
    # doc: https://learn.microsoft.com/kusto/query/print-operator
    "parens": (lambda n: "print x=" + "(" * n + "1" + ")" * n,
               lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "(")),
    "unary_minus": (lambda n: "print x=" + "- " * n + "1",
                    lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "-")),
    "unary_minus_parens": (lambda n: "print x=" + "-(" * n + "1" + ")" * n,
                           lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "-")),
    # doc: https://learn.microsoft.com/kusto/query/not-function
    "not": (lambda n: "print x=" + "not(" * n + "true" + ")" * n,
            lambda n: ok([True]) if n <= 100 else error("SyntaxError", NESTED, "not")),
    # doc: https://learn.microsoft.com/kusto/query/strlen-function
    "strlen_tostring": (lambda n: "print x=" + "strlen(tostring(" * n + "1" + "))" * n,
                        lambda n: ok([1]) if n <= 10 else error("SyntaxError", NESTED, "strlen")),
    # doc: https://learn.microsoft.com/kusto/query/iff-function
    "iff": (lambda n: "print x=" + "iff(true, " * n + "1" + ", 0)" * n,
            lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "true")),
    # doc: https://learn.microsoft.com/kusto/query/case-function
    "case": (lambda n: "print x=" + "case(false, 0, " * n + "1" + ")" * n,
             lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "false")),
    "tabular_parens": (lambda n: "(" * n + "T" + ")" * n + " | count",
                       lambda n: ok([20]) if n <= 100 else error("SyntaxError", NESTED, "(")),
    # doc: https://learn.microsoft.com/kusto/query/union-operator
    "union": (lambda n: "union (" * n + "T" + ")" * n + " | count",
              lambda n: ok([20]) if n <= 100 else error("SyntaxError", NESTED, "union")),
    # doc: https://learn.microsoft.com/kusto/query/toscalar-function
    "toscalar": (lambda n: "print x=" + "toscalar(print " * n + "1" + ")" * n,
                 lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "print")),
    # doc: https://learn.microsoft.com/kusto/query/scalar-data-types/dynamic
    "dynamic": (lambda n: "print x=array_length(dynamic(" + "[" * n + "1" + "]" * n + "))",
                lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "[")),
    # doc: https://learn.microsoft.com/kusto/query/let-statement
    "let_chain": (lambda n: "let a0 = 1;" + "".join(f"let a{i} = a{i - 1};" for i in range(1, n))
                  + f"print x=a{n - 1}",
                  lambda n: ok([1])),
    "let_function_chain": (
        lambda n: "let f0 = () { 1 };" + "".join(f"let f{i} = () {{ f{i - 1}() }};"
                                                 for i in range(1, n)) + f"print x=f{n - 1}()",
        lambda n: ok([1]) if n <= 100 else error("SemanticError", "nested too deeply", "f")),
    "lambda_nest": (lambda n: "let f = " + "() { let g = " * n + "1" + "; g }" * n + "; print x=f()",
                    lambda n: ok([1]) if n <= 100 else error("SyntaxError", NESTED, "(")),
    # Flat chains: left-leaning trees one level per operator, except and/or (balanced).
    "plus_chain": (lambda n: "print x=" + "+".join(["1"] * n),
                   lambda n: ok([n]) if n <= 100 else error("SyntaxError", NESTED, "+")),
    # doc: https://learn.microsoft.com/kusto/query/logical-operators
    "and_chain": (lambda n: "print x=" + " and ".join(["true"] * n), lambda n: ok([True])),
    "or_chain": (lambda n: "T | where " + " or ".join(f"x == {i}" for i in range(n)) + " | count",
                 lambda n: ok([min(n, 20)])),
    "where_stages": (lambda n: "T" + " | where true" * n + " | count",
                     lambda n: ok([20]) if n <= 100 else
                     error("SemanticError", "query plan is more than 1000 operators deep",
                           "count" if n == 1000 else "where")),
    # doc: https://learn.microsoft.com/kusto/query/in-operator
    "in_list": (lambda n: "print x=7 in (" + ",".join(str(i) for i in range(n)) + ")",
                lambda n: ok([True])),
    # doc: https://learn.microsoft.com/kusto/query/strcat-function (1 to 64 arguments)
    "strcat_args": (lambda n: "print x=strlen(strcat(" + ",".join(['"a"'] * n) + "))",
                    lambda n: ok([n]) if n <= 64 else
                    error("SemanticError", "strcat() takes 1 to 64 argument(s)", "strcat")),
    "member_chain": (lambda n: "print x=isnull(dynamic({}).a" + ".a" * n + ")",
                     lambda n: ok([True]) if n <= 100 else error("SyntaxError", NESTED, ".")),
    "index_chain": (lambda n: "print x=isnull(dynamic([])" + "[0]" * n + ")",
                    lambda n: ok([True]) if n <= 100 else error("SyntaxError", NESTED, "[")),
    # Deep JSON built at run time (parse_json never recurses without bound).
    # doc: https://learn.microsoft.com/kusto/query/parse-json-function
    "parse_json_runtime": (
        lambda n: f'let s = strcat(strrep("[", {n}), strrep("]", {n})); '
                  'print x=strlen(tostring(parse_json(s))) == strlen(s)',
        lambda n: ok([True])),
}

A = "a" * 100000
SINGLE_CASES = [
    # Huge literals.
    ("string_900kb", 'print x=strlen("' + "a" * 900000 + '")', ok([900000])),
    ("string_10mb", 'print x=strlen("' + "a" * (10 << 20) + '")',
     error("SyntaxError", TOO_LARGE, "p")),
    ("timespan_out_of_range", "print x=99999999999999d",
     error("SyntaxError", "timespan literal is too large", "9")),
    ("datetime_out_of_range", "print x=datetime(99999-01-01)",
     error("SemanticError", "invalid datetime literal", "9")),
    ("dynamic_300k_items", "print x=array_length(dynamic([" + ",".join(["1"] * 300000) + "]))",
     ok([300000])),
    ("identifier_500k", "print " + "a" * 500000 + "=1", ok([1])),
    ("unknown_name_500k", "print x=" + "b" * 500000,
     error("SemanticError", "unknown column or name", "b")),
    # Regular expressions: RE2 is linear, so no pattern backtracks; bad ones are errors.
    # doc: https://learn.microsoft.com/kusto/query/regex
    ("regex_nested_star", f'print x="{A}" matches regex "(a*)*b"', ok([False])),
    ("regex_alternation_dollar", f'print x="{A}" matches regex "(a|aa)*$"', ok([True])),
    ("regex_repeat_repeat", 'print x="a" matches regex "a{1000}{1000}"',
     error("InvalidArgument", "matches regex: invalid regular expression 'a{1000}{1000}'")),
    ("regex_repeat_too_big", 'print x="a" matches regex "(a{1000}){1000}"',
     error("InvalidArgument", "invalid repetition size")),
    ("regex_huge_alternation",
     'print x="zz" matches regex "' + "|".join(f"a{i}b" for i in range(60000)) + '"',
     ok([False])),
    ("regex_unbalanced", 'print x=extract("(a", 1, "a")',
     error("InvalidArgument", "extract: invalid regular expression '(a': missing )")),
    ("regex_long_invalid_message",
     'print x=extract_all("(' + "x" * 200000 + '", "a")',
     error("InvalidArgument", "bytes)")),
    ("extract_long_input", f'print x=strlen(extract("((a|aa)*)$", 1, "{A}"))', ok([100000])),
    ("extract_all_long_input", f'print x=array_length(extract_all("(a)", "{A}"))',
     ok([100000])),
    ("replace_regex_long_input", f'print x=strlen(replace_regex("{A}", "(a|aa)*$", "b"))',
     ok([1])),
    ("replace_regex_bad_group", 'print x=replace_regex("a", "(a)", @"\\9")',
     error("InvalidArgument", "replace_regex")),
    ("parse_kind_regex", f'print s="{A}" | parse kind=regex s with x:string "(a*)*b" | count',
     ok([1])),
    ("parse_kind_regex_invalid", 'print s="a" | parse kind=regex s with "(" x:string | count',
     error("SemanticError", "parse: invalid regular expression", "parse")),
    ("countof_regex", f'print x=countof("{A}", "(a|aa)*$", "regex")', ok([2])),
    ("split_long_input", 'print x=array_length(split("' + "a," * 100000 + '", ","))',
     ok([100001])),
    # Escapes: a surrogate pair is one character, a lone surrogate U+FFFD.
    # doc: https://learn.microsoft.com/kusto/query/scalar-data-types/string
    ("escape_surrogate_pair", 'print x=strlen("\\ud83d\\ude00"), y=unicode_codepoints_from_string("\\ud83d\\ude00")',
     ok([1, [128512]])),
    ("escape_lone_surrogate", 'print x=unicode_codepoints_from_string("a\\ud800b")',
     ok([[97, 65533, 98]])),
    # Invalid UTF-8 made at run time reaches the JSON writer as U+FFFD.
    # doc: https://learn.microsoft.com/kusto/query/base64-decode-tostring-function
    ("base64_invalid_utf8", 'print x=base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")',
     ok([""])),
    ("url_decode_invalid_utf8", 'print x=url_decode("%FF%FEa")', ok(["\ufffd\ufffda"])),
    ("reverse_multibyte", 'print x=reverse("h\u00e9llo\u20ac")', ok(["\u20acoll\u00e9h"])),
    ("substring_multibyte", 'print x=substring("\u00e9\u20ac\U0001f600z", 1, 2)',
     ok(["\u20ac\U0001f600"])),
    ("toupper_multibyte", 'print x=toupper("\u00e9a")', ok(["\u00c9A"])),
]


# Invalid UTF-8 in the query text (a file for `huntbook query -f`; an HTTP body is JSON,
# which cannot carry it): a syntax error at the first bad byte.
UTF8_CLI_CASES = [
    ("utf8_identifier", b"print \xff\xfe=1", "1:7"),
    ("utf8_string", b'print x="ab\xc3"', "1:12"),
    ("utf8_comment", b"print x=1\n// \xe2\x82\n", "2:4"),
    ("utf8_overlong", b'print x="\xc0\xaf"', "1:10"),
    ("utf8_surrogate", b'print x="\xed\xa0\x80"', "1:10"),
]


class Failure(Exception):
    pass


def position_text(text, line, column, width):
    """The `width` bytes at 1-based line/column (bytes) of `text`."""
    lines = text.split(b"\n")
    if not 1 <= line <= len(lines):
        raise Failure(f"position line {line} outside the query ({len(lines)} lines)")
    row = lines[line - 1]
    if not 1 <= column <= len(row) + 1:
        raise Failure(f"position column {column} outside line {line} ({len(row)} bytes)")
    return row[column - 1:column - 1 + width]


def check_outcome(name, text, status, body, expected):
    try:
        parsed = json.loads(body.decode("utf-8"))  # strict: invalid UTF-8 raises
    except (UnicodeDecodeError, ValueError) as e:
        raise Failure(f"response is not valid UTF-8 JSON ({e}): {body[:200]!r}")
    if expected[0] == "ok":
        if status != 200:
            raise Failure(f"expected rows {expected[1]}, got HTTP {status}: {body[:300]!r}")
        rows = parsed["tables"][0]["rows"]
        # Dynamic cells come as JSON text in the Log Analytics format.
        columns = parsed["tables"][0]["columns"]
        decoded = [[json.loads(c) if col["type"] == "dynamic" and isinstance(c, str) else c
                    for c, col in zip(row, columns)] for row in rows]
        if decoded != expected[1]:
            raise Failure(f"expected rows {expected[1]}, got {str(decoded)[:300]}")
        return
    _, code, message, at = expected
    if status == 413 and len(text) > MAX_QUERY_BYTES and message == TOO_LARGE:
        return  # the request body limit answers first
    if status != 400:
        raise Failure(f"expected {code} '{message}', got HTTP {status}: {body[:300]!r}")
    inner = parsed.get("error", {}).get("innererror", parsed.get("error", {}))
    got_code = inner.get("code", "")
    got_message = inner.get("message", "")
    if code not in (got_code, parsed["error"].get("code")) and code not in got_message:
        raise Failure(f"expected code {code}, got {str(parsed)[:300]}")
    if message.lower() not in got_message.lower():
        raise Failure(f"expected message '{message}', got '{got_message[:300]}'")
    if at is not None:
        line, column = inner.get("line"), inner.get("pos", inner.get("column"))
        if line is None or column is None:
            raise Failure(f"no position in {str(inner)[:300]}")
        at_bytes = at if isinstance(at, bytes) else at.encode()
        got = position_text(text, line, column, len(at_bytes))
        if got != at_bytes:
            raise Failure(f"position {line}:{column} points at {got!r}, expected {at_bytes!r}")


def run_query(port, name, text, expected, failures, timings):
    body_text = text if isinstance(text, bytes) else text.encode()
    if expected[0] == "ok" or expected[2] != TOO_LARGE:
        if len(body_text) > MAX_QUERY_BYTES:
            expected = error("SyntaxError", TOO_LARGE, body_text[:1])
    payload = b'{"query":' + json.dumps(body_text.decode("utf-8", "surrogateescape"),
                                        ensure_ascii=False).encode("utf-8", "surrogateescape") + b"}"
    if len(payload) > MAX_BODY_BYTES:
        return  # the server refuses the body before the engine sees it
    started = time.monotonic()
    try:
        status, body = huntbook_server.request(port, "POST", "/v1/workspaces/default/query",
                                               payload, timeout=SECONDS_PER_QUERY)
    except OSError as e:
        failures.append(f"{name}: no answer within {SECONDS_PER_QUERY}s or connection lost: {e}")
        return
    elapsed = time.monotonic() - started
    timings.append((elapsed, name))
    try:
        check_outcome(name, body_text, status, body, expected)
    except Failure as e:
        failures.append(f"{name}: {e}")


def run_cli(binary, data, command, text, expected_code, expected_message, failures,
            position=None):
    with tempfile.NamedTemporaryFile(suffix=".kql") as f:
        f.write(text if isinstance(text, bytes) else text.encode())
        f.flush()
        args = [binary, command, "-f", f.name]
        if command == "query":
            args[2:2] = ["--data", data, "--format", "json"]
        try:
            r = subprocess.run(args, capture_output=True, timeout=SECONDS_PER_QUERY * 2)
        except subprocess.TimeoutExpired:
            failures.append(f"cli {command}: hang on {expected_message}")
            return
    output = (r.stdout + r.stderr).decode("utf-8", "replace")
    position_ok = position is None or f'"line":{position.split(":")[0]},"column":{position.split(":")[1]}}}' in output
    if (r.returncode != 1 or expected_code not in output or expected_message not in output
            or not position_ok):
        failures.append(f"cli {command}: expected exit 1 with {expected_code} "
                        f"'{expected_message}', got {r.returncode}: {output[:300]}")


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="huntbook-hostile-")
    failures, timings = [], []
    started = time.monotonic()
    try:
        data = os.path.join(work, "data")
        rows = os.path.join(work, "t.jsonl")
        with open(rows, "w") as f:
            for x in range(20):
                f.write(json.dumps({"x": x}) + "\n")
        subprocess.run([binary, "ingest", "--data", data, "--table", "T", rows], check=True,
                       capture_output=True)
        server = huntbook_server.Server(binary, data, os.path.join(work, "server.log"))
        port = server.start()
        count = 0
        for name, (make, expect) in DEPTH_CASES.items():
            for depth in DEPTHS:
                run_query(port, f"{name}@{depth}", make(depth), expect(depth), failures, timings)
                count += 1
        for name, text, expected in SINGLE_CASES:
            run_query(port, name, text, expected, failures, timings)
            count += 1
        # A body that is not UTF-8 and a lone surrogate escape in the JSON request.
        for name, payload in [("body_invalid_utf8", b'{"query":"print x=\'\xff\'"}'),
                              ("body_lone_surrogate", b'{"query":"print x=\'\\ud800\'"}')]:
            status, body = huntbook_server.request(port, "POST", "/v1/workspaces/default/query",
                                                   payload)
            try:
                json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                failures.append(f"{name}: response is not valid UTF-8 JSON: {e}")
            if status not in (200, 400):
                failures.append(f"{name}: HTTP {status}")
            count += 1
        if not server.alive():
            failures.append("the server died; see " + os.path.join(work, "server.log"))
        server.stop()
        # The command line runs on the main thread's stack.
        run_cli(binary, data, "check", "print x=" + "+".join(["1"] * 300000), "SyntaxError",
                NESTED, failures)
        run_cli(binary, data, "check", "print x=" + "-" * 500000 + "1", "SyntaxError", NESTED,
                failures)
        run_cli(binary, data, "query", "T" + " | where true" * 50000, "SemanticError",
                "query plan is more than 1000 operators deep", failures)
        for name, text, position in UTF8_CLI_CASES:
            run_cli(binary, data, "query", text, "SyntaxError", "not valid UTF-8", failures,
                    position)
        count += 3 + len(UTF8_CLI_CASES)
    finally:
        if not failures:
            shutil.rmtree(work, ignore_errors=True)
    slowest = sorted(timings, reverse=True)[:3]
    print(f"{count} hostile inputs in {time.monotonic() - started:.1f}s; slowest: "
          + ", ".join(f"{name} {seconds:.2f}s" for seconds, name in slowest))
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
