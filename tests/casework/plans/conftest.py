"""Fixtures for the plan tests: a VIP team, its allocated worker and an open case (referred 1 May 2024)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


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
