"""The 404-vs-403 rule and role tables, without a database."""

from __future__ import annotations

import pytest

from app.auth.dependencies import Authorized, Principal
from app.domain.access.scope import ShopScope
from app.domain.access.scopes import ALL_SCOPES, ROLE_SCOPES, effective_scopes, parse_scopes
from app.domain.audit.actor import Actor
from app.errors import BadRequest, InsufficientScope, NotFound


def authorized(scope: str) -> Authorized:
    principal = Principal(
        account_id=1,
        client_id=2,
        token_id=3,
        shop_ids=frozenset({10, 11}),
        scopes_by_shop={10: frozenset({"orders:read"}), 11: frozenset(ALL_SCOPES)},
    )
    return Authorized(principal, scope, ShopScope.of({11}), Actor("app", client_id=2))


def test_invisible_shop_is_404_visible_without_scope_is_403() -> None:
    auth = authorized("orders:write")
    with pytest.raises(NotFound):
        auth.require(99)
    with pytest.raises(InsufficientScope) as exc:
        auth.require(10)
    assert exc.value.extra["scope"] == "orders:write"
    assert auth.require(11) == 11
    assert auth.can_read_pii(11) and not auth.can_read_pii(10)


def test_selected_shops_of_a_multi_shop_read() -> None:
    auth = authorized("metrics:read")
    assert auth.selected_shops(None) == auth.selected_shops([]) == [11]  # granting the scope
    assert auth.selected_shops([11, 11]) == [11]
    with pytest.raises(InsufficientScope):
        auth.selected_shops([11, 10])  # visible, without the scope
    with pytest.raises(NotFound):
        auth.selected_shops([11, 99])  # not visible


def test_rate_limit_key_per_app_and_shop_or_account_for_console() -> None:
    p = authorized("orders:read").principal
    assert p.rate_limit_key(10) != p.rate_limit_key(11)
    console = Principal(1, 2, 3, frozenset({10}), {10: frozenset()}, first_party=True)
    assert console.rate_limit_key(10) == console.rate_limit_key(11) == "account:1"


def test_role_table() -> None:
    assert ROLE_SCOPES["owner"] == frozenset(ALL_SCOPES)
    viewer = ROLE_SCOPES["viewer"]
    assert viewer == {"orders:read", "after_sales:read", "changes:read", "metrics:read"}
    assert ROLE_SCOPES["shipping"] - viewer == {"orders:write"}
    assert ROLE_SCOPES["after_sales"] - viewer == {"after_sales:write", "disputes:write"}
    assert effective_scopes(ALL_SCOPES, "viewer") == viewer
    assert effective_scopes(["orders:write"], None) == frozenset()


def test_parse_scopes() -> None:
    assert parse_scopes("all") == frozenset(ALL_SCOPES)
    assert parse_scopes("orders:read  changes:read") == {"orders:read", "changes:read"}
    with pytest.raises(BadRequest):
        parse_scopes("orders:read admin")
