"""The service unit table: who reports a form each year."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from common.db import Base, new_id, utc_now
from common.geography.models import AdminArea

#: The kinds of service ISAF covers at commune level, with their names for people.
UNIT_KINDS: dict[str, tuple[str, str]] = {
    "cs_admin": ("រដ្ឋបាលឃុំ/សង្កាត់", "Commune/sangkat administration"),
    "health_center": ("មណ្ឌលសុខភាព", "Health center"),
    "primary_school": ("សាលាបឋមសិក្សា", "Primary school"),
}


class ServiceUnit(Base):
    """A unit that reports: it belongs to one commune for ISAF, and is never deleted."""

    __tablename__ = "service_unit"
    __table_args__ = (
        CheckConstraint("kind IN ('cs_admin', 'health_center', 'primary_school')", name="kind"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name_km: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    commune_code: Mapped[str] = mapped_column(ForeignKey("admin_area.code"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    commune: Mapped[AdminArea] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<ServiceUnit {self.code} {self.kind} {self.name_en!r}>"
