"""Plan pages: a case's intervention and closing plans, adding and changing a plan, adding and
changing goals, and the quick goal status change."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload
from wtforms.fields.choices import SelectChoice

from casework.audit import record_event
from casework.cases.facts import definition_for
from casework.cases.models import Case, Plan
from casework.operations import StaleRecord, savepoint
from casework.plans.operations import (
    PlanRefused,
    add_goal,
    change_goal_status,
    create_plan,
    update_goal,
    update_plan,
)
from casework.plans.queries import case_plans, closing_plan_kind, goal_outcomes, load_goal, plan_kinds
from casework.security import CASE_READERS, access, can_edit_case, load_case, load_case_record
from casework.submissions import previous_submission
from forms.common import show_problems
from forms.plans import GoalEditForm, GoalForm, GoalStatusForm, PlanEditForm, PlanForm, goal_status_prefix
from programmes.vocabulary import GOAL_STATUSES, PLAN_KINDS, label_for

bp = Blueprint("plans", __name__)

_CASE_OPTIONS = (joinedload(Case.person),)


def _outcome_names(definition) -> dict[str, str]:
    return {outcome.code: outcome.name for outcome in definition.outcomes}


def _render(template: str, **context):
    return render_template(template, plan_kind_label=lambda code: label_for(PLAN_KINDS, code),
                           goal_status_label=lambda code: label_for(GOAL_STATUSES, code), **context)


@bp.route("/cases/<case_id>/plans")
@access(*CASE_READERS)
def index(case_id: str):
    case = load_case(case_id, options=_CASE_OPTIONS)
    definition = definition_for(case)
    plans = case_plans(case)
    record_event("plan.list", case, results=len(plans))
    by_kind = {}
    for plan in plans:
        by_kind.setdefault(plan.kind, plan)
    closing = closing_plan_kind(definition)
    sections = [{"kind": kind, "plan": by_kind.get(kind),
                 "requirement": definition.closure_rule.plan if kind == closing else None}
                for kind in plan_kinds(definition)]
    others = [plan for plan in plans
              if plan.kind not in plan_kinds(definition) or by_kind[plan.kind] is not plan]
    return _render("plans/case_plans.html", case=case, sections=sections, others=others,
                   outcome_names=_outcome_names(definition), can_edit=can_edit_case(current_user, case))


def _render_new_plan(case, form, status: int = 200, existing=None):
    return _render("plans/plan_form.html", case=case, form=form, plan=None, existing=existing), status


@bp.route("/cases/<case_id>/plans/new", methods=["GET", "POST"])
@access(*CASE_READERS)
def new(case_id: str):
    case = load_case(case_id, edit=True, options=_CASE_OPTIONS)
    definition = definition_for(case)
    form = PlanForm()
    have = {plan.kind for plan in case_plans(case)}
    offered = [kind for kind in plan_kinds(definition) if kind not in have] or plan_kinds(definition)
    form.kind.choices = [SelectChoice(kind, label_for(PLAN_KINDS, kind)) for kind in offered]
    if request.method == "GET":
        wanted = request.args.get("kind", "")[:20]
        form.kind.data = wanted if wanted in offered else (offered[0] if len(offered) == 1 else None)
        return _render_new_plan(case, form)
    earlier = previous_submission(form.submission_id.data)
    if earlier is not None:
        flash("This plan was already saved.", "success")
        return redirect(url_for(".view", plan_id=earlier.record_id))
    if not form.validate():
        return _render_new_plan(case, form, 400)
    try:
        with savepoint():
            plan = create_plan(case, current_user, kind=form.kind.data, agreed_on=form.agreed_on.data,
                               review_on=form.review_on.data, summary=form.summary.data,
                               submission_id=form.submission_id.data)
    except PlanRefused as refused:
        show_problems(form, refused.problems)
        return _render_new_plan(case, form, 400, existing=refused.existing)
    flash(f"{label_for(PLAN_KINDS, plan.kind)} saved.", "success")
    return redirect(url_for(".view", plan_id=plan.public_id))


def _status_forms(plan, failed=None) -> dict:
    """One quick status form per goal, keyed by goal id; `failed` replaces its goal's form."""
    forms = {}
    for goal in plan.goals:
        if failed is not None and failed.goal_id == goal.id:
            forms[goal.id] = failed
        else:
            forms[goal.id] = GoalStatusForm(formdata=None, prefix=goal_status_prefix(goal),
                                            data={"status": goal.status, "version": goal.version})
    return forms


def _render_plan(plan, case, status: int = 200, failed=None):
    definition = definition_for(case)
    return _render("plans/plan.html", case=case, plan=plan, status_forms=_status_forms(plan, failed),
                   form=failed, outcome_names=_outcome_names(definition),
                   can_edit=can_edit_case(current_user, case)), status


@bp.route("/plans/<plan_id>")
@access(*CASE_READERS)
def view(plan_id: str):
    plan, case = load_case_record(Plan, plan_id, options=[selectinload(Plan.goals)])
    record_event("plan.view", plan, case_id=str(case.public_id))
    return _render_plan(plan, case)


def _render_edit_plan(case, plan, form, status: int = 200):
    return _render("plans/plan_form.html", case=case, form=form, plan=plan, existing=None), status


