"""``ordergate oauth login``: the authorization-code + PKCE flow from a terminal.

Starts a one-shot receiver on ``http://127.0.0.1:PORT/callback`` (register that redirect URI on
the app), opens the browser at OrderGate's authorize page (or prints the URL with
``--no-browser``), waits for the redirect, checks ``state``, exchanges the code at
``/oauth/token`` and prints the tokens. What an integrator's own app does, in one command.
"""

from __future__ import annotations

import base64
import hashlib
import json
import queue
import secrets
import threading
import webbrowser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

import typer

from app.commands.database import fail

oauth = typer.Typer(help="OAuth from a terminal.", no_args_is_help=True)

DEFAULT_SCOPE = "orders:read orders:write changes:read webhooks:manage"


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) as RFC 7636 defines them."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class _Callback(BaseHTTPRequestHandler):
    answers: queue.Queue[dict[str, str]]

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path != "/callback":
            self.send_error(404)
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        done = "code" in query
        body = (
            "Signed in: you can close this tab and return to the terminal."
            if done
            else f"Authorization failed: {query.get('error', 'no code')}."
        ).encode()
        self.send_response(200 if done else 400)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.answers.put(query)

    def log_message(self, format: str, *args: Any) -> None:
        return


@oauth.command("login")
def login(
    client_id: Annotated[str, typer.Option(help="The app's client_id.")],
    base_url: Annotated[
        str, typer.Option(help="OrderGate's URL.", envvar="ORDERGATE_URL")
    ] = "http://127.0.0.1:8000",
    client_secret: Annotated[
        str | None, typer.Option(help="Client secret of a confidential app (public: none).")
    ] = None,
    scope: Annotated[str, typer.Option(help="Space-separated scopes to ask for.")] = DEFAULT_SCOPE,
    port: Annotated[
        int,
        typer.Option(
            help="Local callback port: redirect URI http://127.0.0.1:PORT/callback.",
            envvar="ORDERGATE_LOGIN_PORT",
        ),
    ] = 8765,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the authorize page.")
    ] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the sign-in.")] = 300.0,
) -> None:
    """Sign in through the browser (PKCE) and print the app's tokens as JSON."""
    import httpx

    redirect_uri = f"http://127.0.0.1:{port}/callback"
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    answers: queue.Queue[dict[str, str]] = queue.Queue()
    handler = type("Callback", (_Callback,), {"answers": answers})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        fail(f"Cannot listen on 127.0.0.1:{port} ({exc.strerror}): choose another with --port.")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    url = f"{base_url.rstrip('/')}/oauth/authorize?{urlencode(params)}"
    typer.echo(f"Sign in and grant shops at:\n{url}", err=True)
    if browser:
        webbrowser.open(url)
    try:
        answer = answers.get(timeout=timeout)
    except queue.Empty:
        fail(f"No sign-in within {timeout:g} s.", 1)
    finally:
        server.shutdown()
    if answer.get("state") != state:
        fail("The callback's state does not match this login: ignored.", 1)
    if "code" not in answer:
        fail(f"Authorization refused: {answer.get('error', 'unknown')}.", 1)
    form = {
        "grant_type": "authorization_code",
        "code": answer["code"],
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
        "client_id": client_id,
    }
    auth = (client_id, client_secret) if client_secret else None
    response = httpx.post(f"{base_url.rstrip('/')}/oauth/token", data=form, auth=auth, timeout=30)
    if response.status_code != 200:
        fail(f"Token exchange failed ({response.status_code}): {response.text}", 1)
    typer.echo(json.dumps(response.json(), ensure_ascii=False))


def register(cli: typer.Typer) -> None:
    cli.add_typer(oauth, name="oauth")
