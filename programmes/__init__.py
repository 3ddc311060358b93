"""Casework's programmes: what each commissioned programme is, and its rules.

Pure Python with no web framework or database, so that the definitions can be read by a
commissioner's analyst and tested without an application. A new programme is one new module
defining ``PROGRAMME`` and one line in :data:`_BUILT_IN` below; everything else in the
application (forms, imports, navigation, returns, the command line) reads this registry.

The registry here answers "which programme is this code" and "which definition version was in
force on this date"; :mod:`programmes.rules` holds the rules and :mod:`programmes.instruments`
the assessment instruments.
"""

from __future__ import annotations

import functools
from datetime import date

from . import phoenix, reach, vip
from .facts import (
    AssessmentFact,
    CaseFacts,
    EngagementContactFact,
    OnwardReferralFact,
    ReferralFacts,
    SessionFact,
)
from .instruments import SHARED_INSTRUMENTS, Instrument
from .model import DefinitionVersion, Programme
from .rules import (
    Action,
    ClosureCheck,
    ClosureDecision,
    Condition,
    Decision,
    NoDefinitionInForce,
    OutcomeEvidence,
    Reason,
    age_on,
    check_eligibility,
    closure_allowed,
    closure_check,
    due_actions,
    outcome_evidence,
    outcomes_for_item,
    outcomes_for_record_fact,
    outcomes_for_session,
    triage_deadline,
    triage_due,
    version_in_force,
)

__all__ = [
    "PROGRAMME_CODES",
    "Action",
    "AssessmentFact",
    "CaseFacts",
    "ClosureCheck",
    "ClosureDecision",
    "Condition",
    "Decision",
    "DefinitionVersion",
    "EngagementContactFact",
    "Instrument",
    "NoDefinitionInForce",
    "OnwardReferralFact",
    "OutcomeEvidence",
    "Programme",
    "Reason",
    "ReferralFacts",
    "SessionFact",
    "age_on",
    "all_instruments",
    "all_programmes",
    "check_eligibility",
    "closure_allowed",
    "closure_check",
    "current_definition",
    "definition_on",
    "due_actions",
    "get_instrument",
    "get_programme",
    "programme_codes",
    "programmes_with",
    "register",
    "unregister",
    "outcome_evidence",
    "outcomes_for_item",
    "outcomes_for_record_fact",
    "outcomes_for_session",
    "triage_deadline",
    "triage_due",
]

#: The commissioned programmes shipped with the service, in the order pages list them.
_BUILT_IN = (vip.PROGRAMME, reach.PROGRAMME, phoenix.PROGRAMME)

#: Their codes, fixed by programmes.md.
PROGRAMME_CODES = tuple(programme.code for programme in _BUILT_IN)

_PROGRAMMES = {programme.code: programme for programme in _BUILT_IN}


def register(programme: Programme) -> None:
    """Add a programme to the registry (a deployment's own programme module, or a test's).

    Refuses a code already registered, so a definition cannot silently replace another.
    """
    if programme.code in _PROGRAMMES:
        raise ValueError(f"A programme with the code {programme.code!r} is already registered")
    _PROGRAMMES[programme.code] = programme
    all_instruments.cache_clear()


def unregister(code: str) -> None:
    """Remove a programme added with :func:`register` (the built-in programmes stay)."""
    if code in PROGRAMME_CODES:
        raise ValueError(f"{code!r} is a built-in programme")
    _PROGRAMMES.pop(code, None)
    all_instruments.cache_clear()


def programmes_with(capability: str) -> tuple[str, ...]:
    """The codes of the registered programmes whose definition declares ``capability`` (a field
    of :class:`programmes.model.Capabilities`, such as ``enforcement``)."""
    return tuple(code for code, programme in _PROGRAMMES.items() if getattr(programme.capabilities, capability))


def programme_codes() -> tuple[str, ...]:
    """The codes of every registered programme, built-in ones first."""
    return tuple(_PROGRAMMES)


def get_programme(code: str) -> Programme:
    """Return the programme with this code (``VIP``, ``REACH`` or ``PHOENIX``).

    Raises ``KeyError`` naming the valid codes for anything else.
    """
    try:
        return _PROGRAMMES[code]
    except KeyError:
        raise KeyError(
            f"Unknown programme code {code!r}; expected one of {', '.join(programme_codes())}"
        ) from None


def all_programmes() -> tuple[Programme, ...]:
    """Return every registered programme, built-in ones first."""
    return tuple(_PROGRAMMES.values())


def definition_on(code: str, on: date) -> DefinitionVersion:
    """Return the definition version of programme ``code`` in force on ``on``.

    Raises :class:`NoDefinitionInForce` (a ``LookupError``) for a date before the programme's
    first version, and ``KeyError`` for an unknown code.
    """
    return version_in_force(get_programme(code), on)


def current_definition(code: str, today: date | None = None) -> DefinitionVersion:
    """Return the current definition version of programme ``code``.

    With ``today`` this is the version in force on that date; without it, the version with the
    latest effective date (each programme has exactly one version at present).
    """
    programme = get_programme(code)
    if today is not None:
        return version_in_force(programme, today)
    return max(programme.versions, key=lambda version: version.effective_on)


@functools.cache
def all_instruments() -> tuple[Instrument, ...]:
    """Return every instrument: each programme's current progress check, then SWEMWBS and SDQ.
    (Definitions are fixed in code, so the tuple is built once: returns look instruments up for
    every assessment they pair.)"""
    return tuple(current_definition(code).progress_check for code in programme_codes()) + SHARED_INSTRUMENTS


def get_instrument(code: str) -> Instrument:
    """Return an instrument by code (``VIP-PC``, ``RCH-PC``, ``PHX-PC``, ``SWEMWBS``, ``SDQ``).

    Raises ``KeyError`` naming the valid codes for anything else.
    """
    instruments = all_instruments()
    for instrument in instruments:
        if instrument.code == code:
            return instrument
    raise KeyError(
        f"Unknown instrument code {code!r}; expected one of {', '.join(i.code for i in instruments)}"
    )
