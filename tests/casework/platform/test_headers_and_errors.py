"""Security headers on every page, plain error pages, and no GET that changes data."""

import pytest
from flask import Blueprint

from casework.security import GetChangedData, public


def test_security_headers_on_an_authenticated_page(signed_in):
    client, _ = signed_in("manager")
    response = client.get("/dashboard")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "script-src 'self' 'nonce-" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_every_inline_script_carries_the_pages_nonce(client):
    response = client.get("/sign-in")
    html = response.get_data(as_text=True)
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    scripts = html.count("<script")
    assert scripts >= 2
    assert html.count(f'nonce="{nonce}"') == scripts


def test_session_cookie_is_secure_httponly_and_lax(client, create_user):
    from tests.conftest import sign_in

    response = sign_in(client, create_user("manager"))
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("casework_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_page_is_a_plain_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_an_unexpected_error_shows_a_reference_and_no_traceback(database_url, tmp_path):
    from casework import create_app
    from tests.conftest import make_config

    app = create_app(make_config(database_url, tmp_path))  # a separate app: its extra route stays here
    bp = Blueprint("boom_test", __name__)

    @bp.route("/boom-test")
    @public
    def boom():
        raise RuntimeError("secret internals")

    app.register_blueprint(bp)
    response = app.test_client().get("/boom-test")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in html and "Traceback" not in html
    assert "quote reference" in html


def test_a_get_that_changes_data_is_refused(app, create_team):
    """The unit of work refuses a read that wrote anything but audit events."""
    from casework.db import db
    from casework.security import _unit_of_work

    team = create_team()

    def view():
        team_in_request = db.session.get(type(team), team.id)
        team_in_request.name = "Changed on a GET"
        return "ok"

    with app.test_request_context("/", method="GET"):
        with pytest.raises(GetChangedData):
            _unit_of_work(view)
