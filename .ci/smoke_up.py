"""CI smoke of the embedded default: `ordergate up --orders 2000` with DATABASE_URL unset.

Ready → one order through the internal API → SIGTERM → no PostgreSQL left → `up` again reuses
the data (no reseed) → SIGTERM → no PostgreSQL left. Run from the repository root.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import embedded_pg
from tests.e2e.up_process import UpProcess

ORDERS = 2000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def orders_summary(pg_dir: Path) -> tuple[int, int | None, int | None]:
    """(count, shop_id, id) of the first order, read straight from the embedded database."""
    url = embedded_pg.running_url(pg_dir)
    assert url, "embedded PostgreSQL is not running"
    conn = await asyncpg.connect(url)
    try:
        count = await conn.fetchval("SELECT count(*) FROM orders")
        first = await conn.fetchrow("SELECT shop_id, id FROM orders ORDER BY shop_id, id LIMIT 1")
    finally:
        await conn.close()
    return count, (first["shop_id"] if first else None), (first["id"] if first else None)


def check_run(up: UpProcess, expect_orders: int) -> None:
    started = time.monotonic()
    base = up.start().wait_ready(timeout=600)
    print(f"  ready after {time.monotonic() - started:.1f}s at {base}")
    token = (up.data_dir / "internal_token").read_text().strip()
    assert token in up.output, "the internal token is not printed"
    count, shop_id, order_id = asyncio.run(orders_summary(up.pg_dir))
    assert count == expect_orders, f"expected {expect_orders} orders, found {count}\n{up.output}"
    assert shop_id is not None and order_id is not None
    r = httpx.get(
        f"{base}/internal/v1/shops/{shop_id}/orders/{order_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    assert r.json()["id"] == order_id, r.text
    print(f"  GET /internal/v1/shops/{shop_id}/orders/{order_id} -> 200 ({count} orders)")
    started = time.monotonic()
    code = up.terminate(timeout=120)
    assert code == 0, f"exit code {code}\n{up.output}"
    up.assert_postgres_gone()
    print(f"  SIGTERM -> exit 0 after {time.monotonic() - started:.1f}s, no PostgreSQL left")


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="og-ci-smoke-")) / "var"
    args = ("--orders", str(ORDERS), "--port", str(free_port()))
    first = UpProcess(data_dir, *args, log_name="first.log")
    second = UpProcess(data_dir, *args, log_name="second.log")
    try:
        print(f"first start (seeds {ORDERS} orders), data in {data_dir}")
        check_run(first, ORDERS)
        print("second start (reuses the data)")
        check_run(second, ORDERS)
        assert "already present" in second.output, second.output
    except BaseException:
        for up in (first, second):
            print(f"---- {up.log_path}\n{up.output}")
            up.cleanup()
        raise
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    print("embedded smoke: OK")


if __name__ == "__main__":
    main()
