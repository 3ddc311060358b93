"""Cases and what hangs off them: allocations, consent, plans and goals, onward referrals,
the Reach school record, and closures."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from casework.db import Base, PublicIdMixin, TimestampMixin, VersionedMixin, utcnow


class Case(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """One person's episode on one programme: opened when a referral is accepted, started when
    consent is in place, closed with a reason."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id"), index=True)
    referral_id: Mapped[int] = mapped_column(sa.ForeignKey("referrals.id"), unique=True)
    programme: Mapped[str] = mapped_column(sa.String(16))
    #: The programme definition version the case runs under (in force when it was opened).
    definition_version: Mapped[str] = mapped_column(sa.String(16))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    #: awaiting_consent, open or closed.
    status: Mapped[str] = mapped_column(sa.String(20), default="awaiting_consent")
    #: Start of the case: the day consent was in place (returns section B3).
    started_on: Mapped[date | None]
    #: Set when closed, cleared when reopened; mirrors the current closure for list pages.
    closed_on: Mapped[date | None]
    lead_worker_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: Phoenix community navigator.
    navigator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: Phoenix: the day intensive support began (closure needs 26 weeks from here).
    support_started_on: Mapped[date | None]
    #: Current engagement status (programmes.vocabulary.ENGAGEMENT_STATUSES); the history is in
    #: engagement_status_changes, this copy keeps caseload pages to one query.
    engagement_status: Mapped[str | None] = mapped_column(sa.String(32))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: A worker asked a manager to close the case as a planned completion although the
    #: closure check is not met; cleared when a manager decides.
    closure_requested_at: Mapped[datetime | None]
    closure_requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    person = relationship("Person")
    referral = relationship("Referral", back_populates="case")
    team = relationship("Team")
    lead_worker = relationship("User", foreign_keys=[lead_worker_id])
    closure_requested_by = relationship("User", foreign_keys=[closure_requested_by_id])
    navigator = relationship("User", foreign_keys=[navigator_id])
    sessions: WriteOnlyMapped["Session"] = relationship("Session", back_populates="case")  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint("status IN ('awaiting_consent','open','closed')", name="status_known"),
        sa.Index(None, "programme", "started_on"),
        sa.Index(None, "programme", "closed_on"),
    )


class Allocation(TimestampMixin, Base):
    """Who held a role on a case, and when: reallocation ends one row and starts another."""

    __tablename__ = "allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: lead_worker or navigator.
    role: Mapped[str] = mapped_column(sa.String(20))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    allocated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    user = relationship("User", foreign_keys=[user_id])
    allocated_by = relationship("User", foreign_keys=[allocated_by_id])

    __table_args__ = (sa.CheckConstraint("role IN ('lead_worker','navigator')", name="role_known"),)


class Consent(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Consent to take part, from the young person or (under 18) a parent or carer."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: young_person or parent_carer.
    given_by: Mapped[str] = mapped_column(sa.String(20))
    #: verbal, written or digital.
    method: Mapped[str] = mapped_column(sa.String(20))
    given_on: Mapped[date]
    withdrawn_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.CheckConstraint("given_by IN ('young_person','parent_carer')", name="given_by_known"),
        sa.CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= given_on", name="withdrawn_after_given"),
    )


