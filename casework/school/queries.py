"""Reads for the Reach school record: what the referral said, events during the programme and
attendance by term with the change since referral. Every query is filtered by scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa

from casework.cases.models import Case, SchoolAttendance, SchoolEvent
from casework.db import db
from casework.security import case_scope

_ACADEMIC_YEAR = re.compile(r"[0-9]{4}-[0-9]{2}")
TERM_ORDER = {"autumn": 0, "spring": 1, "summer": 2}
TERM_LABELS = {"autumn": "Autumn", "spring": "Spring", "summer": "Summer"}
EVENT_LABELS = {
    "suspension": "Suspension",
    "permanent_exclusion": "Permanent exclusion",
    "managed_move": "Managed move",
}


@dataclass(frozen=True)
class AtReferral:
    """The school facts given on the referral (any may be missing)."""

    school: str | None
    suspensions: int | None
    attendance_percent: Decimal | None


@dataclass(frozen=True)
class TermRow:
    academic_year: str
    term: str
    attendance_percent: Decimal
    #: Percentage points since referral; None when the referral gave no figure.
    change: Decimal | None
    version: int


@dataclass(frozen=True)
class SchoolRecord:
    at_referral: AtReferral
    events: list[SchoolEvent]
    terms: list[TermRow]
    started_on: date | None

    @property
    def suspensions_during(self) -> int:
        return sum(1 for e in self.events if e.kind == "suspension" and self.during(e))

    @property
    def days_lost_during(self) -> int:
        return sum(e.days or 0 for e in self.events if e.kind == "suspension" and self.during(e))

    @property
    def permanently_excluded(self) -> bool:
        return any(e.kind == "permanent_exclusion" and self.during(e) for e in self.events)

    def during(self, event: SchoolEvent) -> bool:
        return self.started_on is None or event.occurred_on >= self.started_on


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        return None
    return number if 0 <= number <= 100 else None


def _count(value) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def at_referral(case: Case) -> AtReferral:
    """The school, suspensions before referral and attendance at referral, from the referral's
    details (written by whoever referred; anything unreadable counts as not given)."""
    details = (case.referral.details if case.referral else None) or {}
    school = details.get("school")
    return AtReferral(
        school=str(school).strip()[:200] if school not in (None, "") else None,
        suspensions=_count(details.get("suspensions_before_referral")),
        attendance_percent=_decimal(details.get("attendance_percent_at_referral")),
    )


def school_record(user, case: Case) -> SchoolRecord:
    """Everything the school record page shows (two queries after the case)."""
    events = list(
        db.session.scalars(
            sa.select(SchoolEvent)
            .join(Case, Case.id == SchoolEvent.case_id)
            .where(SchoolEvent.case_id == case.id, case_scope(user))
            .order_by(SchoolEvent.occurred_on, SchoolEvent.id)
        )
    )
    referral = at_referral(case)
    rows = attendance_rows(user, case)
    terms = [
        TermRow(
            row.academic_year,
            row.term,
            _decimal(row.attendance_percent) or Decimal("0.0"),
            (
                (_decimal(row.attendance_percent) - referral.attendance_percent)
                if referral.attendance_percent is not None and _decimal(row.attendance_percent) is not None
                else None
            ),
            row.version,
        )
        for row in rows
    ]
    return SchoolRecord(
        referral, events, terms, case.started_on or (case.referral.received_on if case.referral else None)
    )


def attendance_rows(user, case: Case) -> list[SchoolAttendance]:
    """The case's attendance records in term order."""
    rows = db.session.scalars(
        sa.select(SchoolAttendance)
        .join(Case, Case.id == SchoolAttendance.case_id)
        .where(SchoolAttendance.case_id == case.id, case_scope(user))
    )
    return sorted(rows, key=lambda r: (r.academic_year, TERM_ORDER.get(r.term, 9)))


def attendance_for_term(
    user, case: Case, academic_year: str | None, term: str | None
) -> SchoolAttendance | None:
    """The record for one term, if there is one."""
    if not _ACADEMIC_YEAR.fullmatch(academic_year or "") or term not in TERM_ORDER:
        return None
    return db.session.scalars(
        sa.select(SchoolAttendance)
        .join(Case, Case.id == SchoolAttendance.case_id)
        .where(
            SchoolAttendance.case_id == case.id,
            case_scope(user),
            SchoolAttendance.academic_year == academic_year,
            SchoolAttendance.term == term,
        )
    ).one_or_none()


def earliest_event_date(case: Case) -> date | None:
    """Events on the school record are from the start of the case on."""
    return case.started_on or (case.referral.received_on if case.referral else None)
