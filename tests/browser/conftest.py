"""Browser tests: the real app served on 127.0.0.1 with demo data, driven through Debian's
Chromium by Playwright, with axe checking accessibility.

The live server has a database of its own (a SQLite file, or a fresh PostgreSQL database when
the suite runs on PostgreSQL), because the browser's requests commit for real.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from datetime import date

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from casework import create_app
from casework.demo import DEMO_PASSWORD, USERS
from casework.migrate import upgrade
from tests.conftest import make_config, require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(os.path.exists(CHROMIUM), "Debian chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_database_url(database_url, tmp_path_factory):
    if not database_url.startswith("postgresql"):
        yield "sqlite:///" + str(tmp_path_factory.mktemp("live") / "live.db")
        return
    name = f"casework_live_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield str(sa.make_url(database_url).set(database=name).render_as_string(hide_password=False))
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    admin.dispose()


@pytest.fixture(scope="session")
def live_app(live_database_url, tmp_path_factory):
    from casework.demo import load_demo

    application = create_app(make_config(live_database_url, tmp_path_factory.mktemp("live-instance")))
    # Plain http on 127.0.0.1: Chromium accepts Secure cookies from loopback addresses.
    application.config["PREFERRED_URL_SCHEME"] = "http"
    upgrade(application)
    with application.app_context():
        load_demo(today=date.today())
    yield application
    application.extensions["casework.db"].engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def demo_users() -> dict[str, str]:
    """The README's demo user of each role: {role: email}."""
    users: dict[str, str] = {}
    for role, email, _name, _teams in USERS:
        users.setdefault(role, email)
    return users


def sign_in_as(page, live_server: str, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{live_server}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """axe-core (carried inside axe-playwright-python) finds no violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
