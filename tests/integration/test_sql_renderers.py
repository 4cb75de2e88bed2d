"""The SQL twins of Python formatting rules agree with them on a corpus: receiver masking
(app/kit/masking.py) and RFC 3339 instants (app/kit/render.py vs app/kit/clock.py), whatever
the session's time zone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import ColumnElement, DateTime, Text, bindparam, select, text

from app.db import Database
from app.kit.clock import rfc3339
from app.kit.masking import (
    mask_address,
    mask_address_sql,
    mask_name,
    mask_name_sql,
    mask_phone,
    mask_phone_sql,
)
from app.kit.render import rfc3339_sql

TEXTS: list[str | None] = [
    None,
    "",
    " ",
    "a",
    "ab",
    "张",
    "张三",
    "欧阳娜娜",
    "😀",
    "😀x🎉",
    "e\u0301",
    'O\'Brien "Jr" \\',
    "123456",
    "1234567",
    "12345678",
    "13812345678",
    "+86 138-1234-5678",
    "浙江省杭州市西湖区文三路 90 号",
    "ab\tc\nd",
    "x" * 300,
]

Rule = tuple[Callable[[str], str], Callable[[ColumnElement[Any]], ColumnElement[Any]]]
RULES: dict[str, Rule] = {
    "name": (mask_name, mask_name_sql),
    "phone": (mask_phone, mask_phone_sql),
    "address": (mask_address, mask_address_sql),
}


@pytest.mark.parametrize("rule", sorted(RULES))
async def test_sql_and_python_maskers_agree(db: Database, rule: str) -> None:
    python, sql = RULES[rule]
    value = bindparam("value", type_=Text)
    stmt = select(sql(value))
    async with db.transaction() as s:
        for raw in TEXTS:
            got = (await s.execute(stmt, {"value": raw})).scalar_one()
            # A missing value masks as the empty one (mask_receiver reads ``value or ""``).
            assert got == python(raw or ""), (rule, raw)


INSTANTS = [
    datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
    datetime(2026, 11, 26, 8, 0, 0, 1, tzinfo=UTC),
    datetime(2026, 11, 26, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(2026, 11, 27, 7, 30, 0, 120_000, tzinfo=timezone(timedelta(hours=8))),
    datetime(1970, 1, 1, tzinfo=UTC),
    datetime(1899, 12, 31, 23, 59, 59, 500, tzinfo=UTC),
    datetime(2024, 2, 29, 12, 0, 30, tzinfo=UTC),
    datetime(8999, 12, 31, 23, 59, 59, tzinfo=UTC),
]


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai", "America/St_Johns"])
async def test_sql_rfc3339_matches_python(db: Database, zone: str) -> None:
    value = bindparam("value", type_=DateTime(timezone=True))
    stmt = select(rfc3339_sql(value))
    async with db.transaction() as s:
        await s.execute(text(f"SET LOCAL TIME ZONE '{zone}'"))
        for instant in [*INSTANTS, None]:
            got = (await s.execute(stmt, {"value": instant})).scalar_one()
            assert got == rfc3339(instant), (zone, instant)
