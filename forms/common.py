"""Fields shared by many forms."""

import uuid

from flask_wtf import FlaskForm
from wtforms import HiddenField


class CreateForm(FlaskForm):
    """A form that creates a record: posting it twice creates one (casework.submissions)."""

    submission_id = HiddenField(default=lambda: str(uuid.uuid4()))


class EditForm(FlaskForm):
    """A form that changes a record: carries the version it was opened at (casework.operations)."""

    version = HiddenField()
