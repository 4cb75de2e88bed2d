"""Hostile input never makes a 5xx: every operation of the OpenAPI document (but /graphql, which
has its own tests) gets, in each string and integer parameter and JSON body field, a NUL (in
JSON also a lone surrogate), 10^20 and -10^20, each refused as a 422 naming the field, and
2^63-1, which may succeed but must not overflow; each JSON body (and each of its object or
array fields) gets a 1,000-deep document and a bare JSON string. The token holds every scope on
a real shop with real entities, and the rest of each request is valid, so a hostile value
travels as far as the app lets it.

Driven from the document, so a new route or field is covered the day it appears."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from app.api.input_guard import CONTROL_CHARACTER
from app.db import Database
from app.web.params import MAX_BIGINT
from tests.conftest import order_payload
from tests.factories import add_staff, bearer, make_token, unique_email
from tests.integration.orders_support import internal, new_order, v1

NUL = "nul\u0000here"
SURROGATE = "lone\ud800surrogate"  # JSON can carry it (escaped); UTF-8 and PostgreSQL cannot
BIG = 10**20
# Valid for many fields, so it may succeed; it must still not overflow a column or a sum.
EXTREME = (MAX_BIGINT,)
DEEP = 1000
SKIPPED_PREFIXES = ("/graphql",)
_PARAM = re.compile(r"\{([^}]+)\}")

# Values a sampled string is picked from when its schema has a pattern.
_PATTERN_CANDIDATES = (
    "SF12345678",
    "13812341234",
    "1234567890123456789",
    "ok@example.test",
    "ok",
    # webhook url, event-type pattern, app scope list, audit-log actor
    "https://example.com/hook",
    "order.*",
    "all",
    "account:1",
)

# The order state each order action needs, so hostile input meets the real checks after it.
_ORDER_FOR_ACTION = {
    "pay": "pending",
    "close": "pending",
    "payment-reminders": "pending",
    "shipments": "paid",
    "ship": "paid",
    "refund": "paid",
    "after-sales": "paid",
    "sign": "shipped",
    "complete": "shipped",
    "disputes": "shipped",
    "address-change-requests": "pending",
    "complaints": "shipped",
}


@dataclass
class World:
    """A shop with one of everything, and the ids that fill the paths."""

    shop_id: int
    orders: dict[str, dict[str, Any]]
    ids: dict[str, int | str]
    token_headers: dict[str, str]
    internal_headers: dict[str, str]

    def path_value(self, method: str, path: str, name: str) -> str:
        if name == "order_id":
            action = path.rstrip("/").rsplit("/", 1)[-1]
            state = _ORDER_FOR_ACTION.get(action, "pending" if method == "patch" else "paid")
            return str(self.orders[state]["id"])
        if name == "order_no":
            return str(self.orders["paid"]["order_no"])
        if name == "dispute_id" and path.endswith("/decide"):
            return str(self.ids["dispute_under_review"])
        return str(self.ids[name])

    def headers(self, path: str) -> dict[str, str]:
        return self.internal_headers if path.startswith("/internal/") else self.token_headers


@pytest.fixture
async def world(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> World:
    shop_id = shop["shop_id"]
    headers = bearer(await make_token(db, shop_ids=[shop_id]))
    orders = {
        state: await new_order(client, shop_id, internal_headers, state=state)
        for state in ("pending_payment", "paid", "shipped")
    }
    orders["pending"] = orders["pending_payment"]

    async def ok(r: httpx.Response) -> dict[str, Any]:
        assert r.is_success, r.text
        body: dict[str, Any] = r.json()
        return body

    after_sale = await ok(
        await client.post(
            internal(shop_id, f"/orders/{orders['paid']['id']}/after-sales"),
            json={"type": "refund_only", "reason": "changed mind"},
            headers=internal_headers,
        )
    )
    disputes = []
    for kind in ("logistics", "malicious_claim"):  # one active dispute per kind and order
        dispute = await ok(
            await client.post(
                v1(shop_id, f"/orders/{orders['shipped']['id']}/disputes"),
                json={"kind": kind, "description": "parcel lost"},
                headers=headers,
            )
        )
        evidence = await ok(
            await client.post(
                v1(shop_id, f"/disputes/{dispute['id']}/evidence"),
                files={"file": ("chat.txt", b"buyer: where is it", "text/plain")},
                data={"kind": "chat_log"},
                headers=headers,
            )
        )
        disputes.append((dispute, evidence))
    await ok(
        await client.post(
            v1(shop_id, f"/disputes/{disputes[1][0]['id']}/submit"), json={}, headers=headers
        )
    )
    today = date.today().isoformat()
    export = await ok(
        await client.post(
            v1(shop_id, "/exports"),
            json={"created_from": today, "created_to": today},
            headers=headers,
        )
    )
    endpoint = await ok(
        await client.post(
            "/v1/webhook-endpoints",
            json={"url": "https://example.com/hook", "shop_ids": [shop_id]},
            headers=headers,
        )
    )
    delivery = await ok(
        await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/test", headers=headers)
    )
    app_row = await ok(
        await client.post(
            "/v1/apps",
            json={"name": "hostile-input", "redirect_uris": ["https://example.com/cb"]},
            headers=headers,
        )
    )
    address_change = await ok(
        await client.post(
            internal(shop_id, f"/orders/{orders['pending']['id']}/address-change-requests"),
            json={"receiver": order_payload()["receiver"]},
            headers=internal_headers,
        )
    )
    complaint = await ok(
        await client.post(
            internal(shop_id, f"/orders/{orders['shipped']['id']}/complaints"),
            json={"kind": "logistics", "description": "late"},
            headers=internal_headers,
        )
    )
    return World(
        shop_id=shop_id,
        orders=orders,
        ids={
            "shop_id": shop_id,
            "after_sale_id": after_sale["id"],
            "shipment_id": orders["shipped"]["shipments"][0]["id"],
            "dispute_id": disputes[0][0]["id"],
            "dispute_under_review": disputes[1][0]["id"],
            "evidence_id": disputes[0][1]["id"],
            "export_id": export["id"],
            "endpoint_id": endpoint["id"],
            "delivery_id": delivery["id"],
            "app_id": app_row["id"],
            "account_id": await add_staff(db, shop_id=shop_id, role="viewer"),
            "address_change_id": address_change["id"],
            "complaint_id": complaint["id"],
        },
        token_headers=headers,
        internal_headers=internal_headers,
    )


def _baselines(world: World) -> dict[tuple[str, str], dict[str, Any]]:
    """Valid bodies where the document's own example or a sampled body is not enough (real ids,
    unique emails): the hostile value replaces one field of an otherwise acceptable request."""
    s = world.shop_id
    paid = world.orders["paid"]["id"]
    today = date.today().isoformat()
    return {
        ("post", "/internal/v1/shops/{shop_id}/orders"): order_payload(),
        ("post", "/v1/shops/{shop_id}/shipments/batch"): {
            "shipments": [
                {"order_id": paid, "carrier": "SF", "tracking_no": "SF1234567", "items": []}
            ]
        },
        # One entry: a hostile value goes into the first entry (see with_value).
        ("post", "/v1/shops/{shop_id}/after-sales/batch"): {
            "actions": [{"after_sale_id": world.ids["after_sale_id"], "action": "approve"}]
        },
        ("post", "/v1/shops/{shop_id}/exports"): {"created_from": today, "created_to": today},
        ("post", "/v1/webhook-endpoints"): {
            "url": "https://example.com/hook",
            "shop_ids": [s],
            "event_types": ["order.*"],
            "description": "hostile",
        },
        ("patch", "/v1/webhook-endpoints/{endpoint_id}"): {"description": "hostile"},
        ("post", "/v1/apps"): {
            "name": "hostile",
            "redirect_uris": ["https://example.com/cb"],
            "private_shop_ids": [s],
        },
        ("post", "/v1/shops/{shop_id}/staff"): {
            "email": unique_email("hostile"),
            "role": "viewer",
            "password": "pw-12345678",
            "display_name": "Hostile",
        },
        ("post", "/v1/shops/{shop_id}/orders/{order_id}/disputes"): {
            "kind": "logistics",
            "description": "parcel lost",
            "after_sale_id": world.ids["after_sale_id"],
        },
    }


# -- the document --------------------------------------------------------------------------


def _deref(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _options(spec: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The non-null alternatives of a schema (itself when it has none)."""
    schema = _deref(spec, schema)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            found = [_deref(spec, o) for o in schema[key]]
            return [o for o in found if o.get("type") != "null"]
    return [schema]


