"""Conformance of the whole committed-to API: schemathesis with all its checks against the live
app (status codes, content types, bodies against the declared models, schema-valid requests
accepted, invalid ones refused, no 5xx). Settings and the justified exceptions live in
schemathesis.toml (fixed seed, deterministic generation); the hooks in
tests/e2e/schemathesis_hooks.py. The full reports: var/schemathesis-{public,internal}.log."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

import httpx

from app.db import Database
from tests.conftest import INTERNAL_TOKEN, order_payload
from tests.factories import make_token

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = os.environ.get("ORDERGATE_FUZZ_EXAMPLES", "10")
MAX_TIME = os.environ.get("ORDERGATE_FUZZ_SECONDS", "90")  # per run (public, internal)
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


async def _schemathesis(served_url: str, name: str, token: str, *selection: str) -> str:
    """One run over the operations ``selection`` picks, as ``token``; its report."""
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS),
        "--config-file",
        str(ROOT / "schemathesis.toml"),
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
        # Our token, not generated Authorization values, so the routes behind auth get fuzzed.
        "--generation-with-security-parameters",
        "false",
        "-H",
        f"Authorization: Bearer {token}",
        *selection,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=ROOT,
        env={
            **os.environ,
            "NO_COLOR": "1",
            "PYTHONPATH": str(ROOT),
            "SCHEMATHESIS_HOOKS": "tests.e2e.schemathesis_hooks",
        },
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=int(MAX_TIME) + 180)
    text = output.decode(errors="replace")
    report = ROOT / "var" / f"schemathesis-{name}.log"
    report.parent.mkdir(exist_ok=True)
    report.write_text(text)
    assert process.returncode == 0, f"{report}:\n{text[-6000:]}"
    selected = re.search(r"Selected: (\d+)/\d+", text)
    tested = re.search(r"Tested: (\d+)", text)
    assert selected is not None and tested is not None, text[-3000:]
    assert tested.group(1) == selected.group(1), f"not every operation was tested:\n{text[-3000:]}"
    return text


async def test_every_operation_conforms_to_the_contract(
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
    public = await _schemathesis(
        served_url,
        "public",
        token,
        # Keep the run's own credentials alive: deleting the app, uninstalling it or revoking
        # the token would turn the rest of the run into 401s. /internal takes the internal token.
        "--exclude-path-regex",
        r"^/v1/apps/|/grants/|^/oauth/revoke|^/internal/",
    )
    internal = await _schemathesis(
        served_url, "internal", INTERNAL_TOKEN, "--include-path-regex", r"^/internal/"
    )
    tested = sum(int(re.findall(r"Tested: (\d+)", text)[0]) for text in (public, internal))
    assert tested >= 70, (public[-3000:], internal[-3000:])
