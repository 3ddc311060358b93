"""The rules of engagement records: contact attempts, engagement status changes, the Phoenix
notification, escalations to enforcement (and their outcomes) and enforcement events.

Each ``check_<kind>`` returns every problem with the values it is given, so a form shows them all
at once and an import report lists them all; nothing here reads the clock or the database (the
caller passes today, or now, and what it knows about the case). Whether a programme records a
notification or enforcement at all is the definition's capability, checked by the caller before
any of these rules apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from ..problems import Problem
from ..text import LONDON, long_date
from ..vocabulary import (
    CONTACT_METHODS,
    CONTACT_RESULTS,
    ENFORCEMENT_EVENT_KINDS,
    ENGAGEMENT_STATUSES,
    ESCALATION_OUTCOMES,
    ESCALATION_REASONS,
    NOTIFICATION_METHODS,
    Coded,
    is_code,
)

__all__ = [
    "ContactContext", "ContactValues", "DatedContext", "EnforcementEventContext", "EnforcementEventValues",
    "EscalationOutcomeContext", "EscalationOutcomeValues", "EscalationValues", "NotificationContext",
    "NotificationValues", "StatusChangeContext", "StatusChangeValues", "check_contact",
    "check_enforcement_event", "check_escalation", "check_escalation_outcome", "check_notification",
    "check_status_change",
]

#: What to say when a coded answer is missing or not one of the list, by kind and field. The
#: forms use the same words for their radios, so a value is refused in one set of words.
SELECT_MESSAGES = {
    "contact": {"method": "Select how you tried to make contact", "result": "Select what happened"},
    "status_change": {"status": "Select the new engagement status"},
    "notification": {"method": "Select how the person was notified"},
    "escalation": {"reason": "Select why you are escalating"},
    "escalation_outcome": {"outcome": "Select the outcome of the escalation"},
    "enforcement_event": {"kind": "Select the kind of event",
                          "escalation_id": "Select one of this person's escalations, or none"},
}


def _codes(problems: list[Problem], kind: str,
           answers: dict[str, tuple[Iterable[Coded], str | None]]) -> None:
    """Add a problem for each answer (vocabulary, code) whose code is not one of the vocabulary."""
    for field, (vocabulary, code) in answers.items():
        if not is_code(vocabulary, code):
            problems.append(Problem(field, SELECT_MESSAGES[kind][field]))


def _past(problems: list[Problem], field: str, day: date | None, today: date, what: str) -> bool:
    """Add a problem when `day` is missing or after `today`; True when the day is usable."""
    if day is None:
        problems.append(Problem(field, f"Enter the {what.lower()}"))
        return False
    if day > today:
        problems.append(Problem(field, f"{what} must be today or in the past"))
        return False
    return True


@dataclass(frozen=True, slots=True)
class DatedContext:
    """What a record that needs only a past date must know: today in Europe/London."""

    today: date


# --- contact attempts -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ContactValues:
    """One attempt to contact the person on a case. ``contacted_time`` is Europe/London wall-clock
    time; None when a file leaves it blank (the attempt is then taken as made at midnight)."""

    method: str | None
    result: str | None
    contacted_on: date | None
    contacted_time: time | None = None


@dataclass(frozen=True, slots=True)
class ContactContext:
    """``now`` is timezone-aware; ``received_on`` is the day the case's referral arrived (None
    when unknown)."""

    now: datetime
    received_on: date | None = None


def check_contact(values: ContactValues, context: ContactContext) -> list[Problem]:
    """Every problem with a contact attempt: a method and result from the lists, a date (and time)
    not in the future and not before the referral was received."""
    problems: list[Problem] = []
    _codes(problems, "contact", {"method": (CONTACT_METHODS, values.method),
                                 "result": (CONTACT_RESULTS, values.result)})
    now = context.now.astimezone(LONDON)
    if not _past(problems, "contacted_on", values.contacted_on, now.date(), "Date of the attempt"):
        return problems
    assert values.contacted_on is not None
    if values.contacted_time is not None:
        moment = datetime.combine(values.contacted_on, values.contacted_time, tzinfo=LONDON)
        # A time is typed to the minute: the minute now is still "now".
        if moment > now.replace(second=59, microsecond=999999):
            problems.append(Problem("contacted_time", "The time of the attempt must be now or in the past"))
    if context.received_on is not None and values.contacted_on < context.received_on:
        problems.append(Problem("contacted_on", "The attempt cannot be before the referral was received "
                                                f"({long_date(context.received_on)})"))
    return problems


# --- engagement status ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class StatusChangeValues:
    """A move of the case's engagement status to ``status`` on ``changed_on``."""

    status: str | None
    changed_on: date | None


