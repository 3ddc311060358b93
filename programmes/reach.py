"""Reach, the Reach Programme: youth work mentoring to prevent school exclusion.

Funded by the Home Office and the Youth Endowment Fund and evaluated by the YEF. Sources: the
Reach summary and case study in the VRN's March 2024 strategy update (seed 004) and
``programmes.md``. Reach's own theory of change is on page 122 of the YEF evaluation report,
which is not among the source documents, so outcome ``wording`` follows ``programmes.md``.
"""

from __future__ import annotations

from datetime import date

from . import record_rules
from .instruments import SDQ, SWEMWBS, Item, item_indicators, progress_check
from .intake import Intake, IntakeField
from .model import (
    AssessmentPlan,
    Capabilities,
    CaseRole,
    ClosureRule,
    Component,
    DefinitionVersion,
    DosageRequirement,
    DurationRequirement,
    Eligibility,
    EligibilityCondition,
    Indicator,
    LogicModel,
    Outcome,
    PlannedDosage,
    PlanRequirement,
    Programme,
    activity_indicators,
    counting_maintained,
)
from .vocabulary import CLOSURE_REASONS, LLR_LOCAL_AUTHORITIES, Term

CODE = "REACH"
WORDING_SOURCE = (
    "programmes.md (the Reach theory of change is on page 122 of the YEF evaluation report, not among the"
    " source documents)"
)

#: Vulnerabilities noted at referral (stored as codes in ``Referral.details["vulnerabilities"]``).
VULNERABILITIES = (
    Term("behaviour_concerns", "Behaviour concerns in school"),
    Term("send", "Special educational needs or disability (SEND)"),
    Term("social_care", "Known to children's social care"),
    Term("exploitation_risk", "At risk of criminal or sexual exploitation"),
    Term("missing_episodes", "Missing from home or care"),
    Term("young_carer", "Young carer"),
    Term("substance_misuse", "Alcohol or drug use"),
    Term("mental_health", "Emotional or mental health needs"),
)

#: What Reach asks at referral: the school and the risk of exclusion.
INTAKE = Intake(
    heading="Reach: school and exclusion",
    fields=(
        IntakeField(
            "school", "School", "text", "School", "School", required="Enter the name of the school",
            max_length=120, width="two-thirds", import_description="The young person's school (required).",
        ),
        IntakeField(
            "suspensions_before_referral", "Suspensions before referral (optional)", "whole_number",
            "Suspensions before referral", "Suspensions before referral", minimum=0, maximum=100,
            hint="In the last 6 months", example="2", width="3",
            import_description="Suspensions in the six months before referral.",
        ),
        IntakeField(
            "attendance_percent_at_referral", "Attendance at referral, as a percentage (optional)", "number",
            "Attendance", "Attendance at referral", minimum=0, maximum=100, example="87.5", suffix="%", width="4",
            import_description="School attendance at referral, as a percentage.",
        ),
        IntakeField(
            "at_risk_of_exclusion", "Is the young person at risk of school exclusion?", "yes_no",
            "Whether the young person is at risk of school exclusion", "At risk of exclusion",
            hint="Already suspended, or at risk of suspension or permanent exclusion",
            import_description="Whether the young person is at risk of school exclusion.",
        ),
        IntakeField(
            "vulnerabilities", "Vulnerabilities (optional)", "choices", "Vulnerabilities", "Vulnerabilities",
            choices=VULNERABILITIES, hint="Select all that apply", blank_text="None recorded",
            import_description="Vulnerabilities noted at referral.",
        ),
    ),
)

REFERRAL_SOURCES = (
    Term("school", "School"),
    Term("social_care", "Children's social care"),
    Term("youth_justice", "Youth justice service"),
    Term("family", "The young person's family"),
    Term("other", "Another agency"),
)

