"""Reads for engagement and enforcement pages, within scope.

Enforcement events are read only by `enforcement_record`, which the routes call for managers and
enforcement officers alone (casework.security.sees_enforcement); nothing a worker's page reads
touches that table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

import programmes
from casework.auth.models import Membership, Team, User
from casework.cases.models import Case
from casework.db import db
from casework.engagement.models import (
    EnforcementEvent,
    EngagementContact,
    EngagementStatusChange,
    Escalation,
    Notification,
    ProgrammeActivity,
)
from casework.people.models import Person
from casework.security import case_scope, programmes_of

#: Contact results where the worker reached the person (spoke to them or met them).
SUCCESSFUL_CONTACT_RESULTS = ("spoke_declined", "spoke_engaged", "met")


@dataclass(frozen=True)
class ContactRow:
    contact: EngagementContact
    recorded_by: str | None

    @property
    def successful(self) -> bool:
        return self.contact.result in SUCCESSFUL_CONTACT_RESULTS


@dataclass(frozen=True)
class StatusRow:
    status: str
    changed_on: date
    recorded_by: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class EngagementRecord:
    """What the engagement page shows: never enforcement events."""

    contacts: list[ContactRow] = field(default_factory=list)
    history: list[StatusRow] = field(default_factory=list)
    notification: Notification | None = None
    escalations: list[Escalation] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return len(self.contacts)

    @property
    def successful(self) -> int:
        return sum(1 for row in self.contacts if row.successful)

    @property
    def last_changed_on(self) -> date | None:
        return self.history[0].changed_on if self.history else None


def engagement_record(case: Case) -> EngagementRecord:
    """Contacts (newest first), the status history (newest first), and for Phoenix cases the
    notification and escalations of one case the caller has loaded through `load_case`
    (four queries, whatever the number of rows)."""
    recorder = aliased(User)
    contacts = [
        ContactRow(contact, name) for contact, name in db.session.execute(
            sa.select(EngagementContact, recorder.name)
            .outerjoin(recorder, recorder.id == EngagementContact.recorded_by_id)
            .where(EngagementContact.case_id == case.id)
            .order_by(EngagementContact.contacted_at.desc(), EngagementContact.id.desc())
        )
    ]
    history = [
        StatusRow(change.status, change.changed_on, name, change.created_at) for change, name in db.session.execute(
            sa.select(EngagementStatusChange, recorder.name)
            .outerjoin(recorder, recorder.id == EngagementStatusChange.recorded_by_id)
            .where(EngagementStatusChange.case_id == case.id)
            .order_by(EngagementStatusChange.changed_on.desc(), EngagementStatusChange.id.desc())
        )
    ]
    notification = None
    escalations: list[Escalation] = []
    capabilities = programmes.get_programme(case.programme).capabilities
    if capabilities.notification:
        notification = case_notification(case)
    if capabilities.enforcement:
        escalations = case_escalations(case)
    return EngagementRecord(contacts, history, notification, escalations)


def case_escalations(case: Case) -> list[Escalation]:
    """The escalations of one case, newest first."""
    return list(db.session.scalars(
        sa.select(Escalation).where(Escalation.case_id == case.id)
        .order_by(Escalation.raised_on.desc(), Escalation.id.desc())
    ))


def case_notification(case: Case) -> Notification | None:
    """The case's initial Phoenix notification, if recorded."""
    return db.session.scalars(
        sa.select(Notification).where(Notification.case_id == case.id).order_by(Notification.id).limit(1)
    ).first()


def last_status_change_on(case: Case) -> date | None:
    """The date of the newest engagement status change of the case."""
    return db.session.scalar(
        sa.select(sa.func.max(EngagementStatusChange.changed_on)).where(EngagementStatusChange.case_id == case.id)
    )


@dataclass(frozen=True)
class EnforcementRecord:
    """What the enforcement page shows: escalations and enforcement events, nothing else."""

    escalations: list[Escalation]
    #: (event, the escalation it follows or None, recorded by name)
    events: list[tuple[EnforcementEvent, Escalation | None, str | None]]


def enforcement_record(case: Case) -> EnforcementRecord:
    """Escalations and enforcement events of one Phoenix case (two queries). Call only for users
    who `sees_enforcement`."""
    recorder = aliased(User)
    events = [
        (event, escalation, name) for event, escalation, name in db.session.execute(
            sa.select(EnforcementEvent, Escalation, recorder.name)
            .outerjoin(Escalation, Escalation.id == EnforcementEvent.escalation_id)
            .outerjoin(recorder, recorder.id == EnforcementEvent.recorded_by_id)
            .where(EnforcementEvent.case_id == case.id)
            .order_by(EnforcementEvent.occurred_on.desc(), EnforcementEvent.id.desc())
        )
    ]
    return EnforcementRecord(case_escalations(case), events)


def escalations_in_scope(user):
    """Escalations on cases in scope with the person's name: open (ongoing) ones first, then
    newest first (one query)."""
    return db.session.execute(
        sa.select(Escalation, Case.public_id, Person.given_name, Person.family_name)
        .join(Case, Case.id == Escalation.case_id).join(Person, Person.id == Case.person_id)
        .where(case_scope(user))
        .order_by(sa.case((Escalation.outcome == "ongoing", 0), else_=1),
                  Escalation.raised_on.desc(), Escalation.id.desc())
    ).all()


# --- programme activities ----------------------------------------------------------------------

def activity_teams(user) -> list[Team]:
    """The active teams the manager belongs to: the teams a programme activity can be recorded for."""
    return list(db.session.scalars(
        sa.select(Team).join(Membership).where(Membership.user_id == user.id, Team.active)
        .order_by(Team.programme, Team.name)
    ))


def programme_activities(user, limit: int = 200) -> list[tuple[ProgrammeActivity, str]]:
    """Programme activities of the user's programmes with the team name, newest first (one query)."""
    return list(db.session.execute(
        sa.select(ProgrammeActivity, Team.name).join(Team, Team.id == ProgrammeActivity.team_id)
        .where(ProgrammeActivity.programme.in_(programmes_of(user)))
        .order_by(ProgrammeActivity.occurred_on.desc(), ProgrammeActivity.id.desc()).limit(limit)
    ).all())
