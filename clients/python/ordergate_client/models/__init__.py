""" Contains all the data models used in inputs/outputs """

from .account_out import AccountOut
from .actor_type import ActorType
from .after_sale_action import AfterSaleAction
from .after_sale_action_action import AfterSaleActionAction
from .after_sale_create import AfterSaleCreate
from .after_sale_create_type import AfterSaleCreateType
from .after_sale_out import AfterSaleOut
from .after_sale_page import AfterSalePage
from .after_sale_summary import AfterSaleSummary
from .app import App
from .app_create import AppCreate
from .app_out import AppOut
from .app_page import AppPage
from .app_with_secret import AppWithSecret
from .audit_actor import AuditActor
from .audit_entry import AuditEntry
from .audit_entry_data import AuditEntryData
from .audit_entry_page import AuditEntryPage
from .batch_entry_result import BatchEntryResult
from .batch_result import BatchResult
from .batch_shipments import BatchShipments
from .batch_shipments_shipments_item import BatchShipmentsShipmentsItem
from .body_upload_evidence import BodyUploadEvidence
from .body_upload_evidence_kind import BodyUploadEvidenceKind
from .bucket_out import BucketOut
from .buyer import Buyer
from .buyer_in import BuyerIn
from .change_type import ChangeType
from .client_type import ClientType
from .delivery_status import DeliveryStatus
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
from .export_create import ExportCreate
from .export_create_format import ExportCreateFormat
from .export_create_granularity import ExportCreateGranularity
from .export_create_locale import ExportCreateLocale
from .field_error import FieldError
from .grant import Grant
from .grant_page import GrantPage
from .healthz_response_healthz import HealthzResponseHealthz
from .internal_close_order_response_internal_close_order import InternalCloseOrderResponseInternalCloseOrder
from .internal_complete_order_response_internal_complete_order import InternalCompleteOrderResponseInternalCompleteOrder
from .internal_create_order_response_internal_create_order import InternalCreateOrderResponseInternalCreateOrder
from .internal_decide_dispute_response_internal_decide_dispute import InternalDecideDisputeResponseInternalDecideDispute
from .internal_get_order_response_internal_get_order import InternalGetOrderResponseInternalGetOrder
from .internal_open_after_sale_response_internal_open_after_sale import InternalOpenAfterSaleResponseInternalOpenAfterSale
from .internal_pay_order_response_internal_pay_order import InternalPayOrderResponseInternalPayOrder
from .internal_ship_order_response_internal_ship_order import InternalShipOrderResponseInternalShipOrder
from .internal_sign_order_response_internal_sign_order import InternalSignOrderResponseInternalSignOrder
from .item_out import ItemOut
from .list_after_sales_status_type_0_item import ListAfterSalesStatusType0Item
from .list_after_sales_type_type_0_item import ListAfterSalesTypeType0Item
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
from .me_out import MeOut
from .notice_type import NoticeType
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
from .orders_csv_granularity import OrdersCsvGranularity
from .orders_csv_locale import OrdersCsvLocale
from .orders_csv_pay_method_type_0_item import OrdersCsvPayMethodType0Item
from .orders_csv_pay_status_type_0_item import OrdersCsvPayStatusType0Item
from .orders_csv_range_type_0 import OrdersCsvRangeType0
from .orders_csv_status_type_0_item import OrdersCsvStatusType0Item
from .orders_csv_traffic_source_type_0_item import OrdersCsvTrafficSourceType0Item
from .payment_reminder_create import PaymentReminderCreate
from .problem import Problem
from .rate_limit_buckets_out import RateLimitBucketsOut
from .rate_limit_out import RateLimitOut
from .receiver_in import ReceiverIn
from .replay_request import ReplayRequest
from .role import Role
from .scope import Scope
from .shop_list import ShopList
from .shop_out import ShopOut
from .staff_create import StaffCreate
from .staff_create_role import StaffCreateRole
from .staff_member import StaffMember
from .staff_member_page import StaffMemberPage
from .staff_update import StaffUpdate
from .staff_update_role import StaffUpdateRole
from .top_buyers_by import TopBuyersBy
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
    "AfterSaleAction",
    "AfterSaleActionAction",
    "AfterSaleCreate",
    "AfterSaleCreateType",
    "AfterSaleOut",
    "AfterSalePage",
    "AfterSaleSummary",
    "App",
    "AppCreate",
    "AppOut",
    "AppPage",
    "AppWithSecret",
    "AuditActor",
    "AuditEntry",
    "AuditEntryData",
    "AuditEntryPage",
    "BatchEntryResult",
    "BatchResult",
    "BatchShipments",
    "BatchShipmentsShipmentsItem",
    "BodyUploadEvidence",
    "BodyUploadEvidenceKind",
    "BucketOut",
    "Buyer",
    "BuyerIn",
    "ChangeType",
    "ClientType",
    "DeliveryStatus",
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
    "ExportCreate",
    "ExportCreateFormat",
    "ExportCreateGranularity",
    "ExportCreateLocale",
    "FieldError",
    "Grant",
    "GrantPage",
    "HealthzResponseHealthz",
    "InternalCloseOrderResponseInternalCloseOrder",
    "InternalCompleteOrderResponseInternalCompleteOrder",
    "InternalCreateOrderResponseInternalCreateOrder",
    "InternalDecideDisputeResponseInternalDecideDispute",
    "InternalGetOrderResponseInternalGetOrder",
    "InternalOpenAfterSaleResponseInternalOpenAfterSale",
    "InternalPayOrderResponseInternalPayOrder",
    "InternalShipOrderResponseInternalShipOrder",
    "InternalSignOrderResponseInternalSignOrder",
    "ItemOut",
    "ListAfterSalesStatusType0Item",
    "ListAfterSalesTypeType0Item",
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
    "MeOut",
    "NoticeType",
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
    "OrdersCsvGranularity",
    "OrdersCsvLocale",
    "OrdersCsvPayMethodType0Item",
    "OrdersCsvPayStatusType0Item",
    "OrdersCsvRangeType0",
    "OrdersCsvStatusType0Item",
    "OrdersCsvTrafficSourceType0Item",
    "OrderShip",
    "OrderSign",
    "PaymentReminderCreate",
    "Problem",
    "RateLimitBucketsOut",
    "RateLimitOut",
    "ReceiverIn",
    "ReplayRequest",
    "Role",
    "Scope",
    "ShopList",
    "ShopOut",
    "StaffCreate",
    "StaffCreateRole",
    "StaffMember",
    "StaffMemberPage",
    "StaffUpdate",
    "StaffUpdateRole",
    "TopBuyersBy",
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
