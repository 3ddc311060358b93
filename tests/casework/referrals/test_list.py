"""The referrals list: scoped, oldest first, filtered by status, triage due or overdue, and a
constant number of queries however many referrals there are."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event

from casework.db import db
from tests.casework.referrals.conftest import aged, hours_ago, text


@contextmanager
def counted_queries():
    statements: list[str] = []

    def _count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def _names_in_order(html: str, names) -> list[str]:
    positions = sorted((html.index(name), name) for name in names if name in html)
    return [name for _, name in positions]


def test_a_manager_sees_pending_referrals_of_their_programmes_oldest_first(
        signed_in, create_team, create_referral, create_person):
    reach_a, reach_b, vip = create_team(programme="REACH"), create_team(programme="REACH"), create_team(programme="VIP")
    client, _ = signed_in("manager", teams=[reach_a])
    create_referral(reach_b, person=create_person(given_name="Newer", date_of_birth=aged(14)), received_at=hours_ago(2))
    create_referral(reach_a, person=create_person(given_name="Oldest", date_of_birth=aged(14)), received_at=hours_ago(30))
    create_referral(reach_a, person=create_person(given_name="Decided"), received_at=hours_ago(40),
                    status="declined", decline_reason="other")
    create_referral(vip, person=create_person(given_name="Elsewhere"), received_at=hours_ago(50))
    html = text(client.get("/referrals"))
    assert _names_in_order(html, ["Oldest", "Newer", "Decided", "Elsewhere"]) == ["Oldest", "Newer"]
    assert html.count("Overdue") == 1 and "triage was due by" in html
    declined = text(client.get("/referrals?status=declined"))
    assert _names_in_order(declined, ["Oldest", "Newer", "Decided"]) == ["Decided"]
    everything = text(client.get("/referrals?status=all"))
    assert _names_in_order(everything, ["Oldest", "Newer", "Decided", "Elsewhere"]) == ["Decided", "Oldest", "Newer"]
    assert "Oldest" in text(client.get("/referrals?status=<script>"))


def test_a_worker_sees_only_their_teams_referrals(signed_in, create_team, create_referral, create_person):
    mine, theirs = create_team(programme="VIP"), create_team(programme="VIP")
    client, _ = signed_in("youth_worker", teams=[mine])
    create_referral(mine, person=create_person(given_name="Mine"))
    create_referral(theirs, person=create_person(given_name="Theirs"))
    html = text(client.get("/referrals?status=all"))
    assert "Mine" in html and "Theirs" not in html


def test_the_list_takes_the_same_number_of_queries_for_more_referrals(signed_in, create_team, create_referral):
    team = create_team(programme="REACH")
    client, _ = signed_in("manager", teams=[team])

    def queries_for(n: int) -> int:
        for _ in range(n):
            create_referral(team, received_at=hours_ago(5))
        with counted_queries() as statements:
            response = client.get("/referrals?status=all")
        assert response.status_code == 200
        return len([s for s in statements if re.match(r"\s*SELECT", s, re.I)])

    few = queries_for(1)
    assert few > 0 and queries_for(6) == few


def test_commissioners_and_administrators_have_no_referral_list(signed_in):
    for role in ("commissioner", "administrator", "enforcement_officer"):
        client, _ = signed_in(role)
        assert client.get("/referrals").status_code == 403
