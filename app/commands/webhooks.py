"""``ordergate webhooks listen``: forward a shop's changes to a local URL, signed."""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from app.domain.webhooks.listen import Forwarded
webhooks = typer.Typer(help="Webhook tools.", no_args_is_help=True)


@webhooks.command("listen")
def listen(
    base_url: Annotated[str, typer.Option(help="OrderGate API, e.g. http://127.0.0.1:8000")],
    token: Annotated[str, typer.Option(help="Access token with changes:read on the shop.")],
    shop: Annotated[int, typer.Option(help="Shop id to follow.", min=1)],
    forward_to: Annotated[str, typer.Option(help="Local URL receiving the signed events.")],
    secret: Annotated[
        str | None, typer.Option(help="whsec_ secret to sign with (default: a new one).")
    ] = None,
    cursor: Annotated[str, typer.Option(help="Feed cursor to start after (default: now).")] = "now",
) -> None:
    """Follow the change feed and POST each change to --forward-to as a signed webhook."""
    from rich.console import Console

    from app.domain.webhooks.listen import listen_and_forward
    from app.domain.webhooks.signing import generate_secret

    console = Console(highlight=False, soft_wrap=True)
    signing_secret = secret or generate_secret()
    if secret is None:
        console.print(f"Signing secret for this session: [bold]{signing_secret}[/bold]")
    console.print(f"Forwarding shop {shop} changes to {forward_to} (Ctrl-C to stop).")

    def show(event: Forwarded) -> None:
        outcome = str(event.status_code) if event.status_code else f"failed: {event.error}"
        console.print(f"{event.type:<20} {event.webhook_id:<16} -> {outcome}")

    async def main() -> str:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await listen_and_forward(
            base_url=base_url,
            token=token,
            shop_id=shop,
            forward_to=forward_to,
            secret=signing_secret,
            stop=stop,
            cursor=cursor,
            on_event=show,
        )

    last = asyncio.run(main())
    console.print(f"Stopped. Resume with --cursor {last}")


def register(cli: typer.Typer) -> None:
    cli.add_typer(webhooks, name="webhooks")
