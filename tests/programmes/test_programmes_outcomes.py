"""Which outcomes a session, an assessment item or a record fact evidences, and the case's outcomes panel."""

import dataclasses
from datetime import date, timedelta

import pytest

import programmes
from programmes.facts import AssessmentFact, CaseFacts, EngagementContactFact, OnwardReferralFact, SessionFact
from programmes.model import Indicator, RecordRule
from programmes.rules import (
    EvidenceLine,
    RecordResult,
    evaluate_record_rule,
    outcome_evidence,
    outcomes_for_item,
    outcomes_for_record_fact,
    outcomes_for_session,
)

VIP = programmes.current_definition("VIP")
REACH = programmes.current_definition("REACH")
PHOENIX = programmes.current_definition("PHOENIX")
START = date(2025, 1, 6)


def test_a_session_evidences_its_components_outcomes_and_the_relationship():
    assert outcomes_for_session(VIP, {"VIP-C3"}) == ("VIP-S1", "VIP-S4", "VIP-M2", "VIP-M4", "VIP-L1")
    assert outcomes_for_session(VIP, set()) == ()
    with pytest.raises(KeyError, match="VIP-C9"):
        outcomes_for_session(VIP, {"VIP-C9"})


def test_enforcement_events_are_not_session_evidence():
    assert outcomes_for_session(PHOENIX, {"PHX-C8"}) == ()


def test_an_item_evidences_its_outcomes_and_shared_instruments_follow_the_programme():
    assert outcomes_for_item(VIP, "VIP-PC", "VIP-PC-10") == ("VIP-M1",)
    assert outcomes_for_item(VIP, "SWEMWBS", "SWEMWBS-3") == ("VIP-L3",)
    assert outcomes_for_item(REACH, "SWEMWBS") == ("RCH-S3",)
    assert outcomes_for_item(PHOENIX, "SDQ") == ("PHX-M1",)


def test_a_record_fact_evidences_its_outcomes():
    assert outcomes_for_record_fact(REACH, "no_permanent_exclusion") == ("RCH-L1",)
    assert outcomes_for_record_fact(VIP, "concern_free_four_weeks") == ("VIP-L1",)
    assert outcomes_for_record_fact(VIP, "positive_activity_taken_up") == ("VIP-M6", "VIP-L7")
    assert outcomes_for_record_fact(PHOENIX, "no_permanent_exclusion") == ()


def test_the_outcomes_panel_counts_sessions_by_component():
    facts = CaseFacts(
        started_on=START,
        sessions=(
            SessionFact(START, component_codes=frozenset({"VIP-C3"})),
            SessionFact(START + timedelta(days=7), component_codes=frozenset({"VIP-C3", "VIP-C4"})),
            SessionFact(START + timedelta(days=14), component_codes=frozenset({"VIP-C3"})),
            SessionFact(START + timedelta(days=21), attended=False, component_codes=frozenset({"VIP-C3"})),
        ),
    )
    panel = {entry.outcome_code: entry for entry in outcome_evidence(VIP, facts, START + timedelta(days=30))}
    assert panel["VIP-S4"].lines[0].text == "Activity: 3 sessions covering VIP-C3 Social skills training."
    assert panel["VIP-S4"].reached
    assert panel["VIP-S1"].lines[0].text == "Activity: 3 sessions attended."
    assert (
        panel["VIP-S2"].lines[0].text == "Activity: no sessions yet covering VIP-C1 Understanding behaviours."
    )
    assert not panel["VIP-S2"].reached
    assert panel["VIP-S4"].lines[1].text == "Measure: no VIP progress check completed yet."


def test_the_outcomes_panel_compares_pre_and_post_measures():
    check = VIP.progress_check
    pre = {code: 2 for code in check.item_codes} | {"VIP-PC-10": 4, "VIP-PC-11": 4}
    post = {code: 4 for code in check.item_codes} | {"VIP-PC-10": 1, "VIP-PC-11": 2}
    facts = CaseFacts(
        started_on=START,
        assessments=(
            AssessmentFact("VIP-PC", "pre", START, pre),
            AssessmentFact("VIP-PC", "post", START + timedelta(days=90), post),
            AssessmentFact("SWEMWBS", "pre", START, {f"SWEMWBS-{n}": 2 for n in range(1, 8)}),
        ),
    )
    panel = {entry.outcome_code: entry for entry in outcome_evidence(VIP, facts, START + timedelta(days=95))}
    m1 = panel["VIP-M1"].lines[-1]
    assert (
        m1.text
        == "Measure: VIP progress check, questions 10 and 11: average 2 at the start, 4.5 at the end;"
        " improved."
    )
    assert m1.achieved and panel["VIP-M1"].improved
    wellbeing = [line for line in panel["VIP-L3"].lines if line.kind == "measure"][0]
    assert wellbeing.text == "Measure: SWEMWBS metric score: 15.32 at the start; no post assessment yet."
    assert wellbeing.achieved is None


