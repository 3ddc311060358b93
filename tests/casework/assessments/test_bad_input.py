"""No input of any kind gives an error page: every field of every assessment form, given
nonsense, answers with a message (or is ignored) and saves nothing it should not."""

from __future__ import annotations

import pytest

from casework.assessments.models import Assessment
from tests.casework.assessments.helpers import hidden_fields, rows_of
from tests.casework.assessments.test_edit_and_access import make_assessment
from tests.casework.assessments.test_recording import SDQ_SCORES, answers_page, progress_answers

NASTY = ["", "x" * 5000, "\x00", "<script>alert(1)</script>", "-99999999999999999999999", "1e309", "٣",
         "NaN"]


def _assert_never_an_error_page(client, url, data: dict) -> None:
    for name in list(data):
        for value in NASTY:
            response = client.post(url, data={**data, name: value})
            assert response.status_code < 500, (name, value[:20], response.status_code)
            assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
        response = client.post(url, data={**data, name: [NASTY[3], NASTY[1]]})
        assert response.status_code < 500, name


def test_step_one_never_fails(world, signed_in):
    client, _ = signed_in(user=world.worker)
    url = f"/cases/{world.case.public_id}/assessments/new"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), "instrument": "VIP-PC",
            "timepoint": "pre", "completed_on": ["3", "6", "2024"]}
    _assert_never_an_error_page(client, url, data)
    for query in ("instrument=%00&timepoint=pre", "completed_on=99999-99-99", "instrument=" + "x" * 3000):
        assert client.get(f"{url}?{query}").status_code < 500
        assert client.get(f"{url}/answers?{query}").status_code < 500


@pytest.mark.parametrize("instrument,answers", [("VIP-PC", progress_answers(3, 3)), ("SDQ", SDQ_SCORES)])
def test_step_two_never_fails(world, signed_in, instrument, answers):
    client, _ = signed_in(user=world.worker)
    page = answers_page(client, world.case, instrument, "follow_up").get_data(as_text=True)
    data = {**hidden_fields(page), **answers}
    data.pop("submission_id")
    _assert_never_an_error_page(client, f"/cases/{world.case.public_id}/assessments/new/answers", data)
    # Every one of those posts lacked a usable submission token or had a bad value: none was saved
    # except, at most, the ones whose nonsense went to a field the form does not read.
    assert all(a.timepoint == "follow_up" for a in rows_of(Assessment, case_id=world.case.id))


def test_editing_never_fails(world, signed_in):
    client, _ = signed_in(user=world.worker)
    assessment = make_assessment(world.case)
    url = f"/assessments/{assessment.public_id}/edit"
    data = {**hidden_fields(client.get(url).get_data(as_text=True)), "timepoint": "pre",
            "completed_on": ["3", "6", "2024"], **progress_answers(3, 3)}
    _assert_never_an_error_page(client, url, data)
