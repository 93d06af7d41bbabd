"""Resume by code ("Tiếp tục bài đang học", issue #22 item 4).

A citizen who leaves a tutorial or a practice midway gets a short code; typed on this help
point's keypad on any later day, it opens the same step again. Codes live 30 days.

**Why four digits, and only digits.** The code is read aloud, printed on a thermal slip and
typed by elderly first-time users on the kiosk's big keypad (the same 0–9 pad as the PIN
pad). Digits are the one alphabet every citizen already reads, hears and types without
confusion: there is no O/0, I/1/l, B/8 or S/5 to mix up, no upper and lower case, and no
letter names to say aloud (Vietnamese letter names — "bê", "pê", "dê", "đê" — are easy to
mishear, and a Cơ Tu speaker may not know them at all). Four digits give 10,000 codes: a
help point sees a few dozen citizens a day, so even if every one of them left midway for 30
days the live codes would be a small share of them (:data:`MAX_LIVE` bounds it anyway).
Codes are drawn at random among the free ones, not counted up, so a typo of one digit rarely
lands on a neighbour's code.

**Nothing personal.** A row holds the code, what it opens (kind, content id, position) and
when it was made and expires. Nothing about the person, nothing typed on a practice phone.
The table never leaves the machine: no bundle and no sync batch carries it (the code works
"at this help point").

**Refusals are kind.** :meth:`ResumeService.look_up` raises :class:`ResumeRefused` (a
:class:`~kiosk.errors.KioskError` with Vietnamese and English words that say what happened
and what to do) for a code that is mistyped, unknown, expired, or whose content a content
pack has since removed. A position beyond the content's steps (a tutorial shortened by a
pack) is clamped to its last step rather than refused: the citizen is close to where they
stopped, and the screen says which step it is.

**Expiry.** A code stops working 30 days after it was last given out (``expires_at``). The
row is kept :data:`KEEP_EXPIRED` days more so the kiosk can say "this code has expired" and
offer the same tutorial from the start instead of "unknown code"; then the start-up data
chores delete it (:func:`purge_expired`, from :mod:`kiosk.startup`).

Any thread: every database step goes through :class:`~kiosk.store.Store` (the GUI calls it
from its database lane). The clock is the store's, so tests move days with ``FakeClock``.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.clock import to_local
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.content.model import Catalogue
    from kiosk.store import Store

log = logging.getLogger(__name__)

TUTORIAL = "tutorial"
PRACTICE = "practice"
KINDS = (TUTORIAL, PRACTICE)
ALPHABET = "0123456789"
LENGTH = 4
LIFETIME = timedelta(days=30)
#: How long an expired code is remembered, only to say "expired" rather than "unknown".
KEEP_EXPIRED = timedelta(days=30)
#: At most this many live codes: past it the oldest live code is retired to make room.
#: A busy help point hands out a few dozen a day; 3,000 is 100 a day for 30 days.
MAX_LIVE = 3000
_CONTENT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SEPARATORS = re.compile(r"[\s\-.·]+")

#: How many positions (steps, practice screens) a content id has now, or None when it is not
#: on this kiosk any more.
PositionCount = Callable[[str], "int | None"]


class ResumeRefused(KioskError):
    """The code cannot open anything; the words say why and what to do.

    ``reason`` is one of "malformed", "unknown", "expired", "gone". For "expired" and "gone"
    ``kind``/``content_id`` name what the code used to open (nothing personal), so a screen
    can offer the same tutorial from its first step.
    """

    def __init__(self, message: str, *, en: str, reason: str, kind: str = "",
                 content_id: str = "") -> None:
        super().__init__(message, en=en)
        self.reason = reason
        self.kind = kind
        self.content_id = content_id


@dataclass(frozen=True)
class IssuedCode:
    """A code just given out, for the screen and the slip."""

    code: str
    kind: str
    content_id: str
    position: int  # 0-based
    expires_at: datetime  # naive UTC

    @property
    def expires_local(self) -> datetime:
        return to_local(self.expires_at)


@dataclass(frozen=True)
class Where:
    """Where a code brings the citizen back to."""

    code: str
    kind: str
    content_id: str
    position: int  # 0-based, already clamped to the content's steps
    clamped: bool  # the stored position was past the last step (the content got shorter)
    expires_at: datetime  # naive UTC


def normalise(typed: str) -> str:
    """The code as stored: spaces, dashes and dots between digits dropped ("48 27" → "4827")."""
    return _SEPARATORS.sub("", typed or "")


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(c in ALPHABET for c in code)


def spoken(code: str, lang: str = "vi") -> str:
    """The code as said aloud, one digit at a time: "bốn, tám, hai, bảy"."""
    from kiosk.speech.pronounce import digit_words

    return digit_words(code, lang)


def shown(code: str) -> str:
    """The code as printed and shown: digits spaced apart ("4 8 2 7") so none is missed."""
    return " ".join(code)


def worth_a_code(position: int, total: int, finished: bool) -> bool:
    """Offer a code only to someone who did at least one step and did not finish: a citizen
    leaving at step one, or after the last, is not asked to keep a code (no nagging)."""
    return not finished and total > 0 and 1 <= position < total


def tutorial_positions(catalogue: Catalogue) -> PositionCount:
    """Steps of a tutorial in ``catalogue`` (the content in force now), None if it is gone."""

    def count(content_id: str) -> int | None:
        t = catalogue.by_id(content_id)
        return len(t.steps) if t is not None and t.steps else None

    return count


class ResumeService:
    """Give out and look up resume codes for the kinds registered with :meth:`add_kind`.

    ``positions`` maps a kind to a function telling how many positions a content id has now
    (see :func:`tutorial_positions`); the practice player registers "practice" the same way.
    """

    def __init__(self, store: Store, positions: dict[str, PositionCount] | None = None) -> None:
        self.store = store
        self._positions: dict[str, PositionCount] = dict(positions or {})

    def add_kind(self, kind: str, positions: PositionCount) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown resume kind: {kind!r}")
        self._positions[kind] = positions

    # -- giving out ----------------------------------------------------------------------------
    def issue(self, kind: str, content_id: str, position: int, *,
              keep: str | None = None) -> IssuedCode:
        """A code that opens ``content_id`` at ``position`` (0-based) for 30 days.

        ``keep``: the code this citizen came back with. If it still opens the same content,
        it is moved to the new position and its 30 days start again, so the slip they carry
        keeps working instead of a second code to remember.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown resume kind: {kind!r}")
        if not _CONTENT_ID.match(content_id or ""):
            raise ValueError("a content id is a short lower-case id, never free text")
        if isinstance(position, bool) or not isinstance(position, int) or position < 0:
            raise ValueError("a position is a step index from 0")
        from sqlalchemy import delete, func, select

        from db.models import ResumeCode

        now = self.store.clock.now()
        expires = now + LIFETIME
        with self.store.write() as s:
            if keep is not None and is_well_formed(keep):
                row = s.get(ResumeCode, keep)
                if row is not None and row.expires_at > now and row.kind == kind \
                        and row.content_id == content_id:
                    row.position, row.expires_at = position, expires
                    log.info("resume code renewed: kind=%s content=%s position=%d",
                             kind, content_id, position)
                    return IssuedCode(row.code, kind, content_id, position, expires)
            live = s.scalar(select(func.count()).select_from(ResumeCode)
                            .where(ResumeCode.expires_at > now)) or 0
            if live >= MAX_LIVE:
                # Retire the oldest live codes: the citizens least likely to come back.
                oldest = s.scalars(select(ResumeCode.code).where(ResumeCode.expires_at > now)
                                   .order_by(ResumeCode.created_at, ResumeCode.code)
                                   .limit(live - MAX_LIVE + 1)).all()
                s.execute(delete(ResumeCode).where(ResumeCode.code.in_(oldest)))
                log.warning("resume codes: %d oldest live code(s) retired (limit %d)",
                            len(oldest), MAX_LIVE)
            taken = set(s.scalars(select(ResumeCode.code)).all())
            if len(taken) >= len(ALPHABET) ** LENGTH:
                # Every code is live or kept to say "expired": forget the expired ones now.
                s.execute(delete(ResumeCode).where(ResumeCode.expires_at <= now))
                taken = set(s.scalars(select(ResumeCode.code)).all())
            code = _draw(taken)
            s.add(ResumeCode(code=code, kind=kind, content_id=content_id, position=position,
                             created_at=now, expires_at=expires))
        log.info("resume code issued: kind=%s content=%s position=%d", kind, content_id,
                 position)
        return IssuedCode(code, kind, content_id, position, expires)

    # -- looking up ----------------------------------------------------------------------------
    def look_up(self, typed: str) -> Where:
        """Where ``typed`` brings the citizen back to. Raises :class:`ResumeRefused`."""
        code = normalise(typed)
        if not is_well_formed(code):
            raise refusal("malformed", code)
        from db.models import ResumeCode

        with self.store.read() as s:
            row = s.get(ResumeCode, code)
            found = None if row is None else (row.kind, row.content_id, row.position,
                                              row.expires_at)
        if found is None:
            raise refusal("unknown", code)
        kind, content_id, position, expires_at = found
        if expires_at <= self.store.clock.now():
            raise refusal("expired", code, kind, content_id)
        count_of = self._positions.get(kind)
        total = count_of(content_id) if count_of is not None else None
        if not total:
            raise refusal("gone", code, kind, content_id)
        clamped = position >= total
        if clamped:
            log.info("resume code past the end of %s (%d >= %d): last step", content_id,
                     position, total)
        return Where(code=code, kind=kind, content_id=content_id,
                     position=min(position, total - 1), clamped=clamped, expires_at=expires_at)


