"""The evidence a case holds for each outcome: record rules, measures and activity.

A record rule's own function (see :mod:`programmes.record_rules`) says whether the case record
shows it; this module only asks the definition for the rule and calls it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..facts import AssessmentFact, CaseFacts
from ..instruments import classify_change, describe_value, measure_value
from ..model import CHILDREN_AND_YOUNG_ADULTS, DefinitionVersion, Indicator
from ..text import join_words, plural
from .mapping import instrument_for


@dataclass(frozen=True, slots=True)
class RecordResult:
    """The result of a record rule on one case.

    ``evaluable`` is false when the record does not hold what the rule needs yet (the case
    counts as "measured" in return section F only when it is true); ``achieved`` is then ``None``.
    ``maintained`` is true when the young person started at the best value the rule can show and
    kept it (no suspensions before or during, full attendance kept, staying in full-time
    education or work): ``achieved`` is then false, because nothing improved, and the outcome's
    definition says whether maintained counts (``Outcome.maintained_counts_as_achieved``).
    """

    rule_code: str
    evaluable: bool
    achieved: bool | None
    text: str
    maintained: bool = False

    @property
    def state(self) -> str | None:
        """``improved``, ``maintained`` or ``not_improved``; ``None`` when not evaluable."""
        if not self.evaluable:
            return None
        if self.achieved:
            return "improved"
        return "maintained" if self.maintained else "not_improved"


def evaluate_record_rule(
    definition: DefinitionVersion, rule_code: str, facts: CaseFacts, today: date
) -> RecordResult:
    """Evaluate one of the definition's record rules on a case as of ``today``.

    The rule is evaluated by the function its definition declared with it. Raises ``KeyError``
    if the definition does not use the rule.
    """
    return definition.record_rule(rule_code).evaluate(definition, facts, today)


# --- Outcome evidence for the case page --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One piece of evidence for an outcome: ``kind`` is ``activity``, ``measure``, ``record`` or
    ``outside``; ``achieved`` is whether it counts (reached, improved, rule true, or maintained
    where the outcome counts maintained as achieved), ``None`` when it cannot be said yet.
    ``maintained`` marks a record line where the young person started at the best value and
    kept it, whether or not the outcome counts that as achieved."""

    kind: str
    text: str
    achieved: bool | None
    maintained: bool = False

    @property
    def state(self) -> str | None:
        """For measure and record lines: ``improved``, ``maintained`` or ``not_improved``
        (``None`` when it cannot be said yet). A maintained line is ``maintained`` even where the
        outcome counts it as achieved, so return section F can show the three apart."""
        if self.achieved is None and not self.maintained:
            return None
        if self.maintained:
            return "maintained"
        return "improved" if self.achieved else "not_improved"


@dataclass(frozen=True, slots=True)
class OutcomeEvidence:
    """What evidence a case holds so far for one outcome, for the case page's outcomes panel."""

    outcome_code: str
    outcome_name: str
    term: str
    stakeholder_group: str
    evidenced_outside_case_records: bool
    lines: tuple[EvidenceLine, ...]

    @property
    def reached(self) -> bool:
        """True when an activity indicator is met."""
        return any(line.kind == "activity" and line.achieved for line in self.lines)

    @property
    def improved(self) -> bool:
        """True when a measure improved or a record rule is true (or is maintained, where the
        outcome counts maintained as achieved)."""
        return any(line.kind in ("measure", "record") and line.achieved for line in self.lines)

    @property
    def state(self) -> str | None:
        """The outcome for return section F: ``improved`` when a measure or record line
        improved, else ``maintained`` when one shows the best value kept, else ``not_improved``
        when one could be evaluated; ``None`` when nothing is measured yet."""
        states = {line.state for line in self.lines if line.kind in ("measure", "record")} - {None}
        for state in ("improved", "maintained", "not_improved"):
            if state in states:
                return state
        return None


def _activity_line(
    definition: DefinitionVersion, indicator: Indicator, attended: int, covered: Counter[str]
) -> EvidenceLine:
    """``attended``: attended sessions so far; ``covered``: how many of them covered each component."""
    session_codes = {c.code for c in definition.session_components}
    if set(indicator.component_codes) == session_codes:
        count = attended
        if count:
            return EvidenceLine("activity", f"Activity: {plural(count, 'session')} attended.", True)
        return EvidenceLine("activity", "Activity: no sessions attended yet.", False)
    parts = []
    for code in indicator.component_codes:
        count = covered[code]
        if count:
            parts.append(f"{plural(count, 'session')} covering {definition.component(code).label}")
    if parts:
        return EvidenceLine("activity", "Activity: " + "; ".join(parts) + ".", True)
    labels = [definition.component(code).label for code in indicator.component_codes]
    return EvidenceLine("activity", f"Activity: no sessions yet covering {join_words(labels, 'or')}.", False)


