"""Whether a case may close as a planned completion, condition by condition."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..facts import CaseFacts
from ..model import (
    DefinitionVersion,
    DosageRequirement,
    DurationRequirement,
    EngagementRequirement,
    PlanRequirement,
)
from ..text import day_and_month, join_words, long_date, number_word, plural
from ..vocabulary import ENGAGEMENT_STATUSES, PLAN_KINDS, label_for
from .contact import engaged_days, seen_days
from .mapping import completed_assessments, instrument_for, instrument_names

#: Unseen weeks named one by one in the run's text; beyond this they are counted.
_UNSEEN_WEEKS_NAMED = 3


@dataclass(frozen=True, slots=True)
class ConcernFreeRun:
    """The current run of concern-free weeks in which the young person was seen (VIP closure rule).

    Weeks are counted in whole weeks from the case start (the first runs from the start date to
    six days later). A week counts when the young person was seen in it (an attended session or
    a successful in-person contact, see :func:`programmes.rules.contact.seen_days`) and no
    behaviour concern was recorded in it. A week without contact neither counts nor breaks the
    run: nobody can say there were no concerns in a week in which nobody saw the young person.
    A behaviour concern restarts the count; one recorded in the week now under way restarts it
    straight away. A week counts only once it is over, so ``today`` is never yet concern-free.
    """

    weeks_needed: int
    weeks_so_far: int
    unseen_weeks: tuple[date, ...]
    last_concern_on: date | None
    case_started_on: date
    met_on: date | None
    current_week_ends_on: date
    today: date
    person_name: str = "the young person"

    @property
    def met(self) -> bool:
        """True once the run has the weeks needed."""
        return self.weeks_so_far >= self.weeks_needed

    @property
    def text(self) -> str:
        """The run in words, for example "2 of 4 concern-free weeks so far: nobody saw Avery in
        the week of 12 May." """
        name = self.person_name
        if self.last_concern_on is not None:
            since = f"the last behaviour concern was recorded on {long_date(self.last_concern_on)}"
        else:
            since = (
                f"no behaviour concern recorded since the case started on {long_date(self.case_started_on)}"
            )
        if self.met and self.met_on is not None:
            return (
                f"{number_word(self.weeks_needed).capitalize()} concern-free weeks in which {name} was seen,"
                f" completed on {long_date(self.met_on)}; {since}."
            )
        text = f"{self.weeks_so_far} of {self.weeks_needed} concern-free weeks so far"
        unseen = self.unseen_weeks
        if len(unseen) == 1:
            text += f": nobody saw {name} in the week of {day_and_month(unseen[0], self.today)}"
        elif 1 < len(unseen) <= _UNSEEN_WEEKS_NAMED:
            weeks = join_words([day_and_month(week, self.today) for week in unseen])
            text += f": nobody saw {name} in the weeks of {weeks}"
        elif unseen:
            text += (
                f": nobody saw {name} in {len(unseen)} of the weeks since"
                f" {day_and_month(unseen[0], self.today)}, the last the week of"
                f" {day_and_month(unseen[-1], self.today)}"
            )
        text += "."
        if self.last_concern_on is not None:
            text += f" The count restarted after a behaviour concern on {long_date(self.last_concern_on)}."
        if unseen:
            text += (
                " A week counts only when "
                f"{name} is seen in it (an attended session or a successful in-person contact)."
            )
        else:
            text += f" This week ends on {long_date(self.current_week_ends_on)}."
        return text