COMPONENTS = (
    Component(
        "RCH-C1",
        "Relationship building",
        "Trust with an allocated youth worker, the base for everything else.",
        ("RCH-S1",),
    ),
    Component(
        "RCH-C2",
        "Social skills training",
        "Impulsivity, managing emotions and behaviour, getting on with others.",
        ("RCH-S2", "RCH-M1", "RCH-M4", "RCH-L2"),
    ),
    Component(
        "RCH-C3",
        "Confidence and wellbeing",
        "Self-esteem, resilience and mental wellbeing.",
        ("RCH-S3", "RCH-L3"),
    ),
    Component(
        "RCH-C4",
        "Recreational activity (sport, arts, music)",
        "Lack of constructive activities; interests and talents.",
        ("RCH-S4",),
        onward_referral_service_types=("sport_positive_activity",),
    ),
    Component(
        "RCH-C5",
        "Family support",
        "Relationships and conflict at home.",
        ("RCH-M3",),
        onward_referral_service_types=("family_support",),
    ),
    Component(
        "RCH-C6",
        "Peer and friendship work",
        "Negative peer influence and substance misuse.",
        ("RCH-S2", "RCH-M4", "RCH-L2"),
    ),
    Component(
        "RCH-C7",
        "Education liaison (school meetings, attendance, behaviour plans)",
        "Attendance, behaviour in school, suspensions and exclusion.",
        ("RCH-M1", "RCH-M2", "RCH-L1"),
    ),
    Component("RCH-C8", "Exit planning", "Keeping progress going after Reach ends.", ("RCH-L3",)),
)

OUTCOMES = (
    Outcome(
        "RCH-S1",
        "short",
        "A trusting relationship with the youth worker",
        "A trusting relationship with the youth worker",
        WORDING_SOURCE,
        self_reportable=True,
    ),
    Outcome(
        "RCH-S2",
        "short",
        "Better social skills",
        "Better social skills",
        WORDING_SOURCE,
        self_reportable=True,
    ),
    Outcome(
        "RCH-S3",
        "short",
        "More confidence and self-esteem",
        "More confidence and self-esteem",
        WORDING_SOURCE,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP7",),
    ),
    Outcome(
        "RCH-S4",
        "short",
        "Regular participation in recreational activity",
        "Regular participation in recreational activity",
        WORDING_SOURCE,
        self_reportable=True,
    ),
    Outcome(
        "RCH-M1",
        "medium",
        "Better behaviour in school and fewer suspensions",
        "Better behaviour in school and fewer suspensions",
        WORDING_SOURCE,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP3",),
    ),
    Outcome(
        "RCH-M2",
        "medium",
        "Better school attendance",
        "Better school attendance",
        WORDING_SOURCE,
        vrn_outcome_codes=("VRN-RP2",),
    ),
    Outcome(
        "RCH-M3",
        "medium",
        "Better relationships at home",
        "Better relationships at home",
        WORDING_SOURCE,
        self_reportable=True,
    ),
    Outcome(
        "RCH-M4",
        "medium",
        "Fewer negative peer influences and less substance misuse",
        "Fewer negative peer influences and less substance misuse",
        WORDING_SOURCE,
        self_reportable=True,
        vrn_outcome_codes=("VRN-RP5",),
    ),
    Outcome(
        "RCH-L1",
        "long",
        "Permanent exclusion prevented",
        "Permanent exclusion prevented",
        WORDING_SOURCE,
        vrn_outcome_codes=("VRN-RP3",),
    ),
    Outcome(
        "RCH-L2",
        "long",
        "Less involvement in violence and anti-social behaviour",
        "Less involvement in violence and anti-social behaviour",
        WORDING_SOURCE,
        evidenced_outside_case_records=True,
        vrn_outcome_codes=("VRN-RP1",),
    ),
    Outcome(
        "RCH-L3",
        "long",
        "Better life chances (education, training and employment; wellbeing)",
        "Better life chances (ETE, wellbeing)",
        WORDING_SOURCE,
        vrn_outcome_codes=("VRN-RP4", "VRN-RP7"),
    ),
)

PROGRESS_CHECK = progress_check(
    "RCH-PC",
    CODE,
    "Reach",
    (
        Item("RCH-PC-01", "I trust my youth worker.", ("RCH-S1",)),
        Item("RCH-PC-02", "I find it easy to get on with other people.", ("RCH-S2",)),
        Item("RCH-PC-03", "I can sort out a disagreement without it turning into a fight.", ("RCH-S2",)),
        Item("RCH-PC-04", "I feel good about myself.", ("RCH-S3",)),
        Item("RCH-PC-05", "I feel confident trying new things.", ("RCH-S3",)),
        Item("RCH-PC-06", "I regularly do an activity I enjoy, like sport, art or music.", ("RCH-S4",)),
        Item("RCH-PC-07", "I get into trouble at school.", ("RCH-M1",), reverse_scored=True),
        Item("RCH-PC-08", "I can stay calm in lessons when something annoys me.", ("RCH-M1",)),
        Item("RCH-PC-09", "I get on well with the people I live with.", ("RCH-M3",)),
        Item("RCH-PC-10", "There are a lot of arguments at home.", ("RCH-M3",), reverse_scored=True),
        Item("RCH-PC-11", "My friends get me into trouble.", ("RCH-M4",), reverse_scored=True),
        Item("RCH-PC-12", "I stay away from drugs and alcohol.", ("RCH-M4",)),
    ),
)

