"""``help-kiosk --self-test``: can the kiosk run on this machine, from this install?

One plain Vietnamese line per check, each "ĐẠT" (passed), "CẢNH BÁO" (works, but something is
missing) or "LỖI" (the kiosk cannot run until it is fixed), saying what to do:

- fonts: the bundled Noto Sans files exist and hold every Vietnamese letter;
- content: the bundled tutorials load with no problem; the English translation is built;
- database: a temporary database is created and migrated (proves Alembic's scripts are in the
  install: this is what breaks first in a frozen build), and the real database in the data dir
  is checked read-only (healthy, from a version this program knows, folder writable);
- voice: the speech engine starts, has a Vietnamese voice and makes a short sound file. A
  missing Vietnamese voice is a warning: the kiosk runs without speech;
- printer: the printers Qt sees. None is a warning: tickets can still be shown on screen.

Exit code 0 when the kiosk can run (warnings allowed), 1 otherwise. The same code runs from a
source tree and from the PyInstaller bundle; CI runs it from the bundle.

The data dir is never written to. kiosk/ never imports Qt: the printer probe (the printers
Qt sees) is passed in by :mod:`ui.launcher`; without it (``python -m kiosk --self-test``)
the printer line is a warning that says so.
"""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import tempfile
import threading
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from kiosk import __version__
from kiosk.paths import resource_path

log = logging.getLogger(__name__)

FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
VOICE_TIMEOUT_S = 45.0


class Status(StrEnum):
    OK = "ĐẠT"
    WARN = "CẢNH BÁO"
    FAIL = "LỖI"


@dataclass(frozen=True)
class CheckResult:
    """One line of the report: what was checked, the verdict and what to do."""

    name: str
    status: Status
    detail: str

    def line(self) -> str:
        return f"{self.status.value:<9} {self.name}: {self.detail}"


@dataclass(frozen=True)
class Report:
    checks: tuple[CheckResult, ...]

    @property
    def can_run(self) -> bool:
        return all(c.status is not Status.FAIL for c in self.checks)

    @property
    def exit_code(self) -> int:
        return 0 if self.can_run else 1

    def text(self, data_dir: Path | None = None) -> str:
        lines = [f"Tự kiểm tra Điểm hỗ trợ số (help-kiosk {__version__})"]
        if data_dir is not None:
            lines.append(f"Thư mục dữ liệu: {data_dir}")
        lines += [c.line() for c in self.checks]
        warnings = sum(c.status is Status.WARN for c in self.checks)
        failures = sum(c.status is Status.FAIL for c in self.checks)
        if failures:
            lines.append(f"Kết quả: LỖI — kiosk chưa chạy được ({failures} lỗi). "
                         "Sửa các dòng LỖI ở trên rồi chạy lại kiểm tra.")
        elif warnings:
            lines.append(f"Kết quả: ĐẠT — kiosk chạy được, có {warnings} cảnh báo "
                         "(xem các dòng CẢNH BÁO).")
        else:
            lines.append("Kết quả: ĐẠT — kiosk chạy được.")
        return "\n".join(lines) + "\n"


def _vietnamese_letters() -> str:
    vowels = "aăâeêioôơuưy"
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    letters = {unicodedata.normalize("NFC", v + t) for v in vowels + vowels.upper()
               for t in tones}
    return "".join(sorted(letters | set("đĐ")))


# -- checks -------------------------------------------------------------------------------------

def check_fonts() -> CheckResult:
    name = "Phông chữ"
    from reportlab.pdfbase.ttfonts import TTFont

    letters = _vietnamese_letters()
    for file in FONT_FILES:
        path = resource_path("fonts", file)
        if not path.is_file():
            return CheckResult(name, Status.FAIL, f"thiếu tệp {file} ({path.parent}). "
                                                  "Cài lại chương trình.")
        try:
            face = TTFont(f"selftest-{file}", str(path)).face
        except Exception as exc:  # a truncated or wrong file: reportlab says why
            return CheckResult(name, Status.FAIL, f"tệp {file} bị hỏng ({exc}). "
                                                  "Cài lại chương trình.")
        missing = [ch for ch in letters if ord(ch) not in face.charToGlyph]
        if missing:
            return CheckResult(name, Status.FAIL, f"{file} thiếu chữ: {' '.join(missing[:10])}. "
                                                  "Cài lại chương trình.")
    return CheckResult(name, Status.OK, f"Noto Sans thường và đậm, đủ {len(letters)} chữ "
                                        "có dấu tiếng Việt.")


