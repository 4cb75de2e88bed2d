"""``/console``: the committed bundle, cache headers, SPA fallback, CSP, and a plain 404 when
the bundle is absent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from app import console
from app.api.problems import install_problem_handlers


def _asset_names() -> list[str]:
    return sorted(p.name for p in (console.DIST / "assets").iterdir() if p.is_file())


async def test_index_for_the_root_and_any_client_route(client: httpx.AsyncClient) -> None:
    r = await client.get("/console")
    assert r.status_code == 308 and r.headers["location"] == "/console/"
    for path in ("/console/", "/console/orders", "/console/orders/123/detail", "/console/callback"):
        r = await client.get(path, params={"code": "x"} if path.endswith("callback") else None)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert r.text == (console.DIST / "index.html").read_text()
        assert r.headers["cache-control"] == "no-cache"
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "connect-src 'self' ws://testserver" in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


async def test_a_crafted_host_never_reaches_the_policy(client: httpx.AsyncClient) -> None:
    r = await client.get("/console/", headers={"Host": "evil; script-src *"})
    csp = r.headers["content-security-policy"]
    assert "evil" not in csp and "connect-src 'self';" in csp
    r = await client.get("/console/", headers={"Host": "[::1]:8000"})
    assert "connect-src 'self' ws://[::1]:8000;" in r.headers["content-security-policy"]


async def test_hashed_assets_are_immutable(client: httpx.AsyncClient) -> None:
    names = _asset_names()
    assert names, "the committed bundle has assets"
    for name in names:
        r = await client.get(f"/console/assets/{name}")
        assert r.status_code == 200, name
        assert r.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert r.content == (console.DIST / "assets" / name).read_bytes()
    js = next(n for n in names if n.endswith(".js"))
    r = await client.get(f"/console/assets/{js}")
    assert "javascript" in r.headers["content-type"]


async def test_missing_assets_and_escapes_are_not_the_index(client: httpx.AsyncClient) -> None:
    r = await client.get("/console/assets/index-missing.js")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "not_found"
    # A path escaping the bundle never reads outside it (it is a client route at most).
    for path in ("/console/..%2f..%2fconfig.py", "/console/%2e%2e/%2e%2e/config.py"):
        r = await client.get(path)
        assert r.status_code == 200 and "def get_settings" not in r.text


async def test_a_missing_bundle_is_a_clear_404(tmp_path: Path) -> None:
    app: Any = FastAPI()
    install_problem_handlers(app)
    app.include_router(console.create_router(tmp_path / "console_dist"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        r = await c.get("/console/orders")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["code"] == "console_not_built"
    assert "make console" in body["detail"]
