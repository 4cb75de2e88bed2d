"""The documentation pages and GraphiQL use only assets the app serves (vendored, checked
against their manifest), and the GraphiQL page opens without a token."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from app.api.docs_pages import ASSETS, STATIC
from app.static.vendor import MANIFEST, PACKAGES, sha256

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


def test_vendored_assets_match_their_manifest() -> None:
    manifest = json.loads(MANIFEST.read_text())
    assert set(manifest) == {name for files in PACKAGES.values() for name in files.values()}
    for name, entry in manifest.items():
        assert sha256(STATIC / name) == entry["sha256"], f"{name} changed: run make docs-assets"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_docs_pages_load_only_local_assets(client: httpx.AsyncClient, path: str) -> None:
    page = await client.get(path)
    assert page.status_code == 200
    assert EXTERNAL.search(page.text) is None, page.text
    assets = re.findall(rf"""(?:src|href)=["']({ASSETS}/[^"']+)""", page.text)
    assert assets
    for asset in assets:
        served = await client.get(asset)
        assert served.status_code == 200 and len(served.content) > 1000, asset


async def test_graphiql_page_opens_without_a_token(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql.min.js" in page.text and EXTERNAL.search(page.text) is None
    for asset in re.findall(rf'src="({ASSETS}/[^"]+)"', page.text):
        assert (await client.get(asset)).status_code == 200
    # The API itself still needs one: a query over GET, or a non-browser GET, is 401.
    query = await client.get(
        "/graphql", params={"query": "{ shops { id } }"}, headers={"Accept": "text/html"}
    )
    assert query.status_code == 401
    plain = await client.get("/graphql", headers={"Accept": "application/json"})
    assert plain.status_code == 401
