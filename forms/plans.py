"""Plan forms: the intervention plan and the programme's closing plan, and the goals in a plan."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea
from wtforms import RadioField, SelectField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from forms.choices import choices
from forms.common import CreateForm, EditForm, GovDateField, trimmed_text
from programmes.vocabulary import GOAL_STATUSES

clean_text = trimmed_text


def _agreed_on() -> GovDateField:
    return GovDateField(
        "Date agreed",
        description="The day the plan was agreed with the young person, for example 27 3 2024",
        required="Enter the date the plan was agreed",
    )


def _review_on() -> GovDateField:
    return GovDateField(
        "Review date (optional)",
        what="Review date",
        description="When the plan will be looked at again, for example 27 6 2024",
    )


def _summary() -> TextAreaField:
    return TextAreaField(
        "Summary of the plan",
        widget=GovTextArea(),
        description="What the young person and you agreed, in a few sentences.",
        filters=[clean_text],
    )


class PlanForm(CreateForm):
    """Add a plan: the kind is one the case does not have yet (choices set by the page)."""

    kind = RadioField(
        "Which plan?",
        validate_choice=False,
        widget=GovRadioInput(),
        description=("A case has one intervention plan and one closing plan; change an existing plan "
                     "by editing it."),
        validators=[InputRequired(message="Select which plan this is"),
                    Length(max=20, message="Select one of the plans this programme uses")],
    )
    agreed_on = _agreed_on()
    review_on = _review_on()
    summary = _summary()
    submit = SubmitField("Save plan", widget=GovSubmitInput())


class PlanEditForm(EditForm):
    """Change a plan's dates and summary (its kind stays as it is)."""

    agreed_on = _agreed_on()
    review_on = _review_on()
    summary = _summary()
    submit = SubmitField("Save changes", widget=GovSubmitInput())


def _status_field(label: str = "Status") -> RadioField:
    return RadioField(
        label,
        choices=choices(GOAL_STATUSES),
        default="not_started",
        validate_choice=False,
        widget=GovRadioInput(),
        description="How far the young person has got with this goal.",
        validators=[InputRequired(message="Select the status of the goal")],
    )


class _GoalFields:
    """The fields a goal has; outcome choices are set by the page from the programme definition."""

    def set_outcomes(self, outcomes) -> None:
        """Offer the programme's outcomes (Outcome objects) to link the goal to."""
        self.outcome_code.choices = [SelectChoice("", "Not linked to an outcome")] + [
            SelectChoice(outcome.code, f"{outcome.code} {outcome.name} ({outcome.term_label.lower()})")
            for outcome in outcomes
        ]


def _description() -> TextAreaField:
    return TextAreaField(
        "Goal",
        widget=GovTextArea(),
        description="What the young person wants to achieve, in their words where possible.",
        filters=[clean_text],
    )


def _target_on() -> GovDateField:
    return GovDateField(
        "Target date (optional)",
        what="Target date",
        description="For example, 27 6 2024",
    )


def _outcome_code() -> SelectField:
    return SelectField(
        "Outcome it works towards (optional)",
        validate_choice=False,
        widget=GovSelect(),
        description="The theory-of-change outcome this goal helps the young person reach.",
    )


class GoalForm(_GoalFields, CreateForm):
    """Add a goal to a plan."""

    description = _description()
    status = _status_field()
    target_on = _target_on()
    outcome_code = _outcome_code()
    submit = SubmitField("Save goal", widget=GovSubmitInput())


class GoalEditForm(_GoalFields, EditForm):
    """Change a goal."""

    description = _description()
    status = _status_field()
    target_on = _target_on()
    outcome_code = _outcome_code()
    submit = SubmitField("Save changes", widget=GovSubmitInput())


class GoalStatusForm(EditForm):
    """The quick status change shown under each goal (one per goal, so built with a prefix)."""

    status = SelectField(
        "Status",
        choices=choices(GOAL_STATUSES),
        validate_choice=False,
        widget=GovSelect(),
        validators=[InputRequired(message="Select the status of the goal")],
    )
    submit = SubmitField("Update status", widget=GovSubmitInput())


def goal_status_prefix(goal) -> str:
    """The field prefix of a goal's quick status form, unique on a page."""
    return f"goal-{goal.public_id.hex}"
