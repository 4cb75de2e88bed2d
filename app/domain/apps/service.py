"""OAuth apps (clients): creation with a secret shown once, lookups, deletion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.principal import Principal
from app.domain.access.scopes import format_scopes, parse_scopes
from app.domain.access.secrets import (
    CLIENT_ID_PREFIX,
    CLIENT_SECRET_PREFIX,
    hash_secret,
    new_secret,
)
from app.domain.apps import repository
from app.domain.apps.revocation import made_through_apps, revoke_private_apps
from app.domain.apps.schemas import App, AppWithSecret, ClientType
from app.domain.audit.actor import SYSTEM, Actor
from app.domain.audit.service import record_audit
from app.domain.tokens.service import grant_shops, member_roles
from app.domain.webhooks.access import cancel_undeliverable
from app.errors import InsufficientScope, NotFound, ValidationFailed, field_error
from app.kit.clock import rfc3339
from app.kit.contract import Page
from app.models import OAuthClient


@dataclass(frozen=True)
class CreatedApp:
    id: int
    client_id: str
    client_secret: str | None  # shown once, never stored


def _check_redirect_uri(uri: str) -> str | None:
    parts = urlsplit(uri)
    if parts.fragment:
        return "must not contain a fragment"
    if parts.scheme == "https" and parts.netloc:
        return None
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return None
    return "must be https (or http on a loopback host)"


async def create_app(
    session: AsyncSession,
    *,
    owner_account_id: int,
    name: str,
    redirect_uris: Iterable[str] = (),
    client_type: ClientType = ClientType.CONFIDENTIAL,
    scope: str | Iterable[str] = "all",
    private_shop_ids: Iterable[int] | None = None,
    first_party: bool = False,
    actor: Actor = SYSTEM,
    creator: Principal | None = None,
) -> CreatedApp:
    """A new app. A private app is installed on its shops at once (client_credentials).

    ``creator`` is the token making it over the API (None: the operator's CLI, bootstrap): a
    private app's scopes may not exceed the creator's effective scopes on any of its shops
    (403 ``insufficient_scope`` naming the others), and it remembers the app and token it was
    made through, to be revoked with them (app/domain/apps/revocation.py).
    """
    uris = list(redirect_uris)
    errors = [
        field_error(["redirect_uris", i], msg)
        for i, uri in enumerate(uris)
        if (msg := _check_redirect_uri(uri))
    ]
    private = sorted(set(private_shop_ids)) if private_shop_ids is not None else None
    if private is not None:
        if client_type is not ClientType.CONFIDENTIAL:
            errors.append(field_error(["client_type"], "a private app must be confidential"))
        roles = await member_roles(session, owner_account_id, private)
        if not private or any(roles.get(s) != "owner" for s in private):
            errors.append(field_error(["shop_ids"], "private apps need shops the owner owns"))
    if errors:
        raise ValidationFailed("The app is invalid.", errors)
    wanted = parse_scopes(scope if isinstance(scope, str) else list(scope))
    if private and creator is not None:
        beyond = wanted - frozenset.intersection(*(creator.scopes_on(s) for s in private))
        if beyond:
            raise InsufficientScope(
                format_scopes(beyond),
                detail="A private app's scopes may not exceed yours on its shops; "
                f"you lack: {format_scopes(beyond)}.",
            )
    scopes = format_scopes(wanted)
    confidential = client_type is ClientType.CONFIDENTIAL
    secret = new_secret(CLIENT_SECRET_PREFIX) if confidential else None
    client_id = new_secret(CLIENT_ID_PREFIX)[:40]
    row_id = await repository.insert_app(
        session,
        client_id=client_id,
        client_secret_hash=hash_secret(secret) if secret else None,
        name=name,
        owner_account_id=owner_account_id,
        client_type=client_type,
        redirect_uris=uris,
        scope=scopes,
        private_shop_ids=private,
        first_party=first_party,
        created_via_client_id=creator.client_id if creator and private else None,
        created_by_token_id=creator.token_id if creator and private else None,
    )
    if private:
        await grant_shops(
            session, client_id=row_id, account_id=owner_account_id, shop_ids=private, scope=scopes
        )
        for shop_id in private:
            await record_audit(
                session,
                actor,
                shop_id=shop_id,
                action="app.installed",
                entity="app",
                entity_id=row_id,
                data={"scope": scopes, "private": True},
            )
    return CreatedApp(row_id, client_id, secret)


def app_view(row: OAuthClient) -> App:
    return {
        "id": row.id,
        "client_id": row.client_id,
        "name": row.name,
        "client_type": ClientType(row.client_type),
        "redirect_uris": list(row.redirect_uris or []),
        "scope": row.scope,
        "private_shop_ids": row.private_shop_ids,
        "created_at": rfc3339(row.created_at),
    }


async def list_apps(session: AsyncSession, owner_account_id: int) -> Page[App]:
    """The account's apps, oldest first, in one page (an account has few)."""
    rows = await repository.apps_owned_by(session, owner_account_id)
    return {"data": [app_view(r) for r in rows], "has_more": False, "next_cursor": None}


async def created_app_view(session: AsyncSession, created: CreatedApp) -> AppWithSecret:
    """The app just created, with its secret (the one response that shows it)."""
    row = await repository.find_app_by_id(session, created.id)
    if row is None:  # written in this very transaction: cannot happen
        raise NotFound(f"App {created.id} was not found.")
    return {**app_view(row), "client_secret": created.client_secret}


async def delete_app(
    session: AsyncSession, *, owner_account_id: int, app_id: int, actor: Actor = SYSTEM
) -> OAuthClient:
    """Soft-delete: its tokens stop resolving at once (the principal joins on deleted_at).

    Audited on every shop the app was installed on."""
    row = await repository.soft_delete_app(
        session, owner_account_id=owner_account_id, app_id=app_id
    )
    if row is None:
        raise NotFound(f"App {app_id} was not found.")
    await revoke_private_apps(
        session, made_through_apps([app_id]), reason="the app it was made through was deleted"
    )
    await cancel_undeliverable(
        session, client_ids=[app_id], reason="Cancelled: the app was deleted."
    )
    for shop_id in await repository.shops_installed_on(session, app_id):
        await record_audit(
            session, actor, shop_id=shop_id, action="app.deleted", entity="app", entity_id=app_id
        )
    return row
