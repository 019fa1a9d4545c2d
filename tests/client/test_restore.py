"""Putting a backup back (client/restore.py), on a real encrypted store signed in to
through the real sign-in: the copy's figures come back, the replaced store is kept as a
copy, the operation counter never goes back, and nothing happens without the password or
while the store is open."""

from __future__ import annotations

import pytest

from client.profiles import Profiles, SignInError
from client.restore import COUNTER_JUMP, backups_of, restore
from client.session import StoreInUseError, sign_in
from client.store.errors import StoreError
from tests.client.test_store_upgrade import NO_SERVER, RELEASES, _laptop
from tests.fixtures.stores.make_fixture import PASSWORD, USER

USERNAME = USER["username"]
FORM = "kept-form-2026"


@pytest.fixture
def profiles(tmp_path_factory: pytest.TempPathFactory) -> Profiles:
    """A laptop whose account signed in once with this release (its store now encrypted,
    with today's copy and the one made before its upgrade), then typed a figure."""
    profiles = _laptop(RELEASES[0], tmp_path_factory.mktemp("laptop") / "home")
    session = sign_in(profiles, NO_SERVER, USERNAME, PASSWORD, timeout=2)
    try:
        field = "catchment_population"
        session.store.save_values(FORM, {field: 4242})
        session.store.set_state("refresh_token", "the newest refresh token")
    finally:
        session.close()
    return profiles


def _values(profiles: Profiles) -> tuple[dict[str, object], dict[str, str | None]]:
    session = sign_in(profiles, NO_SERVER, USERNAME, PASSWORD, timeout=2)
    try:
        store = session.store
        return store.values(FORM), {k: store.get_state(k) for k in
                                    ("device_seq", "refresh_token")}
    finally:
        session.close()


def test_a_copy_put_back_brings_its_figures_and_keeps_the_replaced_store(
        profiles: Profiles) -> None:
    newest, state = _values(profiles)
    assert newest["catchment_population"] == 4242
    copies = backups_of(profiles, USERNAME)
    assert {c.why for c in copies} >= {"daily", "before-v1"}
    daily = next(c for c in copies if c.why == "daily")
    done = restore(profiles, USERNAME, PASSWORD, daily)
    values, after = _values(profiles)
    assert values.get("catchment_population") is None  # the copy is older than the figure
    # The counter never goes back, and the newest tokens stay.
    assert int(after["device_seq"] or 0) >= int(state["device_seq"] or 0)
    assert after["refresh_token"] == "the newest refresh token"
    # The replaced store is a copy now: putting it back undoes the restore.
    assert done.replaced_kept_at is not None
    replaced = next(c for c in backups_of(profiles, USERNAME)
                    if c.path == done.replaced_kept_at)
    assert replaced.why == "before-restore"
    restore(profiles, USERNAME, PASSWORD, replaced)
    assert _values(profiles)[0]["catchment_population"] == 4242


def test_a_damaged_store_is_replaced_and_the_counter_jumps(profiles: Profiles) -> None:
    _values_before, state = _values(profiles)
    profile = profiles.profile(USERNAME)
    assert profile is not None
    profile.store_path.write_bytes(b"this is not a database any more" * 100)
    daily = next(c for c in backups_of(profiles, USERNAME) if c.why == "daily")
    restore(profiles, USERNAME, PASSWORD, daily)
    values, after = _values(profiles)
    assert values["catchment_villages"] == 80  # the copy's figures: a working store
    assert int(after["device_seq"] or 0) >= int(state["device_seq"] or 0) + COUNTER_JUMP


def test_nothing_is_put_back_without_the_password_or_while_the_store_is_open(
        profiles: Profiles) -> None:
    daily = next(c for c in backups_of(profiles, USERNAME) if c.why == "daily")
    with pytest.raises(SignInError):
        restore(profiles, USERNAME, "not the password", daily)
    session = sign_in(profiles, NO_SERVER, USERNAME, PASSWORD, timeout=2)
    try:
        with pytest.raises(StoreInUseError):
            restore(profiles, USERNAME, PASSWORD, daily)
    finally:
        session.close()
    assert _values(profiles)[0]["catchment_population"] == 4242


def test_a_file_that_is_not_a_copy_of_this_account_is_refused(profiles: Profiles) -> None:
    daily = next(c for c in backups_of(profiles, USERNAME) if c.why == "daily")
    daily.path.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreError):
        restore(profiles, USERNAME, PASSWORD, daily)
    assert _values(profiles)[0]["catchment_population"] == 4242


def test_the_command_line_lists_the_copies_and_puts_one_back(profiles: Profiles) -> None:
    from click.testing import CliRunner

    from client.cli import main

    profile = profiles.profile(USERNAME)
    assert profile is not None
    runner = CliRunner(env={"ISAF_DESK_PASSWORD": PASSWORD})
    listed = runner.invoke(main, ["--store", str(profile.store_path), "backups", "list"])
    assert listed.exit_code == 0, listed.output
    daily = next(c for c in backups_of(profiles, USERNAME) if c.why == "daily")
    assert daily.path.name in listed.output and "before-v1" in listed.output
    done = runner.invoke(main, ["--store", str(profile.store_path), "backups", "restore",
                                daily.path.name])
    assert done.exit_code == 0, done.output
    assert "put back the copy" in done.output
    assert _values(profiles)[0].get("catchment_population") is None
    missing = runner.invoke(main, ["--store", str(profile.store_path), "backups", "restore",
                                   "no-such-copy.sqlite"])
    assert missing.exit_code != 0 and "no copy named" in missing.output
