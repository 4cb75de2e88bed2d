"""The merchant console: the committed Vite bundle in ``app/console_dist`` served at ``/console``.

Hashed files under ``assets/`` are immutable (cached for a year); ``index.html`` and other
top-level files are revalidated on every load so a new release is picked up at once. Any other
``/console/*`` path is a client-side route and gets ``index.html`` (SPA fallback), except under
``assets/``, where a missing file is a plain 404 (serving HTML for a missing script only hides
the error).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from app.errors import NotFound

DIST = Path(__file__).resolve().parent / "console_dist"
PREFIX = "/console"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")


class ConsoleNotBuilt(NotFound):
    code = "console_not_built"
    title = "Console not built"


def content_security_policy(request: Request) -> str:
    """Only our own origin; the GraphQL subscription socket is the same host over ws/wss."""
    ws = "wss" if request.url.scheme == "https" else "ws"
    host = request.headers.get("host") or request.url.netloc
    # Never echo a crafted Host into the policy; CSP3 browsers match same-origin ws by 'self'.
    socket = f" {ws}://{host}" if _HOST.fullmatch(host) else ""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            # ECharts and React set inline style attributes.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self' data: blob:",
            f"connect-src 'self'{socket}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def _resolve(dist: Path, path: str) -> Path | None:
    """The file ``path`` names inside ``dist``, never outside it (no ``..`` escapes)."""
    if not path:
        return None
    candidate = (dist / path).resolve()
    if not candidate.is_relative_to(dist) or not candidate.is_file():
        return None
    return candidate


def create_router(dist: Path = DIST) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    root = dist.resolve()

    def file(request: Request, path: Path, cache: str) -> Response:
        response = FileResponse(path)
        response.headers["Cache-Control"] = cache
        response.headers["Content-Security-Policy"] = content_security_policy(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @router.get(PREFIX)
    async def console_root() -> Response:
        return RedirectResponse(f"{PREFIX}/", status_code=308)

    @router.get(PREFIX + "/{path:path}")
    async def console_file(request: Request, path: str) -> Response:
        index = root / "index.html"
        if not index.is_file():
            raise ConsoleNotBuilt(
                "The console bundle is not built: app/console_dist/index.html is missing "
                "(run `make console`)."
            )
        found = _resolve(root, path)
        if found is not None and found != index:
            immutable = found.parent == root / "assets"
            return file(request, found, IMMUTABLE if immutable else REVALIDATE)
        if path.startswith("assets/"):
            raise NotFound(f"No console asset {path!r}.")
        return file(request, index, REVALIDATE)

    return router
