"""The rules of a session record: one held (or missed) with a young person on an open case.

The session form, the session operations and the sessions import file all call
:func:`check_session`, so a bad value gets the same words beside a form field and in an import
report. Whether a session can be logged on the case at all is :func:`case_open_problem`, asked
before the form is even shown; changing a session already logged does not ask it.

Rules settled here where the form, the operation and the import used to disagree:

- a behaviour note without a behaviour concern is refused (it was refused by the import but
  silently dropped on the form), so nothing a worker typed is lost without them knowing;
- a length of 0 or a blank length means the session has none, which only a session that did
  not take place may have; any length given for an attended session is 1 to
  :data:`MAX_DURATION_MINUTES` minutes, and no session is longer;
- the earliest date of a session is the day the case started;
- components, a behaviour concern and an onward referral need the session to have been
  attended, each with its own message beside its own field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from .. import vocabulary
from ..problems import Problem
from ..text import long_date
from .onward_referral import NOT_ATTENDED as ONWARD_NOT_ATTENDED
from .onward_referral import OnwardReferralValues, check_onward_referral_details

__all__ = [
    "COMPONENTS_NOT_OFFERED",
    "LENGTH_NOT_A_NUMBER",
    "MAX_DURATION_MINUTES",
    "SessionContext",
    "SessionValues",
    "case_open_problem",
    "check_session",
]

#: Longest session a worker can log, in minutes.
MAX_DURATION_MINUTES = 600
#: A length that is not written as a whole number (a shape the form and the file reader refuse).
LENGTH_NOT_A_NUMBER = "Length must be a whole number of minutes, like 45"
#: A component the case's programme does not list for its sessions.
COMPONENTS_NOT_OFFERED = "Choose only from the list of what this programme's sessions cover"

_CODES = (
    ("attendance", vocabulary.ATTENDANCE, "Choose whether the young person attended"),
    ("mode", vocabulary.SESSION_MODES, "Choose how the session was held"),
    ("location", vocabulary.SESSION_LOCATIONS, "Choose where the session was held"),
)


@dataclass(frozen=True)
class SessionValues:
    """What a worker or a file gave about a session, already parsed.

    ``duration_minutes`` is None when left blank. ``onward_referral`` is the referral made in
    the session, if any (it takes the session's date).
    """

    held_on: date
    start_time: time | None
    duration_minutes: int | None
    mode: str
    location: str
    attendance: str
    component_codes: tuple[str, ...] = ()
    behaviour_concern: bool = False
    behaviour_note: str = ""
    notes: str = ""
    onward_referral: OnwardReferralValues | None = None

    @classmethod
    def from_form(cls, values: dict[str, Any]) -> SessionValues:
        """Build from a session form's ``values()`` dict (its onward referral as a dict)."""
        values = dict(values)
        onward = values.pop("onward_referral", None)
        return cls(**values, onward_referral=OnwardReferralValues(**onward) if onward else None)


@dataclass(frozen=True)
class SessionContext:
    """What the session rules need to know about the case, as plain values."""

    today: date
    #: The day the case started: no session is dated before it.
    case_started_on: date | None
    #: The session components of the programme definition the case runs under.
    component_codes: tuple[str, ...]


def case_open_problem(status: str, closed_on: date | None) -> str | None:
    """Why no session can be logged on a case with this status now, or None when it is open."""
    if status == "awaiting_consent":
        return "Sessions can only be logged once consent is in place. This case is still awaiting consent."
    if status == "closed":
        closed = f" on {long_date(closed_on)}" if closed_on else ""
        return f"Sessions can only be logged on open cases. This case was closed{closed}."
    return None


def check_session(values: SessionValues, context: SessionContext) -> list[Problem]:
    """Every problem with a session, each with the name of the value it is about.

    Problems with the onward referral made in the session have the fields ``onward_referral``
    (for the referral as a whole), ``onward_referral.service_type`` and
    ``onward_referral.agency``.
    """
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        """Note one problem."""
        problems.append(Problem(field, message))

    if values.held_on > context.today:
        add("held_on", "Date of the session must be today or in the past: log a session after it has happened")
    elif context.case_started_on and values.held_on < context.case_started_on:
        add("held_on",
            f"Date of the session must be on or after {long_date(context.case_started_on)}, when the case started")
    for name, terms, message in _CODES:
        if not vocabulary.is_code(terms, getattr(values, name)):
            add(name, message)
    attended = values.attendance == "attended"
    # With an unknown attendance, its own message is enough: the rules that hang on it wait.
    missed = not attended and vocabulary.is_code(vocabulary.ATTENDANCE, values.attendance)

    minutes = values.duration_minutes
    if minutes is None:
        if attended:
            add("duration_minutes", "Enter how many minutes the session lasted")
    elif minutes > MAX_DURATION_MINUTES or minutes < 0 or (attended and minutes == 0):
        add("duration_minutes", f"Length must be between 1 and {MAX_DURATION_MINUTES} minutes")

    if set(values.component_codes) - set(context.component_codes):
        add("component_codes", COMPONENTS_NOT_OFFERED)
    elif attended and not values.component_codes:
        add("component_codes", "Choose at least one thing the session covered")
    elif missed and values.component_codes:
        add("component_codes", "Only a session that was attended can cover components: untick them, or choose Attended")

    if values.behaviour_concern and missed:
        add("behaviour_concern", "A behaviour concern can only be recorded for a session that was attended")
    note = values.behaviour_note.strip()
    if values.behaviour_concern and not note:
        add("behaviour_note", "Describe the behaviour concern")
    elif note and not values.behaviour_concern:
        add("behaviour_note", "Delete the description of a behaviour concern, or choose yes if there was one")

    onward = values.onward_referral
    if onward is not None:
        if missed:
            add("onward_referral", ONWARD_NOT_ATTENDED)
        problems.extend(Problem(f"onward_referral.{p.field}", p.message) for p in check_onward_referral_details(onward))
    return problems
