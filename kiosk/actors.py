"""Who is using the kiosk: the roles, the actor and the anonymous citizen.

Kept apart from :mod:`kiosk.auth` (which needs SQLAlchemy and argon2) so that the kiosk's
state and home screen can know "who is here" before the first paint without loading the
database layer; :mod:`kiosk.auth` re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    CITIZEN = "citizen"
    VOLUNTEER = "volunteer"
    STAFF = "staff"


@dataclass(frozen=True)
class Actor:
    """Who is using the kiosk right now. Citizens are anonymous."""

    role: Role
    uuid: str = ""
    name: str = ""

    @property
    def audit_name(self) -> str:
        return f"{self.role.value}:{self.uuid}" if self.uuid else self.role.value


CITIZEN = Actor(Role.CITIZEN)


@dataclass(frozen=True)
class KeypadActor(Actor):
    """Whoever pressed a desk keypad: volunteer rights, audited as ``desk:N``."""

    desk: int = 0

    @property
    def audit_name(self) -> str:
        return f"desk:{self.desk}"
