"""``/docs`` (Swagger UI), ``/redoc`` and the GraphiQL page, on assets the app serves itself.

The UIs are vendored into ``app/static/docs`` (``make docs-assets``) and mounted at
``/_assets/docs``, so the documentation works offline and a browser loads nothing from outside
the server. GraphiQL answers ``GET /graphql`` from a browser (``Accept: text/html``, no
``query``) before authentication: the page is public, its requests carry the token.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

ASSETS = "/_assets/docs"
STATIC = Path(__file__).resolve().parent.parent / "static" / "docs"
FAVICON = "/console/favicon.svg"
# Nothing outside the server, even what a UI hard-codes (ReDoc's footer logo on a CDN). The UIs
# need inline script/style (Swagger UI's bootstrap) and ReDoc blob workers.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'"
)

GRAPHIQL_HTML = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>OrderGate GraphiQL</title>
<link rel="icon" href="{FAVICON}">
<link rel="stylesheet" href="{ASSETS}/graphiql.min.css">
<style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="{ASSETS}/react.production.min.js"></script>
<script src="{ASSETS}/react-dom.production.min.js"></script>
<script src="{ASSETS}/graphiql.min.js"></script>
<script src="{ASSETS}/ordergate-graphiql.js"></script>
</body>
</html>
"""


def install(app: FastAPI, *, graphiql: bool) -> None:
    """Mount the assets and the two documentation pages (FastAPI's own use a CDN: the app is
    created with ``docs_url=None, redoc_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=STATIC), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _confined(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} API",
                swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS}/swagger-ui.css",
                swagger_favicon_url=FAVICON,
                # No validator badge: it would send the document to an outside service.
                swagger_ui_parameters={"validatorUrl": None},
            )
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _confined(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title} API",
                redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                redoc_favicon_url=FAVICON,
                with_google_fonts=False,
            )
        )

    if graphiql:
        app.add_middleware(GraphiQLPage)


def _confined(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = CSP
    return page


class GraphiQLPage:
    """Serve the IDE to a browser opening ``/graphql``; every other request passes through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _wants_ide(scope):
            await _confined(HTMLResponse(GRAPHIQL_HTML))(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _wants_ide(scope: Scope) -> bool:
    if scope["method"] != "GET" or scope["path"].rstrip("/") != "/graphql":
        return False
    if b"query=" in scope.get("query_string", b""):
        return False
    accept = dict(scope["headers"]).get(b"accept", b"")
    return b"text/html" in accept
