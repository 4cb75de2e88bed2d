"""Private apps end with the authority that made them.

A private app (client_credentials, bound to its owner's shops) is made by a token acting for an
account through some app's grant. It is revoked — soft-deleted, so its tokens stop resolving
and ``client_credentials`` answers ``invalid_client`` — when that authority goes:

- the grant it was made through is revoked on one of its shops (the app is uninstalled there)
  or that app is deleted;
- its owner leaves one of its shops or stops being an owner there;
- the token that made it is revoked, when that token was a third-party app's. A token of a
  first-party app (the merchant console) is revoked at every sign-out, which must not delete
  what the merchant made in the console.

Private apps made through a revoked private app are revoked in turn. Sync, so the OAuth
endpoints (inside Authlib's callbacks) and the async services (through ``run_sync``) share it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, any_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, aliased

from app.domain.apps import repository
from app.domain.audit.actor import SYSTEM, Actor
from app.domain.audit.service import audit_insert
from app.domain.webhooks.access import cancel_undeliverable_sync
from app.kit.clock import utcnow
from app.models import OAuthClient


def made_through_grant(client_id: int, account_ids: list[int], shop_id: int) -> ColumnElement[bool]:
    """Private apps made through ``client_id``'s grant by these accounts, bound to the shop."""
    return (
        (OAuthClient.created_via_client_id == client_id)
        & OAuthClient.owner_account_id.in_(account_ids)
        & (shop_id == any_(OAuthClient.private_shop_ids))
    )


def made_through_apps(client_ids: list[int]) -> ColumnElement[bool]:
    """Private apps made through any of these apps (whatever the shop: the app is gone)."""
    return OAuthClient.created_via_client_id.in_(client_ids)


def owned_on_shop(account_id: int, shop_id: int) -> ColumnElement[bool]:
    return (OAuthClient.owner_account_id == account_id) & (
        shop_id == any_(OAuthClient.private_shop_ids)
    )


def made_by_third_party_tokens(token_ids: list[int]) -> ColumnElement[bool]:
    creator = aliased(OAuthClient)
    third_party = select(creator.id).where(creator.first_party.is_(False))
    return OAuthClient.created_by_token_id.in_(token_ids) & OAuthClient.created_via_client_id.in_(
        third_party
    )


def revoke_private_apps_sync(
    session: Session, which: ColumnElement[bool], *, reason: str, actor: Actor = SYSTEM
) -> list[int]:
    """Revoke the live private apps ``which`` selects, then those made through them; their
    tokens and grants are revoked too. Audited (``app.revoked``) on each of their shops."""
    revoked: list[int] = []
    now = utcnow()
    while True:
        rows = repository.soft_delete_private_apps(session, which, now)
        if not rows:
            return revoked
        ids = sorted(app_id for app_id, _ in rows)
        repository.revoke_tokens_and_grants_of(session, ids, now)
        for app_id, shop_ids in rows:
            for shop_id in shop_ids:
                session.execute(
                    audit_insert(
                        actor,
                        shop_id=shop_id,
                        action="app.revoked",
                        entity="app",
                        entity_id=app_id,
                        data={"reason": reason},
                    )
                )
        cancel_undeliverable_sync(
            session, client_ids=ids, reason=f"Cancelled: the private app was revoked ({reason})."
        )
        revoked.extend(ids)
        which = made_through_apps(ids)
        reason = "the private app it was made through was revoked"


async def revoke_private_apps(
    session: AsyncSession, which: ColumnElement[bool], *, reason: str, actor: Actor = SYSTEM
) -> list[int]:
    return await session.run_sync(
        lambda s: revoke_private_apps_sync(s, which, reason=reason, actor=actor)
    )
