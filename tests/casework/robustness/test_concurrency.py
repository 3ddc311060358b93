"""Several people at once (access.md bar 8): of two people editing the same record the second is
refused and the first save survives; a form posted twice creates one record; many workers logging
sessions at the same moment all get their sessions saved, with no "database is locked" error.

These requests really run at the same time and really commit, so they cannot share the per-test
rolled-back transaction: the module has a database of its own (a SQLite file, or a fresh
PostgreSQL database when the suite runs on PostgreSQL), migrated once, and each test seeds its own
team, workers and cases in it.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import date

import pytest
import sqlalchemy as sa

from casework import create_app
from casework.db import db
from casework.migrate import upgrade
from casework.timezone import london_today
from tests.casework.robustness.htmlforms import form_posting_to
from tests.conftest import make_config, sign_in

pytestmark = pytest.mark.no_transaction

STALE = "Someone else changed this record after you opened it, so your changes were not saved."


@pytest.fixture(scope="module")
def own_database_url(database_url, tmp_path_factory):
    if not database_url.startswith("postgresql"):
        yield "sqlite:///" + str(tmp_path_factory.mktemp("concurrency") / "concurrency.db")
        return
    name = f"casework_concurrency_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield sa.make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        admin.dispose()


@pytest.fixture(scope="module")
def own_app(own_database_url, tmp_path_factory):
    application = create_app(make_config(own_database_url, tmp_path_factory.mktemp("concurrency-instance")))
    upgrade(application)
    yield application
    application.extensions["casework.db"].engine.dispose()


@dataclass
class Seeded:
    workers: list
    manager: object
    cases: list
    session_public_id: str | None = None


@pytest.fixture
def seed(own_app, create_team, create_user, create_case):
    """seed(workers=1) -> Seeded: a VIP team, its workers each leading an open case, a manager, and
    a session on the first case; committed for real."""

    def _seed(workers: int = 1) -> Seeded:
        from casework.sessions.models import Session, SessionComponent

        with own_app.app_context():
            team = create_team(programme="VIP")
            people = [create_user("youth_worker", teams=[team]) for _ in range(workers)]
            manager = create_user("manager", teams=[team])
            cases = [create_case(team, lead_worker=worker) for worker in people]
            session = Session(case_id=cases[0].id, held_on=date(2025, 5, 12), mode="phone", location="home",
                              attendance="attended", duration_minutes=30, notes="As first logged",
                              components=[SessionComponent(component_code="VIP-C1")])
            db.session.add(session)
            db.session.commit()
            return Seeded(people, manager, cases, str(session.public_id))

    return _seed


def new_client(app, user):
    """A browser of its own, signed in through the form."""
    client = app.test_client()
    client.environ_base["HTTP_REFERER"] = "https://localhost/"
    assert sign_in(client, user).status_code == 302
    return client


def open_form(client, url: str) -> dict:
    """GET the form page and keep what the browser would send back unseen: the CSRF token and the
    hidden version or submission id."""
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    form = form_posting_to(page.get_data(as_text=True), url, url)
    assert form is not None, f"no form posting to {url}"
    return {name: field.values[0] for name, field in form.fields.items() if field.kind == "hidden"}


def session_values(**overrides) -> dict:
    values = {
        "held_on": ["12", "5", "2025"], "attendance": "attended", "mode": "face_to_face",
        "location": "youth_centre", "start_time": "14:30", "duration_minutes": "45",
        "components": ["VIP-C1", "VIP-C3"], "behaviour_concern": "no", "behaviour_note": "", "notes": "",
        "onward_service_type": "", "onward_agency": "",
    }
    values.update(overrides)
    return values


def at_the_same_moment(*calls):
    """Run the calls in threads released together; their results, in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list = []

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except BaseException as error:  # reported in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    return results


def stored(app, model, **where):
    with app.app_context():
        return list(db.session.scalars(sa.select(model).filter_by(**where)))


# --- two people editing the same record ----------------------------------------------------------

