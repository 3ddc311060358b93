"""Shared code lists (vocabularies) used by records, rules and returns.

Each vocabulary is a tuple of :class:`Term` (``code``, ``label``). The **code** is what is stored
and what returns write in CSV and JSON (``returns.md``, "Command line and the canonical JSON");
the **label** is what a person reads. Codes are stable: never rename one, retire it and add a new one.

Vocabularies that belong to one programme (referral sources, settings) live in that
programme's definition; the ones here are shared by every programme, and the few a programme's
own forms ask (Reach vulnerabilities) that its definition does not describe. The forms and the
CSV importer take their code lists from here, so a code means the same wherever it is entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a code list.

    ``group`` places the term in a wider category where the list has one (for example the ONS
    2021 high-level ethnic group of a detailed category); ``description`` says more where the
    label alone could be misread.
    """

    code: str
    label: str
    group: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class AgeBand:
    """An age band of return section C1; ``max_age`` is ``None`` for the open top band."""

    code: str
    label: str
    min_age: int
    max_age: int | None


@dataclass(frozen=True, slots=True)
class ClosureReason:
    """Why a case closed (return section B5).

    ``planned_completion`` is true only for the reason that needs the programme's closure check;
    ``excluded_from_completion_rate`` marks the reasons taken out of the completion-rate
    denominator in section B6 (moved out of area, deceased).
    """

    code: str
    label: str
    planned_completion: bool = False
    excluded_from_completion_rate: bool = False


class Coded(Protocol):
    """Anything with a stored ``code`` and a ``label`` to show: a :class:`Term` or a richer entry."""

    # Read-only, so that frozen dataclasses such as Term satisfy it.
    @property
    def code(self) -> str:
        """The code that is stored."""

    @property
    def label(self) -> str:
        """What a person reads."""


def label_for(vocabulary: Iterable[Coded], code: str | None) -> str:
    """Return the label of ``code`` in ``vocabulary``.

    Raises ``KeyError`` naming the code and the valid codes when the code is not in the list,
    so a typing mistake in a record or an import file is caught rather than shown as blank.
    ``None`` gives ``"Not recorded"``.
    """
    if code is None:
        return "Not recorded"
    terms = tuple(vocabulary)
    for term in terms:
        if term.code == code:
            return term.label
    valid = ", ".join(term.code for term in terms)
    raise KeyError(f"{code!r} is not a recognised code; the valid codes are: {valid}")


def codes(vocabulary: Iterable[Coded]) -> tuple[str, ...]:
    """Return the codes of a vocabulary in their documented order."""
    return tuple(term.code for term in vocabulary)


def is_code(vocabulary: Iterable[Coded], code: str | None) -> bool:
    """Say whether ``code`` belongs to ``vocabulary``."""
    return code is not None and any(term.code == code for term in vocabulary)


# --- Answers -----------------------------------------------------------------------------------

#: A yes or no answer (stored as true or false).
YES_NO = (Term("yes", "Yes"), Term("no", "No"))

#: Answers to a yes/no question that may not be known at referral (not known is stored as null).
YES_NO_NOT_KNOWN = (Term("yes", "Yes"), Term("no", "No"), Term("not_known", "Not known yet"))

# --- People -----------------------------------------------------------------------------------

#: Sex as recorded on the person (return section C2).
SEXES = (
    Term("female", "Female"),
    Term("male", "Male"),
    Term("not_known", "Not known"),
    Term("prefer_not_to_say", "Prefer not to say"),
)

#: The five ONS 2021 high-level ethnic groups plus "not stated" (return section C3).
ETHNIC_GROUPS = (
    Term("asian", "Asian, Asian British or Asian Welsh"),
    Term("black", "Black, Black British, Black Welsh, Caribbean or African"),
    Term("mixed", "Mixed or Multiple ethnic groups"),
    Term("white", "White"),
    Term("other", "Other ethnic group"),
    Term("not_stated", "Not stated"),
)

