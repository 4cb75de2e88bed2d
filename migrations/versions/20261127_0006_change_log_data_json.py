"""change_log.data: json instead of jsonb (stored text, sent back out as it is)

The feed never looks inside ``data``: pages, the bulk stream and webhooks send the stored text
back out. As jsonb it was parsed on every write and printed again on every read, about 40% of
the database's time in a bulk copy.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 04:30:00
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column(
        "change_log",
        "data",
        type_=postgresql.JSON(),
        existing_type=postgresql.JSONB(),
        postgresql_using="data::json",
    )


def downgrade() -> None:
    op.alter_column(
        "change_log",
        "data",
        type_=postgresql.JSONB(),
        existing_type=postgresql.JSON(),
        postgresql_using="data::jsonb",
    )
