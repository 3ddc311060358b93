"""Fixtures for the robustness tests."""

from __future__ import annotations

import pytest

from tests.casework.robustness.world import build_world


@pytest.fixture
def world(create_team, create_user, create_case, create_referral, create_person):
    """Cases of each programme led by one youth worker, with one record of every kind."""
    return build_world(create_team, create_user, create_case, create_referral, create_person)