def test_the_second_of_two_people_changing_a_session_is_refused_and_the_first_save_survives(own_app, seed):
    from casework.sessions.models import Session

    world = seed()
    worker, manager = new_client(own_app, world.workers[0]), new_client(own_app, world.manager)
    url = f"/sessions/{world.session_public_id}/edit"
    first, second = open_form(worker, url), open_form(manager, url)
    assert first["version"] == second["version"] == "1"

    saved = worker.post(url, data={**first, **session_values(notes="The worker's change")})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    refused = manager.post(url, data={**second, **session_values(notes="The manager's change", mode="phone")})
    assert refused.status_code == 409
    assert STALE in refused.get_data(as_text=True)

    [session] = stored(own_app, Session, public_id=uuid.UUID(world.session_public_id))
    assert (session.notes, session.mode, session.version) == ("The worker's change", "face_to_face", 2)


def test_of_two_people_saving_a_session_at_the_same_moment_one_wins_whole(own_app, seed):
    from casework.sessions.models import Session, SessionComponent

    world = seed()
    worker, manager = new_client(own_app, world.workers[0]), new_client(own_app, world.manager)
    url = f"/sessions/{world.session_public_id}/edit"
    first, second = open_form(worker, url), open_form(manager, url)
    notes = {"worker": "The worker's change", "manager": "The manager's change"}
    worker_data = {**first, **session_values(notes=notes["worker"], components=["VIP-C2"])}
    manager_data = {**second, **session_values(notes=notes["manager"], components=["VIP-C4"])}
    responses = at_the_same_moment(lambda: worker.post(url, data=worker_data),
                                   lambda: manager.post(url, data=manager_data))
    statuses = [response.status_code for response in responses]
    assert sorted(statuses) == [302, 409], [r.get_data(as_text=True)[:1000] for r in responses]
    winner = "worker" if statuses[0] == 302 else "manager"

    [session] = stored(own_app, Session, public_id=uuid.UUID(world.session_public_id))
    assert session.notes == notes[winner]
    components = [row.component_code for row in stored(own_app, SessionComponent, session_id=session.id)]
    assert components == (["VIP-C2"] if winner == "worker" else ["VIP-C4"])
    assert session.version == 2


def test_the_second_of_two_people_changing_the_engagement_status_is_refused(own_app, seed):
    from casework.cases.models import Case
    from casework.engagement.models import EngagementStatusChange

    world = seed()
    case = world.cases[0]
    worker, manager = new_client(own_app, world.workers[0]), new_client(own_app, world.manager)
    url = f"/cases/{case.public_id}/engagement-status"
    first, second = open_form(worker, url), open_form(manager, url)
    assert first["version"] == second["version"]
    today = london_today()
    on = [str(today.day), str(today.month), str(today.year)]

    saved = worker.post(url, data={**first, "status": "contacted", "changed_on": on})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    refused = manager.post(url, data={**second, "status": "engaged", "changed_on": on})
    assert refused.status_code == 409
    assert STALE in refused.get_data(as_text=True)

    [stored_case] = stored(own_app, Case, id=case.id)
    assert stored_case.engagement_status == "contacted"
    changes = stored(own_app, EngagementStatusChange, case_id=case.id)
    assert [change.status for change in changes] == ["contacted"]


def test_the_second_of_two_people_closing_a_case_is_refused_and_the_first_closure_stands(own_app, seed):
    from casework.cases.models import Case, Closure

    world = seed()
    case = world.cases[0]
    worker, manager = new_client(own_app, world.workers[0]), new_client(own_app, world.manager)
    url = f"/cases/{case.public_id}/close"
    first, second = open_form(worker, url), open_form(manager, url)
    today = london_today()
    on = [str(today.day), str(today.month), str(today.year)]

    saved = worker.post(url, data={**first, "reason": "moved_out_of_area", "closed_on": on})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    refused = manager.post(url, data={**second, "reason": "custody", "closed_on": on})
    assert refused.status_code in (400, 409)
    assert STALE in refused.get_data(as_text=True)

    [stored_case] = stored(own_app, Case, id=case.id)
    assert stored_case.status == "closed"
    assert [closure.reason for closure in stored(own_app, Closure, case_id=case.id)] == ["moved_out_of_area"]


