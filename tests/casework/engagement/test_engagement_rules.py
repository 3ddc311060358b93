"""One set of rules per engagement record: each bad value gives the same message beside its field
on the form, from the operation, and (for contact attempts) beside its column in the import report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from markupsafe import escape

from casework.db import db
from casework.engagement import operations
from casework.engagement.models import Escalation
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from casework.operations import RecordRefused
from casework.timezone import LONDON
from tests.casework.engagement.conftest import day_month_year, submit, today
from tests.casework.imports.conftest import csv_bytes


def _beside(html: str, field: str, message: str) -> bool:
    """The error summary links the message to its field."""
    return f'<a href="#{field}">{escape(message)}</a>' in html


def _later_today() -> datetime | None:
    later = datetime.now(LONDON) + timedelta(minutes=2)  # a time later today, unless run at 23:58 or after
    return later if later.date() == today() else None


# --- contact attempts: form and import ------------------------------------------------------------

CONTACT_CASES = [
    ("a date in the future", {"contacted_on": today() + timedelta(days=1), "contacted_time": "10:00"},
     "contacted_on", "Date of the attempt must be today or in the past"),
    ("a date before the referral", {"contacted_on": date(2024, 4, 30), "contacted_time": "10:00"},
     "contacted_on", "The attempt cannot be before the referral was received (1 May 2024)"),
    ("a time later today", {"contacted_on": today(), "contacted_time": "later"},
     "contacted_time", "The time of the attempt must be now or in the past"),
]


@pytest.fixture
def vip(create_team, create_user, create_case):
    team = create_team(name="VIP Leicester", programme="VIP")
    manager = create_user("manager", teams=[team])
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker, provider_reference="C1")  # referral received 1 May 2024
    return manager, worker, case


@pytest.mark.parametrize(("bad", "field", "message"), [case[1:] for case in CONTACT_CASES],
                         ids=[case[0] for case in CONTACT_CASES])
def test_a_bad_contact_gives_one_message_on_the_form_and_in_the_import(signed_in, vip, bad, field, message):
    manager, worker, case = vip
    values = dict(bad)
    if values["contacted_time"] == "later":
        later = _later_today()
        if later is None:
            pytest.skip("no later time today")
        values["contacted_time"] = later.strftime("%H:%M")
    client, _ = signed_in(user=worker)
    response = submit(client, f"/cases/{case.public_id}/contacts/new",
                      {"method": "phone", "result": "no_answer", "contacted_on": day_month_year(values["contacted_on"]),
                       "contacted_time": values["contacted_time"]})
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field, message)

    row = {"provider_reference": "E1", "case_reference": "C1", "contacted_on": values["contacted_on"].isoformat(),
           "contacted_time": values["contacted_time"], "method": "phone", "result": "no_answer"}
    db.session.commit()
    result = import_file("engagement_contacts", "contacts.csv", csv_bytes(header_for("engagement_contacts"), [row]),
                         user=manager)
    assert [(p.column, p.reason) for p in result.problems] == [(field, message)]


# --- records without an importer: form and operation -----------------------------------------------

def _escalation(phoenix, raised_on):
    escalation = Escalation(case_id=phoenix.case.id, reason="risk_persists", raised_on=raised_on, outcome="ongoing")
    db.session.add(escalation)
    db.session.flush()
    return escalation


def _refused(call) -> list[tuple[str, str]]:
    with pytest.raises(RecordRefused) as refusal:
        call()
    return [(p.field, p.message) for p in refusal.value.problems]


TOMORROW = today() + timedelta(days=1)


def test_a_status_change_gives_one_message_on_the_form_and_from_the_operation(signed_in, phoenix):
    client, lead = signed_in(user=phoenix.lead)
    url = f"/cases/{phoenix.case.public_id}/engagement-status"
    assert submit(client, url, {"status": "engaged", "changed_on": day_month_year(today())}).status_code == 302
    db.session.refresh(phoenix.case)
    cases = [
        ({"status": "engaged", "changed_on": today()}, "status", "Select a status different from the current one"),
        ({"status": "refused", "changed_on": TOMORROW}, "changed_on", "Date of the change must be today or in the past"),
        ({"status": "refused", "changed_on": today() - timedelta(days=1)}, "changed_on",
         f"Date of the change must be on or after the last change ({today().day} {today():%B %Y})"),
    ]
    for values, field, message in cases:
        response = submit(client, url, {"status": values["status"], "changed_on": day_month_year(values["changed_on"])})
        assert response.status_code == 400 and _beside(response.get_data(as_text=True), field, message), message
        problems = _refused(lambda values=values: operations.change_engagement_status(
            phoenix.case, lead, submission_id="x", version=phoenix.case.version, **values))
        assert (field, message) in problems


def test_a_notification_gives_one_message_on_the_form_and_from_the_operation(signed_in, phoenix):
    client, lead = signed_in(user=phoenix.lead)
    url = f"/cases/{phoenix.case.public_id}/notification/new"
    born = phoenix.person.date_of_birth
    for notified_on, message in [(TOMORROW, "Date of the notification must be today or in the past"),
                                 (born - timedelta(days=1), "Date of the notification must be after the date of birth")]:
        response = submit(client, url, {"method": "call_in", "notified_on": day_month_year(notified_on),
                                        "attended": "yes"})
        assert response.status_code == 400 and _beside(response.get_data(as_text=True), "notified_on", message)
        assert _refused(lambda notified_on=notified_on: operations.record_notification(
            phoenix.case, lead, submission_id="x", method="call_in", notified_on=notified_on, attended=True,
        )) == [("notified_on", message)]


def test_an_escalation_gives_one_message_on_the_form_and_from_the_operation(signed_in, phoenix):
    client, lead = signed_in(user=phoenix.lead)
    message = "Date of the escalation must be today or in the past"
    response = submit(client, f"/cases/{phoenix.case.public_id}/escalations/new",
                      {"reason": "risk_persists", "raised_on": day_month_year(TOMORROW)})
    assert response.status_code == 400 and _beside(response.get_data(as_text=True), "raised_on", message)
    assert _refused(lambda: operations.raise_escalation(
        phoenix.case, lead, submission_id="x", reason="risk_persists", raised_on=TOMORROW)) == [("raised_on", message)]


def test_an_escalation_outcome_gives_one_message_on_the_form_and_from_the_operation(signed_in, phoenix):
    client, manager = signed_in("manager", teams=[phoenix.team])
    raised = today() - timedelta(days=3)
    escalation = _escalation(phoenix, raised)
    url = f"/escalations/{escalation.public_id}/outcome"
    cases = [
        (None, "Enter the date of the outcome"),
        (TOMORROW, "Date of the outcome must be today or in the past"),
        (raised - timedelta(days=1), f"Date of the outcome must be on or after the escalation "
                                     f"({raised.day} {raised:%B %Y})"),
    ]
    for outcome_on, message in cases:
        typed = day_month_year(outcome_on) if outcome_on else ["", "", ""]
        response = submit(client, url, {"outcome": "enforcement_taken", "outcome_on": typed})
        assert response.status_code == 400 and _beside(response.get_data(as_text=True), "outcome_on", message)
        assert _refused(lambda outcome_on=outcome_on: operations.record_escalation_outcome(
            escalation, phoenix.case, manager, version=escalation.version, outcome="enforcement_taken",
            outcome_on=outcome_on)) == [("outcome_on", message)]


def test_an_enforcement_event_gives_one_message_on_the_form_and_from_the_operation(
        signed_in, phoenix, create_case, create_person):
    client, manager = signed_in("manager", teams=[phoenix.team])
    message = "Date of the event must be today or in the past"
    response = submit(client, f"/cases/{phoenix.case.public_id}/enforcement/events/new",
                      {"kind": "other", "occurred_on": day_month_year(TOMORROW), "escalation": ""})
    assert response.status_code == 400 and _beside(response.get_data(as_text=True), "occurred_on", message)
    assert _refused(lambda: operations.record_enforcement_event(
        phoenix.case, manager, submission_id="x", kind="other", occurred_on=TOMORROW)) == [("occurred_on", message)]

    other = create_case(phoenix.team, person=create_person(given_name="Sam"))
    foreign = Escalation(case_id=other.id, reason="risk_persists", raised_on=today(), outcome="ongoing")
    db.session.add(foreign)
    db.session.flush()
    assert _refused(lambda: operations.record_enforcement_event(
        phoenix.case, manager, submission_id="x", kind="other", occurred_on=today(), escalation=foreign,
    )) == [("escalation_id", "Select one of this person's escalations, or none")]
