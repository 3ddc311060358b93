"""CSV, XLSX and JSON files of a return document.

CSV is long form with an explicit field list (section, figure code, label, breakdown, category,
period value, year-to-date value); XLSX has one sheet per section. In both, a text cell starting
with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is neutralised with a leading
apostrophe so that a spreadsheet never runs it as a formula. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from reports.canonical import ReturnDocument, canonical_bytes
from reports.layout import layout

__all__ = ["CSV_FIELDS", "csv_bytes", "json_bytes", "neutralise", "xlsx_bytes"]

#: The CSV header, in order.
CSV_FIELDS = ("section", "figure_code", "label", "breakdown", "category", "period_value", "ytd_value")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text value that a spreadsheet could read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def json_bytes(document: ReturnDocument) -> bytes:
    """The canonical JSON bytes (the ones a submitted snapshot's SHA-256 is taken of)."""
    return canonical_bytes(document.data)


def _csv_value(value):
    if value is None:
        return ""
    return neutralise(value)


def csv_bytes(document: ReturnDocument) -> bytes:
    """The return as long-form CSV (UTF-8 with a byte-order mark, so spreadsheets read it as UTF-8)."""
    data = document.data
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for figure in data["figures"]:
        writer.writerow(
            {
                "section": figure["code"][0],
                "figure_code": _csv_value(figure["code"]),
                "label": _csv_value(figure["label"]),
                "breakdown": _csv_value(figure["breakdown"]),
                "category": _csv_value(figure["category"]),
                "period_value": _csv_value(figure["period"]),
                "ytd_value": _csv_value(figure["ytd"]),
            }
        )
    for entry in layout(document).area_context:
        writer.writerow(
            {
                "section": "H",
                "figure_code": "H",
                "label": _csv_value(
                    f"{entry['label']} ({entry.get('source', '')}, {entry.get('as_of', '')})"
                ),
                "breakdown": "",
                "category": _csv_value(entry.get("code", "")),
                "period_value": _csv_value(entry.get("value")),
                "ytd_value": "",
            }
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_title(code: str, title: str) -> str:
    # Excel sheet names: at most 31 characters, none of []:*?/\
    clean = "".join(ch for ch in f"{code} {title}" if ch not in "[]:*?/\\")
    return clean[:31]


def _outcome_header(view) -> tuple[str, ...]:
    headings = [heading for _, heading in view.outcome_columns]
    return (
        "Outcome",
        "Term",
        *(f"{heading} (period)" for heading in headings),
        *(f"{heading} (YTD)" for heading in headings),
    )


def _outcome_sheet(worksheet, view, put) -> None:
    for outcome in view.outcomes:
        name = f"{outcome.code} {outcome.name}"
        if not outcome.evidenced:
            put(worksheet, (name, outcome.term, "Not evidenced by case records"))
            continue
        cells = outcome.cells
        put(
            worksheet,
            (
                name,
                outcome.term,
                *(cells[k].period for k, _ in view.outcome_columns),
                *(cells[k].ytd for k, _ in view.outcome_columns),
            ),
        )


def xlsx_bytes(document: ReturnDocument) -> bytes:
    """The return as an XLSX workbook with one sheet per section (A to I)."""
    view = layout(document)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    bold = Font(bold=True)

    def sheet(code: str, title: str, header: tuple[str, ...]):
        worksheet = workbook.create_sheet(_sheet_title(code, title))
        worksheet.append(list(header))
        for cell in worksheet[1]:
            cell.font = bold
        return worksheet

    def put(worksheet, values) -> None:
        worksheet.append(
            [
                neutralise(ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value
                for value in values
            ]
        )

    ws = sheet("A", "Identification", ("Item", "Value"))
    for item, value in (
        ("Return", view.title),
        ("Period", view.period_label),
        ("Period start", view.period_start),
        ("Period end", view.period_end),
        ("Year to date from", view.ytd_start),
        ("Disclosure", view.mode),
        ("Return definition version", view.definition_version),
        ("Generated at", view.generated_at),
        ("Generated by", view.generated_by),
    ):
        put(ws, (item, value))
    for programme in view.identification:
        put(ws, ("Programme", programme["name"]))
        put(ws, ("Delivery partners", programme["delivery_partners"]))
        put(ws, ("Funding stream", programme["funding_stream"]))
        put(ws, ("YEF Toolkit strand", programme["yef_toolkit_strand"]))
        put(ws, ("Prevention level", programme["prevention_level"]))
        put(ws, ("Programme definition", programme["programme_version"]))
    if view.submission:
        put(ws, ("Submission number", view.submission.get("number")))
        put(ws, ("SHA-256 of the JSON", view.submission.get("sha256")))

    header = ("Figure code", "Figure", "Breakdown", "Category", "Period", "Year to date")
    for section in view.sections:
        if section.code == "F":
            outcome_sheet = sheet("F", "Outcomes", _outcome_header(view))
            _outcome_sheet(outcome_sheet, view, put)
            for note in view.outcome_notes:
                put(outcome_sheet, (note,))
            continue
        if section.code in ("A", "H", "I"):
            continue
        ws = sheet(section.code, section.title, header)
        for figure in section.figures:
            if figure.total is not None:
                put(ws, (figure.code, figure.label, "", "Total", figure.total.period, figure.total.ytd))
            for breakdown in figure.breakdowns:
                for row in breakdown.rows:
                    put(ws, (figure.code, figure.label, breakdown.label, row.label, row.period, row.ytd))
    ws = sheet("H", "Area context", ("Measure", "Value", "Source", "Date"))
    for entry in view.area_context:
        put(ws, (entry["label"], entry.get("value"), entry.get("source", ""), entry.get("as_of", "")))
    ws = sheet("I", "Narrative", ("Heading", "Text"))
    for entry in view.narrative:
        put(ws, (entry["label"], entry["text"]))
    for worksheet in workbook.worksheets:
        for column, width in zip("ABCDEFGHIJ", (18, 48, 24, 36, 14, 14, 14, 14, 14, 14), strict=True):
            worksheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
