"""Session pages: a case's sessions, logging one, viewing and changing one."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from casework.audit import record_event
from casework.cases.models import Case
from casework.operations import OperationError, RecordRefused, StaleRecord, savepoint
from casework.security import CASE_READERS, access, can_edit_case, load_case, load_case_record
from casework.sessions import operations, queries
from casework.sessions.models import Session
from casework.submissions import DuplicateSubmission, previous_submission
from casework.timezone import london_today
from casework.web import format_date
from forms.common import show_problems
from forms.sessions import PROBLEM_FIELDS, EditSessionForm, LogSessionForm, session_form_data
from programmes import vocabulary

bp = Blueprint("sessions", __name__)

_CASE_OPTIONS = [joinedload(Case.person), joinedload(Case.referral)]


def _render(template: str, **context) -> str:
    return render_template(template, label_for=vocabulary.label_for, vocabulary=vocabulary, **context)


def _saved_message(case, session) -> str:
    message = f"Session on {format_date(session.held_on)} saved"
    outcomes = queries.outcomes_evidenced(queries.definition_for(case, session.held_on), session)
    if outcomes:
        count = f"{len(outcomes)} outcome" + ("" if len(outcomes) == 1 else "s")
        message += f". It evidences {count} of the theory of change: " + ", ".join(o.code for o in outcomes)
    return message


@bp.route("/cases/<case_id>/sessions")
@access(*CASE_READERS)
def index(case_id: str):
    case = load_case(case_id, options=[joinedload(Case.person)])
    sessions = queries.sessions_of_case(current_user, case)
    record_event("session.list", case, results=len(sessions))
    return _render(
        "sessions/list.html",
        case=case,
        sessions=sessions,
        summary=queries.summarise(sessions),
        definition=queries.definition_for(case),
        component_name=queries.component_name,
        can_edit=can_edit_case(current_user, case),
        open_problem=operations.case_open_problem(case),
    )


@bp.route("/cases/<case_id>/sessions/new", methods=["GET", "POST"])
@access(*CASE_READERS)
def new(case_id: str):
    case = load_case(case_id, edit=True, options=_CASE_OPTIONS)
    problem = operations.case_open_problem(case)
    if problem:
        return _render("sessions/not_open.html", case=case, message=problem), (
            200 if request.method == "GET" else 400
        )
    today = london_today()
    definition = queries.definition_for(case, today)
    form = LogSessionForm(components=definition.session_components)
    if form.is_submitted():
        earlier = previous_submission(form.submission_id.data)
        if earlier is not None and earlier.record_type == Session.__tablename__:
            flash("This session was already saved; here it is.", "success")
            return redirect(url_for("sessions.view", session_id=earlier.record_id))
    else:
        form.held_on.data = today
    if form.validate_on_submit():
        try:
            with savepoint():
                session = operations.log_session(
                    case,
                    operations.SessionValues.from_form(form.values()),
                    user=current_user,
                    submission_id=form.submission_id.data,
                    today=today,
                )
        except DuplicateSubmission:
            raise  # the other post saved it: the error handler says so (409)
        except RecordRefused as error:
            show_problems(form, error.problems, fields=PROBLEM_FIELDS)
            return _render("sessions/form.html", case=case, form=form, session=None, refused=None), 400
        except OperationError as error:
            return _render("sessions/form.html", case=case, form=form, session=None, refused=str(error)), 400
        flash(_saved_message(case, session), "success")
        return redirect(url_for("cases.case_page", case_id=case.public_id))
    status = 400 if form.is_submitted() else 200
    return _render("sessions/form.html", case=case, form=form, session=None, refused=None), status


@bp.route("/sessions/<session_id>")
@access(*CASE_READERS)
def view(session_id: str):
    session, case = load_case_record(Session, session_id, options=[selectinload(Session.components)])
    definition = queries.definition_for(case, session.held_on)
    record_event("session.view", session, case=str(case.public_id))
    return _render(
        "sessions/session.html",
        case=case,
        session=session,
        definition=definition,
        component_name=queries.component_name,
        outcomes=queries.outcomes_evidenced(definition, session),
        onward_referrals=queries.onward_referrals_of_session(current_user, session),
        can_edit=can_edit_case(current_user, case),
    )


@bp.route("/sessions/<session_id>/edit", methods=["GET", "POST"])
@access(*CASE_READERS)
def edit(session_id: str):
    session, case = load_case_record(
        Session, session_id, edit=True, options=[selectinload(Session.components)]
    )
    today = london_today()
    definition = queries.definition_for(case, session.held_on)
    context = dict(components=definition.session_components)

    def page(form, status=200, refused=None):
        return _render("sessions/form.html", case=case, form=form, session=session, refused=refused), status

    if request.method == "GET":
        return page(EditSessionForm(formdata=None, data=session_form_data(session), **context))
    form = EditSessionForm(**context)
    if not form.validate():
        return page(form, 400)
    try:
        with savepoint():
            operations.update_session(
                session, case, operations.SessionValues.from_form(form.values()),
                version=form.version.data, user=current_user, today=today,
            )
    except StaleRecord as error:
        # Show what is stored now, with its version, so the worker can redo their change.
        return page(EditSessionForm(formdata=None, data=session_form_data(session), **context), 409, str(error))
    except RecordRefused as error:
        show_problems(form, error.problems, fields=PROBLEM_FIELDS)
        return page(form, 400)
    except OperationError as error:
        return page(form, 400, str(error))
    flash(_saved_message(case, session), "success")
    return redirect(url_for("cases.case_page", case_id=case.public_id))
