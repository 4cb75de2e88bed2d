"""Mutations: every REST write, through the same services, each in its own savepoint.

A domain error rolls back only that mutation's savepoint and comes back as a typed
``userErrors`` entry with the REST problem code; ``idempotencyKey`` replays the stored payload
exactly like REST's ``Idempotency-Key`` (same store, same fingerprint rule)."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

import orjson
import strawberry
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload
from strawberry.types import Info

from app.auth.dependencies import Authorized
from app.domain.address_changes.schemas import AddressChangeApprove, AddressChangeReject
from app.domain.address_changes.service import AddressChangeService
from app.domain.after_sales.batch import act_batch
from app.domain.after_sales.schemas import AfterSaleAction, AfterSaleBatch
from app.domain.after_sales.service import AfterSaleService
from app.domain.complaints.schemas import ComplaintRespond
from app.domain.complaints.service import ComplaintService
from app.domain.disputes.evidence import MAX_EVIDENCE_BYTES
from app.domain.disputes.schemas import DisputeCreate, DisputeSubmit, EvidenceIn
from app.domain.disputes.service import DisputeService
from app.domain.exports.schemas import ExportCreate
from app.domain.exports.service import ExportService
from app.domain.idempotency import repository as idempotency
from app.domain.orders.representation import masked
from app.domain.orders.schemas import (
    OrderClose,
    OrderFlag,
    OrderPatch,
    OrderRefund,
    OrderShip,
    PaymentReminderCreate,
    RefundCreate,
    VersionedIn,
)
from app.domain.orders.service import OrderService
from app.domain.orders.shipping_batch import BatchShipments, ship_batch
from app.domain.shipments.schemas import ShipmentPatch
from app.domain.shipments.service import ShipmentService
from app.domain.writes import WriteRequest, check_idempotency_key, perform_write, principal_key
from app.errors import AppError
from app.graphql.context import GraphQLContext
from app.graphql.inputs import plain, validated
from app.graphql.types.buyer_requests import AddressChangeRequest, Complaint
from app.graphql.types.exports import CreateExportInput, Export, export_body, export_shops
from app.graphql.types.orders import AfterSale, Dispute, Evidence, Order

Ctx = Info[GraphQLContext, None]
Produce = Callable[[Authorized], Awaitable[Any]]


@strawberry.type(description="A domain error: the same codes as REST problem+json")
class UserError:
    code: str
    field: list[str] | None
    message: str


@strawberry.type
class OrderPayload:
    order: Order | None
    user_errors: list[UserError]


@strawberry.type
class AfterSalePayload:
    after_sale: AfterSale | None
    user_errors: list[UserError]


@strawberry.type
class DisputePayload:
    dispute: Dispute | None
    user_errors: list[UserError]


@strawberry.type
class AddressChangePayload:
    address_change_request: AddressChangeRequest | None
    user_errors: list[UserError]


@strawberry.type
class ComplaintPayload:
    complaint: Complaint | None
    user_errors: list[UserError]


@strawberry.type
class EvidencePayload:
    evidence: Evidence | None
    dispute: Dispute | None = strawberry.field(description="The dispute after the upload")
    user_errors: list[UserError]


@strawberry.type
class ExportPayload:
    export: Export | None
    user_errors: list[UserError]


@strawberry.type
class BatchShipResult:
    order_id: int | None
    ok: bool
    order: Order | None
    error: UserError | None


@strawberry.type
class BatchShipPayload:
    results: list[BatchShipResult]
    succeeded: int
    failed: int
    user_errors: list[UserError]


@strawberry.type
class AfterSaleBatchResult:
    after_sale_id: int | None
    ok: bool
    after_sale: AfterSale | None
    error: UserError | None


@strawberry.type
class AfterSaleBatchPayload:
    results: list[AfterSaleBatchResult]
    succeeded: int
    failed: int
    user_errors: list[UserError]


def user_errors(error: AppError) -> list[dict[str, Any]]:
    fields = error.extra.get("errors") or [{"loc": None, "msg": error.detail}]
    return [
        {
            "code": error.code,
            "field": [str(p) for p in f["loc"]] if f.get("loc") else None,
            "message": error.detail if f.get("loc") is None else f"{error.detail} {f['msg']}",
        }
        for f in fields
    ]


def _problem_as_user_error(problem: dict[str, Any]) -> dict[str, Any]:
    return {"code": problem["code"], "field": None, "message": problem["detail"]}


async def run_mutation(
    info: Ctx,
    *,
    name: str,
    scope: str,
    shop_id: int,
    arguments: dict[str, Any],
    idempotency_key: str | None,
    entity_key: str,
    produce: Produce,
) -> dict[str, Any]:
    ctx = info.context
    auth = ctx.authorize(scope)
    request = WriteRequest(
        ctx.session,
        principal_key(ctx.principal.client_id, ctx.principal.account_id),
        idempotency_key,
        idempotency.request_fingerprint(
            b"graphql", name.encode(), orjson.dumps(arguments, option=orjson.OPT_SORT_KEYS)
        ),
    )

    async def entity() -> Any:
        result = await produce(auth)
        if entity_key == "order" and not auth.can_read_pii(shop_id):
            return masked(result)
        return result

    try:
        async with ctx.session.begin_nested():
            auth.require(shop_id)
            check_idempotency_key(idempotency_key, ["idempotencyKey"])
            outcome = await perform_write(request, entity)
            return {entity_key: outcome.response.body, "user_errors": []}
    except AppError as error:
        return {entity_key: None, "user_errors": user_errors(error)}


def _model(model: type[BaseModel], data: dict[str, Any]) -> Any:
    return validated(model, data, argument="input")


async def _batch(
    info: Ctx,
    *,
    name: str,
    scope: str,
    shop_id: int,
    field: str,
    entries: list[dict[str, Any]],
    run: Callable[[Authorized, Any], Awaitable[dict[str, Any]]],
    model: type[BaseModel],
    idempotency_key: str | None,
) -> Any:
    """A batch write: REST's batch runner, each entry's problem as a user error, both the
    entity and the error keys present on every result."""

    async def produce(auth: Authorized) -> Any:
        result = await run(auth, _model(model, {field: entries}))
        results = [
            {
                **r,
                "error": _problem_as_user_error(r["error"]) if "error" in r else None,
            }
            for r in result["results"]
        ]
        return {**result, "results": results}

    payload = await run_mutation(
        info,
        name=name,
        scope=scope,
        shop_id=shop_id,
        arguments={"shop_id": shop_id, field: entries},
        idempotency_key=idempotency_key,
        entity_key="batch",
        produce=produce,
    )
    batch = payload.get("batch") or {"results": [], "succeeded": 0, "failed": 0}
    return {**batch, "user_errors": payload["user_errors"]}


@strawberry.input(description="Units of one order line in a parcel")
class ShipmentLineInput:
    item_id: int
    quantity: int


@strawberry.input(description="A parcel: carrierCode + trackingNo, lines (default: all unshipped)")
class ShipInput:
    tracking_no: str
    carrier_code: str | None = None
    carrier: str | None = strawberry.field(
        default=None, deprecation_reason="Use carrierCode (a name is mapped to its code)"
    )
    lines: list[ShipmentLineInput] | None = None
    item_ids: list[int] | None = strawberry.field(
        default=None, deprecation_reason="Use lines (each id ships the rest of its line)"
    )


@strawberry.input(description="A parcel's corrected carrier and/or tracking number")
class UpdateShipmentInput:
    carrier_code: str | None = None
    tracking_no: str | None = None


@strawberry.input
class BatchShipEntryInput:
    order_id: int
    tracking_no: str
    carrier_code: str | None = None
    carrier: str | None = strawberry.field(default=None, deprecation_reason="Use carrierCode")
    lines: list[ShipmentLineInput] | None = None
    item_ids: list[int] | None = strawberry.field(default=None, deprecation_reason="Use lines")
    expected_version: int | None = None


@strawberry.input
class AfterSaleBatchEntryInput:
    after_sale_id: int
    action: str
    reason: str | None = None
    expected_version: int | None = None


@strawberry.input
class RefundLineInput:
    item_id: int
    quantity: int


@strawberry.input
class ReceiverInput:
    name: str
    phone: str
    address: str
    province: str
    city: str


@strawberry.input
class UpdateOrderInput:
    shipping_fee: int | None = None
    merchant_remark: str | None = None
    receiver: ReceiverInput | None = None


def _service(info: Ctx, auth: Authorized) -> OrderService:
    return OrderService(info.context.session, auth.shops, auth.actor)


# The service a write scope's mutations call (refunds are after-sale writes).
_SERVICES: dict[str, Any] = {
    "orders:write": OrderService,
    "after_sales:write": AfterSaleService,
    "disputes:write": DisputeService,
}


async def _write(
    info: Ctx,
    name: str,
    *,
    scope: str,
    shop_id: int,
    ids: dict[str, int],
    model: type[BaseModel],
    data: dict[str, Any],
    idempotency_key: str | None,
    call: Callable[[Any, Any], Awaitable[Any]],
    entity_key: str = "order",
    typename: str | None = None,
    fingerprint: dict[str, Any] | None = None,
    service_class: type[Any] | None = None,
) -> Any:
    """One write: validate with the REST model, call the service, wrap the payload.
    ``service_class`` defaults to the scope's (``_SERVICES``)."""
    body = {k: v for k, v in data.items() if v is not None}

    async def produce(auth: Authorized) -> Any:
        make = service_class or _SERVICES[scope]
        service = make(info.context.session, auth.shops, auth.actor)
        result = await call(service, _model(model, body))
        return {**result, "__typename": typename} if typename else result

    return await run_mutation(
        info,
        name=name,
        scope=scope,
        shop_id=shop_id,
        arguments={"shop_id": shop_id, **ids, **body, **(fingerprint or {})},
        idempotency_key=idempotency_key,
        entity_key=entity_key,
        produce=produce,
    )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Ship a parcel (multi-parcel allowed)")
    async def ship_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        input: ShipInput,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "shipOrder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderShip,
            data={**plain(input), "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: ShipmentService(s).ship(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Ship a parcel: all or some units (lines) of the order")
    async def create_shipment(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        input: ShipInput,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "createShipment",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderShip,
            data={**plain(input), "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: ShipmentService(s).ship(shop_id, order_id, d),
        )

    @strawberry.mutation(
        description="Correct a parcel's carrier or tracking number (before delivery, at most 3)"
    )
    async def update_shipment(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        shipment_id: int,
        input: UpdateShipmentInput,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "updateShipment",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id, "shipment_id": shipment_id},
            model=ShipmentPatch,
            data={**plain(input), "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: ShipmentService(s).correct(shop_id, order_id, shipment_id, d),
        )

    @strawberry.mutation(description="Change shipping fee (unpaid), remark, or address (unshipped)")
    async def update_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        input: UpdateOrderInput,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "updateOrder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderPatch,
            data={**plain(input), "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: s.update(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Mark an order abnormal")
    async def flag_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        reason: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "flagOrder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderFlag,
            data={"reason": reason, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: s.flag(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Clear the abnormal mark")
    async def unflag_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "unflagOrder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=VersionedIn,
            data={"expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: s.unflag(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Remind the buyer to pay (unpaid, < 24 h old, one per 6 h)")
    async def send_payment_reminder(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        coupon_code: str | None = None,
        message: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "sendPaymentReminder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=PaymentReminderCreate,
            data={
                "coupon_code": coupon_code,
                "message": message,
                "expected_version": expected_version,
            },
            idempotency_key=idempotency_key,
            call=lambda s, d: s.remind_payment(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Close an unpaid order")
    async def close_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        reason: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "closeOrder",
            scope="orders:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderClose,
            data={"reason": reason, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: s.close(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Merchant-initiated full refund (the order closes)")
    async def refund_order(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        reason: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "refundOrder",
            scope="after_sales:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=OrderRefund,
            data={"reason": reason, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            call=lambda s, d: s.merchant_refund(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Ship up to 500 orders; each entry succeeds or fails alone")
    async def batch_ship(
        self,
        info: Ctx,
        shop_id: int,
        shipments: list[BatchShipEntryInput],
        idempotency_key: str | None = None,
    ) -> BatchShipPayload:
        async def run(auth: Authorized, batch: BatchShipments) -> dict[str, Any]:
            service = ShipmentService(_service(info, auth))
            pii = auth.can_read_pii(shop_id)
            result = await ship_batch(info.context.session, service, shop_id, batch, pii=pii)
            return {
                **result,
                "results": [{"order": None, **r} for r in result["results"]],
            }

        return await _batch(  # type: ignore[no-any-return]
            info,
            name="batchShip",
            scope="orders:write",
            shop_id=shop_id,
            field="shipments",
            entries=[plain(s) for s in shipments],
            run=run,
            model=BatchShipments,
            idempotency_key=idempotency_key,
        )

    @strawberry.mutation(
        description="Act on up to 100 after-sales; each entry succeeds or fails alone"
    )
    async def batch_after_sale_actions(
        self,
        info: Ctx,
        shop_id: int,
        actions: list[AfterSaleBatchEntryInput],
        idempotency_key: str | None = None,
    ) -> AfterSaleBatchPayload:
        async def run(auth: Authorized, batch: AfterSaleBatch) -> dict[str, Any]:
            service = AfterSaleService(info.context.session, auth.shops, auth.actor)
            result = await act_batch(info.context.session, service, shop_id, batch)
            return {
                **result,
                "results": [
                    {
                        **r,
                        "after_sale": {**r["after_sale"], "__typename": "AfterSale"}
                        if "after_sale" in r
                        else None,
                    }
                    for r in result["results"]
                ],
            }

        return await _batch(  # type: ignore[no-any-return]
            info,
            name="batchAfterSaleActions",
            scope="after_sales:write",
            shop_id=shop_id,
            field="actions",
            entries=[plain(a) for a in actions],
            run=run,
            model=AfterSaleBatch,
            idempotency_key=idempotency_key,
        )

    @strawberry.mutation(
        description="Refund part of an order: an amount in fen or item lines, never above "
        "refundableAmount"
    )
    async def create_refund(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        reason: str,
        amount: int | None = None,
        lines: list[RefundLineInput] | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> OrderPayload:
        return await _write(
            info,
            "createRefund",
            scope="after_sales:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=RefundCreate,
            data={
                "reason": reason,
                "amount": amount,
                "lines": [plain(line) for line in lines] if lines is not None else None,
                "expected_version": expected_version,
            },
            idempotency_key=idempotency_key,
            call=lambda s, d: s.ledger.refund(shop_id, order_id, d),
        )

    @strawberry.mutation(
        description="approve, reject, request_return, confirm_return_received, "
        "refund, offer_exchange or close an after-sale"
    )
    async def after_sale_action(
        self,
        info: Ctx,
        shop_id: int,
        after_sale_id: int,
        action: str,
        reason: str | None = None,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> AfterSalePayload:
        return await _write(
            info,
            "afterSaleAction",
            scope="after_sales:write",
            shop_id=shop_id,
            ids={"after_sale_id": after_sale_id},
            model=AfterSaleAction,
            data={"action": action, "reason": reason, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="after_sale",
            typename="AfterSale",
            call=lambda s, d: s.act(shop_id, after_sale_id, d),
        )

    @strawberry.mutation(
        description="Queue an export job (≤ 90 days, within the last 90); poll "
        "`shop.export(id:)`. `shopIds` instead of `shopId`: one job over several shops (each "
        "granted with the `exports` scope), its file led by a `shop_id` column"
    )
    async def create_export(
        self,
        info: Ctx,
        input: CreateExportInput,
        shop_id: int | None = None,
        shop_ids: list[int] | None = None,
        idempotency_key: str | None = None,
    ) -> ExportPayload:
        body = export_body(input)
        try:
            shops = export_shops(shop_id, shop_ids)
        except AppError as error:
            return {"export": None, "user_errors": user_errors(error)}  # type: ignore[return-value]

        async def produce(auth: Authorized) -> Any:
            service = ExportService(info.context.session, auth.shops, auth.actor)
            data = _model(ExportCreate, body)
            for s in shops:
                auth.require(s)
            if shop_ids is None:
                return await service.create(
                    shops[0], data, can_read_pii=auth.can_read_pii(shops[0])
                )
            pii = all(auth.can_read_pii(s) for s in shops)
            return await service.create_across(shops, data, can_read_pii=pii)

        return await run_mutation(  # type: ignore[return-value]
            info,
            name="createExport",
            scope="exports",
            shop_id=shops[0],
            arguments={"shop_id": shop_id, "shop_ids": shop_ids, **body},
            idempotency_key=idempotency_key,
            entity_key="export",
            produce=produce,
        )

    @strawberry.mutation(description="Open a logistics dispute or a malicious-claim appeal")
    async def open_dispute(
        self,
        info: Ctx,
        shop_id: int,
        order_id: int,
        kind: str,
        description: str,
        after_sale_id: int | None = None,
        idempotency_key: str | None = None,
    ) -> DisputePayload:
        return await _write(
            info,
            "openDispute",
            scope="disputes:write",
            shop_id=shop_id,
            ids={"order_id": order_id},
            model=DisputeCreate,
            data={"kind": kind, "description": description, "after_sale_id": after_sale_id},
            idempotency_key=idempotency_key,
            entity_key="dispute",
            typename="Dispute",
            call=lambda s, d: s.open(shop_id, order_id, d),
        )

    @strawberry.mutation(description="Submit a dispute's evidence for platform review")
    async def submit_dispute(
        self,
        info: Ctx,
        shop_id: int,
        dispute_id: int,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> DisputePayload:
        return await _write(
            info,
            "submitDispute",
            scope="disputes:write",
            shop_id=shop_id,
            ids={"dispute_id": dispute_id},
            model=DisputeSubmit,
            data={"expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="dispute",
            typename="Dispute",
            call=lambda s, d: s.submit(shop_id, dispute_id, d),
        )

    @strawberry.mutation(
        description="Upload evidence (GraphQL multipart request spec: `file` is an Upload, "
        f"<= {MAX_EVIDENCE_BYTES} bytes; PNG, JPEG, GIF, WebP, PDF or UTF-8 text)"
    )
    async def add_evidence(
        self,
        info: Ctx,
        shop_id: int,
        dispute_id: int,
        kind: str,
        file: Upload,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> EvidencePayload:
        upload: UploadFile = file  # type: ignore[assignment]
        # One byte past the limit is enough to refuse it (same rule as the REST upload).
        content = await upload.read(MAX_EVIDENCE_BYTES + 1)
        filename = upload.filename or "evidence"
        # The file enters the idempotency fingerprint by digest, like REST's multipart body.
        digest = hashlib.sha256(content).hexdigest()

        async def call(service: DisputeService, data: EvidenceIn) -> Any:
            result = await service.add_evidence(
                shop_id,
                dispute_id,
                kind=data.kind,
                filename=filename,
                declared_type=upload.content_type,
                content=content,
                expected_version=data.expected_version,
            )
            return {**result, "dispute": {**result["dispute"], "__typename": "Dispute"}}

        payload = await _write(
            info,
            "addEvidence",
            scope="disputes:write",
            shop_id=shop_id,
            ids={"dispute_id": dispute_id},
            model=EvidenceIn,
            data={"kind": kind, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="evidence",
            call=call,
            fingerprint={"file": [filename, upload.content_type, digest]},
        )
        evidence = payload["evidence"]
        return {  # type: ignore[return-value]
            "evidence": evidence,
            "dispute": evidence["dispute"] if evidence else None,
            "user_errors": payload["user_errors"],
        }

    @strawberry.mutation(
        description="Approve a buyer's address change: the order's receiver changes"
    )
    async def approve_address_change(
        self,
        info: Ctx,
        shop_id: int,
        address_change_id: int,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> AddressChangePayload:
        return await _write(
            info,
            "approveAddressChange",
            scope="orders:write",
            shop_id=shop_id,
            ids={"address_change_id": address_change_id},
            model=AddressChangeApprove,
            data={"expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="address_change_request",
            service_class=AddressChangeService,
            call=lambda s, d: s.approve(shop_id, address_change_id, d),
        )

    @strawberry.mutation(description="Reject a buyer's address change, with a reason")
    async def reject_address_change(
        self,
        info: Ctx,
        shop_id: int,
        address_change_id: int,
        reason: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> AddressChangePayload:
        return await _write(
            info,
            "rejectAddressChange",
            scope="orders:write",
            shop_id=shop_id,
            ids={"address_change_id": address_change_id},
            model=AddressChangeReject,
            data={"reason": reason, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="address_change_request",
            service_class=AddressChangeService,
            call=lambda s, d: s.reject(shop_id, address_change_id, d),
        )

    @strawberry.mutation(description="Answer a buyer's complaint (once)")
    async def respond_to_complaint(
        self,
        info: Ctx,
        shop_id: int,
        complaint_id: int,
        message: str,
        expected_version: int | None = None,
        idempotency_key: str | None = None,
    ) -> ComplaintPayload:
        return await _write(
            info,
            "respondToComplaint",
            scope="after_sales:write",
            shop_id=shop_id,
            ids={"complaint_id": complaint_id},
            model=ComplaintRespond,
            data={"message": message, "expected_version": expected_version},
            idempotency_key=idempotency_key,
            entity_key="complaint",
            service_class=ComplaintService,
            call=lambda s, d: s.respond(shop_id, complaint_id, d),
        )
