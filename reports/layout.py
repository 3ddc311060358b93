"""Lay a return document out for reading: sections, figures, breakdown rows with labels, bar
lengths for charts, and section F as an outcome table. Every renderer (the page, PDF, XLSX, CSV)
reads this plain structure, which is built only from the canonical data and the definitions it
names, so a stored snapshot renders exactly as it was submitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import programmes
from programmes.model import DefinitionVersion
from programmes.text import join_words
from programmes.vocabulary import PREVENTION_LEVELS, label_for
from reports.categories import category_lists
from reports.definition import COUNT_UNITS, FigureDefinition, get_definition
from reports.model import SUPPRESSED

__all__ = [
    "BreakdownView",
    "FigureView",
    "OutcomeRow",
    "OutcomeTable",
    "ReturnView",
    "Row",
    "SectionView",
    "definitions_named",
    "display",
    "layout",
]


def definitions_named(programme_versions: dict[str, str]) -> dict[str, DefinitionVersion]:
    """The programme definitions a return names, by programme code."""
    found = {}
    for code, version in programme_versions.items():
        programme = programmes.get_programme(code)
        found[code] = next(
            (v for v in programme.versions if v.version == version), None
        ) or programmes.current_definition(code)
    return found


def display(value, unit: str) -> str:
    """A value as a reader sees it: ``c`` where suppressed, a dash where nothing can be said."""
    if value == SUPPRESSED:
        return SUPPRESSED
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,}"
    return f"{text}%" if unit == "percent" else text


@dataclass
class Row:
    """One category of a breakdown (or a figure's total): values as shown, and a bar length 0-100."""

    category: str | None
    label: str
    period: object
    ytd: object
    period_text: str
    ytd_text: str
    bar: int = 0


@dataclass
class BreakdownView:
    name: str
    label: str
    unit: str
    rows: list[Row]
    chart: bool = False


@dataclass
class FigureView:
    code: str
    label: str
    unit: str
    description: str
    total: Row | None
    breakdowns: list[BreakdownView] = field(default_factory=list)


@dataclass
class OutcomeRow:
    """A section F row: an outcome and its reached, measured, improved and % improved."""

    code: str
    name: str
    term: str
    stakeholder_group: str
    evidenced: bool
    cells: dict[str, Row]


@dataclass
class OutcomeTable:
    """One table of section F's outcome rows: its title (none when there is one table), the
    column headings, and for each column the F breakdown and the column (period or ytd) it shows."""

    title: str
    headings: list[str]
    cells: list[tuple[str, str]]


#: Column headings of section F's breakdowns.
_OUTCOME_HEADINGS = {
    "reached": "Reached",
    "measured": "Measured",
    "improved": "Improved",
    "maintained": "Maintained",
    "not_improved": "Not improved",
    "achieved": "Achieved",
}


def _outcome_heading(name: str) -> str:
    if name.startswith("percent_"):
        return "% " + _OUTCOME_HEADINGS[name.removeprefix("percent_")].lower()
    return _OUTCOME_HEADINGS[name]


@dataclass
class SectionView:
    code: str
    title: str
    description: str
    figures: list[FigureView] = field(default_factory=list)


@dataclass
class ReturnView:
    """A return laid out for reading."""

    title: str
    programme: str
    period_label: str
    period_start: str
    period_end: str
    ytd_start: str
    mode: str
    generated_at: str
    generated_by: str
    definition_version: str
    programme_versions: dict[str, str]
    identification: list[dict]
    sections: list[SectionView]
    outcomes: list[OutcomeRow]
    area_context: list[dict]
    #: Section F's columns as (breakdown, heading), its tables, and its notes (which outcomes
    #: count maintained as achieved, programme by programme).
    outcome_columns: list[tuple[str, str]]
    outcome_tables: list[OutcomeTable]
    outcome_notes: list[str]
    narrative: list[dict]
    submission: dict | None


def _identification(definitions: dict[str, DefinitionVersion]) -> list[dict]:
    rows = []
    for code, definition in definitions.items():
        programme = programmes.get_programme(code)
        rows.append(
            {
                "code": code,
                "name": programme.name,
                "delivery_partners": ", ".join(programme.delivery_partners),
                "funding_stream": programme.funding_stream,
                "yef_toolkit_strand": programme.yef_toolkit_strand,
                "prevention_level": label_for(PREVENTION_LEVELS, programme.prevention_level),
                "programme_version": definition.label,
            }
        )
    return rows


def _row(figure: dict, labels: dict[str, str], unit: str) -> Row:
    category = figure["category"]
    label = "Total" if category is None else labels.get(category, category)
    return Row(
        category,
        label,
        figure["period"],
        figure["ytd"],
        display(figure["period"], unit),
        display(figure["ytd"], unit),
    )


def _bars(rows: list[Row]) -> None:
    numbers = [row.period for row in rows if isinstance(row.period, (int, float))]
    top = max(numbers, default=0)
    for row in rows:
        row.bar = round(100 * row.period / top) if top and isinstance(row.period, (int, float)) else 0


def layout(document) -> ReturnView:
    """Lay out a :class:`reports.canonical.ReturnDocument` for reading."""
    data = document.data
    definition = get_definition(data["definition_version"])
    definitions = definitions_named(data["programme_versions"])
    lists = {name: dict(items) for name, items in category_lists(definitions).items()}
    by_code: dict[str, list[dict]] = {}
    for figure in data["figures"]:
        by_code.setdefault(figure["code"], []).append(figure)

    sections = []
    for section in definition.sections:
        view = SectionView(section.code, section.title, section.description)
        for spec in definition.figures_of(section.code):
            if spec.code == "F" or spec.code not in by_code:
                continue
            view.figures.append(_figure_view(spec, by_code[spec.code], lists))
        sections.append(view)

    columns = [
        (breakdown.name, _outcome_heading(breakdown.name)) for breakdown in definition.figure("F").breakdowns
    ]
    outcomes = []
    f_cells: dict[str, dict[str, dict]] = {}
    for figure in by_code.get("F", []):
        f_cells.setdefault(figure["category"], {})[figure["breakdown"]] = figure
    for definition_version in definitions.values():
        for outcome in definition_version.outcomes:
            cells = f_cells.get(outcome.code, {})
            evidenced = bool(definition_version.indicators_for(outcome.code))
            outcomes.append(
                OutcomeRow(
                    outcome.code,
                    outcome.name,
                    outcome.term_label,
                    outcome.stakeholder_group,
                    evidenced,
                    {
                        name: _row(cells[name], {}, "percent" if name.startswith("percent_") else "people")
                        for name, _ in columns
                        if name in cells
                    },
                )
            )
    reached = [row.cells["reached"] for row in outcomes if "reached" in row.cells]
    _bars(reached)

    measures = dict((t.code, t.label) for t in definition.area_measures)
    area = [
        {**entry, "label": measures.get(entry.get("code"), entry.get("code", ""))}
        for entry in (document.area_context or [])
    ]
    narrative = [
        {"code": term.code, "label": term.label, "text": (document.narrative or {}).get(term.code, "")}
        for term in definition.narrative_fields
    ]
    period = data["period"]
    name = (
        "All programmes" if data["programme"] == "ALL" else programmes.get_programme(data["programme"]).name
    )
    generated = datetime.fromisoformat(document.generated) if document.generated else None
    return ReturnView(
        title=f"Monitoring return: {name}",
        programme=data["programme"],
        period_label=period["label"],
        period_start=period["start"],
        period_end=period["end"],
        ytd_start=period["ytd_start"],
        mode=data["mode"],
        generated_at=generated.strftime("%d %B %Y %H:%M UTC") if generated else "",
        generated_by=document.generated_by,
        definition_version=data["definition_version"],
        programme_versions=data["programme_versions"],
        identification=_identification(definitions),
        sections=sections,
        outcomes=outcomes,
        area_context=area,
        outcome_columns=columns,
        outcome_tables=_outcome_tables(columns),
        outcome_notes=_maintained_notes(definitions) if definition.rules.outcome_states else [],
        narrative=narrative,
        submission=document.submission,
    )


def _figure_view(spec: FigureDefinition, figures: list[dict], lists: dict[str, dict[str, str]]) -> FigureView:
    total = next((f for f in figures if f["breakdown"] is None), None)
    view = FigureView(
        spec.code, spec.label, spec.unit, spec.description, _row(total, {}, spec.unit) if total else None
    )
    for breakdown in spec.breakdowns:
        rows = [f for f in figures if f["breakdown"] == breakdown.name]
        if not rows:
            continue
        unit = breakdown.unit or spec.unit
        labels = lists.get(breakdown.categories, {})
        built = [_row(f, labels, unit) for f in rows]
        chart = unit in COUNT_UNITS and len(built) > 1
        if chart:
            _bars(built)
        view.breakdowns.append(BreakdownView(breakdown.name, breakdown.label, unit, built, chart))
    return view


def _outcome_tables(columns: list[tuple[str, str]]) -> list[OutcomeTable]:
    """Section F as one table of period then year-to-date columns, or, when that would be too
    wide to read, one table for the period and one for the year to date."""
    headings = [heading for _, heading in columns]
    if len(columns) <= 4:
        return [
            OutcomeTable(
                "",
                headings + [f"YTD {heading[0].lower()}{heading[1:]}" for heading in headings],
                [(name, "period") for name, _ in columns] + [(name, "ytd") for name, _ in columns],
            )
        ]
    return [
        OutcomeTable(title, headings, [(name, column) for name, _ in columns])
        for title, column in (("In the period", "period"), ("Year to date", "ytd"))
    ]


def _maintained_notes(definitions: dict[str, DefinitionVersion]) -> list[str]:
    """Per programme, the outcomes whose definition counts maintained (started at the best value
    and kept it) as achieved: the note beside section F's achieved column."""
    notes = []
    for code, definition in definitions.items():
        name = programmes.get_programme(code).name
        counting = [f"{o.code} {o.name}" for o in definition.outcomes if o.maintained_counts_as_achieved]
        if counting:
            notes.append(
                f"{name}: maintained counts as achieved for {join_words(counting)}; "
                "for its other outcomes only improved does."
            )
        else:
            notes.append(f"{name}: maintained counts as achieved for none of its outcomes; only improved does.")
    return notes
