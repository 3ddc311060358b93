"""The definitions returns.md settled (issue 14), at their edges: closures reopened before and
after the period end (B4, D5.status), first contact in elapsed 24-hour periods (B7), rounding
once with halves away from zero (D1.hours, D3.weeks), each young person once in D5.status; and
definition version 1, which a return submitted under it still rebuilds by."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest

from casework.timezone import LONDON
from reports.builder.tally import rounded
from reports.definition import get_definition
from reports.schema import FLOAT_HALF_EVEN

Q1_LAST = date(2024, 6, 30)


def value(built, code, breakdown=None, category=None, column="period"):
    return built.value((code, breakdown, category), column)


def ids(built, code, breakdown=None, category=None, column="period"):
    return set(built.lineage.get(f"{code}|{breakdown or ''}|{category or ''}", {}).get(column, []))


def london(*parts) -> datetime:
    return datetime(*parts, tzinfo=LONDON).astimezone(timezone.utc)


def _closed_then_reopened(records, programme, reopened_at):
    case = records.case(programme, started_on=date(2024, 4, 2))
    closure = records.close(case, date(2024, 6, 10), "disengaged", reopened=True)
    closure.reopened_at = reopened_at
    return case


# --- B4 and D5: a closure counts by whether it was in force at the period end ---------------------


@pytest.fixture
def reopenings(records):
    """Cases closed on 10 June and reopened on either side of the end of 30 June (London)."""
    return {
        "in_july": _closed_then_reopened(records, "VIP", london(2024, 7, 15, 10, 0)),
        # 00:30 on 1 July in London is still 30 June in UTC: after the period end all the same.
        "just_after_end": _closed_then_reopened(records, "VIP", london(2024, 7, 1, 0, 30)),
        "on_last_day": _closed_then_reopened(records, "VIP", london(2024, 6, 30, 23, 30)),
        "in_june": _closed_then_reopened(records, "VIP", london(2024, 6, 20, 10, 0)),
    }


def test_a_closure_reopened_after_the_period_end_still_closed_the_case_then(reopenings, build):
    built = build()
    active = ids(built, "B4")
    assert str(reopenings["in_july"].public_id) not in active
    assert str(reopenings["just_after_end"].public_id) not in active
    assert str(reopenings["on_last_day"].public_id) in active
    assert str(reopenings["in_june"].public_id) in active
    assert value(built, "B4") == value(built, "B4", column="ytd") == 2


def test_the_same_return_rebuilt_after_a_reopening_does_not_change(records, build):
    case = records.case(started_on=date(2024, 4, 2))
    closure = records.close(case, date(2024, 6, 10), "disengaged")
    before = build()
    closure.reopened_at = london(2024, 8, 1, 9, 0)
    case.status, case.closed_on = "open", None
    after = build()
    assert value(before, "B4") == value(after, "B4") == 0
    assert value(build(period="2024-25-Q2"), "B4") == 1


def test_definition_1_ignores_any_reopened_closure_whenever_it_was_reopened(reopenings, build):
    assert value(build(definition_version="1"), "B4") == 4


def test_engagement_status_counts_only_cases_active_at_the_period_end(records, build):
    after = _closed_then_reopened(records, "PHOENIX", london(2024, 7, 15, 10, 0))
    before = _closed_then_reopened(records, "PHOENIX", london(2024, 6, 20, 10, 0))
    for case in (after, before):
        records.status(case, "engaged", date(2024, 4, 3))
    built = build("PHOENIX")
    assert ids(built, "D5.status") == {str(before.person.public_id)}
    assert value(built, "D5.status", "status", "engaged") == 1
    assert value(build("PHOENIX", definition_version="1"), "D5.status") == 2


# --- B7: first contact in complete 24-hour periods, and the median hours --------------------------


@pytest.mark.parametrize(
    ("hours", "days"),
    [(23, 0), (24, 1), (25, 1)],
)
def test_first_contact_counts_complete_24_hour_periods(records, build, hours, days):
    # Received at 01:00 on 10 April in London; 23 hours later is already 11 April there.
    received = london(2024, 4, 10, 1, 0)
    contact = received + timedelta(hours=hours)
    referral = records.referral(
        received_on=date(2024, 4, 10),
        received_at=received,
        first_contact_at=contact,
        first_contact_on=contact.astimezone(LONDON).date(),
    )
    built = build()
    assert value(built, "B7.first_contact") == days
    assert value(built, "B7.first_contact.hours") == hours
    assert value(built, "B7.first_contact.count") == 1
    assert ids(built, "B7.first_contact.hours") == {str(referral.public_id)}
    # Definition version 1 counted calendar dates, and had no median hours.
    old = build(definition_version="1")
    assert value(old, "B7.first_contact") == 1
    assert ("B7.first_contact.hours", None, None) not in {cell.key for cell in old.cells}


def test_median_hours_are_taken_over_the_exact_times(records, build):
    received = london(2024, 4, 10, 9, 0)
    for minutes in (90, 135):  # 1.5 and 2.25 hours: the median is 1.875, written 1.9
        contact = received + timedelta(minutes=minutes)
        records.referral(
            received_on=date(2024, 4, 10),
            received_at=received,
            first_contact_at=contact,
            first_contact_on=contact.astimezone(LONDON).date(),
        )
    assert value(build(), "B7.first_contact.hours") == 1.9


# --- Rounding: once, over exact values, halves away from zero -----------------------------------


def test_the_rounding_rule():
    assert rounded(572.25) == 572.3
    assert rounded(144.75) == 144.8
    assert rounded(Fraction(34335, 60)) == 572.3
    assert rounded(-0.25) == -0.3
    assert rounded(Fraction(5, 14)) == 0.4
    assert rounded(Fraction(1, 200), 2) == 0.01
    assert rounded(Fraction(20, 2)) == 10 and isinstance(rounded(Fraction(20, 2)), int)
    assert rounded(None) is None
    # Definition version 1 rounded the binary float, halves to even.
    assert rounded(572.25, 1, FLOAT_HALF_EVEN) == 572.2


def test_contact_hours_of_572_25_show_572_3(records, build):
    case = records.case(started_on=date(2024, 4, 1))
    for day in range(1, 24):  # 23 sessions of a whole day and one of 1,215 minutes: 34,335 minutes
        records.session(case, date(2024, 4, day), duration_minutes=1440)
    records.session(case, date(2024, 5, 1), duration_minutes=1215)
    built = build()
    assert value(built, "D1.hours") == 572.3
    assert value(build(definition_version="1"), "D1.hours") == 572.2


def test_median_weeks_are_taken_over_exact_weeks_and_rounded_once(records, build):
    for days in (71, 74):  # 10.142... and 10.571... weeks: the median is 10.357..., written 10.4
        case = records.case(started_on=date(2024, 4, 1))
        records.close(case, date(2024, 4, 1) + timedelta(days=days))
    assert value(build(), "D3.weeks") == 10.4
    # Definition version 1 took the median of 10.1 and 10.6, and rounded 10.35 to 10.3.
    assert value(build(definition_version="1"), "D3.weeks") == 10.3


# --- D5: each young person once ------------------------------------------------------------------


def test_a_young_person_with_two_cases_counts_once_in_the_status_recorded_last(records, build):
    person = records.person()
    first = records.case("PHOENIX", started_on=date(2024, 4, 2), person=person)
    second = records.case("PHOENIX", started_on=date(2024, 5, 2), person=person)
    records.status(first, "engaged", date(2024, 4, 3))
    records.status(second, "disengaged", date(2024, 5, 3))
    other = records.case("PHOENIX", started_on=date(2024, 4, 2))
    records.status(other, "engaged", date(2024, 4, 3))
    built = build("PHOENIX")
    assert value(built, "D5.status") == 2
    assert value(built, "D5.status", "status", "disengaged") == 1
    assert value(built, "D5.status", "status", "engaged") == 1
    assert ids(built, "D5.status", "status", "engaged") == {str(other.person.public_id)}
    assert ids(built, "D5.status") == {str(person.public_id), str(other.person.public_id)}
    # Definition version 1 added the per-status counts: the person counted in both.
    assert value(build("PHOENIX", definition_version="1"), "D5.status") == 3


def test_a_young_person_with_two_cases_of_one_status_counts_once(records, build):
    person = records.person()
    for started in (date(2024, 4, 2), date(2024, 5, 2)):
        case = records.case("PHOENIX", started_on=started, person=person)
        records.status(case, "engaged", started)
    built = build("PHOENIX")
    assert value(built, "D5.status") == value(built, "D5.status", "status", "engaged") == 1


# --- versions -------------------------------------------------------------------------------------


def test_definition_2_settles_version_1s_rules_and_version_1_keeps_its_own(build):
    assert build(definition_version="2").definition_version == "2"
    assert build(definition_version="1").definition_version == "1"
    old, new = get_definition("1"), get_definition("2")
    assert not old.rules.closure_at_period_end and new.rules.closure_at_period_end
    assert [f.code for f in new.figures if f.code not in {g.code for g in old.figures}] == [
        "B7.first_contact.hours"
    ]


def test_a_return_submitted_under_version_1_rebuilds_by_version_1(records, build, create_user, monkeypatch):
    from casework.returns import queries
    from casework.returns.operations import submit_return
    from reports.builder import build_return
    from reports.periods import parse_period

    received = london(2024, 4, 10, 1, 0)
    contact = received + timedelta(hours=23)  # 0 whole days elapsed; 1 calendar day
    records.referral(
        received_on=date(2024, 4, 10),
        received_at=received,
        first_contact_at=contact,
        first_contact_on=contact.astimezone(LONDON).date(),
    )
    manager = create_user("manager", teams=[records.team("VIP")])
    # Submitted before version 2 existed: the build then made version 1 returns.
    monkeypatch.setattr(
        queries, "build_return", lambda *a, **k: build_return(*a, **k, definition_version="1")
    )
    snapshot = submit_return(manager, "VIP", parse_period("2024-25-Q1"), "internal")
    monkeypatch.undo()
    assert snapshot.definition_version == "1"
    # Nothing in the records moved, so the rebuild (by version 1's rules) shows no change...
    assert queries.snapshot_diff(snapshot) == []
    # ...although a new return, under version 2, says 0 days where version 1 said 1.
    assert value(build(), "B7.first_contact") == 0
