"""The case and allocation checks over plain values."""

from __future__ import annotations

from datetime import date

from programmes.checks.case import (
    LEAD_WORKER_NOT_IN_TEAM,
    NAVIGATOR_NOT_IN_TEAM,
    AllocationContext,
    AllocationValues,
    CaseContext,
    CaseValues,
    SupportStartContext,
    SupportStartValues,
    check_allocation,
    check_case,
    check_support_start,
)
from programmes.problems import Problem

TODAY = date(2024, 6, 1)
RECEIVED = date(2024, 5, 1)


def _case(started_on, support=None, *, support_start=True):
    return check_case(CaseValues(started_on, support),
                      CaseContext(TODAY, RECEIVED, support_start, "Phoenix" if support_start else "VIP", ("Phoenix",)))


def test_a_case_starts_between_the_referral_and_today():
    assert _case(None) == _case(RECEIVED) == _case(TODAY) == []
    assert _case(date(2024, 4, 30)) == [
        Problem("started_on", "The case cannot start before the referral was received on 1 May 2024")]
    assert _case(date(2024, 6, 2)) == [Problem("started_on", "The case start date must not be in the future")]


def test_support_starts_only_where_the_programme_records_it_and_after_the_case():
    assert _case(RECEIVED, date(2024, 5, 3)) == []
    assert _case(RECEIVED, RECEIVED, support_start=False) == [
        Problem("support_started_on", "Only Phoenix cases have this: leave it blank for a VIP case")]
    assert _case(None, RECEIVED) == [
        Problem("support_started_on", "Support cannot start before the case has started")]
    assert _case(date(2024, 5, 3), RECEIVED) == [
        Problem("support_started_on", "Support cannot start before the case started")]
    assert _case(RECEIVED, date(2024, 6, 2)) == [
        Problem("support_started_on", "The date support started must not be in the future")]


def _support(on, *, started_on=RECEIVED, status="open", support_start=True):
    return check_support_start(SupportStartValues(on), SupportStartContext(
        TODAY, status, started_on, support_start, "Phoenix" if support_start else "VIP", ("Phoenix",)))


def test_recording_when_support_began_uses_the_import_rules_and_needs_an_open_case():
    assert _support(RECEIVED) == _support(TODAY) == []
    for on, started_on, support_start in ((date(2024, 5, 3), None, True), (RECEIVED, date(2024, 5, 3), True),
                                          (date(2024, 6, 2), RECEIVED, True), (RECEIVED, RECEIVED, False)):
        assert _support(on, started_on=started_on, support_start=support_start) == _case(
            started_on, on, support_start=support_start)
        assert _support(on, started_on=started_on, support_start=support_start) != []
    assert _support(RECEIVED, status="closed") == [
        Problem("", "This case is closed; reopen it before changing when support began")]


def _allocate(lead, navigator=None, *, status="open", has_navigator=True):
    return check_allocation(AllocationValues(lead, navigator), AllocationContext(
        status, has_navigator, lead_workers={1, 2}, navigators={2}, programme_name="VIP",
        navigator_programmes=("Phoenix",)))


def test_allocation_takes_workers_of_the_team():
    assert _allocate(1, 2) == _allocate(None) == _allocate(2, has_navigator=False) == []
    assert _allocate(3, 1) == [Problem("lead_worker", LEAD_WORKER_NOT_IN_TEAM),
                               Problem("navigator", NAVIGATOR_NOT_IN_TEAM)]
    assert _allocate(1, 2, has_navigator=False) == [
        Problem("navigator", "Only Phoenix cases have this: leave it blank for a VIP case")]


def test_a_closed_case_cannot_be_allocated():
    assert _allocate(3, status="closed") == [Problem("", "This case is closed; reopen it before allocating")]
