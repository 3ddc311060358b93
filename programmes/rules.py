"""The programme rules, as plain functions over plain facts.

Every rule returns a decision together with the reasons for it, written for a youth worker:
eligibility on the referral date, which definition version is in force, whether a case may close
as a planned completion, what is due or overdue on a case, and which outcomes a session, an
assessment item or a record fact evidences. Nothing here reads the clock: callers pass ``today``
(and ``now`` where the time of day matters).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from .facts import (
    AssessmentFact,
    CaseFacts,
    EngagementContactFact,
    OnwardReferralFact,
    ReferralFacts,
    SessionFact,
)
from .instruments import SHARED_INSTRUMENTS, Instrument, classify_change, describe_value, measure_value
from .model import CHILDREN_AND_YOUNG_ADULTS, DefinitionVersion, Indicator, Programme
from .text import join_words, long_date, london_date, number_word, ordinal_word, plural, time_and_date
from .vocabulary import (
    ENGAGED_CONTACT_RESULTS,
    ETE_STATUS_RANK,
    ETE_STATUSES,
    LOCAL_AUTHORITIES,
    ONWARD_REFERRAL_SERVICE_TYPES,
    PLAN_KINDS,
    label_for,
)

__all__ = [
    "Action",
    "AssessmentFact",
    "CaseFacts",
    "ClosureCheck",
    "ClosureDecision",
    "ConcernFreeRun",
    "Condition",
    "Decision",
    "EngagementContactFact",
    "EvidenceLine",
    "NoDefinitionInForce",
    "OnwardReferralFact",
    "OutcomeEvidence",
    "Reason",
    "RecordResult",
    "ReferralFacts",
    "SessionFact",
    "age_on",
    "birthday_in_year",
    "check_eligibility",
    "closure_allowed",
    "closure_check",
    "concern_free_run",
    "date_turning",
    "due_actions",
    "EVALUATED_RECORD_RULES",
    "evaluate_record_rule",
    "first_contact_deadline",
    "instrument_for",
    "instruments_for_age",
    "outcome_evidence",
    "outcomes_for_item",
    "outcomes_for_record_fact",
    "outcomes_for_session",
    "planned_end_on",
    "triage_deadline",
    "triage_due",
    "version_in_force",
]


# --- Definition versions -----------------------------------------------------------------------


class NoDefinitionInForce(LookupError):
    """Raised when a programme has no definition version in force on a date."""


def version_in_force(programme: Programme, on: date) -> DefinitionVersion:
    """Return the definition version of ``programme`` in force on ``on``.

    A version is in force from its effective date (inclusive) until the next version's effective
    date, so on the day a new version takes effect the new one applies. Raises
    :class:`NoDefinitionInForce` for a date before the first version.
    """
    candidates = [version for version in programme.versions if version.effective_on <= on]
    if not candidates:
        earliest = min(programme.versions, key=lambda version: version.effective_on)
        raise NoDefinitionInForce(
            f"No {programme.short_name} definition is in force on {long_date(on)}; the earliest version "
            f"({earliest.version}) takes effect on {long_date(earliest.effective_on)}."
        )
    return max(candidates, key=lambda version: version.effective_on)


# --- Ages --------------------------------------------------------------------------------------


def birthday_in_year(date_of_birth: date, year: int) -> date:
    """Return the birthday in ``year``; someone born on 29 February has it on 1 March in other years.

    This follows the law in England and Wales, where a person born on 29 February attains an
    age on 1 March in a year that is not a leap year.
    """
    try:
        return date_of_birth.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def date_turning(date_of_birth: date, age: int) -> date:
    """Return the date on which someone reaches ``age``."""
    return birthday_in_year(date_of_birth, date_of_birth.year + age)


def age_on(date_of_birth: date, on: date) -> int:
    """Return age in whole years on a date; the birthday itself counts (aged 11 on the 11th birthday).

    Raises ``ValueError`` when ``on`` is before the date of birth.
    """
    if on < date_of_birth:
        raise ValueError(f"{long_date(on)} is before the date of birth {long_date(date_of_birth)}.")
    age = on.year - date_of_birth.year
    if on < birthday_in_year(date_of_birth, on.year):
        age -= 1
    return age


# --- Eligibility -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason behind a decision.

    ``met`` is ``True`` or ``False``, or ``None`` when it cannot be decided yet because a fact is
    not recorded. An unmet reason carries the B2 ``decline_reason`` code to record if the
    referral is declined.
    """

    code: str
    met: bool | None
    text: str
    decline_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """An eligibility decision: ``outcome`` is ``eligible``, ``not_eligible`` or ``undecided``.

    Any unmet reason makes the referral not eligible; otherwise a reason that cannot be decided
    yet leaves it undecided.
    """

    programme_code: str
    version: str
    decided_on: date
    outcome: str
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        """True only when every reason is met."""
        return self.outcome == "eligible"

    @property
    def undecided(self) -> bool:
        """True when nothing is unmet but something is not yet recorded."""
        return self.outcome == "undecided"

    @property
    def met(self) -> tuple[Reason, ...]:
        """The reasons that are met."""
        return tuple(reason for reason in self.reasons if reason.met is True)

    @property
    def unmet(self) -> tuple[Reason, ...]:
        """The reasons that are not met."""
        return tuple(reason for reason in self.reasons if reason.met is False)

    @property
    def unknown(self) -> tuple[Reason, ...]:
        """The reasons that cannot be decided until a fact is recorded."""
        return tuple(reason for reason in self.reasons if reason.met is None)

    @property
    def decline_reason(self) -> str | None:
        """The B2 decline reason code of the first unmet reason, or ``None`` if nothing is unmet."""
        for reason in self.unmet:
            return reason.decline_reason
        return None

    @property
    def summary(self) -> str:
        """One sentence for the top of the referral page."""
        if self.eligible:
            return "Eligible: every condition is met."
        if self.outcome == "not_eligible":
            return "Not eligible: " + self.unmet[0].text
        return f"Cannot decide yet: {plural(len(self.unknown), 'fact')} still to record."

    def trace(self) -> dict:
        """A JSON-serialisable record of the decision and its reasons, to store with the referral."""
        return {
            "programme": self.programme_code,
            "version": self.version,
            "decided_on": self.decided_on.isoformat(),
            "outcome": self.outcome,
            "reasons": [
                {"code": r.code, "met": r.met, "text": r.text, "decline_reason": r.decline_reason}
                for r in self.reasons
            ],
        }


