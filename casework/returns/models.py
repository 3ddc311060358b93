"""Submitted monitoring returns: frozen snapshots. The database refuses any UPDATE or DELETE on
this table (triggers in the first migration); the application never issues one."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import Base, PublicIdMixin, utcnow


class ReturnSnapshot(PublicIdMixin, Base):
    __tablename__ = "return_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: VIP, REACH, PHOENIX or ALL.
    programme: Mapped[str] = mapped_column(sa.String(16))
    period_label: Mapped[str] = mapped_column(sa.String(32))
    period_start: Mapped[date]
    period_end: Mapped[date]
    #: internal or shared.
    mode: Mapped[str] = mapped_column(sa.String(16))
    #: 1 for the first submission of a programme, period and mode; amendments count up.
    number: Mapped[int] = mapped_column(default=1)
    definition_version: Mapped[str] = mapped_column(sa.String(16))
    programme_versions: Mapped[dict] = mapped_column(default=dict)
    #: The canonical JSON, exactly the bytes that were hashed.
    canonical_json: Mapped[str] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    #: Record public ids behind each figure cell, for the rebuild diff.
    lineage: Mapped[dict] = mapped_column(default=dict)
    #: Section H (area context figures with source and date) and I (narrative), as entered.
    area_context: Mapped[list] = mapped_column(default=list)
    narrative: Mapped[dict] = mapped_column(default=dict)
    amendment_reason: Mapped[str | None] = mapped_column(sa.Text)
    submitted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("programme", "period_label", "mode", "number"),
        sa.CheckConstraint("mode IN ('internal','shared')", name="mode_known"),
    )
