"""Triage through HTTP: the referral page, its timing against the programme's target, and a
manager's decision (accept, decline, keep pending), first contact, and who may do what."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from casework.cases.models import Case
from casework.db import db
from casework.referrals.models import Referral
from tests.casework.referrals.conftest import aged, count, date_parts, hidden_fields, hours_ago, london_now, text
from tests.conftest import audit_events


@pytest.fixture
def vip_team(create_team):
    return create_team(programme="VIP")


@pytest.fixture
def eligible_referral(create_referral, create_person, vip_team):
    person = create_person(given_name="Casey", family_name="Triage", date_of_birth=aged(16))
    return create_referral(vip_team, person=person, source="police_custody", setting="custody",
                           details={"violence_related": True, "offence_type": "Robbery"},
                           received_at=hours_ago(3).replace(second=0, microsecond=0))


def _decide(client, referral, **data):
    page = client.get(f"/referrals/{referral.public_id}")
    assert page.status_code == 200
    payload = {**hidden_fields(text(page)), **data}
    return client.post(f"/referrals/{referral.public_id}/decision", data=payload)


def test_the_triage_page_shows_person_facts_reasons_and_time(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    response = client.get(f"/referrals/{eligible_referral.public_id}")
    html = text(response)
    assert response.status_code == 200
    assert "Casey Triage" in html and "aged 16 on the referral date" in html
    assert "Police custody" in html and "Robbery" in html
    assert "Eligibility: Eligible" in html and "No open VIP case." in html
    assert re.search(r"Received 3 hours( 1 minute)? ago\.", html)  # VIP sets no triage target
    assert "Triage overdue" not in html
    assert [e.record_id for e in audit_events("referral.view")] == [str(eligible_referral.public_id)]


def test_a_reach_referral_shows_its_triage_deadline(signed_in, create_team, create_referral, create_person):
    team = create_team(programme="REACH")
    client, _ = signed_in("manager", teams=[team])
    received = hours_ago(3).replace(second=0, microsecond=0)
    referral = create_referral(team, person=create_person(date_of_birth=aged(14)), source="school",
                               received_at=received, details={"at_risk_of_exclusion": True, "school": "Demo"})
    due = received + timedelta(hours=24)
    html = text(client.get(f"/referrals/{referral.public_id}"))
    assert re.search(r"Received 3 hours( 1 minute)? ago; triage due by", html)
    assert f"due by {due:%-I:%M}{due:%p}".lower() in html.lower()
    assert f"{due:%-d %B %Y}" in html
    assert "Triage overdue" not in html


def test_a_reach_referral_25_hours_old_is_overdue(signed_in, create_team, create_referral, create_person):
    team = create_team(programme="REACH")
    client, _ = signed_in("manager", teams=[team])
    referral = create_referral(team, person=create_person(date_of_birth=aged(14)), source="school",
                               received_at=hours_ago(25))
    html = text(client.get(f"/referrals/{referral.public_id}"))
    assert "Triage overdue" in html
    assert "Received 25 hours ago; triage was due by" in html
    listing = text(client.get("/referrals"))
    assert "Overdue" in listing


def test_accepting_opens_a_case_awaiting_consent_and_offers_allocation(signed_in, vip_team, eligible_referral):
    client, manager = signed_in("manager", teams=[vip_team])
    response = _decide(client, eligible_referral, decision="accept")
    case = db.session.scalars(sa.select(Case)).one()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.public_id}/allocation")
    assert (case.status, case.programme, case.team_id, case.person_id, case.definition_version, case.referral_id) == (
        "awaiting_consent", "VIP", vip_team.id, eligible_referral.person_id, "2024.1", eligible_referral.id)
    referral = db.session.get(Referral, eligible_referral.id)
    assert (referral.status, referral.decided_by_id) == ("accepted", manager.id)
    assert referral.decided_at is not None and referral.eligibility["outcome"] == "eligible"
    assert [e.record_id for e in audit_events("referral.accept")] == [str(referral.public_id)]
    assert [e.record_id for e in audit_events("case.create")] == [str(case.public_id)]
    page = client.get(response.headers["Location"])
    assert "Referral accepted" in text(page) and "allocate a lead worker" in text(page)


def test_declining_records_the_reason_and_the_note_but_not_in_the_audit(signed_in, vip_team, eligible_referral):
    client, manager = signed_in("manager", teams=[vip_team])
    response = _decide(client, eligible_referral, decision="decline", decline_reason="unable_to_contact",
                       note="Phone number was wrong; school had no other contact")
    assert response.status_code == 302
    referral = db.session.get(Referral, eligible_referral.id)
    assert (referral.status, referral.decline_reason, referral.decided_by_id) == ("declined", "unable_to_contact",
                                                                                 manager.id)
    assert referral.details["decision_note"] == "Phone number was wrong; school had no other contact"
    [event] = audit_events("referral.decline")
    assert event.details["reason"] == "unable_to_contact" and event.details["noted"] is True
    assert "Phone number" not in str(event.details)
    assert count(Case) == 0
    page = text(client.get(f"/referrals/{referral.public_id}"))
    assert "Unable to make contact" in page and "Decided" in page


def test_declining_needs_a_known_reason(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    for reason, message in (("", "Select the reason for declining"), ("bored", "Select reason for declining from the list")):
        response = _decide(client, eligible_referral, decision="decline", decline_reason=reason)
        assert response.status_code == 400
        assert message in text(response)
    assert db.session.get(Referral, eligible_referral.id).status == "pending"


def test_an_ineligible_referral_suggests_the_rules_decline_reason(signed_in, vip_team, create_referral, create_person):
    client, _ = signed_in("manager", teams=[vip_team])
    referral = create_referral(vip_team, person=create_person(date_of_birth=aged(26)), source="police_custody",
                               setting="custody", details={"violence_related": True}, received_at=hours_ago(2))
    html = text(client.get(f"/referrals/{referral.public_id}"))
    assert "Eligibility: Not eligible" in html and "VIP accepts ages 11 to 25." in html
    assert re.search(r'<option value="outside_age_range" selected', html)


def test_an_ineligible_referral_is_accepted_only_with_a_written_reason(signed_in, vip_team, create_referral,
                                                                       create_person):
    client, _ = signed_in("manager", teams=[vip_team])
    referral = create_referral(vip_team, person=create_person(date_of_birth=aged(26)), source="police_custody",
                               setting="custody", details={"violence_related": True}, received_at=hours_ago(2))
    refused = _decide(client, referral, decision="accept")
    assert refused.status_code == 400
    assert "This referral is not eligible: Aged 26" in text(refused)
    assert "To accept it anyway, write why (at least 10 characters)" in text(refused)
    assert count(Case) == 0
    reason = "Turned 26 last week; the panel agreed to finish the work"
    accepted = _decide(client, referral, decision="accept", override_reason=reason)
    assert accepted.status_code == 302
    stored = db.session.get(Referral, referral.id)
    assert stored.status == "accepted" and stored.details["accept_override_reason"] == reason
    [event] = audit_events("referral.accept")
    assert event.details["override"] is True and reason not in str(event.details)


def test_accepting_is_refused_when_a_case_is_already_open(signed_in, vip_team, eligible_referral, create_case):
    client, _ = signed_in("manager", teams=[vip_team])
    create_case(vip_team, person=eligible_referral.person)
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    assert "Already has an open VIP case" in page
    assert re.search(r'<option value="already_open" selected', page)
    response = _decide(client, eligible_referral, decision="accept", override_reason="Accept it anyway please")
    assert response.status_code == 400
    assert "already has an open VIP case, so this referral cannot be accepted" in text(response)
    assert count(Case) == 1
    assert db.session.get(Referral, eligible_referral.id).status == "pending"


def test_keeping_a_referral_pending_changes_nothing(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    before = (eligible_referral.version, dict(eligible_referral.eligibility or {}))
    response = _decide(client, eligible_referral, decision="hold", note="ignored")
    assert response.status_code == 302
    referral = db.session.get(Referral, eligible_referral.id)
    assert (referral.version, referral.eligibility or {}) == before
    assert referral.status == "pending" and "decision_note" not in referral.details
    assert "still pending" in text(client.get(response.headers["Location"]))


def test_a_stale_decision_is_refused_and_the_first_survives(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    page = client.get(f"/referrals/{eligible_referral.public_id}")
    stale = hidden_fields(text(page))
    assert _decide(client, eligible_referral, decision="decline", decline_reason="other").status_code == 302
    response = client.post(f"/referrals/{eligible_referral.public_id}/decision", data={**stale, "decision": "accept"})
    assert response.status_code in (400, 409)
    assert db.session.get(Referral, eligible_referral.id).status == "declined"
    assert count(Case) == 0


def test_a_decided_referral_cannot_be_decided_again(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    assert _decide(client, eligible_referral, decision="decline", decline_reason="other").status_code == 302
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    assert "Triage decision" not in page
    response = client.post(f"/referrals/{eligible_referral.public_id}/decision",
                           data={**hidden_fields(page), "decision": "accept"})
    assert response.status_code == 400 and "already been decided" in text(response)


def test_bad_decision_input_never_errors(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("manager", teams=[vip_team])
    for data in ({}, {"decision": "approve"}, {"decision": "accept", "version": "x"},
                 {"decision": "decline", "decline_reason": "<b>x</b>", "note": "n" * 3000},
                 {"decision": ["maybe", "accept"]}, {"status": "accepted", "team_id": "1"}):
        response = _decide(client, eligible_referral, **data)
        assert response.status_code in (302, 400, 409), data
        assert "<b>x</b>" not in text(response)
    assert db.session.get(Referral, eligible_referral.id).status == "pending"


def test_workers_may_not_decide(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("youth_worker", teams=[vip_team])
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    assert "Triage decision" not in page
    response = client.post(f"/referrals/{eligible_referral.public_id}/decision",
                           data={**hidden_fields(page), "decision": "accept"})
    assert response.status_code == 403
    assert count(Case) == 0


@pytest.mark.parametrize("role,programme", [("youth_worker", "VIP"), ("navigator", "VIP"), ("manager", "REACH")])
def test_others_cannot_see_or_act_on_the_referral(signed_in, eligible_referral, role, programme):
    client, _ = signed_in(role, programme=programme)
    assert client.get(f"/referrals/{eligible_referral.public_id}").status_code == 404
    token = hidden_fields(text(client.get("/referrals")))
    for path in ("decision", "first-contact"):
        response = client.post(f"/referrals/{eligible_referral.public_id}/{path}",
                               data={**token, "decision": "accept", "version": "1"})
        assert response.status_code in (403, 404)
    assert db.session.get(Referral, eligible_referral.id).status == "pending"
    assert str(eligible_referral.public_id) not in text(client.get("/referrals?status=all"))


def test_first_contact_is_recorded_with_the_time_since_referral(signed_in, vip_team, eligible_referral):
    client, worker = signed_in("youth_worker", teams=[vip_team])
    contact = eligible_referral.received_at.astimezone(london_now().tzinfo) + timedelta(hours=1, minutes=30)
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    response = client.post(f"/referrals/{eligible_referral.public_id}/first-contact", data={
        **hidden_fields(page), **date_parts("contact_on", contact.date()), "contact_time": contact.strftime("%H:%M")})
    assert response.status_code == 302
    referral = db.session.get(Referral, eligible_referral.id)
    assert referral.first_contact_at == contact.replace(second=0, microsecond=0)
    assert "1 hour 30 minutes after the referral" in text(client.get(response.headers["Location"]))
    assert [e.user_id for e in audit_events("referral.first_contact")] == [worker.id]


@pytest.mark.parametrize("shift,message", [
    (timedelta(hours=-5), "The time of first contact must be after the referral was received"),
    (timedelta(days=2), "The time of first contact must not be in the future"),
])
def test_first_contact_outside_the_window_is_refused(signed_in, vip_team, eligible_referral, shift, message):
    client, _ = signed_in("youth_worker", teams=[vip_team])
    moment = eligible_referral.received_at.astimezone(london_now().tzinfo) + shift
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    response = client.post(f"/referrals/{eligible_referral.public_id}/first-contact", data={
        **hidden_fields(page), **date_parts("contact_on", moment.date()), "contact_time": moment.strftime("%H:%M")})
    assert response.status_code == 400 and message in text(response)
    assert db.session.get(Referral, eligible_referral.id).first_contact_at is None


def test_first_contact_form_errors_are_explained(signed_in, vip_team, eligible_referral):
    client, _ = signed_in("youth_worker", teams=[vip_team])
    page = text(client.get(f"/referrals/{eligible_referral.public_id}"))
    response = client.post(f"/referrals/{eligible_referral.public_id}/first-contact",
                           data={**hidden_fields(page), "contact_on": ["1", "13", "2025"], "contact_time": "noon"})
    assert response.status_code == 400
    assert "Date of first contact must be a real date" in text(response)
    assert "Time of first contact must be a real time" in text(response)


def test_a_reach_referral_with_vulnerabilities_shows_them_on_the_triage_page(signed_in, create_team, create_referral):
    team = create_team(programme="REACH")
    referral = create_referral(team, details={"school": "Demo Academy", "vulnerabilities": ["behaviour_concerns"]})
    client, _ = signed_in("manager", teams=[team])
    response = client.get(f"/referrals/{referral.public_id}")
    assert response.status_code == 200
    assert "Behaviour concerns in school" in response.get_data(as_text=True)