# --- the same form posted twice ---------------------------------------------------------------------

def test_a_session_form_posted_twice_saves_one_session(own_app, seed):
    from casework.sessions.models import Session

    world = seed()
    case = world.cases[0]
    client = new_client(own_app, world.workers[0])
    url = f"/cases/{case.public_id}/sessions/new"
    data = {**open_form(client, url), **session_values(notes="Posted twice")}
    responses = [client.post(url, data=data) for _ in range(2)]
    assert [response.status_code for response in responses] == [302, 302]
    sessions = [s for s in stored(own_app, Session, case_id=case.id) if s.notes == "Posted twice"]
    assert len(sessions) == 1
    assert responses[1].headers["Location"].endswith(f"/sessions/{sessions[0].public_id}")


def test_a_session_form_posted_twice_at_the_same_moment_saves_one_session(own_app, seed):
    """A double click, or the same form sent from two tabs: one submission id, two requests at once."""
    from casework.sessions.models import Session

    world = seed()
    case = world.cases[0]
    url = f"/cases/{case.public_id}/sessions/new"
    first_tab = new_client(own_app, world.workers[0])
    second_tab = own_app.test_client()  # the same browser: the same session cookie
    second_tab.environ_base["HTTP_REFERER"] = "https://localhost/"
    data = {**open_form(first_tab, url), **session_values(notes="Sent at once")}
    # Copied after the form was opened: the session then holds the CSRF secret.
    cookie = first_tab.get_cookie("casework_session", domain="localhost")
    second_tab.set_cookie("casework_session", cookie.value, domain="localhost", secure=True, httponly=True)
    responses = at_the_same_moment(lambda: first_tab.post(url, data=data),
                                   lambda: second_tab.post(url, data=data))
    statuses = [response.status_code for response in responses]
    assert all(status < 500 for status in statuses), [r.get_data(as_text=True)[:1000] for r in responses]
    assert 302 in statuses
    for response in responses:
        if response.status_code != 302:  # the loser of the race is told the form was saved once
            assert "This form was sent twice; it has been saved once." in response.get_data(as_text=True)
    sessions = [s for s in stored(own_app, Session, case_id=case.id) if s.notes == "Sent at once"]
    assert len(sessions) == 1


# --- many writers -----------------------------------------------------------------------------------

THREADS = 8
SESSIONS_EACH = 50


def test_eight_workers_logging_fifty_sessions_each_at_once_all_get_saved(own_app, seed, caplog):
    from casework.sessions.models import Session

    world = seed(workers=THREADS)
    clients = [new_client(own_app, worker) for worker in world.workers]
    urls = [f"/cases/{case.public_id}/sessions/new" for case in world.cases]
    forms = [open_form(client, url) for client, url in zip(clients, urls, strict=True)]
    failures: list[str] = []

    def log_sessions(index: int):
        client, url, form = clients[index], urls[index], forms[index]
        for number in range(SESSIONS_EACH):
            # Each session is its own form: a fresh submission id, as opening the form again gives.
            data = {**form, "submission_id": str(uuid.uuid4()),
                    **session_values(notes=f"Worker {index} session {number}",
                                     held_on=[str(1 + number % 28), str(1 + index), "2025"])}
            response = client.post(url, data=data)
            if response.status_code != 302:
                failures.append(f"worker {index} session {number}: {response.status_code} "
                                f"{response.get_data(as_text=True)[:300]}")

    at_the_same_moment(*[(lambda index=index: log_sessions(index)) for index in range(THREADS)])

    assert failures == []
    assert "database is locked" not in caplog.text
    for index, case in enumerate(world.cases):
        notes = sorted(session.notes for session in stored(own_app, Session, case_id=case.id))
        expected = sorted(f"Worker {index} session {number}" for number in range(SESSIONS_EACH))
        if index == 0:
            expected = sorted([*expected, "As first logged"])
        assert notes == expected, f"worker {index}: {len(notes)} sessions stored"
