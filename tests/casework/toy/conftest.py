"""Fixtures for the Toy programme tests: Toy registered for the test and removed afterwards,
a Toy team with a manager and a youth worker, and form posting as a browser does."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

import programmes
from casework.db import db
from casework.referrals.models import Referral
from programmes.model import Capabilities, Programme
from tests.casework.referrals.conftest import aged, date_parts, london_now
from tests.conftest import csrf_token_from
from tests.toy_programme import PROGRAMME


@pytest.fixture
def toy_capabilities() -> Capabilities:
    """What Toy declares beyond the basics: none, unless a test parametrizes this fixture."""
    return PROGRAMME.capabilities


@pytest.fixture
def toy_programme(toy_capabilities) -> Programme:
    """The Toy definition a test registers: Toy with ``toy_capabilities``, unless a test
    parametrizes this fixture with a variant."""
    return dataclasses.replace(PROGRAMME, capabilities=toy_capabilities)


@pytest.fixture
def toy(toy_programme):
    """The Toy programme, registered for one test. Registering clears the registry's own
    instrument cache; nothing else in the application may keep the list of programmes."""
    programme = toy_programme
    programmes.register(programme)
    try:
        yield programme
    finally:
        programmes.unregister(programme.code)


@dataclass
class World:
    team: object
    manager: object
    worker: object


@pytest.fixture
def world(toy, create_team, create_user):
    team = create_team(name="Toy Leicester", programme=toy.code)
    manager = create_user("manager", teams=[team], email="toy.manager@example.org")
    worker = create_user("youth_worker", teams=[team], email="toy.worker@example.org")
    return World(team, manager, worker)


def text(response) -> str:
    return response.get_data(as_text=True)


def page_fields(html: str) -> dict:
    """What a browser sends besides the visible fields: the CSRF token and hidden references."""
    values = {"csrf_token": csrf_token_from(html)}
    for tag in re.finditer(r"<input[^>]*>", html):
        name = re.search(r'name="(submission_id|version)"', tag.group(0))
        value = re.search(r'value="([^"]*)"', tag.group(0))
        if name and value:
            values.setdefault(name.group(1), value.group(1))
    return values


def submit(client, url: str, data: dict, *, form_url: str | None = None):
    """GET the form page, then POST ``data`` with the page's hidden fields."""
    page = client.get(form_url or url)
    assert page.status_code == 200, text(page)[:1000]
    return client.post(url, data={**page_fields(text(page)), **data})


@pytest.fixture
def run_cli(app):
    """run_cli(*args) -> click Result of ``casework ARGS``, sharing the test's database session."""

    def _run(*args: str):
        db.session.commit()
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.expire_all()
        return result

    return _run


# --- a Toy referral as the form sends it --------------------------------------------------------

def new_person(**overrides) -> dict:
    values = {"given_name": "Toby", "family_name": "Player", **date_parts("date_of_birth", aged(15)),
              "sex": "male", "ethnicity": "white_british", "local_authority": "leicester", "postcode": "LE1 5WS"}
    values.update(overrides)
    return values


def toy_referral(team, **overrides) -> dict:
    received = (london_now() - timedelta(days=1)).date()
    values = {"team": str(team.public_id), **date_parts("received_on", received), "received_time": "10:30",
              "source": "toy_shop", "favourite_toy": " Spinning top ", "shares_toys": "yes", "action": "save"}
    values.update(overrides)
    return values


def latest_referral() -> Referral:
    return db.session.scalars(sa.select(Referral).order_by(Referral.id.desc()).limit(1)).one()
