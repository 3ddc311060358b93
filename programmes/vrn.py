"""The VRN's overarching outcomes, shared by every programme.

The Response Strategy (seed 003, section 6) lists crime, health and risk and protective factor
outcomes that every VRN-supported intervention contributes to and monitors; the Serious Violence
Duty adds three Home Office success measures (seed 004). These are area-level outcomes, evidenced
by partner data rather than case records; programme outcomes name the ones they contribute to in
``Outcome.vrn_outcome_codes``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["VRN_OUTCOME_CATEGORIES", "VRN_OUTCOMES", "VRN_REPORTING", "VrnOutcome", "vrn_outcome"]

STRATEGY = "VRN Response Strategy 2020-2023 (reviewed January 2021), overarching outcomes"
DUTY = "Serious Violence Duty success measures (VRN strategy update, March 2024)"


@dataclass(frozen=True, slots=True)
class VrnOutcome:
    """An overarching outcome: ``category`` is ``crime``, ``health``, ``risk_and_protective`` or
    ``home_office_success_measure``; ``population`` says who it is measured for where the source
    says so (empty where it does not)."""

    code: str
    category: str
    name: str
    wording: str
    population: str
    source: str


#: Categories of overarching outcome, with their headings.
VRN_OUTCOME_CATEGORIES = (
    ("crime", "Crime outcomes"),
    ("health", "Health outcomes"),
    ("risk_and_protective", "Risk and protective factor outcomes"),
    ("home_office_success_measure", "Home Office success measures"),
)

_ALL_AND_UNDER_25 = "all ages and under 25s"

VRN_OUTCOMES = (
    VrnOutcome(
        "VRN-CR1",
        "crime",
        "Less public place serious violence",
        "A reduction in all public place serious violence",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-CR2",
        "crime",
        "Fewer non-domestic homicides",
        "A reduction in non-domestic homicide",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-CR3",
        "crime",
        "Fewer personal robberies",
        "A reduction in personal robberies",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-CR4",
        "crime",
        "Less knife-enabled serious violence",
        "A reduction in knife-enabled serious violence",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-CR5",
        "crime",
        "Less violence with injury, including in the night-time economy",
        "A reduction in violence by injury including that associated with the night-time economy",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-CR6",
        "crime",
        "Less serious violence reoffending",
        "A reduction in serious violence re-offending",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-HE1",
        "health",
        "Fewer hospital attendances for violence-related injury",
        "A reduction in hospital attendances for violence-related injury",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-HE2",
        "health",
        "Fewer hospital admissions for violence-related injury",
        "A reduction in hospital admissions for violence-related injury",
        _ALL_AND_UNDER_25,
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP1",
        "risk_and_protective",
        "Fewer first-time entrants to the youth justice system",
        "A reduction in First Time Entrants into the Youth Justice System",
        "",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP2",
        "risk_and_protective",
        "Better school attendance",
        "An increase in school attendance",
        "",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP3",
        "risk_and_protective",
        "Fewer temporary and permanent exclusions",
        "A reduction in temporary and permanent exclusions",
        "",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP4",
        "risk_and_protective",
        "Fewer young people not in education, employment or training",
        "A reduction in Not in Education or Employment (NEET)",
        "",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP5",
        "risk_and_protective",
        "Less substance misuse among under-25s",
        "A reduction in substance misuse amongst under 25s",
        "under 25s",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP6",
        "risk_and_protective",
        "More under-25s in suitable accommodation",
        "An increase in suitable accommodation status amongst under 25s",
        "under 25s",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP7",
        "risk_and_protective",
        "Better mental wellbeing among under-25s",
        "An increase in improved mental well-being amongst under 25s",
        "under 25s",
        STRATEGY,
    ),
    VrnOutcome(
        "VRN-RP8",
        "risk_and_protective",
        "Less fear of knife crime and serious violence among under-25s",
        "A reduction in fear of knife crime and serious violence amongst under 25s",
        "under 25s",
        STRATEGY,
    ),
    VrnOutcome(
        "HO-1",
        "home_office_success_measure",
        "Fewer hospital admissions for assault with a knife or sharp object",
        "A reduction in hospital admissions for assaults with knife or sharp object",
        "all ages",
        DUTY,
    ),
    VrnOutcome(
        "HO-2",
        "home_office_success_measure",
        "Less police-recorded knife-enabled serious violence",
        "A reduction in knife and sharp object enabled serious violence recorded by the Police",
        "all ages",
        DUTY,
    ),
    VrnOutcome(
        "HO-3",
        "home_office_success_measure",
        "Fewer homicides",
        "A reduction in homicides recorded by the Police",
        "all ages",
        DUTY,
    ),
)

#: What every VRN-funded intervention reports, from the VRN logic model (seed 001).
VRN_REPORTING = (
    "Referrals received",
    "Sessions delivered and their frequency",
    "Onward referrals to partner agencies",
    "Demographics of young people",
    "Risk factors from pre, post and follow-up assessments",
)


def vrn_outcome(code: str) -> VrnOutcome:
    """Return the overarching outcome with this code; ``KeyError`` lists the valid codes if absent."""
    for outcome in VRN_OUTCOMES:
        if outcome.code == code:
            return outcome
    raise KeyError(
        f"{code!r} is not a VRN overarching outcome; valid codes: " + ", ".join(o.code for o in VRN_OUTCOMES)
    )
