"""Who performs a write: recorded on the timeline, the audit log and idempotency records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ActorType = Literal["system", "internal", "account", "app"]


@dataclass(frozen=True)
class Actor:
    type: ActorType
    account_id: int | None = None
    client_id: int | None = None
    token_id: int | None = None
    request_id: str | None = None
    ip: str | None = None

    @property
    def label(self) -> str:
        if self.account_id is not None:
            return f"account:{self.account_id}"
        if self.client_id is not None:
            return f"app:{self.client_id}"
        return self.type


SYSTEM = Actor("system")
