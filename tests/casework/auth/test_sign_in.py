"""Signing in and out: clear messages, no account enumeration, throttling, session renewal."""

import re

from casework.auth.operations import BAD_CREDENTIALS, THROTTLED
from tests.conftest import TEST_PASSWORD, audit_events, csrf_token_from, sign_in


def _post(client, email, password, token=None):
    if token is None:
        token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    return client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})


def test_correct_password_signs_in_and_lands_on_the_role_home(client, create_user):
    user = create_user("youth_worker")
    response = sign_in(client, user)
    assert response.status_code == 302 and response.headers["Location"].endswith("/home")
    assert client.get("/home").headers["Location"].endswith("/caseload")
    assert [e.user_id for e in audit_events("sign_in.success")] == [user.id]


def test_wrong_password_and_unknown_email_answer_the_same(client, create_user):
    user = create_user("manager")
    wrong = _post(client, user.email, "not the password")
    unknown = _post(client, "nobody@example.org", "not the password")
    for response in (wrong, unknown):
        assert response.status_code == 400  # a form answered with an error, like any other
        assert BAD_CREDENTIALS in response.get_data(as_text=True)
    assert len(audit_events("sign_in.failure")) == 2


def test_a_refused_sign_in_is_committed_with_its_error_status(client, create_user):
    """The failure record and its audit event commit although the page answers 400: the unit of
    work commits unless an exception escaped, whatever the status."""
    import sqlalchemy as sa

    from casework.auth.models import SignInFailure
    from casework.db import db

    user = create_user("manager")
    response = _post(client, user.email, "not the password")
    assert response.status_code == 400
    db.session.rollback()  # nothing of the test's own: what is left was committed by the request
    assert [(e.user_id, e.outcome) for e in audit_events("sign_in.failure")] == [(user.id, "failed")]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignInFailure)) == 1


def test_missing_fields_say_what_is_missing(client):
    response = _post(client, "", "")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter your email address" in html and "Enter your password" in html


def test_forged_csrf_token_gives_a_clear_message(client, create_user):
    user = create_user("manager")
    client.get("/sign-in")
    response = _post(client, user.email, TEST_PASSWORD, token="forged-token")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "was not sent from this service" in html
    assert client.get("/home").status_code == 302  # still signed out
    assert audit_events("csrf.refused")


def test_repeated_failures_are_throttled_even_with_the_right_password(client, create_user):
    user = create_user("manager")
    for _ in range(5):
        assert BAD_CREDENTIALS in _post(client, user.email, "wrong").get_data(as_text=True)
    response = _post(client, user.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert THROTTLED in response.get_data(as_text=True)
    assert client.get("/home").status_code == 302
    # an unknown address is throttled in the same words
    for _ in range(5):
        _post(client, "ghost@example.org", "wrong")
    assert THROTTLED in _post(client, "ghost@example.org", "wrong").get_data(as_text=True)
    assert audit_events("sign_in.throttled")


def test_session_is_renewed_at_sign_in_and_dies_at_sign_out(app, client, create_user):
    user = create_user("manager")
    client.get("/sign-in")
    before = client.get_cookie("casework_session").value
    sign_in(client, user)
    after = client.get_cookie("casework_session").value
    assert before != after
    assert client.get("/dashboard").status_code == 200

    token = csrf_token_from(client.get("/dashboard").get_data(as_text=True))
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/dashboard").status_code == 302

    # replaying the cookie from before sign-out does not bring the session back
    client.set_cookie("casework_session", after, domain="localhost")
    assert client.get("/dashboard").status_code == 302
    assert audit_events("sign_out")


def test_password_is_stored_as_argon2id(create_user):
    user = create_user("manager")
    assert re.match(r"^\$argon2id\$v=19\$", user.password_hash)


def test_inactive_user_cannot_sign_in(client, create_user):
    user = create_user("manager", active=False)
    assert BAD_CREDENTIALS in sign_in(client, user).get_data(as_text=True)


def test_outside_testing_passwords_use_argon2id_at_full_cost():
    from argon2.profiles import RFC_9106_LOW_MEMORY

    from casework.passwords import _hasher_for

    hashed = _hasher_for(()).hash("a long enough password")
    assert hashed.startswith(f"$argon2id$v=19$m={RFC_9106_LOW_MEMORY.memory_cost},t={RFC_9106_LOW_MEMORY.time_cost}")


def test_a_hash_made_with_other_parameters_is_upgraded_at_sign_in(client, create_user):
    from argon2 import PasswordHasher

    from casework.db import db

    user = create_user("manager", password_hash=PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
                       .hash(TEST_PASSWORD))
    old = user.password_hash
    assert sign_in(client, user).status_code == 302
    db.session.expire_all()
    assert user.password_hash != old and user.password_hash.startswith("$argon2id$")
