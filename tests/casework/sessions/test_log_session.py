"""Logging a session through the form, as a youth worker on a phone would."""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from casework.cases.models import OnwardReferral
from casework.db import db
from casework.timezone import london_today
from tests.casework.sessions.helpers import flashes, form_fields, session_data, sessions_of
from tests.conftest import audit_events


def _new_url(case) -> str:
    return f"/cases/{case.public_id}/sessions/new"


def test_the_form_offers_the_case_programmes_components_with_what_they_target(signed_in, world):
    client, _ = signed_in(user=world.worker)
    page = client.get(_new_url(world.case))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "What did the session cover?" in html and "<legend" in html
    assert 'value="VIP-C3"' in html and "Social skills training" in html
    assert "Impulsivity; the ability to manage and regulate emotions and behaviour." in html
    assert "RCH-C1" not in html
    today = london_today()
    assert f'id="held_on-year" name="held_on" type="text" value="{today.year}"' in html


def test_logging_an_attended_session_stores_it_with_several_components(signed_in, world, post_form):
    client, user = signed_in(user=world.worker)
    response = post_form(
        client, _new_url(world.case), session_data(components=["VIP-C1", "VIP-C3", "VIP-C8"])
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{world.case.public_id}")
    [session] = sessions_of(world.case)
    assert (session.held_on, session.start_time, session.duration_minutes) == (
        date(2025, 5, 12),
        time(14, 30),
        45,
    )
    assert (session.mode, session.location, session.attendance) == (
        "face_to_face",
        "youth_centre",
        "attended",
    )
    assert session.component_codes == ["VIP-C1", "VIP-C3", "VIP-C8"]
    assert session.recorded_by_id == user.id
    assert session.behaviour_concern is False and session.behaviour_note == ""
    assert session.notes == "Talked through the night of the arrest."
    [message] = flashes(client)
    assert message.startswith("Session on 12 May 2025 saved")
    assert "VIP-S1" in message and "VIP-L1" in message


def test_the_session_page_shows_the_outcomes_its_components_evidence(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    post_form(client, _new_url(world.case), session_data(components=["VIP-C8"]))
    [session] = sessions_of(world.case)
    html = client.get(f"/sessions/{session.public_id}").get_data(as_text=True)
    assert "Outcomes this session evidences" in html
    assert "Sustainability planning" in html
    assert "A positive and trusting relationship with the youth worker" in html


def test_a_concern_with_its_note_is_stored(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(behaviour_concern="yes", behaviour_note="Threatened another young person."),
    )
    assert response.status_code == 302
    [session] = sessions_of(world.case)
    assert session.behaviour_concern is True
    assert session.behaviour_note == "Threatened another young person."


def test_a_did_not_attend_session_needs_no_components_or_length(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(
            attendance="did_not_attend",
            components=[],
            duration_minutes="",
            start_time="",
        ),
    )
    assert response.status_code == 302
    [session] = sessions_of(world.case)
    assert (session.attendance, session.component_codes, session.duration_minutes) == (
        "did_not_attend",
        [],
        0,
    )
    assert flashes(client) == ["Session on 12 May 2025 saved"]


def test_a_behaviour_note_without_a_concern_is_refused_and_kept_on_the_page(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client, _new_url(world.case), session_data(behaviour_concern="no", behaviour_note="Pushed another lad")
    )
    _refused(response, "Delete the description of a behaviour concern, or choose yes if there was one", world.case)
    assert "Pushed another lad" in response.get_data(as_text=True)


def _refused(response, message: str, case) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html[:300]
    assert message in html
    assert "There is a problem" in html
    assert sessions_of(case) == []


def test_a_did_not_attend_session_with_components_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(client, _new_url(world.case), session_data(attendance="did_not_attend"))
    _refused(
        response,
        "Only a session that was attended can cover components: untick them, or choose Attended",
        world.case,
    )


def test_a_cancelled_session_with_a_behaviour_concern_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(
            attendance="cancelled", components=[], behaviour_concern="yes", behaviour_note="Shouting"
        ),
    )
    _refused(response, "A behaviour concern can only be recorded for a session that was attended", world.case)


def test_an_attended_session_needs_at_least_one_component(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(client, _new_url(world.case), session_data(components=[]))
    _refused(response, "Choose at least one thing the session covered", world.case)


def test_a_concern_without_a_note_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client, _new_url(world.case), session_data(behaviour_concern="yes", behaviour_note="  ")
    )
    _refused(response, "Describe the behaviour concern", world.case)


def test_a_future_date_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    tomorrow = london_today() + timedelta(days=1)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(held_on=[str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]),
    )
    _refused(response, "Date of the session must be today or in the past", world.case)


