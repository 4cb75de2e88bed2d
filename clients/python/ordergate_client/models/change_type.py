from enum import StrEnum

class ChangeType(StrEnum):
    ADDRESS_CHANGE_APPROVED = "address_change.approved"
    ADDRESS_CHANGE_REJECTED = "address_change.rejected"
    ADDRESS_CHANGE_REQUESTED = "address_change.requested"
    AFTER_SALE_CREATED = "after_sale.created"
    AFTER_SALE_UPDATED = "after_sale.updated"
    COMPLAINT_OPENED = "complaint.opened"
    COMPLAINT_RESPONDED = "complaint.responded"
    DISPUTE_CREATED = "dispute.created"
    DISPUTE_UPDATED = "dispute.updated"
    ORDER_CLOSED = "order.closed"
    ORDER_COMPLETED = "order.completed"
    ORDER_CREATED = "order.created"
    ORDER_PAID = "order.paid"
    ORDER_REFUNDED = "order.refunded"
    ORDER_SHIPPED = "order.shipped"
    ORDER_SIGNED = "order.signed"
    ORDER_UPDATED = "order.updated"
    SHIPMENT_TRACKING_UPDATED = "shipment.tracking_updated"
    SHIPMENT_UPDATED = "shipment.updated"

    def __str__(self) -> str:
        return str(self.value)
