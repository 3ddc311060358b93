"""The closure check for a planned completion, at its boundaries."""

import dataclasses
import json
from datetime import date, timedelta

import pytest

import programmes
from programmes.facts import AssessmentFact, CaseFacts, SessionFact
from programmes.rules import Condition, closure_allowed, closure_check, concern_free_run, due_actions

START = date(2025, 3, 3)
VIP = programmes.current_definition("VIP")
REACH = programmes.current_definition("REACH")
PHOENIX = programmes.current_definition("PHOENIX")


def days(n: int) -> timedelta:
    return timedelta(days=n)


def session(on: date, *components: str, concern: bool = False, attended: bool = True) -> SessionFact:
    return SessionFact(
        on, attended=attended, component_codes=frozenset(components), behaviour_concern=concern
    )


def post(instrument: str, on: date) -> AssessmentFact:
    return AssessmentFact(instrument, "post", on)


def vip_case(*sessions: SessionFact, plans=frozenset({"sustainability"}), assessments=None) -> CaseFacts:
    return CaseFacts(
        started_on=START,
        sessions=sessions,
        plan_kinds=frozenset(plans),
        assessments=(post("VIP-PC", START + days(20)),) if assessments is None else assessments,
    )


def condition(check, code):
    return next(c for c in check.conditions if c.code == code)


# --- VIP: four consecutive concern-free weeks -------------------------------------------------


def test_exactly_four_concern_free_weeks_after_a_concern_passes():
    concern_on = START + days(7)
    facts = vip_case(session(concern_on, "VIP-C3", concern=True))
    check = closure_check(VIP, facts, concern_on + days(1) + days(28))
    assert condition(check, "concern_free_weeks").met
    assert check.ok


def test_three_weeks_and_six_days_is_not_enough():
    concern_on = START + days(7)
    facts = vip_case(session(concern_on, "VIP-C3", concern=True))
    check = closure_check(VIP, facts, concern_on + days(1) + days(27))
    met = condition(check, "concern_free_weeks")
    assert not met.met and not check.ok
    assert (
        met.text
        == "3 of 4 concern-free weeks so far; the fourth completes on 8 April 2025. "
        "The count restarted after a behaviour concern on 10 March 2025."
    )


def test_with_no_concern_the_weeks_count_from_the_case_start():
    facts = vip_case()
    assert not closure_check(VIP, facts, START + days(27)).ok
    check = closure_check(VIP, facts, START + days(28))
    assert check.ok
    assert (
        condition(check, "concern_free_weeks").text
        == "Four consecutive concern-free weeks completed on 31 March 2025; no behaviour concern recorded "
        "since the case started on 3 March 2025."
    )


def test_a_concern_in_week_three_restarts_the_count():
    week_three = START + days(16)
    facts = vip_case(session(START + days(2), "VIP-C1"), session(week_three, "VIP-C3", concern=True))
    on_old_fourth_week = START + days(28)
    check = closure_check(VIP, facts, on_old_fourth_week)
    run = concern_free_run(facts, on_old_fourth_week)
    assert run.run_start == week_three + days(1)
    assert run.weeks_so_far == 1
    assert not condition(check, "concern_free_weeks").met
    assert condition(check, "concern_free_weeks").text.startswith(
        "1 of 4 concern-free weeks so far; the fourth completes on 17 April 2025."
    )
    assert closure_check(VIP, facts, week_three + days(29)).ok


def test_a_concern_recorded_after_today_is_not_counted_yet():
    facts = vip_case(session(START + days(40), "VIP-C3", concern=True))
    assert closure_check(VIP, facts, START + days(30)).ok


def test_concern_free_run_message_uses_the_date_the_fourth_week_completes():
    facts = vip_case(session(date(2025, 4, 13), "VIP-C3", concern=True))
    run = concern_free_run(facts, date(2025, 5, 5))
    assert (run.weeks_so_far, run.completes_on) == (3, date(2025, 5, 12))
    assert run.text.startswith("3 of 4 concern-free weeks so far; the fourth completes on 12 May 2025.")


# --- VIP: sustainability planning --------------------------------------------------------------


def test_a_vip_c8_session_counts_as_sustainability_planning():
    facts = vip_case(session(START + days(10), "VIP-C8"), plans=frozenset())
    check = closure_check(VIP, facts, START + days(40))
    assert condition(check, "sustainability_planning").met
    assert (
        condition(check, "sustainability_planning").text
        == "Sustainability planning has taken place: 1 session covering VIP-C8 Sustainability planning."
    )