def _term_label(terms, code: str) -> str:
    for term in terms:
        if term.code == code:
            return term.label
    return code


def _age_reason(definition: DefinitionVersion, facts: ReferralFacts) -> Reason:
    rule = definition.eligibility
    name = definition.programme_short_name
    accepts = f"{name} accepts ages {rule.min_age} to {rule.max_age}."
    if facts.date_of_birth is None:
        return Reason(
            "age",
            None,
            f"Date of birth not recorded, so the age on the referral date cannot be checked; {accepts}",
        )
    if facts.date_of_birth > facts.referral_on:
        return Reason(
            "age",
            None,
            f"The date of birth ({long_date(facts.date_of_birth)}) is after the referral date "
            f"({long_date(facts.referral_on)}); check it.",
        )
    age = age_on(facts.date_of_birth, facts.referral_on)
    stated = f"Aged {age} on {long_date(facts.referral_on)}; {accepts}"
    if age < rule.min_age:
        turns = date_turning(facts.date_of_birth, rule.min_age)
        return Reason(
            "age", False, f"{stated} They turn {rule.min_age} on {long_date(turns)}.", "outside_age_range"
        )
    if age > rule.max_age:
        return Reason("age", False, stated, "outside_age_range")
    return Reason("age", True, stated)


def _area_reason(definition: DefinitionVersion, facts: ReferralFacts) -> Reason:
    rule = definition.eligibility
    name = definition.programme_short_name
    area = join_words([_term_label(LOCAL_AUTHORITIES, code) for code in rule.local_authorities], "or")
    if facts.local_authority is None:
        return Reason(
            "area",
            None,
            f"Local authority of residence not recorded; {name} works with people living in {area}.",
        )
    if facts.local_authority not in {term.code for term in LOCAL_AUTHORITIES}:
        return Reason(
            "area",
            None,
            f"“{facts.local_authority}” is not a recognised local authority; record where they live.",
        )
    if facts.local_authority in rule.local_authorities:
        return Reason(
            "area",
            True,
            f"Lives in {_term_label(LOCAL_AUTHORITIES, facts.local_authority)}, in the {name} area.",
        )
    where = _in_sentence(_term_label(LOCAL_AUTHORITIES, facts.local_authority))
    if facts.local_authority != "outside_llr":
        where = f"in {where}"
    return Reason(
        "area", False, f"Lives {where}; {name} works only with people living in {area}.", "outside_area"
    )


