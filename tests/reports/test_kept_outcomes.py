"""Section F from outcome evaluations kept with closures (casework/cases/outcomes.py): the same
return as evaluating every closed case's records, set aside when a record changes."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from casework.cases import outcomes
from casework.cases.models import Closure, ClosureMeasure, ClosureOutcome
from casework.db import db
from tests.reports.test_figures import _progress_check, ids, value


def _history(records):
    """Closed cases with measured, improved and unchanged outcomes, and one still open."""
    improved = records.case(started_on=date(2024, 1, 2))
    records.session(improved, date(2024, 4, 9), components=("VIP-C2",))
    records.assessment(
        improved, "VIP-PC", "pre", date(2024, 1, 3), score=3, items=_progress_check({"VIP-PC-05": 2})
    )
    records.assessment(
        improved, "VIP-PC", "post", date(2024, 6, 1), score=3, items=_progress_check({"VIP-PC-05": 4})
    )
    records.onward(improved, date(2024, 2, 1), "housing", status="accepted")
    # SDQ pairs a pre from the post's informant: the parent's pre is not the self-report's pair.
    records.assessment(improved, "SDQ", "pre", date(2024, 1, 4), score=18, informant="self")
    records.assessment(improved, "SDQ", "pre", date(2024, 1, 5), score=25, informant="parent")
    records.assessment(improved, "SDQ", "post", date(2024, 6, 1), score=12, informant="self")
    improved.test_closure = records.close(improved, date(2024, 6, 2))
    unpaired = records.case(started_on=date(2024, 1, 2))
    records.assessment(unpaired, "VIP-PC", "pre", date(2024, 1, 3), score=3, items=_progress_check({}))
    unpaired.test_closure = records.close(unpaired, date(2024, 5, 20))
    open_case = records.case(started_on=date(2024, 4, 2))
    records.session(open_case, date(2024, 4, 9), components=("VIP-C2",))
    return improved, unpaired


def _f_cells(built):
    return {
        (cell.code, cell.breakdown, cell.category): (cell.period, cell.ytd)
        for cell in built.cells
        if cell.code == "F"
    }


def _f_lineage(built):
    return {key: found for key, found in built.lineage.items() if key.startswith("F|")}


def test_kept_evaluations_give_the_same_return_as_the_records(records, build):
    _history(records)
    from_records = build(lineage=True)
    assert value(from_records, "F", "improved", "VIP-S3") == 1  # the history measures something

    assert value(from_records, "E.matched", "instrument", "SDQ") == 1
    assert value(from_records, "E.mean_pre", "instrument", "SDQ") == 18  # the self-report pre

    assert outcomes.refresh() == 2
    kept = db.session.scalars(sa.select(Closure.outcomes_version)).all()
    assert kept == ["2024.1", "2024.1"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ClosureOutcome)) > 0
    pairs = db.session.execute(
        sa.select(ClosureMeasure.instrument, ClosureMeasure.pre_score, ClosureMeasure.post_score)
    ).all()
    assert ("SDQ", 18, 12) in [(code, pre, post) for code, pre, post in pairs]
    from_kept = build(lineage=True)
    assert _f_cells(from_kept) == _f_cells(from_records)
    assert _f_lineage(from_kept) == _f_lineage(from_records)
    assert from_kept.cells == from_records.cells  # sections B to G, E's pairs included
    assert from_kept.lineage == from_records.lineage


def test_kept_and_unkept_closures_count_each_young_person_once(records, build):
    improved, _ = _history(records)
    outcomes.refresh()
    # The same young person's second case, closed without a kept evaluation.
    again = records.case(started_on=date(2024, 4, 3), person=improved.person)
    records.onward(again, date(2024, 4, 10), "housing", status="accepted")
    assert records.close(again, date(2024, 6, 3)).outcomes_version is None
    built = build(lineage=True)
    person = str(improved.person.public_id)
    assert value(built, "F", "measured", "VIP-M7") == 1
    assert value(built, "F", "improved", "VIP-M7") == 1
    assert ids(built, "F", "improved", "VIP-M7") == {person}


@pytest.mark.parametrize("change", ["add_assessment", "edit_assessment_item", "edit_referral", "add_session"])
def test_a_change_to_a_record_sets_the_kept_evaluation_aside(records, build, change):
    from casework import models as m

    improved, unpaired = _history(records)
    outcomes.refresh()
    closure = unpaired.test_closure
    assert closure.outcomes_version == "2024.1"
    if change == "add_assessment":
        records.assessment(
            unpaired, "VIP-PC", "post", date(2024, 5, 19), score=3, items=_progress_check({"VIP-PC-05": 5})
        )
    elif change == "edit_assessment_item":
        item = db.session.scalars(
            sa.select(m.AssessmentItem).join(m.Assessment).where(m.Assessment.case_id == unpaired.id)
        ).first()
        item.value = 1
    elif change == "edit_referral":
        unpaired.referral.details = {"ete_status": "neet"}
    else:
        records.session(unpaired, date(2024, 5, 1))
    db.session.flush()
    assert closure.outcomes_version is None
    assert not db.session.scalars(sa.select(ClosureOutcome).where(ClosureOutcome.closure_id == closure.id)).all()
    assert not db.session.scalars(sa.select(ClosureMeasure).where(ClosureMeasure.closure_id == closure.id)).all()
    # The other closure keeps its evaluation.
    assert improved.test_closure.outcomes_version == "2024.1"
    if change == "add_assessment":
        # The late post assessment now pairs with the pre: VIP-S3 is measured and improved for both.
        built = build()
        assert value(built, "F", "measured", "VIP-S3") == 2
        assert value(built, "F", "improved", "VIP-S3") == 2
        assert value(built, "E.matched", "instrument", "VIP-PC") == 2


def test_closing_a_case_keeps_its_evaluation_and_reopening_sets_it_aside(records, create_user):
    from casework.cases.operations import close_case, reopen_case

    case = records.case(started_on=date(2024, 1, 2))
    records.onward(case, date(2024, 2, 1), "housing", status="accepted")
    manager = create_user(role="manager", teams=[records.team("VIP")])
    closure = close_case(
        case, reason="disengaged", closed_on=date(2024, 6, 2), version=case.version, user=manager,
        today=date(2024, 7, 1),
    )
    assert closure.outcomes_version == "2024.1"
    kept = dict(
        db.session.execute(
            sa.select(ClosureOutcome.outcome_code, ClosureOutcome.state).where(
                ClosureOutcome.closure_id == closure.id
            )
        ).all()
    )
    assert kept.get("VIP-M7") == "improved"
    reopen_case(case, reason="Back in touch after a further A&E attendance.", version=case.version, user=manager)
    db.session.flush()
    assert closure.outcomes_version is None
    assert not db.session.scalars(sa.select(ClosureOutcome).where(ClosureOutcome.closure_id == closure.id)).all()


@pytest.mark.parametrize("kept", [False, True], ids=["from records", "kept"])
def test_figures_are_the_same_with_and_without_the_records_behind_them(records, build, kept):
    """Returns are viewed without lineage and submitted with it; several figures take a quicker
    query without it, which must count exactly the same."""
    _history(records)
    other = records.case("REACH", started_on=date(2024, 4, 5))
    records.session(other, date(2024, 4, 12), components=("RCH-C1",))
    records.session(other, date(2024, 5, 3), attendance="did_not_attend")
    if kept:
        outcomes.refresh()
    for period in ("2024-25-Q1", "2024-25"):
        with_ids = build("ALL", period, lineage=True)
        without = build("ALL", period, lineage=False)
        assert without.cells == with_ids.cells
        assert without.lineage == {}
