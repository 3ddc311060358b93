"""The registry is the only list of programmes: no code outside programmes/ names one.

A new programme is one definition module; if the application tested programme codes, every
such test would need a new branch. Demo and synthetic data name programmes on purpose (they
build teams and people for each), and tests do too.
"""

from __future__ import annotations

import re
from pathlib import Path

import programmes

ROOT = Path(__file__).resolve().parents[3]
SEARCHED = ("casework", "forms", "reports")
EXCEPTED = {Path("casework/demo.py"), Path("casework/scale")}


def _literal_pattern() -> re.Pattern[str]:
    codes = "|".join(re.escape(code) for code in programmes.PROGRAMME_CODES)
    return re.compile(rf"""(["'])({codes})\1""")


def _offences() -> list[str]:
    pattern = _literal_pattern()
    found = []
    for top in SEARCHED:
        for path in sorted((ROOT / top).rglob("*")):
            relative = path.relative_to(ROOT)
            excepted = EXCEPTED.intersection((relative, *relative.parents))
            if path.suffix not in (".py", ".html", ".txt", ".j2") or excepted or "static" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if pattern.search(line):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_programme_code_literal_outside_programmes():
    offences = _offences()
    assert not offences, "Programme codes named outside programmes/:\n" + "\n".join(offences)


def test_the_check_finds_a_programme_name(tmp_path, monkeypatch):
    """The scan itself works: a template naming a programme is caught."""
    assert _literal_pattern().search('{% if case.programme == "PHOENIX" %}')
    assert _literal_pattern().search("programme='VIP'")
    assert not _literal_pattern().search('"VIP-C8"')
