"""Referral intake, the referral list, triage, first contact, consent and allocation."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms import SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice

import programmes
from casework.audit import record_event
from casework.cases.models import Case, Consent
from casework.labels import label
from casework.operations import OperationError, RecordRefused, StaleRecord, savepoint
from casework.people.operations import PersonDetails
from casework.people.queries import find_people, likely_duplicates
from casework.referrals import operations, queries
from casework.referrals.models import Referral
from casework.security import CASE_READERS, access, load_case, load_person, load_scoped, referral_scope
from casework.submissions import DuplicateSubmission, previous_submission
from casework.timezone import london_today, now_in_london
from forms.choices import choices
from forms.common import show_problems
from forms.referrals import (
    AllocationForm,
    ConsentForm,
    DecisionForm,
    FindPersonForm,
    FirstContactForm,
    WithdrawConsentForm,
    keep_eligibility_errors_only,
    referral_form_class,
)
from programmes import vocabulary
from programmes.checks.person import check_person
from programmes.checks.referral import ReferralValues as ReferralCheckValues
from programmes.checks.referral import check_referral
from programmes.intake import detail_rows
from programmes.rules import NoDefinitionInForce
from programmes.vocabulary import TRIAGE_DECISIONS as DECISIONS

bp = Blueprint("referrals", __name__)

_LIST_FILTERS = (("pending", "Pending"), ("accepted", "Accepted"), ("declined", "Declined"), ("all", "All"))


@bp.route("/referrals")
@access(*CASE_READERS)
def referral_list():
    status = request.args.get("status", "pending")
    if status not in queries.LIST_STATUSES:
        status = "pending"
    rows = queries.referral_list(current_user, status)
    names = {programme.code: programme.short_name for programme in programmes.all_programmes()}
    return render_template("referrals/list.html", rows=rows, status=status, filters=_LIST_FILTERS, names=names,
                           can_refer=bool(queries.intake_programmes(current_user)))


# --- intake -----------------------------------------------------------------------------------

@bp.route("/referrals/new")
@access(*CASE_READERS)
def find_person():
    searched = any(name in request.args for name in ("given_name", "family_name", "date_of_birth"))
    form = FindPersonForm(formdata=request.args if searched else None)
    search, status = None, 200
    if searched:
        if form.validate():
            search = find_people(current_user, form.given_name.data, form.family_name.data, form.date_of_birth.data)
            record_event("person.search", record_type="search", results=search.count, purpose="referral")
        else:
            status = 400
    new_person_url = None
    if search is not None:
        new_person_url = url_for(
            ".new_person_referral", given_name=form.given_name.data.strip(), family_name=form.family_name.data.strip(),
            date_of_birth=form.date_of_birth.data.isoformat() if form.date_of_birth.data else None,
        )
    return render_template("referrals/find_person.html", form=form, search=search, new_person_url=new_person_url,
                           can_refer=bool(queries.intake_programmes(current_user))), status


@bp.route("/referrals/new/person", methods=["GET", "POST"])
@access(*CASE_READERS)
def new_person_referral():
    return _referral_form(person=None)


@bp.route("/referrals/new/<person_id>", methods=["GET", "POST"])
@access(*CASE_READERS)
def new_referral(person_id: str):
    return _referral_form(person=load_person(person_id))


def _chosen_programme() -> tuple[str | None, list[str]]:
    available = queries.intake_programmes(current_user)
    chosen = request.args.get("programme")
    if chosen in available:
        return chosen, available
    if len(available) == 1:
        return available[0], available
    return None, available


def _prefill() -> dict:
    """Values carried over from the search page (never looked up: only what the user typed)."""
    data = {key: request.args.get(key, "")[:100].strip() for key in ("given_name", "family_name")}
    try:
        data["date_of_birth"] = date.fromisoformat(request.args.get("date_of_birth", ""))
    except ValueError:
        pass
    return {key: value for key, value in data.items() if value}


def _referral_form(person):
    programme, available = _chosen_programme()
    if not available:
        return render_template("referrals/no_programme.html"), 200
    if programme is None:
        status = 400 if request.method == "POST" else 200
        carried = {key: value for key, value in request.args.items() if key != "programme"}
        return render_template("referrals/choose_programme.html", available=available, carried=carried,
                               names={code: programmes.get_programme(code).name for code in available}), status
    teams = queries.intake_teams(current_user, programme)
    if not teams:
        return render_template("referrals/no_programme.html"), 200
    definition = programmes.current_definition(programme, london_today())
    form_class = referral_form_class(definition, new_person=person is None)
    if request.method == "POST":
        form = form_class()
    else:
        form = form_class(data=_prefill() if person is None else {})
    _prepare_referral_form(form, programme, teams, definition)
    context = {"form": form, "person": person, "programme": programme, "definition": definition,
               "programme_name": programmes.get_programme(programme).name, "duplicates": [], "eligibility": None,
               "error": None, "action_url": url_for(request.endpoint, **request.view_args, programme=programme)}
    if request.method == "GET":
        if person is None and form.family_name.data and form.date_of_birth.data:
            context["duplicates"] = likely_duplicates(current_user, form.given_name.data or "",
                                                      form.family_name.data, form.date_of_birth.data)
        return render_template("referrals/referral_form.html", **context)

    previous = previous_submission(form.submission_id.data)
    if previous is not None and previous.record_type == "referrals":
        flash("This referral was already saved; here it is.", "success")
        return redirect(url_for(".referral_page", referral_id=previous.record_id))
    valid, in_force = _validate_referral(form, programme)
    _forget_invalid_choices(form)
    decision = _preview(form, person, in_force)
    context["eligibility"] = decision.trace() if decision is not None else None
    if request.form.get("action") == "check":
        keep_eligibility_errors_only(form)
        return render_template("referrals/referral_form.html", **context), 200
    if person is None and valid:
        context["duplicates"] = likely_duplicates(current_user, form.given_name.data, form.family_name.data,
                                                  form.date_of_birth.data)
        if context["duplicates"] and not form.confirm_new_person.data:
            form.confirm_new_person.errors.append(
                "Check the people listed. If one of them is this person, refer them instead; if not, confirm "
                "this is a different person")
            valid = False
    if valid:
        team = next(team for team in teams if str(team.public_id) == form.team.data)
        values = operations.ReferralValues(
            programme=programme, team=team, received_at=form.received_at(), source=form.source.data,
            setting=form.setting_value(), details=form.details(), first_contact_at=form.first_contact_at(),
        )
        try:
            with savepoint():
                if person is None:
                    referral = operations.refer_new_person(PersonDetails(**form.person_values()), values,
                                                           user=current_user, submission_id=form.submission_id.data)
                else:
                    referral = operations.create_referral(person, values, user=current_user,
                                                          submission_id=form.submission_id.data)
        except DuplicateSubmission:
            raise
        except RecordRefused as error:
            show_problems(form, error.problems, _REFERRAL_FORM_FIELDS)
        except OperationError as error:
            context["error"] = str(error)
        else:
            flash("Referral saved.", "success")
            return redirect(url_for(".referral_page", referral_id=referral.public_id))
    return render_template("referrals/referral_form.html", **context), 400


def _prepare_referral_form(form, programme: str, teams, definition) -> None:
    """Choices from the user's teams and the programme definition."""
    team_choices = [SelectChoice(str(team.public_id), team.name) for team in teams]
    form.team.choices = ([SelectChoice("", "Select a team")] if len(teams) > 1 else []) + team_choices
    if len(teams) == 1 and request.method == "GET":
        form.team.data = team_choices[0].value
    intake = definition.intake
    if intake.source_label != form.source.label.text:
        form.source.label.text = intake.source_label
        form.source.required_message = intake.source_blank
        form.source.invalid_choice_message = intake.source_blank
    form.source.choices = choices(definition.referral_sources, blank=intake.source_blank)
    if hasattr(form, "setting"):
        form.setting.label.text = intake.setting_question
        form.setting.required_message = intake.setting_missing
        form.setting.invalid_choice_message = intake.setting_missing
        form.setting.choices = choices(definition.settings)


