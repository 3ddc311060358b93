"""access.md bar 2: for every route that takes a record id, every role, and a record of another
team: never a 200 with content, and the database is unchanged."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from casework.db import Base, db
from casework.security import ALL_ROLES
from tests.route_access import ARGUMENT_RECORDS

#: Tables whose rows a refused request may add to: the log of the refusal itself.
_LOG_TABLES = {"audit_events", "sign_in_failures"}


@pytest.fixture
def foreign_records(create_team, create_user, create_case):
    """A Phoenix case of a team nobody else belongs to, with one record of every kind."""
    from casework import models as m

    team = create_team("Foreign team", programme="PHOENIX")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker, navigator_id=worker.id)
    session = m.Session(case_id=case.id, held_on=date(2024, 6, 1), mode="face_to_face", location="home",
                        attendance="attended", duration_minutes=60)
    assessment = m.Assessment(case_id=case.id, instrument="PHX-PC", timepoint="pre", completed_on=date(2024, 6, 1))
    plan = m.Plan(case_id=case.id, kind="intervention", agreed_on=date(2024, 6, 1))
    db.session.add_all([session, assessment, plan])
    db.session.flush()
    goal = m.Goal(plan_id=plan.id, description="A goal")
    escalation = m.Escalation(case_id=case.id, raised_on=date(2024, 7, 1), reason="refused_to_engage")
    db.session.add_all([goal, escalation])
    db.session.flush()
    records = {
        "case": case, "referral": db.session.get(m.Referral, case.referral_id),
        "person": db.session.get(m.Person, case.person_id), "session": session, "assessment": assessment,
        "plan": plan, "goal": goal, "escalation": escalation,
        "consent": m.Consent(case_id=case.id, given_by="young_person", method="written", given_on=date(2024, 5, 2)),
        "contact": m.EngagementContact(case_id=case.id, contacted_at=datetime(2024, 6, 2, 10, tzinfo=timezone.utc),
                                       contacted_on=date(2024, 6, 2), method="phone", result="no_answer"),
        "notification": m.Notification(case_id=case.id, method="call_in", notified_on=date(2024, 5, 3)),
        "enforcement_event": m.EnforcementEvent(case_id=case.id, escalation_id=escalation.id, kind="enforcement_visit",
                                                occurred_on=date(2024, 7, 5)),
        "onward_referral": m.OnwardReferral(case_id=case.id, service_type="housing", referred_on=date(2024, 6, 3)),
        "school_event": m.SchoolEvent(case_id=case.id, kind="suspension", occurred_on=date(2024, 3, 1), days=2),
        "closure": m.Closure(case_id=case.id, reason="disengaged", closed_on=date(2024, 9, 1), definition_version="2024.1"),
    }
    # An internal-mode snapshot: commissioners may open any shared one, by design.
    records["snapshot"] = m.ReturnSnapshot(
        programme="PHOENIX", period_label="2024-25-Q1", period_start=date(2024, 4, 1), period_end=date(2024, 6, 30),
        mode="internal", number=1, definition_version="1", programme_versions={"PHOENIX": "2024.1"},
        canonical_json="{}", sha256="0" * 64, submitted_by_id=worker.id)
    db.session.add_all(records.values())
    db.session.flush()
    assert set(records) == set(ARGUMENT_RECORDS.values())
    return records


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        if table.name in _LOG_TABLES:
            continue
        for row in db.session.execute(sa.select(table).order_by(*table.primary_key.columns)):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _record_routes(app):
    return sorted(
        (rule for rule in app.url_map.iter_rules() if rule.arguments & set(ARGUMENT_RECORDS)),
        key=lambda rule: rule.endpoint,
    )


def test_every_record_argument_has_a_known_name(app):
    unknown = {(rule.endpoint, arg) for rule in app.url_map.iter_rules() for arg in rule.arguments
               if arg.endswith("_id") and arg not in ARGUMENT_RECORDS}
    assert unknown == set(), "name URL arguments after tests.route_access.ARGUMENT_RECORDS"


#: Workers are scoped by team; commissioners and administrators see no case records at all.
TEAM_SCOPED = ["youth_worker", "navigator", "commissioner", "administrator"]
#: Managers and enforcement officers see every case of their programme(s), by design.
PROGRAMME_SCOPED = ["manager", "enforcement_officer"]
assert sorted(TEAM_SCOPED + PROGRAMME_SCOPED) == sorted(ALL_ROLES)


def _assert_nothing_reached(app, client, records, who: str) -> None:
    before = _fingerprint()
    checked = 0
    for rule in _record_routes(app):
        values = {arg: str(records[ARGUMENT_RECORDS[arg]].public_id) for arg in rule.arguments}
        url = rule.build(values)[1]
        for method in sorted(rule.methods & {"GET", "POST"}):
            response = client.open(url, method=method, data={"version": "1"})
            checked += 1
            assert response.status_code in (403, 404), f"{who} {method} {rule.endpoint}: {response.status_code}"
    assert checked >= 1
    assert _fingerprint() == before


@pytest.mark.parametrize("role", TEAM_SCOPED)
def test_no_role_reaches_another_teams_records(app, signed_in, no_csrf, foreign_records, role):
    client, _user = signed_in(role, programme="PHOENIX")  # same programme, different team
    _assert_nothing_reached(app, client, foreign_records, role)


@pytest.mark.parametrize("role", PROGRAMME_SCOPED)
def test_programme_scoped_roles_reach_nothing_of_another_programme(app, signed_in, no_csrf, foreign_records, role):
    client, _user = signed_in(role, programme="VIP")
    _assert_nothing_reached(app, client, foreign_records, role)
