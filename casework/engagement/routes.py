"""Engagement and enforcement.

Workers (and managers) record contact attempts, engagement status, the Phoenix notification and
escalations on the case's engagement page. Enforcement events are for managers and enforcement
officers only: for anyone else every enforcement URL answers 404, as if it did not exist, and no
worker's page reads them. Enforcement officers see a Phoenix case only through its enforcement
page: the person's name and date of birth, escalations and enforcement events.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload

from casework.audit import record_event
from casework.cases.models import Case
from casework.engagement import operations
from casework.engagement.models import EnforcementEvent, EngagementContact, Escalation, Notification
from casework.engagement.queries import (
    activity_teams,
    case_escalations,
    case_notification,
    enforcement_record,
    engagement_record,
    escalations_in_scope,
)
from casework.engagement.queries import (
    programme_activities as programme_activities_query,
)
from casework.labels import label
from casework.operations import OperationError, RecordRefused, StaleRecord, savepoint
from casework.security import (
    access,
    can_edit_case,
    deny,
    load_case,
    load_case_record,
    programmes_of,
    sees_enforcement,
)
from casework.submissions import DuplicateSubmission, previous_submission
from casework.timezone import LONDON, london_today
from forms import engagement as forms
from forms.common import show_problems
from programmes import current_definition, vocabulary

#: Who records contacts, status, notifications and escalations (on cases they may edit).
RECORDERS = ("youth_worker", "navigator", "manager")
#: Enforcement URLs admit workers too, so that they answer 404 (not 403) for them: a worker is
#: not told that an enforcement record exists.
ENFORCEMENT_URL_ROLES = ("youth_worker", "navigator", "manager", "enforcement_officer")

bp = Blueprint("engagement", __name__)


def _with_person() -> list:
    return [joinedload(Case.person)]


def _page(template: str, form=None, status: int | None = None, **context):
    if status is None:
        status = 400 if form is not None and form.errors else 200
    return render_template(template, form=form, label=label, vocab=vocabulary, **context), status


def _engagement_page(case: Case):
    return redirect(url_for("engagement.case_engagement", case_id=case.public_id))


def _enforcement_page(case: Case):
    return redirect(url_for("engagement.enforcement", case_id=case.public_id))


def _already_saved(form, destination):
    """A repeated post of a create form: send the user where the first post went."""
    if request.method == "POST" and previous_submission(form.submission_id.data) is not None:
        flash("This form was sent twice; it has been saved once.", "success")
        return destination
    return None


def _only_with(case: Case, capability: str) -> None:
    """A page of a capability the case's programme does not have does not exist (404)."""
    if not operations.has_capability(case, capability):
        abort(404)


#: Form fields named otherwise than the values of the record's check.
_FORM_FIELDS = {"escalation_id": "escalation"}


def _attempt(form, field, operation, *args, **kwargs):
    """Run an operation; a refusal (other than a stale version or a racing duplicate, which the
    error handlers answer) becomes an error beside each field its check found a problem with, or
    on `field` for any other refusal, and nothing is saved."""
    try:
        with savepoint():
            return True, operation(*args, **kwargs)
    except (StaleRecord, DuplicateSubmission):
        raise
    except RecordRefused as error:
        show_problems(form, error.problems, fields=_FORM_FIELDS)
        return False, None
    except OperationError as error:
        field.errors = [*field.errors, str(error)]
        return False, None


# --- the engagement page -------------------------------------------------------------------------

@bp.route("/cases/<case_id>/engagement")
@access("youth_worker", "navigator", "manager")
def case_engagement(case_id: str):
    case = load_case(case_id, options=_with_person())
    record = engagement_record(case)
    record_event("engagement.view", case)
    warning = None
    if record.notification is not None:
        warning = operations.notification_age_warning(case.person.date_of_birth, record.notification.method,
                                                      record.notification.notified_on)
    return _page("engagement/case_engagement.html", case=case, record=record, notification_warning=warning,
                 can_edit=can_edit_case(current_user, case), sees_enforcement=sees_enforcement(current_user))


# --- contact attempts ---------------------------------------------------------------------------

def _contact_data(contact: EngagementContact) -> dict:
    local = contact.contacted_at.astimezone(LONDON)
    return {"version": contact.version, "method": contact.method, "result": contact.result,
            "contacted_on": local.date(), "contacted_time": local.strftime("%H:%M"), "notes": contact.notes}