def check_content() -> CheckResult:
    name = "Nội dung"
    from kiosk.content.loader import load_catalogue

    root = resource_path("tutorials")
    catalogue = load_catalogue([root])
    if catalogue.problems:
        shown = "; ".join(str(p) for p in catalogue.problems[:3])
        more = len(catalogue.problems) - 3
        return CheckResult(name, Status.FAIL, f"{len(catalogue.problems)} lỗi trong bài "
                                              f"hướng dẫn: {shown}"
                                              f"{f' (và {more} lỗi khác)' if more > 0 else ''}. "
                                              "Chạy “help-kiosk content check” để xem hết.")
    if not catalogue.tutorials:
        return CheckResult(name, Status.FAIL, f"không có bài hướng dẫn nào trong {root}. "
                                              "Cài lại chương trình.")
    steps = sum(len(t.steps) for t in catalogue.tutorials)
    return CheckResult(name, Status.OK, f"{len(catalogue.tutorials)} bài hướng dẫn, "
                                        f"{steps} bước, không có lỗi.")


def check_translations() -> CheckResult:
    name = "Bản dịch"
    qm = resource_path("translations", "kiosk_en.qm")
    if qm.is_file() and qm.stat().st_size > 0:
        return CheckResult(name, Status.OK, "có bản tiếng Anh đã biên dịch.")
    if resource_path("translations", "kiosk_en.ts").is_file():
        return CheckResult(name, Status.WARN, "bản tiếng Anh chưa biên dịch; kiosk sẽ thử "
                                              "biên dịch khi mở. Chạy "
                                              "“python scripts/build_translations.py”.")
    return CheckResult(name, Status.WARN, "không có bản tiếng Anh: nút English sẽ hiện "
                                          "tiếng Việt. Cài lại chương trình.")


def check_crypto() -> CheckResult:
    """Sign, verify, seal and open in memory with throwaway keys: bundles and sync need
    PyNaCl's libsodium, which a frozen build must carry (nothing is written)."""
    name = "Ký và mã hóa"
    try:
        from nacl.public import PrivateKey, SealedBox
        from nacl.signing import SigningKey
    except ImportError as exc:
        return CheckResult(name, Status.FAIL, f"thiếu thư viện mã hóa PyNaCl ({exc}): không "
                                              "xuất/nhập được gói dữ liệu và không đồng bộ "
                                              "được. Cài lại chương trình.")
    signer, box = SigningKey.generate(), PrivateKey.generate()
    signed = signer.sign(b"help-kiosk")
    signer.verify_key.verify(signed)
    if SealedBox(box).decrypt(SealedBox(box.public_key).encrypt(b"help-kiosk")) != b"help-kiosk":
        return CheckResult(name, Status.FAIL, "mã hóa thử không khớp. Cài lại chương trình.")
    try:  # the payload validator every bundle goes through is compiled (msgspec)
        from kiosk.sync.merge import load_json
    except ImportError as exc:
        return CheckResult(name, Status.FAIL, f"thiếu thư viện kiểm tra gói dữ liệu msgspec "
                                              f"({exc}): không nhập được gói dữ liệu và không "
                                              "đồng bộ được. Cài lại chương trình.")
    if load_json(b'{"records": []}') != {"records": []}:
        return CheckResult(name, Status.FAIL, "đọc thử gói dữ liệu không khớp. Cài lại "
                                              "chương trình.")
    return CheckResult(name, Status.OK, "ký, mã hóa và kiểm tra gói dữ liệu được (PyNaCl, "
                                        "msgspec).")


def _read_config(data_dir: Path) -> tuple[dict[str, object], str]:
    """The data dir's settings, read only (kiosk.config would move a bad file aside)."""
    from kiosk.config import CONFIG_FILE

    path = data_dir / CONFIG_FILE
    if not path.exists():
        return {}, ""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"tệp cài đặt {CONFIG_FILE} không đọc được ({exc}); kiosk sẽ dùng cài đặt " \
                   "mặc định"
    return raw, ""


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _db_revision_read_only(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' "
                           "AND name='alembic_version'").fetchone()
        if not has:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    finally:
        conn.close()


