"""Engagement and enforcement. Enforcement URLs admit workers so that they answer 404 for them
(a worker is not told an enforcement record exists); the routes refuse them inside."""

RECORDERS = {"youth_worker", "navigator", "manager"}
ENFORCEMENT = {"enforcement_officer", "manager"}
ENFORCEMENT_URLS = {"youth_worker", "navigator", "manager", "enforcement_officer"}

ROUTES = {
    "engagement.escalations": ENFORCEMENT,
    "engagement.case_engagement": RECORDERS,
    "engagement.new_contact": RECORDERS,
    "engagement.edit_contact": RECORDERS,
    "engagement.change_status": RECORDERS,
    "engagement.new_notification": RECORDERS,
    "engagement.edit_notification": RECORDERS,
    "engagement.new_escalation": RECORDERS,
    "engagement.escalation_outcome": ENFORCEMENT,
    "engagement.enforcement": ENFORCEMENT_URLS,
    "engagement.new_enforcement_event": ENFORCEMENT_URLS,
    "engagement.edit_enforcement_event": ENFORCEMENT_URLS,
    "engagement.programme_activities": {"manager"},
}
