"""The case page: summary, what is due, closure panel, outcomes panel and timeline."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from casework.db import db
from casework.timezone import london_today
from tests.conftest import audit_events


def test_case_page_shows_summary_timeline_and_audits_the_view(signed_in, vip_case, add_session):
    case, worker, _team = vip_case
    add_session(case, london_today() - timedelta(days=20), ("VIP-C3",))
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert case.person.full_name in html
    assert "VIP-C3 Social skills training" in html  # the session in the timeline
    assert "moj-timeline" in html
    assert [e.record_id for e in audit_events("case.view")] == [str(case.public_id)]


def test_closure_panel_lists_unmet_conditions_in_plain_words(signed_in, vip_case):
    case, worker, _team = vip_case
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Not yet ready to close as a planned completion" in html
    assert 'data-ready="false"' in html
    assert "post assessment" in html.lower()


def test_closure_panel_turns_green_when_every_condition_is_met(signed_in, ready_vip_case):
    case, worker, _team = ready_vip_case
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Ready to close as a planned completion" in html
    assert 'data-ready="true"' in html
    assert "casework-panel--ready" in html


def test_outcomes_panel_shows_evidence_from_sessions_and_assessments(signed_in, ready_vip_case):
    case, worker, _team = ready_vip_case
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Short-term outcomes" in html and "VIP-S1" in html
    assert "Activity:" in html
    assert "Improved" in html  # post scores are higher than pre on every item


def test_case_page_runs_the_same_number_of_queries_for_a_small_and_a_large_case(
        app, signed_in, vip_case, add_session, create_case, create_user):
    case, worker, team = vip_case
    big = create_case(team, lead_worker=worker, started_on=case.started_on)
    # more than 500 sessions: a batched eager load would need a second query here
    for day in range(520):
        add_session(big, big.started_on - timedelta(days=day), ("VIP-C1", "VIP-C2"))
    add_session(case, case.started_on + timedelta(days=1))
    client, _ = signed_in(user=worker)
    engine = app.extensions["casework.db"].engine
    counts = []
    for target in (case, big):
        statements: list[str] = []
        listener = lambda *args, statements=statements: statements.append(args[2])  # noqa: E731
        sa.event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get(f"/cases/{target.public_id}").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", listener)
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_caseload_lists_most_urgent_first_with_the_next_action(signed_in, vip_case, create_case, add_session):
    case, worker, team = vip_case
    recent = create_case(team, lead_worker=worker, started_on=london_today() - timedelta(days=3))
    add_session(case, london_today() - timedelta(days=20))
    client, _ = signed_in(user=worker)
    html = client.get("/caseload").get_data(as_text=True)
    assert "No session for 20 days" in html
    assert html.index(case.person.full_name) < html.index(recent.person.full_name)


def test_caseload_shows_only_the_workers_own_cases(signed_in, vip_case, create_case, create_user):
    case, worker, team = vip_case
    colleague = create_user("youth_worker", teams=[team])
    theirs = create_case(team, lead_worker=colleague)
    client, _ = signed_in(user=worker)
    html = client.get("/caseload").get_data(as_text=True)
    assert case.person.full_name in html and theirs.person.full_name not in html


def test_cases_list_is_scoped_to_the_managers_programmes(signed_in, create_team, create_case, create_user):
    vip, reach = create_team(programme="VIP"), create_team(programme="REACH")
    mine, other = create_case(vip), create_case(reach)
    client, _ = signed_in("manager", teams=[vip])
    html = client.get("/cases?status=all").get_data(as_text=True)
    assert mine.person.full_name in html and other.person.full_name not in html


def test_enforcement_events_never_appear_on_a_workers_case_page(signed_in, create_team, create_user, create_case):
    from casework.engagement.models import EnforcementEvent, Escalation

    team = create_team(programme="PHOENIX")
    worker = create_user("navigator", teams=[team])
    case = create_case(team, lead_worker=worker, navigator_id=worker.id)
    escalation = Escalation(case_id=case.id, raised_on=case.started_on, reason="refused_to_engage")
    db.session.add(escalation)
    db.session.flush()
    db.session.add(EnforcementEvent(case_id=case.id, escalation_id=escalation.id, kind="arrest_or_charge",
                                    occurred_on=case.started_on, summary="Police-only detail"))
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Escalated to enforcement" in html
    assert "Enforcement: arrest" not in html and "Police-only detail" not in html


def test_case_page_shows_the_pre_post_comparison(signed_in, ready_vip_case):
    case, worker, _team = ready_vip_case
    client, _ = signed_in(user=worker)
    html = client.get(f"/cases/{case.public_id}").get_data(as_text=True)
    assert "Change since the pre assessment" in html
    assert "Improved" in html


def test_search_never_finds_another_teams_young_person(signed_in, create_team, create_case, create_user):
    mine, theirs = create_team(programme="VIP"), create_team(programme="VIP")
    other = create_case(theirs, person=None)
    own = create_case(mine)
    client, _ = signed_in("youth_worker", teams=[mine])
    html = client.get(f"/search?q={other.person.family_name}").get_data(as_text=True)
    assert "0 people found" in html and f"<li>{other.person.full_name}" not in html
    html = client.get(f"/search?q={own.person.family_name}").get_data(as_text=True)
    assert "1 person found" in html and f"<li>{own.person.full_name}" in html
