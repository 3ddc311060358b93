"""The rules of an onward referral: a referral of the young person to a partner service.

An onward referral is recorded on its own (the onward referrals import file) or made in a
session as it is logged; both go through :func:`check_onward_referral`, and a session's check
uses :func:`check_onward_referral_details` for the referral made in it (the session's date and
attendance are the session's own rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import vocabulary
from ..problems import Problem
from ..text import long_date

__all__ = [
    "NOT_ATTENDED",
    "OnwardReferralContext",
    "OnwardReferralValues",
    "check_onward_referral",
    "check_onward_referral_details",
]

#: An onward referral made in a session needs the young person to have been there.
NOT_ATTENDED = "An onward referral made in a session can only be logged for a session that was attended"


@dataclass(frozen=True)
class OnwardReferralValues:
    """What a worker or a file gave about an onward referral, already parsed.

    ``referred_on`` is None for a referral made in a session being logged: it takes the
    session's date. ``service_type`` is "" when only the agency was given.
    """

    service_type: str
    agency: str
    referred_on: date | None = None


@dataclass(frozen=True)
class OnwardReferralContext:
    """What the rules need to know about the referral's case (and session, if made in one)."""

    today: date
    case_started_on: date | None
    case_closed_on: date | None = None
    #: The attendance of the session it was made in, or None when not made in a session.
    session_attendance: str | None = None


def check_onward_referral_details(values: OnwardReferralValues) -> list[Problem]:
    """Every problem with what the referral is: the type of service and the agency."""
    problems = []
    if not values.service_type:
        problems.append(Problem("service_type", "Choose the type of service the young person was referred to"))
    elif not vocabulary.is_code(vocabulary.ONWARD_REFERRAL_SERVICE_TYPES, values.service_type):
        problems.append(Problem("service_type", "Choose the type of service from the list"))
    if not values.agency.strip():
        problems.append(Problem("agency", "Enter the name of the agency the young person was referred to"))
    return problems


def check_onward_referral(values: OnwardReferralValues, context: OnwardReferralContext) -> list[Problem]:
    """Every problem with an onward referral recorded on its own.

    A case that has not started (awaiting consent) gives one problem about the record as a
    whole (field ``""``) and nothing else. A problem with the session it was made in has the
    field ``session``.
    """
    started, closed = context.case_started_on, context.case_closed_on
    if started is None:
        return [Problem("", "Onward referrals can only be recorded once the case has started. "
                            "This case is still awaiting consent")]
    problems = []
    referred_on = values.referred_on
    if referred_on is not None:
        if referred_on > context.today:
            problems.append(Problem("referred_on", "Date of the referral must be today or in the past"))
        if referred_on < started:
            problems.append(Problem(
                "referred_on", f"Date of the referral must be on or after {long_date(started)}, when the case started"))
        if closed is not None and referred_on > closed:
            problems.append(Problem(
                "referred_on", f"Date of the referral must be on or before {long_date(closed)}, when the case closed"))
    if context.session_attendance is not None and context.session_attendance != "attended":
        problems.append(Problem("session", NOT_ATTENDED))
    return problems + check_onward_referral_details(values)
