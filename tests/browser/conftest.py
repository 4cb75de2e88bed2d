"""The merchant console in a real browser: Debian's chromium driven by Playwright (async API)
against a real ``ordergate up`` process (uvicorn + in-process worker) on a free port, serving
its own database cloned from the test template and loaded with a small deterministic demo.

The browser is the system one (``/usr/bin/chromium``, or ``ORDERGATE_CHROMIUM``): no
``playwright install``. Without it the tests skip, unless ``ORDERGATE_BROWSER_REQUIRED=1``
(CI), where they fail.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from app.config import plain_database_url
from app.demo import load_demo
from tests.dbsetup import drop_worker_database, prepare_worker_database
from tests.e2e.up_process import UpProcess, embedded_env

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "var" / "screenshots"
ANCHOR = datetime(2026, 11, 1, 16, tzinfo=UTC)  # midnight in Shanghai
ORDERS = 300
SHOPS = 2
SEED = 11
PASSWORD = "console-browser-test"
INTERNAL_TOKEN = "ogi_browser_internal_token"
TIMEOUT_MS = 15_000
_BANNER_TOKEN = re.compile(r"Access token\s+(oga_\S+)")
_BANNER_EMAIL = re.compile(r"Email\s+(\S+@\S+)")


def chromium_path() -> str | None:
    configured = os.environ.get("ORDERGATE_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    mine = [item for item in items if here in Path(str(item.path)).parents]
    if mine and chromium_path() is None and os.environ.get("ORDERGATE_BROWSER_REQUIRED") != "1":
        skip = pytest.mark.skip(
            reason="chromium not found (apt-get install chromium, or set ORDERGATE_CHROMIUM)"
        )
        for item in mine:
            item.add_marker(skip)


@dataclass
class ConsoleServer:
    base_url: str
    database_url: str
    banner: str
    email: str
    password: str
    access_token: str  # the demo app's token, for checks through the API
    shop_ids: list[int]

    def api(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.access_token}"},
            timeout=30,
        )

    def internal(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {INTERNAL_TOKEN}"},
            timeout=30,
        )

    async def scalar(self, query: str, *args: Any) -> Any:
        conn = await asyncpg.connect(plain_database_url(self.database_url))
        try:
            return await conn.fetchval(query, *args)
        finally:
            await conn.close()


@pytest.fixture(scope="session")
def console_server(server_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """``ordergate up --port 0`` over a demo database of its own (300 orders, fixed anchor)."""
    url = prepare_worker_database(server_url, "browser")
    # Under var/ (gitignored) rather than pytest's tmp: the server log outlives a failed run.
    data_dir = ROOT / "var" / "browser" / f"server-{os.getpid()}"
    shutil.rmtree(data_dir, ignore_errors=True)
    up: UpProcess | None = None
    try:
        summary = asyncio.run(
            load_demo(url, shops=SHOPS, orders=ORDERS, seed=SEED, anchor=ANCHOR, connections=1)
        )
        env = embedded_env(data_dir)
        env.update(
            DATABASE_URL=url,
            ORDERGATE_DEMO_PASSWORD=PASSWORD,
            ORDERGATE_INTERNAL_TOKEN=INTERNAL_TOKEN,
            ORDERGATE_SECRET_KEY="browser-test-secret-key-not-for-production",
            ORDERGATE_LOG_LEVEL="WARNING",
            # One sign-in per test page: the per-IP login/token limit is for attackers.
            ORDERGATE_AUTH_ATTEMPTS_PER_MINUTE="1000",
            ORDERGATE_RATELIMIT_KEY_PREFIX=f"ordergate:rl:browser:{os.getpid()}",
            # The console and the demo app share the owner's first-party bucket; the tests
            # click through pages faster than a person, so the default 1000 points a minute
            # would throttle them mid-run (see docs/rate-limits.md).
            ORDERGATE_RATELIMIT_POINTS_PER_MINUTE="100000",
        )
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        up = UpProcess(data_dir, "--port", "0", "--orders", "0", log_name="console.log", env=env)
        base = up.start().wait_ready(timeout=120)
        banner = up.output
        token, email = _BANNER_TOKEN.search(banner), _BANNER_EMAIL.search(banner)
        assert token and email, banner
        yield ConsoleServer(
            base_url=base,
            database_url=url,
            banner=banner,
            email=email.group(1),
            password=PASSWORD,
            access_token=token.group(1),
            shop_ids=list(summary.shop_ids),
        )
        assert up.terminate() == 0, up.output
        # A clean run leaves nothing; after a failure the server log (and data) stay.
        if request.session.testsfailed == 0:
            shutil.rmtree(data_dir, ignore_errors=True)
            up.log_path.unlink(missing_ok=True)
    finally:
        if up is not None:
            up.cleanup()  # a no-op once terminated
        drop_worker_database(server_url, url)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("chromium not found and ORDERGATE_BROWSER_REQUIRED=1")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=path)
        yield launched
        await launched.close()


async def new_context(browser: Any, server: ConsoleServer) -> Any:
    from playwright.async_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = await browser.new_context(
        base_url=server.base_url, viewport={"width": 1280, "height": 900}, locale="en-US"
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


async def sign_in(page: Any, server: ConsoleServer, path: str = "/console/") -> None:
    """Open the console signed out: it sends us to OrderGate's login form; sign in there."""
    from playwright.async_api import expect

    await page.goto(path)
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await page.get_by_label("Email").fill(server.email)
    await page.get_by_label("Password").fill(server.password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("link", name="Orders")).to_be_visible()


@pytest.fixture(scope="session")
async def signed_in(browser: Any, console_server: ConsoleServer) -> AsyncIterator[Any]:
    """A browser context that has signed in once: its OrderGate session cookie lets every new
    page of it sign in to the console silently (PKCE round trip, no form)."""
    context = await new_context(browser, console_server)
    page = await context.new_page()
    await sign_in(page, console_server)
    await page.close()
    yield context
    await context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
async def page(signed_in: Any, request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    opened = await signed_in.new_page()
    # The bundle must run under the Content-Security-Policy /console sends: Chromium reports
    # each blocked script, style, connection or image on the console.
    blocked: list[str] = []
    opened.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    opened.on("pageerror", lambda e: blocked.append(f"uncaught: {e}"))
    yield opened
    if request.node.stash.get(_FAILED, False):
        await screenshot(opened, f"FAILED-{request.node.name}")
    await opened.close()
    assert blocked == [], blocked


async def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
