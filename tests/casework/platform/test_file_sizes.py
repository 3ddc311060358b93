"""Files a reader can hold: no product module over 600 lines (tests and migrations aside)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LIMIT = 600


def test_no_product_file_is_over_600_lines():
    long = []
    for top in ("casework", "forms", "programmes", "reports"):
        for path in sorted((ROOT / top).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > LIMIT:
                long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not long, "Split these by concept:\n" + "\n".join(long)
