"""Toy declaring the capabilities only some programmes have (a school record, an enforcement
arm): the pages of each name the case's own programme."""

from __future__ import annotations

from datetime import date

import pytest

from casework.school import operations as school_operations
from programmes.model import Capabilities
from tests.casework.toy.conftest import text


@pytest.fixture
def toy_case(world, create_case, create_person):
    person = create_person(given_name="Toby", family_name="Player")
    return create_case(world.team, lead_worker=world.worker, person=person, started_on=date(2024, 5, 2))


def test_without_a_school_record_the_refusal_names_the_programme(world, toy_case):
    assert school_operations.school_record_problem(toy_case) == "Toy cases have no school record."


@pytest.mark.parametrize("toy_capabilities", [Capabilities(school_record=True)])
def test_a_toy_school_record_is_captioned_toy(signed_in, world, toy_case):
    client, _ = signed_in(user=world.worker)
    assert school_operations.school_record_problem(toy_case) is None
    for url in (f"/cases/{toy_case.public_id}/school", f"/cases/{toy_case.public_id}/school/events/new"):
        response = client.get(url)
        assert response.status_code == 200, (url, text(response)[:1500])
        assert "Toby Player, Toy<" in text(response) and "Reach" not in text(response)


@pytest.mark.parametrize("toy_capabilities", [Capabilities(enforcement=True)])
def test_a_toy_enforcement_record_is_captioned_toy(signed_in, world, toy_case):
    client, _ = signed_in(user=world.manager)
    response = client.get(f"/cases/{toy_case.public_id}/enforcement")
    assert response.status_code == 200, text(response)[:1500]
    assert "Toy enforcement record" in text(response) and "Phoenix" not in text(response)
    escalations = client.get("/escalations")
    assert escalations.status_code == 200 and "Phoenix" not in text(escalations)


def test_enforcement_on_a_toy_case_without_it_is_refused_by_name(world, toy_case):
    from casework.engagement import operations as engagement_operations
    from casework.operations import OperationError

    with pytest.raises(OperationError, match="^Toy cases have no enforcement to record.$"):
        engagement_operations.record_enforcement_event(toy_case, world.manager, submission_id="x", kind="warning",
                                                       occurred_on=date(2024, 6, 1))


EVERY_CAPABILITY = Capabilities(school_record=True, engagement=True, notification=True, enforcement=True,
                                support_start=True)


@pytest.mark.parametrize("toy_capabilities", [EVERY_CAPABILITY])
def test_with_every_capability_no_toy_page_names_another_programme(signed_in, world, toy_case):
    from tests.casework.assessments.helpers import text_of

    toy_case.engagement_status = "not_yet_contacted"
    case_url = f"/cases/{toy_case.public_id}"
    pages = {
        world.manager: ("/dashboard", "/escalations", f"{case_url}/enforcement", f"{case_url}/allocation",
                        f"{case_url}/enforcement/events/new"),
        world.worker: (case_url, f"{case_url}/engagement", f"{case_url}/contacts/new",
                       f"{case_url}/engagement-status", f"{case_url}/notification/new",
                       f"{case_url}/escalations/new", f"{case_url}/school", f"{case_url}/school/events/new",
                       f"{case_url}/school/attendance", f"{case_url}/sessions/new", f"{case_url}/close"),
    }
    for user, urls in pages.items():
        client, _ = signed_in(user=user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, text(response)[:1500])
            words = text_of(text(response))
            for name in ("VIP", "Reach", "Phoenix"):
                assert name not in words, (url, name, words[words.find(name) - 200:words.find(name) + 100])
