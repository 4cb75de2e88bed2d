"""The carrier registry's read model."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field
from typing_extensions import TypedDict

from app.kit.contract import read_model


@read_model
class Carrier(TypedDict):
    """A carrier parcels can ship with; send its ``code`` as ``carrier_code``."""

    code: Annotated[str, Field(description="Registry code.", examples=["SF"])]
    name_zh: Annotated[str, Field(examples=["顺丰速运"])]
    name_en: Annotated[str, Field(examples=["SF Express"])]
    tracking_url: Annotated[
        str | None,
        Field(
            description="Tracking page template; `{tracking_no}` stands for the number. Null "
            "when the carrier has none (OTHER).",
            examples=["https://www.kuaidi100.com/chaxun?com=shunfeng&nu={tracking_no}"],
        ),
    ]
