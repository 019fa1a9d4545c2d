"""The Post-on of one form: each standard met or not, as a table and a bar chart, with the
change from the unit's previous year and the district's average; a standard that is only
proposed (not an official national standard) is marked so, in Khmer and English, and can
be left out ("Official standards only").

What a health-center chief or commune focal point checks before printing the I4C poster.
The figures are the form's values as they stand on screen (unsaved edits included),
judged with the shared engine (`assess_standards`); last year's comes from this
computer's forms, and the district's from the figures the server sent with the last sync
(its approved and published forms, as on the posters), or, on a computer that never
received them, from the approved forms of the district it holds; the note under the
summary says which, over how many units and as of when (`client.store.comparisons`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from client.context import AppContext
from client.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QCheckBox,
    QColor,
    QCoreApplication,
    QFontMetrics,
    QFrame,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPainter,
    QPaintEvent,
    QPen,
    QPersistentModelIndex,
    QRectF,
    QScrollArea,
    QSize,
    QSizePolicy,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from client.store import comparisons
from client.store.comparisons import (
    Comparison,
    DistrictFigure,
    district_figure,
    synced_figure,
)
from common.forms import FormDefinition, Indicator, assess_standards, judged_standard, numeric
from common.forms.definition import PROPOSED_MARK, PROPOSED_NOTE, PROPOSED_SHORT, Text
from common.forms.expressions import Value
from common.khmer import format_number, to_cambodia_time, to_khmer_digits

#: Met, not met, and no value yet: green, red, grey (and a mark, for who cannot tell
#: red from green).
MET_COLOUR = "#2e7d32"
NOT_MET_COLOUR = "#c62828"
UNKNOWN_COLOUR = "#9e9e9e"
PREVIOUS_COLOUR = "#90a4ae"



def met_colour(met: bool | None) -> str:
    """The colour of a standard's result."""
    return {True: MET_COLOUR, False: NOT_MET_COLOUR, None: UNKNOWN_COLOUR}[met]


def format_value(indicator: Indicator, value: Value, language: str) -> str:
    """A value as a person reads it, in the digits of `language` (Khmer digits in Khmer)."""
    if value is None:
        return ""
    translate = QCoreApplication.translate
    if isinstance(value, bool):
        return translate("FormValues", "Yes") if value else translate("FormValues", "No")
    if indicator.type == "choice":
        for choice in indicator.choices:
            if choice.code == value:
                return choice.label.get(language)
        return str(value)
    if isinstance(value, int):
        # Python's grouping is what format_number gives an int, at a hundredth of the cost
        # (a form shows a hundred of them at every keystroke).
        text = f"{value:,}"
        return to_khmer_digits(text) if language == "km" else text
    if isinstance(value, float):
        decimals = 0 if indicator.whole_number else _places(value, indicator.effective_decimals)
        return format_number(value, decimals=decimals,
                             digits="khmer" if language == "km" else "arabic")
    text = str(value)
    return to_khmer_digits(text) if language == "km" and indicator.type == "time" else text


def in_digits(number: int, language: str) -> str:
    """A figure inside a sentence, in the digits of `language` (a year, a count)."""
    return to_khmer_digits(str(number)) if language == "km" else str(number)


def time_text(moment: datetime, language: str) -> str:
    """When something happened, on Cambodia's clock ("2026-11-22 14:05"), in the digits
    of `language`: a date and time in a status bar, a list or a message."""
    text = to_cambodia_time(moment).strftime("%Y-%m-%d %H:%M")
    return to_khmer_digits(text) if language == "km" else text


