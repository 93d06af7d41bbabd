"""Which help point and which team (Tổ CNSCĐ) a row belongs to.

Every record, activity day, ticket, tutorial event and print event carries the help point
id, the team id and the commune's official code (``IDENTITY_FIELDS``), so a database that
merged two teams' bundles still knows whose work each row is, and the allowance cap is paid
per team (:mod:`kiosk.reports.allowance`), never once for everyone.

* ``help_point_id`` and ``team_id`` are uuid4 values made once per database and kept in the
  ``meta`` table (keys :data:`META_HELP_POINT` and :data:`META_TEAM`). Migration 0004 makes
  them too, with the same keys, when it stamps the rows of an older database, so services
  and migration agree.
* ``commune_code`` is the official 5-digit code of the commune-level unit (config
  ``commune_code``, "" until staff set it). Rows made while it was empty get it the next
  time the kiosk opens with it set (:func:`backfill_commune_code`).
* A row that came from a v1 bundle without identity belongs to the sending device's team
  when this database already knows that device, else to an "unknown team" whose id is
  derived from the device id (:func:`unknown_team_id`): never to this kiosk's own team.

Services stamp new rows through one helper, :func:`stamp`. Safe from any thread.
"""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import (
    ActivityDay,
    Assistance,
    HomeVisit,
    Meta,
    PrintEvent,
    Team,
    Ticket,
    TutorialEvent,
)
from kiosk.commune_code import COMMUNE_CODE as COMMUNE_CODE  # re-exported
from kiosk.commune_code import check_commune_code as check_commune_code  # re-exported
from kiosk.config import Config
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.auth import Actor
    from kiosk.store import Store

log = logging.getLogger(__name__)

META_HELP_POINT = "help_point_id"
META_TEAM = "team_id"
#: The commune code :func:`backfill_commune_code` last gave this kiosk's older rows.
META_CODE_STAMPED = "commune_code_stamped"
IDENTITY_FIELDS = ("help_point_id", "team_id", "commune_code")
#: The tables whose rows carry the identity fields.
STAMPED_MODELS = (Assistance, ActivityDay, Ticket, TutorialEvent, PrintEvent, HomeVisit)
UNKNOWN_PREFIX = "unknown-"
UNKNOWN_ID = re.compile(UNKNOWN_PREFIX + "[0-9a-f]{28}")
TEAM_WORDS = "Tổ CNSCĐ"


@dataclass(frozen=True)
class Identity:
    help_point_id: str      # uuid4, Meta key "help_point_id", made once per database
    help_point_name: str    # config help_point_name
    team_id: str            # uuid4, Meta key "team_id" (the Tổ CNSCĐ this kiosk belongs to)
    team_name: str          # config team_name, default "Tổ CNSCĐ " + commune
    commune_code: str       # official 5-digit code of the commune-level unit ("" until set)
    commune_name: str       # config commune

    def stamp(self) -> dict[str, str]:
        """The three column values a new row of this kiosk carries."""
        return {"help_point_id": self.help_point_id, "team_id": self.team_id,
                "commune_code": self.commune_code}


def columns_of(row: Any, local: Mapping[str, str] | None = None) -> dict[str, str]:
    """The identity columns of an existing row (work that follows it, such as the activity
    day of a record, belongs to the same team).

    A row with no team (written straight to the table, not through a service) can only have
    been made on this machine: with ``local`` (:func:`stamp`) it gets this kiosk's identity.
    """
    if local is not None and not getattr(row, "team_id", ""):
        return dict(local)
    return {k: str(getattr(row, k) or "") for k in IDENTITY_FIELDS}


def ensure_ids(session: Session) -> tuple[str, str]:
    """(help_point_id, team_id) from ``meta``, made (uuid4) on first use, in ``session``."""
    out = []
    for key in (META_HELP_POINT, META_TEAM):
        row = session.scalar(select(Meta).where(Meta.key == key))
        if row is None:
            row = Meta(key=key, value=str(uuid.uuid4()))
            session.add(row)
            session.flush()
        out.append(row.value)
    return out[0], out[1]


def default_team_name(commune: str) -> str:
    """"Tổ CNSCĐ Hòa Vang" for commune "Hòa Vang"; "Tổ CNSCĐ" while no commune is set."""
    commune = " ".join(commune.split())
    return f"{TEAM_WORDS} {commune}" if commune else TEAM_WORDS


