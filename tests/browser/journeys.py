"""Steps the journey tests share: each one fills a real form the way a person would, and checks
the page it lands on with axe."""

from __future__ import annotations

from datetime import date

from tests.browser.conftest import assert_accessible, sign_in_as


class Visit:
    """A signed-in person in their own browser context; every page they reach is checked by axe."""

    def __init__(self, browser, live_server: str, email: str):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base = live_server
        sign_in_as(self.page, live_server, email)
        self.checked: list[str] = []
        self.check()

    def check(self) -> None:
        """axe on the current page (each distinct path once)."""
        path = self.page.url.split("?")[0].replace(self.base, "")
        assert "Sorry, there is a problem" not in self.page.content(), path
        assert_accessible(self.page)
        self.checked.append(path)

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check()

    def click(self, name: str, role: str = "button") -> None:
        self.page.get_by_role(role, name=name, exact=True).first.click()
        self.page.wait_for_load_state()
        self.check()

    def fill_date(self, field: str, day: date) -> None:
        boxes = self.page.locator(f'input[name="{field}"]')
        for index, value in enumerate((day.day, day.month, day.year)):
            boxes.nth(index).fill(str(value))

    def choose(self, field: str, value: str) -> None:
        self.page.locator(f'input[name="{field}"][value="{value}"]').check()

    def select(self, field: str, value: str | None = None, label: str | None = None) -> None:
        element = self.page.locator(f'select[name="{field}"]')
        element.select_option(value=value) if value is not None else element.select_option(label=label)

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def banner(self) -> str:
        return self.page.locator(".govuk-notification-banner").first.inner_text()

    def close(self) -> None:
        self.context.close()
