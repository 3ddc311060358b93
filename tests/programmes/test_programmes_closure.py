"""The closure check for a planned completion, at its boundaries."""

import dataclasses
import json
from datetime import date, timedelta

import pytest

import programmes
from programmes.facts import AssessmentFact, CaseFacts, EngagementContactFact, SessionFact
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


def weekly(weeks: int, first: date = START, *components: str) -> tuple[SessionFact, ...]:
    """One attended session a week for ``weeks`` weeks, the first on ``first``."""
    return tuple(session(first + timedelta(weeks=w), *(components or ("VIP-C1",))) for w in range(weeks))


#: A VIP case that has had everything: weekly sessions from the start for 13 weeks.
FULL = weekly(13)
DONE_ON = START + timedelta(weeks=13)


def vip_case(*sessions: SessionFact, plans=frozenset({"sustainability"}), assessments=None, contacts=()) -> CaseFacts:
    return CaseFacts(
        started_on=START,
        sessions=sessions,
        plan_kinds=frozenset(plans),
        assessments=(post("VIP-PC", START + days(20)),) if assessments is None else assessments,
        engagement_contacts=tuple(contacts),
        person_name="Avery",
    )


def condition(check, code):
    return next(c for c in check.conditions if c.code == code)


# --- VIP: four concern-free weeks in which the young person was seen ---------------------------


def test_a_vip_case_with_no_sessions_cannot_complete():
    check = closure_check(VIP, vip_case(), START + timedelta(weeks=20))
    assert not check.ok
    concern_free = condition(check, "concern_free_weeks")
    assert not concern_free.met
    assert concern_free.text.startswith(
        "0 of 4 concern-free weeks so far: nobody saw Avery in 20 of the weeks since 3 March, the last the week"
        " of 14 July."
    )
    assert condition(check, "dosage").text.startswith("0 sessions attended so far; at least 6 needed.")


def test_four_weeks_with_a_session_each_and_no_concern_meet_the_run():
    facts = vip_case(*weekly(4, START + days(1)))
    check = closure_check(VIP, facts, START + days(28))
    assert condition(check, "concern_free_weeks").met
    assert condition(check, "concern_free_weeks").text == (
        "Four concern-free weeks in which Avery was seen, completed on 31 March 2025; no behaviour concern"
        " recorded since the case started on 3 March 2025."
    )
    # The fourth week is not over a day earlier: a concern could still be recorded in it.
    early = condition(closure_check(VIP, facts, START + days(27)), "concern_free_weeks")
    assert not early.met
    assert early.text == "3 of 4 concern-free weeks so far. This week ends on 30 March 2025."


def test_a_full_vip_case_completes():
    assert closure_check(VIP, vip_case(*FULL), DONE_ON).ok


def test_a_week_without_contact_neither_counts_nor_resets():
    sessions = (session(START), session(START + days(7)), session(START + days(21)), session(START + days(28)))
    run = concern_free_run(vip_case(*sessions), START + days(35))
    assert run.met and run.weeks_so_far == 4
    two = concern_free_run(vip_case(*sessions[:3]), START + days(28))
    assert two.weeks_so_far == 3 and not two.met
    midway = concern_free_run(vip_case(*sessions[:2]), START + days(21))
    assert midway.text == (
        "2 of 4 concern-free weeks so far: nobody saw Avery in the week of 17 March. A week counts only when"
        " Avery is seen in it (an attended session or a successful in-person contact)."
    )


def test_a_successful_in_person_contact_counts_as_seen_and_a_phone_call_does_not():
    contacts = [EngagementContactFact(START + days(7 * w + 1), "home_visit", "spoke_engaged") for w in range(4)]
    assert concern_free_run(vip_case(contacts=contacts), START + days(28)).met
    calls = [EngagementContactFact(START + days(7 * w + 1), "phone", "spoke_engaged") for w in range(4)]
    assert concern_free_run(vip_case(contacts=calls), START + days(28)).weeks_so_far == 0


def test_a_concern_restarts_the_count():
    facts = vip_case(*weekly(2), session(START + days(16), "VIP-C3", concern=True), *weekly(4, START + days(22)))
    run = concern_free_run(facts, START + days(35))
    assert run.weeks_so_far == 2 and not run.met
    assert run.text == (
        "2 of 4 concern-free weeks so far. The count restarted after a behaviour concern on 19 March 2025."
        " This week ends on 13 April 2025."
    )
    assert concern_free_run(facts, START + days(49)).met


