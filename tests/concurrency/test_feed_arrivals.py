"""1,000 feed requests arriving at once on a small pool: each head cursor and each short poll is
one feed statement; a request that cannot get a connection within the bounded pool wait answers
503 + Retry-After (never a 500, never an unbounded queue), and the pool serves again after."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from app.config import Settings
from app.db import Database
from app.main import create_app
from tests.factories import bearer, make_token

pytestmark = pytest.mark.feed


ARRIVALS = 1000


async def test_a_thousand_concurrent_arrivals_never_exhaust_the_pool(
    settings: Settings, db: Database, shop: dict[str, int]
) -> None:
    shop_id = shop["shop_id"]
    token = await make_token(db, shop_ids=[shop_id], scopes="changes:read")
    changes = f"/v1/shops/{shop_id}/changes"
    tight = settings.model_copy(
        update={"db_pool_size": 4, "db_max_overflow": 0, "db_pool_timeout_seconds": 1.0}
    )
    application = create_app(tight)
    transport = httpx.ASGITransport(app=application)
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120) as c,
    ):
        head = (await c.get(changes, params={"cursor": "now"}, headers=bearer(token))).json()
        feed_statements = [0]

        def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if "change_log" in statement:
                feed_statements[0] += 1

        engine = application.state.db.engine.sync_engine
        event.listen(engine, "before_cursor_execute", seen)
        try:
            answers = await asyncio.gather(
                *(
                    c.get(
                        changes,
                        params={"cursor": "now" if n % 2 else head["next_cursor"]},
                        headers=bearer(token),
                    )
                    for n in range(ARRIVALS)
                )
            )
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        after = await c.get(changes, params={"cursor": "now"}, headers=bearer(token))

    served = [a for a in answers if a.status_code == 200]
    refused = [a for a in answers if a.status_code != 200]
    for answer in refused:
        assert answer.status_code == 503, answer.text
        assert answer.json()["code"] == "service_unavailable"
        assert int(answer.headers["Retry-After"]) >= 1
    assert served, "nothing was served"
    # One statement per answered head cursor or short poll (refused ones never reached it).
    assert feed_statements[0] == len(served), (feed_statements[0], len(served))
    assert after.status_code == 200
