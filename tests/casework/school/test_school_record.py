"""The Reach school record: suspensions, exclusions and moves, and attendance by term."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from casework.cases.models import SchoolAttendance, SchoolEvent
from casework.db import db
from casework.timezone import london_today
from tests.casework.sessions.helpers import flashes, form_fields
from tests.conftest import audit_events


def _events(case) -> list[SchoolEvent]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            sa.select(SchoolEvent).where(SchoolEvent.case_id == case.id).order_by(SchoolEvent.id)
        )
    )


def _terms(case) -> list[tuple]:
    db.session.expire_all()
    return [
        (r.academic_year, r.term, Decimal(str(r.attendance_percent)).quantize(Decimal("0.1")), r.version)
        for r in db.session.scalars(
            sa.select(SchoolAttendance)
            .where(SchoolAttendance.case_id == case.id)
            .order_by(SchoolAttendance.id)
        )
    ]


def _event_url(case) -> str:
    return f"/cases/{case.public_id}/school/events/new"


def _attendance_url(case) -> str:
    return f"/cases/{case.public_id}/school/attendance"


def test_the_page_shows_the_school_and_the_history_at_referral(signed_in, reach):
    client, _ = signed_in(user=reach.worker)
    response = client.get(f"/cases/{reach.case.public_id}/school")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Beaumont Leys School" in html
    assert "Suspensions before referral" in html and ">3<" in html.replace("\n", "").replace(" ", "")
    assert "78.5%" in html
    assert "None recorded since the case started." in html and "No attendance recorded yet." in html
    [event] = audit_events("school_record.view")
    assert event.record_id == str(reach.case.public_id)


def test_recording_a_suspension_with_days_lost(signed_in, reach, post_form):
    client, user = signed_in(user=reach.worker)
    response = post_form(
        client, _event_url(reach.case), {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "2"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{reach.case.public_id}/school")
    [event] = _events(reach.case)
    assert (event.kind, event.occurred_on, event.days, event.recorded_by_id) == (
        "suspension",
        date(2025, 3, 3),
        2,
        user.id,
    )
    assert flashes(client) == ["Suspension on 3 March 2025 saved"]
    [audit] = audit_events("school_event.create")
    assert audit.record_id == str(event.public_id) and audit.details["kind"] == "suspension"
    html = client.get(f"/cases/{reach.case.public_id}/school").get_data(as_text=True)
    assert "1 suspension since the case started (2 school days lost)" in html


def test_a_permanent_exclusion_and_a_managed_move_have_no_days(signed_in, reach, post_form):
    client, _ = signed_in(user=reach.worker)
    for kind in ("permanent_exclusion", "managed_move"):
        response = post_form(
            client,
            _event_url(reach.case),
            {"kind": kind, "occurred_on": ["10", "4", "2025"], "days": "left over"},
        )
        assert response.status_code == 302
    assert [(e.kind, e.days) for e in _events(reach.case)] == [
        ("permanent_exclusion", None),
        ("managed_move", None),
    ]
    html = client.get(f"/cases/{reach.case.public_id}/school").get_data(as_text=True)
    assert "permanently excluded" in html and "Managed move" in html


def test_bad_school_events_are_explained_and_not_saved(signed_in, reach, post_form):
    client, _ = signed_in(user=reach.worker)
    tomorrow = london_today() + timedelta(days=1)
    cases = [
        ({"kind": "suspension", "occurred_on": ["31", "2", "2025"], "days": "2"}, "Date must be a real date"),
        (
            {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": ""},
            "Enter how many school days the suspension lasted",
        ),
        (
            {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "two"},
            "School days lost must be a whole number, like 3",
        ),
        (
            {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "-1"},
            "School days lost must be a whole number, like 3",
        ),
        (
            {"kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "46"},
            "School days lost must be between 1 and 45",
        ),
        (
            {"kind": "detention", "occurred_on": ["3", "3", "2025"]},
            "Choose suspension, permanent exclusion or managed move",
        ),
        (
            {
                "kind": "managed_move",
                "occurred_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)],
            },
            "Date must be today or in the past",
        ),
        (
            {"kind": "managed_move", "occurred_on": ["1", "1", "2024"]},
            "Date must be on or after 2 May 2024, when the case started",
        ),
    ]
    for data, message in cases:
        response = post_form(client, _event_url(reach.case), data)
        assert response.status_code == 400, data
        assert message in response.get_data(as_text=True), data
    assert _events(reach.case) == []


def test_posting_a_school_event_twice_creates_one(signed_in, reach):
    client, _ = signed_in(user=reach.worker)
    page = client.get(_event_url(reach.case)).get_data(as_text=True)
    data = {
        **form_fields(page),
        "kind": "suspension",
        "occurred_on": ["3", "3", "2025"],
        "days": "1",
        "case_id": "1",
        "recorded_by_id": "1",
        "version": "7",
    }
    assert client.post(_event_url(reach.case), data=data).status_code == 302
    assert client.post(_event_url(reach.case), data=data).status_code == 302
    [event] = _events(reach.case)
    assert event.version == 1 and event.recorded_by_id == reach.worker.id


def test_correcting_a_school_event_checks_the_version(signed_in, reach):
    event = SchoolEvent(case_id=reach.case.id, kind="suspension", occurred_on=date(2025, 3, 3), days=2)
    db.session.add(event)
    db.session.flush()
    url = f"/school-events/{event.public_id}/edit"
    client, _ = signed_in(user=reach.worker)
    page = client.get(url).get_data(as_text=True)
    data = {**form_fields(page), "kind": "suspension", "occurred_on": ["3", "3", "2025"], "days": "3"}
    assert client.post(url, data=data).status_code == 302
    stale = client.post(url, data={**data, "days": "5"})
    assert stale.status_code == 409
    assert "Someone else changed this record after you opened it" in stale.get_data(as_text=True)
    [saved] = _events(reach.case)
    assert (saved.days, saved.version) == (3, 2)
    assert audit_events("school_event.update")[0].details["fields"] == ["days"]


def test_recording_attendance_for_a_term_shows_the_change_since_referral(signed_in, reach, post_form):
    client, _ = signed_in(user=reach.worker)
    response = post_form(
        client,
        _attendance_url(reach.case),
        {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "85.5"},
    )
    assert response.status_code == 302
    assert flashes(client) == ["Attendance for the autumn term 2024-25 saved"]
    post_form(
        client,
        _attendance_url(reach.case),
        {"academic_year": "2024/25", "term": "spring", "attendance_percent": "70%"},
    )
    assert _terms(reach.case) == [
        ("2024-25", "autumn", Decimal("85.5"), 1),
        ("2024-25", "spring", Decimal("70.0"), 1),
    ]
    html = client.get(f"/cases/{reach.case.public_id}/school").get_data(as_text=True)
    assert "Autumn 2024-25" in html and "85.5%" in html and ">+7.0<" in html.replace(" ", "").replace("\n", "")
    assert ">-8.5<" in html.replace(" ", "").replace("\n", "")
    assert html.index("Autumn 2024-25") < html.index("Spring 2024-25")
    assert [e.details for e in audit_events("school_attendance.create")] == [
        {"academic_year": "2024-25", "term": "autumn"},
        {"academic_year": "2024-25", "term": "spring"},
    ]


def test_entering_the_same_term_again_updates_it_after_checking_the_version(signed_in, reach, post_form):
    client, _ = signed_in(user=reach.worker)
    post_form(
        client,
        _attendance_url(reach.case),
        {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "85.5"},
    )
    # Entered again from a blank form: the stored figure is shown, not overwritten unseen.
    again = post_form(
        client,
        _attendance_url(reach.case),
        {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "90"},
    )
    html = again.get_data(as_text=True)
    assert again.status_code == 409
    assert "Attendance for the autumn term 2024-25 is already recorded as 85.5%." in html
    assert 'value="85.5"' in html and 'name="version" type="hidden" value="1"' in html
    assert _terms(reach.case) == [("2024-25", "autumn", Decimal("85.5"), 1)]
    # Saving from the form as shown (with its version) replaces the figure.
    updated = client.post(
        _attendance_url(reach.case),
        data={**form_fields(html), "academic_year": "2024-25", "term": "autumn", "attendance_percent": "90"},
    )
    assert updated.status_code == 302
    assert _terms(reach.case) == [("2024-25", "autumn", Decimal("90.0"), 2)]
    assert len(audit_events("school_attendance.update")) == 1


def test_the_change_link_fills_the_form_and_a_stale_version_is_refused(signed_in, reach, post_form):
    db.session.add(
        SchoolAttendance(
            case_id=reach.case.id, academic_year="2024-25", term="summer", attendance_percent=Decimal("80.0")
        )
    )
    client, _ = signed_in(user=reach.worker)
    url = _attendance_url(reach.case) + "?academic_year=2024-25&term=summer"
    page = client.get(url).get_data(as_text=True)
    assert 'value="80.0"' in page and 'name="version" type="hidden" value="1"' in page
    for junk in ("?academic_year=%00&term=summer", "?academic_year=2024-25&term=%3Cb%3E", "?academic_year="):
        assert client.get(_attendance_url(reach.case) + junk).status_code == 200
    fields = form_fields(page)
    first = client.post(
        _attendance_url(reach.case),
        data={**fields, "academic_year": "2024-25", "term": "summer", "attendance_percent": "82"},
    )
    assert first.status_code == 302
    second = client.post(
        _attendance_url(reach.case),
        data={**fields, "academic_year": "2024-25", "term": "summer", "attendance_percent": "60"},
    )
    assert second.status_code == 409
    assert "Someone else changed this record after you opened it" in second.get_data(as_text=True)
    assert _terms(reach.case) == [("2024-25", "summer", Decimal("82.0"), 2)]


def test_posting_the_same_attendance_twice_keeps_one_record(signed_in, reach):
    client, _ = signed_in(user=reach.worker)
    page = client.get(_attendance_url(reach.case)).get_data(as_text=True)
    data = {**form_fields(page), "academic_year": "2024-25", "term": "autumn", "attendance_percent": "85.5"}
    assert client.post(_attendance_url(reach.case), data=data).status_code == 302
    assert client.post(_attendance_url(reach.case), data=data).status_code == 302
    assert _terms(reach.case) == [("2024-25", "autumn", Decimal("85.5"), 1)]


def test_bad_attendance_is_explained_and_not_saved(signed_in, reach, post_form):
    client, _ = signed_in(user=reach.worker)
    cases = [
        ({"academic_year": "2024-26"}, "Enter the academic year as two years, like 2024-25"),
        ({"academic_year": "24-25"}, "Enter the academic year as two years, like 2024-25"),
        ({"academic_year": "next year"}, "Enter the academic year as two years, like 2024-25"),
        ({"academic_year": ""}, "Enter the academic year, like 2024-25"),
        ({"academic_year": "2090-91"}, "Academic year must be this year or an earlier one"),
        ({"term": "winter"}, "Choose the term"),
        (
            {"attendance_percent": "101"},
            "Attendance must be a number from 0 to 100 with at most one decimal place",
        ),
        (
            {"attendance_percent": "-3"},
            "Attendance must be a number from 0 to 100 with at most one decimal place",
        ),
        (
            {"attendance_percent": "85.55"},
            "Attendance must be a number from 0 to 100 with at most one decimal place",
        ),
        (
            {"attendance_percent": "eighty"},
            "Attendance must be a number from 0 to 100 with at most one decimal place",
        ),
        ({"attendance_percent": ""}, "Enter the attendance percentage"),
    ]
    for overrides, message in cases:
        data = {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "85", **overrides}
        response = post_form(client, _attendance_url(reach.case), data)
        assert response.status_code == 400, overrides
        assert message in response.get_data(as_text=True), overrides
    assert _terms(reach.case) == []


def test_a_case_of_another_programme_has_no_school_record(
    signed_in, no_csrf, create_team, create_user, create_case
):
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    event = SchoolEvent(case_id=case.id, kind="suspension", occurred_on=date(2025, 3, 3), days=1)
    db.session.add(event)
    client, _ = signed_in(user=worker)
    assert client.get(f"/cases/{case.public_id}/school").status_code == 404
    for url in (_event_url(case), _attendance_url(case), f"/school-events/{event.public_id}/edit"):
        assert client.get(url).status_code == 404, url
        data = {
            "kind": "suspension",
            "occurred_on": ["3", "3", "2025"],
            "days": "1",
            "version": "1",
            "academic_year": "2024-25",
            "term": "autumn",
            "attendance_percent": "80",
        }
        assert client.post(url, data=data).status_code == 404, url
    assert _events(case) == [event]
    # Not even a hint of a school record for a colleague who could not change it anyway.
    client, _ = signed_in(user=create_user("youth_worker", teams=[team]))
    for url in (f"/cases/{case.public_id}/school", _event_url(case), f"/school-events/{event.public_id}/edit"):
        assert client.get(url).status_code == 404, url


def test_others_can_view_but_only_the_allocated_worker_or_a_manager_can_add(
    signed_in, reach, create_user, create_team, post_form
):
    colleague = create_user("youth_worker", teams=[reach.team])
    client, _ = signed_in(user=colleague)
    assert client.get(f"/cases/{reach.case.public_id}/school").status_code == 200
    assert client.get(_event_url(reach.case)).status_code == 403
    assert client.get(_attendance_url(reach.case)).status_code == 403

    stranger = create_user("youth_worker", teams=[create_team(programme="REACH")])
    client, _ = signed_in(user=stranger)
    for url in (f"/cases/{reach.case.public_id}/school", _event_url(reach.case), _attendance_url(reach.case)):
        assert client.get(url).status_code == 404

    client, _ = signed_in("manager", teams=[reach.team])
    response = post_form(
        client,
        _attendance_url(reach.case),
        {"academic_year": "2024-25", "term": "autumn", "attendance_percent": "85"},
    )
    assert response.status_code == 302


def test_a_case_awaiting_consent_cannot_have_school_events_yet(signed_in, reach, create_case):
    waiting = create_case(reach.team, lead_worker=reach.worker, status="awaiting_consent", started_on=None)
    client, _ = signed_in(user=reach.worker)
    page = client.get(_event_url(waiting))
    assert "The school record can be added to once consent is in place." in page.get_data(as_text=True)
    response = client.post(
        _event_url(waiting),
        data={
            **form_fields(page.get_data(as_text=True)),
            "kind": "managed_move",
            "occurred_on": ["1", "6", "2024"],
        },
    )
    assert response.status_code == 400
    assert _events(waiting) == []


def test_unreadable_referral_details_show_as_not_recorded(signed_in, reach, create_referral, create_case):
    referral = create_referral(
        reach.team,
        status="accepted",
        details={
            "school": "<b>Odd</b>",
            "suspensions_before_referral": "lots",
            "attendance_percent_at_referral": "n/a",
        },
    )
    case = create_case(reach.team, lead_worker=reach.worker, referral=referral)
    db.session.add(
        SchoolAttendance(
            case_id=case.id, academic_year="2024-25", term="autumn", attendance_percent=Decimal("90.0")
        )
    )
    client, _ = signed_in(user=reach.worker)
    html = client.get(f"/cases/{case.public_id}/school").get_data(as_text=True)
    assert "&lt;b&gt;Odd&lt;/b&gt;" in html
    assert html.count("Not recorded") == 2
    assert "Not known" in html and "The referral gave no attendance figure" in html


def test_junk_in_the_school_forms_never_breaks_them(signed_in, reach):
    import random

    from tests.casework.sessions.helpers import NASTY

    client, _ = signed_in(user=reach.worker)
    rng = random.Random(3)
    event = SchoolEvent(case_id=reach.case.id, kind="suspension", occurred_on=date(2025, 3, 3), days=2)
    db.session.add(event)
    db.session.flush()
    urls = {
        _event_url(reach.case): ["kind", "occurred_on", "days", "submission_id"],
        f"/school-events/{event.public_id}/edit": ["kind", "occurred_on", "days", "version"],
        _attendance_url(reach.case): [
            "academic_year",
            "term",
            "attendance_percent",
            "version",
            "submission_id",
        ],
    }
    for url, fields in urls.items():
        for _ in range(12):
            page = client.get(url).get_data(as_text=True)
            data = {
                **form_fields(page),
                "kind": "suspension",
                "occurred_on": ["3", "3", "2025"],
                "days": "2",
                "academic_year": "2024-25",
                "term": "autumn",
                "attendance_percent": "80",
            }
            for name in rng.sample(fields, rng.randint(1, len(fields))):
                data[name] = (
                    [rng.choice(NASTY) for _ in range(rng.randint(0, 4))]
                    if name == "occurred_on"
                    else rng.choice(NASTY)
                )
            response = client.post(url, data=data)
            assert response.status_code in (302, 400, 409), (url, data, response.status_code)
    for saved in _events(reach.case):
        assert saved.kind in ("suspension", "permanent_exclusion", "managed_move")
        assert (saved.days is not None) == (saved.kind == "suspension")
    assert all(0 <= percent <= 100 for _y, _t, percent, _v in _terms(reach.case))
