"""Export jobs and the sync CSV end to end: real app, real worker, files parsed back and
compared with an oracle built in Python from the database rows."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from app.config import Settings
from app.db import Database
from app.domain.exports import service as export_service
from app.domain.exports.fields import FIELDS, REQUIRED
from app.domain.exports.worker import JobLost
from tests.factories import bearer, make_account, make_shop, make_token
from tests.integration.export_support import (
    FIRST,
    LAST,
    expected_rows,
    parse_csv,
    parse_xlsx,
    seed_calendar,  # noqa: F401
    seed_orders,
    worker,
)

pytestmark = pytest.mark.usefixtures("seed_calendar")

SOME = [
    "created_at",
    "status",
    "goods_amount",
    "buyer_nickname",
    "receiver_name",
    "receiver_phone",
    "receiver_address",
    "province",
    "author",
    "commission_amount",
    "items",
    "tracking_no",
    "after_sales",
    "paid_at",
    "flagged",
]


def base(shop_id: int) -> str:
    return f"/v1/shops/{shop_id}/exports"


def job_body(**kw: Any) -> dict[str, Any]:
    return {"format": "csv", "fields": SOME, "created_from": FIRST, "created_to": LAST, **kw}


@pytest.fixture
async def seeded(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], internal_headers: dict[str, str]
) -> int:
    await seed_orders(client, db, shop["shop_id"], internal_headers)
    return shop["shop_id"]


async def token(db: Database, shop_id: int, *scopes: str) -> dict[str, str]:
    return bearer(await make_token(db, shop_ids=[shop_id], scopes=list(scopes or ["exports"])))


async def run_job(
    client: httpx.AsyncClient,
    db: Database,
    settings: Settings,
    shop_id: int,
    h: dict[str, str],
    body: dict[str, Any],
) -> tuple[dict[str, Any], bytes]:
    r = await client.post(base(shop_id), json=body, headers=h)
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["status"] == "queued" and r.headers["location"].endswith(f"/{job['id']}")
    assert await worker(db, settings, shop_id).run_once()
    job = (await client.get(f"{base(shop_id)}/{job['id']}", headers=h)).json()
    assert job["status"] == "succeeded", job
    f = await client.get(job["file_url"], headers=h)
    assert f.status_code == 200
    assert job["size_bytes"] == len(f.content)
    assert job["sha256"] == hashlib.sha256(f.content).hexdigest()
    return job, f.content


async def test_csv_job_equals_db_rows_and_masks_receiver(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded, "exports")
    job, data = await run_job(client, db, settings, seeded, h, job_body())
    fields = [*REQUIRED, *SOME]
    assert job["fields"] == fields and job["pii_masked"] is True
    rows = parse_csv(data)
    assert rows[0] == fields
    want = await expected_rows(db, seeded, fields, masked=True)
    assert rows[1:] == want
    assert job["progress"] == {"rows": len(want), "total": len(want)}
    assert any('Ann, "the" buyer' in r for r in rows)  # quoting survives
    assert any("*" in r[fields.index("receiver_phone")] for r in rows[1:])


async def test_pii_scope_unmasks_and_zh_headers_with_bom(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded, "exports", "orders:read_pii")
    job, data = await run_job(
        client, db, settings, seeded, h, job_body(locale="zh", bom=True, fields=SOME[:7])
    )
    assert job["pii_masked"] is False
    rows = parse_csv(data, bom=True)
    zh = {f.name: f.zh for f in FIELDS}
    assert rows[0][:4] == ["订单编号", "买家ID", "实付金额", "支付方式"]
    assert rows[0] == [zh[n] for n in [*REQUIRED, *SOME[:7]]]
    expected = await expected_rows(db, seeded, [*REQUIRED, *SOME[:7]], masked=False, zh=True)
    assert rows[1:] == expected
    assert any(r[3] == "抖音支付" for r in rows[1:])  # pay_method translated, not douyin_pay


async def test_item_granularity_and_xlsx(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded, "exports")
    fields = ["created_at", "item_title", "item_sku", "item_quantity", "item_unit_price"]
    _, data = await run_job(
        client, db, settings, seeded, h, job_body(format="xlsx", fields=fields, granularity="item")
    )
    assert data[:2] == b"PK"
    rows = parse_xlsx(data)
    cols = [*REQUIRED, *fields]
    assert rows[0] == cols
    want = await expected_rows(db, seeded, cols, masked=True, granularity="item")
    money = {cols.index("paid_amount"), cols.index("item_unit_price")}
    got = [
        [f"{float(v):.2f}" if i in money and v else v for i, v in enumerate(r)] for r in rows[1:]
    ]
    # trailing empty cells are not stored in xlsx rows
    assert [r + [""] * (len(cols) - len(r)) for r in got] == want
    assert len(want) > len(await expected_rows(db, seeded, cols[:5], masked=True))


@pytest.mark.parametrize(
    "body,loc",
    [
        (job_body(created_from="2026-01-01", created_to="2026-04-01"), "created_from"),
        (job_body(created_from="2026-03-10", created_to="2026-03-09"), "created_to"),
        (job_body(fields=["order_no", "password"]), "fields"),
        (job_body(fields=["item_title"]), "fields"),
        (job_body(format="pdf"), "format"),
        (job_body(locale="fr"), "locale"),
        (job_body(filters={"status": ["lost"]}), "filters"),
    ],
)
async def test_invalid_jobs_are_422_naming_the_parameter(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int], body: dict[str, Any], loc: str
) -> None:
    h = await token(db, shop["shop_id"])
    r = await client.post(base(shop["shop_id"]), json=body, headers=h)
    assert r.status_code == 422, r.text
    problem = r.json()
    too_long = loc == "created_from"  # 91 days: the export rule's own code
    assert problem["code"] == ("export_range_too_long" if too_long else "validation_error")
    assert any(loc in e["loc"] for e in problem["errors"]), problem
    if loc == "created_from":
        assert problem["max_days"] == 90 and "90 days" in problem["detail"]


async def test_at_most_three_active_exports_per_shop(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    h = await token(db, shop["shop_id"])
    ids = []
    for _ in range(3):
        r = await client.post(base(shop["shop_id"]), json=job_body(), headers=h)
        assert r.status_code == 202
        ids.append(r.json()["id"])
    r = await client.post(base(shop["shop_id"]), json=job_body(), headers=h)
    assert r.status_code == 429 and r.json()["code"] == "export_limit_reached"
    assert r.json()["limit"] == 3 and "retry-after" in r.headers
    assert (await client.delete(f"{base(shop['shop_id'])}/{ids[0]}", headers=h)).status_code == 204
    cancelled = (await client.get(f"{base(shop['shop_id'])}/{ids[0]}", headers=h)).json()
    assert cancelled["status"] == "cancelled"
    r = await client.post(base(shop["shop_id"]), json=job_body(), headers=h)
    assert r.status_code == 202
    listed = (await client.get(base(shop["shop_id"]), headers=h)).json()
    assert [j["id"] for j in listed["data"]] == [r.json()["id"], *reversed(ids)]
    assert listed["has_more"] is False and listed["next_cursor"] is None


async def test_export_list_pages_newest_first_with_a_cursor(
    client: httpx.AsyncClient, db: Database, shop: dict[str, int]
) -> None:
    h = await token(db, shop["shop_id"])
    ids = []
    for _ in range(3):
        r = await client.post(base(shop["shop_id"]), json=job_body(), headers=h)
        assert r.status_code == 202
        ids.append(r.json()["id"])
    first = (await client.get(base(shop["shop_id"]), params={"limit": 2}, headers=h)).json()
    assert [j["id"] for j in first["data"]] == ids[:0:-1] and first["has_more"] is True
    params = {"limit": 2, "cursor": first["next_cursor"]}
    second = (await client.get(base(shop["shop_id"]), params=params, headers=h)).json()
    assert [j["id"] for j in second["data"]] == ids[:1] and second["has_more"] is False
    assert second["next_cursor"] is None
    r = await client.get(base(shop["shop_id"]), params={"cursor": "garbage"}, headers=h)
    assert r.status_code == 400 and r.json()["code"] == "invalid_cursor"


async def test_other_shops_get_404_and_scope_is_required(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded)
    job, _ = await run_job(client, db, settings, seeded, h, job_body(fields=[]))
    other_shop = await make_shop(db, owner_id=await make_account(db))
    other = bearer(await make_token(db, shop_ids=[other_shop], scopes=["exports"]))
    for method, path in [
        ("GET", f"{base(seeded)}/{job['id']}"),
        ("GET", f"{base(seeded)}/{job['id']}/file"),
        ("DELETE", f"{base(seeded)}/{job['id']}"),
        ("GET", base(seeded)),
        ("GET", f"/v1/shops/{seeded}/orders.csv"),
    ]:
        r = await client.request(method, path, headers=other)
        assert r.status_code == 404 and r.json()["code"] == "not_found", (method, path)
    # the job id under the other shop's own path is not found either
    r = await client.get(f"{base(other_shop)}/{job['id']}/file", headers=other)
    assert r.status_code == 404
    no_scope = await token(db, seeded, "orders:read")
    r = await client.get(f"{base(seeded)}/{job['id']}", headers=no_scope)
    assert r.status_code == 403 and r.json()["code"] == "insufficient_scope"


async def test_file_supports_range_requests_and_delete_removes(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded)
    job, data = await run_job(client, db, settings, seeded, h, job_body())
    url = job["file_url"]
    r = await client.get(url, headers={**h, "Range": "bytes=10-29"})
    assert r.status_code == 206
    assert r.content == data[10:30]
    assert r.headers["content-range"] == f"bytes 10-29/{len(data)}"
    r = await client.get(url, headers={**h, "Range": f"bytes={len(data) + 5}-"})
    assert r.status_code == 416 and r.json()["code"] == "range_not_satisfiable"
    assert r.headers["content-range"] == f"bytes */{len(data)}"
    r = await client.get(url, headers={**h, "Range": "lines=1-2"})
    assert r.status_code == 400 and r.json()["code"] == "bad_request"
    assert (await client.delete(f"{base(seeded)}/{job['id']}", headers=h)).status_code == 204
    assert (await client.get(url, headers=h)).status_code == 404
    assert not list(settings.exports_dir.glob(f"{seeded}/{job['id']}-*"))


async def test_job_survives_a_killed_worker(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded)
    r = await client.post(base(seeded), json=job_body(), headers=h)
    job_id = r.json()["id"]
    dead = worker(db, settings, seeded)
    claimed = await dead.claim()  # ... and the worker dies here, holding a lease
    assert claimed is not None and claimed.id == job_id and claimed.attempt == 1
    assert not await worker(db, settings, seeded).run_once()  # lease still held
    async with db.transaction() as s:  # the lease runs out
        await s.execute(
            text("UPDATE export_jobs SET locked_until = now() - interval '1 second' WHERE id = :i"),
            {"i": job_id},
        )
    assert await worker(db, settings, seeded).run_once()
    job = (await client.get(f"{base(seeded)}/{job_id}", headers=h)).json()
    assert job["status"] == "succeeded" and job["attempts"] == 2
    rows = parse_csv((await client.get(job["file_url"], headers=h)).content)
    assert rows[1:] == await expected_rows(db, seeded, job["fields"], masked=True)
    # the dead attempt can no longer touch the job
    with pytest.raises(JobLost):
        await dead._beat(claimed, rows_done=1)


async def test_expired_files_are_swept(
    client: httpx.AsyncClient, db: Database, settings: Settings, seeded: int
) -> None:
    h = await token(db, seeded)
    job, _ = await run_job(client, db, settings, seeded, h, job_body(fields=[]))
    assert job["expires_at"] is not None
    async with db.transaction() as s:
        ttl_days = await s.scalar(
            text(
                "SELECT extract(day FROM expires_at - finished_at) FROM export_jobs WHERE id = :i"
            ),
            {"i": job["id"]},
        )
        assert int(ttl_days) == settings.export_ttl_days
        await s.execute(
            text("UPDATE export_jobs SET expires_at = now() - interval '1 second' WHERE id = :i"),
            {"i": job["id"]},
        )
    r = await client.get(job["file_url"], headers=h)
    assert r.status_code == 410 and r.json()["code"] == "export_expired"
    assert await worker(db, settings, seeded).sweep() >= 1
    assert (await client.get(f"{base(seeded)}/{job['id']}", headers=h)).json()[
        "status"
    ] == "expired"
    assert not list(settings.exports_dir.glob(f"{seeded}/{job['id']}-*"))


async def test_sync_orders_csv_streams_rows_and_caps_size(
    client: httpx.AsyncClient,
    db: Database,
    seeded: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    h = await token(db, seeded)
    params: dict[str, Any] = {
        "created_from": "2026-03-07T16:00:00Z",
        "created_to": "2026-03-12T16:00:00Z",
        "fields": SOME,
        "bom": "true",
    }
    r = await client.get(f"/v1/shops/{seeded}/orders.csv", params=params, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    rows = parse_csv(r.content, bom=True)
    assert rows[0] == [*REQUIRED, *SOME]
    assert rows[1:] == await expected_rows(db, seeded, [*REQUIRED, *SOME], masked=True)

    monkeypatch.setattr(export_service, "MAX_SYNC_ROWS", 3)
    r = await client.get(f"/v1/shops/{seeded}/orders.csv", params=params, headers=h)
    assert r.status_code == 422 and r.json()["max_rows"] == 3
    r = await client.get(f"/v1/shops/{seeded}/orders.csv", params={"fields": "nope"}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "fields", 0]
