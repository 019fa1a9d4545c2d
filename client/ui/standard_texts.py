"""Qt's own button texts (OK, Cancel, Close, Yes, No, ...), put into our catalogue.

Qt ships no Khmer translation of its base library, so the buttons of every
QDialogButtonBox and QMessageBox stayed English in a Khmer interface. Qt asks for these
texts under the context "QPlatformTheme"; listing them here makes `python -m
client.i18n update` carry them into `isaf_km.ts`, where they are translated like ours,
and the one translator the client installs answers Qt's question too.

A Khmer translation keeps the keyboard mnemonic on a Latin letter in brackets ("&Yes" ->
"បាទ/ចាស (&Y)"), never on a Khmer letter: Qt underlines the mnemonic's letter as a run
of its own, which draws a consonant apart from its vowel sign (a dotted circle on the
button). tests/client/ui/test_layout.py checks every translation for it.
"""

from __future__ import annotations

from client.ui.text import QT_TRANSLATE_NOOP

#: Every standard button text Qt asks for (QPlatformTheme::defaultStandardButtonText).
STANDARD_BUTTONS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
)