#: Where a referral check's problems are shown on the referral form.
_REFERRAL_FORM_FIELDS = {"received_at": "received_time", "first_contact_at": "first_contact_time"}


def _validate_referral(form, programme: str):
    """Validate the form's shapes, then run the person's and the referral's checks (the ones
    the importer runs) under the definition in force on the received date.
    Returns (valid, definition in force)."""
    valid = form.validate()
    definition = None
    if form.received_on.data is not None and not form.received_on.errors:
        try:
            definition = programmes.definition_on(programme, form.received_on.data)
        except NoDefinitionInForce as error:
            form.received_on.errors.append(str(error))
            valid = False
    problems = []
    if hasattr(form, "person_values"):
        problems += check_person(PersonDetails(**form.person_values()), london_today())
    if definition is not None and form.received_at() is not None:
        problems += check_referral(definition, ReferralCheckValues(
            received_at=form.received_at(), source=form.source.data or None, setting=form.setting_value(),
            first_contact_at=form.first_contact_at(), intake=form.intake_values(),
        ), now_in_london())
    elif definition is not None:
        problems += form.intake_problems()
    if problems:
        show_problems(form, problems, _REFERRAL_FORM_FIELDS)
        valid = False
    return valid, definition


def _forget_invalid_choices(form) -> None:
    """A select or radio that did not validate has no value for the eligibility preview."""
    for field in form:
        if field.errors and isinstance(field, SelectMultipleField):
            field.data = []
        elif field.errors and isinstance(field, SelectField):
            field.data = None


