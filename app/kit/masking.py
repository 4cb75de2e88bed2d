"""Receiver masking for principals without ``orders:read_pii``: one rule, written twice — in
Python for rows the API builds, and as SQL expression builders for rows PostgreSQL renders
(exports). ``tests/unit/test_masking_sql.py`` checks both agree on a corpus."""

from __future__ import annotations

from typing import Any


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_address(address: str) -> str:
    return address[:6] + "****" if len(address) > 6 else "****"


def mask_receiver(receiver: dict[str, Any]) -> dict[str, Any]:
    return {
        **receiver,
        "name": mask_name(receiver.get("name") or ""),
        "phone": mask_phone(receiver.get("phone") or ""),
        "address": mask_address(receiver.get("address") or ""),
        "masked": True,
    }


# The same rules over a text column ``col`` (an SQL expression naming trusted columns only).


def mask_name_sql(col: str) -> str:
    return (
        f"CASE WHEN {col} = '' THEN {col} "
        f"ELSE left({col}, 1) || repeat('*', greatest(length({col}) - 1, 1)) END"
    )


def mask_phone_sql(col: str) -> str:
    return (
        f"CASE WHEN length({col}) < 7 THEN repeat('*', length({col})) "
        f"ELSE left({col}, 3) || repeat('*', length({col}) - 7) || right({col}, 4) END"
    )


def mask_address_sql(col: str) -> str:
    return f"CASE WHEN length({col}) > 6 THEN left({col}, 6) || '****' ELSE '****' END"