def concern_free_run(facts: CaseFacts, today: date, weeks_needed: int = 4) -> ConcernFreeRun:
    """Measure the current run of concern-free weeks in which the young person was seen, as of ``today``.

    Records after ``today`` are ignored; see :class:`ConcernFreeRun` for how weeks count.
    """
    start = facts.started_on
    seen_weeks = {(day - start).days // 7 for day in seen_days(facts, today) if day >= start}
    concerns: dict[int, date] = {}
    for s in facts.sessions:
        if s.behaviour_concern and start <= s.held_on <= today:
            week = (s.held_on - start).days // 7
            concerns[week] = max(s.held_on, concerns.get(week, s.held_on))
    complete_weeks = max(0, (today - start).days) // 7
    count, met_on = 0, None
    unseen: list[date] = []
    last_concern = None
    # The week under way (index complete_weeks) can only restart the run, never add to it.
    for week in range(complete_weeks + 1):
        week_start = start + timedelta(weeks=week)
        if week in concerns:
            count, unseen, met_on, last_concern = 0, [], None, concerns[week]
        elif week == complete_weeks:
            break
        elif week in seen_weeks:
            count += 1
            if count == weeks_needed:
                met_on = week_start + timedelta(days=7)
        else:
            unseen.append(week_start)
    return ConcernFreeRun(
        weeks_needed=weeks_needed,
        weeks_so_far=count,
        unseen_weeks=tuple(unseen),
        last_concern_on=last_concern,
        case_started_on=start,
        met_on=met_on,
        current_week_ends_on=_days_after(start + timedelta(weeks=complete_weeks), 6),
        today=today,
        person_name=facts.person_name or "the young person",
    )


def _days_after(day: date, days: int) -> date:
    """``day`` plus ``days``, or the last date there is: a closing date typed as 31 December 9999
    must end as the record check's message, not an overflow."""
    return day + timedelta(days=days) if (date.max - day).days >= days else date.max


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


def _weeks(days: int) -> str:
    """A length of time a worker reads at a glance: ``9 days``, ``3 weeks``, ``6 weeks and 2 days``."""
    weeks, rest = divmod(days, 7)
    if not weeks:
        return plural(rest, "day")
    return plural(weeks, "week") + (f" and {plural(rest, 'day')}" if rest else "")


def _dosage_condition(requirement: DosageRequirement, facts: CaseFacts, today: date) -> Condition:
    attended = [s.held_on for s in facts.attended_sessions(today)]
    needed = requirement.min_attended_sessions
    problems = []
    if len(attended) < needed:
        problems.append(f"{plural(len(attended), 'session')} attended so far; at least {needed} needed.")
    gap_text = ""
    if requirement.max_gap_days is not None and attended:
        # The break since the last session counts too: a planned completion follows delivery.
        ends = attended + [today]
        gap, after = max(((b - a).days, i) for i, (a, b) in enumerate(zip(ends, ends[1:], strict=False)))
        before = after + 1
        allowed = _weeks(requirement.max_gap_days)
        if gap > requirement.max_gap_days:
            if before == len(attended):
                problems.append(
                    f"No session attended since {long_date(ends[after])} ({_weeks(gap)}); at most {allowed}"
                    " between sessions."
                )
            else:
                problems.append(
                    f"No session attended between {long_date(ends[after])} and {long_date(ends[before])}"
                    f" ({_weeks(gap)}); at most {allowed} between sessions."
                )
        else:
            gap_text = f", never more than {allowed} apart"
    if problems:
        return Condition("dosage", False, " ".join(problems) + f" {requirement.explanation}")
    return Condition(
        "dosage", True, f"{plural(len(attended), 'session')} attended (at least {needed} needed){gap_text}."
    )


def _engagement_condition(requirement: EngagementRequirement, facts: CaseFacts, today: date) -> Condition:
    start = facts.support_started_on
    if start is None:
        return Condition(
            "sustained_engagement",
            False,
            "The date support started is not recorded, so engagement cannot be counted."
            f" {requirement.explanation}",
        )
    weeks = max(0, (today - start).days) // 7
    engaged_weeks = {(day - start).days // 7 for day in engaged_days(facts, today) if day >= start}
    engaged = sum(1 for week in range(weeks) if week in engaged_weeks)
    needed = -(-weeks * requirement.min_engaged_weeks_percent // 100)
    problems = []
    if weeks == 0:
        problems.append("No whole week of support yet, so engagement cannot be counted.")
    elif engaged < needed:
        problems.append(
            f"Engaged in {engaged} of the {plural(weeks, 'week')} since support started on"
            f" {long_date(start)}; at least {needed} needed."
        )
    status = facts.engagement_status
    if status in requirement.not_at_closure:
        problems.append(
            f"Engagement is recorded as “{label_for(ENGAGEMENT_STATUSES, status)}”; a planned completion"
            " needs the participant still engaged at closure."
        )
    if problems:
        return Condition("sustained_engagement", False, " ".join(problems) + f" {requirement.explanation}")
    return Condition(
        "sustained_engagement",
        True,
        f"Engaged in {engaged} of the {plural(weeks, 'week')} since support started (at least {needed}"
        " needed).",
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

    - VIP: four concern-free weeks in which the young person was seen (see
      :class:`ConcernFreeRun`), the minimum time and attended sessions, and sustainability
      planning (an attended VIP-C8 session or a sustainability plan);
    - Reach: at least 22 weeks from the first attended session (about six months), the delivered
      dosage (attended sessions, no break longer than allowed) and an exit plan;
    - Phoenix: at least 26 weeks since support started, engagement sustained over them and not
      refused or disengaged at closure, and a transition plan;
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
    if rule.dosage is not None:
        conditions.append(_dosage_condition(rule.dosage, facts, today))
    if rule.engagement is not None:
        conditions.append(_engagement_condition(rule.engagement, facts, today))
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