#: ONS 2021 Census detailed ethnic categories for England (19) plus "not stated";
#: ``group`` is the high-level group code from :data:`ETHNIC_GROUPS`.
ETHNICITIES = (
    Term("asian_bangladeshi", "Asian, Asian British or Asian Welsh: Bangladeshi", "asian"),
    Term("asian_chinese", "Asian, Asian British or Asian Welsh: Chinese", "asian"),
    Term("asian_indian", "Asian, Asian British or Asian Welsh: Indian", "asian"),
    Term("asian_pakistani", "Asian, Asian British or Asian Welsh: Pakistani", "asian"),
    Term("asian_other", "Asian, Asian British or Asian Welsh: Other Asian", "asian"),
    Term("black_african", "Black, Black British, Black Welsh, Caribbean or African: African", "black"),
    Term("black_caribbean", "Black, Black British, Black Welsh, Caribbean or African: Caribbean", "black"),
    Term("black_other", "Black, Black British, Black Welsh, Caribbean or African: Other Black", "black"),
    Term("mixed_white_asian", "Mixed or Multiple ethnic groups: White and Asian", "mixed"),
    Term("mixed_white_black_african", "Mixed or Multiple ethnic groups: White and Black African", "mixed"),
    Term(
        "mixed_white_black_caribbean", "Mixed or Multiple ethnic groups: White and Black Caribbean", "mixed"
    ),
    Term("mixed_other", "Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups", "mixed"),
    Term("white_british", "White: English, Welsh, Scottish, Northern Irish or British", "white"),
    Term("white_irish", "White: Irish", "white"),
    Term("white_gypsy_or_irish_traveller", "White: Gypsy or Irish Traveller", "white"),
    Term("white_roma", "White: Roma", "white"),
    Term("white_other", "White: Other White", "white"),
    Term("other_arab", "Other ethnic group: Arab", "other"),
    Term("other_any", "Other ethnic group: Any other ethnic group", "other"),
    Term("not_stated", "Not stated", "not_stated"),
)

#: The police "16+1" self-defined ethnicity codes (based on the 2001 Census categories), as
#: police partners send them; ``group`` is the ONS 2021 high-level group. Map a code to an
#: ONS 2021 category with :func:`ons_category_for_police_code`.
POLICE_ETHNICITY_CODES = (
    Term("W1", "White: British", "white"),
    Term("W2", "White: Irish", "white"),
    Term("W9", "White: Any other White background", "white"),
    Term("M1", "Mixed: White and Black Caribbean", "mixed"),
    Term("M2", "Mixed: White and Black African", "mixed"),
    Term("M3", "Mixed: White and Asian", "mixed"),
    Term("M9", "Mixed: Any other Mixed background", "mixed"),
    Term("A1", "Asian or Asian British: Indian", "asian"),
    Term("A2", "Asian or Asian British: Pakistani", "asian"),
    Term("A3", "Asian or Asian British: Bangladeshi", "asian"),
    Term("A9", "Asian or Asian British: Any other Asian background", "asian"),
    Term("B1", "Black or Black British: Caribbean", "black"),
    Term("B2", "Black or Black British: African", "black"),
    Term("B9", "Black or Black British: Any other Black background", "black"),
    Term(
        "O1",
        "Chinese",
        "asian",
        "The 2001 categories put Chinese under 'Other'; ONS 2021 places it in the Asian group.",
    ),
    Term("O9", "Any other ethnic group", "other"),
    Term("NS", "Not stated", "not_stated"),
)

#: Each police 16+1 code and the ONS 2021 detailed category it corresponds to. "W9" (any other
#: White background) maps to "white_other" because the 16+1 list has no Gypsy, Irish Traveller
#: or Roma category.
POLICE_TO_ONS_2021 = (
    ("W1", "white_british"),
    ("W2", "white_irish"),
    ("W9", "white_other"),
    ("M1", "mixed_white_black_caribbean"),
    ("M2", "mixed_white_black_african"),
    ("M3", "mixed_white_asian"),
    ("M9", "mixed_other"),
    ("A1", "asian_indian"),
    ("A2", "asian_pakistani"),
    ("A3", "asian_bangladeshi"),
    ("A9", "asian_other"),
    ("B1", "black_caribbean"),
    ("B2", "black_african"),
    ("B9", "black_other"),
    ("O1", "asian_chinese"),
    ("O9", "other_any"),
    ("NS", "not_stated"),
)


def ons_category_for_police_code(police_code: str) -> str:
    """Return the ONS 2021 detailed category code for a police 16+1 code (``"A1"`` gives ``"asian_indian"``).

    Raises ``KeyError`` for a code outside the 16+1 list.
    """
    for code, category in POLICE_TO_ONS_2021:
        if code == police_code.strip().upper():
            return category
    raise KeyError(
        f"{police_code!r} is not a police 16+1 ethnicity code; expected one of "
        + ", ".join(code for code, _ in POLICE_TO_ONS_2021)
    )


