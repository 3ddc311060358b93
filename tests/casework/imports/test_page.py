"""The upload page: managers upload a file and see every problem, or what was imported; a
header-only template can be downloaded for each kind of file."""

from __future__ import annotations

import io

import sqlalchemy as sa

from casework.db import db
from casework.imports.schemas import KINDS, header_for
from casework.sessions.models import Session
from tests.casework.imports.conftest import csv_bytes, session_row
from tests.conftest import audit_events, csrf_token_from


def _upload(client, kind: str, data: bytes, name: str = "sessions.csv", **fields):
    token = csrf_token_from(client.get("/imports").get_data(as_text=True))
    return client.post("/imports", data={"csrf_token": token, "kind": kind, "file": (io.BytesIO(data), name),
                                         **fields}, content_type="multipart/form-data")


def _sessions():
    return db.session.scalars(sa.select(Session)).all()


def test_the_page_offers_every_kind_and_an_upload_form(signed_in, world):
    client, _ = signed_in(user=world.manager)
    page = client.get("/imports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and 'type="file"' in html
    for kind in KINDS:
        assert f'href="/imports/template/{kind}"' in html


def test_an_upload_with_a_bad_row_shows_the_problems_and_imports_nothing(signed_in, world, vip_case):
    client, _ = signed_in(user=world.manager)
    data = csv_bytes(header_for("sessions"), [session_row("S1"), session_row("S2", attendance="maybe")])
    response = _upload(client, "sessions", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "sessions.csv was not imported" in html
    assert "“maybe” is not an attendance code; use one of: attended, did_not_attend, cancelled" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in html
    assert '<td class="govuk-table__cell">attendance</td>' in html
    assert _sessions() == []
    (event,) = audit_events("import.file")
    assert (event.outcome, event.user_id, event.details["problems"]) == ("failed", world.manager.id, 1)


def test_a_good_upload_imports_and_says_so(signed_in, world, vip_case):
    client, _ = signed_in(user=world.manager)
    data = csv_bytes(header_for("sessions"), [session_row("S1", notes="=cmd|' /C calc'!A0"), session_row("S2")])
    response = _upload(client, "sessions", data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported sessions from sessions.csv: 2 rows (2 new, 0 already imported and unchanged)." in page
    notes = {s.provider_reference: s.notes for s in _sessions()}
    assert notes == {"S1": "=cmd|' /C calc'!A0", "S2": ""}
    assert {s.recorded_by_id for s in _sessions()} == {world.manager.id}
    # The same upload again: nothing new.
    again = _upload(client, "sessions", data)
    assert again.status_code == 302
    assert "(0 new, 2 already imported and unchanged)" in client.get("/imports").get_data(as_text=True)
    assert len(_sessions()) == 2


def test_only_checking_a_file_imports_nothing(signed_in, world, vip_case):
    client, _ = signed_in(user=world.manager)
    response = _upload(client, "sessions", csv_bytes(header_for("sessions"), [session_row("S1")]), dry_run="y")
    assert response.status_code == 200
    assert "sessions.csv can be imported: 1 row (1 new, 0 already imported and unchanged). Nothing was imported" \
        in response.get_data(as_text=True)
    assert _sessions() == []


def test_a_file_that_is_not_csv_gets_a_clear_message(signed_in, world):
    client, _ = signed_in(user=world.manager)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    response = _upload(client, "people", png, name="photo.png")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "This is not a CSV file: it holds binary data." in html
    xlsx = _upload(client, "people", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, name="people.xlsx")
    assert xlsx.status_code == 400
    assert "This is a spreadsheet file (Excel or OpenDocument), not a CSV file." in xlsx.get_data(as_text=True)


def test_the_form_needs_a_kind_and_a_file(signed_in, world):
    client, _ = signed_in(user=world.manager)
    token = csrf_token_from(client.get("/imports").get_data(as_text=True))
    response = client.post("/imports", data={"csrf_token": token}, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choose what the file holds" in html and "Choose a CSV file to import" in html


def test_the_header_template_of_each_kind_downloads(signed_in, world):
    client, _ = signed_in(user=world.manager)
    response = client.get("/imports/template/sessions")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="sessions.csv"'
    assert response.get_data(as_text=True) == ",".join(header_for("sessions")) + "\r\n"
    assert client.get("/imports/template/secrets").status_code == 404


def test_workers_cannot_import(signed_in, world, vip_case):
    client, _ = signed_in(user=world.worker)
    assert client.get("/imports").status_code == 403
    assert client.get("/imports/template/sessions").status_code == 403
