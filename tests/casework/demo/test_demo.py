"""The demo loader reads the programme registry: the built-in programmes keep their own demo
content and the README's sign-ins, and any other registered programme (Toy, here) gets a
generic demo built from its definition. Loading twice adds nothing."""

from __future__ import annotations

import dataclasses
import random
import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import programmes
import programmes.model
from casework.auth.models import Team, User
from casework.cases.models import Case, Closure, SchoolAttendance
from casework.db import db
from casework.demo import DEMO_PASSWORD, USERS, load_demo, sign_in_table
from casework.demo_loader import generic_details, intake_value
from casework.engagement.models import EngagementContact, Escalation, Notification
from casework.passwords import verify_password
from casework.people.models import Person
from casework.referrals.models import Referral
from programmes.intake import INTAKE_KINDS, Intake, IntakeField, check_intake
from programmes.model import Capabilities
from programmes.vocabulary import Term

README = Path(__file__).resolve().parents[3] / "README.md"
TODAY = date(2025, 3, 15)
EVERY_CAPABILITY = Capabilities(**{f.name: True for f in dataclasses.fields(Capabilities)})


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (Team, User, Person, Referral, Case, Closure)}


def _readme_sign_ins() -> list[tuple[str, str, str]]:
    section = README.read_text(encoding="utf-8").split("### Demo sign-ins", 1)[1].split("\n## ", 1)[0]
    return [tuple(cell.strip() for cell in row.strip("|").split("|"))
            for row in re.findall(r"^\|.*\|$", section, re.MULTILINE)[2:]]


def _user(email: str) -> User:
    return db.session.scalars(sa.select(User).where(User.email == email)).one()


def _team_names(user: User) -> set[str]:
    return {membership.team.name for membership in user.memberships}


def test_the_readme_sign_ins_are_the_demo_users_and_their_password_works():
    result = load_demo(today=TODAY)
    rows = [tuple(re.split(r"\s{2,}", line.strip())) for line in sign_in_table().splitlines()]
    assert rows == _readme_sign_ins()
    for role, email, password in rows:
        user = _user(email)
        assert user.role == role.replace(" ", "_")
        assert verify_password(user.password_hash, password)
    assert DEMO_PASSWORD in result.summary() and all(email in result.summary() for _, email, _ in rows)


def test_the_built_in_programmes_keep_their_own_demo_and_loading_twice_adds_nothing():
    first = load_demo(today=TODAY)
    assert first.created["people"] == 60 and first.created["teams"] == 6
    counts = _counts()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 6
    for _role, email, _name, teams in USERS:
        assert _team_names(_user(email)) == set(teams)
    assert set(db.session.scalars(sa.select(Case.programme).distinct())) == set(programmes.PROGRAMME_CODES)
    again = load_demo(today=TODAY)
    assert again.created == {}
    assert "nothing added" in again.summary()
    assert _counts() == counts


def test_a_programme_with_no_demo_content_gets_a_generic_demo(toy):
    load_demo(today=TODAY)
    team = db.session.scalars(sa.select(Team).where(Team.programme == toy.code)).one()
    assert team.name == "Toy team"
    assert "Toy team" in _team_names(_user("manager@example.org"))
    worker = _user("toy.worker@example.org")
    assert worker.role == "youth_worker" and _team_names(worker) == {"Toy team"}
    # The README's users keep exactly their own teams, and Toy cases are led by Toy's worker.
    for _role, email, _name, teams in USERS:
        expected = set(teams) | ({"Toy team"} if email == "manager@example.org" else set())
        assert _team_names(_user(email)) == expected
    cases = db.session.scalars(sa.select(Case).where(Case.programme == toy.code)).all()
    assert {case.status for case in cases} == {"awaiting_consent", "open", "closed"}
    assert {case.lead_worker_id for case in cases} == {worker.id}
    assert all(case.team_id == team.id and case.navigator_id is None for case in cases)
    referrals = db.session.scalars(sa.select(Referral).where(Referral.programme == toy.code)).all()
    assert {r.status for r in referrals} == {"pending", "declined", "accepted"}
    definition = programmes.current_definition(toy.code, TODAY)
    for referral in referrals:
        assert not check_intake(definition.intake, referral.details, referral.setting)
        assert referral.source in {term.code for term in definition.referral_sources}
    for closure in db.session.scalars(sa.select(Closure).join(Case).where(Case.programme == toy.code)):
        # A generic demo closes as a planned completion only where Toy's closure check allows.
        assert closure.check_passed or closure.reason != "planned_completion"
        assert closure.override_reason is None


def test_registering_a_programme_later_adds_only_its_demo_and_loading_again_adds_nothing(toy_programme):
    load_demo(today=TODAY)
    before = {code: db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(Case.programme == code))
              for code in programmes.PROGRAMME_CODES}
    programmes.register(toy_programme)
    try:
        added = load_demo(today=TODAY)
        assert added.created["teams"] == 1 and added.created["users"] == 1 and added.created["memberships"] == 1
        assert added.created["people"] == 9
        counts = _counts()
        assert load_demo(today=TODAY).created == {}
        assert _counts() == counts
    finally:
        programmes.unregister(toy_programme.code)
    after = {code: db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(Case.programme == code))
             for code in programmes.PROGRAMME_CODES}
    assert after == before


@pytest.mark.parametrize("toy_capabilities", [EVERY_CAPABILITY])
def test_a_generic_demo_records_what_the_programme_s_capabilities_ask(toy):
    load_demo(today=TODAY)
    toy_cases = sa.select(Case.id).where(Case.programme == toy.code)
    started = db.session.scalars(sa.select(Case).where(Case.programme == toy.code, Case.started_on.is_not(None))).all()
    assert started and all(case.support_started_on == case.started_on for case in started)
    assert all(case.engagement_status in ("engaged", "refused") for case in started)
    for model in (EngagementContact, Notification, SchoolAttendance):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model).where(model.case_id.in_(toy_cases)))
    refused = [case for case in started if case.engagement_status == "refused"]
    escalations = db.session.scalar(sa.select(sa.func.count()).select_from(Escalation)
                                    .where(Escalation.case_id.in_(toy_cases)))
    assert escalations == len(refused)


CHOICES = (Term("a", "A"), Term("b", "B"), Term("c", "C"))


@pytest.mark.parametrize("kind", INTAKE_KINDS)
def test_a_generic_intake_value_of_every_kind_passes_the_intake_checks(kind):
    intake_field = IntakeField(
        "fact", "A fact?", kind, "A fact", "A fact", required="Enter a fact",
        choices=CHOICES if kind in ("choice", "choices") else (), max_length=8,
        minimum=2 if kind in ("whole_number", "number") else None,
        maximum=9 if kind in ("whole_number", "number") else None,
    )
    rng = random.Random(1)
    for _ in range(20):
        value = intake_value(intake_field, rng)
        assert not check_intake(Intake(fields=(intake_field,)), {"fact": value}, None), value


def test_generic_details_meet_the_eligibility_conditions_they_answer(toy):
    definition = programmes.current_definition(toy.code, TODAY)
    condition = programmes.model.EligibilityCondition(
        "shares_toys", "Shares toys?", "Shares toys.", "Does not share toys.", "Not known.")
    strict = dataclasses.replace(
        definition, eligibility=dataclasses.replace(definition.eligibility, conditions=(condition,)))
    for seed in range(10):
        details, setting, source = generic_details(strict, "Toy team", [seed / 10] * 8)
        assert details["shares_toys"] is True and setting is None and source in ("toy_shop", "school")
