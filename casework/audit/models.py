"""The append-only audit log. Rows are inserted in the same transaction as the change they
describe; triggers in the database refuse UPDATE and DELETE (migration 0001)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: Null for events with no signed-in user (a failed sign-in, the command line's demo loader).
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: The role held when acting, kept because a user's role can change later.
    role: Mapped[str | None] = mapped_column(sa.String(32))
    #: What happened, e.g. "case.view", "session.create", "sign_in.failure".
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    #: Kind and public id of the record concerned, when there is one.
    record_type: Mapped[str | None] = mapped_column(sa.String(32))
    record_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)
    #: success, denied or failed.
    outcome: Mapped[str] = mapped_column(sa.String(16), default="success")
    #: Structured facts about the event (field names changed, counts, channel); never note text.
    details: Mapped[dict] = mapped_column(default=dict)

    __table_args__ = (
        sa.CheckConstraint("outcome IN ('success','denied','failed')", name="outcome_known"),
    )
