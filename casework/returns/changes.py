"""The records behind a rebuilt return's changes, named as a user would name them.

A snapshot's lineage holds only public ids. For the snapshot page each id becomes a
:class:`ChangedRecord`: what kind of record it is and of which case or referral (programme and
date), what happened to it since submission (recorded after, corrected after, deleted, or
counted differently because something it depends on changed), and a link to its case or referral
page when the reader may open that page. Names of young people and workers never appear: the
record is named by programme and dates, as on the return itself.

A fixed number of queries: one per kind of record in the changes, and one per scope check.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask import url_for

import programmes
from casework.cases.models import Case, Closure, OnwardReferral
from casework.db import db
from casework.engagement.models import EngagementContact
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.security import case_scope, referral_scope
from casework.sessions.models import Session
from programmes.text import long_date
from reports import ALL

__all__ = ["ChangedRecord", "changed_records"]

#: Records that belong to a case: (model, its own date, how a reader names it).
_CASE_RECORDS = {
    "closure": (Closure, Closure.closed_on, "Closure on"),
    "session": (Session, Session.held_on, "Session on"),
    "onward_referral": (OnwardReferral, OnwardReferral.referred_on, "Onward referral on"),
    "engagement_contact": (EngagementContact, EngagementContact.contacted_on, "Contact attempt on"),
}


@dataclass(frozen=True)
class ChangedRecord:
    """One record that came into or went out of a figure since submission.

    ``name`` reads like "Session on 10 April 2024, VIP case started 2 April 2024"; ``change``
    says what happened to it; ``url`` is its case's (or referral's) page, or ``None`` when the
    reader may not open it or it no longer exists.
    """

    public_id: str
    record_type: str
    name: str
    programme: str | None
    on: date | None
    change: str
    url: str | None = None


@dataclass(frozen=True)
class _Found:
    created_at: datetime
    updated_at: datetime
    programme: str
    on: date | None
    name: str
    case_id: int | None = None
    case_public_id: uuid.UUID | None = None
    referral_id: int | None = None
    referral_public_id: uuid.UUID | None = None


def _short(programme: str) -> str:
    return programmes.get_programme(programme).short_name


def _case_name(programme: str, started_on: date | None, received_on: date | None) -> str:
    if started_on is not None:
        return f"{_short(programme)} case started {long_date(started_on)}"
    return f"{_short(programme)} case awaiting consent, referral received {long_date(received_on)}"


def _uuids(ids) -> list[uuid.UUID]:
    found = []
    for value in ids:
        try:
            found.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return found


def _cases(ids) -> dict[str, _Found]:
    rows = db.session.execute(
        sa.select(
            Case.public_id,
            Case.id,
            Case.created_at,
            Case.updated_at,
            Case.programme,
            Case.started_on,
            Referral.received_on,
        )
        .join(Referral, Referral.id == Case.referral_id)
        .where(Case.public_id.in_(_uuids(ids)))
    )
    return {
        str(r.public_id): _Found(
            r.created_at,
            r.updated_at,
            r.programme,
            r.started_on or r.received_on,
            _case_name(r.programme, r.started_on, r.received_on),
            r.id,
            r.public_id,
        )
        for r in rows
    }


def _referrals(ids) -> dict[str, _Found]:
    rows = db.session.execute(
        sa.select(
            Referral.public_id,
            Referral.id,
            Referral.created_at,
            Referral.updated_at,
            Referral.programme,
            Referral.received_on,
        ).where(Referral.public_id.in_(_uuids(ids)))
    )
    return {
        str(r.public_id): _Found(
            r.created_at,
            r.updated_at,
            r.programme,
            r.received_on,
            f"{_short(r.programme)} referral received {long_date(r.received_on)}",
            referral_id=r.id,
            referral_public_id=r.public_id,
        )
        for r in rows
    }


def _case_records(record_type: str, ids) -> dict[str, _Found]:
    model, day, words = _CASE_RECORDS[record_type]
    rows = db.session.execute(
        sa.select(
            model.public_id,
            model.created_at,
            model.updated_at,
            day.label("on"),
            Case.id.label("case_id"),
            Case.public_id.label("case_public_id"),
            Case.programme,
            Case.started_on,
            Referral.received_on,
        )
        .join(Case, Case.id == model.case_id)
        .join(Referral, Referral.id == Case.referral_id)
        .where(model.public_id.in_(_uuids(ids)))
    )
    return {
        str(r.public_id): _Found(
            r.created_at,
            r.updated_at,
            r.programme,
            r.on,
            f"{words} {long_date(r.on)}, {_case_name(r.programme, r.started_on, r.received_on)}",
            r.case_id,
            r.case_public_id,
        )
        for r in rows
    }


def _people(ids, programme_codes: tuple[str, ...]) -> dict[str, _Found]:
    """Each young person by their latest case on the return's programmes."""
    rows = db.session.execute(
        sa.select(
            Person.public_id,
            Person.created_at,
            Person.updated_at,
            Case.id.label("case_id"),
            Case.public_id.label("case_public_id"),
            Case.programme,
            Case.started_on,
            Referral.received_on,
        )
        .join(Case, Case.person_id == Person.id)
        .join(Referral, Referral.id == Case.referral_id)
        .where(Person.public_id.in_(_uuids(ids)), Case.programme.in_(programme_codes))
        .order_by(Case.started_on.is_(None), Case.started_on, Case.id)
    )
    found: dict[str, _Found] = {}
    for r in rows:  # the last row per person wins: their latest started case
        found[str(r.public_id)] = _Found(
            r.created_at,
            r.updated_at,
            r.programme,
            r.started_on,
            f"Young person of the {_case_name(r.programme, r.started_on, r.received_on)}",
            r.case_id,
            r.case_public_id,
        )
    return found


