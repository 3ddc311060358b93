"""Disclosure control: internal is exact; shared never shows 1 to 4, and no suppressed value can be
worked out from a total that is shown."""

from __future__ import annotations

from datetime import date, datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.definition import COUNT_UNITS, get_definition
from reports.disclosure import DisclosureSettings, _protect, _Sum, disclose, recoverable_cells, relations_for
from reports.model import SUPPRESSED, BuiltReturn, Cell, Guard
from reports.periods import parse_period


def _figure(code: str, total: int, cells: dict[str, int], breakdown: str = "reason") -> list[Cell]:
    """A B5-like figure: a total and a partition breakdown."""
    out = [Cell(code, "Cases closed", None, None, "count", total, total)]
    out += [
        Cell(code, "Cases closed", breakdown, category, "count", value, value)
        for category, value in cells.items()
    ]
    return out


def _built(cells: list[Cell], guards=None) -> BuiltReturn:
    return BuiltReturn(
        "1",
        "VIP",
        ("VIP",),
        parse_period("2024-25-Q1"),
        {"VIP": "2024.1"},
        datetime(2024, 7, 1, tzinfo=timezone.utc),
        tuple(cells),
        {},
        guards or {},
    )


def _shown(disclosed, code, breakdown=None, category=None):
    return disclosed.cell(code, breakdown, category).period


def test_internal_mode_is_exact():
    built = _built(_figure("B5", 12, {"planned_completion": 3, "disengaged": 9}))
    disclosed = disclose(built, "internal")
    assert _shown(disclosed, "B5", "reason", "planned_completion") == 3
    assert disclosed.suppressed == {}


def test_a_small_cell_and_the_next_smallest_are_suppressed_and_zero_stays_zero():
    built = _built(_figure("B5", 12, {"planned_completion": 3, "disengaged": 9, "custody": 0}))
    disclosed = disclose(built, "shared")
    assert _shown(disclosed, "B5", "reason", "planned_completion") == SUPPRESSED
    assert _shown(disclosed, "B5", "reason", "disengaged") == SUPPRESSED  # else 12 - 9 gives 3 away
    assert _shown(disclosed, "B5", "reason", "custody") == 0
    assert _shown(disclosed, "B5") == 12  # totals from exact figures


def test_the_next_smallest_non_zero_cell_is_the_one_suppressed():
    built = _built(_figure("B5", 40, {"planned_completion": 2, "disengaged": 8, "custody": 30, "other": 0}))
    disclosed = disclose(built, "shared")
    assert [
        _shown(disclosed, "B5", "reason", c) for c in ("planned_completion", "disengaged", "custody", "other")
    ] == [SUPPRESSED, SUPPRESSED, 30, 0]


def test_cells_that_must_all_be_one_are_protected_by_hiding_the_total():
    built = _built(_figure("B5", 5, {code: 1 for code in ("a", "b", "c", "d", "e")}))
    disclosed = disclose(built, "shared")
    assert _shown(disclosed, "B5") == SUPPRESSED


def test_a_total_of_one_to_four_is_suppressed_too():
    built = _built(_figure("B5", 3, {"planned_completion": 3, "disengaged": 0}))
    disclosed = disclose(built, "shared")
    assert _shown(disclosed, "B5") == SUPPRESSED
    assert _shown(disclosed, "B5", "reason", "disengaged") == 0


def test_a_threshold_and_rounding_are_settings():
    built = _built(_figure("B5", 23, {"planned_completion": 2, "disengaged": 8, "custody": 13}))
    strict = disclose(built, "shared", DisclosureSettings(suppress_up_to=1))
    assert _shown(strict, "B5", "reason", "planned_completion") == 2
    rounded = disclose(built, "shared", DisclosureSettings(round_to=5))
    assert _shown(rounded, "B5", "reason", "custody") == 15
    assert _shown(rounded, "B5") == 25
    assert _shown(rounded, "B5", "reason", "planned_completion") == SUPPRESSED


def test_percentages_need_a_base_of_ten_and_a_shown_numerator():
    cells = _figure("B5", 12, {"planned_completion": 12}) + [
        Cell("B6.rate", "Rate", None, None, "percent", 50.0, 50.0)
    ]
    for base, depends, expected in (
        (9, (), SUPPRESSED),
        (10, (), 50.0),
        (12, (("B5", "reason", "other"),), 50.0),
    ):
        built = _built(cells, {("B6.rate", None, None): Guard((base, base), depends)})
        assert _shown(disclose(built, "shared"), "B6.rate") == expected
    small = _figure("B5", 12, {"planned_completion": 3, "disengaged": 9})
    built = _built(
        small + [Cell("B6.rate", "Rate", None, None, "percent", 25.0, 25.0)],
        {("B6.rate", None, None): Guard((12, 12), (("B5", "reason", "planned_completion"),))},
    )
    assert _shown(disclose(built, "shared"), "B6.rate") == SUPPRESSED  # 25% of 12 would give 3 away
    assert _shown(disclose(built, "internal"), "B6.rate") == 25.0


