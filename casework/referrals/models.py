"""Referrals: one request for one programme about one person, and the decision on it."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin


class Referral(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    programme: Mapped[str] = mapped_column(sa.String(16))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    #: Programme definition version in force on the received date.
    definition_version: Mapped[str] = mapped_column(sa.String(16))
    received_at: Mapped[datetime]
    #: The received date in Europe/London. Kept beside received_at because returns count records
    #: by their local calendar date in SQL, on every database, and index it.
    received_on: Mapped[date]
    #: Referral source code of the programme definition (e.g. police_custody, school).
    source: Mapped[str] = mapped_column(sa.String(48))
    #: Setting code (VIP: custody, a_and_e, other_health); null where the programme has none.
    setting: Mapped[str | None] = mapped_column(sa.String(48))
    #: Programme-specific facts given at referral (VIP offence or injury type; Reach school,
    #: suspensions, attendance, vulnerabilities; Phoenix nominating agency, cohort tier...).
    details: Mapped[dict] = mapped_column(default=dict)
    #: pending, accepted or declined.
    status: Mapped[str] = mapped_column(sa.String(16), default="pending")
    #: programmes.vocabulary.DECISION_REASONS code when declined.
    decline_reason: Mapped[str | None] = mapped_column(sa.String(48))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: The eligibility decision's reasons as shown to the person deciding.
    eligibility: Mapped[dict] = mapped_column(default=dict)
    first_contact_at: Mapped[datetime | None]
    #: The date of first contact in Europe/London (see received_on).
    first_contact_on: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    person = relationship("Person")
    team = relationship("Team")
    case = relationship("Case", back_populates="referral", uselist=False)

    __table_args__ = (
        sa.CheckConstraint("status IN ('pending','accepted','declined')", name="status_known"),
        sa.CheckConstraint("status <> 'declined' OR decline_reason IS NOT NULL", name="declined_has_reason"),
        sa.Index(None, "programme", "received_on"),
    )
