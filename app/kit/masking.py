"""Receiver masking for principals without ``orders:read_pii``: one rule, written twice.

Each rule exists in Python (for representations built in Python) and as a SQL expression
(for pages PostgreSQL renders, app/kit/render.py) side by side, so they are read and changed
together (exports use the SQL form as text: :func:`masked_sql_text`);
tests/integration/test_sql_renderers.py checks that both agree on a corpus (unicode, short,
empty, NULL). Lengths count characters (code points) on both sides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal_column
from sqlalchemy.dialects import postgresql

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]
_STAR: ColumnElement[str] = literal_column("'*'")
_HIDDEN: ColumnElement[str] = literal_column("'****'")


def _text(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return func.coalesce(value, literal_column("''"))


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def mask_name_sql(value: ColumnElement[Any]) -> ColumnElement[Any]:
    name = _text(value)
    stars = func.repeat(_STAR, func.greatest(func.char_length(name) - 1, 1))
    return case((name == "", name), else_=func.left(name, 1).concat(stars))


def mask_phone(phone: str) -> str:
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_phone_sql(value: ColumnElement[Any]) -> ColumnElement[Any]:
    phone = _text(value)
    size = func.char_length(phone)
    middle = func.repeat(_STAR, size - 7)
    return case(
        (size < 7, func.repeat(_STAR, size)),
        else_=func.left(phone, 3).concat(middle).concat(func.right(phone, 4)),
    )


def mask_address(address: str) -> str:
    return address[:6] + "****" if len(address) > 6 else "****"


def mask_address_sql(value: ColumnElement[Any]) -> ColumnElement[Any]:
    address = _text(value)
    return case(
        (func.char_length(address) > 6, func.left(address, 6).concat(_HIDDEN)), else_=_HIDDEN
    )


def mask_receiver(receiver: dict[str, Any]) -> dict[str, Any]:
    return {
        **receiver,
        "name": mask_name(receiver.get("name") or ""),
        "phone": mask_phone(receiver.get("phone") or ""),
        "address": mask_address(receiver.get("address") or ""),
        "masked": True,
    }


def masked_sql_text(mask: Callable[[ColumnElement[Any]], ColumnElement[Any]], column: str) -> str:
    """``mask`` over a trusted column name as SQL text, for SELECTs built as text (exports)."""
    expr = mask(literal_column(column))
    return str(expr.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True}))
