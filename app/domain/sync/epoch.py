"""Feed epoch: bumped by operators after a restore so every older cursor answers 410."""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database


async def reset_epoch(db: Database) -> int:
    """Start a new feed epoch; returns it."""
    async with db.transaction() as session:
        epoch = await session.scalar(
            text(
                "UPDATE feed_state SET epoch = epoch + 1, updated_at = now() "
                "WHERE id = 1 RETURNING epoch"
            )
        )
    return int(epoch)
