"""Reads for caseload, search and case pages; every one filtered by the user's scope."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from casework.cases.models import Case
from casework.db import db
from casework.people.models import Person
from casework.security import case_scope, person_scope


def caseload(user) -> list[Case]:
    """Open and awaiting-consent cases the user leads or navigates, within scope (one query)."""
    return list(db.session.scalars(
        sa.select(Case)
        .where(case_scope(user), Case.status != "closed",
               sa.or_(Case.lead_worker_id == user.id, Case.navigator_id == user.id))
        .options(joinedload(Case.person))
        .order_by(Case.started_on.is_(None).desc(), Case.started_on)
    ))


def search_people(user, text: str, limit: int = 50) -> list[Person]:
    """People in scope whose name starts with, or whose date of birth equals, `text`."""
    text = text.strip()
    if not text:
        return []
    conditions = []
    for word in text.split()[:3]:
        like = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower() + "%"
        conditions.append(sa.or_(sa.func.lower(Person.given_name).like(like, escape="\\"),
                                 sa.func.lower(Person.family_name).like(like, escape="\\"),
                                 sa.func.lower(Person.known_as).like(like, escape="\\")))
    return list(db.session.scalars(
        sa.select(Person).where(person_scope(user), *conditions)
        .order_by(Person.family_name, Person.given_name).limit(limit)
    ))


def cases_of_person(user, person: Person) -> list[Case]:
    return list(db.session.scalars(
        sa.select(Case).where(Case.person_id == person.id, case_scope(user)).order_by(Case.id)
    ))


def case_page_records(case: Case, user, *, session_limit: int | None = None) -> dict:
    """Everything the case page shows, one query per kind of record (constant in the case size).

    With `session_limit`, only the latest that many sessions (and their components) are loaded,
    and `sessions_not_loaded` says how many older ones there are: the timeline shows its latest
    entries first, so it can never need more sessions than entries, and a case with thousands of
    sessions then costs about what a short one does. Enforcement events appear only for roles
    that may see them (spec/access.md).
    """
    from sqlalchemy.orm import selectinload

    from casework.assessments.models import Assessment
    from casework.auth.models import User
    from casework.cases.models import Allocation, Closure, Consent, OnwardReferral, Plan, SchoolEvent
    from casework.engagement.models import (
        EnforcementEvent,
        EngagementContact,
        EngagementStatusChange,
        Escalation,
        Notification,
    )
    from casework.referrals.models import Referral
    from casework.security import sees_enforcement
    from casework.sessions.models import Session

    def rows(model, *order):
        return list(db.session.scalars(sa.select(model).where(model.case_id == case.id).order_by(*order)))

    latest = sa.select(Session).where(Session.case_id == case.id).order_by(Session.held_on.desc(), Session.id.desc())
    if session_limit is not None:
        latest = latest.limit(session_limit)
    sessions = list(db.session.scalars(latest))
    not_loaded = 0
    if session_limit is not None:  # counted whatever the case's size, so every case costs the same queries
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Session).where(Session.case_id == case.id))
        not_loaded = total - len(sessions)
    records = {
        "referral": db.session.get(Referral, case.referral_id),
        "sessions": sessions,
        "sessions_not_loaded": not_loaded,
        # One query for the loaded sessions' components, filtered on the case: selectinload would
        # send one query per 500 sessions, so a long case would cost more round trips.
        "session_components": _components_by_session(
            case.id, since=(sessions[-1].held_on if sessions and not_loaded else None)),
        "assessments": rows(Assessment, Assessment.completed_on),
        "plans": list(db.session.scalars(
            sa.select(Plan).where(Plan.case_id == case.id).options(selectinload(Plan.goals)).order_by(Plan.id))),
        "consents": rows(Consent, Consent.given_on),
        "allocations": list(db.session.scalars(
            sa.select(Allocation).where(Allocation.case_id == case.id)
            .options(joinedload(Allocation.user)).order_by(Allocation.started_at))),
        "contacts": rows(EngagementContact, EngagementContact.contacted_at),
        "status_changes": rows(EngagementStatusChange, EngagementStatusChange.changed_on),
        "notifications": rows(Notification, Notification.notified_on),
        "escalations": rows(Escalation, Escalation.raised_on),
        "onward_referrals": rows(OnwardReferral, OnwardReferral.referred_on),
        "school_events": rows(SchoolEvent, SchoolEvent.occurred_on),
        "closures": rows(Closure, Closure.closed_on, Closure.id),
        "enforcement_events": rows(EnforcementEvent, EnforcementEvent.occurred_on) if sees_enforcement(user) else [],
    }
    user_ids = {r.recorded_by_id for key in ("sessions", "assessments", "contacts") for r in records[key]}
    user_ids |= {c.closed_by_id for c in records["closures"]} | {c.reopened_by_id for c in records["closures"]}
    user_ids.discard(None)
    records["names"] = dict(db.session.execute(sa.select(User.id, User.name).where(User.id.in_(user_ids))).all()) \
        if user_ids else {}
    return records


#: Status filters of the cases list.
CASE_STATUSES = {"open": ("open",), "awaiting_consent": ("awaiting_consent",), "closed": ("closed",),
                 "all": ("open", "awaiting_consent", "closed")}


def cases_list(user, *, status: str = "open", programme: str = "", limit: int = 200) -> tuple[list[Case], int]:
    """Cases in scope filtered by status and programme, with the total before the limit (two queries)."""
    statuses = CASE_STATUSES.get(status, CASE_STATUSES["open"])
    where = [case_scope(user), Case.status.in_(statuses)]
    if programme:
        where.append(Case.programme == programme)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(*where))
    cases = list(db.session.scalars(
        sa.select(Case).where(*where)
        .options(joinedload(Case.person), joinedload(Case.lead_worker), joinedload(Case.team))
        .order_by(Case.started_on.desc().nulls_first(), Case.id.desc()).limit(limit)
    ))
    return cases, total


def _components_by_session(case_id: int, since=None) -> dict[int, list[str]]:
    """Component codes by session id for a case's sessions (held on or after `since`, if given)."""
    from casework.sessions.models import Session, SessionComponent

    where = [Session.case_id == case_id]
    if since is not None:
        where.append(Session.held_on >= since)
    components: dict[int, list[str]] = {}
    for session_id, code in db.session.execute(
        sa.select(SessionComponent.session_id, SessionComponent.component_code)
        .join(Session, Session.id == SessionComponent.session_id).where(*where)
        .order_by(SessionComponent.session_id, SessionComponent.component_code)
    ):
        components.setdefault(session_id, []).append(code)
    return components
