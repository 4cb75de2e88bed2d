"""create_app(): mounts REST, internal ingest, health and metrics; owns the lifespan."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app import __version__, console
from app.api import docs_pages, health
from app.api.body_limit import BodyLimitMiddleware
from app.api.input_guard import INPUT_GUARD
from app.api.internal import after_sales as internal_after_sales
from app.api.internal import buyer_requests as internal_buyer_requests
from app.api.internal import disputes as internal_disputes
from app.api.internal import orders as internal_orders
from app.api.internal import shipments as internal_shipments
from app.api.problems import install_problem_handlers
from app.api.v1 import address_changes as v1_address_changes
from app.api.v1 import after_sales as v1_after_sales
from app.api.v1 import apps as v1_apps
from app.api.v1 import carriers as v1_carriers
from app.api.v1 import changes as v1_changes
from app.api.v1 import complaints as v1_complaints
from app.api.v1 import disputes as v1_disputes
from app.api.v1 import exports as v1_exports
from app.api.v1 import me as v1_me
from app.api.v1 import metrics as v1_metrics
from app.api.v1 import metrics_shops as v1_metrics_shops
from app.api.v1 import orders as v1_orders
from app.api.v1 import rate_limit as v1_rate_limit
from app.api.v1 import refunds as v1_refunds
from app.api.v1 import shipments as v1_shipments
from app.api.v1 import shop_webhooks as v1_shop_webhooks
from app.api.v1 import staff as v1_staff
from app.api.v1 import webhooks as v1_webhooks
from app.api.v1.changes_parked import ParkedChanges
from app.auth.cache import principal_cache
from app.config import Settings, get_settings
from app.db import Database
from app.domain.apps.console_client import configured_origins, ensure_console_client
from app.domain.sync.cursor import CursorCodec
from app.domain.sync.service import FeedService
from app.domain.sync.waiter import change_listener
from app.errors import ServiceUnavailable
from app.graphql.router import graphql_router
from app.graphql.sockets import SocketRegistry
from app.kit.keyset import KeysetCodec
from app.logging import configure_logging
from app.migrations import head_revision
from app.oauth2 import routes as oauth_routes
from app.observability import RequestContextMiddleware
from app.prometheus import process_exited
from app.secrets_store import ensure_internal_token, ensure_secret_key
from app.serving import on_shutdown_signal
from app.web.openapi import COMMON_ERRORS, install_problem_schema, operation_id, problems
from app.web.query_models import remember_sequence_fields
from app.web.responses import OrjsonResponse


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_json)
    secret_key = ensure_secret_key(settings)
    # The same file `serve`/`up` create: without ORDERGATE_INTERNAL_TOKEN, every worker reads
    # the token from the data directory (one source of truth).
    ensure_internal_token(settings)
    configured_origins(settings)  # a malformed ORDERGATE_CONSOLE_ORIGINS fails here, not at login
    remember_sequence_fields()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.database_url:
            raise ServiceUnavailable("DATABASE_URL is not set (use `ordergate up` for embedded)")
        app.state.db = Database.connect(settings, settings.database_url)
        try:
            await ensure_console_client(app.state.db)
            async with (
                principal_cache(app.state, settings.database_url, settings.auth_cache_seconds),
                change_listener(app.state, settings.database_url) as listener,
            ):
                app.state.feed_service = FeedService(
                    app.state.db, CursorCodec(secret_key), listener
                )
                app.state.graphql_sockets = SocketRegistry(app.state.db, settings)
                # A rights change re-checks the credentials of every parked long-poll.
                app.state.principal_cache.on_change(listener.rights_changed)
                with on_shutdown_signal(listener.drain):
                    yield
        finally:
            await app.state.db.dispose()
            process_exited()

    app = FastAPI(
        title="OrderGate",
        version=__version__,
        summary="Orders, after-sales, disputes and a gap-free change feed for Douyin-style shops.",
        default_response_class=OrjsonResponse,
        lifespan=lifespan,
        # operationId = the handler's name (`list_orders`), so generated SDKs read naturally.
        generate_unique_id_function=operation_id,
        # Served from vendored assets instead of a CDN (app/api/docs_pages.py).
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.keyset_codec = KeysetCodec(secret_key)
    app.state.migration_head = head_revision()
    install_problem_handlers(app)
    install_problem_schema(app)
    # Innermost: parked long-polls still pass the request id, metrics and rate-limit headers.
    app.add_middleware(ParkedChanges)
    v1_rate_limit.install(app, settings)
    app.add_middleware(
        BodyLimitMiddleware,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
    )
    app.add_middleware(RequestContextMiddleware)
    if settings.trusted_proxy_list:
        # The only place X-Forwarded-For is believed (the servers run with proxy_headers off):
        # request.client is the real client for the per-IP limits and the audit log alike.
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    app.include_router(health.router)
    oauth_routes.install(app, settings)
    # Every API operation refuses hostile input in one place and documents the errors any of
    # them can answer; routes add their own.
    common = problems(*COMMON_ERRORS)
    for router in (
        internal_orders.router,
        v1_metrics.router,
        v1_metrics_shops.router,
        v1_exports.router,
        v1_exports.across_shops,
        v1_me.router,
        v1_apps.router,
        v1_staff.router,
        v1_changes.router,
        v1_orders.router,
        v1_after_sales.router,
        v1_disputes.router,
        v1_webhooks.router,
        v1_shop_webhooks.router,
        internal_disputes.router,
        internal_shipments.router,
        v1_carriers.router,
        v1_shipments.router,
        internal_buyer_requests.router,
        v1_address_changes.router,
        v1_complaints.router,
        v1_refunds.router,
        internal_after_sales.router,
    ):
        app.include_router(router, responses=common, dependencies=INPUT_GUARD)
    # GraphQL answers its errors in the body; the transport's own are problem+json as REST's.
    app.include_router(graphql_router(settings), responses=problems(400, 401, 413, 429, 503))
    app.include_router(console.create_router())
    docs_pages.install(app, graphiql=settings.graphiql_enabled)
    return app
