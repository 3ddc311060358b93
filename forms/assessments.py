"""Assessment forms: first choose the instrument, timepoint and completion date, then enter the
answers (progress checks, SWEMWBS) or the scores (SDQ, whose questions are never shown here).

The answers are checked by `programmes.instruments` (`validate_responses`, `validate_sdq`), and
each of its messages is shown against the question or score it is about.
"""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import Field, HiddenField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField
from programmes.instruments import SDQ_INFORMANTS, SDQ_SUBSCALES, Instrument, validate_responses
from programmes.vocabulary import ASSESSMENT_TIMEPOINTS

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,6}")
#: Longest answer echoed back in a message; anything longer is cut, never shown whole.
_ECHO_LIMIT = 20


def timepoint_field() -> RadioField:
    """Pre, post or follow-up, as radios; anything else posted is refused by the assessment check."""
    return RadioField(
        "When in the programme was it completed?",
        choices=choices(ASSESSMENT_TIMEPOINTS),
        validate_choice=False,
        widget=GovRadioInput(),
        description="Pre at the start, post at closure, follow-up about three months after closure.",
        validators=[InputRequired(message="Select when in the programme it was completed")],
    )


def completed_on_field() -> GovDateField:
    return GovDateField(
        "Date completed",
        description="For example, 27 3 2024",
        required="Enter the date the assessment was completed",
    )


class AssessmentStartForm(FlaskForm):
    """Step 1: which instrument, at which timepoint, completed on which day."""

    instrument = RadioField(
        "Which assessment was completed?",
        validate_choice=False,
        widget=GovRadioInput(),
        description=("Only the assessments this programme uses, and that suit the young person's age, "
                     "are listed."),
        validators=[InputRequired(message="Select which assessment was completed"),
                    Length(max=16, message="Select one of the assessments this programme uses")],
    )
    timepoint = timepoint_field()
    completed_on = completed_on_field()
    submit = SubmitField("Continue", widget=GovSubmitInput())


def _number_or_text(value) -> int | str | None:
    """An answer as typed: a whole number if it is one, otherwise the (shortened) text for the message."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if _WHOLE_NUMBER.fullmatch(text):
        return int(text)
    return text[:_ECHO_LIMIT]


class _AnswersMixin:
    """Answer fields built from one instrument, checked by programmes.instruments."""

    instrument_definition: Instrument

    def responses(self) -> dict[str, object]:
        """The answers by item code (SDQ: by subscale code), whole numbers where they are numbers."""
        instrument = self.instrument_definition
        if instrument.scores_only:
            return {term.code: _number_or_text(self[term.code].data) for term in SDQ_SUBSCALES}
        return {item.code: _number_or_text(self[question_field(number)].data)
                for number, item in enumerate(instrument.items, start=1)}

    def informant_code(self) -> str | None:
        if not self.instrument_definition.scores_only:
            return None
        value = (self["informant"].data or "").strip()
        return value[:_ECHO_LIMIT] or None

    def check_answers(self) -> bool:
        """Run the instrument's own checks and put each message against its field."""
        instrument = self.instrument_definition
        responses = {code: value for code, value in self.responses().items() if value is not None}
        problems = validate_responses(instrument, responses, self.informant_code())
        for message in problems:
            self[self._field_for(message)].errors.append(message)
        return not problems

    def _field_for(self, message: str) -> str:
        instrument = self.instrument_definition
        if instrument.scores_only:
            if message.startswith("Say who completed"):
                return "informant"
            for term in SDQ_SUBSCALES:
                if message.startswith(f"The {term.label.lower()} score"):
                    return term.code
            return "informant"
        for number in range(1, len(instrument.items) + 1):
            if message.startswith(f"Question {number} "):
                return question_field(number)
        return question_field(1)


def question_field(number: int) -> str:
    """The form field name of question `number` (1-based)."""
    return f"question_{number}"


class AnswersForm(_AnswersMixin, CreateForm):
    """Step 2: the answers; the choices of step 1 travel as hidden fields and are checked again."""

    instrument = HiddenField(validators=[Length(max=16)])
    timepoint = HiddenField(validators=[Length(max=12)])
    completed_on = HiddenField(validators=[Length(max=10)])
    submit = SubmitField("Save assessment", widget=GovSubmitInput())

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return self.check_answers() and valid


class AssessmentEditForm(_AnswersMixin, EditForm):
    """Change an assessment: its timepoint, date and answers (the instrument stays as it is)."""

    timepoint = timepoint_field()
    completed_on = completed_on_field()
    submit = SubmitField("Save changes", widget=GovSubmitInput())

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        return self.check_answers() and valid


def _answer_fields(instrument: Instrument) -> dict[str, Field]:
    if instrument.scores_only:
        fields: dict[str, Field] = {
            "informant": RadioField(
                "Who completed the SDQ?",
                choices=choices(SDQ_INFORMANTS),
                validate_choice=False,
                widget=GovRadioInput(),
                description="The version of the questionnaire that was used.",
            )
        }
        for term in SDQ_SUBSCALES:
            fields[term.code] = StringField(
                f"{term.label} score", widget=GovTextInput(), description="A whole number from 0 to 10"
            )
        return fields
    options = [SelectChoice(str(option.value), option.label) for option in instrument.response_options]
    return {
        question_field(number): RadioField(item.text, choices=options, validate_choice=False,
                                           widget=GovRadioInput())
        for number, item in enumerate(instrument.items, start=1)
    }


def answers_form_class(instrument: Instrument, *, editing: bool = False) -> type:
    """The answers form for one instrument: step 2 of adding one, or the edit form."""
    base = AssessmentEditForm if editing else AnswersForm
    name = instrument.code.replace("-", "") + ("EditForm" if editing else "AnswersForm")
    form_class = type(name, (base,), _answer_fields(instrument))
    form_class.instrument_definition = instrument
    return form_class
