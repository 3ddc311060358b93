"""Who may use each route, one module per area (so areas can be added independently).

Each module defines ROUTES = {endpoint: "public" | set of roles}. The permission tests merge
them and fail if any route of the app is missing here, or listed here but gone from the app.
Changing a permission means changing these tables on purpose.
"""

from __future__ import annotations

import importlib
import pkgutil

from casework.security import ALL_ROLES

WORKERS = frozenset({"youth_worker", "navigator"})
READERS = frozenset({"youth_worker", "navigator", "manager"})
EVERYONE = frozenset(ALL_ROLES)


def expected_access() -> dict[str, object]:
    merged: dict[str, object] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for endpoint, roles in module.ROUTES.items():
            assert endpoint not in merged, f"{endpoint} is listed twice"
            merged[endpoint] = roles
    return merged


#: URL argument name -> the kind of record it names. Routes that take a record id must use
#: these names, so the cross-team test can aim each route at another team's record.
ARGUMENT_RECORDS = {
    "person_id": "person",
    "referral_id": "referral",
    "case_id": "case",
    "session_id": "session",
    "assessment_id": "assessment",
    "plan_id": "plan",
    "goal_id": "goal",
    "consent_id": "consent",
    "contact_id": "contact",
    "notification_id": "notification",
    "escalation_id": "escalation",
    "event_id": "enforcement_event",
    "onward_referral_id": "onward_referral",
    "school_event_id": "school_event",
    "closure_id": "closure",
    "snapshot_id": "snapshot",
}
