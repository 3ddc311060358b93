"""The canonical JSON of a return (returns.md, "Command line and the canonical JSON").

One object per cell, in definition order; keys sorted, numbers plain (whole numbers as integers),
no spaces, UTF-8. The same data always gives the same bytes and so the same SHA-256, which is what a
submitted snapshot stores and what anyone can check a downloaded file against.

The canonical data holds no time of building: two builds over unchanged data give the same bytes.
When and by whom a return was generated travel beside it, in :class:`ReturnDocument` (and in a
snapshot's own columns). Snapshots submitted before this rule have their build time inside their
stored JSON; :data:`CANONICAL_FORMAT` tells the two apart.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from reports.model import DisclosedReturn

__all__ = [
    "CANONICAL_FORMAT",
    "LEGACY_FORMAT",
    "ReturnDocument",
    "canonical_bytes",
    "canonical_dict",
    "generated_stamp",
    "sha256_hex",
]

#: The canonical form written now: no build time inside the hashed object.
CANONICAL_FORMAT = 2
#: The first form, whose object also held ``generated_at`` (snapshots submitted under it keep it:
#: their SHA-256 was taken over those bytes).
LEGACY_FORMAT = 1


def _number(value):
    """Plain numbers: 12 not 12.0; strings ("c") and None pass through."""
    if isinstance(value, bool):
        raise TypeError("a figure value cannot be a boolean")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("a figure value must be a finite number")
        return int(value) if value == int(value) else value
    return value


def canonical_dict(disclosed: DisclosedReturn) -> dict:
    """The canonical form of a disclosed return as plain data."""
    built = disclosed.built
    return {
        "definition_version": built.definition_version,
        "programme": built.programme,
        "mode": disclosed.mode,
        "period": built.period.as_dict(),
        "programme_versions": dict(built.programme_versions),
        "figures": [
            {
                "code": cell.code,
                "label": cell.label,
                "breakdown": cell.breakdown,
                "category": cell.category,
                "period": _number(cell.period),
                "ytd": _number(cell.ytd),
            }
            for cell in disclosed.cells
        ],
    }


def generated_stamp(moment: datetime) -> str:
    """When a return was generated, as kept beside its canonical data (UTC, whole seconds)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def canonical_bytes(data: dict) -> bytes:
    """Serialise canonical data: sorted keys, compact separators, UTF-8, no NaN."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of the canonical bytes, as 64 hex digits."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ReturnDocument:
    """Everything a renderer needs: the canonical data, sections H and I as entered, who generated
    it (a role, never a name), when (:func:`generated_stamp`, kept outside the hashed data) and, for
    a submitted return, its submission facts."""

    data: dict
    area_context: list = field(default_factory=list)
    narrative: dict = field(default_factory=dict)
    generated_by: str = ""
    submission: dict | None = None
    generated_at: str | None = None

    @property
    def generated(self) -> str | None:
        """When the return was generated: kept beside the data, or inside it for a legacy snapshot."""
        return self.generated_at or self.data.get("generated_at")
