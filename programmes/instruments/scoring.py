"""Scoring any instrument, the figure a measure compares, and pre-to-post change."""

from __future__ import annotations

from typing import Mapping

from ..text import format_number
from .answers import checked_whole_number, is_whole_number, whole_numbers
from .model import Instrument, Item, OutcomeMean, Score
from .sdq import SdqScore, score_sdq, validate_sdq


def _scale_text(instrument: Instrument) -> str:
    options = instrument.response_options
    if options:
        return f"{options[0].value} ({options[0].label}) to {options[-1].value} ({options[-1].label})"
    return f"{instrument.min_value} to {instrument.max_value}"


def validate_responses(
    instrument: Instrument, responses: Mapping[str, object], informant: str | None = None
) -> tuple[str, ...]:
    """Check a set of answers against an instrument and return every problem, in plain words.

    Every item needs an answer that is a whole number on the instrument's scale; answers to
    questions the instrument does not have are reported too. For the SDQ the answers are the
    subscale scores and ``informant`` says who completed it.
    """
    if instrument.scores_only:
        return validate_sdq(responses, informant)
    problems: list[str] = []
    for key in responses:
        if key not in instrument.item_codes:
            problems.append(f"“{key}” is not a question on the {instrument.short_name}.")
    for number, item in enumerate(instrument.items, start=1):
        value = responses.get(item.code)
        if value is None:
            problems.append(f"Question {number} (“{item.text}”) has no answer.")
        elif not is_whole_number(value):
            problems.append(
                f"Question {number} has the answer “{value}”; answers are whole numbers from"
                f" {_scale_text(instrument)}."
            )
        elif not instrument.min_value <= value <= instrument.max_value:
            problems.append(
                f"Question {number} has the answer {value}; answers go from {_scale_text(instrument)}."
            )
    return tuple(problems)


def _item_score(instrument: Instrument, item: Item, value: int) -> int:
    if item.reverse_scored:
        return instrument.min_value + instrument.max_value - value
    return value


def score(instrument: Instrument, responses: Mapping[str, object], informant: str | None = None) -> Score:
    """Score a completed instrument, turning reverse-scored items round first.

    Gives the raw total, the mean item score, the SWEMWBS metric score where the instrument has
    a conversion table, the headline figure compared pre to post, and the mean score of the items
    mapped to each outcome. For the SDQ the answers are subscale scores (see :func:`score_sdq`).
    If anything is missing or out of range the returned score lists the problems and has no figures.
    """
    if instrument.scores_only:
        sdq = score_sdq(responses, informant or "self")
        if not sdq.ok:
            return Score(instrument.code, problems=sdq.problems)
        return Score(
            instrument.code,
            total=sdq.total_difficulties,
            headline=sdq.total_difficulties,
            band=sdq.band,
            item_scores=sdq.subscales,
        )
    problems = validate_responses(instrument, responses)
    if problems:
        return Score(instrument.code, problems=problems)
    item_scores = tuple(
        (item.code, _item_score(instrument, item, checked_whole_number(responses[item.code])))
        for item in instrument.items
    )
    total = sum(value for _, value in item_scores)
    mean = total / len(item_scores)
    metric = None
    if instrument.raw_to_metric:
        metric = dict(instrument.raw_to_metric)[total]
    headline = {"mean": mean, "metric": metric, "total": total}.get(instrument.headline, mean)
    by_item = dict(item_scores)
    outcome_order: list[str] = []
    for item in instrument.items:
        for code in item.outcome_codes:
            if code not in outcome_order:
                outcome_order.append(code)
    outcome_means = []
    for code in outcome_order:
        values = [by_item[item.code] for item in instrument.items if code in item.outcome_codes]
        outcome_means.append(OutcomeMean(code, sum(values) / len(values), len(values)))
    return Score(
        instrument.code,
        total=total,
        mean=mean,
        metric=metric,
        headline=headline,
        outcome_means=tuple(outcome_means),
        item_scores=item_scores,
    )


def measure_value(
    instrument: Instrument,
    responses: Mapping[str, object],
    item_codes: tuple[str, ...] = (),
    informant: str | None = None,
) -> float | None:
    """Return the figure a measure indicator compares: the headline score, or the mean of some items.

    With ``item_codes`` empty this is the instrument's headline score. Otherwise it is the mean
    of those items after reverse scoring (for the SDQ, the sum of those subscales). Returns
    ``None`` when any needed answer is missing or invalid.
    """
    if not item_codes:
        result = score(instrument, responses, informant)
        return result.headline if result.ok else None
    if instrument.scores_only:
        subscale_scores = whole_numbers(responses.get(code) for code in item_codes)
        if subscale_scores is None or not all(0 <= value <= 10 for value in subscale_scores):
            return None
        return float(sum(subscale_scores))
    values = []
    for code in item_codes:
        value = responses.get(code)
        if not is_whole_number(value) or not instrument.min_value <= value <= instrument.max_value:
            return None
        values.append(_item_score(instrument, instrument.item(code), value))
    return sum(values) / len(values)


def classify_change(
    instrument: Instrument,
    pre: float | Score | SdqScore,
    post: float | Score | SdqScore,
    threshold: float | None = None,
) -> str:
    """Call a pre and post pair ``improved``, ``unchanged`` or ``worse``.

    The change must be at least the meaningful-change threshold (the instrument's own unless
    ``threshold`` is given) in the instrument's good direction to count as improved, or in the
    other direction to count as worse; anything smaller is unchanged. For the SDQ lower is better.
    Scores may be given as numbers or as scored results (their headline figure is used).
    """
    pre_value = _headline(pre)
    post_value = _headline(post)
    limit = instrument.meaningful_change if threshold is None else threshold
    if limit <= 0:
        raise ValueError("A meaningful-change threshold must be more than zero.")
    change = post_value - pre_value
    if not instrument.higher_is_better:
        change = -change
    change = round(change, 6)
    if change >= limit:
        return "improved"
    if change <= -limit:
        return "worse"
    return "unchanged"


def _headline(value: float | Score | SdqScore) -> float:
    if isinstance(value, (Score, SdqScore)):
        if value.headline is None:
            raise ValueError("Cannot compare a score that has problems: " + "; ".join(value.problems))
        return float(value.headline)
    return float(value)


def describe_value(instrument: Instrument, value: float) -> str:
    """Write a score for a worker: metric scores to two decimals, means to one, totals whole."""
    if instrument.headline == "metric":
        return f"{value:.2f}"
    return format_number(value, 1)
