"""Monitoring returns: figures as plain data first, then HTML, PDF, CSV, XLSX and JSON.

The flow is one way: :func:`reports.builder.build_return` reads the records (never writing) and
gives a :class:`reports.model.BuiltReturn` of exact figures with their lineage;
:func:`reports.disclosure.disclose` applies internal or shared disclosure control;
:func:`reports.canonical.canonical_dict` gives the canonical data that is hashed and stored;
the renderers in :mod:`reports.exports` and :mod:`reports.documents` turn a
:class:`reports.canonical.ReturnDocument` into files. :mod:`reports.diff` compares a submitted
snapshot with a rebuild. See ``reports/README.md`` for the codes a return uses.
"""

from reports.builder import ALL, ReturnError, build_return, programme_codes
from reports.canonical import ReturnDocument, canonical_bytes, canonical_dict, sha256_hex
from reports.disclosure import MODES, DisclosureSettings, disclose
from reports.periods import Period, PeriodError, parse_period

__all__ = [
    "ALL",
    "FORMATS",
    "MODES",
    "DisclosureSettings",
    "Period",
    "PeriodError",
    "ReturnDocument",
    "ReturnError",
    "build_return",
    "canonical_bytes",
    "canonical_dict",
    "disclose",
    "parse_period",
    "programme_codes",
    "render",
    "sha256_hex",
]

#: Output formats: (file extension, media type).
FORMATS = {
    "json": ("json", "application/json"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("pdf", "application/pdf"),
    "html": ("html", "text/html; charset=utf-8"),
}


def render(document: ReturnDocument, file_format: str) -> bytes:
    """Render a return document in one of :data:`FORMATS`; ``ValueError`` for any other."""
    if file_format not in FORMATS:
        raise ValueError(f"Unknown format {file_format!r}; choose one of {', '.join(FORMATS)}.")
    if file_format in ("pdf", "html"):
        from reports import documents  # WeasyPrint is slow to import; only load it when needed

        return documents.pdf_bytes(document) if file_format == "pdf" else documents.html_bytes(document)
    from reports import exports

    return {"json": exports.json_bytes, "csv": exports.csv_bytes, "xlsx": exports.xlsx_bytes}[file_format](
        document
    )
