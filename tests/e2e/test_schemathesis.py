"""Property-based fuzzing of the whole committed-to API (schemathesis against the live app):
whatever the input, no route answers 5xx."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

import httpx

from app.db import Database
from tests.conftest import order_payload
from tests.factories import make_token

EXAMPLES = os.environ.get("ORDERGATE_FUZZ_EXAMPLES", "10")
MAX_TIME = os.environ.get("ORDERGATE_FUZZ_SECONDS", "120")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


async def test_no_input_makes_any_route_fail_with_5xx(
    served_url: str,
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    for _ in range(3):  # something for the generated ids to find
        r = await client.post(
            f"/internal/v1/shops/{shop_id}/orders", json=order_payload(), headers=internal_headers
        )
        assert r.status_code == 201
    token = await make_token(db, shop_ids=[shop_id])
    async with httpx.AsyncClient(base_url=served_url) as live:
        me = await live.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
        orders = await live.get(
            f"/v1/shops/{shop_id}/orders", headers={"Authorization": f"Bearer {token}"}
        )
    assert me.status_code == 200 and orders.status_code == 200, (me.text, orders.text)
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS),
        "run",
        f"{served_url}/openapi.json",
        "--checks",
        os.environ.get("ORDERGATE_FUZZ_CHECKS", "all"),
        "--max-examples",
        EXAMPLES,
        "--max-time",
        MAX_TIME,
        # One worker: hypothesis parses lambda sources with ast, not thread-safe on 3.11.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-deterministic",
        # Keep the run's own credentials alive: deleting the app, uninstalling it or revoking
        # the token would turn the rest of the run into 401s.
        "--exclude-path-regex",
        r"^/v1/apps/|/grants/|^/oauth/revoke",
        # Our token, not generated Authorization values, so the routes behind auth get fuzzed.
        "--generation-with-security-parameters",
        "false",
        "-H",
        f"Authorization: Bearer {token}",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1", "SCHEMATHESIS_HOOKS": ""},
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=int(MAX_TIME) + 120)
    text = output.decode(errors="replace")
    # The whole report (the assertion shows its tail): var/schemathesis.log.
    report = Path(__file__).resolve().parents[2] / "var" / "schemathesis.log"
    report.parent.mkdir(exist_ok=True)
    report.write_text(text)
    assert process.returncode == 0, text[-6000:]
    tested = re.search(r"Tested: (\d+)", text)
    assert tested is not None and int(tested.group(1)) >= 60, text[-3000:]
