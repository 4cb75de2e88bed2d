"""The console's pages against the demo data (issue 11): filter, order drawer, batch ship,
after-sale approval, evidence upload, live toast, export download, and every page renders.

Each test opens a new page of the signed-in context (silent PKCE sign-in through the OrderGate
session cookie) and checks the outcome through the API or SQL as well as on screen. Entities a
test acts on are picked (or created through the API) by the test, so the order of tests and
the demo's random mix do not matter.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from playwright.async_api import Page, expect

from tests.browser.conftest import ConsoleServer, screenshot
from tests.feed_support import eventually

pytestmark = [pytest.mark.browser, pytest.mark.feed]


async def open_console(page: Page, route: str) -> int:
    """Open ``/console/<route>`` (signing in silently); the shop it shows."""
    await page.goto(f"/console/{route}")
    await expect(page.get_by_role("link", name="Orders")).to_be_visible()
    switcher = page.get_by_test_id("shop-switcher")
    await expect(switcher).to_have_value(re.compile(r"^\d+$"))
    return int(await switcher.input_value())


async def apply_filters(
    page: Page, server: ConsoleServer, shop: int, status: str, pay_method: str | None = None
) -> int:
    """Filter the order list and wait until it shows the filtered result (the count SQL gives,
    so rows of the previous list are never mistaken for it); that count."""
    filters = page.get_by_test_id("order-filters")
    await filters.get_by_label("Status", exact=True).select_option(status)
    if pay_method:
        await filters.get_by_label("Pay method", exact=True).select_option(pay_method)
    await filters.get_by_role("button", name="Apply").click()
    expected = int(
        await server.scalar(
            "SELECT count(*) FROM orders WHERE shop_id = $1 AND status = $2"
            " AND ($3::text IS NULL OR pay_method = $3)",
            shop,
            status,
            pay_method,
        )
    )
    await expect(page.get_by_test_id("orders-total")).to_have_text(str(expected))
    await expect(page.get_by_test_id("order-row")).to_have_count(min(expected, 20))
    statuses = await page.get_by_test_id("order-status").all_inner_texts()
    assert {s.strip().lower() for s in statuses} <= {status}, statuses
    return expected


async def test_filter_by_status_and_pay_method_shows_the_right_count(
    page: Page, console_server: ConsoleServer
) -> None:
    shop = await open_console(page, "orders")
    shown = await apply_filters(page, console_server, shop, "completed", "alipay")
    assert shown > 0, "the demo has completed alipay orders"
    # The other pay methods add up to the unfiltered-by-method count.
    total = await console_server.scalar(
        "SELECT count(*) FROM orders WHERE shop_id = $1 AND status = 'completed'", shop
    )
    others = [
        await apply_filters(page, console_server, shop, "completed", m)
        for m in ("douyin_pay", "wechat_pay")
    ]
    assert shown + sum(others) == total
    await apply_filters(page, console_server, shop, "completed", "alipay")
    await screenshot(page, "orders-filtered")


async def test_quick_range_today(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "orders")
    await paid_orders(console_server, shop, 1)  # the demo's anchor is in the past
    await page.get_by_test_id("order-filters").get_by_role("button", name="Today").click()
    expected = await console_server.scalar(
        "SELECT count(*) FROM orders WHERE shop_id = $1 AND created_at >="
        " date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'",
        shop,
    )
    assert expected >= 1
    await expect(page.get_by_test_id("orders-total")).to_have_text(str(expected))
    await expect(page.get_by_test_id("order-row")).to_have_count(min(expected, 20))


async def test_order_drawer_shows_the_timeline(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "orders")
    await apply_filters(page, console_server, shop, "completed")
    row = page.get_by_test_id("order-row").first
    order_no = await row.get_attribute("data-order-no")
    assert order_no
    await row.get_by_role("button", name=order_no).click()
    drawer = page.get_by_role("dialog", name=re.compile(r"^Order "))
    await expect(drawer).to_be_visible()
    await expect(drawer).to_have_accessible_name(f"Order {order_no}")
    events = await console_server.scalar(
        "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id"
        " WHERE o.shop_id = $1 AND o.order_no = $2",
        shop,
        order_no,
    )
    assert events > 0
    await expect(drawer.get_by_test_id("order-timeline").locator("li")).to_have_count(events)
    await screenshot(page, "order-drawer")


async def paid_orders(server: ConsoleServer, shop: int, count: int) -> list[str]:
    """New paid orders through the internal ingest API (the demo's anchor is in the past, so
    it has few orders still waiting to ship); their order numbers."""
    from tests.conftest import order_payload

    numbers = []
    async with server.internal() as internal:
        for _ in range(count):
            r = await internal.post(f"/internal/v1/shops/{shop}/orders", json=order_payload())
            assert r.status_code == 201, r.text
            order = r.json()
            paid = await internal.post(
                f"/internal/v1/shops/{shop}/orders/{order['id']}/pay",
                json={"pay_method": "alipay", "expected_version": order["version"]},
            )
            assert paid.status_code == 200, paid.text
            numbers.append(order["order_no"])
    return numbers


async def test_batch_ship_two_orders(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "orders")
    numbers = await paid_orders(console_server, shop, 2)
    await apply_filters(page, console_server, shop, "paid")
    for number in numbers:
        await page.get_by_label(f"Select {number}", exact=True).check()
    await page.get_by_role("button", name="Batch ship").click()
    dialog = page.get_by_role("dialog", name="Batch ship")
    box = dialog.get_by_label("Shipments (order_no,carrier,tracking_no per line)")
    prefilled = await box.input_value()
    assert all(str(n) in prefilled for n in numbers), prefilled
    lines = [f"{n},SF,SFT{n}" for n in numbers]
    await box.fill("\n".join(lines))
    await dialog.get_by_role("button", name="Ship").click()
    for number in numbers:
        result = dialog.locator(f'[data-testid="batch-result"][data-order-no="{number}"]')
        await expect(result).to_have_attribute("data-outcome", "ok")
    await screenshot(page, "batch-ship")
    async with console_server.api() as api:
        for number in numbers:
            r = await api.get(f"/v1/shops/{shop}/orders/by-no/{number}")
            assert r.status_code == 200, r.text
            assert r.json()["status"] == "shipped"
            assert f"SFT{number}" in str(r.json())
    # The list (still filtered to "paid") no longer shows them.
    await dialog.get_by_role("button", name="Close").first.click()
    for number in numbers:
        await expect(
            page.locator(f'[data-testid="order-row"][data-order-no="{number}"]')
        ).to_have_count(0)


async def test_approve_an_after_sale(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "orders")
    order_id = await console_server.scalar(
        "SELECT id FROM orders o WHERE shop_id = $1 AND status = 'shipped' AND NOT EXISTS"
        " (SELECT 1 FROM after_sales a WHERE a.order_id = o.id) ORDER BY id DESC LIMIT 1",
        shop,
    )
    async with console_server.internal() as internal:
        r = await internal.post(
            f"/internal/v1/shops/{shop}/orders/{order_id}/after-sales",
            json={"type": "refund_only", "reason": "Arrived damaged (browser test)"},
        )
    assert r.status_code == 201, r.text
    after_sale_id = r.json()["id"]

    await page.get_by_role("link", name="After-sales").click()
    row = page.locator(f'[data-testid="after-sale-row"][data-after-sale-id="{after_sale_id}"]')
    status_cell = row.get_by_test_id("after-sale-status")
    await expect(status_cell).to_have_text(re.compile("requested", re.I))
    await row.get_by_role("button", name="Approve").click()
    async with console_server.api() as api:

        async def approved() -> bool:
            got = await api.get(f"/v1/shops/{shop}/after-sales/{after_sale_id}")
            return bool(got.json()["status"] != "requested")

        await eventually(approved, timeout=15, what="the after-sale approved")
        status = (await api.get(f"/v1/shops/{shop}/after-sales/{after_sale_id}")).json()["status"]
    assert status in ("approved", "refunded"), status
    # On screen too: in the queue that holds its new state.
    await page.get_by_label("Status", exact=True).select_option(status)
    await expect(status_cell).to_have_text(re.compile(status, re.I))
    await screenshot(page, "after-sales")


async def test_upload_evidence_to_a_dispute(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "orders")
    order_id = await console_server.scalar(
        "SELECT id FROM orders o WHERE shop_id = $1 AND status = 'shipped' AND NOT EXISTS"
        " (SELECT 1 FROM disputes d WHERE d.order_id = o.id) ORDER BY id LIMIT 1",
        shop,
    )
    async with console_server.api() as api:
        r = await api.post(
            f"/v1/shops/{shop}/orders/{order_id}/disputes",
            json={"kind": "logistics", "description": "Tracking stuck for 5 days (browser test)"},
            headers={"Idempotency-Key": f"browser-dispute-{order_id}"},
        )
    assert r.status_code == 201, r.text
    dispute_id = r.json()["id"]

    await page.get_by_role("link", name="Disputes").click()
    await page.locator(f'[data-testid="dispute-row"][data-dispute-id="{dispute_id}"]').click()
    panel = page  # the selected dispute's panel: one evidence input and list on the page
    await expect(panel.get_by_test_id("evidence-item")).to_have_count(0)
    # A 256 KB text file over a throttled link, so the upload's progress bar is seen.
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 128_000},
    )
    await panel.get_by_label("Evidence file").set_input_files(
        {"name": "waybill.txt", "mimeType": "text/plain", "buffer": b"SF waybill\n" * 24_000}
    )
    await expect(panel.get_by_role("progressbar")).to_be_visible()
    await expect(panel.get_by_test_id("evidence-item")).to_have_count(1)
    await expect(panel.get_by_role("progressbar")).to_have_count(0)
    await expect(panel.get_by_test_id("evidence-item")).to_contain_text("waybill.txt")
    await cdp.detach()
    stored = await console_server.scalar(
        "SELECT count(*) FROM dispute_evidence WHERE dispute_id = $1", dispute_id
    )
    assert stored == 1
    await screenshot(page, "disputes")


async def test_live_toast_for_a_new_order(page: Page, console_server: ConsoleServer) -> None:
    from tests.conftest import order_payload

    shop = await open_console(page, "orders")
    await expect(page.get_by_test_id("orders-total")).to_have_text(re.compile(r"^\d+$"))
    toast = page.get_by_test_id("new-order-toast")
    async with console_server.internal() as internal:

        async def created_and_shown() -> bool:
            # The subscription starts with the page; an order committed before it is live
            # would not be announced, so create another until one is (normally the first).
            r = await internal.post(f"/internal/v1/shops/{shop}/orders", json=order_payload())
            assert r.status_code == 201, r.text
            number = r.json()["order_no"]
            try:
                await expect(toast).to_contain_text(number, timeout=3000)
            except AssertionError:
                return False
            return True

        await eventually(created_and_shown, timeout=30, what="a new-order toast")
    await expect(toast).to_have_attribute("role", "status")
    await screenshot(page, "live-toast")


async def test_export_and_download(page: Page, console_server: ConsoleServer) -> None:
    shop = await open_console(page, "exports")
    form = page.get_by_role("form", name="New export")
    await form.get_by_label("Format").select_option("csv")
    await form.get_by_label("Created from").fill("2026-10-01")
    await form.get_by_label("Created to").fill("2026-10-31")
    await form.get_by_role("button", name="Create export").click()
    row = page.get_by_test_id("export-row").first
    await expect(row).to_have_attribute("data-status", "succeeded", timeout=30_000)
    async with page.expect_download() as info:
        await row.get_by_role("link", name="Download").click()
    download = await info.value
    body = (await download.path()).read_bytes().decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(body)))
    expected = await console_server.scalar(
        "SELECT count(*) FROM orders WHERE shop_id = $1"
        " AND created_at >= '2026-10-01 00:00+08' AND created_at < '2026-11-01 00:00+08'",
        shop,
    )
    assert len(records) - 1 == expected, records[:2]
    await screenshot(page, "exports")


async def test_every_page_renders(page: Page, console_server: ConsoleServer) -> None:
    await open_console(page, "orders")
    for name, slug in (
        ("Dashboard", "dashboard"),
        ("After-sales", "after-sales"),
        ("Disputes", "disputes"),
        ("Exports", "exports"),
        ("Webhooks", "webhooks"),
        ("Staff", "staff"),
        ("Audit log", "audit"),
        ("Orders", "orders"),
    ):
        await page.get_by_role("link", name=name, exact=True).click()
        await expect(page).to_have_url(re.compile(rf"/console/{slug}$"))
        await expect(page.get_by_role("heading", level=1)).to_be_visible()
        await expect(page.locator('[aria-busy="true"]')).to_have_count(0)
        await expect(page.get_by_role("alert")).to_have_count(0)
        if slug == "dashboard":
            await expect(page.get_by_test_id("kpi-card").first).to_be_visible()
            await expect(page.get_by_test_id("trend-chart")).to_be_visible()
            await expect(page.get_by_test_id("region-chart")).to_be_visible()
        await screenshot(page, f"page-{slug}")
    # The language toggle switches the shell to Chinese and back.
    await page.get_by_test_id("lang-toggle").click()
    await expect(page.get_by_role("link", name="订单")).to_be_visible()
    await screenshot(page, "orders-zh")
    await page.get_by_test_id("lang-toggle").click()
    await expect(page.get_by_role("link", name="Orders")).to_be_visible()
