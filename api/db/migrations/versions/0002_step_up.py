"""passkeys and step-up: challenges, recovery codes, clone flag

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 13:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.db.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("webauthn_credentials", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clone_suspected_at", api.db.types.UtcDateTime(timezone=True), nullable=True)
        )

    op.create_table(
        "webauthn_challenges",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("action_kind", sa.String(length=40), nullable=True),
        sa.Column("action_digest", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("consumed_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("nonce"),
    )
    with op.batch_alter_table("webauthn_challenges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_webauthn_challenges_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_webauthn_challenges_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("used_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_codes_user_id"), ["user_id"], unique=False)

    op.create_table(
        "trading_grants",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("symbols", sa.String(length=400), nullable=False),
        sa.Column("max_orders", sa.Integer(), nullable=False),
        sa.Column("max_notional", api.db.types.Money(), nullable=False),
        sa.Column("orders_used", sa.Integer(), nullable=False),
        sa.Column("notional_used", api.db.types.Money(), nullable=False),
        sa.Column("created_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", api.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", api.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("trading_grants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trading_grants_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trading_grants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trading_grants_user_id"))
    op.drop_table("trading_grants")
    with op.batch_alter_table("recovery_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_codes_user_id"))
    op.drop_table("recovery_codes")
    with op.batch_alter_table("webauthn_challenges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webauthn_challenges_user_id"))
        batch_op.drop_index(batch_op.f("ix_webauthn_challenges_expires_at"))
    op.drop_table("webauthn_challenges")
    with op.batch_alter_table("webauthn_credentials", schema=None) as batch_op:
        batch_op.drop_column("clone_suspected_at")
