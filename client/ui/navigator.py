"""The navigator: the areas of the person's scope as a tree, and for the chosen area and
year a table of units with their form's status, unsent changes and open conflicts. A
district officer sees at a glance which units of the district have reported.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QColor,
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QSplitter,
    Qt,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from client.store import overview
from client.store.overview import UnitRow

#: Status colours: what still needs work stands out; approved and published are calm.
_STATUS_COLOURS = {None: "#9e9e9e", "draft": "#f9a825", "returned": "#c62828",
                   "submitted": "#1565c0", "approved": "#2e7d32", "published": "#1b5e20"}
_KIND_NAMES = {"health_center": ("មណ្ឌលសុខភាព", "Health center"),
               "primary_school": ("សាលាបឋមសិក្សា", "Primary school"),
               "cs_admin": ("រដ្ឋបាលឃុំ/សង្កាត់", "Commune/sangkat")}


def kind_text(kind: str, language: str) -> str:
    """A kind of unit (health center, school, commune) in `language` ("km" or "en")."""
    names = _KIND_NAMES.get(kind, (kind, kind))
    return names[0] if language == "km" else names[1]


def status_text(status: str | None) -> str:
    """A status in the interface language."""
    translate = QCoreApplication.translate
    return {None: translate("Status", "no form"), "draft": translate("Status", "draft"),
            "submitted": translate("Status", "submitted"),
            "returned": translate("Status", "returned"),
            "approved": translate("Status", "approved"),
            "published": translate("Status", "published")}.get(status, status or "")


class UnitsModel(QAbstractTableModel):
    """Units of an area for a year; rows are fetched from the local store on refresh."""

    COLUMNS = ("code", "unit", "kind", "status", "unsent", "conflicts")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year = date.today().year
        self.area = ""
        self._all: list[UnitRow] = []
        self._rows: list[UnitRow] = []

    # ------------------------------------------------------------------ Qt's interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return [self.tr("Code"), self.tr("Unit"), self.tr("Kind"), self.tr("Status"),
                self.tr("Unsent"), self.tr("Conflicts")][section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        khmer = self.context.settings.language == "km"
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "code":
                return row.code
            if column == "unit":
                return row.name_km if khmer else row.name_en
            if column == "kind":
                return kind_text(row.kind, "km" if khmer else "en")
            if column == "status":
                return status_text(row.status)
            if column == "unsent":
                return row.unsent or ""
            return row.conflicts or ""
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            return QBrush(QColor(_STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.ForegroundRole and column == "conflicts" and row.conflicts:
            return QBrush(QColor("#c62828"))
        if role == Qt.ItemDataRole.ToolTipRole and column == "unit":
            return f"{row.name_km}\n{row.name_en}"
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    # ------------------------------------------------------------------ ours

    def refresh(self) -> None:
        """Read the units again (after a sync, a save, a change of year)."""
        session = self.context.session
        rows = overview.unit_rows(session.store, self.year) if session else []
        self.beginResetModel()
        self._all = rows
        self._rows = [r for r in rows if r.commune_code.startswith(self.area)]
        self.endResetModel()

    def set_filter(self, *, area: str | None = None, year: int | None = None) -> None:
        """Show another area (code prefix; '' for all) or year."""
        if year is not None and year != self.year:
            self.year = year
            self.refresh()
        if area is not None:
            self.beginResetModel()
            self.area = area
            self._rows = [r for r in self._all if r.commune_code.startswith(area)]
            self.endResetModel()

    def row_at(self, row: int) -> UnitRow:
        """The unit shown in a row."""
        return self._rows[row]

    def counts(self, prefix: str) -> tuple[int, int]:
        """(reported, all) units under an area code, for the tree's labels."""
        under = [r for r in self._all if r.commune_code.startswith(prefix)]
        return sum(r.reported for r in under), len(under)


class Navigator(QWidget):
    """The tree of areas beside the table of units."""

    #: A unit was chosen (Enter or double click): its row.
    unit_opened = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = UnitsModel(context, self)
        self.year_label = QLabel()
        self.year = QComboBox()
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The unit's name takes what is left; every other column shows its whole text
        # (Khmer words are long, and an elided kind or status tells nothing).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(self._open)  # Enter and double click alike
        self.summary = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 860])  # room for "All my units (62/102 reported)" in Khmer
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.tree.currentItemChanged.connect(self._area_chosen)
        self.year.currentIndexChanged.connect(self._year_chosen)
        context.operations.changed.connect(self._changed)
        # A bound method, not a lambda: Qt drops the connection when this widget is deleted.
        context.language_changed.connect(self._language_changed)
        self.retranslate()

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language."""
        self.year_label.setText(self.tr("Year:"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          len(UnitsModel.COLUMNS) - 1)
        self.reload()

    def _changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"forms", "values", "outbox", "conflicts", "reference", "session"}:
            self.reload()

    def reload(self) -> None:
        """Read areas, years and units again, keeping the area and year chosen."""
        session = self.context.session
        if session is None:
            self.tree.clear()
            self.model.refresh()
            return
        years = overview.years(session.store, around=date.today().year)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, years.index(self.model.year))
                                  if self.model.year in years else 0)
        self.year.blockSignals(False)
        self.model.year = int(self.year.currentData() or self.model.year)
        self.model.refresh()
        self._fill_tree(overview.areas(session.store))
        self._update_summary()

    def _fill_tree(self, areas: list[overview.Area]) -> None:
        chosen = self.model.area
        khmer = self.context.settings.language == "km"
        self.tree.blockSignals(True)
        self.tree.clear()
        reported, total = self.model.counts("")
        root = QTreeWidgetItem([self.tr("All my units ({0}/{1} reported)").format(
            reported, total)])
        root.setData(0, Qt.ItemDataRole.UserRole, "")
        self.tree.addTopLevelItem(root)
        items = {"": root}
        current = root
        for area in areas:
            reported, total = self.model.counts(area.code)
            name = area.name_km if khmer else area.name_en
            item = QTreeWidgetItem([f"{name} ({reported}/{total})"])
            item.setData(0, Qt.ItemDataRole.UserRole, area.code)
            item.setToolTip(0, f"{area.code} {area.name_km} / {area.name_en}")
            items.get(area.code[:-2], root).addChild(item)
            items[area.code] = item
            if area.code == chosen:
                current = item
        self.tree.expandToDepth(1)
        self.tree.setCurrentItem(current)
        self.tree.blockSignals(False)

    def _area_chosen(self, item: QTreeWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.model.set_filter(area=str(item.data(0, Qt.ItemDataRole.UserRole) or ""))
            self._update_summary()

    def _year_chosen(self, _index: int) -> None:
        year = self.year.currentData()
        if year is not None:
            self.model.set_filter(year=int(year))
            self._fill_tree(overview.areas(self.context.session.store)
                            if self.context.session else [])
            self._update_summary()

    def _update_summary(self) -> None:
        reported, total = self.model.counts(self.model.area)
        self.summary.setText(self.tr("{0} of {1} units reported").format(reported, total))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.unit_opened.emit(self.model.row_at(index.row()))

    def selected(self) -> UnitRow | None:
        """The unit of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None
