"""What evidences which outcome, and which of a definition's instruments apply."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from ..facts import AssessmentFact, CaseFacts
from ..instruments import SHARED_INSTRUMENTS, Instrument
from ..model import DefinitionVersion
from ..text import join_words


def instrument_for(definition: DefinitionVersion, code: str) -> Instrument:
    """Return an instrument the definition uses, by code (its progress check, SWEMWBS or SDQ)."""
    if code not in definition.instruments:
        raise KeyError(
            f"{definition.programme_short_name} {definition.version} does not use the instrument {code!r}"
        )
    if code == definition.progress_check.code:
        return definition.progress_check
    for instrument in SHARED_INSTRUMENTS:
        if instrument.code == code:
            return instrument
    raise KeyError(f"No instrument is defined with the code {code!r}")


def instrument_names(definition: DefinitionVersion) -> str:
    """The short names of the definition's instruments, for a sentence: ``Reach progress check, SWEMWBS or SDQ``."""
    return join_words([instrument_for(definition, code).short_name for code in definition.instruments], "or")


def completed_assessments(
    facts: CaseFacts, definition: DefinitionVersion, timepoint: str, today: date
) -> list[AssessmentFact]:
    """The case's assessments at ``timepoint`` with one of the definition's instruments, completed by
    ``today``, oldest first."""
    return sorted(
        (
            a
            for a in facts.assessments
            if a.timepoint == timepoint and a.instrument in definition.instruments and a.completed_on <= today
        ),
        key=lambda a: (a.completed_on, a.instrument),
    )


def outcomes_for_session(definition: DefinitionVersion, component_codes: Iterable[str]) -> tuple[str, ...]:
    """Return the outcome codes evidenced by an attended session covering ``component_codes``.

    These come from the definition's activity indicators.

    Includes outcomes reached by attending any session (a trusting relationship with the
    worker). Raises ``KeyError`` for a component the definition does not have.
    """
    codes = set(component_codes)
    known = {component.code for component in definition.components}
    unknown = sorted(codes - known)
    if unknown:
        raise KeyError(
            f"{definition.programme_short_name} {definition.version} has no component {', '.join(unknown)}"
        )
    found = {
        indicator.outcome_code
        for indicator in definition.indicators
        if indicator.kind == "activity" and codes & set(indicator.component_codes)
    }
    return tuple(outcome.code for outcome in definition.outcomes if outcome.code in found)


def outcomes_for_item(
    definition: DefinitionVersion, instrument_code: str, item_code: str | None = None
) -> tuple[str, ...]:
    """Return the outcome codes an instrument's item (or, with no item, its headline score) evidences.

    An item counts for outcomes mapped to it and for outcomes measured by the instrument's
    headline score (every SWEMWBS item feeds the metric score).
    """
    found = set()
    for indicator in definition.indicators:
        if indicator.kind != "measure" or indicator.instrument_code != instrument_code:
            continue
        if not indicator.item_codes or (item_code is not None and item_code in indicator.item_codes):
            found.add(indicator.outcome_code)
    return tuple(outcome.code for outcome in definition.outcomes if outcome.code in found)


def outcomes_for_record_fact(definition: DefinitionVersion, fact_code: str) -> tuple[str, ...]:
    """Return the outcome codes a record rule (for example ``no_permanent_exclusion``) evidences."""
    found = {
        indicator.outcome_code
        for indicator in definition.indicators
        if indicator.kind == "record" and indicator.record_rule == fact_code
    }
    return tuple(outcome.code for outcome in definition.outcomes if outcome.code in found)


def instruments_for_age(definition: DefinitionVersion, age: int) -> tuple[str, ...]:
    """Return the codes of the programme's instruments suitable at ``age`` (SWEMWBS from 13, SDQ up to 17)."""
    suitable = []
    for code in definition.instruments:
        instrument = instrument_for(definition, code)
        if instrument.min_age is not None and age < instrument.min_age:
            continue
        if instrument.max_age is not None and age > instrument.max_age:
            continue
        suitable.append(code)
    return tuple(suitable)
