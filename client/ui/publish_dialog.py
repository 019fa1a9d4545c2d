"""Publishing from the desktop: the national administrator chooses an area, a year and a
service, sees the preview of exactly which approved forms would become public (from the
server), and publishes those; and takes a published form out of public view with a reason.

Both are the server's (online only; offline the screen says so) and both are in the
audit trail. `PublishActions` puts the two actions in the main window's Form menu,
enabled only for a role that may publish. The server's answers are put in words here;
the calls themselves are client/publishing.py, run off the GUI thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, cast

from client import publishing
from client.context import AppContext
from client.i18n import current_language
from client.operations import Work
from client.qt import (
    QAbstractItemView,
    QAction,
    QApplication,
    QComboBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QObject,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.sync.transport import ServerRefusal, TransportError
from client.ui.comment_dialog import CommentDialog
from client.ui.post_on import in_digits
from client.ui.sync_dialog import plain_error, size_to_content, while_alive
from client.ui.text import set_wrapped
from common.roles import may
from common.units.models import UNIT_KINDS


class Window(Protocol):
    """What the actions use of the main window (client/ui/main_window.py), which makes
    them: named here so neither module imports the other."""

    context: AppContext
    form_menu: Any
    navigator: Any

    def current_form_id(self) -> str | None:
        """The form of the open tab, or of the navigator's chosen unit."""

    def tell(self, text: str, milliseconds: int = 15_000) -> None:
        """Say something in the status bar."""

#: What an area's level is indented by in the area list (a tree in one column).
_INDENT = {"province": "", "district": "    ", "commune": "        "}
#: The kinds of change a publication brings to this computer (the sync after it).
_CHANGES = {"forms", "values", "outbox", "conflicts"}
translate = QCoreApplication.translate


def _language() -> str:
    app = QApplication.instance()
    return current_language(app) if app is not None else "en"


def refusal_text(error: Exception, role: str | None) -> str:
    """Why the server did not preview, publish or withdraw, in words a person can act on."""
    if isinstance(error, TransportError):
        return translate("Publishing", "The server could not be reached: publishing needs "
                                       "a connection. Connect to the internet and try again.")
    if isinstance(error, ServerRefusal) and error.status == 409 \
            and (error.body.get("details") or {}).get("refused"):
        return translate("Publishing", "Nothing was published: some forms changed since "
                                       "the preview (unlocked, withdrawn or held). Preview "
                                       "again.")
    if isinstance(error, ServerRefusal) and error.status == 403:
        return translate("Publishing", "Only a national administrator may publish forms or "
                                       "withdraw them from public view.")
    if isinstance(error, ServerRefusal) and error.status == 409:
        return translate("Publishing", "Nothing changed: the form is no longer published. "
                                       "Sync to see it as the server has it.")
    return plain_error(error, role)


def blocker_text(code: str) -> str:
    """Why an approved form is kept back from a publication."""
    return {"open_conflicts": translate("Publishing", "Open conflicts: resolve them first."),
            "held_deletes": translate("Publishing", "A held delete: decide on it first.")}.get(
        code, code)


