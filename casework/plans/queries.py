"""Reads for plan pages: which plans a case can have, its plans with their goals, the outcomes
a goal can work towards, and the scoped loader for a goal (reached through its plan's case)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from casework.cases.models import Case, Goal, Plan
from casework.db import db
from casework.security import can_edit_case, case_scope, deny, load_scoped
from programmes.model import CHILDREN_AND_YOUNG_ADULTS, DefinitionVersion, Outcome

INTERVENTION = "intervention"


def closing_plan_kind(definition: DefinitionVersion) -> str | None:
    """The plan the programme needs before a planned completion (VIP sustainability, Reach exit,
    Phoenix transition), or None if it needs none."""
    requirement = definition.closure_rule.plan
    return requirement.plan_kind if requirement else None


def plan_kinds(definition: DefinitionVersion) -> list[str]:
    """The kinds of plan a case of this programme can have: the intervention plan, then the closing plan."""
    closing = closing_plan_kind(definition)
    return [INTERVENTION] + ([closing] if closing and closing != INTERVENTION else [])


def case_plans(case: Case) -> list[Plan]:
    """The case's plans with their goals, oldest first (two queries)."""
    return list(db.session.scalars(
        sa.select(Plan).where(Plan.case_id == case.id).options(selectinload(Plan.goals)).order_by(Plan.id)
    ))


def goal_outcomes(definition: DefinitionVersion) -> tuple[Outcome, ...]:
    """The theory-of-change outcomes for the young person that a goal can work towards."""
    return tuple(outcome for outcome in definition.outcomes
                 if outcome.stakeholder_group == CHILDREN_AND_YOUNG_ADULTS)


def load_goal(goal_id: str, *, edit: bool = False) -> tuple[Goal, Plan, Case]:
    """Load a goal by public id within the case scope (404 outside it, logged); ``edit`` also
    needs the right to edit its case (403, logged). Returns (goal, plan, case)."""
    in_scope = Goal.plan_id.in_(
        sa.select(Plan.id).where(Plan.case_id.in_(sa.select(Case.id).where(case_scope(current_user))))
    )
    goal = load_scoped(Goal, goal_id, in_scope, options=[joinedload(Goal.plan)])
    case = db.session.get(Case, goal.plan.case_id, options=[joinedload(Case.person)])
    if edit and not can_edit_case(current_user, case):
        deny("goals", str(goal.public_id))
        abort(403)
    return goal, goal.plan, case