def test_sdq_pre_and_post_are_compared_for_the_same_informant():
    base = {"emotional": 5, "conduct": 5, "hyperactivity": 6, "peer": 4, "prosocial": 6}
    facts = CaseFacts(
        started_on=START,
        assessments=(
            AssessmentFact("SDQ", "pre", START, base, informant="self"),
            AssessmentFact(
                "SDQ", "pre", START + timedelta(days=1), base | {"conduct": 0}, informant="teacher"
            ),
            AssessmentFact(
                "SDQ", "post", START + timedelta(days=100), base | {"conduct": 1}, informant="self"
            ),
        ),
    )
    panel = {
        entry.outcome_code: entry for entry in outcome_evidence(REACH, facts, START + timedelta(days=100))
    }
    line = [line for line in panel["RCH-M1"].lines if line.kind == "measure" and "SDQ" in line.text][0]
    assert line.text == "Measure: SDQ total difficulties: 20 at the start, 16 at the end; improved."


def test_outcomes_evidenced_outside_case_records_say_so():
    panel = {
        entry.outcome_code: entry for entry in outcome_evidence(PHOENIX, CaseFacts(started_on=START), START)
    }
    assert panel["PHX-L1"].lines == panel["PHX-L1"].lines[-1:]
    assert (
        panel["PHX-L1"].lines[0].text
        == "Evidenced outside case records, by partner data such as police and hospital records."
    )
    assert (
        panel["PHX-AS4"].lines[0].text
        == "Evidenced outside case records, by programme-level activity recorded by a manager."
    )


# --- Record rules ------------------------------------------------------------------------------


def test_onward_referral_rules():
    facts = CaseFacts(
        started_on=START,
        onward_referrals=(
            OnwardReferralFact(START, "substance_misuse", accepted=True),
            OnwardReferralFact(START, "sport_positive_activity", accepted=None),
        ),
    )
    accepted = evaluate_record_rule(VIP, "onward_referral_accepted", facts, START)
    assert (accepted.evaluable, accepted.achieved) == (True, True)
    assert accepted.text == "2 onward referrals made; 1 accepted (substance misuse)."
    activity = evaluate_record_rule(VIP, "positive_activity_taken_up", facts, START)
    assert activity.achieved is False
    assert (
        activity.text
        == "1 referral to sport or a positive activity made; awaiting an answer on 1, none accepted yet."
    )
    nothing = evaluate_record_rule(VIP, "onward_referral_accepted", CaseFacts(started_on=START), START)
    assert (nothing.evaluable, nothing.achieved, nothing.text) == (
        False,
        None,
        "No onward referrals made yet.",
    )


def test_school_record_rules():
    facts = CaseFacts(
        started_on=START,
        attendance_at_referral_percent=72,
        attendance_latest_percent=85.5,
        suspensions_in_six_months_before_referral=3,
        suspensions_during_programme=1,
        permanently_excluded_during_programme=False,
    )
    attendance = evaluate_record_rule(REACH, "attendance_improved", facts, START)
    assert (
        attendance.achieved and attendance.text == "School attendance 72% at referral, 85.5% now: improved."
    )
    suspensions = evaluate_record_rule(REACH, "fewer_suspensions", facts, START)
    assert suspensions.achieved
    assert (
        suspensions.text == "3 suspensions in the six months before referral, 1 during the programme: fewer."
    )
    assert evaluate_record_rule(REACH, "no_permanent_exclusion", facts, START).achieved
    unknown = evaluate_record_rule(REACH, "no_permanent_exclusion", CaseFacts(started_on=START), START)
    assert not unknown.evaluable


def test_ete_record_rules():
    facts = CaseFacts(
        started_on=START, ete_status_at_start="neet", ete_status_latest="training_or_apprenticeship"
    )
    improved = evaluate_record_rule(PHOENIX, "ete_improved", facts, START)
    assert improved.achieved
    assert (
        improved.text
        == "At the start: not in education, employment or training (NEET); now: in training or an"
        " apprenticeship, better than at the start."
    )
    assert evaluate_record_rule(VIP, "in_ete_at_latest", facts, START).achieved
    assert not evaluate_record_rule(
        VIP, "ete_improved", CaseFacts(started_on=START, ete_status_latest="employed"), START
    ).evaluable


def test_sustained_engagement_needs_12_of_the_last_16_weeks():
    support = date(2025, 1, 6)
    today = support + timedelta(weeks=16) - timedelta(days=1)
    engaged_weeks = [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 14]
    facts = CaseFacts(
        started_on=support,
        support_started_on=support,
        sessions=tuple(SessionFact(support + timedelta(weeks=w, days=2)) for w in engaged_weeks[:6]),
        engagement_contacts=tuple(
            EngagementContactFact(support + timedelta(weeks=w, days=3), "phone", "spoke_engaged")
            for w in engaged_weeks[6:]
        )
        + (EngagementContactFact(support + timedelta(weeks=15, days=1), "phone", "no_answer"),),
    )
    result = evaluate_record_rule(PHOENIX, "sustained_engagement", facts, today)
    assert (result.evaluable, result.achieved) == (True, True)
    assert result.text == "Engaged in 12 of the last 16 weeks (at least 12 needed)."
    fewer = CaseFacts(started_on=support, support_started_on=support, sessions=facts.sessions[:5])
    assert evaluate_record_rule(PHOENIX, "sustained_engagement", fewer, today).achieved is False
    early = evaluate_record_rule(PHOENIX, "sustained_engagement", facts, support + timedelta(weeks=9))
    assert not early.evaluable
    assert early.text == "Fewer than 16 weeks of support so far (9 weeks); engaged in 8 of them."


