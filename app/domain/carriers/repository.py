"""The carrier registry (platform-wide reference data seeded by migration 0008): list it,
check a code, map a deprecated free-text carrier name to its code."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.carriers.schemas import Carrier as CarrierOut
from app.errors import ValidationFailed, field_error
from app.models import Carrier


class UnknownCarrier(ValidationFailed):
    code = "unknown_carrier"
    title = "Unknown carrier"


def carrier_public(carrier: Carrier) -> CarrierOut:
    return {
        "code": carrier.code,
        "name_zh": carrier.name_zh,
        "name_en": carrier.name_en,
        "tracking_url": carrier.tracking_url,
    }


def tracking_url(template: str | None, tracking_no: str) -> str | None:
    """The parcel's tracking page from its carrier's template."""
    return template.replace("{tracking_no}", tracking_no) if template else None


class CarrierRegistry:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> list[CarrierOut]:
        rows = await self.session.scalars(select(Carrier).order_by(Carrier.position))
        return [carrier_public(c) for c in rows]

    async def get(self, code: str) -> Carrier | None:
        return await self.session.get(Carrier, code)

    async def resolve(self, code: str | None, name: str | None, loc: Sequence[str | int]) -> str:
        """The registry code for ``code`` (exact) or the deprecated free-text ``name`` (code,
        Chinese or English name or a known alias, case-insensitive); else 422 unknown_carrier
        naming ``loc`` (the body's path to the field given)."""
        if code is not None:
            if await self.get(code) is not None:
                return code
            raise UnknownCarrier(
                f"Unknown carrier code {code!r}; GET /v1/carriers lists them.",
                [field_error([*loc, "carrier_code"], "not a registry code")],
            )
        spelled = (name or "").strip().lower()
        found = await self.session.scalar(
            select(Carrier.code)
            .where(
                or_(
                    func.lower(Carrier.code) == spelled,
                    func.lower(Carrier.name_zh) == spelled,
                    func.lower(Carrier.name_en) == spelled,
                    literal(spelled) == func.any(Carrier.aliases),
                )
            )
            .order_by(Carrier.position)
            .limit(1)
        )
        if found is None:
            raise UnknownCarrier(
                f"Unknown carrier {name!r}; send carrier_code (GET /v1/carriers lists them).",
                [field_error([*loc, "carrier"], "no registry carrier has this name")],
            )
        return str(found)
