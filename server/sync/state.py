"""The server's epoch and what a user's pull covers: the two facts a client checks on
every push and pull to know whether it must send or fetch everything again (docs/SYNC.md,
"Epoch")."""

from __future__ import annotations

from sqlalchemy import String, bindparam, select
from sqlalchemy.orm import Session

from common.db import new_id, utc_now
from server.accounts.models import Device, User
from server.data.models import align_seq_offset
from server.sync.models import ServerState


def epoch(session: Session) -> str:
    """This server's epoch: renewed when a backup is restored."""
    state = session.get(ServerState, "epoch")
    if state is None:  # the first migration writes it: a database without it is not ours
        raise RuntimeError("the database has no server epoch: run `isaf db upgrade`")
    return state.value


def device_owner_and_epoch(session: Session, device_id: str) -> tuple[str | None, str]:
    """Whose the device `device_id` is (None when unknown) and this server's epoch, in one
    round trip: a push needs both."""
    row = session.execute(DEVICE_OWNER_AND_EPOCH, {"device_id": device_id}).one()
    return row[0], row[1]


#: Built once, as every push runs it: a statement object reused keeps its cache key,
#: which SQLAlchemy would otherwise work out again for each push.
DEVICE_OWNER_AND_EPOCH = select(
    select(Device.user_id).where(Device.id == bindparam("device_id", type_=String))
    .scalar_subquery(),
    select(ServerState.value).where(ServerState.key == "epoch").scalar_subquery())


def renew_epoch(session: Session) -> str:
    """A new epoch, after restoring a backup: clients then re-push what they hold. The
    change numbers go on above every number the restored data holds."""
    align_seq_offset(session)
    state = session.get(ServerState, "epoch")
    value = new_id()
    if state is None:
        session.add(ServerState(key="epoch", value=value))
    else:
        state.value, state.changed_at = value, utc_now()
    return value


def scope_signature(user: User) -> str:
    """What a user's pull covers; when it changes, the client starts its pull afresh."""
    where = user.unit_id or user.area_code or "country"
    return f"{user.role}:{where}"
