"""Writes and case views are audited in the same transaction; audit rows cannot be changed."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from casework.audit import record_event
from casework.audit.models import AuditEvent
from casework.db import db
from tests.conftest import audit_events


def test_a_case_view_is_audited_with_who_role_what_and_which(signed_in, create_case, create_user):
    client, user = signed_in("youth_worker")
    team_id = user.memberships[0].team_id
    from casework.auth.models import Team

    case = create_case(db.session.get(Team, team_id), lead_worker=user)
    assert client.get(f"/cases/{case.public_id}").status_code == 200
    (event,) = audit_events("case.view")
    assert (event.user_id, event.role, event.record_type, event.record_id, event.outcome) == (
        user.id, "youth_worker", "cases", str(case.public_id), "success")
    assert event.occurred_at is not None


def test_an_audit_event_commits_or_rolls_back_with_its_change(create_team):
    team = create_team()
    db.session.commit()
    savepoint = db.session.begin_nested()
    team.name = "Renamed"
    record_event("team.update", team)
    savepoint.rollback()
    assert audit_events("team.update") == []
    assert db.session.get(type(team), team.id).name != "Renamed"


def test_audit_details_refuse_note_text():
    with pytest.raises(ValueError):
        record_event("session.create", record_type="sessions", notes="what the young person said")


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'tampered'",
    "DELETE FROM audit_events",
])
def test_the_database_refuses_to_change_or_delete_audit_rows(statement):
    record_event("test.event", record_type="test")
    db.session.flush()
    with pytest.raises(DatabaseError):
        with db.session.begin_nested():
            db.session.execute(sa.text(statement))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) >= 1
