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
from casework.operations import OperationError, check_version
from casework.referrals.models import Referral
from casework.submissions import record_submission
from casework.timezone import london_today
from programmes import rules
from programmes.instruments import Instrument, score, score_sdq
from programmes.text import long_date
from programmes.vocabulary import ASSESSMENT_TIMEPOINTS, is_code, label_for

#: Timepoints a case has at most one of, per instrument (follow-ups may be repeated).
SINGLE_TIMEPOINTS = ("pre", "post")


class AssessmentRefused(OperationError):
    """Nothing was saved; ``problems`` maps a form field to what is wrong with it.

    ``existing`` is the assessment a refused duplicate should be edited instead, if any.
    """

    def __init__(self, problems: Mapping[str, str], existing: Assessment | None = None):
        super().__init__(" ".join(problems.values()))
        self.problems = dict(problems)
        self.existing = existing


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

    The timepoint must be pre, post or follow-up and the date given. The instrument must be one
    the case's programme definition uses and suit the young person's age on the day (unless the
    case already has that instrument, so a set can be finished); the date may not be in the
    future or before the referral was received; a case has one pre and one post per instrument.
    Returns the instrument, or raises :class:`AssessmentRefused` naming the field of each
    problem. ``editing`` is the assessment being changed (it is not its own duplicate).
    """
    today = today or london_today()
    definition = definition_for(case, today)
    problems: dict[str, str] = {}
    existing = None
    instrument = None
    if instrument_code in definition.instruments:
        instrument = rules.instrument_for(definition, instrument_code)
    else:
        problems["instrument"] = "Select one of the assessments this programme uses"

    others = [
        row for row in db.session.scalars(sa.select(Assessment).where(Assessment.case_id == case.id))
        if editing is None or row.id != editing.id
    ]
    if instrument is not None and completed_on is not None:
        already_used = any(row.instrument == instrument.code for row in others)
        birth = case.person.date_of_birth
        if birth is not None and not already_used:
            age = rules.age_on(birth, completed_on)
            if instrument.code not in rules.instruments_for_age(definition, age):
                if instrument.min_age is not None and age < instrument.min_age:
                    limit = f"aged {instrument.min_age} and over"
                else:
                    limit = f"aged up to {instrument.max_age}"
                problems["instrument"] = (
                    f"The {instrument.short_name} is for young people {limit}; the young person was {age} "
                    "on the date it was completed"
                )

    if not is_code(ASSESSMENT_TIMEPOINTS, timepoint):
        problems["timepoint"] = "Select pre, post or follow-up"
    if completed_on is None:
        problems["completed_on"] = "Enter the date the assessment was completed"
    else:
        received_on = db.session.scalar(
            sa.select(Referral.received_on).where(Referral.id == case.referral_id))
        if completed_on > today:
            problems["completed_on"] = "The date completed cannot be in the future"
        elif received_on is not None and completed_on < received_on:
            problems["completed_on"] = (
                f"The date completed cannot be before the referral was received ({long_date(received_on)})"
            )

    if instrument is not None and timepoint in SINGLE_TIMEPOINTS:
        for row in sorted(others, key=lambda row: (row.completed_on, row.id)):
            if row.instrument == instrument.code and row.timepoint == timepoint:
                existing = row
                problems["timepoint"] = (
                    f"This case already has a {label_for(ASSESSMENT_TIMEPOINTS, timepoint).lower()} "
                    f"{instrument.short_name}, completed on {long_date(row.completed_on)}. "
                    "Edit that assessment instead of adding another."
                )
                break
    if problems:
        raise AssessmentRefused(problems, existing)
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
            raise AssessmentRefused({"answers": " ".join(sdq.problems)})
        subscores = {
            "subscales": dict(sdq.subscales),
            "total_difficulties": sdq.total_difficulties,
            "band": sdq.band,
            "subscale_bands": dict(sdq.subscale_bands),
        }
        return {"score": sdq.total_difficulties, "subscores": subscores}
    result = score(instrument, responses)
    if not result.ok:
        raise AssessmentRefused({"answers": " ".join(result.problems)})
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