RECORD_RULES = (
    record_rules.POSITIVE_ACTIVITY_TAKEN_UP,
    record_rules.FEWER_SUSPENSIONS,
    record_rules.ATTENDANCE_IMPROVED,
    record_rules.NO_PERMANENT_EXCLUSION,
    record_rules.ETE_IMPROVED,
)

INDICATORS = (
    activity_indicators(COMPONENTS, OUTCOMES)
    + item_indicators(PROGRESS_CHECK)
    + (
        Indicator(
            "RCH-S3", "measure", "SWEMWBS metric score, compared pre to post", instrument_code="SWEMWBS"
        ),
        Indicator("RCH-M1", "measure", "SDQ total difficulties, compared pre to post", instrument_code="SDQ"),
        Indicator(
            "RCH-S4",
            "record",
            record_rules.POSITIVE_ACTIVITY_TAKEN_UP.description,
            record_rule="positive_activity_taken_up",
        ),
        Indicator(
            "RCH-M1", "record", record_rules.FEWER_SUSPENSIONS.description, record_rule="fewer_suspensions"
        ),
        Indicator(
            "RCH-M2",
            "record",
            record_rules.ATTENDANCE_IMPROVED.description,
            record_rule="attendance_improved",
        ),
        Indicator(
            "RCH-L1",
            "record",
            record_rules.NO_PERMANENT_EXCLUSION.description,
            record_rule="no_permanent_exclusion",
        ),
        Indicator("RCH-L3", "record", record_rules.ETE_IMPROVED.description, record_rule="ete_improved"),
    )
)

#: Outcomes where keeping the best value is itself the achievement: Reach works to prevent
#: exclusion (seed 004), so a young person with no suspensions before or during, full
#: attendance kept, or a place in education kept has the outcome Reach works for.
MAINTAINED_COUNTS = ("RCH-M1", "RCH-M2", "RCH-L3")

LOGIC_MODEL = LogicModel(
    need=(
        (
            "School exclusion is widely recognised to increase vulnerability and propensity to violence (UK"
            " Government, 2018)."
        ),
        (
            "Exclusions in LLR are unequally distributed: 60% of excluded young people live in just 10"
            " postcode sectors, which are hotspot areas for serious violence."
        ),
        (
            "Young people aged 10 to 17 in Leicester, Leicestershire and Rutland at risk of school exclusion:"
            " already suspended, or at risk of suspension or permanent exclusion."
        ),
    ),
    activities=(
        "An intensive six-month mentoring programme with an allocated youth worker.",
        "A relationship building phase, then an intervention plan co-produced with the young person.",
        "Social skills training, and support with confidence and wellbeing.",
        "Opportunities to take part in recreational activity (sport, arts, music).",
        "Support for the young person's family and work with their friends.",
        "Liaison with school on attendance, behaviour plans and meetings; an exit plan before the end.",
    ),
    outputs=(
        "Referrals by school",
        "Young people starting",
        "Sessions delivered",
        "Family sessions",
        "Suspensions and exclusions during and after the programme",
    ),
    short=tuple(o.code for o in OUTCOMES if o.term == "short"),
    medium=tuple(o.code for o in OUTCOMES if o.term == "medium"),
    long=tuple(o.code for o in OUTCOMES if o.term == "long"),
    assumptions=(
        (
            "Programmes that combine intensive mentoring, social skills training, mental health support and"
            " recreational activity show promise in preventing serious violence (YEF, 2021; CDC, 2016)."
        ),
    ),
    sources=(
        "VRN strategy update to the Children and Families Overview and Scrutiny Committee, 5 March 2024",
        "programmes.md, Reach section",
    ),
)

