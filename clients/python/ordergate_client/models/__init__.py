""" Contains all the data models used in inputs/outputs """

from .account_summary import AccountSummary
from .after_sale_action import AfterSaleAction
from .after_sale_action_action import AfterSaleActionAction
from .after_sale_create import AfterSaleCreate
from .after_sale_create_type import AfterSaleCreateType
from .after_sale_out import AfterSaleOut
from .after_sale_page import AfterSalePage
from .after_sale_summary import AfterSaleSummary
from .app_create import AppCreate
from .app_create_client_type import AppCreateClientType
from .app_summary import AppSummary
from .author_content import AuthorContent
from .author_metrics import AuthorMetrics
from .author_source import AuthorSource
from .authorization_server_metadata import AuthorizationServerMetadata
from .authors_report import AuthorsReport
from .batch_entry_result import BatchEntryResult
from .batch_result import BatchResult
from .batch_shipments import BatchShipments
from .batch_shipments_shipments_item import BatchShipmentsShipmentsItem
from .body_upload_evidence import BodyUploadEvidence
from .body_upload_evidence_kind import BodyUploadEvidenceKind
from .bulk_trailer import BulkTrailer
from .buyer import Buyer
from .buyer_in import BuyerIn
from .change import Change
from .change_data import ChangeData
from .change_entity import ChangeEntity
from .change_page import ChangePage
from .change_type import ChangeType
from .city_volume import CityVolume
from .close_reason import CloseReason
from .daily_report import DailyReport
from .day_metrics import DayMetrics
from .dispute_create import DisputeCreate
from .dispute_create_kind import DisputeCreateKind
from .dispute_decision import DisputeDecision
from .dispute_decision_outcome import DisputeDecisionOutcome
from .dispute_out import DisputeOut
from .dispute_page import DisputePage
from .dispute_submit import DisputeSubmit
from .endpoint_create import EndpointCreate
from .endpoint_patch import EndpointPatch
from .evidence_list import EvidenceList
from .evidence_out import EvidenceOut
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
from .granularity import Granularity
from .group_by import GroupBy
from .hours_stats import HoursStats
from .internal_close_order_response_internal_close_order import InternalCloseOrderResponseInternalCloseOrder
from .internal_complete_order_response_internal_complete_order import InternalCompleteOrderResponseInternalCompleteOrder
from .internal_create_order_response_internal_create_order import InternalCreateOrderResponseInternalCreateOrder
from .internal_decide_dispute_response_internal_decide_dispute import InternalDecideDisputeResponseInternalDecideDispute
from .internal_get_order_response_internal_get_order import InternalGetOrderResponseInternalGetOrder
from .internal_open_after_sale_response_internal_open_after_sale import InternalOpenAfterSaleResponseInternalOpenAfterSale
from .internal_pay_order_response_internal_pay_order import InternalPayOrderResponseInternalPayOrder
from .internal_ship_order_response_internal_ship_order import InternalShipOrderResponseInternalShipOrder
from .internal_sign_order_response_internal_sign_order import InternalSignOrderResponseInternalSignOrder
from .introspection_response import IntrospectionResponse
from .introspection_response_token_type import IntrospectionResponseTokenType
from .item_out import ItemOut
from .list_after_sales_status_type_0_item import ListAfterSalesStatusType0Item
from .list_after_sales_type_type_0_item import ListAfterSalesTypeType0Item
from .list_deliveries_status_type_0 import ListDeliveriesStatusType0
from .list_disputes_kind_type_0_item import ListDisputesKindType0Item
from .list_disputes_status_type_0_item import ListDisputesStatusType0Item
from .list_orders_after_sale_status_type_0_item import ListOrdersAfterSaleStatusType0Item
from .list_orders_all_shops_after_sale_status_type_0_item import ListOrdersAllShopsAfterSaleStatusType0Item
from .list_orders_all_shops_pay_method_type_0_item import ListOrdersAllShopsPayMethodType0Item
from .list_orders_all_shops_pay_status_type_0_item import ListOrdersAllShopsPayStatusType0Item
from .list_orders_all_shops_range_type_0 import ListOrdersAllShopsRangeType0
from .list_orders_all_shops_sort import ListOrdersAllShopsSort
from .list_orders_all_shops_status_type_0_item import ListOrdersAllShopsStatusType0Item
from .list_orders_all_shops_traffic_source_type_0_item import ListOrdersAllShopsTrafficSourceType0Item
from .list_orders_pay_method_type_0_item import ListOrdersPayMethodType0Item
from .list_orders_pay_status_type_0_item import ListOrdersPayStatusType0Item
from .list_orders_range_type_0 import ListOrdersRangeType0
from .list_orders_sort import ListOrdersSort
from .list_orders_status_type_0_item import ListOrdersStatusType0Item
from .list_orders_traffic_source_type_0_item import ListOrdersTrafficSourceType0Item
from .liveness import Liveness
from .locale import Locale
from .me import Me
from .metric_deltas import MetricDeltas
from .metric_name import MetricName
from .metrics import Metrics
from .o_auth_error import OAuthError
from .oldest_change import OldestChange
from .order_close import OrderClose
from .order_complete import OrderComplete
from .order_create import OrderCreate
from .order_create_pay_method_type_0 import OrderCreatePayMethodType0
from .order_create_traffic_source import OrderCreateTrafficSource
from .order_filter import OrderFilter
from .order_filter_after_sale_status_type_0_item import OrderFilterAfterSaleStatusType0Item
from .order_filter_pay_method_type_0_item import OrderFilterPayMethodType0Item
from .order_filter_pay_status_type_0_item import OrderFilterPayStatusType0Item
from .order_filter_range_type_0 import OrderFilterRangeType0
from .order_filter_status_type_0_item import OrderFilterStatusType0Item
from .order_filter_traffic_source_type_0_item import OrderFilterTrafficSourceType0Item
from .order_flag import OrderFlag
from .order_item_in import OrderItemIn
from .order_out import OrderOut
from .order_out_receiver import OrderOutReceiver
from .order_out_shipments_item import OrderOutShipmentsItem
from .order_page import OrderPage
from .order_patch import OrderPatch
from .order_pay import OrderPay
from .order_pay_pay_method import OrderPayPayMethod
from .order_refund import OrderRefund
from .order_row import OrderRow
from .order_ship import OrderShip
from .order_sign import OrderSign
from .orders_csv_after_sale_status_type_0_item import OrdersCsvAfterSaleStatusType0Item
from .orders_csv_pay_method_type_0_item import OrdersCsvPayMethodType0Item
from .orders_csv_pay_status_type_0_item import OrdersCsvPayStatusType0Item
from .orders_csv_range_type_0 import OrdersCsvRangeType0
from .orders_csv_status_type_0_item import OrdersCsvStatusType0Item
from .orders_csv_traffic_source_type_0_item import OrdersCsvTrafficSourceType0Item
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
from .receiver_in import ReceiverIn
from .regions_report import RegionsReport
from .replay_request import ReplayRequest
from .revocation_response import RevocationResponse
from .shop_access import ShopAccess
from .shop_access_page import ShopAccessPage
from .staff_create import StaffCreate
from .staff_create_role import StaffCreateRole
from .staff_update import StaffUpdate
from .staff_update_role import StaffUpdateRole
from .summary import Summary
from .sync_status import SyncStatus
from .token_action_form import TokenActionForm
from .token_action_form_token_type_hint import TokenActionFormTokenTypeHint
from .token_form import TokenForm
from .token_form_grant_type import TokenFormGrantType
from .token_response import TokenResponse
from .top_buyer import TopBuyer
from .top_buyers import TopBuyers
from .top_buyers_by import TopBuyersBy
from .trend import Trend
from .trend_interval import TrendInterval
from .trend_point import TrendPoint
from .trend_series import TrendSeries

