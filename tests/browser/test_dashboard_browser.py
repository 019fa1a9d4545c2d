"""The staff dashboard in a real browser: a national administrator signs in with the
server's own account, sees the completeness chart and table, and signs out; a wrong
password is refused with an error; someone not signed in never sees it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from server.demo import RETURN_COMMENT
from tests.browser.conftest import DEMO_PASSWORD, statuses

pytestmark = pytest.mark.slow


def sign_in(page: Any, username: str, password: str, lang: str = "en") -> Any:
    """Fill the sign-in form and send it; the answer to the form."""
    page.goto(f"/{lang}/dashboard/sign-in")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', password)
    with page.expect_navigation() as navigation:
        page.click('button[type="submit"]')
    return navigation.value


def test_an_administrator_signs_in_sees_completeness_and_signs_out(desktop: Any) -> None:
    sign_in(desktop, "admin", DEMO_PASSWORD)
    assert re.search(r"/en/dashboard/$", desktop.url)
    chart = desktop.locator("svg.chart")
    assert chart.count() >= 1 and chart.first.is_visible()
    table = desktop.locator("table.completeness")
    assert table.count() == 1
    text = table.inner_text()
    # The demo province, and its units that reported this year.
    assert "Banteay Meanchey" in text
    assert re.search(r"\d", text)
    assert desktop.locator("form.filters").count() == 1
    # The other pages of the dashboard open for the same person.
    assert desktop.goto("/en/dashboard/standards").status == 200
    assert desktop.locator("table.standards-share").count() == 1
    assert desktop.goto("/en/dashboard/exports").status == 200
    desktop.goto("/en/dashboard/")
    with desktop.expect_navigation():
        desktop.click("form.sign-out button, form.sign-out [type=submit]")
    # Signed out, the dashboard is not shown any more.
    answer = desktop.goto("/en/dashboard/")
    assert desktop.locator("table.completeness").count() == 0
    assert answer.status in (401, 403) or "/dashboard/sign-in" in desktop.url


def test_a_wrong_password_shows_an_error_and_no_dashboard(desktop: Any) -> None:
    answer = sign_in(desktop, "admin", "not the password")
    assert answer.status == 401
    assert desktop.locator(".error").count() >= 1
    assert desktop.locator(".error").first.is_visible()
    assert desktop.locator("table.completeness").count() == 0
    # The username stays filled in; nothing typed is lost but the password.
    assert desktop.input_value('input[name="username"]') == "admin"


def test_the_khmer_sign_in_leads_to_the_khmer_dashboard(desktop: Any) -> None:
    sign_in(desktop, "dmk.0102", DEMO_PASSWORD, lang="km")
    assert re.search(r"/km/dashboard/$", desktop.url)
    assert desktop.get_attribute("html", "lang") == "km"
    assert desktop.locator("table.completeness").count() == 1


def test_a_commune_focal_point_gets_no_dashboard(desktop: Any) -> None:
    sign_in(desktop, "focal.010201", DEMO_PASSWORD)
    answer = desktop.goto("/en/dashboard/")
    assert answer.status == 403 or "/dashboard/sign-in" in desktop.url
    assert desktop.locator("table.completeness").count() == 0


def public_status(browser: Any, server: str, path: str) -> int:
    """What a new visitor (no cache, not signed in) gets at `path`."""
    context = browser.new_context(base_url=server)
    try:
        return int(context.new_page().goto(path).status)
    finally:
        context.close()


def test_publishing_from_the_dashboard_makes_exactly_the_previewed_forms_public(
        desktop: Any, browser: Any, server: str, demo_engine: Any) -> None:
    # Banteay Neang's primary schools this year: one approved, two returned, two published.
    approved, returned = "PS01020102", "PS01020101"
    assert statuses(demo_engine, approved)[2026] == "approved"
    assert statuses(demo_engine, returned)[2026] == "returned"
    assert public_status(browser, server, f"/en/unit/{approved}/2026") == 404
    sign_in(desktop, "admin", DEMO_PASSWORD)
    desktop.goto("/en/dashboard/publish?year=2026&service=primary_school&area=010201")
    previewed = desktop.eval_on_selector_all(
        "table.preview tbody tr", "rows => rows.map(r => r.cells[0].innerText)")
    assert [row.split()[0] for row in previewed] == [approved]
    with desktop.expect_navigation():
        desktop.click("form.publish button[type=submit]")
    assert desktop.locator("p.notice").count() == 1
    assert statuses(demo_engine, approved)[2026] == "published"
    assert statuses(demo_engine, returned)[2026] == "returned"
    assert public_status(browser, server, f"/en/unit/{approved}/2026") == 200
    assert public_status(browser, server, f"/en/unit/{returned}/2026") == 404
    # Withdrawn with a reason: out of public view again, and both steps on record.
    row = desktop.locator(f"table.published tr:has-text('{approved}')")
    row.locator('input[name="reason"]').fill(RETURN_COMMENT)  # a reason in Khmer
    with desktop.expect_navigation():
        row.locator("form.withdraw button[type=submit]").click()
    assert statuses(demo_engine, approved)[2026] == "approved"
    assert public_status(browser, server, f"/en/unit/{approved}/2026") == 404
    record = desktop.inner_text("table.publications")
    assert approved in record and RETURN_COMMENT in record
