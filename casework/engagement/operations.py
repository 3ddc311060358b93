"""Writes for engagement: contact attempts, engagement status, the Phoenix notification,
escalation to enforcement, enforcement events and programme-level activities.

Each function changes models, flushes and records an audit event (codes and field names only,
never note text); none commits. The routes load records through casework.security's loaders, so
scope is settled before anything here runs; the checks here (codes, dates, who may record
enforcement) are the last line, so no caller can skip them. The rules of each record are its
check in programmes.checks.engagement; a refusal carries every problem (RecordRefused).
"""

from __future__ import annotations

from datetime import date, datetime

import programmes
from casework.audit import record_event
from casework.cases.models import Case
from casework.db import db
from casework.engagement.models import (
    EnforcementEvent,
    EngagementContact,
    EngagementStatusChange,
    Escalation,
    Notification,
    ProgrammeActivity,
)
from casework.engagement.queries import case_escalations, case_notification, last_status_change_on
from casework.operations import OperationError, check_version, refuse_problems
from casework.security import programmes_of, sees_enforcement, team_ids
from casework.submissions import record_submission
from casework.timezone import LONDON, london_date, london_today, now_in_london
from programmes import NoDefinitionInForce, definition_on
from programmes.checks import engagement as checks
from programmes.rules import age_on

#: Roles that may record enforcement events and escalation outcomes.
ENFORCEMENT_ROLES = ("enforcement_officer", "manager")
#: Age from which a Phoenix cohort member is usually invited to a call-in rather than visited at home.
ADULT_AGE = 18


def _require_past(day: date | None, what: str) -> None:
    if day is None:
        raise OperationError(f"Enter the {what}.")
    if day > london_today():
        raise OperationError(f"The {what} must be today or in the past.")


def has_capability(case: Case, capability: str) -> bool:
    """Whether the case's programme definition declares ``capability`` (notification, enforcement...)."""
    return bool(getattr(programmes.get_programme(case.programme).capabilities, capability))


def _require(case: Case, capability: str) -> None:
    if not has_capability(case, capability):
        name = programmes.get_programme(case.programme).short_name
        raise OperationError(f"{name} cases have no {capability} to record.")


def may_record_enforcement(user, case: Case) -> bool:
    """Enforcement events and escalation outcomes are recorded on Phoenix cases by enforcement
    officers and managers only (the caller has already checked the case is in the user's scope)."""
    return sees_enforcement(user) and user.role in ENFORCEMENT_ROLES and has_capability(case, "enforcement")


def _require_enforcement(user, case: Case) -> None:
    _require(case, "enforcement")
    if not may_record_enforcement(user, case):
        raise OperationError("Only enforcement officers and managers record enforcement.")


def _changed(record, values: dict) -> list[str]:
    """Set `values` on `record`; return the names of the fields whose value changed."""
    changed = []
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed.append(name)
    return sorted(changed)


# --- contact attempts -------------------------------------------------------------------------

def _contact_values(case: Case, method: str, result: str, contacted_at: datetime | None,
                    notes: str | None) -> dict:
    if contacted_at is not None and contacted_at.tzinfo is None:
        raise OperationError("Enter the date and time of the attempt.")
    local = contacted_at.astimezone(LONDON) if contacted_at is not None else None
    values = checks.ContactValues(method=method, result=result, contacted_on=local.date() if local else None,
                                  contacted_time=local.time() if local else None)
    context = checks.ContactContext(now=now_in_london(), received_on=case.referral.received_on)
    refuse_problems(checks.check_contact(values, context))
    return {"method": method, "result": result, "contacted_at": contacted_at,
            "contacted_on": london_date(contacted_at), "notes": notes or ""}


def record_contact(case: Case, user, *, submission_id: str, method: str, result: str,
                   contacted_at: datetime, notes: str | None = None) -> EngagementContact:
    """Record one attempt to contact the person on `case` (any programme), successful or not.

    `contacted_at` is timezone-aware; its Europe/London date becomes `contacted_on`. Posting the
    same form twice creates one contact (the submission token is recorded with it)."""
    contact = EngagementContact(case_id=case.id, recorded_by_id=user.id,
                                **_contact_values(case, method, result, contacted_at, notes))
    db.session.add(contact)
    db.session.flush()
    record_submission(submission_id, contact, user)
    record_event("engagement_contact.create", contact, case_id=str(case.public_id), method=method, result=result)
    return contact


def update_contact(contact: EngagementContact, case: Case, *, version, method: str, result: str,
                   contacted_at: datetime, notes: str | None = None) -> list[str]:
    """Correct a contact attempt opened at `version`; a newer version is refused (StaleRecord).
    Returns the names of the fields that changed (nothing is written when none did)."""
    check_version(contact, version)
    changed = _changed(contact, _contact_values(case, method, result, contacted_at, notes))
    if changed:
        db.session.flush()
        record_event("engagement_contact.update", contact, case_id=str(case.public_id), fields=changed)
    return changed


