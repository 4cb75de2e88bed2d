"""OAuth HTTP endpoints: authorize (login + consent), token, revoke, introspect, metadata."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import OAuth2Error
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.db import Session
from app.domain.access.passwords import verify_password
from app.domain.access.scopes import ALL_SCOPES
from app.domain.accounts.repository import find_account_by_email, get_account
from app.domain.apps.console_client import CONSOLE_CLIENT_ID, configured_origins
from app.domain.apps.grants import record_installs
from app.domain.audit.actor import Actor, ActorType
from app.domain.tokens import repository as tokens
from app.domain.tokens.service import grant_shops_sync
from app.errors import PROBLEM_BASE, NotFound
from app.oauth2.grants import ANY_CLIENT_AUTH
from app.oauth2.models import User
from app.oauth2.pages import ShopChoice, consent_page, error_page, login_page
from app.oauth2.ratelimit import per_ip_limit
from app.oauth2.requests import StarletteOAuth2Request, read_oauth2_request
from app.oauth2.schemas import (
    AuthorizationServerMetadata,
    IntrospectionResponse,
    OAuthError,
    RevocationResponse,
    TokenActionForm,
    TokenForm,
    TokenResponse,
)
from app.oauth2.server import OrderGateAuthorizationServer, Result, run_authorization_server
from app.oauth2.session import (
    csrf_seed,
    csrf_token,
    csrf_valid,
    session_account_id,
    set_csrf_cookie,
    start_session,
)
from app.web.openapi import component, problems
from app.web.responses import json_bytes_response, request_id_of

_TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden"}
FORM = "application/x-www-form-urlencoded"


def _form(name: str, model: Any) -> dict[str, Any]:
    """``openapi_extra`` of a form read by Authlib (not by FastAPI: its errors stay OAuth's)."""
    return {
        "requestBody": {"required": True, "content": {FORM: {"schema": component(name, model)}}}
    }


def _oauth_errors(descriptions: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    """RFC 6749 errors (``OAuthError`` as application/json) by status, and the problem+json
    ones every endpoint can answer (an outage: 503)."""
    errors: dict[int | str, dict[str, Any]] = {
        status: {"model": OAuthError, "description": text} for status, text in descriptions.items()
    }
    return {**errors, **problems(503)}


_INVALID_CLIENT = "`invalid_client`: client authentication failed"
_CLIENT_ERRORS = _oauth_errors(
    {
        400: "`invalid_request` (a parameter missing or repeated) or `unsupported_token_type`",
        401: _INVALID_CLIENT,
    }
)


_PAGE = {"text/html": {"schema": {"type": "string"}}}
_REDIRECT = "Back to the client's `redirect_uri` with `code` or `error` (and `state`)"
# The browser endpoint answers pages and redirects, never JSON.
_AUTHORIZE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "The login or consent page", "content": _PAGE},
    302: {"description": _REDIRECT},
    400: {
        "description": "An error page: unknown client, redirect_uri not registered, wrong email "
        "or password (the login page again)",
        "content": _PAGE,
    },
    **problems(503),
}


def oauth_json(result: Result) -> Response:
    """RFC 6749 JSON; errors also carry our problem fields (``code`` = the OAuth error)."""
    status, body, headers = result
    if status == 302:
        return RedirectResponse(dict(headers)["Location"], status_code=302)
    payload: dict[str, Any] = dict(body) if isinstance(body, dict) else {}
    if "error" in payload:
        payload.update(
            type=PROBLEM_BASE + str(payload["error"]),
            title=_TITLES.get(status, "OAuth error"),
            status=status,
            detail=payload.get("error_description") or payload["error"],
            code=payload["error"],
        )
    extra = {k: v for k, v in headers if k.lower() != "content-type"}
    return json_bytes_response(payload, status, extra)


async def _member_shops(session: AsyncSession, account_id: int) -> list[ShopChoice]:
    rows = await session.run_sync(tokens.member_shops, account_id)
    return [ShopChoice(*row) for row in rows]


