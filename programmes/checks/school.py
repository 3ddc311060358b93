"""The rules of a programme's school record: school events (suspension, permanent exclusion,
managed move) and attendance by term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..problems import Problem
from ..text import long_date
from ..vocabulary import SCHOOL_EVENT_KINDS, SCHOOL_TERMS, is_code

__all__ = [
    "MAX_DAYS_LOST",
    "AttendanceValues",
    "SchoolContext",
    "SchoolEventValues",
    "academic_year_of",
    "check_attendance",
    "check_school_event",
    "school_record_problem",
]

#: A school can suspend a pupil for at most 45 school days in a school year.
MAX_DAYS_LOST = 45
#: The first academic year a school record can hold.
FIRST_ACADEMIC_YEAR = 2000
_PERCENT_MESSAGE = "Attendance must be a number from 0 to 100 with at most one decimal place, like 92.5"


@dataclass(frozen=True, slots=True)
class SchoolContext:
    """What the school record rules need to know about the case.

    ``has_school_record`` is whether the case's programme keeps one; ``earliest_on`` is the day
    the case started (or the referral was received), the first day an event can be on.
    """

    has_school_record: bool
    status: str
    today: date
    earliest_on: date | None = None
    programme_name: str = "The programme's"


@dataclass(frozen=True, slots=True)
class SchoolEventValues:
    """What was given: the kind's code, the day it happened, and school days lost (suspensions)."""

    kind: str
    occurred_on: date
    days: int | None = None


@dataclass(frozen=True, slots=True)
class AttendanceValues:
    """What was given: the academic year as ``2024-25``, the term's code and the percentage."""

    academic_year: str
    term: str
    attendance_percent: Decimal


def academic_year_of(day: date) -> str:
    """The academic year a date falls in (years start on 1 September)."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def school_record_problem(context: SchoolContext) -> str | None:
    """Why the case's school record cannot be added to now, or None."""
    if not context.has_school_record:
        return f"{context.programme_name} cases have no school record."
    if context.status == "awaiting_consent":
        return "The school record can be added to once consent is in place. This case is still awaiting consent."
    return None


def _record_problems(context: SchoolContext) -> list[Problem]:
    problem = school_record_problem(context)
    return [Problem("", problem)] if problem else []


def check_school_event(values: SchoolEventValues, context: SchoolContext) -> list[Problem]:
    """Every problem with recording this school event on the case.

    The kind is a suspension, permanent exclusion or managed move; the date is not in the
    future nor before the case started (events before the referral are on the referral); a
    suspension has between 1 and 45 school days lost.
    """
    problems = _record_problems(context)
    if not is_code(SCHOOL_EVENT_KINDS, values.kind):
        problems.append(Problem("kind", "Choose suspension, permanent exclusion or managed move"))
    if values.occurred_on > context.today:
        problems.append(Problem("occurred_on", "Date must be today or in the past"))
    elif context.earliest_on is not None and values.occurred_on < context.earliest_on:
        problems.append(Problem("occurred_on", (
            f"Date must be on or after {long_date(context.earliest_on)}, when the case started: "
            "exclusions before the referral are on the referral")))
    if values.kind == "suspension":
        if values.days is None:
            problems.append(Problem("days", "Enter how many school days the suspension lasted"))
        elif not 1 <= values.days <= MAX_DAYS_LOST:
            problems.append(Problem("days", f"School days lost must be between 1 and {MAX_DAYS_LOST}"))
    return problems


def check_attendance(values: AttendanceValues, context: SchoolContext) -> list[Problem]:
    """Every problem with recording this term's attendance: a year from 2000 to this one, one
    of the three terms, and a percentage from 0 to 100."""
    problems = _record_problems(context)
    start = int(values.academic_year[:4]) if values.academic_year[:4].isdigit() else 0
    if start < FIRST_ACADEMIC_YEAR or values.academic_year > academic_year_of(context.today):
        problems.append(Problem("academic_year", "Academic year must be this year or an earlier one"))
    if not is_code(SCHOOL_TERMS, values.term):
        problems.append(Problem("term", "Choose the term"))
    if not Decimal(0) <= values.attendance_percent <= Decimal(100):
        problems.append(Problem("attendance_percent", _PERCENT_MESSAGE))
    return problems
