"""The navigator: the areas of the person's scope as a tree, and for the chosen area and
year a table of units with their form's status, unsent changes and open conflicts. A
district officer sees at a glance which units of the district have reported.

A hundred units and more are found by typing part of a name (Khmer or English) or a code
in the search box, narrowed to one status with the filter, and sorted by clicking a
column head. Counts and years follow the interface language's digits.

The store is read off the GUI thread (a national officer's scope holds thousands of units,
and a store may sit on a slow disk): the first fill and another year are read on the
runner's read thread, and after an operation the runner reads the navigator's data right
after it. Only filling
the table and the tree happens on the GUI thread, in one go, so nobody sees half of it.
"""

from __future__ import annotations

import itertools
import logging
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
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QShortcut,
    QSortFilterProxyModel,
    QSplitter,
    QStyledItemDelegate,
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
from client.ui.sync_dialog import while_alive
from client.ui.text import set_wrapped
from client.ui.unit_keys import RowIndex, Scope, index_rows, read_scope, search_key
from common.khmer import to_khmer_digits
from common.workflow import STATUSES

log = logging.getLogger(__name__)

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


def in_language_digits(number: int, language: str) -> str:
    """A count or a year in the digits of the interface language."""
    return to_khmer_digits(str(number)) if language == "km" else str(number)


#: Status filter choices besides the workflow statuses: every unit, units without a form
#: of the year, and forms with open conflicts or unsent changes.
FILTER_ALL, FILTER_NOT_STARTED = "all", "not_started"
FILTER_CONFLICTS, FILTER_UNSENT = "conflicts", "unsent"
FILTERS = (FILTER_ALL, FILTER_NOT_STARTED, *STATUSES, FILTER_CONFLICTS, FILTER_UNSENT)


def matches_filter(row: UnitRow, choice: str) -> bool:
    """True when `row` is shown under the status filter `choice` (one of FILTERS)."""
    if choice == FILTER_ALL:
        return True
    if choice == FILTER_NOT_STARTED:
        return row.status is None
    if choice == FILTER_CONFLICTS:
        return row.conflicts > 0
    if choice == FILTER_UNSENT:
        return row.unsent > 0
    return row.status == choice


class UnitsModel(QAbstractTableModel):
    """Units of an area for a year, as the navigator last read them (`show_rows`)."""

    COLUMNS = ("code", "unit", "kind", "status", "unsent", "conflicts")
    #: What a column sorts by (the proxy sorts on it): the code, the name's place in the
    #: interface language's dictionary order, the status's place in the workflow, a count.
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    #: What the search box is compared with: code and both names, as `search_key` gives
    #: them, without spaces, one per line.
    SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year = date.today().year
        self.area = ""
        self._all: list[UnitRow] = []
        self._rows: list[UnitRow] = []
        self._name_rank: dict[str, int] = {}
        self._search: dict[str, str] = {}
        self._counts: dict[str, tuple[int, int]] = {}
        self._counted: list[UnitRow] | None = None
        # Reads are numbered as they start (on whichever thread): what was read later is
        # newer, and a read that ends after a newer one was shown is dropped.
        self._reads = itertools.count(1)
        self.generation = 0

    def next_generation(self) -> int:
        """The number of a read about to start (safe to call off the GUI thread)."""
        return next(self._reads)

    @property
    def language(self) -> str:
        """The interface language ("km" or "en")."""
        return "km" if self.context.settings.language == "km" else "en"

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
        khmer = self.language == "km"
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "code":
                return row.code
            if column == "unit":
                return row.name_km if khmer else row.name_en
            if column == "kind":
                return kind_text(row.kind, "km" if khmer else "en")
            if column == "status":
                return status_text(row.status)
            # A number (the table's delegate writes it in the language's digits).
            return (row.unsent if column == "unsent" else row.conflicts) or ""
        if role == self.SORT_ROLE:
            if column == "unit":
                return self._name_rank.get(row.unit_id, 0)
            if column == "status":
                return _STATUS_ORDER.get(row.status, 0)
            if column in ("unsent", "conflicts"):
                return row.unsent if column == "unsent" else row.conflicts
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == self.SEARCH_ROLE:
            return self._search.get(row.unit_id, "")
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

    def show_rows(self, generation: int, year: int, rows: list[UnitRow],
                  index: RowIndex | None = None) -> bool:
        """Show `rows`, the units of `year` a read numbered `generation` found (their keys
        in `index` when worked out already). False, and nothing changes, when a newer read
        is shown."""
        if generation < self.generation:
            return False
        if index is None or index.language != self.language:
            index = index_rows(rows, self.language)
        self.beginResetModel()
        self.generation, self.year = generation, year
        self._all = rows
        self._rows = [r for r in rows if r.commune_code.startswith(self.area)]
        self._name_rank, self._search = index.name_rank, index.search
        self.endResetModel()
        return True

    def relabel(self) -> None:
        """Sort keys in the interface language, for the units shown (no read)."""
        self.show_rows(self.generation, self.year, self._all)

    def set_filter(self, area: str) -> None:
        """Show another area of what was read (a code prefix; '' for all)."""
        self.beginResetModel()
        self.area = area
        self._rows = [r for r in self._all if r.commune_code.startswith(area)]
        self.endResetModel()

    def row_at(self, row: int) -> UnitRow:
        """The unit shown in a row."""
        return self._rows[row]

    def counts(self, prefix: str) -> tuple[int, int]:
        """(reported, all) units under an area code, for the tree's labels."""
        if self._counted is not self._all:
            # Once per read, every area at once: a national tree has 1,900 areas, and
            # counting each over 12,000 units would stall the screen for seconds.
            self._counts = _count_by_area(self._all)
            self._counted = self._all
        return self._counts.get(prefix, (0, 0))

    def filter_counts(self) -> dict[str, int]:
        """How many units of the area shown each status filter choice would show."""
        return {choice: sum(matches_filter(r, choice) for r in self._rows)
                for choice in FILTERS}