_PROPER_STARTS = (
    "Leicester",
    "Leicestershire",
    "Rutland",
    "Probation",
    "A&E",
    "Ingeus",
    "Turning",
    "SWEMWBS",
    "SDQ",
)


def _in_sentence(label: str) -> str:
    """A label as it reads mid-sentence.

    ``Police custody`` becomes ``police custody``; names keep their capitals.
    """
    if label.startswith(_PROPER_STARTS):
        return label
    return label[0].lower() + label[1:]


def _listed_reason(
    code: str,
    value: str | None,
    accepted: tuple[str, ...],
    terms,
    name: str,
    noun: str,
    verb: str,
) -> Reason:
    accepted_text = join_words([_in_sentence(_term_label(terms, c)) for c in accepted], "or")
    if value is None:
        return Reason(
            code, None, f"{noun.capitalize()} not recorded; {name} takes people {verb} {accepted_text}."
        )
    label = _in_sentence(_term_label(terms, value))
    if value in accepted:
        return Reason(code, True, f"{verb.capitalize()} {label}, which {name} accepts.")
    return Reason(
        code,
        False,
        f"{verb.capitalize()} {label}; {name} takes people {verb} {accepted_text}.",
        "criteria_not_met",
    )


def _condition_reasons(definition: DefinitionVersion, facts: ReferralFacts) -> list[Reason]:
    reasons = []
    for condition in definition.eligibility.conditions:
        value = facts.programme_facts.get(condition.code)
        if value is None:
            reasons.append(Reason(condition.code, None, condition.unknown_text))
        elif condition.allowed_values:
            allowed = {term.code: term.label for term in condition.allowed_values}
            if value in allowed:
                reasons.append(
                    Reason(
                        condition.code, True, condition.met_text.replace("{value}", allowed[value].lower())
                    )
                )
            else:
                reasons.append(Reason(condition.code, False, condition.unmet_text, "criteria_not_met"))
        elif value is True:
            reasons.append(Reason(condition.code, True, condition.met_text))
        else:
            reasons.append(Reason(condition.code, False, condition.unmet_text, "criteria_not_met"))
    return reasons


