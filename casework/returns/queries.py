"""Reads for the returns pages and command line: who may build or read which return, building a
return document, drafts, submitted snapshots in scope, and the rebuild diff of a snapshot."""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

import programmes
from casework.db import db, utcnow
from casework.returns.models import ReturnDraft, ReturnSnapshot
from casework.security import load_scoped, programmes_of
from reports import (
    ALL,
    DisclosureSettings,
    ReturnDocument,
    build_return,
    canonical_bytes,
    canonical_dict,
    disclose,
    sha256_hex,
)
from reports.canonical import generated_stamp
from reports.diff import diff_against
from reports.periods import Period

__all__ = [
    "build_document",
    "draft_for",
    "figures_fingerprint",
    "generated_by",
    "load_snapshot",
    "may_build",
    "modes_for",
    "programme_choices",
    "returns_settings",
    "snapshot_diff",
    "snapshot_document",
    "snapshot_scope",
    "snapshots_for",
    "versions_for",
    "verify_snapshot",
    "versions_of",
]


def returns_settings() -> DisclosureSettings:
    """Shared-mode settings, from the application's configuration (defaults: 1-4 shown as c,
    percentages and averages over 10 or more, no rounding)."""
    config = current_app.config
    return DisclosureSettings(
        suppress_up_to=int(config.get("RETURNS_SUPPRESS_UP_TO", 4)),
        min_base=int(config.get("RETURNS_MIN_BASE", 10)),
        round_to=config.get("RETURNS_ROUND_TO") or None,
    )


def programme_choices(user) -> list[tuple[str, str]]:
    """The programmes (and ALL) the user may build or read returns for, as (code, label).

    Managers: the programmes they manage, and ALL only when they manage every programme.
    Commissioners: every programme and ALL.
    """
    if user.role == "commissioner":
        allowed = set(programmes.programme_codes()) | {ALL}
    elif user.role == "manager":
        allowed = set(programmes_of(user)) & set(programmes.programme_codes())
        if allowed == set(programmes.programme_codes()):
            allowed.add(ALL)
    else:
        allowed = set()
    choices = [(p.code, p.name) for p in programmes.all_programmes() if p.code in allowed]
    if ALL in allowed:
        choices.append((ALL, "All programmes"))
    return choices


def modes_for(user) -> tuple[str, ...]:
    """Disclosure modes the user may see: managers both, commissioners shared only."""
    if user.role == "manager":
        return ("internal", "shared")
    if user.role == "commissioner":
        return ("shared",)
    return ()


def may_build(user, programme: str, mode: str) -> bool:
    """Whether the user may build, view and download this programme's return in this mode."""
    return mode in modes_for(user) and programme in dict(programme_choices(user))


def generated_by(user) -> str:
    """Who generated a return, by role only (a return never names a worker)."""
    return user.role_label if user is not None else "Command line"


def draft_for(programme: str, period_label: str) -> ReturnDraft | None:
    """The manager's draft of sections H and I for this programme and period, if any."""
    return db.session.scalars(
        sa.select(ReturnDraft).where(
            ReturnDraft.programme == programme, ReturnDraft.period_label == period_label
        )
    ).one_or_none()


def build_document(
    programme: str,
    period: Period,
    mode: str,
    *,
    generated_by: str = "",
    lineage: bool = False,
    now: datetime | None = None,
):
    """Build the return and wrap it for rendering, with the current draft of sections H and I.

    Returns ``(document, disclosed)``; the disclosed return carries the exact figures and (with
    ``lineage``) the records behind them, for submitting.
    """
    built = build_return(programme, period, generated_at=now or utcnow(), lineage=lineage)
    disclosed = disclose(built, mode, returns_settings())
    draft = draft_for(programme, period.label)
    document = ReturnDocument(
        canonical_dict(disclosed),
        list(draft.area_context) if draft else [],
        dict(draft.narrative) if draft else {},
        generated_by,
        generated_at=generated_stamp(built.generated_at),
    )
    return document, disclosed


