"""OAuth apps of the calling account (secret shown once) and the apps installed on a shop."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.api.docs import READ_ERRORS, WRITE_ERRORS, problems
from app.api.params import MAX_BIGINT, ShopId
from app.api.responses import json_bytes_response
from app.auth.dependencies import Authorized, CurrentPrincipal, StaffManage
from app.db import Session
from app.domain.apps.grants import list_grants, revoke_app_grants
from app.domain.apps.service import create_app, delete_app, list_apps
from app.errors import InsufficientScope, Unauthorized
from app.kit.clock import rfc3339
from app.models import OAuthClient

router = APIRouter(prefix="/v1", tags=["apps"])
AppId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="App id (not the client_id)")]


class AppCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100)
    redirect_uris: list[Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=list, max_length=10
    )
    client_type: Literal["public", "confidential"] = "confidential"
    scope: str = Field(
        default="all", max_length=500, description="Space-separated scopes, or `all`"
    )
    private_shop_ids: list[Annotated[int, Field(ge=1, le=MAX_BIGINT)]] | None = Field(
        default=None,
        max_length=100,
        description="A private app (client_credentials) bound to these shops you own",
    )


def _public(row: OAuthClient) -> dict[str, Any]:
    return {
        "id": row.id,
        "client_id": row.client_id,
        "name": row.name,
        "client_type": row.client_type,
        "redirect_uris": list(row.redirect_uris or []),
        "scope": row.scope,
        "private_shop_ids": row.private_shop_ids,
        "created_at": rfc3339(row.created_at),
    }


def _owner_account(auth: Authorized) -> int:
    """App management is an owner's act: it needs ``staff:manage`` on at least one shop."""
    if auth.principal.account_id is None:
        raise Unauthorized("This token has no account.")
    if not auth.shops.shop_ids:
        raise InsufficientScope("staff:manage")
    return auth.principal.account_id


@router.get("/apps", summary="Your OAuth apps", responses=problems(401))
async def get_apps(principal: CurrentPrincipal, session: Session) -> Response:
    if principal.account_id is None:
        raise Unauthorized("This token has no account.")
    rows = await list_apps(session, principal.account_id)
    return json_bytes_response({"data": [_public(r) for r in rows]})


@router.post(
    "/apps",
    status_code=201,
    summary="Create an OAuth app (the client_secret is shown only in this response)",
    responses=problems(*WRITE_ERRORS),
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
    rows = {r.id: r for r in await list_apps(session, account_id)}
    result = {**_public(rows[created.id]), "client_secret": created.client_secret}
    return json_bytes_response(
        result,
        201,
        {"Location": f"/v1/apps/{created.id}", "Cache-Control": "no-store"},
    )


@router.delete(
    "/apps/{app_id}", status_code=204, summary="Delete an app", responses=problems(*WRITE_ERRORS)
)
async def remove_app(app_id: AppId, auth: StaffManage, session: Session) -> Response:
    await delete_app(
        session, owner_account_id=_owner_account(auth), app_id=app_id, actor=auth.actor
    )
    return Response(status_code=204)


@router.get(
    "/shops/{shop_id}/grants",
    summary="Apps installed on the shop",
    tags=["grants"],
    responses=problems(*READ_ERRORS),
)
async def get_grants(shop_id: ShopId, auth: StaffManage, session: Session) -> Response:
    grants = await list_grants(session, auth.shops, shop_id)
    return json_bytes_response(
        {
            "data": [
                {
                    "app_id": g.app_id,
                    "client_id": g.client_id,
                    "app_name": g.app_name,
                    "account_id": g.account_id,
                    "scope": g.scope,
                    "created_at": rfc3339(g.created_at),
                }
                for g in grants
            ]
        }
    )


@router.delete(
    "/shops/{shop_id}/grants/{app_id}",
    status_code=204,
    summary="Uninstall an app from the shop (its tokens lose the shop at once)",
    tags=["grants"],
    responses=problems(*WRITE_ERRORS),
)
async def revoke_grant(
    shop_id: ShopId, app_id: AppId, auth: StaffManage, session: Session
) -> Response:
    await revoke_app_grants(session, auth.actor, auth.shops, shop_id, app_id)
    return Response(status_code=204)