def check_eligibility(definition: DefinitionVersion, facts: ReferralFacts) -> Decision:
    """Decide whether a referral is eligible on its referral date, with a reason for each condition.

    Checks, in order: age on the referral date, local authority of residence, the referral
    setting (VIP) or nominating agency (Phoenix) where the programme restricts them, the
    programme's own conditions, and that there is no open case on the same programme already.
    """
    name = definition.programme_short_name
    rule = definition.eligibility
    reasons = [_age_reason(definition, facts), _area_reason(definition, facts)]
    if rule.settings:
        reasons.append(
            _listed_reason(
                "setting",
                facts.setting,
                rule.settings,
                definition.settings,
                name,
                "referral setting",
                "referred from",
            )
        )
    if rule.referral_sources:
        reasons.append(
            _listed_reason(
                "referral_source",
                facts.referral_source,
                rule.referral_sources,
                definition.referral_sources,
                name,
                "nominating agency",
                "nominated by",
            )
        )
    reasons.extend(_condition_reasons(definition, facts))
    if facts.has_open_case:
        reasons.append(
            Reason(
                "already_open",
                False,
                f"Already has an open {name} case; add to that case instead.",
                "already_open",
            )
        )
    else:
        reasons.append(Reason("already_open", True, f"No open {name} case."))
    if any(reason.met is False for reason in reasons):
        outcome = "not_eligible"
    elif any(reason.met is None for reason in reasons):
        outcome = "undecided"
    else:
        outcome = "eligible"
    return Decision(definition.programme_code, definition.version, facts.referral_on, outcome, tuple(reasons))


# --- Closure -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConcernFreeRun:
    """The current run of weeks with no behaviour concern (VIP closure rule).

    The run starts the day after the most recent session at which a behaviour concern was
    recorded, or on the case start date if there has been none. It is complete once
    ``weeks_needed`` whole weeks have passed, that is on ``run_start + 7 x weeks_needed`` days
    (``completes_on``) and after. ``today`` itself is not yet a concern-free day, because a
    concern may still be recorded for it: exactly 28 days since the run started passes, 27
    (three weeks and six days) does not.
    """

    weeks_needed: int
    run_start: date
    completes_on: date
    days_so_far: int
    last_concern_on: date | None
    case_started_on: date

    @property
    def met(self) -> bool:
        """True once the run has lasted the weeks needed."""
        return self.days_so_far >= self.weeks_needed * 7

    @property
    def weeks_so_far(self) -> int:
        """Whole concern-free weeks completed so far."""
        return self.days_so_far // 7

    @property
    def text(self) -> str:
        """The run in words.

        For example: "3 of 4 concern-free weeks so far; the fourth completes on 12 May 2025."
        """
        if self.last_concern_on is not None:
            since = f"the last behaviour concern was recorded on {long_date(self.last_concern_on)}"
        else:
            since = (
                f"no behaviour concern recorded since the case started on {long_date(self.case_started_on)}"
            )
        if self.met:
            return (
                f"{number_word(self.weeks_needed).capitalize()} consecutive concern-free weeks completed on "
                f"{long_date(self.completes_on)}; {since}."
            )
        text = (
            f"{self.weeks_so_far} of {self.weeks_needed} concern-free weeks so far; the "
            f"{ordinal_word(self.weeks_needed)} completes on {long_date(self.completes_on)}."
        )
        if self.last_concern_on is not None:
            text += f" The count restarted after a behaviour concern on {long_date(self.last_concern_on)}."
        return text


def concern_free_run(facts: CaseFacts, today: date, weeks_needed: int = 4) -> ConcernFreeRun:
    """Measure the current run of concern-free weeks on a case as of ``today``.

    Sessions after ``today`` are ignored. A behaviour concern at any session (attended or not)
    restarts the count from the following day.
    """
    concerns = [s.held_on for s in facts.sessions if s.behaviour_concern and s.held_on <= today]
    last = max(concerns) if concerns else None
    run_start = facts.started_on if last is None else max(facts.started_on, last + timedelta(days=1))
    days = max(0, (today - run_start).days)
    return ConcernFreeRun(
        weeks_needed=weeks_needed,
        run_start=run_start,
        completes_on=run_start + timedelta(days=7 * weeks_needed),
        days_so_far=days,
        last_concern_on=last,
        case_started_on=facts.started_on,
    )


@dataclass(frozen=True, slots=True)
class Condition:
    """One closure condition and whether it is met, in words."""

    code: str
    met: bool
    text: str


