"""The consent record check over plain values: every problem, in the consent page's words."""

from __future__ import annotations

from datetime import date

from programmes.checks.consent import (
    ConsentContext,
    ConsentValues,
    WithdrawalContext,
    WithdrawalValues,
    check_consent,
    check_withdrawal,
)

TODAY = date(2025, 6, 2)


def test_consent_problems_are_all_given():
    context = ConsentContext(today=TODAY, case_status="awaiting_consent", received_on=date(2025, 5, 1))
    assert check_consent(ConsentValues("young_person", "written", TODAY), context) == []
    assert [(p.field, p.message) for p in check_consent(ConsentValues("neighbour", None, date(2025, 4, 30)), context)] \
        == [("given_by", "Select who gave consent"), ("method", "Select how consent was given"),
            ("given_on", "The date consent was given must not be before the referral was received on 1 May 2025")]
    assert [p.message for p in check_consent(ConsentValues("young_person", "written", date(2025, 6, 3)), context)] \
        == ["The date consent was given must not be in the future"]
    closed = ConsentContext(today=TODAY, case_status="closed", received_on=date(2025, 5, 1))
    assert [p.message for p in check_consent(ConsentValues("young_person", "written", TODAY), closed)] == [
        "This case is closed; consent cannot be recorded"]


def test_withdrawal_problems():
    def problems(on, already=None):
        return [(p.field, p.message) for p in check_withdrawal(
            WithdrawalValues(on), WithdrawalContext(today=TODAY, given_on=date(2025, 5, 2), already_withdrawn_on=already))]

    assert problems(TODAY) == []
    assert problems(date(2025, 6, 3)) == [("withdrawn_on", "The date consent was withdrawn must not be in the future")]
    assert problems(date(2025, 5, 1)) == [
        ("withdrawn_on", "The date consent was withdrawn must not be before it was given on 2 May 2025")]
    assert problems(TODAY, already=date(2025, 5, 20)) == [("", "This consent was already withdrawn on 20 May 2025")]
