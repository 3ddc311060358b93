"""Access control in one place: the route decorators, the scope rule every list and loader
uses, and the unit of work that commits or rolls back around each request.

Every view carries exactly one of `access(...)` or `public`; a test walks the URL map and fails
on any view without one. Scope is a SQL clause per record type (`case_scope`, ...), applied by
the loaders here and by every page query, search and export, so a record outside a user's scope
is never listed, counted or shown: a request for one answers 404 and is logged.
"""

from __future__ import annotations

import logging
import uuid
from functools import wraps
from typing import Callable, Iterable

import sqlalchemy as sa
from flask import abort, g, make_response, request
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

import programmes
from casework.audit import record_refusal
from casework.audit.models import AuditEvent
from casework.db import db

log = logging.getLogger(__name__)

#: Roles that work cases directly.
CASE_WORKERS = ("youth_worker", "navigator")
#: Roles that may open a case page (enforcement officers get a limited Phoenix view).
CASE_READERS = ("youth_worker", "navigator", "manager")
ALL_ROLES = ("youth_worker", "navigator", "manager", "commissioner", "enforcement_officer", "administrator")

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class GetChangedData(RuntimeError):
    """A GET request tried to change data; only audit events may be written on a read."""


def access(*roles: str) -> Callable:
    """Allow signed-in users with one of `roles`; everyone else is sent to sign in (anonymous)
    or refused with 403 (wrong role, logged). Runs the view as one unit of work."""
    unknown = set(roles) - set(ALL_ROLES)
    if unknown or not roles:
        raise ValueError(f"unknown roles {sorted(unknown)}" if unknown else "access() needs a role")

    def decorator(view: Callable) -> Callable:
        def allowed(*args, **kwargs):
            if current_user.role not in roles:
                deny("route", request.endpoint or "")
                abort(403)
            return view(*args, **kwargs)

        @wraps(view)
        def wrapped(*args, **kwargs):
            from casework.extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            # The role check runs inside the unit of work, so the refusal it logs is kept.
            return _unit_of_work(allowed, *args, **kwargs)

        wrapped.access_roles = frozenset(roles)
        return wrapped

    return decorator


def public(view: Callable) -> Callable:
    """Open to anyone, signed in or not (sign-in page, health check). Still one unit of work."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        return _unit_of_work(view, *args, **kwargs)

    wrapped.access_roles = "public"
    return wrapped


def _unit_of_work(view: Callable, *args, **kwargs):
    """Commit what the view did unless an exception escaped it; then roll everything back but
    the refusals it logged (`casework.audit.record_refusal`), which are committed on their own.

    Whatever the view answers, even 400, commits: a route that shows a refused form again must
    run the refused operation inside `casework.operations.savepoint`, which undoes what the
    operation had flushed. A read (GET) may only add audit events. Its read transaction is ended
    first and the events are written in a short write transaction of their own, so a page view
    never has to upgrade a read lock on SQLite (which fails under concurrent writers rather than
    waiting).
    """
    session = db.session
    session.info["audit_events"] = []
    session.info["refusals"] = []
    session.info["changed"] = set()
    try:
        if request.method in _SAFE_METHODS:
            # Audit events a read adds stay pending (no autoflush) so that they are written in a
            # short write transaction of their own, never inside the read transaction.
            with session.no_autoflush:
                response = make_response(view(*args, **kwargs))
            _finish_read(session)
        else:
            db.begin_write()
            response = make_response(view(*args, **kwargs))
            session.commit()
        return response
    except BaseException:
        commit_refusals()
        raise


@event.listens_for(Session, "before_flush")
def _note_changes(session, _context, _instances) -> None:
    """Remember which kinds of record a flush wrote, so a GET that changed data is caught."""
    changed = session.info.setdefault("changed", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(obj, AuditEvent) and (obj in session.new or obj in session.deleted or session.is_modified(obj)):
            changed.add(type(obj).__name__)


def _finish_read(session) -> None:
    _note_changes(session, None, None)
    if session.info["changed"]:
        raise GetChangedData(f"a GET request changed {sorted(session.info['changed'])}")
    events = session.info["audit_events"]
    session.rollback()
    _write_events(session, events)


def commit_refusals() -> None:
    """End a failed request: roll back everything it did, then commit the refusals it logged.

    The unit of work calls this when an exception escapes a view; an error handler that runs
    before any view (a refused CSRF token) calls it itself. A failure to write the refusals is
    logged and never hides the error that failed the request.
    """
    session = db.session
    refusals = session.info.get("refusals", [])
    session.info["refusals"] = []
    try:
        session.rollback()
        _write_events(session, refusals)
    except Exception:
        log.exception("Could not record %d refused request(s)", len(refusals))
        session.rollback()


def _write_events(session, events) -> None:
    """Write audit events held from a rolled-back transaction in a short write transaction.

    Copies are added, because an event flushed in the rolled-back transaction keeps the id of a
    row that no longer exists."""
    if not events:
        return
    columns = [c.key for c in AuditEvent.__table__.columns if c.key != "id"]
    fresh = [AuditEvent(**{k: getattr(e, k) for k in columns if getattr(e, k) is not None}) for e in events]
    db.begin_write()
    session.add_all(fresh)
    session.commit()


def deny(kind: str, reference: str) -> None:
    """Log a refused request; the unit of work keeps the entry when the refusal aborts it."""
    record_refusal("access.denied", outcome="denied", record_type=kind, record_id=reference[:36],
                   endpoint=request.endpoint, method=request.method)


# --- scope ------------------------------------------------------------------------------------

def team_ids(user) -> frozenset[int]:
    """The ids of the teams the user belongs to (cached for the request)."""
    cache = g.setdefault("_team_ids", {})
    if user.id not in cache:
        from casework.auth.models import Membership, Team

        rows = db.session.execute(
            sa.select(Team.id, Team.programme).join(Membership).where(Membership.user_id == user.id, Team.active)
        ).all()
        cache[user.id] = (frozenset(r.id for r in rows), frozenset(r.programme for r in rows))
    return cache[user.id][0]


def programmes_of(user) -> frozenset[str]:
    """The programme codes of the user's teams."""
    team_ids(user)
    return g._team_ids[user.id][1]