def _change(found: _Found | None, came_in: bool, submitted_at: datetime) -> str:
    if found is None:
        return "Deleted since submission" if not came_in else "Counted now"
    if found.created_at > submitted_at:
        return "Recorded after submission"
    if found.updated_at > submitted_at:
        return "Corrected after submission"
    # The record itself is as it was; something it depends on moved (its case, closure or person).
    return (
        "Counted now: a related record changed" if came_in else "No longer counted: a related record changed"
    )


def _visible(found: dict[str, _Found], user) -> tuple[set[int], set[int]]:
    case_ids = {f.case_id for f in found.values() if f.case_id is not None}
    referral_ids = {f.referral_id for f in found.values() if f.referral_id is not None}
    cases = (
        set(db.session.scalars(sa.select(Case.id).where(Case.id.in_(case_ids), case_scope(user))))
        if case_ids
        else set()
    )
    referrals = (
        set(
            db.session.scalars(
                sa.select(Referral.id).where(Referral.id.in_(referral_ids), referral_scope(user))
            )
        )
        if referral_ids
        else set()
    )
    return cases, referrals


def changed_records(changes, snapshot, user) -> dict[str, ChangedRecord]:
    """Every record named in ``changes`` (:class:`reports.diff.CellChange`), by public id."""
    wanted: dict[str, set[str]] = {}
    directions: dict[str, bool] = {}
    for change in changes:
        if not change.record_type:
            continue
        for came_in, columns in ((True, change.added), (False, change.removed)):
            for ids in columns.values():
                for public_id in ids:
                    wanted.setdefault(change.record_type, set()).add(public_id)
                    directions.setdefault(public_id, came_in)
    codes = tuple(programmes.programme_codes()) if snapshot.programme == ALL else (snapshot.programme,)
    found: dict[str, _Found] = {}
    kinds: dict[str, str] = {}
    for record_type, ids in wanted.items():
        ordered = sorted(ids)
        if record_type == "case":
            part = _cases(ordered)
        elif record_type == "referral":
            part = _referrals(ordered)
        elif record_type == "person":
            part = _people(ordered, codes)
        elif record_type in _CASE_RECORDS:
            part = _case_records(record_type, ordered)
        else:
            part = {}
        found.update(part)
        kinds.update((public_id, record_type) for public_id in ids)
    cases, referrals = _visible(found, user)
    result = {}
    for public_id, record_type in kinds.items():
        record = found.get(public_id)
        url = None
        if record is not None and record.case_id in cases:
            url = url_for("cases.case_page", case_id=str(record.case_public_id))
        elif record is not None and record.referral_id in referrals:
            url = url_for("referrals.referral_page", referral_id=str(record.referral_public_id))
        words = record_type.replace("_", " ")
        result[public_id] = ChangedRecord(
            public_id=public_id,
            record_type=record_type,
            name=record.name if record else f"A {words} no longer in the records",
            programme=record.programme if record else None,
            on=record.on if record else None,
            change=_change(record, directions[public_id], snapshot.submitted_at),
            url=url,
        )
    return result
