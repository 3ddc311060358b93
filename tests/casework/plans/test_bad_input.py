"""No input of any kind gives an error page on the plan and goal forms."""

from __future__ import annotations

from casework.cases.models import Goal, Plan
from tests.casework.assessments.helpers import hidden_fields, rows_of
from tests.casework.assessments.test_bad_input import _assert_never_an_error_page
from tests.casework.plans.test_plans import GOAL, PLAN, make_goal, make_plan


def test_plan_forms_never_fail(world, signed_in):
    client, _ = signed_in(user=world.worker)
    url = f"/cases/{world.case.public_id}/plans/new"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), "kind": "intervention", **PLAN}
    data.pop("submission_id")
    _assert_never_an_error_page(client, url, data)
    plan = make_plan(world.case, "sustainability")
    url = f"/plans/{plan.public_id}/edit"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), **PLAN}
    _assert_never_an_error_page(client, url, data)
    for saved in rows_of(Plan, case_id=world.case.id):
        assert "\x00" not in saved.summary


def test_goal_forms_never_fail(world, signed_in):
    client, _ = signed_in(user=world.worker)
    plan = make_plan(world.case)
    url = f"/plans/{plan.public_id}/goals/new"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), **GOAL}
    data.pop("submission_id")
    _assert_never_an_error_page(client, url, data)
    goal = make_goal(plan)
    url = f"/goals/{goal.public_id}/edit"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), **GOAL}
    _assert_never_an_error_page(client, url, data)
    prefix = f"goal-{goal.public_id.hex}"
    page = client.get(f"/plans/{plan.public_id}").get_data(as_text=True)
    data = {**hidden_fields(page), f"{prefix}-status": "achieved"}
    _assert_never_an_error_page(client, f"/goals/{goal.public_id}/status", data)
    for saved in rows_of(Goal, plan_id=plan.id):
        assert "\x00" not in saved.description
