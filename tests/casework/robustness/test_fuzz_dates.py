"""Dates at the edges of the calendar, into every form that takes a date (issue 16): years 1 to
9999, a 31st of February, never a server error, and a refused post writes nothing.

Every POST route whose form has a date (the three GOV.UK boxes, or a text box for a date) is
posted as each role that may use it and has a record in scope in the robustness world. Each date
field in turn gets every edge while the rest of the form is filled in as a person would, and then
every date field gets the same edge at once (a start and an end both in year 9999). Accepted
dates reach the operations and their rules, where adding a day to 31 December 9999 or comparing
with a date of birth in year 1 must end as a message, not an exception.
"""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from casework.timezone import london_today
from tests.casework.robustness.fuzzing import app_rules, role_for
from tests.casework.robustness.htmlforms import FormField, HtmlForm
from tests.casework.robustness.test_fuzz_forms import ALSO_AS, Visitor, _usual

#: Years the parser refuses (not four numbers, or before 1900): refused whatever the day.
REFUSED_YEARS = ["1", "0001", "0002", "99", "0099", "1899"]
#: Years that reach the rules, at both ends of the year.
ACCEPTED_YEARS = ["1900", "2099", "9998", "9999"]
ACCEPTED = [(day, month, year) for year in ACCEPTED_YEARS for day, month in [("31", "12"), ("1", "1")]]
EDGES = ([("31", "2", year) for year in REFUSED_YEARS] + ACCEPTED
         # None of the accepted years is a leap year: a 29th and a 31st of February are refused.
         + [("31", "2", "9999"), ("29", "2", "1900"), ("29", "2", "9999")])
#: The same edges for a date typed into one text box.
TEXT_ACCEPTED = ["1900-01-01", "2099-12-31", "9998-12-31", "9999-12-31", "31/12/9999"]
TEXT_EDGES = ["0001-01-01", "1899-12-31", "9999-02-31", *TEXT_ACCEPTED]

RULES = app_rules()
#: Every role a route admits, youth workers first; out of scope ones are passed over at run time.
ROLE_ORDER = ["youth_worker", "navigator", "manager", "enforcement_officer", "commissioner", "administrator"]
DATE_ROUTES = [
    (endpoint, args, [role for role in ROLE_ORDER if role in roles], role_for(endpoint, roles))
    for endpoint, _rule, methods, args, roles in RULES
    if "POST" in methods and roles not in (None, "public") and endpoint != "auth.sign_out_view"
]


def _is_date_text(field: FormField) -> bool:
    name = field.name.lower()
    return field.kind == "text" and (name.endswith("_on") or "date" in name)


def _date_fields(form: HtmlForm) -> list[FormField]:
    return [field for field in form.fields.values() if field.kind == "date" or _is_date_text(field)]


def _edges_for(field: FormField, *, accepted_only: bool = False) -> list[list[str]]:
    if field.kind == "date":
        return [list(edge) for edge in (ACCEPTED if accepted_only else EDGES)]
    return [[text] for text in (TEXT_ACCEPTED if accepted_only else TEXT_EDGES)]


def _filled(form: HtmlForm, dates: dict[str, list[str]]) -> MultiDict:
    today = london_today()
    return MultiDict([(field.name, value) for field in form.fields.values()
                      for value in dates.get(field.name, _usual(field, today))])


def _visitor_for(app, client, world, endpoint, arguments, role) -> Visitor | None:
    """A visitor signed in as `role`, or None when the role has no form for this route on the
    world's records (a navigator on a VIP case)."""
    try:
        visitor = Visitor(app, client, world, endpoint, arguments, role)
        visitor.read_form()
    except AssertionError:
        return None
    return visitor


@pytest.mark.parametrize("endpoint,arguments,roles,main_role", DATE_ROUTES,
                         ids=[route[0] for route in DATE_ROUTES])
def test_dates_from_year_1_to_9999(app, client, world, endpoint, arguments, roles, main_role):
    """Every edge date into each date field, then into all at once, as each role: no 500."""
    posted_as = []
    for role in roles:
        visitor = _visitor_for(app, client, world, endpoint, arguments, role)
        if visitor is None:
            continue
        posted_as.append(role)
        fields = _date_fields(visitor.read_form())
        if not fields:
            return  # the form takes no date: nothing for this test, whoever posts it
        # The parser refuses the other edges before any role matters: the first role posts them.
        accepted_only = len(posted_as) > 1
        for field in fields:
            for edge in _edges_for(field, accepted_only=accepted_only):
                form = visitor.read_form()
                visitor.post(_filled(form, {field.name: edge}))
        if len(fields) > 1:
            for index in range(len(ACCEPTED)):
                form = visitor.read_form()
                dates = {}
                for field in fields:
                    edges = _edges_for(field, accepted_only=True)
                    dates[field.name] = edges[index % len(edges)]
                visitor.post(_filled(form, dates))
    assert main_role in posted_as, f"{endpoint}: not posted as {main_role}, only as {posted_as}"
    assert set(ALSO_AS.get(endpoint, [])) <= set(posted_as), f"{endpoint}: posted only as {posted_as}"


def test_the_date_fuzz_reaches_the_dated_forms():
    endpoints = {route[0] for route in DATE_ROUTES}
    assert endpoints >= {"sessions.new", "assessments.new", "cases.close", "referrals.new_referral",
                         "engagement.new_enforcement_event", "school.new_event", "plans.new"}
