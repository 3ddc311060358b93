"""Plans and goals through the pages: the intervention plan and the programme's closing plan,
goals linked to outcomes, quick status changes, stale saves, and who may do what."""

from __future__ import annotations

from datetime import date

import pytest

from casework.cases.models import Goal, Plan
from casework.db import db
from casework.submissions import SubmittedForm
from tests.casework.assessments.helpers import hidden_fields, post_page, rows_of, text_of
from tests.conftest import audit_events

PLAN = {"agreed_on": ["10", "6", "2024"], "review_on": ["10", "8", "2024"],
        "summary": "Weekly sessions on staying safe; look at college courses."}
GOAL = {"description": "Find a college course he likes", "status": "not_started",
        "target_on": ["1", "9", "2024"], "outcome_code": "VIP-M5"}


def add_plan(client, case, kind="intervention", **overrides):
    url = f"/cases/{case.public_id}/plans/new"
    return post_page(client, url, {"kind": kind, **PLAN, **overrides}, page_url=f"{url}?kind={kind}")


def make_plan(case, kind="intervention"):
    plan = Plan(case_id=case.id, kind=kind, agreed_on=date(2024, 6, 10), summary="Agreed plan.")
    db.session.add(plan)
    db.session.flush()
    return plan


def make_goal(plan, status="not_started"):
    goal = Goal(plan_id=plan.id, description="Go to boxing club", status=status)
    db.session.add(goal)
    db.session.flush()
    return goal


def test_a_worker_adds_a_plan_and_goals_and_updates_a_goal_status(world, signed_in):
    client, _ = signed_in(user=world.worker)
    overview = text_of(client.get(f"/cases/{world.case.public_id}/plans").get_data(as_text=True))
    assert "No intervention plan yet" in overview and "No sustainability plan yet" in overview

    response = add_plan(client, world.case)
    assert response.status_code == 302, text_of(response.get_data(as_text=True))[:600]
    (plan,) = rows_of(Plan, case_id=world.case.id)
    assert (plan.kind, plan.agreed_on, plan.review_on, plan.recorded_by_id) == (
        "intervention", date(2024, 6, 10), date(2024, 8, 10), world.worker.id)
    assert plan.summary == PLAN["summary"]
    assert response.headers["Location"].endswith(f"/plans/{plan.public_id}")

    goal_url = f"/plans/{plan.public_id}/goals/new"
    page = client.get(goal_url).get_data(as_text=True)
    assert 'value="VIP-M5"' in page and 'value="RCH-S1"' not in page
    assert post_page(client, goal_url, GOAL).status_code == 302
    (goal,) = rows_of(Goal, plan_id=plan.id)
    assert (goal.description, goal.status, goal.target_on, goal.outcome_code) == (
        GOAL["description"], "not_started", date(2024, 9, 1), "VIP-M5")

    plan_page = client.get(f"/plans/{plan.public_id}").get_data(as_text=True)
    assert "VIP-M5" in plan_page and GOAL["description"] in plan_page
    prefix = f"goal-{goal.public_id.hex}"
    status = client.post(f"/goals/{goal.public_id}/status", data={
        **hidden_fields(plan_page), f"{prefix}-version": str(goal.version), f"{prefix}-status": "achieved"})
    assert status.status_code == 302
    assert rows_of(Goal, id=goal.id)[0].status == "achieved"
    after = text_of(client.get(status.headers["Location"]).get_data(as_text=True))
    assert "Goal status changed to achieved." in after

    assert [e.details["kind"] for e in audit_events("plan.create")] == ["intervention"]
    assert [(e.record_id, e.details["outcome_code"]) for e in audit_events("goal.create")] == [
        (str(goal.public_id), "VIP-M5")]
    (update,) = audit_events("goal.update")
    assert (update.details["status"], update.details["fields"]) == ("achieved", ["status"])
    for event in audit_events():
        assert GOAL["description"] not in str(event.details) and PLAN["summary"] not in str(event.details)


@pytest.mark.parametrize("programme,kind,label", [
    ("VIP", "sustainability", "Sustainability plan"),
    ("REACH", "exit", "Exit plan"),
    ("PHOENIX", "transition", "Transition plan"),
])
def test_each_programme_offers_its_own_closing_plan(create_team, create_user, create_case, signed_in,
                                                    programme, kind, label):
    team = create_team(programme=programme)
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    client, _ = signed_in(user=worker)
    page = client.get(f"/cases/{case.public_id}/plans/new").get_data(as_text=True)
    assert f'value="{kind}"' in page and label in page
    assert add_plan(client, case, kind).status_code == 302
    assert [p.kind for p in rows_of(Plan, case_id=case.id)] == [kind]
    others = {"sustainability", "exit", "transition"} - {kind}
    for other in others:
        refused = add_plan(client, case, other)
        assert refused.status_code == 400
        assert "Select one of the plans this programme uses" in text_of(refused.get_data(as_text=True))
    assert len(rows_of(Plan, case_id=case.id)) == 1


