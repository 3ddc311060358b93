"""Choosing a return to build, the manager's sections H and I, and submitting a return."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from forms.common import CreateForm, EditForm, GovDateField, clean_text
from reports.definition import AREA_MEASURES, NARRATIVE_FIELDS
from reports.periods import PeriodError, parse_period

#: The longest narrative text a manager may write in one field.
NARRATIVE_MAX = 5000

MODE_LABELS = {
    "shared": "Shared: counts of 1 to 4 shown as c (for the Home Office and anything published)",
    "internal": "Internal: exact figures (managers inside the VRN only)",
}


def _valid_period(_form, field) -> None:
    try:
        parse_period(field.data or "")
    except PeriodError as error:
        raise ValidationError(str(error)) from None


class ReturnChoiceForm(FlaskForm):
    """Which return to build: read from the query string, so it needs no CSRF token."""

    class Meta:
        csrf = False

    programme = SelectField(
        "Programme", widget=GovSelect(), validators=[InputRequired(message="Choose a programme")]
    )
    period = StringField(
        "Period",
        widget=GovTextInput(),
        description="A quarter (2024-25-Q1), a financial year (2024-25) or two dates "
        "(2024-04-01..2024-06-30)",
        validators=[
            InputRequired(message="Enter the period"),
            Length(max=32, message="Enter the period"),
            _valid_period,
        ],
    )
    mode = RadioField(
        "Disclosure", widget=GovRadioInput(), validators=[InputRequired(message="Choose internal or shared")]
    )
    submit = SubmitField("Build the return", widget=GovSubmitInput())

    def set_choices(self, programmes: list[tuple[str, str]], modes: tuple[str, ...]) -> None:
        self.programme.choices = [("", "Choose a programme")] + programmes
        self.mode.choices = [(mode, MODE_LABELS[mode]) for mode in modes]


def _number(measure: str):
    """A validator: blank, or a number from 0 to a billion (commas allowed)."""

    def validate(_form, field) -> None:
        text = (field.data or "").strip().replace(",", "")
        if not text:
            return
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValidationError(f"The {measure} value must be a number, like 42 or 3.5") from None
        if not value.is_finite() or value < 0 or value > 10**9:
            raise ValidationError(f"The {measure} value must be a number from 0 to 1,000,000,000")

    return validate


class DraftForm(EditForm):
    """Sections H and I. For each Home Office measure: value, source and date; then four texts."""

    submit = SubmitField("Save sections H and I", widget=GovSubmitInput())

    def area_fields(self):
        """(measure term, value field, source field, date field) for each measure."""
        return [
            (term, self[f"{term.code}_value"], self[f"{term.code}_source"], self[f"{term.code}_as_of"])
            for term in AREA_MEASURES
        ]

    def narrative_fields(self):
        return [(term, self[term.code]) for term in NARRATIVE_FIELDS]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for term, value, source, as_of in self.area_fields():
            if (value.data or "").strip():
                if not (source.data or "").strip():
                    source.errors.append(f"Enter where the {term.label.lower()} figure comes from")
                    valid = False
                if as_of.data is None and not as_of.errors:
                    as_of.errors.append(f"Enter the date of the {term.label.lower()} figure")
                    valid = False
        return valid

    def area_context(self) -> list[dict]:
        """The entered measures as stored: a number, its source and its date."""
        entries = []
        for term, value, source, as_of in self.area_fields():
            text = (value.data or "").strip().replace(",", "")
            if not text:
                continue
            number = Decimal(text)
            entries.append(
                {
                    "code": term.code,
                    "value": int(number) if number == number.to_integral_value() else float(number),
                    "source": source.data.strip(),
                    "as_of": as_of.data.isoformat(),
                }
            )
        return entries

    def narrative(self) -> dict:
        return {term.code: (field.data or "").strip() for term, field in self.narrative_fields()}


for _term in AREA_MEASURES:
    _measure = _term.label.lower()
    setattr(
        DraftForm,
        f"{_term.code}_value",
        StringField(
            "Value",
            widget=GovTextInput(),
            validators=[
                Optional(),
                Length(max=20, message=f"The {_measure} value must be a number, like 42 or 3.5"),
                _number(_measure),
            ],
        ),
    )
    setattr(
        DraftForm,
        f"{_term.code}_source",
        StringField(
            "Source",
            widget=GovTextInput(),
            description="For example: ONS, Leicestershire Police, NHS Digital",
            validators=[
                Optional(),
                Length(max=200, message=f"The {_measure} source must be 200 characters or fewer"),
            ],
        ),
    )
    setattr(
        DraftForm,
        f"{_term.code}_as_of",
        GovDateField("Date of the figure", what=f"Date of the {_measure} figure"),
    )
for _term in NARRATIVE_FIELDS:
    setattr(
        DraftForm,
        _term.code,
        TextAreaField(
            _term.label,
            widget=GovTextArea(),
            filters=[clean_text],
            validators=[
                Optional(),
                Length(
                    max=NARRATIVE_MAX, message=f"{_term.label} must be {NARRATIVE_MAX} characters or fewer"
                ),
            ],
        ),
    )


class SubmitReturnForm(CreateForm):
    """Submitting a return: a confirmation, the fingerprint of what was reviewed, and for an
    amendment its reason."""

    reviewed = HiddenField()
    reason = TextAreaField(
        "Reason for the amendment",
        widget=GovTextArea(),
        filters=[clean_text],
        validators=[Optional(), Length(max=2000, message="The reason must be 2000 characters or fewer")],
    )
    confirm = BooleanField(
        "I have reviewed these figures and they can be submitted",
        widget=GovCheckboxInput(),
        validators=[InputRequired(message="Confirm that you have reviewed the figures")],
    )
    submit = SubmitField("Submit the return", widget=GovSubmitInput())
