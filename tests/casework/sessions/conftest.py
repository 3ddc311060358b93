"""Fixtures for the session tests: a VIP team, its allocated worker and an open case."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.casework.sessions.helpers import form_fields


@dataclass
class World:
    team: object
    worker: object
    case: object


@pytest.fixture
def world(create_team, create_user, create_case):
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker)
    return World(team, worker, case)


@pytest.fixture
def post_form():
    """GET a form page, then POST it with its hidden fields and `data`, as a browser does."""

    def _post(client, url: str, data: dict, follow_redirects: bool = False):
        page = client.get(url)
        assert page.status_code == 200, page.get_data(as_text=True)[:500]
        return client.post(
            url, data={**form_fields(page.get_data(as_text=True)), **data}, follow_redirects=follow_redirects
        )

    return _post
