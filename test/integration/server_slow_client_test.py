#!/usr/bin/python3
"""Slow clients never stall `huntbook serve` (RELIABILITY.md §2.3, slowloris).

usage: server_slow_client_test.py HUNTBOOK_BINARY [--slow 200] [--seconds 8]

The server runs with --header-timeout 3 --body-timeout 3. Against it: `--slow`
connections trickle their request headers a byte at a time, a quarter as many send their
headers and then trickle the body, and three ask for a 4 MB result and never read it.
Once those results are computed, a probe sends GET /healthz and a small query every
100 ms. Asserts: every
probe is answered, healthz p99 within 500 ms and queries within 2 s (an ASan build on a
shared 2-core machine; RELIABILITY.md's 50 ms target is for a release build), and the
trickling connections are closed by the server once their timeout passes.
"""
import argparse
import os
import shutil
import socket
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import huntbook_server  # noqa: E402

TIMEOUT_SECONDS = 3
# About 4 MB of JSON: more than the socket buffers hold, so the server's write waits.
BIG_QUERY = '{"query":"range x from 1 to 400000 step 1"}'


def open_connection(port, first_bytes):
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(first_bytes)
    sock.setblocking(False)
    return sock


class Trickler:
    """Sends one byte every `interval` on each socket; records when the server closed it."""

    def __init__(self, sockets, byte, interval=0.25):
        self.sockets = list(sockets)
        self.byte = byte
        self.interval = interval
        self.closed_at = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run)

    def run(self):
        while not self.stop.is_set():
            now = time.monotonic()
            for index, sock in enumerate(self.sockets):
                if index in self.closed_at:
                    continue
                try:
                    if sock.recv(4096) == b"":
                        self.closed_at[index] = now
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    self.closed_at[index] = now
                    continue
                try:
                    sock.send(self.byte)
                except BlockingIOError:
                    pass
                except OSError:
                    self.closed_at[index] = now
            self.stop.wait(self.interval)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=8)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="huntbook-slow-")
    server = huntbook_server.Server(
        args.binary, os.path.join(work, "data"), os.path.join(work, "server.log"),
        ["--threads", "4", "--header-timeout", str(TIMEOUT_SECONDS),
         "--body-timeout", str(TIMEOUT_SECONDS)])
    failures = []
    sockets = []
    tricklers = []
    try:
        port = server.start()
        opened = time.monotonic()
        header_socks = [open_connection(port, b"POST /v1/workspaces/default/query HTTP/1.1\r\n")
                        for _ in range(args.slow)]
        body_socks = [open_connection(
            port, b"POST /v1/workspaces/default/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            for _ in range(args.slow // 4)]
        big = BIG_QUERY.encode()
        request = (b"POST /v1/workspaces/default/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(big) + big)
        reader_socks = [open_connection(port, request) for _ in range(3)]
        sockets = header_socks + body_socks + reader_socks
        tricklers = [Trickler(header_socks, b"X"), Trickler(body_socks, b" ")]
        for trickler in tricklers:
            trickler.thread.start()

        # Let the big queries finish computing: from then on their connections only wait.
        time.sleep(1.5)
        health, queries, errors = [], [], []
        end = opened + args.seconds
        while time.monotonic() < end:
            for kind, call in (("health", lambda: huntbook_server.request(port, "GET", "/healthz",
                                                                           timeout=10)),
                               ("query", lambda: huntbook_server.query(port, "print x = 1",
                                                                       timeout=10))):
                begin = time.monotonic()
                try:
                    status, _ = call()
                except Exception as error:  # noqa: BLE001
                    errors.append(f"{kind}: {error!r}")
                    continue
                elapsed = time.monotonic() - begin
                if status != 200:
                    errors.append(f"{kind}: status {status}")
                (health if kind == "health" else queries).append(elapsed)
            time.sleep(0.1)
        for trickler in tricklers:
            trickler.stop.set()
            trickler.thread.join()

        print(f"probes: healthz n={len(health)} p50 {percentile(health, 0.5) * 1000:.1f} ms "
              f"p99 {percentile(health, 0.99) * 1000:.1f} ms; query n={len(queries)} "
              f"max {max(queries) * 1000:.1f} ms")
        if errors:
            failures.append(f"probes failed: {errors[:5]} ({len(errors)} in all)")
        if percentile(health, 0.99) > 0.5:
            failures.append(f"healthz p99 {percentile(health, 0.99):.3f} s > 0.5 s")
        if max(queries) > 2.0:
            failures.append(f"a small query took {max(queries):.3f} s > 2 s")
        limit = TIMEOUT_SECONDS + 3
        for name, trickler in (("header", tricklers[0]), ("body", tricklers[1])):
            still_open = len(trickler.sockets) - len(trickler.closed_at)
            late = [t - opened for t in trickler.closed_at.values() if t - opened > limit]
            early = [t - opened for t in trickler.closed_at.values()
                     if t - opened < TIMEOUT_SECONDS - 0.5]
            print(f"slow {name} connections: {len(trickler.closed_at)} closed by the server, "
                  f"{still_open} still open after {args.seconds:.0f} s")
            if still_open or late:
                failures.append(f"{still_open} slow {name} connections open, {len(late)} closed "
                                f"after more than {limit} s")
            if early:
                failures.append(f"{len(early)} slow {name} connections closed before the timeout")
    finally:
        for sock in sockets:
            sock.close()
        if server.alive():
            server.kill()
        if failures:
            with open(server.log_path, errors="replace") as log:
                print("server log tail:\n" + "".join(log.readlines()[-20:]))
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print("FAIL", failure)
    if not failures:
        print("ok slow clients do not stall the server")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
