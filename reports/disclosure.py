"""Disclosure control (returns.md, "Disclosure control").

- **internal**: exact figures, for managers inside the VRN.
- **shared**: a count from 1 to ``suppress_up_to`` (4 by default) is shown as ``c``. Where a
  suppressed cell could be worked out by subtraction from a total that is shown, the next smallest
  non-zero cell of the same sum is suppressed too (secondary suppression), and so on until no
  suppressed value can be recovered. Zero stays 0. Totals are computed from exact figures. A
  percentage, median or mean is shown only when the number it is taken over is ``min_base`` (10)
  or more and nothing it depends on is suppressed (a percentage whose numerator is ``c`` would give
  the numerator away). Counts may also be rounded to the nearest ``round_to`` (off by default).

"Recoverable" is judged against every sum a reader can see: a breakdown that partitions a total,
and the relations the return definition lists (B2 declined = B2.declined, the age subtotals of C1,
E's improved + unchanged + worse = matched...). A cell is recoverable when it is the only ``c`` in
such a sum, or when the ``c`` cells of a sum must all be 1 (each is at least 1, since zero is never
suppressed, and they add up to their number). Each column (period, year to date) is protected on
its own; differences between two returns' year-to-date columns are outside a single return's control.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from reports.definition import COUNT_UNITS, Relation, ReturnDefinition, get_definition
from reports.model import SUPPRESSED, BuiltReturn, Cell, DisclosedReturn, Key, cell_id

__all__ = ["MODES", "DisclosureSettings", "disclose", "disclose_counts", "recoverable_cells", "relations_for"]

#: The disclosure modes.
MODES = ("internal", "shared")


@dataclass(frozen=True, slots=True)
class DisclosureSettings:
    """The settings of shared mode: the largest count shown as ``c``, the smallest base for a
    percentage or statistic, and an optional rounding of counts (``5`` rounds to the nearest 5)."""

    suppress_up_to: int = 4
    min_base: int = 10
    round_to: int | None = None

    def as_dict(self) -> dict:
        """The settings as plain data."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Sum:
    """``sum(plus) == sum(minus)`` over count cells."""

    plus: tuple[Key, ...]
    minus: tuple[Key, ...]


def relations_for(
    cells: tuple[Cell, ...], definition: ReturnDefinition, extra: tuple[Relation, ...] = ()
) -> list[_Sum]:
    """Every sum a reader of these cells can see: partitions of totals, the definition's
    relations, and ``extra`` relations the return's own programme definitions make hold."""
    counted = {cell.key for cell in cells if cell.unit in COUNT_UNITS}
    by_breakdown: dict[tuple[str, str | None], list[Key]] = {}
    for cell in cells:
        if cell.breakdown is not None and cell.key in counted:
            by_breakdown.setdefault((cell.code, cell.breakdown), []).append(cell.key)
    sums: list[_Sum] = []
    for figure in definition.figures:
        total = (figure.code, None, None)
        if not figure.has_total or total not in counted:
            continue
        for breakdown in figure.breakdowns:
            keys = by_breakdown.get((figure.code, breakdown.name))
            if breakdown.partition and keys:
                sums.append(_Sum(tuple(keys), (total,)))
    for relation in definition.relations + tuple(extra):
        wildcard = next((key for key in relation.plus + relation.minus if key[2] == "*"), None)
        if wildcard is None:
            expansions = [(relation.plus, relation.minus)]
        else:
            categories = [key[2] for key in by_breakdown.get((wildcard[0], wildcard[1]), [])]
            expansions = [
                (
                    tuple((c, b, category if k == "*" else k) for c, b, k in relation.plus),
                    tuple((c, b, category if k == "*" else k) for c, b, k in relation.minus),
                )
                for category in categories
            ]
        for plus, minus in expansions:
            if all(key in counted for key in plus + minus):
                sums.append(_Sum(plus, minus))
    return sums


def recoverable_cells(
    values: dict[Key, int], suppressed: set[Key], sums: list[_Sum]
) -> tuple[_Sum, list[Key]] | None:
    """The first sum that gives away a suppressed value, and the cells it gives away, or ``None``.

    ``values`` are exact; ``suppressed`` the cells shown as ``c``; a reader knows every other value.
    """
    for relation in sums:
        keys = relation.plus + relation.minus
        unknown = [key for key in keys if key in suppressed]
        if not unknown:
            continue
        if len(unknown) == 1:
            return relation, unknown
        unknown_plus = [key for key in relation.plus if key in suppressed]
        unknown_minus = [key for key in relation.minus if key in suppressed]
        if unknown_plus and unknown_minus:
            continue
        known_plus = sum(values[key] for key in relation.plus if key not in suppressed)
        known_minus = sum(values[key] for key in relation.minus if key not in suppressed)
        remainder = known_minus - known_plus if unknown_plus else known_plus - known_minus
        if remainder == len(unknown):
            return relation, unknown
    return None


