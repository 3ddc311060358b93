"""The session and onward referral checks: plain values in, every problem out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from programmes.checks.onward_referral import (
    OnwardReferralContext,
    OnwardReferralValues,
    check_onward_referral,
)
from programmes.checks.session import (
    SessionContext,
    SessionValues,
    case_open_problem,
    check_session,
)
from programmes.problems import Problem

TODAY = date(2025, 6, 1)
CONTEXT = SessionContext(today=TODAY, case_started_on=date(2024, 5, 2), component_codes=("VIP-C1", "VIP-C3"))
GOOD = SessionValues(held_on=date(2025, 5, 12), start_time=time(14, 30), duration_minutes=45, mode="face_to_face",
                     location="youth_centre", attendance="attended", component_codes=("VIP-C1",))
MISSED = replace(GOOD, attendance="did_not_attend", component_codes=(), duration_minutes=None)


def fields(values, context=CONTEXT) -> list[str]:
    return [problem.field for problem in check_session(values, context)]


def test_a_good_session_and_a_missed_one_without_length_have_no_problems():
    assert check_session(GOOD, CONTEXT) == []
    assert check_session(MISSED, CONTEXT) == []
    assert check_session(replace(MISSED, duration_minutes=0), CONTEXT) == []


def test_every_problem_is_returned_not_only_the_first():
    bad = replace(GOOD, held_on=date(2025, 6, 2), duration_minutes=None, mode="carrier_pigeon", component_codes=(),
                  behaviour_concern=True)
    assert fields(bad) == ["held_on", "mode", "duration_minutes", "component_codes", "behaviour_note"]


def test_the_earliest_date_is_the_day_the_case_started():
    assert check_session(replace(GOOD, held_on=date(2024, 5, 1)), CONTEXT) == [
        Problem("held_on", "Date of the session must be on or after 2 May 2024, when the case started")]
    assert check_session(replace(GOOD, held_on=date(2024, 5, 2)), CONTEXT) == []


def test_length_limits():
    assert fields(replace(GOOD, duration_minutes=600)) == []
    assert fields(replace(GOOD, duration_minutes=601)) == ["duration_minutes"]
    assert fields(replace(GOOD, duration_minutes=0)) == ["duration_minutes"]
    assert fields(replace(MISSED, duration_minutes=601)) == ["duration_minutes"]


def test_only_an_attended_session_covers_components_raises_concerns_or_refers_on():
    missed = replace(MISSED, component_codes=("VIP-C1",), behaviour_concern=True, behaviour_note="Shouting",
                     onward_referral=OnwardReferralValues("housing", "Housing Options"))
    assert fields(missed) == ["component_codes", "behaviour_concern", "onward_referral"]
    # An attendance that is not a code says so once, without the rules that hang on it.
    assert fields(replace(missed, attendance="maybe")) == ["attendance"]


def test_a_behaviour_note_needs_a_concern_and_a_concern_a_note():
    assert check_session(replace(GOOD, behaviour_note="Shouting"), CONTEXT) == [
        Problem("behaviour_note", "Delete the description of a behaviour concern, or choose yes if there was one")]
    assert check_session(replace(GOOD, behaviour_concern=True, behaviour_note=" "), CONTEXT) == [
        Problem("behaviour_note", "Describe the behaviour concern")]


def test_a_component_the_programme_does_not_list_is_refused():
    assert fields(replace(GOOD, component_codes=("VIP-C1", "RCH-C1"))) == ["component_codes"]


def test_the_onward_referral_made_in_a_session_is_checked_under_its_own_fields():
    onward = OnwardReferralValues(service_type="astrology", agency="")
    assert fields(replace(GOOD, onward_referral=onward)) == ["onward_referral.service_type", "onward_referral.agency"]


def test_a_session_is_logged_only_on_an_open_case():
    assert case_open_problem("open", None) is None
    assert "awaiting consent" in case_open_problem("awaiting_consent", None)
    assert case_open_problem("closed", date(2024, 6, 1)) == (
        "Sessions can only be logged on open cases. This case was closed on 1 June 2024.")


ONWARD = OnwardReferralValues(service_type="housing", agency="Housing Options", referred_on=date(2024, 6, 1))
OPEN = OnwardReferralContext(today=TODAY, case_started_on=date(2024, 5, 2))


def test_an_onward_referral_between_the_start_and_the_close_of_the_case_is_fine():
    assert check_onward_referral(ONWARD, OPEN) == []
    assert check_onward_referral(ONWARD, replace(OPEN, case_closed_on=date(2024, 6, 1),
                                                 session_attendance="attended")) == []


def test_onward_referral_dates_and_session():
    assert [p.field for p in check_onward_referral(replace(ONWARD, referred_on=date(2024, 5, 1)), OPEN)] == [
        "referred_on"]
    assert [p.message for p in check_onward_referral(ONWARD, replace(OPEN, case_closed_on=date(2024, 5, 31)))] == [
        "Date of the referral must be on or before 31 May 2024, when the case closed"]
    assert [p.field for p in check_onward_referral(replace(ONWARD, referred_on=date(2025, 6, 2)), OPEN)] == [
        "referred_on"]
    assert [p.field for p in check_onward_referral(ONWARD, replace(OPEN, session_attendance="cancelled"))] == [
        "session"]


def test_no_onward_referral_before_the_case_starts():
    assert [p.field for p in check_onward_referral(ONWARD, replace(OPEN, case_started_on=None))] == [""]
