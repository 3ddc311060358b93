"""Caseload, search and the case page."""

from flask import render_template, request
from flask_login import current_user
from sqlalchemy.orm import joinedload

from casework.audit import record_event
from casework.cases import bp
from casework.cases.models import Case
from casework.cases.queries import caseload as caseload_query
from casework.cases.queries import search_people
from casework.security import CASE_READERS, CASE_WORKERS, access, load_case


@bp.route("/caseload")
@access(*CASE_WORKERS)
def caseload():
    return render_template("cases/caseload.html", cases=caseload_query(current_user))


@bp.route("/search")
@access(*CASE_READERS)
def search():
    text = request.args.get("q", "")[:100]
    people = search_people(current_user, text) if text.strip() else []
    if text.strip():
        record_event("person.search", record_type="search", results=len(people))
    return render_template("cases/search.html", text=text, people=people)


@bp.route("/cases/<case_id>")
@access(*CASE_READERS)
def case_page(case_id: str):
    case = load_case(case_id, options=[joinedload(Case.person), joinedload(Case.lead_worker)])
    record_event("case.view", case)
    return render_template("cases/case.html", case=case)
