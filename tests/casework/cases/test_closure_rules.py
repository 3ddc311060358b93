"""One closure check: each bad closure gives the same words on the close page (beside its
field) and in the closures import report (beside its column)."""

from __future__ import annotations

import csv
import html
import io
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from casework.cases.models import Case, Closure
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import HEADERS
from casework.timezone import london_today
from tests.conftest import csrf_token_from

TOMORROW = london_today() + timedelta(days=1)

#: (name, who closes, case set-up, the closure, the field and column, the message it starts with).
#: A reason outside the closure reasons is not here: the import's file reader refuses a code
#: outside the list before any check (tests/programmes covers the check's own words for it).
CASES = [
    ("future date", "manager", {}, {"reason": "disengaged", "closed_on": TOMORROW},
     "closed_on", "The closure date cannot be in the future"),
    ("before the case started", "manager", {}, {"reason": "disengaged", "closed_on": date(2024, 5, 1)},
     "closed_on", "The closure date cannot be before the case started on 2 May 2024"),
    ("override by a worker", "worker", {}, {"reason": "planned_completion", "override_reason": "It is fine really"},
     "override_reason", "Only a manager can override the closure check"),
    ("override too short", "manager", {}, {"reason": "planned_completion", "override_reason": "ok"},
     "override_reason", "Write at least 10 characters to explain the override"),
    ("planned completion the rule refuses", "manager", {}, {"reason": "planned_completion"},
     "override_reason", "Cannot close as a planned completion: "),
    ("never started", "manager", {"status": "awaiting_consent", "started_on": None},
     {"reason": "planned_completion"},
     "reason", "A case that never started cannot close as a planned completion"),
    ("already closed", "manager", {"status": "closed", "closed_on": date(2024, 6, 1)}, {"reason": "disengaged"},
     "", "This case is already closed on 1 June 2024"),
]

#: The import file's column for each check field.
COLUMNS = {"": "case_reference", "closed_on": "closed_on", "reason": "reason", "override_reason": "override_reason"}


@pytest.fixture
def people(create_team, create_user):
    team = create_team(programme="VIP")
    return team, {"manager": create_user("manager", teams=[team]), "worker": create_user("youth_worker", teams=[team])}


def _csv(row: dict) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(HEADERS["closures"]), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _post(client, case, closure: dict):
    page = client.get(f"/cases/{case.public_id}/close").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    day = closure.get("closed_on", london_today())
    return client.post(f"/cases/{case.public_id}/close", data={
        "csrf_token": csrf_token_from(page), "version": version, "reason": closure["reason"],
        "closed_on": [day.day, day.month, day.year], "override_reason": closure.get("override_reason", "")})


def _imported(case, closure: dict, user):
    day = closure.get("closed_on", london_today())
    row = {"provider_reference": "X1", "case_reference": case.provider_reference, "closed_on": day.isoformat(),
           "reason": closure["reason"], "override_reason": closure.get("override_reason", "")}
    return import_file("closures", "closures.csv", _csv(row), user=user)


def _error_beside(page: str, field: str) -> list[str]:
    """The messages a GOV.UK field shows in its error message element (after the field's id)."""
    if not field:
        summary = page.split('govuk-error-summary__list', 1)[1].split("</ul>", 1)[0]
        return [html.unescape(item.split(">", 1)[1].split("<", 1)[0].strip())
                for item in summary.split("<a ")[1:]]
    after = page.split(f'id="{field}-error"', 1)[1]
    text = after.split("</p>", 1)[0].split("</span>", 1)[1]
    return [html.unescape(" ".join(text.split()))]


@pytest.mark.parametrize("name,who,setup,closure,field,message", CASES, ids=[c[0] for c in CASES])
def test_a_bad_closure_reads_the_same_on_the_page_and_in_the_import(
        signed_in, create_case, people, name, who, setup, closure, field, message):
    team, users = people
    user = users[who]
    case = create_case(team, lead_worker=users["worker"], provider_reference="C1", **setup)
    db.session.commit()

    result = _imported(case, closure, user)
    (problem,) = result.problems
    assert problem.column == COLUMNS[field] and problem.reason.startswith(message), str(problem)

    client, _ = signed_in(user=user)
    response = _post(client, case, closure)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    # A worker has no override box: a problem about the override stands beside the reason.
    shown = "reason" if (who == "worker" and field == "override_reason") else field
    assert problem.reason in _error_beside(page, shown)
    db.session.expire_all()
    assert db.session.scalars(sa.select(Closure)).all() == []
    assert db.session.get(Case, case.id).status == setup.get("status", "open")
