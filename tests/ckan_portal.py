"""A CKAN-like portal on 127.0.0.1 for the remote and catalogue tests.

It answers ``/api/3/action/package_search`` (rows/start paging capped at :data:`PAGE_CAP`,
``fq`` on organization, tags and name) and ``package_show`` from ``packages.json``, whose
shape follows real CKAN (BODIK) answers (``tests/data/ckan/packages.json``), and serves the
resources:

- ``/files/<path>``: a file of ``tests/data/real/`` with ETag and Last-Modified (HEAD too);
- ``/plain/<path>``: the same bytes without ETag or Last-Modified;
- ``/flaky/<path>``: HTTP 500 for the first :attr:`Portal.flaky_failures` GETs, then the file;
- ``/error/500/…``: always HTTP 500; ``/missing/…``: 404;
- ``/slow/…``: answers after :attr:`Portal.slow_seconds`;
- ``/big/…``: :attr:`Portal.big_bytes` bytes of CSV, with no Content-Length (read until close);
- ``/docs/….pdf``: a small PDF;
- ``/jp/<any name>``: the 焼津市 public-toilet file under a Japanese name (URLs of real
  portals often have one).

Every request is logged as (monotonic time, method, path) in :attr:`Portal.log`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

HERE = Path(__file__).parent / "data" / "ckan"
REAL = HERE.parent / "real"
PAGE_CAP = 3
"""package_search returns at most this many packages a page (CKAN caps rows too)."""
JAPANESE_NAMED = "v2/13_public_toilet__222127_yaizu.csv"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that stopped reading (size cap, timeout) is part of the tests


class Portal:
    """The server and what it did."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str, str]] = []
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.overrides: dict[str, bytes] = {}
        self.flaky_failures = 2
        self.slow_seconds = 1.5
        self.big_bytes = 3 * 1024 * 1024
        self.packages: list[dict[str, Any]] = []
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        text = (HERE / "packages.json").read_text(encoding="utf-8")
        self.packages = json.loads(text.replace("{base}", self.base))["packages"]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def file_requests(self, method: str = "GET") -> list[str]:
        """Paths of resource requests (not the API) made with ``method``."""
        with self.lock:
            return [p for _, m, p in self.log if m == method and not p.startswith("/api/")]

    def times(self, path: str, method: str = "GET") -> list[float]:
        with self.lock:
            return [at for at, m, p in self.log if m == method and p == path]

    def clear(self) -> None:
        with self.lock:
            self.log.clear()

    def content(self, rel: str) -> bytes:
        return self.overrides.get(rel) or (REAL / rel).read_bytes()

    def search(self, fq: str) -> list[dict[str, Any]]:
        found = self.packages
        for term in filter(None, (part.strip() for part in fq.split(" AND "))):
            field, _, value = term.partition(":")
            value = value.strip('"')
            if field == "organization":
                found = [p for p in found if p["organization"]["name"] == value]
            elif field == "tags":
                found = [p for p in found if value in {t["name"] for t in p["tags"]}]
            elif field == "name":
                found = [p for p in found if p["name"] == value]
        return sorted(found, key=lambda p: p["name"])


def _handler(portal: Portal) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _send(
            self, status: int, body: bytes, head: bool, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _json(self, data: Any, head: bool, status: int = 200) -> None:
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self._send(status, body, head, {"Content-Type": "application/json;charset=utf-8"})

        def _serve(self, head: bool) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            with portal.lock:
                portal.log.append((time.monotonic(), self.command, path))
                portal.hits[f"{self.command} {path}"] += 1
                hits = portal.hits[f"{self.command} {path}"]
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            action = "/api/3/action/"
            if path.startswith(action):
                self._api(path[len(action) :], query, head)
            elif path.startswith(("/files/", "/plain/")):
                rel = path.split("/", 2)[2]
                body = portal.content(rel)
                headers = {"Content-Type": "text/csv"}
                if path.startswith("/files/"):
                    headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    headers["Last-Modified"] = "Wed, 12 Mar 2025 09:00:00 GMT"
                self._send(200, body, head, headers)
            elif path.startswith("/flaky/"):
                if not head and hits <= portal.flaky_failures:
                    self._send(500, b"busy", head)
                else:
                    self._send(200, portal.content(path.split("/", 2)[2]), head)
            elif path.startswith("/error/500/"):
                self._send(500, b"internal error", head)
            elif path.startswith("/slow/"):
                time.sleep(portal.slow_seconds)
                self._send(200, b"a,b\n1,2\n", head)
            elif path.startswith("/big/"):
                if head:
                    self._send(200, b"", head)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/csv")
                self.end_headers()  # no Content-Length: the body ends when the server closes
                line = b"1,2,3,4,5,6,7,8,9,0\n" * 512
                sent = 0
                try:
                    while sent < portal.big_bytes:
                        self.wfile.write(line)
                        sent += len(line)
                except OSError:
                    pass  # the client stopped at its cap
                self.close_connection = True
            elif path.startswith("/jp/"):
                self._send(200, portal.content(JAPANESE_NAMED), head, {"ETag": '"jp"'})
            elif path.startswith("/docs/"):
                self._send(200, PDF, head, {"Content-Type": "application/pdf"})
            else:
                self._send(404, b"not found", head)

        def _api(self, action: str, query: dict[str, str], head: bool) -> None:
            if action == "package_search":
                found = portal.search(query.get("fq", ""))
                start = int(query.get("start", 0))
                rows = min(int(query.get("rows", 10)), PAGE_CAP)
                result = {
                    "count": len(found),
                    "facets": {},
                    "results": found[start : start + rows],
                    "sort": query.get("sort", "score desc, metadata_modified desc"),
                    "search_facets": {},
                }
            elif action == "package_show":
                match = [p for p in portal.packages if query.get("id") in (p["name"], p["id"])]
                if not match:
                    self._json(
                        {
                            "help": f"{portal.base}/api/3/action/help_show?name=package_show",
                            "success": False,
                            "error": {"message": "Not found", "__type": "Not Found Error"},
                        },
                        head,
                        404,
                    )
                    return
                result = match[0]
            else:
                self._send(404, b"unknown action", head)
                return
            self._json(
                {
                    "help": f"{portal.base}/api/3/action/help_show?name={action}",
                    "success": True,
                    "result": result,
                },
                head,
            )

    return Handler
