"""USB bundles (failures 5 to 7 of docs/SYNC.md), against a real server process.

A commune computer signs in online once (which registers its signing key), then works
offline and exports bundles; a district officer's computer, online, carries them to the
server, or the server imports them by command; the signed return bundle goes back.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from client.cli import main as desk
from client.store.crypto import KeyFile
from client.store.repository import LocalStore
from client.sync.bundles import export_bundle, import_return
from client.sync.transport import ServerRefusal
from common.db import make_engine
from common.sync.bundle import BundleError, new_device_key, read_bundle, write_bundle
from server.cli import main as isaf
from server.sync.models import SyncBundle
from tests.server.conftest import PASSWORD
from tests.sync.conftest import Client, Link, choose_own_password
from tests.sync.test_failures import fresh_form, fresh_year, server_values


def offline_commune(make_client: Callable[..., Client], link: Link) -> Client:
    """A commune focal point's computer after its one online sign-in and sync."""
    focal = make_client("focal")
    focal.store.set_state("user", json.dumps(focal.transport.get("/api/v1/auth/me")))
    assert focal.engine.sync().checksum_ok
    return focal


def carry(officer: Client, data: bytes) -> tuple[dict[str, object], bytes]:
    """The district officer's online computer takes a bundle to the server."""
    answer = officer.transport.post("/api/v1/sync/bundles", content=data,
                                    content_type="application/octet-stream")
    return answer["report"], base64.b64decode(answer["return_bundle"])


def stored_bundles(link: Link, database_url: str) -> list[SyncBundle]:
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(SyncBundle).order_by(SyncBundle.received_at)))
    finally:
        engine.dispose()


def test_a_bundle_travels_to_the_server_and_its_return_settles_the_commune(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal, dmk = offline_commune(make_client, link), make_client("dmk")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": "១២០", "anc4": 95})
    exported = export_bundle(focal.store, focal.engine, tmp_path / "commune.isafbundle")
    assert exported.manifest["op_count"] == 1
    assert focal.store.outbox("sent") and not focal.store.outbox("pending")

    report, returned = carry(dmk, exported.path.read_bytes())
    assert report["results"] == {"applied": 1} and not report["already_imported"]
    assert server_values(dmk, form_id) == {"anc1": 120, "anc4": 95}

    outcome = import_return(focal.store, focal.engine, returned)
    assert outcome.results == {"applied": 1}
    assert outcome.pages_applied and outcome.checksum_ok
    assert focal.store.unsent_count() == 0
    # The commune computer now agrees with the server, as after an online sync.
    assert focal.engine.verify()


def test_the_same_bundle_twice_or_on_two_laptops_applies_nothing_twice(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal = offline_commune(make_client, link)
    first_laptop, second_laptop = make_client("dmk"), make_client("dmk", name="dmk-laptop-2")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 40})
    data = export_bundle(focal.store, focal.engine, tmp_path / "b.isafbundle").path.read_bytes()

    report, _ = carry(first_laptop, data)
    assert report["results"] == {"applied": 1}
    again, returned = carry(second_laptop, data)
    assert again["already_imported"] is True
    assert again["results"] == {"duplicate": 1}
    assert "already imported" in str(again["notes"])
    history = first_laptop.transport.get(f"/api/v1/forms/{form_id}/history")
    assert [e["field"] for e in history if e["action"] == "value"] == ["anc1"]

    # The return bundle of the second import still settles the commune computer; taking
    # it in twice changes nothing the second time.
    assert import_return(focal.store, focal.engine, returned).results == {"duplicate": 1}
    second = import_return(focal.store, focal.engine, returned)
    assert second.already_imported and second.receipts == 0
    assert focal.store.unsent_count() == 0


