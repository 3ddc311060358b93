"""The school record checks: every problem, in the form's words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from programmes.checks.school import (
    AttendanceValues,
    SchoolContext,
    SchoolEventValues,
    academic_year_of,
    check_attendance,
    check_school_event,
)
from programmes.problems import Problem

OPEN = SchoolContext(has_school_record=True, status="open", today=date(2025, 3, 10), earliest_on=date(2024, 5, 2))


def test_good_records_have_no_problem():
    assert check_school_event(SchoolEventValues("suspension", date(2025, 3, 3), 2), OPEN) == []
    assert check_school_event(SchoolEventValues("managed_move", date(2025, 3, 3)), OPEN) == []
    assert check_attendance(AttendanceValues("2024-25", "spring", Decimal("92.5")), OPEN) == []


def test_a_case_without_a_school_record_or_without_consent():
    other = SchoolContext(has_school_record=False, status="open", today=OPEN.today, programme_name="VIP")
    waiting = SchoolContext(has_school_record=True, status="awaiting_consent", today=OPEN.today)
    values = SchoolEventValues("managed_move", date(2025, 3, 3))
    assert check_school_event(values, other) == [Problem("", "VIP cases have no school record.")]
    assert check_school_event(values, waiting)[0].message.startswith("The school record can be added to once consent")


def test_every_problem_of_an_event_is_returned():
    assert check_school_event(SchoolEventValues("detention", date(2025, 3, 11), None), OPEN) == [
        Problem("kind", "Choose suspension, permanent exclusion or managed move"),
        Problem("occurred_on", "Date must be today or in the past"),
    ]
    assert check_school_event(SchoolEventValues("suspension", date(2024, 5, 1), 46), OPEN) == [
        Problem("occurred_on", "Date must be on or after 2 May 2024, when the case started: exclusions before the "
                               "referral are on the referral"),
        Problem("days", "School days lost must be between 1 and 45"),
    ]


def test_attendance_years_terms_and_percentages():
    assert academic_year_of(date(2025, 3, 10)) == "2024-25" and academic_year_of(date(2025, 9, 1)) == "2025-26"
    assert check_attendance(AttendanceValues("2025-26", "winter", Decimal("100.1")), OPEN) == [
        Problem("academic_year", "Academic year must be this year or an earlier one"),
        Problem("term", "Choose the term"),
        Problem("attendance_percent",
                "Attendance must be a number from 0 to 100 with at most one decimal place, like 92.5"),
    ]
    assert check_attendance(AttendanceValues("1999-00", "autumn", Decimal(0)), OPEN)[0].field == "academic_year"
