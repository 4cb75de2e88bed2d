"""Serving the console and signing in to it through OrderGate's own OAuth (PKCE, public
first-party client ``ordergate-console``)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.async_api import expect

from tests.browser.conftest import ConsoleServer, new_context, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.feed]


async def test_up_prints_the_console_url_and_serves_the_bundle(
    console_server: ConsoleServer,
) -> None:
    assert "Console" in console_server.banner
    url = re.search(r"Console\s+(http://\S+/console/)", console_server.banner)
    assert url and url.group(1) == f"{console_server.base_url}/console/", console_server.banner
    async with httpx.AsyncClient(base_url=console_server.base_url, timeout=10) as c:
        index = await c.get("/console/orders")  # a client-side route: the SPA's index.html
        assert index.status_code == 200
        assert index.headers["cache-control"] == "no-cache"
        assert "default-src 'self'" in index.headers["content-security-policy"]
        script = re.search(r'src="(/console/assets/[^"]+\.js)"', index.text)
        assert script, index.text
        asset = await c.get(script.group(1))
        assert asset.status_code == 200
        assert "immutable" in asset.headers["cache-control"]


async def test_sign_in_through_oauth_with_pkce(browser: Any, console_server: ConsoleServer) -> None:
    context = await new_context(browser, console_server)
    try:
        page = await context.new_page()
        authorize: list[str] = []
        page.on(
            "request",
            lambda r: authorize.append(r.url) if "/oauth/authorize" in r.url else None,
        )
        await page.goto("/console/orders")
        await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        await screenshot(page, "login")
        query = parse_qs(urlsplit(authorize[0]).query)
        assert query["client_id"] == ["ordergate-console"]
        assert query["code_challenge_method"] == ["S256"]
        assert query["redirect_uri"] == [f"{console_server.base_url}/console/callback"]

        await sign_in(page, console_server, path="/console/orders")
        # Back where we started, with the shell of a signed-in owner of both demo shops.
        await expect(page).to_have_url(re.compile(r"/console/orders$"))
        for name in (
            "Orders",
            "After-sales",
            "Disputes",
            "Dashboard",
            "Exports",
            "Webhooks",
            "Staff",
            "Audit log",
        ):
            await expect(page.get_by_role("link", name=name)).to_be_visible()
        switcher = page.get_by_test_id("shop-switcher")
        options = await switcher.locator("option").evaluate_all("opts => opts.map(o => o.value)")
        assert sorted(int(v) for v in options) == sorted(console_server.shop_ids)
        await screenshot(page, "orders")
    finally:
        await context.close()
