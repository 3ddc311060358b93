"""Engagement and enforcement."""

from flask import render_template
from flask_login import current_user

from casework.audit import record_event
from casework.engagement import bp
from casework.engagement.queries import escalations_in_scope
from casework.security import access


@bp.route("/escalations")
@access("enforcement_officer", "manager")
def escalations():
    rows = escalations_in_scope(current_user)
    record_event("escalation.list", record_type="escalations", results=len(rows))
    return render_template("engagement/escalations.html", rows=rows)
