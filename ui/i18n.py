"""Translations: Vietnamese is the source language; English comes from Qt ``.ts`` files.

``.qm`` files are built from ``resources/translations/*.ts`` with pyside6-lrelease (by the
setup script, CI and the frozen build), never committed. If a ``.qm`` is missing at run time
(a fresh source checkout) it is compiled into the data dir's cache, so English still works.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kiosk.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
PSEUDO = "pseudo"


def lrelease() -> str | None:
    import shutil  # only when a translation has to be built (not at every start-up)

    exe = shutil.which("pyside6-lrelease")
    if exe:
        return exe
    candidate = Path(sys.executable).with_name("pyside6-lrelease")
    return str(candidate) if candidate.exists() else None


def compile_ts(ts: Path, qm: Path) -> bool:
    tool = lrelease()
    if tool is None:
        return False
    import subprocess

    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, str(ts), "-qm", str(qm)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        log.warning("lrelease failed for %s: %s", ts.name, result.stderr.strip()[:200])
    return qm.exists()


def qm_path(lang: str, cache_dir: Path) -> Path | None:
    ts = resource_path("translations", f"kiosk_{lang}.ts")
    shipped = resource_path("translations", f"kiosk_{lang}.qm")
    if shipped.exists() and (not ts.exists() or shipped.stat().st_mtime >= ts.stat().st_mtime):
        return shipped
    if not ts.exists():
        return None
    cached = cache_dir / f"kiosk_{lang}.qm"
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    return cached if compile_ts(ts, cached) else None


class Translations:
    """Installs our translator and Qt's own for the chosen language; swaps them at run time."""

    def __init__(self, app: QCoreApplication, cache_dir: Path) -> None:
        self.app = app
        self.cache_dir = cache_dir
        self._installed: list[QTranslator] = []
        self.language = "vi"

    def switch(self, lang: str) -> bool:
        for tr in self._installed:
            self.app.removeTranslator(tr)
        self._installed.clear()
        self.language = lang
        if lang == "vi":
            self._qt_base("vi")
            return True
        path = qm_path(lang, self.cache_dir)
        ok = False
        if path is not None:
            tr = QTranslator(self.app)
            ok = tr.load(str(path))
            if ok:
                self.app.installTranslator(tr)
                self._installed.append(tr)
        if not ok:
            log.warning("no translation for %s; showing Vietnamese", lang)
        self._qt_base(lang)
        return ok

    def _qt_base(self, lang: str) -> None:
        tr = QTranslator(self.app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if tr.load(QLocale(lang), "qtbase", "_", folder):
            self.app.installTranslator(tr)
            self._installed.append(tr)


class PseudoTranslator(QTranslator):
    """Lengthens every string by about 40 % to show where a layout would clip text."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:  # type: ignore[override]
        if not source:
            return source
        extra = "ĂăÂâ" * max(1, len(source) // 10)
        return f"[{source} {extra}]"
