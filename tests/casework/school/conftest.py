"""Fixtures for the school record tests: a Reach team, its allocated worker and an open case
whose referral gave the school, suspensions and attendance."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class ReachWorld:
    team: object
    worker: object
    case: object


@pytest.fixture
def reach(create_team, create_user, create_referral, create_case):
    team = create_team(programme="REACH")
    worker = create_user("youth_worker", teams=[team])
    referral = create_referral(
        team,
        status="accepted",
        details={
            "school": "Beaumont Leys School",
            "suspensions_before_referral": 3,
            "attendance_percent_at_referral": 78.5,
        },
    )
    case = create_case(team, lead_worker=worker, referral=referral)
    return ReachWorld(team, worker, case)


@pytest.fixture
def post_form():
    """GET a form page, then POST it with its hidden fields and `data`, as a browser does."""
    from tests.casework.sessions.helpers import form_fields

    def _post(client, url: str, data: dict, follow_redirects: bool = False):
        page = client.get(url)
        assert page.status_code == 200, page.get_data(as_text=True)[:500]
        return client.post(
            url, data={**form_fields(page.get_data(as_text=True)), **data}, follow_redirects=follow_redirects
        )

    return _post
