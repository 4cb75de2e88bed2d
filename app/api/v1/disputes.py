"""Disputes and appeals over REST: open on an order, evidence upload/list/download, submit
for platform review; lists and detail. The platform's decision is an internal endpoint."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.responses import Response

from app.api.writes import Write
from app.auth.dependencies import AfterSalesRead, DisputesWrite
from app.db import Session
from app.domain.disputes.evidence import ALLOWED_TYPES, MAX_EVIDENCE_BYTES
from app.domain.disputes.schemas import (
    Dispute,
    DisputeCreate,
    DisputeListParams,
    DisputeSubmit,
    Evidence,
    EvidenceKind,
    EvidenceUploaded,
)
from app.domain.disputes.service import DisputeService
from app.kit.contract import Page
from app.kit.versioning import etag
from app.web.listing import Codec
from app.web.openapi import READ_ERRORS, WRITE_ERRORS, problems
from app.web.params import MAX_BIGINT, OrderId, ShopId
from app.web.responses import JSON, json_bytes_response

router = APIRouter(prefix="/v1/shops/{shop_id}", tags=["disputes"])
DisputeId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Dispute id")]
EvidenceId = Annotated[int, Path(ge=1, le=MAX_BIGINT, description="Evidence id")]
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


@router.post(
    "/orders/{order_id}/disputes",
    status_code=201,
    summary="Open a logistics dispute or a malicious-claim appeal on an order",
    response_model=Dispute,
    responses=problems(*WRITE_ERRORS),
)
async def open_dispute(
    shop_id: ShopId, order_id: OrderId, body: DisputeCreate, auth: DisputesWrite, write: Write
) -> Response:
    service = DisputeService(write.session, auth.shops, auth.actor)
    return await write.run(
        lambda: service.open(shop_id, order_id, body),
        status_code=201,
        location=lambda d: f"/v1/shops/{shop_id}/disputes/{d['id']}",
    )


@router.get(
    "/disputes",
    summary="List disputes (newest first, keyset)",
    response_model=Page[Dispute],
    responses=problems(*READ_ERRORS),
)
async def list_disputes(
    shop_id: ShopId,
    params: Annotated[DisputeListParams, Query()],
    auth: AfterSalesRead,
    session: Session,
    codec: Codec,
) -> Response:
    service = DisputeService(session, auth.shops, auth.actor)
    return Response(await service.list_rendered(shop_id, params, codec), media_type=JSON)


@router.get(
    "/disputes/{dispute_id}",
    summary="One dispute, with its review window once submitted",
    response_model=Dispute,
    responses=problems(401, 403, 404, 422),
)
async def get_dispute(
    shop_id: ShopId, dispute_id: DisputeId, auth: AfterSalesRead, session: Session
) -> Response:
    body = await DisputeService(session, auth.shops, auth.actor).get(shop_id, dispute_id)
    return json_bytes_response(body, headers={"ETag": etag(body["version"])})


@router.post(
    "/disputes/{dispute_id}/evidence",
    status_code=201,
    summary=f"Upload evidence (multipart `file` + `kind`, <= {MAX_EVIDENCE_BYTES} bytes)",
    response_model=EvidenceUploaded,
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422),
)
async def upload_evidence(
    shop_id: ShopId,
    dispute_id: DisputeId,
    file: Annotated[
        UploadFile,
        # `format: binary` makes generated clients send a file part (not a string field).
        File(
            description="PNG, JPEG, GIF, WebP, PDF or UTF-8 text",
            json_schema_extra={"format": "binary"},
        ),
    ],
    kind: Annotated[EvidenceKind, Form()],
    auth: DisputesWrite,
    write: Write,
) -> Response:
    # One byte past the limit is enough to refuse it without holding more in memory.
    content = await file.read(MAX_EVIDENCE_BYTES + 1)
    service = DisputeService(write.session, auth.shops, auth.actor)
    return await write.run(
        lambda: service.add_evidence(
            shop_id,
            dispute_id,
            kind=kind,
            filename=file.filename or "evidence",
            declared_type=file.content_type,
            content=content,
            expected_version=write.expected(None),
        ),
        status_code=201,
        location=lambda e: f"/v1/shops/{shop_id}/disputes/{dispute_id}/evidence/{e['id']}",
    )


@router.get(
    "/disputes/{dispute_id}/evidence",
    summary="List a dispute's evidence (metadata with sha256), oldest first, in one page",
    response_model=Page[Evidence],
    responses=problems(401, 403, 404, 422),
)
async def list_evidence(
    shop_id: ShopId, dispute_id: DisputeId, auth: AfterSalesRead, session: Session
) -> Response:
    service = DisputeService(session, auth.shops, auth.actor)
    return json_bytes_response(await service.evidence_list(shop_id, dispute_id))


@router.get(
    "/disputes/{dispute_id}/evidence/{evidence_id}",
    summary="Download one evidence file",
    response_class=Response,
    responses={
        200: {
            "description": "The file's bytes, as uploaded. `Content-Type` is the type detected "
            "at upload (PNG, JPEG, GIF, WebP, PDF or text/plain); `Digest` carries its SHA-256.",
            "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in sorted(ALLOWED_TYPES)
            },
        },
        **problems(401, 403, 404, 422),
    },
)
async def download_evidence(
    shop_id: ShopId,
    dispute_id: DisputeId,
    evidence_id: EvidenceId,
    auth: AfterSalesRead,
    session: Session,
) -> Response:
    service = DisputeService(session, auth.shops, auth.actor)
    evidence = await service.evidence_file(shop_id, dispute_id, evidence_id)
    safe_name = _UNSAFE_FILENAME.sub("_", evidence.filename)[:100] or "evidence"
    return Response(
        evidence.content,
        media_type=evidence.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{safe_name}"',
            "X-Content-Type-Options": "nosniff",
            "Digest": f"sha-256={evidence.sha256}",
        },
    )


@router.post(
    "/disputes/{dispute_id}/submit",
    summary="Submit for platform review: under_review, due in 5 business days (shop timezone)",
    response_model=Dispute,
    responses=problems(*WRITE_ERRORS),
)
async def submit_dispute(
    shop_id: ShopId, dispute_id: DisputeId, body: DisputeSubmit, auth: DisputesWrite, write: Write
) -> Response:
    data = write.versioned(body)
    service = DisputeService(write.session, auth.shops, auth.actor)
    return await write.run(lambda: service.submit(shop_id, dispute_id, data))
