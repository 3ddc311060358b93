"""The manager's dashboard, the commissioner's overview and the programme pages."""

from __future__ import annotations

from datetime import timedelta

from casework.db import utcnow
from casework.timezone import london_today


def test_manager_sees_triage_overdue_closure_requests_and_overdue_by_worker(
        signed_in, create_team, create_user, create_case, create_referral):
    team = create_team(programme="REACH")
    worker = create_user("youth_worker", teams=[team], name="Wendy Worker")
    late = create_referral(team, received_at=utcnow() - timedelta(hours=25))
    case = create_case(team, lead_worker=worker, started_on=london_today() - timedelta(days=40))
    case.closure_requested_at, case.closure_requested_by_id = utcnow(), worker.id
    client, _ = signed_in("manager", teams=[team])
    html = client.get("/dashboard").get_data(as_text=True)
    assert late.person.full_name in html and "Triage overdue" in html
    assert "Closures awaiting your approval (1)" in html
    assert "Wendy Worker" in html and "No session: 1" in html


def test_commissioner_overview_shows_counts_but_no_names(signed_in, create_team, create_case):
    case = create_case(create_team(programme="VIP"))
    client, _ = signed_in("commissioner")
    html = client.get("/overview").get_data(as_text=True)
    assert "VIP" in html
    assert case.person.family_name not in html


def test_commissioner_overview_suppresses_small_counts_as_shared_returns_do(
        signed_in, create_team, create_case):
    import re

    team = create_team(programme="VIP")
    create_case(team)
    for _ in range(2):
        create_case(team, status="closed")
    for _ in range(5):
        create_case(team, status="awaiting_consent")
    client, _ = signed_in("commissioner")
    html = client.get("/overview").get_data(as_text=True)
    row = re.search(r'<th scope="row" class="govuk-table__header">VIP</th>(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r'numeric">([^<]*)</td>', row)
    assert cells == ["5", "c", "c"]  # awaiting consent, open (1), closed (2)
    assert "Counts from 1 to 4 are shown as c" in html


def test_manager_dashboard_keeps_exact_counts(signed_in, create_team, create_case):
    import re

    team = create_team(programme="VIP")
    create_case(team)
    client, _ = signed_in("manager", teams=[team])
    html = client.get("/dashboard").get_data(as_text=True)
    row = re.search(r'<th scope="row" class="govuk-table__header">VIP</th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'numeric">([^<]*)</td>', row) == ["0", "1", "0"]


def test_about_page_shows_the_logic_model_and_components(signed_in):
    client, _ = signed_in("youth_worker")
    html = client.get("/programmes/vip").get_data(as_text=True)
    assert "Logic model" in html and "VIP-C8" in html and "VIP-L1" in html
    assert client.get("/programmes/unknown").status_code == 404
    index = client.get("/programmes").get_data(as_text=True)
    assert "Reach" in index and "Phoenix" in index