def load_identity(store: Store, config: Config) -> Identity:
    """This kiosk's identity: the ids of its database, the names and code of its settings."""
    commune = str(config.commune or "").strip()
    return Identity(
        help_point_id=store.help_point_id,
        help_point_name=str(config.help_point_name or "").strip(),
        team_id=store.team_id,
        team_name=str(config.team_name or "").strip() or default_team_name(commune),
        commune_code=str(config.commune_code or ""),
        commune_name=commune,
    )


def stamp(store: Store) -> dict[str, str]:
    """The identity columns for a row this kiosk creates now: the one helper every service
    uses (``Model(..., **stamp(store))``). Reads the live settings the store was opened with,
    so a commune code set in *Quản lý* applies to the next row."""
    return load_identity(store, store.config).stamp()


def unknown_team_id(device_id: str) -> str:
    """The team id for rows from a device whose team is unknown here ("unknown-" + 28 hex
    digits of the device id's SHA-256): the same device always maps to the same id, and
    it can never equal a real team's uuid4."""
    return UNKNOWN_PREFIX + hashlib.sha256(device_id.encode("utf-8")).hexdigest()[:28]


def is_unknown_team(team_id: str) -> bool:
    return team_id.startswith(UNKNOWN_PREFIX)


def unknown_team_name(device_id: str) -> str:
    return f"Tổ chưa rõ (gói từ máy {device_id[:8]})"


def identity_of_device(session: Session, device_id: str) -> dict[str, str] | None:
    """The identity columns already known here for rows from ``device_id``, or None.

    Used for v1 bundles, which carry no identity: a device this database has seen with an
    identity (its own, or one imported from a bundle that carried it) keeps its team.
    """
    for model in (Assistance, Ticket, TutorialEvent, PrintEvent):
        row = session.execute(
            select(model.help_point_id, model.team_id, model.commune_code)
            .where(model.device_id == device_id, model.team_id != "",
                   model.team_id.not_like(UNKNOWN_PREFIX + "%"))
            .limit(1)).first()
        if row is not None:
            return {"help_point_id": row[0], "team_id": row[1], "commune_code": row[2]}
    return None


def remember_team(session: Session, team_id: str, name: str, commune_code: str = "",
                  help_point_name: str = "") -> None:
    """Keep a team's name for reports (added, or renamed when ``name`` is given)."""
    row = session.get(Team, team_id)
    if row is None:
        session.add(Team(team_id=team_id, name=name[:120], commune_code=commune_code[:8],
                         help_point_name=help_point_name[:80]))
        session.flush()
        return
    if name and row.name != name[:120]:
        row.name = name[:120]
    if commune_code and row.commune_code != commune_code:
        row.commune_code = commune_code[:8]
    if help_point_name and row.help_point_name != help_point_name[:80]:
        row.help_point_name = help_point_name[:80]


def team_names(session: Session, local: Identity) -> dict[str, str]:
    """team_id -> name for reports: this kiosk's team from its settings, others as
    remembered from their bundles."""
    names = {t.team_id: t.name for t in session.scalars(select(Team))}
    names[local.team_id] = local.team_name
    return names


def team_name_for(names: dict[str, str], team_id: str) -> str:
    if team_id in names and names[team_id]:
        return names[team_id]
    if is_unknown_team(team_id):
        return f"Tổ chưa rõ ({team_id[len(UNKNOWN_PREFIX):][:8]})"
    return f"Tổ khác ({team_id[:8]})"


def is_team_id(value: str) -> bool:
    """A uuid (a real team or help point) or an unknown-team id made here."""
    if UNKNOWN_ID.fullmatch(value):
        return True
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _manifest_identity(manifest: Mapping[str, Any]) -> dict[str, str] | None:
    """The sender's identity from a manifest, when it carries a well-formed one."""
    values = {k: manifest.get(k) for k in IDENTITY_FIELDS}
    ids = (values["help_point_id"], values["team_id"])
    code = values["commune_code"]
    if not all(isinstance(v, str) and is_team_id(v) for v in ids):
        return None
    if not isinstance(code, str) or (code and not COMMUNE_CODE.fullmatch(code)):
        return None
    return {k: str(v) for k, v in values.items()}


