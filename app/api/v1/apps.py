"""OAuth apps of the calling account (secret shown once) and the apps installed on a shop."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.auth.dependencies import Authorized, CurrentPrincipal, StaffManage
from app.db import Session
from app.domain.access.scopes import SCOPE_LIST_REGEX
from app.domain.apps.grants import list_grants, revoke_app_grants
from app.domain.apps.schemas import App, AppWithSecret, ClientType, Grant
from app.domain.apps.service import create_app, created_app_view, delete_app, list_apps
from app.errors import InsufficientScope, Unauthorized
from app.kit.contract import Page
from app.web.openapi import problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1", tags=["apps"])
AppId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="App id (not the client_id)")]


class AppCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    redirect_uris: list[Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=list, max_length=10
    )
    client_type: ClientType = ClientType.CONFIDENTIAL
    scope: str = Field(
        default="all",
        max_length=500,
        pattern=SCOPE_LIST_REGEX,
        description="Scopes separated by one space, or `all`",
    )
    private_shop_ids: list[Annotated[int, Field(ge=1, le=MAX_BIGINT)]] | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="A private app (client_credentials) bound to these shops you own",
    )


def _owner_account(auth: Authorized) -> int:
    """App management is an owner's act: it needs ``staff:manage`` on at least one shop."""
    if auth.principal.account_id is None:
        raise Unauthorized("This token has no account.")
    if not auth.shops.shop_ids:
        raise InsufficientScope("staff:manage")
    return auth.principal.account_id


@router.get("/apps", response_model=Page[App], summary="Your OAuth apps (one page)")
async def get_apps(principal: CurrentPrincipal, session: Session) -> Response:
    if principal.account_id is None:
        raise Unauthorized("This token has no account.")
    return json_bytes_response(await list_apps(session, principal.account_id))


@router.post(
    "/apps",
    status_code=201,
    response_model=AppWithSecret,
    summary="Create an OAuth app (the client_secret is shown only in this response)",
    # 400: a body that is not JSON; 403: no shop with staff:manage; 404: a private shop
    # not visible.
    responses=problems(400, 403, 404),
)
async def post_app(body: AppCreate, auth: StaffManage, session: Session) -> Response:
    account_id = _owner_account(auth)
    for shop_id in body.private_shop_ids or []:
        auth.require(shop_id)
    created = await create_app(
        session,
        owner_account_id=account_id,
        name=body.name,
        redirect_uris=body.redirect_uris,
        client_type=body.client_type,
        scope=body.scope,
        private_shop_ids=body.private_shop_ids,
        actor=auth.actor,
        creator=auth.principal,
    )
    result = await created_app_view(session, created)
    return json_bytes_response(
        result,
        201,
        {"Location": f"/v1/apps/{created.id}", "Cache-Control": "no-store"},
    )


@router.delete(
    "/apps/{app_id}", status_code=204, summary="Delete an app", responses=problems(403, 404)
)
async def remove_app(app_id: AppId, auth: StaffManage, session: Session) -> Response:
    await delete_app(
        session, owner_account_id=_owner_account(auth), app_id=app_id, actor=auth.actor
    )
    return Response(status_code=204)


@router.get(
    "/shops/{shop_id}/grants",
    response_model=Page[Grant],
    summary="Apps installed on the shop (one page)",
    tags=["grants"],
    responses=problems(403, 404),
)
async def get_grants(shop_id: ShopId, auth: StaffManage, session: Session) -> Response:
    return json_bytes_response(await list_grants(session, auth.shops, shop_id))


@router.delete(
    "/shops/{shop_id}/grants/{app_id}",
    status_code=204,
    summary="Uninstall an app from the shop (its tokens lose the shop at once)",
    tags=["grants"],
    responses=problems(403, 404),
)
async def revoke_grant(
    shop_id: ShopId, app_id: AppId, auth: StaffManage, session: Session
) -> Response:
    await revoke_app_grants(session, auth.actor, auth.shops, shop_id, app_id)
    return Response(status_code=204)
