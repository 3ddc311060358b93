"""The engagement checks return every problem with a record, in the words the forms show."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from programmes.checks.engagement import (
    ContactContext,
    ContactValues,
    DatedContext,
    EnforcementEventContext,
    EnforcementEventValues,
    EscalationOutcomeContext,
    EscalationOutcomeValues,
    EscalationValues,
    NotificationContext,
    NotificationValues,
    StatusChangeContext,
    StatusChangeValues,
    check_contact,
    check_enforcement_event,
    check_escalation,
    check_escalation_outcome,
    check_notification,
    check_status_change,
)
from programmes.problems import Problem
from programmes.text import LONDON

TODAY = date(2025, 6, 10)
NOW = datetime(2025, 6, 10, 14, 30, 20, tzinfo=LONDON)
CONTACT = ContactContext(now=NOW, received_on=date(2025, 5, 1))


def _contact(**values) -> list[Problem]:
    given = {"method": "phone", "result": "no_answer", "contacted_on": TODAY, "contacted_time": time(9, 0), **values}
    return check_contact(ContactValues(**given), CONTACT)


def test_a_good_contact_has_no_problems():
    assert _contact() == []
    assert _contact(contacted_time=time(14, 30)) == []  # the minute now is still now
    assert _contact(contacted_time=None, contacted_on=date(2025, 5, 1)) == []


def test_every_problem_with_a_contact_is_returned():
    assert _contact(method="pigeon", result=None, contacted_on=date(2025, 6, 11)) == [
        Problem("method", "Select how you tried to make contact"),
        Problem("result", "Select what happened"),
        Problem("contacted_on", "Date of the attempt must be today or in the past"),
    ]
    assert _contact(contacted_on=None) == [Problem("contacted_on", "Enter the date of the attempt")]
    assert _contact(contacted_time=time(14, 31)) == [
        Problem("contacted_time", "The time of the attempt must be now or in the past")]
    assert _contact(contacted_on=date(2025, 4, 30)) == [
        Problem("contacted_on", "The attempt cannot be before the referral was received (1 May 2025)")]


def test_a_contact_is_judged_by_the_day_in_london():
    just_after_midnight = datetime(2025, 6, 9, 23, 20, tzinfo=timezone.utc)  # 00:20 on 10 June in London
    assert check_contact(ContactValues("phone", "met", date(2025, 6, 10), time(0, 10)),
                         ContactContext(now=just_after_midnight)) == []


def test_a_status_change_is_checked_against_the_current_status_and_the_last_change():
    context = StatusChangeContext(today=TODAY, current_status="engaged", last_changed_on=date(2025, 6, 1))
    assert check_status_change(StatusChangeValues("refused", date(2025, 6, 1)), context) == []
    assert check_status_change(StatusChangeValues("engaged", date(2025, 5, 31)), context) == [
        Problem("status", "Select a status different from the current one"),
        Problem("changed_on", "Date of the change must be on or after the last change (1 June 2025)"),
    ]
    assert check_status_change(StatusChangeValues("sulking", date(2025, 6, 11)), context) == [
        Problem("status", "Select the new engagement status"),
        Problem("changed_on", "Date of the change must be today or in the past"),
    ]


def test_a_notification_is_not_before_birth_nor_in_the_future():
    context = NotificationContext(today=TODAY, date_of_birth=date(2007, 3, 1))
    assert check_notification(NotificationValues("call_in", TODAY), context) == []
    assert check_notification(NotificationValues("call_in", date(2007, 2, 28)), context) == [
        Problem("notified_on", "Date of the notification must be after the date of birth")]
    assert check_notification(NotificationValues(None, None), context) == [
        Problem("method", "Select how the person was notified"),
        Problem("notified_on", "Enter the date of the notification"),
    ]


def test_an_escalation_and_its_outcome():
    assert check_escalation(EscalationValues("risk_persists", TODAY), DatedContext(TODAY)) == []
    assert check_escalation(EscalationValues("bored", date(2025, 6, 11)), DatedContext(TODAY)) == [
        Problem("reason", "Select why you are escalating"),
        Problem("raised_on", "Date of the escalation must be today or in the past"),
    ]
    context = EscalationOutcomeContext(today=TODAY, raised_on=date(2025, 6, 2))
    assert check_escalation_outcome(EscalationOutcomeValues("ongoing", date(2025, 1, 1)), context) == []
    assert check_escalation_outcome(EscalationOutcomeValues("re_engaged", None), context) == [
        Problem("outcome_on", "Enter the date of the outcome")]
    assert check_escalation_outcome(EscalationOutcomeValues("re_engaged", date(2025, 6, 1)), context) == [
        Problem("outcome_on", "Date of the outcome must be on or after the escalation (2 June 2025)")]
    assert check_escalation_outcome(EscalationOutcomeValues("maybe", None), context) == [
        Problem("outcome", "Select the outcome of the escalation")]


def test_an_enforcement_event_follows_one_of_the_case_escalations_or_none():
    context = EnforcementEventContext(today=TODAY, escalation_ids=frozenset({7}))
    assert check_enforcement_event(EnforcementEventValues("other", TODAY, 7), context) == []
    assert check_enforcement_event(EnforcementEventValues("other", TODAY), context) == []
    assert check_enforcement_event(EnforcementEventValues("raid", date(2025, 6, 11), 8), context) == [
        Problem("kind", "Select the kind of event"),
        Problem("occurred_on", "Date of the event must be today or in the past"),
        Problem("escalation_id", "Select one of this person's escalations, or none"),
    ]
