"""The password policy (issue 16): length, not only spaces, not one character repeated, not on
the shipped list of common passwords; applied wherever a password is set."""

import pytest
import sqlalchemy as sa

from casework.auth.models import User
from casework.db import db
from casework.demo import DEMO_PASSWORD
from casework.passwords import MIN_PASSWORD_LENGTH, common_passwords, password_problem
from tests.conftest import TEST_PASSWORD

REFUSED = {
    "": "Enter a password",
    " " * 12: "not only spaces",
    "\t\n  \u00a0      ": "not only spaces",
    "short-pass1": f"{MIN_PASSWORD_LENGTH} characters or more",
    "  spaced  ": f"{MIN_PASSWORD_LENGTH} characters or more",
    "aaaaaaaaaaaa": "repeated",
    "AAAAAAAAAAAAAAAA": "repeated",
    "abcabcabcabc": "repeated",
    "password1234": "commonly used",
    "PASSWORD1234": "commonly used",
    "Password1234!": "commonly used",
    "P@ssw0rd2024": "commonly used",
    "qwertyuiop12": "commonly used",
    "letmein12345": "commonly used",
    "iloveyou1234": "commonly used",
    "casework2025": "commonly used",
    "Casework!!123456": "commonly used",
    "violence12345": "commonly used",
    "Leicester1884": "commonly used",
    "1234567890123": "commonly used",
}


@pytest.mark.parametrize("password,message", REFUSED.items(), ids=[repr(p) for p in REFUSED])
def test_weak_passwords_are_refused_with_a_govuk_message(password, message):
    problem = password_problem(password)
    assert problem and message in problem
    assert problem[0].isupper() and not problem.endswith(".")


@pytest.mark.parametrize("password", [TEST_PASSWORD, DEMO_PASSWORD, "Tr0ub4dor&3 horse", "kettle-lantern-91"])
def test_long_uncommon_passwords_are_accepted(password):
    """The test fixtures' and the demo's passwords among them, so both keep working."""
    assert password_problem(password) is None


def test_the_shipped_list_is_a_few_thousand_lower_case_entries():
    known = common_passwords()
    assert len(known) > 3000
    assert all(entry == entry.casefold() and entry.strip() == entry for entry in known)
    assert {"password1234", "qwertyuiop12", "letmein12345", "iloveyou1234", "casework"} <= known


def _add(app, *extra, password):
    return app.test_cli_runner().invoke(args=[
        "user", "add", "--email", "new.user@example.org", "--name", "New User", "--role", "youth_worker",
        *extra, "--password", password])


@pytest.mark.parametrize("password", [" " * 12, "aaaaaaaaaaaa", "password1234"])
def test_user_add_refuses_weak_passwords(app, password):
    result = _add(app, password=password)
    assert result.exit_code == 2, result.output
    assert "Error: Password" in result.output
    assert db.session.scalar(sa.select(User).where(User.email == "new.user@example.org")) is None


def test_user_add_accepts_a_good_password(app):
    result = _add(app, password=TEST_PASSWORD)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(User).where(User.email == "new.user@example.org")) is not None