def _preview(form, person, definition):
    """The eligibility decision for what the form holds, or None before the date is known."""
    if definition is None or form.received_on.data is None:
        return None
    if person is None:
        date_of_birth, local_authority, person_id = form.date_of_birth.data, form.local_authority.data, None
    else:
        date_of_birth, local_authority, person_id = person.date_of_birth, person.local_authority, person.id
    return queries.check_eligibility(
        definition, date_of_birth=date_of_birth, local_authority=local_authority,
        received_on=form.received_on.data, source=form.source.data, setting=form.setting_value(),
        details=form.details(), person_id=person_id,
    )


# --- triage -----------------------------------------------------------------------------------

def _load_referral(referral_id: str) -> Referral:
    return load_scoped(Referral, referral_id, referral_scope(current_user), options=queries.referral_page_options())


def _render_referral(referral: Referral, *, decision_form=None, contact_form=None, error=None, status=200):
    pending = referral.status == "pending"
    definition = queries.definition_of(referral.programme, referral.definition_version, referral.received_on)
    if pending:
        decision = queries.referral_eligibility(referral)
        eligibility = decision.trace()
    else:
        decision, eligibility = None, referral.eligibility or {}
    can_decide = pending and current_user.role == "manager"
    if can_decide and decision_form is None:
        suggested = decision.decline_reason if decision.outcome == "not_eligible" else None
        decision_form = DecisionForm(formdata=None, data={"version": referral.version, "decline_reason": suggested})
    if contact_form is None:
        contact_form = FirstContactForm(formdata=None, data={"version": referral.version})
    person = referral.person
    age = None
    if person.date_of_birth and person.date_of_birth <= referral.received_on:
        age = programmes.age_on(person.date_of_birth, referral.received_on)
    details = referral.details or {}
    return render_template(
        "referrals/referral.html", referral=referral, person=person, age=age, definition=definition,
        programme_name=programmes.get_programme(referral.programme).name, eligibility=eligibility,
        timing=queries.triage_timing(referral), first_contact=queries.first_contact_text(referral),
        names=queries.user_names([referral.decided_by_id, referral.created_by_id]),
        source_label=label(definition.referral_sources, referral.source),
        setting_label=label(definition.settings, referral.setting),
        detail_rows=_detail_rows(definition, details), source_question=definition.intake.source_label,
        decline_label=label(vocabulary.DECLINE_REASONS, referral.decline_reason),
        labels={"sex": label(vocabulary.SEXES, person.sex),
                "ethnicity": label(vocabulary.ETHNICITIES, person.ethnicity),
                "local_authority": label(vocabulary.LOCAL_AUTHORITIES, person.local_authority)},
        decision_form=decision_form if can_decide else None, contact_form=contact_form, error=error,
        decision_hints=[term.description for term in DECISIONS],
        can_allocate=current_user.role == "manager" and referral.case is not None and referral.case.status != "closed",
    ), status


