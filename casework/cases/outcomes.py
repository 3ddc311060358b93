"""Each closed case's outcome evaluation, kept with its closure.

Section F of the return counts, per outcome, the young people whose closed case measured it and
those whose case showed it met ("measured" and "improved"), by applying the programme's outcome
rules to the case's records. Doing that for every case closed in the year means loading all their
records on every build, which grows with the data: about 3 s at one network's five years. So the
evaluation is made once, when the case closes (`evaluate`), and kept: one `closure_outcomes` row per
outcome measured, with its state (improved, maintained or not improved), one `closure_measures` row per instrument with the
pre and post scores section E pairs, and the definition version on the closure
(`Closure.outcomes_version`). The return then reads those rows instead of every case's records.

The kept evaluation must never differ from evaluating the records now, so:

- any write to a record the rules read (sessions and their components, assessments and their
  items, plans, engagement contacts, onward referrals, the Reach school record, the referral or
  the case itself) sets the case's closures' evaluations aside in the same flush
  (`_set_aside_out_of_date`): their rows are deleted and `outcomes_version` cleared;
- the return evaluates in Python any closure whose evaluation is missing or was made with a
  different definition version than the return applies, exactly as before;
- `refresh` (run by `casework outcomes refresh`, after an import of closures, and after demo or
  synthetic data is loaded) evaluates every closure that has none.

Bulk imports write with SQL Core, which the flush hook does not see, so the importer calls
`set_aside` for the cases of every row it writes, and `refresh` after writing closures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from itertools import chain

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

import programmes
from casework.assessments.models import Assessment, AssessmentItem
from casework.cases.facts import case_facts, definition_for
from casework.cases.models import (
    Case,
    Closure,
    ClosureMeasure,
    ClosureOutcome,
    OnwardReferral,
    Plan,
    SchoolAttendance,
    SchoolEvent,
)
from casework.db import db, refresh_statistics
from casework.engagement.models import EngagementContact
from casework.referrals.models import Referral
from casework.sessions.models import Session, SessionComponent
from programmes import rules
from programmes.facts import CaseFacts
from programmes.model import DefinitionVersion

__all__ = ["evaluate", "measure_pairs", "measured_outcomes", "pre_and_post_assessments", "refresh", "set_aside"]

#: Closures evaluated per round trip by `refresh`.
BATCH = 500

#: The tables that keeping (and setting aside) outcome evaluations writes.
KEPT_TABLES = frozenset({"closures", "closure_outcomes", "closure_measures"})

#: Records with a case_id whose changes can change a case's outcome evaluation.
_CASE_RECORDS = (Session, Assessment, Plan, EngagementContact, OnwardReferral, SchoolEvent, SchoolAttendance)


def measured_outcomes(definition: DefinitionVersion, facts: CaseFacts, closed_on: date) -> dict[str, str]:
    """The outcomes the case's measure and record lines measured, each with its state:
    {outcome code: "improved", "maintained" or "not_improved"} (`OutcomeEvidence.state`).
    Activity lines are not evaluated (the return counts reach in SQL)."""
    measured = {}
    for item in rules.outcome_evidence(definition, facts, closed_on, activity=False):
        if (state := item.state) is not None:
            measured[item.outcome_code] = state
    return measured


def measure_pairs(assessments: Iterable) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """{instrument: (pre score, post score)} for one case's pre and post assessments, given in
    (completed_on, id) order with `instrument`, `timepoint`, `score` and `informant`: the latest
    pre and the latest post with a score; for a scores-only instrument (SDQ) the pre must come
    from the same informant as the post, as on the case page. Instruments with neither are left
    out."""
    by_instrument: dict[str, list] = {}
    for assessment in assessments:
        by_instrument.setdefault(assessment.instrument, []).append(assessment)
    pairs = {}
    for code, items in by_instrument.items():
        scored = [a for a in items if a.score is not None]
        posts = [a for a in scored if a.timepoint == "post"]
        post = posts[-1] if posts else None
        pres = [a for a in scored if a.timepoint == "pre"]
        if post is not None and _scores_only(post.instrument):
            pres = [a for a in pres if a.informant == post.informant]
        pre = pres[-1] if pres else None
        if pre is not None or post is not None:
            pairs[code] = (pre.score if pre is not None else None, post.score if post is not None else None)
    return pairs


def _scores_only(code: str) -> bool:
    try:
        return programmes.get_instrument(code).scores_only
    except KeyError:
        return False


def pre_and_post_assessments(case_ids: Iterable[int]):
    """The pre and post assessments of these cases, in the order `measure_pairs` reads them."""
    return db.session.execute(
        sa.select(
            Assessment.case_id, Assessment.instrument, Assessment.timepoint, Assessment.score, Assessment.informant
        )
        .where(Assessment.case_id.in_(list(case_ids)), Assessment.timepoint.in_(("pre", "post")))
        .order_by(Assessment.completed_on, Assessment.id)
    ).all()


def evaluate(closures: Iterable[Closure]) -> int:
    """Evaluate and keep the outcomes of these (not reopened) closures; returns how many.

    Each is evaluated with the definition version its case runs under (the one whose closure rule
    applied), on the records as they stand, and any evaluation it had is replaced.
    """
    closures = [closure for closure in closures if closure.reopened_at is None]
    if not closures:
        return 0
    cases = {
        case.id: case
        for case in db.session.scalars(sa.select(Case).where(Case.id.in_({c.case_id for c in closures})))
    }
    facts = case_facts(cases.values(), with_responses=True)
    assessments: dict[int, list] = {}
    for row in pre_and_post_assessments(cases):
        assessments.setdefault(row.case_id, []).append(row)
    ids = [closure.id for closure in closures]
    db.session.execute(sa.delete(ClosureOutcome).where(ClosureOutcome.closure_id.in_(ids)))
    db.session.execute(sa.delete(ClosureMeasure).where(ClosureMeasure.closure_id.in_(ids)))
    rows, measures, versions = [], [], {}
    for closure in closures:
        case = cases[closure.case_id]
        definition = definition_for(case, closure.closed_on)
        for code, state in measured_outcomes(definition, facts[case.id], closure.closed_on).items():
            rows.append({"closure_id": closure.id, "outcome_code": code, "state": state})
        for code, (pre, post) in measure_pairs(assessments.get(case.id, ())).items():
            measures.append({"closure_id": closure.id, "instrument": code, "pre_score": pre, "post_score": post})
        versions[closure.id] = definition.version
    if rows:
        db.session.execute(sa.insert(ClosureOutcome), rows)
    if measures:
        db.session.execute(sa.insert(ClosureMeasure), measures)
    for version in set(versions.values()):
        db.session.execute(
            sa.update(Closure.__table__)
            .where(Closure.id.in_([i for i, v in versions.items() if v == version]))
            .values(outcomes_version=version)
        )
    for closure in closures:
        db.session.expire(closure, ["outcomes_version"])
    return len(closures)


def refresh(batch: int = BATCH) -> int:
    """Evaluate every not-reopened closure that has no kept evaluation; returns how many.

    After evaluating any, the planner statistics of the tables written are refreshed, since the
    next return reads thousands of new rows there at once (casework.db.refresh_statistics)."""
    done = 0
    while True:
        closures = list(
            db.session.scalars(
                sa.select(Closure)
                .where(Closure.outcomes_version.is_(None), Closure.reopened_at.is_(None))
                .order_by(Closure.id)
                .limit(batch)
            )
        )
        if not closures:
            if done:
                db.session.flush()
                refresh_statistics(db.session.connection(), KEPT_TABLES)
            return done
        done += evaluate(closures)


# --- setting evaluations aside when a record changes --------------------------------------------


def _touched_cases(session: OrmSession) -> set[int]:
    """Ids of the cases whose records this flush adds, changes or deletes."""
    case_ids: set[int] = set()
    session_ids: set[int] = set()
    assessment_ids: set[int] = set()
    referral_ids: set[int] = set()
    for record in chain(session.new, session.dirty, session.deleted):
        if isinstance(record, Case):
            if record.id is not None:
                case_ids.add(record.id)
        elif isinstance(record, _CASE_RECORDS):
            case_id = record.case_id
            if case_id is None and getattr(record, "case", None) is not None:
                case_id = record.case.id
            if case_id is not None:
                case_ids.add(case_id)
        elif isinstance(record, SessionComponent):
            if record.session_id is not None:
                session_ids.add(record.session_id)
        elif isinstance(record, AssessmentItem):
            if record.assessment_id is not None:
                assessment_ids.add(record.assessment_id)
        elif isinstance(record, Referral):
            if record.id is not None:
                referral_ids.add(record.id)
    if session_ids:
        case_ids.update(session.execute(sa.select(Session.case_id).where(Session.id.in_(session_ids))).scalars())
    if assessment_ids:
        case_ids.update(
            session.execute(sa.select(Assessment.case_id).where(Assessment.id.in_(assessment_ids))).scalars()
        )
    if referral_ids:
        case_ids.update(session.execute(sa.select(Case.id).where(Case.referral_id.in_(referral_ids))).scalars())
    return case_ids


@event.listens_for(OrmSession, "before_flush")
def _set_aside_out_of_date(session: OrmSession, _context, _instances) -> None:
    """Delete the kept evaluations of the cases this flush touches, before it writes."""
    case_ids = _touched_cases(session)
    if case_ids:
        set_aside(case_ids, session)


def set_aside(case_ids: Iterable[int], session: OrmSession | None = None) -> None:
    """Delete the kept outcome evaluations of these cases' closures (their records changed)."""
    session = session or db.session
    case_ids = set(case_ids)
    if not case_ids:
        return
    kept = (
        sa.select(Closure.id)
        .where(Closure.case_id.in_(case_ids), Closure.outcomes_version.is_not(None))
        .scalar_subquery()
    )
    connection = session.connection()
    connection.execute(sa.delete(ClosureOutcome.__table__).where(ClosureOutcome.closure_id.in_(kept)))
    connection.execute(sa.delete(ClosureMeasure.__table__).where(ClosureMeasure.closure_id.in_(kept)))
    connection.execute(
        sa.update(Closure.__table__)
        .where(Closure.case_id.in_(case_ids), Closure.outcomes_version.is_not(None))
        .values(outcomes_version=None)
    )
    for record in list(session.identity_map.values()):
        if isinstance(record, Closure) and record.case_id in case_ids:
            session.expire(record, ["outcomes_version"])
