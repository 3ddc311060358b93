"""Phoenix, the Phoenix Programme: focused deterrence for an identified cohort.

Multi-agency: Leicestershire Police, the Probation Service, the city and county Youth Justice
Services, and Ingeus community navigators. Source: the Phoenix theory of change attached to FOI
0008/24 (seed 001) and the Phoenix summary in the VRN's March 2024 strategy update (seed 004).

The theory of change has outcomes for three stakeholder groups. Outcomes for children and young
adults (PHX-S, PHX-M, PHX-L) are evidenced by participant records. Outcomes for agencies
(PHX-AS, PHX-AM, PHX-AL) and communities (PHX-KS, PHX-KM, PHX-KL) are evidenced by programme-level
activity a manager records (:data:`PROGRAMME_ACTIVITY_KINDS`), not by one participant's record.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from . import record_rules
from .instruments import SDQ, SWEMWBS, Item, item_indicators, progress_check
from .model import (
    Capabilities,
    AGENCIES,
    COMMUNITIES,
    AssessmentPlan,
    CaseRole,
    ClosureRule,
    Component,
    DefinitionVersion,
    DurationRequirement,
    Eligibility,
    EligibilityCondition,
    Indicator,
    LogicModel,
    Outcome,
    PlannedDosage,
    PlanRequirement,
    Programme,
    ProgrammeActivityKind,
    activity_indicators,
)
from .intake import Intake, IntakeField, IntakeRule
from .vocabulary import (
    CLOSURE_REASONS,
    COHORT_TIERS,
    LLR_LOCAL_AUTHORITIES,
    NOMINATING_AGENCIES,
    NOTIFICATION_METHODS,
)

CODE = "PHOENIX"
TOC = "Phoenix Programme theory of change (FOI 0008/24, Document 3)"

COMPONENTS = (
    Component(
        "PHX-C1",
        "Individual capital",
        "Education, training and employment, social and living skills, trauma support.",
        ("PHX-M1", "PHX-M4"),
        group="support",
        onward_referral_service_types=("ete", "mental_health"),
    ),
    Component(
        "PHX-C2",
        "Social capital",
        "Job opportunities, housing, family support and pro-social activity.",
        ("PHX-S3", "PHX-M2", "PHX-M3", "PHX-M4"),
        group="support",
        onward_referral_service_types=("ete", "housing", "family_support", "sport_positive_activity"),
    ),
    Component(
        "PHX-C3",
        "Practical and emotional support",
        "Immediate practical help and emotional support.",
        ("PHX-S1", "PHX-S3", "PHX-M1", "PHX-M5"),
        group="support",
        onward_referral_service_types=("substance_misuse", "mental_health", "social_care", "other"),
    ),
    Component(
        "PHX-C4",
        "Transition planning",
        "A transition plan and community support package for when support ends.",
        ("PHX-M2", "PHX-M3"),
        group="support",
    ),
    Component(
        "PHX-C5",
        "Navigator and coach network building",
        "Replacing criminal networks with positive, sustainable social networks.",
        ("PHX-S1", "PHX-M2"),
        group="community",
    ),
    Component(
        "PHX-C6",
        "Community opportunities",
        "Community-based opportunities such as sport and faith groups.",
        ("PHX-M2", "PHX-M3"),
        group="community",
        onward_referral_service_types=("sport_positive_activity",),
    ),
    Component(
        "PHX-C7",
        "Informal community mentoring",
        "Mentoring by informal community mentors.",
        ("PHX-S1", "PHX-M2"),
        group="community",
    ),
    Component(
        "PHX-C8",
        "Enforcement or disruption activity",
        "Age-appropriate, proportionate enforcement when a participant refuses to engage or risk and"
        " criminality persist; recorded as an event by police partners, not as a session.",
        ("PHX-S4",),
        group="enforcement",
        delivered_in_sessions=False,
    ),
)

_CYA = (
    Outcome(
        "PHX-S1",
        "short",
        "A trusting relationship with lead worker and navigator",
        "Development of trusting and positive relationship with lead worker and navigator/coach",
        TOC,
        self_reportable=True,
    ),
    Outcome("PHX-S2", "short", "Sustained engagement", "Sustained engagement", TOC),
    Outcome(
        "PHX-S3",
        "short",
        "More access to and uptake of support services and pro-social activity",
        "Increased access to and uptake of support services and pro-social activity",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "PHX-S4",
        "short",
        "Better understanding of the consequences of offending",
        "Improved understanding of consequence of offending",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "PHX-M1",
        "medium",
        "Better wellbeing, emotion and behaviour management",
        "Improved wellbeing, emotion and behaviour management",
        TOC,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP7",),
    ),
    Outcome(
        "PHX-M2",
        "medium",
        "Better relationships with family and community",
        "Improved relationships with family & community",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "PHX-M3",
        "medium",
        "Taking part in pro-social activity",
        "Participation in prosocial activity",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "PHX-M4",
        "medium",
        "Better aspirations and employability skills",
        "Improved aspirations, and employability skills",
        TOC,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP4",),
    ),
    Outcome(
        "PHX-M5",
        "medium",
        "Less substance misuse",
        "Reduced substance misuse",
        TOC,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP5",),
    ),
    Outcome(
        "PHX-L1",
        "long",
        "Less serious violence and reoffending",
        "Reduction in serious violence and in reoffending",
        TOC,
        evidenced_outside_case_records=True,
        vrn_outcome_codes=("VRN-CR1", "VRN-CR6"),
    ),
    Outcome(
        "PHX-L2",
        "long",
        "Fewer hospital attendances and admissions with violence-related injury",
        "Reduction in young people attending and admitted to hospital with violence-related injuries",
        TOC,
        evidenced_outside_case_records=True,
        vrn_outcome_codes=("VRN-HE1", "VRN-HE2"),
    ),
)


def _agency(code: str, term: str, name: str, wording: str) -> Outcome:
    return Outcome(
        code, term, name, wording, TOC, stakeholder_group=AGENCIES, evidenced_outside_case_records=True
    )


def _community(code: str, term: str, name: str, wording: str) -> Outcome:
    return Outcome(
        code, term, name, wording, TOC, stakeholder_group=COMMUNITIES, evidenced_outside_case_records=True
    )


_AGENCIES = (
    _agency(
        "PHX-AS1",
        "short",
        "Better understanding of the system, pathways of support, agency roles and participants' needs",
        "Improved understanding of system and pathways of support, agency roles, and needs of C&YAs",
    ),
    _agency(
        "PHX-AS2",
        "short",
        "Shared principles, processes and training adopted across agencies",
        "Adoption of shared principles, processes and training across agencies",
    ),
    _agency(
        "PHX-AS3",
        "short",
        "More engagement between agencies, voluntary organisations and communities",
        "Increased engagement between agencies, VCSOs and communities",
    ),
    _agency("PHX-AS4", "short", "More data sharing", "Increased data sharing"),
    _agency(
        "PHX-AS5",
        "short",
        "Better understanding of how to prevent discrimination in the project",
        "Improved understanding of how to prevent discrimination in the project",
    ),
    _agency(
        "PHX-AM1",
        "medium",
        "More and sustained engagement from young people and families who usually do not access services",
        "Increased and sustained engagement from those C&YAs, and families who commonly do not access or"
        " disengage",
    ),
    _agency(
        "PHX-AM2",
        "medium",
        "More referrals within and between agencies, voluntary organisations and community groups",
        "Increased referrals within and between agencies, VCSOs and community groups",
    ),
    _agency(
        "PHX-AM3",
        "medium",
        "More use of data, intelligence and insights",
        "Increased use of data, intelligence and insights",
    ),
    _agency(
        "PHX-AM4",
        "medium",
        "More effective and efficient collaboration between agencies",
        "More effective and efficient agency collaboration",
    ),
    _agency(
        "PHX-AL1",
        "long",
        "Communities more involved in design, delivery and evaluation across the system",
        "Increased involvement of communities in the design, delivery and evaluation across system",
    ),
    _agency(
        "PHX-AL2",
        "long",
        "Agencies more responsive to local needs and issues",
        "Agencies more responsive to local needs and issues",
    ),
    _agency(
        "PHX-AL3",
        "long",
        "Multi-agency plans and approaches adopted across problem areas, sustaining cultural change",
        "Multi-agency plans developed and approaches adopted across a range of problem areas sustaining"
        " cultural change across the whole system",
    ),
)

_COMMUNITIES = (
    _community(
        "PHX-KS1",
        "short",
        "Better understanding of the local problem, focused deterrence and the community's role",
        "Improved understanding of local problem, FD and role the community plays",
    ),
    _community(
        "PHX-KS2",
        "short",
        "More opportunity to share views and experiences and influence decisions",
        "Increased opportunity to share views, experiences, and influence decisions",
    ),
    _community(
        "PHX-KM1",
        "medium",
        "Better understanding of agency roles, local support services and the impact of focused deterrence",
        "Improved understanding of agency roles, local support services and impact of FD",
    ),
    _community(
        "PHX-KM2",
        "medium",
        "More engagement with the cohort, and with agencies to share insights",
        "Increased engagement with cohort, and with agencies to share insights",
    ),
    _community("PHX-KL1", "long", "Local communities feel safer", "Local communities feel safer"),
    _community(
        "PHX-KL2",
        "long",
        "More trust in statutory organisations",
        "Increased trust in statutory organisations",
    ),
)

OUTCOMES = _CYA + _AGENCIES + _COMMUNITIES

PROGRESS_CHECK = progress_check(
    "PHX-PC",
    CODE,
    "Phoenix",
    (
        Item("PHX-PC-01", "I trust my lead worker.", ("PHX-S1",)),
        Item("PHX-PC-02", "I trust my community navigator.", ("PHX-S1",)),
        Item(
            "PHX-PC-03", "I know where to go for help with things like housing, work or health.", ("PHX-S3",)
        ),
        Item("PHX-PC-04", "I am getting the support I need.", ("PHX-S3",)),
        Item("PHX-PC-05", "I understand what will happen if I keep offending.", ("PHX-S4",)),
        Item("PHX-PC-06", "Offending is worth the risk.", ("PHX-S4",), reverse_scored=True),
        Item("PHX-PC-07", "I feel in control of my emotions and how I act.", ("PHX-M1",)),
        Item("PHX-PC-08", "I have been feeling good about my life lately.", ("PHX-M1",)),
        Item("PHX-PC-09", "I get on well with my family.", ("PHX-M2",)),
        Item("PHX-PC-10", "I feel part of my local community.", ("PHX-M2",)),
        Item(
            "PHX-PC-11",
            "I spend time doing positive things, like sport, faith or community groups.",
            ("PHX-M3",),
        ),
        Item("PHX-PC-12", "I have goals for my future.", ("PHX-M4",)),
        Item("PHX-PC-13", "I have the skills to get or keep a job.", ("PHX-M4",)),
        Item("PHX-PC-14", "Drugs or alcohol cause problems in my life.", ("PHX-M5",), reverse_scored=True),
    ),
)

RECORD_RULES = (
    record_rules.SUSTAINED_ENGAGEMENT,
    record_rules.ONWARD_REFERRAL_ACCEPTED,
    record_rules.POSITIVE_ACTIVITY_TAKEN_UP,
    record_rules.ETE_IMPROVED,
)

INDICATORS = (
    activity_indicators(COMPONENTS, _CYA, any_session_outcomes=("PHX-S2",))
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

#: Programme-level activities a manager records, and the agency and community outcomes they evidence.
PROGRAMME_ACTIVITY_KINDS = (
    ProgrammeActivityKind(
        "multi_agency_meeting", "Multi-agency meeting or case conference", ("PHX-AS1", "PHX-AM4", "PHX-AL3")
    ),
    ProgrammeActivityKind(
        "joint_training", "Joint training or shared process adopted across agencies", ("PHX-AS2", "PHX-AS5")
    ),
    ProgrammeActivityKind(
        "data_sharing", "Data or intelligence shared between agencies", ("PHX-AS4", "PHX-AM3")
    ),
    ProgrammeActivityKind(
        "inter_agency_referral",
        "Referral between agencies, voluntary organisations or community groups",
        ("PHX-AM2",),
    ),
    ProgrammeActivityKind(
        "family_outreach",
        "Outreach to families and young adults who do not usually use services",
        ("PHX-AM1",),
    ),
    ProgrammeActivityKind(
        "community_event", "Community event or information session", ("PHX-AS3", "PHX-KS1", "PHX-KM1")
    ),
    ProgrammeActivityKind(
        "community_consultation",
        "Community panel or consultation that influenced a decision",
        ("PHX-KS2", "PHX-KM2", "PHX-AL1", "PHX-AL2"),
    ),
    ProgrammeActivityKind("community_survey", "Community survey of safety and trust", ("PHX-KL1", "PHX-KL2")),
)

LOGIC_MODEL = LogicModel(
    need=(
        (
            "The local rise in serious violence is directly linked to a group dynamic involving three"
            " inter-connected parts: members of an organised crime group, an urban street gang and a network"
            " of criminally active young people."
        ),
        "A third of public place homicides (2021-22) have been linked to this cohort.",
        (
            "A cohort of between 375 and 450 children and young adults: influential group members heavily"
            " involved in serious violence and drug supply, and a network of criminally active young people"
            " who regularly interact with them."
        ),
        (
            "Predominantly males from an ethnic minority background who live and offend in East Leicester;"
            " 19% are aged 14-18, 53% are 19-25 and 28% are 26 and over."
        ),
        (
            "The cohort live in challenging circumstances with layers of vulnerability (ACEs and trauma,"
            " domestic violence, exclusions, substance misuse, areas of high social deprivation and crime)."
        ),
    ),
    activities=(
        (
            "Initial engagement and communication: transparent, regular communication with local communities;"
            " initial engagement led by the support partner, with the family for under-18s and a call-in for"
            " young adults, emphasising the support available and open about the enforcement consequences if"
            " offending continues."
        ),
        (
            "Support component: at least six months of intensive, tailored, trauma-informed support with a"
            " lead worker and a community navigator: individual capital, social capital, practical and"
            " emotional support, and a transition plan."
        ),
        (
            "Community component: navigators and coaches build positive networks; community opportunities"
            " such as sport and faith groups; informal community mentors; a community support package on"
            " exit."
        ),
        (
            "Enforcement component, led by police: age-appropriate, proportionate enforcement or disruption"
            " if a participant refuses to engage or risk and criminality persist."
        ),
    ),
    outputs=(
        "Cohort members nominated, by nominating agency and tier",
        "Contact attempts, by method and result",
        "Participants by engagement status",
        "Sessions delivered with lead workers and navigators",
        "Onward referrals to support services",
        "Transition plans and community support packages in place",
        "Enforcement or disruption events recorded",
    ),
    short=tuple(o.code for o in OUTCOMES if o.term == "short"),
    medium=tuple(o.code for o in OUTCOMES if o.term == "medium"),
    long=tuple(o.code for o in OUTCOMES if o.term == "long"),
    assumptions=(
        (
            "Research suggests focused deterrence could have a high impact on reducing serious violence (YEF,"
            " 2021)."
        ),
        "Effective focused deterrence approaches are adapted to fit their local context (YEF, 2021).",
        (
            "Focused deterrence provides immediate, tangible and culturally appropriate support to those who"
            " have not had access to or have disengaged from services, a swift enforcement response, and"
            " involves the community in its design and delivery."
        ),
    ),
    sources=(
        TOC,
        "VRN strategy update to the Children and Families Overview and Scrutiny Committee, 5 March 2024",
    ),
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
            "At least 26 weeks since support started, a transition plan recorded, and a post assessment"
            " completed."
        ),
        duration=DurationRequirement(
            26,
            "support_started",
            "Phoenix support lasts at least six months, so a planned completion needs at least 26 weeks.",
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