def _places(value: float, most: int) -> int:
    """Decimal places a number needs to show as entered (up to `most`)."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return min(most, len(text.partition(".")[2].rstrip("0")))


def standard_text(indicator: Indicator, language: str) -> str:
    """'at least 8 persons': the standard of an indicator, in the interface language."""
    standard = indicator.standard
    if standard is None:
        return ""
    translate = QCoreApplication.translate
    target = standard.target
    shown = format_value(indicator, target, language)
    unit = indicator.unit.get(language) if indicator.unit else (
        "%" if indicator.type == "percent" else "")
    if unit and not isinstance(target, bool):
        shown = f"{shown}\u00a0{unit}"
    if standard.direction == "at_least":
        return translate("FormValues", "at least {0}").format(shown)
    if standard.direction == "at_most":
        return translate("FormValues", "at most {0}").format(shown)
    return shown


def is_proposed(indicator: Indicator) -> bool:
    """Whether the indicator's standard is only proposed, not an official national one."""
    return indicator.standard is not None and not indicator.standard.official


def proposed_text(indicator: Indicator, language: str, mark: Text = PROPOSED_MARK) -> str:
    """' (ស្តង់ដារស្នើ / proposed standard)', in the words of the posters and in both
    languages whatever the interface's (a screen shown to citizens and officials alike),
    after a proposed standard; '' after an official one. The interface's language comes
    first."""
    if not is_proposed(indicator):
        return ""
    return f" ({mark.en} / {mark.km})" if language == "en" else f" ({mark.km} / {mark.en})"


def standard_tip(indicator: Indicator) -> str:
    """Where a standard comes from, for its tooltip: for a proposed one first the note,
    in Khmer and English, that it is not an official national standard."""
    standard = indicator.standard
    if standard is None:
        return ""
    lines = [PROPOSED_NOTE.km, PROPOSED_NOTE.en] if not standard.official else []
    if standard.source is not None and standard.source.describe():
        lines.append(standard.source.describe())
    return "\n".join(lines)


def result_text(met: bool | None) -> str:
    """'Met', 'Not met' or 'No value yet', with a mark that does not need colour."""
    translate = QCoreApplication.translate
    if met is None:
        return "– " + translate("FormValues", "No value yet")
    return ("✓ " + translate("FormValues", "Met")) if met else (
        "✗ " + translate("FormValues", "Not met"))


@dataclass(frozen=True)
class StandardRow:
    """One line of the Post-on."""

    indicator: Indicator
    value: Value
    met: bool | None
    previous: Value
    district: DistrictFigure | None


