""" Contains all the data models used in inputs/outputs """

from .account_summary import AccountSummary
from .actor_type import ActorType
from .address_change_approve import AddressChangeApprove
from .address_change_create import AddressChangeCreate
from .address_change_reject import AddressChangeReject
from .address_change_request import AddressChangeRequest
from .address_change_request_page import AddressChangeRequestPage
from .address_change_status import AddressChangeStatus
from .after_sale import AfterSale
from .after_sale_action import AfterSaleAction
from .after_sale_action_action import AfterSaleActionAction
from .after_sale_batch import AfterSaleBatch
from .after_sale_batch_actions_item import AfterSaleBatchActionsItem
from .after_sale_batch_entry_result import AfterSaleBatchEntryResult
from .after_sale_batch_result import AfterSaleBatchResult
from .after_sale_create import AfterSaleCreate
from .after_sale_page import AfterSalePage
from .after_sale_status import AfterSaleStatus
from .after_sale_summary import AfterSaleSummary
from .after_sale_type import AfterSaleType
from .app import App
from .app_create import AppCreate
from .app_page import AppPage
from .app_summary import AppSummary
from .app_with_secret import AppWithSecret
from .audit_actor import AuditActor
from .audit_entry import AuditEntry
from .audit_entry_data import AuditEntryData
from .audit_entry_page import AuditEntryPage
from .author_commission import AuthorCommission
from .author_content import AuthorContent
from .author_metrics import AuthorMetrics
from .author_source import AuthorSource
from .authorization_server_metadata import AuthorizationServerMetadata
from .authors_report import AuthorsReport
from .batch_ship_entry import BatchShipEntry
from .batch_ship_result import BatchShipResult
from .batch_shipments import BatchShipments
from .batch_shipments_shipments_item import BatchShipmentsShipmentsItem
from .body_upload_evidence import BodyUploadEvidence
from .bulk_slice import BulkSlice
from .bulk_slice_plan import BulkSlicePlan
from .bulk_trailer import BulkTrailer
from .buyer import Buyer
from .buyer_in import BuyerIn
from .carrier import Carrier
from .carrier_listing import CarrierListing
from .change import Change
from .change_data import ChangeData
from .change_entity import ChangeEntity
from .change_page import ChangePage
from .change_type import ChangeType
from .city_volume import CityVolume
from .client_type import ClientType
from .close_reason import CloseReason
from .complaint import Complaint
from .complaint_create import ComplaintCreate
from .complaint_kind import ComplaintKind
from .complaint_page import ComplaintPage
from .complaint_respond import ComplaintRespond
from .complaint_status import ComplaintStatus
from .daily_report import DailyReport
from .day_metrics import DayMetrics
from .day_range_name import DayRangeName
from .decided_by import DecidedBy
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
from .exchange_offer import ExchangeOffer
from .exchange_offer_answer import ExchangeOfferAnswer
from .exchange_offer_status import ExchangeOfferStatus
from .export import Export
from .export_create import ExportCreate
from .export_filters import ExportFilters
from .export_format import ExportFormat
from .export_page import ExportPage
from .export_progress import ExportProgress
from .export_status import ExportStatus
from .field_error import FieldError
from .funnel import Funnel
from .funnel_stages import FunnelStages
from .funnel_unpaid import FunnelUnpaid
from .grant import Grant
from .grant_page import GrantPage
from .granularity import Granularity
from .group_by import GroupBy
from .hours_stats import HoursStats
from .introspection_response import IntrospectionResponse
from .introspection_response_token_type import IntrospectionResponseTokenType
from .liveness import Liveness
from .locale import Locale
from .me import Me
from .metric_deltas import MetricDeltas
from .metric_name import MetricName
from .metrics import Metrics
from .multi_shop_export_create import MultiShopExportCreate
from .notice_type import NoticeType
from .o_auth_error import OAuthError
from .oldest_change import OldestChange
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
from .pay_method import PayMethod
from .pay_status import PayStatus
from .payment_reminder import PaymentReminder
from .payment_reminder_create import PaymentReminderCreate
from .period_health import PeriodHealth
from .previous_period import PreviousPeriod
from .problem import Problem
from .province_volume import ProvinceVolume
from .rate_limit_bucket import RateLimitBucket
from .rate_limit_buckets import RateLimitBuckets
from .rate_limit_status import RateLimitStatus
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .ready_status import ReadyStatus
from .receiver import Receiver
from .receiver_in import ReceiverIn
from .refund import Refund
from .refund_create import RefundCreate
from .refund_line import RefundLine
from .refund_line_in import RefundLineIn
from .regions_report import RegionsReport
from .replay_request import ReplayRequest
from .review_window import ReviewWindow
from .revocation_response import RevocationResponse
from .role import Role
from .scope import Scope
from .shipment import Shipment
from .shipment_line import ShipmentLine
from .shipment_line_in import ShipmentLineIn
from .shipment_patch import ShipmentPatch
from .shipment_status import ShipmentStatus
from .shipment_tracking import ShipmentTracking
from .shop_access import ShopAccess
from .shop_access_page import ShopAccessPage
from .shop_webhook_endpoint import ShopWebhookEndpoint
from .shop_webhook_endpoint_page import ShopWebhookEndpointPage
from .shops_authors import ShopsAuthors
from .shops_funnel import ShopsFunnel
from .shops_regions import ShopsRegions
from .shops_summary import ShopsSummary
from .shops_top_buyers import ShopsTopBuyers
from .shops_trend import ShopsTrend
from .staff_create import StaffCreate
from .staff_create_role import StaffCreateRole
from .staff_member import StaffMember
from .staff_member_page import StaffMemberPage
from .staff_update import StaffUpdate
from .staff_update_role import StaffUpdateRole
from .summary import Summary
from .sync_status import SyncStatus
from .timeline_actor import TimelineActor
from .timeline_event import TimelineEvent
from .timeline_event_data import TimelineEventData
from .token_action_form import TokenActionForm
from .token_action_form_token_type_hint import TokenActionFormTokenTypeHint
from .token_form import TokenForm
from .token_form_grant_type import TokenFormGrantType
from .token_response import TokenResponse
from .top_buyer import TopBuyer
from .top_buyers import TopBuyers
from .top_buyers_by import TopBuyersBy
from .tracking_event import TrackingEvent
from .tracking_event_in import TrackingEventIn
from .tracking_status import TrackingStatus
from .traffic_source import TrafficSource
from .trend import Trend
from .trend_interval import TrendInterval
from .trend_point import TrendPoint
from .trend_series import TrendSeries
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
    "AccountSummary",
    "ActorType",
    "AddressChangeApprove",
    "AddressChangeCreate",
    "AddressChangeReject",
    "AddressChangeRequest",
    "AddressChangeRequestPage",
    "AddressChangeStatus",
    "AfterSale",
    "AfterSaleAction",
    "AfterSaleActionAction",
    "AfterSaleBatch",
    "AfterSaleBatchActionsItem",
    "AfterSaleBatchEntryResult",
    "AfterSaleBatchResult",
    "AfterSaleCreate",
    "AfterSalePage",
    "AfterSaleStatus",
    "AfterSaleSummary",
    "AfterSaleType",
    "App",
    "AppCreate",
    "AppPage",
    "AppSummary",
    "AppWithSecret",
    "AuditActor",
    "AuditEntry",
    "AuditEntryData",
    "AuditEntryPage",
    "AuthorCommission",
    "AuthorContent",
    "AuthorizationServerMetadata",
    "AuthorMetrics",
    "AuthorSource",
    "AuthorsReport",
    "BatchShipEntry",
    "BatchShipments",
    "BatchShipmentsShipmentsItem",
    "BatchShipResult",
    "BodyUploadEvidence",
    "BulkSlice",
    "BulkSlicePlan",
    "BulkTrailer",
    "Buyer",
    "BuyerIn",
    "Carrier",
    "CarrierListing",
    "Change",
    "ChangeData",
    "ChangeEntity",
    "ChangePage",
    "ChangeType",
    "CityVolume",
    "ClientType",
    "CloseReason",
    "Complaint",
    "ComplaintCreate",
    "ComplaintKind",
    "ComplaintPage",
    "ComplaintRespond",
    "ComplaintStatus",
    "DailyReport",
    "DayMetrics",
    "DayRangeName",
    "DecidedBy",
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
    "ExchangeOffer",
    "ExchangeOfferAnswer",
    "ExchangeOfferStatus",
    "Export",
    "ExportCreate",
    "ExportFilters",
    "ExportFormat",
    "ExportPage",
    "ExportProgress",
    "ExportStatus",
    "FieldError",
    "Funnel",
    "FunnelStages",
    "FunnelUnpaid",
    "Grant",
    "GrantPage",
    "Granularity",
    "GroupBy",
    "HoursStats",
    "IntrospectionResponse",
    "IntrospectionResponseTokenType",
    "Liveness",
    "Locale",
    "Me",
    "MetricDeltas",
    "MetricName",
    "Metrics",
    "MultiShopExportCreate",
    "NoticeType",
    "OAuthError",
    "OldestChange",
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
    "OrderShip",
    "OrderSign",
    "OrderSort",
    "OrderStatus",
    "PaymentReminder",
    "PaymentReminderCreate",
    "PayMethod",
    "PayStatus",
    "PeriodHealth",
    "PreviousPeriod",
    "Problem",
    "ProvinceVolume",
    "RateLimitBucket",
    "RateLimitBuckets",
    "RateLimitStatus",
    "Readiness",
    "ReadinessChecks",
    "ReadyStatus",
    "Receiver",
    "ReceiverIn",
    "Refund",
    "RefundCreate",
    "RefundLine",
    "RefundLineIn",
    "RegionsReport",
    "ReplayRequest",
    "ReviewWindow",
    "RevocationResponse",
    "Role",
    "Scope",
    "Shipment",
    "ShipmentLine",
    "ShipmentLineIn",
    "ShipmentPatch",
    "ShipmentStatus",
    "ShipmentTracking",
    "ShopAccess",
    "ShopAccessPage",
    "ShopsAuthors",
    "ShopsFunnel",
    "ShopsRegions",
    "ShopsSummary",
    "ShopsTopBuyers",
    "ShopsTrend",
    "ShopWebhookEndpoint",
    "ShopWebhookEndpointPage",
    "StaffCreate",
    "StaffCreateRole",
    "StaffMember",
    "StaffMemberPage",
    "StaffUpdate",
    "StaffUpdateRole",
    "Summary",
    "SyncStatus",
    "TimelineActor",
    "TimelineEvent",
    "TimelineEventData",
    "TokenActionForm",
    "TokenActionFormTokenTypeHint",
    "TokenForm",
    "TokenFormGrantType",
    "TokenResponse",
    "TopBuyer",
    "TopBuyers",
    "TopBuyersBy",
    "TrackingEvent",
    "TrackingEventIn",
    "TrackingStatus",
    "TrafficSource",
    "Trend",
    "TrendInterval",
    "TrendPoint",
    "TrendSeries",
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
