"""Whether a case may close as a planned completion, condition by condition."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..facts import CaseFacts
from ..model import DefinitionVersion, DurationRequirement, PlanRequirement
from ..text import join_words, long_date, number_word, ordinal_word, plural
from ..vocabulary import PLAN_KINDS, label_for
from .mapping import completed_assessments, instrument_for, instrument_names


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

    def trace(self) -> dict[str, Any]:
        """A JSON-serialisable record of the check, stored with the closure."""
        return {
            "programme": self.programme_code,
            "version": self.version,
            "checked_on": self.checked_on.isoformat(),
            "rule": self.rule_summary,
            "ok": self.ok,
            "conditions": [{"code": c.code, "met": c.met, "text": c.text} for c in self.conditions],
        }


def weeks_counted_from(counted_from: str, facts: CaseFacts, today: date) -> tuple[date | None, str]:
    """Where weeks on the programme are counted from, and how to say it."""
    if counted_from == "first_attended_session":
        return facts.first_attended_session_on(today), "the first session"
    if counted_from == "support_started":
        return facts.support_started_on, "support started"
    return facts.started_on, "the case started"


def _duration_condition(requirement: DurationRequirement, facts: CaseFacts, today: date) -> Condition:
    anchor, phrase = weeks_counted_from(requirement.counted_from, facts, today)
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


def _plan_condition(
    definition: DefinitionVersion, requirement: PlanRequirement, facts: CaseFacts, today: date
) -> Condition:
    plan_label = label_for(PLAN_KINDS, requirement.plan_kind)
    has_plan = requirement.plan_kind in facts.plan_kinds
    sessions = []
    component = None
    if requirement.alternative_component_code:
        component = definition.component(requirement.alternative_component_code)
        sessions = [s for s in facts.attended_sessions(today) if component.code in s.component_codes]
    # There are sessions only when there is a component; the ``is not None`` tests tell mypy so.
    if has_plan and component is not None and sessions:
        text = f"{plan_label} recorded, and {plural(len(sessions), 'session')} covering {component.label}."
    elif has_plan:
        text = f"{plan_label} recorded."
    elif component is not None and sessions:
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


def _post_assessment_condition(definition: DefinitionVersion, facts: CaseFacts, today: date) -> Condition:
    posts = completed_assessments(facts, definition, "post", today)
    if not posts:
        return Condition(
            "post_assessment",
            False,
            f"No post assessment yet: complete the {instrument_names(definition)} at closure.",
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
    - every programme: a post assessment completed with one of its instruments;
    - then the definition's own ``extra_conditions``, in the order it declares them.

    Other closure reasons do not need this check (see :func:`closure_allowed`).
    """
    rule = definition.closure_rule
    conditions: list[Condition] = []
    if rule.concern_free_weeks:
        run = concern_free_run(facts, today, rule.concern_free_weeks)
        conditions.append(Condition("concern_free_weeks", run.met, run.text))
    if rule.duration is not None:
        conditions.append(_duration_condition(rule.duration, facts, today))
    if rule.plan is not None:
        conditions.append(_plan_condition(definition, rule.plan, facts, today))
    if rule.post_assessment_required:
        conditions.append(_post_assessment_condition(definition, facts, today))
    conditions.extend(extra(definition, facts, today) for extra in rule.extra_conditions)
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
