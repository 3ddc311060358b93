"""Contact attempts: a navigator records them quickly; the engagement page lists them newest first
with counts; posting twice saves once; a stale correction is refused and the first one survives."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from casework.db import db
from casework.engagement.models import EngagementContact
from casework.timezone import LONDON
from tests.casework.engagement.conftest import day_month_year, hidden_fields, submit, today
from tests.conftest import audit_events


def _contacts(case):
    return list(db.session.scalars(
        sa.select(EngagementContact).where(EngagementContact.case_id == case.id).order_by(EngagementContact.id)
    ))


def _contact(client, case, method, result, on, at="10:15", notes=""):
    return submit(client, f"/cases/{case.public_id}/contacts/new",
                  {"method": method, "result": result, "contacted_on": day_month_year(on),
                   "contacted_time": at, "notes": notes})


def test_navigator_records_failed_and_successful_contacts(signed_in, phoenix):
    client, navigator = signed_in(user=phoenix.navigator)
    yesterday = today() - timedelta(days=1)
    first = _contact(client, phoenix.case, "phone", "no_answer", yesterday, "09:05", notes="Rang mobile, voicemail full")
    assert first.status_code == 302
    assert first.headers["Location"].endswith(f"/cases/{phoenix.case.public_id}/engagement")
    _contact(client, phoenix.case, "text", "message_left", yesterday, "9.30am")
    _contact(client, phoenix.case, "home_visit", "met", today(), "00:01", notes="Met at home with mum")

    contacts = _contacts(phoenix.case)
    assert [(c.method, c.result, c.recorded_by_id) for c in contacts] == [
        ("phone", "no_answer", navigator.id), ("text", "message_left", navigator.id), ("home_visit", "met", navigator.id)]
    assert contacts[1].contacted_at.astimezone(LONDON).strftime("%H:%M") == "09:30"
    assert contacts[0].contacted_on == yesterday and contacts[0].contacted_at.tzinfo is not None

    page = client.get(f"/cases/{phoenix.case.public_id}/engagement").get_data(as_text=True)
    assert "3 attempts, 1 successful" in page
    assert page.index("Met at home with mum") < page.index("Rang mobile, voicemail full")  # newest first
    assert "Home visit" in page and "No answer" in page

    events = audit_events("engagement_contact.create")
    assert [e.details["result"] for e in events] == ["no_answer", "message_left", "met"]
    assert all("voicemail" not in str(e.details) for e in events)
    assert audit_events("engagement.view")


def test_the_form_starts_at_now(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    html = client.get(f"/cases/{phoenix.case.public_id}/contacts/new").get_data(as_text=True)
    assert f'value="{today().year}"' in html
    assert datetime.now(LONDON).strftime("%H:") in html


def test_posting_the_same_contact_twice_creates_one(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.lead)
    url = f"/cases/{phoenix.case.public_id}/contacts/new"
    fields = hidden_fields(client.get(url).get_data(as_text=True))
    data = {**fields, "method": "phone", "result": "spoke_engaged", "contacted_on": day_month_year(today()),
            "contacted_time": "00:00"}
    assert client.post(url, data=data).status_code == 302
    again = client.post(url, data=data)
    assert again.status_code == 302 and again.headers["Location"].endswith("/engagement")
    assert "This form was sent twice; it has been saved once." in client.get(again.headers["Location"]).get_data(as_text=True)
    assert len(_contacts(phoenix.case)) == 1
    assert len(audit_events("engagement_contact.create")) == 1


def test_a_contact_in_the_future_is_refused(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    tomorrow = today() + timedelta(days=1)
    response = _contact(client, phoenix.case, "phone", "no_answer", tomorrow)
    assert response.status_code == 400
    assert "Date of the attempt must be today or in the past" in response.get_data(as_text=True)
    later_today = (datetime.now(LONDON) + timedelta(hours=2))
    if later_today.date() == today():
        response = _contact(client, phoenix.case, "phone", "no_answer", today(), later_today.strftime("%H:%M"))
        assert "The time of the attempt must be now or in the past" in response.get_data(as_text=True)
    assert _contacts(phoenix.case) == []


def test_missing_answers_say_what_to_do(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    response = submit(client, f"/cases/{phoenix.case.public_id}/contacts/new",
                      {"contacted_on": ["", "", ""], "contacted_time": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("Select how you tried to make contact", "Select what happened",
                    "Enter the date of the attempt", "Enter the time of the attempt"):
        assert message in html
    assert _contacts(phoenix.case) == []


def test_a_correction_is_saved_and_a_stale_one_refused(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    _contact(client, phoenix.case, "phone", "no_answer", today(), "00:00")
    contact = _contacts(phoenix.case)[0]
    url = f"/contacts/{contact.public_id}/edit"
    first = hidden_fields(client.get(url).get_data(as_text=True))
    second = hidden_fields(client.get(url).get_data(as_text=True))
    common = {"method": "phone", "contacted_on": day_month_year(today()), "contacted_time": "00:00"}
    assert client.post(url, data={**first, **common, "result": "message_left"}).status_code == 302
    stale = client.post(url, data={**second, **common, "result": "wrong_number"})
    assert stale.status_code == 409
    assert "Someone else changed this record after you opened it" in stale.get_data(as_text=True)
    db.session.refresh(contact)
    assert contact.result == "message_left"
    assert [e.details["fields"] for e in audit_events("engagement_contact.update")] == [["result"]]


def test_a_youth_worker_of_the_team_not_on_the_case_reads_but_cannot_record(signed_in, create_user, phoenix):
    client, _ = signed_in(user=create_user("youth_worker", teams=[phoenix.team]))
    page = client.get(f"/cases/{phoenix.case.public_id}/engagement")
    assert page.status_code == 200
    assert "Record a contact attempt" not in page.get_data(as_text=True)
    assert client.get(f"/cases/{phoenix.case.public_id}/contacts/new").status_code == 403


def test_a_worker_of_another_team_gets_404_and_nothing_is_saved(signed_in, create_user, create_team, phoenix):
    other = create_team(programme="PHOENIX")
    client, _ = signed_in(user=create_user("navigator", teams=[other]))
    assert client.get(f"/cases/{phoenix.case.public_id}/engagement").status_code == 404
    assert client.get(f"/cases/{phoenix.case.public_id}/contacts/new").status_code == 404
    token = hidden_fields(client.get("/caseload").get_data(as_text=True))["csrf_token"]
    response = client.post(f"/cases/{phoenix.case.public_id}/contacts/new",
                           data={"csrf_token": token, "method": "phone", "result": "met",
                                 "contacted_on": day_month_year(today()), "contacted_time": "00:00"})
    assert response.status_code == 404
    assert _contacts(phoenix.case) == []
    assert audit_events("access.denied")


def test_any_programme_may_record_contacts(signed_in, create_team, create_user, create_case):
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    assert _contact(client, case, "phone", "spoke_engaged", today(), "00:00").status_code == 302
    page = client.get(f"/cases/{case.public_id}/engagement").get_data(as_text=True)
    assert "1 attempt, 1 successful" in page
    assert "Escalate to enforcement" not in page and "Notification or call-in" not in page


def test_a_note_that_is_too_long_is_refused_and_kept_on_the_page(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    response = _contact(client, phoenix.case, "phone", "no_answer", today(), "00:00", notes="a" * 5001)
    assert response.status_code == 400
    assert "The note must be 5000 characters or fewer" in response.get_data(as_text=True)
    assert _contacts(phoenix.case) == []