# --- engagement status ------------------------------------------------------------------------

def change_engagement_status(case: Case, user, *, submission_id: str, version, status: str,
                             changed_on: date) -> EngagementStatusChange:
    """Move the case's engagement status: append a dated change to the history and update
    `Case.engagement_status`.

    Refuses the status the case already has, a date in the future, and a date before the last
    change (the newest change is the current status). The case's version guards two people moving
    the status at once; the submission token makes a repeated post save once."""
    check_version(case, version)
    refuse_problems(checks.check_status_change(
        checks.StatusChangeValues(status=status, changed_on=changed_on),
        checks.StatusChangeContext(today=london_today(), current_status=case.engagement_status,
                                   last_changed_on=last_status_change_on(case))))
    previous = case.engagement_status
    change = EngagementStatusChange(case_id=case.id, status=status, changed_on=changed_on, recorded_by_id=user.id)
    db.session.add(change)
    case.engagement_status = status
    db.session.flush()
    record_submission(submission_id, case, user)
    record_event("engagement_status.change", case, status=status, previous=previous,
                 changed_on=changed_on.isoformat())
    return change


# --- Phoenix notification -----------------------------------------------------------------------

def expected_notification_method(date_of_birth: date | None, on: date) -> str | None:
    """The usual notification method for the person's age on `on`: a home visit with the family
    under 18, a call-in for young adults; None when the date of birth is unknown."""
    if date_of_birth is None or on < date_of_birth:
        return None
    return "home_visit_with_family" if age_on(date_of_birth, on) < ADULT_AGE else "call_in"


def notification_age_warning(date_of_birth: date | None, method: str, on: date) -> str | None:
    """A warning (never a refusal) when the notification method does not fit the person's age."""
    expected = expected_notification_method(date_of_birth, on)
    if expected is None or method == expected:
        return None
    age = age_on(date_of_birth, on)
    if expected == "home_visit_with_family":
        return (f"The person was {age} on {on.strftime('%-d %B %Y')}. Under-18s are usually notified "
                "by a home visit with the family.")
    return (f"The person was {age} on {on.strftime('%-d %B %Y')}. Young adults are usually invited "
            "to a call-in.")


def _notification_values(case: Case, method: str, notified_on: date, attended: bool,
                         notes: str | None) -> dict:
    refuse_problems(checks.check_notification(
        checks.NotificationValues(method=method, notified_on=notified_on),
        checks.NotificationContext(today=london_today(), date_of_birth=case.person.date_of_birth)))
    return {"method": method, "notified_on": notified_on, "attended": bool(attended), "notes": notes or ""}


def record_notification(case: Case, user, *, submission_id: str, method: str, notified_on: date,
                        attended: bool, notes: str | None = None) -> Notification:
    """Record the initial notification of a Phoenix cohort member (one per case). A method that
    does not fit the person's age is saved; the route shows `notification_age_warning`."""
    _require(case, "notification")
    if case_notification(case) is not None:
        raise OperationError("The notification is already recorded; change it instead.")
    notification = Notification(case_id=case.id, recorded_by_id=user.id,
                                **_notification_values(case, method, notified_on, attended, notes))
    db.session.add(notification)
    db.session.flush()
    record_submission(submission_id, notification, user)
    record_event("notification.create", notification, case_id=str(case.public_id), method=method,
                 attended=notification.attended,
                 fits_age=notification_age_warning(case.person.date_of_birth, method, notified_on) is None)
    return notification


def update_notification(notification: Notification, case: Case, *, version, method: str, notified_on: date,
                        attended: bool, notes: str | None = None) -> list[str]:
    """Correct the notification opened at `version`; returns the names of the changed fields."""
    _require(case, "notification")
    check_version(notification, version)
    changed = _changed(notification, _notification_values(case, method, notified_on, attended, notes))
    if changed:
        db.session.flush()
        record_event("notification.update", notification, case_id=str(case.public_id), fields=changed)
    return changed


# --- escalation to enforcement ----------------------------------------------------------------

def raise_escalation(case: Case, user, *, submission_id: str, reason: str, raised_on: date) -> Escalation:
    """Escalate a Phoenix participant's refusal or persisting risk to the enforcement component.
    The outcome starts as ongoing; an enforcement officer or manager records it later."""
    _require(case, "enforcement")
    refuse_problems(checks.check_escalation(checks.EscalationValues(reason=reason, raised_on=raised_on),
                                            checks.DatedContext(today=london_today())))
    escalation = Escalation(case_id=case.id, reason=reason, raised_on=raised_on, raised_by_id=user.id,
                            outcome="ongoing")
    db.session.add(escalation)
    db.session.flush()
    record_submission(submission_id, escalation, user)
    record_event("escalation.create", escalation, case_id=str(case.public_id), reason=reason,
                 engagement_status=case.engagement_status)
    return escalation


