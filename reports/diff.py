"""What changed since a return was submitted: figure by figure, and which records caused it.

A snapshot stores, beside its canonical JSON, the exact value of every cell and the public ids of
the records behind it (:func:`snapshot_lineage`). Rebuilding the same programme, period and mode
later and comparing the two gives, for each cell that moved, the values as submitted and now, and
the records that came in (a late entry, a correction that moved a date into the period) or went out
(a record corrected out of the period or deleted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.definition import get_definition
from reports.model import DisclosedReturn, cell_id

__all__ = ["CellChange", "diff_against", "snapshot_lineage"]

_COLUMNS = ("period", "ytd")


def snapshot_lineage(disclosed: DisclosedReturn) -> dict:
    """What a snapshot keeps for later comparison: exact values and record ids, by cell."""
    built = disclosed.built
    return {
        "exact": {cell_id(cell.key): [cell.period, cell.ytd] for cell in built.cells},
        "records": built.lineage,
        "settings": dict(disclosed.settings),
    }


@dataclass
class CellChange:
    """One cell whose exact value or records differ between the snapshot and the rebuild.

    ``before`` and ``after`` are the values as shown in the return's mode; ``exact_before`` and
    ``exact_after`` the exact ones. ``added`` and ``removed`` list record public ids by column.
    """

    cell: str
    code: str
    label: str
    breakdown: str | None
    category: str | None
    record_type: str | None
    before: dict
    after: dict
    exact_before: dict
    exact_after: dict
    added: dict = field(default_factory=dict)
    removed: dict = field(default_factory=dict)

    @property
    def values_changed(self) -> bool:
        """True when the exact value moved in either column (not only which records stand behind it)."""
        return self.exact_before != self.exact_after


def diff_against(snapshot_data: dict, stored_lineage: dict, rebuilt: DisclosedReturn) -> list[CellChange]:
    """Compare a snapshot (its canonical data and stored lineage) with a rebuild of the same return.

    Returns one :class:`CellChange` per cell whose exact values or records differ, in the order of
    the rebuilt return (cells that disappeared follow at the end).
    """
    definition = get_definition(snapshot_data["definition_version"])
    record_types = {figure.code: figure.record_type for figure in definition.figures}
    shown_before = {cell_id((f["code"], f["breakdown"], f["category"])): f for f in snapshot_data["figures"]}
    exact_before = stored_lineage.get("exact", {})
    records_before = stored_lineage.get("records", {})
    records_after = rebuilt.built.lineage
    exact_after = {cell_id(cell.key): [cell.period, cell.ytd] for cell in rebuilt.built.cells}
    shown_after = {cell_id(cell.key): cell for cell in rebuilt.cells}
    changes = []
    order = list(shown_after) + [name for name in shown_before if name not in shown_after]
    for name in order:
        old_exact = exact_before.get(name, [None, None])
        new_exact = exact_after.get(name, [None, None])
        old_records = records_before.get(name, {})
        new_records = records_after.get(name, {})
        added = {c: sorted(set(new_records.get(c, [])) - set(old_records.get(c, []))) for c in _COLUMNS}
        removed = {c: sorted(set(old_records.get(c, [])) - set(new_records.get(c, []))) for c in _COLUMNS}
        if list(old_exact) == list(new_exact) and not any(added.values()) and not any(removed.values()):
            continue
        before = shown_before.get(name)
        after = shown_after.get(name)
        if after is not None:
            code, breakdown, category, label = after.code, after.breakdown, after.category, after.label
        else:
            # Only the snapshot's cells follow the rebuilt ones in ``order``.
            gone = shown_before[name]
            code, breakdown, category = gone["code"], gone["breakdown"], gone["category"]
            label = gone["label"]
        changes.append(
            CellChange(
                cell=name,
                code=code,
                label=label,
                breakdown=breakdown,
                category=category,
                record_type=record_types.get(code),
                before={c: (before or {}).get(c) for c in _COLUMNS},
                after={c: getattr(after, c) if after is not None else None for c in _COLUMNS},
                exact_before=dict(zip(_COLUMNS, old_exact, strict=False)),
                exact_after=dict(zip(_COLUMNS, new_exact, strict=False)),
                added=added,
                removed=removed,
            )
        )
    return changes
