"""Due and overdue actions on a case, as shown on caseload pages."""

from datetime import date, datetime, timedelta, timezone

import programmes
from programmes.facts import AssessmentFact, CaseFacts, SessionFact
from programmes.rules import due_actions, first_contact_deadline, planned_end_on, triage_deadline, triage_due

VIP = programmes.current_definition("VIP")
REACH = programmes.current_definition("REACH")
PHOENIX = programmes.current_definition("PHOENIX")
START = date(2025, 5, 1)


def codes(actions):
    return [action.code for action in actions]


def action(actions, code):
    return next(a for a in actions if a.code == code)


def test_first_contact_is_due_48_hours_after_a_vip_referral():
    received = datetime(2025, 5, 12, 9, 30, tzinfo=timezone.utc)
    assert first_contact_deadline(VIP, received) == received + timedelta(hours=48)
    facts = CaseFacts(started_on=date(2025, 5, 12), referral_received_at=received)
    due = action(due_actions(VIP, facts, date(2025, 5, 13)), "first_contact_due")
    assert not due.overdue
    assert due.label == "First contact due by 10:30 on 14 May 2025"
    assert due.due_on == date(2025, 5, 14)
    late = action(due_actions(VIP, facts, date(2025, 5, 15)), "first_contact_due")
    assert late.overdue and late.urgency == 5
    assert late.label == "First contact overdue: it was due by 10:30 on 14 May 2025"


def test_first_contact_is_judged_to_the_minute_when_now_is_given():
    received = datetime(2025, 5, 12, 9, 30, tzinfo=timezone.utc)
    facts = CaseFacts(started_on=date(2025, 5, 12), referral_received_at=received)
    before = due_actions(VIP, facts, date(2025, 5, 14), now=datetime(2025, 5, 14, 9, 29, tzinfo=timezone.utc))
    after = due_actions(VIP, facts, date(2025, 5, 14), now=datetime(2025, 5, 14, 9, 31, tzinfo=timezone.utc))
    assert not action(before, "first_contact_due").overdue
    assert action(after, "first_contact_due").overdue


def test_no_first_contact_action_once_contact_is_recorded():
    facts = CaseFacts(
        started_on=START,
        referral_received_at=datetime(2025, 4, 30, 9, 0, tzinfo=timezone.utc),
        first_contact_at=datetime(2025, 4, 30, 15, 0, tzinfo=timezone.utc),
    )
    assert "first_contact_due" not in codes(due_actions(VIP, facts, START))


def test_pre_assessment_is_due_within_14_days_of_the_start():
    facts = CaseFacts(started_on=START, sessions=(SessionFact(START),))
    due = action(due_actions(VIP, facts, START + timedelta(days=14)), "pre_assessment_due")
    assert not due.overdue and due.label == "Pre assessment due by 15 May 2025"
    late = action(due_actions(VIP, facts, START + timedelta(days=15)), "pre_assessment_due")
    assert late.overdue and late.label == "Pre assessment overdue: it was due by 15 May 2025"
    done = CaseFacts(
        started_on=START,
        sessions=(SessionFact(START),),
        assessments=(AssessmentFact("SWEMWBS", "pre", START),),
    )
    assert "pre_assessment_due" not in codes(due_actions(VIP, done, START + timedelta(days=15)))


def test_no_session_for_too_long():
    facts = CaseFacts(
        started_on=START,
        sessions=(
            SessionFact(START + timedelta(days=2)),
            SessionFact(START + timedelta(days=9), attended=False),
        ),
    )
    assert "no_session" not in codes(due_actions(VIP, facts, START + timedelta(days=15)))
    alert = action(due_actions(VIP, facts, START + timedelta(days=18)), "no_session")
    assert alert.label == "No session for 16 days"
    assert alert.overdue
    assert alert.detail.startswith("The last attended session was on 3 May 2025.")


def test_no_session_since_the_case_started():
    alert = action(due_actions(VIP, CaseFacts(started_on=START), START + timedelta(days=14)), "no_session")
    assert alert.label == "No session for 14 days"
    assert "No session has been attended since the case started on 1 May 2025." in alert.detail


