"""Engagement forms: contact attempts, engagement status, the Phoenix notification, escalation to
enforcement, enforcement events and programme-level activities.

Every field forgives what a phone keyboard sends (spaces, "9.30", "2:30pm") and refuses anything
else with a message that says what to do, never with a server error. The forms read shapes only
(a date is a date, an answer one of the list); the rules of each record (not in the future, not
before the last change...) are its check in programmes.checks.engagement, which the operation
runs and the route shows beside the fields.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, StopValidation, ValidationError

from casework.timezone import LONDON, now_in_london, today_in_london
from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField, GovTimeField, trimmed_text
from programmes.checks.engagement import SELECT_MESSAGES
from programmes.vocabulary import (
    CONTACT_METHODS,
    CONTACT_RESULTS,
    ENFORCEMENT_EVENT_KINDS,
    ENGAGEMENT_STATUSES,
    ESCALATION_OUTCOMES,
    ESCALATION_REASONS,
    NOTIFICATION_METHODS,
    YES_NO,
)

#: Longest note a form accepts (a few paragraphs).
NOTE_LENGTH = 5000


clean_text = trimmed_text


class CodeRadioField(RadioField):
    """Radios whose only error for a missing or unknown answer is `message`."""

    def __init__(self, label=None, validators=None, *, message: str, **kwargs):
        super().__init__(label, validators, widget=GovRadioInput(), **kwargs)
        self.message = message

    def pre_validate(self, form):
        if not any(choice.value == self.data for choice in self.choices or ()):
            raise StopValidation(self.message)


class CodeSelectField(SelectField):
    """A select whose only error for an unknown answer is `message`; an empty answer is allowed
    when the field is optional."""

    def __init__(self, label=None, validators=None, *, message: str, optional: bool = False, **kwargs):
        super().__init__(label, validators, widget=GovSelect(), **kwargs)
        self.message = message
        self.optional = optional

    def pre_validate(self, form):
        if self.optional and not self.data:
            return
        if not self.data or not any(choice.value == self.data for choice in self.choices or ()):
            raise StopValidation(self.message)


def not_in_future(form, field):  # programme activities have no check of their own yet
    if field.data and field.data > today_in_london():
        raise ValidationError(f"{field.what} must be today or in the past")


def _notes(label: str, hint: str = "", name: str = "The note") -> TextAreaField:
    return TextAreaField(
        label, widget=GovTextArea(), filters=[clean_text], description=hint,
        validators=[Optional(), Length(max=NOTE_LENGTH, message=f"{name} must be {NOTE_LENGTH} characters or fewer")],
    )


# --- contact attempts -------------------------------------------------------------------------

class _ContactFields(FlaskForm):  # shared fields; the subclasses add the hidden field
    method = CodeRadioField("How did you try to make contact?", choices=choices(CONTACT_METHODS),
                            message=SELECT_MESSAGES["contact"]["method"])
    result = CodeRadioField("What happened?", choices=choices(CONTACT_RESULTS),
                            message=SELECT_MESSAGES["contact"]["result"])
    contacted_on = GovDateField("Date of the attempt",
                                required="Enter the date of the attempt", default=today_in_london)
    contacted_time = GovTimeField("Time", what="Time of the attempt",
                                  required="Enter the time of the attempt",
                                  default=lambda: now_in_london().time().replace(second=0, microsecond=0))
    notes = _notes("Note (optional)")

    def contacted_at(self) -> datetime | None:
        """The attempt as a timezone-aware moment in Europe/London."""
        moment = self.contacted_time.data
        if self.contacted_on.data is None or moment is None:
            return None
        return datetime.combine(self.contacted_on.data, moment, tzinfo=LONDON)


class ContactForm(CreateForm, _ContactFields):
    submit = SubmitField("Save contact attempt", widget=GovSubmitInput())


class ContactEditForm(EditForm, _ContactFields):
    submit = SubmitField("Save changes", widget=GovSubmitInput())


# --- engagement status --------------------------------------------------------------------------

class StatusChangeForm(CreateForm, EditForm):
    """Moves the case's engagement status: appends to the history (posting twice saves once) and
    carries the case's version (two people moving it at once: the second is refused). The
    operation refuses the current status and a date before the last change."""

    status = CodeRadioField("New engagement status", choices=choices(ENGAGEMENT_STATUSES),
                            message=SELECT_MESSAGES["status_change"]["status"])
    changed_on = GovDateField("Date of the change", required="Enter the date of the change",
                              default=today_in_london)
    submit = SubmitField("Save status", widget=GovSubmitInput())


# --- Phoenix notification ------------------------------------------------------------------------

class _NotificationFields(FlaskForm):
    method = CodeRadioField("How was the person notified?", choices=choices(NOTIFICATION_METHODS),
                            message=SELECT_MESSAGES["notification"]["method"])
    notified_on = GovDateField("Date of the notification", required="Enter the date of the notification",
                               default=today_in_london)
    attended = CodeRadioField("Did the person attend or take part?", choices=choices(YES_NO),
                              message="Select yes if the person attended or took part")
    notes = _notes("Note (optional)")


class NotificationForm(CreateForm, _NotificationFields):
    submit = SubmitField("Save notification", widget=GovSubmitInput())


class NotificationEditForm(EditForm, _NotificationFields):
    submit = SubmitField("Save changes", widget=GovSubmitInput())


# --- escalation to enforcement ----------------------------------------------------------------

class EscalationForm(CreateForm):
    reason = CodeRadioField("Why are you escalating?", choices=choices(ESCALATION_REASONS),
                            message=SELECT_MESSAGES["escalation"]["reason"])
    raised_on = GovDateField("Date of the escalation", required="Enter the date of the escalation",
                             default=today_in_london)
    submit = SubmitField("Escalate to enforcement", widget=GovSubmitInput())


class EscalationOutcomeForm(EditForm):
    outcome = CodeRadioField("Outcome of the escalation", choices=choices(ESCALATION_OUTCOMES),
                             message=SELECT_MESSAGES["escalation_outcome"]["outcome"])
    outcome_on = GovDateField("Date of the outcome", description="Leave blank while the outcome is ongoing.")
    submit = SubmitField("Save outcome", widget=GovSubmitInput())

    def decided_on(self) -> date | None:
        """The outcome date, or None while the outcome is ongoing."""
        return None if self.outcome.data == "ongoing" else self.outcome_on.data


# --- enforcement events ------------------------------------------------------------------------

class _EnforcementEventFields(FlaskForm):
    kind = CodeRadioField("Kind of event", choices=choices(ENFORCEMENT_EVENT_KINDS),
                          message=SELECT_MESSAGES["enforcement_event"]["kind"])
    occurred_on = GovDateField("Date of the event", required="Enter the date of the event",
                               default=today_in_london)
    escalation = CodeSelectField("Escalation it follows (optional)", optional=True, choices=[],
                                 message=SELECT_MESSAGES["enforcement_event"]["escalation_id"])
    summary = _notes("Summary", "What was done. Only managers and enforcement officers can see this.",
                     name="The summary")

    def __init__(self, *args, escalations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.escalation.choices = choices((), blank="None") + [
            SelectChoice(str(e.public_id),
                         f"{_label(ESCALATION_REASONS, e.reason)}, raised {e.raised_on.strftime('%-d %B %Y')}")
            for e in escalations
        ]


class EnforcementEventForm(CreateForm, _EnforcementEventFields):
    submit = SubmitField("Save enforcement event", widget=GovSubmitInput())


class EnforcementEventEditForm(EditForm, _EnforcementEventFields):
    submit = SubmitField("Save changes", widget=GovSubmitInput())


# --- programme activities ----------------------------------------------------------------------

class ProgrammeActivityForm(CreateForm):
    team = CodeSelectField("Team", choices=[], message="Select the team that ran the activity")
    kind = CodeRadioField("Kind of activity", choices=[], message="Select the kind of activity")
    occurred_on = GovDateField("Date of the activity", validators=[not_in_future],
                               required="Enter the date of the activity", default=today_in_london)
    description = _notes("Description", "What happened and which agencies or groups took part.",
                         name="The description")
    attendees = StringField("Number of attendees (optional)", widget=GovTextInput(), filters=[clean_text])
    submit = SubmitField("Save activity", widget=GovSubmitInput())

    def __init__(self, *args, teams=(), kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.team.choices = [SelectChoice("", "Choose a team")] + [
            SelectChoice(str(t.public_id), f"{t.name} ({t.programme})") for t in teams
        ]
        self.kind.choices = [SelectChoice(code, label) for code, label in kinds]

    def validate_attendees(self, field):
        if field.data and (not field.data.isdigit() or int(field.data) > 100000):
            raise ValidationError("Number of attendees must be a whole number, like 12")

    def attendee_count(self) -> int | None:
        return int(self.attendees.data) if self.attendees.data else None


def _label(vocabulary, code: str) -> str:
    for term in vocabulary:
        if term.code == code:
            return term.label
    return code