@dataclass(frozen=True, slots=True)
class StatusChangeContext:
    """The case's status now and the date of its newest change (None before the first)."""

    today: date
    current_status: str | None
    last_changed_on: date | None = None


def check_status_change(values: StatusChangeValues, context: StatusChangeContext) -> list[Problem]:
    """Every problem with a status change: a status from the list other than the current one, on
    a day not in the future and not before the last change (the newest change is the status)."""
    problems: list[Problem] = []
    _codes(problems, "status_change", {"status": (ENGAGEMENT_STATUSES, values.status)})
    if values.status is not None and values.status == context.current_status:
        problems.append(Problem("status", "Select a status different from the current one"))
    if _past(problems, "changed_on", values.changed_on, context.today, "Date of the change"):
        assert values.changed_on is not None
        last = context.last_changed_on
        if last is not None and values.changed_on < last:
            problems.append(Problem("changed_on", "Date of the change must be on or after the last change "
                                                  f"({long_date(last)})"))
    return problems


# --- Phoenix notification -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NotificationValues:
    """The initial notification (or call-in) of a cohort member."""

    method: str | None
    notified_on: date | None


@dataclass(frozen=True, slots=True)
class NotificationContext:
    """The person's date of birth (None when unknown)."""

    today: date
    date_of_birth: date | None = None


def check_notification(values: NotificationValues, context: NotificationContext) -> list[Problem]:
    """Every problem with a notification: a method from the list, on a day not in the future and
    not before the person was born. A method that does not fit the person's age is allowed (the
    page warns instead)."""
    problems: list[Problem] = []
    _codes(problems, "notification", {"method": (NOTIFICATION_METHODS, values.method)})
    if _past(problems, "notified_on", values.notified_on, context.today, "Date of the notification"):
        assert values.notified_on is not None
        if context.date_of_birth is not None and values.notified_on < context.date_of_birth:
            problems.append(Problem("notified_on",
                                    "Date of the notification must be after the date of birth"))
    return problems


# --- escalation to enforcement ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EscalationValues:
    """An escalation of a participant's refusal or persisting risk to enforcement."""

    reason: str | None
    raised_on: date | None


def check_escalation(values: EscalationValues, context: DatedContext) -> list[Problem]:
    """Every problem with an escalation: a reason from the list, on a day not in the future."""
    problems: list[Problem] = []
    _codes(problems, "escalation", {"reason": (ESCALATION_REASONS, values.reason)})
    _past(problems, "raised_on", values.raised_on, context.today, "Date of the escalation")
    return problems


@dataclass(frozen=True, slots=True)
class EscalationOutcomeValues:
    """What followed an escalation; ``outcome_on`` is ignored while the outcome is ongoing."""

    outcome: str | None
    outcome_on: date | None


@dataclass(frozen=True, slots=True)
class EscalationOutcomeContext:
    """The day the escalation was raised."""

    today: date
    raised_on: date


def check_escalation_outcome(values: EscalationOutcomeValues,
                             context: EscalationOutcomeContext) -> list[Problem]:
    """Every problem with an escalation's outcome: an outcome from the list; a decided one needs a
    date not in the future and on or after the escalation, an ongoing one has no date."""
    problems: list[Problem] = []
    _codes(problems, "escalation_outcome", {"outcome": (ESCALATION_OUTCOMES, values.outcome)})
    if values.outcome in (None, "ongoing") or problems:
        return problems
    if _past(problems, "outcome_on", values.outcome_on, context.today, "Date of the outcome"):
        assert values.outcome_on is not None
        if values.outcome_on < context.raised_on:
            problems.append(Problem("outcome_on", "Date of the outcome must be on or after the escalation "
                                                  f"({long_date(context.raised_on)})"))
    return problems


# --- enforcement events -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EnforcementEventValues:
    """An enforcement or disruption event; ``escalation_id`` is the escalation it follows, or None."""

    kind: str | None
    occurred_on: date | None
    escalation_id: int | None = None


@dataclass(frozen=True, slots=True)
class EnforcementEventContext:
    """The ids of the case's own escalations (an event may follow only one of those)."""

    today: date
    escalation_ids: frozenset[int] = frozenset()


def check_enforcement_event(values: EnforcementEventValues,
                            context: EnforcementEventContext) -> list[Problem]:
    """Every problem with an enforcement event: a kind from the list, on a day not in the future,
    following one of the case's own escalations or none."""
    problems: list[Problem] = []
    _codes(problems, "enforcement_event", {"kind": (ENFORCEMENT_EVENT_KINDS, values.kind)})
    _past(problems, "occurred_on", values.occurred_on, context.today, "Date of the event")
    if values.escalation_id is not None and values.escalation_id not in context.escalation_ids:
        problems.append(Problem("escalation_id", SELECT_MESSAGES["enforcement_event"]["escalation_id"]))
    return problems