def public_base_url(request: Request, settings: Settings) -> str:
    """``ORDERGATE_PUBLIC_URL``; only in development the request's own base URL. Never the
    Host header in production: a client could name any issuer it likes."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    if settings.is_development:
        return str(request.base_url).rstrip("/")
    raise NotFound("No authorization server metadata: ORDERGATE_PUBLIC_URL is not configured.")


def skips_consent(request: Request, settings: Settings, grant: Any) -> bool:
    """The console is part of OrderGate: signing in to it is consent enough, as long as the
    code goes back to the console this server serves (same origin) or to a configured console
    origin. A loopback redirect to another port still asks, since any local program may listen
    there; the shops and scopes granted stay bounded by the account's roles either way.
    """
    row = grant.client.row
    if row.client_id != CONSOLE_CLIENT_ID or not row.first_party:
        return False
    parts = urlsplit(grant.request.payload.redirect_uri or "")
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin == str(request.base_url).rstrip("/") or origin in configured_origins(settings)


def create_router(settings: Settings) -> APIRouter:
    router = APIRouter(tags=["oauth"])

    def form_page(request: Request, render: Any, status: int = 200) -> Response:
        seed, fresh = csrf_seed(request)
        response = HTMLResponse(render(csrf_token(settings, seed)), status_code=status)
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        if fresh:
            set_csrf_cookie(response, settings, seed)
        return response

    async def validate(session: AsyncSession, req: StarletteOAuth2Request) -> Any:
        def call(server: OrderGateAuthorizationServer) -> Any:
            try:
                return server.get_consent_grant(req)
            except OAuth2Error as error:
                return server.handle_error_response(req, error)

        return await run_authorization_server(session, settings, call)

    def invalid_request(result: Result) -> Response:
        status, body, _ = result
        if status == 302:
            return oauth_json(result)
        detail = body.get("error_description") or body.get("error") or "Invalid request."
        return HTMLResponse(error_page(str(detail)), status_code=400)

    async def consent(
        request: Request, session: AsyncSession, grant: Any, account_id: int, error: str | None
    ) -> Response:
        action = str(request.url.include_query_params())
        shops = await _member_shops(session, account_id)
        return form_page(
            request,
            lambda csrf: consent_page(
                action=action,
                csrf=csrf,
                app_name=grant.client.row.name,
                scopes=str(grant.request.scope or "").split(),
                shops=shops,
                error=error,
            ),
            400 if error else 200,
        )

    async def answer(
        request: Request,
        session: AsyncSession,
        req: StarletteOAuth2Request,
        grant: Any,
        user: User | None,
        shop_ids: list[int],
    ) -> Response:
        """Redirect back with a code for ``shop_ids`` (or ``access_denied`` when no user)."""
        req.shop_ids = shop_ids

        def respond(server: OrderGateAuthorizationServer) -> Result:
            result: Result = server.create_authorization_response(req, grant_user=user, grant=grant)
            if user is not None and "code=" in dict(result[2]).get("Location", ""):
                grant_shops_sync(
                    server.session,
                    client_id=grant.client.id,
                    account_id=user.id,
                    shop_ids=req.shop_ids,
                    scope=req.scope,
                )
            return result

        result = await run_authorization_server(session, settings, respond)
        if user is not None and result[0] == 302:
            actor = Actor(
                ActorType.ACCOUNT,
                account_id=user.id,
                client_id=grant.client.id,
                request_id=request_id_of(request),
                ip=request.client.host if request.client else None,
            )
            await record_installs(session, actor, grant.client.id, shop_ids, req.scope)
        return oauth_json(result)

    def login(request: Request, grant: Any, error: str | None = None) -> Response:
        action = str(request.url)
        return form_page(
            request,
            lambda csrf: login_page(
                action=action, csrf=csrf, app_name=grant.client.row.name, error=error
            ),
            400 if error else 200,
        )

    @router.get(
        "/oauth/authorize",
        summary="Authorization endpoint (login, then consent)",
        response_class=HTMLResponse,
        responses=_AUTHORIZE_RESPONSES,
    )
    async def authorize(request: Request, session: Session) -> Response:
        req = await read_oauth2_request(request, allow_http=settings.is_development)
        grant = await validate(session, req)
        if isinstance(grant, tuple):
            return invalid_request(grant)
        account_id = session_account_id(request, settings)
        if account_id is None:
            return login(request, grant)
        if skips_consent(request, settings, grant):
            account = await get_account(session, account_id)
            if account is None or account.disabled_at is not None:
                return login(request, grant)
            shops = [s.id for s in await _member_shops(session, account.id)]
            if shops:
                return await answer(request, session, req, grant, User.of(account), shops)
        return await consent(request, session, grant, account_id, None)

    @router.post(
        "/oauth/authorize",
        summary="Login and consent form submissions",
        dependencies=[Depends(per_ip_limit("authorize"))],
        response_class=HTMLResponse,
        responses={
            **_AUTHORIZE_RESPONSES,
            303: {"description": "Logged in: back to this endpoint for consent"},
            403: {
                "description": "The form expired (CSRF token missing or stale)",
                "content": _PAGE,
            },
            **problems(429),
        },
    )
    async def authorize_submit(request: Request, session: Session) -> Response:
        form = await request.form()
        if not csrf_valid(request, settings, str(form.get("csrf_token") or "")):
            return HTMLResponse(error_page("The form expired; go back and retry."), 403)
        req = await read_oauth2_request(request, allow_http=settings.is_development)
        grant = await validate(session, req)
        if isinstance(grant, tuple):
            return invalid_request(grant)
        if form.get("step") == "login":
            account = await find_account_by_email(session, str(form.get("email") or ""))
            stored = account.password_hash if account and account.disabled_at is None else None
            if not await verify_password(stored, str(form.get("password") or "")):
                return login(request, grant, "Wrong email or password.")
            assert account is not None
            response = RedirectResponse(str(request.url), status_code=303)
            start_session(response, settings, account.id)
            return response
        account_id = session_account_id(request, settings)
        account = await get_account(session, account_id) if account_id else None
        if account is None or account.disabled_at is not None:
            return login(request, grant)
        decision = form.get("decision")
        if decision not in ("allow", "deny"):
            return await consent(request, session, grant, account.id, "Choose Allow or Deny.")
        chosen: set[int] = set()
        if decision == "allow":
            member = {s.id for s in await _member_shops(session, account.id)}
            raw = [str(v) for v in form.getlist("shop_ids")]
            chosen = {int(v) for v in raw if v.isdigit() and int(v) in member}
            if not chosen or len(chosen) != len(raw):
                return await consent(
                    request, session, grant, account.id, "Choose at least one of your shops."
                )
        user = User.of(account) if decision == "allow" else None
        return await answer(request, session, req, grant, user, sorted(chosen))

    @router.post(
        "/oauth/token",
        summary="Token endpoint (authorization_code, refresh_token, client_credentials)",
        response_model=TokenResponse,
        openapi_extra=_form("TokenForm", TokenForm),
        dependencies=[Depends(per_ip_limit("token"))],
        responses={
            **_oauth_errors(
                {
                    400: "`invalid_request`, `invalid_grant` (code or refresh token invalid, "
                    "expired, reused or of another client), `unauthorized_client`, "
                    "`unsupported_grant_type` or `invalid_scope`",
                    401: _INVALID_CLIENT,
                }
            ),
            **problems(429),
        },
    )
    async def token(request: Request, session: Session) -> Response:
        req = await read_oauth2_request(request, allow_http=settings.is_development)
        result: Result = await run_authorization_server(
            session, settings, lambda server: server.create_token_response(req)
        )
        return oauth_json(result)

    @router.post(
        "/oauth/revoke",
        summary="Token revocation (RFC 7009)",
        response_model=RevocationResponse,
        openapi_extra=_form("TokenActionForm", TokenActionForm),
        responses=_CLIENT_ERRORS,
    )
    async def revoke(request: Request, session: Session) -> Response:
        req = await read_oauth2_request(request, allow_http=settings.is_development)
        result: Result = await run_authorization_server(
            session, settings, lambda server: server.create_endpoint_response("revocation", req)
        )
        return oauth_json(result)

    @router.post(
        "/oauth/introspect",
        summary="Token introspection (RFC 7662)",
        response_model=IntrospectionResponse,
        openapi_extra=_form("TokenActionForm", TokenActionForm),
        responses=_CLIENT_ERRORS,
    )
    async def introspect(request: Request, session: Session) -> Response:
        req = await read_oauth2_request(request, allow_http=settings.is_development)
        result: Result = await run_authorization_server(
            session, settings, lambda server: server.create_endpoint_response("introspection", req)
        )
        return oauth_json(result)

    @router.get(
        "/.well-known/oauth-authorization-server",
        summary="Authorization server metadata (RFC 8414)",
        response_model=AuthorizationServerMetadata,
    )
    async def metadata(request: Request) -> Response:
        issuer = public_base_url(request, settings)
        body: AuthorizationServerMetadata = {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/oauth/authorize",
            "token_endpoint": f"{issuer}/oauth/token",
            "revocation_endpoint": f"{issuer}/oauth/revoke",
            "introspection_endpoint": f"{issuer}/oauth/introspect",
            "scopes_supported": list(ALL_SCOPES),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": [
                "authorization_code",
                "refresh_token",
                "client_credentials",
            ],
            "token_endpoint_auth_methods_supported": ANY_CLIENT_AUTH,
            "revocation_endpoint_auth_methods_supported": ANY_CLIENT_AUTH,
            "introspection_endpoint_auth_methods_supported": [
                "client_secret_basic",
                "client_secret_post",
            ],
            "code_challenge_methods_supported": ["S256"],
            "service_documentation": f"{issuer}/docs",
        }
        return json_bytes_response(body)

    return router


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the OAuth endpoints (with their per-IP limits) on the app."""
    app.include_router(create_router(settings))
