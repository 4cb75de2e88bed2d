"""``/docs``, ``/redoc`` and GraphiQL render in a real browser from assets the app serves itself:
no request leaves the server (offline docs), and GraphiQL runs a query with the token of the
console session in the same tab (a browser never sends a bearer header by itself)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import expect

from tests.browser.conftest import ConsoleServer, new_context, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.feed]


def _outside(requests: list[str], server: ConsoleServer) -> list[str]:
    own = urlsplit(server.base_url).netloc
    return [
        u
        for u in requests
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != own
    ]


@pytest.mark.parametrize(
    ("path", "rendered"),
    [("/docs", ".swagger-ui .info .title"), ("/redoc", "h1:has-text('OrderGate')")],
)
async def test_api_docs_render_offline(
    browser: Any, console_server: ConsoleServer, path: str, rendered: str
) -> None:
    context = await new_context(browser, console_server)
    try:
        page = await context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # What the page's CSP refused before it left (ReDoc's footer logo on a CDN).
        refused: set[str] = set()
        page.on(
            "requestfailed",
            lambda r: refused.add(r.url) if r.failure == "csp" else None,
        )
        await page.goto(path)
        # ReDoc renders the whole document before showing anything: seconds on a busy machine.
        await expect(page.locator(rendered).first).to_contain_text("OrderGate", timeout=90_000)
        # The operations themselves are listed (the document loaded and rendered).
        await expect(page.get_by_text("/v1/shops/{shop_id}/orders").first).to_be_attached()
        if path == "/docs":  # ReDoc's one long page is too tall to capture in time
            await screenshot(page, "docs")
        assert [u for u in _outside(requests, console_server) if u not in refused] == []
        assert errors == []
    finally:
        await context.close()


async def test_graphiql_runs_a_query_with_the_console_token(
    page: Any, console_server: ConsoleServer
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    await page.goto("/console/")
    await expect(page.get_by_role("link", name="Orders")).to_be_visible()  # signed in
    await page.goto("/graphql")
    await expect(page.locator(".graphiql-container")).to_be_visible()
    async with page.expect_response(
        lambda r: (
            r.url.endswith("/graphql")
            and r.request.method == "POST"
            and "FirstLook" in (r.request.post_data or "")
        )
    ) as answered:
        await page.locator(".graphiql-execute-button").click()
    response = await answered.value
    assert response.status == 200
    body = await response.json()
    assert "errors" not in body, body
    assert sorted(s["id"] for s in body["data"]["shops"]) == sorted(console_server.shop_ids)
    await expect(page.locator(".result-window")).to_contain_text("shops")
    await screenshot(page, "graphiql")
    assert _outside(requests, console_server) == []


async def test_graphiql_page_needs_no_token_and_says_where_to_put_one(
    browser: Any, console_server: ConsoleServer
) -> None:
    context = await new_context(browser, console_server)
    try:
        page = await context.new_page()
        response = await page.goto("/graphql")
        assert response is not None and response.status == 200
        await expect(page.locator(".graphiql-container")).to_be_visible()
        await page.get_by_text("Headers", exact=True).click()
        await expect(page.locator(".graphiql-editor-tool")).to_contain_text("paste an access token")
    finally:
        await context.close()
