"""Writing assessments: check the instrument, timepoint and date, score the answers with
programmes.instruments, store the headline score and one row per answer as given."""

from __future__ import annotations

from datetime import date
from typing import Mapping

import sqlalchemy as sa

from casework.assessments.models import Assessment, AssessmentItem
from casework.audit import record_event
from casework.cases.facts import definition_for
from casework.cases.models import Case
from casework.db import db, utcnow
from casework.operations import RecordRefused, check_version
from casework.referrals.models import Referral
from casework.submissions import record_submission
from casework.timezone import london_today
from programmes.checks.assessment import (
    AssessmentContext,
    AssessmentValues,
    EarlierAssessment,
    duplicate_of,
    instrument_of,
)
from programmes.checks.assessment import check_assessment as run_check
from programmes.instruments import Instrument, score, score_sdq
from programmes.problems import Problem


class AssessmentRefused(RecordRefused):
    """Nothing was saved; ``problems`` are the check's (:class:`programmes.problems.Problem`).

    ``existing`` is the assessment a refused duplicate should be edited instead, if any.
    """

    def __init__(self, problems, existing: Assessment | None = None):
        super().__init__(problems)
        self.existing = existing


def _context(case: Case, editing: Assessment | None, today: date | None) -> tuple[AssessmentContext, list]:
    """What the assessment check needs to know about the case, and the case's other assessments."""
    today = today or london_today()
    others = [
        row for row in db.session.scalars(sa.select(Assessment).where(Assessment.case_id == case.id))
        if editing is None or row.id != editing.id
    ]
    return AssessmentContext(
        definition=definition_for(case, today),
        today=today,
        received_on=db.session.scalar(sa.select(Referral.received_on).where(Referral.id == case.referral_id)),
        date_of_birth=case.person.date_of_birth,
        others=tuple(EarlierAssessment(row.instrument, row.timepoint, row.completed_on)
                     for row in sorted(others, key=lambda row: (row.completed_on, row.id))),
    ), others


def check_assessment(
    case: Case,
    instrument_code: str,
    timepoint: str,
    completed_on: date | None,
    *,
    editing: Assessment | None = None,
    today: date | None = None,
) -> Instrument:
    """Check that the instrument, timepoint and completion date can be recorded on this case.

    Runs :func:`programmes.checks.assessment.check_assessment` over the case's surroundings.
    Returns the instrument, or raises :class:`AssessmentRefused` with every problem (and the
    assessment a duplicate should be edited instead). ``editing`` is the assessment being
    changed (it is not its own duplicate).
    """
    context, others = _context(case, editing, today)
    values = AssessmentValues(instrument_code, timepoint, completed_on)
    problems = run_check(values, context)
    if problems:
        earlier = duplicate_of(values, context)
        existing = None
        if earlier is not None:
            existing = next(row for row in others if (row.instrument, row.timepoint, row.completed_on)
                            == (earlier.instrument, earlier.timepoint, earlier.completed_on))
        raise AssessmentRefused(problems, existing)
    instrument = instrument_of(values, context)
    assert instrument is not None  # the check refuses an instrument the definition does not use
    return instrument


def scored_fields(instrument: Instrument, responses: Mapping[str, object], informant: str | None) -> dict:
    """Score the answers and return the stored figures: ``score`` (the headline) and ``subscores``.

    Progress checks keep the raw total, the mean and the mean per outcome ({outcome_code: mean});
    SWEMWBS the raw total and the metric score; the SDQ its subscales, total difficulties and
    bands. Raises :class:`AssessmentRefused` if the answers cannot be scored.
    """
    if instrument.scores_only:
        sdq = score_sdq(responses, informant or "")
        if not sdq.ok:
            raise AssessmentRefused([Problem("answers", " ".join(sdq.problems))])
        subscores = {
            "subscales": dict(sdq.subscales),
            "total_difficulties": sdq.total_difficulties,
            "band": sdq.band,
            "subscale_bands": dict(sdq.subscale_bands),
        }
        return {"score": sdq.total_difficulties, "subscores": subscores}
    result = score(instrument, responses)
    if not result.ok:
        raise AssessmentRefused([Problem("answers", " ".join(result.problems))])
    subscores: dict = {"total": result.total, "mean": result.mean}
    if result.metric is not None:
        subscores["metric"] = result.metric
    if result.outcome_means:
        subscores["outcome_means"] = {entry.outcome_code: entry.mean for entry in result.outcome_means}
    return {"score": round(result.headline, 2), "subscores": subscores}