def shortened_notice(position: int, total: int, lang: str = "vi",
                     kind: str = TUTORIAL, *, spoken: bool = False) -> str:
    """What the citizen is told when a code lands on the last step because a newer content
    pack shortened the tutorial or practice (:attr:`Where.clamped`): shown with the step and
    said first in voice mode, so nobody wonders why it is not the step they left.

    ``spoken``: the words for the voice, "bước 7 trên 7" where the screen shows "bước 7/7"
    (espeak-ng drops the slash and says "bảy bảy").
    """
    n = position + 1
    if lang == "en":
        what = "This practice" if kind == PRACTICE else "This guide"
        back = "" if kind == PRACTICE else " Touch “Previous step” to see the steps before."
        where = f"step {n} of {total}" if spoken else f"step {n}/{total}"
        return (f"{what} was updated and is shorter now, so you are at its last step "
                f"({where}).{back}")
    what = "Bài tập thử này" if kind == PRACTICE else "Bài này"
    back = "" if kind == PRACTICE else " Chạm “Bước trước” để xem các bước trước."
    where = f"bước {n} trên {total}" if spoken else f"bước {n}/{total}"
    return (f"{what} vừa được cập nhật và ngắn hơn trước, nên bạn ở bước cuối "
            f"({where}).{back}")


