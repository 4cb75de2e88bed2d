"""Path parameter types shared by every router (bounded so no input reaches the DB unchecked)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from starlette.convertors import Convertor, register_url_convertor

MAX_BIGINT = 2**63 - 1

ShopId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Shop id")]
OrderId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Order id")]


class _IntegerText(Convertor[str]):
    """A path segment that reads as an integer (sign allowed), passed on as text: the route
    parameter's own bounds answer 422 for one out of range, while a word (``batch``) does not
    match the route at all and can be a sibling route's literal."""

    regex = "-?[0-9]+"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("integer", _IntegerText())
ShipmentId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Shipment (parcel) id")]
