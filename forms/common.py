"""Fields shared by many forms."""

import uuid
from datetime import date, time

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextInput
from wtforms import Field, HiddenField, StringField
from wtforms.validators import StopValidation

from programmes.parsing import ParseError, date_from_parts, time_from_text

#: Longest text kept from one box (a day, a month, a year or a time) to show again.
_LONGEST_BOX = 20


def clean_text(value):
    """Drop NUL and other control characters from typed text, keeping line breaks and tabs.

    PostgreSQL refuses NUL in text outright, and no control character belongs in a record; every
    free-text field uses this filter so pasted text never turns into an error page.
    """
    if not isinstance(value, str):
        return value
    return "".join(ch for ch in value if ch in "\n\r\t" or (ord(ch) >= 32 and ord(ch) != 127))


def trimmed_text(value):
    """clean_text, with surrounding spaces removed."""
    value = clean_text(value)
    return value.strip() if isinstance(value, str) else value


class CreateForm(FlaskForm):
    """A form that creates a record: posting it twice creates one (casework.submissions)."""

    submission_id = HiddenField(default=lambda: str(uuid.uuid4()))


class EditForm(FlaskForm):
    """A form that changes a record: carries the version it was opened at (casework.operations)."""

    version = HiddenField()


class GovDateField(Field):
    """A GOV.UK date input: day, month and year boxes, all posted under the field's name.

    Read by programmes.parsing.date_from_parts, so every date on every page gives the same
    messages, each starting with `what` (the label unless given): "Date of birth must include a
    month". `required` is the message for three empty boxes ("Enter the date consent was
    given"); without it the date is optional and empty boxes give None. Whatever is posted
    (missing boxes, extra boxes, letters) ends as a message, never an error page: the widget
    always gets back exactly the three values that were typed.
    """

    widget = GovDateInput()
    raw_data = None

    def __init__(self, label=None, validators=None, *, what: str | None = None, required: str | None = None,
                 **kwargs):
        super().__init__(label, validators, **kwargs)
        self.what = what or self.label.text
        self.required_message = required

    def process_formdata(self, valuelist):
        parts = [str(value).strip()[:_LONGEST_BOX] for value in list(valuelist)[:3]]
        parts += [""] * (3 - len(parts))
        self.raw_data = parts
        self.data = None
        try:
            self.data = date_from_parts(*parts, self.what)
        except ParseError as error:
            raise ValueError(str(error)) from None

    def _value(self):
        return self.data.strftime("%d %m %Y") if isinstance(self.data, date) else ""

    def pre_validate(self, form):
        if self.data is None and not self.process_errors and self.required_message:
            raise StopValidation(self.required_message)


class GovTimeField(StringField):
    """A time of day typed into one box, read by programmes.parsing.time_from_text: 14:30 and
    2:30pm are understood, a bare 2 is refused (never taken as 02:00).

    `what` starts the messages ("Start time must be a real time, for example 14:30 or 2:30pm");
    `required` is the message for an empty box. `data` is a `datetime.time` or None; the box
    shows again exactly what was typed.
    """

    widget = GovTextInput()

    def __init__(self, label=None, validators=None, *, what: str | None = None, required: str | None = None,
                 **kwargs):
        kwargs.setdefault("description", "For example, 14:30 or 2:30pm")
        super().__init__(label, validators, **kwargs)
        self.what = what or self.label.text
        self.required_message = required
        self.text = ""

    def process_formdata(self, valuelist):
        typed = str(valuelist[0]).strip() if valuelist else ""
        self.text = typed[:_LONGEST_BOX]
        self.data = None
        try:
            self.data = time_from_text(typed, self.what)
        except ParseError as error:
            raise ValueError(str(error)) from None

    def process_data(self, value):
        # A stored time, or the "14:30" a page fills the form with.
        self.data = value if isinstance(value, time) else None
        if isinstance(value, str):
            try:
                self.data = time_from_text(value, self.what)
            except ParseError:
                self.data = None
        if isinstance(value, time):
            self.text = value.strftime("%H:%M")
        else:
            self.text = value if isinstance(value, str) else ""

    def _value(self):
        return self.text

    def pre_validate(self, form):
        if self.data is None and not self.process_errors and self.required_message:
            raise StopValidation(self.required_message)


def show_problems(form, problems, fields: dict[str, str] | None = None) -> None:
    """Put each problem of a record check beside the form field it is about.

    ``fields`` maps a check's field name to the form's where they differ; a problem about a
    field the form does not have (or about the record as a whole) goes to the form's own
    errors, shown at the top of the error summary, so no message is ever dropped.
    """
    fields = fields or {}
    for problem in problems:
        name = fields.get(problem.field, problem.field)
        field = form._fields.get(name) if name else None
        if field is None:
            form.form_errors.append(problem.message)
            continue
        field.errors = list(field.errors or ())
        if not field.errors:  # a value the form could not read has its own message already
            field.errors.append(problem.message)
    form._errors = None  # WTForms caches form.errors after validate(); read them afresh

