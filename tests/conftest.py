"""Shared fixtures: one migrated database per test run, each test inside a transaction that is
rolled back, factories that return callables, and a signed-in test client.

The database is SQLite in a temporary folder unless CASEWORK_TEST_DATABASE_URL names another
(CI runs the whole suite a second time on PostgreSQL). Tests marked `postgres` need
CASEWORK_TEST_POSTGRES_URL; with CI=true they fail rather than skip when it is missing.
"""

from __future__ import annotations

import os
import re
import uuid
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from casework import create_app
from casework.config import TestingConfig
from casework.db import db
from casework.migrate import upgrade

IN_CI = os.environ.get("CI", "").lower() == "true"
TEST_PASSWORD = "correct horse battery staple"


def require(condition: bool, reason: str) -> None:
    """Skip when a resource is missing locally; in CI a missing resource is a failure."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("CASEWORK_TEST_DATABASE_URL")
    if url:
        reset_database(url)
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "casework-test.db")


def reset_database(url: str) -> None:
    """Empty a PostgreSQL test database so the run starts from nothing."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def make_config(url: str, tmp_path) -> TestingConfig:
    config = TestingConfig(str(tmp_path))
    config.DATABASE_URL = url
    return config


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    application = create_app(make_config(database_url, tmp_path_factory.mktemp("instance")))
    upgrade(application)
    yield application
    application.extensions["casework.db"].engine.dispose()


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Every test that touches the app runs in a transaction rolled back at the end."""
    if "live_server" in request.fixturenames or "no_transaction" in request.keywords:
        yield
        return
    state = app.extensions["casework.db"]
    connection = state.engine.connect()
    outer = connection.begin()
    state.bind_to(connection)
    ctx = app.app_context()
    ctx.push()
    app.extensions["test_app_context"] = ctx
    try:
        yield
    finally:
        app.extensions.pop("test_app_context", None)
        db.session.close()
        ctx.pop()
        state.unbind()
        outer.rollback()
        connection.close()


class IsolatedClient(FlaskClient):
    """A test client whose requests get their own application context, as in production.

    Flask reuses an already-pushed app context for a request, which would share `g` (the
    request's database session, Flask-Login's cached user) between the test and the request.
    Before each request the test's own session is committed (inside the test's outer
    transaction this only releases a savepoint) so the request sees what the test set up;
    afterwards the test's objects are expired, so they read what the request saved.
    """

    def open(self, *args, **kwargs):
        ctx = self.application.extensions.get("test_app_context")
        if ctx is None or getattr(self, "_in_request", False):  # a followed redirect re-enters here
            return super().open(*args, **kwargs)
        self._in_request = True
        session = db.session
        session.commit()
        ctx.g.pop("db_session", None)  # keep the test's session open across the request
        ctx.pop()
        try:
            return super().open(*args, **kwargs)
        finally:
            self._in_request = False
            ctx.push()
            ctx.g.db_session = session
            session.expire_all()  # test objects read what the request saved


# --- factories ----------------------------------------------------------------------------------

_PASSWORD_HASH: list[str] = []


def _password_hash() -> str:
    """The test password hashed once, with the testing configuration's cheap parameters."""
    if not _PASSWORD_HASH:
        from argon2 import PasswordHasher

        _PASSWORD_HASH.append(PasswordHasher(**TestingConfig.ARGON2_PARAMETERS).hash(TEST_PASSWORD))
    return _PASSWORD_HASH[0]


@pytest.fixture
def create_team():
    from casework.auth.models import Team

    def _create(name: str | None = None, programme: str = "VIP") -> Team:
        team = Team(name=name or f"Team {uuid.uuid4().hex[:8]}", programme=programme)
        db.session.add(team)
        db.session.flush()
        return team

    return _create


@pytest.fixture
def create_user(create_team):
    from casework.auth.models import Membership, User

    def _create(role: str = "youth_worker", teams=None, programme: str = "VIP", **overrides) -> User:
        if teams is None:
            teams = [] if role in ("commissioner", "administrator") else [create_team(programme=programme)]
        user = User(
            email=overrides.pop("email", f"{role}.{uuid.uuid4().hex[:8]}@example.org"),
            name=overrides.pop("name", role.replace("_", " ").title()),
            role=role,
            password_hash=overrides.pop("password_hash", None) or _password_hash(),
            **overrides,
        )
        user.memberships = [Membership(team=team) for team in teams]
        db.session.add(user)
        db.session.flush()
        return user

    return _create


@pytest.fixture
def create_person():
    from casework.people.models import Person

    def _create(**overrides) -> Person:
        values = dict(given_name="Test", family_name=f"Person{uuid.uuid4().hex[:6]}",
                      date_of_birth=date(2008, 5, 1), sex="male", ethnicity="white_british",
                      local_authority="leicester")
        values.update(overrides)
        person = Person(**values)
        db.session.add(person)
        db.session.flush()
        return person

    return _create


@pytest.fixture
def create_referral(create_person):
    from casework.referrals.models import Referral

    def _create(team, person=None, **overrides) -> Referral:
        received_at = overrides.pop("received_at", datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc))
        values = dict(person=person or create_person(), programme=team.programme, team_id=team.id,
                      definition_version="2024.1", received_at=received_at,
                      received_on=received_at.date(), source=_first_source(team.programme), status="pending")
        values.update(overrides)
        referral = Referral(**values)
        db.session.add(referral)
        db.session.flush()
        return referral

    return _create


def _first_source(programme: str) -> str:
    import programmes

    return programmes.current_definition(programme).referral_sources[0].code


@pytest.fixture
def create_case(create_referral):
    from casework.cases.models import Case

    def _create(team, lead_worker=None, person=None, **overrides) -> Case:
        referral = overrides.pop("referral", None) or create_referral(team, person=person, status="accepted")
        values = dict(person_id=referral.person_id, referral_id=referral.id, programme=team.programme,
                      definition_version="2024.1", team_id=team.id, status="open",
                      started_on=date(2024, 5, 2), lead_worker_id=lead_worker.id if lead_worker else None)
        values.update(overrides)
        case = Case(**values)
        db.session.add(case)
        db.session.flush()
        return case

    return _create


# --- clients ------------------------------------------------------------------------------------

@pytest.fixture
def client(app):
    # https (PREFERRED_URL_SCHEME), because the session cookie is Secure.
    app.test_client_class = IsolatedClient
    test_client = app.test_client()
    # Browsers send a same-origin Referer (our Referrer-Policy); CSRF over HTTPS checks it.
    test_client.environ_base["HTTP_REFERER"] = "https://localhost/"
    return test_client


_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1) or match.group(2)


def sign_in(client, user, password: str = TEST_PASSWORD):
    """Sign in through the form, as a browser would (starting from no session)."""
    client.delete_cookie("casework_session", domain="localhost")
    page = client.get("/sign-in")
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post("/sign-in", data={"email": user.email, "password": password, "csrf_token": token})


@pytest.fixture
def signed_in(client, create_user):
    """signed_in(role, **user_overrides) -> (client, user), really signed in through the form."""

    def _sign_in(role: str = "youth_worker", user=None, **overrides):
        user = user or create_user(role, **overrides)
        response = sign_in(client, user)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client, user

    return _sign_in


@pytest.fixture
def no_csrf(app):
    """For tests about permissions rather than CSRF: forms are accepted without a token."""
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    yield
    app.config["WTF_CSRF_CHECK_DEFAULT"] = True


def audit_events(action: str | None = None):
    from casework.audit.models import AuditEvent

    query = sa.select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))