@dataclass(frozen=True, slots=True)
class ClosureCheck:
    """The closure check for a planned completion: ``ok`` when every condition is met."""

    programme_code: str
    version: str
    checked_on: date
    rule_summary: str
    ok: bool
    conditions: tuple[Condition, ...]

    @property
    def met(self) -> tuple[Condition, ...]:
        """The conditions that are met."""
        return tuple(condition for condition in self.conditions if condition.met)

    @property
    def unmet(self) -> tuple[Condition, ...]:
        """The conditions that are not met yet."""
        return tuple(condition for condition in self.conditions if not condition.met)

    def trace(self) -> dict:
        """A JSON-serialisable record of the check, stored with the closure."""
        return {
            "programme": self.programme_code,
            "version": self.version,
            "checked_on": self.checked_on.isoformat(),
            "rule": self.rule_summary,
            "ok": self.ok,
            "conditions": [{"code": c.code, "met": c.met, "text": c.text} for c in self.conditions],
        }


def _anchor(counted_from: str, facts: CaseFacts, today: date) -> tuple[date | None, str]:
    """Where weeks on the programme are counted from, and how to say it."""
    if counted_from == "first_attended_session":
        return facts.first_attended_session_on(today), "the first session"
    if counted_from == "support_started":
        return facts.support_started_on, "support started"
    return facts.started_on, "the case started"


def _duration_condition(definition: DefinitionVersion, facts: CaseFacts, today: date) -> Condition:
    requirement = definition.closure_rule.duration
    anchor, phrase = _anchor(requirement.counted_from, facts, today)
    needed = requirement.min_weeks
    if anchor is None:
        if requirement.counted_from == "first_attended_session":
            text = (
                f"No session attended yet, so the {needed} weeks have not started. {requirement.explanation}"
            )
        else:
            text = (
                f"The date support started is not recorded, so the {needed} weeks cannot be counted."
                f" {requirement.explanation}"
            )
        return Condition("time_on_programme", False, text)
    reached_on = anchor + timedelta(weeks=needed)
    weeks = max(0, (today - anchor).days) // 7
    since = f"{plural(weeks, 'week')} since {phrase} on {long_date(anchor)}"
    if today >= reached_on:
        return Condition("time_on_programme", True, f"{since}; at least {needed} needed.")
    return Condition(
        "time_on_programme",
        False,
        f"{since}. {requirement.explanation} That is reached on {long_date(reached_on)}.",
    )


def _plan_condition(definition: DefinitionVersion, facts: CaseFacts, today: date) -> Condition:
    requirement = definition.closure_rule.plan
    plan_label = label_for(PLAN_KINDS, requirement.plan_kind)
    has_plan = requirement.plan_kind in facts.plan_kinds
    sessions = []
    component = None
    if requirement.alternative_component_code:
        component = definition.component(requirement.alternative_component_code)
        sessions = [s for s in facts.attended_sessions(today) if component.code in s.component_codes]
    if has_plan and sessions:
        text = f"{plan_label} recorded, and {plural(len(sessions), 'session')} covering {component.label}."
    elif has_plan:
        text = f"{plan_label} recorded."
    elif sessions:
        text = (
            f"{requirement.label} has taken place: {plural(len(sessions), 'session')} covering"
            f" {component.label}."
        )
    elif component is not None:
        text = (
            f"No {requirement.label.lower()} yet: record a session covering {component.label} "
            f"or add a {plan_label.lower()}."
        )
    else:
        text = f"No {plan_label.lower()} recorded yet; add one before closing."
    return Condition(requirement.condition_code, bool(has_plan or sessions), text)


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


def _instrument_names(definition: DefinitionVersion) -> str:
    return join_words([instrument_for(definition, code).short_name for code in definition.instruments], "or")


def _completed(
    facts: CaseFacts, definition: DefinitionVersion, timepoint: str, today: date
) -> list[AssessmentFact]:
    return sorted(
        (
            a
            for a in facts.assessments
            if a.timepoint == timepoint and a.instrument in definition.instruments and a.completed_on <= today
        ),
        key=lambda a: (a.completed_on, a.instrument),
    )


