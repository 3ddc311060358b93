"""A file's dates may be written DD/MM/YYYY, as UK spreadsheets hold them, or YYYY-MM-DD: one way
throughout the file, found from its cells and named in the result."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from casework.db import db
from casework.imports.cells import DateCell
from casework.imports.operations import import_file
from casework.imports.schemas import KINDS, header_for
from casework.sessions.models import Session
from tests.casework.imports import files
from tests.casework.imports.conftest import csv_bytes, session_row
from tests.casework.imports.test_page import _upload
from tests.conftest import audit_events

# Closures are left out: whether the file's closure may be a planned completion is the VIP
# definition's rule, not a matter of how its date is written.
KINDS_BEFORE_CLOSURES = [(kind, rows) for kind, rows in files.ALL if kind != "closures"]


def _uk(row: dict, kind: str) -> dict:
    """The row with every date written day first, some with one figure for the day or month."""
    written = dict(row)
    for column in KINDS[kind].columns:
        if isinstance(column.parse, DateCell) and row.get(column.name):
            day = date.fromisoformat(row[column.name])
            written[column.name] = f"{day.day}/{day.month:02d}/{day.year}"
    return written


def _sessions(rows: list[dict], user):
    return import_file("sessions", "sessions.csv", csv_bytes(header_for("sessions"), rows), user=user,
                       today=date(2024, 8, 1))


def test_a_uk_dated_file_imports_the_same_records_as_the_iso_one(world, write_csv, run_import):
    for kind, rows in KINDS_BEFORE_CLOSURES:
        uk_rows = [_uk(row, kind) for row in rows]
        result = run_import(kind, write_csv(f"uk-{kind}.csv", uk_rows, list(header_for(kind))), world.manager)
        assert result.exit_code == 0, result.output
        assert f"({len(rows)} new, 0 already imported and unchanged). Dates read as DD/MM/YYYY." in result.stdout
    held = db.session.scalars(sa.select(Session.held_on).order_by(Session.held_on)).all()
    assert held == [date.fromisoformat(row["held_on"]) for row in sorted(files.SESSIONS, key=lambda r: r["held_on"])]
    # The ISO files hold the same records: every row is already imported with the same values.
    for kind, rows in KINDS_BEFORE_CLOSURES:
        result = run_import(kind, write_csv(f"iso-{kind}.csv", rows, list(header_for(kind))), world.manager)
        assert result.exit_code == 0, result.output
        assert f"(0 new, {len(rows)} already imported and unchanged). Dates read as YYYY-MM-DD." in result.stdout
    assert [e.details["date_format"] for e in audit_events("import.file")] == (
        ["DD/MM/YYYY"] * len(KINDS_BEFORE_CLOSURES) + ["YYYY-MM-DD"] * len(KINDS_BEFORE_CLOSURES))


def test_a_file_mixing_the_two_ways_is_refused_at_the_first_date_written_the_other_way(world, vip_case):
    result = _sessions([session_row("S1", held_on="10/05/2024"), session_row("S2", held_on="1/6/2024"),
                        session_row("S3", held_on="2024-05-17"), session_row("S4", held_on="2024-05-18")],
                       world.manager)
    assert [str(problem) for problem in result.problems] == [
        "sessions.csv, row 4, column held_on: This date is written YYYY-MM-DD, but the first date in the file "
        "(row 2, column held_on) is written DD/MM/YYYY: write every date in the file one way, all YYYY-MM-DD or "
        "all DD/MM/YYYY (got “2024-05-17”)"]
    assert result.summary() == "sessions.csv was not imported: 1 problem in 0 rows. Nothing was imported."
    assert db.session.scalars(sa.select(Session)).all() == []


def test_the_two_ways_are_not_mixed_across_the_columns_of_a_row_either(world):
    row = {**files.REFERRALS[0], "received_on": "01/05/2024"}  # decided_on is still 2024-05-01
    result = import_file("referrals", "referrals.csv", csv_bytes(header_for("referrals"), [row]), user=world.manager)
    assert [(p.row, p.column) for p in result.problems] == [(2, "decided_on")]
    assert "is written YYYY-MM-DD, but the first date in the file (row 2, column received_on)" in (
        result.problems[0].reason)


@pytest.mark.parametrize("cell, message", [
    ("31/02/2024", "Date of the session must be a real date (got “31/02/2024”)"),
    ("05/13/2024", "Date of the session must be a real date (got “05/13/2024”)"),  # never read month first
    ("12/05/24", "Date of the session must include a year with 4 numbers (got “12/05/24”)"),
    ("12.05.2024", "Date of the session must be written DD/MM/YYYY, like 12/05/2025 (got “12.05.2024”)"),
])
def test_a_bad_date_in_a_uk_file_gets_the_forms_message(world, vip_case, cell, message):
    result = _sessions([session_row("S1", held_on="10/05/2024"), session_row("S2", held_on=cell)], world.manager)
    assert [str(problem) for problem in result.problems] == [f"sessions.csv, row 3, column held_on: {message}"]
    assert result.summary().endswith("Nothing was imported. Dates read as DD/MM/YYYY.")


def test_a_bad_date_in_an_iso_file_keeps_its_message(world, vip_case):
    result = _sessions([session_row("S1"), session_row("S2", held_on="2024-02-31"),
                        session_row("S3", held_on="12.05.2024")], world.manager)
    assert [problem.reason for problem in result.problems] == [
        "Date of the session must be a real date (got “2024-02-31”)",
        "Date of the session must be written YYYY-MM-DD, like 2025-05-12 (got “12.05.2024”)"]


def test_a_file_without_dates_names_no_way_of_writing_them(world):
    row = {**files.PEOPLE[0], "date_of_birth": ""}
    result = import_file("people", "people.csv", csv_bytes(header_for("people"), [row]), user=world.manager)
    assert result.ok and result.date_format is None
    assert "Dates read as" not in result.summary()


def test_the_page_names_how_the_dates_were_read(signed_in, world, vip_case):
    client, _ = signed_in(user=world.manager)
    data = csv_bytes(header_for("sessions"), [session_row("S1", held_on="10/05/2024")])
    response = _upload(client, "sessions", data, dry_run="y")
    assert response.status_code == 200
    assert "Nothing was imported (check only). Dates read as DD/MM/YYYY." in response.get_data(as_text=True)
    response = _upload(client, "sessions", data)
    assert response.status_code == 302
    assert "(1 new, 0 already imported and unchanged). Dates read as DD/MM/YYYY." in (
        client.get(response.headers["Location"]).get_data(as_text=True))
    assert db.session.scalars(sa.select(Session.held_on)).all() == [date(2024, 5, 10)]
