"""A `huntbook serve --anonymous` process on a free loopback port, and a small HTTP client.

Shared by the fault tests (server_*_test.py) and the load benchmark (bench/load.py).
Stdlib only; run with /usr/bin/python3.
"""
import http.client
import json
import os
import signal
import subprocess
import time


class Server:
    """Starts `BIN serve --data DATA --listen 127.0.0.1:0 --anonymous EXTRA...`.

    start() waits for the "listening on" line and returns the port. kill() sends SIGKILL,
    stop() SIGTERM (the server drains and flushes). The server's stderr goes to `log_path`.
    """

    def __init__(self, binary, data_dir, log_path, extra_args=()):
        self.binary = binary
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra_args = list(extra_args)
        self.process = None
        self.port = None

    def start(self, timeout=60.0):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data_dir, "--listen", "127.0.0.1:0",
             "--anonymous", *self.extra_args],
            stdout=subprocess.PIPE, stderr=log, env=dict(os.environ))
        log.close()
        deadline = time.monotonic() + timeout
        line = b""
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            text = line.decode(errors="replace").strip()
            if "listening on http://" in text:
                self.port = int(text.rsplit(":", 1)[1])
                return self.port
        self.kill()
        raise RuntimeError(f"server did not start (last line {line!r}); see {self.log_path}")

    def kill(self):
        self._signal(signal.SIGKILL)

    def stop(self):
        self._signal(signal.SIGTERM)

    def _signal(self, number):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(number)
        self.process.wait(timeout=120)
        if self.process.stdout:
            self.process.stdout.close()
        self.process = None

    def alive(self):
        return self.process is not None and self.process.poll() is None


def request(port, method, path, body=None, headers=None, timeout=60.0):
    """One request on a fresh connection: (status, body bytes). Raises OSError and
    http.client.HTTPException when the connection fails (the outcome is then unknown)."""
    status, _, data = request_with_headers(port, method, path, body, headers, timeout)
    return status, data


def request_with_headers(port, method, path, body=None, headers=None, timeout=60.0):
    """As request, but returns (status, response headers dict, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json"}
        all_headers.update(headers or {})
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def query(port, text, workspace="default", timeout=60.0):
    """Runs a Log Analytics query: (status, parsed body)."""
    status, body = request(port, "POST", f"/v1/workspaces/{workspace}/query", {"query": text},
                           timeout=timeout)
    return status, json.loads(body or b"null")


def query_rows(port, text, timeout=60.0):
    """The PrimaryResult rows of a query that must succeed."""
    status, body = query(port, text, timeout=timeout)
    if status != 200:
        raise AssertionError(f"query {text!r} failed with {status}: {body}")
    return body["tables"][0]["rows"]


def ingest(port, table, rows, workspace="default", timeout=60.0):
    """Posts a JSON array of row objects to the ingestion route: (status, body bytes)."""
    return request(port, "POST", f"/v1/workspaces/{workspace}/tables/{table}/ingest", rows,
                   timeout=timeout)
