"""The citizens' pages as a citizen meets them: browsing to a unit, searching in Khmer and
Latin letters, a unit's published I4C with its figures in the page's digits, the district
figures made of approved and published forms only (and saying how many units they
cover), nothing unpublished or personal, the poster download, and pages that a second
visit gets as a 304."""

from __future__ import annotations

import gzip
import re
from typing import Any

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from common.units.models import ServiceUnit
from tests.server.conftest import World, new_form
from tests.server.test_forms_api import act, complete_values, patch

YEAR = 2025
#: Days open per week of each form: a figure each unit's form sets apart.
DAYS = {"home": 7, "home_last": 6, "approved": 5, "draft": 1, "submitted": 2}
CHIEF = "Sok Dara"
PHONE = "012 345 678"


def row(html: str, code: str) -> str:
    """The HTML of the table row of indicator `code`."""
    found = re.search(rf'<tr data-indicator="{re.escape(code)}"[^>]*>(.*?)</tr>', html, re.S)
    assert found, f"no row for {code}"
    return found.group(1)


def cell(html: str, css: str) -> str:
    """The text of the first cell whose class list holds `css`."""
    found = re.search(rf'<td class="[^"]*\b{re.escape(css)}\b[^"]*"[^>]*>(.*?)</td>', html,
                      re.S)
    assert found, f"no cell .{css} in {html}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def form_at(client: FlaskClient, maker: dict[str, str], unit_id: str, year: int,
            days: int, status: str, admin: dict[str, str] | None = None) -> dict[str, Any]:
    """A complete health-center form with `days` open a week, taken to `status`."""
    form = new_form(client, maker, unit_id, year=year)
    complete_values(client, maker, form)
    # Fewer than 7 days is not open 24 hours (else a warning waits for a confirmation).
    answer = patch(client, maker, form["id"], {
        "days_open_per_week": days, "open_24h": days == 7, "hc_chief_name": CHIEF,
        "hc_phone": PHONE})
    assert answer.status_code == 200, answer.json
    steps = {"draft": [], "submitted": ["submit"], "approved": ["submit", "approve"],
             "published": ["submit", "approve", "publish"]}[status]
    for step in steps:
        header = admin if step == "publish" and admin else maker
        assert act(client, header, form["id"], step).status_code == 200, step
    return form


