"""What every request and page shares: the user loader, security headers with a CSP nonce,
plain error pages with a reference, template helpers and role-dependent navigation."""

from __future__ import annotations

import logging
import secrets
import uuid
from datetime import date, datetime

from flask import Flask, current_app, flash, g, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

import programmes
from casework.extensions import db, login_manager
from casework.operations import OperationError, StaleRecord
from casework.timezone import LONDON

log = logging.getLogger(__name__)

#: Navigation by role: (label, endpoint). The first item is the role's home.
NAVIGATION = {
    "youth_worker": [("Caseload", "cases.caseload"), ("Referrals", "referrals.referral_list"), ("Cases", "cases.index"),
                     ("Search", "cases.search"), ("Programmes", "dashboard.programmes_index")],
    "navigator": [("Caseload", "cases.caseload"), ("Referrals", "referrals.referral_list"), ("Cases", "cases.index"),
                  ("Search", "cases.search"), ("Programmes", "dashboard.programmes_index")],
    "manager": [("Dashboard", "dashboard.manager"), ("Referrals", "referrals.referral_list"), ("Cases", "cases.index"),
                ("Search", "cases.search"), ("Escalations", "engagement.escalations"),
                ("Returns", "returns.index"), ("Import", "imports.index"),
                ("Activities", "engagement.programme_activities"),
                ("Programmes", "dashboard.programmes_index")],
    "commissioner": [("Overview", "dashboard.commissioner"), ("Returns", "returns.index"),
                     ("Programmes", "dashboard.programmes_index")],
    "enforcement_officer": [("Escalations", "engagement.escalations"), ("Programmes", "dashboard.programmes_index")],
    "administrator": [("Users", "admin.users"), ("Audit log", "admin.audit_log")],
}


def init_app(app: Flask) -> None:
    login_manager.user_loader(_load_user)
    app.before_request(_csp_nonce)
    app.after_request(_security_headers)
    app.context_processor(_template_context)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StaleDataError, _stale_record)
    app.register_error_handler(OperationError, _operation_refused)
    app.register_error_handler(Exception, _server_error)
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_global(optional_url, "optional_url")
    app.add_template_global(programmes.get_programme, "programme_of")
    _declare_static_public(app)


def _declare_static_public(app: Flask) -> None:
    """Front-end assets are public; say so like every other route (no database work needed)."""
    send = app.view_functions["static"]

    def static(filename):
        return send(filename=filename)

    static.access_roles = "public"
    app.view_functions["static"] = static


def _load_user(user_id: str):
    from casework.auth.models import User

    public_id, _, token = user_id.partition(":")
    try:
        pid = uuid.UUID(public_id)
    except ValueError:
        return None
    user = db.session.query(User).filter_by(public_id=pid, session_token=token, active=True).one_or_none()
    return user


def _csp_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def _security_headers(response):
    nonce = g.get("csp_nonce", "")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src 'self' 'nonce-{nonce}'; "
        "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # same-origin, not no-referrer: CSRF protection over HTTPS checks the Referer of our own forms.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":
        # Pages about young people must not linger in browser or proxy caches.
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    return response


def _template_context() -> dict:
    nav = []
    if current_user.is_authenticated:
        nav = [
            {"text": label, "href": url_for(endpoint), "active": request.endpoint == endpoint}
            for label, endpoint in NAVIGATION.get(current_user.role, [])
            if endpoint in current_app.view_functions
        ]
    return {"csp_nonce": g.get("csp_nonce", ""), "navigation": nav}


def _csrf_error(error: CSRFError):
    """A missing or forged token: say so plainly and let the user try again."""
    from casework.audit import record_refusal
    from casework.security import commit_refusals

    record_refusal("csrf.refused", outcome="denied", record_type="route", record_id=(request.endpoint or "")[:36])
    # The token is checked before any view, so no unit of work is there to end this request.
    commit_refusals()
    message = "This form could not be accepted because it was out of date or was not sent from this service. Try again."
    if request.endpoint == "auth.sign_in":
        from forms.auth import SignInForm

        return render_template("auth/sign_in.html", form=SignInForm(), error=message), 400
    flash(message, "error")
    return render_template("errors/error.html", title="Form not accepted", message=message, reference=None), 400


_MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("You do not have access to this page", "Your role does not allow this. If you need it, ask your manager."),
    404: ("Page not found", "If you typed the web address, check it is correct. The record may not exist, or you may not have access to it."),
    405: ("Not allowed", "That action is not available here."),
    413: ("File too large", "The file is larger than this service accepts."),
}


def _stale_record(_error: StaleDataError):
    """Two saves raced past the version check: the second is refused, the first survives."""
    db.session.rollback()
    return render_template(
        "errors/error.html", title="Your changes were not saved",
        message="Someone else saved this record at the same moment. Open it again to see their changes, then make yours.",
        reference=None,
    ), 409


def _operation_refused(error: OperationError):
    """An operation refused and the route did not show the form again: say why, save nothing."""
    db.session.rollback()
    status = 409 if isinstance(error, StaleRecord) or type(error).__name__ == "DuplicateSubmission" else 400
    return render_template("errors/error.html", title="Nothing was saved", message=str(error), reference=None), status


def _http_error(error: HTTPException):
    db.session.rollback()
    title, message = _MESSAGES.get(error.code or 500, (error.name, error.description))
    return render_template("errors/error.html", title=title, message=message, reference=None), error.code


def _server_error(error: Exception):
    """Never a traceback: log it with a reference the user can quote."""
    reference = uuid.uuid4().hex[:10].upper()
    log.exception("Unhandled error, reference %s", reference)
    try:
        db.session.rollback()
    except Exception:  # the session itself may be the problem
        log.exception("Rollback failed, reference %s", reference)
    return (
        render_template(
            "errors/error.html",
            title="Sorry, there is a problem with the service",
            message="Nothing you entered has been saved. Try again later.",
            reference=reference,
        ),
        500,
    )




def format_date(value: date | datetime | None, fmt: str = "%-d %B %Y") -> str:
    """12 May 2025 (GOV.UK style); datetimes are shown in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LONDON)
    return value.strftime(fmt)


def format_datetime(value: datetime | None) -> str:
    """12 May 2025 at 2:05pm, in Europe/London."""
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    return local.strftime("%-d %B %Y at ") + local.strftime("%-I:%M%p").lower()


def optional_url(endpoint: str, **values) -> str | None:
    """The URL of `endpoint`, or None when this build of the service has no such page."""
    from flask import current_app

    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)
