"""Fixtures for the import tests: a VIP team with a manager and a youth worker, CSV files
written in tmp_path, and `casework import` run through the Flask CLI runner."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from casework.db import db
from tests.browser.conftest import (  # noqa: F401  (shared fixtures for the browser test)
    browser_type_launch_args,
    demo_users,
    live_app,
    live_database_url,
    live_server,
)


@dataclass
class World:
    team: object
    manager: object
    worker: object


@pytest.fixture
def world(create_team, create_user):
    team = create_team(name="VIP Leicester", programme="VIP")
    manager = create_user("manager", teams=[team], email="vip.manager@example.org")
    worker = create_user("youth_worker", teams=[team], email="vip.worker@example.org")
    return World(team, manager, worker)


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(name, rows, header=None) -> Path: rows are dicts; the header defaults to the
    first row's keys (missing cells are written empty)."""

    def _write(name: str, rows: list[dict], header: list[str] | None = None) -> Path:
        header = header or list(rows[0])
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, restval="")
            writer.writeheader()
            writer.writerows(rows)
        return path

    return _write


@pytest.fixture
def run_import(app):
    """run_import(kind, path, user, *options) -> click Result of `casework import`."""

    def _run(kind: str, path, user, *options: str):
        # The command shares the test's database session: save the set-up first, so a refused
        # import rolling back its own work leaves the test's records in place.
        db.session.commit()
        result = app.test_cli_runner().invoke(args=["import", kind, str(path), "--user", user.email, *options])
        db.session.expire_all()
        return result

    return _run


def csv_bytes(header, rows: list[dict]) -> bytes:
    """A CSV file's bytes: `header` then one line per row dict (missing cells empty)."""
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def session_row(reference: str, case: str = "C1", **values) -> dict:
    """A valid attended VIP session row; `values` change any cell."""
    row = {"provider_reference": reference, "case_reference": case, "held_on": "2024-05-10", "start_time": "14:00",
           "duration_minutes": "60", "mode": "face_to_face", "location": "youth_centre", "attendance": "attended",
           "components": "VIP-C1", "behaviour_concern": "no", "behaviour_note": "", "notes": ""}
    row.update(values)
    return row


@pytest.fixture
def vip_case(world, create_case):
    """An open VIP case (referral received 1 May 2024, started 2 May 2024), provider reference C1."""
    return create_case(world.team, lead_worker=world.worker, provider_reference="C1")
