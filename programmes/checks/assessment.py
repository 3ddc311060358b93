"""The rules of an assessment's instrument, timepoint and completion date.

The answers themselves are checked and scored by :mod:`programmes.instruments`; this check says
whether this instrument can be recorded on this case at this timepoint on this day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..instruments import Instrument
from ..model import DefinitionVersion
from ..problems import Problem
from ..rules import age_on, instrument_for, instruments_for_age
from ..text import join_words, long_date
from ..vocabulary import ASSESSMENT_TIMEPOINTS, is_code, label_for

__all__ = [
    "SINGLE_TIMEPOINTS",
    "AssessmentContext",
    "AssessmentValues",
    "EarlierAssessment",
    "check_assessment",
    "duplicate_of",
    "instrument_of",
]

#: Timepoints a case has at most one of, per instrument (follow-ups may be repeated).
SINGLE_TIMEPOINTS = ("pre", "post")


@dataclass(frozen=True, slots=True)
class AssessmentValues:
    """What was given: the instrument's code, the timepoint's code and the day it was completed."""

    instrument: str
    timepoint: str
    completed_on: date | None


@dataclass(frozen=True, slots=True)
class EarlierAssessment:
    """An assessment the case already has (not the one being changed)."""

    instrument: str
    timepoint: str
    completed_on: date


@dataclass(frozen=True, slots=True)
class AssessmentContext:
    """What the rules need to know about the case.

    ``others`` are the case's other assessments; ``also_used`` the instruments the case gets
    elsewhere (earlier rows of the same import file), which lift the age rule as ``others`` do.
    """

    definition: DefinitionVersion
    today: date
    received_on: date | None
    date_of_birth: date | None
    others: tuple[EarlierAssessment, ...] = ()
    also_used: frozenset[str] = frozenset()


def instrument_of(values: AssessmentValues, context: AssessmentContext) -> Instrument | None:
    """The instrument the values name, if the case's programme definition uses it."""
    if values.instrument in context.definition.instruments:
        return instrument_for(context.definition, values.instrument)
    return None


def duplicate_of(values: AssessmentValues, context: AssessmentContext) -> EarlierAssessment | None:
    """The earliest assessment of the case with the same instrument at the same pre or post timepoint."""
    if values.timepoint not in SINGLE_TIMEPOINTS:
        return None
    same = [row for row in context.others
            if row.instrument == values.instrument and row.timepoint == values.timepoint]
    return min(same, key=lambda row: row.completed_on, default=None)


def _age_problem(instrument: Instrument, age: int, context: AssessmentContext) -> str | None:
    if instrument.code in instruments_for_age(context.definition, age):
        return None
    if instrument.min_age is not None and age < instrument.min_age:
        limit = f"aged {instrument.min_age} and over"
    else:
        limit = f"aged up to {instrument.max_age}"
    return (f"The {instrument.short_name} is for young people {limit}; the young person was {age} "
            "on the date it was completed")


def _date_problem(completed_on: date, context: AssessmentContext) -> str | None:
    if completed_on > context.today:
        return "The date completed cannot be in the future"
    birth = context.date_of_birth
    if birth is not None and completed_on < birth:
        return f"The date completed cannot be before the young person's date of birth ({long_date(birth)})"
    if context.received_on is not None and completed_on < context.received_on:
        return f"The date completed cannot be before the referral was received ({long_date(context.received_on)})"
    return None


def check_assessment(values: AssessmentValues, context: AssessmentContext) -> list[Problem]:
    """Every problem with recording this instrument, timepoint and date on the case.

    The instrument must be one the programme definition uses and suit the young person's age on
    the day (unless the case already has that instrument, so a set can be finished); the
    timepoint is pre, post or follow-up; the date is given, not in the future, not before the
    young person's date of birth nor before the referral was received; a case has one pre and
    one post per instrument.
    """
    problems: list[Problem] = []
    instrument = instrument_of(values, context)
    completed_on = values.completed_on
    if instrument is None:
        codes = join_words(list(context.definition.instruments), "or")
        problems.append(Problem("instrument", f"Select one of the assessments this programme uses: {codes}"))
    elif completed_on is not None and context.date_of_birth is not None and completed_on >= context.date_of_birth:
        used = {row.instrument for row in context.others} | context.also_used
        message = None if instrument.code in used else _age_problem(
            instrument, age_on(context.date_of_birth, completed_on), context)
        if message:
            problems.append(Problem("instrument", message))

    if not is_code(ASSESSMENT_TIMEPOINTS, values.timepoint):
        problems.append(Problem("timepoint", "Select pre, post or follow-up"))
    elif instrument is not None:
        earlier = duplicate_of(values, context)
        if earlier is not None:
            problems.append(Problem("timepoint", (
                f"This case already has a {label_for(ASSESSMENT_TIMEPOINTS, values.timepoint).lower()} "
                f"{instrument.short_name}, completed on {long_date(earlier.completed_on)}. "
                "Edit that assessment instead of adding another.")))

    if completed_on is None:
        problems.append(Problem("completed_on", "Enter the date the assessment was completed"))
    else:
        message = _date_problem(completed_on, context)
        if message:
            problems.append(Problem("completed_on", message))
    return problems