def ethnic_group_for(code: str | None) -> str:
    """Return the ONS 2021 high-level group of an ethnicity code.

    The group is one of ``asian``, ``black``, ``mixed``, ``white``, ``other``, ``not_stated``.

    Accepts an ONS 2021 detailed category code or a police 16+1 code; ``None`` counts as not stated.
    """
    if code is None:
        return "not_stated"
    for term in ETHNICITIES:
        if term.code == code:
            return term.group
    return next(term.group for term in ETHNICITIES if term.code == ons_category_for_police_code(code))


#: Local authority of residence (return section C4). Only the first three are in the VRN area.
LOCAL_AUTHORITIES = (
    Term("leicester", "Leicester"),
    Term("leicestershire", "Leicestershire"),
    Term("rutland", "Rutland"),
    Term("outside_llr", "Outside Leicester, Leicestershire and Rutland"),
)

#: The local authorities that make up the VRN area (LLR).
LLR_LOCAL_AUTHORITIES = ("leicester", "leicestershire", "rutland")

#: Age bands at case start (return section C1).
AGE_BANDS = (
    AgeBand("under_10", "Under 10", 0, 9),
    AgeBand("10_13", "10 to 13", 10, 13),
    AgeBand("14_15", "14 to 15", 14, 15),
    AgeBand("16_17", "16 to 17", 16, 17),
    AgeBand("18_20", "18 to 20", 18, 20),
    AgeBand("21_24", "21 to 24", 21, 24),
    AgeBand("25_34", "25 to 34", 25, 34),
    AgeBand("35_plus", "35 and over", 35, None),
)


def age_band(age: int) -> str:
    """Return the C1 age band code for an age in whole years (``15`` gives ``"14_15"``)."""
    if age < 0:
        raise ValueError(f"An age cannot be negative (got {age}).")
    for band in AGE_BANDS:
        if band.min_age <= age and (band.max_age is None or age <= band.max_age):
            return band.code
    raise ValueError(f"No age band covers {age}.")  # unreachable: the top band is open


# --- Referrals ---------------------------------------------------------------------------------

#: The decision on a referral (return section B2).
REFERRAL_DECISIONS = (
    Term("accepted", "Accepted"),
    Term("declined", "Declined"),
    Term("pending", "Awaiting a decision"),
)

#: The decisions a manager can make at triage (``accept`` gives a referral the status
#: ``accepted``, ``decline`` the status ``declined``; ``hold`` leaves it pending).
TRIAGE_DECISIONS = (
    Term("accept", "Accept", description="Opens a case awaiting consent."),
    Term("decline", "Decline", description="Record a reason; the referral is kept."),
    Term("hold", "Keep pending", description="Nothing changes; decide later."),
)

#: Why a referral was declined (return section B2).
DECLINE_REASONS = (
    Term("outside_age_range", "Outside the age range"),
    Term("outside_area", "Lives outside the area"),
    Term("criteria_not_met", "Programme criteria not met"),
    Term("already_open", "Already has an open case"),
    Term("declined_by_young_person", "Declined by the young person"),
    Term("unable_to_contact", "Unable to make contact"),
    Term("other", "Other reason"),
)

#: The same list under the name the referral records use.
DECISION_REASONS = DECLINE_REASONS

#: Consent to take part, as recorded on the referral or case.
CONSENT_STATUSES = (
    Term("not_yet_asked", "Not yet asked"),
    Term("given", "Consent given"),
    Term("given_with_parent_or_carer", "Consent given, with a parent or carer's agreement"),
    Term("refused", "Consent refused"),
    Term("withdrawn", "Consent withdrawn"),
)

#: Who gave consent to take part.
CONSENT_GIVERS = (Term("young_person", "The young person"), Term("parent_carer", "A parent or carer"))

#: How consent was given.
CONSENT_METHODS = (
    Term("verbal", "Verbally"),
    Term("written", "In writing"),
    Term("digital", "Digitally (email, text or online form)"),
)

# --- Closure -----------------------------------------------------------------------------------

#: Why a case closed (return section B5). Only ``planned_completion`` runs the closure check.
CLOSURE_REASONS = (
    ClosureReason("planned_completion", "Planned completion", planned_completion=True),
    ClosureReason("disengaged", "Disengaged"),
    ClosureReason("declined_after_start", "Declined after starting"),
    ClosureReason("moved_out_of_area", "Moved out of area", excluded_from_completion_rate=True),
    ClosureReason("custody", "Went into custody"),
    ClosureReason("transferred_or_stepped_up", "Transferred or stepped up to another service"),
    ClosureReason("safeguarding_escalation", "Safeguarding escalation"),
    ClosureReason("deceased", "Deceased", excluded_from_completion_rate=True),
    ClosureReason("other", "Other reason"),
)

