"""The canonical JSON of a return (returns.md, "Command line and the canonical JSON").

One object per cell, in definition order; keys sorted, numbers plain (whole numbers as integers),
no spaces, UTF-8. The same data always gives the same bytes and so the same SHA-256, which is what a
submitted snapshot stores and what anyone can check a downloaded file against.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timezone

from reports.model import DisclosedReturn

__all__ = ["ReturnDocument", "canonical_bytes", "canonical_dict", "sha256_hex"]


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
        "generated_at": built.generated_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
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
    it (a role, never a name) and, for a submitted return, its submission facts."""

    data: dict
    area_context: list = field(default_factory=list)
    narrative: dict = field(default_factory=dict)
    generated_by: str = ""
    submission: dict | None = None
