"""Exports from the officers' pages: CSV (with BOM), XLSX, PDF for a help point, a commune or
the city, through the kiosk's own export code.

The kiosk's writers (:func:`kiosk.reports.export.run_export`: records, summary, the allowance
per team under the rule in force each day) read a kiosk :class:`~kiosk.store.Store`. So the
hub copies the scope's rows (records and active days of those help points, with the
services, policy rules, places, volunteers and teams they refer to) into a throw-away kiosk
database in the hub's work folder and runs those very writers on it: the file is what the
kiosks' own exports would give for the same rows, never a second implementation. No
contacts: the hub receives none.

The copy and the file live in a private temp folder removed when the download ends. Runs
in a worker thread (the web handler awaits it).
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from db import models as kiosk_models
from hub.accounts import Officer
from hub.context import HubContext
from hub.web.reports import HubReports, Scope
from kiosk.auth import Actor, Role
from kiosk.reports.export import ExportRequest, file_name, run_export
from kiosk.reports.figures import FigureScope
from kiosk.reports.periods import Period
from kiosk.store import Store

log = logging.getLogger(__name__)

#: Copied whole (small reference tables), then the scope's own rows.
REFERENCE_TABLES = ("service", "policy_rule", "place", "volunteer", "team")
SCOPED_TABLES = ("assistance", "activity_day")
CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_consent_at",
                  "contact_consent_purpose")
CHUNK = 2000


@dataclass(frozen=True)
class WebExport:
    path: Path
    filename: str
    fmt: str
    rows: int


def _copy(src: Session, dst: Store, table: Table, scope: FigureScope | None) -> int:
    """Copy ``table``'s rows in ``scope`` (all rows of a reference table) in chunks."""
    q = select(table)
    if scope is not None and "help_point_id" in table.c:
        q = q.where(*scope.conditions(table))
    copied = 0
    with dst.write() as out:
        result = src.execute(q).mappings()
        while chunk := result.fetchmany(CHUNK):
            rows = [dict(r) for r in chunk]
            if table.name == "assistance":
                for r in rows:  # no contacts leave the hub, whatever a row holds
                    r.update({k: None for k in CONTACT_FIELDS if k in r})
            out.execute(insert(table), rows)
            copied += len(rows)
    return copied


def write(hub: HubContext, reports: HubReports, officer: Officer, scope: Scope, period: Period,
          fmt: str, what: str | None, work: Path) -> WebExport:
    """Check the officer may see ``scope``, write the file under ``work``, audit it."""
    request = ExportRequest(fmt, what, include_contacts=False).check()
    reports.scope(officer, scope.kind, scope.key)  # re-checked here, not only in the page
    store = Store.open(work / "copy")
    try:
        meta = kiosk_models.Base.metadata
        fs = scope.figure_scope
        with hub.sessions() as s:
            for name in (*REFERENCE_TABLES, *SCOPED_TABLES):
                if name in meta.tables and name in _hub_tables(hub):
                    _copy(s, store, meta.tables[name], fs)
        name = file_name(request, period)
        stem = {"city": "thanh-pho", "commune": f"xa-{scope.key}",
                "help_point": f"diem-{scope.key[:8]}"}[scope.kind]
        filename = f"{stem}-{name}"
        path = work / filename
        actor = Actor(Role.STAFF, uuid="", name=f"hub:{officer.username}")
        result = run_export(actor, store, period, path, request,
                            help_point=scope.label if scope.kind == "help_point" else "",
                            commune=scope.label if scope.kind != "help_point" else "",
                            titles=reports.titles())
    finally:
        store.close()
    reports.accounts.audit(officer.username, "export", scope=scope.kind, key=scope.key,
                           fmt=request.fmt, what=request.content, rows=result.rows,
                           start=period.start.isoformat(), end=period.end.isoformat())
    return WebExport(path, filename, request.fmt, result.rows)


def _hub_tables(hub: HubContext) -> set[str]:
    from sqlalchemy import inspect

    tables = getattr(hub, "_web_table_names", None)
    if tables is None:
        tables = set(inspect(hub.engine).get_table_names())
        hub._web_table_names = tables  # type: ignore[attr-defined]
    return tables


def cleanup(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
