"""Whatever file arrives, the import reads it safely: a clear message for anything that is not
UTF-8 CSV with the documented header, never an error page, and cells stored only as text."""

from __future__ import annotations

import csv

import pytest
import sqlalchemy as sa

from casework.cases.models import OnwardReferral
from casework.db import db
from casework.imports.operations import import_file
from casework.imports.schemas import header_for
from casework.people.models import Person
from casework.sessions.models import Session
from tests.casework.imports.conftest import csv_bytes, session_row

SAVE_AS = "In your spreadsheet choose Save As and the type “CSV UTF-8 (comma delimited)”, then import that file."


def _problems(data: bytes, user, kind: str = "people") -> list[str]:
    result = import_file(kind, "file.csv", data, user=user)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Person)) == 0
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("data,message", [
    (b"", "file.csv, row 1: The file is empty: it needs a header row and at least one row of records."),
    (b"\r\n\r\n", "file.csv, row 1: The file is empty: it needs a header row and at least one row of records."),
    (b"provider_reference,given_name,family_name\r\n",
     "file.csv, row 2: The file has a header but no rows of records."),
    (b"PK\x03\x04\x14\x00\x00\x00", "file.csv, row 1: This is a spreadsheet file (Excel or OpenDocument), not a "
                                    "CSV file. " + SAVE_AS),
    ("provider_reference,given_name,family_name".encode("utf-16"),
     "file.csv, row 1: The file is saved as UTF-16 (“Unicode text”), not UTF-8. " + SAVE_AS),
    (b"provider_reference,given_name,family_name\r\nP1,Ren\xe9e,Roe\r\n",
     "file.csv, row 2: The file is not UTF-8 text (line 2 has a character that is not UTF-8). " + SAVE_AS),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "file.csv, row 1: This is not a CSV file: it holds binary data. " + SAVE_AS),
    (b"provider_reference;given_name;family_name\r\nP1;Ann;Lee\r\n",
     "file.csv, row 1: The header is separated by semicolons; the file must be separated by commas. " + SAVE_AS),
])
def test_files_that_are_not_utf8_csv_get_a_clear_message(world, data, message):
    assert _problems(data, world.manager) == [message]


def test_the_header_must_name_the_documented_columns(world):
    data = b"Provider_Reference,given_name,surname,given_name\r\nP1,Ann,Lee,Ann\r\n"
    assert _problems(data, world.manager) == [
        "file.csv, row 1, column surname: Unknown column “surname”: a people file has the columns "
        + ", ".join(header_for("people")) + ".",
        "file.csv, row 1, column given_name: The column “given_name” appears twice in the header.",
        "file.csv, row 1, column family_name: The header has no column “family_name”, which a people file needs.",
    ]


def test_rows_with_extra_cells_or_missing_required_cells_are_named(world):
    data = b"provider_reference,given_name,family_name\r\nP1,Ann,Lee,extra\r\nP2,,Lee\r\nP3,Bo\r\n"
    assert _problems(data, world.manager) == [
        "file.csv, row 2: This row has 4 cells but the header has 3 columns.",
        "file.csv, row 3, column given_name: This column is required: enter a value.",
        "file.csv, row 4, column family_name: This column is required: enter a value.",
    ]


def test_a_huge_cell_is_a_problem_not_an_error(world):
    data = b"provider_reference,given_name,family_name\r\nP1,Ann," + b"x" * (csv.field_size_limit() + 10) + b"\r\n"
    (message,) = _problems(data, world.manager)
    assert message.startswith("file.csv, row 2: A cell is longer than 131,072 characters")


def test_rows_are_counted_as_a_spreadsheet_shows_them(world, vip_case):
    header = ",".join(header_for("sessions")).encode()
    rows = [
        session_row("S1", notes="Line one\nline two\nline three"),
        session_row("S2", held_on="2024-13-01"),
    ]
    data = csv_bytes(header_for("sessions"), rows)
    assert data.startswith(header)
    result = import_file("sessions", "sessions.csv", b"\xef\xbb\xbf" + data, user=world.manager)  # with a BOM
    assert [str(p) for p in result.problems] == [
        "sessions.csv, row 3, column held_on: Date of the session must be a real date (got “2024-13-01”)"]


def test_cells_are_stored_as_text_exactly_as_given(world, vip_case):
    rows = [session_row("S1", notes="=1+2", components="VIP-C1"), session_row("S2", notes="@SUM(A1:A9)\x00")]
    assert import_file("sessions", "s.csv", csv_bytes(header_for("sessions"), rows), user=world.manager).ok
    notes = dict(db.session.execute(sa.select(Session.provider_reference, Session.notes)).all())
    assert notes == {"S1": "=1+2", "S2": "@SUM(A1:A9)"}
    onward = {"provider_reference": "O1", "case_reference": "C1", "referred_on": "2024-05-10",
              "service_type": "housing", "agency": "-2+3 Housing Trust"}
    assert import_file("onward_referrals", "o.csv", csv_bytes(header_for("onward_referrals"), [onward]),
                       user=world.manager).ok
    assert db.session.scalars(sa.select(OnwardReferral.agency)).one() == "-2+3 Housing Trust"


def test_an_unknown_kind_is_refused(world):
    from casework.operations import OperationError

    with pytest.raises(OperationError, match="is not a kind of import file"):
        import_file("secrets", "x.csv", b"a\r\n", user=world.manager)
