"""Every model, imported in one place so that metadata (and Alembic) sees the whole schema.

Order matters while some area packages still import their views on import: the core records
(people, referrals, cases, sessions) are mapped first so any view module can name them.
"""
# isort: skip_file

from casework.db import Base
from casework.audit.models import AuditEvent
from casework.auth.models import Membership, SignInFailure, Team, User
from casework.people.models import Person
from casework.referrals.models import Referral
from casework.cases.models import (
    Allocation,
    Case,
    Closure,
    ClosureMeasure,
    ClosureOutcome,
    Consent,
    Goal,
    OnwardReferral,
    Plan,
    SchoolAttendance,
    SchoolEvent,
)
from casework.sessions.models import Session, SessionComponent
from casework.engagement.models import (
    EnforcementEvent,
    EngagementContact,
    EngagementStatusChange,
    Escalation,
    Notification,
    ProgrammeActivity,
)
from casework.assessments.models import Assessment, AssessmentItem
from casework.returns.models import ReturnDraft, ReturnSnapshot
from casework.submissions import SubmittedForm

__all__ = [
    "Allocation", "Assessment", "AssessmentItem", "AuditEvent", "Base", "Case", "Closure", "ClosureMeasure", "ClosureOutcome", "Consent",
    "EnforcementEvent", "EngagementContact", "EngagementStatusChange", "Escalation", "Goal",
    "Membership", "Notification", "OnwardReferral", "Person", "Plan", "ProgrammeActivity",
    "Referral", "ReturnDraft", "ReturnSnapshot", "SchoolAttendance", "SchoolEvent", "Session", "SessionComponent",
    "SignInFailure", "SubmittedForm", "Team", "User",
]
