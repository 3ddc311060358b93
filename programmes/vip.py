"""VIP, the Violence Intervention Project (A&E and Custody), delivered by Turning Point.

Source: the VIP theory of change attached to FOI 0008/24 (seed 001) and the VIP summary in the
VRN's March 2024 strategy update (seed 004).

This module is the definition: who is referred and from where, how the service runs and what
counts as done. The theory of change it draws on (components, outcomes, progress-check items,
logic model) is transcribed in :mod:`programmes.vip_theory`.
"""

from __future__ import annotations

from datetime import date

from . import record_rules
from .instruments import SDQ, SWEMWBS, item_indicators, progress_check
from .intake import Intake, IntakeField
from .model import (
    AssessmentPlan,
    CaseRole,
    ClosureRule,
    DefinitionVersion,
    DosageRequirement,
    DurationRequirement,
    Eligibility,
    EligibilityCondition,
    Indicator,
    PlannedDosage,
    PlanRequirement,
    Programme,
    activity_indicators,
    counting_maintained,
)
from .vip_theory import COMPONENTS, LOGIC_MODEL, OUTCOMES, PROGRESS_CHECK_ITEMS, TOC
from .vocabulary import CLOSURE_REASONS, LLR_LOCAL_AUTHORITIES, Term

CODE = "VIP"

REFERRAL_SOURCES = (
    Term("police_custody", "Police custody"),
    Term("hospital_a_and_e", "Hospital A&E"),
    Term("other_health", "Other health setting"),
    Term("self_or_family", "The young person or their family"),
    Term("other_agency", "Another agency"),
)

SETTINGS = (
    Term(
        "custody", "Police custody", description="After arrest for serious violence or an associated offence."
    ),
    Term("a_and_e", "A&E", description="After a violence-related injury."),
    Term("other_health", "Other health setting", description="After a violence-related injury."),
)

#: What VIP asks at referral: the reachable moment (seed 001: "engage young people at the
#: reachable moment" after arrest or a violence-related injury).
INTAKE = Intake(
    heading="VIP: the reachable moment",
    fields=(
        IntakeField(
            "offence_type", "Offence (if in custody)", "text", "Offence", "Offence",
            max_length=100, hint="For example, assault or possession of a bladed article", width="two-thirds",
            only_for_settings=("custody",),
            only_for_settings_message="The offence is only recorded for referrals from custody.",
            import_description="Referrals from custody: the offence.",
        ),
        IntakeField(
            "injury_type", "Injury (if at A&E or another health setting)", "text", "Injury", "Injury",
            max_length=100, hint="For example, stab wound or assault injury", width="two-thirds",
            only_for_settings=("a_and_e", "other_health"),
            only_for_settings_message="The injury is only recorded for referrals from A&E or another health setting.",
            import_description="Referrals from A&E or another health setting: the injury.",
        ),
        IntakeField(
            "violence_related", "Is the offence or injury violence-related?", "yes_no",
            "Whether the offence or injury is violence-related", "Violence-related",
            import_description="Whether the offence or injury is violence-related.",
        ),
    ),
    asks_first_contact=True,
)

PROGRESS_CHECK = progress_check("VIP-PC", CODE, "VIP", PROGRESS_CHECK_ITEMS)

#: Outcomes where staying in education or work, or keeping full school attendance, is itself
#: the achievement: the theory of change names NEET and low attendance as risk factors
#: (seed 001), so a young person who kept clear of them has fewer risk factors than feared.
MAINTAINED_COUNTS = ("VIP-L2", "VIP-L5")

RECORD_RULES = (
    record_rules.CONCERN_FREE_FOUR_WEEKS,
    record_rules.ONWARD_REFERRAL_ACCEPTED,
    record_rules.POSITIVE_ACTIVITY_TAKEN_UP,
    record_rules.ETE_IMPROVED,
    record_rules.IN_ETE_AT_LATEST,
    record_rules.ATTENDANCE_IMPROVED,
)

INDICATORS = (
    activity_indicators(COMPONENTS, OUTCOMES, any_session_outcomes=("VIP-S1",))
    + item_indicators(PROGRESS_CHECK)
    + (
        Indicator(
            "VIP-L3", "measure", "SWEMWBS metric score, compared pre to post", instrument_code="SWEMWBS"
        ),
        Indicator("VIP-L1", "measure", "SDQ total difficulties, compared pre to post", instrument_code="SDQ"),
        Indicator(
            "VIP-L1",
            "record",
            record_rules.CONCERN_FREE_FOUR_WEEKS.description,
            record_rule="concern_free_four_weeks",
        ),
        Indicator(
            "VIP-M7",
            "record",
            record_rules.ONWARD_REFERRAL_ACCEPTED.description,
            record_rule="onward_referral_accepted",
        ),
        Indicator(
            "VIP-M6",
            "record",
            record_rules.POSITIVE_ACTIVITY_TAKEN_UP.description,
            record_rule="positive_activity_taken_up",
        ),
        Indicator(
            "VIP-L7",
            "record",
            record_rules.POSITIVE_ACTIVITY_TAKEN_UP.description,
            record_rule="positive_activity_taken_up",
        ),
        Indicator("VIP-L2", "record", record_rules.ETE_IMPROVED.description, record_rule="ete_improved"),
        Indicator(
            "VIP-L6", "record", record_rules.IN_ETE_AT_LATEST.description, record_rule="in_ete_at_latest"
        ),
        Indicator(
            "VIP-L5",
            "record",
            record_rules.ATTENDANCE_IMPROVED.description,
            record_rule="attendance_improved",
        ),
    )
)

