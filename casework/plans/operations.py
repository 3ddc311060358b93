"""Writing plans and goals: one intervention plan and one closing plan per case, goals that can
work towards a theory-of-change outcome, and quick goal status changes."""

from __future__ import annotations

from datetime import date
from typing import Mapping

import sqlalchemy as sa

from casework.audit import record_event
from casework.cases.facts import definition_for
from casework.cases.models import Case, Goal, Plan
from casework.db import db
from casework.operations import OperationError, check_version
from casework.plans.queries import goal_outcomes, plan_kinds
from casework.referrals.models import Referral
from casework.submissions import record_submission
from casework.timezone import london_today
from programmes.text import long_date
from programmes.vocabulary import GOAL_STATUSES, PLAN_KINDS, is_code, label_for


class PlanRefused(OperationError):
    """Nothing was saved; ``problems`` maps a form field to what is wrong with it.

    ``existing`` is the plan a refused second plan of the same kind should be edited instead.
    """

    def __init__(self, problems: Mapping[str, str], existing: Plan | None = None):
        super().__init__(" ".join(problems.values()))
        self.problems = dict(problems)
        self.existing = existing


def with_article(words: str) -> str:
    """"an exit plan", "a transition plan"."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def _check_dates(case: Case, agreed_on: date | None, review_on: date | None, problems: dict) -> None:
    if agreed_on is None:
        problems["agreed_on"] = "Enter the date the plan was agreed"
        return
    received_on = db.session.scalar(sa.select(Referral.received_on).where(Referral.id == case.referral_id))
    if agreed_on > london_today():
        problems["agreed_on"] = "The date agreed cannot be in the future"
    elif received_on is not None and agreed_on < received_on:
        problems["agreed_on"] = (
            f"The date agreed cannot be before the referral was received ({long_date(received_on)})"
        )
    if review_on is not None and review_on < agreed_on:
        problems["review_on"] = "The review date must be on or after the date the plan was agreed"


def create_plan(
    case: Case,
    user,
    *,
    kind: str,
    agreed_on: date | None,
    review_on: date | None,
    summary: str,
    submission_id: str | None,
) -> Plan:
    """Add the intervention plan or the programme's closing plan to a case.

    A case has one plan of each kind: a second is refused (:class:`PlanRefused`, pointing to the
    existing one). The agreed date may not be in the future or before the referral was received,
    and the review date may not be before the agreed date.
    """
    definition = definition_for(case)
    problems: dict[str, str] = {}
    existing = None
    if kind not in plan_kinds(definition):
        problems["kind"] = "Select one of the plans this programme uses"
    else:
        existing = db.session.scalars(
            sa.select(Plan).where(Plan.case_id == case.id, Plan.kind == kind).order_by(Plan.id)
        ).first()
        if existing is not None:
            problems["kind"] = (
                f"This case already has {with_article(label_for(PLAN_KINDS, kind).lower())}, agreed on "
                f"{long_date(existing.agreed_on)}. Edit that plan instead of adding another."
            )
    _check_dates(case, agreed_on, review_on, problems)
    if problems:
        raise PlanRefused(problems, existing)
    plan = Plan(case_id=case.id, kind=kind, agreed_on=agreed_on, review_on=review_on, summary=summary,
                recorded_by_id=user.id)
    db.session.add(plan)
    db.session.flush()
    record_submission(submission_id, plan, user)
    record_event("plan.create", plan, case_id=str(case.public_id), kind=kind)
    return plan


def update_plan(
    plan: Plan,
    case: Case,
    user,
    *,
    version,
    agreed_on: date | None,
    review_on: date | None,
    summary: str,
) -> Plan:
    """Change a plan's dates and summary; a stale version is refused and nothing is saved."""
    check_version(plan, version)
    problems: dict[str, str] = {}
    _check_dates(case, agreed_on, review_on, problems)
    if problems:
        raise PlanRefused(problems)
    values = {"agreed_on": agreed_on, "review_on": review_on, "summary": summary}
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    plan.agreed_on, plan.review_on, plan.summary = agreed_on, review_on, summary
    db.session.flush()
    record_event("plan.update", plan, case_id=str(case.public_id), kind=plan.kind, fields=changed)
    return plan


def _check_goal(case: Case, status: str, outcome_code: str | None) -> None:
    problems: dict[str, str] = {}
    if not is_code(GOAL_STATUSES, status):
        problems["status"] = "Select not started, in progress, achieved or no longer relevant"
    if outcome_code and outcome_code not in {o.code for o in goal_outcomes(definition_for(case))}:
        problems["outcome_code"] = "Select one of the programme's outcomes, or not linked"
    if problems:
        raise PlanRefused(problems)


def add_goal(
    plan: Plan,
    case: Case,
    user,
    *,
    description: str,
    status: str,
    target_on: date | None,
    outcome_code: str | None,
    submission_id: str | None,
) -> Goal:
    """Add a goal to a plan, optionally linked to one of the programme's outcomes for the young person."""
    _check_goal(case, status, outcome_code)
    goal = Goal(plan_id=plan.id, description=description, status=status, target_on=target_on,
                outcome_code=outcome_code or None)
    db.session.add(goal)
    db.session.flush()
    record_submission(submission_id, goal, user)
    record_event("goal.create", goal, case_id=str(case.public_id), plan_id=str(plan.public_id), status=status,
                 outcome_code=goal.outcome_code)
    return goal


def update_goal(
    goal: Goal,
    plan: Plan,
    case: Case,
    user,
    *,
    version,
    description: str,
    status: str,
    target_on: date | None,
    outcome_code: str | None,
) -> Goal:
    """Change a goal; a stale version is refused and nothing is saved."""
    check_version(goal, version)
    _check_goal(case, status, outcome_code)
    values = {"description": description, "status": status, "target_on": target_on,
              "outcome_code": outcome_code or None}
    changed = [name for name, value in values.items() if getattr(goal, name) != value]
    for name, value in values.items():
        setattr(goal, name, value)
    db.session.flush()
    record_event("goal.update", goal, case_id=str(case.public_id), plan_id=str(plan.public_id),
                 status=goal.status, fields=changed)
    return goal


def change_goal_status(goal: Goal, plan: Plan, case: Case, user, *, version, status: str) -> Goal:
    """The quick status change: set a goal's status; a stale version is refused and nothing is saved."""
    check_version(goal, version)
    _check_goal(case, status, None)
    changed = ["status"] if goal.status != status else []
    goal.status = status
    db.session.flush()
    record_event("goal.update", goal, case_id=str(case.public_id), plan_id=str(plan.public_id), status=status,
                 fields=changed)
    return goal
