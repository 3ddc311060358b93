"""The closure record's own rules: closing a case (reason, date, a manager's override) and
reopening it.

Whether a planned completion is allowed is the programme's closure rule
(:func:`programmes.rules.closure_check` and :func:`programmes.rules.closure_allowed`); this
check calls it, so the closing page and the closures import give the rule's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import DefinitionVersion
from ..problems import Problem
from ..rules import closure_allowed
from ..rules.closure import ClosureCheck
from ..text import long_date

__all__ = [
    "MIN_REASON_LENGTH",
    "ClosureContext",
    "ClosureValues",
    "ReopeningContext",
    "ReopeningValues",
    "check_closure",
    "check_reopening",
    "override_to_store",
]

#: A written override or reopening reason must say something a reader can act on.
MIN_REASON_LENGTH = 10


@dataclass(frozen=True, slots=True)
class ClosureValues:
    """What a worker or a file gives to close a case."""

    reason: str
    closed_on: date
    override_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ClosureContext:
    """What the closure rules need to know about the case, as plain values.

    ``definition`` is the definition version in force on the closing date; ``closure_check``
    the programme's planned-completion check on that date; ``started_on`` the case's start
    date, or the date its referral was received for a case that never started.
    """

    definition: DefinitionVersion
    closure_check: ClosureCheck
    today: date
    case_status: str
    started_on: date | None
    closed_on: date | None
    is_manager: bool


def _override(values: ClosureValues) -> str | None:
    return (values.override_reason or "").strip() or None


def _is_planned_completion(values: ClosureValues, context: ClosureContext) -> bool:
    return any(r.code == values.reason and r.planned_completion for r in context.definition.closure_reasons)


def override_to_store(values: ClosureValues, context: ClosureContext) -> str | None:
    """The manager's override reason as it is kept with the closure: only a planned completion
    that the closure check does not allow has anything to override."""
    if context.closure_check.ok or not _is_planned_completion(values, context):
        return None
    return _override(values)


def check_closure(values: ClosureValues, context: ClosureContext) -> list[Problem]:
    """Every problem with closing a case with ``values``; none means it may close.

    A closed case cannot close again; the date must not be in the future nor before the case
    started; only a manager writes an override, of at least :data:`MIN_REASON_LENGTH`
    characters; a case that never started cannot complete. Then the programme's closure rule
    decides the reason (a planned completion the check does not allow needs an override).
    """
    if context.case_status == "closed":
        on = f" on {long_date(context.closed_on)}" if context.closed_on else ""
        return [Problem("", f"This case is already closed{on}")]
    problems: list[Problem] = []
    if values.closed_on > context.today:
        problems.append(Problem("closed_on", "The closure date cannot be in the future"))
    elif context.started_on and values.closed_on < context.started_on:
        problems.append(Problem(
            "closed_on", f"The closure date cannot be before the case started on {long_date(context.started_on)}"))
    override = _override(values)
    if override and not context.is_manager:
        problems.append(Problem("override_reason", "Only a manager can override the closure check"))
    elif override and len(override) < MIN_REASON_LENGTH:
        problems.append(Problem("override_reason",
                                f"Write at least {MIN_REASON_LENGTH} characters to explain the override"))
    if context.case_status == "awaiting_consent" and _is_planned_completion(values, context):
        problems.append(Problem("reason", "A case that never started cannot close as a planned completion"))
    if problems:
        # The closure rule on a refused date, or with an override that cannot stand, would only
        # repeat the problem in other words.
        return problems
    decision = closure_allowed(context.definition, context.closure_check, values.reason,
                               override_to_store(values, context))
    if not decision.allowed:
        field = "override_reason" if _is_planned_completion(values, context) else "reason"
        problems.append(Problem(field, " ".join(decision.reasons).rstrip(".")))
    return problems


@dataclass(frozen=True, slots=True)
class ReopeningValues:
    """Why a manager reopens a closed case."""

    reason: str


@dataclass(frozen=True, slots=True)
class ReopeningContext:
    """The case's status and whether the person reopening it is a manager."""

    case_status: str
    is_manager: bool


def check_reopening(values: ReopeningValues, context: ReopeningContext) -> list[Problem]:
    """Every problem with reopening a case: only a manager reopens, only a closed case, and
    with a written reason of at least :data:`MIN_REASON_LENGTH` characters."""
    problems: list[Problem] = []
    if context.case_status != "closed":
        problems.append(Problem("", "Only a closed case can be reopened"))
    if not context.is_manager:
        problems.append(Problem("", "Only a manager can reopen a case"))
    reason = (values.reason or "").strip()
    if not reason:
        problems.append(Problem("reason", "Enter why the case is being reopened"))
    elif len(reason) < MIN_REASON_LENGTH:
        problems.append(Problem(
            "reason", f"Write at least {MIN_REASON_LENGTH} characters to explain why the case is reopened"))
    return problems
