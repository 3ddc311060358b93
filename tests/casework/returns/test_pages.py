"""The returns pages: build and review, downloads, sections H and I, submit and amend, submitted
snapshots with their rebuild diff; who may see what."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import date

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from casework.db import db
from casework.returns.models import ReturnDraft, ReturnSnapshot
from casework.returns.operations import submit_return
from reports.periods import parse_period
from tests.conftest import audit_events, csrf_token_from

Q1 = "2024-25-Q1"
BUILD = f"/returns/build?programme=VIP&period={Q1}&mode=internal"


def _snapshots() -> list[ReturnSnapshot]:
    return list(db.session.scalars(sa.select(ReturnSnapshot).order_by(ReturnSnapshot.id)))


# --- building and reading -----------------------------------------------------------------------


def test_a_manager_builds_a_return_and_the_build_is_audited(vip_manager, some_vip_cases):
    client, user = vip_manager
    response = client.get(BUILD)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Monitoring return: Violence Intervention Project" in html
    assert "B1 Referrals received" in html and "Theory-of-change outcomes" in html
    assert "<svg" in html and "style=" not in html
    for name in ("json", "csv", "xlsx", "pdf", "html"):
        assert f"format={name}" in html
    (event,) = audit_events("return.build")
    assert (event.user_id, event.details) == (user.id, {"programme": "VIP", "period": Q1, "mode": "internal"})


def test_the_build_page_shows_exact_or_suppressed_figures_by_mode(vip_manager, some_vip_cases):
    client, _ = vip_manager
    internal = client.get(BUILD).get_data(as_text=True)
    shared = client.get(BUILD.replace("internal", "shared")).get_data(as_text=True)
    assert ">3<" in internal.replace("<strong>", "").replace("</strong>", "")  # three cases started
    assert ">c<" in shared.replace("<strong>", "").replace("</strong>", "")


def test_a_bad_period_is_refused_with_a_message(vip_manager):
    client, _ = vip_manager
    response = client.get("/returns/build?programme=VIP&period=2024-25-Q9&mode=internal")
    assert response.status_code == 400
    assert "Enter the period as a quarter (2024-25-Q1)" in response.get_data(as_text=True)
    assert audit_events("return.build") == []


def test_a_manager_cannot_build_another_programmes_return(vip_manager):
    client, _ = vip_manager
    assert client.get("/returns/build?programme=REACH&period=2024-25-Q1&mode=internal").status_code == 400
    assert client.get("/returns/build?programme=ALL&period=2024-25-Q1&mode=internal").status_code == 400
    assert (
        client.get("/returns/download?programme=REACH&period=2024-25-Q1&mode=internal&format=csv").status_code
        == 404
    )


def test_commissioners_read_shared_returns_of_every_programme_only(signed_in, some_vip_cases):
    client, _ = signed_in("commissioner")
    shared = client.get("/returns/build?programme=ALL&period=2024-25-Q1&mode=shared")
    assert shared.status_code == 200
    assert "Monitoring return: All programmes" in shared.get_data(as_text=True)
    assert client.get("/returns/build?programme=VIP&period=2024-25-Q1&mode=internal").status_code == 400
    assert (
        client.get("/returns/download?programme=VIP&period=2024-25-Q1&mode=internal&format=json").status_code
        == 404
    )
    assert (
        client.get("/returns/download?programme=VIP&period=2024-25-Q1&mode=shared&format=json").status_code
        == 200
    )
    assert client.get("/returns/draft?programme=VIP&period=2024-25-Q1&mode=shared").status_code == 403


@pytest.mark.parametrize("role", ["youth_worker", "navigator", "enforcement_officer", "administrator"])
def test_other_roles_have_no_returns(signed_in, role):
    client, _ = signed_in(role)
    assert client.get("/returns").status_code == 403
    assert client.get(BUILD).status_code == 403


@pytest.mark.parametrize(
    "file_format,media_type,opens",
    [
        ("json", "application/json", lambda body: json.loads(body)["programme"] == "VIP"),
        ("csv", "text/csv", lambda body: body.decode("utf-8-sig").startswith("section,figure_code,label")),
        (
            "xlsx",
            "application/vnd.openxmlformats",
            lambda body: load_workbook(io.BytesIO(body)).sheetnames[0].startswith("A"),
        ),
        ("pdf", "application/pdf", lambda body: body.startswith(b"%PDF")),
        ("html", "text/html", lambda body: b"B1 Referrals received" in body),
    ],
)
def test_downloads_open_and_are_audited(vip_manager, some_vip_cases, file_format, media_type, opens):
    client, user = vip_manager
    response = client.get(f"/returns/download?programme=VIP&period={Q1}&mode=shared&format={file_format}")
    assert response.status_code == 200
    assert response.mimetype.startswith(media_type)
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="return-VIP-{Q1}-shared.{file_format}"'
    )
    assert opens(response.data)
    (event,) = audit_events("return.export")
    assert event.user_id == user.id
    assert event.details == {"programme": "VIP", "period": Q1, "mode": "shared", "format": file_format}


def test_an_unknown_format_is_not_found(vip_manager):
    client, _ = vip_manager
    assert (
        client.get(f"/returns/download?programme=VIP&period={Q1}&mode=shared&format=exe").status_code == 404
    )
    assert audit_events("return.export") == []


# --- sections H and I ---------------------------------------------------------------------------


DRAFT = f"/returns/draft?programme=VIP&period={Q1}&mode=shared"


def _draft_form(client, **values) -> dict:
    page = client.get(DRAFT).get_data(as_text=True)
    import re

    version = re.search(r'name="version" type="hidden" value="([^"]*)"', page)
    data = {"csrf_token": csrf_token_from(page), "version": version.group(1) if version else ""}
    data.update(values)
    return data


def test_a_manager_writes_area_context_and_narrative(vip_manager):
    client, user = vip_manager
    data = _draft_form(
        client,
        **{
            "non_domestic_homicides_value": "2",
            "non_domestic_homicides_source": "Home Office homicide index",
            "non_domestic_homicides_as_of": ["31", "3", "2024"],
            "barriers": "Two posts vacant in May.",
            "case_study": "A young person, C, started college.",
        },
    )
    response = client.post(DRAFT, data=data)
    assert response.status_code == 302
    draft = db.session.scalars(sa.select(ReturnDraft)).one()
    assert draft.area_context == [
        {
            "code": "non_domestic_homicides",
            "value": 2,
            "source": "Home Office homicide index",
            "as_of": "2024-03-31",
        }
    ]
    assert draft.narrative == {
        "barriers": "Two posts vacant in May.",
        "case_study": "A young person, C, started college.",
    }
    assert audit_events("return.draft.create")[0].details["narrative_fields"] == ["barriers", "case_study"]
    shown = client.get(BUILD.replace("internal", "shared")).get_data(as_text=True)
    assert "Home Office homicide index" in shown and "Two posts vacant in May." in shown


@pytest.mark.parametrize(
    "values,message",
    [
        (
            {"knife_assault_admissions_value": "lots"},
            "The hospital admissions for assault with a knife or sharp object value must be a number, "
            "like 42 or 3.5",
        ),
        ({"knife_assault_admissions_value": "12"}, "Enter where the hospital admissions for assault"),
        (
            {
                "knife_assault_admissions_value": "12",
                "knife_assault_admissions_source": "NHS",
                "knife_assault_admissions_as_of": ["31", "2", "2024"],
            },
            "Date of the hospital admissions for assault with a knife or sharp object figure "
            "must be a real date",
        ),
        ({"learning": "x" * 5001}, "Learning must be 5000 characters or fewer"),
    ],
)
def test_bad_draft_input_is_refused_and_nothing_saved(vip_manager, values, message):
    client, _ = vip_manager
    response = client.post(DRAFT, data=_draft_form(client, **values))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(ReturnDraft)).all() == []


def test_a_stale_draft_is_refused_and_the_first_save_survives(vip_manager):
    client, _ = vip_manager
    first = _draft_form(client, barriers="First")
    second = _draft_form(client, barriers="Second")
    assert client.post(DRAFT, data=first).status_code == 302
    assert client.post(DRAFT, data=second).status_code == 409
    assert db.session.scalars(sa.select(ReturnDraft)).one().narrative == {"barriers": "First"}


# --- submitting ---------------------------------------------------------------------------------


SUBMIT = f"/returns/submit?programme=VIP&period={Q1}&mode=shared"


def _submit_form(client, url=SUBMIT, **values) -> dict:
    import re

    page = client.get(url).get_data(as_text=True)
    fields = dict(re.findall(r'name="(submission_id|reviewed)" type="hidden" value="([^"]*)"', page))
    return {"csrf_token": csrf_token_from(page), **fields, **values}


def test_submitting_needs_a_confirmation(vip_manager, some_vip_cases):
    client, _ = vip_manager
    response = client.post(SUBMIT, data=_submit_form(client))
    assert response.status_code == 400
    assert "Confirm that you have reviewed the figures" in response.get_data(as_text=True)
    assert _snapshots() == []


def test_a_manager_submits_once_even_when_posting_twice(vip_manager, some_vip_cases):
    client, user = vip_manager
    data = _submit_form(client, confirm="y")
    first = client.post(SUBMIT, data=data)
    assert first.status_code == 302
    (snapshot,) = _snapshots()
    assert first.headers["Location"].endswith(f"/returns/submitted/{snapshot.public_id}")
    again = client.post(SUBMIT, data=data)
    assert again.status_code == 302 and again.headers["Location"] == first.headers["Location"]
    assert len(_snapshots()) == 1
    assert [e.details["number"] for e in audit_events("return.submit")] == [1]


def test_an_amendment_needs_a_reason(vip_manager, some_vip_cases):
    client, _ = vip_manager
    client.post(SUBMIT, data=_submit_form(client, confirm="y"))
    page = client.get(SUBMIT).get_data(as_text=True)
    assert "Submit an amendment" in page
    refused = client.post(SUBMIT, data=_submit_form(client, confirm="y"))
    assert refused.status_code == 400
    assert "Enter the reason for the amendment" in refused.get_data(as_text=True)
    accepted = client.post(SUBMIT, data=_submit_form(client, confirm="y", reason="Late session records."))
    assert accepted.status_code == 302
    assert [(s.number, s.amendment_reason) for s in _snapshots()] == [(1, None), (2, "Late session records.")]


def test_figures_that_moved_after_review_are_not_submitted(vip_manager, some_vip_cases, records):
    client, _ = vip_manager
    data = _submit_form(client, confirm="y")
    records.case("VIP", started_on=date(2024, 6, 1))
    response = client.post(SUBMIT, data=data)
    assert response.status_code == 400
    assert "The figures changed after you reviewed them" in response.get_data(as_text=True)
    assert _snapshots() == []


# --- submitted snapshots ------------------------------------------------------------------------


@pytest.fixture
def vip_snapshot(vip_manager, some_vip_cases):
    _client, user = vip_manager
    return submit_return(user, "VIP", parse_period(Q1), "shared")


def test_the_snapshot_page_shows_the_return_its_hash_and_what_changed(
    vip_manager, vip_snapshot, records, some_vip_cases
):
    client, _ = vip_manager
    url = f"/returns/submitted/{vip_snapshot.public_id}"
    page = client.get(url).get_data(as_text=True)
    assert vip_snapshot.sha256 in page and "Nothing has changed" in page
    late = records.session(some_vip_cases[2], date(2024, 5, 30))
    page = client.get(url).get_data(as_text=True)
    assert "What changed since submission" in page
    # the record is named as a manager would name it, with a link to its case, not by raw id
    assert str(late.public_id) not in page
    link = f'<a class="govuk-link" href="/cases/{some_vip_cases[2].public_id}">'
    assert f"{link}Session on 30 May 2024, VIP case started 4 April 2024</a>: recorded after submission" in page
    assert [e.record_id for e in audit_events("return.view")] == [str(vip_snapshot.public_id)] * 2


def test_a_snapshot_downloads_as_submitted(vip_manager, vip_snapshot, records):
    client, _ = vip_manager
    records.case("VIP", started_on=date(2024, 5, 5))  # a late entry changes nothing submitted
    response = client.get(f"/returns/submitted/{vip_snapshot.public_id}/download?format=json")
    assert response.status_code == 200
    assert response.data == vip_snapshot.canonical_json.encode("utf-8")
    assert hashlib.sha256(response.data).hexdigest() == vip_snapshot.sha256
    assert response.headers["Content-Disposition"].endswith('-shared-v1.json"')
    csv_text = client.get(f"/returns/submitted/{vip_snapshot.public_id}/download?format=csv").data.decode(
        "utf-8-sig"
    )
    assert "B,B3,Cases started,,,c,c" in csv_text
    assert [e.details["format"] for e in audit_events("return.export")] == ["json", "csv"]


def test_a_manager_of_another_programme_cannot_open_or_download_a_snapshot(
    signed_in, vip_snapshot, create_team
):
    client, _ = signed_in("manager", teams=[create_team(programme="REACH")])
    assert client.get(f"/returns/submitted/{vip_snapshot.public_id}").status_code == 404
    for name in ("json", "csv", "pdf"):
        assert (
            client.get(f"/returns/submitted/{vip_snapshot.public_id}/download?format={name}").status_code
            == 404
        )
    assert "VIP" not in client.get("/returns/submitted").get_data(as_text=True).split("<main")[1]
    assert audit_events("return.export") == [] and audit_events("return.view") == []
    assert [e.outcome for e in audit_events("access.denied")] == ["denied"] * 4


def test_commissioners_see_shared_snapshots_without_record_ids(
    signed_in, vip_snapshot, vip_manager, records, some_vip_cases
):
    _client, manager = vip_manager
    internal = submit_return(manager, "VIP", parse_period(Q1), "internal")
    late = records.session(some_vip_cases[2], date(2024, 5, 30))
    client, _ = signed_in("commissioner")
    page = client.get(f"/returns/submitted/{vip_snapshot.public_id}")
    assert page.status_code == 200
    assert str(late.public_id) not in page.get_data(as_text=True)
    assert client.get(f"/returns/submitted/{internal.public_id}").status_code == 404
    listing = client.get("/returns/submitted").get_data(as_text=True)
    assert str(vip_snapshot.public_id) in listing and str(internal.public_id) not in listing


def test_the_returns_index_lists_recent_quarters_and_submissions(vip_manager, vip_snapshot):
    client, _ = vip_manager
    page = client.get("/returns").get_data(as_text=True)
    assert "Recent quarters" in page and str(vip_snapshot.public_id) in page
