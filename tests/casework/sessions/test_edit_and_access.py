"""Changing a session, who may see and change sessions, and the case's session list."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from casework.db import db
from casework.sessions.models import Session, SessionComponent
from tests.casework.sessions.helpers import flashes, form_fields, session_data, sessions_of
from tests.conftest import audit_events


@pytest.fixture
def logged(world):
    """A session already logged on the world's case."""
    session = Session(
        case_id=world.case.id,
        held_on=date(2025, 5, 12),
        mode="face_to_face",
        location="home",
        attendance="attended",
        duration_minutes=60,
        recorded_by_id=world.worker.id,
        notes="First note",
        components=[SessionComponent(component_code="VIP-C1"), SessionComponent(component_code="VIP-C2")],
    )
    db.session.add(session)
    db.session.flush()
    return session


def _edit_url(session) -> str:
    return f"/sessions/{session.public_id}/edit"


def test_the_edit_form_shows_the_session_and_its_version(signed_in, world, logged):
    client, _ = signed_in(user=world.worker)
    html = client.get(_edit_url(logged)).get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in html
    assert 'value="VIP-C1" checked' in html and 'value="VIP-C3" checked' not in html
    assert "First note" in html
    assert 'name="submission_id"' not in html and "onward_service_type" not in html


def test_editing_replaces_the_components_and_is_audited(signed_in, world, logged):
    client, user = signed_in(user=world.worker)
    page = client.get(_edit_url(logged)).get_data(as_text=True)
    response = client.post(
        _edit_url(logged),
        data={**form_fields(page), **session_data(components=["VIP-C2", "VIP-C5"], duration_minutes="50")},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{world.case.public_id}")
    [session] = sessions_of(world.case)
    assert session.component_codes == ["VIP-C2", "VIP-C5"]
    assert session.duration_minutes == 50 and session.version == 2
    assert flashes(client)[0].startswith("Session on 12 May 2025 saved")
    rows = db.session.scalars(
        sa.select(SessionComponent.component_code).where(SessionComponent.session_id == session.id)
    )
    assert sorted(rows) == ["VIP-C2", "VIP-C5"]
    [event] = audit_events("session.update")
    assert event.user_id == user.id and event.record_id == str(session.public_id)
    assert "components" in event.details["fields"] and "duration_minutes" in event.details["fields"]
    assert event.details["components_added"] == ["VIP-C5"] and event.details["components_removed"] == [
        "VIP-C1"
    ]
    assert "First note" not in repr(event.details) and "Talked" not in repr(event.details)


def test_changing_only_the_components_still_moves_the_version_on(signed_in, world, logged):
    client, _ = signed_in(user=world.worker)
    page = client.get(_edit_url(logged)).get_data(as_text=True)
    data = {
        **form_fields(page),
        "held_on": ["12", "5", "2025"],
        "attendance": "attended",
        "mode": "face_to_face",
        "location": "home",
        "duration_minutes": "60",
        "components": ["VIP-C1"],
        "behaviour_concern": "no",
        "notes": "First note",
    }
    assert client.post(_edit_url(logged), data=data).status_code == 302
    [session] = sessions_of(world.case)
    assert session.component_codes == ["VIP-C1"] and session.version == 2
    assert audit_events("session.update")[0].details["fields"] == ["components"]


def test_an_edit_over_someone_elses_newer_save_is_refused_and_theirs_survives(
    signed_in, world, logged, create_user, client
):
    client, _ = signed_in(user=world.worker)
    mine = client.get(_edit_url(logged)).get_data(as_text=True)  # opened at version 1
    # A manager opens the same session and saves first.
    manager_client = client.application.test_client()
    manager_client.environ_base["HTTP_REFERER"] = "https://localhost/"
    from tests.conftest import sign_in

    manager = create_user("manager", teams=[world.team])
    assert sign_in(manager_client, manager).status_code == 302
    theirs = manager_client.get(_edit_url(logged)).get_data(as_text=True)
    saved = manager_client.post(
        _edit_url(logged),
        data={**form_fields(theirs), **session_data(duration_minutes="75", notes="Manager's correction")},
    )
    assert saved.status_code == 302

    stale = client.post(
        _edit_url(logged),
        data={**form_fields(mine), **session_data(duration_minutes="30", notes="My late change")},
    )
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "Someone else changed this record after you opened it, so your changes were not saved." in html
    assert "Manager&#39;s correction" in html and 'value="75"' in html  # the current values are shown
    assert 'name="version" type="hidden" value="2"' in html
    [session] = sessions_of(world.case)
    assert (session.duration_minutes, session.notes, session.version) == (75, "Manager's correction", 2)
    assert len(audit_events("session.update")) == 1


def test_an_edit_without_a_version_is_refused(signed_in, world, logged):
    client, _ = signed_in(user=world.worker)
    page = client.get(_edit_url(logged)).get_data(as_text=True)
    data = {**form_fields(page), **session_data(duration_minutes="5")}
    for version in ("", "abc", "0"):
        data["version"] = version
        response = client.post(_edit_url(logged), data=data)
        assert response.status_code == 409
    assert sessions_of(world.case)[0].duration_minutes == 60


def test_an_invalid_edit_is_explained_and_changes_nothing(signed_in, world, logged):
    client, _ = signed_in(user=world.worker)
    page = client.get(_edit_url(logged)).get_data(as_text=True)
    response = client.post(
        _edit_url(logged),
        data={**form_fields(page), **session_data(attendance="cancelled", held_on=["30", "2", "2025"])},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Date of the session must be a real date" in html
    # The session rules run once every value has its shape, so the date comes first.
    response = client.post(
        _edit_url(logged), data={**form_fields(page), **session_data(attendance="cancelled")}
    )
    assert response.status_code == 400
    assert "Only a session that was attended can cover components" in response.get_data(as_text=True)
    session = sessions_of(world.case)[0]
    assert (session.attendance, session.version, session.component_codes) == (
        "attended",
        1,
        ["VIP-C1", "VIP-C2"],
    )


def test_a_worker_of_another_team_gets_404_everywhere(
    signed_in, no_csrf, world, logged, create_team, create_user
):
    stranger = create_user("youth_worker", teams=[create_team(programme="VIP")])
    client, _ = signed_in(user=stranger)
    for url in (
        f"/cases/{world.case.public_id}/sessions",
        f"/cases/{world.case.public_id}/sessions/new",
        f"/sessions/{logged.public_id}",
        _edit_url(logged),
    ):
        assert client.get(url).status_code == 404, url
    for url in (f"/cases/{world.case.public_id}/sessions/new", _edit_url(logged)):
        assert client.post(url, data=session_data(version="1", duration_minutes="5")).status_code == 404, url
    assert sessions_of(world.case)[0].version == 1
    assert len(sessions_of(world.case)) == 1
    assert audit_events("access.denied")


def test_a_team_member_who_is_not_allocated_can_view_but_not_change(
    signed_in, no_csrf, world, logged, create_user
):
    colleague = create_user("youth_worker", teams=[world.team])
    client, _ = signed_in(user=colleague)
    listing = client.get(f"/cases/{world.case.public_id}/sessions")
    assert listing.status_code == 200
    assert "Log a session" not in listing.get_data(as_text=True)
    view = client.get(f"/sessions/{logged.public_id}")
    assert view.status_code == 200 and "Change this session" not in view.get_data(as_text=True)
    assert client.get(f"/cases/{world.case.public_id}/sessions/new").status_code == 403
    assert client.get(_edit_url(logged)).status_code == 403
    for url in (f"/cases/{world.case.public_id}/sessions/new", _edit_url(logged)):
        assert client.post(url, data=session_data(version="1", duration_minutes="5")).status_code == 403, url
    assert sessions_of(world.case)[0].version == 1
    assert len(sessions_of(world.case)) == 1


def test_viewing_sessions_is_audited(signed_in, world, logged):
    client, user = signed_in(user=world.worker)
    client.get(f"/cases/{world.case.public_id}/sessions")
    client.get(f"/sessions/{logged.public_id}")
    [listed] = audit_events("session.list")
    [viewed] = audit_events("session.view")
    assert listed.record_id == str(world.case.public_id) and listed.details["results"] == 1
    assert viewed.record_id == str(logged.public_id) and viewed.user_id == user.id


def test_the_list_shows_sessions_newest_first_with_attendance_components_and_concerns(
    signed_in, world, logged
):
    db.session.add_all(
        [
            Session(
                case_id=world.case.id,
                held_on=date(2025, 6, 2),
                mode="phone",
                location="online",
                attendance="did_not_attend",
                duration_minutes=0,
            ),
            Session(
                case_id=world.case.id,
                held_on=date(2025, 5, 20),
                mode="face_to_face",
                location="school",
                attendance="attended",
                duration_minutes=30,
                behaviour_concern=True,
                behaviour_note="x",
                components=[SessionComponent(component_code="VIP-C4")],
            ),
        ]
    )
    client, _ = signed_in(user=world.worker)
    html = client.get(f"/cases/{world.case.public_id}/sessions").get_data(as_text=True)
    assert html.index("2 June 2025") < html.index("20 May 2025") < html.index("12 May 2025")
    assert "Did not attend" in html and "VIP-C4 Confidence and wellbeing" in html
    assert "VIP-C1 Understanding behaviours" in html
    assert html.count('govuk-tag--red">Concern<') == 1
    assert "3 sessions logged, 2 attended, 1 with a behaviour concern" in html


def _count_queries(app, client, url: str) -> int:
    engine = app.extensions["casework.db"].engine
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(
        [s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK"))]
    )


def _add_sessions(case, count: int) -> None:
    for day in range(count):
        db.session.add(
            Session(
                case_id=case.id,
                held_on=date(2025, 1, 1 + day % 28),
                mode="face_to_face",
                location="home",
                attendance="attended",
                duration_minutes=30,
                components=[
                    SessionComponent(component_code="VIP-C1"),
                    SessionComponent(component_code="VIP-C6"),
                ],
            )
        )
    db.session.flush()


def test_the_session_list_runs_the_same_number_of_queries_for_3_and_520_sessions(
    app, signed_in, world, create_case
):
    client, _ = signed_in(user=world.worker)
    small = create_case(world.team, lead_worker=world.worker)
    large = create_case(world.team, lead_worker=world.worker)
    _add_sessions(small, 3)
    _add_sessions(large, 520)  # past 500: a batched eager load would need another query
    client.get(f"/cases/{small.public_id}/sessions")  # warm caches
    few = _count_queries(app, client, f"/cases/{small.public_id}/sessions")
    many = _count_queries(app, client, f"/cases/{large.public_id}/sessions")
    assert few == many
    assert many <= 10