def test_a_vip_c8_session_that_was_not_attended_does_not_count():
    facts = vip_case(session(START + days(10), "VIP-C8", attended=False), plans=frozenset())
    check = closure_check(VIP, facts, START + days(40))
    sustainability = condition(check, "sustainability_planning")
    assert not sustainability.met
    assert (
        sustainability.text
        == "No sustainability planning yet: record a session covering VIP-C8 Sustainability planning "
        "or add a sustainability plan."
    )


def test_a_sustainability_plan_counts_without_a_session():
    check = closure_check(VIP, vip_case(plans={"sustainability"}), START + days(40))
    assert condition(check, "sustainability_planning").text == "Sustainability plan recorded."


# --- Post assessment (every programme) ---------------------------------------------------------


def test_a_post_assessment_is_needed():
    facts = vip_case(assessments=(AssessmentFact("VIP-PC", "pre", START),))
    check = closure_check(VIP, facts, START + days(40))
    assert not check.ok
    assert [c.code for c in check.unmet] == ["post_assessment"]
    assert (
        check.unmet[0].text
        == "No post assessment yet: complete the VIP progress check, SWEMWBS or SDQ at closure."
    )


def test_any_instrument_of_the_programme_counts_as_the_post_assessment():
    facts = vip_case(assessments=(post("SWEMWBS", START + days(30)),))
    check = closure_check(VIP, facts, START + days(40))
    assert condition(check, "post_assessment").text == "Post assessment completed: SWEMWBS on 2 April 2025."
    other_programme = vip_case(assessments=(post("RCH-PC", START + days(30)),))
    assert not closure_check(VIP, other_programme, START + days(40)).ok


# --- Reach: about six months and an exit plan --------------------------------------------------


def reach_case(first_session: date | None, plans=frozenset({"exit"})) -> CaseFacts:
    sessions = (session(first_session, "RCH-C1"),) if first_session else ()
    return CaseFacts(
        started_on=START,
        sessions=sessions,
        plan_kinds=frozenset(plans),
        assessments=(post("RCH-PC", START + days(100)),),
    )


def test_reach_needs_22_weeks_from_the_first_session():
    first = START + days(5)
    assert closure_check(REACH, reach_case(first), first + timedelta(weeks=22)).ok
    short = closure_check(REACH, reach_case(first), first + timedelta(weeks=22) - days(1))
    assert not short.ok
    assert (
        condition(short, "time_on_programme").text
        == "21 weeks since the first session on 8 March 2025. Reach runs for about six months, so a planned "
        "completion needs at least 22 weeks from the first session. That is reached on 9 August 2025."
    )


def test_reach_weeks_do_not_start_before_a_session_is_attended():
    check = closure_check(REACH, reach_case(None), START + timedelta(weeks=30))
    assert condition(check, "time_on_programme").text.startswith(
        "No session attended yet, so the 22 weeks have not started."
    )


def test_reach_needs_an_exit_plan():
    first = START + days(5)
    check = closure_check(
        REACH, reach_case(first, plans=frozenset({"intervention"})), first + timedelta(weeks=30)
    )
    assert [c.code for c in check.unmet] == ["exit_plan"]
    assert check.unmet[0].text == "No exit plan recorded yet; add one before closing."


# --- Phoenix: 26 weeks of support and a transition plan ----------------------------------------


def phoenix_case(support_started: date | None, plans=frozenset({"transition"})) -> CaseFacts:
    return CaseFacts(
        started_on=START,
        support_started_on=support_started,
        plan_kinds=frozenset(plans),
        assessments=(post("PHX-PC", START + days(150)),),
    )


def test_phoenix_26_weeks_since_support_started_passes():
    support = START + days(10)
    check = closure_check(PHOENIX, phoenix_case(support), support + timedelta(weeks=26))
    assert check.ok
    assert (
        condition(check, "time_on_programme").text
        == "26 weeks since support started on 13 March 2025; at least 26 needed."
    )


def test_phoenix_25_weeks_fails():
    support = START + days(10)
    check = closure_check(PHOENIX, phoenix_case(support), support + timedelta(weeks=25))
    assert not check.ok
    assert [c.code for c in check.unmet] == ["time_on_programme"]
    assert check.unmet[0].text.startswith("25 weeks since support started on 13 March 2025.")


def test_phoenix_needs_the_support_start_date_and_a_transition_plan():
    check = closure_check(PHOENIX, phoenix_case(None, plans=frozenset()), START + timedelta(weeks=40))
    assert [c.code for c in check.unmet] == ["time_on_programme", "transition_plan"]
    assert check.unmet[0].text.startswith("The date support started is not recorded")


