#!/usr/bin/python3
"""Load benchmark for `huntbook serve` (not a test): concurrent clients mixing queries and
ingests against a server on loopback for a bounded time.

usage: bench/load.py HUNTBOOK_BINARY [--seconds 60] [--query-clients 8] [--ingest-clients 2]
                     [--preload-rows 100000] [--batch-rows 500] [--seed 1]
       bench/load.py HUNTBOOK_BINARY --open-loop [--point-rate 100] [--aggregate-rate 5]
                     [--ingest-rate 4] [--query-clients 16] [--ingest-clients 4] ...

A fresh data directory is preloaded with SecurityEvent-like rows over HTTP. Then:
- closed loop (default): each query client loops over a point lookup (80 %) and an hourly
  aggregate, and each ingest client posts JSON batches; a client sends its next request
  when the previous one is answered, so latencies are service times at that concurrency;
- open loop (`--open-loop`, RELIABILITY.md §2.1): requests of each kind are due at a fixed
  rate whatever the server does, and are sent by a pool of that kind's clients; latency is
  measured from the time a request was *due*, so time spent waiting for a free client
  counts (no coordinated omission). Requests still waiting when the run ends are reported
  as not sent.
Prints a Markdown table: per request kind, count, errors (non-2xx or broken connection),
throughput, p50/p99/p99.9/max latency; and ingested rows per second.
"""
import argparse
import concurrent.futures
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


def query(port, kind, rng):
    text = QUERIES[kind].format(account=rng.choice(ACCOUNTS))
    status, _ = huntbook_server.request(port, "POST", "/v1/workspaces/default/query",
                                        {"query": text}, timeout=120)
    return status == 200


def ingest(port, body):
    status, _ = huntbook_server.request(
        port, "POST", "/v1/workspaces/default/tables/SecurityEvent/ingest", body, timeout=120)
    return status == 200


def timed(recorder, kind, begin, send, rows=0):
    """Runs send() and records its outcome with the latency since `begin`."""
    try:
        ok = send()
    except Exception:  # noqa: BLE001 - counted as an error
        ok = False
    recorder.add(kind, time.monotonic() - begin, ok, rows)


def query_client(port, seed, end, recorder):
    rng = random.Random(seed)
    while time.monotonic() < end:
        kind = "point" if rng.random() < 0.8 else "aggregate"
        timed(recorder, kind, time.monotonic(), lambda: query(port, kind, rng))


def ingest_batches(seed, batch_rows):
    rng = random.Random(seed)
    return rng, [json.dumps(make_rows(rng, batch_rows, int(time.time()))).encode()
                 for _ in range(8)]


def ingest_client(port, seed, end, batch_rows, recorder):
    rng, batches = ingest_batches(seed, batch_rows)
    while time.monotonic() < end:
        body = rng.choice(batches)
        timed(recorder, "ingest", time.monotonic(), lambda: ingest(port, body), batch_rows)


def open_loop(kind, rate, clients, send, end, recorder, rows=0):
    """Sends `rate` requests a second until `end` through `clients` workers; returns how
    many were due but never sent. Latency counts from the due time."""
    if rate <= 0:
        return 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=clients)
    start = time.monotonic()
    futures = []
    due = start
    while due < end:
        time.sleep(max(0.0, due - time.monotonic()))
        futures.append(pool.submit(timed, recorder, kind, due, send, rows))
        due = start + len(futures) / rate
    not_sent = sum(1 for f in futures if f.cancel())
    pool.shutdown(wait=True)
    return not_sent


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run_closed_loop(port, args, recorder, end):
    threads = [threading.Thread(target=query_client, args=(port, args.seed + i, end, recorder))
               for i in range(args.query_clients)]
    threads += [threading.Thread(target=ingest_client,
                                 args=(port, args.seed + 1000 + i, end, args.batch_rows,
                                       recorder))
                for i in range(args.ingest_clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {}


def run_open_loop(port, args, recorder, end):
    query_rng = random.Random(args.seed)
    ingest_rng, batches = ingest_batches(args.seed + 1000, args.batch_rows)
    loads = [
        ("point", args.point_rate, args.query_clients, lambda: query(port, "point", query_rng), 0),
        ("aggregate", args.aggregate_rate, args.query_clients,
         lambda: query(port, "aggregate", query_rng), 0),
        ("ingest", args.ingest_rate, args.ingest_clients,
         lambda: ingest(port, ingest_rng.choice(batches)), args.batch_rows),
    ]
    not_sent = {}
    threads = []
    for kind, rate, clients, send, rows in loads:
        def drive(kind=kind, rate=rate, clients=clients, send=send, rows=rows):
            not_sent[kind] = open_loop(kind, rate, clients, send, end, recorder, rows)
        threads.append(threading.Thread(target=drive))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return not_sent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--open-loop", action="store_true",
                        help="fixed request rates, latency from the due time")
    parser.add_argument("--point-rate", type=float, default=100, help="open loop: req/s")
    parser.add_argument("--aggregate-rate", type=float, default=5, help="open loop: req/s")
    parser.add_argument("--ingest-rate", type=float, default=4, help="open loop: batches/s")
    parser.add_argument("--query-clients", type=int, default=None,
                        help="default 8 closed loop, 16 open loop (per query kind)")
    parser.add_argument("--ingest-clients", type=int, default=None,
                        help="default 2 closed loop, 4 open loop")
    parser.add_argument("--preload-rows", type=int, default=100_000)
    parser.add_argument("--batch-rows", type=int, default=500)
    parser.add_argument("--threads", type=int, default=4, help="server worker threads")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.query_clients is None:
        args.query_clients = 16 if args.open_loop else 8
    if args.ingest_clients is None:
        args.ingest_clients = 4 if args.open_loop else 2
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
        started = time.monotonic()
        end = started + args.seconds
        run = run_open_loop if args.open_loop else run_closed_loop
        not_sent = run(port, args, recorder, end)
        elapsed = time.monotonic() - started
    finally:
        if server.alive():
            server.kill()
        shutil.rmtree(work, ignore_errors=True)

    if args.open_loop:
        mode = (f"open loop: point {args.point_rate:g}/s and aggregate {args.aggregate_rate:g}/s "
                f"({args.query_clients} clients each), ingest {args.ingest_rate:g} batches/s "
                f"({args.ingest_clients} clients)")
    else:
        mode = (f"closed loop: {args.query_clients} query + {args.ingest_clients} ingest "
                "clients")
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Linux {platform.release()}; {mode}, {elapsed:.0f} s, {args.preload_rows} "
          f"preloaded rows, server --threads {args.threads}")
    print()
    print("| kind | requests | errors | not sent | req/s | p50 ms | p99 ms | p99.9 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in ("point", "aggregate", "ingest"):
        values = recorder.latencies.get(kind, [])
        print(f"| {kind} | {len(values)} | {recorder.errors.get(kind, 0)} | "
              f"{not_sent.get(kind, 0)} | {len(values) / elapsed:.1f} | "
              f"{percentile(values, 0.5) * 1000:.1f} | {percentile(values, 0.99) * 1000:.1f} | "
              f"{percentile(values, 0.999) * 1000:.1f} | "
              f"{(max(values) if values else 0) * 1000:.1f} |")
    print()
    print(f"ingested {recorder.rows} rows: {recorder.rows / elapsed:.0f} rows/s "
          f"({args.batch_rows} rows a batch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
