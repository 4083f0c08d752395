"""A tiny stdlib HTTP server answering with canned Log Analytics / ADX JSON, for unit tests
of the HTTP client's request and response handling (not a stand-in for `huntbook serve`;
tests against the real server belong to test/integration)."""

import http.server
import json
import threading


class FakeServer:
    """Serves `responses[path] = (status, body)`; records requests as (method, path,
    headers, body)."""

    def __init__(self):
        self.responses = {}
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                outer.requests.append((self.command, self.path, dict(self.headers),
                                       json.loads(body) if body else None))
                status, reply = outer.responses.get(self.path.split("?")[0],
                                                    (404, {"error": {"code": "PathNotFoundError",
                                                                     "message": self.path}}))
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
