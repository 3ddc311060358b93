"""Submitting freezes a return: the application and the database refuse changes, the hash matches
the JSON, amendments are new numbers with a reason, and a rebuild shows what changed and why."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from casework.db import db
from casework.operations import OperationError
from casework.returns.models import ReturnSnapshot, SnapshotFrozen
from casework.returns.operations import save_draft, submit_return
from casework.returns.queries import (
    build_document,
    figures_fingerprint,
    snapshot_diff,
    snapshot_document,
    verify_snapshot,
)
from reports.canonical import CANONICAL_FORMAT, LEGACY_FORMAT, canonical_bytes, sha256_hex
from reports.definition import CURRENT_VERSION
from reports.layout import layout
from reports.periods import parse_period
from tests.conftest import audit_events

Q1 = parse_period("2024-25-Q1")


@pytest.fixture
def manager(create_user, records):
    return create_user("manager", teams=[records.team("VIP")])


@pytest.fixture
def snapshot(manager, some_vip_cases):
    return submit_return(manager, "VIP", Q1, "shared")


def test_a_submitted_snapshot_holds_the_canonical_json_and_its_hash(snapshot, manager):
    assert snapshot.number == 1 and snapshot.amendment_reason is None
    assert hashlib.sha256(snapshot.canonical_json.encode("utf-8")).hexdigest() == snapshot.sha256
    data = json.loads(snapshot.canonical_json)
    assert data["programme"] == "VIP" and data["mode"] == "shared"
    assert snapshot.programme_versions == {"VIP": "2024.1"} and snapshot.definition_version == CURRENT_VERSION
    assert snapshot.lineage["records"]["B3||"]["period"]  # the cases behind B3
    assert snapshot.submitted_by_id == manager.id
    (event,) = audit_events("return.submit")
    assert event.details["sha256"] == snapshot.sha256 and event.details["number"] == 1


def test_the_application_refuses_to_change_or_delete_a_snapshot(snapshot):
    db.session.flush()
    with pytest.raises(SnapshotFrozen):
        with db.session.begin_nested():
            snapshot.sha256 = "0" * 64
            db.session.flush()
    db.session.expire_all()
    with pytest.raises(SnapshotFrozen):
        with db.session.begin_nested():
            db.session.delete(db.session.get(ReturnSnapshot, snapshot.id))
            db.session.flush()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE return_snapshots SET sha256 = 'tampered'",
        "UPDATE return_snapshots SET canonical_json = '{}'",
        "DELETE FROM return_snapshots",
    ],
)
def test_the_database_refuses_to_change_or_delete_a_snapshot(snapshot, statement):
    db.session.flush()
    with pytest.raises(DatabaseError):
        with db.session.begin_nested():
            db.session.execute(sa.text(statement))
    stored = db.session.execute(
        sa.select(ReturnSnapshot.sha256).where(ReturnSnapshot.id == snapshot.id)
    ).scalar_one()
    assert stored == snapshot.sha256


def test_an_amendment_is_a_new_number_with_a_reason_and_both_remain(snapshot, manager, records):
    with pytest.raises(OperationError, match="give the reason for the amendment"):
        submit_return(manager, "VIP", Q1, "shared")
    records.case("VIP", started_on=date(2024, 6, 30))
    amended = submit_return(
        manager, "VIP", Q1, "shared", reason="A case started on 30 June was entered late."
    )
    assert amended.number == 2
    assert amended.amendment_reason == "A case started on 30 June was entered late."
    assert amended.sha256 != snapshot.sha256
    numbers = db.session.scalars(
        sa.select(ReturnSnapshot.number)
        .where(ReturnSnapshot.programme == "VIP")
        .order_by(ReturnSnapshot.number)
    ).all()
    assert numbers == [1, 2]
    # A different mode is a return of its own.
    assert submit_return(manager, "VIP", Q1, "internal").number == 1


def test_a_late_entry_shows_up_in_the_rebuild_diff_with_its_record(snapshot, records, some_vip_cases):
    assert snapshot_diff(snapshot) == []
    late = records.session(some_vip_cases[1], date(2024, 6, 30), components=("VIP-C2",))
    changes = {change.cell: change for change in snapshot_diff(snapshot)}
    d1 = changes["D1||"]
    assert (d1.exact_before["period"], d1.exact_after["period"]) == (1, 2)
    assert d1.added["period"] == [str(late.public_id)]
    assert d1.record_type == "session"
    assert "D2|component|VIP-C2" in changes
    assert "B1||" not in changes


def test_a_record_corrected_out_of_the_period_is_listed_as_gone(snapshot, some_vip_cases):
    case = some_vip_cases[2]
    case.started_on = date(2024, 7, 2)
    changes = {change.cell: change for change in snapshot_diff(snapshot)}
    assert changes["B3||"].removed["period"] == [str(case.public_id)]


def test_sections_h_and_i_are_stored_with_the_snapshot(manager, some_vip_cases):
    save_draft(
        manager,
        "VIP",
        Q1,
        area_context=[{"code": "non_domestic_homicides", "value": 2, "source": "ONS", "as_of": "2024-03-31"}],
        narrative={"barriers": "Staff vacancies in May.", "unknown_field": "dropped"},
        version=None,
    )
    snapshot = submit_return(manager, "VIP", Q1, "internal")
    assert snapshot.area_context == [
        {"code": "non_domestic_homicides", "value": 2, "source": "ONS", "as_of": "2024-03-31"}
    ]
    assert snapshot.narrative == {"barriers": "Staff vacancies in May."}


def test_a_submission_is_refused_when_the_figures_moved_after_review(manager, records, some_vip_cases):
    document, _ = build_document("VIP", Q1, "shared")
    reviewed = figures_fingerprint(document)
    records.case("VIP", started_on=date(2024, 5, 5))
    with pytest.raises(OperationError, match="figures changed after you reviewed them"):
        submit_return(manager, "VIP", Q1, "shared", reviewed=reviewed)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReturnSnapshot)) == 0


def test_only_a_manager_of_the_programme_can_submit(create_user, some_vip_cases, create_team):
    other = create_user("manager", teams=[create_team(programme="REACH")])
    with pytest.raises(OperationError):
        submit_return(other, "VIP", Q1, "shared")
    with pytest.raises(OperationError):
        submit_return(other, "ALL", Q1, "shared")
    worker = create_user("youth_worker")
    with pytest.raises(OperationError):
        submit_return(worker, "VIP", Q1, "shared")


def test_two_submissions_of_unchanged_data_hash_the_same_and_keep_the_time_beside(manager, some_vip_cases):
    from datetime import datetime, timezone

    first = submit_return(manager, "VIP", Q1, "shared", now=datetime(2024, 7, 10, 9, 0, tzinfo=timezone.utc))
    again = submit_return(
        manager, "VIP", Q1, "shared", reason="checked", now=datetime(2024, 8, 1, 12, 30, tzinfo=timezone.utc)
    )
    assert again.sha256 == first.sha256 and again.canonical_json == first.canonical_json
    assert "generated_at" not in json.loads(first.canonical_json)
    assert first.canonical_format == again.canonical_format == CANONICAL_FORMAT
    assert first.generated_at == datetime(2024, 7, 10, 9, 0, tzinfo=timezone.utc)
    assert again.generated_at == again.submitted_at and again.submitted_by_id == manager.id
    assert verify_snapshot(first) and verify_snapshot(again)
    assert layout(snapshot_document(again)).generated_at == "01 August 2024 12:30 UTC"


def test_a_snapshot_of_the_first_form_keeps_verifying_and_shows_its_build_time(manager, some_vip_cases):
    """Rows submitted while the JSON held the build time: their hash is over those bytes."""
    from datetime import datetime, timezone

    document, _ = build_document("VIP", Q1, "shared")
    data = {**document.data, "generated_at": "2024-07-10T09:00:00+00:00"}
    body = canonical_bytes(data)
    # written as the first migration's columns allow (no canonical_format given: the column's default)
    db.session.execute(
        sa.insert(ReturnSnapshot.__table__).values(
            public_id=__import__("uuid").uuid4(),
            programme="VIP",
            period_label=Q1.label,
            period_start=Q1.start,
            period_end=Q1.end,
            mode="shared",
            number=1,
            definition_version=data["definition_version"],
            programme_versions=data["programme_versions"],
            canonical_json=body.decode(),
            sha256=sha256_hex(body),
            lineage={},
            area_context=[],
            narrative={},
            submitted_by_id=manager.id,
            submitted_at=datetime(2024, 7, 10, 9, 5, tzinfo=timezone.utc),
        )
    )
    legacy = db.session.scalars(sa.select(ReturnSnapshot)).one()
    assert legacy.canonical_format == LEGACY_FORMAT and legacy.generated_at is None
    assert verify_snapshot(legacy)
    assert layout(snapshot_document(legacy)).generated_at == "10 July 2024 09:00 UTC"
    # an amendment after the change is of the new form, beside the old one
    amended = submit_return(manager, "VIP", Q1, "shared", reason="late entries")
    assert amended.number == 2 and amended.canonical_format == CANONICAL_FORMAT
    assert amended.sha256 != legacy.sha256 and verify_snapshot(legacy)


def test_the_diff_names_each_record_by_case_programme_and_date_with_a_link_in_scope(
        app, snapshot, manager, records, some_vip_cases, create_user, create_team):
    from casework.returns.changes import changed_records

    late = records.session(some_vip_cases[1], date(2024, 6, 30), components=("VIP-C2",))
    moved = some_vip_cases[2]
    moved.started_on = date(2024, 7, 2)
    changes = snapshot_diff(snapshot)
    with app.test_request_context():
        named = changed_records(changes, snapshot, manager)
        session = named[str(late.public_id)]
        assert (session.name, session.change) == (
            "Session on 30 June 2024, VIP case started 3 April 2024", "Recorded after submission")
        assert (session.programme, session.on) == ("VIP", date(2024, 6, 30))
        assert session.url == f"/cases/{some_vip_cases[1].public_id}"
        case = named[str(moved.public_id)]
        assert (case.name, case.change) == ("VIP case started 2 July 2024", "Corrected after submission")
        # a manager of another programme gets the names but no links
        other = create_user("manager", teams=[create_team(programme="REACH")])
        assert all(record.url is None for record in changed_records(changes, snapshot, other).values())