@bp.route("/cases/<case_id>/contacts/new", methods=["GET", "POST"])
@access(*RECORDERS)
def new_contact(case_id: str):
    case = load_case(case_id, edit=True, options=_with_person())
    form = forms.ContactForm()
    if done := _already_saved(form, _engagement_page(case)):
        return done
    if form.validate_on_submit():
        saved, _contact = _attempt(form, form.method, operations.record_contact, case, current_user,
                                   submission_id=form.submission_id.data, method=form.method.data,
                                   result=form.result.data, contacted_at=form.contacted_at(), notes=form.notes.data)
        if saved:
            flash("Contact attempt saved.", "success")
            return _engagement_page(case)
    return _page("engagement/contact_form.html", form, case=case, title="Record a contact attempt")


@bp.route("/contacts/<contact_id>/edit", methods=["GET", "POST"])
@access(*RECORDERS)
def edit_contact(contact_id: str):
    contact, case = load_case_record(EngagementContact, contact_id, edit=True, options=[])
    form = forms.ContactEditForm() if request.method == "POST" else forms.ContactEditForm(data=_contact_data(contact))
    if form.validate_on_submit():
        try:
            saved, changed = _attempt(form, form.method, operations.update_contact, contact, case,
                                      version=form.version.data, method=form.method.data, result=form.result.data,
                                      contacted_at=form.contacted_at(), notes=form.notes.data)
        except StaleRecord as error:
            return _page("engagement/contact_form.html", forms.ContactEditForm(formdata=None, data=_contact_data(contact)),
                         status=409, case=case, contact=contact, title="Change a contact attempt", problem=str(error))
        if saved:
            flash("Contact attempt updated." if changed else "Nothing was changed.", "success")
            return _engagement_page(case)
    return _page("engagement/contact_form.html", form, case=case, contact=contact, title="Change a contact attempt")


# --- engagement status ----------------------------------------------------------------------------

@bp.route("/cases/<case_id>/engagement-status", methods=["GET", "POST"])
@access(*RECORDERS)
def change_status(case_id: str):
    case = load_case(case_id, edit=True, options=_with_person())
    if request.method == "POST":
        form = forms.StatusChangeForm()
    else:
        form = forms.StatusChangeForm(data={"version": case.version})
    if done := _already_saved(form, _engagement_page(case)):
        return done
    if form.validate_on_submit():
        try:
            saved, _change = _attempt(form, form.status, operations.change_engagement_status, case, current_user,
                                      submission_id=form.submission_id.data, version=form.version.data,
                                      status=form.status.data, changed_on=form.changed_on.data)
        except StaleRecord as error:
            fresh = forms.StatusChangeForm(formdata=None, data={"version": case.version})
            return _page("engagement/status_form.html", fresh, status=409, case=case, problem=str(error))
        if saved:
            flash(f"Engagement status changed to {label(vocabulary.ENGAGEMENT_STATUSES, form.status.data).lower()}.",
                  "success")
            return _engagement_page(case)
    return _page("engagement/status_form.html", form, case=case)


# --- Phoenix notification ------------------------------------------------------------------------

def _notification_data(notification: Notification) -> dict:
    return {"version": notification.version, "method": notification.method, "notified_on": notification.notified_on,
            "attended": "yes" if notification.attended else "no", "notes": notification.notes}


def _flash_age_warning(case: Case, method: str, notified_on) -> None:
    warning = operations.notification_age_warning(case.person.date_of_birth, method, notified_on)
    if warning:
        flash(warning, "warning")


@bp.route("/cases/<case_id>/notification/new", methods=["GET", "POST"])
@access(*RECORDERS)
def new_notification(case_id: str):
    case = load_case(case_id, edit=True, options=_with_person())
    _only_with(case, "notification")
    form = forms.NotificationForm()
    if done := _already_saved(form, _engagement_page(case)):
        return done
    existing = case_notification(case)
    if existing is not None:
        return redirect(url_for("engagement.edit_notification", notification_id=existing.public_id))
    if form.validate_on_submit():
        saved, _notification = _attempt(
            form, form.method, operations.record_notification, case, current_user,
            submission_id=form.submission_id.data, method=form.method.data, notified_on=form.notified_on.data,
            attended=form.attended.data == "yes", notes=form.notes.data)
        if saved:
            flash("Notification saved.", "success")
            _flash_age_warning(case, form.method.data, form.notified_on.data)
            return _engagement_page(case)
    return _page("engagement/notification_form.html", form, case=case, title="Record the notification",
                 expected=operations.expected_notification_method(case.person.date_of_birth, london_today()))


