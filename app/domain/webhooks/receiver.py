"""A minimal local webhook receiver for development (``ordergate webhooks receive``): checks each
delivery's Standard Webhooks signature with the endpoint's secret and reports it in one line."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.domain.webhooks.signing import WebhookVerificationError, verify


def serve_verified(secret: str, *, port: int, count: int, on_line: Callable[[str], None]) -> str:
    """Serve on 127.0.0.1:``port`` until ``count`` verified events (0: until SIGINT/SIGTERM);
    returns the address it listened on."""
    done = threading.Event()
    verified = [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                event = verify(secret, body, headers)
            except (WebhookVerificationError, ValueError) as exc:
                on_line(f"REJECTED {headers.get('webhook-id', '-')}: {exc}")
                self._answer(400)
                return
            self._answer(204)
            on_line(f"verified {event.get('type', '?')} {headers.get('webhook-id', '-')}")
            with lock:
                verified[0] += 1
                if count and verified[0] >= count:
                    done.set()

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    host, bound = server.server_address[:2]
    address = f"http://{host!s}:{bound}/"
    on_line(f"Listening on {address} (verifying with the given secret; Ctrl-C stops).")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    previous = {
        sig: signal.signal(sig, lambda *_: done.set()) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        done.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.shutdown()
        server.server_close()
    return address
