"""The programme rules, as plain functions over plain facts.

Every rule returns a decision together with the reasons for it, written for a youth worker.
Nothing here reads the clock: callers pass ``today`` (and ``now`` where the time of day matters).
One module per question:

- :mod:`.versions`: which definition version is in force on a date;
- :mod:`.ages`: ages and birthdays;
- :mod:`.reasons` and :mod:`.eligibility`: whether a referral is eligible on its referral date;
- :mod:`.closure`: whether a case may close as a planned completion;
- :mod:`.due`: what is due or overdue on a case;
- :mod:`.mapping`: which outcomes a session, an assessment item or a record fact evidences, and
  which instruments a definition uses;
- :mod:`.evidence`: what evidence a case holds for each outcome.

Everything public is importable from ``programmes.rules`` itself.
"""

from __future__ import annotations

from ..facts import (
    AssessmentFact,
    CaseFacts,
    EngagementContactFact,
    OnwardReferralFact,
    ReferralFacts,
    SessionFact,
)
from .ages import age_on, birthday_in_year, date_turning
from .closure import (
    ClosureCheck,
    ClosureDecision,
    ConcernFreeRun,
    Condition,
    closure_allowed,
    closure_check,
    concern_free_run,
)
from .due import Action, due_actions, first_contact_deadline, planned_end_on, triage_deadline, triage_due
from .eligibility import check_eligibility
from .evidence import (
    EvidenceLine,
    OutcomeEvidence,
    RecordResult,
    evaluate_record_rule,
    outcome_evidence,
)
from .mapping import (
    instrument_for,
    instruments_for_age,
    outcomes_for_item,
    outcomes_for_record_fact,
    outcomes_for_session,
)
from .reasons import Decision, Reason
from .versions import NoDefinitionInForce, version_in_force

__all__ = [
    "Action",
    "AssessmentFact",
    "CaseFacts",
    "ClosureCheck",
    "ClosureDecision",
    "ConcernFreeRun",
    "Condition",
    "Decision",
    "EngagementContactFact",
    "EvidenceLine",
    "NoDefinitionInForce",
    "OnwardReferralFact",
    "OutcomeEvidence",
    "Reason",
    "RecordResult",
    "ReferralFacts",
    "SessionFact",
    "age_on",
    "birthday_in_year",
    "check_eligibility",
    "closure_allowed",
    "closure_check",
    "concern_free_run",
    "date_turning",
    "due_actions",
    "evaluate_record_rule",
    "first_contact_deadline",
    "instrument_for",
    "instruments_for_age",
    "outcome_evidence",
    "outcomes_for_item",
    "outcomes_for_record_fact",
    "outcomes_for_session",
    "planned_end_on",
    "triage_deadline",
    "triage_due",
    "version_in_force",
]
