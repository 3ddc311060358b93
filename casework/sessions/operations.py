"""Writing sessions: log one that has happened (with any onward referral made in it) and change
one, refusing a change over someone else's newer save. Each function flushes and records an
audit event; the request's unit of work commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from programmes import vocabulary
from programmes.text import long_date

from casework.audit import record_event
from casework.cases.models import Case, OnwardReferral
from casework.db import db, utcnow
from casework.operations import OperationError, check_version
from casework.sessions.models import Session, SessionComponent
from casework.sessions.queries import definition_for, earliest_session_date
from casework.submissions import record_submission

MAX_DURATION_MINUTES = 600


@dataclass(frozen=True)
class OnwardReferralValues:
    service_type: str
    agency: str


@dataclass(frozen=True)
class SessionValues:
    """What a worker entered about a session, already parsed."""

    held_on: date
    start_time: time | None
    duration_minutes: int
    mode: str
    location: str
    attendance: str
    component_codes: tuple[str, ...] = ()
    behaviour_concern: bool = False
    behaviour_note: str = ""
    notes: str = ""
    onward_referral: OnwardReferralValues | None = field(default=None)

    @classmethod
    def from_form(cls, values: dict) -> "SessionValues":
        """Build from a form's `values()` dict."""
        values = dict(values)
        onward = values.pop("onward_referral", None)
        return cls(**values, onward_referral=OnwardReferralValues(**onward) if onward else None)


def case_open_problem(case: Case) -> str | None:
    """Why no session can be logged on this case now, or None when it is open."""
    if case.status == "awaiting_consent":
        return "Sessions can only be logged once consent is in place. This case is still awaiting consent."
    if case.status == "closed":
        closed = f" on {long_date(case.closed_on)}" if case.closed_on else ""
        return f"Sessions can only be logged on open cases. This case was closed{closed}."
    return None


def _check(case: Case, values: SessionValues, today: date) -> None:
    """The rules that protect a session record, whatever the form said."""
    definition = definition_for(case, values.held_on)
    allowed = {component.code for component in definition.session_components}
    if values.held_on > today:
        raise OperationError("Date of the session must be today or in the past")
    earliest = earliest_session_date(case)
    if earliest and values.held_on < earliest:
        raise OperationError(
            f"Date of the session must be on or after {long_date(earliest)}, when the case started"
        )
    for vocab, code, what in (
        (vocabulary.ATTENDANCE, values.attendance, "attendance"),
        (vocabulary.SESSION_MODES, values.mode, "how the session was held"),
        (vocabulary.SESSION_LOCATIONS, values.location, "where the session was held"),
    ):
        if not vocabulary.is_code(vocab, code):
            raise OperationError(f"Choose {what} from the list")
    if not 0 <= values.duration_minutes <= MAX_DURATION_MINUTES:
        raise OperationError(f"Length must be between 1 and {MAX_DURATION_MINUTES} minutes")
    unknown = set(values.component_codes) - allowed
    if unknown:
        raise OperationError("Choose only from the list of what this programme's sessions cover")
    attended = values.attendance == "attended"
    if attended and not values.component_codes:
        raise OperationError("Choose at least one thing the session covered")
    if attended and values.duration_minutes < 1:
        raise OperationError("Enter how many minutes the session lasted")
    if not attended and (values.component_codes or values.behaviour_concern or values.onward_referral):
        raise OperationError(
            "Only a session that was attended can cover components, raise a behaviour concern "
            "or lead to an onward referral"
        )
    if values.behaviour_concern and not values.behaviour_note.strip():
        raise OperationError("Describe the behaviour concern")
    if values.onward_referral:
        if not vocabulary.is_code(
            vocabulary.ONWARD_REFERRAL_SERVICE_TYPES, values.onward_referral.service_type
        ):
            raise OperationError("Choose the type of service from the list")
        if not values.onward_referral.agency.strip():
            raise OperationError("Enter the name of the agency the young person was referred to")


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
        duration_minutes=values.duration_minutes,
        mode=values.mode,
        location=values.location,
        attendance=values.attendance,
        behaviour_concern=values.behaviour_concern,
        behaviour_note=values.behaviour_note if values.behaviour_concern else "",
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
        duration_minutes=values.duration_minutes,
        mode=values.mode,
        location=values.location,
        attendance=values.attendance,
        behaviour_concern=values.behaviour_concern,
        behaviour_note=values.behaviour_note if values.behaviour_concern else "",
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