def _flip(data: bytes, part: str) -> bytes:
    """The bundle with one byte of one part changed, the archive otherwise intact."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for info in source.infolist():
            body = bytearray(source.read(info.filename))
            if info.filename == part:
                body[len(body) // 2] ^= 0x01
            archive.writestr(info, bytes(body))
    return out.getvalue()


@pytest.mark.parametrize("part", ["payload.bin", "manifest.json", "signature"])
def test_a_tampered_bundle_is_refused_whole_and_kept_aside(
        make_client: Callable[..., Client], link: Link, tmp_path: Path, part: str,
        module_database_url: str) -> None:
    focal, dmk = offline_commune(make_client, link), make_client("dmk")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 77, "anc4": 66})
    data = export_bundle(focal.store, focal.engine, tmp_path / "t.isafbundle").path.read_bytes()
    tampered = _flip(data, part)

    with pytest.raises(ServerRefusal) as refused:
        carry(dmk, tampered)
    assert refused.value.status == 422 and refused.value.code == "bundle_refused"
    with pytest.raises(ServerRefusal):  # nothing was applied: the form is unknown
        server_values(dmk, form_id)
    # The refusal is recorded by the upload's digest (and its first bytes), not kept whole.
    digest = hashlib.sha256(tampered).hexdigest()
    kept = [b for b in stored_bundles(link, module_database_url)
            if (b.summary or {}).get("upload_sha256") == digest]
    assert len(kept) == 1 and kept[0].status == "refused"
    assert kept[0].content == tampered[:len(kept[0].content)]
    # The untouched bundle still goes through.
    report, _ = carry(dmk, data)
    assert report["results"] == {"applied": 1}


def test_a_bundle_signed_with_another_key_is_refused(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal, dmk = offline_commune(make_client, link), make_client("dmk")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 5})
    genuine = read_bundle(export_bundle(focal.store, focal.engine,
                                        tmp_path / "g.isafbundle").path.read_bytes())
    forged_key, _ = new_device_key()
    manifest = {k: v for k, v in genuine.manifest.items()
                if k not in ("payload_sha256", "payload_bytes")}
    forged = write_bundle(manifest, genuine.payload, forged_key)
    with pytest.raises(ServerRefusal) as refused:
        carry(dmk, forged)
    assert "signature" in str(refused.value)


def test_a_lost_bundle_leaves_no_gap_and_late_ones_apply_nothing(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal, dmk = offline_commune(make_client, link), make_client("dmk")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 10})
    first = export_bundle(focal.store, focal.engine, tmp_path / "1.isafbundle")
    focal.store.save_values(form_id, {"anc4": 20})
    second = export_bundle(focal.store, focal.engine, tmp_path / "2.isafbundle")
    # Cumulative: the second holds both operations.
    assert second.manifest["op_count"] == 2

    report, returned = carry(dmk, second.path.read_bytes())  # the first stick was lost
    assert report["results"] == {"applied": 2}
    assert "bundle(s) 1 of this computer never arrived" in str(report["notes"])
    assert server_values(dmk, form_id) == {"anc1": 10, "anc4": 20}
    late, _ = carry(dmk, first.path.read_bytes())  # found again, a week later
    assert late["results"] == {"duplicate": 1}
    import_return(focal.store, focal.engine, returned)
    assert focal.store.unsent_count() == 0 and focal.engine.verify()


def test_the_server_imports_a_bundle_by_command(
        make_client: Callable[..., Client], link: Link, tmp_path: Path,
        module_database_url: str) -> None:
    focal = offline_commune(make_client, link)
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 31})
    path = export_bundle(focal.store, focal.engine, tmp_path / "cmd.isafbundle").path

    result = CliRunner().invoke(isaf, ["--database-url", module_database_url, "sync",
                                       "import-bundle", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["results"] == {"applied": 1}
    returned = Path(report["return_file"])
    assert returned.name == "cmd-return.isafbundle"
    outcome = import_return(focal.store, focal.engine, returned.read_bytes())
    assert outcome.results == {"applied": 1} and outcome.checksum_ok

    tampered = tmp_path / "bad.isafbundle"
    tampered.write_bytes(_flip(path.read_bytes(), "payload.bin"))
    refused = CliRunner().invoke(isaf, ["--database-url", module_database_url, "sync",
                                        "import-bundle", str(tampered)])
    assert refused.exit_code == 1 and "refused" in refused.output
    assert not (tmp_path / "bad-return.isafbundle").exists()


def test_the_command_line_round_trip(make_client: Callable[..., Client], link: Link,
                                     tmp_path: Path) -> None:
    """`isaf-desk bundle export` on the commune computer, `bundle import` on the officer's
    (carries it to the server), `bundle import` of the return file back home."""
    # `login` encrypts each store; the later commands read the password from here.
    runner = CliRunner(env={"ISAF_DESK_PASSWORD": PASSWORD})
    commune, office = tmp_path / "commune.sqlite", tmp_path / "office.sqlite"
    for store, user in ((commune, "focal"), (office, "dmk")):
        signed_in = runner.invoke(desk, ["--store", str(store), "login", "--server",
                                         link.proxy.url, user, "--password", PASSWORD])
        assert signed_in.exit_code == 0, signed_in.output
    assert runner.invoke(desk, ["--store", str(commune), "sync", "now"]).exit_code == 0
    local = LocalStore(commune, key=KeyFile(commune).unlock(PASSWORD))
    form_id = local.create_form(unit_id=link.world.units["home"], year=fresh_year(),
                                form_code="health_center")
    local.save_values(form_id, {"anc1": 64})
    local.close()

    stick = tmp_path / "stick"
    stick.mkdir()
    exported = runner.invoke(desk, ["--store", str(commune), "bundle", "export", str(stick)])
    assert exported.exit_code == 0, exported.output
    (bundle,) = stick.glob("*.isafbundle")
    assert bundle.name.startswith("isaf-focal-")
    own = runner.invoke(desk, ["--store", str(commune), "bundle", "import", str(bundle)])
    assert own.exit_code == 1 and "own bundle" in own.output

    carried = runner.invoke(desk, ["--store", str(office), "bundle", "import", str(bundle)])
    assert carried.exit_code == 0, carried.output
    assert json.loads(carried.output)["results"] == {"applied": 1}
    (returned,) = stick.glob("*-return.isafbundle")
    home = runner.invoke(desk, ["--store", str(commune), "bundle", "import", str(returned)])
    assert home.exit_code == 0, home.output
    assert json.loads(home.output)["checksum_ok"] is True
    status = json.loads(runner.invoke(desk, ["--store", str(commune), "sync", "status"]).output)
    assert status["unsent"] == 0 and status["last_bundle"]["operations"] == 1


def test_only_officers_of_the_computers_scope_may_carry_its_bundle(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal, caf = offline_commune(make_client, link), make_client("caf")
    admin = make_client("admin")
    admin.transport.post("/api/v1/users", json={
        "username": "dmk-other", "full_name": "Other District", "password": PASSWORD,
        "role": "dmk_officer", "area_code": "0103"})
    choose_own_password(link, "dmk-other")
    other_district = make_client("dmk-other")
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 9})
    data = export_bundle(focal.store, focal.engine, tmp_path / "s.isafbundle").path.read_bytes()
    for carrier in (caf, other_district):
        with pytest.raises(ServerRefusal) as refused:
            carry(carrier, data)
        assert "scope" in str(refused.value)  # a role that never carries, or outside
    province = make_client("province")
    assert carry(province, data)[0]["results"] == {"applied": 1}


def test_a_return_bundle_for_another_computer_or_changed_is_refused(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    focal, dmk = offline_commune(make_client, link), make_client("dmk")
    neighbour = offline_commune(make_client, link)
    form_id = fresh_form(focal, link)
    focal.store.save_values(form_id, {"anc1": 12})
    data = export_bundle(focal.store, focal.engine, tmp_path / "r.isafbundle").path.read_bytes()
    _, returned = carry(dmk, data)
    with pytest.raises(BundleError, match="another computer"):
        import_return(neighbour.store, neighbour.engine, returned)
    with pytest.raises(BundleError, match="changed"):
        import_return(focal.store, focal.engine, _flip(returned, "payload.bin"))
    assert focal.store.outbox("sent")  # nothing was settled by the refused copies
    assert import_return(focal.store, focal.engine, returned).results == {"applied": 1}


def test_a_computer_without_a_registered_key_cannot_export(
        make_client: Callable[..., Client], link: Link, tmp_path: Path) -> None:
    fresh = make_client("focal", name="never-synced")
    with pytest.raises(BundleError, match="sign in online"):
        export_bundle(fresh.store, fresh.engine, tmp_path / "x.isafbundle")