def test_a_concern_in_the_week_under_way_restarts_at_once():
    facts = vip_case(*weekly(4), session(START + days(29), "VIP-C3", concern=True))
    assert concern_free_run(facts, START + days(28)).met
    assert concern_free_run(facts, START + days(30)).weeks_so_far == 0


def test_a_concern_recorded_after_today_is_not_counted_yet():
    facts = vip_case(*FULL, session(DONE_ON + days(10), "VIP-C3", concern=True))
    assert closure_check(VIP, facts, DONE_ON).ok


# --- VIP: minimum time and attended sessions ----------------------------------------------------


def test_vip_needs_13_weeks_and_6_attended_sessions():
    facts = vip_case(*weekly(5))
    check = closure_check(VIP, facts, START + timedelta(weeks=12))
    assert [c.code for c in check.unmet] == ["time_on_programme", "dosage"]
    assert check.unmet[0].text.startswith("12 weeks since the case started on 3 March 2025.")
    assert check.unmet[1].text.startswith("5 sessions attended so far; at least 6 needed.")
    assert condition(closure_check(VIP, vip_case(*weekly(6)), DONE_ON), "dosage").text == (
        "6 sessions attended (at least 6 needed)."
    )


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
    facts = vip_case(*FULL, assessments=(AssessmentFact("VIP-PC", "pre", START),))
    check = closure_check(VIP, facts, DONE_ON)
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


def reach_case(first_session: date | None, plans=frozenset({"exit"}), weeks: int = 23) -> CaseFacts:
    sessions = weekly(weeks, first_session, "RCH-C1") if first_session else ()
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


def test_reach_with_one_session_and_22_weeks_is_not_met():
    first = START + days(5)
    check = closure_check(REACH, reach_case(first, weeks=1), first + timedelta(weeks=22))
    assert not check.ok
    assert [c.code for c in check.unmet] == ["dosage"]
    assert check.unmet[0].text.startswith(
        "1 session attended so far; at least 11 needed. No session attended since 8 March 2025 (22 weeks);"
        " at most 6 weeks between sessions."
    )


def test_reach_a_break_longer_than_six_weeks_is_not_met():
    first = START + days(5)
    sessions = weekly(6, first, "RCH-C1") + weekly(10, first + timedelta(weeks=13), "RCH-C1")
    facts = dataclasses.replace(reach_case(first), sessions=sessions)
    check = closure_check(REACH, facts, first + timedelta(weeks=23))
    assert [c.code for c in check.unmet] == ["dosage"]
    assert check.unmet[0].text.startswith(
        "No session attended between 12 April 2025 and 7 June 2025 (8 weeks); at most 6 weeks between sessions."
    )
    passing = condition(closure_check(REACH, reach_case(first), first + timedelta(weeks=23)), "dosage")
    assert passing.text == "23 sessions attended (at least 11 needed), never more than 6 weeks apart."


def test_reach_weeks_do_not_start_before_a_session_is_attended():
    check = closure_check(REACH, reach_case(None), START + timedelta(weeks=30))
    assert condition(check, "time_on_programme").text.startswith(
        "No session attended yet, so the 22 weeks have not started."
    )


def test_reach_needs_an_exit_plan():
    first = START + days(5)
    check = closure_check(
        REACH, reach_case(first, plans=frozenset({"intervention"})), first + timedelta(weeks=23)
    )
    assert [c.code for c in check.unmet] == ["exit_plan"]
    assert check.unmet[0].text == "No exit plan recorded yet; add one before closing."


# --- Phoenix: 26 weeks of support and a transition plan ----------------------------------------


def phoenix_case(
    support_started: date | None, plans=frozenset({"transition"}), status="engaged", weeks: int = 30
) -> CaseFacts:
    first = support_started or START
    return CaseFacts(
        started_on=START,
        support_started_on=support_started,
        sessions=weekly(weeks, first, "PHX-C1"),
        plan_kinds=frozenset(plans),
        assessments=(post("PHX-PC", START + days(150)),),
        engagement_status=status,
    )