class StandardsModel(QAbstractTableModel):
    """The standards of a form with this year's value, result and comparisons."""

    COLUMNS = ("indicator", "value", "standard", "result", "previous", "change", "district")

    def __init__(self, context: AppContext, definition: FormDefinition,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.definition = definition
        self.language = context.settings.language
        self._rows: list[StandardRow] = []

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
        return [self.tr("Indicator"), self.tr("This year"), self.tr("Standard"),
                self.tr("Result"), self.tr("Last year"), self.tr("Change"),
                self.tr("District average")][section]

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        language = self.language
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, language)
        if role == Qt.ItemDataRole.ForegroundRole and column == "result":
            return QBrush(QColor(met_colour(row.met)))
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("indicator", "result"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "district" and row.district is not None:
                if row.district.met is not None:
                    return self.tr("{0} of {1} units meet the standard").format(
                        in_digits(row.district.met, language),
                        in_digits(row.district.units, language))
                return self.tr("over {0} units").format(in_digits(row.district.units, language))
            if column == "indicator":
                return f"{row.indicator.label.km}\n{row.indicator.label.en}"
            if column == "standard":
                return standard_tip(row.indicator) or None
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _display(self, row: StandardRow, column: str, language: str) -> str:
        indicator = row.indicator
        if column == "indicator":
            return indicator.label.get(language)
        if column == "value":
            return format_value(indicator, row.value, language)
        if column == "standard":
            # The mark on a line of its own: the column stays as narrow as the standards.
            mark = proposed_text(indicator, language).strip()
            text = standard_text(indicator, language)
            return f"{text}\n{mark}" if mark else text
        if column == "result":
            return result_text(row.met)
        if column == "previous":
            return format_value(indicator, row.previous, language)
        if column == "change":
            return change_text(indicator, row.value, row.previous, language)
        return district_text(indicator, row.district, language)

    # ------------------------------------------------------------------ ours

    def set_rows(self, rows: list[StandardRow]) -> None:
        """Show these rows: changed in place when the standards are the same ones."""
        if [r.indicator.code for r in rows] == [r.indicator.code for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(rows) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[StandardRow]:
        """The rows shown."""
        return list(self._rows)

    def retranslate(self) -> None:
        """Texts again in the interface language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))


def change_text(indicator: Indicator, value: Value, previous: Value, language: str) -> str:
    """'+3', '−1.5' or '' for this year against last year."""
    if value is None or previous is None or isinstance(value, bool | str) \
            or isinstance(previous, bool | str):
        return ""
    difference = value - previous
    if difference == 0:
        return "="
    decimals = 0 if indicator.whole_number else indicator.effective_decimals
    text = format_number(abs(difference), decimals=decimals,
                         digits="khmer" if language == "km" else "arabic")
    return ("+" if difference > 0 else "−") + text


def district_text(indicator: Indicator, figure: DistrictFigure | None, language: str) -> str:
    """The district's average as a person reads it."""
    if figure is None:
        return ""
    digits: Literal["arabic", "khmer"] = "khmer" if language == "km" else "arabic"
    if indicator.type == "yes_no":
        share = format_number(100 * figure.average, decimals=0, digits=digits)
        return QCoreApplication.translate("FormValues", "{0}% yes").format(share)
    if indicator.type == "time":
        minutes = round(figure.average)
        text = f"{minutes // 60:02d}:{minutes % 60:02d}"
        return to_khmer_digits(text) if language == "km" else text
    # An average count of staff reads better with a decimal (7.5); Riel never have one.
    decimals = {"count": 1, "money": 0}.get(indicator.type, indicator.effective_decimals)
    return format_number(figure.average, decimals=decimals, digits=digits)


class StandardsChart(QWidget):
    """A bar per standard: this year's value coloured by its result, last year's as a thin
    grey bar, and the target as a black tick. Each bar is scaled on its own row, so a
    percentage and a count of days read equally well."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.language = context.settings.language
        self._rows: list[StandardRow] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[StandardRow]) -> None:
        """Draw these rows."""
        self._rows = rows
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return int(QFontMetrics(self.font()).height() * 1.8)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, max(1, len(self._rows)) * self._row_height() + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        language = self.language
        height = self._row_height()
        width = self.width()
        label_width = int(width * 0.38)
        value_width = metrics.horizontalAdvance("00,000,000") + 8
        bar_left = label_width + 8
        bar_width = max(20, width - bar_left - value_width - 8)
        for number, row in enumerate(self._rows):
            top = 4 + number * height
            # A proposed standard keeps its mark whole; the label gives way to it.
            mark = proposed_text(row.indicator, language, PROPOSED_SHORT)
            room = max(label_width // 3, label_width - metrics.horizontalAdvance(mark))
            label = metrics.elidedText(row.indicator.label.get(language),
                                       Qt.TextElideMode.ElideRight, room) + mark
            painter.setPen(QPen(self.palette().windowText().color()))
            painter.drawText(QRectF(0, top, label_width, height),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             label)
            figures = _chart_figures(row)
            scale = max([abs(f) for f in figures.values() if f is not None] + [1e-9]) * 1.1
            if figures["previous"] is not None:
                painter.fillRect(QRectF(bar_left, top + height * 0.72,
                                        bar_width * figures["previous"] / scale, height * 0.14),
                                 QColor(PREVIOUS_COLOUR))
            colour = QColor(met_colour(row.met))
            if figures["value"] is not None:
                # A value of zero still shows a sliver, so 'met at 0 days' is visible.
                length = max(3.0, bar_width * figures["value"] / scale)
                bar = QRectF(bar_left, top + height * 0.2, length, height * 0.5)
                painter.fillRect(bar, colour)
                if mark:  # proposed: hatched, so the verdict does not pass for a national one
                    painter.fillRect(bar, QBrush(QColor("white"), Qt.BrushStyle.BDiagPattern))
            else:
                painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
                painter.drawRect(QRectF(bar_left, top + height * 0.2, bar_width * 0.3,
                                        height * 0.5))
            if figures["target"] is not None:
                x = bar_left + bar_width * figures["target"] / scale
                painter.setPen(QPen(self.palette().windowText().color(), 2))
                painter.drawLine(int(x), int(top + height * 0.08), int(x),
                                 int(top + height * 0.92))
            painter.setPen(QPen(colour))
            painter.drawText(QRectF(width - value_width, top, value_width, height),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                             _with_percent(row.indicator, format_value(
                                 row.indicator, row.value, language)) or "–")
        painter.end()


def _with_percent(indicator: Indicator, text: str) -> str:
    return f"{text}\u00a0%" if text and indicator.type == "percent" else text


def _chart_figures(row: StandardRow) -> dict[str, float | None]:
    indicator = row.indicator
    target = row.indicator.standard.target if row.indicator.standard else None
    return {"value": numeric(indicator, row.value),
            "previous": numeric(indicator, row.previous),
            "target": numeric(indicator, target) if target is not None else None}


class PostOnView(QWidget):
    """The Post-on tab of a form: a summary line, the bar chart and the table."""

    def __init__(self, context: AppContext, form_id: str, definition: FormDefinition,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form_id = form_id
        self.definition = definition
        self.language = context.settings.language
        self._values: Mapping[str, Value] = {}
        # Read when first shown: opening a form must not wait for the district's forms.
        self._comparison: Comparison | None = None
        self._loaded = False

        self.official_only = QCheckBox(self)
        self.official_only.toggled.connect(lambda _checked: self._refresh())
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        #: Says, in Khmer and English as the poster does, that a standard marked proposed
        #: is not an official national one (shown while such a standard is judged).
        self.proposed_note = QLabel(self)
        self.proposed_note.setWordWrap(True)
        self.proposed_note.setText(f"{PROPOSED_NOTE.km} / {PROPOSED_NOTE.en}")
        self.comparison_note = QLabel(self)
        self.comparison_note.setWordWrap(True)
        self.chart = StandardsChart(context, self)
        self.model = StandardsModel(context, definition, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        # One page that scrolls as a whole, like the poster it prepares: the table shows
        # every standard, with no scroll bar of its own.
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addWidget(self.official_only)
        inner.addWidget(self.summary)
        inner.addWidget(self.proposed_note)
        inner.addWidget(self.comparison_note)
        inner.addWidget(self.chart)
        inner.addWidget(self.table)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._unsaved = False
        context.operations.changed.connect(self._on_data_changed)
        context.language_changed.connect(self.set_language)
        self.retranslate()

    # ------------------------------------------------------------------ data

    def set_values(self, values: Mapping[str, Value], *, unsaved: bool = False) -> None:
        """Judge these values (completed: totals and computed indicators included);
        `unsaved` when they include figures not saved yet."""
        self._values = dict(values)
        self._unsaved = unsaved
        self._refresh()

    def load_comparison(self) -> None:
        """Read last year's form and the district's forms from the local store."""
        session = self.context.session
        self._comparison = (comparisons.comparison(session.store, self.form_id)
                            if session is not None else None)
        self._loaded = True
        self._refresh()

    def ensure_loaded(self) -> None:
        """Read the comparisons unless they were read already."""
        if not self._loaded:
            self.load_comparison()

    def _on_data_changed(self, kinds: frozenset[str]) -> None:
        # Another form (a sync, another screen) may move the district average.
        if self._loaded and kinds & {"values", "forms"}:
            self.load_comparison()

    def rows(self) -> list[StandardRow]:
        """The standards as they stand now."""
        return self.model.rows()

    @property
    def proposed_standards(self) -> bool:
        """Whether proposed standards are judged too ("Official standards only" unticked)."""
        return not self.official_only.isChecked()

    def _refresh(self) -> None:
        comparison = self._comparison
        others: Sequence[Mapping[str, Value]] = comparison.others if comparison else ()
        previous = comparison.previous if comparison else None
        proposed = self.proposed_standards
        synced = comparison.synced if comparison else None
        # The form's own value counts only once it is final, as on the server.
        final = comparison is not None and comparison.final

        def district(indicator: Indicator, value: Value) -> DistrictFigure | None:
            if synced is not None:
                return synced_figure(indicator, synced.figures, proposed=proposed)
            return district_figure(indicator, value if final else None, others,
                                   proposed=proposed)

        rows = [StandardRow(result.indicator, result.value, result.met,
                            previous.get(result.indicator.code) if previous else None,
                            district(result.indicator, result.value))
                for result in assess_standards(self.definition, self._values)
                if judged_standard(result.indicator, proposed=proposed) is not None]
        self.model.set_rows(rows)
        self.chart.set_rows(rows)
        self._fit_table()
        self._summarise(rows)

    def _fit_table(self) -> None:
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(self.model.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.table.frameWidth())

    def _n(self, number: int) -> str:
        return in_digits(number, self.language)

    def _summarise(self, rows: list[StandardRow]) -> None:
        met = sum(1 for r in rows if r.met is True)
        not_met = sum(1 for r in rows if r.met is False)
        unknown = sum(1 for r in rows if r.met is None)
        n = self._n
        self.summary.setText(self.tr(
            "<b>{0} of {1} standards met</b> · {2} not met · {3} without a value yet").format(
            n(met), n(len(rows)), n(not_met), n(unknown)) + (
            "" if self.proposed_standards else " · " + self.tr("official standards only")))
        self.proposed_note.setVisible(any(is_proposed(r.indicator) for r in rows))
        comparison = self._comparison
        notes = [self.tr("Figures as typed, including changes not saved yet.")] \
            if self._unsaved else []
        if comparison is not None:
            if comparison.previous is None:
                notes.append(self.tr("No form of {0} for this unit on this computer.").format(
                    n(comparison.year - 1)))
            else:
                notes.append(self.tr("Last year: the unit's form of {0}.").format(
                    n(comparison.year - 1)))
            notes.append(self._district_note(comparison))
        self.comparison_note.setText(" ".join(notes))

    def _district_note(self, comparison: Comparison) -> str:
        """What the district average covers: the server's figures (how many units'
        approved forms, as of when), or this computer's approved forms only."""
        n = self._n
        synced = comparison.synced
        if synced is not None:
            when = time_text(synced.computed_at, self.language)
            if synced.figures.units:
                return self.tr("District average: the approved forms of {0} unit(s) of the "
                               "district, as of {1}.").format(n(synced.figures.units), when)
            return self.tr("No approved form in the district for this year yet, as of {0}: "
                           "no district average.").format(when)
        units = len(comparison.others) + (1 if comparison.final else 0)
        if comparison.others:
            return self.tr("District average: the approved forms of {0} unit(s) of the "
                           "district, from this computer's forms only.").format(n(units))
        return self.tr("No approved form of another unit of the district on this computer "
                       "for this year: no district average.")

    # ------------------------------------------------------------------ texts

    def set_language(self, language: str) -> None:
        """Show labels and figures in `language` ("km" or "en")."""
        self.language = self.model.language = self.chart.language = language
        self.retranslate()

    def retranslate(self) -> None:
        """Texts again in the interface language."""
        self.official_only.setText(self.tr("Official standards only"))
        self.official_only.setToolTip(self.tr(
            "Leave proposed standards (not yet official national standards) out of the "
            "standards met and not met."))
        self.model.retranslate()
        self._summarise(self.model.rows())
        self.chart.update()
