"""Accounts: creation (argon2 hash) and lookups by id or email."""

from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.domain.access.passwords import hash_password
from app.errors import Conflict
from app.kit.text import forbidden_text
from app.models import Account


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def find_account_by_email(session: AsyncSession, email: str) -> Account | None:
    if forbidden_text(email):
        return None  # no stored email holds one (and PostgreSQL cannot compare a NUL)
    return (
        await session.execute(
            select(Account).where(func.lower(Account.email) == normalize_email(email))
        )
    ).scalar_one_or_none()


async def get_account(session: AsyncSession, account_id: int) -> Account | None:
    return (
        await session.execute(select(Account).where(Account.id == account_id))
    ).scalar_one_or_none()


async def create_account(
    session: AsyncSession,
    *,
    email: str,
    password: str,
    display_name: str | None = None,
    password_hash: str | None = None,
) -> int:
    """``password_hash`` lets callers that make many accounts (tests) hash a password once."""
    email = normalize_email(email)
    if await find_account_by_email(session, email) is not None:
        raise Conflict(f"An account with email {email} already exists.")
    account_id: int = (
        await session.execute(
            insert(Account)
            .values(
                email=email,
                display_name=display_name or email.split("@", 1)[0],
                password_hash=password_hash or hash_password(password),
            )
            .returning(Account.id)
        )
    ).scalar_one()
    return account_id
