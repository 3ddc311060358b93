"""Writing plans and goals: one intervention plan and one closing plan per case, goals that can
work towards a theory-of-change outcome, and quick goal status changes."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from casework.audit import record_event
from casework.cases.facts import definition_for
from casework.cases.models import Case, Goal, Plan
from casework.db import db
from casework.operations import RecordRefused, check_version
from casework.plans.queries import goal_outcomes, plan_kinds
from casework.referrals.models import Referral
from casework.submissions import record_submission
from casework.timezone import london_today
from programmes.checks.plan import (
    EarlierPlan,
    GoalContext,
    GoalValues,
    PlanContext,
    PlanValues,
    check_goal,
    check_plan,
    duplicate_of,
)


class PlanRefused(RecordRefused):
    """Nothing was saved; ``problems`` are the check's (:class:`programmes.problems.Problem`).

    ``existing`` is the plan a refused second plan of the same kind should be edited instead.
    """

    def __init__(self, problems, existing: Plan | None = None):
        super().__init__(problems)
        self.existing = existing


def _plan_context(case: Case, *, adding: bool) -> tuple[PlanContext, list[Plan]]:
    """What the plan check needs to know about the case, and the case's plans oldest first."""
    plans = []
    if adding:
        plans = list(db.session.scalars(sa.select(Plan).where(Plan.case_id == case.id).order_by(Plan.id)))
    context = PlanContext(
        kinds=tuple(plan_kinds(definition_for(case))),
        today=london_today(),
        received_on=db.session.scalar(sa.select(Referral.received_on).where(Referral.id == case.referral_id)),
        others=tuple(EarlierPlan(plan.kind, plan.agreed_on) for plan in plans),
        adding=adding,
    )
    return context, plans


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

    Refuses (:class:`PlanRefused`) whatever :func:`programmes.checks.plan.check_plan` finds; a
    second plan of a kind is refused pointing to the existing one.
    """
    context, plans = _plan_context(case, adding=True)
    values = PlanValues(kind, agreed_on, review_on, summary)
    problems = check_plan(values, context)
    if problems:
        existing = None
        if duplicate_of(values, context) is not None:
            existing = next(plan for plan in plans if plan.kind == kind)
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
    """Change a plan's dates and summary; a stale version, or what the plan check finds, is refused."""
    check_version(plan, version)
    context, _ = _plan_context(case, adding=False)
    refuse_plan(check_plan(PlanValues(plan.kind, agreed_on, review_on, summary), context))
    values = {"agreed_on": agreed_on, "review_on": review_on, "summary": summary}
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    plan.agreed_on, plan.review_on, plan.summary = agreed_on, review_on, summary
    db.session.flush()
    record_event("plan.update", plan, case_id=str(case.public_id), kind=plan.kind, fields=changed)
    return plan


def refuse_plan(problems) -> None:
    """Raise :class:`PlanRefused` when the plan or goal check returned any problem."""
    if problems:
        raise PlanRefused(problems)


def _check_goal(case: Case, values: GoalValues) -> None:
    outcome_codes = frozenset(outcome.code for outcome in goal_outcomes(definition_for(case)))
    refuse_plan(check_goal(values, GoalContext(outcome_codes)))


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
    # A new goal needs its words: the check passes over a missing description (a status change
    # keeps it), and a post without the box must end as "Enter the goal", not a NOT NULL error.
    description = description or ""
    _check_goal(case, GoalValues(description, status, target_on, outcome_code))
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
    _check_goal(case, GoalValues(description, status, target_on, outcome_code))
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
    _check_goal(case, GoalValues(None, status))
    changed = ["status"] if goal.status != status else []
    goal.status = status
    db.session.flush()
    record_event("goal.update", goal, case_id=str(case.public_id), plan_id=str(plan.public_id), status=status,
                 fields=changed)
    return goal