def test_a_second_intervention_plan_is_refused(world, signed_in):
    client, _ = signed_in(user=world.worker)
    first = make_plan(world.case)
    refused = add_plan(client, world.case, "intervention")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert ("This case already has an intervention plan, agreed on 10 June 2024. "
            "Edit that plan instead of adding another.") in text_of(page)
    assert f"/plans/{first.public_id}/edit" in page
    assert len(rows_of(Plan, case_id=world.case.id)) == 1


def test_posting_a_plan_or_goal_twice_creates_one(world, signed_in):
    client, _ = signed_in(user=world.worker)
    url = f"/cases/{world.case.public_id}/plans/new"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), "kind": "intervention", **PLAN}
    first, second = client.post(url, data=data), client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    (plan,) = rows_of(Plan, case_id=world.case.id)

    goal_url = f"/plans/{plan.public_id}/goals/new"
    data = {**hidden_fields(client.get(goal_url).get_data(as_text=True)), **GOAL}
    assert client.post(goal_url, data=data).status_code == 302
    assert client.post(goal_url, data=data).status_code == 302
    assert len(rows_of(Goal, plan_id=plan.id)) == 1
    assert len(rows_of(SubmittedForm, record_type="goals")) == 1


def test_a_stale_plan_edit_is_refused_and_the_first_save_survives(world, signed_in):
    client, _ = signed_in(user=world.worker)
    plan = make_plan(world.case)
    url = f"/plans/{plan.public_id}/edit"
    first_tab = hidden_fields(client.get(url).get_data(as_text=True))
    second_tab = hidden_fields(client.get(url).get_data(as_text=True))
    assert client.post(url, data={**first_tab, **PLAN, "summary": "First save"}).status_code == 302
    second = client.post(url, data={**second_tab, **PLAN, "summary": "Second save"})
    assert second.status_code == 409
    assert "Someone else changed this record after you opened it" in text_of(second.get_data(as_text=True))
    assert rows_of(Plan, id=plan.id)[0].summary == "First save"
    (event,) = audit_events("plan.update")
    assert event.details["fields"] == ["review_on", "summary"]


def test_a_stale_goal_status_change_is_refused_and_the_first_survives(world, signed_in):
    client, _ = signed_in(user=world.worker)
    goal = make_goal(make_plan(world.case))
    prefix = f"goal-{goal.public_id.hex}"
    page = client.get(f"/plans/{goal.plan.public_id}").get_data(as_text=True)
    fields = hidden_fields(page)
    assert fields[f"{prefix}-version"] == "1"
    first = client.post(f"/goals/{goal.public_id}/status", data={**fields, f"{prefix}-status": "in_progress"})
    assert first.status_code == 302
    second = client.post(f"/goals/{goal.public_id}/status", data={**fields, f"{prefix}-status": "achieved"})
    assert second.status_code == 409
    assert "Someone else changed this record after you opened it" in text_of(second.get_data(as_text=True))
    assert rows_of(Goal, id=goal.id)[0].status == "in_progress"


def test_changing_a_goal(world, signed_in):
    client, _ = signed_in(user=world.worker)
    goal = make_goal(make_plan(world.case))
    url = f"/goals/{goal.public_id}/edit"
    response = post_page(client, url, {**GOAL, "description": "Go to boxing twice a week",
                                       "status": "in_progress", "outcome_code": ""})
    assert response.status_code == 302
    saved = rows_of(Goal, id=goal.id)[0]
    assert (saved.description, saved.status, saved.outcome_code, saved.version) == (
        "Go to boxing twice a week", "in_progress", None, 2)
    (event,) = audit_events("goal.update")
    assert event.details["fields"] == ["description", "status", "target_on"]


@pytest.mark.parametrize("data,message", [
    ({"status": "done"}, "Select not started, in progress, achieved or no longer relevant"),
    ({"outcome_code": "RCH-S1"}, "Select one of the programme's outcomes, or not linked"),
    ({"outcome_code": "VIP-A1" + "x" * 40}, "Select one of the programme's outcomes, or not linked"),
    ({"description": ""}, "Enter the goal"),
    ({"description": "x" * 1001}, "The goal must be 1000 characters or fewer"),
    ({"target_on": ["99", "99", "99999999999999"]}, "Target date must be a real date"),
])
def test_bad_goals_are_refused_with_a_message(world, signed_in, data, message):
    client, _ = signed_in(user=world.worker)
    plan = make_plan(world.case)
    response = post_page(client, f"/plans/{plan.public_id}/goals/new", {**GOAL, **data})
    assert response.status_code == 400
    assert message in text_of(response.get_data(as_text=True))
    assert rows_of(Goal, plan_id=plan.id) == []


