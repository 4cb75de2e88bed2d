"""OAuth clients (apps), authorization codes, tokens and grants. Secrets are SHA-256 only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, created_at_column


class OAuthClient(Base):
    __tablename__ = "oauth_clients"
    __table_args__ = (
        CheckConstraint("client_type IN ('public', 'confidential')", name="client_type_valid"),
        Index(
            "ix_oauth_clients_created_via",
            "created_via_client_id",
            postgresql_where=text("created_via_client_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_secret_hash: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    owner_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    client_type: Mapped[str] = mapped_column(String(20))
    redirect_uris: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default="{}")
    scope: Mapped[str] = mapped_column(Text)
    # A merchant's private app (client_credentials) is bound to these shops of its owner.
    private_shop_ids: Mapped[list[int] | None] = mapped_column(ARRAY(BigInteger))
    # How a private app was made: through which app's grant, and by which token. It is revoked
    # with that grant, with its owner's membership, and with the token when a third-party
    # app's (see app/domain/apps/revocation.py).
    created_via_client_id: Mapped[int | None] = mapped_column(
        ForeignKey("oauth_clients.id", ondelete="SET NULL")
    )
    created_by_token_id: Mapped[int | None] = mapped_column(BigInteger)
    first_party: Mapped[bool] = mapped_column(Boolean, server_default="false")
    tier: Mapped[str] = mapped_column(String(32), server_default="default")
    created_at: Mapped[datetime] = created_at_column()
    deleted_at: Mapped[datetime | None]


class OAuthAuthorizationCode(Base):
    __tablename__ = "oauth_authorization_codes"

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_clients.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    redirect_uri: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text)
    shop_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    code_challenge: Mapped[str] = mapped_column(String(128))
    code_challenge_method: Mapped[str] = mapped_column(String(10))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = created_at_column()


class OAuthToken(Base):
    """An access/refresh pair. Rotation links pairs of one family (one original grant)."""

    __tablename__ = "oauth_tokens"
    __table_args__ = (Index("ix_oauth_tokens_family", "family_id"),)

    id: Mapped[int] = mapped_column(Identity(), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(36))
    client_id: Mapped[int] = mapped_column(ForeignKey("oauth_clients.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    authorization_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("oauth_authorization_codes.id", ondelete="SET NULL"), index=True
    )
    access_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(Text)
    shop_ids: Mapped[list[int]] = mapped_column(ARRAY(BigInteger))
    issued_at: Mapped[datetime] = created_at_column()
    access_expires_at: Mapped[datetime]
    refresh_expires_at: Mapped[datetime | None]
    rotated_at: Mapped[datetime | None]
    replaced_by_id: Mapped[int | None]
    revoked_at: Mapped[datetime | None]


class OAuthGrant(Base):
    """An app installed on a shop by an account: what the consent screen created."""

    __tablename__ = "oauth_grants"

    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"), primary_key=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("oauth_clients.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    scope: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()
    revoked_at: Mapped[datetime | None]
