"""One table of bad sessions: each gives the same words beside the form field and in the import
report for the file's column, because the form's operation and the importer share one check."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from casework.imports.operations import import_file
from casework.imports.schemas import HEADERS
from casework.timezone import london_today
from tests.casework.imports.conftest import csv_bytes, session_row
from tests.casework.sessions.helpers import session_data, sessions_of

_TOMORROW = london_today() + timedelta(days=1)

#: (what is wrong, form changes, file changes, form field, file column, message). A file change
#: of None means the file has no such column: the case drives the form and its operation only.
CASES = [
    ("future date", dict(held_on=[str(_TOMORROW.day), str(_TOMORROW.month), str(_TOMORROW.year)]),
     dict(held_on=_TOMORROW.isoformat()), "held_on", "held_on",
     "Date of the session must be today or in the past: log a session after it has happened"),
    ("before the case started", dict(held_on=["1", "5", "2024"]), dict(held_on="2024-05-01"), "held_on", "held_on",
     "Date of the session must be on or after 2 May 2024, when the case started"),
    ("attended, nothing covered", dict(components=[]), dict(components=""), "components", "components",
     "Choose at least one thing the session covered"),
    ("a component of no programme", dict(components=["VIP-C99"]), dict(components="VIP-C99"),
     "components", "components", "Choose only from the list of what this programme's sessions cover"),
    ("not attended, something covered", dict(attendance="did_not_attend", duration_minutes=""),
     dict(attendance="did_not_attend", duration_minutes=""), "components", "components",
     "Only a session that was attended can cover components: untick them, or choose Attended"),
    ("cancelled, with a concern",
     dict(attendance="cancelled", components=[], behaviour_concern="yes", behaviour_note="Shouting"),
     dict(attendance="cancelled", components="", behaviour_concern="yes", behaviour_note="Shouting"),
     "behaviour_concern", "behaviour_concern",
     "A behaviour concern can only be recorded for a session that was attended"),
    ("a concern not described", dict(behaviour_concern="yes", behaviour_note=" "),
     dict(behaviour_concern="yes", behaviour_note=""), "behaviour_note", "behaviour_note",
     "Describe the behaviour concern"),
    ("a description without a concern", dict(behaviour_concern="no", behaviour_note="Shouting"),
     dict(behaviour_concern="no", behaviour_note="Shouting"), "behaviour_note", "behaviour_note",
     "Delete the description of a behaviour concern, or choose yes if there was one"),
    ("attended, no length", dict(duration_minutes=""), dict(duration_minutes=""),
     "duration_minutes", "duration_minutes", "Enter how many minutes the session lasted"),
    ("attended, no minutes", dict(duration_minutes="0"), dict(duration_minutes="0"),
     "duration_minutes", "duration_minutes", "Length must be between 1 and 600 minutes"),
    ("too long", dict(duration_minutes="601"), dict(duration_minutes="601"),
     "duration_minutes", "duration_minutes", "Length must be between 1 and 600 minutes"),
    ("a length in words", dict(duration_minutes="forty"), dict(duration_minutes="forty"),
     "duration_minutes", "duration_minutes", "Length must be a whole number of minutes, like 45"),
    ("a referral from a missed session",
     dict(attendance="did_not_attend", components=[], duration_minutes="", onward_service_type="housing",
          onward_agency="Housing Options"), None, "onward_service_type", None,
     "An onward referral made in a session can only be logged for a session that was attended"),
    ("an agency without a service", dict(onward_agency="Housing Options"), None, "onward_service_type", None,
     "Choose the type of service the young person was referred to"),
    ("a service without an agency", dict(onward_service_type="housing", onward_agency=" "), None,
     "onward_agency", None, "Enter the name of the agency the young person was referred to"),
]


def _beside(html: str, field: str, message: str) -> bool:
    """Whether `message` is the error shown beside the form field `field` (GOV.UK markup)."""
    shown = message.replace("'", "&#39;")
    pattern = rf'id="{field}-error"[^>]*>\s*<span class="govuk-visually-hidden">Error:</span>\s*{re.escape(shown)}'
    return re.search(pattern, html) is not None


@pytest.mark.parametrize("what, form_changes, file_changes, field, column, message", CASES, ids=[c[0] for c in CASES])
def test_the_same_bad_session_gets_the_same_words_on_the_form_and_in_the_import(
        signed_in, world, post_form, create_user, what, form_changes, file_changes, field, column, message):
    world.case.provider_reference = "C1"
    client, _ = signed_in(user=world.worker)
    response = post_form(client, f"/cases/{world.case.public_id}/sessions/new", session_data(**form_changes))
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:300]
    assert _beside(html, field, message), f"{message!r} is not beside {field}"
    if "behaviour_note" in form_changes:
        assert form_changes["behaviour_note"].strip() in html  # what was typed is shown again
    assert sessions_of(world.case) == []
    if file_changes is None:
        return
    manager = create_user("manager", teams=[world.team])
    result = import_file("sessions", "sessions.csv", csv_bytes(HEADERS["sessions"], [
        session_row("S1", **{"held_on": "2025-05-12", **file_changes})]), user=manager)
    reported = [(problem.column, problem.reason) for problem in result.problems]
    assert any(col == column and reason.startswith(message) for col, reason in reported), reported
    assert sessions_of(world.case) == []


def test_a_session_that_did_not_take_place_may_have_no_length_on_the_form_and_in_the_import(
        signed_in, world, post_form, create_user):
    world.case.provider_reference = "C1"
    client, _ = signed_in(user=world.worker)
    missed = dict(attendance="did_not_attend", components=[], duration_minutes="0")
    assert post_form(client, f"/cases/{world.case.public_id}/sessions/new", session_data(**missed)).status_code == 302
    manager = create_user("manager", teams=[world.team])
    result = import_file("sessions", "sessions.csv", csv_bytes(HEADERS["sessions"], [
        session_row("S1", attendance="did_not_attend", components="", duration_minutes="0")]), user=manager)
    assert result.ok, [str(problem) for problem in result.problems]
    assert [session.duration_minutes for session in sessions_of(world.case)] == [0, 0]