def _post_assessment_condition(definition: DefinitionVersion, facts: CaseFacts, today: date) -> Condition:
    posts = _completed(facts, definition, "post", today)
    if not posts:
        return Condition(
            "post_assessment",
            False,
            f"No post assessment yet: complete the {_instrument_names(definition)} at closure.",
        )
    done = join_words([
        f"{instrument_for(definition, a.instrument).short_name} on {long_date(a.completed_on)}" for a in posts
    ])
    return Condition("post_assessment", True, f"Post assessment completed: {done}.")


def closure_check(definition: DefinitionVersion, facts: CaseFacts, today: date) -> ClosureCheck:
    """Check whether a case may close as a planned completion on ``today``, condition by condition.

    - VIP: four consecutive concern-free weeks (see :class:`ConcernFreeRun`) and sustainability
      planning (an attended VIP-C8 session or a sustainability plan);
    - Reach: at least 22 weeks from the first attended session (about six months) and an exit plan;
    - Phoenix: at least 26 weeks since support started and a transition plan;
    - every programme: a post assessment completed with one of its instruments.

    Other closure reasons do not need this check (see :func:`closure_allowed`).
    """
    rule = definition.closure_rule
    conditions: list[Condition] = []
    if rule.concern_free_weeks:
        run = concern_free_run(facts, today, rule.concern_free_weeks)
        conditions.append(Condition("concern_free_weeks", run.met, run.text))
    if rule.duration is not None:
        conditions.append(_duration_condition(definition, facts, today))
    if rule.plan is not None:
        conditions.append(_plan_condition(definition, facts, today))
    if rule.post_assessment_required:
        conditions.append(_post_assessment_condition(definition, facts, today))
    return ClosureCheck(
        programme_code=definition.programme_code,
        version=definition.version,
        checked_on=today,
        rule_summary=rule.summary,
        ok=all(condition.met for condition in conditions),
        conditions=tuple(conditions),
    )


@dataclass(frozen=True, slots=True)
class ClosureDecision:
    """Whether a case may close with a given reason; ``overridden`` when a manager approved a
    planned completion that did not meet the rule."""

    allowed: bool
    overridden: bool
    reasons: tuple[str, ...]


def closure_allowed(
    definition: DefinitionVersion,
    check: ClosureCheck,
    closure_reason: str,
    manager_override_reason: str | None = None,
) -> ClosureDecision:
    """Decide whether a case may close with ``closure_reason``.

    Any reason other than planned completion may always be recorded. A planned completion needs
    the closure check to pass, unless a manager gives a written reason for overriding it (the
    caller checks that the person is a manager).
    """
    reason = next((r for r in definition.closure_reasons if r.code == closure_reason), None)
    if reason is None:
        valid = ", ".join(r.code for r in definition.closure_reasons)
        return ClosureDecision(
            False, False, (f"“{closure_reason}” is not a closure reason; choose one of: {valid}.",)
        )
    if not reason.planned_completion:
        return ClosureDecision(
            True, False, (f"Closing as “{reason.label}”; the planned completion conditions do not apply.",)
        )
    if check.ok:
        return ClosureDecision(True, False, ("Every planned completion condition is met.",))
    unmet = tuple(condition.text for condition in check.unmet)
    written = (manager_override_reason or "").strip()
    if written:
        return ClosureDecision(
            True,
            True,
            (
                (
                    "Closing as a planned completion although"
                    f" {plural(len(unmet), 'condition is', 'conditions are')} not met; a manager recorded"
                    f" why: {written}"
                ),
            )
            + unmet,
        )
    return ClosureDecision(
        False,
        False,
        (
            (
                "Cannot close as a planned completion:"
                f" {plural(len(unmet), 'condition is', 'conditions are')} not met."
            ),
        )
        + unmet
        + ("A manager can approve it with a written reason, or choose another closure reason.",),
    )


