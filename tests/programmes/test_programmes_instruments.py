"""Instruments: scoring, reverse scoring, SWEMWBS conversion, SDQ score entry and change classification."""

import pytest

import programmes
from programmes.instruments import (
    SDQ,
    SDQ_BANDS,
    SWEMWBS,
    SWEMWBS_TO_METRIC,
    classify_change,
    item_outcomes,
    measure_value,
    score,
    score_sdq,
    sdq_band,
    swemwbs_metric,
    validate_responses,
)

VIP_CHECK = programmes.get_instrument("VIP-PC")


def all_answers(instrument, value):
    return {code: value for code in instrument.item_codes}


# --- Progress checks ---------------------------------------------------------------------------


def test_a_reverse_scored_item_is_turned_round():
    knife = VIP_CHECK.item("VIP-PC-10")
    assert knife.text == "Carrying a knife keeps me safe."
    assert knife.reverse_scored
    assert item_outcomes(VIP_CHECK, "VIP-PC-10") == ("VIP-M1",)
    answers = all_answers(VIP_CHECK, 3) | {"VIP-PC-10": 5}
    result = score(VIP_CHECK, answers)
    assert dict(result.item_scores)["VIP-PC-10"] == 1
    answers["VIP-PC-10"] = 1
    assert dict(score(VIP_CHECK, answers).item_scores)["VIP-PC-10"] == 5


def test_agreeing_that_a_knife_keeps_you_safe_lowers_the_attitudes_outcome():
    safe_answers = all_answers(VIP_CHECK, 3) | {"VIP-PC-10": 1, "VIP-PC-11": 1}
    risky_answers = all_answers(VIP_CHECK, 3) | {"VIP-PC-10": 5, "VIP-PC-11": 5}
    assert score(VIP_CHECK, safe_answers).outcome_mean("VIP-M1") == 5
    assert score(VIP_CHECK, risky_answers).outcome_mean("VIP-M1") == 1


def test_progress_check_scores():
    result = score(VIP_CHECK, all_answers(VIP_CHECK, 4))
    reversed_items = sum(1 for item in VIP_CHECK.items if item.reverse_scored)
    expected_total = 4 * (len(VIP_CHECK.items) - reversed_items) + 2 * reversed_items
    assert result.ok
    assert result.total == expected_total
    assert result.mean == pytest.approx(expected_total / len(VIP_CHECK.items))
    assert result.headline == result.mean
    assert result.metric is None
    assert result.outcome_mean("VIP-S1") == 4
    assert result.outcome_mean("VIP-L1") is None


def test_missing_and_out_of_range_answers_are_explained():
    answers = all_answers(VIP_CHECK, 3)
    del answers["VIP-PC-06"]
    answers["VIP-PC-12"] = 7
    answers["VIP-PC-13"] = "often"
    answers["VIP-PC-99"] = 2
    problems = validate_responses(VIP_CHECK, answers)
    assert problems == (
        "“VIP-PC-99” is not a question on the VIP progress check.",
        "Question 6 (“I can tell what I am feeling and put a name to it.”) has no answer.",
        "Question 12 has the answer 7; answers go from 1 (Not at all true) to 5 (Completely true).",
        (
            "Question 13 has the answer “often”; answers are whole numbers from 1 (Not at all true) to 5"
            " (Completely true)."
        ),
    )
    result = score(VIP_CHECK, answers)
    assert not result.ok and result.problems == problems
    assert result.total is None and result.headline is None


def test_measure_value_of_some_items_uses_reverse_scoring():
    answers = all_answers(VIP_CHECK, 3) | {"VIP-PC-10": 5, "VIP-PC-11": 2}
    assert measure_value(VIP_CHECK, answers, ("VIP-PC-10", "VIP-PC-11")) == pytest.approx(2.5)
    assert measure_value(VIP_CHECK, {"VIP-PC-10": 5}, ("VIP-PC-10", "VIP-PC-11")) is None


# --- SWEMWBS -----------------------------------------------------------------------------------


def test_swemwbs_has_seven_items_and_the_owners_copyright_line():
    assert [item.text for item in SWEMWBS.items] == [
        "I've been feeling optimistic about the future",
        "I've been feeling useful",
        "I've been feeling relaxed",
        "I've been dealing with problems well",
        "I've been thinking clearly",
        "I've been feeling close to other people",
        "I've been able to make up my own mind about things",
    ]
    assert [option.label for option in SWEMWBS.response_options] == [
        "None of the time",
        "Rarely",
        "Some of the time",
        "Often",
        "All of the time",
    ]
    assert (
        SWEMWBS.copyright_line
        == "Short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS) © University of Warwick, 2006, all"
        " rights reserved."
    )
    assert SWEMWBS.min_age == 13
    assert "Warwick Medical School" in SWEMWBS.conversion_source
    assert not any(item.reverse_scored for item in SWEMWBS.items)


def test_swemwbs_conversion_table_covers_every_raw_score():
    assert [raw for raw, _ in SWEMWBS_TO_METRIC] == list(range(7, 36))
    metrics = [metric for _, metric in SWEMWBS_TO_METRIC]
    assert metrics == sorted(metrics)
    assert swemwbs_metric(7) == 7.00
    assert swemwbs_metric(18) == 17.43
    assert swemwbs_metric(24) == 21.54
    assert swemwbs_metric(35) == 35.00
    with pytest.raises(ValueError):
        swemwbs_metric(36)


