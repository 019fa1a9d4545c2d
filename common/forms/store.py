"""Published form definitions in a database: every version kept, none ever changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import JSON, String, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, Session, mapped_column

from common.db import Base, utc_now
from common.forms.definition import FormDefinition
from common.forms.loader import build_definition


class PublishedDefinition(Base):
    """One published version of a form definition, as the plain data it was loaded from."""

    __tablename__ = "form_definition"

    form: Mapped[str] = mapped_column(String(48), primary_key=True)
    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    service_kind: Mapped[str] = mapped_column(String(20), index=True)
    title_km: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str] = mapped_column(String(500))
    checksum: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON().with_variant(JSONB(), "postgresql"))
    published_at: Mapped[datetime] = mapped_column(default=utc_now)

    def definition(self) -> FormDefinition:
        """The checked definition object of this version."""
        return build_definition(self.content, filename=f"{self.form}@{self.version}")


class DefinitionVersionConflictError(ValueError):
    """A version that is already published with other content."""


def publish_definition(session: Session,
                       definition: FormDefinition) -> Literal["published", "unchanged"]:
    """Store `definition`; 'unchanged' if this exact version is already published.

    Raises DefinitionVersionConflictError when the version exists with other content: a
    published version never changes, so a changed file needs a higher version.
    """
    existing = session.get(PublishedDefinition, (definition.form, definition.version))
    if existing is not None:
        if existing.checksum == definition.checksum:
            return "unchanged"
        raise DefinitionVersionConflictError(
            f"{definition.key} is already published with other content; "
            f"raise 'version' above {latest_version(session, definition.form)} to publish a change")
    session.add(PublishedDefinition(
        form=definition.form, version=definition.version,
        service_kind=definition.service_kind, title_km=definition.title.km,
        title_en=definition.title.en, checksum=definition.checksum,
        content=dict(definition.source),
    ))
    session.flush()
    return "published"


def latest_version(session: Session, form: str) -> int | None:
    """The highest published version of `form`, or None."""
    return session.scalar(select(PublishedDefinition.version)
                          .where(PublishedDefinition.form == form)
                          .order_by(PublishedDefinition.version.desc()).limit(1))
