#!/usr/bin/python3
"""Data Explorer v2 answers are streamed; health probes never wait for query workers.

usage: server_streaming_test.py HUNTBOOK_BINARY

Against one `huntbook serve --threads 2`, on raw sockets (the chunked framing is checked
byte by byte, not through a client library):
  - a v2 answer is sent with Transfer-Encoding: chunked and no Content-Length; its frames
    and their property order are PROTOCOLS.md §3.3's (doc:
    https://learn.microsoft.com/kusto/api/rest/response-v2);
  - results_progressive_enabled=true gives IsProgressive:true, TableHeader, TableFragment
    (DataAppend) + TableProgress pairs, TableCompletion with RowCount, and the same rows;
  - a 200,000-row answer of about 60 MB streams with the server's peak memory growing by
    far less than the body (the body is never held whole), also to a client that stops
    reading for 3 s (meanwhile the server answers other queries);
  - a deadline (servertimeout) that passes while rows are still being sent to a slow
    client ends the rows with a {"OneApiErrors":[...]} marker and DataSetCompletion
    HasErrors:true (deferred: a Level 2 Error row, HasErrors false), in a well-formed body;
  - with both workers busy on slow queries, GET /healthz answers within 0.5 s while a
    small query waits for a worker.
Stdlib only; Debian's /usr/bin/python3.
"""
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import huntbook_server  # noqa: E402

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL", message)
    return condition


def v2_request(port, csl, options=None):
    body = {"db": "default", "csl": csl}
    if options:
        body["properties"] = {"Options": options}
    data = json.dumps(body).encode()
    head = (f"POST /v2/rest/query HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
            f"Connection: close\r\n\r\n").encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    sock.sendall(head + data)
    return sock


