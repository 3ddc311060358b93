"""Recording assessments through the pages: choose instrument, timepoint and date, then the
answers or SDQ scores; see the score and the change since the pre assessment."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casework.assessments.models import Assessment, AssessmentItem
from casework.submissions import SubmittedForm
from casework.timezone import london_today
from programmes import get_instrument
from tests.casework.assessments.helpers import hidden_fields, rows_of, text_of
from tests.conftest import audit_events, csrf_token_from

VIP_PC = get_instrument("VIP-PC")
SWEMWBS = get_instrument("SWEMWBS")


def progress_answers(normal: int, reverse: int, **overrides) -> dict:
    """VIP progress check answers: `normal` to every plain question, `reverse` to reverse-scored ones."""
    answers = {f"question_{n}": str(reverse if item.reverse_scored else normal)
               for n, item in enumerate(VIP_PC.items, start=1)}
    answers.update(overrides)
    return answers


def choose(client, case, instrument: str, timepoint: str, on=("3", "6", "2024")):
    """Step 1, as a browser posts it."""
    url = f"/cases/{case.public_id}/assessments/new"
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    return client.post(url, data={"csrf_token": csrf_token_from(page.get_data(as_text=True)),
                                  "instrument": instrument, "timepoint": timepoint, "completed_on": list(on)})


def answers_page(client, case, instrument: str, timepoint: str, on=("3", "6", "2024")):
    chosen = choose(client, case, instrument, timepoint, on)
    assert chosen.status_code == 302, text_of(chosen.get_data(as_text=True))[:800]
    page = client.get(chosen.headers["Location"])
    assert page.status_code == 200
    return page


def record(client, case, instrument: str, timepoint: str, answers: dict, on=("3", "6", "2024")):
    """Steps 1 and 2; returns the response to posting the answers."""
    page = answers_page(client, case, instrument, timepoint, on)
    return client.post(f"/cases/{case.public_id}/assessments/new/answers",
                       data={**hidden_fields(page.get_data(as_text=True)), **answers})


def saved(case) -> list[Assessment]:
    return rows_of(Assessment, case_id=case.id)


def test_a_pre_and_post_progress_check_show_the_change_as_improved(world, signed_in):
    client, _ = signed_in(user=world.worker)
    pre = record(client, world.case, "VIP-PC", "pre", progress_answers(2, 4))
    assert pre.status_code == 302
    post = record(client, world.case, "VIP-PC", "post", progress_answers(4, 2), on=("1", "9", "2024"))
    assert post.status_code == 302

    first, second = saved(world.case)
    assert (first.timepoint, float(first.score)) == ("pre", 2.0)
    assert (second.timepoint, float(second.score)) == ("post", 4.0)
    assert first.subscores["outcome_means"]["VIP-M1"] == 2.0
    assert second.subscores["outcome_means"]["VIP-S1"] == 4.0
    assert first.recorded_by_id == world.worker.id

    page = text_of(client.get(post.headers["Location"]).get_data(as_text=True))
    assert "Improved: up 2, more than the 0.5 that counts as a real change" in page
    assert "VIP-M1 Less acceptance of violence" in page or "VIP-M1" in page

    overview = text_of(client.get(f"/cases/{world.case.public_id}/assessments").get_data(as_text=True))
    assert "VIP progress check" in overview
    assert "Improved: up 2, more than the 0.5 that counts as a real change" in overview
    # Per-outcome means sit beside the headline: VIP-S1 went from 2 to 4.
    assert "VIP-S1" in overview


def test_a_small_change_is_unchanged_and_says_why(world, signed_in):
    client, _ = signed_in(user=world.worker)
    record(client, world.case, "VIP-PC", "pre", progress_answers(3, 3))
    record(client, world.case, "VIP-PC", "post", progress_answers(3, 3, question_1="4", question_2="4"),
           on=("1", "9", "2024"))
    overview = text_of(client.get(f"/cases/{world.case.public_id}/assessments").get_data(as_text=True))
    assert "Unchanged: up 0.11, less than the 0.5 that counts as a real change" in overview


def test_a_reverse_scored_answer_is_stored_as_given_and_scored_reversed(world, signed_in):
    client, _ = signed_in(user=world.worker)
    knife = VIP_PC.item_codes.index("VIP-PC-10") + 1
    assert VIP_PC.item("VIP-PC-10").reverse_scored
    answers = progress_answers(3, 3, **{f"question_{knife}": "5"})
    response = record(client, world.case, "VIP-PC", "pre", answers)
    assert response.status_code == 302

    (assessment,) = saved(world.case)
    given = {item.item_code: item.value for item in rows_of(AssessmentItem, assessment_id=assessment.id)}
    assert given["VIP-PC-10"] == 5 and len(given) == len(VIP_PC.items)
    # 18 answers of 3 and the knife question turned round from 5 to 1.
    assert float(assessment.score) == round((18 * 3 + 1) / 19, 2)
    assert assessment.subscores["outcome_means"]["VIP-M1"] == 2.0

    page = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "5 – Completely true" in page and "Reverse-scored: counts as 1" in page


def test_swemwbs_stores_the_metric_score_and_shows_the_copyright_line(world, signed_in):
    client, _ = signed_in(user=world.worker)
    page = answers_page(client, world.case, "SWEMWBS", "pre").get_data(as_text=True)
    assert SWEMWBS.copyright_line in page
    assert "I've been feeling optimistic about the future" in text_of(page)
    assert page.count('class="govuk-fieldset"') == 7
    assert "govuk-radios--inline" in page  # a row on a desk, stacked on a phone

    response = client.post(f"/cases/{world.case.public_id}/assessments/new/answers",
                           data={**hidden_fields(page), **{f"question_{n}": "4" for n in range(1, 8)}})
    assert response.status_code == 302
    (assessment,) = saved(world.case)
    assert float(assessment.score) == 25.03  # raw 28 on the published conversion table
    assert assessment.subscores["total"] == 28
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert SWEMWBS.copyright_line in shown
    assert "25.03" in text_of(shown)
    edit = client.get(f"/assessments/{assessment.public_id}/edit").get_data(as_text=True)
    assert SWEMWBS.copyright_line in edit


SDQ_SCORES = {"informant": "self", "emotional": "5", "conduct": "4", "hyperactivity": "6", "peer": "3",
              "prosocial": "8"}


def test_sdq_total_difficulties_is_worked_out_and_its_band_shown(world, signed_in):
    client, _ = signed_in(user=world.worker)
    page = answers_page(client, world.case, "SDQ", "pre").get_data(as_text=True)
    assert 'name="question_' not in page
    for code in ("emotional", "conduct", "hyperactivity", "peer", "prosocial"):
        assert f'name="{code}"' in page

    response = client.post(f"/cases/{world.case.public_id}/assessments/new/answers",
                           data={**hidden_fields(page), **SDQ_SCORES})
    assert response.status_code == 302
    (assessment,) = saved(world.case)
    assert (float(assessment.score), assessment.informant) == (18.0, "self")
    assert assessment.subscores["subscales"] == {"emotional": 5, "conduct": 4, "hyperactivity": 6, "peer": 3,
                                                 "prosocial": 8}
    assert assessment.subscores["band"] == "high"
    assert rows_of(AssessmentItem, assessment_id=assessment.id) == []
    shown = text_of(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Total difficulties (0 to 40) 18" in shown
    assert "Total difficulties band High" in shown


def test_sdq_lower_total_is_improvement(world, signed_in):
    client, _ = signed_in(user=world.worker)
    record(client, world.case, "SDQ", "pre", SDQ_SCORES)
    record(client, world.case, "SDQ", "post", {**SDQ_SCORES, "emotional": "2", "hyperactivity": "3"},
           on=("1", "9", "2024"))
    overview = text_of(client.get(f"/cases/{world.case.public_id}/assessments").get_data(as_text=True))
    assert "Improved: down 6, more than the 3 that counts as a real change (lower is better)" in overview


@pytest.mark.parametrize("field,value,message", [
    ("conduct", "11", "The conduct problems score is 11; SDQ subscale scores go from 0 to 10."),
    ("peer", "-1", "The peer relationship problems score is -1; SDQ subscale scores go from 0 to 10."),
    ("emotional", "abc", "The emotional symptoms score must be a whole number from 0 to 10 (got “abc”)."),
    ("hyperactivity", "4.5",
     "The hyperactivity or inattention score must be a whole number from 0 to 10 (got “4.5”)."),
    ("prosocial", "", "The prosocial behaviour score is missing."),
    ("informant", "uncle",
     "Say who completed the SDQ: the young person, a parent or carer, or a teacher (got “uncle”)."),
])
def test_sdq_scores_out_of_range_are_refused_against_the_field(world, signed_in, field, value, message):
    client, _ = signed_in(user=world.worker)
    response = record(client, world.case, "SDQ", "pre", {**SDQ_SCORES, field: value})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in text_of(page)
    assert f'href="#{field}"' in page  # the error summary links to the field
    assert saved(world.case) == []


def test_a_missing_answer_says_which_question(world, signed_in):
    client, _ = signed_in(user=world.worker)
    answers = progress_answers(3, 3)
    del answers["question_3"]
    response = record(client, world.case, "VIP-PC", "pre", answers)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"Question 3 (“{VIP_PC.items[2].text}”) has no answer." in text_of(page)
    assert 'href="#question_3"' in page
    assert saved(world.case) == []


@pytest.mark.parametrize("value,message", [
    ("6", "Question 2 has the answer 6; answers go from 1 (Not at all true) to 5 (Completely true)."),
    ("x" * 500, "Question 2 has the answer “xxxxxxxxxxxxxxxxxxxx”; answers are whole numbers"),
    ("<b>3</b>", "Question 2 has the answer “<b>3</b>”"),
    ("99999999999999999999999", "Question 2 has the answer “99999999999999999999”"),
])
def test_answers_off_the_scale_are_refused_never_an_error_page(world, signed_in, value, message):
    client, _ = signed_in(user=world.worker)
    response = record(client, world.case, "VIP-PC", "pre", progress_answers(3, 3, question_2=value))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in text_of(page)
    assert "<b>3</b>" not in page  # echoed back escaped
    assert saved(world.case) == []


def test_under_thirteen_is_not_offered_swemwbs(create_team, create_user, create_case, create_person,
                                               signed_in):
    today = london_today()
    twelve_today = today - timedelta(days=12 * 366)
    team = create_team(programme="VIP")
    worker = create_user("youth_worker", teams=[team])
    case = create_case(team, lead_worker=worker, person=create_person(date_of_birth=twelve_today))
    client, _ = signed_in(user=worker)
    page = client.get(f"/cases/{case.public_id}/assessments/new").get_data(as_text=True)
    assert 'value="VIP-PC"' in page and 'value="SDQ"' in page
    assert 'value="SWEMWBS"' not in page

    on = (str(today.day), str(today.month), str(today.year))
    refused = choose(client, case, "SWEMWBS", "pre", on=on)
    assert refused.status_code == 400
    assert ("The SWEMWBS is for young people aged 13 and over; the young person was 12 on the date it was "
            "completed") in text_of(refused.get_data(as_text=True))
    # Straight to step 2 is refused the same way.
    direct = client.get(f"/cases/{case.public_id}/assessments/new/answers?instrument=SWEMWBS&timepoint=pre"
                        f"&completed_on={today.isoformat()}")
    assert direct.status_code == 400
    assert "aged 13 and over" in text_of(direct.get_data(as_text=True))
    assert saved(case) == []


@pytest.mark.parametrize("code", ["RCH-PC", "PHX-PC", "NOPE", "", "<script>"])
def test_another_programmes_or_an_unknown_instrument_is_refused(world, signed_in, code):
    client, _ = signed_in(user=world.worker)
    refused = choose(client, world.case, code, "pre")
    assert refused.status_code == 400
    assert "<script>" not in refused.get_data(as_text=True)
    # Posting step 2 directly, with answers for it, is refused too.
    page = answers_page(client, world.case, "VIP-PC", "pre").get_data(as_text=True)
    response = client.post(f"/cases/{world.case.public_id}/assessments/new/answers",
                           data={**hidden_fields(page), "instrument": code, **progress_answers(3, 3)})
    assert response.status_code == 400
    assert "Select one of the assessments this programme uses" in text_of(response.get_data(as_text=True))
    assert saved(world.case) == []


def test_a_second_pre_is_refused_and_points_to_the_first(world, signed_in):
    client, _ = signed_in(user=world.worker)
    record(client, world.case, "VIP-PC", "pre", progress_answers(3, 3))
    (first,) = saved(world.case)
    refused = choose(client, world.case, "VIP-PC", "pre", on=("10", "6", "2024"))
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert ("This case already has a start (pre) VIP progress check, completed on 3 June 2024. "
            "Edit that assessment instead of adding another.") in text_of(page)
    assert f"/assessments/{first.public_id}/edit" in page
    # A post and a follow-up are still fine, and follow-ups may repeat.
    assert choose(client, world.case, "VIP-PC", "post", on=("10", "6", "2024")).status_code == 302
    assert choose(client, world.case, "SWEMWBS", "pre").status_code == 302
    assert len(saved(world.case)) == 1


@pytest.mark.parametrize("on,message", [
    (("1", "1", "2099"), "The date completed cannot be in the future"),
    (("30", "4", "2024"), "The date completed cannot be before the referral was received (1 May 2024)"),
    (("31", "2", "2024"), "Date completed must be a real date"),
    (("", "", ""), "Enter the date the assessment was completed"),
    (("1", "1", "99999999999999"), "Date completed must include a year with 4 numbers"),
    (("1",), "Date completed must include a month and year"),
])
def test_completion_dates_are_checked(world, signed_in, on, message):
    client, _ = signed_in(user=world.worker)
    refused = choose(client, world.case, "VIP-PC", "pre", on=on)
    assert refused.status_code == 400
    assert message in text_of(refused.get_data(as_text=True))


def test_posting_the_answers_twice_creates_one_assessment(world, signed_in):
    client, _ = signed_in(user=world.worker)
    page = answers_page(client, world.case, "VIP-PC", "follow_up").get_data(as_text=True)
    data = {**hidden_fields(page), **progress_answers(3, 3)}
    url = f"/cases/{world.case.public_id}/assessments/new/answers"
    first = client.post(url, data=data)
    second = client.post(url, data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(saved(world.case)) == 1
    assert len(rows_of(SubmittedForm, record_type="assessments")) == 1


def test_fields_the_form_does_not_offer_change_nothing(world, signed_in, create_user):
    client, _ = signed_in(user=world.worker)
    other = create_user("youth_worker")
    response = record(client, world.case, "VIP-PC", "pre", {
        **progress_answers(3, 3), "score": "5", "recorded_by_id": str(other.id), "case_id": "1",
        "subscores": "{}", "question_99": "5", "VIP-PC-01": "1", "version": "7",
    })
    assert response.status_code == 302
    (assessment,) = saved(world.case)
    assert (float(assessment.score), assessment.recorded_by_id) == (3.0, world.worker.id)
    assert assessment.version == 1
    assert len(rows_of(AssessmentItem, assessment_id=assessment.id)) == len(VIP_PC.items)


def test_creating_an_assessment_is_audited_without_answers(world, signed_in):
    client, _ = signed_in(user=world.worker)
    record(client, world.case, "VIP-PC", "pre", progress_answers(3, 3))
    (assessment,) = saved(world.case)
    (event,) = audit_events("assessment.create")
    assert (event.user_id, event.record_id) == (world.worker.id, str(assessment.public_id))
    assert event.outcome == "success"
    assert event.details == {"case_id": str(world.case.public_id), "instrument": "VIP-PC", "timepoint": "pre",
                             "answers": len(VIP_PC.items)}
    client.get(f"/assessments/{assessment.public_id}")
    assert [e.record_id for e in audit_events("assessment.view")] == [str(assessment.public_id)]