def _types(spec: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    return {str(o.get("type")) for o in _options(spec, schema)}


def sample(spec: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A valid value of ``schema``: its first example or enum value, else one built to its rules."""
    schema = _deref(spec, schema)
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    if schema.get("enum"):
        return schema["enum"][0]
    if schema.get("default") is not None:
        return schema["default"]
    options = _options(spec, schema)
    if options != [schema]:
        return sample(spec, options[0])
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        props = schema.get("properties", {})
        return {k: sample(spec, v) for k, v in props.items() if k in required}
    if kind == "array":
        return [sample(spec, schema.get("items", {})) for _ in range(schema.get("minItems", 0))]
    if kind == "integer":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "number":
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    if kind == "string":
        return _sample_string(schema)
    return None


def _sample_string(schema: dict[str, Any]) -> str:
    fmt = schema.get("format")
    if fmt == "date-time":
        return datetime.now(UTC).isoformat()
    if fmt == "date":
        return date.today().isoformat()
    if "pattern" in schema:
        pattern = re.compile(schema["pattern"])
        return next(c for c in _PATTERN_CANDIDATES if pattern.search(c))
    return "x" * max(int(schema.get("minLength", 1)), 2)


Path = tuple[str | int, ...]


def body_fields(
    spec: dict[str, Any], schema: dict[str, Any], at: Path = ()
) -> Iterator[tuple[Path, set[str]]]:
    """Every field of a JSON body with its types (array items as index 0), $refs followed."""
    for option in _options(spec, schema):
        kind = option.get("type")
        if kind == "object":
            for name, sub in option.get("properties", {}).items():
                yield (*at, name), _types(spec, sub)
                yield from body_fields(spec, sub, (*at, name))
        elif kind == "array" and "items" in option:
            yield (*at, 0), _types(spec, option["items"])
            yield from body_fields(spec, option["items"], (*at, 0))


def value_fields(value: Any, at: Path = ()) -> Iterator[tuple[Path, set[str]]]:
    """The leaves of a concrete body (free-form fields have no schema to walk)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from value_fields(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from value_fields(v, (*at, i))
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        yield at, {"integer"}
    elif isinstance(value, str):
        yield at, {"string"}


def hostile_values(types: set[str], *, json: bool = False) -> list[Any]:
    values: list[Any] = []
    if "string" in types:
        values += [NUL, SURROGATE] if json else [NUL]
    if "integer" in types:
        values += [BIG, -BIG, *EXTREME]
    if types & {"object", "array"}:
        values.append(deep())
    return values


class Deep:
    """A 1,000-deep JSON document; written as text (json.dumps would hit the recursion limit)."""

    PLACEHOLDER = "__deep_json__"
    TEXT = '{"a":' * DEEP + "1" + "}" * DEEP


def deep() -> Deep:
    return Deep()


def encode(body: Any) -> bytes:
    text = json.dumps(body, default=lambda o: Deep.PLACEHOLDER)
    return text.replace(f'"{Deep.PLACEHOLDER}"', Deep.TEXT).encode()


def with_value(
    spec: dict[str, Any], schema: dict[str, Any], body: Any, at: Path, value: Any
) -> Any:
    """A copy of ``body`` with ``value`` at ``at``; missing parents are sampled valid ones."""
    if not at:
        return value
    head, rest = at[0], at[1:]
    sub = _sub_schema(spec, schema, head)
    if isinstance(head, int):
        items = list(body) if isinstance(body, list) else []
        if not items:
            items.append(sample(spec, sub))
        items[0] = with_value(spec, sub, items[0], rest, value)
        return items
    current = dict(body) if isinstance(body, dict) else {}
    child = current[head] if head in current else sample(spec, sub)
    current[head] = with_value(spec, sub, child, rest, value)
    return current


def _sub_schema(spec: dict[str, Any], schema: dict[str, Any], head: str | int) -> dict[str, Any]:
    for option in _options(spec, schema):
        if isinstance(head, int) and "items" in option:
            return _deref(spec, option["items"])
        if isinstance(head, str) and head in option.get("properties", {}):
            return _deref(spec, option["properties"][head])
    return {}


# -- the cases -----------------------------------------------------------------------------


@dataclass
class Case:
    what: str
    method: str
    path: str
    path_values: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None
    has_json: bool = False
    files: dict[str, Any] | None = None
    data: dict[str, str] | None = None
    loc: list[str | int] | None = None  # the field a 422 must name
    may_succeed: bool = False  # an extreme but valid value


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in spec["paths"].items():
        if path.startswith(SKIPPED_PREFIXES):
            continue
        for method, op in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, op


@dataclass
class Operation:
    """One operation with a valid request; ``case`` changes one part of it."""

    method: str
    path: str
    path_values: dict[str, str]
    query: dict[str, str]
    json_schema: dict[str, Any] | None
    body: Any
    files: dict[str, Any] | None
    data: dict[str, str] | None

    def case(self, what: str, **changes: Any) -> Case:
        values: dict[str, Any] = {
            "path_values": {**self.path_values, **changes.pop("path_values", {})},
            "query": {**self.query, **changes.pop("query", {})},
        }
        if self.json_schema is not None:
            values.update(json=self.body, has_json=True)
        if self.files is not None:
            values.update(files=self.files, data=self.data)
        values.update(changes)
        return Case(f"{self.method.upper()} {self.path} {what}", self.method, self.path, **values)


def operation(
    spec: dict[str, Any], world: World, method: str, path: str, op: dict[str, Any]
) -> Operation:
    params = op.get("parameters", [])
    content = op.get("requestBody", {}).get("content", {})
    json_schema = content.get("application/json", {}).get("schema")
    form_schema = content.get("multipart/form-data", {}).get("schema")
    body: Any = None
    if json_schema is not None:
        body = _baselines(world).get((method, path), sample(spec, json_schema))
    files, data = _sample_form(spec, form_schema) if form_schema else (None, None)
    return Operation(
        method=method,
        path=path,
        path_values={
            p["name"]: world.path_value(method, path, p["name"])
            for p in params
            if p["in"] == "path"
        },
        query={
            p["name"]: str(sample(spec, p["schema"]))
            for p in params
            if p["in"] == "query" and p.get("required")
        },
        json_schema=json_schema,
        body=body,
        files=files,
        data=data,
    )


def cases(spec: dict[str, Any], world: World) -> Iterator[Case]:
    for method, path, op in _operations(spec):
        base = operation(spec, world, method, path, op)
        yield from _parameter_cases(spec, base, op.get("parameters", []))
        if base.json_schema is not None:
            yield from _json_cases(spec, base, base.json_schema)
        if base.files is not None and base.data is not None:
            for name, (_, content, media) in base.files.items():
                changed = {**base.files, name: (NUL + ".txt", content, media)}
                loc: list[str | int] = ["body", name, "filename"]
                yield base.case(f"form {name} filename=NUL", files=changed, loc=loc)
            for name in base.data:
                yield base.case(
                    f"form {name}=NUL", data={**base.data, name: NUL}, loc=["body", name]
                )


def _parameter_cases(
    spec: dict[str, Any], base: Operation, params: list[dict[str, Any]]
) -> Iterator[Case]:
    for p in params:
        if p["in"] not in ("path", "query"):
            continue  # headers cannot carry NUL over HTTP; If-Match is parsed to 10 digits
        item = _deref(spec, p["schema"])
        types = _types(spec, item)
        if "array" in types:
            types = set().union(
                *(_types(spec, o["items"]) for o in _options(spec, item) if "items" in o)
            )
        where = "path_values" if p["in"] == "path" else "query"
        for value in hostile_values(types - {"object", "array"}):
            yield base.case(
                f"{p['in']} {p['name']}={value!r}",
                **{where: {p["name"]: str(value)}},
                **_expect(value, [p["in"], p["name"]]),
            )


def _json_cases(spec: dict[str, Any], base: Operation, schema: dict[str, Any]) -> Iterator[Case]:
    yield base.case("body: bare JSON string", json="hostile")
    yield base.case(f"body: {DEEP}-deep JSON", json=deep())
    seen: set[Path] = set()
    for at, types in [*body_fields(spec, schema), *value_fields(base.body)]:
        if at in seen:
            continue
        seen.add(at)
        for value in hostile_values(types, json=True):
            body = with_value(spec, schema, base.body, at, value)
            label = "deep" if isinstance(value, Deep) else repr(value)
            expect = {} if isinstance(value, Deep) else _expect(value, ["body", *at])
            yield base.case(f"body {'.'.join(map(str, at))}={label}", json=body, **expect)


def _expect(value: Any, loc: list[str | int]) -> dict[str, Any]:
    if value in EXTREME:
        return {"may_succeed": True}
    return {"loc": loc}


def _sample_form(
    spec: dict[str, Any], schema: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    schema = _deref(spec, schema)
    files: dict[str, Any] = {}
    data: dict[str, str] = {}
    for name, sub in schema.get("properties", {}).items():
        sub = _deref(spec, sub)
        if sub.get("format") == "binary" or sub.get("contentMediaType"):
            files[name] = ("evidence.txt", b"hostile input test", "text/plain")
        else:
            data[name] = str(sample(spec, sub))
    return files, data


def multipart(files: dict[str, Any], data: dict[str, str]) -> tuple[bytes, str]:
    """A multipart body written raw: httpx (like browsers) would escape a NUL in a file name,
    a hand-made request need not."""
    boundary = "hostile-input-boundary"
    parts = [
        f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + value.encode()
        for name, value in data.items()
    ]
    for name, (filename, content, media) in files.items():
        head = f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(f"{head}Content-Type: {media}\r\n\r\n".encode() + content)
    body = b"".join(f"--{boundary}\r\n".encode() + part + b"\r\n" for part in parts)
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _url(case: Case) -> str:
    return _PARAM.sub(lambda m: quote(case.path_values[m.group(1)], safe=""), case.path)


def _problem_of(r: httpx.Response, case: Case) -> str | None:
    """Why a response is not an acceptable answer to ``case`` (None: it is)."""
    if r.status_code >= 500:
        return f"{r.status_code} {r.text[:200]}"
    if r.status_code < 400:
        return None if case.may_succeed else f"{r.status_code}: accepted"
    if r.headers.get("content-type") != "application/problem+json":
        return f"{r.status_code} {r.headers.get('content-type')}: not problem+json"
    body = r.json()
    if not isinstance(body.get("code"), str):
        return f"{r.status_code}: no code"
    if case.loc is not None:
        locs = [e.get("loc", [])[: len(case.loc)] for e in body.get("errors", [])]
        if r.status_code != 422 or body["code"] != "validation_error" or case.loc not in locs:
            return f"{r.status_code} {body['code']}: not a 422 naming {case.loc}: {locs}"
    return None


async def test_hostile_values_in_every_field_are_4xx_problems(app: Any, world: World) -> None:
    spec = app.openapi()
    failures: list[str] = []
    count = 0
    # A 500 is an answer to record here, not an exception to stop at.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for case in cases(spec, world):
            count += 1
            failure = await _send(client, world, case)
            if failure is not None:
                failures.append(f"{case.what}: {failure}")
    assert count > 300, count  # the walk found the fields (a broken walk proves nothing)
    assert not failures, f"{len(failures)} of {count}:\n" + "\n".join(failures)


async def _send(client: httpx.AsyncClient, world: World, case: Case) -> str | None:
    """Why the app's answer to ``case`` is wrong (None: it is right)."""
    kwargs: dict[str, Any] = {"params": case.query, "headers": world.headers(case.path)}
    if case.has_json:
        kwargs["content"] = encode(case.json)
        kwargs["headers"] = {**kwargs["headers"], "Content-Type": "application/json"}
    if case.files is not None:
        kwargs["content"], media = multipart(case.files, case.data or {})
        kwargs["headers"] = {**kwargs["headers"], "Content-Type": media}
    r = await client.request(case.method.upper(), _url(case), **kwargs)
    return _problem_of(r, case)


def test_every_integer_parameter_is_bounded_to_bigint(app: Any) -> None:
    """Path and query integers reach SQL as bigint: each declares bounds inside its range."""
    spec = app.openapi()
    unbounded = []
    for method, path, op in _operations(spec):
        for p in op.get("parameters", []):
            item = _deref(spec, p["schema"])
            options = _options(spec, item)
            options += [_deref(spec, o["items"]) for o in options if "items" in o]
            for option in options:
                if option.get("type") != "integer":
                    continue
                low, high = option.get("minimum"), option.get("maximum")
                if low is None or high is None or low < -MAX_BIGINT - 1 or high > MAX_BIGINT:
                    unbounded.append(f"{method.upper()} {path} {p['in']} {p['name']}")
    assert not unbounded, unbounded


async def test_every_rest_operation_passes_the_input_guard(app: Any, world: World) -> None:
    """Each /v1 and /internal operation, new ones included, refuses a NUL in any query value
    through the guard (whatever else it reads), before its handler or its auth runs."""
    failures = []
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        spec = app.openapi()
        for method, path, op in _operations(spec):
            if not path.startswith(("/v1/", "/internal/")):
                continue
            url = _url(operation(spec, world, method, path, op).case("probe"))
            r = await client.request(method.upper(), url, params={"probe": NUL})
            errors = r.json().get("errors", []) if r.status_code == 422 else []
            if {"loc": ["query", "probe"], "type": CONTROL_CHARACTER} not in [
                {"loc": e.get("loc"), "type": e.get("type")} for e in errors
            ]:
                failures.append(f"{method.upper()} {path}: {r.status_code} {r.text[:120]}")
    assert not failures, "\n".join(failures)


async def test_multi_line_text_and_unicode_pass_the_guard(
    client: httpx.AsyncClient,
    db: Database,
    shop: dict[str, int],
    internal_headers: dict[str, str],
) -> None:
    shop_id = shop["shop_id"]
    order = await new_order(client, shop_id, internal_headers)
    remark = "line 1\r\nline 2\tend — 礼物包装 📦"
    r = await client.patch(
        v1(shop_id, f"/orders/{order['id']}"),
        json={"merchant_remark": remark},
        headers=bearer(await make_token(db, shop_ids=[shop_id])),
    )
    assert r.status_code == 200, r.text
    assert r.json()["merchant_remark"] == remark
