"""Consent through HTTP: the young person's, and a parent's or carer's while under 18, before a
case opens; dates checked; withdrawal; who may record it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.cases.models import Case, Consent
from casework.db import db
from tests.casework.referrals.conftest import count, date_parts, hidden_fields, london_now, submit, text
from tests.conftest import audit_events


@pytest.fixture
def team(create_team):
    return create_team(programme="VIP")


@pytest.fixture
def awaiting(create_case, create_person, team):
    """A case awaiting consent for a young person who is 15 on 1 June 2024."""
    def _make(date_of_birth=date(2009, 1, 1), programme_team=None, **overrides):
        person = create_person(date_of_birth=date_of_birth)
        return create_case(programme_team or team, person=person, status="awaiting_consent", started_on=None, **overrides)
    return _make


def _consent(client, case, given_by, given_on, method="written"):
    return submit(client, f"/cases/{case.public_id}/consent",
                  {"given_by": given_by, "method": method, **date_parts("given_on", given_on)})


def test_under_18_needs_a_parent_or_carer_before_the_case_opens(signed_in, team, awaiting):
    client, manager = signed_in("manager", teams=[team])
    case = awaiting()
    page = text(client.get(f"/cases/{case.public_id}/consent"))
    assert "Still needed: the young person&#39;s consent and a parent&#39;s or carer&#39;s consent" in page
    assert _consent(client, case, "young_person", date(2024, 6, 1)).status_code == 302
    case = db.session.get(Case, case.id)
    assert case.status == "awaiting_consent" and case.started_on is None
    assert "Still needed: a parent&#39;s or carer&#39;s consent" in text(client.get(f"/cases/{case.public_id}/consent"))
    response = _consent(client, case, "parent_carer", date(2024, 6, 3), method="verbal")
    assert response.status_code == 302
    case = db.session.get(Case, case.id)
    assert (case.status, case.started_on) == ("open", date(2024, 6, 3))
    assert "The case is open from 3 June 2024." in text(client.get(response.headers["Location"]))
    assert len(audit_events("consent.create")) == 2
    assert [e.details["started_on"] for e in audit_events("case.start")] == ["2024-06-03"]


def test_over_18_needs_only_the_young_persons_consent(signed_in, team, awaiting):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting(date_of_birth=date(2000, 1, 1))
    assert "their own consent is enough" in text(client.get(f"/cases/{case.public_id}/consent"))
    assert _consent(client, case, "young_person", date(2024, 6, 1)).status_code == 302
    case = db.session.get(Case, case.id)
    assert (case.status, case.started_on, case.support_started_on) == ("open", date(2024, 6, 1), None)


def test_turning_18_is_judged_on_the_consent_date(signed_in, team, awaiting):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting(date_of_birth=date(2006, 6, 1))  # 18 on 1 June 2024
    assert _consent(client, case, "young_person", date(2024, 6, 1)).status_code == 302
    assert db.session.get(Case, case.id).status == "open"


def test_phoenix_support_starts_with_consent(signed_in, create_team, awaiting):
    phoenix = create_team(programme="PHOENIX")
    client, _ = signed_in("manager", teams=[phoenix])
    case = awaiting(date_of_birth=date(1999, 1, 1), programme_team=phoenix)
    assert _consent(client, case, "young_person", date(2024, 6, 10), method="digital").status_code == 302
    case = db.session.get(Case, case.id)
    assert (case.status, case.started_on, case.support_started_on) == ("open", date(2024, 6, 10), date(2024, 6, 10))


@pytest.mark.parametrize("given_on,message", [
    (None, "must not be in the future"),
    (date(2024, 4, 30), "must not be before the referral was received on 1 May 2024"),
])
def test_consent_dates_are_checked(signed_in, team, awaiting, given_on, message):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting()
    response = _consent(client, case, "young_person", given_on or london_now().date() + timedelta(days=1))
    assert response.status_code == 400 and message in text(response)
    assert count(Consent) == 0


@pytest.mark.parametrize("data,message", [
    ({"given_by": "", "method": "written", "given_on": ["1", "6", "2024"]}, "Select who gave consent"),
    ({"given_by": "neighbour", "method": "written", "given_on": ["1", "6", "2024"]}, "Select who gave consent"),
    ({"given_by": "young_person", "method": "telepathy", "given_on": ["1", "6", "2024"]}, "Select how consent was given"),
    ({"given_by": "young_person", "method": "written", "given_on": ["", "", ""]}, "Enter the date consent was given"),
    ({"given_by": "young_person", "method": "written", "given_on": ["x", "6", "2024"]}, "must be a real date"),
])
def test_bad_consent_input_is_explained(signed_in, team, awaiting, data, message):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting()
    response = submit(client, f"/cases/{case.public_id}/consent", data)
    assert response.status_code == 400 and message in text(response)
    assert count(Consent) == 0


def test_posting_consent_twice_records_it_once(signed_in, team, awaiting):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting(date_of_birth=date(2000, 1, 1))
    payload = {**hidden_fields(text(client.get(f"/cases/{case.public_id}/consent"))),
               "given_by": "young_person", "method": "written", **date_parts("given_on", date(2024, 6, 1))}
    assert client.post(f"/cases/{case.public_id}/consent", data=payload).status_code == 302
    assert client.post(f"/cases/{case.public_id}/consent", data=payload).status_code == 302
    assert count(Consent) == 1


def test_fields_the_consent_form_does_not_offer_change_nothing(signed_in, team, awaiting):
    client, _ = signed_in("manager", teams=[team])
    case = awaiting()
    response = submit(client, f"/cases/{case.public_id}/consent", {
        "given_by": "young_person", "method": "written", **date_parts("given_on", date(2024, 6, 1)),
        "status": "open", "started_on": "2024-01-01", "case_id": "1", "withdrawn_on": "2024-06-02"})
    assert response.status_code == 302
    stored = db.session.get(Case, case.id)
    assert stored.status == "awaiting_consent" and stored.started_on is None
    [consent] = db.session.query(Consent).all()
    assert consent.withdrawn_on is None


def test_withdrawal_is_recorded_and_the_case_stays_open(signed_in, team, create_case, create_user):
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    consent = Consent(case_id=case.id, given_by="young_person", method="written", given_on=date(2024, 5, 2))
    db.session.add(consent)
    db.session.flush()
    client, _ = signed_in(user=worker)
    url = f"/cases/{case.public_id}/consent/{consent.public_id}/withdraw"
    too_early = submit(client, url, date_parts("withdrawn_on", date(2024, 5, 1)))
    assert too_early.status_code == 400 and "must not be before it was given on 2 May 2024" in text(too_early)
    response = submit(client, url, date_parts("withdrawn_on", date(2024, 7, 1)))
    assert response.status_code == 302
    assert db.session.get(Consent, consent.id).withdrawn_on == date(2024, 7, 1)
    assert db.session.get(Case, case.id).status == "open"
    page = text(client.get(response.headers["Location"]))
    assert "Consent withdrawn" in page and "Withdrawn 1 July 2024" in page
    assert [e.record_id for e in audit_events("consent.withdraw")] == [str(consent.public_id)]
    again = client.post(url, data={**hidden_fields(text(client.get(url))), **date_parts("withdrawn_on", date(2024, 7, 2))})
    assert again.status_code in (400, 409)
    assert db.session.get(Consent, consent.id).withdrawn_on == date(2024, 7, 1)


def test_a_consent_of_another_case_cannot_be_withdrawn_through_this_one(signed_in, team, create_case):
    client, _ = signed_in("manager", teams=[team])
    mine, other = create_case(team), create_case(team)
    consent = Consent(case_id=other.id, given_by="young_person", method="written", given_on=date(2024, 5, 2))
    db.session.add(consent)
    db.session.flush()
    assert client.get(f"/cases/{mine.public_id}/consent/{consent.public_id}/withdraw").status_code == 404


def test_only_the_allocated_worker_or_a_manager_records_consent(signed_in, team, create_case, create_user, awaiting):
    lead = create_user("youth_worker", teams=[team])
    case = awaiting(lead_worker_id=lead.id)
    client, _ = signed_in("youth_worker", teams=[team])  # same team, not allocated
    assert client.get(f"/cases/{case.public_id}/consent").status_code == 403
    client, _ = signed_in("navigator", programme="VIP")  # another team
    assert client.get(f"/cases/{case.public_id}/consent").status_code == 404
    client, _ = signed_in(user=lead)
    assert _consent(client, case, "young_person", date(2024, 6, 1)).status_code == 302
    assert count(Consent) == 1