__all__ = (
    "AccountSummary",
    "AfterSaleAction",
    "AfterSaleActionAction",
    "AfterSaleCreate",
    "AfterSaleCreateType",
    "AfterSaleOut",
    "AfterSalePage",
    "AfterSaleSummary",
    "AppCreate",
    "AppCreateClientType",
    "AppSummary",
    "AuthorContent",
    "AuthorizationServerMetadata",
    "AuthorMetrics",
    "AuthorSource",
    "AuthorsReport",
    "BatchEntryResult",
    "BatchResult",
    "BatchShipments",
    "BatchShipmentsShipmentsItem",
    "BodyUploadEvidence",
    "BodyUploadEvidenceKind",
    "BulkTrailer",
    "Buyer",
    "BuyerIn",
    "Change",
    "ChangeData",
    "ChangeEntity",
    "ChangePage",
    "ChangeType",
    "CityVolume",
    "CloseReason",
    "DailyReport",
    "DayMetrics",
    "DisputeCreate",
    "DisputeCreateKind",
    "DisputeDecision",
    "DisputeDecisionOutcome",
    "DisputeOut",
    "DisputePage",
    "DisputeSubmit",
    "EndpointCreate",
    "EndpointPatch",
    "EvidenceList",
    "EvidenceOut",
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
    "Granularity",
    "GroupBy",
    "HoursStats",
    "InternalCloseOrderResponseInternalCloseOrder",
    "InternalCompleteOrderResponseInternalCompleteOrder",
    "InternalCreateOrderResponseInternalCreateOrder",
    "InternalDecideDisputeResponseInternalDecideDispute",
    "InternalGetOrderResponseInternalGetOrder",
    "InternalOpenAfterSaleResponseInternalOpenAfterSale",
    "InternalPayOrderResponseInternalPayOrder",
    "InternalShipOrderResponseInternalShipOrder",
    "InternalSignOrderResponseInternalSignOrder",
    "IntrospectionResponse",
    "IntrospectionResponseTokenType",
    "ItemOut",
    "ListAfterSalesStatusType0Item",
    "ListAfterSalesTypeType0Item",
    "ListDeliveriesStatusType0",
    "ListDisputesKindType0Item",
    "ListDisputesStatusType0Item",
    "ListOrdersAfterSaleStatusType0Item",
    "ListOrdersAllShopsAfterSaleStatusType0Item",
    "ListOrdersAllShopsPayMethodType0Item",
    "ListOrdersAllShopsPayStatusType0Item",
    "ListOrdersAllShopsRangeType0",
    "ListOrdersAllShopsSort",
    "ListOrdersAllShopsStatusType0Item",
    "ListOrdersAllShopsTrafficSourceType0Item",
    "ListOrdersPayMethodType0Item",
    "ListOrdersPayStatusType0Item",
    "ListOrdersRangeType0",
    "ListOrdersSort",
    "ListOrdersStatusType0Item",
    "ListOrdersTrafficSourceType0Item",
    "Liveness",
    "Locale",
    "Me",
    "MetricDeltas",
    "MetricName",
    "Metrics",
    "OAuthError",
    "OldestChange",
    "OrderClose",
    "OrderComplete",
    "OrderCreate",
    "OrderCreatePayMethodType0",
    "OrderCreateTrafficSource",
    "OrderFilter",
    "OrderFilterAfterSaleStatusType0Item",
    "OrderFilterPayMethodType0Item",
    "OrderFilterPayStatusType0Item",
    "OrderFilterRangeType0",
    "OrderFilterStatusType0Item",
    "OrderFilterTrafficSourceType0Item",
    "OrderFlag",
    "OrderItemIn",
    "OrderOut",
    "OrderOutReceiver",
    "OrderOutShipmentsItem",
    "OrderPage",
    "OrderPatch",
    "OrderPay",
    "OrderPayPayMethod",
    "OrderRefund",
    "OrderRow",
    "OrdersCsvAfterSaleStatusType0Item",
    "OrdersCsvPayMethodType0Item",
    "OrdersCsvPayStatusType0Item",
    "OrdersCsvRangeType0",
    "OrdersCsvStatusType0Item",
    "OrdersCsvTrafficSourceType0Item",
    "OrderShip",
    "OrderSign",
    "PaymentReminderCreate",
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
    "ReceiverIn",
    "RegionsReport",
    "ReplayRequest",
    "RevocationResponse",
    "ShopAccess",
    "ShopAccessPage",
    "StaffCreate",
    "StaffCreateRole",
    "StaffUpdate",
    "StaffUpdateRole",
    "Summary",
    "SyncStatus",
    "TokenActionForm",
    "TokenActionFormTokenTypeHint",
    "TokenForm",
    "TokenFormGrantType",
    "TokenResponse",
    "TopBuyer",
    "TopBuyers",
    "TopBuyersBy",
    "Trend",
    "TrendInterval",
    "TrendPoint",
    "TrendSeries",
)
