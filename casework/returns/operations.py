"""Writes of the returns area: a manager's draft of sections H and I, and submitting a return
(an immutable snapshot; an amendment is a new snapshot with the next number and a reason)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from casework.audit import record_event
from casework.db import db, utcnow
from casework.operations import OperationError, StaleRecord, check_version
from casework.returns.models import ReturnDraft, ReturnSnapshot
from casework.returns.queries import build_document, draft_for, figures_fingerprint, generated_by, may_build
from reports import sha256_hex
from reports.canonical import CANONICAL_FORMAT, canonical_bytes
from reports.definition import AREA_MEASURES, NARRATIVE_FIELDS
from reports.diff import snapshot_lineage
from reports.periods import Period

__all__ = ["save_draft", "submit_return"]


def _check_manager(user, programme: str) -> None:
    if user is None or user.role != "manager" or not may_build(user, programme, "internal"):
        raise OperationError("Only a manager of this programme can do this.")


def save_draft(
    user, programme: str, period: Period, *, area_context: list[dict], narrative: dict, version: str | None
) -> ReturnDraft:
    """Save the manager's sections H (area context) and I (narrative) for a programme and period.

    ``area_context`` holds ``{"code", "value", "source", "as_of"}`` entries for the Home Office
    measures entered; ``narrative`` the texts by field code. A new draft is made the first time;
    later saves must carry the version the form was opened at.
    """
    _check_manager(user, programme)
    known_measures = {term.code for term in AREA_MEASURES}
    known_fields = {term.code for term in NARRATIVE_FIELDS}
    area = [entry for entry in area_context if entry.get("code") in known_measures]
    text = {code: value for code, value in narrative.items() if code in known_fields and value}
    draft = draft_for(programme, period.label)
    if draft is None:
        if version not in (None, ""):
            raise OperationError("This draft no longer exists; open it again and re-enter your changes.")
        draft = ReturnDraft(programme=programme, period_label=period.label)
        db.session.add(draft)
        action = "return.draft.create"
    else:
        if version in (None, ""):
            # Opened before anyone had saved a draft: someone (or the same form, sent twice) got there first.
            raise StaleRecord(
                "Sections H and I were saved by someone else after you opened this page, so your changes "
                "were not saved. The page now shows what they saved: check it and make your changes again."
            )
        check_version(draft, version)
        action = "return.draft.update"
    draft.area_context = area
    draft.narrative = text
    draft.updated_by_id = user.id
    db.session.flush()
    record_event(
        action,
        draft,
        programme=programme,
        period=period.label,
        area_measures=len(area),
        narrative_fields=sorted(text),
    )
    return draft


def submit_return(
    user,
    programme: str,
    period: Period,
    mode: str,
    *,
    reason: str | None = None,
    reviewed: str | None = None,
    now=None,
) -> ReturnSnapshot:
    """Submit a return: build it with its lineage, freeze the canonical JSON, its SHA-256, the
    figures' record ids and sections H and I in a new snapshot, and audit it. The build time is
    stored beside the JSON (it is not part of what is hashed), with who submitted and when.

    The first submission of a programme, period and mode is number 1; another is an amendment,
    number + 1, and needs a reason. With ``reviewed`` (the fingerprint of what the manager
    reviewed) the submission is refused if the figures changed since.
    """
    _check_manager(user, programme)
    if mode not in ("internal", "shared"):
        raise OperationError("Choose internal or shared.")
    document, disclosed = build_document(
        programme, period, mode, generated_by=generated_by(user), lineage=True, now=now
    )
    if reviewed is not None and reviewed != figures_fingerprint(document):
        raise OperationError(
            "The figures changed after you reviewed them (someone saved a record for this period). "
            "Nothing was submitted: review the return again, then submit."
        )
    latest = db.session.scalar(
        sa.select(sa.func.max(ReturnSnapshot.number)).where(
            ReturnSnapshot.programme == programme,
            ReturnSnapshot.period_label == period.label,
            ReturnSnapshot.mode == mode,
        )
    )
    reason = (reason or "").strip() or None
    if latest and not reason:
        raise OperationError(
            f"This return was already submitted (number {latest}). "
            "To amend it, give the reason for the amendment."
        )
    data = canonical_bytes(document.data)
    submitted_at = now or utcnow()
    snapshot = ReturnSnapshot(
        programme=programme,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        mode=mode,
        number=(latest or 0) + 1,
        definition_version=document.data["definition_version"],
        programme_versions=dict(document.data["programme_versions"]),
        canonical_json=data.decode("utf-8"),
        sha256=sha256_hex(data),
        canonical_format=CANONICAL_FORMAT,
        generated_at=disclosed.built.generated_at,
        lineage=snapshot_lineage(disclosed),
        area_context=document.area_context,
        narrative=document.narrative,
        amendment_reason=reason if latest else None,
        submitted_by_id=user.id,
        submitted_at=submitted_at,
    )
    try:
        with db.session.begin_nested():
            db.session.add(snapshot)
    except IntegrityError:
        raise OperationError(
            "Another submission of this return was made at the same moment; "
            "open the list of submitted returns to see it."
        ) from None
    record_event(
        "return.submit",
        snapshot,
        programme=programme,
        period=period.label,
        mode=mode,
        number=snapshot.number,
        sha256=snapshot.sha256,
        amendment=bool(latest),
    )
    return snapshot
