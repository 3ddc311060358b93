"""The Reach school record: suspensions, permanent exclusion and managed moves, and attendance
by term."""

from __future__ import annotations

import re
from decimal import Decimal

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import ValidationError

from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField
from forms.sessions import TEXT, CodeRadioField, parse_whole_number
from programmes.vocabulary import SCHOOL_EVENT_KINDS, SCHOOL_TERMS


class SchoolEventFields:
    kind = CodeRadioField(
        "What happened?",
        choices=choices(SCHOOL_EVENT_KINDS),
        message="Choose suspension, permanent exclusion or managed move",
    )
    occurred_on = GovDateField(
        "Date",
        required="Enter the date it happened",
        description="The first day of a suspension, for example 3 3 2025",
    )
    days = StringField(
        "School days lost (suspensions only)", widget=GovTextInput(), **TEXT, description="Whole days, for example 3"
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_days: int | None = None

    def validate_days(self, field):
        if self.kind.data != "suspension":
            return  # days lost are only asked for suspensions; anything else is ignored
        try:
            self.parsed_days = parse_whole_number(field.data)
        except ValueError:
            raise ValidationError("School days lost must be a whole number, like 3") from None

    def values(self) -> dict:
        return dict(
            kind=self.kind.data,
            occurred_on=self.occurred_on.data,
            days=self.parsed_days if self.kind.data == "suspension" else None,
        )


class SchoolEventForm(SchoolEventFields, CreateForm):
    """Record a suspension, permanent exclusion or managed move during the programme."""


class EditSchoolEventForm(SchoolEventFields, EditForm):
    """Correct a school event; carries the version it was opened at."""


def school_event_form_data(event) -> dict:
    return dict(
        kind=event.kind,
        occurred_on=event.occurred_on,
        days=str(event.days) if event.days is not None else "",
        version=str(event.version),
    )


_YEAR = re.compile(r"(\d{4})\s*(?:-|/|to|–)\s*(\d{2}|\d{4})")
_PERCENT = re.compile(r"(\d{1,3})(?:\.(\d))?")


def parse_academic_year(text: str | None) -> str:
    """An academic year written 2024-25 (2024/25, 2024-2025 and 2024 to 2025 are understood);
    ValueError otherwise."""
    match = _YEAR.fullmatch((text or "").strip())
    if not match:
        raise ValueError(text)
    start, end = int(match.group(1)), int(match.group(2))
    if end != (start + 1) % (100 if end < 100 else 10_000):
        raise ValueError(text)
    return f"{start}-{(start + 1) % 100:02d}"


def parse_percent(text: str | None) -> Decimal:
    """A percentage: a whole number of up to three figures with at most one decimal place (a
    trailing % is allowed); the school record check refuses one over 100."""
    cleaned = (text or "").strip().removesuffix("%").strip()
    if not _PERCENT.fullmatch(cleaned):
        raise ValueError(text)
    return Decimal(cleaned).quantize(Decimal("0.1"))


class AttendanceForm(CreateForm):
    """Attendance for one term. Saving a term already recorded changes it (version checked)."""

    academic_year = StringField(
        "Academic year", widget=GovTextInput(), **TEXT, description="For example, 2024-25"
    )
    term = CodeRadioField("Term", choices=choices(SCHOOL_TERMS), message="Choose the term")
    attendance_percent = StringField(
        "Attendance",
        widget=GovTextInput(),
        **TEXT,
        description="Percentage of possible sessions attended, for example 92.5",
    )
    #: Version of the term's record when the form was filled from it; blank for a new term.
    version = HiddenField()
    submit = SubmitField("Save attendance", widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed_year: str | None = None
        self.parsed_percent: Decimal | None = None

    def validate_academic_year(self, field):
        if not (field.data or "").strip():
            raise ValidationError("Enter the academic year, like 2024-25")
        try:
            self.parsed_year = parse_academic_year(field.data)
        except ValueError:
            raise ValidationError("Enter the academic year as two years, like 2024-25") from None

    def validate_attendance_percent(self, field):
        if not (field.data or "").strip():
            raise ValidationError("Enter the attendance percentage")
        try:
            self.parsed_percent = parse_percent(field.data)
        except ValueError:
            raise ValidationError(
                "Attendance must be a number from 0 to 100 with at most one decimal place, like 92.5"
            ) from None

    def values(self) -> dict:
        return dict(
            academic_year=self.parsed_year, term=self.term.data, attendance_percent=self.parsed_percent
        )
