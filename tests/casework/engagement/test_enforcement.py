"""Enforcement: escalations reach enforcement officers, who record enforcement events and the
escalation's outcome on a limited view of the case. Workers never see enforcement events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from casework.db import db
from casework.engagement.models import EnforcementEvent, Escalation
from tests.casework.engagement.conftest import day_month_year, hidden_fields, submit, today
from tests.conftest import audit_events

SUMMARY = "Dispersal notice served outside the chip shop on Belgrave Road"


@pytest.fixture
def escalated(phoenix):
    escalation = Escalation(case_id=phoenix.case.id, reason="refused_to_engage", raised_on=today() - timedelta(days=5),
                            raised_by_id=phoenix.navigator.id)
    phoenix.case.engagement_status = "refused"
    db.session.add(escalation)
    db.session.flush()
    return escalation


@pytest.fixture
def officer(create_user, create_team):
    return create_user("enforcement_officer", teams=[create_team(programme="PHOENIX")], name="Pat Police")


@pytest.fixture
def recorded_event(phoenix, escalated, officer):
    event = EnforcementEvent(case_id=phoenix.case.id, escalation_id=escalated.id, kind="disruption_activity",
                             occurred_on=today() - timedelta(days=1), summary=SUMMARY, recorded_by_id=officer.id)
    db.session.add(event)
    db.session.flush()
    return event


def test_the_officer_sees_the_escalation_and_records_an_event_and_the_outcome(signed_in, phoenix, escalated, officer):
    client, _ = signed_in(user=officer)
    listing = client.get("/escalations").get_data(as_text=True)
    enforcement_url = f"/cases/{phoenix.case.public_id}/enforcement"
    assert "Jordan Example" in listing and f'href="{enforcement_url}"' in listing

    page = client.get(enforcement_url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Jordan Example" in html and phoenix.person.date_of_birth.strftime("%-d %B %Y") in html
    assert "Refused to engage" in html

    response = submit(client, f"{enforcement_url}/events/new",
                      {"kind": "disruption_activity", "occurred_on": day_month_year(today()),
                       "escalation": str(escalated.public_id), "summary": SUMMARY})
    assert response.status_code == 302 and response.headers["Location"].endswith(enforcement_url)
    [event] = db.session.scalars(sa.select(EnforcementEvent).where(EnforcementEvent.case_id == phoenix.case.id))
    assert (event.kind, event.escalation_id, event.recorded_by_id) == ("disruption_activity", escalated.id, officer.id)
    assert SUMMARY in client.get(enforcement_url).get_data(as_text=True)

    outcome = submit(client, f"/escalations/{escalated.public_id}/outcome",
                     {"outcome": "enforcement_taken", "outcome_on": day_month_year(today())})
    assert outcome.status_code == 302
    db.session.refresh(escalated)
    assert (escalated.outcome, escalated.outcome_on) == ("enforcement_taken", today())

    [created] = audit_events("enforcement_event.create")
    assert created.details == {"case_id": str(phoenix.case.public_id), "kind": "disruption_activity",
                               "linked_to_escalation": True}
    assert [e.details["escalation_outcome"] for e in audit_events("escalation.outcome")] == ["enforcement_taken"]
    assert audit_events("enforcement.view")


def test_the_enforcement_page_shows_no_support_records(signed_in, phoenix, escalated, officer):
    client, _ = signed_in(user=officer)
    html = client.get(f"/cases/{phoenix.case.public_id}/enforcement").get_data(as_text=True)
    for hidden in ("Contact attempts", "Sessions", "Assessments", "Lee Lead", "Nia Navigator"):
        assert hidden not in html


def test_a_decided_outcome_needs_a_date_and_ongoing_needs_none(signed_in, phoenix, escalated, officer):
    client, _ = signed_in(user=officer)
    url = f"/escalations/{escalated.public_id}/outcome"
    missing = submit(client, url, {"outcome": "re_engaged", "outcome_on": ["", "", ""]})
    assert missing.status_code == 400 and "Enter the date of the outcome" in missing.get_data(as_text=True)
    before = submit(client, url, {"outcome": "re_engaged",
                                  "outcome_on": day_month_year(escalated.raised_on - timedelta(days=1))})
    assert "Date of the outcome must be on or after the escalation" in before.get_data(as_text=True)
    assert submit(client, url, {"outcome": "ongoing", "outcome_on": ["", "", ""]}).status_code == 302
    db.session.refresh(escalated)
    assert (escalated.outcome, escalated.outcome_on) == ("ongoing", None)


def test_open_escalations_come_first(signed_in, phoenix, escalated, officer):
    escalated.outcome, escalated.outcome_on = "no_further_action", today()
    older_open = Escalation(case_id=phoenix.case.id, reason="risk_persists", raised_on=date(2024, 1, 5))
    db.session.add(older_open)
    db.session.flush()
    client, _ = signed_in(user=officer)
    html = client.get("/escalations").get_data(as_text=True)
    assert html.index("Risk and criminality persist") < html.index("Refused to engage")


@pytest.mark.parametrize("role", ["youth_worker", "navigator"])
def test_workers_never_see_enforcement_events(signed_in, phoenix, recorded_event, escalated, role):
    user = phoenix.lead if role == "youth_worker" else phoenix.navigator
    client, _ = signed_in(user=user)
    case_id = phoenix.case.public_id
    for url in (f"/cases/{case_id}/enforcement", f"/cases/{case_id}/enforcement/events/new",
                f"/enforcement-events/{recorded_event.public_id}/edit"):
        assert client.get(url).status_code == 404, url
    token = hidden_fields(client.get(f"/cases/{case_id}/engagement").get_data(as_text=True))["csrf_token"]
    posted = client.post(f"/cases/{case_id}/enforcement/events/new",
                         data={"csrf_token": token, "kind": "other", "occurred_on": day_month_year(today()),
                               "summary": "Worker wrote this"})
    assert posted.status_code == 404
    assert client.post(f"/escalations/{escalated.public_id}/outcome",
                       data={"csrf_token": token, "outcome": "re_engaged"}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EnforcementEvent)) == 1

    for url in (f"/cases/{case_id}/engagement", f"/cases/{case_id}", "/caseload"):
        response = client.get(url)
        assert SUMMARY not in response.get_data(as_text=True), url
        assert "Disruption activity" not in response.get_data(as_text=True), url
    engagement = client.get(f"/cases/{case_id}/engagement").get_data(as_text=True)
    assert "Refused to engage" in engagement  # the escalation itself and its outcome are visible
    assert audit_events("access.denied")


def test_the_officer_is_kept_out_of_the_case_and_engagement_pages(signed_in, phoenix, escalated, officer):
    client, _ = signed_in(user=officer)
    assert client.get(f"/cases/{phoenix.case.public_id}").status_code in (403, 404)
    assert client.get(f"/cases/{phoenix.case.public_id}/engagement").status_code in (403, 404)
    assert client.get(f"/cases/{phoenix.case.public_id}/contacts/new").status_code in (403, 404)
    assert client.get(f"/cases/{phoenix.case.public_id}/escalations/new").status_code in (403, 404)


def test_an_officer_of_another_programme_and_non_phoenix_cases_are_not_found(signed_in, create_user, create_team,
                                                                             create_case, phoenix, escalated):
    vip_team = create_team(programme="VIP")
    vip_case = create_case(vip_team)
    client, _ = signed_in("manager", teams=[vip_team])
    assert client.get(f"/cases/{phoenix.case.public_id}/enforcement").status_code == 404
    assert client.get(f"/cases/{vip_case.public_id}/enforcement").status_code == 404
    assert client.get(f"/escalations/{escalated.public_id}/outcome").status_code == 404


def test_a_manager_sees_the_enforcement_record_and_corrects_an_event(signed_in, phoenix, recorded_event):
    client, manager = signed_in("manager", teams=[phoenix.team])
    engagement = client.get(f"/cases/{phoenix.case.public_id}/engagement").get_data(as_text=True)
    assert "Enforcement record" in engagement and SUMMARY not in engagement
    assert SUMMARY in client.get(f"/cases/{phoenix.case.public_id}/enforcement").get_data(as_text=True)
    url = f"/enforcement-events/{recorded_event.public_id}/edit"
    first = hidden_fields(client.get(url).get_data(as_text=True))
    second = hidden_fields(client.get(url).get_data(as_text=True))
    data = {"kind": "civil_order", "occurred_on": day_month_year(recorded_event.occurred_on), "summary": SUMMARY,
            "escalation": ""}
    assert client.post(url, data={**first, **data}).status_code == 302
    assert client.post(url, data={**second, **data, "kind": "other"}).status_code == 409
    db.session.refresh(recorded_event)
    assert (recorded_event.kind, recorded_event.escalation_id) == ("civil_order", None)
    assert audit_events("enforcement_event.update")[0].details["fields"] == ["escalation_id", "kind"]


def test_an_event_cannot_be_linked_to_another_cases_escalation(signed_in, create_case, create_person, phoenix,
                                                                escalated, officer):
    other_case = create_case(phoenix.team, person=create_person())
    client, _ = signed_in(user=officer)
    response = submit(client, f"/cases/{other_case.public_id}/enforcement/events/new",
                      {"kind": "other", "occurred_on": day_month_year(today()), "escalation": str(escalated.public_id)})
    assert response.status_code == 400
    assert "Select one of this person&#39;s escalations, or none" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(EnforcementEvent)) == 0
