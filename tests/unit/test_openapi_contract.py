"""The published contract: every public operation is typed, tagged and documents its errors.

One case per operation (``-k`` selects by path), so a gap names the operation it is in.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from app.schema_dump import openapi_document
from app.web.responses import PROBLEM_JSON

PUBLIC_PREFIXES = ("/v1/", "/oauth/token", "/oauth/introspect", "/oauth/revoke")
# Media types that carry files or streams: their body is bytes, not a JSON model.
FILE_MEDIA = {
    "text/csv",
    "application/x-ndjson",
    "application/octet-stream",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MUST_DOCUMENT = {"401", "422"}
# The OAuth endpoints read their form through Authlib (never a 422): RFC 6749 errors instead,
# documented as what they are, application/json `OAuthError` (not problem+json).
OAUTH_PREFIX = "/oauth/"
OAUTH_MUST_DOCUMENT = {"400", "401"}
OAUTH_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/OAuthError"}}}


@cache
def _spec() -> dict[str, Any]:
    return openapi_document()


def _operations() -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, ops in _spec()["paths"].items()
        if path.startswith(PUBLIC_PREFIXES)
        for method in ops
    ]


def _typed(content: dict[str, Any]) -> bool:
    for media, entry in content.items():
        schema = entry.get("schema") or {}
        if media in FILE_MEDIA:
            continue
        if not schema or schema == {"type": "object"}:
            return False
    return bool(content)


@pytest.mark.parametrize(("method", "path"), _operations(), ids=lambda v: str(v))
def test_operation_is_typed_and_documents_its_errors(method: str, path: str) -> None:
    op = _spec()["paths"][path][method]
    assert op.get("summary"), "no summary"
    assert op.get("tags"), "no tag"
    responses = op["responses"]
    # A file download also answers 206 Partial Content to a Range request.
    ok = [code for code in responses if code.startswith("2") and code != "206"]
    assert len(ok) == 1, f"one success status expected, found {ok}"
    if "206" in responses:
        assert set(responses["206"]["content"]) <= FILE_MEDIA, "206 outside a file download"
    if ok[0] != "204":
        assert _typed(responses[ok[0]].get("content", {})), "success body is untyped"
    oauth = path.startswith(OAUTH_PREFIX)
    missing = (OAUTH_MUST_DOCUMENT if oauth else MUST_DOCUMENT) - set(responses)
    assert not missing, f"errors not documented: {sorted(missing)}"
    for code, entry in responses.items():
        if code.startswith(("4", "5")):
            content = entry.get("content", {})
            if oauth and content == OAUTH_ERROR:
                continue
            assert set(content) == {PROBLEM_JSON}, f"{code} is not problem+json: {set(content)}"
            assert content[PROBLEM_JSON]["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_operation_ids_are_unique_handler_names() -> None:
    """SDKs name their functions after operationIds: they must be unique and readable."""
    ids = [op["operationId"] for ops in _spec()["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(i.isidentifier() and "__" not in i for i in ids), ids


def test_generic_read_models_are_named_as_sdks_name_them() -> None:
    """``Page[OrderRow]`` is ``OrderRowPage`` by key (TypeScript types) and by title (Python
    models), never pydantic's ``Page_OrderRow_``; every reference points at an existing key."""
    schemas = _spec()["components"]["schemas"]
    assert "OrderRowPage" in schemas and schemas["OrderRowPage"]["title"] == "OrderRowPage"
    assert [k for k in schemas if k.startswith(("Page_", "Listing_"))] == []
    refs = re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(_spec()))
    assert sorted(set(refs) - set(schemas)) == []


def test_uploaded_files_are_binary_so_sdks_send_a_file_part() -> None:
    """A multipart file field without ``format: binary`` is a plain string to generators (the
    Python client sent it as a text field)."""
    schemas = _spec()["components"]["schemas"]
    files = [
        (name, field)
        for name, schema in schemas.items()
        for field, prop in (schema.get("properties") or {}).items()
        if prop.get("contentMediaType") == "application/octet-stream"
    ]
    assert ("Body_upload_evidence", "file") in files
    for name, field in files:
        assert schemas[name]["properties"][field].get("format") == "binary", (name, field)


def test_integer_bounds_are_exact_integers() -> None:
    """FastAPI's OpenAPI models hold bounds as floats: float(2**63 - 1) is 2**63, so generated
    clients (and schemathesis) sent ids one past bigint that the app then refused."""
    found: list[object] = []
    stack: list[Any] = [_spec()]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "integer":
                found += [item[k] for k in ("minimum", "maximum") if k in item]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    assert found
    assert all(type(bound) is int and bound <= 2**63 - 1 for bound in found), sorted(
        {repr(b) for b in found if type(b) is not int or b > 2**63 - 1}
    )


def test_every_operation_with_a_body_documents_400() -> None:
    """A body that is not JSON (or not a form) is 400 on every route that reads one."""
    missing = [
        f"{method.upper()} {path}"
        for path, ops in _spec()["paths"].items()
        for method, op in ops.items()
        if "requestBody" in op and "400" not in op["responses"]
    ]
    assert missing == []
