"""A first download (a new computer, or the feed started again) comes in the largest pages
the server gives: one compressed answer for a district's data instead of one round trip
per 256 KiB (SYNC.md: "a first download for a new device can be a single compressed
snapshot"). Against a real server process over real HTTP."""

from __future__ import annotations

import random
from collections.abc import Callable

from client.sync.engine import SyncReport
from common.sync.protocol import DEFAULT_PAGE_BYTES, PROTOCOL_VERSION
from server.demo_values import demo_values
from tests.sync.conftest import Client, Link

#: Forms of the district officer's two health centers: more than one ordinary page.
YEARS = range(2040, 2065)


def _fill_the_district(dmk: Client, link: Link) -> dict[str, dict[str, object]]:
    dmk.engine.refresh_reference_data()
    definition = dmk.store.latest_definition("health_center")
    assert definition is not None
    rng, made = random.Random(3), {}
    for unit in ("home", "other_commune"):
        for year in YEARS:
            form_id = dmk.store.create_form(unit_id=link.world.units[unit], year=year,
                                            form_code="health_center")
            values = demo_values(definition, rng)
            dmk.store.save_values(form_id, values)
            made[form_id] = values
    assert dmk.engine.sync().results == {"applied": len(made)}
    return made


def test_a_new_computer_downloads_a_district_in_one_answer_then_pulls_in_pages(
        make_client: Callable[..., Client], link: Link) -> None:
    made = _fill_the_district(make_client("dmk"), link)
    fresh = make_client("dmk", name="new-computer")
    fresh.engine.wait_until_settled()  # this pull is the transport's own, without the wait
    # In ordinary pages, the district's data would take more than one.
    ordinary = fresh.transport.get("/api/v1/sync/pull", protocol=PROTOCOL_VERSION,
                                   cursor="", max_bytes=DEFAULT_PAGE_BYTES)
    assert ordinary["more"]
    requests = fresh.transport.requests
    report = SyncReport()
    fresh.engine.pull(report)
    assert report.pages == 1 and fresh.transport.requests == requests + 1
    assert report.pulled >= sum(len(values) for values in made.values())
    for form_id, values in made.items():
        assert fresh.store.values(form_id) == values
    assert fresh.engine.verify()
    # Once up to date, later changes come in ordinary pages: a cut costs less.
    sent: list[int] = []
    get = fresh.transport.get

    def recording(path: str, **params: object) -> object:
        if path.endswith("/pull"):
            sent.append(int(params["max_bytes"]))  # type: ignore[call-overload]
        return get(path, **params)

    fresh.transport.get = recording  # type: ignore[method-assign]
    fresh.engine.pull(SyncReport())
    assert sent == [DEFAULT_PAGE_BYTES]