def check_database(data_dir: Path | None) -> CheckResult:
    name = "Cơ sở dữ liệu"
    from alembic.script import ScriptDirectory

    from db.engine import DB_FILE, DatabaseUnavailable, alembic_config, check_sqlite_file
    from kiosk.store import Store

    # 1. A fresh database, created and migrated in a temporary folder.
    with tempfile.TemporaryDirectory(prefix="help-kiosk-selftest-") as tmp:
        try:
            store = Store.open(Path(tmp))
            try:
                with store.read() as s:
                    s.connection().exec_driver_sql("SELECT count(*) FROM assistance").scalar()
            finally:
                store.close()
        except Exception as exc:
            log.exception("self-test: temporary database failed")
            return CheckResult(name, Status.FAIL, f"không tạo được cơ sở dữ liệu thử ({exc}). "
                                                  "Cài lại chương trình.")
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    head = scripts.get_current_head()
    known = {r.revision for r in scripts.walk_revisions()}
    if data_dir is None:
        return CheckResult(name, Status.OK, f"tạo và nâng cấp cơ sở dữ liệu thử được "
                                            f"(phiên bản {head}).")

    # 2. The real one, read only.
    settings, _problem = _read_config(data_dir)
    if settings.get("database_url"):
        return CheckResult(name, Status.WARN, "cơ sở dữ liệu thử ĐẠT; kiosk dùng một tệp SQLite "
                                              "khác (database_url), tự kiểm tra không mở tệp "
                                              "đó.")
    target = _nearest_existing(data_dir)
    if not os.access(target, os.W_OK):
        return CheckResult(name, Status.FAIL, f"không ghi được vào thư mục dữ liệu {target}. "
                                              "Nhờ cán bộ cấp quyền ghi (Windows: cài lại "
                                              "chương trình) hoặc chọn --data-dir khác.")
    db_path = data_dir / DB_FILE
    if not db_path.exists():
        return CheckResult(name, Status.OK, f"cơ sở dữ liệu thử ĐẠT (phiên bản {head}); "
                                            "chưa có dữ liệu thật, sẽ tạo khi mở kiosk lần đầu.")
    try:
        check_sqlite_file(db_path)
        current = _db_revision_read_only(db_path)
    except (DatabaseUnavailable, sqlite3.Error) as exc:
        return CheckResult(name, Status.FAIL, f"{exc}. Không xoá tệp: mở kiosk để xem màn hình "
                                              "khôi phục, hoặc khôi phục từ bản sao lưu.")
    if current is not None and current not in known:
        return CheckResult(name, Status.FAIL, f"dữ liệu do phiên bản mới hơn tạo ra (phiên bản "
                                              f"{current}). Cài bản chương trình mới nhất.")
    if current != head:
        return CheckResult(name, Status.OK, f"dữ liệu thật tốt; sẽ được nâng cấp lên phiên bản "
                                            f"{head} khi mở kiosk (có sao lưu trước).")
    return CheckResult(name, Status.OK, f"dữ liệu thật tốt (phiên bản {head}); cơ sở dữ liệu "
                                        "thử ĐẠT.")


def _voice_probe() -> CheckResult:
    name = "Giọng đọc"
    from kiosk.speech.engine import (
        SpeechUnavailable,
        create_default_engine,
        pick_voice,
        wav_duration,
    )

    engine = create_default_engine()
    if engine.name == "none":
        reason = getattr(engine, "reason", "máy này chưa có bộ đọc")
        return CheckResult(name, Status.WARN, f"{reason} Kiosk vẫn chạy, không đọc to.")
    try:
        voice = pick_voice(engine.voices(), "vi")
    except SpeechUnavailable as exc:
        return CheckResult(name, Status.WARN, f"{exc} (Kiosk vẫn chạy, không đọc to.)")
    with tempfile.TemporaryDirectory(prefix="help-kiosk-voice-") as tmp:
        try:
            wav = engine.synthesize("Xin chào", Path(tmp) / "test.wav", voice.id, 150)
            seconds = wav_duration(wav)
        except SpeechUnavailable as exc:
            return CheckResult(name, Status.WARN, f"có giọng “{voice.name}” nhưng {exc} "
                                                  "Kiosk vẫn chạy, không đọc to.")
    if seconds <= 0:
        return CheckResult(name, Status.WARN, f"giọng “{voice.name}” không tạo được âm thanh. "
                                              "Kiosk vẫn chạy, không đọc to.")
    spoken = f"{seconds:.1f}".replace(".", ",")  # Vietnamese decimal comma
    return CheckResult(name, Status.OK, f"giọng tiếng Việt “{voice.name}” ({engine.name}) "
                                        f"đọc thử được {spoken} giây.")


