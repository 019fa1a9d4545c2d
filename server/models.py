"""Every table of the server's database; Alembic compares this metadata with migrations."""

from common.db import Base
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.units.models import ServiceUnit

metadata = Base.metadata

__all__ = ["AdminArea", "PublishedDefinition", "ServiceUnit", "metadata"]
