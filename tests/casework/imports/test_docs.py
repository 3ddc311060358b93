"""docs/import.md documents the header of every kind of import file, column by column."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.imports.schemas import KINDS
from programmes.parsing import ISO_DATES, UK_DATES

DOC = (Path(__file__).resolve().parents[3] / "docs" / "import.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(KINDS))
def test_every_header_is_documented(name):
    kind = KINDS[name]
    section = DOC.split(f"`casework import {name}`", 1)[1].split("\n## ", 1)[0]
    assert ",".join(kind.header) in section
    for column in kind.columns:
        assert f"| `{column.name}` | {'yes' if column.required else 'no'} |" in section, column.name


def test_the_conventions_name_both_ways_of_writing_dates():
    section = DOC.split("## Writing the files", 1)[1].split("\n## ", 1)[0]
    assert f"`{ISO_DATES}`" in section and f"`{UK_DATES}`" in section
