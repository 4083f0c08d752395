#!/usr/bin/python3
"""Fault test: SIGKILL `huntbook serve` during concurrent ingests, and during a long query.

usage: server_crash_test.py HUNTBOOK_BINARY [--cycles 50] [--writers 4] [--seed N]

One data directory lives through all cycles (RELIABILITY.md F1 and F8). In an ingest
cycle, writer threads POST JSON batches to table Crash; every row carries its batch id
and its index in the batch. Each call's outcome is ACK (2xx), FAIL (another status) or
UNKNOWN (the connection broke). The server is SIGKILLed at a random moment, restarted,
and must then show: every ACK batch whole and exactly once, no FAIL batch, each UNKNOWN
batch whole or absent, no row that was never sent. Every tenth cycle instead kills the
server while a long query runs; after the restart a fixed query must answer byte for
byte as before. Exits 1 on any violation, printing it.
"""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import huntbook_server  # noqa: E402

TABLE = "Crash"
# A query the engine cannot finish within any cycle: it is running when the kill comes.
LONG_QUERY = "range x from 1 to 20000000000 step 1 | summarize count() by bin(x, 7)"


class Outcomes:
    def __init__(self):
        self.lock = threading.Lock()
        self.sizes = {}    # batch id -> rows sent
        self.state = {}    # batch id -> "ack" | "fail" | "unknown"

    def record(self, batch, size, state):
        with self.lock:
            self.sizes[batch] = size
            self.state[batch] = state


def writer(port, cycle, number, rng_seed, stop, outcomes):
    rng = random.Random(rng_seed)
    sequence = 0
    while not stop.is_set():
        batch = f"c{cycle}-w{number}-s{sequence}"
        size = rng.randint(1, 8)
        rows = [{"batch": batch, "row": i, "writer": number, "payload": "x" * rng.randint(0, 64)}
                for i in range(size)]
        try:
            status, _ = huntbook_server.ingest(port, TABLE, rows, timeout=30)
            outcomes.record(batch, size, "ack" if 200 <= status < 300 else "fail")
        except Exception:  # noqa: BLE001 - a broken connection: the outcome is unknown
            outcomes.record(batch, size, "unknown")
            return
        sequence += 1


def check_table(port, outcomes):
    """Returns a list of violations (empty when the table is consistent)."""
    rows = huntbook_server.query_rows(port, f"{TABLE} | project batch, row", timeout=120)
    seen = {}
    for batch, row in rows:
        seen.setdefault(batch, []).append(row)
    problems = []
    for batch, found in seen.items():
        if batch not in outcomes.sizes:
            problems.append(f"batch {batch} was never sent but has {len(found)} rows")
            continue
        expected = list(range(outcomes.sizes[batch]))
        if sorted(found) != expected:
            problems.append(f"batch {batch} ({outcomes.state[batch]}) is not whole exactly once: "
                            f"rows {sorted(found)}, sent {len(expected)}")
        if outcomes.state[batch] == "fail":
            problems.append(f"batch {batch} was refused but is visible")
    for batch, state in outcomes.state.items():
        if state == "ack" and batch not in seen:
            problems.append(f"acknowledged batch {batch} is lost")
    return problems


def ingest_cycle(server, cycle, args, rng, outcomes):
    stop = threading.Event()
    threads = [threading.Thread(target=writer,
                                args=(server.port, cycle, w, rng.random(), stop, outcomes))
               for w in range(args.writers)]
    for thread in threads:
        thread.start()
    time.sleep(rng.uniform(0.1, 0.6))
    server.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=60)


def query_cycle(server, rng):
    """Kills the server during a long query; returns the fixed query's answer before."""
    fixed = f"{TABLE} | summarize n = count(), rows = sum(row) by batch | order by batch asc"
    status, before = huntbook_server.request(server.port, "POST", "/v1/workspaces/default/query",
                                             {"query": fixed})
    if status != 200:
        raise AssertionError(f"fixed query failed: {status} {before!r}")
    finished = threading.Event()

    def run_long():
        try:
            huntbook_server.query(server.port, LONG_QUERY, timeout=120)
        except Exception:  # noqa: BLE001 - the kill breaks the connection
            pass
        finished.set()

    thread = threading.Thread(target=run_long)
    thread.start()
    time.sleep(rng.uniform(0.3, 1.0))
    was_running = not finished.is_set()
    server.kill()
    thread.join(timeout=60)
    return fixed, before, was_running


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    print(f"seed {args.seed}")
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="huntbook-crash-")
    server = huntbook_server.Server(args.binary, os.path.join(work, "data"),
                                    os.path.join(work, "server.log"), ["--threads", "4"])
    outcomes = Outcomes()
    problems = []
    started = time.monotonic()
    restart_seconds = []
    killed_queries = 0
    try:
        server.start()
        seed_rows = [{"batch": "seed", "row": 0, "writer": -1, "payload": ""}]
        status, body = huntbook_server.ingest(server.port, TABLE, seed_rows)
        if status != 200:
            raise AssertionError(f"seed ingest failed: {status} {body!r}")
        outcomes.record("seed", 1, "ack")
        for cycle in range(args.cycles):
            fixed = None
            if cycle % 10 == 5:
                fixed, before, was_running = query_cycle(server, rng)
                killed_queries += was_running
                if not was_running:
                    problems.append(f"cycle {cycle}: the long query ended before the kill")
            else:
                ingest_cycle(server, cycle, args, rng, outcomes)
            begin = time.monotonic()
            server.start()
            restart_seconds.append(time.monotonic() - begin)
            if fixed is not None:
                status, after = huntbook_server.request(
                    server.port, "POST", "/v1/workspaces/default/query", {"query": fixed})
                if status != 200 or after != before:
                    problems.append(f"cycle {cycle}: fixed query changed across the restart: "
                                    f"{status} {after[:200]!r} vs {before[:200]!r}")
            found = check_table(server.port, outcomes)
            problems += [f"cycle {cycle}: {p}" for p in found]
            if found:
                break
        counts = {s: list(outcomes.state.values()).count(s) for s in ("ack", "fail", "unknown")}
        print(f"{args.cycles} cycles in {time.monotonic() - started:.1f} s: batches {counts}, "
              f"{killed_queries} kills during a query, restart max "
              f"{max(restart_seconds):.2f} s median {sorted(restart_seconds)[len(restart_seconds) // 2]:.2f} s")
        if counts["ack"] < args.cycles:
            problems.append(f"only {counts['ack']} acknowledged batches: the test did not load the server")
    finally:
        if server.alive():
            server.kill()
        if problems:
            print("server log tail:")
            with open(server.log_path, errors="replace") as log:
                print("".join(log.readlines()[-20:]))
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print("FAIL", problem)
    if not problems:
        print("ok server crash test")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
