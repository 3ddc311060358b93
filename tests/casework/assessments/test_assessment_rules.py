"""The same bad instrument or date gives the same words on the assessment form and in the import
report, because both run programmes.checks.assessment (and neither raises on a date before birth)."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date

import pytest

from casework.imports.operations import import_file
from casework.imports.schemas import HEADERS
from tests.casework.assessments.helpers import text_of
from tests.casework.assessments.test_recording import choose, saved
from tests.casework.imports.conftest import csv_bytes
from tests.casework.imports.files import answers

#: (instrument, timepoint, completed_on, the field and file column, the message); the young
#: person was born on 1 January 2012 and referred on 1 May 2024.
CASES = [
    ("VIP-PC", "pre", date(2099, 1, 1), "completed_on", "The date completed cannot be in the future"),
    ("VIP-PC", "pre", date(2024, 4, 30), "completed_on",
     "The date completed cannot be before the referral was received (1 May 2024)"),
    ("VIP-PC", "pre", date(2011, 12, 31), "completed_on",
     "The date completed cannot be before the young person's date of birth (1 January 2012)"),
    ("RCH-PC", "pre", date(2024, 6, 3), "instrument",
     "Select one of the assessments this programme uses: VIP-PC, SWEMWBS or SDQ"),
    ("SWEMWBS", "pre", date(2024, 6, 3), "instrument",
     "The SWEMWBS is for young people aged 13 and over; the young person was 12 on the date it was completed"),
    ("VIP-PC", "post", date(2024, 6, 10), "timepoint",
     "This case already has a closure (post) VIP progress check, completed on 3 June 2024. "
     "Edit that assessment instead of adding another."),
]


@pytest.fixture
def setting(create_team, create_user, create_case, create_person):
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    manager = create_user("manager", teams=[team])
    case = create_case(team, lead_worker=worker, provider_reference="C1",
                       person=create_person(date_of_birth=date(2012, 1, 1)))
    first = import_file("assessments", "assessments.csv", csv_bytes(HEADERS["assessments"], [{
        "provider_reference": "A0", "case_reference": "C1", "instrument": "VIP-PC", "timepoint": "post",
        "completed_on": "2024-06-03", "responses": answers(3)}]), user=manager)
    assert first.ok, [str(problem) for problem in first.problems]
    return case, worker, manager


def _beside(page: str, field: str) -> str:
    """The error message shown beside a form field."""
    match = re.search(rf'<p[^>]*id="{field}-error"[^>]*>(.*?)</p>', page, flags=re.S)
    assert match, f"no error beside {field}"
    return text_of(html_lib.unescape(match.group(1))).removeprefix("Error: ")


@pytest.mark.parametrize("instrument,timepoint,on,field,message", CASES)
def test_the_form_and_the_import_give_the_same_message(setting, signed_in, instrument, timepoint, on, field,
                                                       message):
    case, worker, manager = setting
    client, _ = signed_in(user=worker)
    response = choose(client, case, instrument, timepoint, on=(str(on.day), str(on.month), f"{on.year:04d}"))
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field) == message

    row = {"provider_reference": "A1", "case_reference": "C1", "instrument": instrument, "timepoint": timepoint,
           "completed_on": on.isoformat(), "responses": answers(3)}
    result = import_file("assessments", "assessments.csv", csv_bytes(HEADERS["assessments"], [row]), user=manager)
    assert not result.ok
    assert [(problem.column, problem.reason) for problem in result.problems
            if problem.column == field] == [(field, message)]
    assert len(saved(case)) == 1


def test_1_january_0001_is_refused_at_the_answers_step_never_an_error_page(setting, signed_in):
    # The form refuses a year before 1900, but the answers step reads the date carried in the address.
    case, worker, _ = setting
    client, _ = signed_in(user=worker)
    response = client.get(f"/cases/{case.public_id}/assessments/new/answers?instrument=SWEMWBS&timepoint=pre"
                          "&completed_on=0001-01-01")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert _beside(page, "completed_on") == (
        "The date completed cannot be before the young person's date of birth (1 January 2012)")
    assert len(saved(case)) == 1


def test_1_january_0001_in_a_file_is_a_problem_in_the_report_never_an_error(setting):
    _, _, manager = setting
    row = {"provider_reference": "A1", "case_reference": "C1", "instrument": "SWEMWBS", "timepoint": "pre",
           "completed_on": "0001-01-01", "responses": "SWEMWBS-1=3"}
    result = import_file("assessments", "assessments.csv", csv_bytes(HEADERS["assessments"], [row]), user=manager)
    assert not result.ok
    assert [problem.column for problem in result.problems] == ["completed_on"]
