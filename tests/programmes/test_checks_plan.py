"""The plan and goal checks: every problem, in the form's words."""

from __future__ import annotations

from datetime import date

from programmes.checks.plan import (
    EarlierPlan,
    GoalContext,
    GoalValues,
    PlanContext,
    PlanValues,
    check_goal,
    check_plan,
)
from programmes.problems import Problem

CONTEXT = PlanContext(kinds=("intervention", "exit"), today=date(2024, 9, 1), received_on=date(2024, 5, 1))


def test_a_good_plan_has_no_problem():
    assert check_plan(PlanValues("intervention", date(2024, 6, 1), None, "Weekly sessions"), CONTEXT) == []


def test_every_problem_of_a_plan_is_returned():
    assert check_plan(PlanValues("holiday", None, date(2024, 6, 1), "  "), CONTEXT) == [
        Problem("kind", "Select one of the plans this programme uses"),
        Problem("agreed_on", "Enter the date the plan was agreed"),
        Problem("summary", "Enter a summary of the plan"),
    ]
    assert check_plan(PlanValues("exit", date(2024, 9, 2), date(2024, 9, 1), "x" * 5001), CONTEXT) == [
        Problem("agreed_on", "The date agreed cannot be in the future"),
        Problem("review_on", "The review date must be on or after the date the plan was agreed"),
        Problem("summary", "The summary must be 5000 characters or fewer"),
    ]


def test_one_plan_of_each_kind_but_a_plan_being_changed_keeps_its_kind():
    others = (EarlierPlan("exit", date(2024, 6, 1)),)
    values = PlanValues("exit", date(2024, 7, 1), None, "Moving on")
    adding = PlanContext(CONTEXT.kinds, CONTEXT.today, CONTEXT.received_on, others)
    assert check_plan(values, adding) == [Problem(
        "kind", "This case already has an exit plan, agreed on 1 June 2024. Edit that plan instead of adding another.")]
    changing = PlanContext((), CONTEXT.today, CONTEXT.received_on, adding=False)
    assert check_plan(values, changing) == []


def test_goals():
    context = GoalContext(frozenset({"VIP-M5"}))
    assert check_goal(GoalValues("Go to college", "achieved", None, "VIP-M5"), context) == []
    assert check_goal(GoalValues("", "done", None, "RCH-S1"), context) == [
        Problem("description", "Enter the goal"),
        Problem("status", "Select not started, in progress, achieved or no longer relevant"),
        Problem("outcome_code", "Select one of the programme's outcomes, or not linked"),
    ]
    # A quick status change checks the status only.
    assert check_goal(GoalValues(None, "in_progress"), context) == []
