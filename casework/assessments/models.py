"""Assessments: an instrument at a timepoint, with item responses (progress checks, SWEMWBS)
or scores only (SDQ, whose items are not ours to store)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin


class Assessment(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: Instrument code from programmes.instruments (VIP-PC, RCH-PC, PHX-PC, SWEMWBS, SDQ).
    instrument: Mapped[str] = mapped_column(sa.String(16))
    #: pre, post or follow_up.
    timepoint: Mapped[str] = mapped_column(sa.String(12))
    completed_on: Mapped[date] = mapped_column(index=True)
    #: SDQ informant: self, parent or teacher.
    informant: Mapped[str | None] = mapped_column(sa.String(12))
    #: The instrument's headline score: mean item score for progress checks, the metric score
    #: for SWEMWBS, total difficulties for SDQ. Computed by programmes.instruments at save.
    score: Mapped[float | None] = mapped_column(sa.Numeric(6, 2))
    #: Subscale or other secondary scores (SDQ subscales, SWEMWBS raw sum).
    subscores: Mapped[dict] = mapped_column(default=dict)
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    items: Mapped[list["AssessmentItem"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentItem.item_code"
    )

    __table_args__ = (
        sa.CheckConstraint("timepoint IN ('pre','post','follow_up')", name="timepoint_known"),
        sa.Index(None, "case_id", "instrument", "timepoint"),
    )


class AssessmentItem(Base):
    """One item response, as given (before any reverse scoring)."""

    __tablename__ = "assessment_items"

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True
    )
    item_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    value: Mapped[int]

    assessment: Mapped[Assessment] = relationship(back_populates="items")
