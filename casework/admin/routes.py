"""Administrators: users, teams and the audit log. No case records here."""

from flask import Blueprint, render_template

from casework.admin.queries import recent_audit_events, users_with_teams
from casework.security import access

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@access("administrator")
def users():
    return render_template("admin/users.html", users=users_with_teams())


@bp.route("/audit")
@access("administrator")
def audit_log():
    return render_template("admin/audit_log.html", events=recent_audit_events())
