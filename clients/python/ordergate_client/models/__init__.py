""" Contains all the data models used in inputs/outputs """

from .account_out import AccountOut
from .actor_type import ActorType
from .after_sale import AfterSale
from .after_sale_action import AfterSaleAction
from .after_sale_action_action import AfterSaleActionAction
from .after_sale_create import AfterSaleCreate
from .after_sale_page import AfterSalePage
from .after_sale_status import AfterSaleStatus
from .after_sale_summary import AfterSaleSummary
from .after_sale_type import AfterSaleType
from .app import App
from .app_create import AppCreate
from .app_out import AppOut
from .app_page import AppPage
from .app_with_secret import AppWithSecret
from .audit_actor import AuditActor
from .audit_entry import AuditEntry
from .audit_entry_data import AuditEntryData
from .audit_entry_page import AuditEntryPage
from .author_commission import AuthorCommission
from .batch_ship_entry import BatchShipEntry
from .batch_ship_entry_error import BatchShipEntryError
from .batch_ship_result import BatchShipResult
from .batch_shipments import BatchShipments
from .batch_shipments_shipments_item import BatchShipmentsShipmentsItem
from .body_upload_evidence import BodyUploadEvidence
from .bucket_out import BucketOut
from .buyer import Buyer
from .buyer_in import BuyerIn
from .change_type import ChangeType
from .client_type import ClientType
from .day_range_name import DayRangeName
from .delivery_status import DeliveryStatus
from .dispute import Dispute
from .dispute_create import DisputeCreate
from .dispute_decision import DisputeDecision
from .dispute_decision_outcome import DisputeDecisionOutcome
from .dispute_kind import DisputeKind
from .dispute_page import DisputePage
from .dispute_status import DisputeStatus
from .dispute_submit import DisputeSubmit
from .endpoint_app import EndpointApp
from .endpoint_create import EndpointCreate
from .endpoint_patch import EndpointPatch
from .evidence import Evidence
from .evidence_kind import EvidenceKind
from .evidence_page import EvidencePage
from .evidence_uploaded import EvidenceUploaded
from .export_create import ExportCreate
from .export_create_format import ExportCreateFormat
from .export_create_granularity import ExportCreateGranularity
from .export_create_locale import ExportCreateLocale
from .field_error import FieldError
from .grant import Grant
from .grant_page import GrantPage
from .healthz_response_healthz import HealthzResponseHealthz
from .me_out import MeOut
from .notice_type import NoticeType
from .order import Order
from .order_close import OrderClose
from .order_complete import OrderComplete
from .order_create import OrderCreate
from .order_detail import OrderDetail
from .order_filter import OrderFilter
from .order_flag import OrderFlag
from .order_item import OrderItem
from .order_item_in import OrderItemIn
from .order_patch import OrderPatch
from .order_pay import OrderPay
from .order_refund import OrderRefund
from .order_row import OrderRow
from .order_row_page import OrderRowPage
from .order_ship import OrderShip
from .order_sign import OrderSign
from .order_sort import OrderSort
from .order_status import OrderStatus
from .orders_csv_granularity import OrdersCsvGranularity
from .orders_csv_locale import OrdersCsvLocale
from .pay_method import PayMethod
from .pay_status import PayStatus
from .payment_reminder import PaymentReminder
from .payment_reminder_create import PaymentReminderCreate
from .problem import Problem
from .rate_limit_buckets_out import RateLimitBucketsOut
from .rate_limit_out import RateLimitOut
from .receiver import Receiver
from .receiver_in import ReceiverIn
from .replay_request import ReplayRequest
from .review_window import ReviewWindow
from .role import Role
from .scope import Scope
from .shipment import Shipment
from .shop_endpoint_out import ShopEndpointOut
from .shop_endpoint_page import ShopEndpointPage
from .shop_list import ShopList
from .shop_out import ShopOut
from .staff_create import StaffCreate
from .staff_create_role import StaffCreateRole
from .staff_member import StaffMember
from .staff_member_page import StaffMemberPage
from .staff_update import StaffUpdate
from .staff_update_role import StaffUpdateRole
from .timeline_actor import TimelineActor
from .timeline_event import TimelineEvent
from .timeline_event_data import TimelineEventData
from .top_buyers_by import TopBuyersBy
from .traffic_source import TrafficSource
from .trend_group_by_type_0 import TrendGroupByType0
from .trend_interval import TrendInterval
from .webhook_attempt import WebhookAttempt
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_detail import WebhookDeliveryDetail
from .webhook_delivery_page import WebhookDeliveryPage
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_page import WebhookEndpointPage
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .webhook_latency import WebhookLatency
from .webhook_replay_accepted import WebhookReplayAccepted
from .webhook_stats import WebhookStats

