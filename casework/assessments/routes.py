"""Assessment pages: a case's assessments with the change since pre, adding one in two steps
(instrument, timepoint and date; then the answers or scores), one assessment, and editing it."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload
from wtforms.fields.choices import SelectChoice

from casework.assessments.models import Assessment
from casework.assessments.operations import (
    AssessmentRefused,
    check_assessment,
    create_assessment,
    update_assessment,
)
from casework.assessments.queries import (
    answer_rows,
    case_assessments,
    comparisons_for,
    instrument_of,
    number,
    offered_instruments,
)
from casework.audit import record_event
from casework.cases.facts import definition_for
from casework.cases.models import Case
from casework.operations import StaleRecord, savepoint
from casework.security import CASE_READERS, access, can_edit_case, load_case, load_case_record
from casework.submissions import previous_submission
from casework.timezone import london_today
from forms.assessments import AssessmentStartForm, answers_form_class
from forms.common import show_problems
from programmes.instruments import SDQ_INFORMANTS, SDQ_SUBSCALES, score_sdq
from programmes.vocabulary import ASSESSMENT_TIMEPOINTS, label_for

bp = Blueprint("assessments", __name__)

_CASE_OPTIONS = (joinedload(Case.person),)


def _show_problems(form, problems) -> None:
    """Put each refusal beside its field; a problem with the answers goes beside the first answer."""
    first_answer = next((name for name in ("informant", "question_1") if name in form), "instrument")
    show_problems(form, problems, fields={"answers": first_answer})


def _instrument_choices(case, definition, form) -> list[dict]:
    instruments = offered_instruments(case, definition, london_today())
    form.instrument.choices = [
        SelectChoice(i.code, i.name if i.short_name == i.name else f"{i.name} ({i.short_name})")
        for i in instruments
    ]
    return [{"hint": {"text": i.description}} for i in instruments]


def _render_start(case, form, status: int = 200, existing=None):
    definition = definition_for(case)
    hints = _instrument_choices(case, definition, form)
    return render_template("assessments/start.html", case=case, form=form, instrument_hints=hints,
                           existing=existing), status


@bp.route("/cases/<case_id>/assessments")
@access(*CASE_READERS)
def index(case_id: str):
    case = load_case(case_id, options=_CASE_OPTIONS)
    definition = definition_for(case)
    assessments = case_assessments(case)
    record_event("assessment.list", case, results=len(assessments))
    rows = []
    for assessment in reversed(assessments):
        instrument = instrument_of(definition, assessment.instrument)
        rows.append({
            "assessment": assessment,
            "name": instrument.short_name if instrument else assessment.instrument,
            "timepoint": label_for(ASSESSMENT_TIMEPOINTS, assessment.timepoint),
            "score": number(assessment.score),
        })
    return render_template(
        "assessments/case_assessments.html", case=case, rows=rows,
        comparisons=comparisons_for(definition, assessments), can_edit=can_edit_case(current_user, case),
    )


@bp.route("/cases/<case_id>/assessments/new", methods=["GET", "POST"])
@access(*CASE_READERS)
def new(case_id: str):
    """Step 1: instrument, timepoint and date; checked here so a duplicate is caught before the answers."""
    case = load_case(case_id, edit=True, options=_CASE_OPTIONS)
    form = AssessmentStartForm()
    if request.method == "GET":
        form.instrument.data = request.args.get("instrument", "")[:16] or None
        form.timepoint.data = request.args.get("timepoint", "")[:12] or None
        try:
            form.completed_on.data = date.fromisoformat(request.args.get("completed_on", ""))
        except ValueError:
            form.completed_on.data = None
        return _render_start(case, form)
    if not form.validate():
        return _render_start(case, form, 400)
    try:
        with savepoint():
            check_assessment(case, form.instrument.data, form.timepoint.data, form.completed_on.data)
    except AssessmentRefused as refused:
        _show_problems(form, refused.problems)
        return _render_start(case, form, 400, existing=refused.existing)
    return redirect(url_for(".answers", case_id=case.public_id, instrument=form.instrument.data,
                            timepoint=form.timepoint.data, completed_on=form.completed_on.data.isoformat()))


def _step_one_form(values: tuple[str, str, date | None]) -> AssessmentStartForm:
    """Step 1 filled in with what reached step 2, to show why it cannot go on."""
    form = AssessmentStartForm(formdata=None)
    form.instrument.data, form.timepoint.data, form.completed_on.data = values
    return form


@bp.route("/cases/<case_id>/assessments/new/answers", methods=["GET", "POST"])
@access(*CASE_READERS)
def answers(case_id: str):
    """Step 2: the answers (or SDQ scores), with the choices of step 1 carried in hidden fields."""
    case = load_case(case_id, edit=True, options=_CASE_OPTIONS)
    source = request.form if request.method == "POST" else request.args
    submitted = source.get("submission_id")
    if request.method == "POST":
        earlier = previous_submission(submitted)
        if earlier is not None:
            flash("This assessment was already saved.", "success")
            return redirect(url_for(".view", assessment_id=earlier.record_id))
    code = source.get("instrument", "")[:16]
    timepoint = source.get("timepoint", "")[:12]
    try:
        completed_on = date.fromisoformat(source.get("completed_on", "")[:10])
    except ValueError:
        completed_on = None
    try:
        with savepoint():
            instrument = check_assessment(case, code, timepoint, completed_on)
    except AssessmentRefused as refused:
        form = _step_one_form((code or None, timepoint or None, completed_on))
        _show_problems(form, refused.problems)
        return _render_start(case, form, 400, existing=refused.existing)

    form_class = answers_form_class(instrument)
    if request.method == "GET":
        form = form_class(formdata=None, instrument=code, timepoint=timepoint,
                          completed_on=completed_on.isoformat())
        return _render_answers(case, instrument, form, timepoint, completed_on)
    form = form_class()
    if not form.validate():
        return _render_answers(case, instrument, form, timepoint, completed_on, 400)
    try:
        with savepoint():
            assessment = create_assessment(
                case, current_user, instrument_code=code, timepoint=timepoint, completed_on=completed_on,
                informant=form.informant_code(), responses=form.responses(),
                submission_id=form.submission_id.data,
            )
    except AssessmentRefused as refused:
        _show_problems(form, refused.problems)
        return _render_answers(case, instrument, form, timepoint, completed_on, 400)
    flash(f"{instrument.short_name} saved.", "success")
    return redirect(url_for(".view", assessment_id=assessment.public_id))


def _render_answers(case, instrument, form, timepoint, completed_on, status: int = 200):
    return render_template(
        "assessments/answers.html", case=case, instrument=instrument, form=form,
        timepoint_label=label_for(ASSESSMENT_TIMEPOINTS, timepoint), completed_on=completed_on,
        questions=_questions(instrument, form), subscales=SDQ_SUBSCALES,
        change_url=url_for(".new", case_id=case.public_id, instrument=instrument.code, timepoint=timepoint,
                           completed_on=completed_on.isoformat()),
    ), status


def _questions(instrument, form) -> list[dict]:
    if instrument.scores_only:
        return []
    return [{"number": n, "text": item.text, "field": form[f"question_{n}"]}
            for n, item in enumerate(instrument.items, start=1)]


@bp.route("/assessments/<assessment_id>")
@access(*CASE_READERS)
def view(assessment_id: str):
    assessment, case = load_case_record(Assessment, assessment_id, options=[selectinload(Assessment.items)])
    definition = definition_for(case)
    instrument = instrument_of(definition, assessment.instrument)
    record_event("assessment.view", assessment, case_id=str(case.public_id))
    same_instrument = [a for a in case_assessments(case) if a.instrument == assessment.instrument]
    comparisons = comparisons_for(definition, same_instrument) if instrument else []
    subscores = assessment.subscores or {}
    sdq, sdq_band_label = [], None
    if instrument is not None and instrument.scores_only:
        given = subscores.get("subscales", {})
        sdq = [{"label": term.label, "value": given.get(term.code)} for term in SDQ_SUBSCALES]
        scored = score_sdq(given, assessment.informant or "self")
        sdq_band_label = scored.band_label
    informant = None
    if assessment.informant:
        informant = next((t.label for t in SDQ_INFORMANTS if t.code == assessment.informant),
                         assessment.informant)
    return render_template(
        "assessments/assessment.html", case=case, assessment=assessment, instrument=instrument,
        timepoint_label=label_for(ASSESSMENT_TIMEPOINTS, assessment.timepoint),
        answers=answer_rows(instrument, assessment) if instrument and not instrument.scores_only else [],
        sdq=sdq, sdq_band_label=sdq_band_label, informant=informant, score=number(assessment.score),
        raw_total=number(subscores.get("total")), comparisons=comparisons,
        can_edit=can_edit_case(current_user, case),
    )


@bp.route("/assessments/<assessment_id>/edit", methods=["GET", "POST"])
@access(*CASE_READERS)
def edit(assessment_id: str):
    assessment, case = load_case_record(Assessment, assessment_id, edit=True,
                                        options=[selectinload(Assessment.items)])
    definition = definition_for(case)
    instrument = instrument_of(definition, assessment.instrument)
    if instrument is None:
        return render_template("errors/error.html", title="This assessment cannot be changed here",
                               message="Its instrument is not one this service knows.", reference=None), 400
    form_class = answers_form_class(instrument, editing=True)
    if request.method == "POST":
        form = form_class()
        if form.validate():
            try:
                with savepoint():
                    update_assessment(
                        assessment, case, current_user, version=form.version.data, timepoint=form.timepoint.data,
                        completed_on=form.completed_on.data, informant=form.informant_code(),
                        responses=form.responses(),
                    )
            except StaleRecord as stale:
                flash(str(stale), "error")
                return _render_edit(case, assessment, instrument, _current_form(form_class, assessment), 409)
            except AssessmentRefused as refused:
                _show_problems(form, refused.problems)
                return _render_edit(case, assessment, instrument, form, 400)
            flash(f"{instrument.short_name} changes saved.", "success")
            return redirect(url_for(".view", assessment_id=assessment.public_id))
        return _render_edit(case, assessment, instrument, form, 400)
    return _render_edit(case, assessment, instrument, _current_form(form_class, assessment))


def _current_form(form_class, assessment):
    """The edit form filled with the assessment as it is now."""
    data = {"version": assessment.version, "timepoint": assessment.timepoint,
            "completed_on": assessment.completed_on}
    instrument = form_class.instrument_definition
    if instrument.scores_only:
        data["informant"] = assessment.informant
        for code, value in (assessment.subscores or {}).get("subscales", {}).items():
            data[code] = str(value)
    else:
        given = {item.item_code: item.value for item in assessment.items}
        for n, item in enumerate(instrument.items, start=1):
            if item.code in given:
                data[f"question_{n}"] = str(given[item.code])
    return form_class(formdata=None, data=data)


def _render_edit(case, assessment, instrument, form, status: int = 200):
    return render_template(
        "assessments/edit.html", case=case, assessment=assessment, instrument=instrument, form=form,
        questions=_questions(instrument, form), subscales=SDQ_SUBSCALES,
    ), status
