"""Fields shared by many forms."""

import uuid
from datetime import date

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import DateField, HiddenField


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


class GovDateField(DateField):
    """A GOV.UK date input: day, month and year boxes, all posted under the field's name.

    Any post (missing boxes, letters, 31 February) becomes a clear message, never an error page:
    the widget needs exactly three raw values, so they are always padded to three.
    """

    widget = GovDateInput()

    def __init__(self, label=None, validators=None, invalid_message=None, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)
        self.invalid_message = invalid_message or f"{label or 'The date'} must be a real date, like 12 5 2025"

    def process_formdata(self, valuelist):
        values = [str(value).strip() for value in valuelist][:3]
        values += [""] * (3 - len(values))
        self.raw_data = values
        if not any(values):
            self.data = None
            return
        try:
            day, month, year = (int(value) for value in values)
            if year < 1900:
                raise ValueError
            self.data = date(year, month, day)
        except (ValueError, OverflowError):
            self.data = None
            raise ValueError(self.invalid_message) from None


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
        if problem.message not in field.errors:
            field.errors.append(problem.message)
    form._errors = None  # WTForms caches form.errors after validate(); read them afresh

