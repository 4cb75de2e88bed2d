"""``ordergate webhooks listen --forward-to`` as a real subprocess: it follows a served app's
change feed and forwards each change, signed, in feed order, to a real local receiver; SIGINT
stops it cleanly with a resume cursor."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.db import Database
from app.domain.webhooks.signing import verify
from tests.conftest import INTERNAL_TOKEN, order_payload
from tests.factories import bearer, make_token
from tests.feed_support import eventually
from tests.webhooks.support import HORIZON_WAIT, running_receiver

pytestmark = pytest.mark.feed


ROOT = Path(__file__).resolve().parents[2]
ORDERGATE = Path(sys.executable).parent / "ordergate"  # the installed console script


async def read_line_matching(stream: asyncio.StreamReader, pattern: str, seen: list[str]) -> str:
    """The first stdout line matching ``pattern`` (every line read is kept in ``seen``)."""
    while True:
        line = (await asyncio.wait_for(stream.readline(), 60)).decode()
        if not line:
            raise AssertionError(f"the CLI exited before printing {pattern!r}: {seen}")
        seen.append(line)
        if match := re.search(pattern, line):
            return match.group(1)


async def test_listen_forwards_signed_changes_in_feed_order_and_stops_on_sigint(
    served_url: str, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id])
    feed = f"/v1/shops/{shop_id}/changes"
    async with httpx.AsyncClient(base_url=served_url, timeout=60) as api:
        head = await api.get(feed, params={"cursor": "now"}, headers=bearer(token))
        start = head.json()["next_cursor"]
        with running_receiver() as rx:
            proc: Any = await asyncio.create_subprocess_exec(
                str(ORDERGATE),
                "webhooks",
                "listen",
                "--base-url",
                served_url,
                "--token",
                token,
                "--shop",
                str(shop_id),
                "--forward-to",
                rx.url,
                "--cursor",
                start,  # from a known position: changes made before it took "now" still count
                cwd=ROOT,
                env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"},
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out: list[str] = []
            try:
                secret = await read_line_matching(
                    proc.stdout, r"Signing secret for this session: (whsec_\S+)", out
                )
                # Writes through the API: three orders, one of them paid afterwards.
                internal = bearer(INTERNAL_TOKEN)
                orders = f"/internal/v1/shops/{shop_id}/orders"
                ids = []
                for _ in range(3):
                    r = await api.post(orders, json=order_payload(), headers=internal)
                    assert r.status_code == 201, r.text
                    ids.append(r.json()["id"])
                r = await api.post(
                    f"{orders}/{ids[1]}/pay", json={"pay_method": "alipay"}, headers=internal
                )
                assert r.status_code == 200, r.text

                # What the feed itself holds after the start cursor, in its order.
                page = await api.get(
                    feed, params={"cursor": start, "wait": 30}, headers=bearer(token)
                )
                expected = [(c["id"], c["type"], c["entity_version"]) for c in page.json()["data"]]
                while len(expected) < 4:
                    page = await api.get(
                        feed,
                        params={"cursor": page.json()["next_cursor"], "wait": 30},
                        headers=bearer(token),
                    )
                    expected += [
                        (c["id"], c["type"], c["entity_version"]) for c in page.json()["data"]
                    ]
                await eventually(
                    lambda: len(rx.snapshot()) >= len(expected),
                    timeout=HORIZON_WAIT,
                    what="forwarded events",
                )
            finally:
                if proc.returncode is None:
                    proc.send_signal(signal.SIGINT)
            rest, err = await asyncio.wait_for(proc.communicate(), 30)
            got = rx.snapshot()

    assert proc.returncode == 0, err.decode()[-2000:]
    assert "Stopped. Resume with --cursor " in rest.decode()
    assert len(got) == len(expected) == 4
    events = [verify(secret, request.body, request.headers) for request in got]
    assert [(e["id"], e["type"], e["data"]["entity_version"]) for e in events] == [
        (f"msg_{change_id}", type_, version) for change_id, type_, version in expected
    ]
    assert [e["type"] for e in events] == ["order.created"] * 3 + ["order.paid"]
    assert all(e["shop_id"] == shop_id for e in events)
    assert [request.headers["webhook-id"] for request in got] == [e["id"] for e in events]