VERSION_2024_1 = DefinitionVersion(
    programme_code=CODE,
    programme_short_name="Reach",
    version="2024.1",
    effective_on=date(2024, 1, 31),
    adopted_note="Current theory of change, adopted by the VRN partnership on 31 January 2024.",
    eligibility=Eligibility(
        min_age=10,
        max_age=17,
        local_authorities=LLR_LOCAL_AUTHORITIES,
        summary=(
            "Young people aged 10 to 17 living in Leicester, Leicestershire or Rutland who are at risk of"
            " school exclusion: already suspended, or at risk of suspension or permanent exclusion. Referral"
            " is usually from a school."
        ),
        conditions=(
            EligibilityCondition(
                "at_risk_of_exclusion",
                "Is the young person at risk of school exclusion (already suspended, or at risk of suspension"
                " or permanent exclusion)?",
                met_text=(
                    "At risk of school exclusion (already suspended, or at risk of suspension or permanent"
                    " exclusion)."
                ),
                unmet_text=(
                    "Not at risk of school exclusion; Reach is for young people who have been suspended or"
                    " are at risk of suspension or permanent exclusion."
                ),
                unknown_text="Not yet recorded whether the young person is at risk of school exclusion.",
            ),
        ),
    ),
    referral_sources=REFERRAL_SOURCES,
    settings=(),
    case_roles=(
        CaseRole(
            "lead_worker", "Lead worker", True, "The allocated youth worker who mentors the young person."
        ),
        CaseRole(
            "manager",
            "Manager",
            False,
            "Oversees the case and may approve a closure that does not meet the rule.",
        ),
    ),
    components=COMPONENTS,
    outcomes=counting_maintained(OUTCOMES, MAINTAINED_COUNTS),
    indicators=INDICATORS,
    record_rules=RECORD_RULES,
    instruments=("RCH-PC", SWEMWBS.code, SDQ.code),
    progress_check=PROGRESS_CHECK,
    assessment_plan=AssessmentPlan(),
    planned_dosage=PlannedDosage(
        min_weeks=22,
        max_weeks=26,
        description=(
            "An intensive six-month mentoring programme, usually with a weekly session, counted from the"
            " first session."
        ),
        counted_from="first_attended_session",
        contact_every_days=7,
        first_contact_within_hours=120,
        first_contact_note=(
            "Referrals are triaged within 24 hours; the young person and their family are then contacted to"
            " arrange an assessment, due within five days of the referral."
        ),
        triage_within_hours=24,
    ),
    closure_rule=ClosureRule(
        summary=(
            "About six months on the programme (at least 22 weeks from the first session) with at least 11"
            " sessions attended and no more than six weeks between them, an exit plan in place, and a post"
            " assessment completed."
        ),
        duration=DurationRequirement(
            22,
            "first_attended_session",
            "Reach runs for about six months, so a planned completion needs at least 22 weeks from the first"
            " session.",
        ),
        # Seed 004: "an intensive six-month mentoring programme"; the definition's usual weekly
        # session over 22 weeks, at one a fortnight at least, is 11. Six weeks is the summer
        # holiday, the longest break a school-based programme expects.
        dosage=DosageRequirement(
            11,
            "Reach is an intensive six-month programme, usually weekly, so a planned completion needs at"
            " least 11 attended sessions (one a fortnight over 22 weeks) with no more than six weeks"
            " (a summer holiday) between them.",
            max_gap_days=42,
        ),
        plan=PlanRequirement("exit", "exit_plan", "Exit plan"),
    ),
    closure_reasons=CLOSURE_REASONS,
    logic_model=LOGIC_MODEL,
    sources=(
        "programmes.md, Reach section",
        "VRN strategy update, 5 March 2024 (Reach summary and case study)",
    ),
    intake=INTAKE,
)

PROGRAMME = Programme(
    code=CODE,
    name="The Reach Programme",
    short_name="Reach",
    summary=(
        "An intensive six-month mentoring programme for young people aged 10 to 17 at risk of school"
        " exclusion. An allocated youth worker offers social skills training, support with confidence and"
        " wellbeing, and recreational activity such as sport, arts and music, and works with the young"
        " person's family and friends."
    ),
    versions=(VERSION_2024_1,),
    delivery_partners=("Leicester City Council youth service", "Leicestershire County Council youth service"),
    prevention_level="secondary",
    yef_toolkit_strand="Mentoring",
    funding_stream="Youth Endowment Fund and Home Office",
    capabilities=Capabilities(school_record=True),
)