# --- Sessions ----------------------------------------------------------------------------------

#: How a session was held (return section D1, by mode).
SESSION_MODES = (
    Term("face_to_face", "Face to face"),
    Term("phone", "Phone call"),
    Term("video", "Video call"),
    Term("messaging", "Text or online messaging"),
)

#: Where a session was held (return section D1, by location).
SESSION_LOCATIONS = (
    Term("home", "Home"),
    Term("school", "School or college"),
    Term("youth_centre", "Youth centre"),
    Term("community", "Community venue or outdoors"),
    Term("hospital", "Hospital or A&E"),
    Term("custody_suite", "Police custody suite"),
    Term("office", "Office"),
    Term("online", "Online or by phone"),
    Term("other", "Somewhere else"),
)

#: The same list under the name the session records use.
LOCATIONS = SESSION_LOCATIONS

#: Whether a planned session took place (return section D1).
ATTENDANCE = (
    Term("attended", "Attended"),
    Term("did_not_attend", "Did not attend"),
    Term("cancelled", "Cancelled"),
)

# --- School record (Reach) ---------------------------------------------------------------------

#: What happened at school during the programme (the school record's events).
SCHOOL_EVENT_KINDS = (
    Term("suspension", "Suspension"),
    Term("permanent_exclusion", "Permanent exclusion"),
    Term("managed_move", "Managed move"),
)

#: The terms of a school year, in order.
SCHOOL_TERMS = (Term("autumn", "Autumn"), Term("spring", "Spring"), Term("summer", "Summer"))

# --- Onward referrals and engagement -----------------------------------------------------------

#: Type of partner service an onward referral goes to (return section D4).
ONWARD_REFERRAL_SERVICE_TYPES = (
    Term("mental_health", "Mental health"),
    Term("substance_misuse", "Substance misuse"),
    Term("housing", "Housing"),
    Term("ete", "Education, training or employment"),
    Term("social_care", "Social care"),
    Term("sport_positive_activity", "Sport or positive activity"),
    Term("family_support", "Family support"),
    Term("other", "Other service"),
)

#: A participant's engagement status (return section D5).
#: Longest free text a record keeps: notes, a behaviour concern, a written reason, an agency's
#: name. Forms and import files read them against these one set of limits.
NOTE_MAX = 5000
BEHAVIOUR_NOTE_MAX = 2000
REASON_MAX = 2000
AGENCY_MAX = 120

#: Where an onward referral to a partner service stands.
ONWARD_REFERRAL_STATUSES = (
    Term("made", "Referral made"),
    Term("accepted", "Accepted by the service"),
    Term("declined", "Declined by the service"),
    Term("attended", "Attended the service"),
)

ENGAGEMENT_STATUSES = (
    Term("not_yet_contacted", "Not yet contacted"),
    Term("contacted", "Contacted"),
    Term("engaged", "Engaged"),
    Term("partially_engaged", "Partially engaged"),
    Term("disengaged", "Disengaged"),
    Term("refused", "Refused"),
)

#: How a contact attempt was made (return section D5, by method).
CONTACT_METHODS = (
    Term("phone", "Phone call"),
    Term("text", "Text message"),
    Term("home_visit", "Home visit"),
    Term("letter", "Letter"),
    Term("in_person", "In person elsewhere"),
    Term("via_family", "Through family"),
    Term("via_partner_agency", "Through a partner agency"),
    Term("social_media", "Social media"),
)

#: What a contact attempt achieved (return section D5, by result).
CONTACT_RESULTS = (
    Term("no_answer", "No answer"),
    Term("message_left", "Message left"),
    Term("spoke_declined", "Spoke; declined support"),
    Term("spoke_engaged", "Spoke; engaged"),
    Term("met", "Met in person"),
    Term("wrong_number", "Wrong number or address"),
    Term("other", "Other result"),
)

#: Contact results that show the person engaged (used by the Phoenix engagement record rule).
ENGAGED_CONTACT_RESULTS = ("spoke_engaged", "met")

#: Contact methods made face to face: with an engaged result, the worker saw the person.
IN_PERSON_CONTACT_METHODS = ("home_visit", "in_person")

# --- Phoenix -----------------------------------------------------------------------------------

