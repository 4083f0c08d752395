#!/usr/bin/python3
"""Load benchmark for `huntbook serve` (not a test): concurrent clients mixing queries and
ingests against a server on loopback for a bounded time.

usage: bench/load.py HUNTBOOK_BINARY [--seconds 60] [--query-clients 8] [--ingest-clients 2]
                     [--preload-rows 100000] [--batch-rows 500] [--seed 1]

A fresh data directory is preloaded with SecurityEvent-like rows over HTTP; then each
query client loops over a point lookup and an hourly aggregate, and each ingest client
posts JSON batches (closed loop: a client sends its next request when the previous one is
answered, so latencies do not include queueing behind a stalled client). Prints a
Markdown table: per request kind, count, errors (non-2xx or broken connection), throughput,
p50/p99/max latency; and ingested rows per second.
"""
import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test",
                                "integration"))
import huntbook_server  # noqa: E402

ACCOUNTS = [f"user{i:03d}" for i in range(200)]
COMPUTERS = [f"host{i:02d}.corp.example" for i in range(40)]
EVENT_IDS = [4624, 4625, 4634, 4648, 4672, 4688, 4720, 4768]
QUERIES = {
    "point": 'SecurityEvent | where Account == "{account}" | take 100',
    "aggregate": "SecurityEvent | summarize count() by EventID, bin(TimeGenerated, 1h)",
}


def make_rows(rng, count, base_seconds):
    rows = []
    for _ in range(count):
        seconds = base_seconds - rng.randint(0, 86400)
        rows.append({
            "TimeGenerated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds)),
            "Account": rng.choice(ACCOUNTS),
            "Computer": rng.choice(COMPUTERS),
            "EventID": rng.choice(EVENT_IDS),
            "LogonType": rng.choice([2, 3, 10]),
            "IpAddress": f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            "CommandLine": "cmd.exe /c " + "x" * rng.randint(10, 120),
        })
    return rows


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.errors = {}
        self.rows = 0

    def add(self, kind, seconds, ok, rows=0):
        with self.lock:
            self.latencies.setdefault(kind, [])
            self.errors.setdefault(kind, 0)
            if ok:
                self.latencies[kind].append(seconds)
                self.rows += rows
            else:
                self.errors[kind] += 1


def query_client(port, seed, end, recorder):
    rng = random.Random(seed)
    while time.monotonic() < end:
        kind = "point" if rng.random() < 0.8 else "aggregate"
        text = QUERIES[kind].format(account=rng.choice(ACCOUNTS))
        begin = time.monotonic()
        try:
            status, _ = huntbook_server.request(port, "POST", "/v1/workspaces/default/query",
                                                {"query": text}, timeout=120)
            ok = status == 200
        except Exception:  # noqa: BLE001 - counted as an error
            ok = False
        recorder.add(kind, time.monotonic() - begin, ok)


def ingest_client(port, seed, end, batch_rows, recorder):
    rng = random.Random(seed)
    batches = [json.dumps(make_rows(rng, batch_rows, int(time.time()))).encode()
               for _ in range(8)]
    while time.monotonic() < end:
        body = rng.choice(batches)
        begin = time.monotonic()
        try:
            status, _ = huntbook_server.request(
                port, "POST", "/v1/workspaces/default/tables/SecurityEvent/ingest", body,
                timeout=120)
            ok = status == 200
        except Exception:  # noqa: BLE001
            ok = False
        recorder.add("ingest", time.monotonic() - begin, ok, batch_rows)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--query-clients", type=int, default=8)
    parser.add_argument("--ingest-clients", type=int, default=2)
    parser.add_argument("--preload-rows", type=int, default=100_000)
    parser.add_argument("--batch-rows", type=int, default=500)
    parser.add_argument("--threads", type=int, default=4, help="server worker threads")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="huntbook-load-")
    server = huntbook_server.Server(args.binary, os.path.join(work, "data"),
                                    os.path.join(work, "server.log"),
                                    ["--threads", str(args.threads)])
    try:
        port = server.start()
        rng = random.Random(args.seed)
        now = int(time.time())
        for start in range(0, args.preload_rows, 2000):
            rows = make_rows(rng, min(2000, args.preload_rows - start), now)
            status, body = huntbook_server.ingest(port, "SecurityEvent", rows, timeout=120)
            if status != 200:
                raise SystemExit(f"preload failed: {status} {body[:200]!r}")
        recorder = Recorder()
        end = time.monotonic() + args.seconds
        threads = [threading.Thread(target=query_client, args=(port, args.seed + i, end, recorder))
                   for i in range(args.query_clients)]
        threads += [threading.Thread(target=ingest_client,
                                     args=(port, args.seed + 1000 + i, end, args.batch_rows,
                                           recorder))
                    for i in range(args.ingest_clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        if server.alive():
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Linux {platform.release()}; {args.query_clients} query + {args.ingest_clients} "
          f"ingest clients, {elapsed:.0f} s, {args.preload_rows} preloaded rows, "
          f"server --threads {args.threads}")
    print()
    print("| kind | requests | errors | req/s | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in ("point", "aggregate", "ingest"):
        values = recorder.latencies.get(kind, [])
        print(f"| {kind} | {len(values)} | {recorder.errors.get(kind, 0)} | "
              f"{len(values) / elapsed:.1f} | {percentile(values, 0.5) * 1000:.1f} | "
              f"{percentile(values, 0.99) * 1000:.1f} | "
              f"{(max(values) if values else 0) * 1000:.1f} |")
    print()
    print(f"ingested {recorder.rows} rows: {recorder.rows / elapsed:.0f} rows/s "
          f"({args.batch_rows} rows a batch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
