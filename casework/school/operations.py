"""Writing the Reach school record: school events (suspension, permanent exclusion, managed
move) and attendance by term, one record per term. Each function flushes and records an audit
event; the request's unit of work commits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

import programmes
from casework.audit import record_event
from casework.cases.models import Case, SchoolAttendance, SchoolEvent
from casework.db import db
from casework.operations import StaleRecord, check_version, refuse_problems
from casework.school.queries import TERM_LABELS, earliest_event_date
from casework.submissions import record_submission
from casework.timezone import london_today
from programmes.checks import school as checks
from programmes.checks.school import AttendanceValues, SchoolContext, SchoolEventValues


class AttendanceAlreadyRecorded(StaleRecord):
    """A term already has a figure the worker had not seen; nothing was saved."""


def school_context(case: Case, today: date | None = None) -> SchoolContext:
    """What the school record checks need to know about the case."""
    return SchoolContext(
        has_school_record=programmes.get_programme(case.programme).capabilities.school_record,
        programme_name=programmes.get_programme(case.programme).short_name,
        status=case.status,
        today=today or london_today(),
        earliest_on=earliest_event_date(case),
    )


def school_record_problem(case: Case) -> str | None:
    """Why the school record of this case cannot be added to now, or None."""
    return checks.school_record_problem(school_context(case))


def _check_event(case: Case, kind: str, occurred_on: date, days: int | None, today: date) -> None:
    values = SchoolEventValues(kind, occurred_on, days)
    refuse_problems(checks.check_school_event(values, school_context(case, today)))


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
    percent = Decimal(attendance_percent).quantize(Decimal("0.1"))
    values = AttendanceValues(academic_year, term, percent)
    refuse_problems(checks.check_attendance(values, school_context(case)))
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
