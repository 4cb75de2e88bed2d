"""The masking rule is written twice (Python for API rows, SQL for exports); both must give
the same text on a corpus of awkward values."""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database
from app.kit.masking import (
    mask_address,
    mask_address_sql,
    mask_name,
    mask_name_sql,
    mask_phone,
    mask_phone_sql,
)

CORPUS = [
    "",
    "a",
    "张",
    "张三",
    "欧阳娜娜",
    "O'Brien",
    "13812341234",
    "+86 138 1234 1234",
    "123456",
    "1234567",
    "广东省深圳市",
    "广东省深圳市南山区科技园1号",
    "   spaced   ",
    "emoji 😀 name",
    "x" * 300,
]


async def test_sql_and_python_maskers_agree(db: Database) -> None:
    pairs = [
        (mask_name, mask_name_sql),
        (mask_phone, mask_phone_sql),
        (mask_address, mask_address_sql),
    ]
    async with db.transaction() as s:
        for python, sql in pairs:
            for value in CORPUS:
                got = await s.scalar(text(f"SELECT {sql('CAST(:v AS text)')}"), {"v": value})
                assert got == python(value), (python.__name__, value)
