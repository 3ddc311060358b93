"""The canonical JSON: exactly the shape of returns.md, sorted keys, plain numbers, same bytes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

from reports.canonical import ReturnDocument, canonical_bytes, canonical_dict, sha256_hex
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
        "figures",
    }
    assert data["period"] == {
        "label": "2024-25-Q1",
        "start": "2024-04-01",
        "end": "2024-06-30",
        "ytd_start": "2024-04-01",
    }
    assert data["programme_versions"] == {"VIP": "2024.1"}
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


def test_two_builds_at_different_times_give_the_same_bytes_and_hash(records, build):
    records.case()
    first = build()
    later = replace(first, generated_at=datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    one = canonical_bytes(canonical_dict(disclose(first, "shared")))
    two = canonical_bytes(canonical_dict(disclose(later, "shared")))
    assert one == two and sha256_hex(one) == sha256_hex(two)
    assert b"generated" not in one and b"2025-01-02" not in one


def test_the_build_time_travels_beside_the_data():
    document = ReturnDocument({"figures": []}, generated_at="2024-07-10T09:00:00+00:00")
    assert document.generated == "2024-07-10T09:00:00+00:00"
    # a snapshot of the first canonical form kept it inside its JSON
    legacy = ReturnDocument({"figures": [], "generated_at": "2024-07-01T08:00:00+00:00"})
    assert legacy.generated == "2024-07-01T08:00:00+00:00"
