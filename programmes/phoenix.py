"""Phoenix, the Phoenix Programme: focused deterrence for an identified cohort.

Multi-agency: Leicestershire Police, the Probation Service, the city and county Youth Justice
Services, and Ingeus community navigators. Source: the Phoenix theory of change attached to FOI
0008/24 (seed 001) and the Phoenix summary in the VRN's March 2024 strategy update (seed 004).

The theory of change has outcomes for three stakeholder groups. Outcomes for children and young
adults (PHX-S, PHX-M, PHX-L) are evidenced by participant records. Outcomes for agencies
(PHX-AS, PHX-AM, PHX-AL) and communities (PHX-KS, PHX-KM, PHX-KL) are evidenced by programme-level
activity a manager records (:data:`PROGRAMME_ACTIVITY_KINDS`), not by one participant's record.

This module is the definition: who is eligible, how the service runs and what counts as done.
The theory of change it draws on (components, outcomes, progress-check items, logic model) is
transcribed in :mod:`programmes.phoenix_theory`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from . import record_rules
from .instruments import SDQ, SWEMWBS, item_indicators, progress_check
from .intake import Intake, IntakeField, IntakeRule
from .model import (
    AssessmentPlan,
    Capabilities,
    CaseRole,
    ClosureRule,
    DefinitionVersion,
    DurationRequirement,
    Eligibility,
    EligibilityCondition,
    EngagementRequirement,
    Indicator,
    PlannedDosage,
    PlanRequirement,
    Programme,
    activity_indicators,
)
from .phoenix_theory import (
    COMPONENTS,
    LOGIC_MODEL,
    OUTCOMES,
    PARTICIPANT_OUTCOMES,
    PROGRAMME_ACTIVITY_KINDS,
    PROGRESS_CHECK_ITEMS,
    TOC,
)
from .vocabulary import (
    CLOSURE_REASONS,
    COHORT_TIERS,
    LLR_LOCAL_AUTHORITIES,
    NOMINATING_AGENCIES,
    NOTIFICATION_METHODS,
)

CODE = "PHOENIX"

PROGRESS_CHECK = progress_check("PHX-PC", CODE, "Phoenix", PROGRESS_CHECK_ITEMS)

RECORD_RULES = (
    record_rules.SUSTAINED_ENGAGEMENT,
    record_rules.ONWARD_REFERRAL_ACCEPTED,
    record_rules.POSITIVE_ACTIVITY_TAKEN_UP,
    record_rules.ETE_IMPROVED,
)

INDICATORS = (
    activity_indicators(COMPONENTS, PARTICIPANT_OUTCOMES, any_session_outcomes=("PHX-S2",))
    + item_indicators(PROGRESS_CHECK)
    + (
        Indicator(
            "PHX-M1", "measure", "SWEMWBS metric score, compared pre to post", instrument_code="SWEMWBS"
        ),
        Indicator(
            "PHX-M1",
            "measure",
            "SDQ total difficulties, compared pre to post (under 18s)",
            instrument_code="SDQ",
        ),
        Indicator(
            "PHX-S2",
            "record",
            record_rules.SUSTAINED_ENGAGEMENT.description,
            record_rule="sustained_engagement",
        ),
        Indicator(
            "PHX-S3",
            "record",
            record_rules.ONWARD_REFERRAL_ACCEPTED.description,
            record_rule="onward_referral_accepted",
        ),
        Indicator(
            "PHX-M3",
            "record",
            record_rules.POSITIVE_ACTIVITY_TAKEN_UP.description,
            record_rule="positive_activity_taken_up",
        ),
        Indicator("PHX-M4", "record", record_rules.ETE_IMPROVED.description, record_rule="ete_improved"),
    )
)


def _eligibility_facts(details: Mapping[str, Any]) -> dict[str, Any]:
    """Someone recorded as not a cohort member has no tier the eligibility condition accepts."""
    facts = dict(details)
    if details.get("cohort_member") is False:
        facts["cohort_tier"] = "not_in_cohort"
    return facts


def _tier_only_for_members(values: Mapping[str, Any]) -> str | None:
    if values.get("cohort_member") is False and values.get("cohort_tier"):
        return "Leave the cohort tier blank: the person is not a cohort member."
    return None


#: What Phoenix asks at nomination: the cohort and how the person will be told.
INTAKE = Intake(
    heading="Phoenix: cohort nomination",
    fields=(
        IntakeField(
            "cohort_member", "Is the person a member of the identified cohort?", "yes_no",
            "Whether the person is a cohort member", "Cohort member",
            import_description="Whether the person is a member of the identified cohort.",
        ),
        IntakeField(
            "cohort_tier", "Cohort tier", "choice", "Cohort tier", "Cohort tier", choices=COHORT_TIERS,
            hint=(
                "Influential members are heavily involved in serious violence and drug supply; network members"
                " regularly interact with them."
            ),
            import_description="Blank when not a cohort member.",
        ),
        IntakeField(
            "notification_method", "How they will be told about Phoenix (optional)", "choice",
            "Notification method", "Notification method", choices=NOTIFICATION_METHODS,
            blank_choice="Not decided yet", blank_text="Not decided",
            import_description="How the person will be told about Phoenix.",
        ),
    ),
    rules=(IntakeRule("cohort_tier", _tier_only_for_members),),
    source_label="Nominating agency",
    source_blank="Select the nominating agency",
    source_detail="nominating_agency",
    eligibility_facts=_eligibility_facts,
)

VERSION_2024_1 = DefinitionVersion(
    programme_code=CODE,
    programme_short_name="Phoenix",
    version="2024.1",
    effective_on=date(2024, 1, 31),
    adopted_note="Current theory of change, adopted by the VRN partnership on 31 January 2024.",
    eligibility=Eligibility(
        min_age=10,
        max_age=65,
        local_authorities=LLR_LOCAL_AUTHORITIES,
        summary=(
            "Members of the identified cohort aged 10 to 65 living in Leicester, Leicestershire or Rutland,"
            " nominated by a partner agency, with their tier in the cohort recorded (influential member or"
            " network member)."
        ),
        referral_sources=tuple(term.code for term in NOMINATING_AGENCIES),
        conditions=(
            EligibilityCondition(
                "cohort_tier",
                "Which tier of the identified cohort is the person in?",
                met_text="A member of the identified cohort ({value}).",
                unmet_text=(
                    "Not a member of the identified cohort; Phoenix works only with influential members and"
                    " network members."
                ),
                unknown_text="Cohort tier not yet recorded (influential member or network member).",
                allowed_values=COHORT_TIERS,
            ),
        ),
    ),
    referral_sources=NOMINATING_AGENCIES,
    settings=(),
    case_roles=(
        CaseRole("lead_worker", "Lead worker", True, "Leads the participant's support plan."),
        CaseRole(
            "community_navigator",
            "Community navigator",
            True,
            "Ingeus navigator with lived experience who builds positive networks.",
        ),
        CaseRole(
            "manager",
            "Manager",
            False,
            "Oversees the case and may approve a closure that does not meet the rule.",
        ),
    ),
    components=COMPONENTS,
    outcomes=OUTCOMES,
    indicators=INDICATORS,
    record_rules=RECORD_RULES,
    instruments=("PHX-PC", SWEMWBS.code, SDQ.code),
    progress_check=PROGRESS_CHECK,
    assessment_plan=AssessmentPlan(),
    planned_dosage=PlannedDosage(
        min_weeks=26,
        max_weeks=None,
        description=(
            "At least six months of intensive, tailored, trauma-informed support from the day support starts,"
            " usually with weekly contact, ending with a transition plan and a community support package."
        ),
        counted_from="support_started",
        contact_every_days=7,
        first_contact_within_hours=336,
        first_contact_note=(
            "Initial engagement (a home visit with the family for under-18s, a call-in for young adults) is"
            " due within 14 days of nomination; navigators record every contact attempt."
        ),
    ),
    closure_rule=ClosureRule(
        summary=(
            "At least 26 weeks since intensive support started (recorded on the case), engagement sustained"
            " over them (engaged in at least three weeks in four) and not refused or disengaged at closure, a"
            " transition plan recorded, and a post assessment completed."
        ),
        duration=DurationRequirement(
            26,
            "support_started",
            "Phoenix support lasts at least six months, so a planned completion needs at least 26 weeks.",
        ),
        # Sustained engagement is a short-term outcome of the theory of change (PHX-S2, seed 001);
        # three weeks in four is the share the sustained-engagement record rule asks (12 of 16).
        engagement=EngagementRequirement(
            75,
            ("refused", "disengaged"),
            "Phoenix support needs engagement sustained over the support period: a week counts when it"
            " had an attended session or a contact where the participant engaged or met their worker.",
        ),
        plan=PlanRequirement("transition", "transition_plan", "Transition plan"),
    ),
    closure_reasons=CLOSURE_REASONS,
    logic_model=LOGIC_MODEL,
    programme_activity_kinds=PROGRAMME_ACTIVITY_KINDS,
    sources=(TOC, "programmes.md, Phoenix section"),
    intake=INTAKE,
)

PROGRAMME = Programme(
    code=CODE,
    name="The Phoenix Programme",
    short_name="Phoenix",
    summary=(
        "A focused deterrence programme for an identified cohort connected to an organised crime group, an"
        " urban street gang and the network of criminally active young people around them. A multi-agency"
        " team with community navigators offers a concrete, tailored package of support built on hope,"
        " opportunity and connection; when participants refuse to engage or harm continues, enforcement and"
        " disruption follow."
    ),
    versions=(VERSION_2024_1,),
    delivery_partners=(
        "Leicestershire Police",
        "Probation Service",
        "Leicester City Council Youth Justice Service",
        "Leicestershire County Council Youth Justice Service",
        "Ingeus (community navigators)",
    ),
    prevention_level="tertiary",
    yef_toolkit_strand="Focused deterrence",
    funding_stream="Home Office Violence Reduction Unit grant to the VRN",
    capabilities=Capabilities(engagement=True, notification=True, enforcement=True, support_start=True),
)
