"""The same bad plan or goal gives the same words on the form and from the operation, because
both run programmes.checks.plan (plans and goals have no import file)."""

from __future__ import annotations

from datetime import date

import pytest

from casework.cases.models import Goal, Plan
from casework.plans.operations import PlanRefused, add_goal, create_plan
from tests.casework.assessments.helpers import post_page, rows_of
from tests.casework.assessments.test_assessment_rules import _beside
from tests.casework.plans.test_plans import GOAL, PLAN, make_plan

_PLAN = {"kind": "intervention", "agreed_on": date(2024, 6, 10), "review_on": date(2024, 8, 10),
         "summary": PLAN["summary"]}

#: (form data, operation arguments, field, message)
PLAN_CASES = [
    ({"agreed_on": ["1", "1", "2099"]}, {"agreed_on": date(2099, 1, 1)}, "agreed_on",
     "The date agreed cannot be in the future"),
    ({"agreed_on": ["1", "4", "2024"]}, {"agreed_on": date(2024, 4, 1)}, "agreed_on",
     "The date agreed cannot be before the referral was received (1 May 2024)"),
    ({"review_on": ["1", "6", "2024"]}, {"review_on": date(2024, 6, 1)}, "review_on",
     "The review date must be on or after the date the plan was agreed"),
    ({"summary": " "}, {"summary": ""}, "summary", "Enter a summary of the plan"),
    ({"summary": "x" * 5001}, {"summary": "x" * 5001}, "summary", "The summary must be 5000 characters or fewer"),
    ({"kind": "holiday"}, {"kind": "holiday"}, "kind", "Select one of the plans this programme uses"),
]


@pytest.mark.parametrize("data,arguments,field,message", PLAN_CASES)
def test_a_bad_plan_gives_the_same_message_on_the_form_and_from_the_operation(world, signed_in, data, arguments,
                                                                               field, message):
    client, _ = signed_in(user=world.worker)
    url = f"/cases/{world.case.public_id}/plans/new"
    response = post_page(client, url, {"kind": "intervention", **PLAN, **data}, page_url=f"{url}?kind=intervention")
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field) == message
    with pytest.raises(PlanRefused) as refused:
        create_plan(world.case, world.worker, **{**_PLAN, **arguments}, submission_id=None)
    assert [p.message for p in refused.value.problems if p.field == field] == [message]
    assert rows_of(Plan, case_id=world.case.id) == []


GOAL_CASES = [
    ({"description": ""}, {"description": ""}, "description", "Enter the goal"),
    ({"description": "x" * 1001}, {"description": "x" * 1001}, "description",
     "The goal must be 1000 characters or fewer"),
    ({"status": "finished"}, {"status": "finished"}, "status",
     "Select not started, in progress, achieved or no longer relevant"),
    ({"outcome_code": "RCH-S1"}, {"outcome_code": "RCH-S1"}, "outcome_code",
     "Select one of the programme's outcomes, or not linked"),
]


@pytest.mark.parametrize("data,arguments,field,message", GOAL_CASES)
def test_a_bad_goal_gives_the_same_message_on_the_form_and_from_the_operation(world, signed_in, data, arguments,
                                                                               field, message):
    client, _ = signed_in(user=world.worker)
    plan = make_plan(world.case)
    response = post_page(client, f"/plans/{plan.public_id}/goals/new", {**GOAL, **data})
    assert response.status_code == 400
    assert _beside(response.get_data(as_text=True), field) == message
    values = {"description": GOAL["description"], "status": "not_started", "target_on": None,
              "outcome_code": "VIP-M5", **arguments}
    with pytest.raises(PlanRefused) as refused:
        add_goal(plan, world.case, world.worker, **values, submission_id=None)
    assert [p.message for p in refused.value.problems if p.field == field] == [message]
    assert rows_of(Goal, plan_id=plan.id) == []


def test_a_second_plan_of_a_kind_points_to_the_first(world):
    first = make_plan(world.case)
    with pytest.raises(PlanRefused) as refused:
        create_plan(world.case, world.worker, **_PLAN, submission_id=None)
    assert refused.value.existing == first
    assert refused.value.problems[0].message == (
        "This case already has an intervention plan, agreed on 10 June 2024. Edit that plan instead of adding another.")