def figures_fingerprint(document: ReturnDocument) -> str:
    """A hash of what a manager reviewed (figures and sections H and I; the build time is not in
    the canonical data), so a submission can check nothing moved between review and submit."""
    import hashlib

    payload = {"data": document.data, "area_context": document.area_context, "narrative": document.narrative}
    return hashlib.sha256(canonical_bytes(payload)).hexdigest()


def snapshot_scope(user) -> sa.ColumnElement[bool]:
    """The snapshots a user may read: managers their programmes' (ALL when they manage all),
    commissioners every shared snapshot, nobody else any."""
    if user.role == "manager":
        return ReturnSnapshot.programme.in_([code for code, _ in programme_choices(user)])
    if user.role == "commissioner":
        return ReturnSnapshot.mode == "shared"
    return sa.false()


def load_snapshot(public_id: str, user) -> ReturnSnapshot:
    """One snapshot by public id within the user's scope; 404 (logged) otherwise."""
    return load_scoped(ReturnSnapshot, public_id, snapshot_scope(user))


def snapshots_for(user, limit: int = 200) -> list[ReturnSnapshot]:
    """Submitted snapshots in the user's scope, newest first (one query)."""
    return list(
        db.session.scalars(
            sa.select(ReturnSnapshot)
            .where(snapshot_scope(user))
            .order_by(
                ReturnSnapshot.period_end.desc(),
                ReturnSnapshot.programme,
                ReturnSnapshot.mode,
                ReturnSnapshot.number.desc(),
            )
            .limit(limit)
        )
    )


def versions_for(programme: str, period_label: str, mode: str) -> list[ReturnSnapshot]:
    """Every submission of a programme's return for a period and mode, first to last. Callers
    check first that the user may see this programme's returns."""
    return list(
        db.session.scalars(
            sa.select(ReturnSnapshot)
            .where(
                ReturnSnapshot.programme == programme,
                ReturnSnapshot.period_label == period_label,
                ReturnSnapshot.mode == mode,
            )
            .order_by(ReturnSnapshot.number)
        )
    )


def versions_of(snapshot: ReturnSnapshot) -> list[ReturnSnapshot]:
    """Every submission of the same programme, period and mode as ``snapshot``, first to last."""
    return versions_for(snapshot.programme, snapshot.period_label, snapshot.mode)


def snapshot_document(snapshot: ReturnSnapshot) -> ReturnDocument:
    """A stored snapshot as a document to render: exactly the submitted JSON, H and I, with the
    build time kept beside it (or, for a snapshot of the first canonical form, inside its JSON)."""
    return ReturnDocument(
        json.loads(snapshot.canonical_json),
        list(snapshot.area_context or []),
        dict(snapshot.narrative or {}),
        "Manager",
        {
            "number": snapshot.number,
            "submitted_at": snapshot.submitted_at.strftime("%d %B %Y %H:%M UTC"),
            "sha256": snapshot.sha256,
            "amendment_reason": snapshot.amendment_reason,
        },
        generated_at=generated_stamp(snapshot.generated_at) if snapshot.generated_at else None,
    )


def verify_snapshot(snapshot: ReturnSnapshot) -> bool:
    """Whether the stored JSON still has the stored SHA-256. The hash is always over the stored
    bytes, whatever canonical form they are in, so snapshots of every form verify the same way."""
    return sha256_hex(snapshot.canonical_json.encode("utf-8")) == snapshot.sha256


def snapshot_diff(snapshot: ReturnSnapshot):
    """Rebuild the snapshot's programme, period and mode now and compare, cell by cell."""
    from reports.periods import parse_period

    period = parse_period(snapshot.period_label)
    built = build_return(
        snapshot.programme,
        period,
        generated_at=utcnow(),
        lineage=True,
        definition_version=snapshot.definition_version,
    )
    stored = (snapshot.lineage or {}).get("settings") or {}
    settings = DisclosureSettings(**stored) if stored else returns_settings()
    rebuilt = disclose(built, snapshot.mode, settings)
    return diff_against(json.loads(snapshot.canonical_json), snapshot.lineage or {}, rebuilt)
