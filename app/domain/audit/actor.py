"""Who performs a write: recorded on the timeline, the audit log and idempotency records."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ActorType(StrEnum):
    """Who acts: a person's token, an app's own token (client_credentials), the internal
    ingest API, or the platform itself (jobs, workers)."""

    ACCOUNT = "account"
    APP = "app"
    INTERNAL = "internal"
    SYSTEM = "system"


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


SYSTEM = Actor(ActorType.SYSTEM)