def refusal(reason: str, code: str, kind: str = "", content_id: str = "") -> ResumeRefused:
    """The kind words for a code that opens nothing (``reason`` as in :class:`ResumeRefused`)."""
    said = shown(code)
    if reason == "malformed":
        return ResumeRefused(
            "Mã học tiếp gồm 4 chữ số. Bạn hãy nhập lại đủ 4 số in trên phiếu.",
            en="A resume code has 4 digits. Please type the 4 digits on your slip again.",
            reason=reason)
    if reason == "unknown":
        return ResumeRefused(
            f"Không tìm thấy mã {said} ở điểm hỗ trợ này. Bạn hãy xem lại 4 số trên phiếu "
            "và nhập lại, hoặc chọn bài trong “Học từng bước”.",
            en=f"Code {said} is not known at this help point. Please check the 4 digits on "
               "your slip and type them again, or choose a guide in “Learn step by step”.",
            reason=reason)
    if reason == "expired":
        return ResumeRefused(
            f"Mã {said} đã hết hạn: mỗi mã chỉ dùng được 30 ngày. Không sao cả, bạn có thể "
            "học lại bài này từ đầu, hoặc nhờ tình nguyện viên giúp.",
            en=f"Code {said} has expired: a code works for 30 days. Never mind: you can "
               "start this guide again from the beginning, or ask a volunteer.",
            reason=reason, kind=kind, content_id=content_id)
    if reason == "gone":
        return ResumeRefused(
            f"Bài của mã {said} không còn trên máy này (nội dung đã được cập nhật). "
            "Bạn hãy chọn bài trong “Học từng bước”, hoặc nhờ tình nguyện viên giúp.",
            en=f"The guide of code {said} is no longer on this kiosk (the content was "
               "updated). Please choose a guide in “Learn step by step”, or ask a volunteer.",
            reason=reason, kind=kind, content_id=content_id)
    raise ValueError(f"unknown refusal reason: {reason!r}")


def _draw(taken: set[str]) -> str:
    """A random code that is not ``taken``: a few blind draws, then from what is left."""
    for _ in range(20):
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            return code
    free = [f"{n:0{LENGTH}d}" for n in range(len(ALPHABET) ** LENGTH)
            if f"{n:0{LENGTH}d}" not in taken]
    return secrets.choice(free)


def purge_expired(store: Store) -> int:
    """Delete codes that expired more than :data:`KEEP_EXPIRED` ago; return how many."""
    from sqlalchemy import delete

    from db.models import ResumeCode

    cutoff = store.clock.now() - KEEP_EXPIRED
    with store.write() as s:
        result = s.execute(delete(ResumeCode).where(ResumeCode.expires_at <= cutoff))
    n = int(getattr(result, "rowcount", 0) or 0)
    if n:
        log.info("resume codes purged: %d", n)
    return n


def live_count(store: Store) -> int:
    from sqlalchemy import func, select

    from db.models import ResumeCode

    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(ResumeCode)
                            .where(ResumeCode.expires_at > store.clock.now())) or 0)
