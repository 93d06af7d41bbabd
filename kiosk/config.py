"""The kiosk's settings: one TOML file in the data dir, every option declared once.

Each option has a type, a default, a Vietnamese label and a check, so the setup screen, the
settings screen and the loader all agree. A file that cannot be read, or holds a value that
fails its check, is kept as ``config.toml.bad`` and the kiosk starts with defaults: a help
point must never fail to open because someone mistyped a setting.

The kiosk window reads the file before its first paint, where ``tomllib`` (with ``datetime``
and its regular expressions) cost 3 % of a bare window's whole start (issue #18). So the
window keeps what it parsed in ``cache/config.json`` together with the exact text it was
parsed from (:func:`keep_parsed`, just after the paint, once the one-kiosk lock is held);
the next start uses it only when ``config.toml`` still holds exactly that text, and checks
every value again as if it came from the file. A cache that is missing, unreadable, corrupt
or for another text is ignored (and ``config.toml`` parsed); it is never a second source of
settings.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.plain_text import has_control

log = logging.getLogger(__name__)

CONFIG_FILE = "config.toml"
SCHEMA_VERSION = 1
#: What the window parsed, with the text it came from (in the data dir; see the docstring).
PARSED_CACHE = Path("cache") / "config.json"
# Each data dir's freshly parsed settings, as the cache file's text, until kept.
_to_keep: dict[Path, str] = {}


class Option(NamedTuple):
    """One declared setting."""

    name: str
    type: type
    default: Any
    label: str
    check: Callable[[Any], str | None] = lambda _v: None


def _between(lo: int, hi: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if lo <= value <= hi else f"phải từ {lo} đến {hi}"

    return check


def _one_of(*allowed: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in allowed else "phải là một trong: " + ", ".join(allowed)

    return check


def _max_len(n: int) -> Callable[[Any], str | None]:
    """At most ``n`` characters, one line, no control character (kiosk.plain_text): the
    names go into every sync batch, where the hub refuses one."""
    def check(value: Any) -> str | None:
        if has_control(value):
            return "có ký tự điều khiển (ví dụ ký tự NUL hoặc dấu xuống dòng)"
        return None if len(value) <= n else f"dài quá {n} ký tự"

    return check


_PHONE = re.compile(r"\+?[0-9 .()\-]+")


def _phone(value: Any) -> str | None:
    """A phone number as people write it: 1022, 0236 3 123 456, +84 236 1022, (0236) 3.123.456.

    Sheets print it after "Điện thoại:", so a name ("Tổ CNSCĐ thôn Tà Lang") is refused.
    """
    if value == "":
        return None
    if len(value) > 40:
        return "dài quá 40 ký tự"
    digits = sum(c.isdigit() for c in value)
    if not _PHONE.fullmatch(value) or not 3 <= digits <= 15:
        return "phải là số điện thoại (ví dụ 0236 3 123 456 hoặc 1022)"
    return None


def _sqlite_url(value: Any) -> str | None:
    """Empty, or an SQLite URL: the kiosk keeps its data in SQLite on the help point's PC;
    sharing goes through the commune hub (help-kiosk-hub), whose store is PostgreSQL."""
    if value == "":  # the usual case: no SQLAlchemy on the way to the first paint
        return None
    from db.engine import is_sqlite_url

    if len(value) > 500:
        return "dài quá 500 ký tự"
    if is_sqlite_url(value):
        return None
    return ("chỉ nhận tệp SQLite (sqlite:///đường/dẫn/tệp.sqlite3) hoặc để trống; kiosk không "
            "dùng PostgreSQL hay máy chủ cơ sở dữ liệu khác (số liệu chung được gửi lên máy chủ "
            "của xã bằng chức năng Đồng bộ). Hãy xóa dòng database_url trong config.toml")


def _commune_code(value: Any) -> str | None:
    from kiosk.commune_code import check_commune_code

    return check_commune_code(value)


OPTIONS: tuple[Option, ...] = (
    Option("help_point_name", str, "Điểm hỗ trợ số", "Tên điểm hỗ trợ", _max_len(80)),
    Option("commune", str, "", "Xã/phường/đặc khu", _max_len(80)),
    # Which team (Tổ CNSCĐ) this kiosk's work belongs to, and the commune's official code:
    # every row carries them (kiosk.identity), so the allowance is paid per team.
    Option("team_name", str, "", "Tên tổ công nghệ số cộng đồng (để trống = “Tổ CNSCĐ” + tên xã)",
           _max_len(120)),
    Option("commune_code", str, "",
           "Mã xã/phường/đặc khu (5 chữ số theo danh mục hành chính; để trống nếu chưa có)",
           _commune_code),
    Option("village", str, "", "Thôn/tổ dân phố", _max_len(80)),
    Option("hotline", str, "", "Số điện thoại liên hệ in trên tờ hướng dẫn", _phone),
    Option("desk_count", int, 2, "Số bàn hỗ trợ", _between(1, 9)),
    Option("priority_every", int, 3,
           "Số ưu tiên: gọi tối đa bao nhiêu số ưu tiên liền nhau trước một số thường",
           _between(1, 10)),
    Option("idle_timeout_s", int, 90, "Thời gian chờ trước khi về màn hình chính (giây)",
           _between(30, 900)),
    Option("language", str, "vi", "Ngôn ngữ mặc định", _one_of("vi", "en")),
    # Recorded phrases for speakers of a language no voice engine speaks (resources/phrases/;
    # docs/co-tu-recording.md): played before the greeting and the ticket number in voice mode.
    Option("phrase_language", str, "", "Âm thanh ghi sẵn thêm (ktv = Cơ Tu; để trống = không)",
           _one_of("", "ktv")),
    Option("text_size", int, 1, "Cỡ chữ (0 = vừa, 1 = lớn, 2 = rất lớn)", _between(0, 2)),
    Option("high_contrast", bool, False, "Tương phản cao"),
    # A help point used by blind or low-vision people may start every visit reading aloud.
    Option("voice_mode", bool, False, "Bật đọc to khi bắt đầu mỗi lượt"),
    Option("mode", str, "help_point", "Chế độ (điểm hỗ trợ / tổ lưu động)",
           _one_of("help_point", "mobile")),
    # Desk keypads call and finish tickets with no one signed in only when staff turn this on
    # (issue #16 item 8): off, a passer-by at the kiosk's keyboard cannot empty the queue.
    Option("desk_keypads", bool, False,
           "Phím gọi số ở bàn hoạt động cả khi chưa ai đăng nhập trên kiosk"),
    Option("printer", str, "", "Máy in (để trống = máy in mặc định)", _max_len(200)),
    Option("ticket_width_mm", int, 80, "Khổ giấy in phiếu (mm)",
           lambda v: None if v in (58, 80) else "phải là 58 hoặc 80"),
    Option("voice", str, "", "Giọng đọc (để trống = tự chọn giọng tiếng Việt)", _max_len(200)),
    Option("speech_rate", int, 150, "Tốc độ đọc (từ/phút)", _between(80, 260)),
    Option("daily_print_quota", int, 100, "Số tờ hướng dẫn được in mỗi ngày", _between(0, 10000)),
    Option("contact_retention_days", int, 180, "Số ngày giữ thông tin liên hệ", _between(1, 3650)),
    # SQLite only (issue #20 item 9): PostgreSQL is the hub's store, never the kiosk's.
    Option("database_url", str, "",
           "Tệp cơ sở dữ liệu SQLite khác (sqlite:///đường/dẫn; để trống = tệp trong thư mục "
           "dữ liệu)", _sqlite_url),
    Option("extra_content_dirs", list, [], "Thư mục nội dung bổ sung (ví dụ USB)"),
    Option("backup_dir", str, "", "Thư mục sao lưu thứ hai (ví dụ USB)", _max_len(500)),
    Option("setup_done", bool, False, "Đã cài đặt lần đầu"),
)
OPTION_BY_NAME = {o.name: o for o in OPTIONS}


@dataclass
class Config:
    """The settings in force. Built only through :func:`load_config` or :func:`defaults`."""

    values: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["values"][name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def replace(self, **changes: Any) -> Config:
        """A copy with ``changes`` applied; each one is checked like a loaded value."""
        new = dict(self.values)
        for name, value in changes.items():
            problem = check_value(name, value)
            if problem:
                raise ValueError(problem)
            new[name] = value
        return Config(new)


class ConfigProblem(NamedTuple):
    """Why the config file was not used, in words a staff member can act on."""

    message: str
    kept_as: Path | None


def defaults() -> Config:
    return Config({o.name: (list(o.default) if isinstance(o.default, list) else o.default)
                   for o in OPTIONS})


def check_value(name: str, value: Any) -> str | None:
    """None when ``value`` is acceptable for option ``name``, else a Vietnamese reason."""
    opt = OPTION_BY_NAME.get(name)
    if opt is None:
        return f"Mục cài đặt không tồn tại: “{name}”"
    # bool is a subclass of int: do not let `true` pass as a desk count.
    if opt.type is int and (isinstance(value, bool) or not isinstance(value, int)):
        return f"“{name}” ({opt.label}) phải là một số nguyên"
    if not isinstance(value, opt.type):
        return f"“{name}” ({opt.label}) có kiểu sai, cần {opt.type.__name__}"
    if isinstance(value, list) and not all(isinstance(x, str) for x in value):
        return f"“{name}” ({opt.label}) phải là danh sách đường dẫn"
    reason = opt.check(value)
    return f"“{name}” ({opt.label}) {reason}" if reason else None


def load_config(data_dir: Path, *, use_cache: bool = False) -> tuple[Config, ConfigProblem | None]:
    """Read ``config.toml``; on any problem keep the file as ``.bad`` and use defaults.

    ``use_cache`` (the kiosk window): take the parsed values from ``cache/config.json`` when
    it was made from exactly this text, and remember a fresh parse for :func:`keep_parsed`.
    Either way every value is checked below.
    """
    path = data_dir / CONFIG_FILE
    cfg = defaults()
    if not path.exists():
        return cfg, None
    try:
        text = path.read_text(encoding="utf-8")
        raw = _cached(data_dir, text) if use_cache else None
        if raw is None:
            raw = _parse(text)
            if use_cache:
                _to_keep[data_dir] = _cache_text(text, raw)
    except (UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        return cfg, _quarantine(path, f"Tệp cài đặt bị hỏng, không đọc được ({exc})")
    except RecursionError:  # arrays nested thousands deep: a clear refusal, not a traceback
        return cfg, _quarantine(path, "Tệp cài đặt bị hỏng, không đọc được (lồng nhau quá sâu)")
    raw.pop("schema_version", None)
    bad: list[str] = []
    for name, value in raw.items():
        problem = check_value(name, value)
        if problem and name == "hotline" and isinstance(value, str):
            # Older versions took any text here; a name is left off the sheets instead of
            # costing the help point all its settings.
            log.warning("config: hotline is not a phone number; sheets print no phone")
            continue
        if problem:
            # One bad value costs only itself (issue #16 item 4): every other setting is
            # kept (so no first-run wizard, no renamed help point), the file stays as it is
            # for staff to fix, and the message names the field.
            log.warning("config: %s", problem)
            bad.append(problem)
            continue
        cfg.values[name] = value
    if bad:
        return cfg, ConfigProblem(
            message=("Tệp cài đặt có mục sai: " + "; ".join(bad) + ". Kiosk dùng giá trị "
                     "mặc định cho mục này, các mục khác giữ nguyên. Hãy sửa tệp config.toml."),
            kept_as=None)
    return cfg, None


def _parse(text: str) -> dict[str, Any]:
    import tomllib  # not when the cache holds this text (the kiosk window's usual start)

    raw = tomllib.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("not a table")
    return raw


def _cached(data_dir: Path, text: str) -> dict[str, Any] | None:
    """The values parsed from exactly ``text`` at an earlier start, if the cache holds them
    whole (its checksum matches); else None."""
    try:
        kept = json.loads((data_dir / PARSED_CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(kept, dict) or kept.get("toml") != text:
        return None
    parsed = kept.get("parsed")
    if not isinstance(parsed, dict) or kept.get("crc32") != _checksum(parsed):
        return None
    return parsed


def _checksum(parsed: dict[str, Any]) -> int:
    import zlib

    return zlib.crc32(json.dumps(parsed, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def _cache_text(text: str, raw: dict[str, Any]) -> str:
    """The cache file for ``raw`` parsed from ``text``; "" when JSON would not give the same
    values back (a TOML date or time, NaN): such a file is parsed at every start."""
    try:
        parsed = json.loads(json.dumps(raw, ensure_ascii=False))
    except (TypeError, ValueError):
        return ""
    if parsed != raw:
        return ""
    return json.dumps({"toml": text, "parsed": parsed, "crc32": _checksum(parsed)},
                      ensure_ascii=False)


def keep_parsed(data_dir: Path) -> None:
    """Keep what :func:`load_config` (``use_cache``) parsed for the next start. Call it only
    while holding the one-kiosk lock (the cache is in the data dir). Not synced: a cache cut
    short by a power cut fails to load or its checksum, and is ignored."""
    from kiosk.files import PRIVATE_MODE

    payload = _to_keep.pop(data_dir, "")
    if not payload:
        return
    target = data_dir / PARSED_CACHE
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # As private as config.toml (its whole text is in here), whatever the umask.
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(payload)
        os.replace(part, target)
    except OSError as exc:  # a full or read-only disk: only the next start is slower
        log.debug("parsed settings not kept: %s", exc)
        part.unlink(missing_ok=True)


def _quarantine(path: Path, message: str) -> ConfigProblem:
    bad = path.with_name(path.name + ".bad")
    os.replace(path, bad)
    log.warning("config file rejected and kept as %s: %s", bad.name, message)
    return ConfigProblem(
        message=(f"{message}. Tệp cũ được giữ lại là “{bad.name}”; "
                 "kiosk đang dùng cài đặt mặc định."),
        kept_as=bad,
    )


def save_config(data_dir: Path, cfg: Config) -> None:
    """Write atomically so a power cut leaves either the old or the new file, never half."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / CONFIG_FILE
    payload = {"schema_version": SCHEMA_VERSION, **cfg.values}
    # Owner-only: database_url may hold a password.
    # Loaded here, not at import: reading the settings is on the way to the first paint,
    # writing them never is (filelock, tomli_w).
    import tomli_w

    from kiosk.files import PRIVATE_MODE, write_atomic

    write_atomic(path, tomli_w.dumps(payload), mode=PRIVATE_MODE)


def as_dict(cfg: Config) -> dict[str, Any]:
    return dataclasses.replace(cfg).values.copy()


def desk_keypads_active(config: Config, helper_signed_in: bool) -> bool:
    """May a desk keypad call or finish tickets now? Always with a volunteer or staff signed
    in; with no one signed in only when the ``desk_keypads`` setting is on (off by default)."""
    return helper_signed_in or bool(config.desk_keypads)
