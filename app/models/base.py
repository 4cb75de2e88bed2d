"""Declarative base, naming convention and shared column types."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, DateTime, Enum, MetaData, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class XID8(UserDefinedType[int]):
    """PostgreSQL ``xid8``: the 64-bit transaction id that orders the change feed."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "xid8"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        int: BigInteger,
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSONB,
    }


def one_of(column: str, values: Iterable[str]) -> str:
    """SQL for a CHECK constraint restricting ``column`` to ``values`` (strings or a StrEnum)."""
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


def enum_column(enum: type[StrEnum], *, server_default: str | None = None) -> Any:
    """A ``varchar(20)`` column holding ``enum``'s values, read back as its members.

    Not a PostgreSQL enum type (adding a value needs no type migration); the table's CHECK
    constraint (:func:`one_of`) guards the values."""
    kind = Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )
    return mapped_column(kind, server_default=server_default)


def created_at_column() -> Mapped[datetime]:
    return mapped_column(server_default=func.now())
