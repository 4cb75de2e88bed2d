"""metrics_daily holds cohort figures: of the orders paid that day, how many have a return or a
complaint (ever), instead of after-sales and disputes opened that day. The columns are renamed
to say so, and the rollup is emptied and its cursor dropped: readers read live until the
worker's next pass rebuilds it under the new definitions.

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RENAMES = (
    ("paid_orders", "converted_orders"),
    ("paid_count", "paid_orders"),
    ("returns", "returned_orders"),
    ("disputes", "complained_orders"),
)


def _reset() -> None:
    op.execute("DELETE FROM metrics_daily")
    op.execute("DELETE FROM change_log_cursors WHERE name = 'metrics_daily'")


def upgrade() -> None:
    _reset()
    for old, new in _RENAMES:
        op.alter_column("metrics_daily", old, new_column_name=new)


def downgrade() -> None:
    _reset()
    for old, new in reversed(_RENAMES):
        op.alter_column("metrics_daily", new, new_column_name=old)