# --- Due and overdue actions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Action:
    """Something due on a case, for caseload pages.

    ``urgency`` runs from 1 (for information) to 5 (most urgent); lists are sorted most urgent
    first, then by due date. ``due_at`` is set when the time of day matters (first contact, triage).
    """

    code: str
    label: str
    due_on: date
    overdue: bool
    urgency: int
    detail: str = ""
    due_at: datetime | None = None


def first_contact_deadline(definition: DefinitionVersion, received_at: datetime) -> datetime:
    """Return when first contact is due: the referral time plus the programme's first-contact hours."""
    return received_at + timedelta(hours=definition.planned_dosage.first_contact_within_hours)


def triage_deadline(definition: DefinitionVersion, received_at: datetime) -> datetime | None:
    """Return when a referral must be triaged (Reach: within 24 hours).

    ``None`` when the programme sets no triage limit.
    """
    hours = definition.planned_dosage.triage_within_hours
    if hours is None:
        return None
    return received_at + timedelta(hours=hours)


def _past(deadline: datetime, now: datetime | None, today: date) -> bool:
    if now is not None and (now.tzinfo is None) == (deadline.tzinfo is None):
        return now > deadline
    return today > london_date(deadline)


def triage_due(
    definition: DefinitionVersion, received_at: datetime, now: datetime, today: date | None = None
) -> Action | None:
    """Return the triage action for a referral awaiting a decision.

    ``None`` when the programme sets no triage limit.
    """
    deadline = triage_deadline(definition, received_at)
    if deadline is None:
        return None
    overdue = _past(deadline, now, today or london_date(now))
    hours = definition.planned_dosage.triage_within_hours
    label = (
        f"Triage overdue: it was due by {time_and_date(deadline)}"
        if overdue
        else f"Triage referral by {time_and_date(deadline)}"
    )
    return Action(
        "triage_due",
        label,
        london_date(deadline),
        overdue,
        5 if overdue else 4,
        f"{definition.programme_short_name} referrals are triaged within {hours} hours of being received.",
        deadline,
    )


def planned_end_on(definition: DefinitionVersion, facts: CaseFacts, today: date) -> date | None:
    """Return the planned end of a case: its start point plus the planned length.

    The start point is the programme's (case start, first attended session, support start),
    falling back to the case start when that is not recorded yet. The length is the planned
    maximum, or the minimum where the programme sets no maximum (Phoenix).
    """
    dosage = definition.planned_dosage
    anchor, _ = _anchor(dosage.counted_from, facts, today)
    anchor = anchor or facts.started_on
    weeks = dosage.max_weeks if dosage.max_weeks is not None else dosage.min_weeks
    return anchor + timedelta(weeks=weeks)


