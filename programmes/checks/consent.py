"""The consent record's rules: recording consent, and recording that it was withdrawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..problems import Problem
from ..text import long_date
from ..vocabulary import CONSENT_GIVERS, CONSENT_METHODS, is_code

__all__ = [
    "ConsentContext",
    "ConsentValues",
    "WithdrawalContext",
    "WithdrawalValues",
    "check_consent",
    "check_withdrawal",
]


@dataclass(frozen=True, slots=True)
class ConsentValues:
    """Who gave consent (a CONSENT_GIVERS code), how (a CONSENT_METHODS code) and when."""

    given_by: str | None
    method: str | None
    given_on: date


@dataclass(frozen=True, slots=True)
class ConsentContext:
    """Today, the case's status and the date its referral was received."""

    today: date
    case_status: str
    received_on: date


def check_consent(values: ConsentValues, context: ConsentContext) -> list[Problem]:
    """Every problem with recording consent: not on a closed case, a giver and a method from
    the lists, and a date neither in the future nor before the referral was received."""
    if context.case_status == "closed":
        return [Problem("", "This case is closed; consent cannot be recorded")]
    problems: list[Problem] = []
    if not is_code(CONSENT_GIVERS, values.given_by):
        problems.append(Problem("given_by", "Select who gave consent"))
    if not is_code(CONSENT_METHODS, values.method):
        problems.append(Problem("method", "Select how consent was given"))
    if values.given_on > context.today:
        problems.append(Problem("given_on", "The date consent was given must not be in the future"))
    elif values.given_on < context.received_on:
        problems.append(Problem(
            "given_on",
            f"The date consent was given must not be before the referral was received on "
            f"{long_date(context.received_on)}",
        ))
    return problems


@dataclass(frozen=True, slots=True)
class WithdrawalValues:
    """When consent was withdrawn."""

    withdrawn_on: date


@dataclass(frozen=True, slots=True)
class WithdrawalContext:
    """Today, and when the consent was given and (if it was) already withdrawn."""

    today: date
    given_on: date
    already_withdrawn_on: date | None


def check_withdrawal(values: WithdrawalValues, context: WithdrawalContext) -> list[Problem]:
    """Every problem with recording a withdrawal: not twice, and on a date neither in the
    future nor before the consent was given."""
    if context.already_withdrawn_on is not None:
        return [Problem("", f"This consent was already withdrawn on {long_date(context.already_withdrawn_on)}")]
    problems: list[Problem] = []
    if values.withdrawn_on > context.today:
        problems.append(Problem("withdrawn_on", "The date consent was withdrawn must not be in the future"))
    elif values.withdrawn_on < context.given_on:
        problems.append(Problem(
            "withdrawn_on",
            f"The date consent was withdrawn must not be before it was given on {long_date(context.given_on)}",
        ))
    return problems
