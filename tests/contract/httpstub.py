"""A recording HTTP server on 127.0.0.1 that plays a service: canned replies, or a function.

For the answers moto cannot give (throttling, 5xx, unparseable bodies, slow responses,
real ``NextMarker`` pages) and to look at exactly what was sent (headers, signing scope,
body). Used by the aws backend tests and the differential tests against the ``aws`` CLI.
"""

from __future__ import annotations

import base64
import json
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Reply = tuple[int, dict[str, str], bytes]


@dataclass
class Stub:
    """An HTTP server that records every request and answers from a queue (or a function)."""

    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    replies: deque[Reply] = field(default_factory=deque)
    responder: Callable[[Recorded], Reply] | None = None
    delay: float = 0.0
    default: Any = field(default_factory=dict)  # the body of a 200 when nothing else is queued

    def reply(self, status: int, body: Any, headers: dict[str, str] | None = None, times: int = 1) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        for _ in range(times):
            self.replies.append((status, {"Content-Type": "application/json", **(headers or {})}, raw))

    def error(self, status: int, code: str, body: dict[str, Any], times: int = 1, **headers: str) -> None:
        self.reply(status, body, {"x-amzn-ErrorType": code, **headers}, times=times)

    def answer(self, request: Recorded) -> Reply:
        if self.replies:
            return self.replies.popleft()
        if self.responder is not None:
            return self.responder(request)
        return 200, {"Content-Type": "application/json"}, json.dumps(self.default).encode()


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            request = Recorded(
                self.command, parts.path, parse_qs(parts.query), dict(self.headers.items()), self.rfile.read(length)
            )
            stub.requests.append(request)
            if stub.delay:
                threading.Event().wait(stub.delay)  # not time.sleep: the no_backoff fixture stubs it
            status, headers, body = stub.answer(request)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the client gave up (read timeout tests)

        do_GET = do_POST = do_PUT = do_DELETE = _any

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def running_stub(default: Any = None) -> Iterator[Stub]:
    """A ``Stub`` serving on a free port of 127.0.0.1 for the duration of the block."""
    stub = Stub(default=default if default is not None else {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


def paged_service(items: list[dict[str, Any]], page: int) -> Callable[[Recorded], Reply]:
    """ListEventSourceMappings as Lambda pages it: MaxItems (≤ page) per call, an opaque NextMarker."""
    count = len(items)

    def respond(request: Recorded) -> Reply:
        start = int(base64.b64decode(request.query["Marker"][0])) if "Marker" in request.query else 0
        size = min(int(request.query.get("MaxItems", [page])[0]), page)
        body: dict[str, Any] = {"EventSourceMappings": items[start : start + size]}
        if start + size < count:
            body["NextMarker"] = base64.b64encode(str(start + size).encode()).decode()
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    return respond
