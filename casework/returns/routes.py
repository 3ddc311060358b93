"""Monitoring returns: managers build, review, write sections H and I, submit and amend;
commissioners read and download returns for every programme in shared mode (aggregates only).

Every build shown, download, submission and snapshot view is audited. Snapshot URLs take the
snapshot's public id; a snapshot outside the user's scope answers 404.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from casework.audit import record_event
from casework.operations import OperationError, savepoint
from casework.returns import operations
from casework.returns.changes import changed_records
from casework.returns.queries import (
    build_document,
    draft_for,
    figures_fingerprint,
    generated_by,
    load_snapshot,
    may_build,
    modes_for,
    programme_choices,
    snapshot_diff,
    snapshot_document,
    snapshots_for,
    versions_for,
    versions_of,
)
from casework.security import access
from casework.submissions import previous_submission, record_submission
from casework.timezone import london_today
from forms.returns import DraftForm, ReturnChoiceForm, SubmitReturnForm
from reports import FORMATS, ReturnError, render
from reports.layout import layout
from reports.periods import PeriodError, parse_period, recent_quarters

bp = Blueprint("returns", __name__, url_prefix="/returns")

#: Who builds and reads returns: managers (their programmes), commissioners (every programme, shared).
READERS = ("manager", "commissioner")


def _choice_form() -> ReturnChoiceForm:
    form = ReturnChoiceForm(request.args)
    form.set_choices(programme_choices(current_user), modes_for(current_user))
    if not request.args.get("mode") and len(modes_for(current_user)) == 1:
        form.mode.data = modes_for(current_user)[0]
    return form


def _selection():
    """The programme, period and mode named in the query string, checked against the user's
    rights; 404 for a selection the user may not see (no hint it exists), 400 for nonsense."""
    programme = request.args.get("programme", "")
    mode = request.args.get("mode", "shared")
    try:
        period = parse_period(request.args.get("period", ""))
    except PeriodError:
        abort(400)
    if not may_build(current_user, programme, mode):
        abort(404)
    return programme, period, mode


def _download_name(data: dict, file_format: str, number: int | None = None) -> str:
    suffix = f"-v{number}" if number else ""
    label = data["period"]["label"].replace("..", "_to_")
    return f"return-{data['programme']}-{label}-{data['mode']}{suffix}.{FORMATS[file_format][0]}"


def _file(body: bytes, file_format: str, filename: str) -> Response:
    response = Response(body, mimetype=FORMATS[file_format][1])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.route("")
@access(*READERS)
def index():
    today = london_today()
    quarters = recent_quarters(today, 4)
    return render_template(
        "returns/index.html",
        quarters=quarters,
        programmes=programme_choices(current_user),
        modes=modes_for(current_user),
        snapshots=snapshots_for(current_user, limit=10),
    )


@bp.route("/build")
@access(*READERS)
def build():
    form = _choice_form()
    if not request.args:
        return render_template("returns/build.html", form=form, view=None)
    if not form.validate():
        return render_template("returns/build.html", form=form, view=None), 400
    programme, period, mode = form.programme.data, parse_period(form.period.data), form.mode.data
    if not may_build(current_user, programme, mode):
        abort(404)
    try:
        document, _ = build_document(programme, period, mode, generated_by=generated_by(current_user))
    except ReturnError as error:
        form.period.errors = [*form.period.errors, str(error)]
        return render_template("returns/build.html", form=form, view=None), 400
    record_event("return.build", record_type="return", programme=programme, period=period.label, mode=mode)
    submitted = versions_for(programme, period.label, mode)
    selection = {"programme": programme, "period": period.label, "mode": mode}
    return render_template(
        "returns/build.html",
        form=form,
        view=layout(document),
        selection=selection,
        formats=FORMATS,
        fingerprint=figures_fingerprint(document),
        submitted=submitted,
        can_submit=current_user.role == "manager",
    )


@bp.route("/download")
@access(*READERS)
def download():
    programme, period, mode = _selection()
    file_format = request.args.get("format", "")
    if file_format not in FORMATS:
        abort(404)
    try:
        document, _ = build_document(programme, period, mode, generated_by=generated_by(current_user))
    except ReturnError:
        abort(400)
    body = render(document, file_format)
    record_event(
        "return.export",
        record_type="return",
        programme=programme,
        period=period.label,
        mode=mode,
        format=file_format,
    )
    return _file(body, file_format, _download_name(document.data, file_format))


@bp.route("/draft", methods=["GET", "POST"])
@access("manager")
def draft():
    programme, period, mode = _selection()
    existing = draft_for(programme, period.label)
    form = DraftForm(obj=None)
    if request.method == "GET":
        form.version.data = str(existing.version) if existing else ""
        for entry in (existing.area_context if existing else []):
            code = entry.get("code")
            if f"{code}_value" in form:
                form[f"{code}_value"].data = str(entry.get("value", ""))
                form[f"{code}_source"].data = entry.get("source", "")
                form[f"{code}_as_of"].data = (
                    date.fromisoformat(entry["as_of"]) if entry.get("as_of") else None
                )
        for code, text in (existing.narrative if existing else {}).items():
            if code in form:
                form[code].data = text
    back = url_for("returns.build", programme=programme, period=period.label, mode=mode)
    if request.method == "POST":
        if not form.validate():
            return (
                render_template(
                    "returns/draft.html", form=form, programme=programme, period=period, back=back
                ),
                400,
            )
        operations.save_draft(
            current_user,
            programme,
            period,
            area_context=form.area_context(),
            narrative=form.narrative(),
            version=form.version.data,
        )
        flash("Sections H and I were saved.", "success")
        return redirect(back)
    return render_template("returns/draft.html", form=form, programme=programme, period=period, back=back)


@bp.route("/submit", methods=["GET", "POST"])
@access("manager")
def submit():
    programme, period, mode = _selection()
    form = SubmitReturnForm()
    if request.method == "POST":
        earlier = previous_submission(form.submission_id.data)
        if earlier is not None:
            flash("This form was sent twice; the return was submitted once.", "success")
            return redirect(url_for("returns.snapshot", snapshot_id=earlier.record_id))
    try:
        document, _ = build_document(programme, period, mode, generated_by=generated_by(current_user))
    except ReturnError:
        abort(400)
    versions = versions_for(programme, period.label, mode)
    context = dict(
        form=form,
        view=layout(document),
        programme=programme,
        period=period,
        mode=mode,
        amendment=bool(versions),
        versions=versions,
    )
    if request.method == "GET":
        record_event(
            "return.build",
            record_type="return",
            programme=programme,
            period=period.label,
            mode=mode,
            page="submit",
        )
        form.reviewed.data = request.args.get("reviewed") or figures_fingerprint(document)
        return render_template("returns/submit.html", **context)
    if not form.validate():
        return render_template("returns/submit.html", **context), 400
    if versions and not (form.reason.data or "").strip():
        form.reason.errors = [*form.reason.errors, "Enter the reason for the amendment"]
        return render_template("returns/submit.html", **context), 400
    try:
        with savepoint():
            snapshot = operations.submit_return(
                current_user,
                programme,
                period,
                mode,
                reason=form.reason.data,
                reviewed=form.reviewed.data or None,
            )
            record_submission(form.submission_id.data, snapshot, current_user)
    except OperationError as error:
        form.confirm.errors = [*form.confirm.errors, str(error)]
        # What the page now shows is what the manager confirms next time.
        form.reviewed.data = figures_fingerprint(document)
        return render_template("returns/submit.html", **context), 400
    flash(f"The return was submitted (number {snapshot.number}).", "success")
    return redirect(url_for("returns.snapshot", snapshot_id=str(snapshot.public_id)))


@bp.route("/submitted")
@access(*READERS)
def submitted():
    return render_template("returns/submitted.html", snapshots=snapshots_for(current_user))


@bp.route("/submitted/<snapshot_id>")
@access(*READERS)
def snapshot(snapshot_id: str):
    record = load_snapshot(snapshot_id, current_user)
    record_event(
        "return.view",
        record,
        programme=record.programme,
        period=record.period_label,
        mode=record.mode,
        number=record.number,
    )
    document = snapshot_document(record)
    changes = snapshot_diff(record)
    # Only managers see which records moved a figure; commissioners see aggregates only.
    show_records = current_user.role == "manager"
    return render_template(
        "returns/snapshot.html",
        snapshot=record,
        view=layout(document),
        changes=changes,
        records=changed_records(changes, record, current_user) if show_records else {},
        formats=FORMATS,
        versions=versions_of(record),
        show_records=show_records,
    )


@bp.route("/submitted/<snapshot_id>/download")
@access(*READERS)
def snapshot_download(snapshot_id: str):
    record = load_snapshot(snapshot_id, current_user)
    file_format = request.args.get("format", "")
    if file_format not in FORMATS:
        abort(404)
    document = snapshot_document(record)
    # The JSON is served exactly as stored, so its SHA-256 can be checked against the snapshot's.
    body = record.canonical_json.encode("utf-8") if file_format == "json" else render(document, file_format)
    record_event(
        "return.export",
        record,
        programme=record.programme,
        period=record.period_label,
        mode=record.mode,
        number=record.number,
        format=file_format,
    )
    return _file(body, file_format, _download_name(document.data, file_format, record.number))
