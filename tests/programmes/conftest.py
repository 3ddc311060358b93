"""Programme tests need no application and no database.

The suite's root conftest wraps every test in a database transaction through an autouse
fixture; this one, by the same name, replaces it for the tests in this folder so that they run
on plain Python objects only.
"""

import pytest


@pytest.fixture(autouse=True)
def _transaction():
    """Nothing to set up: the programme rules are pure functions over plain facts."""
    yield