@pytest.mark.parametrize("data,message", [
    ({"agreed_on": ["1", "1", "2099"]}, "The date agreed cannot be in the future"),
    ({"agreed_on": ["1", "4", "2024"]},
     "The date agreed cannot be before the referral was received (1 May 2024)"),
    ({"review_on": ["1", "6", "2024"]}, "The review date must be on or after the date the plan was agreed"),
    ({"agreed_on": ["", "", ""]}, "Enter the date the plan was agreed"),
    ({"summary": ""}, "Enter a summary of the plan"),
    ({"kind": "holiday"}, "Select one of the plans this programme uses"),
    ({"kind": ""}, "Select which plan this is"),
])
def test_bad_plans_are_refused_with_a_message(world, signed_in, data, message):
    client, _ = signed_in(user=world.worker)
    response = add_plan(client, world.case, **data)
    assert response.status_code == 400
    assert message in text_of(response.get_data(as_text=True))
    assert rows_of(Plan, case_id=world.case.id) == []


def test_fields_the_form_does_not_offer_change_nothing(world, signed_in, create_user):
    client, _ = signed_in(user=world.worker)
    plan = make_plan(world.case)
    other_case_worker = create_user("youth_worker")
    response = post_page(client, f"/plans/{plan.public_id}/edit", {
        **PLAN, "kind": "sustainability", "case_id": "99", "recorded_by_id": str(other_case_worker.id)})
    assert response.status_code == 302
    saved = rows_of(Plan, id=plan.id)[0]
    assert (saved.kind, saved.case_id, saved.recorded_by_id) == ("intervention", world.case.id, None)


def test_another_team_gets_404_and_nothing_changes(world, signed_in, no_csrf):
    plan = make_plan(world.case)
    goal = make_goal(plan)
    client, _ = signed_in("youth_worker")
    plan_url = f"/plans/{plan.public_id}"
    for url in (f"/cases/{world.case.public_id}/plans", f"/cases/{world.case.public_id}/plans/new",
                plan_url, f"{plan_url}/edit", f"{plan_url}/goals/new", f"/goals/{goal.public_id}/edit"):
        assert client.get(url).status_code == 404, url
    prefix = f"goal-{goal.public_id.hex}"
    assert client.post(f"/goals/{goal.public_id}/status",
                       data={f"{prefix}-version": "1", f"{prefix}-status": "achieved"}).status_code == 404
    assert client.post(f"/plans/{plan.public_id}/edit", data={"version": "1", **PLAN}).status_code == 404
    assert rows_of(Goal, id=goal.id)[0].status == "not_started"
    assert rows_of(Plan, id=plan.id)[0].summary == "Agreed plan."


def test_team_members_may_look_but_only_the_lead_worker_or_a_manager_may_change(world, signed_in,
                                                                              create_user):
    plan = make_plan(world.case)
    goal = make_goal(plan)
    colleague = create_user("youth_worker", teams=[world.team])
    client, _ = signed_in(user=colleague)
    page = client.get(f"/plans/{plan.public_id}")
    assert page.status_code == 200
    assert "Update status" not in page.get_data(as_text=True)
    assert client.get(f"/cases/{world.case.public_id}/plans").status_code == 200
    assert client.get(f"/cases/{world.case.public_id}/plans/new").status_code == 403
    assert client.get(f"/goals/{goal.public_id}/edit").status_code == 403
    fields = hidden_fields(page.get_data(as_text=True))
    prefix = f"goal-{goal.public_id.hex}"
    refused = client.post(f"/goals/{goal.public_id}/status",
                          data={**fields, f"{prefix}-version": "1", f"{prefix}-status": "achieved"})
    assert refused.status_code == 403
    assert rows_of(Goal, id=goal.id)[0].status == "not_started"

    manager = create_user("manager", programme="VIP")
    client, _ = signed_in(user=manager)
    page = client.get(f"/plans/{plan.public_id}").get_data(as_text=True)
    response = client.post(f"/goals/{goal.public_id}/status",
                           data={**hidden_fields(page), f"{prefix}-status": "in_progress"})
    assert response.status_code == 302
    assert rows_of(Goal, id=goal.id)[0].status == "in_progress"