def test_a_date_before_the_case_started_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(client, _new_url(world.case), session_data(held_on=["1", "5", "2024"]))
    _refused(
        response, "Date of the session must be on or after 2 May 2024, when the case started", world.case
    )


def test_bad_input_is_explained_and_nothing_is_saved(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    cases = [
        (dict(held_on=["31", "02", "2025"]), "Date of the session must be a real date"),
        (dict(held_on=["12", "", "2025"]), "Date of the session must include a month"),
        (dict(held_on=["", "", ""]), "Enter the date of the session"),
        (dict(held_on=["1", "5", "25"]), "Date of the session must include a year with 4 numbers"),
        (dict(held_on=["x", "5", "2025"]), "Date of the session must be a real date"),
        (dict(held_on=["99999999", "5", "2025"]), "Date of the session must be a real date"),
        (dict(held_on=["12"]), "Date of the session must include a month and year"),
        (dict(duration_minutes="forty"), "Length must be a whole number of minutes, like 45"),
        (dict(duration_minutes="-5"), "Length must be a whole number of minutes, like 45"),
        (dict(duration_minutes="0"), "Length must be between 1 and 600 minutes"),
        (dict(duration_minutes="601"), "Length must be between 1 and 600 minutes"),
        (dict(duration_minutes="4.5"), "Length must be a whole number of minutes, like 45"),
        (dict(duration_minutes=""), "Enter how many minutes the session lasted"),
        (dict(start_time="25:00"), "Start time must be a real time, for example 14:30 or 2:30pm"),
        (dict(start_time="teatime"), "Start time must be a real time, for example 14:30 or 2:30pm"),
        (dict(start_time="2"), "Start time must include the minutes, or am or pm, for example 14:00 or 2pm"),
        (
            dict(components=["VIP-C99"]),
            "Choose only from the list of what this programme&#39;s sessions cover",
        ),
        (
            dict(components=["RCH-C1"]),
            "Choose only from the list of what this programme&#39;s sessions cover",
        ),
        (
            dict(components=["PHX-C8"]),
            "Choose only from the list of what this programme&#39;s sessions cover",
        ),
        (dict(attendance="maybe"), "Choose whether the young person attended"),
        (dict(attendance=None), "Choose whether the young person attended"),
        (dict(mode="carrier_pigeon"), "Choose how the session was held"),
        (dict(location=""), "Choose where the session was held"),
        (dict(behaviour_concern="perhaps"), "Choose yes if there was a behaviour concern, or no"),
        (dict(notes="x" * 5001), "Notes must be 5000 characters or fewer"),
        (
            dict(onward_service_type="housing", onward_agency=""),
            "Enter the name of the agency the young person was referred to",
        ),
        (
            dict(onward_service_type="", onward_agency="Housing Options"),
            "Choose the type of service the young person was referred to",
        ),
        (
            dict(onward_service_type="astrology", onward_agency="Stars"),
            "Choose the type of service from the list",
        ),
    ]
    for overrides, message in cases:
        response = post_form(client, _new_url(world.case), session_data(**overrides))
        _refused(response, message, world.case)


def test_text_posted_back_is_escaped(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(components=[], notes="<script>alert(1)</script>", onward_agency="<b>x</b>"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_fields_the_form_does_not_offer_change_nothing(signed_in, world, create_team, create_case, post_form):
    client, user = signed_in(user=world.worker)
    other_case = create_case(create_team(programme="VIP"))
    response = post_form(
        client,
        _new_url(world.case),
        session_data(
            case_id=str(other_case.id),
            recorded_by_id="1",
            version="99",
            id="5",
            public_id="x",
            provider_reference="evil",
            created_at="2020-01-01",
        ),
    )
    assert response.status_code == 302
    [session] = sessions_of(world.case)
    assert session.recorded_by_id == user.id
    assert session.version == 1 and session.provider_reference is None
    assert sessions_of(other_case) == []


def test_posting_the_form_twice_creates_one_session(signed_in, world):
    client, _ = signed_in(user=world.worker)
    page = client.get(_new_url(world.case)).get_data(as_text=True)
    data = {**form_fields(page), **session_data()}
    first = client.post(_new_url(world.case), data=data)
    second = client.post(_new_url(world.case), data=data)
    assert first.status_code == 302 and second.status_code == 302
    [session] = sessions_of(world.case)
    assert second.headers["Location"].endswith(f"/sessions/{session.public_id}")
    assert "This session was already saved; here it is." in client.get(second.headers["Location"]).get_data(
        as_text=True
    )
    assert len(audit_events("session.create")) == 1


def test_an_onward_referral_made_in_the_session_is_created_with_it(signed_in, world, post_form):
    client, user = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(
            components=["VIP-C7"],
            onward_service_type="substance_misuse",
            onward_agency="Turning Point Substance Misuse",
        ),
    )
    assert response.status_code == 302
    [session] = sessions_of(world.case)
    [onward] = db.session.scalars(
        sa.select(OnwardReferral).where(OnwardReferral.case_id == world.case.id)
    ).all()
    assert (onward.session_id, onward.service_type, onward.agency) == (
        session.id,
        "substance_misuse",
        "Turning Point Substance Misuse",
    )
    assert (onward.referred_on, onward.status, onward.recorded_by_id) == (date(2025, 5, 12), "made", user.id)
    html = client.get(f"/sessions/{session.public_id}").get_data(as_text=True)
    assert "Substance misuse: Turning Point Substance Misuse" in html
    [event] = audit_events("onward_referral.create")
    assert event.record_id == str(onward.public_id)
    assert event.details["session"] == str(session.public_id)


def test_an_onward_referral_from_a_session_not_attended_is_refused(signed_in, world, post_form):
    client, _ = signed_in(user=world.worker)
    response = post_form(
        client,
        _new_url(world.case),
        session_data(
            attendance="did_not_attend",
            components=[],
            onward_service_type="housing",
            onward_agency="Housing Options",
        ),
    )
    _refused(
        response,
        "An onward referral made in a session can only be logged for a session that was attended",
        world.case,
    )
    assert db.session.scalars(sa.select(OnwardReferral)).all() == []


def test_logging_writes_an_audit_event_without_the_notes(signed_in, world, post_form):
    client, user = signed_in(user=world.worker)
    post_form(
        client,
        _new_url(world.case),
        session_data(
            behaviour_concern="yes", behaviour_note="Private concern text", notes="Private note text"
        ),
    )
    [session] = sessions_of(world.case)
    [event] = audit_events("session.create")
    assert (event.user_id, event.role, event.record_type, event.record_id) == (
        user.id,
        "youth_worker",
        "sessions",
        str(session.public_id),
    )
    assert event.details["components"] == ["VIP-C1", "VIP-C3"]
    assert event.details["behaviour_concern"] is True
    assert "Private" not in repr(event.details)


def test_sessions_can_only_be_logged_on_open_cases(signed_in, create_case, world, post_form):
    client, _ = signed_in(user=world.worker)
    waiting = create_case(world.team, lead_worker=world.worker, status="awaiting_consent", started_on=None)
    closed = create_case(world.team, lead_worker=world.worker, status="closed", closed_on=date(2024, 9, 1))
    for case, message in (
        (
            waiting,
            "Sessions can only be logged once consent is in place. This case is still awaiting consent.",
        ),
        (closed, "Sessions can only be logged on open cases. This case was closed on 1 September 2024."),
    ):
        page = client.get(_new_url(case))
        assert message in page.get_data(as_text=True)
        assert 'name="held_on"' not in page.get_data(as_text=True)
        response = client.post(
            _new_url(case), data={**form_fields(page.get_data(as_text=True)), **session_data()}
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
        assert sessions_of(case) == []


def test_a_manager_of_the_programme_can_log_a_session(signed_in, world, post_form):
    client, _ = signed_in("manager", teams=[world.team])
    response = post_form(client, _new_url(world.case), session_data())
    assert response.status_code == 302
    assert len(sessions_of(world.case)) == 1


def test_a_reach_session_offers_reach_components(signed_in, create_team, create_user, create_case, post_form):
    team = create_team(programme="REACH")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    response = post_form(client, _new_url(case), session_data(components=["RCH-C1", "RCH-C5"]))
    assert response.status_code == 302
    [session] = sessions_of(case)
    assert session.component_codes == ["RCH-C1", "RCH-C5"]
    refused = post_form(client, _new_url(case), session_data(components=["VIP-C1"]))
    assert refused.status_code == 400


def test_phoenix_enforcement_is_not_a_session_component(signed_in, create_team, create_user, create_case):
    team = create_team(programme="PHOENIX")
    worker = create_user("navigator", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    html = client.get(_new_url(case)).get_data(as_text=True)
    assert 'value="PHX-C1"' in html and 'value="PHX-C8"' not in html
