"""``ordergate apps create``, ``ordergate tokens issue``, ``ordergate staff create``
(development, tests and operators; everything goes through the same services as the API)."""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from app.commands.database import fail, run_with_database

if TYPE_CHECKING:
    from app.db import Database

#: The demo owner ``ordergate up`` creates (kept literal so --help imports nothing heavy; a
#: unit test checks it equals app.demo.credentials.DEMO_EMAIL).
DEMO_EMAIL = "demo@ordergate.test"
STAFF_ROLES = ("viewer", "after_sales", "shipping")
apps = typer.Typer(help="OAuth apps.", no_args_is_help=True)
tokens = typer.Typer(help="Access tokens (development and tests).", no_args_is_help=True)
staff = typer.Typer(help="Shop staff accounts.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON only.")]


def _shop_ids(raw: str) -> list[int]:
    try:
        ids = [int(part) for part in raw.split(",") if part.strip()]
    except ValueError as exc:
        raise typer.BadParameter("use comma-separated shop ids, e.g. 1,2") from exc
    if not ids:
        raise typer.BadParameter("at least one shop id")
    return ids


def _print(result: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    for key, value in result.items():
        typer.echo(f"{key}: {value}")


async def _account_id(db: Database, email: str) -> int:
    from app.domain.accounts.repository import find_account_by_email

    async with db.transaction() as s:
        account = await find_account_by_email(s, email)
    if account is None:
        fail(f"No account with email {email} (the demo owner is {DEMO_EMAIL}).", 1)
    return account.id


@apps.command("create")
def apps_create(
    name: Annotated[str, typer.Option(help="App name")],
    redirect_uri: Annotated[
        list[str] | None, typer.Option(help="Exact redirect URI (repeatable)")
    ] = None,
    public: Annotated[bool, typer.Option(help="Public client (no secret; PKCE only)")] = False,
    private: Annotated[
        bool, typer.Option(help="Private app for client_credentials, bound to --shops")
    ] = False,
    account: Annotated[str, typer.Option(help="Owner account email")] = DEMO_EMAIL,
    shops: Annotated[str | None, typer.Option(help="Shops of a private app, e.g. 1,2")] = None,
    scopes: Annotated[str, typer.Option(help="Space-separated scopes or 'all'")] = "all",
    as_json: JsonFlag = False,
) -> None:
    """Create an OAuth app; the client secret is printed once."""
    if private and (public or not shops):
        raise typer.BadParameter("--private needs --shops and a confidential app")
    private_shops = _shop_ids(shops) if private and shops else None

    from app.domain.apps.schemas import ClientType
    from app.domain.apps.service import create_app

    async def work(db: Database) -> dict[str, Any]:
        owner = await _account_id(db, account)
        async with db.transaction() as s:
            created = await create_app(
                s,
                owner_account_id=owner,
                name=name,
                redirect_uris=redirect_uri or [],
                client_type=ClientType.PUBLIC if public else ClientType.CONFIDENTIAL,
                scope=scopes,
                private_shop_ids=private_shops,
            )
        return {
            "id": created.id,
            "client_id": created.client_id,
            "client_secret": created.client_secret,
            "client_type": "public" if public else "confidential",
            "private_shop_ids": private_shops,
        }

    _print(run_with_database(work), as_json)


@tokens.command("issue")
def tokens_issue(
    account: Annotated[str, typer.Option(help="Account email")],
    app: Annotated[str, typer.Option(help="App name")],
    shops: Annotated[str, typer.Option(help="Shop ids, e.g. 1,2")],
    scopes: Annotated[str, typer.Option(help="Space-separated scopes or 'all'")] = "all",
    as_json: JsonFlag = False,
) -> None:
    """Issue an access/refresh pair without the browser flow (development and tests)."""
    from app.domain.apps.repository import find_app_by_name
    from app.domain.tokens.service import issue_tokens

    shop_ids = _shop_ids(shops)

    async def work(db: Database) -> dict[str, Any]:
        account_id = await _account_id(db, account)
        async with db.transaction() as s:
            client = await find_app_by_name(s, owner_account_id=None, name=app)
            if client is None:
                fail(f"No app named {app}.", 1)
            issued = await issue_tokens(
                s, client_id=client.id, account_id=account_id, shop_ids=shop_ids, scope=scopes
            )
        return {
            "access_token": issued.access_token,
            "refresh_token": issued.refresh_token,
            "expires_in": issued.expires_in,
            "scope": issued.scope,
            "shops": issued.shop_ids,
        }

    _print(run_with_database(work), as_json)


@staff.command("create")
def staff_create(
    shop: Annotated[int, typer.Option(help="Shop id", min=1)],
    email: Annotated[str, typer.Option(help="Staff email (created when new)")],
    role: Annotated[str, typer.Option(help="viewer, after_sales or shipping")],
    password: Annotated[
        str | None, typer.Option(help="Password of a new account (generated if omitted)")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a staff member with a role to a shop (audited as a system action)."""
    if role not in STAFF_ROLES:
        raise typer.BadParameter("role must be viewer, after_sales or shipping")
    from app.domain.access.scope import ShopScope
    from app.domain.accounts.repository import find_account_by_email
    from app.domain.audit.actor import SYSTEM
    from app.domain.shops.repository import require_shop
    from app.domain.staff.schemas import StaffRole
    from app.domain.staff.service import StaffService
    from app.models.accounts import Role

    chosen = password or secrets.token_urlsafe(12)

    async def work(db: Database) -> dict[str, Any]:
        async with db.transaction() as s:
            await require_shop(s, shop)
            existed = await find_account_by_email(s, email) is not None
            member = await StaffService(s, ShopScope.of([shop]), SYSTEM).add(
                shop,
                email=email,
                role=cast("StaffRole", Role(role)),
                password=chosen,
                display_name=None,
            )
        shown: dict[str, Any] = dict(member)
        if not existed:
            shown["password"] = chosen
        return shown

    _print(run_with_database(work), as_json)


def register(cli: typer.Typer) -> None:
    cli.add_typer(apps, name="apps")
    cli.add_typer(tokens, name="tokens")
    cli.add_typer(staff, name="staff")
