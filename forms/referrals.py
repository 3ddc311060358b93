"""Referral intake (finding the person, a new person, the referral itself), triage decisions,
first contact, consent and allocation.

Dates use the GOV.UK three-box date input; times are typed ("14:05" or "2:05pm"), both read by
forms.common's shared fields. Every field reports a message in GOV.UK style when it cannot be
read, and nothing a browser can post (missing boxes, extra boxes, unknown codes) raises an error
here. The code lists come from programmes.vocabulary.
"""

from __future__ import annotations

from datetime import datetime

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from casework.timezone import LONDON, now_in_london
from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField, GovTimeField, clean_text
from programmes import vocabulary
from programmes.checks.case import LEAD_WORKER_NOT_IN_TEAM, NAVIGATOR_NOT_IN_TEAM
from programmes.intake import Intake, IntakeField, check_intake, intake_details, yes_no_value
from programmes.model import DefinitionVersion
from programmes.parsing import ParseError, number_from_text, postcode_from_text
from programmes.vocabulary import CONSENT_GIVERS, CONSENT_METHODS, TRIAGE_DECISIONS

#: Filters for every free-text field.
TEXT = [clean_text]


# --- fields ---------------------------------------------------------------------------------

class CodeSelect(SelectField):
    """A select whose value must be one of its codes; blank is None (an error when required)."""

    widget = GovSelect()

    def __init__(self, label=None, *, required: str | None = None, invalid: str | None = None, **kwargs):
        invalid = invalid or required or f"Select {str(label).lower()} from the list"
        super().__init__(label, invalid_choice_message=invalid, **kwargs)
        self.required_message = required

    def pre_validate(self, form):
        if self.data in (None, ""):
            self.data = None
            if self.required_message:
                raise StopValidation(self.required_message)
            return
        super().pre_validate(form)


class CodeRadio(CodeSelect):
    """The same as CodeSelect, shown as radios."""

    widget = GovRadioInput()
    option_widget = RadioField.option_widget

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label.field_id = False


class CodeCheckboxes(SelectMultipleField):
    """Checkboxes whose values must all be codes of the list."""

    widget = GovCheckboxesInput()
    option_widget = SelectMultipleField.option_widget

    def __init__(self, label=None, **kwargs):
        super().__init__(label, invalid_choice_message="Select only options from the list", **kwargs)

    def process_formdata(self, valuelist):
        self.data = [str(value) for value in valuelist][:50]


class NumberField(StringField):
    """A number typed as text (there is no GOV.UK number input), read by
    programmes.parsing.number_from_text as the importer reads it; ranges are the record check's."""

    widget = GovTextInput()

    def __init__(self, label=None, *, whole: bool, what: str, example: str, **kwargs):
        super().__init__(label, **kwargs)
        self.whole, self.what, self.example = whole, what, example
        self.text = ""

    def process_formdata(self, valuelist):
        self.text = str(valuelist[0]).strip()[:20] if valuelist else ""
        self.data = None
        try:
            self.data = number_from_text(self.text, self.what, whole=self.whole, example=self.example)
        except ParseError as error:
            raise ValueError(str(error)) from None

    def process_data(self, value):
        self.data = value
        self.text = "" if value is None else str(value)

    def _value(self):
        return self.text


# --- finding the person -----------------------------------------------------------------------

class FindPersonForm(FlaskForm):
    """The search before a referral (sent with GET, so no CSRF token)."""

    class Meta:
        csrf = False

    given_name = StringField("Given name", filters=TEXT, widget=GovTextInput(),
                             validators=[InputRequired(message="Enter the given name"), Length(max=100)])
    family_name = StringField("Family name", filters=TEXT, widget=GovTextInput(),
                              validators=[InputRequired(message="Enter the family name"), Length(max=100)])
    date_of_birth = GovDateField("Date of birth", what="Date of birth",
                                   description="For example, 27 3 2008. Leave blank if not known.")

    def validate_date_of_birth(self, field):
        if field.data and field.data > now_in_london().date():
            raise ValidationError("Date of birth must be in the past")


# --- the person -----------------------------------------------------------------------------

