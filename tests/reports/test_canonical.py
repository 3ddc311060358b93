"""The canonical JSON: exactly the shape of returns.md, sorted keys, plain numbers, same bytes."""

from __future__ import annotations

import json
from datetime import date

from reports.canonical import canonical_bytes, canonical_dict, sha256_hex
from reports.disclosure import disclose


def test_the_canonical_json_has_the_documented_shape(records, build):
    case = records.case()
    records.session(case, date(2024, 5, 1), components=("VIP-C1",))
    data = json.loads(canonical_bytes(canonical_dict(disclose(build(), "internal"))))
    assert set(data) == {
        "definition_version",
        "programme",
        "mode",
        "period",
        "programme_versions",
        "generated_at",
        "figures",
    }
    assert data["period"] == {
        "label": "2024-25-Q1",
        "start": "2024-04-01",
        "end": "2024-06-30",
        "ytd_start": "2024-04-01",
    }
    assert data["programme_versions"] == {"VIP": "2024.1"}
    assert data["generated_at"] == "2024-07-10T09:00:00+00:00"
    assert data["figures"][0] == {
        "code": "B1",
        "label": "Referrals received",
        "breakdown": None,
        "category": None,
        "period": 1,
        "ytd": 1,
    }
    assert all(
        set(figure) == {"code", "label", "breakdown", "category", "period", "ytd"}
        for figure in data["figures"]
    )
    outcome = next(f for f in data["figures"] if f["code"] == "F" and f["category"] == "VIP-S2")
    assert outcome["breakdown"] == "reached" and outcome["period"] == 1


def test_same_data_same_bytes_and_hash(records, build):
    records.case()
    first = canonical_bytes(canonical_dict(disclose(build(), "shared")))
    second = canonical_bytes(canonical_dict(disclose(build(), "shared")))
    assert first == second
    assert sha256_hex(first) == sha256_hex(second)
    text = first.decode()
    assert (
        json.dumps(json.loads(first), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        == first
    )
    assert '"period":"c"' in text  # a suppressed value is the string c
    assert ".0," not in text and ".0}" not in text  # whole numbers are written as integers
