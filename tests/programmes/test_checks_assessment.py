"""The assessment check: every problem with an instrument, timepoint and date, never an exception."""

from __future__ import annotations

from datetime import date

import pytest

import programmes
from programmes.checks.assessment import (
    AssessmentContext,
    AssessmentValues,
    EarlierAssessment,
    check_assessment,
    duplicate_of,
)
from programmes.problems import Problem

TODAY = date(2024, 9, 1)
VIP = programmes.current_definition("VIP", date(2024, 6, 1))


def _context(**overrides) -> AssessmentContext:
    values = dict(definition=VIP, today=TODAY, received_on=date(2024, 5, 1), date_of_birth=date(2012, 1, 1))
    values.update(overrides)
    return AssessmentContext(**values)


def _check(instrument="VIP-PC", timepoint="pre", on=date(2024, 6, 3), **context) -> list[Problem]:
    return check_assessment(AssessmentValues(instrument, timepoint, on), _context(**context))


def test_a_good_assessment_has_no_problem():
    assert _check() == []
    assert _check("SDQ", "follow_up") == []


@pytest.mark.parametrize("on", [date(1, 1, 1), date(2011, 12, 31)])
def test_a_date_before_birth_is_a_problem_not_an_exception(on):
    # Every instrument's age rule would need the age on a day the young person was not yet born.
    for instrument in ("VIP-PC", "SWEMWBS", "SDQ"):
        assert _check(instrument, on=on) == [Problem(
            "completed_on", "The date completed cannot be before the young person's date of birth (1 January 2012)")]


def test_every_problem_is_returned_not_just_the_first():
    assert _check("NOPE", "later", None) == [
        Problem("instrument", "Select one of the assessments this programme uses: VIP-PC, SWEMWBS or SDQ"),
        Problem("timepoint", "Select pre, post or follow-up"),
        Problem("completed_on", "Enter the date the assessment was completed"),
    ]


def test_dates_in_the_future_or_before_the_referral():
    assert _check(on=date(2024, 9, 2)) == [Problem("completed_on", "The date completed cannot be in the future")]
    assert _check(on=date(2024, 4, 30)) == [Problem(
        "completed_on", "The date completed cannot be before the referral was received (1 May 2024)")]
    assert _check(on=date(2024, 4, 30), received_on=None, date_of_birth=None) == []


def test_the_age_rule_is_lifted_once_the_case_has_the_instrument():
    too_young = [Problem("instrument", "The SWEMWBS is for young people aged 13 and over; the young person was "
                                       "12 on the date it was completed")]
    assert _check("SWEMWBS") == too_young
    assert _check("SWEMWBS", date_of_birth=None) == []
    assert _check("SWEMWBS", also_used=frozenset({"SWEMWBS"})) == []
    earlier = (EarlierAssessment("SWEMWBS", "pre", date(2024, 5, 10)),)
    assert _check("SWEMWBS", "post", others=earlier) == []


def test_one_pre_and_one_post_per_instrument_but_follow_ups_repeat():
    others = (EarlierAssessment("VIP-PC", "pre", date(2024, 5, 20)),
              EarlierAssessment("VIP-PC", "pre", date(2024, 5, 10)),
              EarlierAssessment("VIP-PC", "follow_up", date(2024, 5, 12)))
    (problem,) = _check(others=others)
    assert problem == Problem("timepoint", "This case already has a start (pre) VIP progress check, completed on "
                                           "10 May 2024. Edit that assessment instead of adding another.")
    assert duplicate_of(AssessmentValues("VIP-PC", "pre", None), _context(others=others)) == others[1]
    assert _check("VIP-PC", "follow_up", others=others) == []
    assert _check("SDQ", "pre", others=others) == []
