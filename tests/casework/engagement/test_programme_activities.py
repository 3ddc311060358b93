"""Programme activities: a Phoenix manager records agency and community activity, mapped to the
outcomes the kind evidences."""

from __future__ import annotations

import sqlalchemy as sa

from casework.db import db
from casework.engagement.models import ProgrammeActivity
from tests.casework.engagement.conftest import day_month_year, submit, today
from tests.conftest import audit_events


def test_a_manager_records_a_community_event(signed_in, create_team):
    team = create_team("Phoenix East", programme="PHOENIX")
    client, manager = signed_in("manager", teams=[team])
    response = submit(client, "/programme-activities",
                      {"team": str(team.public_id), "kind": "community_event", "occurred_on": day_month_year(today()),
                       "description": "Open evening at the mosque hall", "attendees": "45"})
    assert response.status_code == 302
    [activity] = db.session.scalars(sa.select(ProgrammeActivity)).all()
    assert (activity.programme, activity.team_id, activity.kind, activity.attendees) == (
        "PHOENIX", team.id, "community_event", 45)
    assert activity.outcome_codes == ["PHX-AS3", "PHX-KS1", "PHX-KM1"]
    page = client.get("/programme-activities").get_data(as_text=True)
    assert "Open evening at the mosque hall" in page and "PHX-AS3, PHX-KS1, PHX-KM1" in page
    [event] = audit_events("programme_activity.create")
    assert event.details["kind"] == "community_event" and "mosque" not in str(event.details)


def test_bad_answers_save_nothing(signed_in, create_team):
    team = create_team(programme="PHOENIX")
    foreign = create_team(programme="PHOENIX")
    client, _ = signed_in("manager", teams=[team])
    for data, message in [
        ({"team": str(foreign.public_id), "kind": "community_event"}, "Select the team that ran the activity"),
        ({"team": str(team.public_id), "kind": "session"}, "Select the kind of activity"),
        ({"team": str(team.public_id), "kind": "data_sharing", "attendees": "lots"},
         "Number of attendees must be a whole number, like 12"),
    ]:
        response = submit(client, "/programme-activities", {"occurred_on": day_month_year(today()), **data})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProgrammeActivity)) == 0


def test_a_manager_without_such_activities_is_told_so(signed_in):
    client, _ = signed_in("manager", programme="VIP")
    html = client.get("/programme-activities").get_data(as_text=True)
    assert "None of your programmes records programme-level activities." in html