def test_phoenix_26_weeks_since_support_started_passes():
    support = START + days(10)
    check = closure_check(PHOENIX, phoenix_case(support), support + timedelta(weeks=26))
    assert check.ok
    assert (
        condition(check, "time_on_programme").text
        == "26 weeks since support started on 13 March 2025; at least 26 needed."
    )
    assert condition(check, "sustained_engagement").text == (
        "Engaged in 26 of the 26 weeks since support started (at least 20 needed)."
    )


def test_phoenix_26_weeks_count_from_a_support_start_later_than_consent():
    support = START + timedelta(weeks=8)
    at_26_weeks_from_consent = START + timedelta(weeks=26)
    check = closure_check(PHOENIX, phoenix_case(support), at_26_weeks_from_consent)
    assert [c.code for c in check.unmet] == ["time_on_programme"]
    assert check.unmet[0].text == (
        "18 weeks since support started on 28 April 2025. Phoenix support lasts at least six months, so a"
        " planned completion needs at least 26 weeks. That is reached on 27 October 2025."
    )
    assert closure_check(PHOENIX, phoenix_case(support), support + timedelta(weeks=26)).ok


def test_phoenix_25_weeks_fails():
    support = START + days(10)
    check = closure_check(PHOENIX, phoenix_case(support), support + timedelta(weeks=25))
    assert not check.ok
    assert [c.code for c in check.unmet] == ["time_on_programme"]
    assert check.unmet[0].text.startswith("25 weeks since support started on 13 March 2025.")


def test_phoenix_refused_is_not_met():
    support = START + days(10)
    facts = dataclasses.replace(phoenix_case(support, status="refused"), sessions=())
    check = closure_check(PHOENIX, facts, support + timedelta(weeks=26))
    assert not check.ok
    assert [c.code for c in check.unmet] == ["sustained_engagement"]
    assert check.unmet[0].text.startswith(
        "Engaged in 0 of the 26 weeks since support started on 13 March 2025; at least 20 needed. Engagement"
        " is recorded as “Refused”; a planned completion needs the participant still engaged at closure."
    )


def test_phoenix_disengaged_at_closure_is_not_met_even_after_engaging():
    support = START + days(10)
    check = closure_check(PHOENIX, phoenix_case(support, status="disengaged"), support + timedelta(weeks=26))
    assert [c.code for c in check.unmet] == ["sustained_engagement"]
    assert check.unmet[0].text.startswith("Engagement is recorded as “Disengaged”")


def test_phoenix_needs_the_support_start_date_and_a_transition_plan():
    check = closure_check(PHOENIX, phoenix_case(None, plans=frozenset()), START + timedelta(weeks=40))
    assert [c.code for c in check.unmet] == ["time_on_programme", "sustained_engagement", "transition_plan"]
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
        "time_on_programme",
        "dosage",
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
    assert refused.reasons[0] == "Cannot close as a planned completion: 3 conditions are not met."
    assert (
        refused.reasons[-1]
        == "A manager can approve it with a written reason, or choose another closure reason."
    )
    assert not closure_allowed(VIP, check, "planned_completion", "   ").allowed
    approved = closure_allowed(VIP, check, "planned_completion", "Moved to a new school; support in place.")
    assert approved.allowed and approved.overridden
    assert "a manager recorded why: Moved to a new school; support in place." in approved.reasons[0]


def test_a_passing_planned_completion_is_allowed():
    check = closure_check(VIP, vip_case(*FULL), DONE_ON)
    assert closure_allowed(VIP, check, "planned_completion").allowed


def test_an_unknown_closure_reason_is_refused_with_the_valid_list():
    check = closure_check(VIP, vip_case(*FULL), DONE_ON)
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
    today = DONE_ON
    without = vip_case(*FULL)
    assert closure_check(VIP, without, today).ok
    blocked = closure_check(VIP_WITH_EXTRA, without, today)
    assert not blocked.ok
    assert [c.code for c in blocked.unmet] == ["intervention_plan"]
    assert [c.code for c in blocked.conditions][-2:] == ["post_assessment", "intervention_plan"]
    refused = closure_allowed(VIP_WITH_EXTRA, blocked, "planned_completion")
    assert not refused.allowed
    assert "No intervention plan recorded yet; add one before closing." in refused.reasons
    assert "ready_to_close" not in {a.code for a in due_actions(VIP_WITH_EXTRA, without, today)}

    with_plan = vip_case(*FULL, plans=frozenset({"sustainability", "intervention"}))
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
