"""The VIP theory of change as data: components, outcomes, progress-check items and logic model.

Transcribed from the VIP theory of change attached to FOI 0008/24 (seed 001); the definition in
:mod:`programmes.vip` puts these together with the rules of the service. Outcome ``wording`` is
the theory of change's own; ``name`` is the plain wording fixed in ``programmes.md``.
"""

from __future__ import annotations

from .instruments import Item
from .model import Component, LogicModel, Outcome

TOC = "VIP theory of change (FOI 0008/24, Document 4)"

COMPONENTS = (
    Component(
        "VIP-C1",
        "Understanding behaviours",
        "The sequence of events that led to offending.",
        ("VIP-S2", "VIP-S5", "VIP-M1", "VIP-L2"),
    ),
    Component(
        "VIP-C2",
        "Consequences of offending and safety advice",
        "Myths about violence and associated crimes; staying safe.",
        ("VIP-S3", "VIP-M1", "VIP-M8", "VIP-L2"),
    ),
    Component(
        "VIP-C3",
        "Social skills training",
        "Impulsivity; the ability to manage and regulate emotions and behaviour.",
        ("VIP-S4", "VIP-M2", "VIP-M4", "VIP-L1"),
    ),
    Component(
        "VIP-C4",
        "Confidence and wellbeing",
        "Mental ill-health, self-esteem and resilience.",
        ("VIP-S6", "VIP-M3", "VIP-L3"),
    ),
    Component(
        "VIP-C5",
        "Education, training and employment",
        "Low attendance or achievement at school, unemployment, economic opportunities.",
        ("VIP-S7", "VIP-M5", "VIP-L5", "VIP-L6"),
        onward_referral_service_types=("ete",),
    ),
    Component(
        "VIP-C6",
        "Positive activities",
        "Taking part in constructive activities with trusted adults and positive peers.",
        ("VIP-S7", "VIP-M6", "VIP-L7", "VIP-L8"),
        onward_referral_service_types=("sport_positive_activity",),
    ),
    Component(
        "VIP-C7",
        "Specialist support by need",
        "Substance misuse, housing, benefits, family and parent support; an onward referral when support"
        " leaves the service.",
        ("VIP-M7", "VIP-L2", "VIP-L4"),
        onward_referral_service_types=(
            "substance_misuse",
            "housing",
            "family_support",
            "mental_health",
            "social_care",
            "other",
        ),
    ),
    Component(
        "VIP-C8",
        "Sustainability planning",
        "Scenario-based exercises and support networks in place before the case closes.",
        ("VIP-M2", "VIP-L8"),
    ),
)

