"""The onward referrals file runs the onward referral check: one row per rule, with its column
and the check's words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casework.imports.operations import import_file
from casework.imports.schemas import HEADERS
from casework.timezone import london_today
from tests.casework.imports.conftest import csv_bytes, session_row

_TOMORROW = (london_today() + timedelta(days=1)).isoformat()


def _row(**values) -> dict:
    return {"provider_reference": "O1", "case_reference": "C1", "referred_on": "2024-06-20",
            "service_type": "housing", "agency": "Housing Options", **values}


CASES = [
    (dict(referred_on=_TOMORROW), "referred_on", "Date of the referral must be today or in the past"),
    (dict(referred_on="2024-05-01"), "referred_on",
     "Date of the referral must be on or after 2 May 2024, when the case started"),
    (dict(session_reference="S9"), "session_reference", "An onward referral made in a session can only be logged "
                                                        "for a session that was attended"),
    (dict(session_reference="NOPE"), "session_reference", "No session of this case has the provider reference "
                                                          "“NOPE”."),
]


@pytest.mark.parametrize("values, column, message", CASES)
def test_a_bad_onward_referral_is_reported_against_its_column(world, vip_case, values, column, message):
    missed = session_row("S9", attendance="cancelled", components="", duration_minutes="")
    assert import_file("sessions", "s.csv", csv_bytes(HEADERS["sessions"], [missed]), user=world.manager).ok
    result = import_file("onward_referrals", "o.csv", csv_bytes(HEADERS["onward_referrals"], [_row(**values)]),
                         user=world.manager)
    assert [(p.column, p.reason) for p in result.problems] == [(column, message)]


def test_an_onward_referral_after_the_case_closed_or_before_it_started_is_refused(world, vip_case, create_case):
    create_case(world.team, provider_reference="C9", status="awaiting_consent", started_on=None)
    vip_case.status, vip_case.closed_on = "closed", vip_case.started_on + timedelta(days=30)
    result = import_file("onward_referrals", "o.csv", csv_bytes(HEADERS["onward_referrals"], [
        _row(), _row(provider_reference="O2", case_reference="C9")]), user=world.manager)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (2, "referred_on", "Date of the referral must be on or before 1 June 2024, when the case closed"),
        (3, "case_reference", "Onward referrals can only be recorded once the case has started. This case is still "
                              "awaiting consent"),
    ]
