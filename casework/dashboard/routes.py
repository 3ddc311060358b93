"""The manager's dashboard and the commissioner's overview (aggregates only)."""

from flask import render_template
from flask_login import current_user

from casework.dashboard import bp
from casework.dashboard.queries import (
    manager_cases_by_status,
    programme_totals,
    referrals_awaiting_triage,
    unallocated_cases,
)
from casework.security import access


@bp.route("/dashboard")
@access("manager")
def manager():
    return render_template(
        "dashboard/manager.html",
        referrals=referrals_awaiting_triage(current_user),
        unallocated=unallocated_cases(current_user),
        by_status=manager_cases_by_status(current_user),
    )


@bp.route("/overview")
@access("commissioner")
def commissioner():
    return render_template("dashboard/commissioner.html", by_status=programme_totals())
