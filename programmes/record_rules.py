"""The record rules: facts in a case record that evidence an outcome (returns.md section F, "record").

Each :class:`~programmes.model.RecordRule` here carries the function that evaluates it over a
case's :class:`~programmes.facts.CaseFacts`; :func:`programmes.rules.evaluate_record_rule` calls
it. These are the rules several programmes share: a definition lists the ones it uses in its
``record_rules`` and maps each to outcomes through its record indicators. A new rule is one
function and one ``RecordRule`` here (or in the programme's own module if only it uses the rule).
"""

from __future__ import annotations

from datetime import date, timedelta

from .facts import CaseFacts, OnwardReferralFact
from .model import DefinitionVersion, RecordRule
from .rules.closure import concern_free_run
from .rules.contact import engaged_days
from .rules.evidence import RecordResult
from .rules.reasons import term_label
from .text import join_words, plural
from .vocabulary import ETE_STATUS_RANK, ETE_STATUSES, ONWARD_REFERRAL_SERVICE_TYPES


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


#: The highest ETE rank: full-time education, training or work.
_TOP_ETE_RANK = max(rank for _, rank in ETE_STATUS_RANK)

#: Attendance at or above this is full attendance, which cannot improve.
_FULL_ATTENDANCE = 100.0


def _concern_free_four_weeks(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    run = concern_free_run(facts, today, definition.closure_rule.concern_free_weeks or 4)
    return RecordResult("concern_free_four_weeks", True, run.met, run.text)


CONCERN_FREE_FOUR_WEEKS = RecordRule(
    "concern_free_four_weeks",
    "Four concern-free weeks",
    "Four concern-free weeks in which the young person was seen (an attended session or a successful"
    " in-person contact), counted as in the VIP closure rule; a week without contact neither counts nor"
    " breaks the run.",
    _concern_free_four_weeks,
)


def _onward_referral_accepted(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    referrals = [r for r in facts.onward_referrals if r.made_on <= today]
    return _referral_rule("onward_referral_accepted", referrals, "onward referral", "onward referrals")


ONWARD_REFERRAL_ACCEPTED = RecordRule(
    "onward_referral_accepted",
    "Onward referral taken up",
    "An onward referral to a specialist or partner service was accepted.",
    _onward_referral_accepted,
)


def _positive_activity_taken_up(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
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


POSITIVE_ACTIVITY_TAKEN_UP = RecordRule(
    "positive_activity_taken_up",
    "Positive activity taken up",
    "An onward referral to sport or a positive activity was accepted.",
    _positive_activity_taken_up,
)


def _ete_improved(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    start, latest = facts.ete_status_at_start, facts.ete_status_latest
    start_rank, latest_rank = _ete_rank(start), _ete_rank(latest)
    # A status with a rank is never None; testing both lets mypy see that too.
    if start is None or latest is None or start_rank is None or latest_rank is None:
        return RecordResult(
            "ete_improved",
            False,
            None,
            "ETE status not recorded at the start and since, so change cannot be shown yet.",
        )
    better = latest_rank > start_rank
    kept = start_rank == latest_rank == _TOP_ETE_RANK
    if kept:
        verdict = "maintained"
    else:
        verdict = "better than at the start" if better else "no better than at the start"
    return RecordResult(
        "ete_improved",
        True,
        better,
        f"At the start: {_ete_label(start)}; now: {_ete_label(latest)}, {verdict}.",
        maintained=kept,
    )


ETE_IMPROVED = RecordRule(
    "ete_improved",
    "ETE status better than at start",
    "Education, training or employment status at the latest record is better than at the start "
    "(not in education, employment or training is lowest; part-time education or a reduced "
    "timetable next; full-time education, training or work highest).",
    _ete_improved,
)


def _in_ete_at_latest(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    latest = facts.ete_status_latest
    rank = _ete_rank(latest)
    if latest is None or rank is None:
        return RecordResult("in_ete_at_latest", False, None, "Current ETE status not recorded.")
    return RecordResult("in_ete_at_latest", True, rank == 2, f"Now {_ete_label(latest)}.")


IN_ETE_AT_LATEST = RecordRule(
    "in_ete_at_latest",
    "In education, training or work",
    "In full-time education, training or work at the latest record.",
    _in_ete_at_latest,
)


def _attendance_improved(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    before, latest = facts.attendance_at_referral_percent, facts.attendance_latest_percent
    if before is None or latest is None:
        return RecordResult(
            "attendance_improved", False, None, "School attendance not recorded at referral and since."
        )
    better = latest > before
    kept = before >= _FULL_ATTENDANCE and latest >= _FULL_ATTENDANCE
    verdict = "maintained" if kept else "improved" if better else "not improved"
    return RecordResult(
        "attendance_improved",
        True,
        better,
        f"School attendance {before:g}% at referral, {latest:g}% now: {verdict}.",
        maintained=kept,
    )


ATTENDANCE_IMPROVED = RecordRule(
    "attendance_improved",
    "School attendance improved",
    "School attendance at the latest record is higher than it was at referral.",
    _attendance_improved,
)


def _fewer_suspensions(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    before, during = facts.suspensions_in_six_months_before_referral, facts.suspensions_during_programme
    if before is None or during is None:
        return RecordResult(
            "fewer_suspensions",
            False,
            None,
            "Suspensions before referral and during the programme not both recorded.",
        )
    fewer = during < before
    if before == during == 0:
        return RecordResult(
            "fewer_suspensions",
            True,
            False,
            "No suspensions in the six months before referral or during the programme: maintained.",
            maintained=True,
        )
    return RecordResult(
        "fewer_suspensions",
        True,
        fewer,
        f"{plural(before, 'suspension')} in the six months before referral, {during} during the programme"
        f"{': fewer' if fewer else ': not fewer'}.",
    )


FEWER_SUSPENSIONS = RecordRule(
    "fewer_suspensions",
    "Fewer suspensions",
    "Fewer suspensions during the programme than in the six months before referral.",
    _fewer_suspensions,
)


def _no_permanent_exclusion(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
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


NO_PERMANENT_EXCLUSION = RecordRule(
    "no_permanent_exclusion",
    "No permanent exclusion",
    "No permanent exclusion while on the programme.",
    _no_permanent_exclusion,
)


def _sustained_engagement(
    definition: DefinitionVersion, facts: CaseFacts, today: date, weeks: int = 16, needed: int = 12
) -> RecordResult:
    end = min(today, facts.closed_on) if facts.closed_on else today
    start = facts.support_started_on or facts.started_on
    engaged = engaged_days(facts, end)
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


SUSTAINED_ENGAGEMENT = RecordRule(
    "sustained_engagement",
    "Sustained engagement",
    "Engaged in at least 12 of the last 16 weeks. A week counts when it had an attended session "
    "or a contact where the person engaged or met their worker.",
    _sustained_engagement,
)

#: Every record rule in the shared library, in the order returns list them.
RECORD_RULES = (
    CONCERN_FREE_FOUR_WEEKS,
    ONWARD_REFERRAL_ACCEPTED,
    POSITIVE_ACTIVITY_TAKEN_UP,
    ETE_IMPROVED,
    IN_ETE_AT_LATEST,
    ATTENDANCE_IMPROVED,
    FEWER_SUSPENSIONS,
    NO_PERMANENT_EXCLUSION,
    SUSTAINED_ENGAGEMENT,
)
