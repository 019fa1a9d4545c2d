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


#: The request header in which a client names the newest definition format it reads.
#: Format 2: a standard may carry `status` and `source`. A client that names none (any
#: release before format 2) would refuse such a definition outright, so it is served the
#: definition without them (`readable_content`); it then shows every standard as before.
FORMAT_HEADER = "ISAF-Definition-Format"
DEFINITION_FORMAT = 2


def readable_content(content: dict[str, Any], client_format: int) -> dict[str, Any]:
    """A published definition's content as a client reading `client_format` can load it:
    unchanged for format 2 and later; for format 1, without the standards' status and
    source (keys its schema does not allow)."""
    if client_format >= 2:
        return content
    sections = []
    for section in content.get("sections", []):
        indicators = []
        for indicator in section.get("indicators", []):
            standard = indicator.get("standard")
            if isinstance(standard, dict) and ("status" in standard or "source" in standard):
                standard = {k: v for k, v in standard.items() if k not in ("status", "source")}
                indicator = {**indicator, "standard": standard}
            indicators.append(indicator)
        sections.append({**section, "indicators": indicators})
    return {**content, "sections": sections}


def client_format(header: str | None) -> int:
    """The definition format a client names in FORMAT_HEADER (1 when it names none or
    something unreadable: the oldest clients send nothing)."""
    try:
        return max(1, int(header or "1"))
    except ValueError:
        return 1


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