def record_escalation_outcome(escalation: Escalation, case: Case, user, *, version, outcome: str,
                              outcome_on: date | None) -> list[str]:
    """Record what followed an escalation (enforcement officers and managers). An ongoing outcome
    has no date; a decided one needs a date on or after the escalation."""
    _require_enforcement(user, case)
    check_version(escalation, version)
    refuse_problems(checks.check_escalation_outcome(
        checks.EscalationOutcomeValues(outcome=outcome, outcome_on=outcome_on),
        checks.EscalationOutcomeContext(today=london_today(), raised_on=escalation.raised_on)))
    if outcome == "ongoing":
        outcome_on = None
    changed = _changed(escalation, {"outcome": outcome, "outcome_on": outcome_on})
    if changed:
        db.session.flush()
        record_event("escalation.outcome", escalation, case_id=str(case.public_id), escalation_outcome=outcome)
    return changed


# --- enforcement events (PHX-C8) ----------------------------------------------------------------

def _event_values(case: Case, kind: str, occurred_on: date, summary: str | None,
                  escalation: Escalation | None) -> dict:
    refuse_problems(checks.check_enforcement_event(
        checks.EnforcementEventValues(kind=kind, occurred_on=occurred_on,
                                      escalation_id=escalation.id if escalation is not None else None),
        checks.EnforcementEventContext(today=london_today(),
                                       escalation_ids=frozenset(e.id for e in case_escalations(case)))))
    return {"kind": kind, "occurred_on": occurred_on, "summary": summary or "",
            "escalation_id": escalation.id if escalation is not None else None}


def record_enforcement_event(case: Case, user, *, submission_id: str, kind: str, occurred_on: date,
                             summary: str | None = None, escalation: Escalation | None = None) -> EnforcementEvent:
    """Record an enforcement or disruption event on a case of a programme with enforcement
    (enforcement officers and managers only), optionally linked to one of the case's escalations."""
    _require_enforcement(user, case)
    event = EnforcementEvent(case_id=case.id, recorded_by_id=user.id,
                             **_event_values(case, kind, occurred_on, summary, escalation))
    db.session.add(event)
    db.session.flush()
    record_submission(submission_id, event, user)
    record_event("enforcement_event.create", event, case_id=str(case.public_id), kind=kind,
                 linked_to_escalation=escalation is not None)
    return event


def update_enforcement_event(event: EnforcementEvent, case: Case, user, *, version, kind: str, occurred_on: date,
                             summary: str | None = None, escalation: Escalation | None = None) -> list[str]:
    """Correct an enforcement event opened at `version`; returns the names of the changed fields."""
    _require_enforcement(user, case)
    check_version(event, version)
    changed = _changed(event, _event_values(case, kind, occurred_on, summary, escalation))
    if changed:
        db.session.flush()
        record_event("enforcement_event.update", event, case_id=str(case.public_id), fields=changed)
    return changed


# --- programme activities -----------------------------------------------------------------------

def record_programme_activity(user, *, submission_id: str, team, kind: str, occurred_on: date,
                              description: str | None = None, attendees: int | None = None) -> ProgrammeActivity:
    """Record a programme-level activity (a manager, for one of their own teams). The outcome codes
    it evidences come from the kind, in the programme definition in force on the day."""
    if user.role != "manager" or team is None or team.id not in team_ids(user) or \
            team.programme not in programmes_of(user):
        raise OperationError("Select one of your own teams.")
    _require_past(occurred_on, "date of the activity")
    try:
        definition = definition_on(team.programme, occurred_on)
    except NoDefinitionInForce:
        raise OperationError("The programme had no definition in force on that date.") from None
    activity_kind = next((k for k in definition.programme_activity_kinds if k.code == kind), None)
    if activity_kind is None:
        raise OperationError(f"Select a kind of activity that {definition.programme_short_name} records.")
    if attendees is not None and attendees < 0:
        raise OperationError("The number of attendees cannot be negative.")
    activity = ProgrammeActivity(programme=team.programme, team_id=team.id, kind=kind, occurred_on=occurred_on,
                                 description=description or "", outcome_codes=list(activity_kind.outcome_codes),
                                 attendees=attendees, recorded_by_id=user.id)
    db.session.add(activity)
    db.session.flush()
    record_submission(submission_id, activity, user)
    record_event("programme_activity.create", activity, programme=team.programme, kind=kind,
                 outcome_codes=list(activity_kind.outcome_codes))
    return activity