def _detail_rows(definition, details: dict) -> list[tuple[str, str]]:
    """Programme-specific facts as (question, answer) rows, in the programme's words."""
    rows = detail_rows(definition.intake, details)
    if details.get("decision_note"):
        rows.append(("Decision note", details["decision_note"]))
    if details.get("accept_override_reason"):
        rows.append(("Reason for accepting although not eligible", details["accept_override_reason"]))
    return rows


@bp.route("/referrals/<referral_id>")
@access(*CASE_READERS)
def referral_page(referral_id: str):
    referral = _load_referral(referral_id)
    record_event("referral.view", referral)
    return _render_referral(referral)


@bp.route("/referrals/<referral_id>/decision", methods=["POST"])
@access("manager")
def decision(referral_id: str):
    referral = _load_referral(referral_id)
    form = DecisionForm()
    if form.validate():
        try:
            with savepoint():
                case = operations.decide_referral(
                    referral, decision=form.decision.data, version=form.version.data, user=current_user,
                    decline_reason=form.decline_reason.data, note=form.note.data,
                    override_reason=form.override_reason.data,
                )
        except RecordRefused as error:
            show_problems(form, error.problems)
            return _render_referral(referral, decision_form=form, status=400)
        except OperationError as error:
            return _render_referral(referral, decision_form=form, error=str(error),
                                    status=409 if isinstance(error, StaleRecord) else 400)
        if form.decision.data == "hold":
            flash("The referral is still pending; nothing was changed.", "success")
            return redirect(url_for(".referral_page", referral_id=referral.public_id))
        if case is not None:
            flash("Referral accepted. The case is awaiting consent: allocate a lead worker now.", "success")
            return redirect(url_for(".allocation", case_id=case.public_id))
        flash("Referral declined.", "success")
        return redirect(url_for(".referral_page", referral_id=referral.public_id))
    return _render_referral(referral, decision_form=form, status=400)


@bp.route("/referrals/<referral_id>/first-contact", methods=["POST"])
@access(*CASE_READERS)
def first_contact(referral_id: str):
    referral = _load_referral(referral_id)
    form = FirstContactForm()
    if form.validate():
        try:
            with savepoint():
                operations.record_first_contact(referral, contact_at=form.contact_at(), version=form.version.data,
                                                user=current_user)
        except OperationError as error:
            return _render_referral(referral, contact_form=form, error=str(error),
                                    status=409 if isinstance(error, StaleRecord) else 400)
        flash("First contact recorded.", "success")
        return redirect(url_for(".referral_page", referral_id=referral.public_id))
    return _render_referral(referral, contact_form=form, status=400)


# --- consent ----------------------------------------------------------------------------------

def _case_options() -> list:
    return [joinedload(Case.person), joinedload(Case.referral), joinedload(Case.team)]


def _render_consent(case: Case, form, *, error=None, status=200):
    consents = queries.consents_of(case)
    return render_template(
        "referrals/consent.html", case=case, form=form, consents=consents, error=error,
        state=queries.consent_state(case.person.date_of_birth, consents, london_today()),
        names=queries.user_names(c.recorded_by_id for c in consents),
    ), status


