"""Webhook test helpers: a real HTTP receiver on 127.0.0.1, endpoints, changes."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.sync.change_log import record_change
from app.domain.sync.horizon import HORIZON_SQL
from app.domain.webhooks.delivery import DeliveryWorker
from app.domain.webhooks.fanout import fan_out_forever
from app.domain.webhooks.secret_box import SecretBox
from app.domain.webhooks.signing import generate_secret
from app.domain.webhooks.urls import Resolver, resolve
from app.models.webhooks import WebhookEndpoint

# The horizon is cluster-wide: concurrent tests holding a transaction delay every fan-out.
HORIZON_WAIT = 300.0


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    at: float  # time.monotonic() on arrival

    @property
    def json(self) -> Any:
        return json.loads(self.body)


# Decides the status of the n-th request (0-based); may block (a slow receiver).
Responder = Callable[[int, "Received"], int]


@dataclass
class Receiver:
    responder: Responder = field(default=lambda n, r: 200)
    requests: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.requests)

    def entity_ids(self) -> list[int]:
        return [r.json["data"]["entity_id"] for r in self.snapshot() if r.json["type"] != "ping"]


@contextmanager
def running_receiver(responder: Responder | None = None) -> Iterator[Receiver]:
    receiver = Receiver(responder or (lambda n, r: 200))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            if len(body) < length:
                # The sender died mid-request (a killed worker): nothing was delivered, and
                # its lease expiring sends it again.
                self.close_connection = True
                return
            got = Received({k.lower(): v for k, v in self.headers.items()}, body, time.monotonic())
            with receiver.lock:
                n = len(receiver.requests)
                receiver.requests.append(got)
            status = receiver.responder(n, got)
            payload = b'{"ok": true}' if status < 300 else b"nope " * 400
            self.send_response(status)
            if 300 <= status < 400:  # somewhere to go, were redirects followed
                self.send_header("location", "/redirected")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


async def create_endpoint(
    db: Database,
    settings: Settings,
    *,
    url: str,
    shop_ids: list[int],
    event_types: list[str] | None = None,
) -> tuple[int, str]:
    """An endpoint row as the service creates it (id, plain secret)."""
    secret = generate_secret()
    async with db.transaction() as s:
        endpoint = WebhookEndpoint(
            url=url,
            event_types=event_types or ["*"],
            shop_ids=shop_ids,
            secret_encrypted=SecretBox(settings.secret_key or "").seal(secret),
            start_xid=text(HORIZON_SQL),
        )
        s.add(endpoint)
        await s.flush()
        endpoint_id = endpoint.id
    return endpoint_id, secret


async def disable_endpoints(db: Database, endpoint_ids: list[int]) -> None:
    async with db.transaction() as s:
        await s.execute(
            text("UPDATE webhook_endpoints SET enabled = false WHERE id = ANY(:ids)"),
            {"ids": endpoint_ids},
        )


async def make_changes(
    db: Database, shop_id: int, n: int, *, type: str = "order.created", per_tx: int = 200
) -> None:
    """``n`` change-log rows (entity ids 1..n, version 1) in transactions of ``per_tx``."""
    done = 0
    while done < n:
        async with db.transaction() as s:
            for i in range(done, min(n, done + per_tx)):
                await record_change(
                    s,
                    shop_id=shop_id,
                    entity="order",
                    entity_id=i + 1,
                    entity_version=1,
                    type=type,
                    data={"id": i + 1, "status": "paid"},
                )
        done = min(n, done + per_tx)


async def horizon_passed_changes(db: Database, shop_id: int) -> bool:
    """Every change of the shop is below the feed horizon (no older transaction holds it)."""
    async with db.transaction() as s:
        passed = await s.scalar(
            text(
                f"SELECT coalesce(max(xid), '0'::xid8) < {HORIZON_SQL} "
                "FROM change_log WHERE shop_id = :shop"
            ),
            {"shop": shop_id},
        )
    return bool(passed)


async def delivery_rows(db: Database, endpoint_id: int) -> list[Any]:
    async with db.engine.connect() as conn:
        return list(
            (
                await conn.execute(
                    text("SELECT * FROM webhook_deliveries WHERE endpoint_id = :id ORDER BY id"),
                    {"id": endpoint_id},
                )
            ).all()
        )


async def attempt_rows(db: Database, delivery_id: int) -> list[Any]:
    async with db.engine.connect() as conn:
        return list(
            (
                await conn.execute(
                    text("SELECT * FROM webhook_attempts WHERE delivery_id = :id ORDER BY id"),
                    {"id": delivery_id},
                )
            ).all()
        )


@asynccontextmanager
async def running_delivery(
    db: Database,
    settings: Settings,
    endpoint_ids: list[int],
    *,
    resolver: Resolver = resolve,
    **overrides: Any,
) -> AsyncIterator[DeliveryWorker]:
    """The fan-out and one delivery worker (for these endpoints only) running in-process."""
    configured = settings.model_copy(update=overrides)
    stop, wake = asyncio.Event(), asyncio.Event()
    worker = DeliveryWorker(
        db, configured, only_endpoints=frozenset(endpoint_ids), resolver=resolver
    )
    tasks = [
        asyncio.create_task(fan_out_forever(db, stop, asyncio.Event(), recheck_seconds=0.05)),
        asyncio.create_task(worker.run_forever(stop, wake, poll_seconds=0.1)),
    ]
    try:
        yield worker
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 30)
        await disable_endpoints(db, endpoint_ids)