VERSION_2024_1 = DefinitionVersion(
    programme_code=CODE,
    programme_short_name="VIP",
    version="2024.1",
    effective_on=date(2024, 1, 31),
    adopted_note="Current theory of change, adopted by the VRN partnership on 31 January 2024.",
    eligibility=Eligibility(
        min_age=11,
        max_age=25,
        local_authorities=LLR_LOCAL_AUTHORITIES,
        summary=(
            "Children and young people aged 11 to 25 living in Leicester, Leicestershire or Rutland who are"
            " in police custody after arrest for serious violence or an associated offence, or attending A&E"
            " or another health setting after a violence-related injury."
        ),
        settings=tuple(term.code for term in SETTINGS),
        conditions=(
            EligibilityCondition(
                "violence_related",
                "Is the young person in custody after arrest for serious violence or an associated offence"
                " (for example offending linked to exploitation), or attending a health setting after a"
                " violence-related injury?",
                met_text=(
                    "In custody after arrest for serious violence or an associated offence, or attending"
                    " after a violence-related injury."
                ),
                unmet_text=(
                    "Not in custody for serious violence or an associated offence, and not attending after a "
                    "violence-related injury; VIP works with young people at that moment."
                ),
                unknown_text="Not yet recorded whether the arrest or the injury is violence-related.",
            ),
        ),
    ),
    referral_sources=REFERRAL_SOURCES,
    settings=SETTINGS,
    case_roles=(
        CaseRole(
            "lead_worker", "Lead worker", True, "The Turning Point youth worker who mentors the young person."
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
    instruments=("VIP-PC", SWEMWBS.code, SDQ.code),
    progress_check=PROGRESS_CHECK,
    assessment_plan=AssessmentPlan(),
    planned_dosage=PlannedDosage(
        min_weeks=13,
        max_weeks=17,
        description=(
            "A brief intervention in the reachable moment, then three to four months of intensive, flexible "
            "mentoring, usually weekly; dosage of each component is flexible to meet need."
        ),
        counted_from="case_start",
        contact_every_days=7,
        first_contact_within_hours=48,
        first_contact_note=(
            "Speed matters at the reachable moment, so first contact is due within 48 hours of the referral. "
            "The time from referral to first contact is reported."
        ),
    ),
    closure_rule=ClosureRule(
        summary=(
            "Four concern-free weeks in which the young person was seen (an attended session or a successful"
            " in-person contact; a week without contact neither counts nor breaks the run), at least 13 weeks"
            " since the case started and 6 sessions attended, sustainability planning done (a session"
            " covering VIP-C8 Sustainability planning or a sustainability plan on the case), and a post"
            " assessment completed."
        ),
        concern_free_weeks=4,
        # Seed 001: "Three to four month intervention": three months is 13 weeks.
        duration=DurationRequirement(
            13,
            "case_start",
            "VIP is a three to four month intervention, so a planned completion needs at least 13 weeks"
            " since the case started.",
        ),
        # Seed 001 sets no number of sessions ("flexible dosage"); the definition's usual weekly
        # contact over the three months, at one session a fortnight at least, is 6.
        dosage=DosageRequirement(
            6,
            "VIP mentoring is intensive and usually weekly, so a planned completion needs at least 6"
            " attended sessions (one a fortnight over three months).",
        ),
        plan=PlanRequirement(
            "sustainability", "sustainability_planning", "Sustainability planning", "VIP-C8"
        ),
    ),
    closure_reasons=CLOSURE_REASONS,
    logic_model=LOGIC_MODEL,
    sources=(TOC, "programmes.md, VIP section"),
    intake=INTAKE,
)

PROGRAMME = Programme(
    code=CODE,
    name="Violence Intervention Project (A&E and Custody)",
    short_name="VIP",
    summary=(
        "Timely, tailored support for young people aged 11 to 25 who attend A&E after a violence-related"
        " injury or are in police custody. Youth workers engage them at this reachable moment, then mentor"
        " them in the community for three to four months, helping with safety, emotional wellbeing and their"
        " goals."
    ),
    versions=(VERSION_2024_1,),
    delivery_partners=("Turning Point",),
    prevention_level="tertiary",
    yef_toolkit_strand="A&E navigators / custody diversion",
    funding_stream="Home Office Violence Reduction Unit grant to the VRN",
)
