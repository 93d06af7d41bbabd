"""Exports from the officers' pages: CSV (with BOM), XLSX, PDF for a help point, a commune or
the city, through the kiosk's own export code.

The file is written by :func:`hub.exports.export_scope` (the same as ``help-kiosk-hub
export``): the scope's rows copied into a throw-away kiosk database and the kiosk's
:func:`kiosk.reports.export.run_export` run on it, so the file is what the kiosks' own exports
give for the same rows (allowance per team under the rule in force each day, "chưa xác thực"
marking, no contacts). Here: the officer's right to the scope is checked again, the file is
named, and the export is written to the hub's audit log.

Runs in a worker thread (the web handler awaits it).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from hub.accounts import Officer
from hub.context import HubContext
from hub.exports import export_scope
from hub.web.reports import HubReports, Scope
from kiosk.reports.export import ExportRequest, file_name
from kiosk.reports.periods import Period

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WebExport:
    path: Path
    filename: str
    fmt: str
    rows: int


def write(hub: HubContext, reports: HubReports, officer: Officer, scope: Scope, period: Period,
          fmt: str, what: str | None, work: Path) -> WebExport:
    """Check the officer may see ``scope``, write the file under ``work``, audit it."""
    request = ExportRequest(fmt, what, include_contacts=False).check()
    reports.scope(officer, scope.kind, scope.key)  # re-checked here, not only in the page
    safe_key = "".join(ch for ch in scope.key if ch.isascii() and ch.isalnum())[:8]
    stem = {"city": "thanh-pho", "commune": f"xa-{safe_key}",
            "help_point": f"diem-{safe_key}"}[scope.kind]
    filename = f"{stem}-{file_name(request, period)}"
    path = work / filename
    result = export_scope(hub, period, path, request, scope=scope.figure_scope,
                          actor_name=f"hub:{officer.username}",
                          commune_label=scope.label if scope.kind != "help_point" else "",
                          help_point_label=scope.label if scope.kind == "help_point" else "",
                          titles=reports.titles())
    reports.accounts.audit(officer.username, "export", scope=scope.kind, key=scope.key,
                           fmt=request.fmt, what=request.content, rows=result.rows,
                           start=period.start.isoformat(), end=period.end.isoformat())
    return WebExport(path, filename, request.fmt, result.rows)


def cleanup(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