def due_actions(
    definition: DefinitionVersion, facts: CaseFacts, today: date, now: datetime | None = None
) -> tuple[Action, ...]:
    """List what is due or overdue on an open case, most urgent first.

    - ``first_contact_due``: no first contact recorded; due within the programme's first-contact
      hours of the referral (VIP 48 hours, Reach 5 days, Phoenix 14 days).
    - ``pre_assessment_due``: no pre assessment; due within 14 days of the case start.
    - ``no_session``: no attended session for the alert period (14 days), counted from the last
      attended session or, if none, the case start.
    - ``past_planned_length``: the case has run longer than the planned maximum.
    - ``post_assessment_due``: no post assessment, and either every other closure condition is
      met or the planned end is within 14 days (overdue once the planned end has passed).
    - ``ready_to_close``: the closure check for a planned completion passes.

    A closed case has no actions. Pass ``now`` to judge hour-based deadlines to the minute;
    without it they are judged by date.
    """
    if facts.closed_on is not None and facts.closed_on <= today:
        return ()
    dosage = definition.planned_dosage
    plan = definition.assessment_plan
    name = definition.programme_short_name
    actions: list[Action] = []

    if facts.first_contact_at is None and facts.referral_received_at is not None:
        deadline = first_contact_deadline(definition, facts.referral_received_at)
        overdue = _past(deadline, now, today)
        label = (
            f"First contact overdue: it was due by {time_and_date(deadline)}"
            if overdue
            else f"First contact due by {time_and_date(deadline)}"
        )
        actions.append(
            Action(
                "first_contact_due",
                label,
                london_date(deadline),
                overdue,
                5 if overdue else 4,
                dosage.first_contact_note,
                deadline,
            )
        )

    if not _completed(facts, definition, "pre", today):
        due = facts.started_on + timedelta(days=plan.pre_within_days)
        overdue = today > due
        label = (
            f"Pre assessment overdue: it was due by {long_date(due)}"
            if overdue
            else f"Pre assessment due by {long_date(due)}"
        )
        actions.append(
            Action(
                "pre_assessment_due",
                label,
                due,
                overdue,
                3 if overdue else 2,
                f"Complete the {_instrument_names(definition)} within {plan.pre_within_days} days of the"
                " start.",
            )
        )

    if facts.started_on <= today:
        last = facts.last_attended_session_on(today)
        reference = last or facts.started_on
        days = (today - reference).days
        if days >= dosage.no_session_alert_days:
            detail = (
                f"The last attended session was on {long_date(last)}."
                if last
                else f"No session has been attended since the case started on {long_date(facts.started_on)}."
            )
            actions.append(
                Action(
                    "no_session",
                    f"No session for {days} days",
                    reference + timedelta(days=dosage.no_session_alert_days),
                    True,
                    4,
                    detail + f" {name} expects contact about every {dosage.contact_every_days} days.",
                )
            )

    anchor, _ = _anchor(dosage.counted_from, facts, today)
    anchor = anchor or facts.started_on
    if dosage.max_weeks is not None:
        end = anchor + timedelta(weeks=dosage.max_weeks)
        if today > end:
            weeks = (today - anchor).days // 7
            actions.append(
                Action(
                    "past_planned_length",
                    f"Past the planned length: {plural(weeks, 'week')} on {name} (planned {dosage.min_weeks}"
                    f" to {dosage.max_weeks} weeks)",
                    end,
                    True,
                    3,
                    dosage.description,
                )
            )

    check = closure_check(definition, facts, today)
    if not _completed(facts, definition, "post", today):
        otherwise_met = all(c.met for c in check.conditions if c.code != "post_assessment")
        planned_end = planned_end_on(definition, facts, today)
        near_end = today >= planned_end - timedelta(days=plan.post_prompt_days_before_end)
        if otherwise_met or near_end:
            overdue = today > planned_end
            if overdue:
                label = f"Post assessment overdue: the planned end was {long_date(planned_end)}"
            elif otherwise_met:
                label = "Post assessment due: every other closure condition is met"
            else:
                label = f"Post assessment due by the planned end on {long_date(planned_end)}"
            actions.append(
                Action(
                    "post_assessment_due",
                    label,
                    today if otherwise_met and not overdue else planned_end,
                    overdue,
                    3 if overdue else 2,
                    f"Complete the {_instrument_names(definition)} with the young person before closing.",
                )
            )

    if check.ok:
        actions.append(
            Action(
                "ready_to_close",
                "Ready to close as a planned completion",
                today,
                False,
                1,
                "Every planned completion condition is met.",
            )
        )

    return tuple(sorted(actions, key=lambda action: (-action.urgency, action.due_on, action.code)))


# --- What evidences which outcome --------------------------------------------------------------


def outcomes_for_session(definition: DefinitionVersion, component_codes) -> tuple[str, ...]:
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


# --- Record rules ------------------------------------------------------------------------------


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
    return _term_label(ONWARD_REFERRAL_SERVICE_TYPES, code).lower()


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
    label = _term_label(ETE_STATUSES, code)
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