class Plan(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """An intervention plan, or the closing plan a programme needs (sustainability, exit, transition)."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: programmes.vocabulary.PLAN_KINDS code: intervention, sustainability, exit, transition.
    kind: Mapped[str] = mapped_column(sa.String(20))
    agreed_on: Mapped[date]
    review_on: Mapped[date | None]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    goals: Mapped[list["Goal"]] = relationship(back_populates="plan", order_by="Goal.id")


class Goal(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(sa.ForeignKey("plans.id"), index=True)
    description: Mapped[str] = mapped_column(sa.Text)
    #: programmes.vocabulary.GOAL_STATUSES code.
    status: Mapped[str] = mapped_column(sa.String(20), default="not_started")
    target_on: Mapped[date | None]
    #: Theory-of-change outcome the goal works towards, if the worker linked one.
    outcome_code: Mapped[str | None] = mapped_column(sa.String(16))

    plan: Mapped[Plan] = relationship(back_populates="goals")


class OnwardReferral(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """A referral made to a partner service (returns section D4)."""

    __tablename__ = "onward_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: The session in which the referral was made, when logged with one.
    session_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sessions.id"), index=True)
    #: programmes.vocabulary.ONWARD_REFERRAL_SERVICE_TYPES code.
    service_type: Mapped[str] = mapped_column(sa.String(32))
    #: The receiving organisation (an agency, never a person).
    agency: Mapped[str] = mapped_column(sa.String(120), default="")
    referred_on: Mapped[date] = mapped_column(index=True)
    #: made, accepted, declined, attended.
    status: Mapped[str] = mapped_column(sa.String(16), default="made")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)


class SchoolEvent(PublicIdMixin, TimestampMixin, VersionedMixin, Base):
    """Reach: a suspension, permanent exclusion or managed move."""

    __tablename__ = "school_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: suspension, permanent_exclusion or managed_move.
    kind: Mapped[str] = mapped_column(sa.String(24))
    occurred_on: Mapped[date]
    #: School days lost, for suspensions.
    days: Mapped[int | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.CheckConstraint("kind IN ('suspension','permanent_exclusion','managed_move')", name="kind_known"),
    )


class SchoolAttendance(TimestampMixin, VersionedMixin, Base):
    """Reach: attendance for one school term, as a percentage of possible sessions."""

    __tablename__ = "school_attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: Academic year, written 2024-25.
    academic_year: Mapped[str] = mapped_column(sa.String(7))
    #: autumn, spring or summer.
    term: Mapped[str] = mapped_column(sa.String(8))
    attendance_percent: Mapped[float] = mapped_column(sa.Numeric(5, 1))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.UniqueConstraint("case_id", "academic_year", "term"),
        sa.CheckConstraint("attendance_percent >= 0 AND attendance_percent <= 100", name="percent_range"),
    )


class Closure(PublicIdMixin, TimestampMixin, Base):
    """A case's closure: the reason, the rule check as it stood, and any manager override.
    A reopened case keeps its closure rows, with the reopening recorded on them."""

    __tablename__ = "closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    #: programmes.vocabulary.CLOSURE_REASONS code.
    reason: Mapped[str] = mapped_column(sa.String(32))
    closed_on: Mapped[date] = mapped_column(index=True)
    #: Whether the programme's planned-completion check passed at closure.
    check_passed: Mapped[bool | None]
    #: The check's conditions, met and unmet, as shown to the person closing.
    check_trace: Mapped[dict] = mapped_column(default=dict)
    #: Programme definition version whose closure rule was applied.
    definition_version: Mapped[str] = mapped_column(sa.String(16))
    #: A manager's written reason for closing as a planned completion although the check failed.
    override_reason: Mapped[str | None] = mapped_column(sa.Text)
    closed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reopened_at: Mapped[datetime | None]
    reopened_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reopen_reason: Mapped[str | None] = mapped_column(sa.Text)
    #: Programme definition version the outcome evaluation in `closure_outcomes` was made with;
    #: None while there is none, or since a record of the case changed (it is then out of date).
    outcomes_version: Mapped[str | None] = mapped_column(sa.String(16))
    provider_reference: Mapped[str | None] = mapped_column(sa.String(64), unique=True)


class ClosureOutcome(Base):
    """An outcome the programme's outcome rules found measured on a closed case, as evaluated
    when it closed, with its state: ``improved`` (a measure improved or a record rule is true),
    ``maintained`` (the young person started at the best value and kept it) or
    ``not_improved``. Whether maintained counts as achieved is the outcome definition's to say,
    so it is not kept here. The return counts section F's "measured", "improved" and
    "maintained" from these rows with one aggregate, instead of loading every closed case's
    records; see casework/cases/outcomes.py for when they are written and when they are set
    aside as out of date."""

    __tablename__ = "closure_outcomes"
    __table_args__ = (sa.CheckConstraint("state IN ('improved','maintained','not_improved')", name="state_known"),)

    closure_id: Mapped[int] = mapped_column(sa.ForeignKey("closures.id", ondelete="CASCADE"), primary_key=True)
    #: Outcome code of the programme definition (e.g. VIP-M2).
    outcome_code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    state: Mapped[str] = mapped_column(sa.String(16))


class ClosureMeasure(Base):
    """The standard measure pairs of a closed case as they stood when it closed: per instrument,
    the latest pre and latest post headline scores the return's section E pairs (for the SDQ, a
    pre from the post's informant). Kept and set aside with `ClosureOutcome`."""

    __tablename__ = "closure_measures"

    closure_id: Mapped[int] = mapped_column(sa.ForeignKey("closures.id", ondelete="CASCADE"), primary_key=True)
    #: Instrument code (VIP-PC, RCH-PC, PHX-PC, SWEMWBS, SDQ).
    instrument: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    pre_score: Mapped[float | None] = mapped_column(sa.Numeric(6, 2))
    post_score: Mapped[float | None] = mapped_column(sa.Numeric(6, 2))
