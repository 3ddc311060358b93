"""Every route declares who may use it, and the role × route matrix holds for every route."""

from __future__ import annotations

import uuid

import pytest
from werkzeug.routing import Rule

from casework.security import ALL_ROLES
from tests.route_access import expected_access

EXPECTED = expected_access()


def _rules(app) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint)


def test_every_route_declares_its_access(app):
    missing = [
        rule.endpoint for rule in _rules(app)
        if not hasattr(app.view_functions[rule.endpoint], "access_roles")
    ]
    assert missing == [], f"routes without an access decorator: {missing}"


def test_the_matrix_covers_every_route_and_matches_the_decorators(app):
    endpoints = {rule.endpoint for rule in _rules(app)}
    assert endpoints == set(EXPECTED), (
        f"add to EXPECTED: {sorted(endpoints - set(EXPECTED))}; remove: {sorted(set(EXPECTED) - endpoints)}"
    )
    for endpoint, expected in EXPECTED.items():
        declared = app.view_functions[endpoint].access_roles
        assert declared == (expected if expected == "public" else frozenset(expected)), endpoint


def _url_for_rule(rule: Rule) -> str:
    values = {arg: str(uuid.uuid4()) if arg.endswith("_id") else "x" for arg in rule.arguments}
    if rule.endpoint == "static":
        values = {"filename": "casework/casework.css"}
    return rule.build(values)[1]


def _method(rule: Rule) -> str:
    return "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]


ROUTE_ROLE_CASES = [(endpoint, role) for endpoint in EXPECTED for role in ALL_ROLES]


@pytest.mark.parametrize("endpoint,role", ROUTE_ROLE_CASES)
def test_role_route_matrix(app, signed_in, no_csrf, endpoint, role):
    """Refused roles get 403; allowed roles get anything but 403, never a 500."""
    client, _user = signed_in(role)
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    response = client.open(_url_for_rule(rule), method=_method(rule))
    expected = EXPECTED[endpoint]
    assert response.status_code < 500
    if expected == "public" or role in expected:
        assert response.status_code != 403, f"{role} refused at {endpoint}"
    else:
        assert response.status_code == 403, f"{role} reached {endpoint} ({response.status_code})"


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_anonymous_users_are_sent_to_sign_in(app, client, no_csrf, endpoint):
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    response = client.open(_url_for_rule(rule), method=_method(rule))
    if EXPECTED[endpoint] == "public":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 302
        assert "/sign-in" in response.headers["Location"]


def test_a_refused_route_is_logged(signed_in):
    from tests.conftest import audit_events

    client, user = signed_in("commissioner")
    assert client.get("/admin/users").status_code == 403
    denied = audit_events("access.denied")
    assert [(e.user_id, e.outcome, e.details["endpoint"]) for e in denied] == [(user.id, "denied", "admin.users")]
