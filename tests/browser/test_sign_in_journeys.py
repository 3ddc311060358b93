"""Each demo role signs in through Chromium and reaches its home page; axe finds nothing."""

import pytest

from tests.browser.conftest import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser

HOMES = {
    "youth_worker": ("/caseload", "Your caseload"),
    "navigator": ("/caseload", "Your caseload"),
    "manager": ("/dashboard", "Dashboard"),
    "commissioner": ("/overview", "Programme overview"),
    "enforcement_officer": ("/escalations", "Escalations to enforcement"),
    "administrator": ("/admin/users", "Users"),
}


def test_sign_in_page_is_accessible(page, live_server):
    page.goto(f"{live_server}/sign-in")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to Casework"
    assert_accessible(page)


@pytest.mark.parametrize("role", sorted(HOMES))
def test_each_role_reaches_its_home_page(page, live_server, demo_users, role):
    sign_in_as(page, live_server, demo_users[role])
    path, heading = HOMES[role]
    assert page.url == f"{live_server}{path}"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server}/sign-in"


def test_wrong_password_shows_a_clear_message_in_the_browser(page, live_server, demo_users):
    sign_in_as(page, live_server, demo_users["manager"], password="not-the-password")
    assert "Enter a correct email address and password" in page.inner_text(".govuk-error-summary")
    assert_accessible(page)


def test_home_page_works_on_a_phone(browser, live_server, demo_users):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in_as(page, live_server, demo_users["youth_worker"])
    assert page.url.endswith("/caseload")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone screen"
    context.close()


def test_the_accessibility_check_does_catch_violations(page):
    """The zero-violation checks above mean something: axe fails a page with known faults."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_content('<html><body><img src="x.png"><input type="text"></body></html>')
    assert Axe().run(page).violations_count >= 2
