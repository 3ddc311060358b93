"""The evidence a case holds for each outcome: record rules, measures and activity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from ..facts import AssessmentFact, CaseFacts, OnwardReferralFact
from ..instruments import classify_change, describe_value, measure_value
from ..model import CHILDREN_AND_YOUNG_ADULTS, DefinitionVersion, Indicator
from ..text import join_words, plural
from ..vocabulary import ENGAGED_CONTACT_RESULTS, ETE_STATUS_RANK, ETE_STATUSES, ONWARD_REFERRAL_SERVICE_TYPES
from .closure import concern_free_run
from .mapping import instrument_for
from .reasons import term_label


@dataclass(frozen=True, slots=True)
class RecordResult:
    """The result of a record rule on one case.

    ``evaluable`` is false when the record does not hold what the rule needs yet (the case
    counts as "measured" in return section F only when it is true); ``achieved`` is then ``None``.
    """

    rule_code: str
    evaluable: bool
    achieved: bool | None
    text: str


def _service_label(code: str) -> str:
    return term_label(ONWARD_REFERRAL_SERVICE_TYPES, code).lower()


def _referral_rule(
    code: str, referrals: list[OnwardReferralFact], singular: str, plural_form: str
) -> RecordResult:
    if not referrals:
        return RecordResult(code, False, None, f"No {plural_form} made yet.")
    accepted = [r for r in referrals if r.accepted]
    waiting = [r for r in referrals if r.accepted is None]
    made = f"{plural(len(referrals), singular, plural_form)} made"
    if accepted:
        services = join_words(sorted({_service_label(r.service_type) for r in accepted}))
        return RecordResult(code, True, True, f"{made}; {len(accepted)} accepted ({services}).")
    if waiting:
        return RecordResult(
            code, True, False, f"{made}; awaiting an answer on {len(waiting)}, none accepted yet."
        )
    return RecordResult(code, True, False, f"{made}; none accepted.")


def _ete_rank(code: str | None) -> int | None:
    return dict(ETE_STATUS_RANK).get(code) if code else None


def _ete_label(code: str) -> str:
    label = term_label(ETE_STATUSES, code)
    return label[0].lower() + label[1:]


def _rule_concern_free(definition, facts, today):
    run = concern_free_run(facts, today, definition.closure_rule.concern_free_weeks or 4)
    return RecordResult("concern_free_four_weeks", True, run.met, run.text)


def _rule_onward_referral(definition, facts, today):
    referrals = [r for r in facts.onward_referrals if r.made_on <= today]
    return _referral_rule("onward_referral_accepted", referrals, "onward referral", "onward referrals")


def _rule_positive_activity(definition, facts, today):
    referrals = [
        r
        for r in facts.onward_referrals
        if r.made_on <= today and r.service_type == "sport_positive_activity"
    ]
    return _referral_rule(
        "positive_activity_taken_up",
        referrals,
        "referral to sport or a positive activity",
        "referrals to sport or a positive activity",
    )


def _rule_ete_improved(definition, facts, today):
    start, latest = facts.ete_status_at_start, facts.ete_status_latest
    if _ete_rank(start) is None or _ete_rank(latest) is None:
        return RecordResult(
            "ete_improved",
            False,
            None,
            "ETE status not recorded at the start and since, so change cannot be shown yet.",
        )
    better = _ete_rank(latest) > _ete_rank(start)
    verdict = "better than at the start" if better else "no better than at the start"
    return RecordResult(
        "ete_improved",
        True,
        better,
        f"At the start: {_ete_label(start)}; now: {_ete_label(latest)}, {verdict}.",
    )


def _rule_in_ete(definition, facts, today):
    latest = facts.ete_status_latest
    rank = _ete_rank(latest)
    if rank is None:
        return RecordResult("in_ete_at_latest", False, None, "Current ETE status not recorded.")
    return RecordResult("in_ete_at_latest", True, rank == 2, f"Now {_ete_label(latest)}.")


def _rule_attendance(definition, facts, today):
    before, latest = facts.attendance_at_referral_percent, facts.attendance_latest_percent
    if before is None or latest is None:
        return RecordResult(
            "attendance_improved", False, None, "School attendance not recorded at referral and since."
        )
    better = latest > before
    return RecordResult(
        "attendance_improved",
        True,
        better,
        f"School attendance {before:g}% at referral, {latest:g}% now:"
        f" {'improved' if better else 'not improved'}.",
    )


def _rule_fewer_suspensions(definition, facts, today):
    before, during = facts.suspensions_in_six_months_before_referral, facts.suspensions_during_programme
    if before is None or during is None:
        return RecordResult(
            "fewer_suspensions",
            False,
            None,
            "Suspensions before referral and during the programme not both recorded.",
        )
    fewer = during < before
    return RecordResult(
        "fewer_suspensions",
        True,
        fewer,
        f"{plural(before, 'suspension')} in the six months before referral, {during} during the programme"
        f"{': fewer' if fewer else ': not fewer'}.",
    )


def _rule_no_permanent_exclusion(definition, facts, today):
    excluded = facts.permanently_excluded_during_programme
    if excluded is None:
        return RecordResult(
            "no_permanent_exclusion", False, None, "Not yet recorded whether there was a permanent exclusion."
        )
    if excluded:
        return RecordResult(
            "no_permanent_exclusion", True, False, "Permanently excluded during the programme."
        )
    return RecordResult("no_permanent_exclusion", True, True, "No permanent exclusion during the programme.")


def _engaged_days(facts: CaseFacts, end: date) -> set[date]:
    days = {s.held_on for s in facts.sessions if s.attended and s.held_on <= end}
    days |= {
        c.made_on
        for c in facts.engagement_contacts
        if c.result in ENGAGED_CONTACT_RESULTS and c.made_on <= end
    }
    return days


def _rule_sustained_engagement(definition, facts, today, weeks: int = 16, needed: int = 12):
    end = min(today, facts.closed_on) if facts.closed_on else today
    start = facts.support_started_on or facts.started_on
    engaged = _engaged_days(facts, end)
    total_days = (end - start).days + 1
    windows = min(weeks, max(0, total_days // 7))
    engaged_weeks = 0
    for index in range(windows):
        window_end = end - timedelta(days=7 * index)
        window_start = window_end - timedelta(days=6)
        if any(window_start <= day <= window_end for day in engaged):
            engaged_weeks += 1
    if windows < weeks:
        return RecordResult(
            "sustained_engagement",
            False,
            None,
            f"Fewer than {weeks} weeks of support so far ({plural(windows, 'week')}); engaged in"
            f" {engaged_weeks} of them.",
        )
    achieved = engaged_weeks >= needed
    return RecordResult(
        "sustained_engagement",
        True,
        achieved,
        f"Engaged in {engaged_weeks} of the last {weeks} weeks (at least {needed} needed).",
    )


_EVALUATORS: dict[str, Callable[[DefinitionVersion, CaseFacts, date], RecordResult]] = {
    "concern_free_four_weeks": _rule_concern_free,
    "onward_referral_accepted": _rule_onward_referral,
    "positive_activity_taken_up": _rule_positive_activity,
    "ete_improved": _rule_ete_improved,
    "in_ete_at_latest": _rule_in_ete,
    "attendance_improved": _rule_attendance,
    "fewer_suspensions": _rule_fewer_suspensions,
    "no_permanent_exclusion": _rule_no_permanent_exclusion,
    "sustained_engagement": _rule_sustained_engagement,
}

#: The codes of every record rule that can be evaluated (tests check this matches the catalogue).
EVALUATED_RECORD_RULES = frozenset(_EVALUATORS)


def evaluate_record_rule(
    definition: DefinitionVersion, rule_code: str, facts: CaseFacts, today: date
) -> RecordResult:
    """Evaluate one of the definition's record rules on a case as of ``today``.

    Raises ``KeyError`` if the definition does not use the rule.
    """
    definition.record_rule(rule_code)
    return _EVALUATORS[rule_code](definition, facts, today)


# --- Outcome evidence for the case page --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One piece of evidence for an outcome: ``kind`` is ``activity``, ``measure``, ``record`` or
    ``outside``; ``achieved`` is whether it counts (reached, improved, rule true), ``None`` when
    it cannot be said yet."""

    kind: str
    text: str
    achieved: bool | None


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
        """True when a measure improved or a record rule is true."""
        return any(line.kind in ("measure", "record") and line.achieved for line in self.lines)


def _activity_line(
    definition: DefinitionVersion, indicator: Indicator, attended: int, covered: Counter
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
    if (pre is not None and pre_value is None) or (post is not None and post_value is None):
        return EvidenceLine(
            "measure",
            f"Measure: {instrument.short_name} could not be scored; check the answers recorded.",
            None,
        )
    if post is None:
        return EvidenceLine(
            "measure",
            f"Measure: {what} {describe_value(instrument, pre_value)} at the start; no post assessment yet.",
            None,
        )
    if pre is None:
        return EvidenceLine(
            "measure",
            f"Measure: {what} {describe_value(instrument, post_value)} at the end; no pre assessment to"
            " compare.",
            None,
        )
    change = classify_change(instrument, pre_value, post_value)
    return EvidenceLine(
        "measure",
        f"Measure: {what} {describe_value(instrument, pre_value)} at the start, "
        f"{describe_value(instrument, post_value)} at the end; {change}.",
        change == "improved",
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
                result = evaluate_record_rule(definition, indicator.record_rule, facts, today)
                lines.append(EvidenceLine("record", f"Record: {result.text}", result.achieved))
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
