"""All models, imported so that ``Base.metadata`` is complete for Alembic."""

from app.models.accounts import ROLES, Account, Shop, ShopMember
from app.models.after_sales import AfterSale, Dispute, DisputeEvidence
from app.models.base import Base
from app.models.buyer_requests import AddressChangeRequest, Complaint
from app.models.catalog import Author, Product
from app.models.feed import ChangeLog, FeedState
from app.models.metrics import ChangeLogCursor, MetricsDaily, ReportEvent
from app.models.oauth import OAuthAuthorizationCode, OAuthClient, OAuthGrant, OAuthToken
from app.models.orders import Order, OrderEvent, OrderItem, PaymentReminder, Shipment
from app.models.platform import AuditLog, ExportJob, IdempotencyKey, PlatformCalendarDay
from app.models.refunds import Refund
from app.models.shipments import Carrier, TrackingEvent
from app.models.webhooks import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookFanoutState,
)

__all__ = [
    "ROLES",
    "Account",
    "AddressChangeRequest",
    "AfterSale",
    "AuditLog",
    "Author",
    "Base",
    "Carrier",
    "ChangeLog",
    "ChangeLogCursor",
    "Complaint",
    "Dispute",
    "DisputeEvidence",
    "ExportJob",
    "FeedState",
    "IdempotencyKey",
    "MetricsDaily",
    "OAuthAuthorizationCode",
    "OAuthClient",
    "OAuthGrant",
    "OAuthToken",
    "Order",
    "OrderEvent",
    "OrderItem",
    "PaymentReminder",
    "PlatformCalendarDay",
    "Product",
    "Refund",
    "ReportEvent",
    "Shipment",
    "Shop",
    "ShopMember",
    "TrackingEvent",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookFanoutState",
]
