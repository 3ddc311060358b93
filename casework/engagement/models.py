"""Engagement: contact attempts and status (navigators), Phoenix notifications and call-ins,
escalation to enforcement, and enforcement events (police partners only)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin


class EngagementContact(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """One attempt to contact a young person, successful or not (returns section D5)."""

    __tablename__ = "engagement_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    contacted_at: Mapped[datetime]
    #: The contact date in Europe/London, for counting by period.
    contacted_on: Mapped[date] = mapped_column(index=True)
    #: programmes.vocabulary.CONTACT_METHODS code.
    method: Mapped[str] = mapped_column(sa.String(24))
    #: programmes.vocabulary.CONTACT_RESULTS code.
    result: Mapped[str] = mapped_column(sa.String(24))
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)


class EngagementStatusChange(TimestampMixin, Base):
    """The engagement status history of a case; the newest row is the case's current status."""

    __tablename__ = "engagement_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: programmes.vocabulary.ENGAGEMENT_STATUSES code.
    status: Mapped[str] = mapped_column(sa.String(32))
    changed_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


class Notification(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Phoenix: the initial notification (home visit with family for under-18s, call-in for adults)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: programmes.vocabulary.NOTIFICATION_METHODS code.
    method: Mapped[str] = mapped_column(sa.String(32))
    notified_on: Mapped[date]
    #: Whether the young person attended (a call-in) or was seen (a visit).
    attended: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


class Escalation(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Phoenix: a refusal or persisting risk referred to the enforcement component, and its outcome."""

    __tablename__ = "escalations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    raised_on: Mapped[date]
    #: programmes.vocabulary.ESCALATION_REASONS code.
    reason: Mapped[str] = mapped_column(sa.String(24))
    raised_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: programmes.vocabulary.ESCALATION_OUTCOMES code (ongoing until decided).
    outcome: Mapped[str] = mapped_column(sa.String(24), default="ongoing")
    outcome_on: Mapped[date | None]


class EnforcementEvent(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Phoenix PHX-C8: enforcement or disruption activity, recorded by police partners and
    visible only to managers and enforcement officers."""

    __tablename__ = "enforcement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    escalation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("escalations.id"))
    #: programmes.vocabulary.ENFORCEMENT_KINDS code.
    kind: Mapped[str] = mapped_column(sa.String(32))
    occurred_on: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


class ProgrammeActivity(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Programme-level activity that evidences agency and community outcomes (Phoenix PHX-A*,
    PHX-K*): multi-agency meetings, data-sharing agreements, community events."""

    __tablename__ = "programme_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme: Mapped[str] = mapped_column(sa.String(16), index=True)
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    kind: Mapped[str] = mapped_column(sa.String(32))
    occurred_on: Mapped[date]
    description: Mapped[str] = mapped_column(sa.Text, default="")
    #: Outcome codes of the programme that the activity evidences.
    outcome_codes: Mapped[list] = mapped_column(default=list)
    attendees: Mapped[int | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