__all__ = (
    "AccountOut",
    "ActorType",
    "AfterSale",
    "AfterSaleAction",
    "AfterSaleActionAction",
    "AfterSaleCreate",
    "AfterSalePage",
    "AfterSaleStatus",
    "AfterSaleSummary",
    "AfterSaleType",
    "App",
    "AppCreate",
    "AppOut",
    "AppPage",
    "AppWithSecret",
    "AuditActor",
    "AuditEntry",
    "AuditEntryData",
    "AuditEntryPage",
    "AuthorCommission",
    "BatchShipEntry",
    "BatchShipEntryError",
    "BatchShipments",
    "BatchShipmentsShipmentsItem",
    "BatchShipResult",
    "BodyUploadEvidence",
    "BucketOut",
    "Buyer",
    "BuyerIn",
    "ChangeType",
    "ClientType",
    "DayRangeName",
    "DeliveryStatus",
    "Dispute",
    "DisputeCreate",
    "DisputeDecision",
    "DisputeDecisionOutcome",
    "DisputeKind",
    "DisputePage",
    "DisputeStatus",
    "DisputeSubmit",
    "EndpointApp",
    "EndpointCreate",
    "EndpointPatch",
    "Evidence",
    "EvidenceKind",
    "EvidencePage",
    "EvidenceUploaded",
    "ExportCreate",
    "ExportCreateFormat",
    "ExportCreateGranularity",
    "ExportCreateLocale",
    "FieldError",
    "Grant",
    "GrantPage",
    "HealthzResponseHealthz",
    "MeOut",
    "NoticeType",
    "Order",
    "OrderClose",
    "OrderComplete",
    "OrderCreate",
    "OrderDetail",
    "OrderFilter",
    "OrderFlag",
    "OrderItem",
    "OrderItemIn",
    "OrderPatch",
    "OrderPay",
    "OrderRefund",
    "OrderRow",
    "OrderRowPage",
    "OrdersCsvGranularity",
    "OrdersCsvLocale",
    "OrderShip",
    "OrderSign",
    "OrderSort",
    "OrderStatus",
    "PaymentReminder",
    "PaymentReminderCreate",
    "PayMethod",
    "PayStatus",
    "Problem",
    "RateLimitBucketsOut",
    "RateLimitOut",
    "Receiver",
    "ReceiverIn",
    "ReplayRequest",
    "ReviewWindow",
    "Role",
    "Scope",
    "Shipment",
    "ShopEndpointOut",
    "ShopEndpointPage",
    "ShopList",
    "ShopOut",
    "StaffCreate",
    "StaffCreateRole",
    "StaffMember",
    "StaffMemberPage",
    "StaffUpdate",
    "StaffUpdateRole",
    "TimelineActor",
    "TimelineEvent",
    "TimelineEventData",
    "TopBuyersBy",
    "TrafficSource",
    "TrendGroupByType0",
    "TrendInterval",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryDetail",
    "WebhookDeliveryPage",
    "WebhookEndpoint",
    "WebhookEndpointPage",
    "WebhookEndpointWithSecret",
    "WebhookLatency",
    "WebhookReplayAccepted",
    "WebhookStats",
)
