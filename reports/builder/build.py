"""The assembled builder: run every section's queries, then lay the tallies out as the
definition's cells (:func:`build_return`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from reports.builder.scope import ALL
from reports.builder.section_bc import ReferralsAndPeople
from reports.builder.section_d import Delivery
from reports.builder.section_e import StandardMeasures
from reports.builder.section_f import Outcomes
from reports.builder.tally import Statistic
from reports.categories import category_lists
from reports.definition import COUNT_UNITS, CURRENT_VERSION, Breakdown, ReturnDefinition, get_definition
from reports.model import BuiltReturn, Cell, Key, cell_id
from reports.periods import Period

__all__ = ["build_return"]


class _Builder(ReferralsAndPeople, Delivery, StandardMeasures, Outcomes):
    """Runs the section queries for one return and collects tallies by cell key."""

    def run(self) -> None:
        self.referrals()
        self.first_contacts()
        self.cases_started()
        self.active_at_end()
        self.closures()
        self.people_starting()
        self.sessions()
        self.components()
        self.dosage()
        self.onward_referrals()
        self.engagement()
        closed = self.closed_case_rows()
        self.standard_measures(closed)
        self.outcomes(closed)

    def cells(self, definition: ReturnDefinition) -> tuple[list[Cell], dict[str, dict[str, list[str]]]]:
        """Walk the definition in order and lay out every cell, zero where nothing was counted."""
        lists = category_lists(self.definitions)
        cells: list[Cell] = []
        lineage: dict[str, dict[str, list[str]]] = {}
        found_categories: dict[tuple[str, str], set[str]] = defaultdict(set)
        for code, name, category in self.tallies:
            if name is not None and category is not None:
                found_categories[(code, name)].add(category)

        def add(key: Key, label: str, unit: str) -> None:
            tally = self.tallies.get(key)
            if tally is None:
                empty = 0 if unit in COUNT_UNITS else None
                tally = Statistic(empty, empty)
            cells.append(Cell(key[0], label, key[1], key[2], unit, tally.period, tally.ytd))
            if self.lineage and (tally.period_ids or tally.ytd_ids):
                lineage[cell_id(key)] = {"period": sorted(tally.period_ids), "ytd": sorted(tally.ytd_ids)}

        for figure in definition.figures:
            if figure.has_total:
                add((figure.code, None, None), figure.label, figure.unit)
            for breakdown in figure.breakdowns:
                if not self.applies(breakdown):
                    continue
                categories = [code for code, _ in lists[breakdown.categories]]
                extra = sorted(found_categories[(figure.code, breakdown.name)] - set(categories))
                for category in categories + extra:
                    add((figure.code, breakdown.name, category), figure.label, breakdown.unit or figure.unit)
        return cells, lineage

    def applies(self, breakdown: Breakdown) -> bool:
        """Whether a breakdown is shown in this return."""
        if breakdown.all_only and self.programme != ALL:
            return False
        if breakdown.only_if_declared and (
            self.programme == ALL or not getattr(self.definitions[self.programme], breakdown.only_if_declared)
        ):
            return False
        return True


def build_return(
    programme: str,
    period: Period,
    *,
    generated_at: datetime,
    lineage: bool = True,
    definition_version: str = CURRENT_VERSION,
) -> BuiltReturn:
    """Build the return of ``programme`` (a code or ``ALL``) for ``period``: exact figures of
    sections B to G, the outcome rows of F, and (with ``lineage``) the public ids of the records
    behind each cell. Uses the programme definition versions in force at the period end, and
    computes the figures by the rules of return definition ``definition_version`` (the current
    one for a new return; a submitted return's own when it is rebuilt to compare).

    Raises :class:`ReturnError` for an unknown programme or a period with no definition in force.
    Reads only; never writes.
    """
    definition = get_definition(definition_version)
    builder = _Builder(programme, period, lineage, definition.rules)
    builder.run()
    cells, lineage_map = builder.cells(definition)
    return BuiltReturn(
        definition_version=definition.version,
        programme=programme,
        programmes=builder.codes,
        period=period,
        programme_versions={code: d.version for code, d in builder.definitions.items()},
        generated_at=generated_at,
        cells=tuple(cells),
        lineage=lineage_map,
        guards=dict(builder.guards),
        not_evidenced=tuple(builder.not_evidenced),
        relations=tuple(builder.relations),
    )
