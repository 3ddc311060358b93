"""The Reach school record: the page, recording and correcting school events, and attendance
by term. Cases of other programmes have no school record (404)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

import programmes
from casework.audit import record_event
from casework.cases.models import Case, SchoolEvent
from casework.operations import OperationError, RecordRefused, StaleRecord, savepoint
from casework.school import operations, queries
from casework.security import CASE_READERS, access, can_edit_case, deny, load_case, load_case_record
from casework.submissions import previous_submission
from casework.timezone import london_today
from casework.web import format_date
from forms.common import show_problems
from forms.school import AttendanceForm, EditSchoolEventForm, SchoolEventForm, school_event_form_data

bp = Blueprint("school", __name__)

_CASE_OPTIONS = [joinedload(Case.person), joinedload(Case.referral)]


def _reach_only(case: Case, record, *, edit: bool) -> None:
    """Other programmes have no school record (404, whoever asks); changing one needs the
    right to edit the case (403, logged)."""
    if not programmes.get_programme(case.programme).capabilities.school_record:
        abort(404)
    if edit and not can_edit_case(current_user, case):
        deny(record.__tablename__, str(record.public_id))
        abort(403)


def _reach_case(case_id: str, *, edit: bool = False) -> Case:
    case = load_case(case_id, options=_CASE_OPTIONS)
    _reach_only(case, case, edit=edit)
    return case


def _render(template: str, status: int = 200, **context):
    return (
        render_template(
            template, event_labels=queries.EVENT_LABELS, term_labels=queries.TERM_LABELS, **context
        ),
        status,
    )


@bp.route("/cases/<case_id>/school")
@access(*CASE_READERS)
def record(case_id: str):
    case = _reach_case(case_id)
    school = queries.school_record(current_user, case)
    record_event("school_record.view", case, events=len(school.events), terms=len(school.terms))
    return _render(
        "school/record.html",
        case=case,
        school=school,
        can_edit=can_edit_case(current_user, case),
        problem=operations.school_record_problem(case),
    )


def _not_now(case):
    problem = operations.school_record_problem(case)
    if problem:
        return _render(
            "school/not_now.html", 200 if request.method == "GET" else 400, case=case, message=problem
        )
    return None


@bp.route("/cases/<case_id>/school/events/new", methods=["GET", "POST"])
@access(*CASE_READERS)
def new_event(case_id: str):
    case = _reach_case(case_id, edit=True)
    refused = _not_now(case)
    if refused:
        return refused
    today = london_today()
    form = SchoolEventForm()
    if form.is_submitted():
        earlier = previous_submission(form.submission_id.data)
        if earlier is not None and earlier.record_type == SchoolEvent.__tablename__:
            flash("This was already saved.", "success")
            return redirect(url_for("school.record", case_id=case.public_id))
    if form.validate_on_submit():
        try:
            with savepoint():
                event = operations.record_school_event(
                    case, **form.values(), user=current_user, submission_id=form.submission_id.data, today=today
                )
        except RecordRefused as error:
            show_problems(form, error.problems)
            return _render("school/event_form.html", 400, case=case, form=form, event=None, refused=None)
        except OperationError as error:
            return _render(
                "school/event_form.html", 400, case=case, form=form, event=None, refused=str(error)
            )
        flash(f"{queries.EVENT_LABELS[event.kind]} on {format_date(event.occurred_on)} saved", "success")
        return redirect(url_for("school.record", case_id=case.public_id))
    return _render(
        "school/event_form.html",
        400 if form.is_submitted() else 200,
        case=case,
        form=form,
        event=None,
        refused=None,
    )


@bp.route("/school-events/<school_event_id>/edit", methods=["GET", "POST"])
@access(*CASE_READERS)
def edit_event(school_event_id: str):
    event, case = load_case_record(SchoolEvent, school_event_id)
    _reach_only(case, event, edit=True)
    today = london_today()
    if request.method == "GET":
        form = EditSchoolEventForm(formdata=None, data=school_event_form_data(event))
        return _render("school/event_form.html", case=case, form=form, event=event, refused=None)
    form = EditSchoolEventForm()
    if not form.validate():
        return _render("school/event_form.html", 400, case=case, form=form, event=event, refused=None)
    try:
        with savepoint():
            operations.update_school_event(
                event, case, **form.values(), version=form.version.data, user=current_user, today=today
            )
    except StaleRecord as error:
        current = EditSchoolEventForm(formdata=None, data=school_event_form_data(event))
        return _render(
            "school/event_form.html", 409, case=case, form=current, event=event, refused=str(error)
        )
    except RecordRefused as error:
        show_problems(form, error.problems)
        return _render("school/event_form.html", 400, case=case, form=form, event=event, refused=None)
    except OperationError as error:
        return _render("school/event_form.html", 400, case=case, form=form, event=event, refused=str(error))
    flash(f"{queries.EVENT_LABELS[event.kind]} on {format_date(event.occurred_on)} saved", "success")
    return redirect(url_for("school.record", case_id=case.public_id))


@bp.route("/cases/<case_id>/school/attendance", methods=["GET", "POST"])
@access(*CASE_READERS)
def attendance(case_id: str):
    case = _reach_case(case_id, edit=True)
    refused = _not_now(case)
    if refused:
        return refused
    if request.method == "GET":
        # "Change" links on the school record open the form filled from one term's record.
        form = AttendanceForm(formdata=None)
        existing = queries.attendance_for_term(
            current_user, case, request.args.get("academic_year"), request.args.get("term")
        )
        if existing is not None:
            _fill(form, existing)
        return _render("school/attendance_form.html", case=case, form=form, refused=None)
    form = AttendanceForm()
    if not form.validate():
        return _render("school/attendance_form.html", 400, case=case, form=form, refused=None)
    values = form.values()
    try:
        with savepoint():
            operations.record_attendance(case, **values, version=form.version.data, user=current_user)
    except StaleRecord as error:
        current = AttendanceForm(formdata=None)
        existing = queries.attendance_for_term(current_user, case, values["academic_year"], values["term"])
        if existing is not None:
            _fill(current, existing)
        return _render("school/attendance_form.html", 409, case=case, form=current, refused=str(error))
    except RecordRefused as error:
        show_problems(form, error.problems)
        return _render("school/attendance_form.html", 400, case=case, form=form, refused=None)
    except OperationError as error:
        return _render("school/attendance_form.html", 400, case=case, form=form, refused=str(error))
    flash(
        f"Attendance for the {queries.TERM_LABELS[values['term']].lower()} term "
        f"{values['academic_year']} saved",
        "success",
    )
    return redirect(url_for("school.record", case_id=case.public_id))


def _fill(form: AttendanceForm, row) -> None:
    form.academic_year.data = row.academic_year
    form.term.data = row.term
    form.attendance_percent.data = f"{row.attendance_percent:.1f}"
    form.version.data = str(row.version)
