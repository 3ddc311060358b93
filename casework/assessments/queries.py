"""Reads for assessment pages: which instruments a case is offered, its assessments, and the
change since the pre assessment as plain dicts that templates (and the case page) can show.

Pages reach a case only through the scoped loaders in casework.security; every read here is
about that one case and costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

import programmes
from casework.assessments.models import Assessment
from casework.cases.facts import definition_for
from casework.cases.models import Case
from casework.db import db
from programmes import rules
from programmes.instruments import (
    SDQ_INFORMANTS,
    SDQ_SUBSCALES,
    Instrument,
    classify_change,
    score,
    score_sdq,
)
from programmes.model import DefinitionVersion
from programmes.text import format_number
from programmes.vocabulary import ASSESSMENT_TIMEPOINTS, label_for

#: What the headline figure of each kind of instrument is called, with its range.
HEADLINE_LABELS = {
    "mean": "Mean score (1 to 5)",
    "metric": "Metric score (7 to 35)",
    "total_difficulties": "Total difficulties (0 to 40)",
}

_CHANGE_LABELS = {"improved": "Improved", "unchanged": "Unchanged", "worse": "Worse"}


def instrument_of(definition: DefinitionVersion, code: str) -> Instrument | None:
    """The instrument with this code as the case's definition uses it, any known one otherwise."""
    try:
        return rules.instrument_for(definition, code)
    except KeyError:
        try:
            return programmes.get_instrument(code)
        except KeyError:
            return None


def offered_instruments(case: Case, definition: DefinitionVersion, on: date) -> list[Instrument]:
    """The instruments to offer when adding an assessment on ``on`` (one query).

    The programme's instruments that suit the young person's age that day (all of them if the
    date of birth is not known), plus any the case already has, so that a set started before a
    birthday can be finished on the same instrument.
    """
    used = set(db.session.scalars(sa.select(Assessment.instrument).where(Assessment.case_id == case.id)))
    birth = case.person.date_of_birth
    suitable = set(definition.instruments)
    if birth is not None and on >= birth:  # no age before birth: the check refuses such a date
        suitable = set(rules.instruments_for_age(definition, rules.age_on(birth, on)))
    return [rules.instrument_for(definition, code) for code in definition.instruments
            if code in suitable or code in used]


def case_assessments(case: Case) -> list[Assessment]:
    """The case's assessments with their answers, oldest first (two queries)."""
    return list(db.session.scalars(
        sa.select(Assessment).where(Assessment.case_id == case.id)
        .options(selectinload(Assessment.items))
        .order_by(Assessment.completed_on, Assessment.id)
    ))


def number(value: float | None) -> str | None:
    """A score as shown: at most two decimals, no trailing zeros (3.47, 4.5, 14)."""
    return None if value is None else format_number(float(value), 2)


def describe_change(instrument: Instrument, before: float, after: float) -> dict:
    """Classify the change from ``before`` to ``after`` and say why in words.

    Gives ``category`` (improved, unchanged, worse), ``label``, ``detail`` and ``text``, for
    example "Improved: up 0.8, more than the 0.5 that counts as a real change" (``detail`` is
    the part after the label).
    """
    category = classify_change(instrument, before, after)
    difference = round(after - before, 6)
    limit = instrument.meaningful_change
    threshold = format_number(limit, 2)
    direction = "" if instrument.higher_is_better else " (lower is better)"
    label = _CHANGE_LABELS[category]
    if difference == 0:
        detail = f"no change (a change of {threshold} counts as a real change{direction})"
    else:
        movement = f"{'up' if difference > 0 else 'down'} {format_number(abs(difference), 2)}"
        if category == "unchanged":
            reach = "less than"
        elif abs(difference) > limit:
            reach = "more than"
        else:
            reach = "reaching"
        detail = f"{movement}, {reach} the {threshold} that counts as a real change{direction}"
    return {"category": category, "label": label, "detail": detail, "text": f"{label}: {detail}"}


def _scored(instrument: Instrument, assessment: Assessment) -> dict:
    """Figures of a stored assessment, scored again from its answers (stored figures if that fails)."""
    stored = assessment.subscores or {}
    if instrument.scores_only:
        sdq = score_sdq(stored.get("subscales", {}), assessment.informant or "self")
        if sdq.ok:
            return {"headline": float(sdq.total_difficulties), "band": sdq.band_label,
                    "subscales": dict(sdq.subscales), "outcomes": {}}
    else:
        result = score(instrument, {item.item_code: item.value for item in assessment.items})
        if result.ok:
            return {"headline": float(result.headline), "band": None, "subscales": {},
                    "outcomes": {entry.outcome_code: entry.mean for entry in result.outcome_means}}
    headline = None if assessment.score is None else float(assessment.score)
    return {"headline": headline, "band": None, "subscales": dict(stored.get("subscales", {})),
            "outcomes": dict(stored.get("outcome_means", {}))}


def _outcome_name(definition: DefinitionVersion, code: str) -> str:
    try:
        return definition.outcome(code).name
    except KeyError:
        return ""


def _columns(assessments: list[Assessment]) -> list[Assessment]:
    """The pre (first), post (latest) and follow-up (latest) of one instrument, in that order."""
    chosen = []
    for timepoint in ("pre", "post", "follow_up"):
        at = [a for a in assessments if a.timepoint == timepoint]
        if at:
            chosen.append(at[0] if timepoint == "pre" else at[-1])
    return chosen