# --- The stored trace and closing ---------------------------------------------------------------


def test_the_trace_is_json_and_names_the_version():
    check = closure_check(VIP, vip_case(assessments=(post("VIP-PC", START + days(9)),)), START + days(10))
    trace = json.loads(json.dumps(check.trace()))
    assert trace["programme"] == "VIP" and trace["version"] == "2024.1"
    assert trace["checked_on"] == "2025-03-13"
    assert trace["ok"] is False
    assert [c["code"] for c in trace["conditions"]] == [
        "concern_free_weeks",
        "sustainability_planning",
        "post_assessment",
    ]
    assert check.version == "2024.1"
    assert [c.code for c in check.met] == ["sustainability_planning", "post_assessment"]


def test_other_closure_reasons_are_always_allowed():
    check = closure_check(VIP, vip_case(), START + days(10))
    decision = closure_allowed(VIP, check, "moved_out_of_area")
    assert decision.allowed and not decision.overridden


def test_a_failed_planned_completion_needs_a_managers_written_reason():
    check = closure_check(VIP, vip_case(assessments=(post("VIP-PC", START + days(9)),)), START + days(10))
    refused = closure_allowed(VIP, check, "planned_completion")
    assert not refused.allowed
    assert refused.reasons[0] == "Cannot close as a planned completion: 1 condition is not met."
    assert (
        refused.reasons[-1]
        == "A manager can approve it with a written reason, or choose another closure reason."
    )
    assert not closure_allowed(VIP, check, "planned_completion", "   ").allowed
    approved = closure_allowed(VIP, check, "planned_completion", "Moved to a new school; support in place.")
    assert approved.allowed and approved.overridden
    assert "a manager recorded why: Moved to a new school; support in place." in approved.reasons[0]


def test_a_passing_planned_completion_is_allowed():
    check = closure_check(VIP, vip_case(), START + days(28))
    assert closure_allowed(VIP, check, "planned_completion").allowed


def test_an_unknown_closure_reason_is_refused_with_the_valid_list():
    check = closure_check(VIP, vip_case(), START + days(28))
    decision = closure_allowed(VIP, check, "finished")
    assert not decision.allowed
    assert "planned_completion" in decision.reasons[0]


@pytest.mark.parametrize("definition", [VIP, REACH, PHOENIX], ids=lambda d: d.programme_code)
def test_every_programme_requires_a_post_assessment(definition):
    assert definition.closure_rule.post_assessment_required


# --- A definition's own closure conditions ------------------------------------------------------


def intervention_plan_on_the_case(definition, facts, today):
    """A condition a programme could add: the intervention plan is recorded before closing."""
    if "intervention" in facts.plan_kinds:
        return Condition("intervention_plan", True, "Intervention plan recorded.")
    return Condition(
        "intervention_plan", False, "No intervention plan recorded yet; add one before closing."
    )


VIP_WITH_EXTRA = dataclasses.replace(
    VIP,
    closure_rule=dataclasses.replace(VIP.closure_rule, extra_conditions=(intervention_plan_on_the_case,)),
)


def test_an_extra_condition_blocks_closure_until_it_holds():
    today = START + days(28)
    without = vip_case()
    assert closure_check(VIP, without, today).ok
    blocked = closure_check(VIP_WITH_EXTRA, without, today)
    assert not blocked.ok
    assert [c.code for c in blocked.unmet] == ["intervention_plan"]
    assert [c.code for c in blocked.conditions][-2:] == ["post_assessment", "intervention_plan"]
    refused = closure_allowed(VIP_WITH_EXTRA, blocked, "planned_completion")
    assert not refused.allowed
    assert "No intervention plan recorded yet; add one before closing." in refused.reasons
    assert "ready_to_close" not in {a.code for a in due_actions(VIP_WITH_EXTRA, without, today)}

    with_plan = vip_case(plans=frozenset({"sustainability", "intervention"}))
    allowed = closure_check(VIP_WITH_EXTRA, with_plan, today)
    assert allowed.ok
    assert condition(allowed, "intervention_plan").text == "Intervention plan recorded."
    assert closure_allowed(VIP_WITH_EXTRA, allowed, "planned_completion").allowed
    assert "ready_to_close" in {a.code for a in due_actions(VIP_WITH_EXTRA, with_plan, today)}
    assert json.loads(json.dumps(allowed.trace()))["conditions"][-1] == {
        "code": "intervention_plan",
        "met": True,
        "text": "Intervention plan recorded.",
    }