def _count_by_area(rows: list[UnitRow]) -> dict[str, tuple[int, int]]:
    """(reported, all) units under every area code that holds one ('' for all), by the
    province, district and commune codes (2, 4 and 6 digits) of each unit's commune."""
    reported: dict[str, int] = {}
    total: dict[str, int] = {}
    for row in rows:
        code = row.commune_code
        for prefix in {"", code[:2], code[:4], code[:6], code}:
            total[prefix] = total.get(prefix, 0) + 1
            reported[prefix] = reported.get(prefix, 0) + int(row.reported)
    return {prefix: (reported[prefix], count) for prefix, count in total.items()}


#: The kinds of change that alter what the navigator shows.
_SHOWN_KINDS = frozenset({"forms", "values", "outbox", "conflicts", "reference", "session"})

#: Statuses in workflow order, for sorting: no form first, then as a form moves on.
_STATUS_ORDER: dict[str | None, int] = {None: 0, **{s: n for n, s in enumerate(STATUSES, 1)}}


class _LanguageDigits(QStyledItemDelegate):
    """Draws the table's counts in the digits of the interface language (Khmer digits in
    Khmer, as the form shows figures); the model keeps them as numbers."""

    def __init__(self, model: UnitsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def displayText(self, value: Any, locale: Any) -> str:  # noqa: N802
        if isinstance(value, int) and not isinstance(value, bool):
            return in_language_digits(value, self._model.language)
        return super().displayText(value, locale)


class UnitsFilter(QSortFilterProxyModel):
    """The units the search and the status filter let through, in the order chosen by
    clicking a column head (the store's order, by commune and code, until then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(UnitsModel.SORT_ROLE)
        self._words: list[str] = []
        self._choice = FILTER_ALL

    @property
    def active(self) -> bool:
        """True when the search or the status filter hides units."""
        return bool(self._words) or self._choice != FILTER_ALL

    def set_search(self, text: str) -> None:
        """Show units whose code or names contain every word of `text`."""
        words = search_key(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_choice(self, choice: str) -> None:
        """Show the units of one status filter choice (FILTERS)."""
        if choice != self._choice:
            self.beginFilterChange()
            self._choice = choice
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,  # noqa: N802
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, UnitsModel)
        if self._choice != FILTER_ALL and not matches_filter(model.row_at(source_row),
                                                             self._choice):
            return False
        if not self._words:
            return True
        text = model.data(model.index(source_row, 0), UnitsModel.SEARCH_ROLE)
        return all(word in text for word in self._words)


class Navigator(QWidget):
    """The tree of areas beside the table of units."""

    #: A unit was chosen (Enter or double click): its row.
    unit_opened = Signal(object)
    #: What a read found is shown (after the window opens, a year chosen, a change).
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        #: The units of the chosen area and year (the table shows them through `shown`).
        self.model = UnitsModel(context, self)
        #: What the table shows: the model's units, searched, filtered and sorted.
        self.shown = UnitsFilter(self)
        self.shown.setSourceModel(self.model)
        self.year_label = QLabel()
        self.year = QComboBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.filter_label = QLabel()
        self.status_filter = QComboBox()
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.filter_label.setBuddy(self.status_filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.table = QTableView()
        self.table.setModel(self.shown)
        self.table.setItemDelegate(_LanguageDigits(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The unit's name takes what is left; every other column shows its whole text
        # (Khmer words are long, and an elided kind or status tells nothing).
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # A click on a column head sorts by it, a second the other way, a third goes back
        # to the order of the area (by commune and code), which is also where it starts.
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(self._open)  # Enter and double click alike
        self.summary = QLabel()
        self.matching = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.year_label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.filter_label)
        find.addWidget(self.status_filter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(bar)
        right_layout.addLayout(find)
        right_layout.addWidget(self.matching)
        right_layout.addWidget(self.table)
        self.search.textChanged.connect(self._search_changed)
        self.status_filter.currentIndexChanged.connect(self._filter_chosen)
        self.model.modelReset.connect(self._update_filter_counts)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self._focus_search)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 860])  # room for "All my units (62/102 reported)" in Khmer
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.tree.currentItemChanged.connect(self._area_chosen)
        self.year.currentIndexChanged.connect(self._year_chosen)
        #: What the navigator shows, as last read (None before the first read).
        self.scope: Scope | None = None
        #: The year the person chose whose units are still being read, if any.
        self._wanted_year: int | None = None
        self._listen(context)
        self.retranslate()
        self.reload()

    def _listen(self, context: AppContext) -> None:
        # After an operation that changed what the table shows, the runner reads it anew on
        # its worker and this shows it before anyone hears of the change.
        remove = context.operations.add_reader(_SHOWN_KINDS, self._read_after_change,
                                               self._show_scope, owner=self)
        self.destroyed.connect(remove)
        # A bound method, not a lambda: Qt drops the connection when this widget is deleted.
        context.language_changed.connect(self._language_changed)

    def _language_changed(self, _language: str) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the interface language (what was read is shown again, not re-read)."""
        self.year_label.setText(self.tr("Year:"))
        self.search.setPlaceholderText(self.tr("Search a unit: name in Khmer or English, "
                                               "or code"))
        self.search.setToolTip(self.tr("Type part of a unit's name or code (Ctrl+F). "
                                       "Every word typed must match."))
        self.filter_label.setText(self.tr("Show:"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          len(UnitsModel.COLUMNS) - 1)
        self._redraw()

    def reload(self) -> None:
        """Read areas, years and units again off the GUI thread, keeping the area and year
        chosen; `loaded` when shown. Until the first read arrives the table is empty and
        the summary says it is reading."""
        self.show_year(self._wanted_year or self.model.year)

    def show_year(self, year: int) -> None:
        """Read and show the units of `year` (or of the first year offered, when the store
        has no form of it); the table shows what it holds until they arrive, all at once."""
        self._wanted_year = year
        if self.scope is None:
            self.summary.setText(self.tr("Reading the units…"))
        self.context.operations.read(lambda: self._read(year),
                                     on_done=while_alive(self, self._show_scope),
                                     on_error=while_alive(self, self._read_failed))

    def _read(self, year: int) -> Scope:
        """What the navigator shows for `year`, read on the calling thread."""
        generation = self.model.next_generation()
        session = self.context.session
        return read_scope(session.store if session is not None else None, year,
                          self.model.language, generation)

    def _read_after_change(self) -> Scope:
        # On the runner's worker: the year is the one being read if the person just chose
        # one, else the one shown.
        return self._read(self._wanted_year or self.model.year)

    def _show_scope(self, scope: Scope) -> None:
        """Show what a read found, unless a newer read is shown or the person chose another
        year meanwhile."""
        if self._wanted_year is not None and scope.year != self._wanted_year and (
                scope.years and self._wanted_year in scope.years):
            return  # read for a year no longer chosen: the chosen year's read follows
        if scope.generation < self.model.generation:
            return
        self.scope = scope
        if scope.year == self._wanted_year or self._wanted_year not in scope.years:
            self._wanted_year = None
        if not scope.signed_in:
            self.tree.clear()
            self.model.show_rows(scope.generation, self.model.year, [], scope.index)
        else:
            self._fill_years(scope.years, scope.year)
            self.model.show_rows(scope.generation, scope.year, scope.rows, scope.index)
            self._fill_tree(scope.areas)
            self._update_summary()
        self.loaded.emit()

    def _redraw(self) -> None:
        """What was read, in the interface language's words, digits and name order."""
        self.model.relabel()
        if self.scope is not None and self.scope.signed_in:
            self._fill_years(self.scope.years, self.model.year)
            self._fill_tree(self.scope.areas)
            self._update_summary()

    def _fill_years(self, years: list[int], shown: int) -> None:
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(self._n(year), year)
        self.year.setCurrentIndex(max(0, years.index(shown)) if shown in years else 0)
        self.year.blockSignals(False)

    def _fill_tree(self, areas: list[overview.Area]) -> None:
        chosen = self.model.area
        khmer = self.context.settings.language == "km"
        self.tree.blockSignals(True)
        self.tree.clear()
        reported, total = self.model.counts("")
        root = QTreeWidgetItem([self.tr("All my units ({0}/{1} reported)").format(
            self._n(reported), self._n(total))])
        root.setData(0, Qt.ItemDataRole.UserRole, "")
        self.tree.addTopLevelItem(root)
        items = {"": root}
        current = root
        for area in areas:
            reported, total = self.model.counts(area.code)
            name = area.name_km if khmer else area.name_en
            item = QTreeWidgetItem([f"{name} ({self._n(reported)}/{self._n(total)})"])
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
            self.model.set_filter(str(item.data(0, Qt.ItemDataRole.UserRole) or ""))
            self._update_summary()

    def _year_chosen(self, _index: int) -> None:
        year = self.year.currentData()
        if year is not None:
            self.show_year(int(year))

    def _read_failed(self, error: Exception) -> None:
        # The store could not be read (a disk gone): the table keeps what it showed, and
        # the combo box goes back to the year it shows.
        log.warning("the navigator could not read the store: %s", error)
        self._wanted_year = None
        if self.scope is None:
            self.summary.setText(self.tr("The units could not be read from this computer."))
        self.year.blockSignals(True)
        self.year.setCurrentIndex(max(0, self.year.findData(self.model.year)))
        self.year.blockSignals(False)

    def _update_summary(self) -> None:
        reported, total = self.model.counts(self.model.area)
        self.summary.setText(self.tr("{0} of {1} units reported").format(
            self._n(reported), self._n(total)))
        self._update_matching()

    def _n(self, number: int) -> str:
        return in_language_digits(number, self.model.language)

    # ------------------------------------------------------------------ search and filter

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        self.shown.set_search(text)
        self._update_matching()

    def _filter_chosen(self, _index: int) -> None:
        self.shown.set_choice(str(self.status_filter.currentData() or FILTER_ALL))
        self._update_matching()

    def _filter_names(self) -> dict[str, str]:
        names = {FILTER_ALL: self.tr("All statuses"),
                 FILTER_NOT_STARTED: self.tr("Not started (no form)"),
                 FILTER_CONFLICTS: self.tr("With open conflicts"),
                 FILTER_UNSENT: self.tr("With unsent changes")}
        for status in STATUSES:
            text = status_text(status)
            names[status] = text[:1].upper() + text[1:]
        return names

    def _update_filter_counts(self) -> None:
        """The filter's choices, each with how many units of the area it shows, keeping
        the choice made."""
        chosen = self.status_filter.currentData() or FILTER_ALL
        counts = self.model.filter_counts()
        names = self._filter_names()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for choice in FILTERS:
            self.status_filter.addItem(f"{names[choice]} ({self._n(counts[choice])})", choice)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(chosen)))
        self.status_filter.blockSignals(False)
        self._update_matching()

    def _update_matching(self) -> None:
        """Say how many units the search and filter show, and what to do when none."""
        if not self.shown.active:
            self.matching.setVisible(False)
            return
        shown, total = self.shown.rowCount(), self.model.rowCount()
        if shown:
            text = self.tr("{0} of {1} units shown.").format(self._n(shown), self._n(total))
        else:
            text = self.tr("No unit matches. Check the spelling, clear the search, or "
                           "choose “All statuses”.")
        set_wrapped(self.matching, text)  # Khmer breaks between words only
        self.matching.setVisible(True)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.unit_opened.emit(self.model.row_at(self.shown.mapToSource(index).row()))

    def selected(self) -> UnitRow | None:
        """The unit of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.shown.mapToSource(rows[0]).row())

    def visible_units(self) -> list[UnitRow]:
        """The units the table shows, top to bottom."""
        return [self.model.row_at(self.shown.mapToSource(self.shown.index(r, 0)).row())
                for r in range(self.shown.rowCount())]