class PersonFields:
    """The person, when they are new to the service (mixed into a referral form)."""

    given_name = StringField("Given name", filters=TEXT, widget=GovTextInput())
    family_name = StringField("Family name", filters=TEXT, widget=GovTextInput())
    known_as = StringField("Known as (optional)", filters=TEXT, widget=GovTextInput(),
                           description="The name they prefer to be called, if different")
    date_of_birth = GovDateField("Date of birth", what="Date of birth", required="Enter the date of birth",
                                   description="For example, 27 3 2008")
    sex = CodeRadio("Sex", choices=choices(vocabulary.SEXES), required="Select the person's sex")
    ethnicity = CodeSelect("Ethnic group", choices=choices(vocabulary.ETHNICITIES, blank="Select an ethnic group"),
                           required="Select the ethnic group, or Not stated",
                           description="ONS 2021 categories, as the young person describes themselves")
    police_ethnicity_code = CodeSelect(
        "Police 16+1 ethnicity code (optional)",
        choices=[SelectChoice("", "None given")]
        + [SelectChoice(t.code, f"{t.code}: {t.label}") for t in vocabulary.POLICE_ETHNICITY_CODES],
        description="Only if the referral came with one")
    local_authority = CodeRadio("Local authority where they live", choices=choices(vocabulary.LOCAL_AUTHORITIES),
                                required="Select the local authority where they live")
    postcode = StringField("Postcode (optional)", filters=TEXT, widget=GovTextInput(),
                           validators=[Optional(), Length(max=10, message="Enter a real postcode, like LE1 5WS")])
    confirm_new_person = BooleanField(
        "I have checked the people listed above: this is a different person", widget=GovCheckboxInput())

    def validate_postcode(self, field):
        try:
            field.data = postcode_from_text(field.data)
        except ParseError as error:
            raise ValidationError(str(error)) from None

    def person_values(self) -> dict:
        return {
            "given_name": " ".join((self.given_name.data or "").split()),
            "family_name": " ".join((self.family_name.data or "").split()),
            "known_as": (self.known_as.data or "").strip() or None, "date_of_birth": self.date_of_birth.data,
            "sex": self.sex.data, "ethnicity": self.ethnicity.data,
            "police_ethnicity_code": self.police_ethnicity_code.data, "local_authority": self.local_authority.data,
            "postcode": self.postcode.data or None,
        }


# --- the referral ---------------------------------------------------------------------------

class ReferralForm(CreateForm):
    """What every programme's referral records. Choices (teams, sources, settings) are set by
    the view from the user's teams and the programme definition."""

    #: Fields whose errors are shown when the user only asks for an eligibility check.
    ELIGIBILITY_FIELDS: tuple[str, ...] = ("received_on", "received_time", "source", "setting", "date_of_birth",
                                           "local_authority")

    team = CodeSelect("Team", required="Select the team the referral is for", invalid="Select one of your teams")
    received_on = GovDateField("Date received", what="Date received",
                                 required="Enter the date the referral was received",
                                 default=lambda: now_in_london().date())
    received_time = GovTimeField("Time received", what="Time received",
                                   required="Enter the time the referral was received",
                                   default=lambda: now_in_london().time().replace(second=0, microsecond=0))
    source = CodeSelect("Referral source", required="Select who made the referral")

    def received_at(self) -> datetime | None:
        if self.received_on.data is None or self.received_time.data is None:
            return None
        return datetime.combine(self.received_on.data, self.received_time.data, LONDON)

    def details(self) -> dict:
        """Programme-specific facts for Referral.details (subclasses add theirs)."""
        return {}

    def setting_value(self) -> str | None:
        return None

    def first_contact_at(self) -> datetime | None:
        return None


class SettingFields:
    """The setting of a programme whose definition has settings (VIP: custody, A&E...)."""

    setting = CodeRadio("Where the young person was when referred",
                        required="Select where the young person was referred from")

    def setting_value(self):
        return self.setting.data


class FirstContactFields:
    """First contact asked on the referral form, for a programme whose intake asks it."""

    first_contact_on = GovDateField("Date of first contact", what="Date of first contact")
    first_contact_time = GovTimeField("Time of first contact", what="Time of first contact")

    def first_contact_at(self):
        if self.first_contact_on.data is None or self.first_contact_time.data is None:
            return None
        return datetime.combine(self.first_contact_on.data, self.first_contact_time.data, LONDON)

    def validate_first_contact_time(self, field):
        if self.first_contact_on.data is not None and field.data is None and not field.process_errors:
            raise ValidationError("Enter the time of first contact")
        if field.data is not None and self.first_contact_on.data is None and not self.first_contact_on.process_errors:
            raise ValidationError("Enter the date of first contact, or leave the time blank")


def _intake_form_field(intake_field: IntakeField):
    """A form field that reads one intake fact's shape; the rules are ``check_intake``'s."""
    kind = intake_field.kind
    description = intake_field.hint or None
    if kind == "text":
        return StringField(intake_field.question, filters=TEXT, widget=GovTextInput(), description=description)
    if kind in ("whole_number", "number"):
        return NumberField(intake_field.question, whole=kind == "whole_number",
                           what=intake_field.what, example=intake_field.example or "2", description=description)
    if kind == "yes_no":
        return CodeRadio(intake_field.question, choices=choices(intake_field.choice_list), description=description)
    if kind == "choice":
        if intake_field.blank_choice:
            return CodeSelect(intake_field.question, description=description,
                              choices=choices(intake_field.choices, blank=intake_field.blank_choice))
        return CodeRadio(intake_field.question, choices=choices(intake_field.choices), description=description)
    return CodeCheckboxes(intake_field.question, choices=choices(intake_field.choices), description=description)