def case_scope(user, case_cls=None) -> sa.ColumnElement[bool]:
    """The cases `user` may see, as a WHERE clause (spec/access.md):
    workers see their teams' cases, managers their programmes', enforcement officers Phoenix
    cases of their programmes, commissioners and administrators none."""
    from casework.cases.models import Case

    case_cls = case_cls or Case
    role = user.role
    if role in CASE_WORKERS:
        return case_cls.team_id.in_(team_ids(user))
    if role == "manager":
        return case_cls.programme.in_(programmes_of(user))
    if role == "enforcement_officer":
        enforced = [code for code in programmes_of(user) if code in programmes.programmes_with("enforcement")]
        return case_cls.programme.in_(enforced)
    return sa.false()


def referral_scope(user) -> sa.ColumnElement[bool]:
    """The referrals `user` may see: as for cases, but enforcement officers see none."""
    from casework.referrals.models import Referral

    if user.role in CASE_WORKERS:
        return Referral.team_id.in_(team_ids(user))
    if user.role == "manager":
        return Referral.programme.in_(programmes_of(user))
    return sa.false()


def person_scope(user) -> sa.ColumnElement[bool]:
    """People with at least one referral the user may see."""
    from casework.people.models import Person
    from casework.referrals.models import Referral

    return sa.exists().where(Referral.person_id == Person.id, referral_scope(user))


def can_edit_case(user, case) -> bool:
    """Workers edit cases allocated to them; managers edit any case in scope."""
    if user.role == "manager":
        return case.programme in programmes_of(user)
    if user.role in CASE_WORKERS:
        return user.id in (case.lead_worker_id, case.navigator_id)
    return False


def sees_enforcement(user) -> bool:
    """Enforcement events are for managers and enforcement officers only."""
    return user.role in ("manager", "enforcement_officer")


# --- loaders ----------------------------------------------------------------------------------

def parse_public_id(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError):
        abort(404)


def load_scoped(model, public_id: str, scope: sa.ColumnElement[bool], *, options: Iterable = ()):
    """Load one record by public id within `scope`; missing or out of scope answers 404 (logged)."""
    pid = parse_public_id(public_id)
    record = db.session.scalars(
        sa.select(model).where(model.public_id == pid, scope).options(*options)
    ).one_or_none()
    if record is None:
        deny(model.__tablename__, str(pid))
        abort(404)
    return record


def load_case(public_id: str, *, edit: bool = False, options: Iterable = ()):
    """The one loader for cases: 404 outside scope, 403 when `edit` and the user may only read."""
    from casework.cases.models import Case

    case = load_scoped(Case, public_id, case_scope(current_user), options=options)
    if edit and not can_edit_case(current_user, case):
        deny("cases", str(case.public_id))
        abort(403)
    return case


def load_case_record(model, public_id: str, *, edit: bool = False, options: Iterable = ()):
    """Load a record that belongs to a case (session, assessment, plan, contact...) by its
    public id, within the case scope; `edit` also needs the right to edit that case.
    Returns (record, case)."""
    from casework.cases.models import Case

    record = load_scoped(
        model, public_id,
        model.case_id.in_(sa.select(Case.id).where(case_scope(current_user))),
        options=options,
    )
    case = db.session.get(Case, record.case_id)
    if edit and not can_edit_case(current_user, case):
        deny(model.__tablename__, str(record.public_id))
        abort(403)
    return record, case


def load_referral(public_id: str):
    from casework.referrals.models import Referral

    return load_scoped(Referral, public_id, referral_scope(current_user))


def load_person(public_id: str):
    from casework.people.models import Person

    return load_scoped(Person, public_id, person_scope(current_user))
