#!/usr/bin/python3
"""Log Analytics the way Kqlmagic calls it, plus malformed HTTP on raw sockets.

usage: server_la_client_test.py http://127.0.0.1:PORT
Stdlib only. Kqlmagic posts {"query"} with `Prefer: ai.response-thinning=false` and reads
the v1 answer by position (PROTOCOLS.md §2.2): the last table is the table of contents,
whose rows give (ordinal, kind, name); QueryStatus rows carry StatusCode at column 3.
"""
import json
import socket
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1]
HOST, PORT = urllib.parse.urlparse(BASE).hostname, urllib.parse.urlparse(BASE).port
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def post(path, body, headers=None):
    data = json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method="POST")
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


# Kqlmagic loganalytics://anonymous: v1 shape with thinning off.
status, body = post("/v1/workspaces/default/query",
                    {"query": "range c from 1 to 10 step 1 | count"},
                    {"Prefer": "ai.response-thinning=false"})
check("kqlmagic status", status == 200, status)
tables = body.get("Tables", [])
toc = tables[-1] if tables else {}
kinds = {row[2]: row[0] for row in toc.get("Rows", [])}
check("toc names", "PrimaryResult" in kinds and "@ExtendedProperties" in kinds, toc)
primary = tables[kinds.get("PrimaryResult", 0)]
check("primary value", primary["Rows"][0][0] == 10, primary)
column = primary["Columns"][0]
check("ColumnType and DataType", column.get("ColumnType") == "long" and column.get("DataType") == "Int64", column)
status_table = tables[kinds.get("QueryStatus", 0)]
info = [row for row in status_table["Rows"] if row[2] == "Info"]
check("QueryStatus Info", info and info[0][3] == 0, status_table)

# Charts: @ExtendedProperties Value JSON, first key Visualization.
status, body = post("/v1/workspaces/default/query",
                    {"query": "range x from 1 to 3 step 1 | render timechart with (title='T')"},
                    {"Prefer": "ai.response-thinning=false"})
if status == 200:
    tables = body["Tables"]
    toc = {row[2]: row[0] for row in tables[-1]["Rows"]}
    value = tables[toc["@ExtendedProperties"]]["Rows"][0][0]
    check("visualization first key", value.startswith('{"Visualization":"timechart"'), value)
else:
    check("render query", False, f"{status} {body}")

# The default (thinned) shape with timespan and Prefer extras.
status, body = post("/v1/workspaces/default/query",
                    {"query": "print 1", "timespan": "PT3600.0S"},
                    {"Prefer": "include-statistics=true, wait=30"})
check("timespan form PT3600.0S", status == 200 and "tables" in body and "statistics" in body, body)
for timespan in ["P1D", "2024-01-01T00:00:00Z/2024-01-02T00:00:00Z",
                 "2024-01-01T00:00:00Z/PT1H", "PT1H/2024-01-02T00:00:00Z"]:
    status, _ = post("/v1/workspaces/default/query", {"query": "print 1", "timespan": timespan})
    check(f"timespan {timespan}", status == 200, status)

# Errors in the Log Analytics shape with the diagnostic position.
status, body = post("/v1/workspaces/default/query", {"query": "print x =\n | |"})
error = (body or {}).get("error", {})
check("syntax error 400", status == 400 and error.get("code") == "BadArgumentError", body)
check("innererror line", error.get("innererror", {}).get("line", 0) >= 1, error)

# GET form and metadata.
query = urllib.parse.urlencode({"query": "print y = 'a b'"})
with urllib.request.urlopen(f"{BASE}/v1/workspaces/default/query?{query}", timeout=30) as response:
    check("GET query", json.loads(response.read())["tables"][0]["rows"] == [["a b"]])
with urllib.request.urlopen(f"{BASE}/v1/workspaces/default/metadata", timeout=30) as response:
    check("metadata tables", "tables" in json.loads(response.read()))


def raw(payload, read=True):
    """Sends raw bytes; returns the status code of the answer (0 = closed without one)."""
    with socket.create_connection((HOST, PORT), timeout=10) as connection:
        connection.sendall(payload)
        if not read:
            return 0
        data = b""
        try:
            while b"\r\n" not in data:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            return -1
        if not data.startswith(b"HTTP/1.1 "):
            return 0
        return int(data[9:12])


def four_xx_or_closed(code):
    return code == 0 or 400 <= code < 500


check("garbage request line", four_xx_or_closed(raw(b"NOT HTTP\r\n\r\n")))
check("bare LF", four_xx_or_closed(raw(b"GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n")))
check("CL and TE", four_xx_or_closed(raw(
    b"POST /v2/rest/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")))
check("duplicate Content-Length", four_xx_or_closed(raw(
    b"POST /v2/rest/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}")))
check("bad chunk size", four_xx_or_closed(raw(
    b"POST /v2/rest/query HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")))
check("NUL in target", four_xx_or_closed(raw(b"GET /a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")))
big_header = b"X-Big: " + b"a" * 40000 + b"\r\n"
check("oversized headers 431", raw(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + big_header + b"\r\n") == 431)
many = b"".join(b"X-%d: 1\r\n" % i for i in range(150))
check("too many headers 431", raw(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + b"\r\n") == 431)
check("huge target 414", raw(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == 414)
check("health still fine", raw(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n") == 200)

print(f"{passed} passed, {failed} failed")
sys.exit(0 if failed == 0 else 1)