def test_a_rule_the_programme_does_not_use_is_refused():
    with pytest.raises(KeyError):
        evaluate_record_rule(PHOENIX, "no_permanent_exclusion", CaseFacts(started_on=START), START)


def test_a_definition_brings_its_own_record_rule():
    def exit_plan_recorded(definition, facts, today):
        has_plan = "exit" in facts.plan_kinds
        text = "Exit plan recorded." if has_plan else "No exit plan."
        return RecordResult("exit_plan_recorded", True, has_plan, text)

    rule = RecordRule(
        "exit_plan_recorded", "Exit plan recorded", "An exit plan is on the case.", exit_plan_recorded
    )
    indicator = Indicator("RCH-S1", "record", rule.description, record_rule=rule.code)
    definition = dataclasses.replace(
        REACH, record_rules=REACH.record_rules + (rule,), indicators=REACH.indicators + (indicator,)
    )
    with_plan = CaseFacts(started_on=START, plan_kinds=frozenset({"exit"}))
    assert evaluate_record_rule(definition, "exit_plan_recorded", with_plan, START).achieved
    without = CaseFacts(started_on=START)
    assert not evaluate_record_rule(definition, "exit_plan_recorded", without, START).achieved
    panel = {entry.outcome_code: entry for entry in outcome_evidence(definition, with_plan, START)}
    assert EvidenceLine("record", "Record: Exit plan recorded.", True) in panel["RCH-S1"].lines
    assert outcomes_for_record_fact(definition, "exit_plan_recorded") == ("RCH-S1",)
    with pytest.raises(KeyError):
        evaluate_record_rule(REACH, "exit_plan_recorded", with_plan, START)


def test_instruments_for_age():
    from programmes.rules import instruments_for_age

    assert instruments_for_age(REACH, 11) == ("RCH-PC", "SDQ")
    assert instruments_for_age(REACH, 14) == ("RCH-PC", "SWEMWBS", "SDQ")
    assert instruments_for_age(PHOENIX, 30) == ("PHX-PC", "SWEMWBS")


# --- Concern-free weeks need the young person seen; the best value kept is "maintained" --------


def test_a_vip_case_with_no_sessions_is_not_improved_on_emotional_regulation():
    facts = CaseFacts(started_on=START, person_name="Avery")
    panel = {entry.outcome_code: entry for entry in outcome_evidence(VIP, facts, START + timedelta(days=42))}
    record = next(line for line in panel["VIP-L1"].lines if line.kind == "record")
    assert record.achieved is False and not panel["VIP-L1"].improved
    assert panel["VIP-L1"].state == "not_improved"
    assert record.text.startswith(
        "Record: 0 of 4 concern-free weeks so far: nobody saw Avery in 6 of the weeks since 6 January, the"
        " last the week of 10 February."
    )


def test_no_suspensions_before_or_during_is_maintained():
    facts = CaseFacts(
        started_on=START, suspensions_in_six_months_before_referral=0, suspensions_during_programme=0
    )
    result = evaluate_record_rule(REACH, "fewer_suspensions", facts, START)
    assert (result.evaluable, result.achieved, result.maintained, result.state) == (True, False, True, "maintained")
    assert result.text == "No suspensions in the six months before referral or during the programme: maintained."
    panel = {entry.outcome_code: entry for entry in outcome_evidence(REACH, facts, START)}
    line = next(line for line in panel["RCH-M1"].lines if line.kind == "record")
    # Reach counts keeping clear of suspensions as achieved for RCH-M1, and says it was maintained.
    assert line.achieved is True and line.state == "maintained"
    assert panel["RCH-M1"].state == "maintained" and panel["RCH-M1"].improved


def test_full_attendance_kept_and_staying_in_education_are_maintained():
    facts = CaseFacts(
        started_on=START,
        attendance_at_referral_percent=100.0,
        attendance_latest_percent=100.0,
        ete_status_at_start="full_time_education",
        ete_status_latest="full_time_education",
    )
    attendance = evaluate_record_rule(REACH, "attendance_improved", facts, START)
    assert attendance.state == "maintained"
    assert attendance.text == "School attendance 100% at referral, 100% now: maintained."
    ete = evaluate_record_rule(PHOENIX, "ete_improved", facts, START)
    assert ete.state == "maintained"
    # Phoenix does not count maintained as achieved for PHX-M4: the line says maintained, not achieved.
    panel = {entry.outcome_code: entry for entry in outcome_evidence(PHOENIX, facts, START)}
    line = next(line for line in panel["PHX-M4"].lines if line.kind == "record")
    assert line.achieved is False and line.state == "maintained"
