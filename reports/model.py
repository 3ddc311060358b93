"""The plain data a return is made of: built first, then disclosed, then rendered.

:class:`BuiltReturn` holds exact figures and the identifiers of the records behind each cell
(lineage). :func:`reports.disclosure.disclose` turns it into a :class:`DisclosedReturn`, whose
values are what a reader sees (``"c"`` where suppressed in shared mode). Renderers and the canonical
JSON only ever see a disclosed return.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reports.periods import Period
from reports.schema import Relation

__all__ = ["SUPPRESSED", "BuiltReturn", "Cell", "DisclosedReturn", "Guard", "Key", "cell_id"]

#: A cell is named by figure code, breakdown and category (both ``None`` for a figure's total).
Key = tuple[str, str | None, str | None]

#: What a suppressed value shows in shared mode.
SUPPRESSED = "c"


def cell_id(key: Key) -> str:
    """The cell's name in lineage and diffs: ``B1|source|police_custody`` (``B1||`` for a total)."""
    code, breakdown, category = key
    return f"{code}|{breakdown or ''}|{category or ''}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure cell: the period and year-to-date values.

    Values are ints for counts, floats for percentages, medians, means and hours, ``None`` where
    nothing can be said (no records to take a median of, an outcome not evidenced by case
    records) and, in a disclosed return, ``"c"`` where suppressed.
    """

    code: str
    label: str
    breakdown: str | None
    category: str | None
    unit: str
    period: int | float | str | None
    ytd: int | float | str | None

    @property
    def key(self) -> Key:
        """The cell's key, ``(code, breakdown, category)``."""
        return (self.code, self.breakdown, self.category)


@dataclass(frozen=True, slots=True)
class Guard:
    """When a non-count value (a percentage, median or mean) may be shown in shared mode.

    ``bases`` are the exact numbers it is taken over (period, year to date): a percentage's
    denominator, a median's count. ``depends`` are count cells it could reveal if they were
    suppressed (a percentage's numerator and the cells of its denominator).
    """

    bases: tuple[int, int]
    depends: tuple[Key, ...] = ()


@dataclass(frozen=True)
class BuiltReturn:
    """A return as built from the records: exact figures and their lineage.

    ``lineage`` maps :func:`cell_id` to ``{"period": [...], "ytd": [...]}`` sorted public ids of
    the records behind the cell (empty when built without lineage). ``guards`` hold what shared
    mode needs to decide whether a percentage or statistic may be shown. ``not_evidenced`` lists
    the section F outcomes that no case record can evidence. ``relations`` are the sums between
    its cells that follow from the programme definitions it was built with rather than from the
    return definition (F's achieved is improved plus maintained only for the outcomes that count
    maintained as achieved); disclosure control protects them as it does the definition's.
    """

    definition_version: str
    programme: str
    programmes: tuple[str, ...]
    period: Period
    programme_versions: dict[str, str]
    generated_at: datetime
    cells: tuple[Cell, ...]
    lineage: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    guards: dict[Key, Guard] = field(default_factory=dict)
    not_evidenced: tuple[str, ...] = ()
    relations: tuple[Relation, ...] = ()

    def value(self, key: Key, column: str = "period"):
        """The exact value of one cell (``column`` is ``period`` or ``ytd``); ``KeyError`` if absent."""
        for cell in self.cells:
            if cell.key == key:
                return getattr(cell, column)
        raise KeyError(cell_id(key))

    def cell(self, code: str, breakdown: str | None = None, category: str | None = None) -> Cell:
        """Return one cell by code, breakdown and category."""
        for cell in self.cells:
            if cell.key == (code, breakdown, category):
                return cell
        raise KeyError(cell_id((code, breakdown, category)))


@dataclass(frozen=True)
class DisclosedReturn:
    """A return as a reader sees it in one disclosure mode (``internal`` or ``shared``).

    ``suppressed`` names the cells whose period or year-to-date value is hidden, as
    ``{cell_id: ("period", "ytd")}`` for the columns concerned.
    """

    built: BuiltReturn
    mode: str
    cells: tuple[Cell, ...]
    suppressed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)

    @property
    def programme(self) -> str:
        return self.built.programme

    @property
    def period(self) -> Period:
        return self.built.period

    def cell(self, code: str, breakdown: str | None = None, category: str | None = None) -> Cell:
        """Return one disclosed cell by code, breakdown and category."""
        for cell in self.cells:
            if cell.key == (code, breakdown, category):
                return cell
        raise KeyError(cell_id((code, breakdown, category)))
