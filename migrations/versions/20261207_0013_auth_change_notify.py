"""Any change to who may do what (tokens revoked, grants revoked, apps deleted, memberships
changed, accounts disabled) notifies ``ordergate_auth`` in the changing transaction, so every
process drops its cached principals when it commits (app/auth/cache.py), whoever wrote it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, events): statement-level, so a bulk revoke notifies once; PostgreSQL folds identical
# notifications of one transaction into one.
WATCHED = [
    ("oauth_tokens", "UPDATE OF revoked_at, access_expires_at OR DELETE"),
    ("oauth_grants", "UPDATE OR DELETE"),
    ("oauth_clients", "UPDATE OR DELETE"),
    ("shop_members", "INSERT OR UPDATE OR DELETE"),
    ("accounts", "UPDATE OF disabled_at OR DELETE"),
]


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION ordergate_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('ordergate_auth', '');
            RETURN NULL;
        END $$
        """
    )
    for table, events in WATCHED:
        op.execute(
            f"CREATE TRIGGER {table}_auth_changed AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ordergate_auth_changed()"
        )


def downgrade() -> None:
    for table, _ in WATCHED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_auth_changed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS ordergate_auth_changed()")
