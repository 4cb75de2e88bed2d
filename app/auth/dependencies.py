"""FastAPI dependencies: bearer token -> Principal -> Authorized for one scope.

A shop the principal cannot see at all answers 404 (ids don't leak); a visible shop whose
effective scopes lack the needed one answers 403 ``insufficient_scope``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request, Security
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.bearer import OAuth2Bearer
from app.auth.cache import PrincipalCache
from app.db import Session
from app.domain.access.authorized import CHANGES_READ, Authorized
from app.domain.access.principal import Principal, resolve_principal
from app.domain.access.scope import ShopScope
from app.domain.audit.actor import Actor, ActorType
from app.ratelimit import charge_request
from app.web.params import MAX_BIGINT
from app.web.responses import request_id_of

__all__ = [
    "AfterSalesRead",
    "AfterSalesWrite",
    "AuditRead",
    "Authorized",
    "ChangesRead",
    "CurrentPrincipal",
    "DisputesWrite",
    "Exports",
    "MetricsRead",
    "OrdersRead",
    "OrdersReadPii",
    "OrdersWrite",
    "Principal",
    "StaffManage",
    "WebhooksManage",
    "authorize",
    "authorized",
    "current_principal",
    "requires",
]

oauth2_scheme = OAuth2Bearer()

_PRINCIPAL_KEY = "ordergate_principal"


def actor_for(principal: Principal, request: Request) -> Actor:
    return Actor(
        ActorType.ACCOUNT if principal.first_party else ActorType.APP,
        account_id=principal.account_id,
        client_id=principal.client_id,
        token_id=principal.token_id,
        request_id=request_id_of(request),
        ip=request.client.host if request.client else None,
    )


async def current_principal(
    request: Request,
    session: Session,
    token: Annotated[str | None, Security(oauth2_scheme)],
) -> Principal:
    cached = request.scope.get(_PRINCIPAL_KEY)
    if isinstance(cached, Principal):
        return cached
    principal = await principal_of(request.app.state, session, token)
    request.scope[_PRINCIPAL_KEY] = principal
    return principal


async def principal_of(state: Any, session: AsyncSession, token: str | None) -> Principal:
    """The token's principal, through the process's cache when the app has one (401 when the
    token is not live)."""
    cache: PrincipalCache | None = getattr(state, "principal_cache", None)
    if cache is not None:
        return await cache.resolve(session, token)
    return await resolve_principal(session, token)


async def authorized(
    request: Request, session: AsyncSession, token: str | None, scope: str
) -> Authorized:
    """What every REST dependency checks: the principal, narrowed to ``scope``; a ``{shop_id}``
    of the path visible (404) with ``scope`` (403); then the request charged (429)."""
    principal = await current_principal(request, session, token)
    auth = authorize(principal, scope, request)
    shop_id = _path_shop_id(request)
    if shop_id is not None:
        auth.require(shop_id)
    await charge_request(request, principal, shop_id)  # once per request, before the handler
    return auth


def authorize(principal: Principal, scope: str, request: Request) -> Authorized:
    """``principal`` narrowed to the shops whose effective scopes include ``scope``
    (REST dependencies and GraphQL resolvers both go through here)."""
    allowed = ShopScope.of(
        (s for s, granted in principal.scopes_by_shop.items() if scope in granted),
        principal.scopes_by_shop,
    )
    return Authorized(principal, scope, allowed, actor_for(principal, request))


def _path_shop_id(request: Request) -> int | None:
    raw = request.path_params.get("shop_id")
    if raw is None:
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 1 <= value <= MAX_BIGINT else None


def requires(scope: str) -> Callable[..., Awaitable[Authorized]]:
    """A dependency giving ``Authorized`` for ``scope``; a ``{shop_id}`` in the path is checked."""

    async def dependency(request: Request, session: AsyncSession, token: str | None) -> Authorized:
        return await authorized(request, session, token, scope)

    # The annotations carry this closure's ``scope`` (for OpenAPI), so they are built as
    # objects here: string annotations could not see the local variable.
    token_param = Annotated[str | None, Security(oauth2_scheme, scopes=[scope])]
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    dependency.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("request", kind, annotation=Request),
            inspect.Parameter("session", kind, annotation=Session),
            inspect.Parameter("token", kind, annotation=token_param),
        ],
        return_annotation=Authorized,
    )
    dependency.__name__ = f"requires_{scope.replace(':', '_')}"
    return dependency


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]

OrdersRead = Annotated[Authorized, Depends(requires("orders:read"))]
OrdersReadPii = Annotated[Authorized, Depends(requires("orders:read_pii"))]
OrdersWrite = Annotated[Authorized, Depends(requires("orders:write"))]
AfterSalesRead = Annotated[Authorized, Depends(requires("after_sales:read"))]
AfterSalesWrite = Annotated[Authorized, Depends(requires("after_sales:write"))]
DisputesWrite = Annotated[Authorized, Depends(requires("disputes:write"))]
ChangesRead = Annotated[Authorized, Depends(requires(CHANGES_READ))]
WebhooksManage = Annotated[Authorized, Depends(requires("webhooks:manage"))]
Exports = Annotated[Authorized, Depends(requires("exports"))]
MetricsRead = Annotated[Authorized, Depends(requires("metrics:read"))]
StaffManage = Annotated[Authorized, Depends(requires("staff:manage"))]
AuditRead = Annotated[Authorized, Depends(requires("audit:read"))]