def test_swemwbs_is_scored_as_a_metric_score():
    answers = {
        "SWEMWBS-1": 3,
        "SWEMWBS-2": 3,
        "SWEMWBS-3": 2,
        "SWEMWBS-4": 3,
        "SWEMWBS-5": 3,
        "SWEMWBS-6": 2,
        "SWEMWBS-7": 2,
    }
    result = score(SWEMWBS, answers)
    assert result.total == 18
    assert result.metric == 17.43
    assert result.headline == 17.43


def test_swemwbs_change_uses_a_threshold_of_3_on_the_metric_score():
    assert SWEMWBS.meaningful_change == 3.0
    assert classify_change(SWEMWBS, 17.43, 20.73) == "improved"
    assert classify_change(SWEMWBS, 17.43, 19.98) == "unchanged"
    assert classify_change(SWEMWBS, 20.73, 17.43) == "worse"
    assert classify_change(SWEMWBS, 17.43, 19.98, threshold=2) == "improved"


# --- SDQ ---------------------------------------------------------------------------------------

SUBSCALES = {"emotional": 4, "conduct": 3, "hyperactivity": 6, "peer": 2, "prosocial": 7}


def test_sdq_records_scores_only():
    assert SDQ.scores_only and SDQ.items == ()
    assert SDQ.higher_is_better is False


def test_sdq_total_difficulties_is_the_sum_of_the_four_difficulty_subscales():
    result = score_sdq(SUBSCALES, "self")
    assert result.ok
    assert result.total_difficulties == 15
    assert result.band == "slightly_raised" and result.band_label == "Slightly raised"
    assert dict(result.subscale_bands)["prosocial"] == "close_to_average"
    assert result.subscale("hyperactivity") == 6


def test_sdq_bands_differ_by_informant():
    assert sdq_band("parent", "total_difficulties", 15).code == "slightly_raised"
    assert sdq_band("teacher", "total_difficulties", 15).code == "slightly_raised"
    assert sdq_band("self", "total_difficulties", 14).code == "close_to_average"
    assert sdq_band("parent", "total_difficulties", 14).code == "slightly_raised"
    assert sdq_band("self", "total_difficulties", 20).code == "very_high"
    assert sdq_band("self", "prosocial", 4).code == "very_low"


def test_sdq_bands_cover_every_possible_score_without_overlap():
    for band_set in SDQ_BANDS:
        top = 40 if band_set.scale == "total_difficulties" else 10
        covered = sorted(value for band in band_set.bands for value in range(band.low, band.high + 1))
        assert covered == list(range(0, top + 1)), (band_set.informant, band_set.scale)


def test_an_sdq_subscale_of_11_is_a_clear_error():
    result = score_sdq(SUBSCALES | {"conduct": 11}, "self")
    assert not result.ok
    assert result.problems == ("The conduct problems score is 11; SDQ subscale scores go from 0 to 10.",)
    assert result.total_difficulties is None


def test_sdq_validation_covers_missing_scores_informant_and_a_wrong_total():
    missing = score_sdq({"emotional": 2}, "uncle")
    assert (
        missing.problems[0]
        == "Say who completed the SDQ: the young person, a parent or carer, or a teacher (got “uncle”)."
    )
    assert "The peer relationship problems score is missing." in missing.problems
    wrong_total = score_sdq(SUBSCALES | {"total_difficulties": 20}, "parent")
    assert wrong_total.problems == (
        (
            "The total difficulties score entered (20) is not the sum of the emotional, conduct,"
            " hyperactivity and peer scores (15); check the scores."
        ),
    )
    assert score_sdq(SUBSCALES | {"total_difficulties": 15}, "parent").ok


def test_sdq_through_the_general_score_function():
    result = score(SDQ, SUBSCALES, informant="teacher")
    assert result.ok and result.total == 15 and result.headline == 15 and result.band == "slightly_raised"
    assert validate_responses(SDQ, SUBSCALES | {"peer": -1}, informant="self") == (
        "The peer relationship problems score is -1; SDQ subscale scores go from 0 to 10.",
    )


def test_sdq_lower_total_difficulties_is_improvement():
    assert classify_change(SDQ, 20, 16) == "improved"
    assert classify_change(SDQ, 20, 18) == "unchanged"
    assert classify_change(SDQ, 16, 20) == "worse"
    pre = score_sdq(SUBSCALES | {"conduct": 7}, "self")
    post = score_sdq(SUBSCALES, "self")
    assert classify_change(SDQ, pre, post) == "improved"


# --- Change classification ---------------------------------------------------------------------


def test_progress_check_change_is_half_a_point_of_the_mean():
    assert VIP_CHECK.meaningful_change == 0.5
    assert classify_change(VIP_CHECK, 3.0, 3.5) == "improved"
    assert classify_change(VIP_CHECK, 3.0, 3.4) == "unchanged"
    assert classify_change(VIP_CHECK, 3.0, 2.5) == "worse"


def test_a_score_with_problems_cannot_be_compared():
    bad = score(VIP_CHECK, {})
    with pytest.raises(ValueError, match="Cannot compare"):
        classify_change(VIP_CHECK, bad, 3)


def test_a_threshold_must_be_positive():
    with pytest.raises(ValueError):
        classify_change(VIP_CHECK, 3, 4, threshold=0)


def test_every_progress_check_uses_the_one_to_five_scale():
    for code in ("VIP-PC", "RCH-PC", "PHX-PC"):
        instrument = programmes.get_instrument(code)
        assert [o.value for o in instrument.response_options] == [1, 2, 3, 4, 5]
        assert instrument.response_options[0].label == "Not at all true"
        assert instrument.response_options[-1].label == "Completely true"
        assert all(item.text.endswith(".") for item in instrument.items)
