"""Every table of the server's database; Alembic compares this metadata with migrations."""

from common.db import Base
from common.forms.store import PublishedDefinition
from common.geography.models import AdminArea
from common.units.models import ServiceUnit
from server.accounts.models import Device, RefreshToken, RevokedAccessToken, User
from server.data.models import (
    AuditEvent,
    FieldValue,
    FormAlias,
    FormRecord,
    RecordValue,
    SyncConflict,
    SyncCounter,
    SyncQuarantine,
    SyncRecord,
    WarningConfirmation,
)
from server.sync.models import ServerState, SyncBundle, SyncReceipt

metadata = Base.metadata

__all__ = [
    "AdminArea",
    "AuditEvent",
    "Device",
    "FieldValue",
    "FormAlias",
    "FormRecord",
    "PublishedDefinition",
    "RecordValue",
    "RefreshToken",
    "RevokedAccessToken",
    "ServerState",
    "ServiceUnit",
    "SyncBundle",
    "SyncConflict",
    "SyncCounter",
    "SyncQuarantine",
    "SyncReceipt",
    "SyncRecord",
    "User",
    "WarningConfirmation",
    "metadata",
]
