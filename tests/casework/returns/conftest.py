"""Fixtures for the returns pages: managers of one programme, a few records to count, and the
browser fixtures of tests/browser for the pages' accessibility checks."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import (  # noqa: F401  (shared fixtures)
    browser_type_launch_args,
    demo_users,
    live_app,
    live_database_url,
    live_server,
)
from tests.reports.conftest import build, records  # noqa: F401  (shared fixtures)


@pytest.fixture
def vip_manager(signed_in, records):  # noqa: F811
    """A signed-in manager of VIP (their team is the records' VIP team)."""
    return signed_in("manager", teams=[records.team("VIP")])


@pytest.fixture
def some_vip_cases(records):  # noqa: F811
    """Three VIP cases started in 2024-25 Q1, one closed as a planned completion."""
    cases = [records.case("VIP", started_on=date(2024, 4, 2 + n)) for n in range(3)]
    records.session(cases[0], date(2024, 4, 10), components=("VIP-C1",))
    records.close(cases[0], date(2024, 6, 20))
    return cases
