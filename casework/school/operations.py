"""Writing the Reach school record: school events (suspension, permanent exclusion, managed
move) and attendance by term, one record per term. Each function flushes and records an audit
event; the request's unit of work commits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa

import programmes
from programmes.text import long_date
from sqlalchemy.exc import IntegrityError

from casework.audit import record_event
from casework.cases.models import Case, SchoolAttendance, SchoolEvent
from casework.db import db
from casework.operations import OperationError, StaleRecord, check_version
from casework.school.queries import EVENT_LABELS, TERM_LABELS, earliest_event_date
from casework.submissions import record_submission

MAX_DAYS_LOST = 45


class AttendanceAlreadyRecorded(StaleRecord):
    """A term already has a figure the worker had not seen; nothing was saved."""


def school_record_problem(case: Case) -> str | None:
    """Why the school record of this case cannot be added to now, or None."""
    programme = programmes.get_programme(case.programme)
    if not programme.capabilities.school_record:
        return f"{programme.short_name} cases have no school record."
    if case.status == "awaiting_consent":
        return (
            "The school record can be added to once consent is in place. This case is still awaiting consent."
        )
    return None


def _check_event(case: Case, kind: str, occurred_on: date, days: int | None, today: date) -> None:
    problem = school_record_problem(case)
    if problem:
        raise OperationError(problem)
    if kind not in EVENT_LABELS:
        raise OperationError("Choose suspension, permanent exclusion or managed move")
    if occurred_on > today:
        raise OperationError("Date must be today or in the past")
    earliest = earliest_event_date(case)
    if earliest and occurred_on < earliest:
        raise OperationError(f"Date must be on or after {long_date(earliest)}, when the case started")
    if kind == "suspension" and (days is None or not 1 <= days <= MAX_DAYS_LOST):
        raise OperationError(f"School days lost must be between 1 and {MAX_DAYS_LOST}")


def record_school_event(
    case: Case, *, kind: str, occurred_on: date, days: int | None, user, submission_id, today: date
) -> SchoolEvent:
    """Record a suspension (with school days lost), permanent exclusion or managed move.

    Records the form's submission so that posting it twice creates one event.
    """
    _check_event(case, kind, occurred_on, days, today)
    event = SchoolEvent(
        case_id=case.id,
        kind=kind,
        occurred_on=occurred_on,
        days=days if kind == "suspension" else None,
        recorded_by_id=user.id,
    )
    db.session.add(event)
    db.session.flush()
    record_submission(submission_id, event, user)
    record_event("school_event.create", event, case=str(case.public_id), kind=kind, days=event.days)
    return event


def update_school_event(
    event: SchoolEvent,
    case: Case,
    *,
    kind: str,
    occurred_on: date,
    days: int | None,
    version,
    user,
    today: date,
) -> list[str]:
    """Correct a school event; refuses (StaleRecord) a change over someone else's newer save.
    Returns the names of the fields that changed."""
    check_version(event, version)
    _check_event(case, kind, occurred_on, days, today)
    wanted = dict(kind=kind, occurred_on=occurred_on, days=days if kind == "suspension" else None)
    changed = [name for name, value in wanted.items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, wanted[name])
    if changed:
        db.session.flush()
        record_event("school_event.update", event, case=str(case.public_id), fields=changed, kind=event.kind)
    return changed


def _term_name(academic_year: str, term: str) -> str:
    return f"the {TERM_LABELS.get(term, term).lower()} term {academic_year}"


def record_attendance(
    case: Case, *, academic_year: str, term: str, attendance_percent: Decimal, version, user
) -> SchoolAttendance:
    """Record attendance for one term, or change the term's figure.

    A term has one record. Changing it needs the version the form was filled from: a blank
    version when the term already has a figure (someone else entered it, or the worker did
    not open it to change it) is refused with AttendanceAlreadyRecorded, and an old version
    with StaleRecord, so a figure is never overwritten unseen. Entering the figure already
    stored changes nothing and is not refused.
    """
    problem = school_record_problem(case)
    if problem:
        raise OperationError(problem)
    if term not in TERM_LABELS:
        raise OperationError("Choose the term")
    percent = Decimal(attendance_percent).quantize(Decimal("0.1"))
    if not 0 <= percent <= 100:
        raise OperationError("Attendance must be a number from 0 to 100")
    existing = db.session.scalars(
        sa.select(SchoolAttendance).where(
            SchoolAttendance.case_id == case.id,
            SchoolAttendance.academic_year == academic_year,
            SchoolAttendance.term == term,
        )
    ).one_or_none()
    if existing is None:
        row = SchoolAttendance(
            case_id=case.id,
            academic_year=academic_year,
            term=term,
            attendance_percent=percent,
            recorded_by_id=user.id,
        )
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:
            raise StaleRecord(
                f"Attendance for {_term_name(academic_year, term)} was saved by someone else at "
                "the same moment, so yours was not saved. Open the school record to check it."
            ) from None
        record_event(
            "school_attendance.create",
            record_type="school_attendance",
            record_id=str(case.public_id),
            academic_year=academic_year,
            term=term,
        )
        return row
    stored = Decimal(str(existing.attendance_percent)).quantize(Decimal("0.1"))
    if stored == percent:
        return existing
    if version in (None, ""):
        raise AttendanceAlreadyRecorded(
            f"Attendance for {_term_name(academic_year, term)} is already recorded as {stored}%. "
            "The form now shows that figure: change it and save again to replace it."
        )
    check_version(existing, version)
    existing.attendance_percent = percent
    existing.recorded_by_id = user.id
    db.session.flush()
    record_event(
        "school_attendance.update",
        record_type="school_attendance",
        record_id=str(case.public_id),
        academic_year=academic_year,
        term=term,
    )
    return existing
