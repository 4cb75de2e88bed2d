"""The OpenAPI document describes the OAuth2 scheme, its flows and scopes, and which scope each
/v1 operation needs."""

from __future__ import annotations

from typing import Any

from app.domain.access.scopes import ALL_SCOPES


def test_oauth2_scheme_with_flows_and_scopes(app: Any) -> None:
    spec = app.openapi()
    scheme = spec["components"]["securitySchemes"]["OAuth2"]
    assert scheme["type"] == "oauth2"
    code = scheme["flows"]["authorizationCode"]
    assert code["authorizationUrl"] == "/oauth/authorize"
    assert code["tokenUrl"] == code["refreshUrl"] == "/oauth/token"
    assert sorted(code["scopes"]) == sorted(ALL_SCOPES)
    assert scheme["flows"]["clientCredentials"]["tokenUrl"] == "/oauth/token"


def test_every_v1_operation_declares_the_oauth2_requirement(app: Any) -> None:
    missing = []
    for path, operations in app.openapi()["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, op in operations.items():
            schemes = [name for req in op.get("security", []) for name in req]
            if "OAuth2" not in schemes:
                missing.append(f"{method.upper()} {path}")
    assert not missing, missing
