"""Old stored text holding control characters: found, named for staff, and cleaned.

Since the one rule (:mod:`kiosk.plain_text`) no form, command or bundle import stores a
control character any more, but a database written before it may hold some (a NUL pasted
into a note). The hub refuses every batch carrying such a record, so a kiosk would keep
failing to sync for ever. Two pieces, one repair (:func:`kiosk.plain_text.strip_control`):

* the outbox checks each batch before sealing it (:func:`first_in_payload`) and, instead of
  sending a batch the hub must refuse, stops with a message naming the record by its local
  date, time and service (:func:`describe`): never its text;
* the staff panel's "Làm sạch ký tự ẩn" and ``help-kiosk sync clean-text``
  (:func:`kiosk.sync.outbox.clean_text`: staff only, audited with counts) repair them.

Why repairing is right here, and not "refuse until a person edits it": a control character
is nothing a person can see or meant to type (a NUL, an escape) or is a line break where the
field is one line, so :func:`~kiosk.plain_text.strip_control` keeps every visible character
and turns breaks into spaces: what the record says about the citizen does not change, and an
invisible NUL cannot be found and removed by hand in a form anyway. A cleaned row's
``updated_at`` moves to now, so the cleaned version replaces any earlier copy (a SQLite hub or
a kiosk that imported a bundle before the rule) under the usual newer-wins merge, and the
outbox sends it again. Why a person presses the button rather than a migration doing it
unasked: the citizen's record changes (a little), so staff see which one and choose, with an
audit row; and ``db/`` (migrations) may not import the one rule in ``kiosk/``, a copy of it
there would be a second rule.

Core SQL on a connection with the tables reflected (every text and JSON column of the tables
that travel, whatever the schema version). Any thread; no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, MetaData, String, Table, Text, inspect, select
from sqlalchemy.engine import Connection

from kiosk.plain_text import has_control, strip_control

log = logging.getLogger(__name__)

#: Tables whose text leaves the machine in batches or bundles -> their key column.
TABLES: dict[str, str] = {"assistance": "uuid", "volunteer": "uuid", "activity_day": "uuid",
                          "home_visit": "uuid", "team": "team_id"}
#: Tables merged "newer updated_at wins": a cleaned row gets a new updated_at.
NEWER_WINS = frozenset({"assistance", "home_visit"})
#: Never read as text (a hash is no text anyone typed).
SKIP = frozenset({"pin_hash"})

#: Field names as staff see them on the record form (Vietnamese, English).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "note": ("Ghi chú", "Note"), "village": ("Thôn/tổ", "Village"),
    "commune": ("Xã/phường", "Commune"), "outcome": ("Kết quả", "Outcome"),
    "age_band": ("Nhóm tuổi", "Age group"), "gender": ("Giới tính", "Gender"),
    "ethnic_group": ("Dân tộc", "Ethnic group"), "services": ("Dịch vụ", "Service"),
    "channel": ("Hình thức", "Channel"), "tutorial_id": ("Bài hướng dẫn", "Tutorial"),
    "contact_name": ("Tên liên hệ", "Contact name"),
    "contact_phone": ("Số điện thoại", "Phone number"),
    "contact_consent_purpose": ("Mục đích liên hệ", "Contact purpose"),
    "display_name": ("Tên thành viên", "Member's name"), "role": ("Vai trò", "Role"),
    "household": ("Hộ gia đình", "Household"), "needs": ("Cần hỗ trợ", "Needs"),
    "best_time": ("Thời gian thuận tiện", "Best time"),
}


@dataclass(frozen=True)
class StoredText:
    """One row holding control characters: where it is, and what staff know it by."""

    table: str
    key: str
    fields: tuple[str, ...]
    started_at: datetime | None = None      # assistance: when the help started (naive UTC)
    services: tuple[str, ...] = ()          # assistance: service codes (cleaned)
    name: str = ""                          # volunteer: the member's name (cleaned)


def clean_value(value: Any) -> Any:
    """``value`` with :func:`strip_control` applied to every text in it (JSON lists too)."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {k: clean_value(v) for k, v in value.items()}
    return value


def _dirty(value: Any) -> bool:
    if isinstance(value, str):
        return has_control(value)
    if isinstance(value, list):
        return any(_dirty(v) for v in value)
    if isinstance(value, dict):
        return any(_dirty(v) for v in value.values())
    return False


def _found(table: str, key: str, fields: tuple[str, ...], row: Mapping[str, Any]
           ) -> StoredText:
    started = row.get("started_at") if table == "assistance" else None
    services = row.get("services") if table == "assistance" else None
    return StoredText(table, key, fields,
                      started if isinstance(started, datetime) else None,
                      tuple(str(clean_value(s)) for s in services)
                      if isinstance(services, list) else (),
                      strip_control(row.get("display_name") or "")
                      if table == "volunteer" else "")