class RawReader:
    """Reads an HTTP/1.1 response from a socket, checking chunked framing exactly."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _fill(self):
        data = self.sock.recv(1 << 16)
        if not data:
            raise EOFError("connection closed mid-response")
        self.buffer += data

    def read_until(self, marker):
        while marker not in self.buffer:
            self._fill()
        index = self.buffer.index(marker) + len(marker)
        out, self.buffer = self.buffer[:index], self.buffer[index:]
        return out

    def read_exact(self, n):
        while len(self.buffer) < n:
            self._fill()
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def head(self):
        lines = self.read_until(b"\r\n\r\n").decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        return status, headers

    def chunks(self):
        """Yields each chunk's data; ends at the zero-size chunk (the body's end)."""
        while True:
            size_line = self.read_until(b"\r\n")[:-2]
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                if self.read_exact(2) != b"\r\n":
                    raise ValueError("no CRLF after the last chunk")
                return
            data = self.read_exact(size)
            if self.read_exact(2) != b"\r\n":
                raise ValueError("chunk data not followed by CRLF")
            yield data


def streamed_query(port, csl, options=None, pause_after=None, pause=0.0):
    """(status, headers, body bytes, chunk count); pauses reading once `pause_after`
    bytes of body arrived."""
    sock = v2_request(port, csl, options)
    try:
        reader = RawReader(sock)
        status, headers = reader.head()
        if headers.get("transfer-encoding") != "chunked":
            length = int(headers.get("content-length", "0"))
            return status, headers, reader.read_exact(length), 0
        body = bytearray()
        count = 0
        paused = pause_after is None
        for data in reader.chunks():
            body += data
            count += 1
            if not paused and len(body) >= pause_after:
                paused = True
                time.sleep(pause)
        return status, headers, bytes(body), count
    finally:
        sock.close()


def ordered(body):
    return json.loads(body, object_pairs_hook=lambda pairs: pairs)


def keys(frame):
    return [key for key, _ in frame]


def get(frame, key):
    for name, value in frame:
        if name == key:
            return value
    return None


def peak_memory_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def test_shape(port):
    status, headers, body, chunks = streamed_query(port, "range x from 1 to 3 step 1")
    check(status == 200, f"v2 status {status}")
    check(headers.get("transfer-encoding") == "chunked", f"not chunked: {headers}")
    check("content-length" not in headers, "a chunked answer has a Content-Length")
    frames = ordered(body)
    kinds = [(get(f, "FrameType"), get(f, "TableKind")) for f in frames]
    check(kinds == [("DataSetHeader", None), ("DataTable", "QueryProperties"),
                    ("DataTable", "PrimaryResult"), ("DataTable", "QueryCompletionInformation"),
                    ("DataSetCompletion", None)], f"v2 frames {kinds}")
    check(keys(frames[0]) == ["FrameType", "IsProgressive", "Version"], keys(frames[0]))
    check(get(frames[0], "IsProgressive") is False, "IsProgressive not false")
    check(keys(frames[2]) == ["FrameType", "TableId", "TableKind", "TableName", "Columns", "Rows"],
          f"primary keys {keys(frames[2])}")
    check(get(frames[2], "Rows") == [[1], [2], [3]], f"rows {get(frames[2], 'Rows')}")
    check(keys(frames[-1]) == ["FrameType", "HasErrors", "Cancelled"], keys(frames[-1]))
    print(f"ok v2 shape ({chunks} chunk(s))")


def test_progressive(port):
    rows = 30000
    status, _, body, chunks = streamed_query(port, f"range x from 1 to {rows} step 1",
                                             {"results_progressive_enabled": True})
    check(status == 200, f"progressive status {status}")
    frames = ordered(body)
    types = [get(f, "FrameType") for f in frames]
    check(get(frames[0], "IsProgressive") is True, "IsProgressive not true")
    check(types[:3] == ["DataSetHeader", "DataTable", "TableHeader"], f"head {types[:3]}")
    check(types[-3:] == ["TableCompletion", "DataTable", "DataSetCompletion"], f"tail {types[-3:]}")
    middle = types[3:-3]
    pairs = len(middle) // 2
    check(pairs >= 2 and middle == ["TableFragment", "TableProgress"] * pairs,
          f"progressive middle {middle[:6]}... ({len(middle)} frames)")
    header = frames[2]
    check(keys(header) == ["FrameType", "TableId", "TableKind", "TableName", "Columns"],
          f"TableHeader keys {keys(header)}")
    got = []
    progress = []
    for frame in frames[3:-3]:
        if get(frame, "FrameType") == "TableFragment":
            check(keys(frame) == ["FrameType", "TableFragmentType", "TableId", "Rows"],
                  f"TableFragment keys {keys(frame)}")
            check(get(frame, "TableFragmentType") == "DataAppend", "not DataAppend")
            got.extend(row[0] for row in get(frame, "Rows"))
        else:
            check(keys(frame) == ["FrameType", "TableId", "TableProgress"],
                  f"TableProgress keys {keys(frame)}")
            progress.append(get(frame, "TableProgress"))
    completion = frames[-3]
    check(keys(completion) == ["FrameType", "TableId", "RowCount"], keys(completion))
    check(get(completion, "RowCount") == rows, f"RowCount {get(completion, 'RowCount')}")
    check(got == list(range(1, rows + 1)), f"progressive rows differ ({len(got)} rows)")
    check(progress == sorted(progress) and progress[-1] == 100, f"progress {progress}")
    print(f"ok progressive: {pairs} fragments, {len(got)} rows, {chunks} chunks")


BIG = 'set notruncation; range x from 1 to 200000 step 1 | extend pad = strrep("x", 280)'


def test_large_and_slow(server, port):
    before = peak_memory_kb(server.process.pid)
    # Meanwhile another client's queries are answered.
    side = []

    def side_queries():
        for _ in range(5):
            begin = time.monotonic()
            status, _, body, _ = streamed_query(port, "print y = 1")
            side.append((status, time.monotonic() - begin, body))

    thread = threading.Thread(target=side_queries)
    thread.start()
    begin = time.monotonic()
    status, _, body, chunks = streamed_query(port, BIG, pause_after=1 << 20, pause=3.0)
    elapsed = time.monotonic() - begin
    thread.join()
    after = peak_memory_kb(server.process.pid)
    check(status == 200, f"large status {status}")
    frames = json.loads(body)
    rows = frames[2]["Rows"]
    check(len(rows) == 200000 and rows[-1][0] == 200000 and len(rows[0][1]) == 280,
          f"large result: {len(rows)} rows")
    check(frames[-1]["HasErrors"] is False, "large result has errors")
    growth_mb = (after - before) / 1024
    body_mb = len(body) / 1e6
    print(f"large: {body_mb:.1f} MB body in {chunks} chunks, {elapsed:.1f} s with a 3 s pause; "
          f"server peak memory +{growth_mb:.1f} MB")
    check(growth_mb < body_mb / 3, f"server peak memory grew {growth_mb:.1f} MB for a "
                                   f"{body_mb:.1f} MB body")
    check(len(side) == 5 and all(s == 200 for s, _, _ in side),
          f"side queries during the slow read: {[(s, round(t, 2)) for s, t, _ in side]}")
    check(max(t for _, t, _ in side) < 2.0, f"a side query took {max(t for _, t, _ in side):.2f} s")


def test_deadline_mid_stream(port, defer):
    options = {"servertimeout": "00:00:02", "deferpartialqueryfailures": defer}
    csl = 'set notruncation; range x from 1 to 300000 step 1 | extend pad = strrep("y", 200)'
    status, _, body, _ = streamed_query(port, csl, options, pause_after=1, pause=3.5)
    check(status == 200, f"deadline status {status}")
    frames = json.loads(body)  # well-formed although cut
    rows = frames[2]["Rows"]
    completion = frames[-1]
    check(frames[-1]["FrameType"] == "DataSetCompletion", "no DataSetCompletion")
    if defer:
        check(all(isinstance(row, list) for row in rows), "deferred: a marker in Rows")
        check(0 < len(rows) < 300000, f"deferred: {len(rows)} rows sent")
        levels = [row[5] for row in frames[3]["Rows"]]
        check(2 in levels, f"deferred: no Level 2 row ({levels})")
        check(completion["HasErrors"] is False, "deferred: HasErrors")
        print(f"ok deadline mid-stream (deferred): {len(rows)} rows, levels {levels}")
    else:
        marker = rows[-1]
        check(isinstance(marker, dict) and "OneApiErrors" in marker, f"no marker: {marker!r:.80}")
        check(0 < len(rows) - 1 < 300000, f"{len(rows) - 1} rows sent")
        check(completion["HasErrors"] is True and completion.get("OneApiErrors"),
              f"completion {completion}")
        error = completion["OneApiErrors"][0]["error"]
        check("servertimeout" in error["message"], f"error {error}")
        print(f"ok deadline mid-stream: {len(rows) - 1} rows, then {error['code']}: "
              f"{error['message']}")


def test_health_while_busy(port):
    # About 2.5 s each on an idle ASan build (6M rows in 64k-row chunks over both cores);
    # both together hold both workers longer.
    slow = ('{"db":"default","csl":"range x from 1 to 6000000 step 1 '
            '| extend s = strcat(\'a\', x) | summarize dcount(s)"}')
    results = []

    def run():
        begin = time.monotonic()
        status, _ = huntbook_server.request(port, "POST", "/v2/rest/query", slow.encode(),
                                            timeout=60)
        results.append((status, time.monotonic() - begin))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    small = {}

    def small_query():
        begin = time.monotonic()
        status, _ = huntbook_server.query(port, "print z = 1", timeout=60)
        small["status"], small["seconds"] = status, time.monotonic() - begin

    small_thread = threading.Thread(target=small_query)
    small_thread.start()
    health = []
    for _ in range(15):
        begin = time.monotonic()
        status, _ = huntbook_server.request(port, "GET", "/healthz", timeout=30)
        health.append(time.monotonic() - begin)
        check(status == 200, f"healthz status {status}")
        time.sleep(0.1)
    metrics_status, _ = huntbook_server.request(port, "GET", "/metrics", timeout=30)
    for thread in threads + [small_thread]:
        thread.join()
    print(f"healthz with both workers busy: max {max(health) * 1000:.0f} ms over {len(health)}; "
          f"small query waited {small.get('seconds', 0):.1f} s; slow queries {results}")
    check(max(health) < 0.5, f"healthz took {max(health):.2f} s with the workers busy")
    check(metrics_status == 200, f"metrics status {metrics_status}")
    # The workers really were busy: the small query had to wait for one.
    check(small.get("seconds", 0) > 1.0, f"small query did not wait ({small})")
    check([status for status, _ in results] == [200, 200], f"slow queries {results}")


def main():
    binary = sys.argv[1]
    work = tempfile.mkdtemp(prefix="huntbook-stream-")
    # ASan keeps freed memory in quarantine (256 MB by default), which would hide what the
    # peak-memory check measures; a small quarantine keeps the check meaningful.
    asan = os.environ.get("ASAN_OPTIONS", "")
    os.environ["ASAN_OPTIONS"] = (asan + ":" if asan else "") + "quarantine_size_mb=8"
    server = huntbook_server.Server(binary, os.path.join(work, "data"),
                                    os.path.join(work, "server.log"), ["--threads", "2"])
    try:
        port = server.start()
        test_shape(port)
        test_progressive(port)
        test_large_and_slow(server, port)
        test_deadline_mid_stream(port, defer=False)
        test_deadline_mid_stream(port, defer=True)
        test_health_while_busy(port)
    except Exception as error:  # noqa: BLE001
        FAILURES.append(f"{type(error).__name__}: {error}")
        print("FAIL", FAILURES[-1])
    finally:
        if server.alive():
            server.kill()
        if FAILURES:
            with open(server.log_path, errors="replace") as log:
                print("server log tail:\n" + "".join(log.readlines()[-20:]))
        shutil.rmtree(work, ignore_errors=True)
    if not FAILURES:
        print("ok v2 streaming, progressive frames, mid-stream errors, health lane")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
