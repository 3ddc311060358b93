"""What is due or overdue on a case, and the deadlines behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..facts import CaseFacts
from ..model import DefinitionVersion
from ..text import london_date, long_date, plural, time_and_date
from .closure import closure_check, weeks_counted_from
from .mapping import completed_assessments, instrument_names


@dataclass(frozen=True, slots=True)
class Action:
    """Something due on a case, for caseload pages.

    ``urgency`` runs from 1 (for information) to 5 (most urgent); lists are sorted most urgent
    first, then by due date. ``due_at`` is set when the time of day matters (first contact, triage).
    """

    code: str
    label: str
    due_on: date
    overdue: bool
    urgency: int
    detail: str = ""
    due_at: datetime | None = None


def first_contact_deadline(definition: DefinitionVersion, received_at: datetime) -> datetime:
    """Return when first contact is due: the referral time plus the programme's first-contact hours."""
    return received_at + timedelta(hours=definition.planned_dosage.first_contact_within_hours)


def triage_deadline(definition: DefinitionVersion, received_at: datetime) -> datetime | None:
    """Return when a referral must be triaged (Reach: within 24 hours).

    ``None`` when the programme sets no triage limit.
    """
    hours = definition.planned_dosage.triage_within_hours
    if hours is None:
        return None
    return received_at + timedelta(hours=hours)


def _past(deadline: datetime, now: datetime | None, today: date) -> bool:
    if now is not None and (now.tzinfo is None) == (deadline.tzinfo is None):
        return now > deadline
    return today > london_date(deadline)


def triage_due(
    definition: DefinitionVersion, received_at: datetime, now: datetime, today: date | None = None
) -> Action | None:
    """Return the triage action for a referral awaiting a decision.

    ``None`` when the programme sets no triage limit.
    """
    deadline = triage_deadline(definition, received_at)
    if deadline is None:
        return None
    overdue = _past(deadline, now, today or london_date(now))
    hours = definition.planned_dosage.triage_within_hours
    label = (
        f"Triage overdue: it was due by {time_and_date(deadline)}"
        if overdue
        else f"Triage referral by {time_and_date(deadline)}"
    )
    return Action(
        "triage_due",
        label,
        london_date(deadline),
        overdue,
        5 if overdue else 4,
        f"{definition.programme_short_name} referrals are triaged within {hours} hours of being received.",
        deadline,
    )


def planned_end_on(definition: DefinitionVersion, facts: CaseFacts, today: date) -> date:
    """Return the planned end of a case: its start point plus the planned length.

    The start point is the programme's (case start, first attended session, support start),
    falling back to the case start when that is not recorded yet. The length is the planned
    maximum, or the minimum where the programme sets no maximum (Phoenix).
    """
    dosage = definition.planned_dosage
    anchor, _ = weeks_counted_from(dosage.counted_from, facts, today)
    anchor = anchor or facts.started_on
    weeks = dosage.max_weeks if dosage.max_weeks is not None else dosage.min_weeks
    return anchor + timedelta(weeks=weeks)


def due_actions(
    definition: DefinitionVersion, facts: CaseFacts, today: date, now: datetime | None = None
) -> tuple[Action, ...]:
    """List what is due or overdue on an open case, most urgent first.

    - ``first_contact_due``: no first contact recorded; due within the programme's first-contact
      hours of the referral (VIP 48 hours, Reach 5 days, Phoenix 14 days).
    - ``pre_assessment_due``: no pre assessment; due within 14 days of the case start.
    - ``no_session``: no attended session for the alert period (14 days), counted from the last
      attended session or, if none, the case start.
    - ``past_planned_length``: the case has run longer than the planned maximum.
    - ``post_assessment_due``: no post assessment, and either every other closure condition is
      met or the planned end is within 14 days (overdue once the planned end has passed).
    - ``ready_to_close``: the closure check for a planned completion passes.

    A closed case has no actions. Pass ``now`` to judge hour-based deadlines to the minute;
    without it they are judged by date.
    """
    if facts.closed_on is not None and facts.closed_on <= today:
        return ()
    dosage = definition.planned_dosage
    plan = definition.assessment_plan
    name = definition.programme_short_name
    actions: list[Action] = []

    if facts.first_contact_at is None and facts.referral_received_at is not None:
        deadline = first_contact_deadline(definition, facts.referral_received_at)
        overdue = _past(deadline, now, today)
        label = (
            f"First contact overdue: it was due by {time_and_date(deadline)}"
            if overdue
            else f"First contact due by {time_and_date(deadline)}"
        )
        actions.append(
            Action(
                "first_contact_due",
                label,
                london_date(deadline),
                overdue,
                5 if overdue else 4,
                dosage.first_contact_note,
                deadline,
            )
        )

    if not completed_assessments(facts, definition, "pre", today):
        due = facts.started_on + timedelta(days=plan.pre_within_days)
        overdue = today > due
        label = (
            f"Pre assessment overdue: it was due by {long_date(due)}"
            if overdue
            else f"Pre assessment due by {long_date(due)}"
        )
        actions.append(
            Action(
                "pre_assessment_due",
                label,
                due,
                overdue,
                3 if overdue else 2,
                f"Complete the {instrument_names(definition)} within {plan.pre_within_days} days of the"
                " start.",
            )
        )

    if facts.started_on <= today:
        last = facts.last_attended_session_on(today)
        reference = last or facts.started_on
        days = (today - reference).days
        if days >= dosage.no_session_alert_days:
            detail = (
                f"The last attended session was on {long_date(last)}."
                if last
                else f"No session has been attended since the case started on {long_date(facts.started_on)}."
            )
            actions.append(
                Action(
                    "no_session",
                    f"No session for {days} days",
                    reference + timedelta(days=dosage.no_session_alert_days),
                    True,
                    4,
                    detail + f" {name} expects contact about every {dosage.contact_every_days} days.",
                )
            )

    anchor, _ = weeks_counted_from(dosage.counted_from, facts, today)
    anchor = anchor or facts.started_on
    if dosage.max_weeks is not None:
        end = anchor + timedelta(weeks=dosage.max_weeks)
        if today > end:
            weeks = (today - anchor).days // 7
            actions.append(
                Action(
                    "past_planned_length",
                    f"Past the planned length: {plural(weeks, 'week')} on {name} (planned {dosage.min_weeks}"
                    f" to {dosage.max_weeks} weeks)",
                    end,
                    True,
                    3,
                    dosage.description,
                )
            )

    check = closure_check(definition, facts, today)
    if not completed_assessments(facts, definition, "post", today):
        otherwise_met = all(c.met for c in check.conditions if c.code != "post_assessment")
        planned_end = planned_end_on(definition, facts, today)
        near_end = today >= planned_end - timedelta(days=plan.post_prompt_days_before_end)
        if otherwise_met or near_end:
            overdue = today > planned_end
            if overdue:
                label = f"Post assessment overdue: the planned end was {long_date(planned_end)}"
            elif otherwise_met:
                label = "Post assessment due: every other closure condition is met"
            else:
                label = f"Post assessment due by the planned end on {long_date(planned_end)}"
            actions.append(
                Action(
                    "post_assessment_due",
                    label,
                    today if otherwise_met and not overdue else planned_end,
                    overdue,
                    3 if overdue else 2,
                    f"Complete the {instrument_names(definition)} with the young person before closing.",
                )
            )

    if check.ok:
        actions.append(
            Action(
                "ready_to_close",
                "Ready to close as a planned completion",
                today,
                False,
                1,
                "Every planned completion condition is met.",
            )
        )

    return tuple(sorted(actions, key=lambda action: (-action.urgency, action.due_on, action.code)))
