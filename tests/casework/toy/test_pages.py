"""The rest of the app with Toy registered: its progress check recorded through the pages,
every page of a Toy case and of the Toy programme, and Toy referrals and cases imported with
the Toy's own columns."""

from __future__ import annotations

import csv
from datetime import date

import pytest
import sqlalchemy as sa

import programmes
from casework.assessments.models import Assessment
from casework.cases.models import Case
from casework.db import db
from casework.imports.schemas import header_for
from casework.referrals.models import Referral
from tests.casework.assessments.helpers import hidden_fields, text_of
from tests.casework.toy.conftest import text
from tests.conftest import csrf_token_from
from tests.toy_programme import COMPONENTS, OUTCOMES, PROGRESS_CHECK


@pytest.fixture
def toy_case(world, create_case):
    return create_case(world.team, lead_worker=world.worker, started_on=date(2024, 5, 2))


def _record(client, case, timepoint: str, value: int, on: tuple[str, str, str]):
    url = f"/cases/{case.public_id}/assessments/new"
    page = client.get(url)
    assert page.status_code == 200, text(page)[:800]
    assert PROGRESS_CHECK.code in text(page)
    chosen = client.post(url, data={"csrf_token": csrf_token_from(text(page)), "instrument": PROGRESS_CHECK.code,
                                    "timepoint": timepoint, "completed_on": list(on)})
    assert chosen.status_code == 302, text_of(text(chosen))[:800]
    answers_page = client.get(chosen.headers["Location"])
    assert answers_page.status_code == 200
    answers = {f"question_{n}": str(6 - value if item.reverse_scored else value)
               for n, item in enumerate(PROGRESS_CHECK.items, start=1)}
    return client.post(f"/cases/{case.public_id}/assessments/new/answers",
                       data={**hidden_fields(text(answers_page)), **answers})


def test_the_toy_progress_check_is_recorded_and_compared(signed_in, world, toy_case):
    client, _ = signed_in(user=world.worker)
    assert _record(client, toy_case, "pre", 2, ("3", "5", "2024")).status_code == 302
    post = _record(client, toy_case, "post", 4, ("3", "6", "2024"))
    assert post.status_code == 302
    db.session.expire_all()
    scores = [float(a.score) for a in db.session.scalars(
        sa.select(Assessment).where(Assessment.case_id == toy_case.id).order_by(Assessment.id))]
    assert scores == [2.0, 4.0]
    page = text_of(text(client.get(post.headers["Location"])))
    assert "Improved" in page and "Toy progress check" in page


def test_every_page_of_a_toy_case_and_programme_opens(signed_in, world, toy_case, create_user):
    case_url = f"/cases/{toy_case.public_id}"
    pages = {
        world.manager: ("/dashboard", "/referrals", "/cases", "/imports", "/returns", f"{case_url}/allocation",
                        "/imports/template/referrals", "/imports/template/sessions"),
        world.worker: ("/caseload", "/programmes", case_url, f"{case_url}/sessions", f"{case_url}/sessions/new",
                       f"{case_url}/assessments", f"{case_url}/assessments/new", f"{case_url}/plans",
                       f"{case_url}/plans/new", f"{case_url}/close"),
    }
    for user, urls in pages.items():
        client, _ = signed_in(user=user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, text(response)[:1500])
    about = text(client.get("/programmes/toy"))
    assert "The Toy Programme" in about
    for item in (*COMPONENTS, *OUTCOMES):
        assert item.name in about
    assert "Toy" in text(client.get("/programmes"))
    case_page = text(client.get(case_url))
    assert "Toy" in case_page
    commissioner, _ = signed_in("commissioner")
    assert ">TOY</th>" in text(commissioner.get("/overview"))
    assert commissioner.get("/returns/build?programme=TOY&period=2024-25-Q1&mode=shared").status_code == 200


def test_toy_referrals_and_cases_are_imported_with_the_toy_columns(world, create_person, run_cli, tmp_path):
    create_person(provider_reference="TP1", date_of_birth=date(2010, 3, 1))
    header = list(header_for("referrals"))
    assert "favourite_toy" in header and "shares_toys" in header

    def write(name, kind, rows):
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(header_for(kind)), restval="")
            writer.writeheader()
            writer.writerows(rows)
        return str(path)

    row = {"provider_reference": "TR1", "person_reference": "TP1", "team": "Toy Leicester",
           "received_on": "2024-05-01", "source": "toy_shop", "favourite_toy": "Yo-yo", "shares_toys": "no",
           "status": "accepted", "decided_on": "2024-05-02"}
    missing = run_cli("import", "referrals", write("bad.csv", "referrals", [{**row, "favourite_toy": ""}]),
                      "--user", world.manager.email)
    assert missing.exit_code != 0
    assert "Enter the young person's favourite toy" in missing.output
    result = run_cli("import", "referrals", write("referrals.csv", "referrals", [row]), "--user", world.manager.email)
    assert result.exit_code == 0, result.output
    referral = db.session.scalars(sa.select(Referral).where(Referral.provider_reference == "TR1")).one()
    assert (referral.programme, referral.details) == ("TOY", {"favourite_toy": "Yo-yo", "shares_toys": False})
    assert referral.eligibility["outcome"] == "eligible"
    case_row = {"provider_reference": "TC1", "referral_reference": "TR1", "started_on": "2024-05-06",
                "lead_worker": world.worker.email}
    result = run_cli("import", "cases", write("cases.csv", "cases", [case_row]), "--user", world.manager.email)
    assert result.exit_code == 0, result.output
    case = db.session.scalars(sa.select(Case).where(Case.provider_reference == "TC1")).one()
    assert (case.programme, case.status, case.lead_worker_id) == ("TOY", "open", world.worker.id)


def test_toy_is_gone_when_the_test_ends():
    assert "TOY" not in programmes.programme_codes()
    assert all(i.code != PROGRESS_CHECK.code for i in programmes.all_instruments())
