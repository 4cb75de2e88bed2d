"""Server-rendered login, consent and error pages: plain, accessible HTML, everything escaped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from app.domain.access.scopes import SCOPE_DESCRIPTIONS

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}label{display:block;margin:.5rem 0}input[type=email],input[type=password]"
    "{width:100%;padding:.4rem}button{margin:.5rem .5rem 0 0;padding:.4rem 1rem}"
    ".error{color:#a00}fieldset{margin:1rem 0}"
)


@dataclass(frozen=True)
class ShopChoice:
    id: int
    name: str
    role: str


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · OrderGate</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _error(message: str | None) -> str:
    return f'<p class="error" role="alert">{escape(message)}</p>' if message else ""


def login_page(*, action: str, csrf: str, app_name: str, error: str | None = None) -> str:
    return _page(
        "Sign in",
        f"<p>Sign in to let <strong>{escape(app_name)}</strong> access your shops.</p>"
        f"{_error(error)}"
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
        '<input type="hidden" name="step" value="login">'
        '<label for="email">Email</label>'
        '<input id="email" name="email" type="email" autocomplete="username" required>'
        '<label for="password">Password</label>'
        '<input id="password" name="password" type="password" '
        'autocomplete="current-password" required>'
        '<button type="submit">Sign in</button></form>',
    )


def consent_page(
    *,
    action: str,
    csrf: str,
    app_name: str,
    scopes: Sequence[str],
    shops: Sequence[ShopChoice],
    error: str | None = None,
) -> str:
    scope_items = "".join(
        f"<li><code>{escape(s)}</code>: {escape(SCOPE_DESCRIPTIONS.get(s, s))}</li>" for s in scopes
    )
    shop_items = "".join(
        f'<label><input type="checkbox" name="shop_ids" value="{s.id}"> '
        f"{escape(s.name)} <small>(#{s.id}, your role: {escape(s.role)})</small></label>"
        for s in shops
    )
    return _page(
        "Authorize app",
        f"<p><strong>{escape(app_name)}</strong> asks for:</p><ul>{scope_items}</ul>"
        "<p>Your role on each shop still limits what the app can do there.</p>"
        f"{_error(error)}"
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
        '<input type="hidden" name="step" value="consent">'
        f"<fieldset><legend>Shops to grant</legend>{shop_items or '<p>No shops.</p>'}</fieldset>"
        '<button type="submit" name="decision" value="allow">Allow</button>'
        '<button type="submit" name="decision" value="deny">Deny</button></form>',
    )


def error_page(description: str) -> str:
    return _page("Authorization error", f'<p role="alert">{escape(description)}</p>')