def _latest(assessments: list[AssessmentFact]) -> AssessmentFact | None:
    return max(assessments, key=lambda a: a.completed_on) if assessments else None


def _measure_line(
    definition: DefinitionVersion, indicator: Indicator, facts: CaseFacts, today: date
) -> EvidenceLine:
    if indicator.instrument_code is None:
        raise KeyError(f"The measure indicator for {indicator.outcome_code} names no instrument")
    instrument = instrument_for(definition, indicator.instrument_code)
    of_instrument = [
        a for a in facts.assessments if a.instrument == instrument.code and a.completed_on <= today
    ]
    if indicator.item_codes:
        numbers = [str(instrument.item_codes.index(code) + 1) for code in indicator.item_codes]
        noun = "question" if len(numbers) == 1 else "questions"
        what = f"{instrument.short_name}, {noun} {join_words(numbers)}: average"
    else:
        score_name = {
            "metric": "metric score",
            "mean": "mean score",
            "total_difficulties": "total difficulties",
        }
        what = f"{instrument.short_name} {score_name.get(instrument.headline, 'score')}:"
    post = _latest([a for a in of_instrument if a.timepoint == "post"])
    pres = [a for a in of_instrument if a.timepoint == "pre"]
    if post is not None and instrument.scores_only:
        pres = [a for a in pres if a.informant == post.informant]
    pre = _latest(pres)
    if pre is None and post is None:
        return EvidenceLine("measure", f"Measure: no {instrument.short_name} completed yet.", None)
    pre_value = measure_value(instrument, pre.responses, indicator.item_codes, pre.informant) if pre else None
    post_value = (
        measure_value(instrument, post.responses, indicator.item_codes, post.informant) if post else None
    )
    if pre_value is not None and post_value is not None:
        change = classify_change(instrument, pre_value, post_value)
        return EvidenceLine(
            "measure",
            f"Measure: {what} {describe_value(instrument, pre_value)} at the start, "
            f"{describe_value(instrument, post_value)} at the end; {change}.",
            change == "improved",
        )
    if post is None and pre_value is not None:
        return EvidenceLine(
            "measure",
            f"Measure: {what} {describe_value(instrument, pre_value)} at the start; no post assessment yet.",
            None,
        )
    if pre is None and post_value is not None:
        return EvidenceLine(
            "measure",
            f"Measure: {what} {describe_value(instrument, post_value)} at the end; no pre assessment to"
            " compare.",
            None,
        )
    # What is left: an assessment was recorded but its answers do not give a figure.
    return EvidenceLine(
        "measure",
        f"Measure: {instrument.short_name} could not be scored; check the answers recorded.",
        None,
    )


def outcome_evidence(
    definition: DefinitionVersion, facts: CaseFacts, today: date, *, activity: bool = True
) -> tuple[OutcomeEvidence, ...]:
    """Say, outcome by outcome, what evidence the case holds so far, for the case page's outcomes panel.

    Activity lines count attended sessions covering the mapped components ("Activity: 3 sessions
    covering VIP-C3 Social skills training."); measure lines compare the latest pre and post
    assessment; record lines give the record rule's result. Outcomes for agencies and
    communities are listed as evidenced outside case records. With ``activity=False`` activity
    lines are left out (the return counts reach from sessions in SQL and needs only the others).
    """
    results = []
    if activity:
        # Counted once for every activity line: a long case has thousands of sessions.
        attended = facts.attended_sessions(today)
        covered = Counter(code for session in attended for code in session.component_codes)
    for outcome in definition.outcomes:
        lines = []
        for indicator in definition.indicators_for(outcome.code):
            if indicator.kind == "activity":
                if activity:
                    lines.append(_activity_line(definition, indicator, len(attended), covered))
            elif indicator.kind == "measure":
                lines.append(_measure_line(definition, indicator, facts, today))
            else:
                if indicator.record_rule is None:
                    raise KeyError(f"The record indicator for {outcome.code} names no record rule")
                result = evaluate_record_rule(definition, indicator.record_rule, facts, today)
                achieved = result.achieved
                if result.maintained and outcome.maintained_counts_as_achieved:
                    achieved = True
                lines.append(EvidenceLine("record", f"Record: {result.text}", achieved, result.maintained))
        if outcome.evidenced_outside_case_records:
            where = (
                "partner data such as police and hospital records"
                if outcome.stakeholder_group == CHILDREN_AND_YOUNG_ADULTS
                else "programme-level activity recorded by a manager"
            )
            lines.append(EvidenceLine("outside", f"Evidenced outside case records, by {where}.", None))
        results.append(
            OutcomeEvidence(
                outcome.code,
                outcome.name,
                outcome.term,
                outcome.stakeholder_group,
                outcome.evidenced_outside_case_records,
                tuple(lines),
            )
        )
    return tuple(results)