def sender_identity(session: Session, manifest: Mapping[str, Any],
                    local_device: str, local: Mapping[str, str]) -> dict[str, str]:
    """Whose rows a bundle's rows without identity are (older bundles), remembering names.

    The manifest's identity when it has one; else the identity this database already knows
    for the sending device (this kiosk's own bundle: ``local``); else an "unknown team" made
    from the device id: never this kiosk's team, so another device's work is never paid from
    this team's cap.
    """
    device = str(manifest["device_id"])
    sender = _manifest_identity(manifest)
    if sender is not None:
        name, place = manifest.get("team_name"), manifest.get("help_point_name")
        remember_team(session, sender["team_id"], name if isinstance(name, str) else "",
                      sender["commune_code"], place if isinstance(place, str) else "")
        return sender
    known = dict(local) if device == local_device else identity_of_device(session, device)
    if known is not None:
        return known
    unknown = unknown_team_id(device)
    remember_team(session, unknown, unknown_team_name(device))
    return {"help_point_id": unknown, "team_id": unknown, "commune_code": ""}


def fill_identity(session: Session, items: Iterable[dict[str, Any]],
                  sender: Mapping[str, str]) -> None:
    """Give items (validated records, activity days) that carry no team the sender's
    identity, and remember every other team they name so reports can list it."""
    teams = set()
    for item in items:
        if not item.get("team_id"):
            item.update(sender)
        teams.add(item["team_id"])
    for team in sorted(teams - {sender["team_id"]}):
        remember_team(session, team, "")


class IdentityError(KioskError):
    """A team id that cannot be joined; the Vietnamese message says why."""


def join_team(actor: Actor, store: Store, team_id: str) -> int:
    """This database's work belongs from now on to the team ``team_id`` (staff, audited).

    team_id is made once per database, so a mobile team's laptop starts as a team of its
    own; when it is the help point's own team, its staff copy the help point's team id here
    (``help-kiosk identity show`` on the help point, then ``identity join-team``), so their
    bundles are paid from one cap. This device's rows move with it. Returns rows moved.
    """
    from kiosk import audit
    from kiosk.auth import Role, require

    require(actor, Role.STAFF)
    team_id = team_id.strip().lower()
    try:
        ok = str(uuid.UUID(team_id)) == team_id
    except ValueError:
        ok = False
    if not ok:
        raise IdentityError("Mã tổ phải là mã dạng xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, chép "
                            "từ lệnh “help-kiosk identity show” trên máy của tổ.",
                            en="The team id must look like xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, "
                               "copied from “help-kiosk identity show” on the team's computer.")
    old = store.team_id
    if team_id == old:
        return 0
    moved = 0
    with store.write() as s:
        row = s.get(Meta, META_TEAM)
        if row is None:
            s.add(Meta(key=META_TEAM, value=team_id))
        else:
            row.value = team_id
        for model in STAMPED_MODELS:
            q = update(model).where(model.team_id == old).values(team_id=team_id)
            if hasattr(model, "device_id"):  # only this device's own work moves
                q = q.where(model.device_id == store.device_id)
            moved += int(getattr(s.execute(q), "rowcount", 0) or 0)
        audit.record(s, store, actor.audit_name, "identity.join_team", old=old, new=team_id,
                     rows=moved)
    store.team_id = team_id
    log.info("joined team %s (%d rows moved)", team_id[:8], moved)
    return moved


def backfill_commune_code(store: Store) -> int:
    """Give this kiosk's rows that still have no commune code the one now set. Returns rows.

    Runs once per code (Meta :data:`META_CODE_STAMPED`), not at every start: the scan of a
    year of tutorial events is not free. Clearing the code forgets it, so rows made while it
    was empty get the next code set.
    """
    code = str(store.config.commune_code or "")
    changed = 0
    with store.write() as s:
        done = s.get(Meta, META_CODE_STAMPED)
        if not code:
            if done is not None:
                s.delete(done)
            return 0
        if done is not None and done.value == code:
            return 0
        for model in STAMPED_MODELS:
            result = s.execute(update(model).where(model.commune_code == "",
                                                   model.team_id == store.team_id)
                               .values(commune_code=code))
            changed += int(getattr(result, "rowcount", 0) or 0)
        if done is None:
            s.add(Meta(key=META_CODE_STAMPED, value=code))
        else:
            done.value = code
    if changed:
        log.info("commune code set on %d older rows", changed)
    return changed
