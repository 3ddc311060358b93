"""The change since the pre assessment, as the case page gets it: plain dicts from one query
function, in a fixed number of queries, and the compact comparison template."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from flask import render_template
from sqlalchemy import event

from casework.assessments.queries import assessment_comparisons, describe_change
from casework.db import db
from programmes import get_instrument
from tests.casework.assessments.helpers import text_of
from tests.casework.assessments.test_edit_and_access import make_assessment


@contextmanager
def counted_queries():
    statements = []

    def count(*_args):
        statements.append(1)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_comparisons_cost_the_same_few_queries_however_many_assessments(world, create_case):
    small = create_case(world.team, lead_worker=world.worker)
    make_assessment(small)
    big = world.case
    for instrument in ("VIP-PC", "SWEMWBS"):
        make_assessment(big, instrument, "pre", 2)
        make_assessment(big, instrument, "post", 4, on=date(2024, 9, 1))
        make_assessment(big, instrument, "follow_up", 3, on=date(2024, 12, 1))
    db.session.flush()
    db.session.expire_all()
    db.session.refresh(small)
    with counted_queries() as few:
        assessment_comparisons(small)
    db.session.expire_all()
    db.session.refresh(big)
    with counted_queries() as many:
        comparisons = assessment_comparisons(big)
    assert len(few) == len(many) <= 2

    progress, wellbeing = comparisons
    assert progress["instrument"] == "VIP-PC"
    assert [c["timepoint"] for c in progress["columns"]] == ["pre", "post", "follow_up"]
    # Every answer 2, then 4: the three reverse-scored questions count the other way, so the mean
    # goes from 44/19 to 70/19.
    assert progress["change"]["text"] == "Improved: up 1.37, more than the 0.5 that counts as a real change"
    assert progress["follow_up_change"]["category"] == "improved"
    s1 = next(row for row in progress["outcomes"] if row["code"] == "VIP-S1")
    assert s1["values"] == ["2", "4", "3"] and s1["name"]
    assert wellbeing["instrument"] == "SWEMWBS" and wellbeing["headline_label"] == "Metric score (7 to 35)"
    assert [c["headline"] for c in wellbeing["columns"]] == ["15.32", "25.03", "19.25"]


def test_the_compact_comparison_renders_from_plain_dicts(app, world):
    make_assessment(world.case, "VIP-PC", "pre", 4)
    make_assessment(world.case, "VIP-PC", "post", 2, on=date(2024, 9, 1))
    comparisons = assessment_comparisons(world.case)
    with app.test_request_context():
        html = render_template("assessments/_comparison.html", comparisons=comparisons)
        empty = render_template("assessments/_comparison.html", comparisons=[])
    shown = text_of(html)
    assert "VIP progress check" in shown
    assert "Worse: down 1.37, more than the 0.5 that counts as a real change" in shown
    assert "<caption" in html
    assert "No assessments recorded yet." in text_of(empty)


def test_change_wording_respects_the_threshold_and_direction():
    progress = get_instrument("VIP-PC")
    sdq = get_instrument("SDQ")
    def said(instrument, before, after):
        return describe_change(instrument, before, after)["text"]

    assert said(progress, 3.0, 3.8) == "Improved: up 0.8, more than the 0.5 that counts as a real change"
    assert said(progress, 3.0, 3.5) == "Improved: up 0.5, reaching the 0.5 that counts as a real change"
    assert said(progress, 3.0, 2.9) == "Unchanged: down 0.1, less than the 0.5 that counts as a real change"
    assert said(progress, 3.0, 3.0) == "Unchanged: no change (a change of 0.5 counts as a real change)"
    assert said(sdq, 18, 21) == (
        "Worse: up 3, reaching the 3 that counts as a real change (lower is better)")