#: How a Phoenix cohort member was told about the offer and the consequences of continued offending.
NOTIFICATION_METHODS = (
    Term("home_visit_with_family", "Home visit with the family", description="Usual route for under-18s."),
    Term("call_in", "Call-in", description="Usual route for young adults."),
    Term("letter", "Letter"),
    Term("other", "Other method"),
)

#: A Phoenix cohort member's tier in the identified cohort.
COHORT_TIERS = (
    Term(
        "influential_member",
        "Influential member",
        description=(
            "Organised crime group or urban street gang member heavily involved in serious violence and drug"
            " supply."
        ),
    ),
    Term(
        "network_member",
        "Network member",
        description="Criminally active young person who regularly interacts with influential members.",
    ),
)

#: Agencies that may nominate someone to the Phoenix cohort.
NOMINATING_AGENCIES = (
    Term("police", "Leicestershire Police"),
    Term("probation", "The Probation Service"),
    Term("youth_justice_city", "Leicester City Youth Justice Service"),
    Term("youth_justice_county", "Leicestershire County Youth Justice Service"),
    Term("other", "Other partner agency"),
)

#: Why a Phoenix participant was escalated to the enforcement component.
ESCALATION_REASONS = (
    Term("refused_to_engage", "Refused to engage"),
    Term("risk_persists", "Risk and criminality persist"),
)

#: Kinds of enforcement or disruption event recorded by police partners (Phoenix PHX-C8).
ENFORCEMENT_EVENT_KINDS = (
    Term("enforcement_visit", "Enforcement visit"),
    Term("disruption_activity", "Disruption activity"),
    Term("civil_order", "Civil order or injunction applied for"),
    Term("arrest_or_charge", "Arrest or charge"),
    Term("licence_recall", "Licence recall"),
    Term("other", "Other enforcement activity"),
)

#: The same list under the name the enforcement records use.
ENFORCEMENT_KINDS = ENFORCEMENT_EVENT_KINDS

#: What followed an escalation to enforcement.
ESCALATION_OUTCOMES = (
    Term("re_engaged", "Re-engaged with support"),
    Term("enforcement_taken", "Enforcement action taken"),
    Term("no_further_action", "No further action"),
    Term("ongoing", "Ongoing"),
)

# --- Assessments, plans and goals --------------------------------------------------------------

#: When an assessment was made: at the start, at closure, or about three months after closure.
ASSESSMENT_TIMEPOINTS = (
    Term("pre", "Start (pre)"),
    Term("post", "Closure (post)"),
    Term("follow_up", "Follow-up"),
)

#: Kinds of plan held on a case. VIP closure needs sustainability planning, Reach an exit plan,
#: Phoenix a transition plan.
PLAN_KINDS = (
    Term("intervention", "Intervention plan"),
    Term("sustainability", "Sustainability plan"),
    Term("exit", "Exit plan"),
    Term("transition", "Transition plan"),
)

#: Progress of a goal in a plan.
GOAL_STATUSES = (
    Term("not_started", "Not started"),
    Term("in_progress", "In progress"),
    Term("achieved", "Achieved"),
    Term("no_longer_relevant", "No longer relevant"),
)

#: Education, training or employment status, recorded at start and updated during the case.
ETE_STATUSES = (
    Term("full_time_education", "In full-time education"),
    Term("part_time_education", "In part-time education or on a reduced timetable"),
    Term("training_or_apprenticeship", "In training or an apprenticeship"),
    Term("employed", "In work"),
    Term("neet", "Not in education, employment or training (NEET)"),
    Term("not_known", "Not known"),
)

#: How good an ETE status is, for the "ETE status better than at start" record rule: NEET is
#: lowest, part-time education next, full-time education, training or work highest.
#: "not_known" has no rank and makes the rule unevaluable.
ETE_STATUS_RANK = (
    ("neet", 0),
    ("part_time_education", 1),
    ("full_time_education", 2),
    ("training_or_apprenticeship", 2),
    ("employed", 2),
)

# --- Roles -------------------------------------------------------------------------------------

#: Roles a worker can hold on a case.
CASE_ROLES = (
    Term("lead_worker", "Lead worker"),
    Term("community_navigator", "Community navigator"),
    Term("manager", "Manager"),
)

#: Prevention levels (return section A).
PREVENTION_LEVELS = (
    Term("primary", "Primary prevention"),
    Term("secondary", "Secondary prevention"),
    Term("tertiary", "Tertiary prevention"),
)
