"""Writing sessions: log one that has happened (with any onward referral made in it) and change
one, refusing a change over someone else's newer save. Each function flushes and records an
audit event; the request's unit of work commits."""

from __future__ import annotations

from datetime import date

from casework.audit import record_event
from casework.cases.models import Case, OnwardReferral
from casework.db import db, utcnow
from casework.operations import OperationError, check_version, refuse_problems
from casework.sessions.models import Session, SessionComponent
from casework.sessions.queries import definition_for
from casework.submissions import record_submission
from programmes.checks import session as checks
from programmes.checks.onward_referral import OnwardReferralValues
from programmes.checks.session import SessionValues

__all__ = ["OnwardReferralValues", "SessionValues", "case_open_problem", "log_session", "update_session"]


def case_open_problem(case: Case) -> str | None:
    """Why no session can be logged on this case now, or None when it is open."""
    return checks.case_open_problem(case.status, case.closed_on)


def _check(case: Case, values: SessionValues, today: date) -> None:
    """Refuse (RecordRefused) a session that breaks the session rules, before anything is written."""
    definition = definition_for(case, values.held_on)
    context = checks.SessionContext(
        today=today,
        case_started_on=case.started_on,
        component_codes=tuple(component.code for component in definition.session_components),
    )
    refuse_problems(checks.check_session(values, context))


def log_session(case: Case, values: SessionValues, *, user, submission_id, today: date) -> Session:
    """Log a session on an open case, with its components and any onward referral made in it.

    Records the form's submission so that posting it twice creates one session.
    """
    problem = case_open_problem(case)
    if problem:
        raise OperationError(problem)
    _check(case, values, today)
    session = Session(
        case_id=case.id,
        held_on=values.held_on,
        start_time=values.start_time,
        duration_minutes=values.duration_minutes or 0,
        mode=values.mode,
        location=values.location,
        attendance=values.attendance,
        behaviour_concern=values.behaviour_concern,
        behaviour_note=values.behaviour_note.strip(),
        notes=values.notes,
        recorded_by_id=user.id,
        components=[SessionComponent(component_code=code) for code in sorted(set(values.component_codes))],
    )
    db.session.add(session)
    db.session.flush()
    record_submission(submission_id, session, user)
    record_event(
        "session.create",
        session,
        case=str(case.public_id),
        attendance=session.attendance,
        components=sorted(session.component_codes),
        behaviour_concern=session.behaviour_concern,
        onward_referral=values.onward_referral is not None,
    )
    if values.onward_referral:
        onward = OnwardReferral(
            case_id=case.id,
            session_id=session.id,
            service_type=values.onward_referral.service_type,
            agency=values.onward_referral.agency.strip(),
            referred_on=values.held_on,
            status="made",
            recorded_by_id=user.id,
        )
        db.session.add(onward)
        db.session.flush()
        record_event(
            "onward_referral.create",
            onward,
            case=str(case.public_id),
            session=str(session.public_id),
            service_type=onward.service_type,
            status=onward.status,
        )
    return session


_FIELDS = (
    "held_on",
    "start_time",
    "duration_minutes",
    "mode",
    "location",
    "attendance",
    "behaviour_concern",
    "behaviour_note",
    "notes",
)


def update_session(
    session: Session, case: Case, values: SessionValues, *, version, user, today: date
) -> list[str]:
    """Change a session, replacing its components; refuses (StaleRecord) when someone else
    saved it after `version` was read. Returns the names of the fields that changed."""
    check_version(session, version)
    if values.onward_referral:
        raise OperationError("Onward referrals are added when the session is logged")
    _check(case, values, today)
    changed = []
    wanted = dict(
        held_on=values.held_on,
        start_time=values.start_time,
        duration_minutes=values.duration_minutes or 0,
        mode=values.mode,
        location=values.location,
        attendance=values.attendance,
        behaviour_concern=values.behaviour_concern,
        behaviour_note=values.behaviour_note.strip(),
        notes=values.notes,
    )
    for name in _FIELDS:
        if getattr(session, name) != wanted[name]:
            setattr(session, name, wanted[name])
            changed.append(name)
    current = set(session.component_codes)
    new = set(values.component_codes)
    if current != new:
        session.components = [c for c in session.components if c.component_code in new] + [
            SessionComponent(component_code=code) for code in sorted(new - current)
        ]
        changed.append("components")
    if not changed:
        return changed
    # A change to components alone touches no column of the session; the timestamp makes every
    # change bump the version, so a form opened before it is refused.
    session.updated_at = utcnow()
    db.session.flush()
    record_event(
        "session.update",
        session,
        case=str(case.public_id),
        fields=changed,
        components_added=sorted(new - current),
        components_removed=sorted(current - new),
    )
    return changed
