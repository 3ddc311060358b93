"""A form posted twice creates one record; a stale edit is refused with a clear message."""

import uuid

import pytest

from casework.db import db
from casework.operations import StaleRecord, check_version
from casework.submissions import DuplicateSubmission, previous_submission, record_submission


def test_the_second_post_of_a_form_finds_the_first(create_team):
    team = create_team()
    token = str(uuid.uuid4())
    assert previous_submission(token) is None
    record_submission(token, team)
    found = previous_submission(token)
    assert (found.record_type, found.record_id) == ("teams", str(team.public_id))


def test_a_racing_duplicate_is_refused_by_the_unique_key(create_team):
    team = create_team()
    token = uuid.uuid4()
    record_submission(token, team)
    db.session.expunge_all()  # as if the second request had not seen the first
    with pytest.raises(DuplicateSubmission):
        record_submission(token, create_team())


def test_a_missing_token_is_a_clear_error(create_team):
    with pytest.raises(Exception, match="submission reference"):
        record_submission("not-a-uuid", create_team())


def test_saving_over_a_newer_version_is_refused(create_team):
    team = create_team()
    check_version(team, team.version)
    for stale in (team.version - 1, None, "x"):
        with pytest.raises(StaleRecord):
            check_version(team, stale)


def test_an_absurd_date_is_a_message_not_an_error(app):
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    from forms.common import GovDateField

    class Form(FlaskForm):
        on = GovDateField("Date")

    with app.test_request_context():
        form = Form(formdata=MultiDict([("on", "1"), ("on", "99999999999999"), ("on", "2024")]), meta={"csrf": False})
        assert not form.validate()
        assert form.on.errors == ["Date must be a real date"]
