"""Open GraphQL WebSockets of this process: who holds them, and what they may still do.

A socket is authenticated once, at ``connection_init``, but stays open for hours. So:

- every operation sent on it resolves its token again, in its own unit of work
  (:class:`app.graphql.extensions.WebSocketUnitOfWork`), exactly as an HTTP request does;
- :class:`SocketRegistry` re-reads, every ``ORDERGATE_GRAPHQL_WS_AUTH_CHECK_SECONDS``, the rights
  of every token holding a socket here (one query for all of them) and closes with 4403 each
  socket whose token was revoked or expired, or lost a shop or a scope it had when the socket
  opened (app uninstalled, staff removed or demoted, account disabled, app deleted). Running
  subscriptions end with it. Reading the rights, rather than listening for revocations, covers
  every path that changes them, whoever writes it.

The registry also enforces the per-token caps on open sockets and subscriptions. They are
counted per process (the registry is in memory): with N workers a token may hold up to N times
the cap in all.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from typing import Any, Protocol

from graphql import GraphQLFormattedError
from starlette.requests import HTTPConnection
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    SubscribeMessage,
)

from app.auth.principal import Principal, live_principals
from app.config import Settings
from app.db import Database
from app.errors import TooManySubscriptions
from app.logging import get_logger

log = get_logger(__name__)

CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY = 4429
# Operations in flight on one socket (queries and subscriptions alike): each holds a database
# session while it runs.
MAX_OPERATIONS_PER_SOCKET = 100


class TooManySockets(Exception):
    """Raised by ``on_ws_connect``: the token holds its cap of open sockets already."""


class LiveSocket(Protocol):
    @property
    def principal(self) -> Principal:
        """The rights the socket was opened with."""
        ...

    async def revoke(self) -> None:
        """End every operation and close the socket with 4403."""
        ...


def lost_rights(before: Principal, now: Principal | None) -> bool:
    """True when ``now`` (None: the token is dead) lacks a shop or a scope ``before`` had."""
    if now is None:
        return True
    return any(not scopes <= now.scopes_on(shop) for shop, scopes in before.scopes_by_shop.items())


class SocketRegistry:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.period = settings.graphql_ws_auth_check_seconds
        self.max_sockets = settings.graphql_max_sockets_per_token
        self.max_subscriptions = settings.graphql_max_subscriptions_per_token
        self.checks = 0  # completed periodic checks (observable by tests and metrics)
        self._sockets: dict[int, set[LiveSocket]] = {}
        self._subscriptions: Counter[int] = Counter()
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()

    # -- sockets -------------------------------------------------------------------------

    def open(self, socket: LiveSocket) -> None:
        """Count ``socket`` (authenticated) against its token's cap and start watching it."""
        token_id = _token_id(socket.principal)
        held = self._sockets.setdefault(token_id, set())
        if len(held) >= self.max_sockets:
            if not held:
                del self._sockets[token_id]
            raise TooManySockets(f"This token already holds {self.max_sockets} open sockets.")
        held.add(socket)
        self._idle.clear()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._watch(), name="ordergate-graphql-sockets")

    def close(self, socket: LiveSocket) -> None:
        """Forget ``socket`` (closed, or being closed for lost rights); idempotent."""
        token_id = socket.principal.token_id
        held = self._sockets.get(token_id or 0)
        if held is not None:
            held.discard(socket)
            if not held:
                del self._sockets[token_id or 0]
        if not self._sockets:
            self._idle.set()  # the watcher stops at once (the next socket starts a new one)

    # -- subscriptions -------------------------------------------------------------------

    def start_subscription(self, principal: Principal) -> None:
        token_id = _token_id(principal)
        if self._subscriptions[token_id] >= self.max_subscriptions:
            raise TooManySubscriptions(
                f"This token already holds {self.max_subscriptions} open subscriptions; "
                "complete one first."
            )
        self._subscriptions[token_id] += 1

    def end_subscription(self, principal: Principal) -> None:
        token_id = _token_id(principal)
        self._subscriptions[token_id] -= 1
        if self._subscriptions[token_id] <= 0:
            del self._subscriptions[token_id]

    def open_subscriptions(self, token_id: int) -> int:
        return self._subscriptions[token_id]

    def open_sockets(self, token_id: int) -> int:
        return len(self._sockets.get(token_id, ()))

    # -- the periodic check --------------------------------------------------------------

    async def check(self) -> None:
        """Close every socket whose token lost rights (one query for all open sockets)."""
        token_ids = list(self._sockets)
        async with self.db.transaction() as session:
            live = await live_principals(session, token_ids)
        self.checks += 1
        doomed = [
            socket
            for token_id in token_ids
            for socket in list(self._sockets.get(token_id, ()))
            if lost_rights(socket.principal, live.get(token_id))
        ]
        if doomed:
            log.info("graphql_sockets_revoked", sockets=len(doomed))
            for socket in doomed:
                self.close(socket)  # closed once, whatever the close handshake takes
            await asyncio.gather(*(_revoke(s) for s in doomed))

    async def _watch(self) -> None:
        while self._sockets:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.period):
                    await self._idle.wait()
            if not self._sockets:
                break
            try:
                await self.check()
            except Exception as exc:  # the database is away: keep the sockets, retry next period
                log.warning("graphql_socket_check_failed", error=repr(exc))


async def _revoke(socket: LiveSocket) -> None:
    try:
        await socket.revoke()
    except Exception as exc:  # already gone: nothing to close
        log.info("graphql_socket_revoke_failed", error=repr(exc))


def _token_id(principal: Principal) -> int:
    if principal.token_id is None:
        raise ValueError("only a token's principal holds sockets and subscriptions")
    return principal.token_id


def registry_of(connection: HTTPConnection) -> SocketRegistry:
    """The process's registry (``app.state.graphql_sockets``), made on first use."""
    state = connection.app.state
    registry: SocketRegistry | None = getattr(state, "graphql_sockets", None)
    if registry is None:
        registry = SocketRegistry(state.db, state.settings)
        state.graphql_sockets = registry
    return registry


class GuardedTransportWSHandler(BaseGraphQLTransportWSHandler[Any, None]):
    """graphql-transport-ws with the registry: the view's ``on_ws_connect`` authenticates and
    registers the socket (the context's ``socket`` is this handler); the registry may close it
    with 4403; a token over its socket cap is closed with 4429 and never acknowledged."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context.socket = self

    @property
    def principal(self) -> Principal:
        principal: Principal = self.context.connection_principal
        return principal

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except TooManySockets as error:
            await self.websocket.close(code=CLOSE_TOO_MANY, reason=str(error))

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        # Strawberry's own per-connection limit answers an error without a code: this one is
        # the same limit, coded like every other error (the view disables strawberry's).
        if (
            self.connection_acknowledged
            and message["id"] not in self.operations
            and len(self.operations) >= MAX_OPERATIONS_PER_SOCKET
        ):
            detail = f"At most {MAX_OPERATIONS_PER_SOCKET} operations run at once on one socket."
            extensions = {"code": "TOO_MANY_OPERATIONS", "problem": "too_many_operations"}
            error: GraphQLFormattedError = {"message": detail, "extensions": extensions}
            refusal: ErrorMessage = {"id": message["id"], "type": "error", "payload": [error]}
            await self.send_message(refusal)
            return
        await super().handle_subscribe(message)

    async def revoke(self) -> None:
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        await self.websocket.close(code=CLOSE_FORBIDDEN, reason="Forbidden: token revoked")

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            registry_of(self.context.http_request).close(self)
