"""The client's settings on this computer: server address, language, text size.

Kept as a small JSON file in the data folder, shared by everyone who uses the computer
(the language a person prefers travels with their account; this is the computer's).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path

#: Where a computer keeps its data unless told otherwise (ISAF_DESK_HOME).
DEFAULT_SERVER = "http://127.0.0.1:5000"
LANGUAGES = ("km", "en")
TEXT_SIZES = (10, 11, 12, 14, 16, 18)


def default_home() -> Path:
    """The data folder: ISAF_DESK_HOME, else the platform's per-user data folder."""
    if os.environ.get("ISAF_DESK_HOME"):
        return Path(os.environ["ISAF_DESK_HOME"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home())) / "ISAF Desk"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "isaf-desk"


@dataclass
class Settings:
    """What a person may change in the settings screen."""

    server: str = DEFAULT_SERVER
    language: str = "km"
    text_size: int = 11
    last_username: str = ""

    @classmethod
    def load(cls, home: Path) -> Settings:
        """The settings kept in `home`, defaults for anything missing or damaged."""
        path = home / "settings.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = "km"
        if settings.text_size not in TEXT_SIZES:
            settings.text_size = 11
        return settings

    def save(self, home: Path) -> None:
        """Keep the settings (written whole, then renamed into place)."""
        home.mkdir(parents=True, exist_ok=True)
        partial = home / "settings.json.partial"
        partial.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1),
                           encoding="utf-8")
        os.replace(partial, home / "settings.json")
