"""Monitoring returns: frozen snapshots of submitted returns, and the manager's draft of the
sections a manager writes (H, area context; I, narrative) before submitting.

A snapshot can never be changed: the database refuses any UPDATE or DELETE on its table (triggers
in the first migration), and the application refuses before it gets that far (mapper events
below). An amendment is a new snapshot with the next number and a reason; both remain.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin, utcnow


class SnapshotFrozen(RuntimeError):
    """Something tried to change or delete a submitted return."""


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
    #: Which canonical form ``canonical_json`` is in (reports.canonical.CANONICAL_FORMAT): rows
    #: submitted before the build time left the hashed JSON are 1 (their JSON still holds it).
    canonical_format: Mapped[int] = mapped_column(server_default=sa.text("1"))
    #: When the submitted return was built; kept here, outside the hashed JSON (NULL for format 1,
    #: whose JSON holds it).
    generated_at: Mapped[datetime | None]
    #: Record public ids behind each figure cell, for the rebuild diff.
    lineage: Mapped[dict] = mapped_column(default=dict)
    #: Section H (area context figures with source and date) and I (narrative), as entered.
    area_context: Mapped[list] = mapped_column(default=list)
    narrative: Mapped[dict] = mapped_column(default=dict)
    amendment_reason: Mapped[str | None] = mapped_column(sa.Text)
    submitted_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)

    submitted_by = relationship("User")

    __table_args__ = (
        sa.UniqueConstraint("programme", "period_label", "mode", "number"),
        sa.CheckConstraint("mode IN ('internal','shared')", name="mode_known"),
    )


@event.listens_for(ReturnSnapshot, "before_update")
def _refuse_update(_mapper, _connection, target: ReturnSnapshot) -> None:
    raise SnapshotFrozen(
        f"return snapshot {target.public_id} was submitted and cannot be changed; "
        "submit an amendment instead"
    )


@event.listens_for(ReturnSnapshot, "before_delete")
def _refuse_delete(_mapper, _connection, target: ReturnSnapshot) -> None:
    raise SnapshotFrozen(f"return snapshot {target.public_id} was submitted and cannot be deleted")


class ReturnDraft(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """What a manager has written so far for sections H and I of one programme's return for one
    period; copied into the snapshot when the return is submitted."""

    __tablename__ = "return_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: VIP, REACH, PHOENIX or ALL.
    programme: Mapped[str] = mapped_column(sa.String(16))
    period_label: Mapped[str] = mapped_column(sa.String(32))
    #: Section H: [{"code", "value", "source", "as_of"}], one per Home Office success measure entered.
    area_context: Mapped[list] = mapped_column(default=list)
    #: Section I: {"delivery_against_profile", "barriers", "learning", "case_study"} -> text.
    narrative: Mapped[dict] = mapped_column(default=dict)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (sa.UniqueConstraint("programme", "period_label"),)
