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

The registry also enforces the per-token caps on open sockets and subscriptions, counted
across every process sharing the Redis (app/graphql/slots.py; per process without Redis).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
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

from app.config import Settings
from app.db import Database
from app.domain.access.principal import Principal, live_principals
from app.errors import ServiceUnavailable, TooManySubscriptions
from app.graphql.slots import SlotStore, slot_store
from app.logging import get_logger

log = get_logger(__name__)

CLOSE_FORBIDDEN = 4403
CLOSE_TOO_MANY = 4429
CLOSE_TRY_AGAIN_LATER = 1013
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
        self.slots: SlotStore = slot_store(settings)
        self.checks = 0  # completed periodic checks (observable by tests and metrics)
        # What this process holds: its sockets by token (watched), and the slot members of
        # its sockets and subscriptions by slot key (their leases renewed every period).
        self._sockets: dict[int, set[LiveSocket]] = {}
        self._members: dict[LiveSocket, str] = {}
        self._held: dict[str, set[str]] = {}
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()

    # -- sockets -------------------------------------------------------------------------

    async def open(self, socket: LiveSocket) -> None:
        """Count ``socket`` (authenticated) against its token's cap and start watching it."""
        token_id = _token_id(socket.principal)
        member = uuid.uuid4().hex
        key = f"sockets:{token_id}"
        if not await self.slots.acquire(key, member, self.max_sockets):
            raise TooManySockets(f"This token already holds {self.max_sockets} open sockets.")
        self._held.setdefault(key, set()).add(member)
        self._members[socket] = member
        self._sockets.setdefault(token_id, set()).add(socket)
        self._busy()

    async def close(self, socket: LiveSocket) -> None:
        """Forget ``socket`` (closed, or being closed for lost rights); idempotent."""
        member = self._members.pop(socket, None)
        if member is None:
            return
        token_id = _token_id(socket.principal)
        held = self._sockets.get(token_id)
        if held is not None:
            held.discard(socket)
            if not held:
                del self._sockets[token_id]
        await self._release(f"sockets:{token_id}", member)

    def open_sockets(self, token_id: int) -> int:
        """In this process."""
        return len(self._sockets.get(token_id, ()))

    # -- subscriptions -------------------------------------------------------------------

    async def start_subscription(self, principal: Principal) -> str:
        """Take a subscription slot of the token (raises TOO_MANY_SUBSCRIPTIONS); its id."""
        key = f"subscriptions:{_token_id(principal)}"
        member = uuid.uuid4().hex
        if not await self.slots.acquire(key, member, self.max_subscriptions):
            raise TooManySubscriptions(
                f"This token already holds {self.max_subscriptions} open subscriptions; "
                "complete one first."
            )
        self._held.setdefault(key, set()).add(member)
        self._busy()
        return member

    async def end_subscription(self, principal: Principal, member: str) -> None:
        await self._release(f"subscriptions:{_token_id(principal)}", member)

    def open_subscriptions(self, token_id: int) -> int:
        """In this process."""
        return len(self._held.get(f"subscriptions:{token_id}", ()))

    async def _release(self, key: str, member: str) -> None:
        held = self._held.get(key)
        if held is not None:
            held.discard(member)
            if not held:
                del self._held[key]
        if not self._held:
            self._idle.set()  # the watcher stops at once (the next slot starts a new one)
        await self.slots.release(key, member)

    def _busy(self) -> None:
        self._idle.clear()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._watch(), name="ordergate-graphql-sockets")

    # -- the periodic check --------------------------------------------------------------

    async def check(self) -> None:
        """Close every socket whose token lost rights (one query for all open sockets)."""
        token_ids = list(self._sockets)
        if not token_ids:
            return
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
                await self.close(socket)  # closed once, whatever the close handshake takes
            await asyncio.gather(*(_revoke(s) for s in doomed))

    async def _watch(self) -> None:
        while self._held:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.period):
                    await self._idle.wait()
            if not self._held:
                break
            try:
                await self.slots.renew({k: set(v) for k, v in self._held.items()})
            except Exception as exc:  # Redis is away: the leases outlive a few periods
                log.warning("graphql_slot_renewal_failed", error=repr(exc))
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
    """The process's registry (``app.state.graphql_sockets``, made in the app's lifespan)."""
    registry: SocketRegistry = connection.app.state.graphql_sockets
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
        except ServiceUnavailable as error:  # the slot store is down and failing closed
            await self.websocket.close(code=CLOSE_TRY_AGAIN_LATER, reason=error.detail)

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
            await registry_of(self.context.http_request).close(self)
