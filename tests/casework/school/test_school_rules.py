"""The same bad school event or attendance gives the same words on the form and from the
operation, because both run programmes.checks.school (the school record has no import file)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from casework.operations import RecordRefused
from casework.school.operations import record_attendance, record_school_event
from casework.timezone import london_today
from tests.casework.assessments.test_assessment_rules import _beside
from tests.casework.school.test_school_record import _attendance_url, _event_url, _events, _terms

TOMORROW = london_today() + timedelta(days=1)

#: (form data, operation arguments, field, message); the case started on 2 May 2024.
EVENT_CASES = [
    ({"occurred_on": [str(TOMORROW.day), str(TOMORROW.month), str(TOMORROW.year)]}, {"occurred_on": TOMORROW},
     "occurred_on", "Date must be today or in the past"),
    ({"occurred_on": ["1", "1", "2024"]}, {"occurred_on": date(2024, 1, 1)}, "occurred_on",
     "Date must be on or after 2 May 2024, when the case started: exclusions before the referral are on the referral"),
    ({"days": ""}, {"days": None}, "days", "Enter how many school days the suspension lasted"),
    ({"days": "46"}, {"days": 46}, "days", "School days lost must be between 1 and 45"),
    ({"days": "0"}, {"days": 0}, "days", "School days lost must be between 1 and 45"),
]


@pytest.mark.parametrize("data,arguments,field,message", EVENT_CASES)
def test_a_bad_school_event_gives_the_same_message_on_the_form_and_from_the_operation(
        signed_in, reach, post_form, data, arguments, field, message):
    client, _ = signed_in(user=reach.worker)
    form = {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "2", **data}
    response = post_form(client, _event_url(reach.case), form)
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field) == message
    values = {"kind": "suspension", "occurred_on": date(2025, 3, 3), "days": 2, **arguments}
    with pytest.raises(RecordRefused) as refused:
        record_school_event(reach.case, **values, user=reach.worker, submission_id=None, today=london_today())
    assert [p.message for p in refused.value.problems if p.field == field] == [message]
    assert _events(reach.case) == []


ATTENDANCE_CASES = [
    ({"academic_year": "2090-91"}, {"academic_year": "2090-91"}, "academic_year",
     "Academic year must be this year or an earlier one"),
    ({"academic_year": "1999-00"}, {"academic_year": "1999-00"}, "academic_year",
     "Academic year must be this year or an earlier one"),
    ({"attendance_percent": "101"}, {"attendance_percent": Decimal("101")}, "attendance_percent",
     "Attendance must be a number from 0 to 100 with at most one decimal place, like 92.5"),
]


@pytest.mark.parametrize("data,arguments,field,message", ATTENDANCE_CASES)
def test_bad_attendance_gives_the_same_message_on_the_form_and_from_the_operation(
        signed_in, reach, post_form, data, arguments, field, message):
    client, _ = signed_in(user=reach.worker)
    form = {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "85", **data}
    response = post_form(client, _attendance_url(reach.case), form)
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field) == message
    values = {"academic_year": "2024-25", "term": "autumn", "attendance_percent": Decimal("85"), **arguments}
    with pytest.raises(RecordRefused) as refused:
        record_attendance(reach.case, **values, version=None, user=reach.worker)
    assert [p.message for p in refused.value.problems if p.field == field] == [message]
    assert _terms(reach.case) == []
