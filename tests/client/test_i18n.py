"""The Khmer catalogue: complete, compiled from its source, and switched at run time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from client.i18n import (
    apply_language,
    catalogue,
    compile_catalogue,
    compiled,
    current_language,
    misplaced_markers,
    sources,
    untranslated,
    update,
)
from client.qt import QApplication, QCoreApplication, QDialogButtonBox


def test_every_string_of_the_client_has_a_khmer_translation(tmp_path: Path) -> None:
    fresh = tmp_path / catalogue("km").name
    shutil.copyfile(catalogue("km"), fresh)
    update("km", ts=fresh, quiet=True)  # the strings the code has today
    missing = untranslated(fresh)
    assert not missing, ("strings without Khmer (run python -m client.i18n update, then "
                         "translate):\n" + "\n".join(missing))
    wrong = misplaced_markers(fresh)
    assert not wrong, ("translations that lost or added a {0} marker (fix them in "
                       f"{catalogue('km').name}):\n" + "\n".join(wrong))


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = compile_catalogue("km", qm=tmp_path / "isaf_km.qm", quiet=True)
    assert compiled("km").exists(), "run python -m client.i18n compile"
    assert compiled("km").read_bytes() == fresh.read_bytes(), (
        f"{compiled('km').name} is stale: run python -m client.i18n compile")


def test_the_scan_finds_the_screens_and_skips_files_without_strings() -> None:
    found = {path.name for path in sources()}
    assert {"sign_in.py", "settings_dialog.py", "about_dialog.py"} <= found
    assert "session.py" not in found and "i18n.py" not in found


def test_untranslated_and_misplaced_markers_are_found(tmp_path: Path) -> None:
    ts = tmp_path / "x_km.ts"
    ts.write_text("""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="km">
<context><name>C</name>
  <message><source>Done</source><translation>រួចរាល់</translation></message>
  <message><source>New</source><translation type="unfinished"></translation></message>
  <message><source>Empty</source><translation></translation></message>
  <message><source>Gone</source><translation type="vanished">ចាស់</translation></message>
  <message><source>{0} days</source><translation>ថ្ងៃ</translation></message>
</context>
</TS>
""", encoding="utf-8")
    assert untranslated(ts) == ["C: New", "C: Empty"]
    assert misplaced_markers(ts) == ["C: {0} days"]


def test_the_language_switches_at_run_time_and_back(qapp: QApplication) -> None:
    translate = QCoreApplication.translate
    try:
        apply_language(qapp, "km")
        assert current_language(qapp) == "km"
        assert translate("SignInDialog", "Sign in") == "ចូលប្រើ"
        apply_language(qapp, "km")  # twice: still one translator
        assert translate("SignInDialog", "Sign in") == "ចូលប្រើ"
    finally:
        apply_language(qapp, "en")
    assert current_language(qapp) == "en"
    assert translate("SignInDialog", "Sign in") == "Sign in"


def test_an_unknown_language_is_refused(qapp: QApplication) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        apply_language(qapp, "fr")


def test_qt_standard_buttons_speak_khmer_too(qapp: QApplication) -> None:
    # Qt has no Khmer catalogue of its own: the buttons of every dialog and message box
    # take their texts from ours (client/ui/standard_texts.py).
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close
                               | QDialogButtonBox.StandardButton.Ok)
    try:
        apply_language(qapp, "km")
        qapp.processEvents()  # the LanguageChange event re-labels existing buttons
        texts = {buttons.button(b).text() for b in (QDialogButtonBox.StandardButton.Cancel,
                                                    QDialogButtonBox.StandardButton.Close,
                                                    QDialogButtonBox.StandardButton.Ok)}
        assert texts == {"បោះបង់", "បិទ", "យល់ព្រម"}
    finally:
        apply_language(qapp, "en")
        qapp.processEvents()
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    buttons.deleteLater()
