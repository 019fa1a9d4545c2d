"""A server starts only on settings it understands: a misspelt mode or an unreadable number
stops it with a message naming the variable, never a quiet fallback to development mode
(which signs tokens with a public key and counts sign-ins in one process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from server.config import ConfigurationError, from_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mode", ["Production", "PRODUCTION", "prod", "production ",
                                  " production", "production\n", "live", "", "dev", "test"])
def test_a_misspelt_mode_stops_the_server(mode: str) -> None:
    with pytest.raises(ConfigurationError, match="ISAF_ENV") as refused:
        from_env({"ISAF_ENV": mode})
    assert repr(mode) in str(refused.value)  # a trailing space is visible in the message


@pytest.mark.parametrize("mode", ["production", "development", "testing"])
def test_the_three_modes_are_known(mode: str) -> None:
    assert from_env({"ISAF_ENV": mode, "ISAF_SECRET_KEY": "k" * 40})["ISAF_ENV"] == mode


@pytest.mark.parametrize(("variable", "value"), [
    ("ISAF_ACCESS_MINUTES", "fifteen"), ("ISAF_ACCESS_MINUTES", "0"),
    ("ISAF_ACCESS_MINUTES", "-5"), ("ISAF_ACCESS_MINUTES", "１５"),
    ("ISAF_REFRESH_DAYS", "1e3"), ("ISAF_REFRESH_DAYS", "100000"),
    ("ISAF_MAX_REQUEST_MB", "0"), ("ISAF_MAX_REQUEST_MB", "8.5"),
    ("ISAF_MAX_REQUEST_MB", "9" * 5000),  # past int()'s own limit of 4,300 digits
    ("ISAF_PROXY_COUNT", "-1"), ("ISAF_PROXY_COUNT", "yes"),
    ("ISAF_RATELIMIT_STORAGE", "redis//127.0.0.1:6379"),
    ("ISAF_RATELIMIT_STORAGE", "postgres://127.0.0.1"),
    ("ISAF_LOGIN_LIMIT_ACCOUNT", "five per minute"),
    ("ISAF_LOGIN_LIMIT_ADDRESS", "30 each 15 minutes"),
    ("DATABASE_URL", "not a url"),
], ids=lambda value: value if len(value) < 40 else f"{value[:10]}...")
def test_an_unreadable_setting_stops_the_server_naming_it(variable: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=variable):
        from_env({"ISAF_ENV": "development", variable: value})


def test_the_wsgi_entry_point_refuses_to_guess_the_mode(tmp_path: Path) -> None:
    # gunicorn imports server.wsgi: without ISAF_ENV it must not start in development mode.
    env = {key: value for key, value in os.environ.items() if not key.startswith("ISAF_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'x.sqlite'}"
    result = subprocess.run([sys.executable, "-c", "import server.wsgi"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "ISAF_ENV is not set" in result.stderr