@bp.route("/notifications/<notification_id>/edit", methods=["GET", "POST"])
@access(*RECORDERS)
def edit_notification(notification_id: str):
    notification, case = load_case_record(Notification, notification_id, edit=True)
    _only_with(case, "notification")
    dob = case.person.date_of_birth
    if request.method == "POST":
        form = forms.NotificationEditForm()
    else:
        form = forms.NotificationEditForm(data=_notification_data(notification))
    context = {"case": case, "notification": notification, "title": "Change the notification",
               "expected": operations.expected_notification_method(dob, london_today())}
    if form.validate_on_submit():
        try:
            saved, changed = _attempt(
                form, form.method, operations.update_notification, notification, case, version=form.version.data,
                method=form.method.data, notified_on=form.notified_on.data, attended=form.attended.data == "yes",
                notes=form.notes.data)
        except StaleRecord as error:
            fresh = forms.NotificationEditForm(formdata=None, data=_notification_data(notification))
            return _page("engagement/notification_form.html", fresh, status=409, problem=str(error), **context)
        if saved:
            flash("Notification updated." if changed else "Nothing was changed.", "success")
            _flash_age_warning(case, form.method.data, form.notified_on.data)
            return _engagement_page(case)
    return _page("engagement/notification_form.html", form, **context)


# --- escalation to enforcement -------------------------------------------------------------------

@bp.route("/cases/<case_id>/escalations/new", methods=["GET", "POST"])
@access(*RECORDERS)
def new_escalation(case_id: str):
    case = load_case(case_id, edit=True, options=_with_person())
    _only_with(case, "enforcement")
    form = forms.EscalationForm()
    if done := _already_saved(form, _engagement_page(case)):
        return done
    if request.method == "GET" and case.engagement_status == "refused":
        form.reason.data = "refused_to_engage"
    if form.validate_on_submit():
        saved, _escalation = _attempt(form, form.reason, operations.raise_escalation, case, current_user,
                                      submission_id=form.submission_id.data, reason=form.reason.data,
                                      raised_on=form.raised_on.data)
        if saved:
            flash("Escalated to the enforcement component.", "success")
            return _engagement_page(case)
    return _page("engagement/escalation_form.html", form, case=case)


@bp.route("/escalations")
@access("enforcement_officer", "manager")
def escalations():
    rows = escalations_in_scope(current_user)
    record_event("escalation.list", record_type="escalations", results=len(rows))
    return _page("engagement/escalations.html", rows=rows)


def _outcome_data(escalation: Escalation) -> dict:
    return {"version": escalation.version, "outcome": escalation.outcome, "outcome_on": escalation.outcome_on}


@bp.route("/escalations/<escalation_id>/outcome", methods=["GET", "POST"])
@access("enforcement_officer", "manager")
def escalation_outcome(escalation_id: str):
    escalation, case = load_case_record(Escalation, escalation_id, options=[])
    _only_with(case, "enforcement")
    if not operations.may_record_enforcement(current_user, case):
        abort(404)
    if request.method == "POST":
        form = forms.EscalationOutcomeForm()
    else:
        form = forms.EscalationOutcomeForm(data=_outcome_data(escalation))
    context = {"case": case, "escalation": escalation}
    if form.validate_on_submit():
        try:
            saved, changed = _attempt(form, form.outcome, operations.record_escalation_outcome, escalation, case,
                                      current_user, version=form.version.data, outcome=form.outcome.data,
                                      outcome_on=form.decided_on())
        except StaleRecord as error:
            fresh = forms.EscalationOutcomeForm(formdata=None, data=_outcome_data(escalation))
            return _page("engagement/escalation_outcome_form.html", fresh, status=409, problem=str(error), **context)
        if saved:
            flash("Outcome saved." if changed else "Nothing was changed.", "success")
            return _enforcement_page(case)
    return _page("engagement/escalation_outcome_form.html", form, **context)


# --- enforcement (managers and enforcement officers only) ----------------------------------------

def _require_enforcement_viewer(reference: str) -> None:
    """Anyone who may not see enforcement gets the same 404 as for a record that does not exist."""
    if not sees_enforcement(current_user):
        deny("enforcement", str(reference)[:36])
        abort(404)


def _enforcement_case(case_id: str) -> Case:
    _require_enforcement_viewer(case_id)
    case = load_case(case_id, options=_with_person())
    _only_with(case, "enforcement")
    return case


@bp.route("/cases/<case_id>/enforcement")
@access(*ENFORCEMENT_URL_ROLES)
def enforcement(case_id: str):
    case = _enforcement_case(case_id)
    record = enforcement_record(case)
    record_event("enforcement.view", case)
    return _page("engagement/enforcement.html", case=case, record=record,
                 can_record=operations.may_record_enforcement(current_user, case))


def _selected_escalation(form, escalations):
    chosen = form.escalation.data
    return next((e for e in escalations if str(e.public_id) == chosen), None) if chosen else None


