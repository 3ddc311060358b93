"""The demo tests register Toy the way the Toy tests do, to load a programme with no demo
content of its own."""

from tests.casework.toy.conftest import toy, toy_capabilities, toy_programme  # noqa: F401 (fixtures)
