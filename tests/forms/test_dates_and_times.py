"""The one GOV.UK date field and the one time field every form uses, and that the forms and the
CSV importer give the same words for the same mistake."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date, time

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField, DateTimeField, HiddenField

import forms
import programmes
from casework.imports.cells import CellError
from casework.imports.schemas import KINDS
from forms.common import GovDateField, GovTimeField
from forms.referrals import referral_form_class


class DateAndTime(FlaskForm):
    on = GovDateField("Date of the session", required="Enter the date of the session")
    maybe_on = GovDateField("Review date (optional)", what="Review date")
    at = GovTimeField("Start time (optional)", what="Start time")
    required_at = GovTimeField("Time", what="Time of the attempt", required="Enter the time of the attempt")


def post(app, pairs) -> DateAndTime:
    with app.test_request_context(method="POST"):
        form = DateAndTime(formdata=MultiDict(pairs), meta={"csrf": False})
        form.validate()
        return form


def test_boxes_and_a_time_are_read(app):
    form = post(app, [("on", "12"), ("on", "5"), ("on", "2025"), ("at", "2:30pm"), ("required_at", "09:05")])
    assert (form.on.data, form.at.data, form.required_at.data) == (date(2025, 5, 12), time(14, 30), time(9, 5))
    assert form.maybe_on.data is None and not form.maybe_on.errors


@pytest.mark.parametrize("boxes, expected", [
    (["12", "", "2025"], "Date of the session must include a month"),
    (["12"], "Date of the session must include a month and year"),
    (["31", "4", "2025"], "Date of the session must be a real date"),
    (["1", "5", "25"], "Date of the session must include a year with 4 numbers"),
    (["1", "99999999999999", "2024", "7"], "Date of the session must be a real date"),
    ([], "Enter the date of the session"),
    (["", "", ""], "Enter the date of the session"),
])
def test_date_messages(app, boxes, expected):
    form = post(app, [("on", value) for value in boxes] + [("required_at", "10:00")])
    assert form.on.errors == [expected]
    assert len(form.on.raw_data) == 3  # the widget shows the three boxes again, whatever was posted


def test_a_bare_number_is_refused_as_a_time(app):
    form = post(app, [("on", "1"), ("on", "5"), ("on", "2025"), ("at", "2"), ("required_at", "")])
    assert form.at.errors == ["Start time must include the minutes, or am or pm, for example 14:00 or 2pm"]
    assert form.at.data is None and form.at._value() == "2"
    assert form.required_at.errors == ["Enter the time of the attempt"]


def test_a_time_shown_again_from_a_record_or_a_page(app):
    with app.test_request_context():
        stored = DateAndTime(data={"at": time(9, 5), "required_at": "14:30"}, meta={"csrf": False})
        assert (stored.at._value(), stored.required_at.data) == ("09:05", time(14, 30))


# --- every form in forms/ -------------------------------------------------------------------

def _form_classes():
    for info in pkgutil.iter_modules(forms.__path__):
        module = importlib.import_module(f"forms.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, FlaskForm) and value.__module__ == module.__name__:
                yield value
    for code in programmes.programme_codes():
        for new_person in (False, True):
            yield referral_form_class(programmes.current_definition(code), new_person)


def _fields(app):
    with app.test_request_context():
        for form_class in _form_classes():
            try:
                form = form_class(meta={"csrf": False})
            except TypeError:
                continue  # forms needing arguments from their page have the same field classes
            for field in form:
                yield form_class.__name__, field


def test_every_date_and_time_in_forms_uses_the_shared_fields(app):
    dates = times = 0
    for form_name, field in _fields(app):
        assert not isinstance(field, (DateField, DateTimeField)), f"{form_name}.{field.name}"
        if isinstance(field, HiddenField):
            continue  # a value carried from the step before, never typed
        if field.name.endswith("_on") or field.name.endswith("_as_of"):
            assert isinstance(field, GovDateField), f"{form_name}.{field.name}"
            dates += 1
        if field.name.endswith("_time"):
            assert isinstance(field, GovTimeField), f"{form_name}.{field.name}"
            times += 1
    assert dates > 20 and times >= 4


def test_every_date_field_gives_the_same_words_for_31_april(app):
    for form_name, field in _fields(app):
        if isinstance(field, GovDateField):
            with pytest.raises(ValueError) as error:
                field.process_formdata(["31", "4", "2025"])
            assert str(error.value) == f"{field.what} must be a real date", f"{form_name}.{field.name}"
            assert "(optional)" not in field.what, f"{form_name}.{field.name}"


# --- the importer ---------------------------------------------------------------------------

def _cell_message(kind: str, column: str, cell: str) -> str:
    with pytest.raises(CellError) as error:
        KINDS[kind].column(column).parse(cell)
    return str(error.value)


@pytest.mark.parametrize("form_what, kind, column", [
    ("Start time", "sessions", "start_time"),
    ("Time received", "referrals", "received_time"),
    ("Time of the attempt", "engagement_contacts", "contacted_time"),
])
def test_an_imported_bare_number_gets_the_forms_message(form_what, kind, column):
    form_message = "must include the minutes, or am or pm, for example 14:00 or 2pm"
    assert _cell_message(kind, column, "2") == f"{form_what} {form_message} (got “2”)"


def test_an_imported_date_gets_the_forms_message():
    assert _cell_message("sessions", "held_on", "2025-04-31") == (
        "Date of the session must be a real date (got “2025-04-31”)")
    assert _cell_message("sessions", "held_on", "12/05/2025") == (
        "Date of the session must be written YYYY-MM-DD, like 2025-05-12 (got “12/05/2025”)")
    assert KINDS["sessions"].column("held_on").parse("2025-05-12") == date(2025, 5, 12)
    assert KINDS["sessions"].column("start_time").parse("2:30pm") == time(14, 30)


def test_a_contact_attempt_at_2_is_refused_not_stored_as_two_in_the_morning(app):
    from forms.engagement import ContactForm

    with app.test_request_context(method="POST"):
        form = ContactForm(formdata=MultiDict([("method", "phone"), ("result", "no_answer"), ("contacted_on", "1"),
                                               ("contacted_on", "5"), ("contacted_on", "2025"),
                                               ("contacted_time", "2")]), meta={"csrf": False})
        assert not form.validate()
        assert form.contacted_time.errors == [
            "Time of the attempt must include the minutes, or am or pm, for example 14:00 or 2pm"]
        assert form.contacted_at() is None
