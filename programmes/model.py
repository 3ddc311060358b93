"""What a commissioned programme is, as frozen data.

A :class:`Programme` has one or more :class:`DefinitionVersion` objects, each with the date it
takes effect. A definition version says who is eligible, what a session can deliver
(:class:`Component`), which theory-of-change :class:`Outcome` each thing maps to, how each outcome
is evidenced (:class:`Indicator`), the planned dosage, the closure rule and the logic model.
Stored records keep the version they were made under, so a return for a past year is computed
against the theory of change in force then.

Collections are tuples, never lists, so a definition cannot be changed after it is built.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable

from .intake import Intake
from .text import join_words, long_date
from .vocabulary import ClosureReason, Term

if TYPE_CHECKING:
    from .facts import CaseFacts
    from .instruments import Instrument
    from .rules import Condition, RecordResult

__all__ = [
    "AGENCIES",
    "CHILDREN_AND_YOUNG_ADULTS",
    "COMMUNITIES",
    "INDICATOR_KINDS",
    "OUTCOME_TERMS",
    "STAKEHOLDER_GROUPS",
    "AssessmentPlan",
    "Capabilities",
    "CaseRole",
    "ClosureReason",
    "ClosureRule",
    "Component",
    "DefinitionVersion",
    "DurationRequirement",
    "Eligibility",
    "EligibilityCondition",
    "Indicator",
    "LogicModel",
    "Outcome",
    "PlanRequirement",
    "PlannedDosage",
    "Programme",
    "ProgrammeActivityKind",
    "RecordRule",
    "Term",
    "activity_indicators",
]

#: Outcome terms, in theory-of-change order.
OUTCOME_TERMS = ("short", "medium", "long")

_TERM_LABELS = {"short": "Short-term", "medium": "Medium-term", "long": "Long-term"}

CHILDREN_AND_YOUNG_ADULTS = "children and young adults"
AGENCIES = "agencies"
COMMUNITIES = "communities"

#: Stakeholder groups an outcome can belong to (the Phoenix theory of change uses all three).
STAKEHOLDER_GROUPS = (CHILDREN_AND_YOUNG_ADULTS, AGENCIES, COMMUNITIES)

#: Kinds of indicator (returns.md section F).
INDICATOR_KINDS = ("activity", "measure", "record")


@dataclass(frozen=True, slots=True)
class Outcome:
    """A theory-of-change outcome.

    ``name`` is the plain wording of ``programmes.md``; ``wording`` is the theory of change's own
    words (``wording_source`` says where they come from). ``self_reportable`` marks outcomes a
    young person can speak to, which the programme's progress check must cover.
    ``evidenced_outside_case_records`` marks outcomes shown by programme-level or partner data
    rather than by one young person's record; return section F lists them as such.
    ``vrn_outcome_codes`` names the VRN overarching outcomes (``programmes.vrn``) it contributes to.
    ``maintained_counts_as_achieved`` says whether a young person who started at the best value
    and kept it (no suspensions before or during, full attendance kept, staying in education)
    counts as having achieved the outcome: true where keeping things as they are is what the
    programme works for (preventing exclusion, keeping a place in education).
    """

    code: str
    term: str
    name: str
    wording: str
    wording_source: str
    stakeholder_group: str = CHILDREN_AND_YOUNG_ADULTS
    self_reportable: bool = False
    evidenced_outside_case_records: bool = False
    vrn_outcome_codes: tuple[str, ...] = ()
    maintained_counts_as_achieved: bool = False

    @property
    def term_label(self) -> str:
        """``Short-term``, ``Medium-term`` or ``Long-term``."""
        return _TERM_LABELS[self.term]

    @property
    def short_name(self) -> str:
        """The plain wording, for tables and lists (same as ``name``)."""
        return self.name


@dataclass(frozen=True, slots=True)
class Component:
    """Something a session can deliver, the risk or protective factor it targets, and its outcomes.

    ``group`` is the theory-of-change component a Phoenix element belongs to (support,
    community, enforcement). ``delivered_in_sessions`` is false for elements recorded as events
    rather than sessions (Phoenix enforcement). ``onward_referral_service_types`` lists the D4
    service types a component usually leads to when support leaves the service.
    """

    code: str
    name: str
    targets: str
    outcome_codes: tuple[str, ...]
    group: str = ""
    delivered_in_sessions: bool = True
    onward_referral_service_types: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Code and name together, as shown to workers: ``VIP-C3 Social skills training``."""
        return f"{self.code} {self.name}"


