"""The internal ingest API's guard: a bearer ORDERGATE_INTERNAL_TOKEN (commerce core only)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.domain.audit.actor import Actor, ActorType
from app.errors import Unauthorized
from app.web.responses import request_id_of

_bearer = HTTPBearer(auto_error=False, scheme_name="InternalToken")


def internal_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Actor:
    expected: str | None = request.app.state.settings.internal_token
    given = credentials.credentials if credentials else ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("A valid internal token is required.")
    client = request.client.host if request.client else None
    return Actor(ActorType.INTERNAL, request_id=request_id_of(request), ip=client)


InternalActor = Annotated[Actor, Depends(internal_actor)]