# --- the whole return ----------------------------------------------------------------------------


def _small_world(records):
    """Counts of every size in several breakdowns of a VIP quarter."""
    for n, (source, reason) in enumerate(
        [("police_custody", "planned_completion")] * 7
        + [("hospital_a_and_e", "disengaged")] * 3
        + [("other_health", "custody")] * 1
        + [("self_or_family", "planned_completion")] * 2
    ):
        person = records.person(date_of_birth=date(2000 + n % 9, 5, 1), sex=("female", "male")[n % 2])
        case = records.case(
            started_on=date(2024, 4, 2 + n), person=person, referral_overrides={"source": source}
        )
        records.session(
            case, date(2024, 4, 20 + n % 5), components=("VIP-C1",) if n % 3 else ("VIP-C2", "VIP-C3")
        )
        if n % 4:
            records.close(case, date(2024, 6, 1 + n), reason)


def test_a_shared_return_never_shows_a_count_from_one_to_four(records, build):
    _small_world(records)
    built = build()
    disclosed = disclose(built, "shared")
    counts = [cell for cell in disclosed.cells if cell.unit in COUNT_UNITS]
    assert counts
    for cell in counts:
        for shown in (cell.period, cell.ytd):
            assert shown == SUPPRESSED or shown == 0 or shown >= 5, cell
    exact = {cell.key: cell.period for cell in built.cells}
    assert any(1 <= exact[cell.key] <= 4 for cell in counts)  # there was something to hide


def test_no_suppressed_value_of_a_shared_return_can_be_recovered(records, build):
    _small_world(records)
    built = build()
    disclosed = disclose(built, "shared")
    sums = relations_for(built.cells, get_definition())
    for column in ("period", "ytd"):
        values = {cell.key: getattr(cell, column) for cell in built.cells if cell.unit in COUNT_UNITS}
        hidden = {
            cell.key
            for cell in disclosed.cells
            if getattr(cell, column) == SUPPRESSED and cell.unit in COUNT_UNITS
        }
        assert hidden
        assert recoverable_cells(values, hidden, sums) is None


def test_no_total_shown_lets_a_reader_subtract_down_to_a_hidden_cell(records, build):
    """Brute force on the B5 reason breakdown: every value a reader could give the hidden cells,
    consistent with the shown total and cells, leaves each hidden cell with more than one value."""
    _small_world(records)
    built = build()
    disclosed = disclose(built, "shared")
    rows = [cell for cell in disclosed.cells if cell.code == "B5" and cell.breakdown == "reason"]
    total = disclosed.cell("B5").period
    hidden = [cell for cell in rows if cell.period == SUPPRESSED]
    assert total != SUPPRESSED and hidden
    remaining = total - sum(cell.period for cell in rows if cell.period != SUPPRESSED)
    from itertools import product

    options = [
        combo for combo in product(range(1, remaining + 1), repeat=len(hidden)) if sum(combo) == remaining
    ]
    for index in range(len(hidden)):
        assert len({combo[index] for combo in options}) > 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=8))
def test_secondary_suppression_always_leaves_every_hidden_cell_ambiguous(values):
    cells = [("F", "b", str(index)) for index in range(len(values))]
    total = ("F", None, None)
    exact = dict(zip(cells, values, strict=True)) | {total: sum(values)}
    sums = [_Sum(tuple(cells), (total,))]
    order = {key: index for index, key in enumerate([total, *cells])}
    hidden = _protect(exact, order, sums, 4)
    assert not {key for key in hidden if exact[key] == 0}
    assert all(exact[key] == 0 or exact[key] > 4 or key in hidden for key in exact)
    assert recoverable_cells(exact, hidden, sums) is None


def test_a_shared_return_names_nobody(records, build):
    from reports.canonical import canonical_bytes, canonical_dict

    person = records.person(given_name="Zebedee", family_name="Quartermaine")
    records.case(person=person)
    data = canonical_bytes(canonical_dict(disclose(build(), "shared"))).decode()
    assert "Zebedee" not in data and "Quartermaine" not in data


def test_counts_outside_a_return_follow_the_same_control():
    from reports.disclosure import DisclosureSettings, disclose_counts

    cells = {("P", "s", "a"): 1, ("P", "s", "b"): 0, ("P", "s", "c"): 7, ("P", "s", "d"): 12}
    assert disclose_counts(cells) == {
        ("P", "s", "a"): "c", ("P", "s", "b"): 0, ("P", "s", "c"): 7, ("P", "s", "d"): 12
    }
    # with the total shown, the next smallest non-zero cell goes too
    shown = disclose_counts({**cells, ("P", None, None): 20}, totals=[(("P", None, None), list(cells))])
    assert shown[("P", "s", "a")] == "c" and shown[("P", "s", "c")] == "c"
    assert shown[("P", "s", "d")] == 12 and shown[("P", None, None)] == 20
    rounded = disclose_counts(cells, DisclosureSettings(round_to=5))
    assert rounded[("P", "s", "c")] == 5 and rounded[("P", "s", "d")] == 10