def _scan(conn: Connection) -> Iterator[tuple[Table, StoredText, dict[str, Any]]]:
    """Every row with control characters in a text column: (table, what, cleaned values)."""
    present = set(inspect(conn).get_table_names())
    for name, key in TABLES.items():
        if name not in present:
            continue
        table = Table(name, MetaData(), autoload_with=conn)
        texts: list[Column[Any]] = [c for c in table.columns if c.name not in SKIP
                                    and isinstance(c.type, String | Text | JSON)]
        extra = [table.c[n] for n in ("started_at",) if name == "assistance" and n in table.c]
        for row in conn.execute(select(*{c.name: c for c in [*texts, *extra]}.values()))\
                .mappings():
            dirty = tuple(c.name for c in texts if _dirty(row[c.name]))
            if dirty:
                yield table, _found(name, str(row[key]), dirty, dict(row)), \
                    {f: clean_value(row[f]) for f in dirty}


def find_control_text(conn: Connection) -> list[StoredText]:
    """Every stored row holding a control character (nothing changed)."""
    return [found for _table, found, _values in _scan(conn)]


def clean_control_text(conn: Connection, now: datetime) -> list[StoredText]:
    """Clean every such row in ``conn``'s transaction; ``now``: the new ``updated_at``
    (naive UTC) of cleaned rows merged newer-wins. Returns what was cleaned."""
    done: list[tuple[Table, StoredText, dict[str, Any]]] = list(_scan(conn))
    for table, found, values in done:
        key = table.c[TABLES[found.table]]
        if found.table in NEWER_WINS and "updated_at" in table.c:
            values = {**values, "updated_at": now}
        conn.execute(table.update().where(key == found.key).values(**values))
    if done:
        log.info("cleaned control characters from %d stored rows", len(done))
    return [found for _table, found, _values in done]


def first_in_payload(payload: Mapping[str, Any]) -> StoredText | None:
    """The first item of a batch/bundle payload holding a control character, or None.

    The same rule the hub applies (:mod:`kiosk.sync.merge`), run by the kiosk before it
    seals a batch, so staff learn which record it is instead of a refusal by number."""
    from kiosk.sync.merge import parse_dt

    for section, table in (("records", "assistance"), ("volunteers", "volunteer"),
                           ("activity_days", "activity_day"), ("home_visits", "home_visit"),
                           ("status", "")):
        items = payload.get(section) or []
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, dict):
                continue
            dirty = tuple(k for k, v in item.items() if _dirty(v))
            if dirty:
                row = {**item, "started_at": parse_dt(item.get("started_at"))}
                return _found(table, str(item.get("uuid", "")), dirty, row)
    return None


def describe(found: StoredText, service_names: Mapping[str, str], lang: str = "vi") -> str:
    """What staff know the row by: a record by its local time, date and service; a member by
    name; never a record's text. E.g. "Bản ghi hỗ trợ lúc 09:15 ngày 05/12/2026 (Cài đặt
    VNeID), mục “Ghi chú”"."""
    from kiosk.clock import to_local

    en = lang == "en"
    fields = ", ".join(f"“{FIELD_LABELS.get(f, (f, f))[1 if en else 0]}”"
                       for f in found.fields)
    if found.table == "assistance" and found.started_at is not None:
        when = to_local(found.started_at)
        services = ", ".join(service_names.get(c, c) for c in found.services)[:40]
        said = f" ({services})" if services else ""
        if en:
            return (f"The help record of {when:%H:%M} on {when:%d/%m/%Y}{said}, "
                    f"field {fields}")
        return f"Bản ghi hỗ trợ lúc {when:%H:%M} ngày {when:%d/%m/%Y}{said}, mục {fields}"
    if found.table == "volunteer":
        return (f"The member “{found.name[:40]}”, field {fields}" if en
                else f"Thành viên “{found.name[:40]}”, mục {fields}")
    if found.table == "home_visit":
        return (f"A home-visit request, field {fields}" if en
                else f"Một yêu cầu hỗ trợ tại nhà, mục {fields}")
    return f"Other data, field {fields}" if en else f"Dữ liệu khác, mục {fields}"


def control_text_problem(found: StoredText, service_names: Mapping[str, tuple[str, str]],
                         *, stopped: str, stopped_en: str, advice: str, advice_en: str
                         ) -> tuple[str, str]:
    """(Vietnamese, English) sentences for a row that stops a sync or an export: which row
    (:func:`describe`; ``service_names``: code -> (Vietnamese, English name)), what it has,
    what did not happen (``stopped``) and what to do."""
    vi = {code: names[0] for code, names in service_names.items()}
    en = {code: names[1] or names[0] for code, names in service_names.items()}
    return (f"{describe(found, vi)} có ký tự ẩn (như NUL, do dán chữ) nên {stopped}. {advice}",
            f"{describe(found, en, 'en')} has hidden control characters (such as NUL, from "
            f"pasted text), so {stopped_en}. {advice_en}")
