"""Toy, a made-up programme that exists only in the tests.

It is written the way a new commissioned programme would be: one module defining ``PROGRAMME``
from the dataclasses of :mod:`programmes.model`, with its own intake facts, components,
outcomes, record rule and closure condition. The tests register it with
:func:`programmes.register` to show that nothing else in the application has to change for a
new programme. Codes are ``TOY`` and ``TOY-...`` throughout.
"""

from __future__ import annotations

from datetime import date

from programmes.facts import CaseFacts
from programmes.instruments import SWEMWBS, Item, item_indicators, progress_check
from programmes.intake import Intake, IntakeField
from programmes.model import (
    AssessmentPlan,
    CaseRole,
    ClosureRule,
    Component,
    DefinitionVersion,
    Eligibility,
    Indicator,
    LogicModel,
    Outcome,
    PlannedDosage,
    Programme,
    RecordRule,
    activity_indicators,
)
from programmes.rules import Condition
from programmes.rules.evidence import RecordResult
from programmes.vocabulary import CLOSURE_REASONS, LLR_LOCAL_AUTHORITIES, Term

CODE = "TOY"
SOURCE = "tests/toy_programme.py (a programme made up for the tests)"

#: The component whose attended session the toy's closure condition asks for.
GOODBYE = "TOY-C3"

INTAKE = Intake(
    heading="Toy: favourite toy",
    fields=(
        IntakeField(
            "favourite_toy", "Favourite toy", "text", "Favourite toy", "Favourite toy",
            required="Enter the young person's favourite toy", max_length=40,
            import_description="The young person's favourite toy (required).",
        ),
        IntakeField(
            "shares_toys", "Does the young person share their toys?", "yes_no",
            "Whether the young person shares their toys", "Shares toys",
            import_description="Whether the young person shares their toys.",
        ),
    ),
)

REFERRAL_SOURCES = (
    Term("toy_shop", "Toy shop"),
    Term("school", "School"),
)

COMPONENTS = (
    Component("TOY-C1", "Building blocks", "Patience and planning.", ("TOY-S1",)),
    Component("TOY-C2", "Board games", "Taking turns and losing well.", ("TOY-S1", "TOY-M1")),
    Component(GOODBYE, "Goodbye session", "Ending well.", ("TOY-L1",)),
)

OUTCOMES = (
    Outcome("TOY-S1", "short", "Plays calmly with others", "Plays calmly with others", SOURCE,
            self_reportable=True),
    Outcome("TOY-M1", "medium", "Takes turns without arguing", "Takes turns without arguing", SOURCE,
            self_reportable=True),
    Outcome("TOY-L1", "long", "Keeps playing after the programme", "Keeps playing after the programme",
            SOURCE),
)

PROGRESS_CHECK = progress_check(
    "TOY-PC",
    CODE,
    "Toy",
    (
        Item("TOY-PC-01", "I can play with other people without falling out.", ("TOY-S1",)),
        Item("TOY-PC-02", "I wait for my turn.", ("TOY-M1",)),
        Item("TOY-PC-03", "I sulk when I lose.", ("TOY-M1",), reverse_scored=True),
    ),
)


def _three_sessions_attended(definition: DefinitionVersion, facts: CaseFacts, today: date) -> RecordResult:
    """The toy's own record rule: three or more attended sessions by ``today``."""
    attended = len(facts.attended_sessions(today))
    if attended == 0:
        return RecordResult("toy_three_sessions", False, None, "No attended session yet.")
    return RecordResult("toy_three_sessions", True, attended >= 3, f"{attended} attended sessions.")


THREE_SESSIONS = RecordRule(
    "toy_three_sessions",
    "Three sessions attended",
    "Three or more attended Toy sessions.",
    _three_sessions_attended,
)


def _goodbye_session_held(definition: DefinitionVersion, facts: CaseFacts, today: date) -> Condition:
    """The toy's own closure condition: an attended goodbye session."""
    held = any(GOODBYE in s.component_codes for s in facts.attended_sessions(today))
    if held:
        return Condition("toy_goodbye", True, "A goodbye session was attended.")
    return Condition("toy_goodbye", False, "No goodbye session attended yet: hold one before closing.")


INDICATORS = (
    activity_indicators(COMPONENTS, OUTCOMES)
    + item_indicators(PROGRESS_CHECK)
    + (Indicator("TOY-L1", "record", THREE_SESSIONS.description, record_rule=THREE_SESSIONS.code),)
)

LOGIC_MODEL = LogicModel(
    need=("Young people who find it hard to play with others.",),
    activities=("Weekly play sessions with a youth worker.",),
    outputs=("Sessions delivered",),
    short=tuple(o.code for o in OUTCOMES if o.term == "short"),
    medium=tuple(o.code for o in OUTCOMES if o.term == "medium"),
    long=tuple(o.code for o in OUTCOMES if o.term == "long"),
)

VERSION_2024_1 = DefinitionVersion(
    programme_code=CODE,
    programme_short_name="Toy",
    version="2024.1",
    effective_on=date(2024, 1, 1),
    adopted_note="Made up for the tests.",
    eligibility=Eligibility(
        min_age=10,
        max_age=25,
        local_authorities=LLR_LOCAL_AUTHORITIES,
        summary="Young people aged 10 to 25 living in Leicester, Leicestershire or Rutland.",
    ),
    referral_sources=REFERRAL_SOURCES,
    settings=(),
    case_roles=(
        CaseRole("lead_worker", "Lead worker", True, "The youth worker who plays with the young person."),
        CaseRole("manager", "Manager", False, "May approve a closure that does not meet the rule."),
    ),
    components=COMPONENTS,
    outcomes=OUTCOMES,
    indicators=INDICATORS,
    record_rules=(THREE_SESSIONS,),
    instruments=(PROGRESS_CHECK.code, SWEMWBS.code),
    progress_check=PROGRESS_CHECK,
    assessment_plan=AssessmentPlan(),
    planned_dosage=PlannedDosage(
        min_weeks=4,
        max_weeks=8,
        description="A weekly play session for four to eight weeks.",
        counted_from="case_start",
        contact_every_days=7,
        first_contact_within_hours=72,
        first_contact_note="Contact the young person within three days of the referral.",
    ),
    closure_rule=ClosureRule(
        summary="A goodbye session attended before a planned completion.",
        post_assessment_required=False,
        extra_conditions=(_goodbye_session_held,),
    ),
    closure_reasons=CLOSURE_REASONS,
    logic_model=LOGIC_MODEL,
    sources=(SOURCE,),
    intake=INTAKE,
)

PROGRAMME = Programme(
    code=CODE,
    name="The Toy Programme",
    short_name="Toy",
    summary="Weekly play sessions for young people who find it hard to play with others.",
    versions=(VERSION_2024_1,),
    delivery_partners=("The test suite",),
    prevention_level="secondary",
    yef_toolkit_strand="Mentoring",
    funding_stream="None (a test fixture)",
)
