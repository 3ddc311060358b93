"""The Phoenix notification or call-in, and escalation to the enforcement component."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from casework.db import db
from casework.engagement.models import Escalation, Notification
from tests.casework.engagement.conftest import day_month_year, hidden_fields, submit, today
from tests.conftest import audit_events


def _notify(client, case, method, on, attended="yes", notes=""):
    return submit(client, f"/cases/{case.public_id}/notification/new",
                  {"method": method, "notified_on": day_month_year(on), "attended": attended, "notes": notes})


def _notifications(case):
    return list(db.session.scalars(sa.select(Notification).where(Notification.case_id == case.id)))


def test_navigator_records_a_call_in_for_a_young_adult(signed_in, phoenix):
    client, navigator = signed_in(user=phoenix.navigator)
    response = _notify(client, phoenix.case, "call_in", today() - timedelta(days=3), notes="Came with his aunt")
    assert response.status_code == 302
    [notification] = _notifications(phoenix.case)
    assert (notification.method, notification.attended, notification.recorded_by_id) == ("call_in", True, navigator.id)
    page = client.get(f"/cases/{phoenix.case.public_id}/engagement").get_data(as_text=True)
    assert "Call-in" in page and "Came with his aunt" in page
    assert "usually" not in page  # the method fits the age: no warning
    [event] = audit_events("notification.create")
    assert event.details == {"case_id": str(phoenix.case.public_id), "method": "call_in", "attended": True,
                             "fits_age": True}
    # the notification is recorded once: the new-notification page now leads to changing it
    again = client.get(f"/cases/{phoenix.case.public_id}/notification/new")
    assert again.status_code == 302 and f"/notifications/{notification.public_id}/edit" in again.headers["Location"]


def test_a_method_that_does_not_fit_the_age_is_saved_with_a_warning(signed_in, create_person, create_case, phoenix):
    child = create_person(given_name="Sam", date_of_birth=today() - timedelta(days=15 * 365 + 100))
    case = create_case(phoenix.team, lead_worker=phoenix.lead, person=child, navigator_id=phoenix.navigator.id)
    client, _ = signed_in(user=phoenix.navigator)
    form = client.get(f"/cases/{case.public_id}/notification/new").get_data(as_text=True)
    assert "Sam is under 18: usually a home visit with the family." in form
    response = _notify(client, case, "call_in", today(), attended="no")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Under-18s are usually notified by a home visit with the family." in page
    assert _notifications(case)[0].attended is False
    assert audit_events("notification.create")[0].details["fits_age"] is False


def test_a_notification_before_the_date_of_birth_is_refused(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.navigator)
    response = _notify(client, phoenix.case, "call_in", phoenix.person.date_of_birth - timedelta(days=1))
    assert response.status_code == 400
    assert "Date of the notification must be after the date of birth" in response.get_data(as_text=True)
    assert _notifications(phoenix.case) == []


def test_phoenix_pages_are_not_found_for_other_programmes(signed_in, create_team, create_user, create_case):
    team = create_team(programme="REACH")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    for url in (f"/cases/{case.public_id}/notification/new", f"/cases/{case.public_id}/escalations/new"):
        assert client.get(url).status_code == 404


def test_navigator_escalates_a_refusal(signed_in, phoenix):
    client, navigator = signed_in(user=phoenix.navigator)
    submit(client, f"/cases/{phoenix.case.public_id}/engagement-status",
           {"status": "refused", "changed_on": day_month_year(today())})
    form = client.get(f"/cases/{phoenix.case.public_id}/escalations/new").get_data(as_text=True)
    assert 'value="refused_to_engage" checked' in form
    response = submit(client, f"/cases/{phoenix.case.public_id}/escalations/new",
                      {"reason": "refused_to_engage", "raised_on": day_month_year(today()), "outcome": "re_engaged"})
    assert response.status_code == 302
    [escalation] = db.session.scalars(sa.select(Escalation).where(Escalation.case_id == phoenix.case.id)).all()
    assert (escalation.reason, escalation.outcome, escalation.raised_by_id) == ("refused_to_engage", "ongoing", navigator.id)
    page = client.get(f"/cases/{phoenix.case.public_id}/engagement").get_data(as_text=True)
    assert "Refused to engage" in page and "Ongoing" in page
    assert "Enforcement record" not in page
    [event] = audit_events("escalation.create")
    assert event.details["reason"] == "refused_to_engage" and event.details["engagement_status"] == "refused"


def test_posting_an_escalation_twice_creates_one(signed_in, phoenix):
    client, _ = signed_in(user=phoenix.lead)
    url = f"/cases/{phoenix.case.public_id}/escalations/new"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), "reason": "risk_persists",
            "raised_on": day_month_year(today())}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Escalation)
                             .where(Escalation.case_id == phoenix.case.id)) == 1