class PublishDialog(QDialog):
    """Choose an area, year and service; preview; publish exactly what was previewed."""

    #: The preview arrived (the number of forms that will become public).
    previewed = Signal(int)
    #: A publication ended: whether the server took it, and what the screen said.
    finished_publishing = Signal(bool, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 year: int | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: The previewed forms, and the selection they were previewed for.
        self.candidates: list[publishing.Candidate] = []
        self._previewed_for: tuple[str, int, str | None] | None = None
        self.area = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(2015, 2100)
        self.year.setValue(year or date.today().year)
        self.service = QComboBox(self)
        self.preview_button = QPushButton(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        self.publish_button.clicked.connect(self.publish)
        self.preview_button.clicked.connect(self.preview)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.area, self.year, self.service), strict=True):
            form.addRow(label, field)
        form.addRow("", self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.retranslate()
        for signal in (self.area.currentIndexChanged, self.year.valueChanged,
                       self.service.currentIndexChanged):
            signal.connect(self._selection_changed)
        size_to_content(self, characters=90)

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Texts in the interface language (the lists are filled again)."""
        language = _language()
        self.setWindowTitle(self.tr("Publish approved forms"))
        for label, text in zip(self.labels, (self.tr("Area"), self.tr("Year"),
                                             self.tr("Service")), strict=True):
            label.setText(text)
        self.preview_button.setText(self.tr("Preview"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Unit"),
                                              self.tr("Service"), self.tr("Note")])
        self._fill_lists(language)
        self._show_candidates()

    def _fill_lists(self, language: str) -> None:
        area, service = self.area.currentData(), self.service.currentData()
        self.area.blockSignals(True)
        self.service.blockSignals(True)
        self.area.clear()
        self.area.addItem(self.tr("The whole country"), "")
        session = self.context.session
        for known in publishing.known_areas(session.store) if session is not None else []:
            name = known.name_km if language == "km" else known.name_en
            self.area.addItem(f"{_INDENT.get(known.level, '')}{name} ({known.code})",
                              known.code)
        self.service.clear()
        self.service.addItem(self.tr("Every service"), None)
        for kind, names in UNIT_KINDS.items():
            self.service.addItem(names[0] if language == "km" else names[1], kind)
        self.area.setCurrentIndex(max(0, self.area.findData(area or "")))
        self.service.setCurrentIndex(max(0, self.service.findData(service)))
        self.area.blockSignals(False)
        self.service.blockSignals(False)

    def selection(self) -> tuple[str, int, str | None]:
        """The area code ('' = the country), year and service (None = every one)."""
        return str(self.area.currentData() or ""), self.year.value(), self.service.currentData()

    def choose(self, area: str, year: int, service: str | None) -> None:
        """Set the selection (as a person would with the lists)."""
        self.area.setCurrentIndex(max(0, self.area.findData(area)))
        self.year.setValue(year)
        self.service.setCurrentIndex(max(0, self.service.findData(service)))

    def ready(self) -> list[publishing.Candidate]:
        """The previewed forms that publishing makes public."""
        return [c for c in self.candidates if not c.blockers]

    def _selection_changed(self, *_args: Any) -> None:
        # A preview answers for one selection: another one must be previewed first.
        self.candidates, self._previewed_for = [], None
        self._show_candidates()

    def _show_candidates(self, note: str = "") -> None:
        language = _language()
        self.table.setRowCount(len(self.candidates))
        for row, candidate in enumerate(self.candidates):
            service = UNIT_KINDS.get(candidate.form_code, (candidate.form_code,) * 2)
            cells = (candidate.unit_code,
                     candidate.unit_name_km if language == "km" else candidate.unit_name_en,
                     service[0] if language == "km" else service[1],
                     " ".join(blocker_text(b) for b in candidate.blockers))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        count = len(self.ready())
        self.publish_button.setText(self.tr("Publish {0} forms").format(
            in_digits(count, language)))
        self.publish_button.setEnabled(self._previewed_for is not None and count > 0)
        if not note and self._previewed_for is not None:
            held = len(self.candidates) - count
            note = self.tr("{0} approved forms will become public: citizens will see their "
                           "figures.").format(in_digits(count, language)) if count else \
                self.tr("No approved form of this area, year and service waits to be "
                        "published.")
            if held:
                note += " " + self.tr("{0} are kept back (see the note).").format(
                    in_digits(held, language))
        elif not note:
            note = self.tr("Choose an area, a year and a service, then Preview: nothing "
                           "becomes public before you publish.")
        set_wrapped(self.summary, note)

    # ------------------------------------------------------------------ work

    def preview(self) -> None:
        """Ask the server which approved forms would become public (changes nothing)."""
        session = self.context.session
        if session is None:
            return
        area, year, service = selection = self.selection()
        transport = session.transport
        self.preview_button.setEnabled(False)
        self._show_candidates(self.tr("Asking the server…"))

        def run(_work: Work) -> list[publishing.Candidate]:
            return publishing.preview(transport, area=area, year=year, form_code=service)

        def done(candidates: list[publishing.Candidate]) -> None:
            self.preview_button.setEnabled(True)
            if selection != self.selection():
                return  # the person chose something else meanwhile
            self.candidates, self._previewed_for = candidates, selection
            self._show_candidates()
            self.previewed.emit(len(self.ready()))

        def failed(error: Exception) -> None:
            self.preview_button.setEnabled(True)
            self.candidates, self._previewed_for = [], None
            self._show_candidates(refusal_text(error, session.role))
            self.previewed.emit(-1)

        self.context.operations.run(run, on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))

    def publish(self) -> bool:
        """Publish exactly the previewed forms, after a confirmation; False when nothing
        was sent."""
        session = self.context.session
        ready = self.ready()
        if session is None or self._previewed_for is None or not ready:
            return False
        language = _language()
        if not self.context.interaction.confirm(
                self, self.tr("Publish approved forms"),
                self.tr("Make {0} forms public? Citizens will see their figures on the "
                        "public pages and posters. A form can be withdrawn later, with a "
                        "reason.").format(in_digits(len(ready), language))):
            return False
        area, year, service = self._previewed_for
        ids = [c.id for c in ready]
        transport, engine = session.transport, session.engine
        self.publish_button.setEnabled(False)
        self._show_candidates(self.tr("Publishing…"))

        def run(_work: Work) -> int:
            return publishing.publish(transport, engine, area=area, year=year,
                                      form_code=service, form_ids=ids)

        def done(count: int) -> None:
            self.candidates, self._previewed_for = [], None
            text = self.tr("{0} forms were published.").format(in_digits(count, language))
            self._show_candidates(text)
            self.finished_publishing.emit(True, text)

        def failed(error: Exception) -> None:
            text = refusal_text(error, session.role)
            self.candidates, self._previewed_for = [], None
            self._show_candidates(text)
            self.finished_publishing.emit(False, text)

        self.context.operations.run(run, changes=_CHANGES, on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))
        return True


class WithdrawDialog(CommentDialog):
    """Asks why a published form leaves public view; refuses empty or too long text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("withdraw", parent)

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.setWindowTitle(self.tr("Withdraw from public view"))
        set_wrapped(self.prompt, self.tr(
            "Why must this form leave public view? The reason is kept in the form's "
            "history. The form stays approved; it can be published again."))
        self.ok_button.setText(self.tr("Withdraw the form"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._update()

    def _update(self) -> None:
        text = self.comment()
        too_long = len(text) > publishing.MAX_REASON
        self.ok_button.setEnabled(bool(text) and not too_long)
        set_wrapped(self.hint, self.tr("A reason is needed: every withdrawal is audited.")
                    if not text else self.tr("At most {0} characters.").format(
                        publishing.MAX_REASON) if too_long else "")

    def accept(self) -> None:
        """Close with a reason of the right length, never without one."""
        if len(self.comment()) > publishing.MAX_REASON:
            self.text.setFocus()
            return
        super().accept()


class PublishActions(QObject):
    """The Form menu's "Publish approved forms…" and "Withdraw from public view…"."""

    #: A withdrawal ended: whether the server took it, and what was said.
    withdrawn = Signal(bool, str)

    def __init__(self, window: Window) -> None:
        owner = cast(QWidget, window)  # the main window itself
        super().__init__(owner)
        self.window_ = window
        self.owner = owner
        self.context = window.context
        self.publish_action = QAction(owner)
        self.withdraw_action = QAction(owner)
        self.publish_action.triggered.connect(self.open_dialog)
        self.withdraw_action.triggered.connect(lambda: self.withdraw())
        window.form_menu.addSeparator()
        window.form_menu.addAction(self.publish_action)
        window.form_menu.addAction(self.withdraw_action)
        window.form_menu.aboutToShow.connect(self.update_actions)
        # A bound method, not a lambda: Qt drops the connection when this object goes
        # with its window (a lambda would outlive it and touch deleted actions).
        self.context.language_changed.connect(self._language_changed)
        self.retranslate()

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.publish_action.setText(self.tr("Publish approved forms…"))
        self.withdraw_action.setText(self.tr("Withdraw from public view…"))
        self.update_actions()

    def _may(self, action: str) -> bool:
        session = self.context.session
        return session is not None and may(session.role, action, delegated_approval=bool(
            session.user.get("delegated_approval")))

    def update_actions(self) -> None:
        """Enabled only for a role that may publish; the tooltip says why not."""
        why = "" if self._may("publish") else self.tr(
            "Only a national administrator publishes forms.")
        for action in (self.publish_action, self.withdraw_action):
            action.setEnabled(not why)
            action.setToolTip(why)
            action.setStatusTip(why)

    def open_dialog(self) -> PublishDialog | None:
        """The publish screen, for the navigator's year."""
        if not self._may("publish"):
            return None
        dialog = PublishDialog(self.context, self.owner,
                               year=getattr(self.window_.navigator.model, "year", None))
        dialog.setModal(True)
        dialog.show()
        return dialog

    def withdraw(self, reason: str | None = None) -> bool:
        """Withdraw the current form from public view after asking why (or with `reason`);
        False when nothing was sent."""
        session = self.context.session
        title = self.tr("Withdraw from public view")
        form_id = self.window_.current_form_id()
        form = session.store.form(form_id) if session is not None and form_id else None
        if session is None or not self._may("withdraw"):
            return False
        if form is None or form.status != "published":
            self.context.interaction.inform(self.owner, title, self.tr(
                "Choose a unit whose form is published first."))
            return False
        if reason is None:
            dialog = WithdrawDialog(self.owner)
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return False
                reason = dialog.comment()
            finally:
                dialog.deleteLater()
        transport, engine, chosen = session.transport, session.engine, form.id

        def run(_work: Work) -> None:
            publishing.withdraw(transport, engine, form_id=chosen, reason=reason or "")

        def done(_result: object) -> None:
            text = self.tr("The form was withdrawn from public view; it is approved again.")
            self.window_.tell(text)
            self.withdrawn.emit(True, text)

        def failed(error: Exception) -> None:
            text = refusal_text(error, session.role)
            self.context.interaction.warn(self.owner, title, text)
            self.withdrawn.emit(False, text)

        self.context.operations.run(run, changes=_CHANGES,
                                    on_done=while_alive(self, done),
                                    on_error=while_alive(self, failed))
        return True
