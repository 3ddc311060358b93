"""The rules of a plan (the intervention plan or the programme's closing plan) and of its goals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..problems import Problem
from ..text import long_date
from ..vocabulary import GOAL_STATUSES, PLAN_KINDS, is_code, label_for

__all__ = [
    "GOAL_MAX",
    "SUMMARY_MAX",
    "EarlierPlan",
    "GoalContext",
    "GoalValues",
    "PlanContext",
    "PlanValues",
    "check_goal",
    "check_plan",
    "duplicate_of",
    "with_article",
]

#: The longest plan summary and goal, in characters.
SUMMARY_MAX = 5000
GOAL_MAX = 1000


@dataclass(frozen=True, slots=True)
class PlanValues:
    """What was given: the kind's code, the day it was agreed, the review date and the summary."""

    kind: str
    agreed_on: date | None
    review_on: date | None
    summary: str | None


@dataclass(frozen=True, slots=True)
class EarlierPlan:
    """A plan the case already has."""

    kind: str
    agreed_on: date


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the plan rules need to know about the case.

    ``kinds`` are the plans the programme definition uses; ``others`` the case's plans, oldest
    first. ``adding`` is False when a plan is changed: its kind is then as it was, unchecked.
    """

    kinds: tuple[str, ...]
    today: date
    received_on: date | None
    others: tuple[EarlierPlan, ...] = ()
    adding: bool = True


def with_article(words: str) -> str:
    """"an exit plan", "a transition plan"."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def duplicate_of(values: PlanValues, context: PlanContext) -> EarlierPlan | None:
    """The case's first plan of the same kind, which a plan being added would repeat."""
    if not context.adding:
        return None
    return next((plan for plan in context.others if plan.kind == values.kind), None)


def _text_problem(text: str | None, longest: int, missing: str, what: str) -> str | None:
    if not (text or "").strip():
        return missing
    if len(text or "") > longest:
        return f"The {what} must be {longest} characters or fewer"
    return None


def check_plan(values: PlanValues, context: PlanContext) -> list[Problem]:
    """Every problem with adding or changing this plan.

    A case has one plan of each kind the programme uses; the agreed date is given, not in the
    future and not before the referral was received; the review date is not before the agreed
    date; the summary says something and is not too long.
    """
    problems: list[Problem] = []
    if context.adding:
        earlier = duplicate_of(values, context)
        if values.kind not in context.kinds:
            problems.append(Problem("kind", "Select one of the plans this programme uses"))
        elif earlier is not None:
            problems.append(Problem("kind", (
                f"This case already has {with_article(label_for(PLAN_KINDS, values.kind).lower())}, agreed on "
                f"{long_date(earlier.agreed_on)}. Edit that plan instead of adding another.")))
    agreed_on = values.agreed_on
    if agreed_on is None:
        problems.append(Problem("agreed_on", "Enter the date the plan was agreed"))
    else:
        if agreed_on > context.today:
            problems.append(Problem("agreed_on", "The date agreed cannot be in the future"))
        elif context.received_on is not None and agreed_on < context.received_on:
            problems.append(Problem("agreed_on", (
                f"The date agreed cannot be before the referral was received ({long_date(context.received_on)})")))
        if values.review_on is not None and values.review_on < agreed_on:
            problems.append(Problem("review_on", "The review date must be on or after the date the plan was agreed"))
    message = _text_problem(values.summary, SUMMARY_MAX, "Enter a summary of the plan", "summary")
    if message:
        problems.append(Problem("summary", message))
    return problems


@dataclass(frozen=True, slots=True)
class GoalValues:
    """What was given for a goal; a ``description`` of None leaves it as it is (a status change)."""

    description: str | None
    status: str
    target_on: date | None = None
    outcome_code: str | None = None


@dataclass(frozen=True, slots=True)
class GoalContext:
    """The codes of the programme's outcomes a goal may work towards."""

    outcome_codes: frozenset[str]


def check_goal(values: GoalValues, context: GoalContext) -> list[Problem]:
    """Every problem with a goal: what it is, its status, and the outcome it works towards."""
    problems: list[Problem] = []
    if values.description is not None:
        message = _text_problem(values.description, GOAL_MAX, "Enter the goal", "goal")
        if message:
            problems.append(Problem("description", message))
    if not is_code(GOAL_STATUSES, values.status):
        problems.append(Problem("status", "Select not started, in progress, achieved or no longer relevant"))
    if values.outcome_code and values.outcome_code not in context.outcome_codes:
        problems.append(Problem("outcome_code", "Select one of the programme's outcomes, or not linked"))
    return problems
