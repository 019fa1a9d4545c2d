"""The Windows installer's script (packaging/desktop/isaf-desk.iss), read as text.

Inno Setup does not run here, so these tests hold the script to what it promises: a
per-user install without administrator rights, Start-menu entries in English and Khmer,
and a data folder (%LOCALAPPDATA%\\ISAF Desk) that neither an install nor an uninstall
touches. Whether `iscc` compiles it, and what the installer does on Windows, is checked on
a Windows machine (docs/INSTALL.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "desktop" / "isaf-desk.iss"
#: Where client/settings.py's default_home keeps the data on Windows.
DATA_FOLDER = re.compile(r"\{localappdata\}\\ISAF Desk|LOCALAPPDATA%?\\ISAF Desk", re.I)


def sections() -> dict[str, list[str]]:
    """Each [Section]'s lines, without comments and blank lines."""
    found: dict[str, list[str]] = {}
    current = ""
    for raw in SCRIPT.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            current = heading.group(1)
            found.setdefault(current, [])
        else:
            found.setdefault(current, []).append(line)
    return found


def defines() -> dict[str, str]:
    """The preprocessor's #define names and their values."""
    return dict(re.findall(r'^#define (\w+) "(.*)"$', SCRIPT.read_text(encoding="utf-8-sig"),
                           re.M))


def expand(text: str) -> str:
    """`text` with every {#Name} replaced by its #define."""
    names = defines()
    return re.sub(r"\{#(\w+)\}", lambda match: names[match.group(1)], text)


def entries(section: str) -> list[dict[str, str]]:
    """The `Key: value; Key: value` entries of a section, values unquoted and expanded."""
    parsed = []
    for line in sections()[section]:
        fields = {}
        for part in line.split(";"):
            key, _, value = part.strip().partition(":")
            fields[key.strip()] = expand(value.strip().strip('"'))
        parsed.append(fields)
    return parsed


def setup() -> dict[str, str]:
    """The [Setup] directives, expanded."""
    pairs = (line.split("=", 1) for line in sections()["Setup"] if "=" in line)
    return {key.strip(): expand(value.strip()) for key, value in pairs}


def test_the_script_is_utf8_with_a_byte_order_mark() -> None:
    # Inno Setup 6 reads a script without one in the system's code page: Khmer would break.
    assert SCRIPT.read_bytes().startswith(b"\xef\xbb\xbf")


def test_it_installs_for_the_person_without_administrator_rights() -> None:
    directives = setup()
    assert directives["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in directives
    # {userpf} is %LOCALAPPDATA%\Programs: the person's own, beside the data folder, not it.
    assert directives["DefaultDirName"] == r"{userpf}\ISAF Desk"
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", directives["AppId"])


def test_the_start_menu_has_an_english_and_a_khmer_entry() -> None:
    icons = entries("Icons")
    names = [icon["Name"] for icon in icons]
    assert r"{autoprograms}\ISAF Desk" in names
    khmer = [name for name in names if re.search("[\u1780-\u17ff]", name)]
    assert khmer == [r"{autoprograms}\កម្មវិធី ISAF Desk"]
    assert {icon["Filename"] for icon in icons} == {r"{app}\isaf-desk.exe"}


@pytest.mark.parametrize("section", ["InstallDelete", "UninstallDelete"])
def test_deletions_stay_inside_the_program_folder(section: str) -> None:
    for entry in entries(section):
        assert entry["Name"] == "{app}" or entry["Name"].startswith("{app}\\"), entry


def test_the_data_folder_is_never_named_outside_comments() -> None:
    for lines in sections().values():
        for line in lines:
            assert not DATA_FOLDER.search(expand(line)), line
            # Nor any other per-user data place an entry could empty.
            assert not re.search(r"\{(localappdata|userappdata|appdata)\}", line, re.I), line


def test_it_installs_the_whole_bundle() -> None:
    (files,) = entries("Files")
    assert files["Source"].endswith("\\dist\\isaf-desk\\*")
    assert files["DestDir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(files["Flags"].split())
