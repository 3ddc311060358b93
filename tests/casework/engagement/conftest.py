"""Fixtures for engagement tests: a Phoenix team with a lead worker and a navigator, a Phoenix
case allocated to both, and helpers that fill in and post a form as a browser does."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from casework.timezone import london_today
from tests.conftest import csrf_token_from

_HIDDEN = re.compile(r'<input[^>]*?name="(submission_id|version)"[^>]*?value="([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    """The CSRF token, submission id and version a rendered form carries."""
    fields = {name: value for name, value in _HIDDEN.findall(html)}
    fields["csrf_token"] = csrf_token_from(html)
    return fields


def day_month_year(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def submit(client, url: str, data: dict, *, page: str | None = None):
    """GET the form at `page` (default `url`), then POST `data` with the form's hidden fields."""
    form_page = client.get(page or url)
    assert form_page.status_code == 200, form_page.status_code
    return client.post(url, data={**hidden_fields(form_page.get_data(as_text=True)), **data})


@dataclass
class Phoenix:
    team: object
    lead: object
    navigator: object
    case: object
    person: object


@pytest.fixture
def phoenix(create_team, create_user, create_person, create_case):
    """A Phoenix case of a young adult (aged 22), led by a youth worker with a navigator."""
    team = create_team(programme="PHOENIX")
    lead = create_user("youth_worker", teams=[team], name="Lee Lead")
    navigator = create_user("navigator", teams=[team], name="Nia Navigator")
    person = create_person(given_name="Jordan", family_name="Example",
                           date_of_birth=london_today() - timedelta(days=22 * 365 + 30))
    case = create_case(team, lead_worker=lead, person=person, navigator_id=navigator.id,
                       started_on=london_today() - timedelta(days=60))
    return Phoenix(team, lead, navigator, case, person)


def today() -> date:
    return london_today()
