"""Shop staff (owner only, scope ``staff:manage``) and the shop's operation log (``audit:read``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from app.auth.dependencies import AuditRead, StaffManage
from app.db import Session
from app.domain.audit.listing import AuditLogParams, audit_page
from app.domain.audit.schemas import AuditEntry
from app.domain.staff.schemas import StaffMember, StaffRole
from app.domain.staff.service import StaffService
from app.kit.contract import Page
from app.web.listing import Codec
from app.web.openapi import problems
from app.web.params import MAX_BIGINT, ShopId
from app.web.responses import json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}", tags=["staff"])
AccountId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Account id")]


class StaffCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)
    role: StaffRole
    password: str | None = Field(
        default=None, min_length=8, max_length=200, description="Only for a new account"
    )
    display_name: str | None = Field(default=None, max_length=100)


class StaffUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: StaffRole


# 403: the token lacks staff:manage on the shop (only owners hold it); 404: invisible shop.
_READ = problems(403, 404)
# 409: the email is already a member, or the target is the shop's owner.
_WRITE = problems(403, 404, 409)
# Writes with a body also answer 400 when it is not JSON at all.
_BODY_WRITE = problems(400, 403, 404, 409)


@router.get(
    "/staff",
    response_model=Page[StaffMember],
    summary="Staff of the shop and their roles (one page)",
    responses=_READ,
)
async def list_staff(shop_id: ShopId, auth: StaffManage, session: Session) -> Response:
    page = await StaffService(session, auth.shops, auth.actor).list(shop_id)
    return json_bytes_response(page)


@router.post(
    "/staff",
    status_code=201,
    response_model=StaffMember,
    summary="Add a staff member (creates the account when the email is new)",
    responses=_BODY_WRITE,
)
async def add_staff(
    shop_id: ShopId, body: StaffCreate, auth: StaffManage, session: Session
) -> Response:
    member = await StaffService(session, auth.shops, auth.actor).add(
        shop_id,
        email=body.email,
        role=body.role,
        password=body.password,
        display_name=body.display_name,
    )
    location = f"/v1/shops/{shop_id}/staff/{member['account_id']}"
    return json_bytes_response(member, 201, {"Location": location})


@router.patch(
    "/staff/{account_id}",
    response_model=StaffMember,
    summary="Change a staff member's role",
    responses=_BODY_WRITE,
)
async def update_staff(
    shop_id: ShopId, account_id: AccountId, body: StaffUpdate, auth: StaffManage, session: Session
) -> Response:
    service = StaffService(session, auth.shops, auth.actor)
    return json_bytes_response(await service.change_role(shop_id, account_id, body.role))


@router.delete(
    "/staff/{account_id}",
    status_code=204,
    summary="Remove a staff member from the shop",
    responses=_WRITE,
)
async def remove_staff(
    shop_id: ShopId, account_id: AccountId, auth: StaffManage, session: Session
) -> Response:
    await StaffService(session, auth.shops, auth.actor).remove(shop_id, account_id)
    return Response(status_code=204)


@router.get(
    "/audit-log",
    response_model=Page[AuditEntry],
    summary="Operation log: who did what (newest first, keyset)",
    tags=["audit"],
    # 400: a cursor that is malformed or from another list; 403: no audit:read on the shop.
    responses=problems(400, 403, 404),
)
async def audit_log(
    shop_id: ShopId,
    params: Annotated[AuditLogParams, Query()],
    auth: AuditRead,
    session: Session,
    codec: Codec,
) -> Response:
    return json_bytes_response(await audit_page(session, auth.shops, shop_id, params, codec))
