"""The one write wrapper: what every REST write and every GraphQL mutation goes through.

Idempotency-key validation and replay, the stored response, and the entity's version tag,
inside the caller's unit of work (the REST request transaction or a mutation's savepoint).
Both APIs call :func:`perform_write`, so they cannot drift: the same key rule (1-255 visible
ASCII), the same store, the same replay.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.idempotency import repository as idempotency
from app.errors import ValidationFailed, field_error
from app.kit.versioning import etag

_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
KEY_RULE = "1-255 visible ASCII characters"


def principal_key(client_id: object, account_id: object) -> str:
    """Whose idempotency keys these are: one namespace per (app, account)."""
    return f"client:{client_id}:account:{account_id}"


def check_idempotency_key(key: str | None, loc: Sequence[str]) -> None:
    """Reject a key that could not be stored or locked as given (NUL, spaces, > 255)."""
    if key is not None and not _KEY.match(key):
        name = loc[-1]
        raise ValidationFailed(f"{name} must be {KEY_RULE}.", [field_error(list(loc), KEY_RULE)])


@dataclass(frozen=True)
class WriteRequest:
    session: AsyncSession
    principal_key: str
    key: str | None
    fingerprint: str


@dataclass(frozen=True)
class WriteOutcome:
    response: idempotency.StoredResponse
    replayed: bool


async def perform_write(
    request: WriteRequest,
    produce: Callable[[], Awaitable[Any]],
    *,
    status: int = 200,
    location: Callable[[Any], str] | None = None,
) -> WriteOutcome:
    """Replay the stored response for a known key, or run ``produce`` and store its result.

    The key must have been checked (:func:`check_idempotency_key`) before the request's
    fingerprint was taken. A domain error from ``produce`` propagates: nothing is stored, and
    the caller's transaction (or savepoint) rolls the write back."""
    if request.key is not None:
        stored = await idempotency.claim(
            request.session, request.principal_key, request.key, request.fingerprint
        )
        if stored is not None:
            return WriteOutcome(stored, replayed=True)
    # The body as stored and as replayed: identical, and storable in jsonb.
    body = idempotency.jsonb_safe(await produce())
    headers: dict[str, str] = {}
    if isinstance(body, dict) and isinstance(body.get("version"), int):
        headers["ETag"] = etag(body["version"])
    if location is not None:
        headers["Location"] = location(body)
    response = idempotency.StoredResponse(status, body, headers)
    if request.key is not None:
        await idempotency.store(
            request.session, request.principal_key, request.key, request.fingerprint, response
        )
    return WriteOutcome(response, replayed=False)