@dataclass(frozen=True, slots=True)
class RecordRule:
    """A fact in the case record that evidences an outcome, written as a rule (returns.md F).

    ``evaluate`` is the rule itself: given the definition, a case's facts and ``today`` it says
    whether the record shows the fact. :func:`programmes.rules.evaluate_record_rule` calls it, so a
    definition brings its own rules. It takes no part in equality or ``repr``: a rule is known by
    its code and words.
    """

    code: str
    label: str
    description: str
    evaluate: Callable[[DefinitionVersion, CaseFacts, date], RecordResult] = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Indicator:
    """How one outcome is evidenced.

    - ``activity``: an attended session covering one of ``component_codes``;
    - ``measure``: ``instrument_code`` compared pre to post, on ``item_codes`` (the mean of those
      items, reverse-scored where marked) or, when ``item_codes`` is empty, on the instrument's
      headline score (SWEMWBS metric score, SDQ total difficulties);
    - ``record``: the record rule ``record_rule`` is true.
    """

    outcome_code: str
    kind: str
    description: str
    component_codes: tuple[str, ...] = ()
    instrument_code: str | None = None
    item_codes: tuple[str, ...] = ()
    record_rule: str | None = None


@dataclass(frozen=True, slots=True)
class EligibilityCondition:
    """A programme-specific eligibility condition, answered by a value in the referral's programme facts.

    With no ``allowed_values`` the fact must be ``True``; otherwise it must be the code of one of
    ``allowed_values``. The three texts are what a worker reads when it is met, not met, or not
    yet recorded; ``{value}`` in ``met_text`` is replaced by the label of the value given.
    """

    code: str
    question: str
    met_text: str
    unmet_text: str
    unknown_text: str
    allowed_values: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Eligibility:
    """Who a programme accepts on the referral date.

    ``settings`` and ``referral_sources`` list the accepted codes; an empty tuple means the
    programme does not restrict by that (Reach accepts any referral source).
    """

    min_age: int
    max_age: int
    local_authorities: tuple[str, ...]
    summary: str
    settings: tuple[str, ...] = ()
    referral_sources: tuple[str, ...] = ()
    conditions: tuple[EligibilityCondition, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseRole:
    """A role a worker can hold on a case; ``required`` roles must be filled while the case is open."""

    code: str
    label: str
    required: bool
    description: str = ""


@dataclass(frozen=True, slots=True)
class PlannedDosage:
    """Expected length and contact, used for prompts and fidelity figures (return section D3).

    ``counted_from`` is where the programme's weeks start: ``case_start``,
    ``first_attended_session`` or ``support_started``. ``max_weeks`` is ``None`` when the
    programme sets only a minimum. ``triage_within_hours`` is set when referrals must be triaged
    within a time limit (Reach).
    """

    min_weeks: int
    max_weeks: int | None
    description: str
    counted_from: str
    contact_every_days: int
    first_contact_within_hours: int
    first_contact_note: str
    no_session_alert_days: int = 14
    triage_within_hours: int | None = None


@dataclass(frozen=True, slots=True)
class AssessmentPlan:
    """When assessments are due: pre within ``pre_within_days`` of the case start, post at closure,
    follow-up about ``follow_up_after_days`` after closure (optional). The post assessment is
    prompted ``post_prompt_days_before_end`` days before the planned end."""

    timepoints: tuple[str, ...] = ("pre", "post", "follow_up")
    pre_within_days: int = 14
    follow_up_after_days: int = 91
    post_prompt_days_before_end: int = 14


@dataclass(frozen=True, slots=True)
class PlanRequirement:
    """A plan that must be on the case before a planned completion.

    ``alternative_component_code`` names a session component that satisfies the requirement
    instead (VIP: an attended VIP-C8 session counts as sustainability planning).
    """

    plan_kind: str
    condition_code: str
    label: str
    alternative_component_code: str | None = None


@dataclass(frozen=True, slots=True)
class DurationRequirement:
    """Minimum time on the programme before a planned completion, counted from ``counted_from``
    (``case_start``, ``first_attended_session`` or ``support_started``); ``explanation`` says why
    in plain words."""

    min_weeks: int
    counted_from: str
    explanation: str


@dataclass(frozen=True, slots=True)
class DosageRequirement:
    """The delivered dosage a planned completion needs: at least ``min_attended_sessions``
    attended sessions and, when ``max_gap_days`` is set, no longer than that between one attended
    session and the next (or between the last one and the closing date). ``explanation`` says
    where the figures come from, in plain words."""

    min_attended_sessions: int
    explanation: str
    max_gap_days: int | None = None


@dataclass(frozen=True, slots=True)
class EngagementRequirement:
    """Engagement a planned completion needs (Phoenix): the participant engaged in at least
    ``min_engaged_weeks_percent`` % of the whole weeks since support started (a week counts when
    it had an attended session or a contact where they engaged or met their worker), and an
    engagement status other than one of ``not_at_closure`` on the closing date."""

    min_engaged_weeks_percent: int
    not_at_closure: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class ClosureRule:
    """What must be true before a case may close as a planned completion.

    Any combination of: ``concern_free_weeks`` weeks with no behaviour concern in which the
    young person was seen (VIP), a minimum ``duration``, a delivered ``dosage``, sustained
    ``engagement`` (Phoenix), a required ``plan``, and a post assessment. These
    declared fields are what the closure panel and the programme page describe.

    ``extra_conditions`` are the programme's own conditions beyond those, checked after them in
    order: each takes the definition, the case's facts and ``today`` and returns a
    :class:`programmes.rules.Condition` with a stable ``code`` (it is stored in the closure
    trace) and a ``text`` a worker can act on. ``summary`` should mention them.
    """

    summary: str
    concern_free_weeks: int | None = None
    duration: DurationRequirement | None = None
    dosage: DosageRequirement | None = None
    engagement: EngagementRequirement | None = None
    plan: PlanRequirement | None = None
    post_assessment_required: bool = True
    extra_conditions: tuple[Callable[[DefinitionVersion, CaseFacts, date], Condition], ...] = ()


@dataclass(frozen=True, slots=True)
class LogicModel:
    """A programme's logic model: need, activities, outputs and outcomes by term.

    ``short``, ``medium`` and ``long`` hold outcome codes; :mod:`programmes.logic_model` turns
    them into words for the "About this programme" page and for returns.
    """

    need: tuple[str, ...]
    activities: tuple[str, ...]
    outputs: tuple[str, ...]
    short: tuple[str, ...]
    medium: tuple[str, ...]
    long: tuple[str, ...]
    assumptions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgrammeActivityKind:
    """A programme-level activity a manager records (not about one participant).

    ``outcome_codes`` are the agency and community outcomes it evidences.
    """

    code: str
    label: str
    outcome_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DefinitionVersion:
    """One version of a programme's definition, in force from ``effective_on`` until the next version.

    ``programme_short_name`` is the name used in sentences ("VIP accepts ages 11 to 25");
    ``instruments`` lists the instrument codes used at pre, post and follow-up, of which
    ``progress_check`` is the programme's own.
    """

    programme_code: str
    programme_short_name: str
    version: str
    effective_on: date
    adopted_note: str
    eligibility: Eligibility
    referral_sources: tuple[Term, ...]
    settings: tuple[Term, ...]
    case_roles: tuple[CaseRole, ...]
    components: tuple[Component, ...]
    outcomes: tuple[Outcome, ...]
    indicators: tuple[Indicator, ...]
    record_rules: tuple[RecordRule, ...]
    instruments: tuple[str, ...]
    progress_check: "Instrument"
    assessment_plan: AssessmentPlan
    planned_dosage: PlannedDosage
    closure_rule: ClosureRule
    closure_reasons: tuple[ClosureReason, ...]
    logic_model: LogicModel
    programme_activity_kinds: tuple[ProgrammeActivityKind, ...] = ()
    sources: tuple[str, ...] = ()
    #: The programme's own referral facts and the wording of the common ones.
    intake: Intake = Intake()

    def outcome(self, code: str) -> Outcome:
        """Return the outcome with this code; ``KeyError`` names the programme and version if absent."""
        for outcome in self.outcomes:
            if outcome.code == code:
                return outcome
        raise KeyError(f"{self.programme_code} {self.version} has no outcome {code!r}")

    def component(self, code: str) -> Component:
        """Return the session component with this code; ``KeyError`` if the definition has none."""
        for component in self.components:
            if component.code == code:
                return component
        raise KeyError(f"{self.programme_code} {self.version} has no component {code!r}")

    def record_rule(self, code: str) -> RecordRule:
        """Return the record rule with this code; ``KeyError`` if the definition does not use it."""
        for rule in self.record_rules:
            if rule.code == code:
                return rule
        raise KeyError(f"{self.programme_code} {self.version} has no record rule {code!r}")

    def outcomes_of_term(self, term: str, stakeholder_group: str | None = None) -> tuple[Outcome, ...]:
        """Return the outcomes of one term (``short``, ``medium``, ``long``).

        With ``stakeholder_group``, only the outcomes for that group.
        """
        return tuple(
            outcome
            for outcome in self.outcomes
            if outcome.term == term
            and (stakeholder_group is None or outcome.stakeholder_group == stakeholder_group)
        )

    def indicators_for(self, outcome_code: str) -> tuple[Indicator, ...]:
        """Return the indicators of one outcome, in definition order."""
        return tuple(indicator for indicator in self.indicators if indicator.outcome_code == outcome_code)

    @property
    def has_navigator(self) -> bool:
        """Whether cases of this definition have a community navigator besides the lead worker."""
        return any(role.code == "community_navigator" for role in self.case_roles)

    @property
    def session_components(self) -> tuple[Component, ...]:
        """The components a session can record (everything except event-only ones such as enforcement)."""
        return tuple(component for component in self.components if component.delivered_in_sessions)

    @property
    def label(self) -> str:
        """``VIP 2024.1 (in force from 31 January 2024)``."""
        return f"{self.programme_code} {self.version} (in force from {long_date(self.effective_on)})"


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What only some programmes have, declared by the definition instead of tested by name.

    - ``school_record``: suspensions, exclusions and attendance recorded on the case (Reach);
    - ``engagement``: contact attempts and an engagement status tracked from the first
      nomination (Phoenix), starting at ``not_yet_contacted``;
    - ``notification``: the person is told about the programme by a notification or call-in;
    - ``enforcement``: an enforcement arm that escalations go to and enforcement officers see;
    - ``support_start``: intensive support begins on a date of its own, recorded on the case,
      from which the programme's weeks count (it starts with the case until recorded).
    A community navigator is not a capability: it is a case role of the definition.
    """

    school_record: bool = False
    engagement: bool = False
    notification: bool = False
    enforcement: bool = False
    support_start: bool = False


@dataclass(frozen=True, slots=True)
class Programme:
    """A commissioned programme and everything a return's identification section needs (returns.md A)."""

    code: str
    name: str
    short_name: str
    summary: str
    versions: tuple[DefinitionVersion, ...]
    delivery_partners: tuple[str, ...]
    prevention_level: str
    yef_toolkit_strand: str
    funding_stream: str
    capabilities: Capabilities = Capabilities()


def activity_indicators(
    components: tuple[Component, ...],
    outcomes: tuple[Outcome, ...],
    any_session_outcomes: tuple[str, ...] = (),
) -> tuple[Indicator, ...]:
    """Build one activity indicator per outcome from the components that map to it.

    Outcomes in ``any_session_outcomes`` (a trusting relationship with the worker, for example)
    are reached by attending any session, so their indicator lists every session component.
    Components not delivered in sessions give no activity indicator.
    """
    session_codes = tuple(component.code for component in components if component.delivered_in_sessions)
    indicators = []
    for outcome in outcomes:
        if outcome.code in any_session_outcomes:
            indicators.append(
                Indicator(outcome.code, "activity", "Attended any session", component_codes=session_codes)
            )
            continue
        covering = [
            component
            for component in components
            if component.delivered_in_sessions and outcome.code in component.outcome_codes
        ]
        if covering:
            indicators.append(
                Indicator(
                    outcome.code,
                    "activity",
                    # Each component with its name: a worker does not know the codes by heart.
                    "Attended a session covering " + join_words([component.label for component in covering], "or"),
                    component_codes=tuple(component.code for component in covering),
                )
            )
    return tuple(indicators)


def counting_maintained(outcomes: tuple[Outcome, ...], codes: tuple[str, ...]) -> tuple[Outcome, ...]:
    """The outcomes with ``maintained_counts_as_achieved`` set on those in ``codes``.

    A definition uses it to say where keeping the best value is an achievement; an unknown
    code raises ``KeyError`` so a typo cannot silently count nothing.
    """
    known = {outcome.code for outcome in outcomes}
    unknown = sorted(set(codes) - known)
    if unknown:
        raise KeyError(f"No outcome {', '.join(unknown)} to count maintained for")
    return tuple(
        dataclasses.replace(outcome, maintained_counts_as_achieved=True) if outcome.code in codes else outcome
        for outcome in outcomes
    )