OUTCOMES = (
    Outcome(
        "VIP-S1",
        "short",
        "A positive and trusting relationship with the youth worker",
        "Development of a positive and trusting relationship with Youth Worker",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S2",
        "short",
        "Better understanding of the causes of problem behaviour (individual, family, school, peer,"
        " contextual)",
        "Improved understanding of the causes/drivers of problem behaviours (e.g. individual, familial,"
        " school, peer, & contextual factors)",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S3",
        "short",
        "More awareness of the consequences of behaviour",
        "Increased awareness of consequences of behaviour",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S4",
        "short",
        "More awareness of emotions and ability to name them",
        "Increased awareness of and ability to label emotions",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S5",
        "short",
        "Better understanding of negative peer influence and family relationships",
        "Improved understanding of negative peer influences and family relationships",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S6",
        "short",
        "More awareness of confidence and self-esteem",
        "Increased awareness of confidence/self-esteem",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-S7",
        "short",
        "Interests and aspirations identified, with access to opportunities",
        "Identification of interests (e.g. sports, arts, music etc) and aspirations (e.g. ETE) and provided"
        " with access to opportunities",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M1",
        "medium",
        "Fewer positive attitudes towards offending",
        "Reduction in positive attitudes towards offending",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M2",
        "medium",
        "New skills to manage emotions and behaviour",
        "Development of new skills to manage emotions and behaviours",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M3",
        "medium",
        "Better understanding of how to manage wellbeing",
        "Improved understanding of how to manage wellbeing",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M4",
        "medium",
        "New skills to manage negative peer influence",
        "Development of new skills to manage negative peer influences",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M5",
        "medium",
        "More motivation for education, training and employment, and employability skills",
        "Increased motivation in ETE and development of employability skills",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M6",
        "medium",
        "More participation in positive activities",
        "Increased participation in positive activities (e.g. sports, arts, music)",
        TOC,
        self_reportable=True,
    ),
    Outcome(
        "VIP-M7",
        "medium",
        "Access to and uptake of specialist services",
        "Access to and uptake of specialist services for support (e.g. substance misuse, housing)",
        TOC,
    ),
    Outcome(
        "VIP-M8",
        "medium",
        "Feeling safer",
        "Improved feelings of safety",
        TOC,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP8",),
    ),
    Outcome(
        "VIP-L1",
        "long",
        "Better emotional regulation and behaviour management",
        "Improved emotional regulation and behaviour management",
        TOC,
    ),
    Outcome(
        "VIP-L2",
        "long",
        "Fewer risk factors for offending or victimisation",
        "Reduction in risk factors associated with offending or victimisation",
        TOC,
    ),
    Outcome(
        "VIP-L3",
        "long",
        "More confidence, self-esteem and wellbeing",
        "Increased confidence, self-esteem and wellbeing",
        TOC,
        vrn_outcome_codes=("VRN-RP7",),
    ),
    Outcome(
        "VIP-L4",
        "long",
        "Better family relationships and less conflict at home",
        "Improved relationships with family and reduction in conflict in the home",
        TOC,
    ),
    Outcome(
        "VIP-L5",
        "long",
        "Better attendance and behaviour at school",
        "Improved attendance/positive behaviour at school",
        TOC,
        vrn_outcome_codes=("VRN-RP2", "VRN-RP3"),
    ),
    Outcome(
        "VIP-L6",
        "long",
        "Sustained motivation to find or keep employment",
        "Sustained motivation to find/stay in employment",
        TOC,
        vrn_outcome_codes=("VRN-RP4",),
    ),
    Outcome(
        "VIP-L7",
        "long",
        "Sustained engagement in pro-social activities",
        "Sustained engagement in prosocial recreational activities",
        TOC,
    ),
    Outcome(
        "VIP-L8",
        "long",
        "A wider network of positive peers and trusted adults",
        "Increased network of positive peers and trusted adults",
        TOC,
    ),
)

#: The statements of the VIP progress check, each mapped to the outcomes it evidences.
PROGRESS_CHECK_ITEMS = (
    Item("VIP-PC-01", "I trust my youth worker.", ("VIP-S1",)),
    Item("VIP-PC-02", "I can talk to my youth worker about things that matter to me.", ("VIP-S1",)),
    Item(
        "VIP-PC-03", "I understand what led up to me getting hurt or getting into trouble.", ("VIP-S2",)
    ),
    Item(
        "VIP-PC-04",
        "I know how things at home, at school or with friends can lead me into trouble.",
        ("VIP-S2", "VIP-S5"),
    ),
    Item(
        "VIP-PC-05",
        "I know what could happen to me and to others if I get involved in violence.",
        ("VIP-S3",),
    ),
    Item("VIP-PC-06", "I can tell what I am feeling and put a name to it.", ("VIP-S4",)),
    Item(
        "VIP-PC-07",
        "I can tell when friends are pushing me into things I do not want to do.",
        ("VIP-S5",),
    ),
    Item("VIP-PC-08", "I know what I am good at and what I like about myself.", ("VIP-S6",)),
    Item("VIP-PC-09", "I know what I want to do in the future and how to get started.", ("VIP-S7",)),
    Item("VIP-PC-10", "Carrying a knife keeps me safe.", ("VIP-M1",), reverse_scored=True),
    Item(
        "VIP-PC-11",
        "Sometimes you have to use violence to get respect.",
        ("VIP-M1",),
        reverse_scored=True,
    ),
    Item("VIP-PC-12", "When I get angry, I have ways to calm myself down.", ("VIP-M2",)),
    Item(
        "VIP-PC-13", "I often end up in fights or arguments I regret.", ("VIP-M2",), reverse_scored=True
    ),
    Item("VIP-PC-14", "I know what to do to look after my mental health.", ("VIP-M3",)),
    Item("VIP-PC-15", "I can say no to friends who want me to do something risky.", ("VIP-M4",)),
    Item("VIP-PC-16", "I want to be in education, training or work.", ("VIP-M5",)),
    Item("VIP-PC-17", "I know how to look for a course or a job.", ("VIP-M5",)),
    Item("VIP-PC-18", "I take part in activities I enjoy, like sport, art or music.", ("VIP-M6",)),
    Item("VIP-PC-19", "I feel safe where I live and where I spend my time.", ("VIP-M8",)),
)