def check_voice(timeout_s: float = VOICE_TIMEOUT_S) -> CheckResult:
    """Run the probe on its own thread (engines are thread-affine and may hang on a bad
    driver); a voice that does not answer in time is a warning, never a hang."""
    box: list[CheckResult] = []

    def probe() -> None:
        try:
            box.append(_voice_probe())
        except Exception as exc:
            log.exception("self-test: voice probe failed")
            box.append(CheckResult("Giọng đọc", Status.WARN,
                                   f"bộ đọc gặp lỗi ({exc}). Kiosk vẫn chạy, không đọc to."))

    thread = threading.Thread(target=probe, name="selftest-voice", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if not box:
        return CheckResult("Giọng đọc", Status.WARN, f"bộ đọc không trả lời sau "
                                                     f"{timeout_s:.0f} giây. Kiosk vẫn chạy; "
                                                     "khởi động lại máy rồi kiểm tra lại.")
    return box[0]


PrinterProbe = Callable[[], list[str]]


def check_printers(data_dir: Path | None = None,
                   printer_names: PrinterProbe | None = None) -> CheckResult:
    """The printers ``printer_names()`` lists (Qt's, from ui/), and the configured one."""
    name = "Máy in"
    if printer_names is None:
        return CheckResult(name, Status.WARN, "chưa kiểm tra máy in (lệnh này không có phần "
                                              "in của Qt). Chạy: help-kiosk --self-test")
    try:
        names: list[str] = list(printer_names())
    except Exception as exc:
        log.exception("self-test: printer probe failed")
        return CheckResult(name, Status.FAIL, f"không nạp được phần in của Qt ({exc}). "
                                              "Cài lại chương trình.")
    wanted = ""
    if data_dir is not None:
        settings, _problem = _read_config(data_dir)
        value = settings.get("printer")
        wanted = value.strip() if isinstance(value, str) else ""
    if not names:
        return CheckResult(name, Status.WARN, "chưa thấy máy in nào. Kiosk vẫn chạy, phiếu số "
                                              "và tờ hướng dẫn chưa in được: cắm máy in và cài "
                                              "trình điều khiển.")
    shown = ", ".join(names[:5]) + (f" (và {len(names) - 5} máy khác)" if len(names) > 5 else "")
    if wanted and wanted not in names:
        return CheckResult(name, Status.WARN, f"máy in đã chọn “{wanted}” không có; thấy: "
                                              f"{shown}. Chọn lại trong Cài đặt.")
    return CheckResult(name, Status.OK, f"{len(names)} máy in: {shown}.")


# -- running ------------------------------------------------------------------------------------

def _guarded(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    """A check that crashes is a failure line, not a traceback."""
    try:
        return check()
    except Exception as exc:
        log.exception("self-test check crashed: %s", name)
        return CheckResult(name, Status.FAIL, f"kiểm tra bị lỗi ({exc}).")


def run_checks(data_dir: Path | None, *, voice: bool = True,
               printer_names: PrinterProbe | None = None) -> Report:
    checks = [
        _guarded("Phông chữ", check_fonts),
        _guarded("Nội dung", check_content),
        _guarded("Bản dịch", check_translations),
        _guarded("Ký và mã hóa", check_crypto),
        _guarded("Cơ sở dữ liệu", lambda: check_database(data_dir)),
    ]
    if voice:
        checks.append(_guarded("Giọng đọc", check_voice))
    checks.append(_guarded("Máy in", lambda: check_printers(data_dir, printer_names)))
    return Report(tuple(checks))


def run(args: argparse.Namespace, out: TextIO | None = None, *,
        printer_names: PrinterProbe | None = None) -> int:
    """``help-kiosk --self-test``: print the report; 0 when the kiosk can run here."""
    data_dir: Path | None = getattr(args, "data_dir", None)
    report = run_checks(data_dir, printer_names=printer_names)
    text = report.text(data_dir)
    stream = out if out is not None else sys.stdout
    if stream is None:  # a windowed Windows build has no console: leave the report in a file
        stream_path = Path(tempfile.gettempdir()) / "help-kiosk-self-test.txt"
        stream_path.write_text(text, encoding="utf-8")
    else:
        try:
            stream.write(text)
        except UnicodeEncodeError:  # an old Windows console code page
            stream.write(text.encode("ascii", "replace").decode("ascii"))
        stream.flush()
    return report.exit_code
