"""The bulk import page for managers: upload a CSV file of one kind, see every problem or what
was imported; and a header-only CSV template for each kind of file."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_login import current_user

from casework.imports import operations
from casework.imports.cells import clean_text
from casework.imports.schemas import KINDS, template_csv
from casework.security import access
from forms.imports import ImportForm

bp = Blueprint("imports", __name__)

#: The most problems listed on the page; the rest are counted (the command line prints them all).
SHOWN_PROBLEMS = 500
#: Problems repeated in the error summary at the top of the page.
SUMMARY_PROBLEMS = 5
#: Longest file name shown back.
_NAME_MAX = 100


def _file_name(upload) -> str:
    """The uploaded file's own name without any folder, for messages only (never a path here)."""
    name = clean_text(str(getattr(upload, "filename", "") or "")).replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:_NAME_MAX] or "upload.csv"


def _summary_errors(result) -> list[dict]:
    """The first few problems for the error summary at the top of the page, linked to the table."""
    if result is None or result.ok:
        return []
    errors = [
        {"text": f"Row {p.row}" + (f", column {p.column}" if p.column else "") + f": {p.reason}", "href": "#problems"}
        for p in result.problems[:SUMMARY_PROBLEMS]
    ]
    more = len(result.problems) - SUMMARY_PROBLEMS
    if more > 0:
        errors.append({"text": f"and {more:,} more problem{'' if more == 1 else 's'}, listed below", "href": "#problems"})
    return errors


def _render(form, result=None):
    return render_template("imports/index.html", form=form, result=result, kinds=KINDS,
                           shown=SHOWN_PROBLEMS, summary_errors=_summary_errors(result))


@bp.route("/imports", methods=["GET", "POST"])
@access("manager")
def index():
    form = ImportForm()
    if not form.validate_on_submit():
        return _render(form), 400 if form.errors else 200
    upload = form.file.data
    result = operations.import_file(form.kind.data, _file_name(upload), upload.read(), user=current_user,
                                    dry_run=form.dry_run.data)
    if not result.ok:
        operations.record_refused_import(result, current_user)
        return _render(form, result), 400
    if result.dry_run:
        return _render(form, result)
    flash(result.summary(), "success")
    return redirect(url_for("imports.index"))


@bp.route("/imports/template/<kind>")
@access("manager")
def template(kind: str):
    if kind not in KINDS:
        abort(404)
    response = make_response(template_csv(kind))
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{kind}.csv"'
    return response