LOGIC_MODEL = LogicModel(
    need=(
        (
            "Recent police data shows that local levels of serious violence continue to rise (13% for under"
            " 25s)."
        ),
        (
            "Peak age for perpetrators and victims of serious violence is 15-19 years old, followed by 10-14"
            " years old."
        ),
        (
            "LLR has higher rates than the national average for admissions to hospital for assaults with a"
            " knife or sharp object."
        ),
        (
            "Leicester has significantly higher than the national averages for first-time offenders,"
            " first-time entrants and children in the youth justice system."
        ),
        (
            "Key local risk factors for involvement in serious violence are previous offending or experience"
            " of victimisation, being NEET, association with negative peer influences and a lack of"
            " constructive activities."
        ),
        (
            "Children and young people up to the age of 25 attending police custody following arrest for"
            " serious violence or an associated offence, or a health setting following a violence-related"
            " injury."
        ),
    ),
    activities=(
        (
            "A brief intervention with the young person in a reachable space (custody or A&E) to secure"
            " consent to take part in the community."
        ),
        (
            "A three to four month intervention providing intensive and flexible mentoring to address risk"
            " factors and strengthen protective factors."
        ),
        (
            "Flexible delivery in the spaces where young people feel safe and comfortable (neighbourhood,"
            " home, school, youth centre)."
        ),
        (
            "Sessions on core components linked to the risk or cause of offending: understanding behaviours;"
            " consequences of offending and safety advice; social skills training; confidence and wellbeing;"
            " education, training and employment; positive activities."
        ),
        (
            "Specialist support depending on need (substance misuse, housing, benefits, family and parent"
            " support)."
        ),
        (
            "Facilitating access to, and encouraging participation in, purposeful and sustainable"
            " recreational activities."
        ),
        (
            "Cases close after four weeks with no concerns about behaviour and once sustainability planning"
            " has taken place."
        ),
    ),
    outputs=(
        "Referrals by setting (custody, A&E, other health setting)",
        "Young people engaged (consented)",
        "Sessions delivered",
        "Onward referrals to specialist services",
        "Time from referral to first contact",
    ),
    short=tuple(o.code for o in OUTCOMES if o.term == "short"),
    medium=tuple(o.code for o in OUTCOMES if o.term == "medium"),
    long=tuple(o.code for o in OUTCOMES if o.term == "long"),
    assumptions=(
        (
            "Diverting young people away from the criminal justice system is likely to have a moderate impact"
            " on violent crime (YEF, 2022); coupling diversion with an intervention that addresses risk"
            " factors and strengthens protective factors is likely to increase its impact."
        ),
        (
            "Custody and A&E are reachable spaces: a window of opportunity where a young person may be more"
            " willing to accept support after a teachable moment."
        ),
        (
            "A&E navigator interventions are likely to have a high impact on preventing violence and"
            " pre-court diversion programmes a moderate impact (YEF)."
        ),
    ),
    sources=(
        TOC,
        "VRN strategy update to the Children and Families Overview and Scrutiny Committee, 5 March 2024",
    ),
)
