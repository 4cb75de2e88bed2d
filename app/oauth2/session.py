"""The login session cookie and the CSRF token of the login and consent forms.

The session is a signed cookie (account id + expiry, HMAC with ORDERGATE_SECRET_KEY). CSRF uses
a random cookie and a hidden field holding its HMAC, so a cross-site form cannot forge it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from starlette.requests import Request
from starlette.responses import Response

from app.config import Settings

SESSION_COOKIE = "og_session"
CSRF_COOKIE = "og_csrf"
SESSION_TTL_SECONDS = 3600
COOKIE_PATH = "/oauth"


def _sign(settings: Settings, purpose: str, value: str) -> str:
    key = (settings.secret_key or "").encode()
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def _set_cookie(response: Response, settings: Settings, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        max_age=SESSION_TTL_SECONDS,
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=not settings.is_development,
    )


def session_account_id(request: Request, settings: Settings) -> int | None:
    raw = request.cookies.get(SESSION_COOKIE, "")
    parts = raw.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    account, expires, signature = parts
    if not hmac.compare_digest(signature, _sign(settings, "session", f"{account}.{expires}")):
        return None
    if int(expires) < time.time():
        return None
    return int(account)


def start_session(response: Response, settings: Settings, account_id: int) -> None:
    payload = f"{account_id}.{int(time.time()) + SESSION_TTL_SECONDS}"
    _set_cookie(
        response, settings, SESSION_COOKIE, f"{payload}.{_sign(settings, 'session', payload)}"
    )


def csrf_seed(request: Request) -> tuple[str, bool]:
    """The browser's CSRF cookie value, or a new one (True when it must be set)."""
    current = request.cookies.get(CSRF_COOKIE, "")
    if 20 <= len(current) <= 100:
        return current, False
    return secrets.token_urlsafe(24), True


def csrf_token(settings: Settings, seed: str) -> str:
    return _sign(settings, "csrf", seed)


def set_csrf_cookie(response: Response, settings: Settings, seed: str) -> None:
    _set_cookie(response, settings, CSRF_COOKIE, seed)


def csrf_valid(request: Request, settings: Settings, submitted: str | None) -> bool:
    seed = request.cookies.get(CSRF_COOKIE, "")
    if not seed or not submitted:
        return False
    return hmac.compare_digest(submitted, csrf_token(settings, seed))
