"""REST and GraphQL publish the same entities: every field of a read model in the OpenAPI
document has its GraphQL field (camelCase) on the matching type, and every GraphQL field has
its read-model field, except the differences listed below, each with its reason.

A field added to one API and not the other fails here, naming both sides."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from graphql import GraphQLObjectType, get_named_type

from app.graphql.schema import schema
from app.schema_dump import openapi_document

# OpenAPI read model -> GraphQL type of the same entity.
PAIRS = {
    "OrderDetail": "Order",
    "OrderItem": "OrderItem",
    "Shipment": "Shipment",
    "ShipmentLine": "ShipmentLine",
    "ShipmentTracking": "ShipmentTracking",
    "TrackingEvent": "TrackingEvent",
    "Carrier": "Carrier",
    "Buyer": "Buyer",
    "Receiver": "Receiver",
    "TimelineEvent": "TimelineEvent",
    "PaymentReminder": "PaymentReminder",
    "AfterSale": "AfterSale",
    "AfterSaleSummary": "AfterSaleSummary",
    "Dispute": "Dispute",
    "ReviewWindow": "ReviewWindow",
    "Evidence": "Evidence",
    "Export": "Export",
    "ExportProgress": "ExportProgress",
    "Change": "Change",
    "AddressChangeRequest": "AddressChangeRequest",
    "Complaint": "Complaint",
    "Refund": "Refund",
    "RefundLine": "RefundLine",
    "ExchangeOffer": "ExchangeOffer",
}


# Intentional differences: (read model, field) only in REST, or (GraphQL type, field) only in
# GraphQL, each with why.
REST_ONLY = {
    # The order's nested author carries the commission; GraphQL flattens it to
    # Order.commissionAmount / commissionRateBps and resolves Order.author as the Author entity.
    # GraphQL's timeline kept its first, flat shape (actorType/actorId/createdAt); renaming it
    # would break the console and integrators' queries.
    ("TimelineEvent", "actor"): "GraphQL: actorType + actorId",
    ("TimelineEvent", "at"): "GraphQL: createdAt",
}
GRAPHQL_ONLY = {
    # Evidence has its own REST list (GET …/disputes/{id}/evidence); GraphQL nests it.
    ("Dispute", "evidence"): "REST: GET /v1/shops/{id}/disputes/{id}/evidence",
    # REST's list rows carry it as after_sale (the detail lists the after-sales themselves).
    ("Order", "afterSaleSummary"): "REST: OrderRow.after_sale",
    ("Order", "authorId"): "REST: OrderRow.author_id; the detail's author.id",
    ("Order", "commissionAmount"): "REST: author.commission_amount",
    ("Order", "commissionRateBps"): "REST: author.commission_rate_bps",
    ("TimelineEvent", "actorType"): "REST: actor.type",
    ("TimelineEvent", "actorId"): "REST: actor.id",
    ("TimelineEvent", "createdAt"): "REST: at",
}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


@cache
def _components() -> dict[str, Any]:
    schemas: dict[str, Any] = openapi_document()["components"]["schemas"]
    return schemas


def _rest_fields(model: str) -> set[str]:
    spec = _components()[model]
    fields = set(spec.get("properties", {}))
    for part in spec.get("allOf", []):  # a model extending another
        ref = part.get("$ref", "")
        fields |= _rest_fields(ref.rsplit("/", 1)[-1]) if ref else set(part.get("properties", {}))
    return fields


def _graphql_fields(type_name: str) -> set[str]:
    """The type's fields, but the Relay global ``id`` (REST has no such field)."""
    gql_type = schema._schema.get_type(type_name)
    assert isinstance(gql_type, GraphQLObjectType), f"GraphQL has no type {type_name}"
    return {
        name
        for name, field in gql_type.fields.items()
        if not (name == "id" and get_named_type(field.type).name == "ID")
    }


def _graphql_name(field: str, graphql: set[str]) -> str:
    """REST's ``id`` is ``databaseId`` where GraphQL's ``id`` is the Relay global id."""
    if field == "id" and "databaseId" in graphql:
        return "databaseId"
    return _camel(field)


@pytest.mark.parametrize(("model", "type_name"), sorted(PAIRS.items()))
def test_read_model_and_graphql_type_have_the_same_fields(model: str, type_name: str) -> None:
    graphql = _graphql_fields(type_name)
    rest = {_graphql_name(f, graphql): f for f in _rest_fields(model)}
    only_rest = sorted(
        f"{model}.{field}"
        for camel, field in rest.items()
        if camel not in graphql and (model, field) not in REST_ONLY
    )
    only_graphql = sorted(
        f"{type_name}.{name}"
        for name in graphql
        if name not in rest and (type_name, name) not in GRAPHQL_ONLY
    )
    assert not only_rest, f"in REST, missing from GraphQL: {only_rest}"
    assert not only_graphql, f"in GraphQL, missing from REST: {only_graphql}"


def test_every_allowed_difference_is_still_a_difference() -> None:
    """The allow-lists shrink when a gap closes (a stale entry would hide a future one)."""
    for model, field in REST_ONLY:
        graphql = _graphql_fields(PAIRS[model])
        assert _graphql_name(field, graphql) not in graphql, (model, field)
        assert field in _rest_fields(model), (model, field)
    by_type = {v: k for k, v in PAIRS.items()}
    for type_name, name in GRAPHQL_ONLY:
        graphql = _graphql_fields(type_name)
        rest = {_graphql_name(f, graphql) for f in _rest_fields(by_type[type_name])}
        assert name not in rest and name in graphql, (type_name, name)


def test_every_order_list_field_is_in_graphql() -> None:
    """The list row is a subset of the order: each of its fields is on GraphQL's Order."""
    graphql = _graphql_fields("Order")
    renamed = {"after_sale": "afterSaleSummary"}  # see GRAPHQL_ONLY
    missing = sorted(
        f
        for f in _rest_fields("OrderRow")
        if renamed.get(f, _graphql_name(f, graphql)) not in graphql
    )
    assert not missing, f"OrderRow fields missing from GraphQL Order: {missing}"
