"""Caseload, the cases list, search, the case page, recording when intensive support began,
and closing or reopening a case."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

import programmes
from casework.assessments.queries import assessment_comparisons
from casework.audit import record_event
from casework.cases.facts import case_facts, definition_for, next_actions
from casework.cases.models import Case
from casework.cases.operations import (
    change_support_start,
    close_case,
    closure_check_for,
    reopen_case,
    request_closure,
)
from casework.cases.queries import case_page_records, cases_list, search_people
from casework.cases.queries import caseload as caseload_query
from casework.cases.timeline import build_timeline
from casework.labels import label as label_for
from casework.operations import OperationError, RecordRefused, StaleRecord, savepoint
from casework.security import CASE_READERS, CASE_WORKERS, access, can_edit_case, load_case
from casework.timezone import london_today
from forms.cases import CloseCaseForm, ReopenCaseForm, RequestClosureForm, SupportStartForm
from forms.common import show_problems
from programmes import rules

bp = Blueprint("cases", __name__)


#: Timeline entries shown before "show the whole timeline" (keeps long cases quick on a phone).
TIMELINE_LENGTH = 100


@bp.route("/caseload")
@access(*CASE_WORKERS)
def caseload():
    today = london_today()
    cases = caseload_query(current_user)
    facts = case_facts(cases)
    rows = [{"case": case, "actions": next_actions(case, facts[case.id], today)} for case in cases]
    rows.sort(key=lambda row: (-max((a.urgency for a in row["actions"]), default=0),
                               min((a.due_on for a in row["actions"]), default=today)))
    return render_template("cases/caseload.html", rows=rows)


@bp.route("/cases")
@access(*CASE_READERS)
def index():
    status = request.args.get("status", "open")
    programme = request.args.get("programme", "")
    cases, total = cases_list(current_user, status=status, programme=programme)
    programme_choices = [(p.code, p.short_name) for p in programmes.all_programmes()]
    return render_template("cases/index.html", cases=cases, total=total, status=status, programme=programme,
                           programme_choices=programme_choices)


@bp.route("/search")
@access(*CASE_READERS)
def search():
    text = request.args.get("q", "")[:100]
    people = search_people(current_user, text) if text.strip() else []
    if text.strip():
        record_event("person.search", record_type="search", results=len(people))
    return render_template("cases/search.html", text=text, people=people)


@bp.route("/cases/<case_id>")
@access(*CASE_READERS)
def case_page(case_id: str):
    case = load_case(case_id, options=[joinedload(Case.person), joinedload(Case.lead_worker),
                                       joinedload(Case.navigator), joinedload(Case.team)])
    record_event("case.view", case)
    today = london_today()
    definition = definition_for(case, today)
    facts = case_facts([case], with_responses=True)[case.id]
    show_all = request.args.get("timeline") == "all"
    records = case_page_records(case, current_user, session_limit=None if show_all else TIMELINE_LENGTH)
    check = rules.closure_check(definition, facts, today) if case.status == "open" else None
    closures = records["closures"]
    timeline = build_timeline(case, records, definition)
    return render_template(
        "cases/case.html", case=case, definition=definition, records=records,
        comparisons=assessment_comparisons(case),
        timeline=timeline if show_all else timeline[:TIMELINE_LENGTH],
        timeline_total=len(timeline) + records["sessions_not_loaded"],
        actions=next_actions(case, facts, today) if case.status != "closed" else (),
        check=check, evidence=rules.outcome_evidence(definition, facts, today),
        current_closure=next((c for c in reversed(closures) if c.reopened_at is None), None) if case.status == "closed" else None,
        can_edit=can_edit_case(current_user, case),
        age=rules.age_on(case.person.date_of_birth, today) if case.person.date_of_birth else None,
        request_form=RequestClosureForm(version=case.version), reopen_form=ReopenCaseForm(version=case.version),
    )


@bp.route("/cases/<case_id>/support-start", methods=["GET", "POST"])
@access(*CASE_READERS)
def support_start(case_id: str):
    """When intensive support began: only programmes that record it have this page (404)."""
    case = load_case(case_id, edit=True, options=[joinedload(Case.person)])
    if not programmes.get_programme(case.programme).capabilities.support_start:
        abort(404)
    form = SupportStartForm(version=case.version)
    if request.method == "GET":
        form.support_started_on.data = case.support_started_on or case.started_on
    elif form.validate_on_submit():
        try:
            with savepoint():
                changed = change_support_start(case, support_started_on=form.support_started_on.data,
                                               version=form.version.data, user=current_user, today=london_today())
        except RecordRefused as refused:
            show_problems(form, refused.problems)
        else:
            if changed:
                flash("Date intensive support began saved.", "success")
            return redirect(url_for("cases.case_page", case_id=case.public_id))
    status = 200 if request.method == "GET" else 400
    return render_template("cases/support_start.html", case=case, form=form), status


@bp.route("/cases/<case_id>/close", methods=["GET", "POST"])
@access(*CASE_READERS)
def close(case_id: str):
    case = load_case(case_id, edit=True, options=[joinedload(Case.person)])
    today = london_today()
    definition = definition_for(case, today)
    form = CloseCaseForm(version=case.version)
    form.set_reasons(definition.closure_reasons)
    if request.method == "GET" and not form.closed_on.data:
        form.closed_on.data = today
    check_on = form.closed_on.data or today
    check = closure_check_for(case, min(check_on, today)) if case.status == "open" else None
    is_manager = current_user.role == "manager"
    error = None
    if form.validate_on_submit():
        try:
            with savepoint():
                close_case(case, reason=form.reason.data, closed_on=form.closed_on.data, version=form.version.data,
                           user=current_user, today=today, override_reason=form.override_reason.data)
        except StaleRecord:
            raise  # answered 409 by the error handler, like every other stale edit
        except RecordRefused as refused:
            # The override box is shown only to a manager facing a blocked check; otherwise a
            # problem about the override belongs beside the reason, the choice it is about.
            shown = is_manager and check is not None and not check.ok
            show_problems(form, refused.problems, fields={} if shown else {"override_reason": "reason"})
        except OperationError as refused:
            error = str(refused)
        else:
            flash(f"Case closed: {label_for(definition.closure_reasons, form.reason.data).lower()}.", "success")
            return redirect(url_for("cases.case_page", case_id=case.public_id))
    status = 200 if request.method == "GET" else 400
    return render_template("cases/close.html", case=case, form=form, check=check, error=error,
                           is_manager=is_manager), status


@bp.route("/cases/<case_id>/request-closure", methods=["POST"])
@access(*CASE_WORKERS)
def request_closure_view(case_id: str):
    case = load_case(case_id, edit=True)
    form = RequestClosureForm()
    if not form.validate_on_submit():
        return redirect(url_for("cases.case_page", case_id=case.public_id))
    request_closure(case, version=form.version.data, user=current_user)
    flash("Your manager has been asked to approve the closure.", "success")
    return redirect(url_for("cases.case_page", case_id=case.public_id))


@bp.route("/cases/<case_id>/reopen", methods=["POST"])
@access("manager")
def reopen(case_id: str):
    case = load_case(case_id, edit=True)
    form = ReopenCaseForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("cases.case_page", case_id=case.public_id)), 303
    try:
        with savepoint():
            reopen_case(case, reason=form.reason.data, version=form.version.data, user=current_user)
    except RecordRefused as refused:
        flash(" ".join(problem.message for problem in refused.problems), "error")
        return redirect(url_for("cases.case_page", case_id=case.public_id)), 303
    flash("Case reopened.", "success")
    return redirect(url_for("cases.case_page", case_id=case.public_id))
