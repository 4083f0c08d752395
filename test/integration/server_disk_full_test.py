#!/usr/bin/python3
"""Fault test: `huntbook serve` with its data directory on a full disk (RELIABILITY.md F5).

usage: server_disk_full_test.py HUNTBOOK_BINARY [--size-mb 8]

The data directory is an 8 MB tmpfs mounted in a private mount namespace (the script
re-runs itself under `unshare --mount`, or `unshare --user --map-root-user --mount` when
not root; the mount disappears with the namespace). A filler file takes most of the space,
then batches are ingested until the disk is full. Asserts: the failing call gets 507 with
Retry-After and a message naming the full disk; further calls fail the same way (no
broken state); queries still answer and show exactly the acknowledged batches, each
whole; after the filler is deleted, ingestion works again within 10 s without a restart;
a graceful stop on a full disk (its flush fails) and a SIGKILL lose nothing acknowledged.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import huntbook_server  # noqa: E402

NAMESPACE_FLAG = "HUNTBOOK_DISK_FULL_NAMESPACE"
TABLE = "DiskFull"
BATCH_ROWS = 40


def enter_namespace():
    """Re-runs this script in a private mount namespace; returns its exit code."""
    env = dict(os.environ, **{NAMESPACE_FLAG: "1"})
    prefix = ["unshare", "--mount"] if os.geteuid() == 0 else \
        ["unshare", "--user", "--map-root-user", "--mount"]
    result = subprocess.run(prefix + [sys.executable] + sys.argv, env=env)
    if result.returncode == 0 or os.geteuid() == 0:
        return result.returncode
    print("FAIL could not run in a private mount namespace (unshare --user refused?)")
    return 1


def fill(path, chunk=64 * 1024):
    """Writes zeros to `path` until the disk is full; returns the bytes written."""
    written = 0
    with open(path, "ab", buffering=0) as filler:
        block = b"\0" * chunk
        while True:
            try:
                written += filler.write(block)
            except OSError:
                if chunk <= 512:
                    return written
                chunk //= 8
                block = b"\0" * chunk
            else:
                continue


def batch_rows(batch):
    return [{"batch": batch, "row": i, "payload": f"{batch}-{i}-" + "p" * 200}
            for i in range(BATCH_ROWS)]


class Checker:
    def __init__(self):
        self.failures = 0

    def check(self, name, condition, detail=""):
        print(("ok " if condition else "FAIL ") + name + ("" if condition else f" {detail}"))
        self.failures += 0 if condition else 1


def verify(checker, name, port, acked):
    rows = huntbook_server.query_rows(
        port, f"{TABLE} | summarize n = count(), rows = dcount(row, 4) by batch")
    counts = {batch: n for batch, n, _ in rows}
    checker.check(f"{name}: acknowledged batches all present",
                  all(batch in counts for batch in acked),
                  sorted(set(acked) - set(counts))[:5])
    checker.check(f"{name}: every visible batch whole, exactly once",
                  all(n == BATCH_ROWS for n in counts.values()),
                  {b: n for b, n in counts.items() if n != BATCH_ROWS})
    checker.check(f"{name}: only acknowledged batches visible", set(counts) <= set(acked),
                  sorted(set(counts) - set(acked))[:5])


def run(args):
    work = tempfile.mkdtemp(prefix="huntbook-diskfull-")
    disk = os.path.join(work, "disk")
    os.mkdir(disk)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.size_mb}m", "tmpfs", disk],
                   check=True)
    checker = Checker()
    server = huntbook_server.Server(args.binary, os.path.join(disk, "data"),
                                    os.path.join(work, "server.log"))
    filler = os.path.join(disk, "filler")
    acked = []
    try:
        server.start()
        # Leave about 1 MB: the WAL fills it within a few dozen batches.
        with open(filler, "wb") as out:
            out.write(b"\0" * ((args.size_mb - 1) * 1024 * 1024))
        status, body, headers_seen = None, b"", {}
        for sequence in range(2000):
            batch = f"b{sequence}"
            status, body = huntbook_server.ingest(server.port, TABLE, batch_rows(batch))
            if status != 200:
                break
            acked.append(batch)
        checker.check("some batches acknowledged before the disk filled", len(acked) > 0)
        checker.check("full disk answers 507", status == 507, f"{status} {body[:300]!r}")
        checker.check("the message names the full disk", b"disk full" in body and
                      b"No space left on device" in body, body[:300])
        fill(filler)  # whatever the failed call left free
        statuses = []
        for sequence in range(3):
            status, headers_seen, _ = huntbook_server.request_with_headers(
                server.port, "POST", f"/v1/workspaces/default/tables/{TABLE}/ingest",
                batch_rows(f"late{sequence}"))
            statuses.append(status)
        checker.check("later calls on the full disk answer 507 too", statuses == [507] * 3,
                      statuses)
        checker.check("507 carries Retry-After", "Retry-After" in headers_seen, headers_seen)
        verify(checker, "full disk", server.port, acked)

        os.remove(filler)
        deadline = time.monotonic() + 10
        resumed = False
        while time.monotonic() < deadline and not resumed:
            status, body = huntbook_server.ingest(server.port, TABLE, batch_rows("resumed"))
            resumed = status == 200
            if not resumed:
                time.sleep(0.2)
        checker.check("ingestion resumes within 10 s of freeing space, no restart", resumed,
                      f"{status} {body[:300]!r}")
        if resumed:
            acked.append("resumed")
        verify(checker, "after freeing space", server.port, acked)

        # A graceful stop on a full disk: the flush to an extent fails; the WAL keeps the rows.
        fill(filler)
        server.stop()
        os.remove(filler)
        server.start()
        verify(checker, "after a stop on a full disk", server.port, acked)
        server.kill()
        server.start()
        verify(checker, "after SIGKILL and restart", server.port, acked)
        tmp_files = [n for _, _, names in os.walk(disk) for n in names if n.endswith(".tmp")]
        checker.check("no temporary extent file left behind", not tmp_files, tmp_files)
        print(f"{len(acked)} batches acknowledged on a {args.size_mb} MB disk")
    finally:
        if server.alive():
            server.kill()
        if checker.failures:
            with open(server.log_path, errors="replace") as log:
                print("server log tail:\n" + "".join(log.readlines()[-20:]))
        subprocess.run(["umount", disk])
        shutil.rmtree(work, ignore_errors=True)
    return 1 if checker.failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--size-mb", type=int, default=8)
    args = parser.parse_args()
    if os.environ.get(NAMESPACE_FLAG) != "1":
        return enter_namespace()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
