"""The rules of a referral and of the triage decision on it.

A referral typed in and a referral imported from a provider's file are checked here alike:
when it was received, who made it, the setting, first contact, and the programme's own intake
facts (:func:`programmes.intake.check_intake`). The triage decision (accept, decline) is
checked by :func:`check_triage`, for the triage page and for imported decisions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .. import vocabulary
from ..intake import check_intake
from ..model import DefinitionVersion
from ..problems import Problem

__all__ = [
    "MIN_OVERRIDE_REASON",
    "ReferralValues",
    "TriageContext",
    "TriageValues",
    "check_referral",
    "check_triage",
]

#: A written reason for accepting an ineligible referral must say something a reader can act on.
MIN_OVERRIDE_REASON = 10


@dataclass(frozen=True, slots=True)
class ReferralValues:
    """A referral as given: aware datetimes, codes, and the programme's intake facts by code."""

    received_at: datetime
    source: str | None
    setting: str | None = None
    first_contact_at: datetime | None = None
    intake: Mapping[str, Any] = field(default_factory=dict)


def check_referral(definition: DefinitionVersion, values: ReferralValues, now: datetime) -> list[Problem]:
    """Every problem with a referral under ``definition`` (the version in force on the received
    date): received not in the future, a source and (where the programme has settings) a setting
    of the definition, first contact after the referral and not in the future, and the intake."""
    problems = []
    if values.received_at > now:
        problems.append(Problem("received_at", "The date and time received must not be in the future"))
    intake = definition.intake
    sources = vocabulary.codes(definition.referral_sources)
    if not values.source:
        problems.append(Problem("source", intake.source_blank))
    elif values.source not in sources:
        problems.append(Problem("source", f"{intake.source_blank}: one of {', '.join(sources)}"))
    if definition.settings:
        settings = vocabulary.codes(definition.settings)
        if not values.setting:
            problems.append(Problem("setting", intake.setting_missing))
        elif values.setting not in settings:
            problems.append(Problem("setting", f"{intake.setting_missing}: one of {', '.join(settings)}"))
    elif values.setting:
        problems.append(Problem("setting", f"{definition.programme_short_name} referrals have no setting: "
                                           "leave it blank"))
    contact = values.first_contact_at
    if contact is not None:
        if contact > now:
            problems.append(Problem("first_contact_at", "The time of first contact must not be in the future"))
        elif contact < values.received_at:
            problems.append(Problem("first_contact_at",
                                    "The time of first contact must be after the referral was received"))
    setting = values.setting if definition.settings else None
    problems.extend(check_intake(intake, values.intake, setting))
    return problems


@dataclass(frozen=True, slots=True)
class TriageValues:
    """A triage decision as given: ``accept`` or ``decline``, with its reason or override."""

    decision: str
    decline_reason: str | None = None
    override_reason: str | None = None
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class TriageContext:
    """What the triage rules need to know: the eligibility outcome and its first unmet reason,
    whether the person already has an open case on the programme, and the received date."""

    programme_name: str
    person_name: str
    eligible: bool
    unmet_reason: str
    has_open_case: bool
    received_on: date
    today: date


def check_triage(values: TriageValues, context: TriageContext) -> list[Problem]:
    """Every problem with a triage decision: a decline needs a listed reason; an accept is
    refused while the person has an open case on the programme, and an ineligible referral
    needs a written reason of at least :data:`MIN_OVERRIDE_REASON` characters; the decision is
    dated between the referral and today."""
    problems = []
    if values.decision not in ("accept", "decline"):
        return [Problem("decision", "Select accept, decline or keep pending")]
    if values.decision == "decline":
        if not vocabulary.is_code(vocabulary.DECLINE_REASONS, values.decline_reason):
            problems.append(Problem("decline_reason", "Select the reason for declining"))
    else:
        if context.has_open_case:
            problems.append(Problem(
                "decision",
                f"{context.person_name} already has an open {context.programme_name} case, so this referral "
                "cannot be accepted. Decline it with the reason “Already has an open case”",
            ))
        elif not context.eligible and len((values.override_reason or "").strip()) < MIN_OVERRIDE_REASON:
            problems.append(Problem(
                "override_reason",
                f"This referral is not eligible: {context.unmet_reason} To accept it anyway, write why "
                f"(at least {MIN_OVERRIDE_REASON} characters)",
            ))
    if values.decided_on is not None:
        if values.decided_on < context.received_on:
            problems.append(Problem("decided_on", "The decision cannot be before the referral was received"))
        elif values.decided_on > context.today:
            problems.append(Problem("decided_on", "The date of the decision must not be in the future"))
    return problems
