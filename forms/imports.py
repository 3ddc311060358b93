"""The bulk import upload: which kind of file, the file, and whether only to check it.

The form only makes sure a kind is chosen and a file is attached; everything about the file
itself (encoding, header, every row) is checked by casework.imports, which reports problems by
row and column.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovFileInput, GovRadioInput, GovSubmitInput
from wtforms import BooleanField, RadioField, SubmitField
from wtforms.fields.choices import SelectChoice

from casework.imports.schemas import KINDS


class ImportForm(FlaskForm):
    """Upload one CSV file of one kind."""

    kind = RadioField(
        "What does the file hold?",
        widget=GovRadioInput(),
        choices=[SelectChoice(name, kind.label) for name, kind in KINDS.items()],
        invalid_choice_message="Choose what the file holds",
    )
    file = FileField(
        "CSV file",
        widget=GovFileInput(),
        description="Saved from your spreadsheet as CSV UTF-8 (comma delimited), up to 20 MB.",
        validators=[FileRequired(message="Choose a CSV file to import")],
    )
    dry_run = BooleanField("Only check the file: import nothing", widget=GovCheckboxInput())
    submit = SubmitField("Import file", widget=GovSubmitInput())
