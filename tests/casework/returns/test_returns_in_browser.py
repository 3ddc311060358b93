"""The returns pages in Chromium with demo data: axe finds nothing, and a phone can read them."""

from __future__ import annotations

from datetime import date

import pytest

from reports.periods import quarter_label
from tests.browser.conftest import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser


def _this_quarter() -> str:
    return quarter_label(date.today())


def test_a_manager_builds_writes_and_submits_a_return_in_the_browser(page, live_server, demo_users):
    sign_in_as(page, live_server, demo_users["manager"])
    page.goto(f"{live_server}/returns")
    assert page.get_by_role("heading", level=1).inner_text() == "Monitoring returns"
    assert_accessible(page)
    page.goto(f"{live_server}/returns/build")
    page.get_by_label("Programme").select_option("VIP")
    page.get_by_label("Period").fill(_this_quarter())
    page.get_by_label("Internal: exact figures").check()
    page.get_by_role("button", name="Build the return").click()
    page.wait_for_load_state()
    assert (
        "Monitoring return: Violence Intervention Project"
        in page.get_by_role("heading", level=1).inner_text()
    )
    assert_accessible(page)
    page.get_by_role("link", name="Add area context and narrative").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Barriers").fill("Two posts were vacant for a month.")
    page.get_by_role("button", name="Save sections H and I").click()
    page.wait_for_load_state()
    assert "Two posts were vacant for a month." in page.content()
    page.get_by_role("link", name="Submit this return").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("I have reviewed these figures").check()
    page.get_by_role("button", name="Submit the return").click()
    page.wait_for_load_state()
    assert "/returns/submitted/" in page.url
    assert "Nothing has changed" in page.content()
    assert_accessible(page)


def test_a_commissioner_reads_the_shared_return_of_all_programmes(page, live_server, demo_users):
    sign_in_as(page, live_server, demo_users["commissioner"])
    page.goto(f"{live_server}/returns/build?programme=ALL&period={_this_quarter()}&mode=shared")
    assert page.get_by_role("heading", level=1).inner_text() == "Monitoring return: All programmes"
    assert_accessible(page)


def test_the_return_page_fits_a_phone(browser, live_server, demo_users):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_as(page, live_server, demo_users["manager"])
    page.goto(f"{live_server}/returns/build?programme=VIP&period={_this_quarter()}&mode=shared")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
    context.close()