def _set_items(assessment: Assessment, instrument: Instrument, responses: Mapping[str, object]) -> None:
    """One row per answer, as given (before reverse scoring); the SDQ keeps no item rows."""
    if instrument.scores_only:
        assessment.items = []
        return
    current = {item.item_code: item for item in assessment.items}
    for code in instrument.item_codes:
        value = int(responses[code])
        if code in current:
            current[code].value = value
        else:
            assessment.items.append(AssessmentItem(item_code=code, value=value))
    for code, item in current.items():
        if code not in instrument.item_codes:
            assessment.items.remove(item)


def create_assessment(
    case: Case,
    user,
    *,
    instrument_code: str,
    timepoint: str,
    completed_on: date | None,
    informant: str | None,
    responses: Mapping[str, object],
    submission_id: str | None,
) -> Assessment:
    """Record a completed assessment on a case, scored, with one row per answer.

    Refuses (:class:`AssessmentRefused`) an instrument the programme does not use or that does
    not suit the young person's age, a second pre or post of the same instrument, a date in the
    future or before the referral, and answers that cannot be scored.
    """
    instrument = check_assessment(case, instrument_code, timepoint, completed_on)
    figures = scored_fields(instrument, responses, informant)
    assessment = Assessment(
        case_id=case.id,
        instrument=instrument.code,
        timepoint=timepoint,
        completed_on=completed_on,
        informant=informant if instrument.scores_only else None,
        score=figures["score"],
        subscores=figures["subscores"],
        recorded_by_id=user.id,
    )
    _set_items(assessment, instrument, responses)
    db.session.add(assessment)
    db.session.flush()
    record_submission(submission_id, assessment, user)
    record_event(
        "assessment.create", assessment, case_id=str(case.public_id), instrument=instrument.code,
        timepoint=timepoint, answers=len(assessment.items),
    )
    return assessment


def update_assessment(
    assessment: Assessment,
    case: Case,
    user,
    *,
    version,
    timepoint: str,
    completed_on: date | None,
    informant: str | None,
    responses: Mapping[str, object],
) -> Assessment:
    """Change an assessment's timepoint, date and answers, and score it again.

    Refuses a stale version (someone saved it since the form was opened), and anything
    :func:`create_assessment` refuses. The instrument cannot change.
    """
    check_version(assessment, version)
    instrument = check_assessment(case, assessment.instrument, timepoint, completed_on, editing=assessment)
    figures = scored_fields(instrument, responses, informant)
    before = {
        "timepoint": assessment.timepoint,
        "completed_on": assessment.completed_on,
        "informant": assessment.informant,
        "answers": {item.item_code: item.value for item in assessment.items},
        "subscales": dict((assessment.subscores or {}).get("subscales", {})),
    }
    assessment.timepoint = timepoint
    assessment.completed_on = completed_on
    assessment.informant = informant if instrument.scores_only else None
    assessment.score = figures["score"]
    assessment.subscores = figures["subscores"]
    _set_items(assessment, instrument, responses)
    # Always touch the row so its version moves on even when only answer rows changed.
    assessment.updated_at = utcnow()
    after_answers = {item.item_code: item.value for item in assessment.items}
    changed = [name for name in ("timepoint", "completed_on", "informant")
               if before[name] != getattr(assessment, name)]
    if before["answers"] != after_answers or before["subscales"] != figures["subscores"].get("subscales", {}):
        changed.append("answers")
    db.session.flush()
    record_event(
        "assessment.update", assessment, case_id=str(case.public_id), instrument=instrument.code,
        timepoint=timepoint, fields=changed,
    )
    return assessment
