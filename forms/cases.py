"""Recording when intensive support began, closing, putting forward for closure and reopening a case."""

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea
from wtforms import RadioField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from forms.choices import choices
from forms.common import EditForm, GovDateField, clean_text


class CloseCaseForm(EditForm):
    # The definition's closure reasons are the closure check's to enforce (programmes.checks.closure).
    reason = RadioField("Why is the case closing?", widget=GovRadioInput(), validate_choice=False,
                        validators=[InputRequired(message="Choose why the case is closing")])
    closed_on = GovDateField("Closure date", required="Enter the closure date")
    override_reason = TextAreaField(
        "Manager's reason for closing although the check is not met", widget=GovTextArea(), filters=[clean_text],
        validators=[Optional(), Length(max=2000, message="The reason must be 2000 characters or fewer")],
    )
    submit = SubmitField("Close case", widget=GovSubmitInput())

    def set_reasons(self, reasons) -> None:
        self.reason.choices = choices(reasons)


class RequestClosureForm(EditForm):
    submit = SubmitField("Ask a manager to approve closure", widget=GovSubmitInput())


class ReopenCaseForm(EditForm):
    # How much a reopening reason must say is the closure check's rule (programmes.checks.closure).
    reason = TextAreaField("Why is the case being reopened?", widget=GovTextArea(), filters=[clean_text],
                           validators=[Length(max=2000, message="The reason must be 2000 characters or fewer")])
    submit = SubmitField("Reopen case", widget=GovSubmitInput())


class SupportStartForm(EditForm):
    # Only the date's shape is read here: when it may fall is the case check's rule
    # (programmes.checks.case.check_support_start).
    support_started_on = GovDateField("When did intensive support begin?", what="Date intensive support began",
                                      required="Enter the date intensive support began")
    submit = SubmitField("Save", widget=GovSubmitInput())
