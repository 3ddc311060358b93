"""The Phoenix theory of change as data: components, outcomes, progress-check items and logic model.

Transcribed from the Phoenix theory of change attached to FOI 0008/24 (seed 001); the definition
in :mod:`programmes.phoenix` puts these together with the rules of the service. Outcomes for
children and young adults (:data:`PARTICIPANT_OUTCOMES`) are evidenced by participant records;
outcomes for agencies and communities by programme-level activity a manager records
(:data:`PROGRAMME_ACTIVITY_KINDS`).
"""

from __future__ import annotations

from .instruments import Item
from .model import (
    AGENCIES,
    COMMUNITIES,
    Component,
    LogicModel,
    Outcome,
    ProgrammeActivityKind,
)

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

#: Outcomes for children and young adults, evidenced by participant records.
PARTICIPANT_OUTCOMES = (
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

OUTCOMES = PARTICIPANT_OUTCOMES + _AGENCIES + _COMMUNITIES

#: The statements of the Phoenix progress check, each mapped to the outcomes it evidences.
PROGRESS_CHECK_ITEMS = (
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