@bp.route("/cases/<case_id>/enforcement/events/new", methods=["GET", "POST"])
@access(*ENFORCEMENT_URL_ROLES)
def new_enforcement_event(case_id: str):
    case = _enforcement_case(case_id)
    if not operations.may_record_enforcement(current_user, case):
        abort(404)
    escalations = case_escalations(case)
    form = forms.EnforcementEventForm(escalations=escalations)
    if done := _already_saved(form, _enforcement_page(case)):
        return done
    if request.method == "GET" and escalations:
        form.escalation.data = str(escalations[0].public_id)
    if form.validate_on_submit():
        saved, _event = _attempt(form, form.kind, operations.record_enforcement_event, case, current_user,
                                 submission_id=form.submission_id.data, kind=form.kind.data,
                                 occurred_on=form.occurred_on.data, summary=form.summary.data,
                                 escalation=_selected_escalation(form, escalations))
        if saved:
            flash("Enforcement event saved.", "success")
            return _enforcement_page(case)
    return _page("engagement/enforcement_event_form.html", form, case=case, title="Record an enforcement event")


def _event_data(event: EnforcementEvent, escalations) -> dict:
    linked = next((e for e in escalations if e.id == event.escalation_id), None)
    return {"version": event.version, "kind": event.kind, "occurred_on": event.occurred_on, "summary": event.summary,
            "escalation": str(linked.public_id) if linked else ""}


@bp.route("/enforcement-events/<event_id>/edit", methods=["GET", "POST"])
@access(*ENFORCEMENT_URL_ROLES)
def edit_enforcement_event(event_id: str):
    _require_enforcement_viewer(event_id)
    event, case = load_case_record(EnforcementEvent, event_id)
    _only_with(case, "enforcement")
    if not operations.may_record_enforcement(current_user, case):
        abort(404)
    escalations = case_escalations(case)
    if request.method == "POST":
        form = forms.EnforcementEventEditForm(escalations=escalations)
    else:
        form = forms.EnforcementEventEditForm(data=_event_data(event, escalations), escalations=escalations)
    context = {"case": case, "event": event, "title": "Change an enforcement event"}
    if form.validate_on_submit():
        try:
            saved, changed = _attempt(form, form.kind, operations.update_enforcement_event, event, case, current_user,
                                      version=form.version.data, kind=form.kind.data,
                                      occurred_on=form.occurred_on.data, summary=form.summary.data,
                                      escalation=_selected_escalation(form, escalations))
        except StaleRecord as error:
            fresh = forms.EnforcementEventEditForm(formdata=None, data=_event_data(event, escalations),
                                                   escalations=escalations)
            return _page("engagement/enforcement_event_form.html", fresh, status=409, problem=str(error), **context)
        if saved:
            flash("Enforcement event updated." if changed else "Nothing was changed.", "success")
            return _enforcement_page(case)
    return _page("engagement/enforcement_event_form.html", form, **context)


# --- programme activities (managers) ----------------------------------------------------------------

def _activity_kinds(teams) -> list[tuple[str, str]]:
    """Kinds of programme activity recorded by the programmes of `teams` (current definitions)."""
    kinds: dict[str, str] = {}
    for programme in sorted({team.programme for team in teams}):
        for kind in current_definition(programme, london_today()).programme_activity_kinds:
            kinds.setdefault(kind.code, kind.label)
    return list(kinds.items())


@bp.route("/programme-activities", methods=["GET", "POST"])
@access("manager")
def programme_activities():
    teams = [team for team in activity_teams(current_user) if team.programme in programmes_of(current_user)]
    kinds = _activity_kinds(teams)
    recording_teams = [team for team in teams
                       if current_definition(team.programme, london_today()).programme_activity_kinds]
    form = forms.ProgrammeActivityForm(teams=recording_teams, kinds=kinds)
    if done := _already_saved(form, redirect(url_for("engagement.programme_activities"))):
        return done
    if recording_teams and form.validate_on_submit():
        team = next((t for t in recording_teams if str(t.public_id) == form.team.data), None)
        saved, _activity = _attempt(form, form.kind, operations.record_programme_activity, current_user,
                                    submission_id=form.submission_id.data, team=team, kind=form.kind.data,
                                    occurred_on=form.occurred_on.data, description=form.description.data,
                                    attendees=form.attendee_count())
        if saved:
            flash("Programme activity saved.", "success")
            return redirect(url_for("engagement.programme_activities"))
    rows = programme_activities_query(current_user)
    return _page("engagement/programme_activities.html", form if recording_teams else None, rows=rows,
                 kind_labels=dict(kinds), can_record=bool(recording_teams))
