"""Typed access to the services the app builds once, in ``create_app`` and its lifespan.

Nothing here is made on first use: a handler that runs before the lifespan started fails loudly
instead of building a second copy.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from app.domain.sync.service import FeedService


def feed_service_of(connection: HTTPConnection) -> FeedService:
    """The process's change-feed service (cursor codec, horizon, long-poll parking)."""
    service: FeedService = connection.app.state.feed_service
    return service
