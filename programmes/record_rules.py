"""The record rules: facts in a case record that evidence an outcome (returns.md section F, "record").

Each rule is data here and is evaluated by :func:`programmes.rules.evaluate_record_rule` over a
case's :class:`~programmes.facts.CaseFacts`. A programme definition lists the rules it uses and
maps each one to outcomes through its record indicators.
"""

from __future__ import annotations

from .model import RecordRule

CONCERN_FREE_FOUR_WEEKS = RecordRule(
    "concern_free_four_weeks",
    "Four concern-free weeks",
    "Four consecutive weeks with no behaviour concern recorded, counted as in the VIP closure rule.",
)

ONWARD_REFERRAL_ACCEPTED = RecordRule(
    "onward_referral_accepted",
    "Onward referral taken up",
    "An onward referral to a specialist or partner service was accepted.",
)

POSITIVE_ACTIVITY_TAKEN_UP = RecordRule(
    "positive_activity_taken_up",
    "Positive activity taken up",
    "An onward referral to sport or a positive activity was accepted.",
)

ETE_IMPROVED = RecordRule(
    "ete_improved",
    "ETE status better than at start",
    "Education, training or employment status at the latest record is better than at the start "
    "(not in education, employment or training is lowest; part-time education or a reduced "
    "timetable next; full-time education, training or work highest).",
)

IN_ETE_AT_LATEST = RecordRule(
    "in_ete_at_latest",
    "In education, training or work",
    "In full-time education, training or work at the latest record.",
)

ATTENDANCE_IMPROVED = RecordRule(
    "attendance_improved",
    "School attendance improved",
    "School attendance at the latest record is higher than it was at referral.",
)

FEWER_SUSPENSIONS = RecordRule(
    "fewer_suspensions",
    "Fewer suspensions",
    "Fewer suspensions during the programme than in the six months before referral.",
)

NO_PERMANENT_EXCLUSION = RecordRule(
    "no_permanent_exclusion",
    "No permanent exclusion",
    "No permanent exclusion while on the programme.",
)

SUSTAINED_ENGAGEMENT = RecordRule(
    "sustained_engagement",
    "Sustained engagement",
    "Engaged in at least 12 of the last 16 weeks. A week counts when it had an attended session "
    "or a contact where the person engaged or met their worker.",
)

#: Every record rule the rules module can evaluate, by code.
RECORD_RULES = (
    CONCERN_FREE_FOUR_WEEKS,
    ONWARD_REFERRAL_ACCEPTED,
    POSITIVE_ACTIVITY_TAKEN_UP,
    ETE_IMPROVED,
    IN_ETE_AT_LATEST,
    ATTENDANCE_IMPROVED,
    FEWER_SUSPENSIONS,
    NO_PERMANENT_EXCLUSION,
    SUSTAINED_ENGAGEMENT,
)