@bp.route("/plans/<plan_id>/edit", methods=["GET", "POST"])
@access(*CASE_READERS)
def edit(plan_id: str):
    plan, case = load_case_record(Plan, plan_id, edit=True)
    if request.method == "GET":
        return _render_edit_plan(case, plan, _current_plan_form(plan))
    form = PlanEditForm()
    if not form.validate():
        return _render_edit_plan(case, plan, form, 400)
    try:
        with savepoint():
            update_plan(plan, case, current_user, version=form.version.data, agreed_on=form.agreed_on.data,
                        review_on=form.review_on.data, summary=form.summary.data)
    except StaleRecord as stale:
        flash(str(stale), "error")
        return _render_edit_plan(case, plan, _current_plan_form(plan), 409)
    except PlanRefused as refused:
        show_problems(form, refused.problems)
        return _render_edit_plan(case, plan, form, 400)
    flash(f"{label_for(PLAN_KINDS, plan.kind)} changes saved.", "success")
    return redirect(url_for(".view", plan_id=plan.public_id))


def _current_plan_form(plan) -> PlanEditForm:
    return PlanEditForm(formdata=None, data={"version": plan.version, "agreed_on": plan.agreed_on,
                                             "review_on": plan.review_on, "summary": plan.summary})


def _render_goal_form(case, plan, form, goal=None, status: int = 200):
    return _render("plans/goal_form.html", case=case, plan=plan, form=form, goal=goal), status


@bp.route("/plans/<plan_id>/goals/new", methods=["GET", "POST"])
@access(*CASE_READERS)
def new_goal(plan_id: str):
    plan, case = load_case_record(Plan, plan_id, edit=True)
    form = GoalForm()
    form.set_outcomes(goal_outcomes(definition_for(case)))
    if request.method == "GET":
        return _render_goal_form(case, plan, form)
    earlier = previous_submission(form.submission_id.data)
    if earlier is not None:
        flash("This goal was already saved.", "success")
        return redirect(url_for(".view", plan_id=plan.public_id))
    if not form.validate():
        return _render_goal_form(case, plan, form, status=400)
    try:
        with savepoint():
            add_goal(plan, case, current_user, description=form.description.data, status=form.status.data,
                     target_on=form.target_on.data, outcome_code=form.outcome_code.data or None,
                     submission_id=form.submission_id.data)
    except PlanRefused as refused:
        show_problems(form, refused.problems)
        return _render_goal_form(case, plan, form, status=400)
    flash("Goal added.", "success")
    return redirect(url_for(".view", plan_id=plan.public_id))


@bp.route("/goals/<goal_id>/edit", methods=["GET", "POST"])
@access(*CASE_READERS)
def edit_goal(goal_id: str):
    goal, plan, case = load_goal(goal_id, edit=True)
    outcomes = goal_outcomes(definition_for(case))
    if request.method == "GET":
        return _render_goal_form(case, plan, _current_goal_form(goal, outcomes), goal)
    form = GoalEditForm()
    form.set_outcomes(outcomes)
    if not form.validate():
        return _render_goal_form(case, plan, form, goal, 400)
    try:
        with savepoint():
            update_goal(goal, plan, case, current_user, version=form.version.data,
                        description=form.description.data, status=form.status.data, target_on=form.target_on.data,
                        outcome_code=form.outcome_code.data or None)
    except StaleRecord as stale:
        flash(str(stale), "error")
        return _render_goal_form(case, plan, _current_goal_form(goal, outcomes), goal, 409)
    except PlanRefused as refused:
        show_problems(form, refused.problems)
        return _render_goal_form(case, plan, form, goal, 400)
    flash("Goal changes saved.", "success")
    return redirect(url_for(".view", plan_id=plan.public_id))


def _current_goal_form(goal, outcomes) -> GoalEditForm:
    form = GoalEditForm(formdata=None, data={
        "version": goal.version, "description": goal.description, "status": goal.status,
        "target_on": goal.target_on, "outcome_code": goal.outcome_code or "",
    })
    form.set_outcomes(outcomes)
    return form


@bp.route("/goals/<goal_id>/status", methods=["POST"])
@access(*CASE_READERS)
def goal_status(goal_id: str):
    goal, plan, case = load_goal(goal_id, edit=True)
    form = GoalStatusForm(prefix=goal_status_prefix(goal))
    form.goal_id = goal.id
    if not form.validate():
        return _render_plan(plan, case, 400, failed=form)
    try:
        with savepoint():
            change_goal_status(goal, plan, case, current_user, version=form.version.data, status=form.status.data)
    except StaleRecord as stale:
        fresh = GoalStatusForm(formdata=None, prefix=goal_status_prefix(goal),
                               data={"status": goal.status, "version": goal.version})
        fresh.goal_id = goal.id
        fresh.status.errors = [str(stale)]
        return _render_plan(plan, case, 409, failed=fresh)
    except PlanRefused as refused:
        show_problems(form, refused.problems)
        return _render_plan(plan, case, 400, failed=form)
    flash(f"Goal status changed to {label_for(GOAL_STATUSES, goal.status).lower()}.", "success")
    return redirect(url_for(".view", plan_id=plan.public_id) + f"#goal-{goal.public_id}")