def _protect(values: dict[Key, int], order: dict[Key, int], sums: list[_Sum], limit: int) -> set[Key]:
    """Primary then secondary suppression for one column; returns the suppressed cells."""
    suppressed = {key for key, value in values.items() if 1 <= value <= limit}
    while (leak := recoverable_cells(values, suppressed, sums)) is not None:
        relation, _ = leak
        candidates = [
            key for key in relation.plus + relation.minus if key not in suppressed and values[key] > 0
        ]
        # The next smallest non-zero cell of the breakdown; a total only when no cell is left.
        cells = [key for key in candidates if key[2] is not None or key[1] is not None]
        pool = cells or candidates
        suppressed.add(min(pool, key=lambda key: (values[key], order[key])))
    return suppressed


def _rounded(value: int, step: int | None) -> int:
    if not step or value == 0:
        return value
    return int((value + step / 2) // step * step)


def disclose_counts(
    values: dict[Key, int],
    settings: DisclosureSettings | None = None,
    totals: Iterable[tuple[Key, Sequence[Key]]] = (),
) -> dict[Key, int | str]:
    """Shared-mode control for counts shown outside a return (a commissioner's overview, for
    example): the same primary and secondary suppression and rounding as :func:`disclose`.

    ``values`` are exact counts keyed like return cells, a total's key having ``None`` breakdown
    and category; ``totals`` name each total the page shows with the cells that add up to it, so
    that no suppressed cell can be recovered from it. Returns the values to show (``"c"`` where
    suppressed), in the order given.
    """
    settings = settings or DisclosureSettings()
    sums = [_Sum(tuple(parts), (total,)) for total, parts in totals]
    order = {key: index for index, key in enumerate(values)}
    hidden = _protect(values, order, sums, settings.suppress_up_to)
    return {
        key: SUPPRESSED if key in hidden else _rounded(value, settings.round_to)
        for key, value in values.items()
    }


def disclose(
    built: BuiltReturn,
    mode: str,
    settings: DisclosureSettings | None = None,
    definition: ReturnDefinition | None = None,
) -> DisclosedReturn:
    """Apply disclosure control to a built return for ``mode`` (``internal`` or ``shared``)."""
    if mode not in MODES:
        raise ValueError(f"Unknown disclosure mode {mode!r}; choose internal or shared.")
    settings = settings or DisclosureSettings()
    if mode == "internal":
        return DisclosedReturn(built, mode, built.cells, {}, {})
    definition = definition or get_definition(built.definition_version)
    sums = relations_for(built.cells, definition, built.relations)
    order = {cell.key: index for index, cell in enumerate(built.cells)}
    hidden: dict[str, set[Key]] = {}
    for column in ("period", "ytd"):
        values = {
            cell.key: int(getattr(cell, column) or 0) for cell in built.cells if cell.unit in COUNT_UNITS
        }
        hidden[column] = _protect(values, order, sums, settings.suppress_up_to)
    cells = []
    suppressed: dict[str, tuple[str, ...]] = {}
    for cell in built.cells:
        shown = {}
        for column in ("period", "ytd"):
            value = getattr(cell, column)
            if cell.unit in COUNT_UNITS:
                if cell.key in hidden[column]:
                    value = SUPPRESSED
                elif isinstance(value, int):
                    value = _rounded(value, settings.round_to)
            elif value is not None and (guard := built.guards.get(cell.key)) is not None:
                base = guard.bases[0 if column == "period" else 1]
                if base < settings.min_base or any(key in hidden[column] for key in guard.depends):
                    value = SUPPRESSED
            shown[column] = value
        columns = tuple(column for column in ("period", "ytd") if shown[column] == SUPPRESSED)
        if columns:
            suppressed[cell_id(cell.key)] = columns
        cells.append(
            Cell(
                cell.code, cell.label, cell.breakdown, cell.category, cell.unit, shown["period"], shown["ytd"]
            )
        )
    return DisclosedReturn(built, mode, tuple(cells), suppressed, settings.as_dict())
