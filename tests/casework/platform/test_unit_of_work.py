"""The request's unit of work: it commits unless an exception escaped the view; a failed
request keeps only the log of what it refused; a refused operation a route answers itself
leaves nothing behind (it ran in a savepoint); a GET still cannot change data."""

from __future__ import annotations

import ast
import importlib
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import abort

import casework
from casework.auth.models import Team
from casework.cases.models import Case, Closure
from casework.db import db
from casework.operations import OperationError, savepoint
from casework.security import GetChangedData, _unit_of_work, deny
from casework.timezone import london_today
from tests.conftest import audit_events, csrf_token_from


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def _team_name(team) -> str:
    db.session.expire_all()
    return db.session.get(Team, team.id).name


# --- (a) a refused operation answered by its route leaves no row --------------------------------

def test_an_operation_that_flushed_and_then_refused_leaves_no_row(signed_in, create_team, create_user,
                                                                  create_case, monkeypatch):
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker, started_on=london_today() - timedelta(days=100))
    client, _ = signed_in(user=worker)
    closures_before = _count(Closure)

    def close_then_refuse(case, **_values):
        # What a careless operation might do: write first, check afterwards.
        case.status = "closed"
        db.session.add(Closure(case_id=case.id, reason="moved_out_of_area", closed_on=london_today(),
                               definition_version=case.definition_version))
        db.session.flush()
        raise OperationError("Refused after writing.")

    monkeypatch.setattr("casework.cases.routes.close_case", close_then_refuse)
    page = client.get(f"/cases/{case.public_id}/close")
    html = page.get_data(as_text=True)
    version = html.split('name="version" type="hidden" value="')[1].split('"')[0]
    today = london_today()
    response = client.post(f"/cases/{case.public_id}/close", data={
        "csrf_token": csrf_token_from(html), "version": version, "reason": "moved_out_of_area",
        "closed_on": [today.day, today.month, today.year]})

    assert response.status_code == 400
    assert "Refused after writing." in response.get_data(as_text=True)
    db.session.expire_all()
    assert _count(Closure) == closures_before
    assert db.session.get(Case, case.id).status == "open"


def test_a_view_that_answers_400_without_an_exception_commits(app, create_team):
    """The rule the savepoint exists for: a status of 400 or more no longer rolls anything back."""
    team = create_team()
    db.session.commit()

    def refused_form_page():
        db.session.get(Team, team.id).name = "Kept"
        with pytest.raises(OperationError):
            with savepoint():
                db.session.get(Team, team.id).active = False
                raise OperationError("refused")
        return "shown again", 400

    with app.test_request_context("/", method="POST"):
        assert _unit_of_work(refused_form_page).status_code == 400
    db.session.expire_all()
    kept = db.session.get(Team, team.id)
    assert (kept.name, kept.active) == ("Kept", True)


def _catches_an_operation_error(module, handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return False
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    for node in names:
        cls = getattr(module, node.id, None) if isinstance(node, ast.Name) else None
        if isinstance(cls, type) and issubclass(cls, OperationError):
            bare_reraise = len(handler.body) == 1 and isinstance(handler.body[0], ast.Raise) \
                and handler.body[0].exc is None
            return not bare_reraise
    return False


def _in_savepoint(body: list[ast.stmt]) -> bool:
    return len(body) == 1 and isinstance(body[0], ast.With) and any(
        isinstance(item.context_expr, ast.Call) and getattr(item.context_expr.func, "id", None) == "savepoint"
        for item in body[0].items)


def _calls_only(body: list[ast.stmt], helpers: set[str]) -> bool:
    """A body of one statement whose call is to a helper that runs it in a savepoint itself."""
    if len(body) != 1 or not isinstance(body[0], (ast.Assign, ast.Expr, ast.Return)):
        return False
    call = body[0].value
    return isinstance(call, ast.Call) and getattr(call.func, "id", None) in helpers


def test_every_route_that_answers_a_refused_operation_runs_it_in_a_savepoint():
    root = Path(casework.__file__).parent
    unguarded = []
    for path in sorted(root.glob("*/routes.py")):
        module = importlib.import_module(f"casework.{path.parent.name}.routes")
        tree = ast.parse(path.read_text())
        tries = [node for node in ast.walk(tree) if isinstance(node, ast.Try)
                 and any(_catches_an_operation_error(module, h) for h in node.handlers)]
        helpers = {fn.name for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef)
                   and any(t in tries and _in_savepoint(t.body) for t in ast.walk(fn))}
        unguarded += [f"{path.relative_to(root.parent)}:{t.lineno}" for t in tries
                      if not _in_savepoint(t.body) and not _calls_only(t.body, helpers)]
    assert not unguarded, f"catches an OperationError without casework.operations.savepoint: {unguarded}"


# --- (b) a refused access is audited, and the entry is committed --------------------------------

def test_an_out_of_scope_record_answers_404_and_its_refusal_is_committed(signed_in, create_team, create_user,
                                                                         create_case):
    foreign = create_case(create_team("Elsewhere", programme="VIP"))
    client, user = signed_in("youth_worker", teams=[create_team(programme="VIP")])
    assert client.get(f"/cases/{foreign.public_id}").status_code == 404
    db.session.rollback()  # whatever is still there was committed by the request
    denied = audit_events("access.denied")
    assert [(e.user_id, e.outcome, e.record_type, e.record_id) for e in denied] == [
        (user.id, "denied", "cases", str(foreign.public_id))]
    assert not audit_events("case.view")


def test_a_failed_write_keeps_its_refusal_and_nothing_else(app, create_team):
    team = create_team(name="Before")
    db.session.commit()

    def change_then_refuse():
        db.session.get(Team, team.id).name = "After"
        db.session.flush()
        deny("teams", str(team.public_id))
        abort(404)

    with app.test_request_context("/teams/x", method="POST"):
        with pytest.raises(Exception) as raised:
            _unit_of_work(change_then_refuse)
    assert getattr(raised.value, "code", None) == 404
    assert _team_name(team) == "Before"
    assert [(e.record_type, e.details["method"]) for e in audit_events("access.denied")] == [("teams", "POST")]


def test_a_wrong_role_is_refused_and_its_refusal_is_committed(signed_in):
    client, user = signed_in("commissioner")
    assert client.post("/imports", data={}).status_code in (400, 403)  # CSRF or role: both are logged
    assert client.get("/admin/users").status_code == 403
    db.session.rollback()
    assert [e.details["endpoint"] for e in audit_events("access.denied")] == ["admin.users"]


# --- (c) a failed sign-in: tests/casework/auth/test_sign_in.py -----------------------------------

# --- (d) a GET still cannot change data ----------------------------------------------------------

def test_a_get_that_changed_data_writes_nothing_at_all(app, create_team):
    from casework.audit import record_event

    team = create_team(name="Before")
    db.session.commit()

    def view():
        record_event("team.view", team)
        db.session.get(Team, team.id).name = "Changed on a GET"
        return "ok"

    with app.test_request_context("/", method="GET"):
        with pytest.raises(GetChangedData):
            _unit_of_work(view)
    assert _team_name(team) == "Before"
    assert not audit_events("team.view")