def ready_vip_case(**overrides):
    values = dict(
        started_on=START,
        sessions=tuple(
            SessionFact(START + timedelta(days=7 * n), component_codes=frozenset({"VIP-C3"}))
            for n in range(14)
        ),
        plan_kinds=frozenset({"sustainability"}),
        assessments=(AssessmentFact("VIP-PC", "pre", START),),
    )
    values.update(overrides)
    return CaseFacts(**values)


def test_post_assessment_is_prompted_when_everything_else_is_met():
    actions = due_actions(VIP, ready_vip_case(), START + timedelta(weeks=13))
    post = action(actions, "post_assessment_due")
    assert post.label == "Post assessment due: every other closure condition is met"
    assert "ready_to_close" not in codes(actions)


def test_post_assessment_is_prompted_near_the_planned_end():
    facts = ready_vip_case(plan_kinds=frozenset())
    end = planned_end_on(VIP, facts, START)
    assert end == START + timedelta(weeks=17)
    assert "post_assessment_due" not in codes(due_actions(VIP, facts, end - timedelta(days=15)))
    near = action(due_actions(VIP, facts, end - timedelta(days=14)), "post_assessment_due")
    assert near.label == "Post assessment due by the planned end on 28 August 2025"


def test_ready_to_close_when_the_closure_check_passes():
    facts = ready_vip_case(
        assessments=(
            AssessmentFact("VIP-PC", "pre", START),
            AssessmentFact("VIP-PC", "post", START + timedelta(weeks=13)),
        )
    )
    actions = due_actions(VIP, facts, START + timedelta(weeks=13))
    assert codes(actions) == ["ready_to_close"]
    assert actions[0].label == "Ready to close as a planned completion"


def test_past_the_planned_length():
    facts = ready_vip_case(plan_kinds=frozenset())
    late = action(due_actions(VIP, facts, START + timedelta(weeks=19)), "past_planned_length")
    assert late.label == "Past the planned length: 19 weeks on VIP (planned 13 to 17 weeks)"


def test_actions_are_sorted_most_urgent_first():
    facts = CaseFacts(started_on=START, referral_received_at=datetime(2025, 4, 30, 9, 0, tzinfo=timezone.utc))
    actions = due_actions(VIP, facts, START + timedelta(days=20))
    assert codes(actions) == ["first_contact_due", "no_session", "pre_assessment_due"]
    assert [a.urgency for a in actions] == sorted((a.urgency for a in actions), reverse=True)


def test_a_closed_case_has_no_actions():
    facts = CaseFacts(started_on=START, closed_on=START + timedelta(days=3))
    assert due_actions(VIP, facts, START + timedelta(days=30)) == ()


def test_phoenix_planned_end_counts_from_support_start():
    facts = CaseFacts(started_on=START, support_started_on=START + timedelta(days=10))
    assert planned_end_on(PHOENIX, facts, START) == START + timedelta(days=10, weeks=26)


def test_reach_referrals_are_triaged_within_24_hours():
    received = datetime(2025, 5, 12, 9, 15, tzinfo=timezone.utc)
    assert triage_deadline(REACH, received) == received + timedelta(hours=24)
    due = triage_due(REACH, received, now=datetime(2025, 5, 12, 17, 0, tzinfo=timezone.utc))
    assert not due.overdue and due.label == "Triage referral by 10:15 on 13 May 2025"
    late = triage_due(REACH, received, now=datetime(2025, 5, 13, 9, 16, tzinfo=timezone.utc))
    assert late.overdue and late.urgency == 5
    assert triage_deadline(VIP, received) is None
    assert triage_due(VIP, received, now=received) is None


def test_london_time_is_used_for_labels_and_dates():
    received = datetime(2025, 1, 10, 23, 30, tzinfo=timezone.utc)
    due = triage_due(REACH, received, now=received)
    assert due.label == "Triage referral by 23:30 on 11 January 2025"
    summer = datetime(2025, 7, 10, 23, 30, tzinfo=timezone.utc)
    assert triage_due(REACH, summer, now=summer).due_on == date(2025, 7, 12)