@bp.route("/cases/<case_id>/consent", methods=["GET", "POST"])
@access(*CASE_READERS)
def consent(case_id: str):
    case = load_case(case_id, edit=True, options=_case_options())
    form = ConsentForm()
    if request.method == "GET":
        return _render_consent(case, form)
    previous = previous_submission(form.submission_id.data)
    if previous is not None and previous.record_type == "consents":
        flash("This consent was already recorded.", "success")
        return redirect(url_for(".consent", case_id=case.public_id))
    if form.validate():
        try:
            with savepoint():
                operations.record_consent(case, given_by=form.given_by.data, method=form.method.data,
                                          given_on=form.given_on.data, user=current_user,
                                          submission_id=form.submission_id.data)
        except DuplicateSubmission:
            raise
        except RecordRefused as refused:
            show_problems(form, refused.problems)
            return _render_consent(case, form, status=400)
        except OperationError as error:
            return _render_consent(case, form, error=str(error), status=400)
        message = "Consent recorded."
        if case.status == "open":
            message += f" The case is open from {case.started_on:%-d %B %Y}."
        flash(message, "success")
        return redirect(url_for(".consent", case_id=case.public_id))
    return _render_consent(case, form, status=400)


@bp.route("/cases/<case_id>/consent/<consent_id>/withdraw", methods=["GET", "POST"])
@access(*CASE_READERS)
def withdraw_consent(case_id: str, consent_id: str):
    case = load_case(case_id, edit=True, options=_case_options())
    record = load_scoped(Consent, consent_id, Consent.case_id == case.id)
    form = WithdrawConsentForm(data={"version": record.version} if request.method == "GET" else None)
    status, error = 200, None
    if request.method == "POST":
        status = 400
        if form.validate():
            try:
                with savepoint():
                    operations.withdraw_consent(case, record, withdrawn_on=form.withdrawn_on.data,
                                                version=form.version.data, user=current_user)
            except RecordRefused as refused:
                show_problems(form, refused.problems)
            except OperationError as exc:
                error = str(exc)
                status = 409 if isinstance(exc, StaleRecord) else 400
            else:
                flash("Consent withdrawal recorded. The case stays open until its lead worker closes it.", "success")
                return redirect(url_for(".consent", case_id=case.public_id))
    return render_template("referrals/withdraw_consent.html", case=case, consent=record, form=form,
                           error=error), status


# --- allocation -------------------------------------------------------------------------------

@bp.route("/cases/<case_id>/allocation", methods=["GET", "POST"])
@access("manager")
def allocation(case_id: str):
    case = load_case(case_id, edit=True, options=_case_options() + [joinedload(Case.lead_worker),
                                                                     joinedload(Case.navigator)])
    workers = queries.team_workers(case.team_id)
    has_navigator = operations.definition_of_case(case).has_navigator
    navigators = [worker for worker in workers if worker.role == "navigator"] if has_navigator else []
    current = {"version": case.version,
               "lead_worker": str(case.lead_worker.public_id) if case.lead_worker else None,
               "navigator": str(case.navigator.public_id) if case.navigator else None}
    form = AllocationForm(data=current if request.method == "GET" else None)
    form.lead_worker.choices = [SelectChoice("", "Select a worker")] + [
        SelectChoice(str(w.public_id), f"{w.name} ({w.role_label.lower()})") for w in workers]
    if has_navigator:
        form.navigator.choices = [SelectChoice("", "No navigator yet")] + [
            SelectChoice(str(w.public_id), w.name) for w in navigators]
    else:
        del form.navigator
    status, error = 200, None
    if request.method == "POST":
        status = 400
        if form.validate():
            by_id = {str(w.public_id): w for w in workers}
            navigator = by_id.get(form.navigator.data) if has_navigator and form.navigator.data else None
            try:
                with savepoint():
                    changed = operations.allocate(case, lead_worker=by_id[form.lead_worker.data], navigator=navigator,
                                                  version=form.version.data, user=current_user)
            except RecordRefused as refused:
                show_problems(form, refused.problems)
            except OperationError as exc:
                error = str(exc)
                status = 409 if isinstance(exc, StaleRecord) else 400
            else:
                flash("Allocation saved." if changed else "Nothing changed: the allocation is as it was.", "success")
                return redirect(url_for(".allocation", case_id=case.public_id))
    return render_template("referrals/allocation.html", case=case, form=form, error=error, has_navigator=has_navigator,
                           history=queries.allocation_history(case), workers=workers), status
