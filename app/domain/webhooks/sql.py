"""SQL shared by the fan-out, replay, the delivery claim and the cancellations.

``MATCHES_SQL`` applies an endpoint's event-type patterns (``*``, ``order.*``, exact) to change
``p.type`` of endpoint ``e``. ``receives_sql(shop)`` says whether endpoint ``e`` may receive
that shop's data now.
"""

from __future__ import annotations

from app.domain.access.scopes import ROLE_SCOPES

MATCHES_SQL = """EXISTS (
    SELECT 1 FROM unnest(e.event_types) AS pat
    WHERE pat = '*' OR pat = p.type
       OR (right(pat, 2) = '.*' AND left(p.type, length(pat) - 1) = left(pat, length(pat) - 1))
)"""

# The roles that may manage webhooks (owner), from the one role table.
_MANAGING_ROLES = ", ".join(
    f"'{role}'" for role, scopes in sorted(ROLE_SCOPES.items()) if "webhooks:manage" in scopes
)


def receives_sql(shop: str) -> str:
    """Endpoint ``e`` may receive the data of shop ``shop`` (an SQL expression).

    The shop's merchant has not switched the endpoint off for it, and (unless the operator made
    the endpoint, without an app) the app that made it is still installed on the shop by the
    account that made it, that account is still a member there with a role that manages
    webhooks, and neither the app nor the account was deleted or disabled: the same conditions
    under which the app's token could see the endpoint at all. Primary-key probes only.
    """
    return f"""(NOT ({shop} = ANY(e.disabled_shop_ids)) AND (e.client_id IS NULL OR EXISTS (
    SELECT 1 FROM oauth_grants g
    JOIN oauth_clients oc ON oc.id = g.client_id
    JOIN accounts a ON a.id = g.account_id
    JOIN shop_members m ON m.shop_id = g.shop_id AND m.account_id = g.account_id
    WHERE g.shop_id = {shop} AND g.client_id = e.client_id AND g.account_id = e.owner_account_id
      AND g.revoked_at IS NULL AND oc.deleted_at IS NULL AND a.disabled_at IS NULL
      AND m.role IN ({_MANAGING_ROLES})
)))"""


def not_receiving(shop_id: int) -> str:
    """``last_error`` of a delivery cancelled because its endpoint may no longer receive the
    shop's data."""
    return (
        f"Cancelled: the endpoint may no longer receive shop {shop_id}'s data (its app was "
        "uninstalled there, its creator lost access, or the merchant disabled it for the shop)."
    )