@pytest.fixture(scope="module")
def forms(app: Flask, client: FlaskClient, world: World,
          headers: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """Health centers of district 0102: the home one published this year and last, and
    one more of each status but published; a draft the year before last."""
    with Session(app.extensions["isaf_engine"]) as session, session.begin():
        for code, key in (("HC010203", "draft"), ("HC010204", "submitted")):
            unit = ServiceUnit(code=code, kind="health_center", commune_code="010202",
                               name_km=f"មណ្ឌលសុខភាព {code}", name_en=f"Health center {code}")
            session.add(unit)
            session.flush()
            world.units[key] = unit.id
    dmk, admin = headers["dmk"], headers["admin"]
    return {
        "home": form_at(client, dmk, world.units["home"], YEAR, DAYS["home"], "published",
                        admin),
        "home_last": form_at(client, dmk, world.units["home"], YEAR - 1, DAYS["home_last"],
                             "published", admin),
        "home_before": form_at(client, dmk, world.units["home"], YEAR - 2, 3, "draft"),
        "approved": form_at(client, dmk, world.units["other_commune"], YEAR,
                            DAYS["approved"], "approved"),
        "draft": form_at(client, dmk, world.units["draft"], YEAR, DAYS["draft"], "draft"),
        "submitted": form_at(client, dmk, world.units["submitted"], YEAR, DAYS["submitted"],
                             "submitted"),
    }


def test_browse_from_the_home_page_down_to_a_unit(client: FlaskClient, forms: Any) -> None:
    home = client.get("/km/")
    assert home.status_code == 200
    assert 'action="/km/search"' in home.text and 'type="search"' in home.text
    # Only provinces that have units; names in the page's language first.
    assert '<a href="/km/area/01">បន្ទាយមានជ័យ' in home.text
    assert "/km/area/02" in home.text
    province = client.get("/km/area/01").text
    assert 'class="crumbs"' in province and "/km/area/0102" in province
    assert "/km/area/0103" in province
    district = client.get("/en/area/0102").text
    assert '<a href="/en/area/010201">Banteay Neang' in district
    commune = client.get("/en/area/010202").text
    for code in ("HC010202", "HC010203", "HC010204"):
        assert f'href="/en/unit/{code}"' in commune
    assert "Health center · HC010203" in commune  # the kind in words
    assert client.get("/km/unit/HC010201").headers["Location"] == f"/km/unit/HC010201/{YEAR}"
    for missing in ("/km/area/99", "/km/area/01x", "/en/area/0102030405", "/km/unit/NOPE",
                    "/km/no/such/page", "/en/unit/HC010201/1999", "/km/unit/HC%00"):
        answer = client.get(missing)
        assert answer.status_code == 404, missing
        assert "text/html" in answer.content_type and "<h1>" in answer.text
    # The API keeps its JSON errors.
    assert client.get("/api/v1/no-such-thing").json["code"] == "not_found"


def test_search_finds_units_in_khmer_and_latin_letters(client: FlaskClient,
                                                       forms: Any) -> None:
    khmer = client.get("/km/search", query_string={"q": "អង្គភាព HC010201"}).text
    assert re.findall(r'<ul class="list results">.*?href="(/km/unit/[^"]+)"', khmer,
                      re.S) == ["/km/unit/HC010201"]
    # A Khmer word in the middle of a name, typed with a zero-width space in it.
    middle = client.get("/km/search", query_string={"q": "មណ្ឌល\u200bសុខភាព"}).text
    assert "/km/unit/HC010203" in middle and "/km/unit/HC010204" in middle
    assert "/km/unit/HC010201" not in middle
    latin = client.get("/en/search", query_string={"q": "  health   CENTER hc01020"}).text
    assert "/en/unit/HC010203" in latin and "/en/unit/HC010201" not in latin
    by_commune = client.get("/en/search", query_string={"q": "bat trang"}).text
    assert "/en/unit/HC010202" in by_commune and "/en/unit/HC010201" not in by_commune
    for nothing in ("%", "_", "zzz", "HC\x00Z"):
        page = client.get("/en/search", query_string={"q": nothing})
        assert page.status_code == 200 and 'class="empty"' in page.text, nothing
    empty = client.get("/en/search?q=")
    assert empty.status_code == 200 and "Type part of a unit" in empty.text
    too_long = client.get("/en/search", query_string={"q": "ក" * 500})
    assert too_long.status_code == 400 and "too long" in too_long.text


def test_a_units_page_shows_its_published_figures_in_the_pages_digits(
        client: FlaskClient, forms: Any) -> None:
    english = client.get(f"/en/unit/HC010201/{YEAR}")
    assert english.status_code == 200
    assert "<h1>Unit HC010201</h1>" in english.text
    days = row(english.text, "days_open_per_week")
    assert cell(days, "this-year").startswith("7") and cell(days, "last-year").startswith("6")
    assert 'class="met"' in cell_html(days, "verdict")
    assert cell(days, "change") == "+1"
    khmer = client.get(f"/km/unit/HC010201/{YEAR}")
    days_km = row(khmer.text, "days_open_per_week")
    assert cell(days_km, "this-year").startswith("៧") and "7" not in cell(days_km, "this-year")
    assert cell(days_km, "last-year").startswith("៦")
    assert "<h1>អង្គភាព HC010201</h1>" in khmer.text
    # The language switch leads to the same page in the other language.
    assert f'class="lang" href="/en/unit/HC010201/{YEAR}"' in khmer.text
    # A proposed standard says so, and where it comes from.
    stockout = re.search(r'<tr data-indicator="stockout_days" class="proposed">(.*?)</tr>',
                         english.text, re.S)
    assert stockout and 'class="proposed">proposed standard<' in stockout.group(1)
    assert 'title="proposed by' in stockout.group(1)
    official = client.get(f"/en/unit/HC010201/{YEAR}?official_only=1").text
    assert 'data-indicator="stockout_days" class="proposed"' not in official
    assert '<tr data-indicator="stockout_days">' in official  # among the other figures
    assert 'class="table-wrap"><table class="budget">' in english.text
    assert "Received" in english.text and "Spent" in english.text
    assert 'class="no-jaap' in english.text
    poster = f'href="/en/unit/HC010201/{YEAR}/poster.pdf"'
    assert poster in english.text and 'class="poster' in english.text
    assert f'class="share" id="share" type="url" readonly value="http://localhost/en/unit/' \
           f'HC010201/{YEAR}"' in english.text
    assert f'<a href="/en/unit/HC010201/{YEAR - 1}">{YEAR - 1}</a>' in english.text
    assert "<script" not in english.text


def cell_html(html: str, css: str) -> str:
    found = re.search(rf'<td class="{css}"[^>]*>(.*?)</td>', html, re.S)
    assert found
    return found.group(1)


def test_district_figures_count_approved_and_published_forms_only(
        client: FlaskClient, forms: Any) -> None:
    page = client.get(f"/en/unit/HC010201/{YEAR}").text
    # The home unit's 7 and the approved 5; never the draft's 1 nor the submitted 2.
    assert cell(row(page, "days_open_per_week"), "district") == "6"
    note = re.search(r'<p class="district-note[^"]*">(.*?)</p>', page, re.S)
    assert note and " 2 units" in note.group(1)
    khmer = client.get(f"/km/unit/HC010201/{YEAR}").text
    assert cell(row(khmer, "days_open_per_week"), "district") == "៦"
    note_km = re.search(r'<p class="district-note[^"]*">(.*?)</p>', khmer, re.S)
    assert note_km and "២" in note_km.group(1)
    # The public JSON gives the same district figures.
    public = client.get(f"/api/v1/public/forms/{forms['home']['id']}").json
    assert public["district"]["code"] == "0102" and public["district"]["units"] == 2
    days = public["district"]["indicators"]["days_open_per_week"]
    assert days == {"average": 6.0, "units": 2, "met": 1}
    official = client.get(f"/api/v1/public/forms/{forms['home']['id']}?official_only=1").json
    figures = {i["code"]: i for i in official["indicators"]}
    assert figures["stockout_days"]["standard_met"] is None
    assert figures["days_open_per_week"]["standard_met"] is True
    assert official["district"]["indicators"]["stockout_days"]["met"] is None


def test_nothing_unpublished_or_personal_reaches_the_pages(client: FlaskClient,
                                                           forms: Any) -> None:
    for code in ("HC010202", "HC010203", "HC010204"):
        assert client.get(f"/en/unit/{code}/{YEAR}").status_code == 404, code
        assert client.get(f"/en/unit/{code}/{YEAR}/poster.pdf").status_code == 404, code
        none = client.get(f"/en/unit/{code}")
        assert none.status_code == 200 and 'class="empty"' in none.text
        assert "<table" not in none.text
    # Last year's figures only from a published form: the year before last is a draft.
    older = client.get(f"/en/unit/HC010201/{YEAR - 1}").text
    assert cell(row(older, "days_open_per_week"), "last-year") == "-"
    assert f"/en/unit/HC010201/{YEAR - 2}" not in older
    for path in ("/en/", "/en/area/010201", f"/en/unit/HC010201/{YEAR}",
                 f"/km/unit/HC010201/{YEAR}", "/en/search?q=HC"):
        text = client.get(path).text
        assert CHIEF not in text and PHONE not in text, path
        assert "hc_chief_name" not in text and "hc_phone" not in text, path


def test_withdrawing_takes_a_page_away_and_changes_its_etag(
        client: FlaskClient, world: World, headers: dict[str, dict[str, str]],
        forms: Any) -> None:
    year = YEAR + 1
    form = form_at(client, headers["dmk"], world.units["home"], year, 4, "published",
                   headers["admin"])
    url = f"/en/unit/HC010201/{year}"
    first = client.get(url)
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/en/unit/HC010201").headers["Location"] == url
    unlocked = act(client, headers["admin"], form["id"], "unlock", "Counted twice")
    assert unlocked.status_code == 200
    assert client.get(url, headers={"If-None-Match": first.headers["ETag"]}).status_code == 404
    assert client.get("/en/unit/HC010201").headers["Location"] == f"/en/unit/HC010201/{YEAR}"


def test_pages_are_small_and_cached(client: FlaskClient, forms: Any) -> None:
    url = f"/km/unit/HC010201/{YEAR}"
    for encoding, unpack in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        answer = client.get(url, headers={"Accept-Encoding": encoding})
        assert answer.headers["Content-Encoding"] == encoding
        assert len(answer.data) < 25 * 1024
        assert "ស្តង់ដារ" in unpack(answer.data).decode("utf-8")
        assert answer.headers["Cache-Control"].startswith("public")
        held = client.get(url, headers={"Accept-Encoding": encoding,
                                        "If-None-Match": answer.headers["ETag"]})
        assert held.status_code == 304 and held.data == b""
    css = client.get("/km/static/site.css")
    assert css.status_code == 200 and len(css.get_data()) < 6 * 1024
    css.close()


def test_the_poster_downloads_for_published_forms_only(client: FlaskClient,
                                                       forms: Any) -> None:
    url = f"/km/unit/HC010201/{YEAR}/poster.pdf"
    answer = client.get(url)
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")
    assert answer.headers["Content-Disposition"] == \
        f'attachment; filename="i4c-HC010201-{YEAR}-km.pdf"'
    assert answer.headers["Cache-Control"] == "public, no-cache"
    held = client.get(url, headers={"If-None-Match": answer.headers["ETag"]})
    assert held.status_code == 304 and held.data == b""
    both = client.get(f"/en/unit/HC010201/{YEAR}/poster.pdf?language=km%2Ben")
    assert both.status_code == 200 and both.data.startswith(b"%PDF")
    assert both.headers["ETag"] != answer.headers["ETag"]
    # Last year's form of this one is a draft: the poster is built without its figures.
    older = client.get(f"/en/unit/HC010201/{YEAR - 1}/poster.pdf")
    assert older.status_code == 200 and older.data.startswith(b"%PDF")
    assert client.get(f"{url}?language=fr").status_code == 404
    assert client.get(f"/km/unit/HC010202/{YEAR}/poster.pdf").status_code == 404
