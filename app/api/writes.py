"""What every REST write shares: Idempotency-Key replay, If-Match, and the response shape.

A handler asks for :data:`Write` and returns ``await write.run(lambda: service_call(...))``;
the service result becomes the JSON body (with the entity's ``ETag``), and the same response is
stored under the Idempotency-Key in the request's own transaction (see app/kit/idempotency.py).
A body showing receivers in clear (fresh or replayed) records its ``pii.read`` audit row there
too (app/domain/audit/pii.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import orjson
from fastapi import Depends, Header, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import UploadFile

from app.auth.dependencies import CurrentPrincipal, actor_for
from app.db import Session
from app.domain.audit.actor import Actor
from app.domain.audit.pii import clear_receivers, record_pii_read
from app.domain.idempotency import repository as idempotency
from app.domain.writes import (
    WriteRequest,
    check_idempotency_key,
    perform_write,
    principal_key,
)
from app.kit.versioning import expected_version, if_match_pattern, parse_if_match
from app.web.responses import json_bytes_response

_CHUNK = 1 << 20
_MAX_HASHED_FILE = 16 << 20
REPLAYED_HEADER = "Idempotent-Replayed"

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Makes the write safe to retry: the same key and body replay the stored "
        "response for 24 h; the same key with another body is 422 idempotency_mismatch.",
        # The rule check_idempotency_key enforces (app/domain/writes.py KEY_RULE), in the contract.
        json_schema_extra={"pattern": "^[!-~]{1,255}$"},
    ),
]
IfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The entity version as ETag ("3"); stale -> 409.',
        json_schema_extra={"pattern": if_match_pattern()},
    ),
]


async def _canonical_body(request: Request) -> bytes:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        parts: list[list[str]] = []
        for name, value in (await request.form()).multi_items():
            if isinstance(value, UploadFile):
                digest = await _file_digest(value)
                parts.append([name, value.filename or "", value.content_type or "", digest])
            else:
                parts.append([name, value])
        return orjson.dumps(parts)
    raw = await request.body()
    try:
        return orjson.dumps(orjson.loads(raw), option=orjson.OPT_SORT_KEYS) if raw else b""
    except orjson.JSONDecodeError:
        return raw


async def _file_digest(upload: UploadFile) -> str:
    # Chunked and capped: a file past the cap fails its write (413) and is never stored.
    digest = hashlib.sha256()
    seen = 0
    while seen <= _MAX_HASHED_FILE and (chunk := await upload.read(_CHUNK)):
        digest.update(chunk)
        seen += len(chunk)
    await upload.seek(0)
    return f"{seen}:{digest.hexdigest()}"


_Body = TypeVar("_Body", bound=BaseModel)


@dataclass
class WriteContext:
    session: AsyncSession
    principal_key: str
    key: str | None
    request_hash: str
    if_match: str | None
    actor: Actor

    def expected(self, body_version: int | None) -> int | None:
        return expected_version(self.if_match, body_version)

    def versioned(self, body: _Body) -> _Body:
        """The body with ``expected_version`` settled against ``If-Match`` (they must agree)."""
        body_version = getattr(body, "expected_version", None)
        return body.model_copy(update={"expected_version": self.expected(body_version)})

    async def run(
        self,
        produce: Callable[[], Awaitable[Any]],
        *,
        status_code: int = 200,
        location: Callable[[Any], str] | None = None,
    ) -> Response:
        request = WriteRequest(self.session, self.principal_key, self.key, self.request_hash)
        outcome = await perform_write(request, produce, status=status_code, location=location)
        stored = outcome.response
        await record_pii_read(self.session, self.actor, clear_receivers(stored.body))
        headers = (
            {**stored.headers, REPLAYED_HEADER: "true"} if outcome.replayed else stored.headers
        )
        return json_bytes_response(stored.body, stored.status, headers)


async def write_context(
    request: Request,
    session: Session,
    principal: CurrentPrincipal,
    idempotency_key: IdempotencyKeyHeader = None,
    if_match: IfMatchHeader = None,
) -> WriteContext:
    check_idempotency_key(idempotency_key, ["header", "Idempotency-Key"])
    parse_if_match(if_match)  # its syntax on every write, also where no version is compared
    request_hash = idempotency.request_fingerprint(
        request.method.encode(),
        request.url.path.encode(),
        request.url.query.encode(),
        (if_match or "").encode(),
        await _canonical_body(request),
    )
    return WriteContext(
        session=session,
        principal_key=principal_key(principal.client_id, principal.account_id),
        key=idempotency_key,
        request_hash=request_hash,
        if_match=if_match,
        actor=actor_for(principal, request),
    )


Write = Annotated[WriteContext, Depends(write_context)]
