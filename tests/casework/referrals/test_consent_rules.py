"""One consent check: each bad consent or withdrawal is refused by the operation with the words
the page shows beside the field (consent has no import file)."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest

from casework.cases.models import Consent
from casework.db import db
from casework.operations import RecordRefused
from casework.referrals.operations import record_consent, withdraw_consent
from casework.timezone import london_today
from tests.casework.referrals.conftest import count, date_parts, submit, text

TOMORROW = london_today() + timedelta(days=1)

#: (name, case set-up, the consent, the field, the message)
CONSENTS = [
    ("future date", {}, {"given_on": TOMORROW}, "given_on", "The date consent was given must not be in the future"),
    ("before the referral", {}, {"given_on": date(2024, 4, 30)}, "given_on",
     "The date consent was given must not be before the referral was received on 1 May 2024"),
    ("closed case", {"status": "closed", "closed_on": date(2024, 6, 1)}, {}, "",
     "This case is closed; consent cannot be recorded"),
]

#: (name, the consent as stored, the withdrawal date, the field, the message)
WITHDRAWALS = [
    ("future date", {}, TOMORROW, "withdrawn_on", "The date consent was withdrawn must not be in the future"),
    ("before it was given", {}, date(2024, 5, 1), "withdrawn_on",
     "The date consent was withdrawn must not be before it was given on 2 May 2024"),
    ("already withdrawn", {"withdrawn_on": date(2024, 6, 1)}, date(2024, 6, 2), "",
     "This consent was already withdrawn on 1 June 2024"),
]


@pytest.fixture
def team(create_team):
    return create_team(programme="VIP")


def _shown(page: str, field: str, message: str) -> bool:
    page = html.unescape(page)
    if field:
        return f'id="{field}-error"' in page and message in page.split(f'id="{field}-error"', 1)[1].split("</p>")[0]
    return message in page.split("govuk-error-summary", 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize("name,setup,consent,field,message", CONSENTS, ids=[c[0] for c in CONSENTS])
def test_a_bad_consent_reads_the_same_from_the_operation_and_on_the_page(
        signed_in, create_case, team, name, setup, consent, field, message):
    client, manager = signed_in("manager", teams=[team])
    case = create_case(team, status=setup.get("status", "awaiting_consent"), started_on=None, **{
        k: v for k, v in setup.items() if k != "status"})
    values = {"given_by": "young_person", "method": "written", "given_on": date(2024, 6, 1), **consent}
    with pytest.raises(RecordRefused) as refused:
        with db.session.begin_nested():
            record_consent(case, **values, user=manager, submission_id=None)
    assert [(p.field, p.message) for p in refused.value.problems] == [(field, message)]
    if setup.get("status") == "closed":
        return  # a closed case's consent page offers no form to post
    response = submit(client, f"/cases/{case.public_id}/consent", {
        "given_by": values["given_by"], "method": values["method"], **date_parts("given_on", values["given_on"])})
    assert response.status_code == 400 and _shown(text(response), field, message)
    assert count(Consent) == 0


@pytest.mark.parametrize("name,stored,withdrawn_on,field,message", WITHDRAWALS, ids=[w[0] for w in WITHDRAWALS])
def test_a_bad_withdrawal_reads_the_same_from_the_operation_and_on_the_page(
        signed_in, create_case, team, name, stored, withdrawn_on, field, message):
    client, manager = signed_in("manager", teams=[team])
    case = create_case(team)
    consent = Consent(case_id=case.id, given_by="young_person", method="written", given_on=date(2024, 5, 2), **stored)
    db.session.add(consent)
    db.session.flush()
    with pytest.raises(RecordRefused) as refused:
        with db.session.begin_nested():
            withdraw_consent(case, consent, withdrawn_on=withdrawn_on, version=consent.version, user=manager)
    assert [(p.field, p.message) for p in refused.value.problems] == [(field, message)]
    if stored.get("withdrawn_on"):
        return  # a withdrawn consent's page offers no form to post
    response = submit(client, f"/cases/{case.public_id}/consent/{consent.public_id}/withdraw",
                      date_parts("withdrawn_on", withdrawn_on))
    assert response.status_code == 400 and _shown(text(response), field, message)
    db.session.expire_all()
    assert db.session.get(Consent, consent.id).withdrawn_on == stored.get("withdrawn_on")