def comparison(definition: DefinitionVersion, instrument: Instrument, assessments: list[Assessment]) -> dict:
    """Pre, post and follow-up of one instrument side by side, as a plain dict for templates.

    ``columns`` holds one dict per timepoint present; ``change`` and ``follow_up_change``
    compare the post and the follow-up with the pre; ``outcomes`` gives the mean per outcome
    (progress checks), ``subscales`` the SDQ subscale scores.
    """
    chosen = _columns(sorted(assessments, key=lambda a: (a.completed_on, a.id)))
    figures = [_scored(instrument, a) for a in chosen]
    columns = []
    for assessment, scored in zip(chosen, figures, strict=True):
        informant = None
        if assessment.informant:
            try:
                informant = label_for(SDQ_INFORMANTS, assessment.informant)
            except KeyError:
                informant = assessment.informant
        columns.append({
            "timepoint": assessment.timepoint,
            "label": label_for(ASSESSMENT_TIMEPOINTS, assessment.timepoint),
            "completed_on": assessment.completed_on,
            "assessment_id": str(assessment.public_id),
            "informant": informant,
            "headline": number(scored["headline"]),
            "band": scored["band"],
        })
    by_timepoint = {a.timepoint: scored for a, scored in zip(chosen, figures, strict=True)}
    pre = by_timepoint.get("pre")

    def change_to(timepoint: str, key: str = "headline", code: str | None = None) -> dict | None:
        later = by_timepoint.get(timepoint)
        if pre is None or later is None:
            return None
        before = pre[key] if code is None else pre[key].get(code)
        after = later[key] if code is None else later[key].get(code)
        if before is None or after is None:
            return None
        return describe_change(instrument, before, after)

    outcome_codes: list[str] = []
    for scored in figures:
        for code in scored["outcomes"]:
            if code not in outcome_codes:
                outcome_codes.append(code)
    # Theory-of-change order (short, medium, long), not question order.
    order = {outcome.code: index for index, outcome in enumerate(definition.outcomes)}
    outcome_codes.sort(key=lambda code: order.get(code, len(order)))
    outcomes = [
        {
            "code": code,
            "name": _outcome_name(definition, code),
            "values": [number(scored["outcomes"].get(code)) for scored in figures],
            "change": change_to("post", "outcomes", code),
            "follow_up_change": change_to("follow_up", "outcomes", code),
        }
        for code in outcome_codes
    ]
    subscales = []
    if instrument.scores_only:
        subscales = [
            {"code": term.code, "label": term.label,
             "values": [number(scored["subscales"].get(term.code)) for scored in figures]}
            for term in SDQ_SUBSCALES
        ]
    return {
        "instrument": instrument.code,
        "name": instrument.name,
        "short_name": instrument.short_name,
        "headline_label": HEADLINE_LABELS.get(instrument.headline, "Score"),
        "higher_is_better": instrument.higher_is_better,
        "threshold_note": instrument.meaningful_change_note,
        "copyright_line": instrument.copyright_line,
        "columns": columns,
        "pre": next((c for c in columns if c["timepoint"] == "pre"), None),
        "post": next((c for c in columns if c["timepoint"] == "post"), None),
        "follow_up": next((c for c in columns if c["timepoint"] == "follow_up"), None),
        "change": change_to("post"),
        "follow_up_change": change_to("follow_up"),
        "outcomes": outcomes,
        "subscales": subscales,
    }


def comparisons_for(definition: DefinitionVersion, assessments: list[Assessment]) -> list[dict]:
    """One comparison per instrument the case has used, in the programme's instrument order.

    ``assessments`` must have their answers loaded (see :func:`case_assessments`).
    """
    by_instrument: dict[str, list[Assessment]] = {}
    for assessment in assessments:
        by_instrument.setdefault(assessment.instrument, []).append(assessment)
    order = [code for code in definition.instruments if code in by_instrument]
    order += [code for code in by_instrument if code not in order]
    result = []
    for code in order:
        instrument = instrument_of(definition, code)
        if instrument is not None:
            result.append(comparison(definition, instrument, by_instrument[code]))
    return result


def assessment_comparisons(case: Case) -> list[dict]:
    """Pre, post and follow-up side by side for each instrument used on the case (two queries).

    Plain dicts for ``assessments/_comparison.html``: instrument names, headline scores by
    timepoint, and the change since the pre classified improved, unchanged or worse.
    """
    return comparisons_for(definition_for(case), case_assessments(case))


def answer_rows(instrument: Instrument, assessment: Assessment) -> list[dict]:
    """Each question with the answer as given and, for reverse-scored questions, the score it counts as."""
    given = {item.item_code: item.value for item in assessment.items}
    labels = {option.value: option.label for option in instrument.response_options}
    rows = []
    for index, item in enumerate(instrument.items, start=1):
        value = given.get(item.code)
        scored_as = None
        if value is not None and item.reverse_scored:
            scored_as = instrument.min_value + instrument.max_value - value
        rows.append({"number": index, "text": item.text, "value": value, "label": labels.get(value, ""),
                     "reverse_scored": item.reverse_scored, "scored_as": scored_as})
    return rows
