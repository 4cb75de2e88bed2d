from enum import StrEnum

class Scope(StrEnum):
    AFTER_SALESREAD = "after_sales:read"
    AFTER_SALESWRITE = "after_sales:write"
    AUDITREAD = "audit:read"
    CHANGESREAD = "changes:read"
    DISPUTESWRITE = "disputes:write"
    EXPORTS = "exports"
    METRICSREAD = "metrics:read"
    ORDERSREAD = "orders:read"
    ORDERSREAD_PII = "orders:read_pii"
    ORDERSWRITE = "orders:write"
    STAFFMANAGE = "staff:manage"
    WEBHOOKSMANAGE = "webhooks:manage"

    def __str__(self) -> str:
        return str(self.value)
