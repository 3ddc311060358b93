"""The rules of a case record (when it started, when support started) and of its allocation
(the lead worker and, where the programme has one, the community navigator).

A case opened in the service starts on the consent date (see the consent check); a case
imported from a provider's file gives its dates and workers in the file. Both the allocation
page and the cases import call :func:`check_allocation`, and the import calls
:func:`check_case` too, so a bad value reads the same wherever it is refused. A worker who
may edit the case records when intensive support began on the case page
(:func:`check_support_start`), under the same support-start rules as the import.
"""

from __future__ import annotations

from collections.abc import Hashable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date

from .. import current_definition, get_programme, programme_codes, programmes_with
from ..problems import Problem
from ..text import long_date

__all__ = [
    "LEAD_WORKER_NOT_IN_TEAM",
    "NAVIGATOR_NOT_IN_TEAM",
    "AllocationContext",
    "AllocationValues",
    "CaseContext",
    "CaseValues",
    "SupportStartContext",
    "SupportStartValues",
    "check_allocation",
    "check_case",
    "check_support_start",
    "navigator_programmes",
    "support_start_programmes",
]

#: Beside the lead worker when they are not a youth worker or navigator of the case's team. The
#: allocation form's list holds only those workers, so it gives the same words for anyone else.
LEAD_WORKER_NOT_IN_TEAM = "Select a youth worker or navigator of the case's team"
#: Beside the community navigator when they are not a navigator of the case's team.
NAVIGATOR_NOT_IN_TEAM = "Select a navigator of the case's team"


def navigator_programmes() -> tuple[str, ...]:
    """The short names of the programmes whose current definition has a community navigator."""
    return tuple(get_programme(code).short_name for code in programme_codes()
                 if current_definition(code).has_navigator)


def support_start_programmes() -> tuple[str, ...]:
    """The short names of the programmes that record when support started."""
    return tuple(get_programme(code).short_name for code in programmes_with("support_start"))


def _only(owners: tuple[str, ...], programme_name: str) -> str:
    return f"Only {' and '.join(owners)} cases have this: leave it blank for a {programme_name} case"


@dataclass(frozen=True, slots=True)
class CaseValues:
    """A case's dates as given: when it started (None while awaiting consent) and when support started."""

    started_on: date | None
    support_started_on: date | None = None


@dataclass(frozen=True, slots=True)
class CaseContext:
    """What the case rules need: today, the date the referral was received, whether the
    programme records a support start (its capabilities' ``support_start``), the programme's
    short name and the short names of the programmes that do record one."""

    today: date
    received_on: date
    support_start: bool
    programme_name: str
    support_start_programmes: tuple[str, ...] = ()


def check_case(values: CaseValues, context: CaseContext) -> list[Problem]:
    """Every problem with a case's dates: the start neither before the referral was received
    nor in the future; a support start only where the programme records one, and then neither
    before the case started nor in the future."""
    problems: list[Problem] = []
    started_on, support = values.started_on, values.support_started_on
    if started_on is not None:
        if started_on < context.received_on:
            problems.append(Problem(
                "started_on",
                f"The case cannot start before the referral was received on {long_date(context.received_on)}"))
        elif started_on > context.today:
            problems.append(Problem("started_on", "The case start date must not be in the future"))
    if support is not None:
        problems += _support_start_problems(support, started_on, context.today, context.support_start,
                                            context.programme_name, context.support_start_programmes)
    return problems


def _support_start_problems(support: date, started_on: date | None, today: date, support_start: bool,
                            programme_name: str, owners: tuple[str, ...]) -> list[Problem]:
    # The one home of the support-start rules: the import (check_case) and the case page
    # (check_support_start) both come here, so a bad date reads the same in both.
    if not support_start:
        return [Problem("support_started_on", _only(owners, programme_name))]
    if started_on is None:
        return [Problem("support_started_on", "Support cannot start before the case has started")]
    if support < started_on:
        return [Problem("support_started_on", "Support cannot start before the case started")]
    if support > today:
        return [Problem("support_started_on", "The date support started must not be in the future")]
    return []


@dataclass(frozen=True, slots=True)
class SupportStartValues:
    """When intensive support began, as a worker records it on the case page."""

    support_started_on: date


@dataclass(frozen=True, slots=True)
class SupportStartContext:
    """What recording a support start needs: today, the case's status and start date (None
    while awaiting consent), whether the programme records a support start, the programme's
    short name and the short names of the programmes that do record one."""

    today: date
    case_status: str
    started_on: date | None
    support_start: bool
    programme_name: str
    support_start_programmes: tuple[str, ...] = ()


def check_support_start(values: SupportStartValues, context: SupportStartContext) -> list[Problem]:
    """Every problem with recording when intensive support began: not on a closed case (its
    closure was checked against the dates it had); only where the programme records a support
    start, and then neither before the case started nor in the future."""
    if context.case_status == "closed":
        return [Problem("", "This case is closed; reopen it before changing when support began")]
    return _support_start_problems(values.support_started_on, context.started_on, context.today,
                                   context.support_start, context.programme_name, context.support_start_programmes)


@dataclass(frozen=True, slots=True)
class AllocationValues:
    """Who is to hold each role: any identifier of a worker (a user id, an email), compared
    with the context's sets of eligible workers; None leaves the role unheld."""

    lead_worker: Hashable | None
    navigator: Hashable | None = None


@dataclass(frozen=True, slots=True)
class AllocationContext:
    """What the allocation rules need: the case's status, whether its definition has a
    community navigator, the youth workers and navigators of its team (``lead_workers``) and
    the navigators of its team (``navigators``), identified as in the values; the programme's
    short name and the short names of the programmes that have a navigator."""

    case_status: str
    has_navigator: bool
    lead_workers: AbstractSet[Hashable]
    navigators: AbstractSet[Hashable]
    programme_name: str
    navigator_programmes: tuple[str, ...] = ()


def check_allocation(values: AllocationValues, context: AllocationContext) -> list[Problem]:
    """Every problem with allocating a case: a closed case cannot be allocated; the lead worker
    must be a youth worker or navigator of the case's team; a navigator only where the
    definition has one, and then a navigator of the team."""
    if context.case_status == "closed":
        return [Problem("", "This case is closed; reopen it before allocating")]
    problems: list[Problem] = []
    if values.lead_worker is not None and values.lead_worker not in context.lead_workers:
        problems.append(Problem("lead_worker", LEAD_WORKER_NOT_IN_TEAM))
    if values.navigator is not None:
        if not context.has_navigator:
            problems.append(Problem("navigator", _only(context.navigator_programmes, context.programme_name)))
        elif values.navigator not in context.navigators:
            problems.append(Problem("navigator", NAVIGATOR_NOT_IN_TEAM))
    return problems