class IntakeFields:
    """The programme's own intake facts, built from its definition by :func:`referral_form_class`."""

    INTAKE = Intake()

    def intake_values(self) -> dict:
        """Each intake fact as parsed from the form (yes/no answers as True, False or None)."""
        values = {}
        for intake_field in self.INTAKE.fields:
            data = self[intake_field.code].data
            if intake_field.kind == "yes_no":
                data = yes_no_value(data)
            values[intake_field.code] = data
        return values

    def intake_problems(self) -> list:
        """The definition's check of the intake facts (the importer runs the same one)."""
        return check_intake(self.INTAKE, self.intake_values(), self.setting_value())

    def details(self):
        return intake_details(self.INTAKE, self.intake_values(), self.setting_value(), self.source.data)


_FORM_CLASSES: dict[tuple[str, str, bool], type] = {}


def referral_form_class(definition: DefinitionVersion, new_person: bool) -> type[ReferralForm]:
    """The referral form of one programme definition, with the person's fields when they are new:
    the setting when the definition has settings, first contact when its intake asks it, and
    one field per intake fact."""
    key = (definition.programme_code, definition.version, new_person)
    if key not in _FORM_CLASSES:
        intake = definition.intake
        bases = (((PersonFields,) if new_person else ())
                 + ((SettingFields,) if definition.settings else ())
                 + ((FirstContactFields,) if intake.asks_first_contact else ())
                 + (IntakeFields, ReferralForm))
        namespace = {intake_field.code: _intake_form_field(intake_field) for intake_field in intake.fields}
        namespace["INTAKE"] = intake
        namespace["ELIGIBILITY_FIELDS"] = ReferralForm.ELIGIBILITY_FIELDS + tuple(
            condition.code for condition in definition.eligibility.conditions
        ) + tuple(rule.field for rule in intake.rules)
        name = f"{definition.programme_code.title()}{'NewPerson' if new_person else ''}ReferralForm"
        _FORM_CLASSES[key] = type(name, bases, namespace)
    return _FORM_CLASSES[key]


def keep_eligibility_errors_only(form: ReferralForm) -> None:
    """For an eligibility check: show only the errors that stop the check itself."""
    for name, field in form._fields.items():
        if name not in form.ELIGIBILITY_FIELDS:
            field.errors = []
    form.form_errors = []


# --- triage ---------------------------------------------------------------------------------

class DecisionForm(EditForm):
    decision = CodeRadio("Decision", choices=choices(TRIAGE_DECISIONS),
                         required="Select accept, decline or keep pending")
    decline_reason = CodeSelect("Reason for declining",
                                choices=choices(vocabulary.DECLINE_REASONS, blank="Select a reason"))
    note = TextAreaField("Note (optional)", filters=TEXT, widget=GovTextArea(),
                         validators=[Optional(), Length(max=2000, message="Note must be 2000 characters or fewer")])
    override_reason = TextAreaField(
        "Why accept a referral that is not eligible?", filters=TEXT, widget=GovTextArea(),
        description="Only a manager can accept an ineligible referral, with a written reason",
        validators=[Optional(), Length(max=2000, message="Reason must be 2000 characters or fewer")])


class FirstContactForm(EditForm):
    contact_on = GovDateField("Date of first contact", what="Date of first contact",
                                required="Enter the date of first contact")
    contact_time = GovTimeField("Time of first contact", what="Time of first contact",
                                  required="Enter the time of first contact")

    def contact_at(self) -> datetime | None:
        if self.contact_on.data is None or self.contact_time.data is None:
            return None
        return datetime.combine(self.contact_on.data, self.contact_time.data, LONDON)


# --- consent and allocation -----------------------------------------------------------------

class ConsentForm(CreateForm):
    given_by = CodeRadio("Who gave consent?", choices=choices(CONSENT_GIVERS), required="Select who gave consent")
    method = CodeRadio("How was consent given?", choices=choices(CONSENT_METHODS),
                       required="Select how consent was given")
    given_on = GovDateField("Date consent was given", what="Date consent was given",
                              required="Enter the date consent was given", default=lambda: now_in_london().date())


class WithdrawConsentForm(EditForm):
    withdrawn_on = GovDateField("Date consent was withdrawn", what="Date consent was withdrawn",
                                  required="Enter the date consent was withdrawn",
                                  default=lambda: now_in_london().date())


class AllocationForm(EditForm):
    # The lists hold only the team's eligible workers, so anyone else gets the allocation check's words.
    lead_worker = CodeSelect("Lead worker", required="Select a lead worker", invalid=LEAD_WORKER_NOT_IN_TEAM)
    navigator = CodeSelect("Community navigator", invalid=NAVIGATOR_NOT_IN_TEAM)
