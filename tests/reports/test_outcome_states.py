"""Section F's outcome states (issue 12, return definition 3): a young person who started at the
best value and kept it is "maintained", counted as achieved only where the outcome's definition
says so; definition 2 rebuilds as it was, with maintained neither shown nor counted improved."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pytest

import programmes
from casework.cases.outcomes import refresh
from reports.definition import CURRENT_VERSION
from reports.disclosure import disclose
from reports.layout import _maintained_notes

#: Reach's "fewer suspensions" outcome, whose definition counts maintained as achieved.
SUSPENSIONS = "RCH-M1"


@pytest.fixture(params=[False, True], ids=["from records", "kept"])
def kept(request):
    return request.param


def _no_suspensions_before_or_during(records, kept):
    """A Reach case with no suspension before referral or during, closed in Q1 2024-25."""
    case = records.case(
        "REACH", started_on=date(2024, 1, 8), referral_overrides={"details": {"suspensions_before_referral": 0}}
    )
    records.close(case, date(2024, 6, 20), "disengaged")
    if kept:
        refresh()
    return case


def _cell(built, breakdown, column="period"):
    return built.value(("F", breakdown, SUSPENSIONS), column)


def test_a_child_with_no_suspensions_before_or_during_is_maintained(records, build, kept):
    case = _no_suspensions_before_or_during(records, kept)
    built = build("REACH")
    assert built.definition_version == CURRENT_VERSION == "3"
    assert _cell(built, "measured") == _cell(built, "maintained") == _cell(built, "achieved") == 1
    assert _cell(built, "improved") == _cell(built, "not_improved") == 0
    assert _cell(built, "percent_maintained") == _cell(built, "percent_achieved") == 100
    assert _cell(built, "percent_improved") == 0
    assert built.lineage[f"F|maintained|{SUSPENSIONS}"]["period"] == [str(case.person.public_id)]


def test_maintained_is_not_achieved_where_the_outcome_does_not_count_it(records, build, kept, monkeypatch):
    _no_suspensions_before_or_during(records, kept)
    in_force = programmes.definition_on

    def not_counting(code, day):
        definition = in_force(code, day)
        outcomes = tuple(
            dataclasses.replace(o, maintained_counts_as_achieved=False) if o.code == SUSPENSIONS else o
            for o in definition.outcomes
        )
        return dataclasses.replace(definition, outcomes=outcomes)

    monkeypatch.setattr(programmes, "definition_on", not_counting)
    built = build("REACH")
    assert _cell(built, "maintained") == 1
    assert _cell(built, "achieved") == _cell(built, "percent_achieved") == 0


def test_a_version_2_rebuild_is_unchanged(records, build, kept):
    _no_suspensions_before_or_during(records, kept)
    built = build("REACH", definition_version="2")
    assert _cell(built, "measured") == 1 and _cell(built, "improved") == 0
    assert _cell(built, "percent_improved") == 0
    assert {cell.breakdown for cell in built.cells if cell.code == "F"} == {
        "reached", "measured", "improved", "percent_improved"
    }


def test_achieved_is_protected_from_subtraction_in_shared_returns(records, build):
    for _ in range(2):
        _no_suspensions_before_or_during(records, kept=True)
    shared = disclose(build("REACH"), "shared")
    # Improved is 0 and shown, so achieved (= improved + maintained here) gives maintained away
    # unless it is suppressed too.
    assert shared.cell("F", "maintained", SUSPENSIONS).period == "c"
    assert shared.cell("F", "achieved", SUSPENSIONS).period == "c"
    assert shared.cell("F", "measured", SUSPENSIONS).period == "c"


def test_the_notes_say_which_outcomes_count_maintained_as_achieved():
    reach = programmes.definition_on("REACH", date(2024, 6, 30))
    phoenix = programmes.definition_on("PHOENIX", date(2024, 6, 30))
    notes = _maintained_notes({"REACH": reach, "PHOENIX": phoenix})
    assert "RCH-M1" in notes[0] and "maintained counts as achieved" in notes[0]
    assert "none of its outcomes" in notes[1]


def test_a_version_3_document_shows_the_states_and_the_notes(records, build):
    from reports.canonical import ReturnDocument, canonical_dict
    from reports.documents import html_bytes
    from reports.layout import layout

    _no_suspensions_before_or_during(records, kept=True)
    document = ReturnDocument(
        canonical_dict(disclose(build("REACH"), "internal")), generated_at=datetime.now(timezone.utc).isoformat()
    )
    view = layout(document)
    assert b"Not improved" in html_bytes(document)
    assert [title.title for title in view.outcome_tables] == ["In the period", "Year to date"]
    assert "Maintained" in view.outcome_tables[0].headings
    assert any("RCH-M1" in note for note in view.outcome_notes)
