"""The case page's timeline: every record of a case as one dated list, newest first."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from casework.labels import label as label_for
from casework.timezone import london_date
from programmes import vocabulary


@dataclass(frozen=True)
class Entry:
    on: date
    title: str
    by: str | None = None
    lines: tuple[str, ...] = field(default_factory=tuple)
    #: Sort key within a day: a time when known.
    at: datetime | None = None


def build_timeline(case, records: dict, definition) -> list[Entry]:
    """Entries for the referral, consent, allocation, sessions, assessments, plans, contacts,
    status changes, notifications, escalations, enforcement (if loaded), onward referrals,
    school events and closures of `case`."""
    names = records["names"]
    entries: list[Entry] = []
    referral = records["referral"]
    if referral is not None:
        entries.append(Entry(referral.received_on, "Referral received", None,
                             (f"Source: {label_for(definition.referral_sources, referral.source)}",), referral.received_at))
        if referral.decided_at and referral.status != "pending":
            entries.append(Entry(london_date(referral.decided_at), f"Referral {referral.status}", None, (), referral.decided_at))
        if referral.first_contact_at:
            entries.append(Entry(london_date(referral.first_contact_at), "First contact made", None, (),
                                 referral.first_contact_at))
    for consent in records["consents"]:
        who = "Young person" if consent.given_by == "young_person" else "Parent or carer"
        entries.append(Entry(consent.given_on, f"Consent given: {who.lower()}", None, (f"{consent.method.capitalize()} consent",)))
        if consent.withdrawn_on:
            entries.append(Entry(consent.withdrawn_on, f"Consent withdrawn: {who.lower()}"))
    for allocation in records["allocations"]:
        role = "Lead worker" if allocation.role == "lead_worker" else "Navigator"
        entries.append(Entry(london_date(allocation.started_at), f"{role}: {allocation.user.name}", None, (),
                             allocation.started_at))
    for session in records["sessions"]:
        attendance = label_for(vocabulary.ATTENDANCE, session.attendance)
        lines = [f"{attendance}, {session.duration_minutes} minutes, {label_for(vocabulary.SESSION_MODES, session.mode).lower()}"]
        codes = records["session_components"].get(session.id, ())
        if codes:
            lines.append("Covered: " + "; ".join(_component(definition, code) for code in codes))
        if session.behaviour_concern:
            lines.append("Behaviour concern recorded")
        entries.append(Entry(session.held_on, "Session", names.get(session.recorded_by_id), tuple(lines)))
    for assessment in records["assessments"]:
        timepoint = label_for(vocabulary.ASSESSMENT_TIMEPOINTS, assessment.timepoint)
        score = f"Score {float(assessment.score):g}" if assessment.score is not None else ""
        entries.append(Entry(assessment.completed_on, f"Assessment: {assessment.instrument}, {timepoint.lower()}",
                             names.get(assessment.recorded_by_id), (score,) if score else ()))
    for plan in records["plans"]:
        entries.append(Entry(plan.agreed_on, f"{label_for(vocabulary.PLAN_KINDS, plan.kind)} agreed", None,
                             (f"{len(plan.goals)} goals",) if plan.goals else ()))
    for contact in records["contacts"]:
        entries.append(Entry(contact.contacted_on, "Contact attempt", names.get(contact.recorded_by_id),
                             (f"{label_for(vocabulary.CONTACT_METHODS, contact.method)}: "
                              f"{label_for(vocabulary.CONTACT_RESULTS, contact.result).lower()}",), contact.contacted_at))
    for change in records["status_changes"]:
        entries.append(Entry(change.changed_on, f"Engagement: {label_for(vocabulary.ENGAGEMENT_STATUSES, change.status).lower()}"))
    for notification in records["notifications"]:
        entries.append(Entry(notification.notified_on,
                             f"Notification: {label_for(vocabulary.NOTIFICATION_METHODS, notification.method).lower()}",
                             None, ("Attended" if notification.attended else "Not attended",)))
    for escalation in records["escalations"]:
        entries.append(Entry(escalation.raised_on, "Escalated to enforcement", None,
                             (label_for(vocabulary.ESCALATION_REASONS, escalation.reason),
                              f"Outcome: {label_for(vocabulary.ESCALATION_OUTCOMES, escalation.outcome).lower()}")))
    for event in records["enforcement_events"]:
        entries.append(Entry(event.occurred_on, f"Enforcement: {label_for(vocabulary.ENFORCEMENT_EVENT_KINDS, event.kind).lower()}"))
    for onward in records["onward_referrals"]:
        entries.append(Entry(onward.referred_on, "Onward referral",
                             None, (f"{label_for(vocabulary.ONWARD_REFERRAL_SERVICE_TYPES, onward.service_type)}"
                                    + (f" – {onward.agency}" if onward.agency else ""),)))
    for event in records["school_events"]:
        entries.append(Entry(event.occurred_on, f"School: {event.kind.replace('_', ' ')}", None,
                             (f"{event.days} days",) if event.days else ()))
    for closure in records["closures"]:
        lines = [label_for(definition.closure_reasons, closure.reason)]
        if closure.override_reason:
            lines.append("Closed by manager override")
        entries.append(Entry(closure.closed_on, "Case closed", names.get(closure.closed_by_id), tuple(lines)))
        if closure.reopened_at:
            entries.append(Entry(london_date(closure.reopened_at), "Case reopened", names.get(closure.reopened_by_id),
                                 (), closure.reopened_at))
    entries.sort(key=lambda e: (e.on, e.at.timestamp() if e.at else 0), reverse=True)
    return entries


def _component(definition, code: str) -> str:
    try:
        return f"{code} {definition.component(code).name}"
    except (KeyError, LookupError):
        return code
