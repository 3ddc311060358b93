"""`casework return build | submit | list` without a browser."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import sqlalchemy as sa

from casework.db import db
from casework.returns.models import ReturnSnapshot
from tests.conftest import audit_events


def _run(app, *args):
    return app.test_cli_runner().invoke(args=["return", *args])


def test_build_writes_the_canonical_json_to_standard_output(app, some_vip_cases):
    result = _run(
        app,
        "build",
        "--programme",
        "VIP",
        "--period",
        "2024-25-Q1",
        "--mode",
        "internal",
        "--format",
        "json",
        "--output",
        "-",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout_bytes)
    assert data["programme"] == "VIP" and data["mode"] == "internal"
    assert data["period"]["label"] == "2024-25-Q1"
    b3 = next(f for f in data["figures"] if f["code"] == "B3" and f["breakdown"] is None)
    assert b3["period"] == 3
    (event,) = audit_events("return.export")
    assert event.details["channel"] == "command_line" and event.details["format"] == "json"


def test_build_accepts_a_year_or_a_range_and_writes_files(app, some_vip_cases, tmp_path):
    target = tmp_path / "return.csv"
    result = _run(
        app,
        "build",
        "--programme",
        "all",
        "--period",
        "2024-04-01..2024-06-30",
        "--mode",
        "shared",
        "--format",
        "csv",
        "--output",
        str(target),
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert any(row["breakdown"] == "programme" and row["category"] == "VIP" for row in rows)
    year = _run(app, "build", "--programme", "VIP", "--period", "2024-25", "--format", "json")
    assert json.loads(year.stdout_bytes)["period"]["end"] == "2025-03-31"


def test_build_refuses_a_bad_period(app):
    result = _run(app, "build", "--programme", "VIP", "--period", "last quarter")
    assert result.exit_code == 2
    assert "Enter the period as a quarter" in result.stderr


def test_submit_and_list(app, some_vip_cases, create_user, records):
    manager = create_user("manager", teams=[records.team("VIP")])
    result = _run(
        app,
        "submit",
        "--programme",
        "VIP",
        "--period",
        "2024-25-Q1",
        "--mode",
        "shared",
        "--user",
        manager.email.upper(),
    )
    assert result.exit_code == 0, result.output
    snapshot = db.session.scalars(sa.select(ReturnSnapshot)).one()
    assert snapshot.sha256 in result.stdout
    assert hashlib.sha256(snapshot.canonical_json.encode()).hexdigest() == snapshot.sha256
    again = _run(
        app,
        "submit",
        "--programme",
        "VIP",
        "--period",
        "2024-25-Q1",
        "--mode",
        "shared",
        "--user",
        manager.email,
    )
    assert again.exit_code == 2
    amended = _run(
        app,
        "submit",
        "--programme",
        "VIP",
        "--period",
        "2024-25-Q1",
        "--mode",
        "shared",
        "--user",
        manager.email,
        "--reason",
        "Corrected closure dates.",
    )
    assert amended.exit_code == 0, amended.output
    listing = _run(app, "list")
    assert listing.exit_code == 0
    lines = [line for line in listing.stdout.splitlines() if line.startswith("VIP")]
    assert len(lines) == 2 and "number 2" in " ".join(lines)


def test_submit_needs_a_manager_of_the_programme(app, some_vip_cases, create_user, create_team):
    worker = create_user("youth_worker")
    assert (
        _run(app, "submit", "--programme", "VIP", "--period", "2024-25-Q1", "--user", worker.email).exit_code
        == 2
    )
    other = create_user("manager", teams=[create_team(programme="REACH")])
    assert (
        _run(app, "submit", "--programme", "VIP", "--period", "2024-25-Q1", "--user", other.email).exit_code
        == 2
    )
    assert db.session.scalars(sa.select(ReturnSnapshot)).all() == []
