"""The manager's dashboard and the commissioner's overview (aggregates only)."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from casework.dashboard.queries import (
    closure_requests,
    manager_cases_by_status,
    overdue_by_worker,
    referrals_awaiting_triage,
    shared_programme_totals,
    triage_status,
    unallocated_cases,
)
from casework.db import utcnow
from casework.security import ALL_ROLES, access
from casework.timezone import london_today

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard")
@access("manager")
def manager():
    return render_template(
        "dashboard/manager.html",
        referrals=triage_status(referrals_awaiting_triage(current_user), utcnow()),
        unallocated=unallocated_cases(current_user),
        closure_requests=closure_requests(current_user),
        workers=overdue_by_worker(current_user, london_today()),
        by_status=manager_cases_by_status(current_user),
    )


@bp.route("/overview")
@access("commissioner")
def commissioner():
    from casework.returns.queries import returns_settings

    # Commissioners only ever see shared returns, so every count they see follows the same control.
    settings = returns_settings()
    return render_template(
        "dashboard/commissioner.html", by_status=shared_programme_totals(settings), settings=settings
    )


#: Who may read the programme pages: everyone who works with the programmes (not administrators).
PROGRAMME_READERS = tuple(role for role in ALL_ROLES if role != "administrator")


@bp.route("/programmes")
@access(*PROGRAMME_READERS)
def programmes_index():
    import programmes

    return render_template("dashboard/programmes.html", programmes=programmes.all_programmes())


@bp.route("/programmes/<code>")
@access(*PROGRAMME_READERS)
def programme(code: str):
    """About this programme: its theory of change as a logic model, components and outcomes."""
    import programmes
    from programmes.logic_model import logic_model_sections

    if code.upper() not in programmes.programme_codes():
        abort(404)
    definition = programmes.current_definition(code.upper(), london_today())
    return render_template("dashboard/programme.html", programme=programmes.get_programme(code.upper()),
                           definition=definition, sections=logic_model_sections(definition))
