"""Logging and changing a session: one short form a youth worker can fill in on a phone.

The form reads shapes only: a date is a real date, a time a time, a length a whole number, a
code one of those offered. The session rules (no future dates, nothing before the case started,
what only an attended session can have) are programmes.checks.session's, which the operation
runs; the route puts each problem it finds beside its field.
"""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField, GovTimeField, clean_text
from programmes import vocabulary
from programmes.checks.session import COMPONENTS_NOT_OFFERED, LENGTH_NOT_A_NUMBER
from programmes.vocabulary import AGENCY_MAX, BEHAVIOUR_NOTE_MAX, NOTE_MAX

#: Where a session check's field is not the form's field of the same name.
PROBLEM_FIELDS = {
    "component_codes": "components",
    "onward_referral": "onward_service_type",
    "onward_referral.service_type": "onward_service_type",
    "onward_referral.agency": "onward_agency",
}

TEXT = dict(filters=[clean_text])


class CodeRadioField(RadioField):
    """Radios whose one message covers both 'nothing chosen' and 'not one of these'."""

    def __init__(self, label=None, validators=None, *, message: str, **kwargs):
        kwargs.setdefault("widget", GovRadioInput())
        super().__init__(label, validators, invalid_choice_message=message, **kwargs)


class CodeSelectField(SelectField):
    """A select with a blank first option; the message covers blank and unknown values."""

    def __init__(self, label=None, validators=None, *, message: str, **kwargs):
        kwargs.setdefault("widget", GovSelect())
        super().__init__(label, validators, invalid_choice_message=message, **kwargs)

    def pre_validate(self, form):
        if self.data in (None, ""):
            raise ValidationError(self.invalid_choice_message)
        super().pre_validate(form)


def parse_whole_number(text: str | None) -> int | None:
    """A whole number written with digits only (spaces allowed around it), or None."""
    text = (text or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise ValueError(text)
    return int(text)


class SessionFields(FlaskForm):
    """The fields and checks shared by the log and edit forms."""

    held_on = GovDateField(
        "Date of the session",
        required="Enter the date of the session",
        description="For example, 12 5 2025",
    )
    attendance = CodeRadioField(
        "Did the session take place?",
        choices=choices(vocabulary.ATTENDANCE),
        message="Choose whether the young person attended",
    )
    mode = CodeRadioField(
        "How was it held?",
        choices=choices(vocabulary.SESSION_MODES),
        message="Choose how the session was held",
    )
    location = CodeSelectField(
        "Where was it held?",
        choices=choices(vocabulary.SESSION_LOCATIONS, blank="Choose where"),
        message="Choose where the session was held",
    )
    start_time = GovTimeField("Start time (optional)", what="Start time")
    duration_minutes = StringField(
        "Length in minutes", widget=GovTextInput(), **TEXT, description="Whole minutes, for example 45"
    )
    components = SelectMultipleField(
        "What did the session cover?",
        widget=GovCheckboxesInput(),
        choices=[],
        invalid_choice_message=COMPONENTS_NOT_OFFERED,
    )
    behaviour_concern = CodeRadioField(
        "Was there a behaviour concern?",
        choices=choices(vocabulary.YES_NO),
        default="no",
        message="Choose yes if there was a behaviour concern, or no",
    )
    behaviour_note = TextAreaField(
        "If yes, what was the concern?",
        widget=GovTextArea(),
        **TEXT,
        validators=[
            Length(
                max=BEHAVIOUR_NOTE_MAX,
                message=f"The concern must be {BEHAVIOUR_NOTE_MAX} characters or fewer",
            )
        ],
    )
    notes = TextAreaField(
        "Notes (optional)",
        widget=GovTextArea(),
        **TEXT,
        validators=[Length(max=NOTE_MAX, message=f"Notes must be {NOTE_MAX} characters or fewer")],
    )
    submit = SubmitField("Save session", widget=GovSubmitInput())

    def __init__(self, *args, components=(), **kwargs):
        super().__init__(*args, **kwargs)
        #: The programme's session components (programmes.model.Component), in definition order.
        self.component_list = tuple(components)
        self.components.choices = [
            SelectChoice(component.code, component.name) for component in self.component_list
        ]
        self.parsed_duration: int | None = None

    def component_items(self) -> list[dict]:
        """Per-checkbox hints for the template: what each component targets."""
        return [{"hint": {"text": component.targets}} for component in self.component_list]

    def validate_duration_minutes(self, field):
        try:
            self.parsed_duration = parse_whole_number(field.data)
        except ValueError:
            raise ValidationError(LENGTH_NOT_A_NUMBER) from None

    def values(self) -> dict:
        """The values as parsed, for programmes.checks.session.SessionValues.from_form."""
        concern = self.behaviour_concern.data == "yes"
        return dict(
            held_on=self.held_on.data,
            start_time=self.start_time.data,
            duration_minutes=self.parsed_duration,
            mode=self.mode.data,
            location=self.location.data,
            attendance=self.attendance.data,
            component_codes=tuple(sorted(set(self.components.data or ()))),
            behaviour_concern=concern,
            behaviour_note=(self.behaviour_note.data or "").strip(),
            notes=(self.notes.data or "").strip(),
        )


class LogSessionForm(CreateForm, SessionFields):
    """Log a session that has happened, with at most one onward referral made in it."""

    onward_service_type = SelectField(
        "Type of service",
        widget=GovSelect(),
        choices=choices(vocabulary.ONWARD_REFERRAL_SERVICE_TYPES, blank="No onward referral"),
        invalid_choice_message="Choose the type of service from the list",
    )
    onward_agency = StringField(
        "Agency referred to",
        widget=GovTextInput(),
        description="The organisation, not a person",
        **TEXT,
        validators=[
            Length(max=AGENCY_MAX, message=f"The agency name must be {AGENCY_MAX} characters or fewer")
        ],
    )

    def values(self) -> dict:
        values = super().values()
        agency = (self.onward_agency.data or "").strip()
        if self.onward_service_type.data or agency:
            values["onward_referral"] = dict(service_type=self.onward_service_type.data or "", agency=agency)
        return values


class EditSessionForm(EditForm, SessionFields):
    """Change a logged session; carries the version it was opened at."""


def session_form_data(session) -> dict:
    """Form values showing a stored session as it is now."""
    return dict(
        held_on=session.held_on,
        attendance=session.attendance,
        mode=session.mode,
        location=session.location,
        start_time=session.start_time,
        duration_minutes=str(session.duration_minutes) if session.duration_minutes else "",
        components=list(session.component_codes),
        behaviour_concern="yes" if session.behaviour_concern else "no",
        behaviour_note=session.behaviour_note or "",
        notes=session.notes or "",
        version=str(session.version),
    )
