"""Information for Citizens in a real browser, as a citizen on a cheap phone uses it:
browse down to a health center, search in Khmer and Latin letters, switch language and
back, download the poster, and never see a figure that is not published.

The units are the demo's (server/demo.py, deterministic): each test first checks that the
demo still gives its unit the statuses it relies on, so a changed demo says so plainly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from common.units.models import ServiceUnit
from server.accounts.models import User
from server.data import service
from server.data.models import FormRecord
from server.demo import _JAAP_ACTIONS
from tests.browser.conftest import PHONE, statuses, unit

pytestmark = pytest.mark.slow

#: Published in 2025 and 2026 (district 0102, Mangkul Bourei; commune Srah Reang).
PUBLISHED = "HC010212"
#: 2025 published, 2026 a draft (the demo health center chief's own).
DRAFT = "HC010201"
#: 2025 published, 2026 approved by the district but not published.
APPROVED = "HC010207"


def standards(page: Any) -> dict[str, dict[str, str]]:
    """Indicator code -> the texts of its row in the standards table (and its classes)."""
    rows: list[dict[str, str]] = page.eval_on_selector_all(
        "table.standards tr[data-indicator]",
        """rows => rows.map(r => ({
            code: r.dataset.indicator,
            verdict: r.querySelector('td.verdict') ? r.querySelector('td.verdict').innerHTML : '',
            this_year: (r.querySelector('td.this-year') || {}).innerText || '',
            last_year: (r.querySelector('td.last-year') || {}).innerText || '',
            district: (r.querySelector('td.district') || {}).innerText || '',
            proposed: r.querySelector('.proposed') ? 'yes' : 'no'}))""")
    return {row["code"]: row for row in rows}


def test_a_citizen_browses_from_the_province_down_to_a_health_center(phone: Any,
                                                                      demo_engine: Any) -> None:
    center = unit(demo_engine, PUBLISHED)
    assert statuses(demo_engine, PUBLISHED) == {2025: "published", 2026: "published"}
    phone.goto("/")
    assert phone.url.endswith("/km/")
    assert phone.get_attribute("html", "lang") == "km"
    for name in ("បន្ទាយមានជ័យ", "មង្គលបូរី", "ស្រះរាំង"):  # province, district, commune
        with phone.expect_navigation():
            phone.locator("ul.list a", has_text=name).first.click()
        assert "/km/area/" in phone.url
        assert name in phone.locator("h1").inner_text()
    with phone.expect_navigation():
        phone.locator(f'ul.list a[href="/km/unit/{PUBLISHED}"]').click()
    # The unit's address leads to its newest published year.
    assert phone.url.endswith(f"/km/unit/{PUBLISHED}/2026")
    assert phone.inner_text("h1").strip() == center.name_km
    crumbs = phone.inner_text("nav.crumbs")
    assert "បន្ទាយមានជ័យ" in crumbs and "មង្គលបូរី" in crumbs


def test_the_unit_page_shows_the_published_i4c(phone: Any, demo_engine: Any) -> None:
    phone.goto(f"/en/unit/{PUBLISHED}/2026")
    rows = standards(phone)
    assert len(rows) >= 10
    judged = [r for r in rows.values() if r["verdict"]]
    assert judged and all(re.search(r'class="[^"]*\b(met|not-met)\b', r["verdict"])
                          for r in judged)
    # A proposed standard says so, as on posters; an official one does not.
    assert rows["anc1_coverage"]["proposed"] == "yes"
    assert rows["days_open_per_week"]["proposed"] == "no"
    with Session(demo_engine) as session:
        form = session.scalars(select(FormRecord).join(FormRecord.unit).where(
            FormRecord.year == 2026, FormRecord.form_code == "health_center",
            FormRecord.unit.has(code=PUBLISHED))).one()
        values = service.view(session, form).values
    staff = values["medical_staff_total"]
    assert str(staff) in rows["medical_staff_total"]["this_year"]
    assert rows["medical_staff_total"]["last_year"].strip()
    assert rows["medical_staff_total"]["district"].strip()
    # The district figures say how many units they are made of.
    assert re.search(r"\d", phone.inner_text("p.district-note"))
    assert phone.locator("table.budget").count() == 1
    activities = {a for a, _ in _JAAP_ACTIONS["health_center"]}
    jaap = phone.locator("table.jaap")
    if jaap.count():
        assert any(a in jaap.inner_text() for a in activities)
    else:
        assert phone.locator("p.no-jaap").count() == 1
    assert phone.get_attribute("a.poster", "href").endswith("poster.pdf")
    share = phone.locator("input.share")
    assert share.get_attribute("readonly") is not None
    assert share.input_value() == phone.url
    assert phone.locator(f'nav.years a[href$="/unit/{PUBLISHED}/2025"]').count() == 1


def test_searching_in_khmer_and_in_latin_letters_finds_the_unit(phone: Any) -> None:
    phone.goto("/km/")
    box = phone.locator('form.search input[name="q"][type="search"]')
    box.fill("ស្រះរាំង")  # a fragment of the health center's Khmer name
    box.press("Enter")
    phone.wait_for_url(re.compile(r"/km/search\?"))
    hits = phone.locator(f'ul.list.results li a[href="/km/unit/{PUBLISHED}"]')
    assert hits.count() == 1
    assert "មណ្ឌលសុខភាព" in hits.inner_text()
    phone.goto("/en/")
    phone.fill('form.search input[name="q"]', "srah reang")
    phone.press('form.search input[name="q"]', "Enter")
    phone.wait_for_url(re.compile(r"/en/search\?"))
    assert phone.locator(f'ul.list.results li a[href="/en/unit/{PUBLISHED}"]').count() == 1
    phone.goto("/en/search?q=zzqqxx")
    assert phone.locator("p.empty").count() == 1
    assert phone.locator("ul.list.results li").count() == 0


def test_switching_language_keeps_the_unit_and_changes_the_words(phone: Any,
                                                                  demo_engine: Any) -> None:
    center = unit(demo_engine, PUBLISHED)
    phone.goto(f"/km/unit/{PUBLISHED}/2026")
    khmer_header = phone.inner_text("table.standards tr:first-child")
    phone.click("header.top a.lang")
    phone.wait_for_url(f"**/en/unit/{PUBLISHED}/2026")
    assert phone.get_attribute("html", "lang") == "en"
    assert phone.inner_text("h1").strip() == center.name_en
    assert phone.inner_text("table.standards tr:first-child") != khmer_header
    phone.click("header.top a.lang")
    phone.wait_for_url(f"**/km/unit/{PUBLISHED}/2026")
    assert phone.get_attribute("html", "lang") == "km"
    assert phone.inner_text("h1").strip() == center.name_km


def test_the_poster_downloads_as_a_pdf(phone: Any) -> None:
    phone.goto(f"/km/unit/{PUBLISHED}/2026")
    with phone.expect_download() as info:
        phone.click("a.poster")
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000


def test_the_unit_page_fits_a_phone_without_sideways_scrolling(phone: Any) -> None:
    for path in ("/km/", f"/km/unit/{PUBLISHED}/2026", f"/en/unit/{PUBLISHED}/2026"):
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, (path, width)


def test_forms_not_published_never_show(phone: Any, demo_engine: Any) -> None:
    assert statuses(demo_engine, DRAFT) == {2025: "published", 2026: "draft"}
    assert statuses(demo_engine, APPROVED) == {2025: "published", 2026: "approved"}
    for code in (DRAFT, APPROVED):
        assert phone.goto(f"/km/unit/{code}/2026").status == 404
        assert phone.goto(f"/km/unit/{code}/2026/poster.pdf").status == 404
        # The unit's own address leads to the year that is published, not the newest.
        phone.goto(f"/en/unit/{code}")
        assert phone.url.endswith(f"/en/unit/{code}/2025")
        assert phone.locator('nav.years a[href$="/2026"]').count() == 0
    with Session(demo_engine) as session:
        never = session.scalars(select(FormRecord).where(
            FormRecord.status != "published",
            ~FormRecord.unit_id.in_(select(FormRecord.unit_id)
                                    .where(FormRecord.status == "published")))).first()
        assert never is not None, "the demo has no unit without a published form"
        code, year = never.unit.code, never.year
    answer = phone.goto(f"/en/unit/{code}")
    assert answer.status == 200 and phone.locator("p.empty").count() == 1
    assert phone.locator("table.standards").count() == 0
    assert phone.goto(f"/en/unit/{code}/{year}").status == 404


#: Second demo district (0103, Phnum Srok): a published health center of 2026, one
#: approved, one a draft. Only this test changes them.
DISTRICT_TWO = {"published": "HC010304", "approved": "HC010306", "draft": "HC010301"}


def district_column(browser: Any, server: str) -> tuple[str, dict[str, str]]:
    """The district note and the district figure of every standard, as a citizen reads
    them on the published health center's page. Each time a new visitor (a profile of its
    own): a page is public and kept for minutes, so one browser would show it from its
    cache."""
    context = browser.new_context(viewport=PHONE, base_url=server)
    try:
        page = context.new_page()
        page.goto(f"/en/unit/{DISTRICT_TWO['published']}/2026")
        return (page.inner_text("p.district-note"),
                {code: row["district"] for code, row in standards(page).items()})
    finally:
        context.close()


def final_forms(engine: Any, district: str) -> int:
    """How many health centers of `district` have an approved or published form of 2026:
    read straight from the table, the number the district note must give."""
    with Session(engine) as session:
        return len(session.scalars(select(FormRecord.id).join(FormRecord.unit).where(
            FormRecord.year == 2026, FormRecord.form_code == "health_center",
            FormRecord.deleted.is_(False), FormRecord.status.in_(["approved", "published"]),
            ServiceUnit.commune_code.startswith(district))).all())


def mentions(text: str, number: int) -> bool:
    """Whether `text` gives `number` as a number of its own (not inside 2026, say)."""
    return re.search(rf"(?<!\d){number}(?!\d)", text) is not None


def test_district_figures_leave_out_drafts_and_submitted_forms(browser: Any, server: str,
                                                                demo_engine: Any) -> None:
    for status, code in DISTRICT_TWO.items():
        assert statuses(demo_engine, code)[2026] == status
    before = district_column(browser, server)
    final = final_forms(demo_engine, "0103")
    with Session(demo_engine) as session, session.begin():
        officer = session.scalars(select(User).where(User.username == "dmk.0103")).one()
        draft = session.scalars(select(FormRecord).where(
            FormRecord.year == 2026,
            FormRecord.unit.has(code=DISTRICT_TWO["draft"]))).one()
        # Figures no district could have: they must not move the district's averages.
        service.update_values(session, officer, draft.id, {"fee_child_vaccination": 99_000,
                                                           "days_open_per_week": 3})
    assert district_column(browser, server) == before
    # The approved form goes back to its unit (returned), then is submitted again:
    # neither counts, so the district is one unit smaller; approved again, it is back.
    with Session(demo_engine) as session, session.begin():
        officer = session.scalars(select(User).where(User.username == "dmk.0103")).one()
        approved = session.scalars(select(FormRecord).where(
            FormRecord.year == 2026,
            FormRecord.unit.has(code=DISTRICT_TWO["approved"]))).one()
        admin = session.scalars(select(User).where(User.username == "admin")).one()
        service.transition(session, admin, approved.id, "unlock", comment="check the fees")
        service.transition(session, officer, approved.id, "submit")
        approved_id = approved.id
    fewer = district_column(browser, server)
    assert fewer != before
    assert mentions(before[0], final) and mentions(fewer[0], final - 1), (before[0], fewer[0])
    with Session(demo_engine) as session, session.begin():
        officer = session.scalars(select(User).where(User.username == "dmk.0103")).one()
        service.transition(session, officer, approved_id, "approve")
    assert district_column(browser, server) == before
